"""Demo safety data: Sam's safety plan; one open alert about a family member (from words Maya
wrote) so the caseload shows how alerts look; one open alert that Leo may not be safe at home
(from a note after practice), marked and listed first, with the safeguarding reminder; and an
alert from last week that no rule raised but the statistical model did, already acknowledged by
Dr Ruth, so the alert page shows the model's explanation and what was done. Made directly,
without e-mail or anyone's calm page."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kindling.accounts.models import ClientProfile

from .models import Alert, SafetyPlan
from .screen import encode_matches, screen

MAYA_WROTE = "Mum has been in bed all week and won't talk to anyone. I'm really worried about her."
# A check-in note in which no rule finds risk and the model reads preparations.
LEO_WROTE = "my uncle hits me when mum is at work. i didnt tell her"
SAM_WROTE = "Sorted out who gets the cat and left the passwords in an envelope on the desk."
RUTH_DID = (
    "Rang Sam the same afternoon. No plan to act: sorting things out had been on Sam's mind "
    "since a funeral last month. Went through the safety plan together; booked an extra session."
)


def load(sam: ClientProfile, maya: ClientProfile, ruth=None, leo: ClientProfile | None = None):
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
        detail=encode_matches(found.matches),
        rules_version=found.version,
        created_at=timezone.now() - dt.timedelta(hours=5),
    )
    found = screen(LEO_WROTE)
    if leo is not None and found.tell:
        raised = timezone.now() - dt.timedelta(hours=2)
        Alert.objects.create(
            client=leo, level=found.level, about=found.about, source=Alert.Source.TEXT,
            source_id="demo", detail=encode_matches(found.matches), rules_version=found.version,
            created_at=raised, notified_at=raised,
        )  # fmt: skip
    found = screen(SAM_WROTE)
    if found.level == "none":
        return  # a model that no longer reads it: nothing to show
    raised = timezone.now() - dt.timedelta(days=6, hours=2)
    Alert.objects.create(
        client=sam,
        level=found.level,
        about=found.about,
        source=Alert.Source.TEXT,
        source_id="demo",
        detail=encode_matches(found.matches),
        rules_version=found.version,
        created_at=raised,
        notified_at=raised,
        acknowledged_at=raised + dt.timedelta(hours=3),
        acknowledged_by=ruth,
        action_note=RUTH_DID,
    )
