"""Reading the audit trail: the practice administrator's log, and a client's own visits.

Both pages only read; which rows each person may see is decided in kindling/lib/access.py
(`audit_events_for_practice`, `visits_to_own_record`). The trail holds no clinical content, so
neither page can show any: who, what kind of thing, whose, when and from which address.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kindling.accounts.models import Role, User
from kindling.lib import access
from kindling.lib.models import AuditEvent
from kindling.lib.widgets import DateInput

PER_PAGE = 50

# What happened, in plain words for the administrator's log.
ACTION_WORDS = {
    AuditEvent.Action.VIEW: gettext_lazy("Opened"),
    AuditEvent.Action.CREATE: gettext_lazy("Created"),
    AuditEvent.Action.UPDATE: gettext_lazy("Changed"),
    AuditEvent.Action.DELETE: gettext_lazy("Deleted"),
    AuditEvent.Action.EXPORT: gettext_lazy("Exported"),
    AuditEvent.Action.LOGIN: gettext_lazy("Logged in"),
    AuditEvent.Action.LOGOUT: gettext_lazy("Logged out"),
    AuditEvent.Action.LOGIN_FAILED: gettext_lazy("Login failed"),
    AuditEvent.Action.LOCKED_OUT: gettext_lazy("Login paused after failed attempts"),
    AuditEvent.Action.MFA_CHANGE: gettext_lazy("Changed two-step login"),
    AuditEvent.Action.ERASE: gettext_lazy("Erased"),
}

# The kinds of object the trail names, in plain words; anything else shows as recorded.
OBJECT_WORDS = {
    "accounts.clientprofile": gettext_lazy("Client record"),
    "accounts.consentrecord": gettext_lazy("Consent"),
    "accounts.invitation": gettext_lazy("Invitation"),
    "accounts.membership": gettext_lazy("Staff role"),
    "accounts.guardianlink": gettext_lazy("Guardian link"),
}

# An administrator runs the practice and does not read clinical content: events about clinical
# records (questionnaires, the programme, the journal, alerts, safety plans) show only as
# "Clinical record", with no detail, whatever the trail holds.
CLINICAL_APPS = {"measures", "program", "safety"}
CLINICAL_RECORD = gettext_lazy("Clinical record")
CLINICAL_ACTIVITY = gettext_lazy("Clinical activity")


def is_clinical(event: AuditEvent) -> bool:
    return event.object_type.split(".")[0] in CLINICAL_APPS or event.action not in ACTION_WORDS


ROLE_WORDS = {
    **{role.value: role.label for role in Role},
    "guardian": gettext_lazy("Guardian"),
    "client": gettext_lazy("Client"),
}

# How a client hears who opened their record ("Dr Ruth Adeyemi, your clinician").
ROLE_TO_CLIENT = {
    Role.CLINICIAN: gettext_lazy("your clinician"),
    "guardian": gettext_lazy("your guardian"),
    Role.FACILITATOR: gettext_lazy("your group facilitator"),
    Role.RESEARCHER: gettext_lazy("a researcher at your practice"),
    Role.PRACTICE_ADMIN: gettext_lazy("an administrator at your practice"),
}
SOMEONE_AT_YOUR_PRACTICE = gettext_lazy("someone at your practice")


def practice_zone(time_zone: str) -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


@dataclass
class PageChoice:
    page: Page
    # Set when the page asked for could not be shown, saying which one is shown instead.
    notice: str = ""


def paginate(request: HttpRequest, rows: QuerySet) -> PageChoice:
    """The page asked for in ?page=, or the nearest real one with a word about why."""
    paginator = Paginator(rows, PER_PAGE)
    asked = request.GET.get("page", "1").strip() or "1"
    try:
        number = int(asked)
    except ValueError:
        return PageChoice(
            paginator.page(1),
            _("“%(asked)s” isn't a page number, so this is the first page.") % {"asked": asked},
        )
    if number < 1:
        return PageChoice(paginator.page(1), _("Pages start at 1, so this is the first page."))
    if number > paginator.num_pages:
        last = paginator.num_pages
        notice = ngettext(
            "There is only one page, so here it is.",
            "There are only %(count)s pages, so this is the last one.",
            last,
        ) % {"count": last}
        return PageChoice(paginator.page(last), notice)
    return PageChoice(paginator.page(number))


def names_by_id(user_ids) -> dict[int, str]:
    """People's current names, for ids kept in the trail (which has no foreign keys)."""
    ids = {pk for pk in user_ids if pk is not None}
    return {pk: name for pk, name in User.objects.filter(pk__in=ids).values_list("pk", "name")}


def emails_by_id(user_ids) -> dict[int, str]:
    ids = {pk for pk in user_ids if pk is not None}
    return dict(User.objects.filter(pk__in=ids).values_list("pk", "email"))


