"""The clinician's workspace: the caseload and each client's record."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kindling.accounts import consent, rights
from kindling.accounts.models import GuardianLink, Role
from kindling.lib import access


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    if Role.CLINICIAN not in request.user.roles():
        raise Http404
    clients = (
        access.caseload_for(request.user)
        .select_related("user")
        .order_by("preferred_name", "user__name")
    )
    return render(request, "care/caseload.html", {"clients": clients})


@login_required
def client_record(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access.client_for(request.user, client_id)
    guardians = GuardianLink.objects.filter(client=client).select_related("guardian")
    care_team = client.care_team.order_by("name")
    context = {
        "client": client,
        "guardians": guardians,
        "care_team": care_team,
        "consents": client.consents.filter(withdrawn_at__isnull=True).order_by("given_at"),
        "needs_guardian_consent": consent.needs_guardian_consent(client),
        "erasure": rights.open_erasure_request(client),
        "keep_until": rights.keep_until(client),
        "today": timezone.localdate(),
    }
    return render(request, "care/client_record.html", context)
