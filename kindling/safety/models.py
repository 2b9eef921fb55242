"""Alerts for the care team, the calm check a client sees when risk is found, and safety plans."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindling.accounts.models import ClientProfile
from kindling.lib.crypto import EncryptedTextField

from .screen import decode_matches


class Alert(models.Model):
    """Something the care team must look at. It stays until a clinician acknowledges it with a
    note of what was done; the client closing their crisis page does not clear it."""

    class Level(models.TextChoices):
        URGENT = "urgent", _("Urgent")
        CONCERN = "concern", _("Concern")

    class About(models.TextChoices):
        SELF = "self", _("The client")
        OTHER = "other", _("A family member or someone else")
        UNCLEAR = "unclear", _("Unclear")

    class Source(models.TextChoices):
        JOURNAL = "journal", _("a journal entry")
        DISTRESS = "distress", _("a distress rating after practice")
        MEASURE = "measure", _("a questionnaire answer")
        TEXT = "text", _("something the client wrote")
        KINDNESS = "kindness", _("their plan of kind acts")
        GROUP = "group", _("something they wrote in a group")
        FAMILY = "family", _("a note from their parent or carer")
        REPORT = "report", _("another group member's report of their post")

    client = models.ForeignKey(ClientProfile, on_delete=models.CASCADE, related_name="alerts")
    level = models.CharField(max_length=10, choices=Level.choices)
    about = models.CharField(max_length=10, choices=About.choices)
    source = models.CharField(max_length=10, choices=Source.choices)
    source_id = models.CharField(max_length=40, blank=True)
    # What triggered it, for the clinician: phrases and their explanations (encrypted: they
    # quote the client's words).
    detail = EncryptedTextField(blank=True)
    # What screened the text: the rules' version, and the model's when it was consulted.
    rules_version = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    action_note = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["client", "acknowledged_at"])]

    def __str__(self) -> str:
        return f"{self.level} alert {self.pk} for client {self.client_id}"

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None

    @property
    def at_home(self) -> bool:
        """A concern the rules read as danger at home (told at once, see `pathway`)."""
        return self.level == self.Level.CONCERN and any(
            m.get("rule") == "danger-at-home" for m in self.matches
        )

    @property
    def pressing(self) -> bool:
        """Urgent, or danger at home: marked and listed first wherever alerts wait."""
        return self.level == self.Level.URGENT or self.at_home

    @staticmethod
    def most_pressing_first(alerts) -> list[Alert]:
        """Urgent alerts, then danger at home, then the other concerns; oldest first in each."""
        return sorted(
            alerts, key=lambda a: (a.level != a.Level.URGENT, not a.at_home, a.created_at)
        )

    @property
    def headline(self) -> str:
        """What the alert is, in a few words for the caseload and the alert page (lower case:
        the caseload puts the client's name before it)."""
        return self._headline(participant=False)

    @property
    def participant_headline(self) -> str:
        """The same, as a facilitator reads it: the person is a participant, not a client."""
        return self._headline(participant=True)

    def _headline(self, *, participant: bool) -> str:
        if self.source == self.Source.FAMILY:
            return _("their parent or carer wrote that someone may be at risk")
        if self.source == self.Source.REPORT:
            return _("a group member reported their post, worried that someone may be at risk")
        if self.about == self.About.OTHER and self.source == self.Source.GROUP:
            return _("something they wrote in a group may mean someone else is at risk")
        if self.about == self.About.OTHER:
            return _("a family member or someone close may be at risk")
        if self.source == self.Source.DISTRESS:
            return _("very high distress during practice")
        if self.at_home:
            return _("they may not be safe at home")
        if self.level == self.Level.URGENT:
            if participant:
                return _("possible risk to the participant")
            return _("possible risk to the client")
        return _("a concern to look at")

    @property
    def matches(self) -> list[dict]:
        return decode_matches(self.detail)


class SafetyCheck(models.Model):
    """The calm page a client sees at once when urgent risk about them is found. It closes only
    when they choose "I'm safe right now" or call a line."""

    class Closed(models.TextChoices):
        SAFE = "safe", _("said they were safe right now")
        CALLED = "called", _("chose to call a line")

    client = models.ForeignKey(
        ClientProfile, on_delete=models.CASCADE, related_name="safety_checks"
    )
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="checks")
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_how = models.CharField(max_length=10, choices=Closed.choices, blank=True)

    class Meta:
        ordering = ["opened_at"]

    def __str__(self) -> str:
        return f"safety check {self.pk} for client {self.client_id}"


PLAN_SECTIONS = [
    ("warning_signs", _("Signs that a hard time may be starting"),
     _("How I can tell things are getting hard")),
    ("on_my_own", _("Things I can do on my own to feel a little better"),
     _("Things I can do by myself to feel calmer")),
    ("people_places", _("People and places that help me feel better"),
     _("People and places that make me feel better")),
    ("ask_for_help", _("People I can ask for help"), _("Grown-ups I can tell")),
    ("professionals", _("Professionals and crisis lines I can contact"),
     _("Helpers and phone numbers I can call")),
    ("safer_surroundings", _("Making my surroundings safer"), _("Keeping myself safe")),
    ("reasons", _("Reasons that matter to me"), _("Things and people I love")),
]  # fmt: skip


class SafetyPlan(models.Model):
    client = models.OneToOneField(
        ClientProfile, on_delete=models.CASCADE, related_name="safety_plan"
    )
    content = EncryptedTextField(blank=True)  # JSON: PLAN_SECTIONS field -> text
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"safety plan of client {self.client_id}"

    @property
    def sections(self) -> dict[str, str]:
        try:
            data = json.loads(self.content) if self.content else {}
        except ValueError:
            data = {}
        return data if isinstance(data, dict) else {}

    def set_sections(self, values: dict[str, str]) -> None:
        self.content = json.dumps({k: v for k, v in values.items() if v}, ensure_ascii=False)

    @property
    def is_empty(self) -> bool:
        return not any(self.sections.values())


class PracticeCrisisLines(models.Model):
    """A practice's own list of lines for its region (a local service, a changed number). The
    emergency number is not editable. Saving writes a static page under DATA_DIR, served
    without the database (kindling/safety/practice_lines.py)."""

    practice = models.OneToOneField(
        "accounts.Practice", on_delete=models.CASCADE, related_name="crisis_lines"
    )
    lines = models.JSONField(default=list)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"crisis lines of practice {self.practice_id}"
