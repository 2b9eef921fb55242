"""The kindness plan: small acts of care a client plans for themselves, and a private calendar.

A KindnessAct is "on these days (at this time, or any time), I'll do this kind thing for myself".
It is never deleted by the client, only stopped (`ended_at`), so their history stays theirs.
Each day it is planned for can carry one KindnessMark, "done" or "not today"; a day with no mark
is simply a day, never counted against anyone.

A CalendarFeed is a secret address for the client's phone calendar. Only the SHA-256 of its
token is stored (like an Invitation's), so a copy of the database cannot be used to read anyone's
plan; making a new one revokes the old.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindling.accounts.models import ClientProfile
from kindling.lib.crypto import EncryptedTextField

__all__ = ["CalendarFeed", "KindnessAct", "KindnessMark", "MarkState"]

# Days are stored as Python's weekday numbers (Monday 0 … Sunday 6), comma-separated and sorted,
# in a small CharField: "0,2,4" is Monday, Wednesday and Friday. Readable in a dump, easy to
# query, and nothing about the act itself.
ALL_DAYS = tuple(range(7))


def days_to_text(days) -> str:
    chosen = sorted({int(day) for day in days})
    if not chosen or any(day not in ALL_DAYS for day in chosen):
        raise ValueError("weekdays must be a non-empty set of numbers 0 (Monday) to 6 (Sunday)")
    return ",".join(str(day) for day in chosen)


class KindnessAct(models.Model):
    client = models.ForeignKey(
        ClientProfile, on_delete=models.CASCADE, related_name="kindness_acts"
    )
    # The client's own words (or a suggestion they chose): encrypted at rest, never in the feed.
    text = EncryptedTextField(_("something kind to do"))
    from_suggestion = models.BooleanField(default=False)
    weekdays = models.CharField(max_length=13)  # "0,2,4": see days_to_text
    at_time = models.TimeField(null=True, blank=True)  # None: any time that day
    # The calendar event's UID: stable for the act's life and says nothing about it.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["client", "ended_at"])]

    def __str__(self) -> str:
        return f"kindness act {self.pk} for client {self.client_id}"

    @property
    def days(self) -> tuple[int, ...]:
        return tuple(int(day) for day in self.weekdays.split(",") if day != "")

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    def is_planned_on(self, day) -> bool:
        return day.weekday() in self.days


class MarkState(models.TextChoices):
    DONE = "done", _("Done")
    NOT_TODAY = "not_today", _("Not today")


class KindnessMark(models.Model):
    act = models.ForeignKey(KindnessAct, on_delete=models.CASCADE, related_name="marks")
    on = models.DateField()
    state = models.CharField(max_length=10, choices=MarkState.choices)
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["act", "on"], name="one_kindness_mark_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.state} on {self.on} for kindness act {self.act_id}"


class CalendarFeed(models.Model):
    client = models.ForeignKey(
        ClientProfile, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_calendar_feed_per_client",
            ),
        ]

    def __str__(self) -> str:
        return f"calendar feed {self.pk} for client {self.client_id}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None
