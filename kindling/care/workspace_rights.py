"""Appointments and notes to the client in their copy of their data, destroyed at erasure."""

from __future__ import annotations

from kindling.accounts import rights
from kindling.accounts.models import ClientProfile, User

from .models import Appointment, CareMessage


def export_workspace(user: User) -> tuple[str, object]:
    appointments = Appointment.objects.filter(client__user=user).order_by("starts_at")
    notes = CareMessage.objects.filter(client__user=user).order_by("created_at")
    return "appointments_and_notes_to_you", {
        "appointments": [
            {"when": a.starts_at.isoformat(), "minutes": a.minutes, "how": a.get_mode_display(),
             "cancelled": bool(a.cancelled_at)}
            for a in appointments
        ],
        "notes_from_your_care_team": [
            {"sent": m.created_at.isoformat(), "text": m.text} for m in notes
        ],
    }  # fmt: skip


def erase_workspace(client: ClientProfile) -> None:
    rights.destroy_free_text(Appointment.objects.filter(client=client), ["link"])
    rights.destroy_free_text(CareMessage.objects.filter(client=client), ["text"])


def register() -> None:
    rights.register(export_workspace, erase_workspace, "care.appointment", "care.caremessage")
