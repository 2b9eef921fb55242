"""The client's calm page when risk is found, support for a young person worried about family,
the safety plan, and the clinician's alerts."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kindling.accounts.models import Role
from kindling.lib import access, audit

from . import crisis, pathway, practice_lines
from .models import PLAN_SECTIONS, SafetyCheck


class PhoneRedirect(HttpResponseRedirect):
    allowed_schemes = ["tel", "sms"]


def _settling(band: str):
    """A short settling practice, shown on the calm page itself (the programme's pages wait)."""
    from kindling.program.content import load_programme

    found = load_programme().settling_exercises()
    if not found:
        return None
    return {"title": found[0].title_for(band), "text": found[0].html(band)}


def _region(profile):
    """The client's region, with their practice's own list of lines when the practice keeps
    one for that region (the same list as its Help now page)."""
    practice = profile.practice
    if profile.region == practice.region:
        return practice_lines.region_for(practice)
    regions = crisis.load_regions()
    return regions.get(profile.region) or regions["INT"]


def _lines_for(profile, region, *, at_home: bool = False) -> tuple:
    """The region's lines in the order to offer them to this person (see Region.lines_for)."""
    return region.lines_for(young=profile.is_minor, at_home=at_home)


def _numbers(profile, region) -> list[str | None]:
    """What each call button dials: 0 is the emergency number (if the region has one), then
    the lines in the order shown."""
    return [region.emergency_tel or None] + [line.tel for line in _lines_for(profile, region)]


@login_required
def check(request: HttpRequest) -> HttpResponse:
    current = access.own_open_safety_check(request.user)
    if current is None:
        return redirect("today")
    profile = current.client
    request.user.client_profile = profile
    plan = profile.safety_plan if hasattr(profile, "safety_plan") else None
    region = _region(profile)
    return render(
        request,
        "safety/check.html",
        {
            "check": current,
            "band": profile.age_band,
            "region": region,
            "lines": _lines_for(profile, region),
            "plan": plan if plan and not plan.is_empty else None,
            "source": current.alert.source,
            "has_care_team": bool(access.active_clinicians(profile)),
            "settling": _settling(profile.age_band),
            "sections": _plan_rows(plan, profile.age_band) if plan else [],
        },
    )


@login_required
@require_POST
def check_safe(request: HttpRequest) -> HttpResponse:
    current = access.own_open_safety_check(request.user)
    if current is not None:
        pathway.close_check(current.client, SafetyCheck.Closed.SAFE)
        messages.info(request, _("Thank you for letting us know. Help is always one tap away."))
    return redirect("today")


@login_required
@require_POST
def check_call(request: HttpRequest, index: int) -> HttpResponse:
    """Closing the calm page by calling a line: record it, then hand over to the phone."""
    current = access.own_open_safety_check(request.user)
    profile = access.own_client_profile(request.user)
    numbers = _numbers(profile, _region(profile))
    if not 0 <= index < len(numbers) or not numbers[index]:
        raise Http404("No such line.")
    if current is not None:
        pathway.close_check(profile, SafetyCheck.Closed.CALLED)
    return PhoneRedirect(numbers[index])


@login_required
def support(request: HttpRequest, for_you: bool = False) -> HttpResponse:
    """For a young person (or anyone) who wrote about someone else being at risk; or, with
    `for_you`, for someone who wrote that they may not be safe at home."""
    profile = access.own_client_profile(request.user)
    request.user.client_profile = profile
    region = _region(profile)
    group = None
    if (request.GET.get("group") or "").isdigit():
        # Came from reporting a post: the words and the way back fit the group. Only a group the
        # person is in; any other number is ignored.
        try:
            group, _registration = access.own_group(request.user, int(request.GET["group"]))
        except Http404:
            group = None
    return render(
        request,
        "safety/support.html",
        {
            "band": profile.age_band,
            "has_care_team": bool(access.active_clinicians(profile)),
            "region": region,
            "profile": profile,
            "lines": _lines_for(profile, region, at_home=for_you),
            "group": None if for_you else group,
            "for_you": for_you,
        },
    )


# The safety plan ------------------------------------------------------------------------------


def _plan_form(band: str) -> type[forms.Form]:
    fields = {
        name: forms.CharField(
            label=child if band == "child" else adult, required=False, max_length=4000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        for name, adult, child in PLAN_SECTIONS
    }  # fmt: skip
    # The plan as it was when the form was shown: a save over someone else's newer change is
    # refused, with both versions on the page, instead of silently replacing theirs.
    fields["version"] = forms.CharField(required=False, widget=forms.HiddenInput)
    for field in fields.values():
        field.widget.attrs.pop("maxlength", None)
    return type("SafetyPlanForm", (forms.Form,), fields)


def _plan_initial(plan) -> dict:
    return {**plan.sections, "version": plan.updated_at.isoformat()}


def _plan_rows(plan, band: str) -> list[tuple[str, str]]:
    sections = plan.sections
    return [
        (child if band == "child" else adult, sections.get(name, ""))
        for name, adult, child in PLAN_SECTIONS
    ]


def _save_plan(request, plan, band: str, *, role: str):
    form = _plan_form(band)(request.POST)
    if not form.is_valid():
        return form
    values = {k: v.strip() for k, v in form.cleaned_data.items()}
    seen = values.pop("version", "")
    with transaction.atomic():
        current = type(plan).objects.select_for_update().get(pk=plan.pk)
        if seen and seen != current.updated_at.isoformat():
            form.add_error(None, _(
                "Someone changed this plan after you opened it. Your words are still in the "
                "boxes below; the saved plan is shown above them. Copy across anything you "
                "want to keep, then save again."
            ))  # fmt: skip
            form.data = form.data.copy()
            form.data["version"] = current.updated_at.isoformat()
            return form
        plan.set_sections(values)
        plan.updated_by = request.user
        plan.updated_at = timezone.now()
        plan.save()
    audit.record(
        "update", role=role, practice_id=plan.client.practice_id, obj=plan,
        subject_id=plan.client.user_id, detail="safety plan",
    )  # fmt: skip
    return None


@login_required
def my_plan(request: HttpRequest) -> HttpResponse:
    plan = access.own_safety_plan(request.user)
    band = plan.client.age_band
    request.user.client_profile = plan.client
    form = _plan_form(band)(initial=_plan_initial(plan))
    if request.method == "POST":
        form = _save_plan(request, plan, band, role="client")
        if form is None:
            messages.success(request, _("Your plan is saved."))
            return redirect("my_safety_plan")
        plan.refresh_from_db()
    editing = request.GET.get("edit") == "1" or plan.is_empty or request.method == "POST"
    return render(
        request,
        "safety/plan.html",
        {
            "plan": plan,
            "band": band,
            "form": form,
            "rows": _plan_rows(plan, band),
            "editing": editing,
            "region": _region(plan.client),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def my_plan_file(request: HttpRequest) -> HttpResponse:
    """The plan as a plain text file, to keep on the phone."""
    plan = access.own_safety_plan(request.user)
    body = render_to_string(
        "safety/plan.txt",
        {"rows": _plan_rows(plan, plan.client.age_band), "region": _region(plan.client)},
    )
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-plan.txt"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def client_plan(request: HttpRequest, client_id: int) -> HttpResponse:
    """The clinician builds the plan with the client (in session, or between)."""
    client = access.client_for(request.user, client_id)
    plan = access.safety_plan_of(client)
    form = _plan_form(client.age_band)(initial=_plan_initial(plan))
    if request.method == "POST":
        form = _save_plan(request, plan, client.age_band, role="clinician")
        if form is None:
            messages.success(request, _("The safety plan is saved."))
            return redirect("client_safety_plan", client.pk)
        plan.refresh_from_db()
    return render(
        request,
        "safety/client_plan.html",
        {"client": client, "plan": plan, "form": form, "rows": _plan_rows(plan, "adult")},
        status=400 if request.method == "POST" else 200,
    )


# Alerts ---------------------------------------------------------------------------------------


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What was done"),
        help_text=gettext_lazy(
            "For example: phoned them, safety plan reviewed, family contacted. This note "
            "stays with the alert."
        ),
        max_length=4000,
        error_messages={
            "required": gettext_lazy(
                "Please write a line about what was done: it stays with the alert."
            ),
            "max_length": gettext_lazy(
                "Please keep the note to %(limit_value)s characters (this one has %(show_value)s)."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _alert_context(alert) -> dict:
    """What the clinician needs beside the alert: for a distress rating, the practice."""
    if alert.source != alert.Source.DISTRESS or not alert.source_id.isdigit():
        return {}
    from kindling.program.content import load_programme
    from kindling.program.models import PracticeSession

    session = PracticeSession.objects.filter(client=alert.client, pk=int(alert.source_id)).first()
    if session is None:
        return {}
    try:
        title = load_programme().exercise(session.exercise_id).title
    except KeyError:
        title = session.exercise_id
    return {"exercise": title, "before": session.before, "after": session.after}


@login_required
def alert_detail(request: HttpRequest, alert_id: int) -> HttpResponse:
    if not request.user.roles() & {Role.CLINICIAN, Role.FACILITATOR}:
        raise Http404
    alert = access.alert_for(request.user, alert_id)
    form = AcknowledgeForm(request.POST or None)
    roles = request.user.roles()
    role = Role.CLINICIAN if Role.CLINICIAN in roles else Role.FACILITATOR
    if request.method == "POST" and alert.is_open and form.is_valid():
        done = pathway.acknowledge(
            alert, by=request.user, role=role, note=form.cleaned_data["note"]
        )
        if done:
            messages.success(request, _("Acknowledged. Thank you."))
        else:
            messages.info(request, _("A colleague acknowledged this alert a moment ago."))
        return redirect("caseload" if role == Role.CLINICIAN else "staff_home")
    # A facilitator learns that help is needed, not the words a client wrote in private; a post
    # in a group they run is theirs to read anyway, so its words are shown.
    group_post = None
    if role != Role.CLINICIAN:
        group_post = access.group_post_behind(request.user, alert.source, alert.source_id)
    return render(
        request,
        "safety/alert.html",
        {
            "alert": alert,
            "form": form,
            "client": alert.client,
            "context": _alert_context(alert),
            "checks": alert.checks.all(),
            "for_clinician": role == Role.CLINICIAN,
            "group_post": group_post,
        },
        status=400 if form.errors else 200,
    )


# A practice's own crisis lines -----------------------------------------------------------------


class CrisisLineForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Service"), max_length=80)
    call = forms.RegexField(
        label=gettext_lazy("Phone number"),
        regex=r"^\+?[0-9][0-9 ()-]{1,24}$",
        error_messages={"invalid": gettext_lazy("Use digits, spaces and an optional leading +.")},
    )
    text = forms.RegexField(
        label=gettext_lazy("Text number"), required=False,
        regex=r"^\+?[0-9][0-9 ()-]{1,24}$",
        error_messages={"invalid": gettext_lazy("Use digits, spaces and an optional leading +.")},
    )  # fmt: skip
    hours = forms.CharField(label=gettext_lazy("Hours"), max_length=60, required=False)
    about = forms.CharField(label=gettext_lazy("What it is for"), max_length=200)
    young = forms.BooleanField(label=gettext_lazy("Made for children and young people"),
                               required=False)  # fmt: skip
    topic = forms.ChoiceField(
        label=gettext_lazy("Mainly for"), required=False, initial="",
        choices=[
            ("", gettext_lazy("Anything")),
            ("suicide", gettext_lazy("Suicidal thoughts (not offered to someone hurt at home)")),
            ("home", gettext_lazy("Someone hurt or unsafe at home (offered to them first)")),
        ],
    )  # fmt: skip


CrisisLineFormSet = forms.formset_factory(
    CrisisLineForm, extra=1, max_num=practice_lines.MAX_LINES, validate_max=True,
    absolute_max=practice_lines.MAX_LINES, can_delete=True,
)  # fmt: skip


@login_required
def practice_crisis_lines(request: HttpRequest, practice_id: int) -> HttpResponse:
    practice = access.practice_for(request.user, practice_id)
    region = practice_lines.region_for(practice)
    if request.method == "POST" and request.POST.get("action") == "reset":
        practice_lines.reset(practice)
        audit.record("update", practice_id=practice.pk, obj=practice, detail="crisis lines reset")
        messages.success(request, _("Back to Kindling's standard list for your region."))
        return redirect("practice_crisis_lines", practice.pk)
    initial = [
        {"name": line.name, "call": line.call, "text": line.text, "hours": line.hours,
         "about": line.about, "young": line.young, "topic": line.topic}
        for line in region.lines
    ]  # fmt: skip
    formset = CrisisLineFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        kept = [
            {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            for form in formset.forms  # an untouched empty form has no cleaned data
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            formset._non_form_errors = formset.error_class(
                [_("Keep at least one line, or go back to the standard list.")]
            )
        else:
            practice_lines.save(practice, kept)
            audit.record("update", practice_id=practice.pk, obj=practice, detail="crisis lines")
            messages.success(request, _("Saved. Your clients' Help now page shows this list."))
            return redirect("practice_crisis_lines", practice.pk)
    return render(
        request,
        "safety/practice_lines.html",
        {
            "practice": practice,
            "region": region,
            "formset": formset,
            "own": practice_lines.has_own_page(practice.slug),
        },
        status=400 if request.method == "POST" else 200,
    )
