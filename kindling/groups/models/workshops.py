"""A workshop, its sessions, and the people registered for it.

A registration is confirmed (holds a place) or waitlisted (in the order people joined), and may
be cancelled. Capacity counts confirmed registrations only; the database holds one live
registration per address per workshop, so a double click cannot take two places.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindling.accounts.models import Invitation, Practice
from kindling.lib.crypto import EncryptedTextField

__all__ = ["Attendance", "GroupMessage", "Registration", "Workshop", "WorkshopSession"]


class Workshop(models.Model):
    class Audience(models.TextChoices):
        ADULTS = "adults", _("Adults")
        TEENS = "teens", _("Teenagers (13–17)")
        FAMILIES = "families", _("Parents and children together")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="workshops")
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=160)
    summary = models.TextField(blank=True)  # public: what it is, who it is for (Markdown)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.ADULTS)
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.CharField(max_length=300, blank=True)  # in person: where (public)
    # Online: shown only to confirmed participants and the facilitator, never on public pages.
    meeting_link = models.URLField(max_length=500, blank=True)
    capacity = models.PositiveSmallIntegerField()
    price_text = models.CharField(max_length=120, blank=True)  # "Free", "$40, concessions $20"
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="workshops_led"
    )
    # A multi-week group that moves through the programme's stages together (groupwork).
    follows_programme = models.BooleanField(default=False)
    is_published = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["practice_id", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "slug"], name="workshop_slug_per_practice"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="workshop_has_a_place"),
        ]

    def __str__(self) -> str:
        return self.title

    def first_start(self) -> dt.datetime | None:
        first = min((s.starts_at for s in self.sessions.all()), default=None)
        return first


class WorkshopSession(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()  # stored in UTC, shown in time_zone
    minutes = models.PositiveSmallIntegerField(default=90)
    time_zone = models.CharField(max_length=64, default="Australia/Melbourne")
    title = models.CharField(max_length=160, blank=True)  # "Week 2: the inner critic"

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=5) & Q(minutes__lte=600), name="session_length_sensible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workshop} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.minutes)

    def local_start(self) -> dt.datetime:
        return self.starts_at.astimezone(ZoneInfo(self.time_zone))


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Has a place")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="registrations")
    # Null for a guest until they accept the invitation that gives them an account.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(max_length=150)
    email = models.EmailField()
    status = models.CharField(max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(default=timezone.now)  # the waitlist's order
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # The "manage my booking" link's secret, as a SHA-256 (like Invitation.token_hash). A new
    # one is made when the place is offered from the waitlist, so the newest e-mail's link works.
    manage_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # A teens' or families' workshop is booked by the parent or guardian, who says so.
    is_guardian_booking = models.BooleanField(default=False)
    # A guest's invitation to make an account (accepting it links their bookings by address).
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "email"],
                condition=Q(status__in=["confirmed", "waitlisted"]),
                name="one_live_registration_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"registration {self.pk} ({self.status})"


class Attendance(models.Model):
    """A participant was there for a session (a row exists only for those present)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendance"
    )
    session = models.ForeignKey(WorkshopSession, on_delete=models.CASCADE, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="attended_once")
        ]

    def __str__(self) -> str:
        return f"attendance of registration {self.registration_id} at session {self.session_id}"


class GroupMessage(models.Model):
    """What a facilitator wrote to the group: e-mailed to the confirmed participants."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="messages")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = EncryptedTextField()
    recipients = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return f"group message {self.pk}"  # never its words (the admin, logs)
