"""Free text about a client is encrypted at rest, and survives a key rotation."""

from __future__ import annotations

import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import Fernet
from django.contrib import admin
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client, RequestFactory, override_settings

from conftest import STAFF_TOTP_SECRET
from kindling.accounts import actions
from kindling.accounts.models import GuardianLink, Invitation, User
from kindling.lib import crypto
from kindling.lib.admin import encrypted_field_names

MARKER = "MARKER-kookaburra-7f3a"
CONTROL = "CONTROL-plaintext-9c2e"  # stored in a plain column: proves the scan can see text


def _raw_database_text() -> str:
    """Everything the database holds, as an attacker with the files would see it."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(FULL)")
        name = Path(connection.settings_dict["NAME"])
        files = [name, Path(f"{name}-wal")]
        return "".join(p.read_bytes().decode("latin-1") for p in files if p.exists())
    pg_dump = shutil.which("pg_dump")
    if not pg_dump:
        pytest.skip("pg_dump is not installed")
    s = connection.settings_dict
    url = f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"
    return subprocess.run(
        [pg_dump, "--data-only", url], capture_output=True, text=True, check=True, timeout=120
    ).stdout


def _guardian_link_through_the_pages(scene) -> GuardianLink:
    ruth = Client()
    ruth.force_login(scene.ruth)
    response = ruth.post("/invite/", {
        "kind": "guardian", "guardian-email": "carer@example.test",
        "guardian-for_client": scene.maya.client_profile.pk, "guardian-relationship": MARKER,
    })  # fmt: skip
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="carer@example.test")
    token = actions.Invitation.new_token()
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=actions._hash(token))
    password = "lantern-harbour-quietly-9"
    accepted = Client().post(f"/invitations/accept/{token}/", {
        "name": CONTROL, "password1": password, "password2": password,
    })  # fmt: skip
    assert accepted.status_code == 302
    return GuardianLink.objects.get(guardian__email="carer@example.test")


def test_a_marker_is_absent_from_the_raw_database_and_reads_back(scene, transactional_db):
    link = _guardian_link_through_the_pages(scene)
    assert link.relationship == MARKER
    raw = _raw_database_text()
    assert CONTROL in raw, "the scan cannot see plain text, so it proves nothing"
    assert MARKER not in raw


def test_rotation_moves_everything_to_the_new_key(scene, settings):
    # The scene's own link (Jo and Maya) was written with the test run's key.
    base = list(settings.ENCRYPTION_KEYS)
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(ENCRYPTION_KEYS=[old, *base]):
        links = [
            GuardianLink.objects.create(guardian=p, client=scene.leo.client_profile,
                                        relationship=f"{MARKER} {i}")
            for i, p in enumerate([scene.jo, scene.sam, scene.fran])
        ]  # fmt: skip
    with override_settings(ENCRYPTION_KEYS=[new, old, *base]):
        call_command("rotate-keys", "--batch-size", "2", stdout=StringIO())
    with override_settings(ENCRYPTION_KEYS=[new]):
        for i, link in enumerate(links):
            assert GuardianLink.objects.get(pk=link.pk).relationship == f"{MARKER} {i}"
        jo_and_maya = GuardianLink.objects.get(guardian=scene.jo, client__user=scene.maya)
        assert jo_and_maya.relationship == "mum"
        # Staff two-step secrets moved too, so nobody is locked out by the rotation.
        totp = Authenticator.objects.get(user=scene.ruth, type="totp")
        assert get_mfa_adapter().decrypt(totp.data["secret"]) == STAFF_TOTP_SECRET
    with override_settings(ENCRYPTION_KEYS=[old]), pytest.raises(crypto.KeyRingError):
        GuardianLink.objects.get(pk=links[0].pk)


def test_an_interrupted_rotation_can_be_resumed(scene, monkeypatch, settings):
    base = list(settings.ENCRYPTION_KEYS)  # the scene's staff secrets were written with it
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(ENCRYPTION_KEYS=[old]):
        GuardianLink.objects.all().delete()
        for p in (scene.jo, scene.sam, scene.fran, scene.rhea):
            GuardianLink.objects.create(guardian=p, client=scene.leo.client_profile,
                                        relationship=f"{MARKER} {p.pk}")  # fmt: skip
    real_rotate, calls = crypto.rotate, []

    def rotate_then_fail(token):
        calls.append(token)
        if len(calls) > 2:
            raise KeyboardInterrupt
        return real_rotate(token)

    with override_settings(ENCRYPTION_KEYS=[new, old, *base]):
        monkeypatch.setattr(crypto, "rotate", rotate_then_fail)
        with pytest.raises(KeyboardInterrupt):
            call_command("rotate-keys", "--batch-size", "2", stdout=StringIO())
        monkeypatch.setattr(crypto, "rotate", real_rotate)
        # Halfway: everything still reads, with the old key still in the ring.
        assert len({link.relationship for link in GuardianLink.objects.all()}) == 4
        call_command("rotate-keys", stdout=StringIO())
    with override_settings(ENCRYPTION_KEYS=[new]):
        assert {link.relationship for link in GuardianLink.objects.all()} == {
            f"{MARKER} {p.pk}" for p in (scene.jo, scene.sam, scene.fran, scene.rhea)
        }


def test_rotation_without_keys_is_a_clear_error(db):
    no_keys = override_settings(ENCRYPTION_KEYS=[], ENCRYPTION_KEY_FILE="/nonexistent/keys")
    with no_keys, pytest.raises(CommandError, match="No encryption keys") as caught:
        call_command("rotate-keys")
    assert caught.value.returncode == 2


def test_the_key_ring_is_not_the_secret_key(settings):
    from django.conf import settings as live

    assert live.SECRET_KEY not in live.ENCRYPTION_KEYS
    no_keys = override_settings(ENCRYPTION_KEYS=[], ENCRYPTION_KEY_FILE="/nonexistent/keys")
    with no_keys, pytest.raises(crypto.KeyRingError):
        crypto.key_ring()


def test_the_admin_never_shows_an_encrypted_field(scene):
    operator = User.objects.create_superuser("ops@kindling.test", None)
    TOTP.activate(operator, STAFF_TOTP_SECRET)  # operators use two-step login too
    checked = 0
    for model, model_admin in admin.site._registry.items():
        hidden = encrypted_field_names(model)
        if not hidden:
            continue
        request = RequestFactory().get("/")
        request.user = operator
        shown = set(model_admin.get_fields(request)) | set(model_admin.get_list_display(request))
        shown |= set(model_admin.get_search_fields(request))
        assert not (shown & hidden), model
        form = model_admin.get_form(request)
        assert not (set(form.base_fields) & hidden), model
        checked += 1
    assert checked >= 2  # GuardianLink and Invitation at least
    # And through the pages: the change form for Jo's link does not carry "mum".
    client = Client()
    client.force_login(operator)
    link = GuardianLink.objects.get(guardian=scene.jo)
    page = client.get(f"/django-admin/accounts/guardianlink/{link.pk}/change/")
    assert page.status_code == 200
    assert "relationship" not in page.content.decode().lower()
