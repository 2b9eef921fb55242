"""`kindling demo-code EMAIL`: the current two-step code of a demo staff member.

A demo convenience, so a newcomer can log in as staff without an authenticator app. Like
`kindling demo`, it refuses to run with production settings, and only for @demo.kindling people.
"""

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kindling.accounts.demo import DEMO_DOMAIN, current_code


class Command(BaseCommand):
    help = "Print the current two-step login code of a demo staff member (development only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        if not settings.DEMO_ALLOWED:
            raise CommandError("demo-code only runs on a development install.", returncode=2)
        if not email.lower().endswith("@" + DEMO_DOMAIN):
            raise CommandError(f"demo-code only answers for @{DEMO_DOMAIN} people.", returncode=2)
        totp = Authenticator.objects.filter(
            user__email=email.lower(), type=Authenticator.Type.TOTP
        ).first()
        if totp is None:
            raise CommandError(
                f"{email} has no two-step login; run `kindling demo` first.", returncode=2
            )
        self.stdout.write(current_code(get_mfa_adapter().decrypt(totp.data["secret"])))
