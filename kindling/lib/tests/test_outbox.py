"""The outbox: mail leaves once its transaction commits; a mail server that is down loses
nothing, and `kindling run-due` sends it later, exactly once."""

from __future__ import annotations

import datetime as dt
import socket

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from icalendar import Calendar

from kindling.lib import outbox
from kindling.lib.models import OutboundMail
from kindling.lib.tests.test_encryption import _raw_database_text
from kindling.safety import pathway
from kindling.safety.models import Alert

MARKER = "MARKER-outbox-bellbird-41c"


def _closed_port() -> int:
    """A loopback port nothing listens on: a real SMTP connection to it is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mail_server_down():
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=_closed_port(),
        EMAIL_TIMEOUT=2,
    )


def _message(body: str = "hello") -> EmailMessage:
    return EmailMessage(subject="Kindling: a note", body=body, to=["someone@example.test"])


def _make_due(mail_row: OutboundMail) -> None:
    OutboundMail.objects.filter(pk=mail_row.pk).update(
        next_due_at=timezone.now() - dt.timedelta(seconds=1)
    )


def test_mail_leaves_only_when_its_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        row = outbox.send(_message(), purpose="test")
        assert mail.outbox == []  # nothing leaves before the change is committed
    assert [m.subject for m in mail.outbox] == ["Kindling: a note"]
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 1


def test_a_rolled_back_change_sends_nothing(db, django_capture_on_commit_callbacks):
    captured = django_capture_on_commit_callbacks(execute=True)
    with captured, pytest.raises(RuntimeError), transaction.atomic():
        outbox.send(_message(), purpose="test")
        raise RuntimeError("the change failed")
    assert mail.outbox == [] and not OutboundMail.objects.exists()


def test_a_mail_server_that_is_down_loses_nothing_and_run_due_sends_it_later(
    db, django_capture_on_commit_callbacks
):
    with mail_server_down(), django_capture_on_commit_callbacks(execute=True):
        row = outbox.send(_message(), purpose="test")
    row.refresh_from_db()
    assert row.sent_at is None and row.attempts == 1
    assert row.last_error and row.next_due_at > timezone.now()
    assert outbox.run_due() == (0, 0)  # not due yet: the back-off is respected
    _make_due(row)
    with mail_server_down():
        assert outbox.run_due() == (0, 1)
    row.refresh_from_db()
    assert row.attempts == 2 and row.sent_at is None
    _make_due(row)
    assert outbox.run_due() == (1, 0)  # the server is back (the test backend)
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 3


def test_a_claimed_mail_is_sent_once(db):
    row = outbox.send(_message(), purpose="test")  # on_commit never runs in this test
    assert outbox.deliver(row.pk) is True
    assert outbox.deliver(row.pk) is False
    assert outbox.run_due() == (0, 0)
    assert len(mail.outbox) == 1


def test_attachments_survive_the_wait_and_nothing_is_readable_at_rest(transactional_db):
    message = _message(body=MARKER)
    calendar = Calendar()
    calendar.add("prodid", "-//Kindling//test//EN")
    calendar.add("version", "2.0")
    message.attach("invite.ics", calendar.to_ical(), "text/calendar")
    with mail_server_down():
        row = outbox.send(message, purpose="test")
        outbox.deliver(row.pk)  # fails: the server is down
    assert MARKER not in _raw_database_text()
    assert "someone@example.test" not in _raw_database_text()
    _make_due(row)
    outbox.run_due()
    (sent,) = mail.outbox
    assert sent.body == MARKER and sent.to == ["someone@example.test"]
    ((name, content, mimetype),) = sent.attachments
    assert name == "invite.ics" and mimetype == "text/calendar"
    assert Calendar.from_ical(content)["prodid"] == "-//Kindling//test//EN"


def test_an_alert_e_mail_waits_out_a_mail_outage(scene, django_capture_on_commit_callbacks):
    with mail_server_down(), django_capture_on_commit_callbacks(execute=True):
        outcome = pathway.text_saved(
            scene.sam.client_profile, "I want to die tonight", source=scene.sam, kind="journal"
        )
    alert = Alert.objects.get(pk=outcome.alert.pk)
    assert alert.notified_at is None  # not sent: the server was down …
    waiting = OutboundMail.objects.get(purpose="alert", sent_at__isnull=True)
    assert waiting.ref == str(alert.pk)  # … but nothing was lost
    _make_due(waiting)
    call_command("run-due")
    (sent,) = mail.outbox
    assert sent.to == [scene.ruth.email]
    alert.refresh_from_db()
    assert alert.notified_at is not None


def test_run_due_refuses_a_bad_interval(db, capsys):
    with pytest.raises(SystemExit) as stopped:
        call_command("run-due", "--loop", "--every", "0")
    assert stopped.value.code == 2
    assert "--every" in capsys.readouterr().err


def test_sent_mail_is_forgotten_after_two_weeks(db):
    row = outbox.send(_message(), purpose="test")
    outbox.deliver(row.pk)
    OutboundMail.objects.filter(pk=row.pk).update(
        sent_at=timezone.now() - outbox.KEEP_SENT - dt.timedelta(hours=1)
    )
    outbox.run_due()
    assert not OutboundMail.objects.filter(pk=row.pk).exists()
