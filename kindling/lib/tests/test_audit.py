"""The audit trail: one entry per read through the access layer, and no way to change it."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client, override_settings

from kindling.lib import access
from kindling.lib.models import AuditEvent


def test_opening_a_client_record_leaves_exactly_one_entry(scene):
    client = Client(REMOTE_ADDR="203.0.113.9")
    client.force_login(scene.ruth)
    before = AuditEvent.objects.count()
    maya = scene.maya.client_profile
    assert client.get(f"/clients/{maya.pk}/").status_code == 200
    events = list(AuditEvent.objects.filter(action="view"))
    assert AuditEvent.objects.count() == before + 1
    [event] = events
    assert (event.actor_id, event.actor_role, event.practice_id) == (
        scene.ruth.pk, "clinician", scene.harbour.pk,
    )  # fmt: skip
    assert (event.object_type, event.object_id) == ("accounts.clientprofile", str(maya.pk))
    assert event.subject_id == scene.maya.pk
    assert event.ip_address == "203.0.113.9"


@pytest.mark.parametrize("helper,viewer,client", [
    (access.client_for, "ruth", "sam"),
    (access.young_person_for, "jo", "maya"),
])  # fmt: skip
def test_every_helper_read_leaves_one_entry(scene, helper, viewer, client):
    profile = getattr(scene, client).client_profile
    before = AuditEvent.objects.filter(action="view").count()
    helper(getattr(scene, viewer), profile.pk)
    assert AuditEvent.objects.filter(action="view").count() == before + 1


def test_a_refused_read_records_no_view(scene):
    client = Client()
    client.force_login(scene.omar)
    assert client.get(f"/clients/{scene.sam.client_profile.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(action="view").exists()


def test_the_application_cannot_change_or_delete_an_entry(scene):
    access.client_for(scene.ruth, scene.sam.client_profile.pk)
    event = AuditEvent.objects.get(action="view")
    event.detail = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_the_database_refuses_to_change_an_entry_on_postgresql(scene):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's; the SQLite run relies on the model guard")
    access.client_for(scene.ruth, scene.sam.client_profile.pk)
    event = AuditEvent.objects.get(action="view")
    for sql in ("UPDATE lib_auditevent SET detail = 'x' WHERE id = %s",
                "DELETE FROM lib_auditevent WHERE id = %s"):  # fmt: skip
        refused = pytest.raises(DatabaseError, match="append-only")
        with refused, transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.filter(action="view").count() == 1


def test_logins_and_failed_logins_are_recorded(db):
    from kindling.accounts.actions import create_user

    create_user("pat@example.test", "lantern-harbour-quietly-9", name="Pat")
    client = Client()
    client.post("/accounts/login/", {"login": "pat@example.test", "password": "wrong-one-here"})
    client.post("/accounts/login/", {"login": "pat@example.test",
                                     "password": "lantern-harbour-quietly-9"})  # fmt: skip
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["login_failed", "login"]
    assert "lantern" not in str(list(AuditEvent.objects.values()))


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_nth_failed_login_locks_the_account_calmly_and_is_recorded(db):
    from kindling.accounts.actions import create_user

    create_user("pat@example.test", "lantern-harbour-quietly-9", name="Pat")
    client = Client()
    for _ in range(3):
        response = client.post("/accounts/login/", {"login": "pat@example.test", "password": "no"})
    assert response.status_code == 429
    assert b"logging in has been paused for about 30 minutes" in response.content
    # Even the right password is refused while the pause lasts.
    right = {"login": "pat@example.test", "password": "lantern-harbour-quietly-9"}
    response = client.post("/accounts/login/", right)
    assert response.status_code == 429
    assert AuditEvent.objects.filter(action="locked_out").exists()
    assert not AuditEvent.objects.filter(action="login").exists()


def test_the_django_admin_login_is_the_locked_login(db):
    # The admin has no password form of its own; it sends people to the login that django-axes
    # guards (tested above) and that asks staff for the second step.
    response = Client().get("/django-admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
