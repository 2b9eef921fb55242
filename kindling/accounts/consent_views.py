"""Consent pages: the client's own, the guardian's for a child, and the clinician's record of
consent given on paper."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kindling.lib import access

from . import actions, consent
from .models import AgeBand, ClientProfile


@login_required
def my_consent(request: HttpRequest) -> HttpResponse:
    try:
        profile = ClientProfile.objects.get(user=request.user)
    except ClientProfile.DoesNotExist:
        raise Http404 from None
    text = consent.own_text_for(profile)
    if request.method == "POST":
        if request.POST.get("agree") != "yes":
            return render(request, "accounts/consent.html", {
                "text": text, "profile": profile, "error": True,
                "has_clinician": bool(access.active_clinicians(profile)),
            }, status=400)  # fmt: skip
        if consent.needs_own_agreement(profile):
            actions.give_consent(profile, request.user, text.audience)
        return redirect("my_consent")
    if not consent.needs_own_agreement(profile):
        if consent.needs_guardian_consent(profile):
            return render(request, "accounts/consent_waiting.html", {"profile": profile})
        request.session["consent_ok"] = consent.current_key()
        return redirect("home")
    return render(request, "accounts/consent.html", {
        "text": text, "profile": profile,
        # A workshop participant may have no clinician: "talk it over with your clinician"
        # would point to nobody.
        "has_clinician": bool(access.active_clinicians(profile)),
    })  # fmt: skip


@login_required
def guardian_consent(request: HttpRequest, client_id: int) -> HttpResponse:
    person = access.young_person_for(request.user, client_id)
    if person.age_band != AgeBand.CHILD:
        raise Http404
    text = consent.texts()["guardian"]
    if request.method == "POST":
        if request.POST.get("agree") != "yes":
            return render(request, "accounts/guardian_consent.html",
                          {"text": text, "person": person, "error": True}, status=400)  # fmt: skip
        if consent.needs_guardian_consent(person):
            actions.give_consent(person, request.user, "guardian")
        messages.success(request, _("Thank you. %(name)s can start when they're ready.")
                         % {"name": person.display_name})  # fmt: skip
        return redirect("young_person", client_id=person.pk)
    return render(request, "accounts/guardian_consent.html", {
        "text": text, "person": person, "done": not consent.needs_guardian_consent(person),
    })  # fmt: skip


@login_required
@require_POST
def record_paper_consent(request: HttpRequest, client_id: int) -> HttpResponse:
    """A clinician records that a guardian consented on paper (for a child with no guardian
    account in Kindling)."""
    client = access.client_for(request.user, client_id)
    if client.age_band != AgeBand.CHILD:
        raise Http404
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Please tick the box to confirm you hold the signed consent."))
        return redirect("client_record", client_id=client.pk)
    if consent.needs_guardian_consent(client):
        actions.give_consent(client, request.user, "guardian", method="recorded")
    messages.success(request, _("The guardian's consent is recorded."))
    return redirect("client_record", client_id=client.pk)
