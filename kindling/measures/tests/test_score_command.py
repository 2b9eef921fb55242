"""`kindling score`: exit codes, line numbers, and never a partial output file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

HEADER = "id," + ",".join(f"gad7_{n}" for n in range(1, 8))


def _run(*args, cwd: Path):
    # No KINDLING_* configuration at all: scoring must work on a researcher's laptop.
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINDLING_")}
    return subprocess.run(
        [sys.executable, "-m", "kindling", "score", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_it_scores_and_reports_bad_rows_by_line(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("\n".join([
        HEADER,
        "p1,0,0,0,0,0,0,0",
        "p2,3,3,3,3,3,3,3",
        "p3,1,1,2,0,1,2,",
        "p4,1,1,2,0,1,2,9",
        "p5,1,1,two,0,1,2,0",
        "p6,1,1,2,0,1,2,0",
        "p7,1,1,2.5,0,1,2,0",
    ]) + "\n")  # fmt: skip
    result = _run("gad-7", "--in", str(source), "--out", "out.csv", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "line 4: gad7_7 is missing",
        "line 5: gad7_7 = 9 is not one of 0–3",
        "line 6: gad7_3 = 'two' is not a number",
        "line 8: gad7_3 = 2.5 is not one of 0–3",
    ]
    out = (tmp_path / "out.csv").read_text().splitlines()
    assert out == [
        "id,total,band",
        "p1,0.0000,minimal",
        "p2,21.0000,severe",
        "p6,7.0000,mild",
    ]


def test_all_good_rows_exit_zero_with_subscales_and_composites(tmp_path):
    header = "id," + ",".join(f"scs_{n}" for n in range(1, 27))
    (tmp_path / "in.csv").write_text(f"{header}\nx," + ",".join(["5"] * 26) + "\n")
    result = _run("scs", "--in", "in.csv", "--out", "out.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    frame = pl.read_csv(tmp_path / "out.csv")
    assert frame.columns == [
        "id", "self_kindness", "self_judgment", "common_humanity", "isolation", "mindfulness",
        "over_identification", "compassionate_self_responding",
        "uncompassionate_self_responding", "total", "band",
    ]  # fmt: skip
    assert frame.row(0) == ("x", 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 3.0, "moderate")


@pytest.mark.parametrize("args,message", [
    (["nope", "--in", "in.csv", "--out", "out.csv"], "unknown instrument 'nope'"),
    (["phq-9", "--in", "in.csv", "--out", "out.csv"], "has no column phq9_1"),
    (["gad-7", "--in", "missing.csv", "--out", "out.csv"], "cannot read missing.csv"),
    (["gad-7", "--in", "in.csv", "--out", "no/such/dir/out.csv"], "no such directory"),
])  # fmt: skip
def test_a_run_that_cannot_go_ahead_exits_2_and_writes_nothing(tmp_path, args, message):
    (tmp_path / "in.csv").write_text(HEADER + "\np1,0,0,0,0,0,0,0\n")
    result = _run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.csv").exists()
    assert not list(tmp_path.glob(".out.csv.*"))


def test_scores_are_written_with_the_same_four_decimals_as_printf():
    """The fast text formatting of scores gives exactly what '%.4f' gives, for every value a
    shipped instrument can produce (means of whole-number answers over 4, 5, 6, 12 and 26)."""
    import itertools

    import polars as pl

    from kindling.measures.batch import _four_places

    values = sorted({
        a / d for d in (1, 3, 4, 5, 6, 7, 12, 15, 18, 26, 60, 120)
        for a in range(0, 5 * d * 3 + 1)
    })  # fmt: skip
    frame = pl.DataFrame({"score": values})
    written = _four_places(frame, ["score"]).get_column("score").to_list()
    for value, text in itertools.zip_longest(values, written):
        assert text == f"{value:.4f}", (value, text)
