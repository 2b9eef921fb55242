"""Setting and cancelling appointments: one function per intention."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from kindling.accounts.models import ClientProfile, User
from kindling.lib import audit

from .models import Appointment


class AppointmentError(ValueError):
    pass


def set_appointment(
    client: ClientProfile, *, by: User, starts_at: dt.datetime, minutes: int, mode: str,
    link: str = "",
) -> Appointment:  # fmt: skip
    if starts_at < timezone.now() - dt.timedelta(minutes=5):
        raise AppointmentError("Choose a time from now on.")
    if starts_at > timezone.now() + dt.timedelta(days=366):
        raise AppointmentError("Choose a time within the next year.")
    if mode == Appointment.Mode.IN_PERSON:
        link = ""
    with transaction.atomic():
        appointment = Appointment.objects.create(
            client=client, clinician=by, starts_at=starts_at, minutes=minutes, mode=mode,
            link=link.strip(),
        )  # fmt: skip
        audit.record(
            "create", actor=by, role="clinician", practice_id=client.practice_id,
            obj=appointment, subject_id=client.user_id,
        )  # fmt: skip
    return appointment


def cancel(appointment: Appointment, *, by: User) -> None:
    with transaction.atomic():
        if Appointment.objects.filter(pk=appointment.pk, cancelled_at__isnull=True).update(
            cancelled_at=timezone.now()
        ):
            audit.record(
                "update", actor=by, role="clinician", practice_id=appointment.client.practice_id,
                obj=appointment, subject_id=appointment.client.user_id, detail="cancelled",
            )  # fmt: skip


def upcoming(client: ClientProfile):
    return client.appointments.filter(
        cancelled_at__isnull=True, starts_at__gte=timezone.now() - dt.timedelta(hours=1)
    ).order_by("starts_at")


def next_for(client: ClientProfile) -> Appointment | None:
    return upcoming(client).first()
