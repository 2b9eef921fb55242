"""Walks every person, in every relation, to every kind of object that exists so far.

The expected answers come from the table below, written from the matrix in
docs/architecture.md — not from kindling/lib/access.py — so the two are checked against each
other. Each cell is checked twice: through the access helper, and through the page a person
would open. Out of scope is always a 404, never a 403.
"""

from __future__ import annotations

import datetime as dt
import itertools
from functools import partial

import pytest
from django.http import Http404
from django.test import Client

from conftest import Scene
from kindling.accounts import actions
from kindling.accounts.models import Invitation
from kindling.lib import access

# Every role named in the design's matrix, and the relations a person can have to a record.
ROLES = {"client", "guardian", "clinician", "facilitator", "researcher", "practice_admin"}

RELATIONS = [
    "self",  # the client the record is about
    "guardian",  # linked guardian of that (young) client
    "care_team",  # clinician on the client's care team, still a clinician of the practice
    "former_care_team",  # on the care team, but no longer an active clinician there
    "practice_clinician",  # clinician of the same practice, not on this care team
    "practice_facilitator",
    "practice_researcher",
    "practice_admin",  # administrator of the practice that holds the record
    "other_client",  # another client of the same practice
    "other_practice",  # anyone from another practice
    "inviter",  # the staff member who sent an invitation
    "anonymous",
]

# (object kind, relation) -> may see it. Anything not listed is out of scope (404).
ALLOWED = {
    ("client_record", "care_team"),
    ("young_person", "guardian"),
    ("practice", "practice_admin"),
    ("invitation", "practice_admin"),
    ("invitation", "inviter"),
    ("audit_log", "practice_admin"),
    ("own_record_visits", "self"),
    # Measures: the clinician's full results; the client's own check-ins (the gentle view).
    # A guardian sees results only if shared, which is not built yet: out of scope for now.
    ("measure_results", "care_team"),
    ("measure_result_fhir", "care_team"),
    ("check_in", "self"),
    # The kindness plan is the client's own: nobody else sees or changes it (not even the care
    # team, which the matrix does not list for it).
    ("kindness_act", "self"),
    ("kindness_plan", "self"),
    # Session notes: the care team only. Not the client, a guardian, another clinician of the
    # practice, a clinician who left, or the practice admin.
    ("session_notes", "care_team"),
    ("session_note", "care_team"),
    ("session_note_new", "care_team"),
    ("session_note_addendum", "care_team"),
}


def _role_of(scene: Scene, name: str) -> str:
    return {
        "ruth": "clinician", "priya": "clinician", "gone": "clinician", "omar": "clinician",
        "fran": "facilitator", "rhea": "researcher", "adam": "practice_admin",
        "olive": "practice_admin", "sam": "client", "maya": "client", "leo": "client",
        "zed": "client", "jo": "guardian", "anonymous": "anonymous",
    }[name]  # fmt: skip


def _relation_to_client(scene: Scene, viewer: str, client: str) -> str:
    """The relation, worked out from the scene's story (see conftest.py), not from the DB."""
    care_teams = {"sam": {"ruth"}, "maya": {"ruth"}, "leo": {"ruth", "gone"}, "zed": {"omar"}}
    guardians = {"maya": {"jo"}}
    practice_of = {
        **dict.fromkeys(["ruth", "priya", "gone", "fran", "rhea", "adam"], "harbour"),
        **dict.fromkeys(["sam", "maya", "leo", "jo"], "harbour"),
        **dict.fromkeys(["omar", "olive", "zed"], "elsewhere"),
    }
    if viewer == "anonymous":
        return "anonymous"
    if viewer == client:
        return "self"
    if viewer in guardians.get(client, ()):
        return "guardian"
    if viewer in care_teams[client]:
        return "former_care_team" if viewer == "gone" else "care_team"
    if practice_of[viewer] != practice_of[client]:
        return "other_practice"
    role = _role_of(scene, viewer)
    return {
        "clinician": "practice_clinician",
        "facilitator": "practice_facilitator",
        "researcher": "practice_researcher",
        "practice_admin": "practice_admin",
        "client": "other_client",
        "guardian": "other_client",
    }[role]


VIEWERS = [
    "ruth", "priya", "gone", "fran", "rhea", "adam", "sam", "maya", "jo", "leo",
    "omar", "olive", "zed", "anonymous",
]  # fmt: skip
CLIENTS = ["sam", "maya", "leo", "zed"]


