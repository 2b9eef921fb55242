"""The client's programme: the path, an exercise, practising it with before and after ratings."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from kindling.lib import access, drafts
from kindling.safety import pathway

from . import pacing
from .content import load_programme

RATINGS = [(n, str(n)) for n in range(11)]


class RatingForm(forms.Form):
    """0–10, words at the ends, and always skippable."""

    rating = forms.TypedChoiceField(
        choices=RATINGS, coerce=int, required=False, empty_value=None, widget=forms.RadioSelect
    )


class FinishForm(RatingForm):
    note = forms.CharField(
        label=_("Anything you'd like to remember about this time?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _open_exercise(request, exercise_id: str):
    profile = access.own_client_profile(request.user)
    request.user.client_profile = profile
    try:
        exercise = load_programme().exercise(exercise_id)
    except KeyError:
        raise Http404("No such exercise.") from None
    pace = pacing.pace_for(profile)
    if not pace.exercise_is_open(exercise):
        raise Http404("Not open yet.")  # a locked stage cannot be opened by its address
    return profile, exercise, pace


@login_required
def programme(request: HttpRequest) -> HttpResponse:
    profile = access.own_client_profile(request.user)
    request.user.client_profile = profile
    pace = pacing.pace_for(profile)
    practised = pacing.practised_ids(profile)
    return render(
        request,
        "program/programme.html",
        {
            "profile": profile,
            "band": profile.age_band,
            "stages": pace.stages(),
            "pace": pace,
            "practised": practised,
            "coming_next": pace.coming_next(),
        },
    )


@login_required
def exercise(request: HttpRequest, exercise_id: str) -> HttpResponse:
    profile, chosen, pace = _open_exercise(request, exercise_id)
    form = RatingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        session = pacing.start(profile, chosen, form.cleaned_data["rating"])
        return redirect("practise", session.pk)
    band = profile.age_band
    return render(
        request,
        "program/exercise.html",
        {
            "profile": profile,
            "band": band,
            "exercise": chosen,
            "title": chosen.title_for(band),
            "warning": chosen.warning_html(band),
            "message": pace.messages.get(chosen.id) or pace.messages.get(chosen.stage),
            "form": form,
            "stage": load_programme().stage(chosen.stage),
        },
        status=400 if form.errors else 200,
    )


def _own_session(request, session_id: int):
    session = access.own_practice_session(request.user, session_id)
    request.user.client_profile = session.client
    return session


@login_required
def practise(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _own_session(request, session_id)
    if session.finished_at:
        return redirect("practised", session.pk)
    chosen = load_programme().exercise(session.exercise_id)
    band = session.client.age_band
    parked = drafts.take(request.user, request.path) if request.method == "GET" else None
    form = FinishForm(request.POST if request.method == "POST" else parked)
    if request.method == "POST" and form.is_valid():
        session = pacing.finish(session, form.cleaned_data["rating"], form.cleaned_data["note"])
        # A note that reads as risk goes where the safety pathway says (the calm page, or
        # support); `outcome` is there only when this request finished the session.
        after = pathway.page_after(getattr(session, "outcome", pathway.NONE))
        return redirect(after) if after else redirect("practised", session.pk)
    return render(
        request,
        "program/practise.html",
        {
            "profile": session.client,
            "band": band,
            "session": session,
            "exercise": chosen,
            "title": chosen.title_for(band),
            "text": chosen.html(band),
            "form": form,
            "settling": next(iter(load_programme().settling_exercises()), None),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def practised(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _own_session(request, session_id)
    if not session.finished_at:
        return redirect("practise", session.pk)
    band = session.client.age_band
    programme = load_programme()
    settling = [e for e in programme.settling_exercises() if e.id != session.exercise_id][:1]
    return render(
        request,
        "program/practised.html",
        {
            "profile": session.client,
            "band": band,
            "session": session,
            "exercise": programme.exercise(session.exercise_id),
            "settling": settling[0] if session.settling_offered and settling else None,
            "settling_text": settling[0].html(band) if settling else "",
        },
    )
