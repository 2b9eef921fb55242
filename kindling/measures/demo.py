"""Demo history for measures: a few months of check-ins, so the charts have something to show.

The answers are made up, scored by the real scoring code, and stored as if answered on those
days. Loading twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from kindling.accounts.models import ClientProfile, User

from . import schema
from .actions import stored_result
from .models import Administration, Assignment
from .scoring import score_one


def _answers_near(instrument: schema.Instrument, level: float, rng: random.Random) -> dict:
    """Answers whose keyed mean is about `level` (0 = lowest end of the scale, 1 = highest)."""
    low, high = instrument.min_value, instrument.max_value
    answers = {}
    for item in instrument.items:
        keyed = low + level * (high - low) + rng.uniform(-0.9, 0.9)
        keyed = min(high, max(low, round(keyed)))
        negative = item.reverse or any(
            s.negative and s.name == item.subscale for s in instrument.scoring.subscales
        )
        answers[item.id] = low + high - keyed if negative else keyed
    return answers


def _history(
    client: ClientProfile,
    instrument_id: str,
    *,
    by: User,
    levels: list[float],
    every_weeks: int,
    rng: random.Random,
    message: str = "",
    next_due_in_days: int = 0,
) -> list[Administration]:
    """An assignment answered once per level, every_weeks apart, ending with the next one due
    `next_due_in_days` from today. Returns unsaved rows for bulk creation."""
    instrument = schema.get(instrument_id)
    now = timezone.now()
    start = now - dt.timedelta(weeks=every_weeks * len(levels), days=-next_due_in_days)
    assignment = Assignment.objects.create(
        client=client,
        instrument_id=instrument_id,
        every_weeks=every_weeks,
        message=message,
        assigned_by=by,
        created_at=start - dt.timedelta(days=1),
    )
    rows = []
    for n, level in enumerate(levels):
        answered = start + dt.timedelta(weeks=every_weeks * n, hours=rng.randint(-30, 30))
        answered = min(answered, now - dt.timedelta(hours=1))
        answers = _answers_near(instrument, level, rng)
        for flag in instrument.scoring.flags:
            if flag.safety and flag.item:  # the demo's history raises no safety flag
                answers[flag.item] = instrument.min_value
        result = score_one(instrument, answers)
        rows.append(
            Administration(
                assignment=assignment,
                client=client,
                instrument_id=instrument_id,
                due_on=answered.date(),
                completed_at=answered,
                **stored_result(answers, result),
            )
        )
    rows.append(
        Administration(
            assignment=assignment,
            client=client,
            instrument_id=instrument_id,
            due_on=timezone.localdate() + dt.timedelta(days=next_due_in_days),
        )
    )
    return rows


def load(clinician: User, sam: ClientProfile, maya: ClientProfile, seed: int = 11) -> None:
    if Assignment.objects.filter(client__in=[sam, maya]).exists():
        return
    rng = random.Random(seed)
    rows = _history(
        sam, "scs-sf", by=clinician, levels=[0.22, 0.3, 0.38, 0.45, 0.55], every_weeks=4,
        rng=rng, message="Same questions as before, Sam. No need to think too long about each.",
    )  # fmt: skip
    rows += _history(
        sam, "phq-9", by=clinician, levels=[0.5, 0.38, 0.2], every_weeks=6, rng=rng,
        next_due_in_days=9,
    )  # fmt: skip
    Administration.objects.bulk_create(rows)
    # Maya has a first check-in waiting, already started.
    assignment = Assignment.objects.create(
        client=maya, instrument_id="scs-sf", assigned_by=clinician,
        message="Just a first look at how you treat yourself. Take your time.",
    )  # fmt: skip
    Administration.objects.create(
        assignment=assignment,
        client=maya,
        instrument_id="scs-sf",
        due_on=timezone.localdate(),
        draft={"scs_sf_1": 4, "scs_sf_2": 2, "scs_sf_3": 3},
        draft_saved_at=timezone.now(),
    )


def load_bulk(clinician: User, clients: list[ClientProfile], seed: int = 13) -> None:
    """A few months of SCS-SF for each extra demo client old enough for it."""
    rng = random.Random(seed)
    rows = []
    for client in clients:
        if client.age_band == "child" or client.measure_assignments.exists():
            continue
        begin = rng.uniform(0.1, 0.5)
        steps = rng.randint(1, 4)
        levels = [min(0.95, begin + rng.uniform(-0.05, 0.12) * n) for n in range(steps)]
        rows += _history(
            client, "scs-sf", by=clinician, levels=levels, every_weeks=4, rng=rng,
            next_due_in_days=rng.randint(0, 20),
        )  # fmt: skip
    Administration.objects.bulk_create(rows, batch_size=500)
