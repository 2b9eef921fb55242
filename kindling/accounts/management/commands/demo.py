"""`kindling demo`: migrate, load the demo practice, print the logins, and serve it."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kindling.accounts import demo


class Command(BaseCommand):
    help = "Set up the demo practice with its people, print their logins, and serve it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--clients",
            type=int,
            default=0,
            metavar="N",
            help="add clients until the clinician has N more (client1@demo.kindling, ...)",
        )
        parser.add_argument(
            "--password",
            default=demo.DEFAULT_PASSWORD,
            metavar="P",
            help=f"the password all demo people share (default: {demo.DEFAULT_PASSWORD})",
        )
        parser.add_argument("--port", type=int, default=8000, help="port to serve on")
        parser.add_argument("--no-serve", action="store_true", help="set up, print, and stop")

    def handle(self, *args, clients: int, password: str, port: int, no_serve: bool, **options):
        if not settings.DEMO_ALLOWED:
            raise CommandError(
                "The demo creates people with a known password, so it only runs on a "
                "development install (KINDLING_DEBUG=true), never with production settings.",
                returncode=2,
            )
        problems = []
        if clients < 0 or clients > 100_000:
            problems.append("--clients must be between 0 and 100000")
        if not 1 <= port <= 65535:
            problems.append("--port must be between 1 and 65535")
        if len(password) < 8:
            problems.append("--password must be at least 8 characters")
        if problems:
            raise CommandError("; ".join(problems), returncode=2)

        call_command("migrate", interactive=False, verbosity=0)
        practice = demo.load(password=password, extra_clients=clients)
        mfa = demo.staff_mfa()
        address = f"http://127.0.0.1:{port}/"
        out = self.stdout
        out.write(self.style.SUCCESS(f"\nKindling demo practice: {practice.name}"))
        out.write(f"Open {address} and log in as any of these people.")
        out.write(f"Every demo person's password is: {password}\n")
        width = max(len(p.email) for p in demo.PEOPLE)
        for person in demo.PEOPLE:
            out.write(f"  {person.email:<{width}}  {person.name} — {person.what}")
        if clients:
            out.write(
                f"  client1@{demo.DEMO_DOMAIN} … client{clients}@{demo.DEMO_DOMAIN}"
                "  more clients on Dr Ruth's caseload"
            )
        out.write(
            f"  group1@{demo.DEMO_DOMAIN} … group5@{demo.DEMO_DOMAIN}"
            "  participants in Priya's six-week group (same password)"
        )
        out.write("")
        out.write(f"Logged out, {address} is the practice's public site: book a workshop or send")
        out.write("an enquiry. E-mails (bookings, alerts) are printed here, in this terminal.")
        out.write("")
        out.write("Staff log in with two-step login. Add a secret to an authenticator app, or use")
        out.write(
            "`kindling demo-code EMAIL` for the current code, or a recovery code (each works once):"
        )
        for entry in mfa:
            out.write(f"  {entry.email}")
            out.write(f"    secret:         {entry.secret}")
            out.write(f"    app link:       {entry.otpauth_url}")
            out.write(f"    recovery codes: {' '.join(entry.recovery_codes[:3])} …")
        out.write("")
        if no_serve:
            return
        # Show the pages people really see (the friendly 404 and 500), not Django's debug
        # pages, which list settings and every URL. Static files are still served from the
        # source tree because KINDLING_DEBUG chose the storage when settings loaded.
        settings.DEBUG = False
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
