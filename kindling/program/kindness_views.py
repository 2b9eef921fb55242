"""The kindness plan's pages: the plan itself, the private calendar address, and the feed.

Everything works without JavaScript. The client's pages read through the access layer; the
feed has no login, because a calendar app cannot log in: its secret token is the key, and it
never reaches a log that Kindling writes.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from kindling.lib import access
from kindling.lib.widgets import TimeInput
from kindling.safety import pathway

from . import kindness
from .content import load_programme
from .models.kindness import MarkState

DAY_CHOICES = [(str(day), WEEKDAYS[day]) for day in range(7)]


class ActForm(forms.Form):
    """Something kind to do: one of the age band's ideas or the client's own words, on some
    days, at a time or at any time. Labels and help are written in the template, per age."""

    suggestion = forms.ChoiceField(
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": gettext_lazy("Please choose one of the ideas shown.")},
    )
    text = forms.CharField(
        required=False,
        max_length=kindness.MAX_TEXT,
        error_messages={
            "max_length": gettext_lazy(
                "Please keep it to %(limit_value)d characters or fewer; a short phrase is "
                "plenty (this one has %(show_value)d)."
            )
        },
    )
    days = forms.MultipleChoiceField(
        choices=DAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Please choose at least one day."),
            "invalid_choice": gettext_lazy("Please choose days from the list."),
        },
    )
    at_time = forms.TimeField(
        required=False,
        widget=TimeInput(),
        input_formats=["%H:%M", "%H:%M:%S"],
        error_messages={
            "invalid": gettext_lazy(
                "Please give a time like 07:30, or leave it empty for any time."
            )
        },
    )

    def __init__(self, *args, suggestions: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggestion"].choices = [(s, s) for s in suggestions]

    def clean(self):
        data = super().clean()
        own = " ".join((data.get("text") or "").split())
        chosen = data.get("suggestion") or ""
        if "text" in self.errors or "suggestion" in self.errors:
            return data
        if own:
            data["act_text"], data["from_suggestion"] = own, False
        elif chosen:
            data["act_text"], data["from_suggestion"] = chosen, True
        else:
            self.add_error(
                "text", _("Please choose one of the ideas, or write something in your own words.")
            )
        return data


def _profile(request: HttpRequest):
    profile = access.own_client_profile(request.user)
    request.user.client_profile = profile  # the context processor reads it too; fetch once
    return profile


def _plan_context(profile, form: ActForm | None = None) -> dict:
    suggestions = load_programme().kindness(profile.age_band)
    active = kindness.active_acts(profile)
    return {
        "profile": profile,
        "child": profile.age_band == "child",
        "today": kindness.todays_kindness(profile),
        "week": [(WEEKDAYS[day], acts) for day, acts in kindness.week_plan(profile, active)],
        "active": [(act, kindness.describe_days(act.days)) for act in active],
        "form": form or ActForm(suggestions=suggestions),
        "feed": kindness.live_feed(profile),
        "max_text": kindness.MAX_TEXT,
    }


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    form = None
    if request.method == "POST":
        suggestions = load_programme().kindness(profile.age_band)
        form = ActForm(request.POST, suggestions=suggestions)
        if form.is_valid():
            data = form.cleaned_data
            try:
                act = kindness.plan_act(
                    profile,
                    text=data["act_text"],
                    weekdays=[int(day) for day in data["days"]],
                    at_time=data["at_time"],
                    from_suggestion=data["from_suggestion"],
                )
            except kindness.KindnessError as error:
                form.add_error(None, str(error))
            else:
                after = pathway.page_after(act.outcome)
                if after is not None:
                    # Said on the calm page (or support), so nobody wonders whether it was lost.
                    messages.info(request, _("What you wrote is saved in your plan."))
                    return redirect(after)
                if profile.age_band == "child":
                    messages.success(request, _("Added! That's a kind plan."))
                else:
                    messages.success(request, _("Added to your plan."))
                return redirect("kindness")
        return render(request, "program/kindness.html", _plan_context(profile, form), status=400)
    return render(request, "program/kindness.html", _plan_context(profile))


@login_required
@require_POST
def mark(request: HttpRequest, act_id: int) -> HttpResponse:
    act = access.own_kindness_act(request.user, act_id)
    profile = act.client
    request.user.client_profile = profile
    state = request.POST.get("state", "")
    try:
        kindness.mark(act, state)
    except kindness.KindnessError as error:
        context = _plan_context(profile)
        context["mark_error"] = str(error)
        return render(request, "program/kindness.html", context, status=400)
    child = profile.age_band == "child"
    if state == MarkState.DONE:
        text = (
            _("Nice one! That was kind to you.")
            if child
            else _("Lovely. Small things like this matter.")
        )
    else:
        text = (
            _("That's okay. Maybe another day.")
            if child
            else _("That's okay. Some days are like that, and it will be here another day.")
        )
    messages.success(request, text)
    # Back where the buttons were: Today, or the plan. Only these two names, never a URL.
    return redirect("today" if request.POST.get("back") == "today" else "kindness")


@login_required
@require_POST
def stop(request: HttpRequest, act_id: int) -> HttpResponse:
    act = access.own_kindness_act(request.user, act_id)
    kindness.end_act(act)
    messages.success(request, _("Taken out of your plan. You can add it again whenever you like."))
    return redirect("kindness")


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    profile = _profile(request)
    context = {"profile": profile, "child": profile.age_band == "child", "feed_url": None}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "make":
            feed, token = kindness.new_feed(profile)
            url = request.build_absolute_uri(reverse("kindness_feed", args=[token]))
            # Shown once, on this response only: the token is not stored, not put in a message
            # or the session, and this page is not kept by the browser or any cache.
            context.update(feed=feed, feed_url=url, webcal_url=_webcal(url))
            response = render(request, "program/kindness_calendar.html", context)
            add_never_cache_headers(response)
            return response
        if action == "stop":
            if kindness.revoke_feed(profile):
                messages.success(
                    request, _("Your calendar address has stopped working. Nothing more is sent.")
                )
            return redirect("kindness_calendar")
        context["feed"] = kindness.live_feed(profile)
        context["error"] = _("Please use one of the buttons on this page.")
        return render(request, "program/kindness_calendar.html", context, status=400)
    context["feed"] = kindness.live_feed(profile)
    return render(request, "program/kindness_calendar.html", context)


def _webcal(url: str) -> str:
    """The same address for a calendar app to subscribe to (phones open webcal:// links in
    their calendar)."""
    return "webcal://" + url.split("://", 1)[1]


@csrf_exempt  # reading only, never a change; and a CSRF refusal would log the secret path
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private calendar: no login, the token is the key. Unknown or revoked is a 404."""
    if request.method not in ("GET", "HEAD"):
        return _unlogged(HttpResponseNotAllowed(["GET", "HEAD"]))
    calendar_feed = kindness.feed_for_token(token)
    if calendar_feed is None:
        return _unlogged(
            HttpResponseNotFound("Not found.\n", content_type="text/plain; charset=utf-8")
        )
    response = HttpResponse(
        kindness.calendar_for(calendar_feed), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="moments.ics"'
    _private(response)
    return response


def _unlogged(response: HttpResponse) -> HttpResponse:
    # Django logs every 4xx with its path ("Not Found: /calendar/<token>.ics"); here the path
    # is a secret, so that log line is skipped.
    response._has_been_logged = True
    _private(response)
    return response


def _private(response: HttpResponse) -> None:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
