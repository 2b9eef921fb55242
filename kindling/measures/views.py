"""Check-ins for the client (answering a questionnaire) and results for the clinician.

Everything works without JavaScript. Adults and teenagers see every question on one page;
children see one question per screen. Every answer given is kept as a draft, so leaving half way
loses nothing.
"""

from __future__ import annotations

import datetime as dt
import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kindling.accounts.models import Role
from kindling.lib import access, audit, drafts
from kindling.lib.widgets import DateInput

from . import actions, charts, fhir, schema
from .results import gentle_view, series_for
from .scoring import Result


def _one_per_screen(administration) -> bool:
    return administration.client.age_band == "child"


def _item_rows(instrument, answers: dict, numbers: range | None = None):
    chosen = [(n, item) for n, item in enumerate(instrument.items, start=1)]
    if numbers is not None:
        chosen = [(n, item) for n, item in chosen if n in numbers]
    return [
        {
            "number": n,
            "item": item,
            "answer": answers.get(item.id),
            "options": instrument.response_options,
        }
        for n, item in chosen
    ]


@login_required
def check_ins(request: HttpRequest) -> HttpResponse:
    profile = access.own_client_profile(request.user)
    request.user.client_profile = profile
    mine = access.own_administrations(request.user).select_related("assignment")
    today = profile.practice.today()
    waiting = [a for a in mine.open().order_by("due_on") if a.due_on <= today]
    coming = [a for a in mine.open().order_by("due_on") if a.due_on > today]
    views = [(s.instrument, gentle_view(s)) for s in series_for(mine.completed())]
    return render(
        request,
        "measures/check_ins.html",
        {"profile": profile, "waiting": waiting, "coming": coming, "views": views},
    )


@login_required
def take(request: HttpRequest, administration_id: int) -> HttpResponse:
    administration = access.own_administration(request.user, administration_id)
    request.user.client_profile = administration.client
    if not administration.is_open:
        if administration.completed_at:
            return redirect("check_in_done", administration.pk)
        messages.info(request, _("That check-in has been closed by your clinician."))
        return redirect("check_ins")
    instrument = administration.instrument
    total = len(instrument.items)
    single = _one_per_screen(administration)
    if request.method == "GET":  # answers sent as an idle session ended come back here
        parked = drafts.take(request.user, request.path)
        if parked:
            actions.save_draft(administration, actions.clean_answers(instrument, parked))
    try:
        number = min(max(int(request.GET.get("q", "1")), 1), total) if single else None
    except ValueError:
        number = 1
    missing: list[dict] = []

    if request.method == "POST":
        if single:
            try:
                number = min(max(int(request.POST.get("q", "1")), 1), total)
            except ValueError:
                number = 1
        given = actions.clean_answers(instrument, request.POST)
        actions.save_draft(administration, given)
        answers = {**administration.draft, **given}
        action = request.POST.get("action", "finish")
        if action == "autosave":  # check-in.js, after each answer
            return HttpResponse(status=204)
        if action == "save":
            messages.success(request, _("Saved. You can come back and finish whenever you like."))
            return redirect("check_ins")
        if single and action == "back":
            return redirect(f"{reverse('check_in', args=[administration.pk])}?q={number - 1}")
        if single and action == "next" and number < total:
            return redirect(f"{reverse('check_in', args=[administration.pk])}?q={number + 1}")
        unanswered = [n for n, item in enumerate(instrument.items, 1) if item.id not in answers]
        if unanswered:
            if single:
                messages.info(request, _("One question is still waiting for you."))
                url = reverse("check_in", args=[administration.pk])
                return redirect(f"{url}?q={unanswered[0]}")
            missing = [{"number": n, "id": instrument.items[n - 1].id} for n in unanswered]
        else:
            stored, _created = actions.submit(administration, answers)
            return redirect("check_in_done", stored.pk)

    answers = administration.draft
    answered = sum(1 for item in instrument.items if item.id in answers)
    context = {
        "administration": administration,
        "instrument": instrument,
        "message": administration.assignment.message,
        "total": total,
        "answered": answered,
        "missing": missing,
        "single": single,
    }
    if single:
        context["rows"] = _item_rows(instrument, answers, range(number, number + 1))
        context["number"] = number
        context["is_last"] = number == total
    else:
        context["rows"] = _item_rows(instrument, answers)
    status = 400 if missing else 200
    return render(request, "measures/take.html", context, status=status)


@login_required
def done(request: HttpRequest, administration_id: int) -> HttpResponse:
    administration = access.own_administration(request.user, administration_id)
    request.user.client_profile = administration.client
    if administration.completed_at is None:
        return redirect("check_in", administration.pk)
    mine = access.own_administrations(request.user).completed()
    series = series_for(mine.filter(instrument_id=administration.instrument_id))
    view = gentle_view(series[0]) if series else None
    return render(
        request,
        "measures/done.html",
        {
            "administration": administration,
            "view": view,
            "safety": bool(administration.safety_flags),
        },
    )


