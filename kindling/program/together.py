"""Family practice: what a young person and a linked guardian can do together, the writes that
log it, and what each of them is shown of the other's side.

- Only exercises of kind `family` that are open to the young person (their pace) are offered,
  from either side. Only a young person (under 18) and a guardian linked to them take part; the
  access layer checks the pair (`kindling/lib/access.py`, "Family practice").
- Either starts it; each logs their own side, once (a second post keeps the first answers).
- The young person's log is also an ordinary practice session, so it counts in their programme
  and their care team sees it in the practice log; their note is screened like any note.
- The guardian sees that the young person did it; how it felt and their note only if the young
  person shares that entry (and they can take it back). The young person sees only that the
  guardian did it: the guardian's feeling and note are theirs alone.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindling.accounts.models import ClientProfile, User
from kindling.lib import audit

from . import pacing
from .content import Exercise, load_programme
from .models import PracticeSession, TogetherPractice

Felt = TogetherPractice.Felt
Side = TogetherPractice.Side

# Simpler words for children; the stored values are the same.
FELT_FOR_CHILDREN = {
    Felt.CALM: _("Calm"),
    Felt.CLOSE: _("Cosy together"),
    Felt.AWKWARD: _("A bit funny"),
    Felt.HARD: _("Hard"),
}


def felt_choices(band: str) -> list[tuple[str, str]]:
    if band == "child":
        return [(value, FELT_FOR_CHILDREN[value]) for value in Felt.values]
    return list(Felt.choices)


def felt_label(value: str, band: str = "adult") -> str:
    if not value:
        return ""
    return str(FELT_FOR_CHILDREN[value] if band == "child" else Felt(value).label)


def new_key() -> str:
    return secrets.token_urlsafe(16)


def open_family_exercises(profile: ClientProfile) -> list[Exercise]:
    """The together exercises open to this young person now, in programme order."""
    pace = pacing.pace_for(profile)
    return [
        e for e in load_programme().exercises.values()
        if e.kind == "family" and pace.exercise_is_open(e)
    ]  # fmt: skip


def open_family_exercise(profile: ClientProfile, exercise_id: str) -> Exercise | None:
    return next((e for e in open_family_exercises(profile) if e.id == exercise_id), None)


def start(
    profile: ClientProfile, guardian: User, exercise: Exercise, *, by: str, key: str
) -> TogetherPractice:
    """A new together practice, or the one this same form already made (its key)."""
    if key:
        made = TogetherPractice.objects.filter(client=profile, start_key=key).first()
        if made is not None:
            return made
    try:
        with transaction.atomic():
            together = TogetherPractice.objects.create(
                client=profile, guardian=guardian, exercise_id=exercise.id, started_by=by,
                start_key=key,
            )  # fmt: skip
            audit.record(
                "together.start", actor=guardian if by == Side.GUARDIAN else profile.user,
                role="guardian" if by == Side.GUARDIAN else "client",
                practice_id=profile.practice_id, obj=together, subject_id=profile.user_id,
            )  # fmt: skip
    except IntegrityError:  # the same form, posted twice at once
        return TogetherPractice.objects.get(client=profile, start_key=key)
    return together


def log_young_person(together: TogetherPractice, *, felt: str, note: str, share: bool):
    """The young person's side: done, how it felt, a note; also a practice session in their own
    log. Logging twice keeps the first answers. Returns the risk screen's outcome for the note
    (None when there was no note or nothing new was saved)."""
    from kindling.safety import pathway

    profile = together.client
    exercise = load_programme().exercise(together.exercise_id)
    now = timezone.now()
    outcome = None
    with transaction.atomic():
        claimed = TogetherPractice.objects.filter(
            pk=together.pk, young_done_at__isnull=True
        ).update(young_done_at=now, young_felt=felt, young_shared_at=now if share else None)
        if claimed:
            # Nobody timed it: the exercise's own length stands in for the minutes.
            session = PracticeSession.objects.create(
                client=profile, exercise_id=exercise.id, note=note.strip(),
                started_at=now - dt.timedelta(minutes=exercise.minutes), finished_at=now,
                minutes=exercise.minutes,
            )  # fmt: skip
            TogetherPractice.objects.filter(pk=together.pk).update(session=session)
            audit.record(
                "practice.finish", role="client", practice_id=profile.practice_id, obj=session,
                subject_id=profile.user_id,
            )  # fmt: skip
            audit.record(
                "together.log", actor=profile.user, role="client",
                practice_id=profile.practice_id, obj=together, subject_id=profile.user_id,
            )  # fmt: skip
            if session.note:
                outcome = pathway.text_saved(profile, session.note, source=session, kind="text")
                if outcome.level != "none":
                    # Words that raised a concern go to the care team first, never straight to
                    # the guardian: they may be about the guardian.
                    TogetherPractice.objects.filter(pk=together.pk).update(young_shared_at=None)
    together.refresh_from_db()
    return outcome


def may_share(together: TogetherPractice) -> bool:
    """False while the young person's note carries words the risk screen flagged."""
    from kindling.safety.screen import screen

    note = together.session.note if together.session_id else ""
    return not note or screen(note).level == "none"


