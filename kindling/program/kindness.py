"""The kindness plan: writes (one function per intention), today's acts, and the calendar feed.

- `plan_act`, `end_act` and `mark` are what a client does on /kindness/.
- `acts_for_day` and `todays_kindness` say what is planned for a day and how it was marked.
- `new_feed`, `revoke_feed` and `feed_for_token` manage the private calendar address;
  `calendar_for` builds its iCalendar file.

The calendar is seen on a phone's lock screen and by anyone who shares that calendar, so every
event says only "A moment for you": never the client's words, never a word about therapy, and no
description, link or organiser. Only the hash of the feed's token is stored, and the token is
never written to the audit trail.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kindling.accounts.models import ClientProfile, hash_token
from kindling.lib import access, audit
from kindling.safety import pathway

from .models.kindness import (
    ALL_DAYS,
    CalendarFeed,
    KindnessAct,
    KindnessMark,
    MarkState,
    days_to_text,
)

# A short phrase is plenty, and it keeps the Today page calm.
MAX_TEXT = 120
# Enough for a full week of small things; more would stop being small.
MAX_ACTIVE_ACTS = 20
# The only words the calendar ever shows. Neutral on a lock screen or a shared calendar.
EVENT_SUMMARY = gettext_lazy("A moment for you")
APPOINTMENT_SUMMARY = gettext_lazy("Appointment")
CALENDAR_NAME = gettext_lazy("Moments for you")
PRODID = "-//Moments for you//EN"
TIMED_EVENT_MINUTES = 15


class KindnessError(ValueError):
    """A plan or mark that cannot be made; the message says why, in plain, gentle words."""


def time_zone_of(profile: ClientProfile) -> ZoneInfo:
    """The practice's time zone: the client's days and times are read in it."""
    return profile.practice.zone()


def local_today(profile: ClientProfile) -> dt.date:
    return profile.practice.today()


def _local_date(moment: dt.datetime, zone: ZoneInfo) -> dt.date:
    return timezone.localtime(moment, zone).date()


# --- Words -------------------------------------------------------------------------------------


def describe_days(days: Iterable[int]) -> str:
    """ "Every day", "Weekdays", "Weekends", or the days' short names in order."""
    chosen = tuple(sorted(set(days)))
    if chosen == ALL_DAYS:
        return _("Every day")
    if chosen == (0, 1, 2, 3, 4):
        return _("Weekdays")
    if chosen == (5, 6):
        return _("Weekends")
    return ", ".join(str(WEEKDAYS_ABBR[day]) for day in chosen)


# --- Planning -----------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    text = " ".join((text or "").split())  # one line: it may sit beside a button
    if not text:
        raise KindnessError(_("Please choose a suggestion or write something kind to do."))
    if len(text) > MAX_TEXT:
        raise KindnessError(
            _("Please keep it to %(max)s characters or fewer; a short phrase is plenty.")
            % {"max": MAX_TEXT}
        )
    return text


def clean_days(weekdays: Iterable) -> str:
    try:
        return days_to_text(weekdays)
    except (TypeError, ValueError):
        raise KindnessError(_("Please choose at least one day.")) from None


def plan_act(
    profile: ClientProfile,
    *,
    text: str,
    weekdays: Iterable[int],
    at_time: dt.time | None = None,
    from_suggestion: bool = False,
) -> KindnessAct:
    """Add a small act of kindness to the client's plan."""
    text = clean_text(text)
    days = clean_days(weekdays)
    if at_time is not None and not isinstance(at_time, dt.time):
        raise KindnessError(_("Please give a time like 07:30, or leave it empty for any time."))
    if at_time is not None:
        at_time = at_time.replace(second=0, microsecond=0, tzinfo=None)
    with transaction.atomic():
        # Lock the client's row so two quick submissions cannot both slip under the limit.
        ClientProfile.objects.select_for_update().filter(pk=profile.pk).first()
        active = KindnessAct.objects.filter(client=profile, ended_at__isnull=True).count()
        if active >= MAX_ACTIVE_ACTS:
            raise KindnessError(
                _(
                    "Your plan already has %(max)s things in it. That's plenty; you could "
                    "stop one before adding another."
                )
                % {"max": MAX_ACTIVE_ACTS}
            )
        act = KindnessAct.objects.create(
            client=profile,
            text=text,
            from_suggestion=from_suggestion,
            weekdays=days,
            at_time=at_time,
        )
        # Words the client wrote pass through the risk screen like any other (a "kind act" can
        # be a goodbye). The outcome is not stored on the act; `pathway.page_after` reads it.
        act.outcome = pathway.text_saved(
            profile, text, source=pathway.Ref(f"kindness-{act.pk}"), kind="kindness"
        )
        return act


