"""`kindling instruments list` · `kindling instruments show ID [--fhir]`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kindling.measures import fhir, schema


class Command(BaseCommand):
    help = "List the questionnaires Kindling can give, or show one (its items, or as FHIR)."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="every instrument, one a line")
        show = sub.add_parser("show", help="one instrument's items and scoring")
        show.add_argument("id")
        show.add_argument("--fhir", action="store_true", help="print it as a FHIR Questionnaire")

    def handle(self, *args, action: str, **options):
        try:
            if action == "list":
                for instrument in schema.instruments().values():
                    self.stdout.write(
                        f"{instrument.id:<8} {instrument.short_title:<8} {len(instrument.items):>3}"
                        f" items  {instrument.title}"
                    )
                return
            instrument = schema.get(options["id"])
        except schema.DefinitionError as error:
            raise CommandError(str(error), returncode=2) from None
        if options["fhir"]:
            self.stdout.write(fhir.questionnaire(instrument).model_dump_json(indent=2))
            return
        out = self.stdout.write
        out(f"{instrument.title} ({instrument.short_title}), version {instrument.version}")
        out(f"Citation: {instrument.citation}")
        out(f"Licence: {instrument.licence}")
        options_text = ", ".join(f"{o.value} = {o.label}" for o in instrument.response_options)
        out(f"Answers: {options_text}")
        out("Items (CSV column, reverse-keyed, subscale, text):")
        for item in instrument.items:
            mark = "R" if item.reverse else " "
            out(f"  {item.id:<10} {mark} {item.subscale or '-':<20} {item.text}")
        out(f"Scores (CSV output columns): {', '.join(instrument.score_names)}"
            + (", band" if instrument.scoring.bands else ""))  # fmt: skip
