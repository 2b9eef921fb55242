"""Scoring: pure functions over many responses at once. The only scoring code in Kindling.

`score_matrix` takes an (n responses × k items) array in the definition's item order, with NaN
for a missing answer, and returns every score for every valid row plus a reason for every
invalid one. No score is ever computed from partial data: none of the instruments shipped
allows prorating, so a row with an item missing or out of range is rejected, naming the item.
`score_one` is the same for a single response (the web app); both go through the same code, and
a property test checks they agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .schema import Instrument


class ScoringError(ValueError):
    """A response that cannot be scored; the message names the item."""


@dataclass
class Scored:
    """Scores for the valid rows of a batch, in input order."""

    instrument_id: str
    version: str
    rows: np.ndarray  # indices (into the input) of the rows that were scored
    scores: dict[str, np.ndarray]  # score name -> float array, one per scored row
    bands: np.ndarray | None  # band label per scored row
    flags: dict[str, np.ndarray]  # flag name -> bool array
    errors: list[tuple[int, str]] = field(default_factory=list)  # (input row, reason)


def _validate(instrument: Instrument, matrix: np.ndarray) -> tuple[np.ndarray, list]:
    allowed = np.array([o.value for o in instrument.response_options], dtype=float)
    integral = np.issubdtype(matrix.dtype, np.integer)  # whole numbers, nothing missing
    missing = np.zeros(matrix.shape, dtype=bool) if integral else np.isnan(matrix)
    low, high = instrument.min_value, instrument.max_value
    if integral:
        bad = (
            ~np.isin(matrix, allowed.astype(matrix.dtype))
            if len(allowed) != high - low + 1
            else (matrix < low) | (matrix > high)
        )
    elif np.array_equal(allowed, np.arange(low, high + 1)):
        # Whole numbers from low to high: two comparisons and a rounding check beat np.isin.
        bad = (matrix < low) | (matrix > high) | (np.floor(matrix) != matrix)
    else:
        bad = ~np.isin(matrix, allowed) & ~missing
    problem = missing | bad
    row_has_problem = problem.any(axis=1)
    invalid_rows = np.flatnonzero(row_has_problem)
    errors = []
    if invalid_rows.size:
        first_column = problem[invalid_rows].argmax(axis=1)
        for row, column in zip(invalid_rows.tolist(), first_column.tolist(), strict=True):
            item = instrument.items[column].id
            if missing[row, column]:
                errors.append((row, f"{item} is missing"))
            else:
                value = float(matrix[row, column])
                shown = int(value) if value.is_integer() else value
                errors.append((row, f"{item} = {shown} is not one of {low}–{high}"))
    return ~row_has_problem, errors


def score_matrix(instrument: Instrument, matrix: np.ndarray) -> Scored:
    """Score rows of answers: floats with NaN for missing, or whole numbers with none missing
    (the fast case a clean CSV gives)."""
    matrix = np.asarray(matrix)
    if not np.issubdtype(matrix.dtype, np.integer):
        matrix = matrix.astype(float, copy=False)
    if matrix.ndim != 2 or matrix.shape[1] != len(instrument.items):
        raise ScoringError(
            f"{instrument.id} has {len(instrument.items)} items; got shape {matrix.shape}"
        )
    valid, errors = _validate(instrument, matrix)
    rows = np.flatnonzero(valid)
    x = matrix if rows.size == len(matrix) else matrix[rows]
    flip = instrument.min_value + instrument.max_value
    scoring = instrument.scoring
    sums_of = _summer(x)
    # Sums are exact (whole-number answers); means divide the exact sums in double precision.
    scores: dict[str, np.ndarray] = {}
    for subscale in scoring.subscales:
        columns = [j for j, item in enumerate(instrument.items) if item.subscale == subscale.name]
        total_of = sums_of(columns)
        # Raw: a high self-judgment score means more self-judgment.
        scores[subscale.name] = total_of / len(columns) if subscale.rule == "mean" else total_of
    for composite in scoring.composites:
        scores[composite.name] = sum(scores[name] for name in composite.of) / len(composite.of)

    total = scoring.total
    if total.rule in ("mean", "sum"):
        forward = [j for j, item in enumerate(instrument.items) if not item.reverse]
        reverse = [j for j, item in enumerate(instrument.items) if item.reverse]
        # A reverse-keyed item counts flip − x.
        keyed_sum = sums_of(forward) - sums_of(reverse) + flip * len(reverse)
        scores[total.name] = (
            keyed_sum / len(instrument.items) if total.rule == "mean" else keyed_sum
        )
    else:  # mean_of_subscales_reversing_negative
        parts = [
            (flip - scores[s.name]) if s.negative else scores[s.name] for s in scoring.subscales
        ]
        scores[total.name] = sum(parts) / len(parts)
    scores = {name: scores[name] for name in instrument.score_names}

    bands = None
    if scoring.bands:
        starts = np.array([r.start for r in scoring.bands.ranges])
        labels = np.array([r.label for r in scoring.bands.ranges], dtype=object)
        # A tiny tolerance so a mean like 2.4999999999 (floating point) lands where the
        # published, two-decimal band edges put it.
        position = np.searchsorted(starts, scores[scoring.bands.score] + 1e-9, side="right") - 1
        bands = labels[np.clip(position, 0, len(labels) - 1)]

    flags = {}
    for flag in scoring.flags:
        if flag.item is not None:
            column = instrument.item_ids.index(flag.item)
            flags[flag.name] = x[:, column] > flag.above
        else:
            flags[flag.name] = scores[flag.score] >= flag.at_least

    return Scored(instrument.id, instrument.version, rows, scores, bands, flags, errors)


def _summer(x: np.ndarray):
    """A function giving the exact sum of some columns of x for every row, as float64.

    Whole numbers (a clean CSV: Polars hands over one array per column, column-major) are added
    column by column in 32-bit integers: no conversion of the whole matrix, and each column is
    contiguous in memory. Anything else goes through one float32 matrix product (exact for these
    small whole numbers, and what keeps NaN rows apart)."""
    if np.issubdtype(x.dtype, np.integer):
        by_column = np.asfortranarray(x)

        def integer_sum(columns: list[int]) -> np.ndarray:
            total = np.zeros(len(by_column), dtype=np.int32)
            for column in columns:
                total += by_column[:, column]
            return total.astype(float)

        return integer_sum
    as_float = x.astype(np.float32, copy=False)

    def float_sum(columns: list[int]) -> np.ndarray:
        weights = np.zeros(x.shape[1], dtype=np.float32)
        weights[columns] = 1
        return (as_float @ weights).astype(float)

    return float_sum


@dataclass(frozen=True)
class Result:
    """One response's scores, with the instrument version used."""

    instrument_id: str
    version: str
    scores: dict[str, float]
    band: str | None
    flags: dict[str, bool]


