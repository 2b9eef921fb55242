"""The clinician's workspace: the caseload and each client's record."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kindling.accounts import consent, rights
from kindling.accounts.models import GuardianLink, Role
from kindling.lib import access, audit
from kindling.lib.widgets import DateInput, TimeInput
from kindling.measures import charts
from kindling.program import pacing
from kindling.program.content import load_programme
from kindling.safety.models import Alert

from . import appointments, record
from . import caseload as caseload_pages
from .models import Appointment, CareMessage
from .notes import recent_notes


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    if Role.CLINICIAN not in request.user.roles():
        raise Http404
    sort = request.GET.get("sort", "name")
    band = request.GET.get("band", "")
    search = request.GET.get("q", "").strip()[:80]
    needs_look = request.GET.get("look") == "1"
    page, rows = caseload_pages.page_of(
        access.caseload_for(request.user), sort=sort, band=band, search=search,
        needs_look=needs_look, page=request.GET.get("page", 1),
    )  # fmt: skip
    alerts = Alert.most_pressing_first(
        access.alerts_for(request.user)
        .filter(acknowledged_at__isnull=True)
        .select_related("client", "client__user")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "care/caseload.html",
        {
            "rows": rows,
            "page": page,
            "alerts": alerts,
            "sort": sort if sort in caseload_pages.SORTS else "name",
            "band": band,
            "search": search,
            "needs_look": needs_look,
            "query": query.urlencode(),
            "filtered": bool(search or band or needs_look),
        },
    )


@login_required
def client_record(
    request: HttpRequest, client_id: int, *, appointment_form=None, message_form=None, status=200
) -> HttpResponse:
    client = access.client_for(request.user, client_id)
    guardians = GuardianLink.objects.filter(client=client).select_related("guardian")
    care_team = client.care_team.order_by("name")
    pace = pacing.pace_for(client)
    hard_practice = list(pacing.flags_to_see(client))
    context = {
        "client": client,
        "guardians": guardians,
        "care_team": care_team,
        "consents": client.consents.filter(withdrawn_at__isnull=True).order_by("given_at"),
        "needs_guardian_consent": consent.needs_guardian_consent(client),
        "erasure": rights.open_erasure_request(client),
        "keep_until": rights.keep_until(client),
        "today": timezone.localdate(),
        "stages": pace.stages(),
        "pace": pace,
        "band": client.age_band,
        "practice_log": pacing.recent_practice(client)[:20],
        "titles": {e.id: e.title for e in load_programme().exercises.values()},
        "hard_practice": hard_practice,
        "shared_entries": access.journal_shared_with_care_team(client).order_by("-saved_at"),
        "alerts": client.alerts.filter(acknowledged_at__isnull=True),
        "timeline": record.timeline(client),
        "appointments": appointments.upcoming(client),
        "appointment_form": appointment_form or AppointmentForm(),
        "message_form": message_form or MessageForm(),
        "sent_messages": client.messages.all()[:5],
        "notes": recent_notes(client),
    }
    return render(request, "care/client_record.html", context, status=status)


@login_required
@require_POST
def unlock(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access.client_for(request.user, client_id)
    try:
        pacing.unlock(
            client,
            by=request.user,
            stage_id=request.POST.get("stage", ""),
            exercise_id=request.POST.get("exercise", ""),
            message=request.POST.get("message", "")[:500],
        )
    except pacing.PacingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Opened for %(name)s.") % {"name": client.display_name})
    return redirect(reverse("client_record", args=[client.pk]) + "#programme-heading")


@login_required
@require_POST
def flags_seen(request: HttpRequest, client_id: int) -> HttpResponse:
    """A clinician says they have seen the practices where distress rose (a deliberate step:
    opening the record is not the same as taking it in)."""
    client = access.client_for(request.user, client_id)
    pacing.mark_flags_seen(client)
    messages.success(request, _("Marked as seen."))
    return redirect("client_record", client.pk)


# Appointments, messages, the progress report --------------------------------------------------


class AppointmentForm(forms.Form):
    day = forms.DateField(label=gettext_lazy("Day"), widget=DateInput())
    time = forms.TimeField(label=gettext_lazy("Time"), widget=TimeInput())
    minutes = forms.IntegerField(label=gettext_lazy("Minutes"), min_value=10, max_value=240,
                                 initial=50)  # fmt: skip
    mode = forms.ChoiceField(label=gettext_lazy("How"), choices=Appointment.Mode.choices)
    link = forms.URLField(
        label=gettext_lazy("Video link (shown only to the client)"), required=False,
        max_length=500, assume_scheme="https",
    )  # fmt: skip


@login_required
@require_POST
def appointment_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access.client_for(request.user, client_id)
    form = AppointmentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        starts = timezone.make_aware(dt.datetime.combine(data["day"], data["time"]))
        try:
            appointments.set_appointment(
                client, by=request.user, starts_at=starts, minutes=data["minutes"],
                mode=data["mode"], link=data["link"],
            )  # fmt: skip
        except appointments.AppointmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Appointment set. %(name)s will see it on Today.")
                             % {"name": client.display_name})  # fmt: skip
            return redirect(reverse("client_record", args=[client.pk]) + "#appointments-heading")
    return client_record(request, client.pk, appointment_form=form, status=400)


@login_required
@require_POST
def appointment_cancel(request: HttpRequest, client_id: int, appointment_id: int) -> HttpResponse:
    client = access.client_for(request.user, client_id)
    appointment = get_object_or_404(client.appointments, pk=appointment_id)
    appointments.cancel(appointment, by=request.user)
    messages.success(request, _("Appointment cancelled."))
    return redirect(reverse("client_record", args=[client.pk]) + "#appointments-heading")


class MessageForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("A note your client sees on Today"), max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


@login_required
@require_POST
def message_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access.client_for(request.user, client_id)
    form = MessageForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            message = CareMessage.objects.create(
                client=client, author=request.user, text=form.cleaned_data["text"].strip()
            )
            audit.record(
                "create", actor=request.user, role="clinician", practice_id=client.practice_id,
                obj=message, subject_id=client.user_id,
            )  # fmt: skip
        messages.success(request, _("Sent. %(name)s will see it on Today.")
                         % {"name": client.display_name})  # fmt: skip
        return redirect(reverse("client_record", args=[client.pk]) + "#message-heading")
    return client_record(request, client.pk, message_form=form, status=400)


def _ticked_entries(request) -> list[int]:
    return [int(v) for v in request.GET.getlist("entry") if v.isdigit()][:200]


@login_required
def progress_report(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access.client_for(request.user, client_id)
    data = record.report(client, _ticked_entries(request))
    for n, series in enumerate(data.series):
        series.chart = charts.chart(series, chart_id=f"report-chart-{n}")
    shared = access.journal_shared_with_care_team(client).order_by("-saved_at")
    return render(
        request,
        "care/report.html",
        {"client": client, "report": data, "shared": shared, "query": request.GET.urlencode()},
    )


@login_required
def progress_report_pdf(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access.client_for(request.user, client_id)
    data = record.report(client, _ticked_entries(request))
    audit.record(
        "export", actor=request.user, role="clinician", practice_id=client.practice_id,
        obj=client, subject_id=client.user_id, detail="progress report",
    )  # fmt: skip
    response = HttpResponse(record.report_pdf(data), content_type="application/pdf")
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="report-{client.pk}-{stamp}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
