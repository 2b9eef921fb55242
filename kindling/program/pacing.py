"""What is open to a client, what comes next, and the writes that open it or practise it.

- The first stage (safe ground and settling) is open to everyone from the start: its short
  practices are what Kindling offers when distress rises, so they can never be locked.
- A client with a care team sees what their clinician has unlocked: a whole stage opens its
  gentle and moderate exercises; each deeper exercise is unlocked on its own.
- A client without a clinician (a workshop participant) follows the default gentle pace: one
  more stage every DEFAULT_WEEKS_PER_STAGE weeks after joining, never the deeper exercises.
- A multi-week group's facilitator can open a stage for the whole group (groupwork's
  GroupUnlock): it opens the stage's gentle and moderate exercises for everyone who has, or had
  when it was opened, a confirmed place; never a deeper exercise, which needs 1:1 care.
- Nothing closes again, nothing expires, and nothing counts days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from kindling.accounts.models import ClientProfile, User
from kindling.lib import audit

from .content import Exercise, Stage, load_programme
from .models import PracticeSession, Unlock
from .models.pacing import SETTLE_AT, SETTLE_RISE

DEFAULT_WEEKS_PER_STAGE = 2


class PacingError(ValueError):
    pass


def _unlocks(profile: ClientProfile) -> tuple[set[str], set[str], dict[str, str]]:
    stages, exercises, messages = set(), set(), {}
    for unlock in Unlock.objects.filter(client=profile):
        if unlock.exercise_id:
            exercises.add(unlock.exercise_id)
        else:
            stages.add(unlock.stage_id)
        if unlock.message:
            messages[unlock.exercise_id or unlock.stage_id] = unlock.message
    return stages, exercises, messages


@dataclass
class Pace:
    """A client's view of the programme, worked out once per page."""

    profile: ClientProfile
    open_stages: set[str]
    open_deeper: set[str]
    messages: dict[str, str]
    self_paced: bool

    def stage_is_open(self, stage: Stage) -> bool:
        return stage.id in self.open_stages

    def exercise_is_open(self, exercise: Exercise) -> bool:
        if exercise.intensity == "deeper":
            return exercise.id in self.open_deeper
        return exercise.stage in self.open_stages

    def stages(self) -> list[tuple[Stage, bool, list[tuple[Exercise, bool]]]]:
        programme = load_programme()
        return [
            (
                stage,
                self.stage_is_open(stage),
                [(e, self.exercise_is_open(e)) for e in programme.exercises_in(stage.id)],
            )
            for stage in programme.stages
        ]

    def coming_next(self) -> Stage | None:
        """The first stage not yet open: shown as what lies ahead, without a date or a push."""
        return next((s for s in load_programme().stages if s.id not in self.open_stages), None)

    def next_exercise(self, practised: set[str]) -> Exercise | None:
        """The first open exercise not yet tried; None when everything open has been tried."""
        for stage in load_programme().stages:
            for exercise in load_programme().exercises_in(stage.id):
                if self.exercise_is_open(exercise) and exercise.id not in practised:
                    return exercise
        return None


def _group_unlocks(profile: ClientProfile) -> list[tuple[str, str]]:
    """Stages opened by groups this client has a confirmed place in (one query). A place given
    up later keeps what was opened while it was held: nothing closes again."""
    from django.db.models import F, Q

    from kindling.groupwork.models import GroupUnlock

    return list(
        GroupUnlock.objects.filter(
            Q(workshop__registrations__status="confirmed")
            | Q(workshop__registrations__cancelled_at__gte=F("unlocked_at"),
                workshop__registrations__confirmed_at__lte=F("unlocked_at")),
            workshop__registrations__user_id=profile.user_id,
        ).values_list("stage_id", "message").distinct()
    )  # fmt: skip


