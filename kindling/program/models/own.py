"""A staff member's own practice: the programme for themselves, and a private wellbeing check.

Visible to nobody else: not their colleagues, not the practice administrator, and the audit
trail records nothing about it (it is not clinical data about a client, and a record of when
a clinician checks their own wellbeing would itself be private)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from kindling.lib.crypto import EncryptedTextField

__all__ = ["OwnCheck", "OwnPractice"]


class OwnPractice(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="own_practice"
    )
    exercise_id = models.CharField(max_length=80)
    practised_at = models.DateTimeField(default=timezone.now)
    note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["-practised_at"]

    def __str__(self) -> str:
        return f"own practice {self.pk}"


class OwnCheck(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="own_checks"
    )
    instrument_id = models.CharField(max_length=40)
    instrument_version = models.CharField(max_length=20)
    # Answers and scores encrypted too: nobody but the person reads them.
    answers = EncryptedTextField()
    scores = EncryptedTextField()
    band = models.CharField(max_length=40, blank=True)
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["completed_at"]

    def __str__(self) -> str:
        return f"own check {self.pk}"
