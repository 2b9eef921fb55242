"""Workshop bookings in a person's copy of their data, and destroyed at erasure.

A booking is the person's (by account, or by the address a guest gave); so are the messages
their facilitator sent to groups they had a place in. A staff member's copy lists the
workshops they facilitated and the messages they wrote.
"""

from __future__ import annotations

from django.db.models import Q

from kindling.accounts import rights
from kindling.accounts.models import ClientProfile, User

from .models import Attendance, GroupMessage, Registration, Workshop


def _bookings_of(user: User):
    return Registration.objects.filter(
        Q(user=user) | Q(user__isnull=True, email__iexact=user.email)
    ).select_related("workshop", "workshop__practice")


def export_workshops(user: User) -> tuple[str, object]:
    bookings = []
    for r in _bookings_of(user).order_by("created_at", "pk"):
        attended = Attendance.objects.filter(registration=r).select_related("session")
        messages = GroupMessage.objects.filter(workshop=r.workshop, sent_at__gte=r.confirmed_at)
        if r.cancelled_at:
            messages = messages.filter(sent_at__lt=r.cancelled_at)
        bookings.append({
            "workshop": r.workshop.title,
            "practice": r.workshop.practice.name,
            "name_given": r.name,
            "email": r.email,
            "status": r.status,
            "booked_at": r.created_at.isoformat(),
            "place_confirmed_at": r.confirmed_at.isoformat() if r.confirmed_at else None,
            "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
            "booked_as_parent_or_guardian": r.is_guardian_booking,
            "attended_sessions": [a.session.starts_at.isoformat() for a in attended],
            "messages_to_the_group": (
                [{"sent": m.sent_at.isoformat(), "text": m.body} for m in messages]
                if r.confirmed_at else []
            ),
        })  # fmt: skip
    facilitated = Workshop.objects.filter(facilitator=user).order_by("created_at")
    written = GroupMessage.objects.filter(sent_by=user).select_related("workshop")
    return "workshops", {
        "bookings": bookings,
        "workshops_you_facilitate": [w.title for w in facilitated],
        "messages_you_wrote_to_groups": [
            {"workshop": m.workshop.title, "sent": m.sent_at.isoformat(), "text": m.body}
            for m in written
        ],
    }


def erase_workshops(client: ClientProfile) -> None:
    bookings = _bookings_of(client.user)
    Attendance.objects.filter(registration__in=bookings).delete()
    bookings.delete()
    rights.destroy_free_text(GroupMessage.objects.filter(sent_by=client.user), ["body"])


def register() -> None:
    rights.register(
        export_workshops, erase_workshops,
        "groups.registration", "groups.groupmessage", "groups.workshop", "groups.attendance",
    )  # fmt: skip
