"""The calendar invitation (.ics) sent with a confirmed place, and its cancellation.

One VEVENT per session, its UID fixed per session so a later update or cancellation replaces
the same event in the person's calendar. The event's title is the workshop's public title
only; where is the venue, or for an online workshop the meeting link (this file goes only to
someone who holds a place).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from .models import Registration, Workshop

PRODID = "-//Kindling//Workshops//EN"
UID_DOMAIN = "workshops.kindling"


def session_uid(session) -> str:
    return f"workshop-session-{session.pk}@{UID_DOMAIN}"


def _organiser(workshop: Workshop) -> str:
    address = workshop.practice.contact_email or settings.DEFAULT_FROM_EMAIL
    if "<" in address:
        address = address.split("<", 1)[1].rstrip(">")
    return address


def calendar_for(registration: Registration, *, cancel: bool = False) -> bytes:
    """METHOD:REQUEST with every session of the workshop, or METHOD:CANCEL for all of them."""
    workshop = registration.workshop
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    organiser = icalendar.vCalAddress(f"mailto:{_organiser(workshop)}")
    organiser.params["cn"] = icalendar.vText(workshop.practice.name)
    for session in workshop.sessions.all():
        zone = ZoneInfo(session.time_zone)
        event = icalendar.Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts_at.astimezone(zone))
        event.add("dtend", session.ends_at.astimezone(zone))
        event.add("summary", workshop.title)
        if workshop.format == Workshop.Format.ONLINE:
            if workshop.meeting_link and not cancel:
                event.add("location", workshop.meeting_link)
                event.add("url", workshop.meeting_link)
        elif workshop.venue:
            event.add("location", workshop.venue)
        event.add("organizer", organiser)
        attendee = icalendar.vCalAddress(f"mailto:{registration.email}")
        attendee.params["cn"] = icalendar.vText(registration.name)
        attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = icalendar.vText("DECLINED" if cancel else "ACCEPTED")
        event.add("attendee", attendee)
        event.add("sequence", 1 if cancel else 0)
        event.add("status", "CANCELLED" if cancel else "CONFIRMED")
        calendar.add_component(event)
    # VTIMEZONE blocks for every TZID used, so calendars read the local times correctly.
    calendar.add_missing_timezones()
    return calendar.to_ical()
