"""`kindling run-due [--loop]`: do the work that is due — today, retrying e-mail that could not
be sent (alerts to clinicians, booking confirmations). Run it with `--loop` beside the web
server; without it, one pass (for cron or a systemd timer)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from kindling.lib import outbox


class Command(BaseCommand):
    help = "Send e-mail that is waiting (once, or every --every seconds with --loop)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep running")
        parser.add_argument("--every", type=int, default=30, help="seconds between passes")

    def handle(self, *args, loop: bool, every: int, **options) -> None:
        if every < 1:
            self.stderr.write("--every must be at least 1 second.")
            raise SystemExit(2)
        while True:
            sent, failing = outbox.run_due()
            if sent or failing or not loop:
                self.stdout.write(f"sent {sent}, still waiting {failing}")
            if not loop:
                return
            time.sleep(every)
