"""Pacing and practice: what a clinician has opened for a client, and each time they practised.

Nothing here counts days, expires or keeps a streak. A practice session keeps the distress
ratings the client chose to give, before and after, so a rise can be met at once.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindling.accounts.models import ClientProfile
from kindling.lib.crypto import EncryptedTextField

__all__ = ["PracticeSession", "Unlock"]

# A rise of this much, or an "after" rating at or above SETTLE_AT, offers settling at once.
SETTLE_RISE = 3
SETTLE_AT = 8


class Unlock(models.Model):
    """A stage (exercise_id blank: its gentle and moderate exercises) or one deeper exercise,
    opened for a client by their clinician."""

    client = models.ForeignKey(ClientProfile, on_delete=models.CASCADE, related_name="unlocks")
    stage_id = models.CharField(max_length=60)
    exercise_id = models.CharField(max_length=80, blank=True)
    message = EncryptedTextField(_("a note for your client"), blank=True)
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    unlocked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["unlocked_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "stage_id", "exercise_id"], name="one_unlock_per_thing"
            )
        ]

    def __str__(self) -> str:
        return f"{self.exercise_id or self.stage_id} for client {self.client_id}"


rating = [MinValueValidator(0), MaxValueValidator(10)]


class PracticeSession(models.Model):
    client = models.ForeignKey(
        ClientProfile, on_delete=models.CASCADE, related_name="practice_sessions"
    )
    exercise_id = models.CharField(max_length=80)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    before = models.PositiveSmallIntegerField(null=True, blank=True, validators=rating)
    after = models.PositiveSmallIntegerField(null=True, blank=True, validators=rating)
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    note = EncryptedTextField(blank=True)
    # Distress rose by SETTLE_RISE or more, or ended at SETTLE_AT or above: the client was
    # offered settling and help at once, and the care team sees it until a clinician has looked.
    settling_offered = models.BooleanField(default=False)
    flag_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["client", "settling_offered", "flag_seen_at"])]

    def __str__(self) -> str:
        return f"{self.exercise_id} by client {self.client_id} at {self.started_at:%Y-%m-%d}"

    @property
    def rise(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before
