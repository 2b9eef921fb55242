"""The practice's public pages and the enquiries people send through them.

- `SiteText`: the words of one public page, as the practice edited them (Markdown). A page
  without a row shows Kindling's default text (kindling/public/texts.py).
- `Enquiry`: someone asking about 1:1 therapy. Every word they typed is encrypted: an enquiry
  may say why they want help, which is health information.
- `EnquiryAttempt`: one enquiry (or a bot's try) from an address, kept an hour or so for the
  rate limit. The address itself is never stored, only a keyed hash of it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindling.accounts.models import Practice
from kindling.lib.crypto import EncryptedTextField
from kindling.safety.screen import decode_matches

__all__ = ["Enquiry", "EnquiryAttempt", "SiteText"]


class SiteText(models.Model):
    class Key(models.TextChoices):
        HOME = "home", _("Home page")
        SELF_COMPASSION = "self-compassion", _("What self-compassion is")
        WHO_WE_HELP = "who-we-help", _("Who we help")
        THERAPY = "therapy", _("Asking about 1:1 therapy")
        WORKSHOPS = "workshops", _("Workshops")
        THANKS = "thanks", _("Thank you, after an enquiry")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="site_texts")
    key = models.CharField(max_length=30, choices=Key.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=20_000)  # Markdown; public, so not encrypted
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["practice_id", "key"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "key"], name="one_site_text_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.practice_id}: {self.key}"


class Enquiry(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="enquiries")
    name = EncryptedTextField()
    contact = EncryptedTextField()
    about = EncryptedTextField(blank=True)
    preferred_times = EncryptedTextField(blank=True)
    # What the risk screen said of the words (the person is not a client yet, so no alert can
    # be raised: the enquiry itself is marked and listed first, and an urgent one's e-mail asks
    # for attention soon). The matches quote the words, so they are encrypted too.
    risk_level = models.CharField(max_length=10, default="none")  # none | concern | urgent
    risk_about = models.CharField(max_length=10, default="self")
    risk_detail = EncryptedTextField(blank=True)
    screened_by = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "enquiries"

    def __str__(self) -> str:
        return f"enquiry {self.pk}"

    @property
    def flagged(self) -> bool:
        return self.risk_level != "none"

    @property
    def matches(self) -> list[dict]:
        return decode_matches(self.risk_detail)


class EnquiryAttempt(models.Model):
    client_key = models.CharField(max_length=64, db_index=True)  # keyed hash of the address
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"attempt {self.pk}"