def log_guardian(together: TogetherPractice, *, felt: str, note: str) -> str:
    """The guardian's side: done, how it felt, a note. Twice keeps the first.

    The note is the guardian's own, except that it passes through the risk screen: words that
    may mean someone is at risk (the guardian, the young person, anyone in the family) raise the
    gentler "a family member may be at risk" alert on the young person's record, for their care
    team, who read what the screen found. The form says so. Returns the screen's level for a
    newly kept note ("none" otherwise)."""
    from kindling.safety import pathway
    from kindling.safety.models import Alert
    from kindling.safety.screen import screen

    note = note.strip()
    level = "none"
    with transaction.atomic():
        claimed = TogetherPractice.objects.filter(
            pk=together.pk, guardian_done_at__isnull=True
        ).update(guardian_done_at=timezone.now(), guardian_felt=felt, guardian_note=note)
        if claimed:
            audit.record(
                "together.log", actor=together.guardian, role="guardian",
                practice_id=together.client.practice_id, obj=together,
                subject_id=together.client.user_id,
            )  # fmt: skip
            found = screen(note) if note else None
            if found is not None and found.level != "none":
                level = found.level
                # "Other" from the young person's side: never their own calm page for words
                # they did not write.
                pathway.raise_alert(
                    together.client, level=found.level, about="other",
                    source=Alert.Source.FAMILY, source_id=f"together-{together.pk}",
                    matches=found.matches, rules_version=found.version,
                )  # fmt: skip
    together.refresh_from_db()
    return level


def set_shared(together: TogetherPractice, share: bool) -> bool:
    """The young person decides, for this entry, whether the guardian sees how it felt and their
    note. Changing their mind takes it back at once. A note the risk screen flagged is not
    shared (the care team sees it first); returns whether the choice was kept."""
    if share and not may_share(together):
        return False
    shared_at = (together.young_shared_at or timezone.now()) if share else None
    with transaction.atomic():
        TogetherPractice.objects.filter(pk=together.pk).update(young_shared_at=shared_at)
        audit.record(
            "together.share", role="client", practice_id=together.client.practice_id,
            obj=together, subject_id=together.client.user_id,
            detail="shared with guardian" if share else "not shared",
        )  # fmt: skip
    together.young_shared_at = shared_at
    return True


# What each side is shown ----------------------------------------------------------------------


def short_name(user: User) -> str:
    """How a young person sees their guardian named: the first name, as they would say it."""
    return (user.name or "").split(" ")[0] or user.email


def _title(exercise_id: str, band: str) -> str:
    try:
        return load_programme().exercise(exercise_id).title_for(band)
    except KeyError:
        return exercise_id


@dataclass(frozen=True)
class GuardianView:
    """A together practice as the guardian sees it: never the young person's private side."""

    pk: int
    title: str
    created_at: dt.datetime
    started_by_me: bool
    i_did_it: bool
    my_felt: str
    my_note: str
    they_did_it: bool
    shared: bool
    their_felt: str
    their_note: str


def for_guardian(together: TogetherPractice) -> GuardianView:
    shared = together.young_done_at is not None and together.young_shared_at is not None
    return GuardianView(
        pk=together.pk,
        title=_title(together.exercise_id, "adult"),
        created_at=together.created_at,
        started_by_me=together.started_by == Side.GUARDIAN,
        i_did_it=together.guardian_done_at is not None,
        my_felt=felt_label(together.guardian_felt),
        my_note=together.guardian_note,
        they_did_it=together.young_done_at is not None,
        shared=shared,
        their_felt=felt_label(together.young_felt) if shared else "",
        their_note=(together.session.note if shared and together.session else ""),
    )


@dataclass(frozen=True)
class YoungPersonView:
    """A together practice as the young person sees it: the guardian's "done", nothing more."""

    pk: int
    title: str
    created_at: dt.datetime
    guardian_name: str
    started_by_me: bool
    i_did_it: bool
    my_felt: str
    my_note: str
    shared: bool
    they_did_it: bool


def for_young_person(together: TogetherPractice, band: str) -> YoungPersonView:
    return YoungPersonView(
        pk=together.pk,
        title=_title(together.exercise_id, band),
        created_at=together.created_at,
        guardian_name=short_name(together.guardian),
        started_by_me=together.started_by == Side.YOUNG_PERSON,
        i_did_it=together.young_done_at is not None,
        my_felt=felt_label(together.young_felt, band),
        my_note=together.session.note if together.session else "",
        shared=together.young_shared_at is not None,
        they_did_it=together.guardian_done_at is not None,
    )


# Rights: each person's own side in their copy of their data; erased with the young person ----


def export_together(user: User) -> tuple[str, object]:
    mine = TogetherPractice.objects.filter(client__user=user).select_related("guardian", "session")
    as_guardian = TogetherPractice.objects.filter(guardian=user).select_related("client__user")
    return "practised_together", {
        "as_young_person": [
            {"exercise": _title(t.exercise_id, "adult"), "when": t.created_at.isoformat(),
             "with": t.guardian.name, "you_did_it": t.young_done_at is not None,
             "how_it_felt": t.young_felt, "note": t.session.note if t.session else "",
             "shown_to_them": t.young_shared_at is not None}
            for t in mine.order_by("created_at")
        ],
        "as_parent_or_carer": [
            {"exercise": _title(t.exercise_id, "adult"), "when": t.created_at.isoformat(),
             "with": t.client.display_name, "you_did_it": t.guardian_done_at is not None,
             "how_it_felt": t.guardian_felt, "note": t.guardian_note}
            for t in as_guardian.order_by("created_at")
        ],
    }  # fmt: skip


def erase_together(client: ClientProfile) -> None:
    from kindling.accounts import rights

    rights.destroy_free_text(TogetherPractice.objects.filter(client=client), ["guardian_note"])


def register_rights() -> None:
    from kindling.accounts import rights

    rights.register(export_together, erase_together, "program.togetherpractice")
