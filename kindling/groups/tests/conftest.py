"""Workshops for the groups tests, run by Fran at Harbour Light (see the root conftest)."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.utils import timezone

from kindling.groups.models import Workshop, WorkshopSession

SITE = "http://testserver/"


def make_workshop(
    scene, *, slug="kind-morning", capacity=2, online=False, audience="adults",
    sessions=1, published=True, follows=False, days=7,
) -> Workshop:  # fmt: skip
    workshop = Workshop.objects.create(
        practice=scene.harbour, slug=slug, title="A kind morning", capacity=capacity,
        summary="Some **gentle** practice.", audience=audience,
        format=Workshop.Format.ONLINE if online else Workshop.Format.IN_PERSON,
        venue="" if online else "14 Bay Street",
        meeting_link="https://meet.example.org/secret-room" if online else "",
        price_text="$40", facilitator=scene.fran, is_published=published,
        follows_programme=follows,
    )  # fmt: skip
    first = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    for n in range(sessions):
        WorkshopSession.objects.create(
            workshop=workshop, starts_at=first + dt.timedelta(weeks=n), minutes=90,
            time_zone="Australia/Melbourne", title=f"Week {n + 1}" if sessions > 1 else "",
        )  # fmt: skip
    return workshop


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run on-commit work (the outbox's e-mails) as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def ics_of(message) -> tuple[str, icalendar.Calendar]:
    """The mimetype and parsed calendar of an e-mail's one .ics attachment."""
    (attachment,) = [a for a in message.attachments if a[2].startswith("text/calendar")]
    name, content, mimetype = attachment
    raw = content.encode() if isinstance(content, str) else content
    return mimetype, icalendar.Calendar.from_ical(raw)


def link_in(body: str, fragment: str) -> str:
    """The first URL in an e-mail body containing `fragment`, as a path."""
    for word in body.split():
        if fragment in word and word.startswith("http"):
            return word.replace("http://testserver", "")
    raise AssertionError(f"no link with {fragment!r} in:\n{body}")
