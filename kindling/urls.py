"""Every address Kindling answers. Nothing here carries health data in a path."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from kindling.accounts import consent_views, rights_views
from kindling.accounts import views as accounts
from kindling.care import notes_views
from kindling.care import views as care
from kindling.lib import audit_views
from kindling.measures import views as measures
from kindling.program import journal_views, own_views, practice_views
from kindling.program import views as program
from kindling.safety import views as safety

# The admin has no login of its own: it sends people to Kindling's, which asks for the second
# step. Otherwise Django's password-only admin login would sign a staff member in site-wide.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", accounts.home, name="home"),
    path("healthz", accounts.healthz, name="healthz"),
    path("today/", program.today, name="today"),
    path("today/notes/<int:message_id>/away", program.put_message_away, name="put_message_away"),
    path("consent/", consent_views.my_consent, name="my_consent"),
    path("my-data/", rights_views.my_data, name="my_data"),
    path("my-data/kindling.json", rights_views.export_json, name="export_json"),
    path("my-data/kindling.html", rights_views.export_html, name="export_html"),
    path("my-data/erase/", rights_views.ask_for_erasure, name="ask_for_erasure"),
    path("clients/<int:client_id>/erasure", rights_views.decide_erasure, name="decide_erasure"),
    path(
        "clients/<int:client_id>/guardian-view",
        rights_views.set_guardian_view,
        name="set_guardian_view",
    ),
    path(
        "family/<int:client_id>/consent/", consent_views.guardian_consent, name="guardian_consent"
    ),
    path(
        "clients/<int:client_id>/paper-consent",
        consent_views.record_paper_consent,
        name="record_paper_consent",
    ),
    path("family/", program.family, name="family"),
    path("family/<int:client_id>/", program.young_person, name="young_person"),
    path("my-practice/", own_views.own_home, name="own_home"),
    path("my-practice/check/", own_views.own_check, name="own_check"),
    path("my-practice/<slug:exercise_id>/", own_views.own_exercise, name="own_exercise"),
    path("programme/", practice_views.programme, name="programme"),
    path("programme/sessions/<int:session_id>/", practice_views.practise, name="practise"),
    path("programme/sessions/<int:session_id>/done", practice_views.practised, name="practised"),
    path("programme/<slug:exercise_id>/", practice_views.exercise, name="exercise"),
    path("journal/", journal_views.journal_list, name="journal"),
    path("journal/new/<str:kind>/", journal_views.journal_new, name="journal_new"),
    path("journal/<int:entry_id>/", journal_views.journal_entry, name="journal_entry"),
    path("journal/<int:entry_id>/share", journal_views.journal_share, name="journal_share"),
    path("journal/<int:entry_id>/delete", journal_views.journal_delete, name="journal_delete"),
    path("safety/check/", safety.check, name="safety_check"),
    path("safety/check/safe", safety.check_safe, name="safety_check_safe"),
    path("safety/call/<int:index>", safety.check_call, name="safety_call"),
    path("safety/support/", safety.support, name="safety_support"),
    path("safety/support/you/", safety.support, {"for_you": True}, name="safety_support_you"),
    path("safety/plan/", safety.my_plan, name="my_safety_plan"),
    path("safety/plan/my-plan.txt", safety.my_plan_file, name="my_safety_plan_file"),
    path("clients/<int:client_id>/safety-plan/", safety.client_plan, name="client_safety_plan"),
    path("clients/<int:client_id>/unlock", care.unlock, name="unlock"),
    path("clients/<int:client_id>/flags-seen", care.flags_seen, name="flags_seen"),
    path(
        "clients/<int:client_id>/appointments/new",
        care.appointment_new,
        name="appointment_new",
    ),
    path(
        "clients/<int:client_id>/appointments/<int:appointment_id>/cancel",
        care.appointment_cancel,
        name="appointment_cancel",
    ),
    path("clients/<int:client_id>/messages/new", care.message_new, name="message_new"),
    path("clients/<int:client_id>/report/", care.progress_report, name="progress_report"),
    path("clients/<int:client_id>/report.pdf", care.progress_report_pdf, name="report_pdf"),
    path("alerts/<int:alert_id>/", safety.alert_detail, name="alert"),
    path(
        "practice/<int:practice_id>/crisis-lines/",
        safety.practice_crisis_lines,
        name="practice_crisis_lines",
    ),
    path("check-ins/", measures.check_ins, name="check_ins"),
    path("check-ins/<int:administration_id>/", measures.take, name="check_in"),
    path("check-ins/<int:administration_id>/done", measures.done, name="check_in_done"),
    path("clients/<int:client_id>/measures/", measures.results, name="measure_results"),
    path("clients/<int:client_id>/measures/assign", measures.assign, name="measure_assign"),
    path(
        "clients/<int:client_id>/measures/<int:assignment_id>/end",
        measures.end,
        name="measure_end",
    ),
    path(
        "clients/<int:client_id>/results/<int:administration_id>.fhir.json",
        measures.response_fhir,
        name="measure_fhir",
    ),
    path("caseload/", care.caseload, name="caseload"),
    path("clients/<int:client_id>/", care.client_record, name="client_record"),
    path("clients/<int:client_id>/notes/", notes_views.notes_list, name="session_notes"),
    path("clients/<int:client_id>/notes/new/", notes_views.note_new, name="session_note_new"),
    path(
        "clients/<int:client_id>/notes/<int:note_id>/",
        notes_views.note_page,
        name="session_note",
    ),
    path(
        "clients/<int:client_id>/notes/<int:note_id>/edit/",
        notes_views.note_edit,
        name="session_note_edit",
    ),
    path(
        "clients/<int:client_id>/notes/<int:note_id>/addendum/",
        notes_views.note_addendum,
        name="session_note_addendum",
    ),
    path("invite/", accounts.invite_client, name="invite_client"),
    path("work/", accounts.staff_home, name="staff_home"),
    path("practice/", accounts.practice_home, name="practice_home"),
    path("practice/<int:practice_id>/", accounts.practice_detail, name="practice_detail"),
    path(
        "invitations/<int:invitation_id>/revoke",
        accounts.revoke_invitation,
        name="invitation_revoke",
    ),
    path("invitations/accept/<str:token>/", accounts.accept_invitation, name="invitation_accept"),
    path("practice/<int:practice_id>/audit/", audit_views.practice_log, name="practice_audit"),
    path("my-record/visits/", audit_views.my_record_visits, name="my_record_visits"),
    path("", include("kindling.program.kindness_urls")),
    path("", include("kindling.program.together_urls")),
    path("", include("kindling.public.urls")),
    path("", include("kindling.groups.urls")),
    path("", include("kindling.groupwork.urls")),
    path("accounts/", include("allauth.urls")),
    path("django-admin/", admin.site.urls),
]

handler400 = "kindling.lib.errors.bad_request"
handler403 = "kindling.lib.errors.permission_denied"
handler404 = "kindling.lib.errors.page_not_found"
handler500 = "kindling.lib.errors.server_error"
