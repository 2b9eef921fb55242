"""`kindling score` without Django: scoring a file needs no settings, database or secret.

`python -m kindling score ...` comes straight here (kindling/__main__.py), which keeps a batch
run's start-up to the libraries it uses; the Django management command calls the same code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import batch, schema

USAGE = "kindling score INSTRUMENT --in IN.csv --out OUT.csv"


def score_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="kindling score",
        description="Score a CSV of responses (an id column and one column per item).",
    )
    parser.add_argument("instrument", help="an id from `kindling instruments list`")
    parser.add_argument("--in", dest="source", required=True, type=Path)
    parser.add_argument("--out", dest="target", required=True, type=Path)
    args = parser.parse_args(argv)  # exits 2 with a usage line on bad arguments
    return run(args.instrument, args.source, args.target, sys.stderr)


def run(instrument: str, source: Path, target: Path, stderr) -> int:
    try:
        definition = schema.get(instrument)
        report = batch.score_csv(definition, source, target)
    except (schema.DefinitionError, batch.BatchError) as error:
        print(f"kindling score: {error}", file=stderr)
        return 2
    for line, reason in report.invalid:
        print(f"line {line}: {reason}", file=stderr)
    return 2 if report.invalid else 0
