"""Demo programme history: stages opened, a few weeks of practice, journal entries (some shared,
some private), a safety plan, and an alert about a family member for the caseload to show.
Loading twice adds nothing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kindling.accounts.models import ClientProfile, User

from . import kindness_demo
from .content import load_programme
from .models import JournalEntry, PracticeSession, Unlock


def _ago(days: int, hour: int = 19) -> dt.datetime:
    moment = timezone.now() - dt.timedelta(days=days)
    return moment.replace(hour=hour, minute=10, second=0, microsecond=0)


def _practice(client, exercise_id, days, before, after, *, note="", seen=True):
    started = _ago(days)
    rose = before is not None and after is not None and (after - before >= 3 or after >= 8)
    return PracticeSession(
        client=client, exercise_id=exercise_id, started_at=started,
        finished_at=started + dt.timedelta(minutes=8), minutes=8, before=before, after=after,
        note=note, settling_offered=rose, flag_seen_at=started if (rose and seen) else None,
    )  # fmt: skip


def _entry(client, kind, fields, days, *, team=False, guardian=False):
    entry = JournalEntry(
        client=client, kind=kind, created_at=_ago(days), updated_at=_ago(days),
        saved_at=_ago(days), is_draft=False, risk_level="none", risk_about="self",
        shared_with_care_team_at=_ago(days) if team else None,
        shared_with_guardian_at=_ago(days) if guardian else None,
    )  # fmt: skip
    entry.set_fields(fields)
    return entry


def load(clinician: User, sam: ClientProfile, maya: ClientProfile, leo: ClientProfile) -> None:
    kindness_demo.load(sam, maya, leo)
    if Unlock.objects.filter(client__in=[sam, maya, leo]).exists():
        return
    stages = [s.id for s in load_programme().stages]
    Unlock.objects.bulk_create([
        Unlock(client=sam, stage_id=stages[1], unlocked_by=clinician, unlocked_at=_ago(42)),
        Unlock(client=sam, stage_id=stages[2], unlocked_by=clinician, unlocked_at=_ago(14),
               message="Sam, this one is about meeting hard feelings. Go gently, and stop "
                       "whenever you need to."),
        Unlock(client=maya, stage_id=stages[1], unlocked_by=clinician, unlocked_at=_ago(10),
               message="Maya, try the friend one when you've got a quiet ten minutes."),
    ])  # fmt: skip
    PracticeSession.objects.bulk_create([
        _practice(sam, "soothing-rhythm-breathing", 40, 6, 4, note="Hard to slow down at first."),
        _practice(sam, "safe-place", 33, 5, 3),
        _practice(sam, "how-would-i-treat-a-friend", 26, 4, 4),
        _practice(sam, "soothing-touch", 19, 5, 2, note="Hand on chest helped."),
        _practice(sam, "self-compassion-break", 9, 3, 7, note="Brought up Dad's illness."),
        _practice(sam, "soles-of-the-feet", 2, 6, 3),
        _practice(maya, "soothing-rhythm-breathing", 8, 7, 5),
        _practice(maya, "five-things", 3, 4, 8, seen=False),
        _practice(leo, "safe-place", 5, None, 2),
    ])  # fmt: skip
    JournalEntry.objects.bulk_create([
        _entry(sam, "kind", {
            "what_happened": "I forgot to call Mum back and she sounded hurt.",
            "critic_said": "You always let people down. You're selfish.",
            "how_it_felt": "Tight chest, wanted to hide.",
            "friend_words": "You've been juggling a lot. One missed call isn't who you are.",
            "kinder_words": "I care about her and I'm also allowed to be tired.",
            "others_too": "Yes. Most people caring for a parent feel this.",
        }, 12, team=True),
        _entry(sam, "free", {"body": "Walked to the jetty before work. Noticed the water."}, 4),
        _entry(maya, "free", {"body": "Did the breathing thing before my maths test. Helped a "
                                      "bit!"}, 6, guardian=True),
    ])  # fmt: skip
    from kindling.safety.demo import load as load_safety

    load_safety(sam, maya, clinician, leo=leo)
    from .together_demo import load as load_together

    load_together(clinician, leo)
