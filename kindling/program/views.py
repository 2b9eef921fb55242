"""The client's pages: "today", and the guardian's family page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kindling.accounts import consent
from kindling.accounts.models import ClientProfile
from kindling.care import appointments
from kindling.lib import access

from . import pacing, together_views
from .content import load_programme
from .kindness import todays_kindness


@login_required
def today(request: HttpRequest) -> HttpResponse:
    try:
        profile = ClientProfile.objects.select_related("practice").get(user=request.user)
    except ClientProfile.DoesNotExist:
        raise Http404 from None
    request.user.client_profile = profile  # the context processor reads it too; fetch once
    care_team = list(profile.care_team.order_by("name"))
    due = list(
        access.own_administrations(request.user)
        .due(today=profile.practice.today())
        .order_by("due_on")
    )
    pace = pacing.pace_for(profile)
    settling = load_programme().settling_exercises()
    return render(
        request,
        f"program/today_{profile.age_band}.html",
        {
            "profile": profile,
            "band": profile.age_band,
            "care_team": care_team,
            "due": due,
            "pace": pace,
            "next_exercise": pace.next_exercise(pacing.practised_ids(profile)),
            "settling": settling[0] if settling else None,
            "kindness": todays_kindness(profile),
            "next_appointment": appointments.next_for(profile),
            "care_messages": list(profile.messages.filter(read_at__isnull=True)[:3]),
        },
    )


@login_required
@require_POST
def put_message_away(request: HttpRequest, message_id: int) -> HttpResponse:
    message = access.own_care_message(request.user, message_id)
    type(message).objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("today")


@login_required
def family(request: HttpRequest) -> HttpResponse:
    young_people = (
        access.young_people_for(request.user).select_related("user").order_by("preferred_name")
    )
    if not young_people:
        raise Http404
    return render(request, "program/family.html", {"young_people": young_people})


@login_required
def young_person(request: HttpRequest, client_id: int) -> HttpResponse:
    person = access.young_person_for(request.user, client_id)
    care_team = person.care_team.order_by("name")
    context = {
        "person": person,
        "shared_entries": access.journal_shared_with_guardian(person).order_by("-saved_at"),
        "care_team": care_team,
        "needs_consent": consent.needs_guardian_consent(person),
    }
    context.update(together_views.family_page_context(request.user, person))  # family practice
    return render(request, "program/young_person.html", context)
