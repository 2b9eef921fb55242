"""Writes about measures, one function per intention: assign, end, save a draft, submit."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from kindling.accounts.models import ClientProfile, User
from kindling.lib import audit

from . import schema
from .models import Administration, Assignment
from .scoring import ScoringError, score_one


class AssignError(ValueError):
    """An assignment that cannot be made; the message says why, in plain words."""


def instruments_for(client: ClientProfile) -> list[schema.Instrument]:
    """The questionnaires made for this client's age that they fill in themselves, the
    self-compassion ones first (the programme's own outcome)."""
    found = [
        instrument
        for instrument in schema.instruments().values()
        if client.age_band in instrument.audience.age_bands
        and instrument.audience.completed_by == "self"
    ]
    return sorted(found, key=lambda i: (not i.id.startswith("scs"), i.id != "scs-sf", i.id))


def assign(
    client: ClientProfile,
    instrument_id: str,
    *,
    by: User,
    every_weeks: int | None = None,
    starts_on: dt.date | None = None,
    message: str = "",
    role: str = "clinician",
) -> Assignment:
    """Assign a questionnaire, with its first check-in due on `starts_on`. Clinicians assign;
    a group's facilitator assigns the group's before-and-after check-in (role "facilitator")."""
    allowed = {i.id: i for i in instruments_for(client)}
    if instrument_id not in allowed:
        raise AssignError("That questionnaire is not made for this client's age group.")
    if every_weeks is not None and not 1 <= every_weeks <= 52:
        raise AssignError("Repeat every 1 to 52 weeks, or choose 'once'.")
    today = client.practice.today()
    starts_on = starts_on or today
    if starts_on < today:
        raise AssignError("The first check-in can be today or later, not in the past.")
    title = allowed[instrument_id].short_title
    already = f"{title} is already assigned. End that one first to change it."
    if Assignment.objects.filter(
        client=client, instrument_id=instrument_id, ended_at__isnull=True
    ).exists():
        raise AssignError(already)
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: the constraint settles a double submit
                assignment = Assignment.objects.create(
                    client=client,
                    instrument_id=instrument_id,
                    every_weeks=every_weeks,
                    message=message.strip(),
                    assigned_by=by,
                )
        except IntegrityError:
            raise AssignError(already) from None
        Administration.objects.create(
            assignment=assignment, client=client, instrument_id=instrument_id, due_on=starts_on
        )
        audit.record(
            "measure.assign",
            actor=by,
            role=role,
            practice_id=client.practice_id,
            obj=assignment,
            subject_id=client.user_id,
            detail=instrument_id,
        )
    return assignment


def end_assignment(assignment: Assignment, *, by: User) -> None:
    """Stop asking. Answers already given stay; an unanswered check-in is withdrawn."""
    now = timezone.now()
    with transaction.atomic():
        changed = Assignment.objects.filter(pk=assignment.pk, ended_at__isnull=True).update(
            ended_at=now
        )
        if not changed:
            return
        assignment.administrations.open().update(withdrawn_at=now)
        audit.record(
            "measure.end",
            actor=by,
            role="clinician",
            practice_id=assignment.client.practice_id,
            obj=assignment,
            subject_id=assignment.client.user_id,
            detail=assignment.instrument_id,
        )


def clean_answers(instrument: schema.Instrument, raw) -> dict[str, int]:
    """Only known items with allowed values; anything else is dropped, never stored."""
    allowed = {o.value for o in instrument.response_options}
    answers = {}
    for item_id in instrument.item_ids:
        value = raw.get(item_id)
        try:
            value = int(value)
        except (TypeError, ValueError):
            continue
        if value in allowed:
            answers[item_id] = value
    return answers


def save_draft(administration: Administration, answers: dict[str, int]) -> None:
    """Merge these answers into the draft. A finished check-in is left as it is."""
    if not answers:
        return
    with transaction.atomic():
        current = (
            Administration.objects.select_for_update()
            .filter(pk=administration.pk, completed_at__isnull=True)
            .first()
        )
        if current is None:
            return
        current.draft = {**current.draft, **answers}
        current.draft_saved_at = timezone.now()
        current.save(update_fields=["draft", "draft_saved_at"])
        administration.draft = current.draft


def stored_result(answers: dict[str, int], result) -> dict:
    """The fields a finished administration keeps: answers, scores and the version used."""
    return {
        "answers": answers,
        "scores": result.scores,
        "band": result.band or "",
        "flags": result.flags,
        "instrument_version": result.version,
    }


def submit(administration: Administration, answers: dict[str, int]) -> tuple[Administration, bool]:
    """Score and store the answers once. Returns the stored administration and whether this
    call stored it: a second submit (double click, back button, a retried request) finds the
    first result and stores nothing. Raises ScoringError, naming the item, if one is missing.
    """
    instrument = administration.instrument
    result = score_one(instrument, answers)  # all answers present and in range, or it raises
    now = timezone.now()
    with transaction.atomic():
        stored = Administration.objects.filter(
            pk=administration.pk, completed_at__isnull=True
        ).update(
            completed_at=now,
            **stored_result(answers, result),
            draft={},
            draft_saved_at=None,
        )
        fresh = Administration.objects.select_related("assignment", "client").get(
            pk=administration.pk
        )
        if not stored:
            return fresh, False
        assignment = fresh.assignment
        if assignment.every_weeks and assignment.ended_at is None:
            try:
                with transaction.atomic():
                    Administration.objects.create(
                        assignment=assignment,
                        client=fresh.client,
                        instrument_id=fresh.instrument_id,
                        due_on=fresh.client.practice.today()
                        + dt.timedelta(weeks=assignment.every_weeks),
                    )
            except IntegrityError:
                pass  # already has an open one (the clinician re-opened it meanwhile)
        audit.record(
            "measure.complete",
            role="client",
            practice_id=fresh.client.practice_id,
            obj=fresh,
            subject_id=fresh.client.user_id,
            detail=fresh.instrument_id,
        )
        if fresh.safety_flags:  # in the same transaction: a stored flag is never unacted on
            from kindling.safety import pathway

            pathway.measure_flagged(fresh.client, fresh)
    return fresh, True


__all__ = [
    "AssignError",
    "ScoringError",
    "assign",
    "clean_answers",
    "end_assignment",
    "instruments_for",
    "save_draft",
    "submit",
]
