"""What people do with the public site: send an enquiry, edit a page, handle an enquiry."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from kindling.accounts.models import Membership, Practice, Role, User
from kindling.lib import audit, outbox
from kindling.safety.screen import encode_matches, screen

from .models import Enquiry, EnquiryAttempt, SiteText

# At most this many enquiries from one address in RATE_WINDOW; more get a kind "please wait".
RATE_LIMIT = 5
RATE_WINDOW = dt.timedelta(hours=1)
# Handled enquiries are deleted this long after they were handled (docs/public-site.md).
KEEP_HANDLED = dt.timedelta(days=365)


class Outcome(Enum):
    SAVED = "saved"
    SAVED_URGENT = "saved_urgent"  # kept, and its words may mean risk: the thank-you shows help
    DISCARDED = "discarded"  # the honeypot was filled in: nothing kept, same thank-you shown
    TOO_MANY = "too_many"


def client_key(ip_address: str | None, scope: str = "enquiry") -> str:
    """A keyed hash of the visitor's address: enough to count their tries, not to find them.

    Keyed with the secret key, because a plain hash of an IPv4 address is reversed by trying
    all four thousand million of them. Each `scope` (enquiries, guest bookings) counts apart."""
    return salted_hmac(
        f"kindling.public.{scope}-rate", ip_address or "unknown", algorithm="sha256"
    ).hexdigest()


def spend_attempt(ip_address: str | None, *, scope: str, limit: int) -> bool:
    """Count one try from this address in `scope`; False if it has had `limit` this hour.
    Call inside a transaction (IMMEDIATE on SQLite makes the count and the insert one step)."""
    key = client_key(ip_address, scope)
    now = timezone.now()
    EnquiryAttempt.objects.filter(at__lt=now - RATE_WINDOW).delete()
    if EnquiryAttempt.objects.filter(client_key=key).count() >= limit:
        return False
    EnquiryAttempt.objects.create(client_key=key, at=now)
    return True


def _recipients(practice: Practice) -> list[str]:
    admins = Membership.objects.filter(
        practice=practice, role=Role.PRACTICE_ADMIN, is_active=True, user__is_active=True
    ).values_list("user__email", flat=True)
    people = [practice.contact_email] if practice.contact_email else []
    people += [email for email in admins if email and email not in people]
    return people


def submit_enquiry(
    practice: Practice, data: dict, *, ip_address: str | None, spam: bool, read_url: str
) -> Outcome:
    """Keep an enquiry (encrypted) and tell the practice, by e-mail, only that one arrived.

    Every try, honeypot or not, counts towards the address's limit, so a robot is slowed too.
    """
    now = timezone.now()
    with transaction.atomic():
        if not spend_attempt(ip_address, scope="enquiry", limit=RATE_LIMIT):
            return Outcome.TOO_MANY
        if spam:
            return Outcome.DISCARDED
        Enquiry.objects.filter(handled_at__lt=now - KEEP_HANDLED).delete()
        about = data.get("about", "")
        preferred_times = data.get("preferred_times", "")
        # Someone may say in an enquiry that they are not safe: the words pass through the risk
        # screen like any a client writes. There is no client to raise an alert for, so the
        # enquiry carries the flag (and, when urgent, the e-mail asks for attention soon).
        found = screen("\n".join(part for part in (about, preferred_times) if part))
        enquiry = Enquiry.objects.create(
            practice=practice,
            name=data["name"],
            contact=data["contact"],
            about=about,
            preferred_times=preferred_times,
            risk_level=found.level,
            risk_about=found.about,
            risk_detail=encode_matches(found.matches),
            screened_by=found.version if found.level != "none" else "",
        )
        people = _recipients(practice)
        if people:
            # No name, no words from the enquiry: only that one arrived, and where to read it.
            # An enquiry the screen found urgent (or telling of danger at home) asks for
            # attention soon, in the words of the alert e-mails: nothing about what or why.
            soon = found.needs_help_now
            message = EmailMessage(
                subject=_("Kindling: a new enquiry for %(practice)s") % {"practice": practice.name},
                body=render_to_string(
                    "public/email/new_enquiry.txt",
                    {"practice": practice, "url": read_url, "soon": soon},
                ),
                to=people,
            )
            outbox.send(message, purpose="enquiry", ref=str(enquiry.pk))
    if found.needs_help_now:  # urgent, or danger at home
        return Outcome.SAVED_URGENT
    return Outcome.SAVED


def save_text(user: User, practice: Practice, key: str, *, title: str, body: str) -> SiteText:
    with transaction.atomic():
        text, _created = SiteText.objects.update_or_create(
            practice=practice,
            key=key,
            defaults={
                "title": title,
                "body": body,
                "updated_at": timezone.now(),
                "updated_by": user,
            },
        )
        audit.record(
            "update", actor=user, role=Role.PRACTICE_ADMIN, practice_id=practice.pk, obj=text,
            detail=f"public page text: {key}",
        )  # fmt: skip
    return text


def reset_text(user: User, practice: Practice, key: str) -> None:
    """Back to Kindling's default words for this page."""
    with transaction.atomic():
        deleted, _rows = SiteText.objects.filter(practice=practice, key=key).delete()
        if deleted:
            audit.record(
                "delete", actor=user, role=Role.PRACTICE_ADMIN, practice_id=practice.pk,
                object_type="public.sitetext", detail=f"public page text back to default: {key}",
            )  # fmt: skip


def mark_handled(user: User, enquiry: Enquiry, role: str, *, handled: bool = True) -> None:
    with transaction.atomic():
        Enquiry.objects.filter(pk=enquiry.pk).update(
            handled_at=timezone.now() if handled else None, handled_by=user if handled else None
        )
        audit.record(
            "update", actor=user, role=role, practice_id=enquiry.practice_id, obj=enquiry,
            detail="enquiry marked handled" if handled else "enquiry marked not handled",
        )  # fmt: skip


def delete_enquiry(user: User, enquiry: Enquiry, role: str) -> None:
    """Destroy an enquiry: when the person asks, or once it is no longer needed."""
    with transaction.atomic():
        audit.record(
            "delete", actor=user, role=role, practice_id=enquiry.practice_id, obj=enquiry,
            detail="enquiry deleted",
        )  # fmt: skip
        enquiry.delete()
