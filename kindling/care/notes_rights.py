"""Session notes in the client's copy of their data, and destroyed when they are erased.

Decision: the notes ARE in the client's copy, under their own heading ("Notes your care team
wrote about your sessions"), with every earlier version and every addendum. The matrix in the
design says a client cannot browse session notes in Kindling, and that stays so; but a copy of
one's data is a right of access, and under Australian law (Australian Privacy Principle 12,
and state health records acts) and UK law (UK GDPR article 15) clients generally have a right
of access to their health records, including what their clinician wrote. The law's exceptions
(for example a serious threat to someone's life or health, or another person's privacy) need a
clinician's judgement; Kindling does not apply them automatically, so the note form tells the
clinician that the client can receive their notes. A way to hold a note back for review before
a copy is made is not built yet.

Only the client's own notes are exported. A clinician's copy of their own data does not include
the notes they wrote: those are about their clients, not about them.

Erasure overwrites every version and addendum before deleting it (destroy_free_text).
"""

from __future__ import annotations

from kindling.accounts import rights
from kindling.accounts.models import ClientProfile, User

from .models.notes import NoteAddendum, NoteVersion, SessionNote

# The key is also the heading of the readable copy (kindling/accounts/rights_views.py turns
# "a_b" into "A b").
EXPORT_KEY = "notes_your_care_team_wrote_about_your_sessions"


def _name(person: User | None) -> str:
    if person is None:
        return "someone who has left Kindling"
    return person.name or person.email


def _parts(parts: dict[str, str]) -> dict[str, str]:
    headings = {"focus": "focus", "noticed": "what_was_noticed", "plan": "plan",
                "homework": "homework", "text": "notes"}  # fmt: skip
    return {headings[key]: words for key, words in parts.items()}


def export_session_notes(user: User) -> tuple[str, object]:
    found = (
        SessionNote.objects.filter(client__user=user)
        .select_related("author")
        .prefetch_related("versions__saved_by", "addenda__author")
        .order_by("session_date", "created_at", "pk")
    )
    return EXPORT_KEY, [
        {
            "session_date": note.session_date.isoformat(),
            "written_by": _name(note.author),
            "written": note.created_at.isoformat(),
            "last_changed": note.updated_at.isoformat(),
            "note": _parts(note.parts),
            "earlier_versions": [
                {
                    "saved": version.saved_at.isoformat(),
                    "by": _name(version.saved_by),
                    "session_date": version.session_date.isoformat(),
                    "note": _parts(version.parts),
                }
                for version in sorted(note.versions.all(), key=lambda v: (v.saved_at, v.pk))
            ],
            "addenda": [
                {"added": a.created_at.isoformat(), "by": _name(a.author), "text": a.content}
                for a in note.addenda.all()
            ],
        }
        for note in found
    ]


def erase_session_notes(client: ClientProfile) -> None:
    rights.destroy_free_text(NoteVersion.objects.filter(note__client=client), ["content"])
    rights.destroy_free_text(NoteAddendum.objects.filter(note__client=client), ["content"])
    rights.destroy_free_text(SessionNote.objects.filter(client=client), ["content"])


def register() -> None:
    rights.register(
        export_session_notes,
        erase_session_notes,
        "care.sessionnote",
        "care.noteversion",
        "care.noteaddendum",
    )
