"""`python -m kindling` and the `kindling` command: Django's manage.py under our name."""

import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["score"]:
        # Batch scoring needs no settings, database or secret: skip Django's start-up.
        from kindling.measures.cli import score_main

        sys.exit(score_main(sys.argv[2:]))
    if sys.argv[1:2] == ["risk"]:
        # Screening text needs no settings, database or secret either.
        from kindling.safety.cli import risk_main

        sys.exit(risk_main(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindling.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "kindling"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
