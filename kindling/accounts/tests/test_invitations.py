"""Sign-up is by invitation only: single-use, expiring, revocable, and e-mailed neutrally."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.utils import timezone

from kindling.accounts import actions
from kindling.accounts.demo import birth_date
from kindling.accounts.models import ClientProfile, GuardianLink, Invitation, Membership, User

STRONG = "lantern-harbour-quietly-9"


def _invite_client(scene, email="alex@example.test", years=16, **extra):
    return actions.invite(
        scene.ruth, scene.harbour, email=email, kind=Invitation.Kind.CLIENT,
        date_of_birth=birth_date(years), preferred_name="Alex", accept_url_base="http://testserver/",
        **extra,
    )  # fmt: skip


def _accept(client: Client, token: str, **data):
    payload = {"name": "Alex Rivera", "password1": STRONG, "password2": STRONG, **data}
    return client.post(f"/invitations/accept/{token}/", payload)


def test_it_sends_a_neutral_email_and_keeps_only_a_hash(scene, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite_client(scene)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alex@example.test"]
    assert message.subject == "Your invitation to Harbour Light Psychology on Kindling"
    assert invitation.token in message.body
    stored = Invitation.objects.get(pk=invitation.pk)
    assert stored.token_hash != invitation.token
    assert invitation.token not in str(vars(stored))
    for word in ("therapy", "mental", "depress", "anxiety", "self-compassion"):
        assert word not in (message.subject + message.body).lower()


def test_accepting_creates_the_client_with_their_clinician(scene):
    invitation = _invite_client(scene)
    client = Client()
    response = _accept(client, invitation.token)
    assert response.status_code == 302 and response["Location"] == "/"
    user = User.objects.get(email="alex@example.test")
    profile = ClientProfile.objects.get(user=user)
    assert list(profile.care_team.all()) == [scene.ruth]
    assert profile.age_band == "teen"
    assert profile.preferred_name == "Alex"
    assert user.check_password(STRONG)
    assert user.password.startswith("argon2")
    assert user.emailaddress_set.get().verified
    # A new client is first asked for consent (test_consent.py follows that through).
    assert client.get("/", follow=True).redirect_chain[-1][0] == "/consent/"


def test_it_is_single_use(scene):
    invitation = _invite_client(scene)
    assert _accept(Client(), invitation.token).status_code == 302
    again = _accept(Client(), invitation.token, name="Someone Else")
    assert again.status_code == 404
    assert b"can't be used" in again.content
    assert User.objects.filter(email="alex@example.test").count() == 1


def test_it_expires(scene):
    invitation = _invite_client(scene)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    assert _accept(Client(), invitation.token).status_code == 404
    assert not User.objects.filter(email="alex@example.test").exists()


def test_it_can_be_revoked(scene):
    invitation = _invite_client(scene)
    actions.revoke_invitation(scene.ruth, invitation.pk)
    assert _accept(Client(), invitation.token).status_code == 404
    assert not User.objects.filter(email="alex@example.test").exists()


def test_a_used_invitation_cannot_be_revoked_afterwards(scene):
    invitation = _invite_client(scene)
    _accept(Client(), invitation.token)
    assert actions.revoke_invitation(scene.ruth, invitation.pk).state == "accepted"


def test_unknown_tokens_get_the_same_calm_page(scene):
    response = Client().get("/invitations/accept/not-a-real-token/")
    assert response.status_code == 404
    assert b"ask your practice" in response.content


def test_a_weak_or_mismatched_password_is_explained_and_nothing_is_created(scene):
    invitation = _invite_client(scene)
    response = _accept(Client(), invitation.token, password1="password123", password2="password123")
    assert response.status_code == 400
    assert b"too common" in response.content
    response = _accept(Client(), invitation.token, password2="something-else-entirely")
    assert b"two passwords are different" in response.content
    assert not User.objects.filter(email="alex@example.test").exists()
    assert Invitation.objects.get(pk=invitation.pk).state == "open"


def test_two_people_racing_for_one_invitation_make_one_account(scene, transactional_db):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memory"):
        pytest.skip("an in-memory SQLite database is one connection; the race needs two")
    invitation = _invite_client(scene)
    results = []

    def attempt(name):
        try:
            actions.accept_invitation(invitation.token, name=name, password=STRONG)
            results.append("ok")
        except actions.InvitationUnavailable:
            results.append("unavailable")
        except Exception as error:  # noqa: BLE001 - any other outcome is the bug we look for
            results.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "unavailable"]
    assert User.objects.filter(email="alex@example.test").count() == 1


def test_clinicians_invite_clients_and_admins_invite_staff(scene):
    with pytest.raises(PermissionDenied):
        actions.invite(scene.ruth, scene.harbour, email="x@t.test", kind="clinician",
                       accept_url_base="http://t/")  # fmt: skip
    with pytest.raises(PermissionDenied):
        actions.invite(scene.adam, scene.harbour, email="x@t.test", kind="client",
                       date_of_birth=birth_date(30), accept_url_base="http://t/")  # fmt: skip
    with pytest.raises(PermissionDenied):
        actions.invite(scene.sam, scene.harbour, email="x@t.test", kind="client",
                       date_of_birth=birth_date(30), accept_url_base="http://t/")  # fmt: skip
    with pytest.raises(PermissionDenied):
        actions.invite(scene.omar, scene.harbour, email="x@t.test", kind="client",
                       date_of_birth=birth_date(30), accept_url_base="http://t/")  # fmt: skip


def test_staff_invitation_adds_the_role(scene):
    invitation = actions.invite(scene.adam, scene.harbour, email="nina@harbour.test",
                                kind="facilitator", accept_url_base="http://t/")  # fmt: skip
    assert _accept(Client(), invitation.token, name="Nina Cole").status_code == 302
    nina = User.objects.get(email="nina@harbour.test")
    assert Membership.objects.filter(user=nina, practice=scene.harbour, role="facilitator").exists()


def test_guardian_invitation_links_to_the_young_person(scene):
    maya = scene.maya.client_profile
    invitation = actions.invite(scene.ruth, scene.harbour, email="dad@example.test",
                                kind="guardian", for_client=maya, relationship="dad",
                                accept_url_base="http://t/")  # fmt: skip
    assert _accept(Client(), invitation.token, name="Tom Kowalski").status_code == 302
    link = GuardianLink.objects.get(guardian__email="dad@example.test")
    assert link.client == maya and link.relationship == "dad"


def test_guardians_are_only_for_young_people_on_the_clinicians_caseload(scene):
    with pytest.raises(ValidationError):
        actions.invite(
            scene.ruth, scene.harbour, email="p@example.test", kind="guardian",
            for_client=scene.sam.client_profile, accept_url_base="http://t/",
        )  # fmt: skip
    with pytest.raises(ValidationError):
        actions.invite(
            scene.priya, scene.harbour, email="p@example.test", kind="guardian",
            for_client=scene.maya.client_profile, accept_url_base="http://t/",
        )  # fmt: skip


def test_an_existing_person_must_log_in_to_accept(scene):
    invitation = actions.invite(scene.ruth, scene.harbour, email=scene.jo.email, kind="guardian",
                                for_client=scene.leo.client_profile,
                                accept_url_base="http://t/")  # fmt: skip
    stranger = Client()
    response = _accept(stranger, invitation.token)
    assert b"You already have an account" in response.content
    assert Invitation.objects.get(pk=invitation.pk).state == "open"
    jo = Client()
    jo.force_login(scene.jo)
    assert jo.post(f"/invitations/accept/{invitation.token}/").status_code == 302
    assert Invitation.objects.get(pk=invitation.pk).state == "accepted"


def test_the_clinician_invites_through_the_page(scene, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(scene.ruth)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/invite/", {
            "kind": "client", "client-email": "new@example.test", "client-preferred_name": "Kit",
            "client-date_of_birth": birth_date(25).isoformat(), "client-region": "AU",
        })  # fmt: skip
    assert response.status_code == 302
    assert Invitation.objects.get(email="new@example.test").kind == "client"
    link = re.search(r"http://testserver(/invitations/accept/[^/]+/)", mail.outbox[0].body)
    assert link and Client().get(link.group(1)).status_code == 200


def test_the_invite_page_explains_bad_input(scene):
    client = Client()
    client.force_login(scene.ruth)
    too_young = (timezone.localdate() - dt.timedelta(days=365 * 5)).isoformat()
    response = client.post("/invite/", {
        "kind": "client", "client-email": "not-an-email", "client-date_of_birth": too_young,
        "client-region": "AU",
    })  # fmt: skip
    assert response.status_code == 400
    assert b"Enter a valid email address" in response.content
    assert b"aged 8 and over" in response.content
    assert not Invitation.objects.exists()


def test_nobody_can_sign_up_without_an_invitation(db):
    response = Client().post("/accounts/signup/", {
        "email": "walk-in@example.test", "password1": STRONG, "password2": STRONG,
    })  # fmt: skip
    assert not User.objects.filter(email="walk-in@example.test").exists()
    assert response.status_code in (200, 403)
    assert b"closed" in response.content.lower() or response.status_code == 403


def test_nobody_is_invited_twice_or_into_a_dual_relationship(scene):
    def refused(inviter, email, kind, **extra):
        with pytest.raises(ValidationError) as caught:
            actions.invite(inviter, scene.harbour, email=email, kind=kind,
                           accept_url_base="http://t/", **extra)  # fmt: skip
        return " ".join(caught.value.message_dict["email"])

    adult = {"date_of_birth": birth_date(30)}
    _invite_client(scene, email="twice@example.test")
    assert "already waiting" in refused(scene.ruth, "twice@example.test", "client", **adult)
    assert "already a client" in refused(scene.ruth, scene.sam.email.upper(), "client", **adult)
    assert "member of staff" in refused(scene.ruth, scene.fran.email, "client", **adult)
    assert "client of the practice" in refused(scene.adam, scene.sam.email, "clinician")
    assert "already has that role" in refused(scene.adam, scene.ruth.email, "clinician")
    maya = scene.maya.client_profile
    assert "own address" in refused(scene.ruth, scene.maya.email, "guardian", for_client=maya)
    assert "already linked" in refused(scene.ruth, scene.jo.email, "guardian", for_client=maya)


def test_accepting_a_place_one_already_has_is_explained_not_an_error(scene):
    invitation = _invite_client(scene, email="alex@example.test")
    assert _accept(Client(), invitation.token).status_code == 302
    # An old invitation to the same address, made before the guard existed, is still open.
    token = Invitation.new_token()
    Invitation.objects.create(
        practice=scene.harbour, email="alex@example.test", kind="client", invited_by=scene.ruth,
        token_hash=actions._hash(token), date_of_birth=birth_date(20),
    )  # fmt: skip
    alex = Client()
    alex.force_login(User.objects.get(email="alex@example.test"))
    for response in (alex.get(f"/invitations/accept/{token}/"),
                     alex.post(f"/invitations/accept/{token}/")):  # fmt: skip
        assert response.status_code == 409
        assert b"already have a place" in response.content
    assert ClientProfile.objects.filter(user__email="alex@example.test").count() == 1


def test_the_client_chooses_the_name_kindling_uses(scene):
    invitation = _invite_client(scene)  # Dr Ruth wrote "Alex"
    page = Client().get(f"/invitations/accept/{invitation.token}/").content.decode()
    assert 'value="Alex"' in page
    _accept(Client(), invitation.token, preferred_name="Lex")
    assert ClientProfile.objects.get(user__email="alex@example.test").preferred_name == "Lex"


def test_a_clinician_in_two_practices_invites_into_the_right_one(scene):
    actions.add_staff(scene.ruth, scene.elsewhere, "clinician")
    actions.add_to_care_team(scene.zed.client_profile, scene.ruth)
    ruth = Client()
    ruth.force_login(scene.ruth)
    response = ruth.post("/invite/", {
        "kind": "guardian", "guardian-email": "dad@example.test",
        "guardian-for_client": scene.zed.client_profile.pk,
    })  # fmt: skip
    assert response.status_code == 302
    assert Invitation.objects.get(email="dad@example.test").practice == scene.elsewhere
    # A client invitation must say which practice.
    data = {"kind": "client", "client-email": "new@example.test",
            "client-date_of_birth": birth_date(30).isoformat(), "client-region": "AU"}  # fmt: skip
    assert ruth.post("/invite/", data).status_code == 400
    data["client-practice"] = scene.elsewhere.pk
    assert ruth.post("/invite/", data).status_code == 302
    assert Invitation.objects.get(email="new@example.test").practice == scene.elsewhere


def test_withdrawing_only_returns_to_this_site(scene):
    invitation = _invite_client(scene)
    ruth = Client()
    ruth.force_login(scene.ruth)
    for target in ("https://evil.example/phish", "caseload-x"):
        response = ruth.post(f"/invitations/{invitation.pk}/revoke", {"next": target})
        assert response.status_code == 302 and response["Location"] == "/"


def test_an_invitation_that_can_no_longer_be_carried_out_is_explained(scene):
    invitation = _invite_client(scene)
    from kindling.accounts.models import Membership

    Membership.objects.filter(user=scene.ruth).update(is_active=False)  # Dr Ruth has left
    response = _accept(Client(), invitation.token)
    assert response.status_code == 409
    assert b"Something has changed at the practice" in response.content
    assert not User.objects.filter(email="alex@example.test").exists()
    assert Invitation.objects.get(pk=invitation.pk).state == "open"


def test_invitations_are_audited_without_their_token(scene):
    invitation = _invite_client(scene)
    _accept(Client(), invitation.token)
    from kindling.lib.models import AuditEvent

    events = AuditEvent.objects.filter(object_type="accounts.invitation", object_id=invitation.pk)
    assert [e.detail for e in events.order_by("id")] == [
        "client invitation", "client invitation accepted",
    ]  # fmt: skip
    assert invitation.token not in str(list(AuditEvent.objects.values()))


def test_a_mail_server_that_is_down_does_not_lose_the_invitation(
    scene, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "kindling.accounts.tests.test_invitations.BrokenMail"
    ruth = Client()
    ruth.force_login(scene.ruth)
    with django_capture_on_commit_callbacks(execute=True):
        response = ruth.post("/invite/", {
            "kind": "client", "client-email": "new@example.test",
            "client-date_of_birth": birth_date(25).isoformat(), "client-region": "AU",
        })  # fmt: skip
    assert response.status_code == 302
    assert Invitation.objects.get(email="new@example.test").state == "open"


class BrokenMail:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")
