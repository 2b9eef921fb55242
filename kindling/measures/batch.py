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
        frame = pl.read_csv(source, infer_schema=False)
    except (OSError, pl.exceptions.PolarsError) as error:
        raise BatchError(f"cannot read {source}: {error}") from None
    needed = ["id", *instrument.item_ids]
    missing = [name for name in needed if name not in frame.columns]
    if missing:
        raise BatchError(f"{source} has no column {', '.join(missing)} (see `kindling "
                         f"instruments show {instrument.id}`)")  # fmt: skip
    items = instrument.item_ids
    text = frame.select(pl.col(items).str.strip_chars())
    numbers = text.select(pl.col(items).cast(pl.Float64, strict=False))
    # A cell that has text but is not a number is its own kind of mistake.
    not_a_number = (
        text.select((pl.col(c).is_not_null() & (pl.col(c) != "")) for c in items).to_numpy()
        & numbers.select(pl.col(items).is_null()).to_numpy()
    )
    matrix = numbers.to_numpy().astype(float, copy=False)
    matrix[np.isnan(matrix)] = np.nan  # nulls arrive as NaN already; keep it explicit
    invalid: dict[int, str] = {}
    bad_rows = np.flatnonzero(not_a_number.any(axis=1))
    if bad_rows.size:
        columns = not_a_number[bad_rows].argmax(axis=1)
        cells = text.to_numpy()
        for row, column in zip(bad_rows.tolist(), columns.tolist(), strict=True):
            invalid[row] = f"{items[column]} = {cells[row, column]!r} is not a number"
        matrix[bad_rows] = np.nan
    scored = scoring.score_matrix(instrument, matrix)
    for row, reason in scored.errors:
        invalid.setdefault(row, reason)

    ids = frame.get_column("id").to_numpy()[scored.rows]
    columns = {"id": ids, **scored.scores}
    if scored.bands is not None:
        columns["band"] = scored.bands.astype(str)
    out = pl.DataFrame(columns)
    _write_atomically(out, target)
    # Line 1 is the header, so data row 0 is line 2.
    return BatchReport(len(scored.rows), [(row + 2, invalid[row]) for row in sorted(invalid)])


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
