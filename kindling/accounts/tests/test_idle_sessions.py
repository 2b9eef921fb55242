"""Sessions end after a quiet spell (sooner for staff), and logging out ends them on the server."""

from __future__ import annotations

import time

from django.contrib.sessions.models import Session
from django.test import Client, override_settings


def _age_session(client: Client, seconds: int) -> None:
    session = client.session
    session["last_seen"] = int(time.time()) - seconds
    session.save()


@override_settings(STAFF_IDLE_MINUTES=15, CLIENT_IDLE_MINUTES=60)
def test_staff_are_logged_out_after_fifteen_quiet_minutes(scene):
    client = Client()
    client.force_login(scene.ruth)
    assert client.get("/caseload/").status_code == 200
    _age_session(client, 14 * 60)
    assert client.get("/caseload/").status_code == 200
    _age_session(client, 16 * 60)
    response = client.get("/caseload/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/caseload/"
    assert client.get("/caseload/").status_code == 302  # the session is really gone


@override_settings(STAFF_IDLE_MINUTES=15, CLIENT_IDLE_MINUTES=60)
def test_clients_get_longer(scene):
    client = Client()
    client.force_login(scene.sam)
    assert client.get("/today/").status_code == 200
    _age_session(client, 30 * 60)
    assert client.get("/today/").status_code == 200
    _age_session(client, 61 * 60)
    assert client.get("/today/").status_code == 302


def test_logout_deletes_the_session_on_the_server(scene):
    client = Client()
    client.force_login(scene.sam)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()


def test_reading_pages_does_not_write_the_session_every_time(scene):
    client = Client()
    client.force_login(scene.sam)
    client.get("/today/")
    first = Session.objects.get(session_key=client.session.session_key).expire_date
    client.get("/today/")
    assert Session.objects.get(session_key=client.session.session_key).expire_date == first
