"""The programme's records in the client's copy of their data, and destroyed at erasure."""

from __future__ import annotations

from kindling.accounts import rights
from kindling.accounts.models import ClientProfile, User

from .content import load_programme
from .models import JournalEntry, OwnCheck, OwnPractice, PracticeSession, Unlock


def _title(exercise_id: str) -> str:
    try:
        return load_programme().exercise(exercise_id).title
    except KeyError:
        return exercise_id


def export_programme(user: User) -> tuple[str, object]:
    sessions = PracticeSession.objects.filter(client__user=user).order_by("started_at")
    entries = JournalEntry.objects.filter(client__user=user).order_by("created_at")
    unlocks = Unlock.objects.filter(client__user=user).order_by("unlocked_at")
    return "programme", {
        "opened_for_you": [
            {"part": u.exercise_id or u.stage_id, "when": u.unlocked_at.isoformat(),
             "note": u.message}
            for u in unlocks
        ],
        "practice": [
            {"exercise": _title(s.exercise_id), "started": s.started_at.isoformat(),
             "minutes": s.minutes, "feeling_before": s.before, "feeling_after": s.after,
             "note": s.note}
            for s in sessions
        ],
        "journal": [
            {"written": e.created_at.isoformat(), "kind": e.get_kind_display(),
             "draft": e.is_draft, "text": e.fields, "unsaved_words": e.draft_fields,
             "shared_with_care_team": bool(e.shared_with_care_team_at),
             "shared_with_guardian": bool(e.shared_with_guardian_at)}
            for e in entries
        ],
    }  # fmt: skip


def erase_programme(client: ClientProfile) -> None:
    rights.destroy_free_text(
        JournalEntry.objects.filter(client=client), ["content", "draft_content"]
    )
    rights.destroy_free_text(PracticeSession.objects.filter(client=client), ["note"])
    rights.destroy_free_text(Unlock.objects.filter(client=client), ["message"])


def export_own_practice(user: User) -> tuple[str, object]:
    """A staff member's own practice and wellbeing checks (only they ever see these)."""
    return "your_own_practice", {
        "practised": [
            {"exercise": _title(p.exercise_id), "when": p.practised_at.isoformat(), "note": p.note}
            for p in OwnPractice.objects.filter(user=user).order_by("practised_at")
        ],
        "wellbeing_checks": [
            {"when": c.completed_at.isoformat(), "questionnaire": c.instrument_id,
             "scores": c.scores, "band": c.band}
            for c in OwnCheck.objects.filter(user=user)
        ],
    }  # fmt: skip


def erase_own_practice(client: ClientProfile) -> None:
    rights.destroy_free_text(OwnPractice.objects.filter(user=client.user), ["note"])
    rights.destroy_free_text(OwnCheck.objects.filter(user=client.user), ["answers", "scores"])


def register() -> None:
    rights.register(
        export_own_practice, erase_own_practice, "program.ownpractice", "program.owncheck"
    )
    rights.register(
        export_programme,
        erase_programme,
        "program.journalentry",
        "program.practicesession",
        "program.unlock",
    )