def end_act(act: KindnessAct) -> bool:
    """Take an act out of the plan (and out of the calendar). Its marks are kept for the
    client's own record. Returns whether this call stopped it."""
    return bool(
        KindnessAct.objects.filter(pk=act.pk, ended_at__isnull=True).update(ended_at=timezone.now())
    )


def mark(act: KindnessAct, state: str, on: dt.date | None = None) -> KindnessMark:
    """Mark a day's act "done" or "not today". Marking again is harmless, and changing one's
    mind (done → not today, or back) is allowed: the latest answer stands."""
    if state not in MarkState.values:
        raise KindnessError(_("Please choose “Done” or “Not today”."))
    if act.ended_at is not None:
        raise KindnessError(_("That one is no longer in your plan."))
    on = on or local_today(act.client)
    if not act.is_planned_on(on):
        raise KindnessError(_("That one isn't planned for this day."))
    now = timezone.now()
    for _attempt in range(2):
        try:
            with transaction.atomic():
                found, _created = KindnessMark.objects.update_or_create(
                    act=act, on=on, defaults={"state": state, "marked_at": now}
                )
            return found
        except IntegrityError:  # two clicks at once: the other one made the row; update it
            continue
    return KindnessMark.objects.get(act=act, on=on)


# --- Reading ------------------------------------------------------------------------------------


def _sort_key(item: tuple[KindnessAct, str | None]):
    act = item[0]
    # Timed acts in time order, then the "any time" ones, each in the order they were planned.
    return (act.at_time is None, act.at_time or dt.time.min, act.created_at, act.pk)


def acts_for_day(profile: ClientProfile, day: dt.date) -> list[tuple[KindnessAct, str | None]]:
    """The acts planned for this day, each with how it was marked that day ("done",
    "not_today", or None when it has not been marked)."""
    zone = time_zone_of(profile)
    next_day = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    planned = KindnessAct.objects.filter(client=profile, created_at__lt=next_day).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gte=next_day)
    )
    acts = [act for act in planned if act.is_planned_on(day)]
    states = dict(KindnessMark.objects.filter(act__in=acts, on=day).values_list("act_id", "state"))
    return sorted(((act, states.get(act.pk)) for act in acts), key=_sort_key)


def todays_kindness(
    profile: ClientProfile, today: dt.date | None = None
) -> list[tuple[KindnessAct, str | None]]:
    """For the Today page: today's planned acts with their state (None, "done" or
    "not_today"), timed ones first. Today is the practice's today."""
    return acts_for_day(profile, today or local_today(profile))


def active_acts(profile: ClientProfile) -> list[KindnessAct]:
    """The acts in the client's plan now, timed ones first, in time order."""
    acts = KindnessAct.objects.filter(client=profile, ended_at__isnull=True)
    return sorted(acts, key=lambda act: _sort_key((act, None)))


def week_plan(
    profile: ClientProfile, acts: list[KindnessAct] | None = None
) -> list[tuple[int, list[KindnessAct]]]:
    """Each day of the week (0 = Monday) with the active acts planned for it."""
    acts = active_acts(profile) if acts is None else acts
    return [(day, [act for act in acts if day in act.days]) for day in ALL_DAYS]


# --- The calendar feed ----------------------------------------------------------------------


def live_feed(profile: ClientProfile) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(client=profile, revoked_at__isnull=True).first()