def pace_for(profile: ClientProfile) -> Pace:
    from kindling.lib.access import active_clinicians

    programme = load_programme()
    stages, deeper, messages = _unlocks(profile)
    for stage_id, message in _group_unlocks(profile):
        stages.add(stage_id)
        if message:
            messages.setdefault(stage_id, message)  # the clinician's own words come first
    stages.add(programme.stages[0].id)
    # No active clinician (a workshop participant, or one whose clinician has left): the
    # default pace, so nobody is stuck waiting for an unlock nobody can give.
    self_paced = not active_clinicians(profile)
    if self_paced:
        weeks = (timezone.now() - profile.created_at).days // 7
        reached = 1 + weeks // DEFAULT_WEEKS_PER_STAGE
        stages.update(s.id for s in programme.stages[:reached])
    return Pace(profile, stages, deeper, messages, self_paced)


def unlock(
    profile: ClientProfile, *, by: User, stage_id: str, exercise_id: str = "", message: str = ""
) -> Unlock:
    programme = load_programme()
    try:
        stage = programme.stage(stage_id)
        exercise = programme.exercise(exercise_id) if exercise_id else None
    except KeyError:
        raise PacingError("There is no such part of the programme.") from None
    if exercise is not None and (exercise.stage != stage.id or exercise.intensity != "deeper"):
        raise PacingError("Only deeper exercises are unlocked one by one.")
    try:
        with transaction.atomic():
            opened = Unlock.objects.create(
                client=profile, stage_id=stage.id, exercise_id=exercise_id,
                message=message.strip(), unlocked_by=by,
            )  # fmt: skip
            audit.record(
                "programme.unlock", actor=by, role="clinician", practice_id=profile.practice_id,
                obj=opened, subject_id=profile.user_id, detail=exercise_id or stage.id,
            )  # fmt: skip
    except IntegrityError:
        raise PacingError("That is already open for this client.") from None
    return opened


def start(profile: ClientProfile, exercise: Exercise, before: int | None) -> PracticeSession:
    from kindling.safety import pathway

    with transaction.atomic():
        session = PracticeSession.objects.create(
            client=profile, exercise_id=exercise.id, before=before
        )
        if before is not None:
            pathway.distress_rated(profile, before, source=session)
    return session


def needs_settling(before: int | None, after: int | None) -> bool:
    if after is None:
        return False
    rose = before is not None and after - before >= SETTLE_RISE
    return rose or after >= SETTLE_AT


def finish(session: PracticeSession, after: int | None, note: str) -> PracticeSession:
    """Record how it went. Finishing twice keeps the first answers (a double click, a retry).
    A rating of 9 or 10 and the note take the safety path in the same transaction."""
    from kindling.safety import pathway

    now = timezone.now()
    minutes = max(1, round((now - session.started_at).total_seconds() / 60))
    settle = needs_settling(session.before, after)
    with transaction.atomic():
        changed = PracticeSession.objects.filter(pk=session.pk, finished_at__isnull=True).update(
            finished_at=now, after=after, note=note.strip(), settling_offered=settle,
            minutes=min(minutes, 180),
        )  # fmt: skip
        session.refresh_from_db()
        if changed:
            audit.record(
                "practice.finish", role="client", practice_id=session.client.practice_id,
                obj=session, subject_id=session.client.user_id,
            )  # fmt: skip
            if after is not None:
                pathway.distress_rated(session.client, after, source=session)
            if session.note:
                # For the page after (`pathway.page_after`); not stored.
                session.outcome = pathway.text_saved(
                    session.client, session.note, source=session, kind="text"
                )
    return session


def flags_to_see(profile: ClientProfile):
    """Practice sessions where distress rose and no clinician has looked yet."""
    return profile.practice_sessions.filter(settling_offered=True, flag_seen_at__isnull=True)


def mark_flags_seen(profile: ClientProfile) -> None:
    flags_to_see(profile).update(flag_seen_at=timezone.now())


def practised_ids(profile: ClientProfile) -> set[str]:
    return set(
        profile.practice_sessions.filter(finished_at__isnull=False).values_list(
            "exercise_id", flat=True
        )
    )


def recent_practice(profile: ClientProfile, days: int = 90):
    since = timezone.now() - dt.timedelta(days=days)
    return profile.practice_sessions.filter(started_at__gte=since, finished_at__isnull=False)
