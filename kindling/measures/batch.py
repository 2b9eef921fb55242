"""Batch scoring of a CSV file: read with Polars, score with scoring.score_matrix, write once.

Output is written to a temporary file beside the target and moved into place only when it is
complete, so a failure never leaves a partial file.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from . import scoring
from .schema import Instrument


class BatchError(Exception):
    """The whole run cannot go ahead (unreadable file, missing column)."""


@dataclass
class BatchReport:
    scored: int
    invalid: list[tuple[int, str]]  # (line number in the file, reason)


def score_csv(instrument: Instrument, source: Path, target: Path) -> BatchReport:
    try:
        header = pl.read_csv(source, n_rows=0, infer_schema=False).columns
    except (OSError, pl.exceptions.PolarsError) as error:
        raise BatchError(f"cannot read {source}: {error}") from None
    needed = ["id", *instrument.item_ids]
    missing = [name for name in needed if name not in header]
    if missing:
        raise BatchError(f"{source} has no column {', '.join(missing)} (see `kindling "
                         f"instruments show {instrument.id}`)")  # fmt: skip
    items = instrument.item_ids
    invalid: dict[int, str] = {}
    try:
        # The usual case, and the fast one: every answer cell is a whole number or empty.
        # (Empty cells arrive as NaN in a float array; a clean file as whole numbers.)
        frame = pl.read_csv(
            source,
            columns=needed,
            schema_overrides={"id": pl.String} | dict.fromkeys(items, pl.Int16),
        )
        matrix = frame.select(items).to_numpy()
    except pl.exceptions.PolarsError:
        frame, matrix = _read_with_text_in_numbers(source, needed, items, invalid)
    scored = scoring.score_matrix(instrument, matrix)
    for row, reason in scored.errors:
        invalid.setdefault(row, reason)

    ids = frame.get_column("id")
    if len(scored.rows) != frame.height:
        ids = ids.gather(scored.rows)
    columns = [ids, *(pl.Series(name, values) for name, values in scored.scores.items())]
    if scored.bands is not None:
        columns.append(pl.Series("band", scored.bands, dtype=pl.String))
    out = _four_places(pl.DataFrame(columns), list(scored.scores))
    _write_atomically(out, target)
    # Line 1 is the header, so data row 0 is line 2.
    return BatchReport(len(scored.rows), [(row + 2, invalid[row]) for row in sorted(invalid)])


def _four_places(frame: pl.DataFrame, names: list[str]) -> pl.DataFrame:
    """Score columns written with exactly four decimals, as text, all columns at once.

    Formatting whole numbers is much cheaper than formatting floats, so non-negative scores are
    rounded to ten-thousandths as integers and written as "units.tenthousandths" (the same
    digits printf's %.4f gives: no shipped score lies exactly halfway between two). If any score
    is negative (none of the shipped instruments has one), floats are written as they are."""
    if not names or frame.select(pl.min_horizontal(pl.col(names).min())).item() < 0:
        return frame
    scaled = [(pl.col(n) * 10_000).round(0).cast(pl.Int64) for n in names]
    return frame.with_columns(
        ((s // 10_000).cast(pl.String) + "." + (s % 10_000).cast(pl.String).str.zfill(4)).alias(n)
        for s, n in zip(scaled, names, strict=True)
    )


def _read_with_text_in_numbers(source, needed, items, invalid) -> tuple[pl.DataFrame, np.ndarray]:
    """The slower path for a file with text where numbers belong: read every cell as text,
    note each row whose answer is not a number, and leave those rows out."""
    frame = pl.read_csv(source, columns=needed, infer_schema=False)
    text = frame.select(pl.col(items).str.strip_chars())
    numbers = text.select(pl.col(items).cast(pl.Float64, strict=False))
    not_a_number = (
        text.select((pl.col(c).is_not_null() & (pl.col(c) != "")) for c in items).to_numpy()
        & numbers.select(pl.col(items).is_null()).to_numpy()
    )
    matrix = numbers.to_numpy().astype(float, copy=False)
    bad_rows = np.flatnonzero(not_a_number.any(axis=1))
    if bad_rows.size:
        columns = not_a_number[bad_rows].argmax(axis=1)
        cells = text.to_numpy()
        for row, column in zip(bad_rows.tolist(), columns.tolist(), strict=True):
            invalid[row] = f"{items[column]} = {cells[row, column]!r} is not a number"
        matrix[bad_rows] = np.nan
    return frame, matrix


def _write_atomically(frame: pl.DataFrame, target: Path) -> None:
    directory = target.resolve().parent
    if not directory.is_dir():
        raise BatchError(f"cannot write {target}: no such directory")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
    os.close(handle)
    try:
        frame.write_csv(temporary, float_precision=4)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
