"""The journal: free entries and guided "kind response" entries. Encrypted, private by
default, shared one by one."""

from __future__ import annotations

import json

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindling.accounts.models import ClientProfile
from kindling.lib.crypto import EncryptedTextField

__all__ = ["GUIDED_PROMPTS", "JournalEntry"]

# The guided "kind response" entry, in order: (field, prompt for adults and teens, for children).
GUIDED_PROMPTS = [
    ("what_happened", _("What happened?"), _("What happened?")),
    ("critic_said", _("What did my inner critic say?"), _("What did the bossy voice say?")),
    ("how_it_felt", _("How did it feel?"), _("How did it feel inside?")),
    ("friend_words", _("What would I say to a friend in my place?"),
     _("What would you say to a friend if this happened to them?")),
    ("kinder_words", _("What kinder thing can I say to myself?"),
     _("What would Ember say to you?")),
    ("others_too", _("Is this something other people go through too?"),
     _("Do other kids feel like this sometimes?")),
]  # fmt: skip


class JournalEntry(models.Model):
    class Kind(models.TextChoices):
        FREE = "free", _("Free writing")
        KIND_RESPONSE = "kind", _("A kind response")

    client = models.ForeignKey(
        ClientProfile, on_delete=models.CASCADE, related_name="journal_entries"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.FREE)
    # All the entry's text as one encrypted JSON object: {"body": ...} for free writing, the
    # GUIDED_PROMPTS fields for a kind response. Nothing readable is stored outside it.
    content = EncryptedTextField(blank=True)
    # Autosaved words not yet saved, in the same JSON shape. Only `content` is ever shown to
    # anyone else or screened; Save moves the draft into it. So an autosave of a shared entry
    # changes nothing others see until the client presses Save.
    draft_content = EncryptedTextField(blank=True)
    # Made when the empty form is shown: a repeated post of the same new entry finds it.
    draft_key = models.CharField(max_length=40, blank=True)
    # True until the client first presses Save.
    is_draft = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    saved_at = models.DateTimeField(null=True, blank=True)
    shared_with_care_team_at = models.DateTimeField(null=True, blank=True)
    shared_with_guardian_at = models.DateTimeField(null=True, blank=True)
    # What the risk screen said when it was last saved (kindling/safety).
    risk_level = models.CharField(max_length=10, blank=True)
    risk_about = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["client", "shared_with_care_team_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "draft_key"],
                condition=~models.Q(draft_key=""),
                name="one_entry_per_draft_key",
            )
        ]

    def __str__(self) -> str:
        return f"journal entry {self.pk} of client {self.client_id}"

    @staticmethod
    def _parse(text: str) -> dict[str, str]:
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        return data if isinstance(data, dict) else {}

    @staticmethod
    def _dump(values: dict[str, str]) -> str:
        return json.dumps({k: v for k, v in values.items() if v}, ensure_ascii=False)

    @property
    def fields(self) -> dict[str, str]:
        """What was saved: the only text anyone else may see."""
        return self._parse(self.content)

    @property
    def draft_fields(self) -> dict[str, str]:
        return self._parse(self.draft_content)

    @property
    def has_unsaved_changes(self) -> bool:
        return bool(self.draft_content)

    @property
    def editing_fields(self) -> dict[str, str]:
        """What the client sees in the editor: the newest words, saved or not."""
        return self.draft_fields if self.draft_content else self.fields

    def set_fields(self, values: dict[str, str]) -> None:
        self.content = self._dump(values)

    def set_draft(self, values: dict[str, str]) -> None:
        self.draft_content = self._dump(values)

    @property
    def labelled_fields(self) -> list[tuple[str, str]]:
        """(prompt, answer) pairs for reading; free writing has no prompt."""
        prompts = {name: adult for name, adult, _child in GUIDED_PROMPTS}
        return [(prompts.get(k, ""), v) for k, v in self.fields.items() if v]

    @property
    def text(self) -> str:
        """Everything written, as one text (for the risk screen and for reading)."""
        return "\n\n".join(v for v in self.fields.values() if v)

    @staticmethod
    def _first_words(values: dict[str, str]) -> str:
        first = next(iter(v for v in values.values() if v), "")
        return (first[:60] + "…") if len(first) > 60 else first

    @property
    def headline(self) -> str:
        """The start of what was saved: safe to show to anyone the entry is shared with."""
        return self._first_words(self.fields)

    @property
    def own_headline(self) -> str:
        """The start of the newest words, saved or not: for the client's own list only."""
        return self._first_words(self.editing_fields)