# The clinician's side --------------------------------------------------------------------------


class AssignForm(forms.Form):
    instrument = forms.ChoiceField(label=gettext_lazy("Questionnaire"))
    repeat = forms.TypedChoiceField(
        label=gettext_lazy("How often"),
        coerce=int,
        choices=[
            (0, gettext_lazy("Once")),
            (2, gettext_lazy("Every 2 weeks")),
            (4, gettext_lazy("Every 4 weeks")),
            (6, gettext_lazy("Every 6 weeks")),
            (8, gettext_lazy("Every 8 weeks")),
            (12, gettext_lazy("Every 12 weeks")),
        ],
        initial=0,
        help_text=gettext_lazy(
            "A repeat falls due that many weeks after the last one was answered."
        ),
    )
    starts_on = forms.DateField(
        label=gettext_lazy("First one due on"),
        widget=DateInput(),
    )
    message = forms.CharField(
        label=gettext_lazy("A note for your client"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = [
            (i.id, f"{i.short_title} · {i.title}") for i in actions.instruments_for(client)
        ]
        self.fields["starts_on"].initial = client.practice.today()
        self.practice_today = client.practice.today()

    def clean_starts_on(self):
        starts_on = self.cleaned_data["starts_on"]
        if starts_on > self.practice_today + dt.timedelta(days=366):
            raise forms.ValidationError(gettext_lazy("Choose a day within the next year."))
        return starts_on


def _results_context(request, client, form=None):
    completed = client.administrations.completed()
    series = series_for(completed)
    for n, s in enumerate(series):
        s.chart = charts.chart(s, chart_id=f"chart-{n}")
    assignments = client.measure_assignments.filter(ended_at__isnull=True).prefetch_related(
        "administrations"
    )
    available = actions.instruments_for(client)
    return {
        "client": client,
        "series": series,
        "assignments": assignments,
        "form": form or (AssignForm(client=client) if available else None),
        "today": client.practice.today(),
    }


@login_required
def results(request: HttpRequest, client_id: int) -> HttpResponse:
    if Role.CLINICIAN not in request.user.roles():
        raise Http404
    client = access.client_for(request.user, client_id)
    return render(request, "measures/results.html", _results_context(request, client))


@login_required
@require_POST
def assign(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access.client_for(request.user, client_id)
    form = AssignForm(request.POST, client=client)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.assign(
                client,
                data["instrument"],
                by=request.user,
                every_weeks=data["repeat"] or None,
                starts_on=data["starts_on"],
                message=data["message"],
            )
        except actions.AssignError as error:
            form.add_error(None, str(error))
        else:
            title = schema.get(data["instrument"]).short_title
            messages.success(
                request,
                _("%(title)s assigned to %(name)s.")
                % {"title": title, "name": client.display_name},
            )
            return redirect("measure_results", client.pk)
    context = _results_context(request, client, form)
    return render(request, "measures/results.html", context, status=400)


@login_required
@require_POST
def end(request: HttpRequest, client_id: int, assignment_id: int) -> HttpResponse:
    assignment = access.assignment_for(request.user, client_id, assignment_id)
    actions.end_assignment(assignment, by=request.user)
    messages.success(request, _("Stopped. Answers already given are kept."))
    return redirect("measure_results", client_id)


@login_required
def response_fhir(request: HttpRequest, client_id: int, administration_id: int) -> HttpResponse:
    administration = access.result_for(request.user, client_id, administration_id)
    instrument = administration.instrument
    # The result as it was stored, with the definition version used at the time.
    result = Result(
        instrument_id=instrument.id,
        version=administration.instrument_version,
        scores=administration.scores,
        band=administration.band or None,
        flags=administration.flags or {},
    )
    resource = fhir.questionnaire_response(
        instrument,
        administration.answers,
        result,
        authored=administration.completed_at,
        subject_reference=f"Patient/{administration.client_id}",
    )
    audit.record(
        "export",
        role="clinician",
        practice_id=administration.client.practice_id,
        obj=administration,
        subject_id=administration.client.user_id,
        detail="fhir",
    )
    body = json.dumps(json.loads(resource.model_dump_json(exclude_none=True)), indent=2)
    response = HttpResponse(body, content_type="application/fhir+json")
    stamp = administration.completed_at.astimezone(dt.UTC).strftime("%Y%m%d")
    # A neutral name: a file in a downloads folder should not say which questionnaire it is.
    name = f"result-{administration.pk}-{stamp}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