def new_feed(profile: ClientProfile) -> tuple[CalendarFeed, str]:
    """A new secret calendar address. Any earlier one stops working at once. Returns the feed
    and its token: the token is shown to the client once and never stored."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        replaced = CalendarFeed.objects.filter(client=profile, revoked_at__isnull=True).update(
            revoked_at=now
        )
        feed = CalendarFeed.objects.create(client=profile, token_hash=hash_token(token))
        audit.record(
            "create",
            actor=profile.user,
            role="client",
            practice_id=profile.practice_id,
            obj=feed,
            subject_id=profile.user_id,
            detail="calendar feed replaced" if replaced else "calendar feed made",
        )
    return feed, token


def revoke_feed(profile: ClientProfile) -> bool:
    """Stop the calendar address. Returns whether there was one to stop."""
    with transaction.atomic():
        live = list(CalendarFeed.objects.filter(client=profile, revoked_at__isnull=True))
        if not live:
            return False
        CalendarFeed.objects.filter(pk__in=[f.pk for f in live]).update(revoked_at=timezone.now())
        audit.record(
            "update",
            actor=profile.user,
            role="client",
            practice_id=profile.practice_id,
            obj=live[0],
            subject_id=profile.user_id,
            detail="calendar feed stopped",
        )
    return True


def feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed this token opens, or None (unknown, revoked, or the person's account is no
    longer active). The rule itself lives in the access layer."""
    try:
        return access.calendar_feed_for_token(token)
    except Http404:
        return None


_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def first_day(act: KindnessAct, zone: ZoneInfo) -> dt.date:
    """The first day on or after the act was planned that it falls on; the series starts there,
    so the event does not move as the feed is fetched day after day."""
    start = _local_date(act.created_at, zone)
    for ahead in range(7):
        day = start + dt.timedelta(days=ahead)
        if day.weekday() in act.days:
            return day
    raise ValueError(f"kindness act {act.pk} has no days")


def calendar_for(feed: CalendarFeed) -> bytes:
    """The client's active acts as an iCalendar file: one weekly event per act, saying only
    "A moment for you"."""
    profile = feed.client
    zone = time_zone_of(profile)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", str(CALENDAR_NAME))
    calendar.add("x-wr-timezone", zone.key)
    calendar.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    acts = list(
        KindnessAct.objects.filter(client=profile, ended_at__isnull=True)
        .order_by("pk")
        .only("pk", "uid", "weekdays", "at_time", "created_at")
    )
    for act in acts:
        event = icalendar.Event()
        event.add("uid", f"{act.uid}")
        event.add("dtstamp", stamp)
        day = first_day(act, zone)
        if act.at_time is None:
            event.add("dtstart", day)
            event.add("dtend", day + dt.timedelta(days=1))
        else:
            start = dt.datetime.combine(day, act.at_time, tzinfo=zone)
            event.add("dtstart", start)
            event.add("duration", dt.timedelta(minutes=TIMED_EVENT_MINUTES))
        event.add("rrule", {"freq": "weekly", "byday": [_BYDAY[d] for d in act.days]})
        event.add("summary", str(EVENT_SUMMARY))
        # Hidden from anyone the calendar is shared with, and never shown as busy.
        event.add("class", "PRIVATE")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    # Appointments with the clinician: titled only "Appointment", never where, with whom or
    # why, and never the online link (that is in Kindling, behind the client's login).
    from kindling.care.models import Appointment

    upcoming = Appointment.objects.filter(
        client=profile, cancelled_at__isnull=True,
        starts_at__gte=timezone.now() - dt.timedelta(days=1),
    ).only("pk", "starts_at", "minutes")  # fmt: skip
    for appointment in upcoming:
        event = icalendar.Event()
        event.add("uid", f"appointment-{appointment.pk}-{feed.pk}@kindling")
        event.add("dtstamp", stamp)
        event.add("dtstart", appointment.starts_at.astimezone(zone))
        event.add("duration", dt.timedelta(minutes=appointment.minutes))
        event.add("summary", str(APPOINTMENT_SUMMARY))
        event.add("class", "PRIVATE")
        calendar.add_component(event)
    # Time-zone rules from a little before the first event for ten years: calendar apps know the
    # zone by name, and this keeps the file small.
    today = timezone.localdate(timezone=zone)
    calendar.add_missing_timezones(
        first_date=min([today, *(first_day(act, zone) for act in acts)]) - dt.timedelta(days=7),
        last_date=today + dt.timedelta(days=3653),
    )
    return calendar.to_ical()


__all__ = [
    "KindnessError",
    "active_acts",
    "acts_for_day",
    "calendar_for",
    "describe_days",
    "end_act",
    "feed_for_token",
    "live_feed",
    "mark",
    "new_feed",
    "plan_act",
    "revoke_feed",
    "todays_kindness",
    "week_plan",
]
