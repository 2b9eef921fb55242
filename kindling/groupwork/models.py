"""What a workshop group does together: the group's pace through the programme, its before-and-
after check-in, and peer sharing.

- GroupUnlock: the facilitator opens a stage for the whole group (gentle and moderate exercises
  only: deeper exercises need 1:1 care and are never opened by a group).
- GroupCheckIn and CheckInLink: the facilitator opens the SCS-SF "before" or "after" check-in;
  each participant who can take it gets a due check-in in their own measures (an
  Administration), linked here so the group's aggregate can be worked out. The facilitator never
  sees one person's answers (see aggregate.py).
- PeerPost and PeerReport: short reflections, screened for risk and read by the facilitator
  before anyone else sees them; anyone in the group can report one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindling.accounts.models import ClientProfile
from kindling.groups.models import Workshop
from kindling.lib.crypto import EncryptedTextField
from kindling.measures.models import Administration

POST_MAX_CHARS = 600


class GroupUnlock(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="group_unlocks")
    stage_id = models.CharField(max_length=60)
    unlocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    unlocked_at = models.DateTimeField(default=timezone.now)
    # A few words to the group, shown beside the stage (encrypted: free text).
    message = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["unlocked_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "stage_id"], name="one_unlock_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.stage_id} for workshop {self.workshop_id}"


class GroupCheckIn(models.Model):
    class Phase(models.TextChoices):
        BEFORE = "before", _("Before the group")
        AFTER = "after", _("After the group")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="check_ins")
    phase = models.CharField(max_length=10, choices=Phase.choices)
    instrument_id = models.CharField(max_length=40, default="scs-sf")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "phase"], name="one_check_in_per_phase")
        ]

    def __str__(self) -> str:
        return f"{self.phase} check-in for workshop {self.workshop_id}"


class CheckInLink(models.Model):
    """One participant's check-in for one phase: their own Administration, which they answer on
    their usual check-ins page."""

    check_in = models.ForeignKey(GroupCheckIn, on_delete=models.CASCADE, related_name="links")
    client = models.ForeignKey(ClientProfile, on_delete=models.CASCADE, related_name="+")
    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="group_links"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["check_in", "client"], name="one_link_per_person")
        ]

    def __str__(self) -> str:
        return f"check-in link {self.pk}"


class PeerPost(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the facilitator")
        APPROVED = "approved", _("Shared with the group")
        REMOVED = "removed", _("Removed")
        HELD = "held", _("Held for safety")

    class ShowAs(models.TextChoices):
        FIRST_NAME = "first_name", _("My first name")
        ANONYMOUS = "anonymous", _("Anonymous")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="peer_posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_posts"
    )
    show_as = models.CharField(max_length=12, choices=ShowAs.choices, default=ShowAs.FIRST_NAME)
    body = EncryptedTextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    risk_level = models.CharField(max_length=10, default="none")  # none | concern | urgent
    risk_about = models.CharField(max_length=10, default="self")
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["workshop", "status"])]

    def __str__(self) -> str:
        return f"peer post {self.pk} ({self.status})"

    @property
    def shown_name(self) -> str:
        """How other participants see the author: a first name, or nobody in particular."""
        if self.show_as == self.ShowAs.ANONYMOUS:
            return str(_("Someone in the group"))
        return first_name_of(self.author)


def first_name_of(user) -> str:
    profile = getattr(user, "client_profile", None)
    name = (profile.preferred_name if profile is not None else "") or user.name or ""
    return name.split()[0] if name.split() else str(_("Someone in the group"))


class PeerReport(models.Model):
    post = models.ForeignKey(PeerPost, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_reports"
    )
    reason = EncryptedTextField(blank=True)
    # What the risk screen said of the reason (a report can say "she means it, she has pills").
    risk_level = models.CharField(max_length=10, default="none")  # none | concern | urgent
    risk_about = models.CharField(max_length=10, default="self")
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="one_report_per_person")
        ]

    def __str__(self) -> str:
        return f"report {self.pk} on post {self.post_id}"