def _client_for(scene: Scene, viewer: str) -> Client:
    client = Client()
    if viewer != "anonymous":
        client.force_login(getattr(scene, viewer))
    return client


def _user(scene: Scene, viewer: str):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if viewer == "anonymous" else getattr(scene, viewer)


def _check_cell(kind, relation, viewer, helper, response, *, ok=200, where=()) -> bool:
    """One cell of the table: the access helper gives the object or raises 404, and the page
    answers `ok` or 404; an anonymous visitor is sent to log in. Returns whether it was allowed."""
    expected = (kind, relation) in ALLOWED
    if expected:
        assert helper() is not None, where
    else:
        with pytest.raises(Http404):
            helper()
    if viewer == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], where
    else:
        assert response.status_code == (ok if expected else 404), (*where, response.status_code)
    return expected


def test_the_table_covers_every_role_in_the_design(scene):
    roles_in_scene = {_role_of(scene, v) for v in VIEWERS} - {"anonymous"}
    assert roles_in_scene == ROLES
    relations_in_scene = {
        _relation_to_client(scene, v, c) for v, c in itertools.product(VIEWERS, CLIENTS)
    }
    # Every client-relation the table speaks of occurs in the scene at least once.
    assert relations_in_scene >= set(RELATIONS) - {"inviter"}


@pytest.mark.parametrize("kind,helper,url", [
    ("client_record", access.client_for, "/clients/{id}/"),
    ("young_person", access.young_person_for, "/family/{id}/"),
])  # fmt: skip
def test_client_records(scene, kind, helper, url):
    checked = 0
    for viewer, client_name in itertools.product(VIEWERS, CLIENTS):
        relation = _relation_to_client(scene, viewer, client_name)
        expected = (kind, relation) in ALLOWED
        profile = getattr(scene, client_name).client_profile
        user = _user(scene, viewer)
        if expected:
            assert helper(user, profile.pk).pk == profile.pk, (viewer, client_name, relation)
        else:
            with pytest.raises(Http404):
                helper(user, profile.pk)
        response = _client_for(scene, viewer).get(url.format(id=profile.pk))
        if viewer == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == (200 if expected else 404), (
                viewer, client_name, relation, response.status_code,
            )  # fmt: skip
        checked += 1
    assert checked == len(VIEWERS) * len(CLIENTS)


def test_practice_pages(scene):
    for viewer in VIEWERS:
        for practice in (scene.harbour, scene.elsewhere):
            expected = (viewer, practice.slug) in {("adam", "harbour"), ("olive", "elsewhere")}
            user = _user(scene, viewer)
            if expected:
                assert access.practice_for(user, practice.pk) == practice
            else:
                with pytest.raises(Http404):
                    access.practice_for(user, practice.pk)
            response = _client_for(scene, viewer).get(f"/practice/{practice.pk}/")
            if viewer != "anonymous":
                assert response.status_code == (200 if expected else 404), (viewer, practice)


def test_invitations(scene):
    by_ruth = actions.invite(
        scene.ruth,
        scene.harbour,
        email="new@example.test",
        kind=Invitation.Kind.CLIENT,
        date_of_birth=scene.sam.client_profile.date_of_birth,
        accept_url_base="http://t/",
    )
    by_adam = actions.invite(
        scene.adam,
        scene.harbour,
        email="staff@harbour.test",
        kind="clinician",
        accept_url_base="http://t/",
    )
    by_olive = actions.invite(
        scene.olive,
        scene.elsewhere,
        email="x@elsewhere.test",
        kind="facilitator",
        accept_url_base="http://t/",
    )
    inviters = {by_ruth.pk: "ruth", by_adam.pk: "adam", by_olive.pk: "olive"}
    admins = {scene.harbour.pk: "adam", scene.elsewhere.pk: "olive"}
    for viewer in VIEWERS:
        for invitation in (by_ruth, by_adam, by_olive):
            relation = (
                "inviter" if inviters[invitation.pk] == viewer
                else "practice_admin" if admins[invitation.practice_id] == viewer
                else "anonymous" if viewer == "anonymous" else "unrelated"
            )  # fmt: skip
            expected = ("invitation", relation) in ALLOWED
            user = _user(scene, viewer)
            if expected:
                assert access.invitation_for(user, invitation.pk) == invitation
            else:
                with pytest.raises(Http404):
                    access.invitation_for(user, invitation.pk)
    # Through the page: an outsider's attempt to withdraw is a 404 and changes nothing.
    response = _client_for(scene, "omar").post(f"/invitations/{by_ruth.pk}/revoke")
    assert response.status_code == 404
    by_ruth.refresh_from_db()
    assert by_ruth.state == "open"
    response = _client_for(scene, "adam").post(f"/invitations/{by_ruth.pk}/revoke")
    assert response.status_code == 302
    by_ruth.refresh_from_db()
    assert by_ruth.state == "revoked"


