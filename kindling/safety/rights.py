"""Safety plans and alerts in the client's copy of their data, and destroyed at erasure.

Alerts are part of the clinical record; the client's copy says when one was raised and
acknowledged, without the clinician's note (that belongs with the clinician's notes)."""

from __future__ import annotations

from kindling.accounts import rights
from kindling.accounts.models import ClientProfile, User

from .models import Alert, SafetyCheck, SafetyPlan


def export_safety(user: User) -> tuple[str, object]:
    plan = SafetyPlan.objects.filter(client__user=user).first()
    alerts = Alert.objects.filter(client__user=user).order_by("created_at")
    return "safety", {
        "safety_plan": plan.sections if plan else {},
        "alerts": [
            {
                "raised": a.created_at.isoformat(),
                "level": a.level,
                "about": a.about,
                "from": a.get_source_display(),
                # Another member's report of their post: those words are the reporter's, not
                # theirs, and are not handed over.
                "words_that_raised_it": []
                if a.source == Alert.Source.REPORT
                else [m.get("phrase", "") for m in a.matches],
                "acknowledged": a.acknowledged_at.isoformat() if a.acknowledged_at else None,
            }
            for a in alerts
        ],
    }


def erase_safety(client: ClientProfile) -> None:
    SafetyCheck.objects.filter(client=client).delete()
    rights.destroy_free_text(Alert.objects.filter(client=client), ["detail", "action_note"])
    rights.destroy_free_text(SafetyPlan.objects.filter(client=client), ["content"])


def register() -> None:
    rights.register(
        export_safety, erase_safety, "safety.alert", "safety.safetycheck", "safety.safetyplan"
    )
