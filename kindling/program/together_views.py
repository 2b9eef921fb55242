"""Family practice pages: a young person and a linked guardian doing a together exercise, each
logging their own side. Every look-up goes through the access layer; see together.py for what
each side is shown of the other's."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kindling.accounts import consent
from kindling.lib import access
from kindling.safety import pathway
from kindling.safety.practice_lines import region_for

from . import together
from .content import load_programme
from .models import TogetherPractice


def _after_guardian_note(request: HttpRequest, person, level: str) -> None:
    if level == "none":
        messages.success(request, _("Kept. Your note is for you alone."))
        return
    region = region_for(person.practice)
    number = region.emergency or region.emergency_label
    messages.info(
        request,
        _(
            "Kept. What you wrote sounds very hard. %(name)s's care team will see it, so they "
            "can help. If you or anyone else is in danger right now, call %(number)s, or tap "
            "Help now at the top of the page for crisis lines."
        )
        % {"name": person.display_name, "number": number},
    )


class LogForm(forms.Form):
    felt = forms.ChoiceField(required=False, widget=forms.RadioSelect)
    note = forms.CharField(
        required=False,
        max_length=2000,
        error_messages={
            "max_length": gettext_lazy(
                "Please keep it to %(limit_value)s characters (this one has %(show_value)s). "
                "Your words are still in the box."
            )
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    key = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args, band: str, guardian_side: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["felt"].choices = together.felt_choices(band)
        self.fields["felt"].label = (
            _("How did it feel? (you can skip this)")
            if band == "child"
            else _("How was it? (you can skip this)")
        )
        if guardian_side:
            self.fields["note"].label = _(
                "Anything you'd like to remember? Only you will see it, unless it says someone "
                "may be in danger: then your young person's care team is told, so they can help."
            )
        elif band == "child":
            self.fields["note"].label = _(
                "Want to write something? Only you can see it, unless you choose to show it."
            )
        else:
            self.fields["note"].label = _(
                "Anything you'd like to remember? Only you see it, unless you choose to share it."
            )


class YoungPersonLogForm(LogForm):
    share = forms.BooleanField(required=False)
    with_guardian = forms.TypedChoiceField(coerce=int, required=False)

    def __init__(self, *args, band: str, guardians=(), partner: str = "", **kwargs):
        super().__init__(*args, band=band, guardian_side=False, **kwargs)
        self.guardians = {g.pk: g for g in guardians}
        if len(self.guardians) == 1:
            partner = together.short_name(next(iter(self.guardians.values())))
        name = partner or _("them")
        self.fields["share"].label = (
            _("Show %(name)s what I picked and wrote") % {"name": name}
            if band == "child"
            else _("Let %(name)s see how it felt and what I wrote") % {"name": name}
        )
        if len(self.guardians) > 1:
            self.fields["with_guardian"].required = True
            self.fields["with_guardian"].choices = [
                (g.pk, g.name or g.email) for g in self.guardians.values()
            ]
            self.fields["with_guardian"].widget = forms.RadioSelect()
            self.fields["with_guardian"].label = _("Who did you do it with?")
        else:
            del self.fields["with_guardian"]

    def guardian(self):
        if "with_guardian" in self.fields:
            return self.guardians[self.cleaned_data["with_guardian"]]
        return next(iter(self.guardians.values()))


def _exercise_or_404(exercise_id: str):
    try:
        return load_programme().exercise(exercise_id)
    except KeyError:
        raise Http404("No such exercise.") from None


def _after_young_log(request, outcome, together_id: int, band: str) -> HttpResponse:
    after = pathway.page_after(outcome) if outcome is not None else None
    if after is not None:
        return redirect(after)
    messages.success(
        request,
        _("Saved. Thank you for doing that together.")
        if band != "child"
        else _("Saved! Ember is glad you did that together."),
    )
    return redirect("together_practice", together_id)


# The young person's side --------------------------------------------------------------------


@login_required
def together_home(request: HttpRequest) -> HttpResponse:
    profile, guardians = access.guardians_to_practise_with(request.user)
    request.user.client_profile = profile
    band = profile.age_band
    guardians = list(guardians.order_by("name"))
    practices = [
        together.for_young_person(t, band)
        for t in access.own_together_practices(request.user).select_related("guardian", "session")[
            :20
        ]
    ]
    return render(
        request,
        "program/together_home.html",
        {
            "profile": profile,
            "band": band,
            "guardians": guardians,
            "exercises": together.open_family_exercises(profile) if guardians else [],
            "waiting": [p for p in practices if not p.i_did_it],
            "done": [p for p in practices if p.i_did_it],
        },
    )


@login_required
def together_new(request: HttpRequest, exercise_id: str) -> HttpResponse:
    profile, guardians = access.guardians_to_practise_with(request.user)
    request.user.client_profile = profile
    exercise = together.open_family_exercise(profile, exercise_id)
    guardians = list(guardians.order_by("name"))
    if exercise is None or not guardians:
        raise Http404("Not open for practising together.")
    band = profile.age_band
    data = request.POST if request.method == "POST" else None
    form = YoungPersonLogForm(
        data, band=band, guardians=guardians, initial={"key": together.new_key()}
    )
    if request.method == "POST" and form.is_valid():
        practice = together.start(
            profile, form.guardian(), exercise, by=TogetherPractice.Side.YOUNG_PERSON,
            key=form.cleaned_data["key"],
        )  # fmt: skip
        outcome = together.log_young_person(
            practice, felt=form.cleaned_data["felt"], note=form.cleaned_data["note"],
            share=form.cleaned_data["share"],
        )  # fmt: skip
        return _after_young_log(request, outcome, practice.pk, band)
    return render(
        request,
        "program/together_practice.html",
        {
            "profile": profile, "band": band, "side": "young", "exercise": exercise,
            "title": exercise.title_for(band), "text": exercise.html(band),
            "warning": exercise.warning_html(band), "form": form, "view": None,
            "partner": together.short_name(guardians[0]) if len(guardians) == 1 else "",
            "action": request.path,
        },
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
def together_practice(request: HttpRequest, together_id: int) -> HttpResponse:
    practice = access.own_together_practice(request.user, together_id)
    profile = practice.client
    request.user.client_profile = profile
    band = profile.age_band
    exercise = _exercise_or_404(practice.exercise_id)
    form = None
    if practice.young_done_at is None:
        form = YoungPersonLogForm(
            request.POST if request.method == "POST" else None, band=band,
            partner=together.short_name(practice.guardian),
        )  # fmt: skip
        if request.method == "POST" and form.is_valid():
            outcome = together.log_young_person(
                practice, felt=form.cleaned_data["felt"], note=form.cleaned_data["note"],
                share=form.cleaned_data["share"],
            )  # fmt: skip
            return _after_young_log(request, outcome, practice.pk, band)
    elif request.method == "POST":
        return redirect("together_practice", practice.pk)
    view = together.for_young_person(practice, band)
    return render(
        request,
        "program/together_practice.html",
        {
            "profile": profile, "band": band, "side": "young", "exercise": exercise,
            "title": exercise.title_for(band), "text": exercise.html(band),
            "warning": exercise.warning_html(band), "form": form, "view": view,
            "partner": view.guardian_name, "practice": practice,
            "settling": _settling(band) if practice.young_felt == "hard" else None,
            "action": request.path,
        },
        status=400 if form is not None and form.errors else 200,
    )  # fmt: skip


def _settling(band: str):
    settling = load_programme().settling_exercises()
    return settling[0] if settling else None


@login_required
@require_POST
def together_share(request: HttpRequest, together_id: int) -> HttpResponse:
    practice = access.own_together_practice(request.user, together_id)
    if practice.young_done_at is None:
        return redirect("together_practice", practice.pk)
    if together.set_shared(practice, request.POST.get("share") == "yes"):
        messages.success(request, _("Your choice is saved. You can change it whenever you like."))
    else:
        messages.info(
            request,
            _(
                "Some of what you wrote sounded hard, so your helper at the practice will read "
                "it first. It stays just for you and them for now."
            ),
        )
    return redirect("together_practice", practice.pk)


# The guardian's side ------------------------------------------------------------------------


@login_required
def guardian_together_new(request: HttpRequest, client_id: int, exercise_id: str) -> HttpResponse:
    person = access.young_person_for(request.user, client_id)
    exercise = together.open_family_exercise(person, exercise_id)
    if exercise is None or consent.needs_guardian_consent(person):
        raise Http404("Not open for practising together.")
    form = LogForm(
        request.POST if request.method == "POST" else None,
        band="adult", guardian_side=True, initial={"key": together.new_key()},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        practice = together.start(
            person, request.user, exercise, by=TogetherPractice.Side.GUARDIAN,
            key=form.cleaned_data["key"],
        )  # fmt: skip
        level = together.log_guardian(
            practice, felt=form.cleaned_data["felt"], note=form.cleaned_data["note"]
        )
        _after_guardian_note(request, person, level)
        return redirect("young_person", person.pk)
    return render(
        request,
        "program/together_practice.html",
        {
            "person": person, "band": "adult", "side": "guardian", "exercise": exercise,
            "title": exercise.title, "text": exercise.html("adult"),
            "warning": exercise.warning_html("adult"), "form": form, "view": None,
            "partner": person.display_name, "action": request.path,
        },
        status=400 if form.errors else 200,
    )  # fmt: skip


@login_required
def guardian_together(request: HttpRequest, together_id: int) -> HttpResponse:
    practice = access.guardian_together_practice(request.user, together_id)
    person = practice.client
    exercise = _exercise_or_404(practice.exercise_id)
    form = None
    if practice.guardian_done_at is None:
        form = LogForm(
            request.POST if request.method == "POST" else None, band="adult", guardian_side=True
        )
        if request.method == "POST" and form.is_valid():
            level = together.log_guardian(
                practice, felt=form.cleaned_data["felt"], note=form.cleaned_data["note"]
            )
            _after_guardian_note(request, person, level)
            return redirect("young_person", person.pk)
    elif request.method == "POST":
        return redirect("guardian_together", practice.pk)
    return render(
        request,
        "program/together_practice.html",
        {
            "person": person, "band": "adult", "side": "guardian", "exercise": exercise,
            "title": exercise.title, "text": exercise.html("adult"),
            "warning": exercise.warning_html("adult"), "form": form,
            "view": together.for_guardian(practice), "partner": person.display_name,
            "action": request.path,
        },
        status=400 if form is not None and form.errors else 200,
    )  # fmt: skip


def family_page_context(guardian, person) -> dict:
    """What the guardian's page about a young person adds for family practice: the together
    exercises open to them both, and what they did together (never the young person's private
    side). `person` must come from access.young_person_for."""
    ready = not consent.needs_guardian_consent(person)
    return {
        "together_exercises": together.open_family_exercises(person) if ready else [],
        "together_practices": [
            together.for_guardian(t) for t in access.together_practices_with(person, guardian)[:20]
        ],
    }
