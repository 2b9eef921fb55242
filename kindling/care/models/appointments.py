"""Appointments a clinician sets with a client. The client sees the next one on Today and in
their private calendar feed, where it is titled only "Appointment"."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindling.accounts.models import ClientProfile
from kindling.lib.crypto import EncryptedTextField

__all__ = ["Appointment"]


class Appointment(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    client = models.ForeignKey(ClientProfile, on_delete=models.CASCADE, related_name="appointments")
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    starts_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=50)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    # The video link, shown only to the client (and encrypted: it opens a private room).
    link = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["client", "starts_at"])]

    def __str__(self) -> str:
        return f"appointment {self.pk} for client {self.client_id}"
