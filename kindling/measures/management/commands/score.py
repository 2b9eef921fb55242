"""`kindling score INSTRUMENT --in IN.csv --out OUT.csv`: score many responses at once.

Exit 0 when every row was scored; 2 when any row was invalid (each reported on stderr as
`line N: reason` and left out of the output), or when the run cannot go ahead at all (unknown
instrument, missing column, unreadable file), in which case no output file is written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kindling.measures import batch, schema


class Command(BaseCommand):
    help = "Score a CSV of responses (one column per item, plus id) into a CSV of scores."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("instrument", help="an id from `kindling instruments list`")
        parser.add_argument("--in", dest="source", required=True, type=Path)
        parser.add_argument("--out", dest="target", required=True, type=Path)

    def handle(self, *args, instrument: str, source: Path, target: Path, **options):
        try:
            definition = schema.get(instrument)
            report = batch.score_csv(definition, source, target)
        except (schema.DefinitionError, batch.BatchError) as error:
            raise CommandError(str(error), returncode=2) from None
        for line, reason in report.invalid:
            self.stderr.write(f"line {line}: {reason}")
        if report.invalid:
            sys.exit(2)
