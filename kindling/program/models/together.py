"""Family practice: a young person and a guardian linked to them do a "together" exercise (one of
the programme's kind `family`), and each keeps their own short log of it.

One row per time they practised together. Each side is its owner's:

- the young person's side: done, how it felt, and their note, which lives in their ordinary
  practice log (`session`, encrypted and screened like any note) so the practice counts in their
  programme and their care team sees it there. The guardian sees that they did it; how it felt
  and the note only if the young person shares this entry (`young_shared_at`), and they may
  change their mind whenever they like;
- the guardian's side: done, how it felt and a note, private to the guardian (the young person
  sees only that they did it).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindling.accounts.models import ClientProfile
from kindling.lib.crypto import EncryptedTextField

from .pacing import PracticeSession

__all__ = ["TogetherPractice"]


class TogetherPractice(models.Model):
    class Side(models.TextChoices):
        YOUNG_PERSON = "young_person", _("the young person")
        GUARDIAN = "guardian", _("the parent or carer")

    class Felt(models.TextChoices):
        CALM = "calm", _("Calm")
        CLOSE = "close", _("Close to each other")
        AWKWARD = "awkward", _("A bit awkward")
        HARD = "hard", _("Hard")

    client = models.ForeignKey(
        ClientProfile, on_delete=models.CASCADE, related_name="together_practices"
    )
    guardian = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="together_practices"
    )
    exercise_id = models.CharField(max_length=80)
    started_by = models.CharField(max_length=20, choices=Side.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # Made when the page is shown: the same form posted twice finds the row it made.
    start_key = models.CharField(max_length=40, blank=True)

    young_done_at = models.DateTimeField(null=True, blank=True)
    young_felt = models.CharField(max_length=10, choices=Felt.choices, blank=True)
    session = models.OneToOneField(
        PracticeSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="together"
    )
    young_shared_at = models.DateTimeField(null=True, blank=True)

    guardian_done_at = models.DateTimeField(null=True, blank=True)
    guardian_felt = models.CharField(max_length=10, choices=Felt.choices, blank=True)
    guardian_note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "start_key"],
                condition=~models.Q(start_key=""),
                name="one_together_practice_per_start",
            )
        ]

    def __str__(self) -> str:
        return f"together practice {self.pk}"
