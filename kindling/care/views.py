"""The clinician's workspace: the caseload and each client's record."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kindling.accounts import consent, rights
from kindling.accounts.models import GuardianLink, Role
from kindling.lib import access
from kindling.program import pacing
from kindling.program.content import load_programme


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    if Role.CLINICIAN not in request.user.roles():
        raise Http404
    clients = (
        access.caseload_for(request.user)
        .select_related("user")
        .annotate(
            practice_flags=Count(
                "practice_sessions",
                filter=Q(
                    practice_sessions__settling_offered=True,
                    practice_sessions__flag_seen_at__isnull=True,
                ),
            )
        )
        .order_by("preferred_name", "user__name")
    )
    alerts = (
        access.alerts_for(request.user)
        .filter(acknowledged_at__isnull=True)
        .select_related("client", "client__user")
        .order_by("-level", "created_at")  # urgent before concern, oldest first
    )
    return render(request, "care/caseload.html", {"clients": clients, "alerts": alerts})


@login_required
def client_record(request: HttpRequest, client_id: int) -> HttpResponse:
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
    }
    return render(request, "care/client_record.html", context)


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
