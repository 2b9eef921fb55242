"""The client's calm page when risk is found, support for a young person worried about family,
the safety plan, and the clinician's alerts."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kindling.accounts.models import Role
from kindling.lib import access, audit

from . import crisis, pathway
from .models import PLAN_SECTIONS, SafetyCheck


class PhoneRedirect(HttpResponseRedirect):
    allowed_schemes = ["tel", "sms"]


def _region(profile):
    regions = crisis.load_regions()
    return regions.get(profile.region) or regions["INT"]


def _lines_for(profile, region) -> tuple:
    """The region's lines, those made for young people first for a young person."""
    if not profile.is_minor:
        return region.lines
    return region.young_lines + tuple(line for line in region.lines if not line.young)


def _numbers(profile, region) -> list[str | None]:
    """What each call button dials: 0 is the emergency number (if the region has one), then
    the lines in the order shown."""
    return [region.emergency_tel or None] + [line.tel for line in _lines_for(profile, region)]


@login_required
def check(request: HttpRequest) -> HttpResponse:
    current = access.own_open_safety_check(request.user)
    if current is None:
        request.session.pop(pathway.SESSION_FLAG, None)
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
            "sections": _plan_rows(plan, profile.age_band) if plan else [],
        },
    )


@login_required
@require_POST
def check_safe(request: HttpRequest) -> HttpResponse:
    current = access.own_open_safety_check(request.user)
    if current is not None:
        pathway.close_check(current, SafetyCheck.Closed.SAFE, request)
        messages.info(request, _("Thank you for letting us know. Help is always one tap away."))
    return redirect("today")


@login_required
def check_call(request: HttpRequest, index: int) -> HttpResponse:
    """Closing the calm page by calling a line: record it, then hand over to the phone."""
    current = access.own_open_safety_check(request.user)
    profile = access.own_client_profile(request.user)
    numbers = _numbers(profile, _region(profile))
    if not 0 <= index < len(numbers) or not numbers[index]:
        raise Http404("No such line.")
    if current is not None:
        pathway.close_check(current, SafetyCheck.Closed.CALLED, request)
    return PhoneRedirect(numbers[index])


@login_required
def support(request: HttpRequest) -> HttpResponse:
    """For a young person (or anyone) who wrote about someone else being at risk."""
    profile = access.own_client_profile(request.user)
    request.user.client_profile = profile
    region = _region(profile)
    return render(
        request,
        "safety/support.html",
        {"band": profile.age_band, "region": region, "profile": profile},
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
    return type("SafetyPlanForm", (forms.Form,), fields)


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
    plan.set_sections({k: v.strip() for k, v in form.cleaned_data.items()})
    plan.updated_by = request.user
    from django.utils import timezone

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
    form = _plan_form(band)(initial=plan.sections)
    if request.method == "POST":
        form = _save_plan(request, plan, band, role="client")
        if form is None:
            messages.success(request, _("Your plan is saved."))
            return redirect("my_safety_plan")
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
    form = _plan_form(client.age_band)(initial=plan.sections)
    if request.method == "POST":
        form = _save_plan(request, plan, client.age_band, role="clinician")
        if form is None:
            messages.success(request, _("The safety plan is saved."))
            return redirect("client_safety_plan", client.pk)
    return render(
        request,
        "safety/client_plan.html",
        {"client": client, "plan": plan, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# Alerts ---------------------------------------------------------------------------------------


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What was done"),
        help_text=gettext_lazy(
            "For example: phoned the client, safety plan reviewed, family contacted. This note "
            "stays with the alert."
        ),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


@login_required
def alert_detail(request: HttpRequest, alert_id: int) -> HttpResponse:
    if not request.user.roles() & {Role.CLINICIAN, Role.FACILITATOR}:
        raise Http404
    alert = access.alert_for(request.user, alert_id)
    form = AcknowledgeForm(request.POST or None)
    if request.method == "POST" and alert.is_open and form.is_valid():
        pathway.acknowledge(alert, by=request.user, note=form.cleaned_data["note"])
        messages.success(request, _("Acknowledged. Thank you."))
        return redirect("caseload" if Role.CLINICIAN in request.user.roles() else "staff_home")
    return render(
        request,
        "safety/alert.html",
        {"alert": alert, "form": form, "client": alert.client},
        status=400 if form.errors else 200,
    )
