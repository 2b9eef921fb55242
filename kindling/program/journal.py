"""Writes to the journal: one function per intention."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kindling.accounts.models import ClientProfile
from kindling.lib import audit

from .models import JournalEntry


def write(
    profile: ClientProfile,
    entry: JournalEntry | None,
    kind: str,
    values: dict,
    *,
    final: bool,
    draft_key: str = "",
) -> JournalEntry:
    """Create or update an entry. `final` is the client pressing Save: the words become the
    entry and pass through the risk screen, in the same transaction (a saved entry is never left
    unscreened). An autosave only keeps a draft beside what was saved."""
    from kindling.safety import pathway

    now = timezone.now()
    with transaction.atomic():
        if entry is None:
            entry = JournalEntry(client=profile, kind=kind, created_at=now, draft_key=draft_key)
        entry.updated_at = now
        if final:
            entry.set_fields(values)
            entry.draft_content = ""
            entry.is_draft = False
            entry.saved_at = now
        else:
            entry.set_draft(values)
        entry.save()
        if final:
            audit.record(
                "journal.save", role="client", practice_id=profile.practice_id, obj=entry,
                subject_id=profile.user_id,
            )  # fmt: skip
            outcome = pathway.text_saved(profile, entry.text, source=entry)
            entry.risk_level, entry.risk_about = outcome.level, outcome.about
            entry.save(update_fields=["risk_level", "risk_about"])
            entry.outcome = outcome  # for the page after (`pathway.page_after`); not stored
    return entry


def share(entry: JournalEntry, *, care_team: bool, guardian: bool) -> None:
    now = timezone.now()
    entry.shared_with_care_team_at = (entry.shared_with_care_team_at or now) if care_team else None
    entry.shared_with_guardian_at = (entry.shared_with_guardian_at or now) if guardian else None
    with transaction.atomic():
        entry.save(update_fields=["shared_with_care_team_at", "shared_with_guardian_at"])
        audit.record(
            "journal.share", role="client", practice_id=entry.client.practice_id, obj=entry,
            subject_id=entry.client.user_id,
            detail=f"care team: {'yes' if care_team else 'no'}; guardian: "
                   f"{'yes' if guardian else 'no'}",
        )  # fmt: skip


def delete(entry: JournalEntry) -> None:
    with transaction.atomic():
        JournalEntry.objects.filter(pk=entry.pk).update(content="", draft_content="")
        audit.record(
            "journal.delete", role="client", practice_id=entry.client.practice_id, obj=entry,
            subject_id=entry.client.user_id,
        )  # fmt: skip
        JournalEntry.objects.filter(pk=entry.pk).delete()
