"""E-mail that is never silently lost: a transactional outbox.

`send(message, purpose=...)` stores the message in the current transaction and tries to
deliver it as soon as that transaction commits. A failure (the mail server down, a timeout)
leaves the row waiting; `kindling run-due` (run it with `--loop` beside the web server) tries
again after 1, 5, 15 and then every 60 minutes, for as long as it takes, and prints what is
still waiting. Each delivery claims its row with a
conditional UPDATE, so two workers (or a worker and the on-commit attempt) never send it twice.

A part of Kindling that needs to know when its mail went (an alert's `notified_at`) registers
a hook for its purpose with `on_sent`.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
from collections.abc import Callable

from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from .models import OutboundMail

logger = logging.getLogger(__name__)

# Minutes to wait after the 1st, 2nd, 3rd… failed attempt; the last gap repeats.
BACKOFF_MINUTES = (1, 5, 15, 60)
# While one attempt is under way nobody else may claim the row; longer than any SMTP timeout.
LEASE = dt.timedelta(minutes=5)
# Sent rows are kept this long (to answer "did it go?"), then deleted: they hold addresses.
KEEP_SENT = dt.timedelta(days=14)

_hooks: dict[str, Callable[[str], None]] = {}


def on_sent(purpose: str, hook: Callable[[str], None]) -> None:
    """Call `hook(ref)` after a mail of this purpose has been delivered."""
    _hooks[purpose] = hook


def _pack(message: EmailMessage) -> str:
    attachments = []
    for attachment in message.attachments:
        name, content, mimetype = attachment
        raw = content.encode() if isinstance(content, str) else content
        attachments.append([name, base64.b64encode(raw).decode(), mimetype])
    return json.dumps({
        "subject": message.subject,
        "body": message.body,
        "from": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "alternatives": [list(a) for a in getattr(message, "alternatives", [])],
        "attachments": attachments,
    })  # fmt: skip


def _unpack(packed: str) -> EmailMultiAlternatives:
    data = json.loads(packed)
    message = EmailMultiAlternatives(
        subject=data["subject"], body=data["body"], from_email=data["from"], to=data["to"],
        cc=data["cc"], bcc=data["bcc"], reply_to=data["reply_to"],
    )  # fmt: skip
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for name, content, mimetype in data["attachments"]:
        message.attach(name, base64.b64decode(content), mimetype)
    return message


def send(message: EmailMessage, *, purpose: str, ref: str = "") -> OutboundMail:
    """Queue `message` with the surrounding transaction and deliver it once that commits."""
    mail = OutboundMail.objects.create(purpose=purpose, ref=ref, message=_pack(message))
    transaction.on_commit(lambda: deliver(mail.pk), robust=True)
    return mail


def _claim(pk: int, now: dt.datetime) -> bool:
    return bool(
        OutboundMail.objects.filter(pk=pk, sent_at__isnull=True, next_due_at__lte=now).update(
            next_due_at=now + LEASE
        )
    )


def deliver(pk: int) -> bool:
    """Try once to send one waiting mail; True if it went. Safe to call from anywhere."""
    now = timezone.now()
    if not _claim(pk, now):
        return False
    mail = OutboundMail.objects.get(pk=pk)
    try:
        with get_connection() as connection:
            sent = connection.send_messages([_unpack(mail.message)])
        if not sent:
            raise RuntimeError("the mail backend accepted nothing")
    except Exception as error:  # noqa: BLE001 - any failure leaves the mail waiting
        attempts = mail.attempts + 1
        gap = BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1]
        OutboundMail.objects.filter(pk=pk).update(
            attempts=attempts,
            next_due_at=timezone.now() + dt.timedelta(minutes=gap),
            last_error=type(error).__name__[:200],
        )
        logger.error("%s mail %s not sent (attempt %s); will retry", mail.purpose, pk, attempts)
        return False
    OutboundMail.objects.filter(pk=pk).update(sent_at=timezone.now(), attempts=mail.attempts + 1)
    hook = _hooks.get(mail.purpose)
    if hook is not None:
        hook(mail.ref)
    return True


def run_due(limit: int = 200) -> tuple[int, int]:
    """Deliver what is due; returns (sent, still failing). Also forgets old sent mail."""
    now = timezone.now()
    due = list(
        OutboundMail.objects.filter(sent_at__isnull=True, next_due_at__lte=now)
        .order_by("next_due_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = sum(deliver(pk) for pk in due)
    OutboundMail.objects.filter(sent_at__lt=now - KEEP_SENT).delete()
    return sent, len(due) - sent


def overdue(older_than: dt.timedelta = dt.timedelta(hours=1)) -> int:
    """How many mails have waited longer than this."""
    return OutboundMail.objects.filter(
        sent_at__isnull=True, created_at__lt=timezone.now() - older_than
    ).count()
