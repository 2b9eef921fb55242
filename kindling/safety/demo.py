"""Demo safety data: Sam's safety plan, and one open alert about a family member (from words
Maya wrote) so the caseload shows how alerts look. Made directly, without e-mail."""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone

from kindling.accounts.models import ClientProfile

from .models import Alert, SafetyPlan
from .screen import screen

MAYA_WROTE = "Mum has been in bed all week and won't talk to anyone. I'm really worried about her."


def load(sam: ClientProfile, maya: ClientProfile) -> None:
    if SafetyPlan.objects.filter(client=sam).exists():
        return
    plan = SafetyPlan(client=sam)
    plan.set_sections({
        "warning_signs": "Not sleeping, skipping meals, going quiet with friends.",
        "on_my_own": "Soles of the feet. A hot shower. Walk to the jetty.",
        "people_places": "The library. My sister's kitchen.",
        "ask_for_help": "My sister Kate. My friend Tom.",
        "professionals": "Dr Ruth (Harbour Light, weekdays). Lifeline 13 11 14.",
        "safer_surroundings": "Give the spare medication to Kate to look after.",
        "reasons": "My nephew. The dog. Swimming in summer.",
    })  # fmt: skip
    plan.save()
    found = screen(MAYA_WROTE)
    Alert.objects.create(
        client=maya,
        level=found.level if found.level != "none" else "concern",
        about="other",
        source=Alert.Source.JOURNAL,
        detail=json.dumps([m.as_dict() for m in found.matches]),
        rules_version=found.version,
        created_at=timezone.now() - dt.timedelta(hours=5),
    )
