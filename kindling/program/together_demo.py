"""Demo family practice: Dr Ruth has opened the "them and me" stage for Leo, who did the
kindness practice with his mum Jo and chose to let her see how it felt; Jo has also tried the
adult programme for herself once, privately. Loading twice adds nothing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kindling.accounts.models import ClientProfile, User

from .models import OwnPractice, PracticeSession, TogetherPractice, Unlock

EXERCISE = "kindness-together"


def _ago(days: int, hour: int = 19) -> dt.datetime:
    moment = timezone.now() - dt.timedelta(days=days)
    return moment.replace(hour=hour, minute=30, second=0, microsecond=0)


def load(clinician: User, leo: ClientProfile) -> None:
    link = leo.guardian_links.select_related("guardian").first()
    if link is None or TogetherPractice.objects.filter(client=leo).exists():
        return
    jo = link.guardian
    Unlock.objects.get_or_create(
        client=leo, stage_id="them-and-me", exercise_id="",
        defaults={"unlocked_by": clinician, "unlocked_at": _ago(9),
                  "message": "Leo, there's one in here to do with Mum, if you both want to."},
    )  # fmt: skip
    when = _ago(4)
    session = PracticeSession.objects.create(
        client=leo, exercise_id=EXERCISE, started_at=when - dt.timedelta(minutes=10),
        finished_at=when, minutes=10, note="Our handshake has a wiggle in it now.",
    )  # fmt: skip
    TogetherPractice.objects.create(
        client=leo, guardian=jo, exercise_id=EXERCISE, started_by="guardian",
        created_at=when - dt.timedelta(minutes=15),
        young_done_at=when, young_felt="close", session=session, young_shared_at=when,
        guardian_done_at=when, guardian_felt="awkward",
        guardian_note="Saying something kind about myself out loud was harder than I expected.",
    )  # fmt: skip
    if not OwnPractice.objects.filter(user=jo).exists():
        OwnPractice.objects.create(
            user=jo, exercise_id="soothing-rhythm-breathing", practised_at=_ago(6, 21),
            note="Tried it after the kids were in bed. The slower out-breath helped.",
        )  # fmt: skip
