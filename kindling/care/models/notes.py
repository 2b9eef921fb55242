"""Session notes: what a clinician writes after a session, for the care team only.

A note's text lives in one encrypted JSON field, like the journal's. The author may change it
for EDIT_WINDOW after writing it; every change keeps the text it replaced as a NoteVersion.
After that, and for anyone else on the care team at any time, the only way to add to a note is
an addendum. Nothing written is ever overwritten without a copy, so the record reads as it was.
"""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindling.accounts.models import ClientProfile
from kindling.lib.crypto import EncryptedTextField

__all__ = ["EDIT_WINDOW", "NOTE_PARTS", "NoteAddendum", "NoteVersion", "SessionNote"]

# How long after writing a note its author may still change it.
EDIT_WINDOW = dt.timedelta(hours=24)

# The light structure of a note, in order: (key in the JSON, label).
NOTE_PARTS = [
    ("focus", _("Focus of the session")),
    ("noticed", _("What I noticed")),
    ("plan", _("Plan")),
    ("homework", _("Homework")),
    ("text", _("Notes")),
]
PART_KEYS = [key for key, _label in NOTE_PARTS]


def parse_parts(text: str) -> dict[str, str]:
    """A note's stored JSON as {part: words}, in the order of NOTE_PARTS, empty parts left out."""
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    return {key: str(data[key]) for key in PART_KEYS if data.get(key)}


def dump_parts(values: dict[str, str]) -> str:
    return json.dumps({k: values[k] for k in PART_KEYS if values.get(k)}, ensure_ascii=False)


def name_of(person) -> str:
    """Who wrote something, for the page: their name, or a plain word once they have gone."""
    if person is None:
        return str(_("A former team member"))
    return person.name or person.email


def labelled(parts: dict[str, str]) -> list[tuple[str, str]]:
    labels = dict(NOTE_PARTS)
    return [(labels[key], words) for key, words in parts.items()]


class SessionNote(models.Model):
    client = models.ForeignKey(
        ClientProfile, on_delete=models.CASCADE, related_name="session_notes"
    )
    # Kept when the author's account is deleted; the note then shows "a former team member".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    session_date = models.DateField()
    # {focus, noticed, plan, homework, text} as JSON; nothing readable is stored outside it.
    content = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-session_date", "-created_at", "-pk"]
        indexes = [models.Index(fields=["client", "-session_date"])]

    def __str__(self) -> str:
        return f"session note {self.pk} of client {self.client_id}"

    def get_absolute_url(self) -> str:
        return reverse("session_note", args=[self.client_id, self.pk])

    @property
    def parts(self) -> dict[str, str]:
        return parse_parts(self.content)

    def set_parts(self, values: dict[str, str]) -> None:
        self.content = dump_parts(values)

    @property
    def labelled_parts(self) -> list[tuple[str, str]]:
        """(label, words) for each part written, in the note's order."""
        return labelled(self.parts)

    @property
    def headline(self) -> str:
        """The first words of the note, for a timeline line."""
        first = next(iter(self.parts.values()), "")
        return (first[:80] + "…") if len(first) > 80 else first

    @property
    def author_name(self) -> str:
        return name_of(self.author)

    @property
    def editable_until(self) -> dt.datetime:
        return self.created_at + EDIT_WINDOW

    def is_editable_by(self, user, now: dt.datetime | None = None) -> bool:
        """Only the author, and only within EDIT_WINDOW of writing it."""
        now = now or timezone.now()
        return (
            self.author_id is not None
            and self.author_id == getattr(user, "pk", None)
            and now < self.editable_until
        )


class NoteVersion(models.Model):
    """The text a note had before an edit, with the date it gave for the session."""

    note = models.ForeignKey(SessionNote, on_delete=models.CASCADE, related_name="versions")
    content = EncryptedTextField(blank=True)
    session_date = models.DateField()
    # When this text was saved, and by whom (the note's author).
    saved_at = models.DateTimeField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-saved_at", "-pk"]

    def __str__(self) -> str:
        return f"earlier version {self.pk} of session note {self.note_id}"

    @property
    def parts(self) -> dict[str, str]:
        return parse_parts(self.content)

    @property
    def labelled_parts(self) -> list[tuple[str, str]]:
        return labelled(self.parts)

    @property
    def saved_by_name(self) -> str:
        return name_of(self.saved_by)


class NoteAddendum(models.Model):
    """Words added to a note after the fact: by its author once the edit window has passed,
    or by anyone on the care team. Never changed once written."""

    note = models.ForeignKey(SessionNote, on_delete=models.CASCADE, related_name="addenda")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    content = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"addendum {self.pk} to session note {self.note_id}"

    @property
    def author_name(self) -> str:
        return name_of(self.author)