def test_a_clinician_who_left_loses_the_caseload_at_once(scene):
    assert list(access.caseload_for(scene.gone)) == []
    assert scene.leo.client_profile in access.caseload_for(scene.ruth)


def test_bad_ids_are_404_not_500(scene):
    client = _client_for(scene, "ruth")
    assert client.get("/clients/999999999/").status_code == 404
    assert client.get("/clients/not-a-number/").status_code == 404
    with pytest.raises(Http404):
        access.client_for(scene.ruth, "'; drop table users; --")


def test_the_audit_log_and_own_visits(scene):
    """The practice's audit log is for its administrators; a record's visits for its client."""
    for viewer in VIEWERS:
        client = _client_for(scene, viewer)
        for practice in (scene.harbour, scene.elsewhere):
            admin = {"harbour": "adam", "elsewhere": "olive"}[practice.slug]
            relation = "practice_admin" if viewer == admin else "other"
            expected = ("audit_log", relation) in ALLOWED
            response = client.get(f"/practice/{practice.pk}/audit/")
            if viewer == "anonymous":
                assert response.status_code == 302
            else:
                assert response.status_code == (200 if expected else 404), (viewer, practice)
        is_client = _role_of(scene, viewer) == "client"
        expected = ("own_record_visits", "self" if is_client else "other") in ALLOWED
        response = client.get("/my-record/visits/")
        if viewer != "anonymous":
            assert response.status_code == (200 if expected else 404), viewer


def test_a_guardian_loses_access_on_the_young_persons_18th_birthday(scene):
    from kindling.accounts.demo import birth_date
    from kindling.accounts.models import ClientProfile

    maya = scene.maya.client_profile
    ClientProfile.objects.filter(pk=maya.pk).update(date_of_birth=birth_date(18, days_after=0))
    assert _client_for(scene, "jo").get(f"/family/{maya.pk}/").status_code == 404
    assert list(access.young_people_for(scene.jo)) == []
    ClientProfile.objects.filter(pk=maya.pk).update(date_of_birth=birth_date(17, days_after=300))
    assert _client_for(scene, "jo").get(f"/family/{maya.pk}/").status_code == 200


def _answered(profile):
    """A completed SCS-SF for this client, stored directly (the matrix is about reading)."""
    from kindling.measures import schema
    from kindling.measures.models import Administration, Assignment
    from kindling.measures.scoring import score_one

    answers = {item_id: 3 for item_id in schema.get("scs-sf").item_ids}
    result = score_one(schema.get("scs-sf"), answers)
    assignment = Assignment.objects.create(client=profile, instrument_id="scs-sf")
    from django.utils import timezone

    return Administration.objects.create(
        assignment=assignment, client=profile, instrument_id="scs-sf",
        due_on=timezone.localdate(), completed_at=timezone.now(), answers=answers,
        scores=result.scores, band=result.band, flags=result.flags, instrument_version="2011",
    )  # fmt: skip


def test_measures(scene):
    answered = {name: _answered(getattr(scene, name).client_profile) for name in CLIENTS}
    checked = 0
    for viewer, client_name in itertools.product(VIEWERS, CLIENTS):
        relation = _relation_to_client(scene, viewer, client_name)
        profile = getattr(scene, client_name).client_profile
        administration = answered[client_name]
        user = _user(scene, viewer)
        browser = _client_for(scene, viewer)
        cells = [
            ("measure_results", partial(access.client_for, user, profile.pk),
             f"/clients/{profile.pk}/measures/"),
            ("measure_result_fhir", partial(access.result_for, user, profile.pk, administration.pk),
             f"/clients/{profile.pk}/results/{administration.pk}.fhir.json"),
            ("check_in", partial(access.own_administration, user, administration.pk),
             f"/check-ins/{administration.pk}/done"),
        ]  # fmt: skip
        for kind, helper, url in cells:
            _check_cell(kind, relation, viewer, helper, browser.get(url),
                        where=(kind, viewer, client_name, relation))  # fmt: skip
            checked += 1
    assert checked == 3 * len(VIEWERS) * len(CLIENTS)


