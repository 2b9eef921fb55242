"""A client's check-ins in their copy of their data, and destroyed when they are erased."""

from __future__ import annotations

from kindling.accounts import rights
from kindling.accounts.models import ClientProfile, User

from . import schema
from .models import Administration, Assignment


def export_check_ins(user: User) -> tuple[str, object]:
    answered = Administration.objects.filter(client__user=user).completed()
    found = []
    for administration in answered.order_by("completed_at"):
        instrument = schema.get(administration.instrument_id)
        texts = {item.id: item.text for item in instrument.items}
        found.append({
            "questionnaire": instrument.title,
            "answered": administration.completed_at.isoformat(),
            "answers": [
                {"question": texts.get(item_id, item_id), "answer": value}
                for item_id, value in (administration.answers or {}).items()
            ],
            "scores": administration.scores,
            "band": administration.band,
            "definition_version": administration.instrument_version,
        })  # fmt: skip
    return "check_ins", found


def erase_check_ins(client: ClientProfile) -> None:
    Administration.objects.filter(client=client).delete()
    rights.destroy_free_text(Assignment.objects.filter(client=client), ["message"])


def register() -> None:
    rights.register(
        export_check_ins, erase_check_ins, "measures.assignment", "measures.administration"
    )