def score_one(instrument: Instrument, answers: dict[str, int]) -> Result:
    unknown = set(answers) - set(instrument.item_ids)
    if unknown:
        raise ScoringError(f"{sorted(unknown)[0]} is not an item of {instrument.id}")
    row = np.array([[answers.get(item_id, np.nan) for item_id in instrument.item_ids]], dtype=float)
    scored = score_matrix(instrument, row)
    if scored.errors:
        raise ScoringError(scored.errors[0][1])
    return Result(
        instrument_id=scored.instrument_id,
        version=scored.version,
        scores={name: float(values[0]) for name, values in scored.scores.items()},
        band=None if scored.bands is None else str(scored.bands[0]),
        flags={name: bool(values[0]) for name, values in scored.flags.items()},
    )


def reliable_change(instrument: Instrument, first: float, latest: float) -> str | None:
    """'reliable improvement', 'no reliable change', 'reliable deterioration', or None where
    the instrument has no published parameters (then no RCI is shown at all)."""
    rule = instrument.scoring.reliable_change
    if rule is None:
        return None
    # `gain` is movement in the better direction (a fall, on the PHQ-9).
    gain = (latest - first) * (1 if instrument.scoring.higher_is_better else -1)
    if rule.method == "threshold":  # published as "a change of at least N"
        reliable = abs(gain) >= rule.improvement_at_least
    else:  # Jacobson & Truax (1991): |RCI| = |change| / S_diff > 1.96
        s_diff = np.sqrt(2) * rule.sd * np.sqrt(1 - rule.r)
        reliable = abs(gain) / s_diff > 1.96
    if not reliable:
        return "no reliable change"
    return "reliable improvement" if gain > 0 else "reliable deterioration"