def test_kindness(scene):
    from kindling.program import kindness
    from kindling.program.models import KindnessAct, KindnessMark

    acts = {
        name: kindness.plan_act(
            getattr(scene, name).client_profile, text=f"kind-{name}-act", weekdays=range(7)
        )
        for name in CLIENTS
    }
    checked = 0
    for viewer, client_name in itertools.product(VIEWERS, CLIENTS):
        relation = _relation_to_client(scene, viewer, client_name)
        act = acts[client_name]
        user = _user(scene, viewer)
        browser = _client_for(scene, viewer)
        # One act: the access helper, and pressing its "Done" button.
        expected = ("kindness_act", relation) in ALLOWED
        if expected:
            assert access.own_kindness_act(user, act.pk) == act
        else:
            with pytest.raises(Http404):
                access.own_kindness_act(user, act.pk)
        response = browser.post(f"/kindness/acts/{act.pk}/mark", {"state": "done"})
        if viewer == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == (302 if expected else 404), (
                viewer, client_name, relation, response.status_code,
            )  # fmt: skip
        # The plan: the list the helper gives, and the plan page.
        expected = ("kindness_plan", relation) in ALLOWED
        assert access.own_kindness_acts(user).filter(pk=act.pk).exists() is expected
        response = browser.get("/kindness/")
        if viewer == "anonymous":
            assert response.status_code == 302
        elif response.status_code == 200:
            assert (act.text in response.content.decode()) is expected, (viewer, client_name)
        else:
            assert response.status_code == 404 and not expected, (viewer, client_name)
        checked += 2
    assert checked == 2 * len(VIEWERS) * len(CLIENTS)
    # Only each client's own press stored anything, and nobody else's act was stopped.
    marks = KindnessMark.objects.values_list("act__client__user__email", "act__text")
    assert sorted(marks) == sorted((getattr(scene, n).email, f"kind-{n}-act") for n in CLIENTS)
    assert not KindnessAct.objects.filter(ended_at__isnull=False).exists()


def test_session_notes(scene):
    from kindling.care import notes
    from kindling.care.models import NoteAddendum, SessionNote

    authors = {"sam": scene.ruth, "maya": scene.ruth, "leo": scene.ruth, "zed": scene.omar}
    written = {
        name: notes.write_note(
            getattr(scene, name).client_profile, authors[name], session_date=dt.date.today(),
            parts={"focus": f"note-{name}-focus"},
        )
        for name in CLIENTS
    }  # fmt: skip
    checked = 0
    for viewer, client_name in itertools.product(VIEWERS, CLIENTS):
        relation = _relation_to_client(scene, viewer, client_name)
        profile = getattr(scene, client_name).client_profile
        note = written[client_name]
        user = _user(scene, viewer)
        browser = _client_for(scene, viewer)
        base = f"/clients/{profile.pk}/notes/"
        cells = [
            ("session_notes", partial(access.notes_for, user, profile.pk), "get", base, 200),
            ("session_note", partial(access.note_for, user, profile.pk, note.pk), "get",
             f"{base}{note.pk}/", 200),
            ("session_note_new", partial(access.notes_for, user, profile.pk), "get",
             f"{base}new/", 200),
            ("session_note_addendum", partial(access.note_for, user, profile.pk, note.pk),
             "post", f"{base}{note.pk}/addendum/", 302),
        ]  # fmt: skip
        for kind, helper, method, url, ok in cells:
            data = {"text": f"addendum by {viewer}"} if method == "post" else None
            response = getattr(browser, method)(url, data)
            expected = _check_cell(kind, relation, viewer, helper, response, ok=ok,
                                   where=(kind, viewer, client_name, relation))  # fmt: skip
            if (
                expected
                and viewer != "anonymous"
                and method == "get"
                and kind != "session_note_new"
            ):
                assert f"note-{client_name}-focus" in response.content.decode()
            checked += 1
    assert checked == 4 * len(VIEWERS) * len(CLIENTS)
    # Only the care team's addenda were written, and no note was changed.
    added = NoteAddendum.objects.values_list("note__client__user__email", "content")
    assert sorted(added) == sorted([
        *((getattr(scene, n).email, "addendum by ruth") for n in ("sam", "maya", "leo")),
        (scene.zed.email, "addendum by omar"),
    ])  # fmt: skip
    assert sorted(n.parts["focus"] for n in SessionNote.objects.all()) == sorted(
        f"note-{name}-focus" for name in CLIENTS
    )
