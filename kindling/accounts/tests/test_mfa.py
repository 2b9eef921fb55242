"""Two-step login: required for every staff role, optional for clients and guardians."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client

from conftest import STAFF_TOTP_SECRET
from kindling.accounts import actions
from kindling.accounts.demo import current_code
from kindling.accounts.models import Role

PASSWORD = "lantern-harbour-quietly-9"


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_staff_without_mfa_are_sent_to_set_it_up_before_anything_else(scene, role):
    newcomer = actions.create_user(f"new-{role}@harbour.test", None, name="New Person")
    actions.add_staff(newcomer, scene.harbour, role)
    client = Client()
    client.force_login(newcomer)
    for path in ("/", "/caseload/", f"/clients/{scene.sam.client_profile.pk}/",
                 f"/practice/{scene.harbour.pk}/", "/work/", "/invite/"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/accounts/2fa/totp/activate/", path
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200


def test_with_mfa_a_clinician_reaches_clinical_pages(scene):
    client = Client()
    client.force_login(scene.ruth)
    assert client.get(f"/clients/{scene.sam.client_profile.pk}/").status_code == 200


def test_clients_and_guardians_need_no_mfa(scene):
    for person in (scene.sam, scene.jo):
        client = Client()
        client.force_login(person)
        assert client.get("/", follow=True).status_code == 200
        assert not Authenticator.objects.filter(user=person).exists()


def test_staff_login_asks_for_the_code_and_accepts_the_right_one(db):
    ruth = actions.create_user("ruth@harbour.test", PASSWORD, name="Dr Ruth")
    TOTP.activate(ruth, STAFF_TOTP_SECRET)
    client = Client()
    response = client.post("/accounts/login/", {"login": ruth.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    right = client.post("/accounts/2fa/authenticate/", {"code": current_code(STAFF_TOTP_SECRET)})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(ruth.pk)


def test_totp_secrets_are_encrypted_with_the_key_ring(db):
    ruth = actions.create_user("ruth@harbour.test", None)
    TOTP.activate(ruth, STAFF_TOTP_SECRET)
    stored = Authenticator.objects.get(user=ruth).data["secret"]
    assert STAFF_TOTP_SECRET not in stored
    assert stored.startswith("gAAAAA")  # a Fernet token


def test_the_django_admin_login_cannot_skip_the_second_step(db):
    ruth = actions.create_user("ruth@harbour.test", PASSWORD, name="Dr Ruth")
    ruth.is_staff = True
    ruth.save()
    TOTP.activate(ruth, STAFF_TOTP_SECRET)
    client = Client()
    response = client.post("/django-admin/login/", {"username": ruth.email, "password": PASSWORD})
    # Django's own admin login is replaced by a redirect to Kindling's login.
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_operator_without_mfa_is_sent_to_set_it_up(db):
    operator = actions.create_user("ops@kindling.test", None)
    operator.is_superuser = operator.is_staff = True
    operator.save()
    client = Client()
    client.force_login(operator)
    response = client.get("/django-admin/accounts/clientprofile/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
