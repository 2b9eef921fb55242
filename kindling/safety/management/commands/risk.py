"""`kindling risk [--in FILE.jsonl]`: screen texts for risk, one JSON line in, one out.

The `kindling` command runs this without starting Django (kindling/safety/cli.py, where the
input and output formats and the exit codes are described); this management command lets
`kindling help` list it and calls the same code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from kindling.safety import cli


class Command(BaseCommand):
    help = 'Screen texts for risk: JSON lines {"id": ..., "text": ...} in, one result a line out.'
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--in",
            dest="source",
            type=Path,
            default=None,
            help="a JSON-lines file (default: standard input)",
        )

    def handle(self, *args, source: Path | None, **options):
        code = cli.run(source)
        if code:
            sys.exit(code)
