"""A note from the clinician to the client, shown on the client's Today until they put it
away. Encrypted: it is free text about the client."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from kindling.accounts.models import ClientProfile
from kindling.lib.crypto import EncryptedTextField

__all__ = ["CareMessage"]


class CareMessage(models.Model):
    client = models.ForeignKey(ClientProfile, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"message {self.pk} to client {self.client_id}"