class AuditFilterForm(forms.Form):
    """The practice log's filters: a GET form, so a filtered view can be bookmarked or shared."""

    action = forms.ChoiceField(label=gettext_lazy("What happened"), required=False)
    person = forms.CharField(
        label=gettext_lazy("Person (who acted, or whose record) contains"),
        required=False,
        max_length=254,
        help_text=gettext_lazy("A name or e-mail address, or part of one."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Anything")), *ACTION_WORDS.items()]
        # "from" is a Python keyword, so these two are added here rather than declared above.
        for name, label in (("from", _("From (date)")), ("to", _("To (date, included)"))):
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                input_formats=["%Y-%m-%d"],
                widget=DateInput(),
                error_messages={"invalid": _("Enter a date as year-month-day, like 2025-03-31.")},
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        for name, day in (("from", start), ("to", end)):
            if day and not 2000 <= day.year <= 2100:
                self.add_error(name, _("Please choose a date between 2000 and 2100."))
                return data
        if start and end and start > end:
            self.add_error("to", _("The end date is before the start date."))
        return data

    def apply(self, events: QuerySet[AuditEvent], zone: dt.tzinfo) -> QuerySet[AuditEvent]:
        """The events that match; dates are whole days in the practice's time zone."""
        data = self.cleaned_data
        if data.get("action"):
            events = events.filter(action=data["action"])
        if person := (data.get("person") or "").strip():
            # The trail keeps ids only; match today's names and addresses. A failed login has
            # no actor, only the account that was tried (as its subject).
            ids = User.objects.filter(Q(email__icontains=person) | Q(name__icontains=person))
            ids = list(ids.values_list("pk", flat=True))
            tried = Q(
                action__in=[AuditEvent.Action.LOGIN_FAILED, AuditEvent.Action.LOCKED_OUT],
                subject_id__in=ids,
            )
            events = events.filter(Q(actor_id__in=ids) | Q(subject_id__in=ids) | tried)
        if data.get("from"):
            events = events.filter(at__gte=dt.datetime.combine(data["from"], dt.time(), zone))
        if data.get("to"):
            next_day = data["to"] + dt.timedelta(days=1)
            events = events.filter(at__lt=dt.datetime.combine(next_day, dt.time(), zone))
        return events


@dataclass
class LogRow:
    event: AuditEvent
    name: str
    email: str
    gone: bool
    role: str
    action: str
    what: str
    whose: str
    detail: str = ""


@login_required
def practice_log(request: HttpRequest, practice_id: int) -> HttpResponse:
    practice = access.practice_for(request.user, practice_id)
    events = access.audit_events_for_practice(request.user, practice.pk)
    zone = practice_zone(practice.time_zone)
    form = AuditFilterForm(request.GET or None)
    context: dict = {"practice": practice, "form": form, "time_zone": zone, "filtered": False}
    if form.is_bound and not form.is_valid():
        # Nothing is listed until the filter makes sense: an unfiltered log shown under a
        # filter the person thinks applies would mislead.
        return render(request, "audit/practice_log.html", context, status=400)
    if form.is_bound:
        events = form.apply(events, zone)
        context["filtered"] = any(form.cleaned_data.values())
    chosen = paginate(request, events)
    page_events = list(chosen.page.object_list)
    people = [e.actor_id for e in page_events] + [e.subject_id for e in page_events]
    names, emails = names_by_id(people), emails_by_id(people)
    rows = [
        LogRow(
            event=event,
            name=names.get(event.actor_id, ""),
            email=emails.get(event.actor_id, ""),
            gone=event.actor_id is not None and event.actor_id not in names,
            role=ROLE_WORDS.get(event.actor_role, event.actor_role),
            action=ACTION_WORDS.get(event.action, CLINICAL_ACTIVITY),
            what=CLINICAL_RECORD
            if is_clinical(event)
            else OBJECT_WORDS.get(event.object_type, event.object_type),
            detail="" if is_clinical(event) else event.detail,
            whose=names.get(event.subject_id, "") if event.subject_id else "",
        )
        for event in page_events
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        page=chosen.page,
        page_notice=chosen.notice,
        rows=rows,
        query=query.urlencode(),
    )
    return render(request, "audit/practice_log.html", context)


VISIT_GAP = dt.timedelta(minutes=30)


@dataclass
class Visit:
    at: dt.datetime
    who: str
    role: str


@login_required
def my_record_visits(request: HttpRequest) -> HttpResponse:
    profile, visits = access.visits_to_own_record(request.user)
    request.user.client_profile = profile  # the context processor reads it too; fetch once
    chosen = paginate(request, visits)
    page_visits = list(chosen.page.object_list)
    names = names_by_id(e.actor_id for e in page_visits)
    rows: list[Visit] = []
    last_actor, last_at = None, None
    for event in page_visits:  # newest first
        # One sitting is one visit: a clinician who opens the record and saves two things
        # within half an hour shows once, not three times.
        same_sitting = (
            event.actor_id == last_actor and last_at - event.at <= VISIT_GAP
        )  # fmt: skip
        last_actor, last_at = event.actor_id, event.at
        if same_sitting:
            continue
        rows.append(
            Visit(
                at=event.at,
                who=names.get(event.actor_id) or _("Someone who is no longer in Kindling"),
                role=ROLE_TO_CLIENT.get(event.actor_role, SOMEONE_AT_YOUR_PRACTICE),
            )
        )
    context = {
        "profile": profile,
        "page": chosen.page,
        "page_notice": chosen.notice,
        "rows": rows,
        "time_zone": practice_zone(profile.practice.time_zone),
    }
    return render(request, "audit/my_record_visits.html", context)
