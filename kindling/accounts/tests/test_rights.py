"""A person's copy of their data contains exactly their own; erasure leaves no trace."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from conftest import signed_in as _as
from kindling.accounts import actions, rights
from kindling.accounts.models import ClientProfile, ErasureRequest, GuardianLink, User
from kindling.lib.models import AuditEvent
from kindling.lib.tests.test_encryption import _raw_database_text

MARKER = "MARKER-lyrebird-44d1"


def test_the_export_holds_exactly_the_persons_own_data(scene):
    _as(scene.ruth).get(f"/clients/{scene.sam.client_profile.pk}/")  # a visit to show
    response = _as(scene.sam).get("/my-data/kindling.json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == scene.sam.email
    profile = data["client_profile"]
    assert profile["care_team"] == ["Dr Ruth Adeyemi"]
    assert [c["kind"] for c in profile["consents"]] == ["consent"]
    assert [v["who"] for v in data["record_opened_by"]] == ["Dr Ruth Adeyemi"]
    text = response.content.decode()
    for other in (scene.maya, scene.jo, scene.leo, scene.zed, scene.omar):
        assert other.email not in text and other.name not in text
    export = AuditEvent.objects.get(action="export", actor_id=scene.sam.pk)
    assert export.practice_id == scene.harbour.pk  # so it shows in the practice's log


def test_the_readable_copy_decrypts_what_is_encrypted(scene):
    data = _as(scene.maya).get("/my-data/kindling.html").content.decode()
    assert "Jo Kowalski (mum)" in data  # the relationship is stored encrypted
    assert "Sam" not in data


def test_a_guardian_sees_whom_they_look_after(scene):
    data = json.loads(_as(scene.jo).get("/my-data/kindling.json").content)
    assert data["guardian_of"] == [{"young_person": "Maya", "relationship": "mum"}]
    assert data["client_profile"] is None


def _leave_a_marker(scene) -> ClientProfile:
    sam = scene.sam.client_profile
    ClientProfile.objects.filter(pk=sam.pk).update(preferred_name=MARKER)  # plain column
    User.objects.filter(pk=scene.sam.pk).update(name=f"{MARKER} Taylor")
    parent = actions.create_user("parent@example.test", None, name="A Parent")
    GuardianLink.objects.create(guardian=parent, client=sam, relationship=MARKER)  # encrypted
    return ClientProfile.objects.get(pk=sam.pk)


def test_erasure_is_held_while_the_retention_rule_applies(scene):
    sam = _leave_a_marker(scene)
    _as(scene.sam).post("/my-data/erase/", {"confirm": "yes"})
    request = ErasureRequest.objects.get(client_id=sam.pk)
    page = _as(scene.ruth).get(f"/clients/{sam.pk}/").content.decode()
    assert "Request to erase their data" in page
    _as(scene.ruth).post(f"/clients/{sam.pk}/erasure", {"confirm": "yes"})
    request.refresh_from_db()
    held = AuditEvent.objects.get(action="update", object_type="accounts.erasurerequest")
    assert held.detail.startswith("erasure held: records kept until")
    # Asking again changes nothing, and says so.
    again = _as(scene.sam).post("/my-data/erase/", {"confirm": "yes"}, follow=True)
    assert b"already asked" in again.content
    assert ErasureRequest.objects.count() == 1
    # Sam logged in today: seven years from today, to the day.
    today = timezone.localdate()
    assert request.state == "held"
    assert request.keep_until == today.replace(year=today.year + 7)
    assert ClientProfile.objects.filter(pk=sam.pk).exists()
    assert "kept until" in _as(scene.sam).get("/my-data/").content.decode()


def test_erasure_leaves_no_trace_of_the_marker(scene, transactional_db):
    scene.harbour.retention_years = 0
    scene.harbour.retention_minor_until_age = 0
    scene.harbour.save()
    sam = _leave_a_marker(scene)
    sam_user_id = scene.sam.pk
    _as(scene.sam).get("/today/")
    assert _as(scene.sam).post("/my-data/erase/", {}).status_code == 400  # unticked: nothing
    assert not ErasureRequest.objects.exists()
    _as(scene.sam).post("/my-data/erase/", {"confirm": "yes"})
    assert _as(scene.omar).post(f"/clients/{sam.pk}/erasure", {"confirm": "yes"}).status_code == 404
    response = _as(scene.ruth).post(f"/clients/{sam.pk}/erasure", {"confirm": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=sam_user_id).exists()
    assert ErasureRequest.objects.get(client_id=sam.pk).state == "done"
    trail = AuditEvent.objects.filter(subject_id=sam_user_id, object_type="accounts.erasurerequest")
    assert [(e.action, e.detail) for e in trail.order_by("id")] == [
        ("create", "erasure requested"),
        ("erase", "client erased after the retention check"),
    ]
    raw = _raw_database_text()
    assert "Dr Ruth Adeyemi" in raw, "the scan cannot see plain text, so it proves nothing"
    assert MARKER not in raw
    assert scene.sam.email not in raw
    # Nothing encrypted decrypts to it either.
    from kindling.lib import crypto

    for model, fields in crypto.encrypted_fields():
        for row in model.objects.values_list(*fields):
            assert all(MARKER not in (value or "") for value in row)


def test_only_the_care_team_decides_and_nothing_to_decide_is_404(scene):
    sam = scene.sam.client_profile
    assert _as(scene.ruth).post(f"/clients/{sam.pk}/erasure", {"confirm": "yes"}).status_code == 404
    rights.request_erasure(sam)
    assert (
        _as(scene.priya).post(f"/clients/{sam.pk}/erasure", {"confirm": "yes"}).status_code == 404
    )
    assert _as(scene.adam).post(f"/clients/{sam.pk}/erasure", {"confirm": "yes"}).status_code == 404


def test_every_model_about_a_person_is_covered_by_erasure():
    """A new model that points at a client or user must be handled here, or this fails."""
    person_models = {"accounts.user", "accounts.clientprofile"}
    pointing = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey | models.OneToOneField) and (
                field.related_model._meta.label_lower in person_models
            ):
                pointing.add(model._meta.label_lower)
    assert pointing - rights.COVERED == set()


@pytest.mark.parametrize("person,status", [("ruth", 302), ("priya", 404), ("jo", 404)])
def test_a_clinician_can_let_a_teen_decide_what_their_guardian_sees(scene, person, status):
    maya = scene.maya.client_profile
    response = _as(getattr(scene, person)).post(f"/clients/{maya.pk}/guardian-view",
                                                {"decides": "yes"})  # fmt: skip
    assert response.status_code == status
    maya.refresh_from_db()
    assert maya.decides_what_guardian_sees is (status == 302)
    if status == 302:
        page = _as(scene.jo).get(f"/family/{maya.pk}/").content.decode()
        assert "Maya decides what you see here" in page


def test_only_teenagers_can_be_mature_minors(scene):
    for person in (scene.leo, scene.sam):
        profile = person.client_profile
        url = f"/clients/{profile.pk}/guardian-view"
        assert _as(scene.ruth).post(url, {"decides": "yes"}).status_code == 404


def test_after_the_retention_period_the_clinician_can_erase(scene):
    """Opening the record to decide must not restart the retention clock."""
    ten_years_ago = timezone.now() - dt.timedelta(days=3660)
    kim = actions.create_user("kim@example.test", None, name="Kim Lowe")
    actions.enrol_client(kim, scene.harbour, date_of_birth=dt.date(1980, 5, 1),
                         clinicians=[scene.ruth])  # fmt: skip
    profile = kim.client_profile
    ClientProfile.objects.filter(pk=profile.pk).update(created_at=ten_years_ago)
    User.objects.filter(pk=kim.pk).update(date_joined=ten_years_ago, last_login=ten_years_ago)
    rights.request_erasure(ClientProfile.objects.get(pk=profile.pk))
    ruth = _as(scene.ruth)
    assert "Confirm erasure" in ruth.get(f"/clients/{profile.pk}/").content.decode()
    assert ruth.post(f"/clients/{profile.pk}/erasure", {"confirm": "yes"}).status_code == 302
    assert ErasureRequest.objects.get(client_id=profile.pk).state == "done"
    assert not User.objects.filter(pk=kim.pk).exists()


def test_someone_who_sent_invitations_can_still_be_erased(scene):
    scene.harbour.retention_years = scene.harbour.retention_minor_until_age = 0
    scene.harbour.save()
    actions.add_staff(scene.sam, scene.elsewhere, "practice_admin")
    invitation = actions.invite(scene.sam, scene.elsewhere, email="r@elsewhere.test",
                                kind="researcher", accept_url_base="http://t/")  # fmt: skip
    rights.request_erasure(scene.sam.client_profile)
    response = _as(scene.ruth).post(f"/clients/{scene.sam.client_profile.pk}/erasure",
                                    {"confirm": "yes"})  # fmt: skip
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.invited_by is None


def test_the_readable_copy_holds_every_part_of_kindling(scene):
    browser = _as(scene.sam)
    browser.post("/journal/new/free/", {"body": "A walk by the <b>sea</b>", "action": "save"})
    html = browser.get("/my-data/kindling.html").content.decode()
    for heading in ("Programme", "Check ins", "Kindness plan", "Safety"):
        assert f"<h2>{heading}</h2>" in html, heading
    assert "A walk by the &lt;b&gt;sea&lt;/b&gt;" in html  # escaped, never markup
