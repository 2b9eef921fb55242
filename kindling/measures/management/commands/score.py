"""`kindling score INSTRUMENT --in IN.csv --out OUT.csv`: score many responses at once.

Exit 0 when every row was scored; 2 when any row was invalid (each reported on stderr as
`line N: reason` and left out of the output), or when the run cannot go ahead at all (unknown
instrument, missing column, unreadable file), in which case no output file is written. The
`kindling` command runs this without starting Django (kindling/measures/cli.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from kindling.measures import cli


class Command(BaseCommand):
    help = "Score a CSV of responses (one column per item, plus id) into a CSV of scores."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("instrument", help="an id from `kindling instruments list`")
        parser.add_argument("--in", dest="source", required=True, type=Path)
        parser.add_argument("--out", dest="target", required=True, type=Path)

    def handle(self, *args, instrument: str, source: Path, target: Path, **options):
        code = cli.run(instrument, source, target, self.stderr)
        if code:
            sys.exit(code)
