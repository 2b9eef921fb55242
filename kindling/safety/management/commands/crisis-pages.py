"""`kindling crisis-pages`: rebuild the static crisis pages from crisis_lines.yaml."""

from django.core.management.base import BaseCommand, CommandError

from kindling.safety import crisis


class Command(BaseCommand):
    help = (
        "Rebuild the static crisis pages (kindling/safety/public/crisis/) from crisis_lines.yaml."
    )

    def handle(self, *args, **options):
        try:
            written = crisis.write_pages()
        except (ValueError, KeyError, TypeError) as error:
            raise CommandError(f"crisis_lines.yaml: {error}", returncode=2) from error
        self.stdout.write(f"Wrote {len(written)} crisis pages to {crisis.PUBLIC_DIR}")
