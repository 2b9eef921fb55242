"""Writes to session notes, one function per intention, and the recent notes of a client.

The rule: the author may change a note for EDIT_WINDOW (24 hours) after writing it, and every
change keeps the text it replaced (a NoteVersion). After that, or for anyone else on the care
team, words are added as an addendum; the original is never changed. Each write is audited
with the note as its object and no words in the detail.

Callers have checked access (kindling/lib/access.py: notes_for, note_for); these functions
only enforce the rules of the record itself.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from kindling.accounts.models import ClientProfile, Role, User
from kindling.lib import access, audit

from .models.notes import (
    EDIT_WINDOW,
    PART_KEYS,
    NoteAddendum,
    NoteVersion,
    SessionNote,
    dump_parts,
)

# The most words one part of a note, or an addendum, may hold. Forms say so out loud rather
# than cutting text off.
MAX_PART = 10_000

__all__ = [
    "EDIT_WINDOW",
    "MAX_PART",
    "NoteConflict",
    "NoteError",
    "NoteLocked",
    "add_addendum",
    "edit_note",
    "edit_stamp",
    "recent_notes",
    "why_not_editable",
    "with_history_counts",
    "write_note",
]


class NoteError(ValueError):
    """A write the rules refuse; the message says why, in words for the clinician."""


class NoteLocked(NoteError):
    """The note can no longer be changed by this person: an addendum is the way."""


class NoteConflict(NoteError):
    """The note changed after the form was opened: saving would hide that change."""


def _clean_parts(parts: dict[str, str]) -> dict[str, str]:
    unknown = set(parts) - set(PART_KEYS)
    if unknown:
        raise NoteError(_("A note has no part called %(name)s.") % {"name": sorted(unknown)[0]})
    cleaned = {key: (parts.get(key) or "").strip() for key in PART_KEYS}
    if not any(cleaned.values()):
        raise NoteError(_("The note is empty. Write at least one part of it."))
    if any(len(words) > MAX_PART for words in cleaned.values()):
        raise NoteError(
            _("One part of the note is longer than %(limit)s characters.") % {"limit": MAX_PART}
        )
    return cleaned


def _audit(action: str, note: SessionNote, by: User, detail: str) -> None:
    client = note.client
    audit.record(
        action, actor=by, role=Role.CLINICIAN, practice_id=client.practice_id, obj=note,
        subject_id=client.user_id, detail=detail,
    )  # fmt: skip


def write_note(
    client: ClientProfile, by: User, *, session_date: dt.date, parts: dict[str, str]
) -> SessionNote:
    """A new note about one session. `client` must come from access.client_for."""
    cleaned = _clean_parts(parts)
    now = timezone.now()
    with transaction.atomic():
        note = SessionNote(
            client=client, author=by, session_date=session_date, created_at=now, updated_at=now
        )
        note.set_parts(cleaned)
        note.save()
        _audit("create", note, by, "session note written")
    return note


def why_not_editable(note: SessionNote, user: User, now: dt.datetime | None = None) -> str:
    """Why this person may not change the note now, or "" if they may."""
    if note.author_id is None or note.author_id != getattr(user, "pk", None):
        return _(
            "Only the clinician who wrote this note can change it. You can add an addendum "
            "instead: it appears under the note with your name and the time."
        )
    if not note.is_editable_by(user, now):
        hours = int(EDIT_WINDOW.total_seconds() // 3600)
        return _(
            "This note was written more than %(hours)s hours ago, so it can no longer be "
            "changed. Add an addendum instead: the original stays exactly as it was written."
        ) % {"hours": hours}
    return ""


def edit_stamp(note: SessionNote) -> str:
    """Which saved text an edit form was opened on (sent back with the form)."""
    return note.updated_at.isoformat()


def edit_note(
    note: SessionNote,
    by: User,
    *,
    session_date: dt.date,
    parts: dict[str, str],
    based_on: str | None = None,
) -> bool:
    """Change a note within the edit window, keeping the text it had as a NoteVersion.

    Raises NoteLocked after the window or for anyone but the author, and NoteConflict when
    the note was changed after the form showing `based_on` was opened. Returns False, and
    writes nothing, when nothing changed.
    """
    cleaned = _clean_parts(parts)
    with transaction.atomic():
        # Lock the row and check again inside the transaction: the window may have closed, or
        # another tab saved, since the form was opened.
        current = SessionNote.objects.select_for_update().get(pk=note.pk)
        current.client = note.client
        now = timezone.now()
        reason = why_not_editable(current, by, now)
        if reason:
            raise NoteLocked(reason)
        if based_on is not None and based_on != edit_stamp(current):
            raise NoteConflict(
                _(
                    "This note was changed somewhere else (perhaps in another tab) after you "
                    "opened it. Nothing has been saved: your words are still in the form, and "
                    "the note as it is saved now is shown above it."
                )
            )
        content = dump_parts(cleaned)
        if content == current.content and session_date == current.session_date:
            return False
        NoteVersion.objects.create(
            note=current,
            content=current.content,
            session_date=current.session_date,
            saved_at=current.updated_at,
            saved_by_id=current.author_id,
        )
        current.content = content
        current.session_date = session_date
        current.updated_at = now
        current.save(update_fields=["content", "session_date", "updated_at"])
        _audit("update", current, by, "session note changed; the earlier version is kept")
    note.content, note.session_date, note.updated_at = content, session_date, now
    return True


def add_addendum(note: SessionNote, by: User, text: str) -> NoteAddendum:
    """Add words under a note. Anyone on the care team may (the caller has checked that with
    access.note_for); the note itself is not changed."""
    text = (text or "").strip()
    if not text:
        raise NoteError(_("The addendum is empty. Write what you would like to add."))
    if len(text) > MAX_PART:
        raise NoteError(
            _("The addendum is longer than %(limit)s characters.") % {"limit": MAX_PART}
        )
    with transaction.atomic():
        addendum = NoteAddendum.objects.create(
            note=note, author=by, content=text, created_at=timezone.now()
        )
        _audit("update", note, by, "addendum added to a session note")
    return addendum


def _count_of(model) -> Coalesce:
    counted = (
        model.objects.filter(note=OuterRef("pk"))
        .order_by()
        .values("note")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_history_counts(notes: QuerySet[SessionNote]) -> QuerySet[SessionNote]:
    """Each note with `earlier_versions` and `addenda_count`, in the same query."""
    return notes.annotate(
        earlier_versions=_count_of(NoteVersion), addenda_count=_count_of(NoteAddendum)
    )


def recent_notes(client: ClientProfile, limit: int = 5) -> list[SessionNote]:
    """A client's newest session notes, for the client record and its timeline.

    `client` must come from access.client_for (which checks the care team and audits the
    visit). Each note has `session_date`, `created_at`, `author` (None once their account is
    deleted), `labelled_parts`, `headline`, `earlier_versions` (how many times it was
    changed), `addenda_count` and `get_absolute_url()` (its page, with every version). One
    query, whatever the limit.
    """
    return list(with_history_counts(access.session_notes_of(client))[:limit])
