"""`kindling new-key`: print a fresh encryption key for the key ring."""

from django.core.management.base import BaseCommand

from kindling.lib import crypto


class Command(BaseCommand):
    help = "Print a new Fernet key. Put it first in KINDLING_ENCRYPTION_KEYS, then rotate-keys."
    requires_system_checks = []

    def handle(self, *args, **options):
        self.stdout.write(crypto.new_key())
