"""A staff member's own practice: the adult programme and a private wellbeing check that
nobody else sees, not even in the audit log."""

from __future__ import annotations

import pytest
from django.db import connection

from conftest import signed_in as _as
from kindling.lib.models import AuditEvent
from kindling.measures import schema
from kindling.program.content import load_programme
from kindling.program.models import OwnCheck, OwnPractice

MARKER = "MARKER-quokka-55"


def test_a_clinician_practises_for_themselves_and_keeps_a_private_check(scene):
    ruth = _as(scene.ruth)
    before = AuditEvent.objects.count()
    deeper = next(e for e in load_programme().exercises.values() if e.intensity == "deeper")
    page = ruth.get(f"/my-practice/{deeper.id}/").content.decode()
    assert "Before you begin" in page  # every exercise is open, deeper ones with their warning
    ruth.post(f"/my-practice/{deeper.id}/", {"note": MARKER})
    answers = dict.fromkeys(schema.get("scs-sf").item_ids, "4")
    assert ruth.post("/my-practice/check/", answers).status_code == 302
    home = ruth.get("/my-practice/").content.decode()
    assert MARKER in home and "3.00" in home
    assert AuditEvent.objects.count() == before  # nothing about it in the trail
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM program_ownpractice")
        assert MARKER not in cursor.fetchone()[0]
        cursor.execute("SELECT scores FROM program_owncheck")
        assert "3.0" not in cursor.fetchone()[0]


def test_a_half_answered_check_names_what_is_missing_and_stores_nothing(scene):
    answers = dict.fromkeys(schema.get("scs-sf").item_ids[:5], "3")
    response = _as(scene.ruth).post("/my-practice/check/", answers)
    assert response.status_code == 400 and "Question 6" in response.content.decode()
    assert not OwnCheck.objects.exists()


@pytest.mark.parametrize("who", ["sam", "zed"])
def test_clients_have_no_such_page(scene, who):  # guardians do: see test_family_practice.py
    assert _as(getattr(scene, who)).get("/my-practice/").status_code == 404


def test_nobody_else_sees_it(scene):
    ruth = _as(scene.ruth)
    first = load_programme().exercises_in(load_programme().stages[0].id)[0]
    ruth.post(f"/my-practice/{first.id}/", {"note": MARKER})
    for other in (scene.priya, scene.adam):
        assert MARKER not in _as(other).get("/my-practice/").content.decode()
    adam = _as(scene.adam)
    log = adam.get(f"/practice/{scene.harbour.pk}/audit/").content.decode()
    assert MARKER not in log and "ownpractice" not in log.lower()
    assert OwnPractice.objects.get().user == scene.ruth


def test_own_practice_is_in_their_own_copy_of_their_data(scene):
    _as(scene.ruth).post(
        f"/my-practice/{load_programme().exercises_in(load_programme().stages[0].id)[0].id}/",
        {"note": MARKER},
    )
    from kindling.accounts import rights

    assert MARKER in str(rights.export_for(scene.ruth)["your_own_practice"])
    assert MARKER not in str(rights.export_for(scene.priya))
