"""Measures given to clients: what a clinician assigned, and each time it was (or is to be)
answered.

An Assignment says "this client answers this questionnaire, once or every N weeks". Each time
it falls due there is one Administration row: it holds the draft while the client answers, and
the answers, scores, band and flags once they finish. An assignment never has more than one
open administration, so a client who is away for a while comes back to one gentle check-in,
not a pile of missed ones.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindling.accounts.models import ClientProfile
from kindling.lib.crypto import EncryptedTextField

from . import schema


class Assignment(models.Model):
    client = models.ForeignKey(
        ClientProfile, on_delete=models.CASCADE, related_name="measure_assignments"
    )
    instrument_id = models.CharField(max_length=40)
    # None: once. Otherwise the next check-in falls due this many weeks after the last one
    # was answered (not after it was due), so nothing piles up.
    every_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    message = EncryptedTextField(_("a note for your client"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "instrument_id"],
                condition=Q(ended_at__isnull=True),
                name="one_active_assignment_per_measure",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument_id} for client {self.client_id}"

    @property
    def instrument(self) -> schema.Instrument:
        return schema.get(self.instrument_id)

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class AdministrationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(completed_at__isnull=True, withdrawn_at__isnull=True)

    def completed(self):
        return self.filter(completed_at__isnull=False)

    def due(self, today=None):
        return self.open().filter(due_on__lte=today or timezone.localdate())


class Administration(models.Model):
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="administrations"
    )
    client = models.ForeignKey(
        ClientProfile, on_delete=models.CASCADE, related_name="administrations"
    )
    instrument_id = models.CharField(max_length=40)
    due_on = models.DateField()
    # Answers given so far ({item id: value}); kept until the client finishes.
    draft = models.JSONField(default=dict, blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    instrument_version = models.CharField(max_length=20, blank=True)
    answers = models.JSONField(null=True, blank=True)
    scores = models.JSONField(null=True, blank=True)
    band = models.CharField(max_length=40, blank=True)
    flags = models.JSONField(null=True, blank=True)

    objects = AdministrationQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment"],
                condition=Q(completed_at__isnull=True, withdrawn_at__isnull=True),
                name="one_open_administration_per_assignment",
            ),
        ]
        indexes = [models.Index(fields=["client", "instrument_id", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.instrument_id} due {self.due_on} for client {self.client_id}"

    @property
    def instrument(self) -> schema.Instrument:
        return schema.get(self.instrument_id)

    @property
    def is_open(self) -> bool:
        return self.completed_at is None and self.withdrawn_at is None

    @property
    def safety_flags(self) -> list[str]:
        """Meanings of the safety flags this result raised (PHQ-9 item 9, for example)."""
        if not self.flags:
            return []
        return [
            flag.meaning
            for flag in self.instrument.scoring.flags
            if flag.safety and self.flags.get(flag.name)
        ]
