"""Consent at first login, in words for each age; versioned, recorded, and asked again when the
text changes. A child needs a guardian's consent and their own assent."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import signed_in as _as
from kindling.accounts import actions, consent
from kindling.accounts.demo import birth_date
from kindling.accounts.models import ConsentRecord
from kindling.lib.models import AuditEvent


@pytest.fixture
def fresh(scene):
    """The scene with every consent forgotten, as on a first login."""
    ConsentRecord.objects.all().delete()
    return scene


@pytest.mark.parametrize("person,words", [
    ("sam", "Before you start"),
    ("maya", "your own space to practise being kind to yourself"),
    ("leo", "Is it OK with you?"),
])  # fmt: skip
def test_each_age_sees_its_own_words_before_anything_else(fresh, person, words):
    client = _as(getattr(fresh, person))
    response = client.get("/today/")
    assert response.status_code == 302 and response["Location"] == "/consent/"
    assert words in client.get("/consent/").content.decode()


def test_agreeing_opens_the_programme_and_is_recorded_with_its_version(fresh):
    client = _as(fresh.sam)
    response = client.post("/consent/", {"agree": "yes"})
    assert client.get(response["Location"], follow=True).redirect_chain[-1][0] == "/today/"
    record = ConsentRecord.objects.get(client=fresh.sam.client_profile)
    assert (record.audience, record.kind, record.method) == ("adult", "consent", "in_app")
    assert record.version == consent.texts()["adult"].version
    assert record.given_by == fresh.sam
    assert AuditEvent.objects.filter(action="create", subject_id=fresh.sam.pk).exists()
    assert client.get("/today/").status_code == 200


def test_not_ticking_the_box_is_explained_and_records_nothing(fresh):
    response = _as(fresh.sam).post("/consent/", {})
    assert response.status_code == 400
    assert b"take your time" in response.content
    assert not ConsentRecord.objects.exists()


def test_a_changed_text_is_asked_again(fresh, monkeypatch):
    client = _as(fresh.sam)
    client.post("/consent/", {"agree": "yes"})
    assert client.get("/today/").status_code == 200
    changed = dict(consent.texts())
    changed["adult"] = dataclasses.replace(changed["adult"], body=changed["adult"].body + " More.")
    monkeypatch.setattr(consent, "texts", lambda: changed)
    response = client.get("/today/")
    assert response.status_code == 302 and response["Location"] == "/consent/"
    client.post("/consent/", {"agree": "yes"})
    versions = set(ConsentRecord.objects.values_list("version", flat=True))
    assert len(versions) == 2 and changed["adult"].version in versions
    assert client.get("/today/").status_code == 200


def test_a_child_waits_for_a_guardian_then_starts(fresh):
    leo = _as(fresh.leo)
    leo.post("/consent/", {"agree": "yes"})
    waiting = leo.get("/consent/").content.decode()
    assert "Your grown-up needs to say yes too" in waiting
    assert leo.get("/today/")["Location"] == "/consent/"
    # Leo's guardian has no account in the scene; Dr Ruth records the signed paper form.
    ruth = _as(fresh.ruth)
    record_page = ruth.get(f"/clients/{fresh.leo.client_profile.pk}/").content.decode()
    assert "Record paper consent" in record_page
    ruth.post(f"/clients/{fresh.leo.client_profile.pk}/paper-consent", {"confirm": "yes"})
    record = ConsentRecord.objects.get(audience="guardian")
    assert (record.method, record.given_by) == ("recorded", fresh.ruth)
    assert leo.get("/today/").status_code == 200


def test_a_guardian_consents_in_kindling(fresh):
    ellie = actions.create_user("ellie@example.test", None, name="Ellie")
    actions.enrol_client(ellie, fresh.harbour, date_of_birth=birth_date(9),
                         clinicians=[fresh.ruth])  # fmt: skip
    actions.link_guardian(fresh.jo, ellie.client_profile, "mum")
    jo = _as(fresh.jo)
    page = jo.get(f"/family/{ellie.client_profile.pk}/").content.decode()
    assert "Read and give consent" in page
    assert jo.post(f"/family/{ellie.client_profile.pk}/consent/", {}).status_code == 400
    jo.post(f"/family/{ellie.client_profile.pk}/consent/", {"agree": "yes"})
    assert not consent.needs_guardian_consent(ellie.client_profile)
    assert (
        "Read and give consent"
        not in jo.get(f"/family/{ellie.client_profile.pk}/").content.decode()
    )


def test_only_the_guardian_of_a_child_and_their_care_team_can_consent_for_them(fresh):
    leo_id = fresh.leo.client_profile.pk
    assert _as(fresh.jo).get(f"/family/{leo_id}/consent/").status_code == 404  # not Leo's
    assert _as(fresh.omar).post(f"/clients/{leo_id}/paper-consent",
                                {"confirm": "yes"}).status_code == 404  # fmt: skip
    maya_id = fresh.maya.client_profile.pk
    assert _as(fresh.jo).get(f"/family/{maya_id}/consent/").status_code == 404  # a teen decides
    assert not ConsentRecord.objects.exists()


def test_help_and_logging_out_stay_open_before_consent(fresh):
    client = _as(fresh.sam)
    assert client.get("/crisis/au/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302


def test_someone_with_no_clinician_is_not_told_to_ask_their_clinician(fresh):
    assert "talk it over with your clinician" in _as(fresh.sam).get("/consent/").content.decode()
    fresh.sam.client_profile.care_team.clear()  # a workshop participant, say
    page = _as(fresh.sam).get("/consent/").content.decode()
    assert "your clinician" not in page
    assert "the person who runs your group" in page
