"""The audit trail: who did what, to which record, when, from where. Append-only."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from .crypto import EncryptedTextField


class AuditEvent(models.Model):
    """One thing that happened. Never updated or deleted (a PostgreSQL trigger enforces it).

    The actor, subject and practice are plain ids, not foreign keys, and no name or e-mail is
    copied in: erasing a person deletes them from the user table, after which the trail says
    that "a person no longer in Kindling" did something, and nothing about who. `detail` never
    holds clinical content or an address.
    """

    class Action(models.TextChoices):
        VIEW = "view"
        CREATE = "create"
        UPDATE = "update"
        DELETE = "delete"
        EXPORT = "export"
        LOGIN = "login"
        LOGOUT = "logout"
        LOGIN_FAILED = "login_failed"
        LOCKED_OUT = "locked_out"
        MFA_CHANGE = "mfa_change"
        ERASE = "erase"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_role = models.CharField(max_length=20, blank=True)
    practice_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    # Whose data it was (a client's user id), so a client can see who opened their record.
    subject_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["practice_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} person {self.actor_id or '-'} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only.")


class ParkedDraft(models.Model):
    """Words a person was sending when their session ended from idleness, kept (encrypted)
    until they log in again, so a session that expires mid-entry loses nothing."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=200)
    data = EncryptedTextField()  # the form's fields as JSON
    parked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["user", "path"])]

    def __str__(self) -> str:
        return f"parked draft {self.pk}"


class OutboundMail(models.Model):
    """An e-mail waiting to leave, written in the same transaction as the change it reports.

    If the mail server is down when the change commits, the row stays and `kindling run-due`
    tries again with growing gaps, so no alert e-mail or booking confirmation is silently
    lost. The message (addresses included) is encrypted; `purpose` and `ref` are plain and
    hold no personal detail ("alert", "alert:12").
    """

    purpose = models.CharField(max_length=30)
    ref = models.CharField(max_length=60, blank=True)
    message = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)
    next_due_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [models.Index(fields=["sent_at", "next_due_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.purpose} mail {self.pk} ({'sent' if self.sent_at else 'waiting'})"
