"""One's own practice: the adult programme, open in full, and a private wellbeing check (the
SCS-SF) whose results only they see. For staff (it helps against burnout and makes teaching it
real) and for guardians of young clients (family practice: a parent or carer following the
adult programme themselves). Nothing here is audited or shown to anyone, and a guardian's own
practice is never shown to their young person or the young person's clinician."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kindling.accounts.models import STAFF_ROLES
from kindling.measures import actions as measures
from kindling.measures import schema
from kindling.measures.scoring import ScoringError, score_one
from kindling.safety.screen import screen

from .content import load_programme
from .models import OwnCheck, OwnPractice

CHECK = "scs-sf"


# Who has a space of their own: staff, and guardians linked to a young client.
OWN_PRACTICE_ROLES = STAFF_ROLES | {"guardian"}


def _has_own_space(request) -> None:
    if not request.user.roles() & OWN_PRACTICE_ROLES:
        raise Http404


def _as_parent(request) -> bool:
    """A guardian who is not also staff: the page speaks to a parent or carer."""
    return not request.user.roles() & STAFF_ROLES


class OwnNoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Anything you'd like to remember (only you will see it)"),
        required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


@login_required
def own_home(request: HttpRequest) -> HttpResponse:
    _has_own_space(request)
    programme = load_programme()
    checks = list(OwnCheck.objects.filter(user=request.user))
    history = [(c.completed_at, json.loads(c.scores).get("total"), c.band) for c in checks]
    return render(
        request,
        "program/own_home.html",
        {
            "stages": [(s, programme.exercises_in(s.id)) for s in programme.stages],
            "recent": OwnPractice.objects.filter(user=request.user)[:10],
            "history": history,
            "titles": {e.id: e.title for e in programme.exercises.values()},
            "as_parent": _as_parent(request),
        },
    )


@login_required
def own_exercise(request: HttpRequest, exercise_id: str) -> HttpResponse:
    _has_own_space(request)
    try:
        exercise = load_programme().exercise(exercise_id)
    except KeyError:
        raise Http404 from None
    form = OwnNoteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"].strip()
        OwnPractice.objects.create(user=request.user, exercise_id=exercise.id, note=note)
        # Screened like every free text, but this space is promised to be theirs alone: nobody
        # is told, and the writer is offered help at once.
        if note and screen(note).needs_help_now:
            messages.info(
                request,
                _(
                    "Kept, for you alone. What you wrote sounds very hard. If you might not be "
                    "safe right now, please call a crisis line: tap Help now at the top of the "
                    "page. You deserve the care you give others."
                ),
            )
        else:
            messages.success(request, _("Kept, for you alone."))
        return redirect("own_home")
    return render(
        request,
        "program/own_exercise.html",
        {"exercise": exercise, "text": exercise.html("adult"),
         "warning": exercise.warning_html("adult"), "form": form},
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
def own_check(request: HttpRequest) -> HttpResponse:
    _has_own_space(request)
    instrument = schema.get(CHECK)
    answers = measures.clean_answers(instrument, request.POST) if request.method == "POST" else {}
    missing = []
    if request.method == "POST":
        try:
            result = score_one(instrument, answers)
        except ScoringError:
            missing = [
                {"number": n, "id": item.id}
                for n, item in enumerate(instrument.items, 1)
                if item.id not in answers
            ]
        else:
            OwnCheck.objects.create(
                user=request.user, instrument_id=instrument.id,
                instrument_version=result.version, answers=json.dumps(answers),
                scores=json.dumps(result.scores), band=result.band or "",
            )  # fmt: skip
            messages.success(request, _("Saved. Only you can see it."))
            return redirect("own_home")
    rows = [
        {"number": n, "item": item, "answer": answers.get(item.id),
         "options": instrument.response_options}
        for n, item in enumerate(instrument.items, 1)
    ]  # fmt: skip
    return render(
        request,
        "program/own_check.html",
        {"instrument": instrument, "rows": rows, "missing": missing},
        status=400 if missing else 200,
    )
