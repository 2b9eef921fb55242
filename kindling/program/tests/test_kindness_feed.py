"""The private calendar feed: the planned acts, neutral titles, and a secret address that can be
replaced or stopped."""

from __future__ import annotations

import datetime as dt
import logging
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client

from conftest import signed_in as _as
from kindling.lib.models import AuditEvent
from kindling.program import kindness
from kindling.program.models import CalendarFeed, KindnessAct

# Nothing in the calendar may hint at why it exists.
REVEALING = re.compile(
    r"therap|kindling|compassion|mental|psycholog|clinic|health|counsel|anxi|depress|self[- ]care",
    re.I,
)


def _make_feed(person) -> str:
    """Makes the feed through the page and returns the address shown, as a path."""
    response = _as(person).post("/kindness/calendar/", {"action": "make"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    shown = r'id="feed-url" value="http://testserver(/calendar/[^"]+\.ics)"'
    match = re.search(shown, response.content.decode())
    assert match, "the address is shown once"
    return match.group(1)


def _events(body: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


def _plan(profile, text, days, at=None) -> KindnessAct:
    return kindness.plan_act(profile, text=text, weekdays=days, at_time=at)


def test_the_feed_holds_the_planned_acts_with_neutral_titles(scene):
    profile = scene.sam.client_profile
    morning = _plan(
        profile, "Therapy homework: kindling my self-compassion", [0, 2, 4], dt.time(7, 30)
    )
    weekend = _plan(profile, "Call Mum about her mental health", [5, 6])
    stopped = _plan(profile, "Stopped one", [1])
    kindness.end_act(stopped)
    _plan(scene.maya.client_profile, "Maya's own", [3])  # someone else's: not in Sam's feed
    url = _make_feed(scene.sam)

    response = Client().get(url)  # no login: the token is the key
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    body = response.content
    events = _events(body)
    assert len(events) == 2  # one per active act

    by_uid = {str(e["UID"]): e for e in events}
    zone = ZoneInfo(scene.harbour.time_zone)
    timed = by_uid[str(morning.uid)]
    start = timed.decoded("DTSTART")
    assert isinstance(start, dt.datetime)
    assert start.tzinfo is not None and str(start.tzinfo) == zone.key
    assert start.time() == dt.time(7, 30) and start.weekday() in (0, 2, 4)
    assert start.date() >= kindness.local_today(profile)
    assert start.date() - kindness.local_today(profile) < dt.timedelta(days=7)
    assert timed["RRULE"]["FREQ"] == ["WEEKLY"]
    assert sorted(timed["RRULE"]["BYDAY"]) == ["FR", "MO", "WE"]

    all_day = by_uid[str(weekend.uid)]
    day = all_day.decoded("DTSTART")
    assert isinstance(day, dt.date) and not isinstance(day, dt.datetime)
    assert day.weekday() in (5, 6)
    assert sorted(all_day["RRULE"]["BYDAY"]) == ["SA", "SU"]

    text = body.decode()
    for event in events:
        assert str(event["SUMMARY"]) == "A moment for you"
        for absent in ("DESCRIPTION", "URL", "ORGANIZER", "ATTENDEE", "LOCATION"):
            assert absent not in event
    for words in ("Therapy homework", "Call Mum", "Stopped one", "Maya's own"):
        assert words not in text
    assert not REVEALING.search(text), REVEALING.search(text)
    assert scene.sam.email not in text and "Sam" not in text


def test_the_uid_is_stable_and_an_ended_act_leaves_the_feed(scene):
    profile = scene.sam.client_profile
    act = _plan(profile, "Tea", [0, 1, 2, 3, 4, 5, 6], dt.time(20, 0))
    url = _make_feed(scene.sam)
    first = _events(Client().get(url).content)
    second = _events(Client().get(url).content)
    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in second] == [str(act.uid)]
    assert first[0].decoded("DTSTART") == second[0].decoded("DTSTART")
    _as(scene.sam).post(f"/kindness/acts/{act.pk}/stop")
    assert _events(Client().get(url).content) == []


def test_a_revoked_or_unknown_token_is_404(scene):
    _plan(scene.sam.client_profile, "Tea", [0])
    url = _make_feed(scene.sam)
    assert Client().get(url).status_code == 200
    response = _as(scene.sam).post("/kindness/calendar/", {"action": "stop"})
    assert response.status_code == 302
    assert Client().get(url).status_code == 404
    assert Client().get("/calendar/not-a-real-token.ics").status_code == 404
    assert Client().get("/calendar/" + "x" * 300 + ".ics").status_code == 404
    assert CalendarFeed.objects.get().revoked_at is not None


def test_replacing_the_feed_revokes_the_old_address(scene):
    _plan(scene.sam.client_profile, "Tea", [0])
    old = _make_feed(scene.sam)
    new = _make_feed(scene.sam)
    assert old != new
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    assert CalendarFeed.objects.filter(revoked_at__isnull=True).count() == 1


def test_only_the_tokens_hash_is_stored_and_the_token_is_never_logged(scene, caplog):
    _plan(scene.sam.client_profile, "Tea", [0])
    with caplog.at_level(logging.DEBUG):
        url = _make_feed(scene.sam)
        token = url.removeprefix("/calendar/").removesuffix(".ics")
        Client().get(url)
        assert Client(enforce_csrf_checks=True).post(url).status_code == 405
        _as(scene.sam).post("/kindness/calendar/", {"action": "stop"})
        assert Client().get(url).status_code == 404
    assert token not in caplog.text
    feed = CalendarFeed.objects.get()
    assert feed.token_hash != token and len(feed.token_hash) == 64
    for event in AuditEvent.objects.all():
        assert token not in f"{event.detail} {event.object_id} {event.object_type}"
    assert list(
        AuditEvent.objects.filter(object_type="program.calendarfeed").values_list(
            "detail", flat=True
        )
    ) == ["calendar feed stopped", "calendar feed made"]  # newest first


def test_the_address_is_shown_once(scene):
    url = _make_feed(scene.sam)
    page = _as(scene.sam).get("/kindness/calendar/").content.decode()
    assert url not in page
    assert "made on" in page and "it isn't shown again" in page


def test_the_feed_stops_when_the_account_is_no_longer_active(scene):
    _plan(scene.sam.client_profile, "Tea", [0])
    url = _make_feed(scene.sam)
    type(scene.sam).objects.filter(pk=scene.sam.pk).update(is_active=False)
    assert Client().get(url).status_code == 404


def test_the_feed_accepts_only_reading(scene):
    url = _make_feed(scene.sam)
    assert Client().post(url).status_code == 405
    assert Client().head(url).status_code == 200


def test_an_unknown_calendar_action_is_a_400(scene):
    response = _as(scene.sam).post("/kindness/calendar/", {"action": "share"})
    assert response.status_code == 400
    assert "Please use one of the buttons" in response.content.decode()
    assert not CalendarFeed.objects.exists()


@pytest.mark.parametrize("name", ["sam", "maya", "leo"])
def test_the_calendar_page_speaks_to_each_age(scene, name):
    person = getattr(scene, name)
    page = _as(person).get("/kindness/calendar/").content.decode()
    assert "A moment for you" in page
    assert ('class="age-child"' in page) is (name == "leo")


def test_times_follow_the_practices_time_zone(scene):
    scene.harbour.time_zone = "Europe/London"
    scene.harbour.save()
    profile = scene.sam.client_profile
    profile.refresh_from_db()
    _plan(profile, "Tea", [0, 1, 2, 3, 4, 5, 6], dt.time(9, 0))
    body = Client().get(_make_feed(scene.sam)).content
    (event,) = _events(body)
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/London" and start.time() == dt.time(9, 0)
    assert b"BEGIN:VTIMEZONE" in body and b"TZID:Europe/London" in body
