"""Family practice: a guardian follows the adult programme privately; a young person and a
linked guardian do "together" exercises that both log; the young person decides, entry by entry,
what the guardian sees; everyone else meets a 404."""

from __future__ import annotations

import pytest
from django.db import connection

from conftest import signed_in as _as
from kindling.accounts import actions, rights
from kindling.accounts.models import GuardianLink
from kindling.lib.models import AuditEvent
from kindling.program import pacing
from kindling.program.models import JournalEntry, OwnPractice, PracticeSession, TogetherPractice

TOGETHER = "kindness-together"  # stage "them-and-me", kind family
LATER = "kind-end-of-day-together"  # stage "every-day", kind family, not opened in these tests
YOUNG_MARKER = "MARKER-bandicoot-71"
GUARDIAN_MARKER = "MARKER-wombat-72"


@pytest.fixture
def opened(scene):
    """Dr Ruth has opened the stage with the together practice for Maya (Jo's daughter)."""
    pacing.unlock(scene.maya.client_profile, by=scene.ruth, stage_id="them-and-me")
    return scene


def _maya_logs(scene, **extra) -> TogetherPractice:
    response = _as(scene.maya).post(
        f"/today/together/try/{TOGETHER}/",
        {"felt": "close", "note": YOUNG_MARKER, "key": "k1", **extra},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return TogetherPractice.objects.latest("pk")


def _family_page(scene, who=None) -> str:
    who = who or scene.jo
    return _as(who).get(f"/family/{scene.maya.client_profile.pk}/").content.decode()


# A guardian's own practice -------------------------------------------------------------------


def test_a_guardian_follows_the_adult_programme_privately(scene):
    jo = _as(scene.jo)
    home = jo.get("/my-practice/").content.decode()
    assert "written for adults" in home  # words for a parent, not a clinician
    assert "burnout" not in home
    assert 'href="/my-practice/"' in jo.get("/family/").content.decode()
    before = AuditEvent.objects.count()
    assert jo.post("/my-practice/safe-place/", {"note": GUARDIAN_MARKER}).status_code == 302
    assert GUARDIAN_MARKER in jo.get("/my-practice/").content.decode()
    assert AuditEvent.objects.count() == before  # private: not even in the trail
    assert OwnPractice.objects.get().user == scene.jo
    # Nobody else sees it: not her daughter, not her daughter's clinician.
    assert GUARDIAN_MARKER not in _as(scene.maya).get("/today/").content.decode()
    record = _as(scene.ruth).get(f"/clients/{scene.maya.client_profile.pk}/").content.decode()
    assert GUARDIAN_MARKER not in record
    assert GUARDIAN_MARKER not in _as(scene.ruth).get("/my-practice/").content.decode()
    # A client who is not a guardian still has no such page.
    assert _as(scene.sam).get("/my-practice/").status_code == 404


# Together practice ---------------------------------------------------------------------------


def test_only_family_exercises_open_to_the_young_person_can_be_done_together(scene):
    maya, jo = _as(scene.maya), _as(scene.jo)
    maya_id = scene.maya.client_profile.pk
    assert maya.get(f"/today/together/try/{TOGETHER}/").status_code == 404  # not opened yet
    assert jo.get(f"/family/{maya_id}/together/{TOGETHER}/").status_code == 404
    assert TOGETHER not in maya.get("/today/together/").content.decode()
    pacing.unlock(scene.maya.client_profile, by=scene.ruth, stage_id="them-and-me")
    assert maya.get(f"/today/together/try/{TOGETHER}/").status_code == 200
    assert jo.get(f"/family/{maya_id}/together/{TOGETHER}/").status_code == 200
    assert f"/family/{maya_id}/together/{TOGETHER}/" in _family_page(scene)
    # Open but not a family exercise, or a family exercise still closed: not together.
    for exercise_id in ("safe-place", LATER, "no-such-thing"):
        assert maya.get(f"/today/together/try/{exercise_id}/").status_code == 404
        assert jo.get(f"/family/{maya_id}/together/{exercise_id}/").status_code == 404
        assert maya.post(f"/today/together/try/{exercise_id}/", {}).status_code == 404
    assert not TogetherPractice.objects.exists()


def test_the_young_person_starts_it_and_both_log_their_own_side(opened):
    scene = opened
    together = _maya_logs(scene)
    assert together.started_by == "young_person" and together.guardian == scene.jo
    # Her log is an ordinary practice session: it counts in her programme, her clinician sees it.
    session = PracticeSession.objects.get(client=scene.maya.client_profile)
    assert together.session == session and session.finished_at and session.note == YOUNG_MARKER
    assert TOGETHER in pacing.practised_ids(scene.maya.client_profile)
    record = _as(scene.ruth).get(f"/clients/{scene.maya.client_profile.pk}/").content.decode()
    assert "A kindness practice to share" in record
    # Jo sees that Maya did it, and not how it felt or what she wrote (she did not share).
    page = _family_page(scene)
    assert "A kindness practice to share" in page and "Maya noted it too" in page
    assert YOUNG_MARKER not in page and "Close to each other" not in page
    detail = _as(scene.jo).get(f"/family/together/{together.pk}/").content.decode()
    assert YOUNG_MARKER not in detail and "Maya noted it too" in detail
    # Jo logs her side; her note is hers alone.
    response = _as(scene.jo).post(
        f"/family/together/{together.pk}/", {"felt": "awkward", "note": GUARDIAN_MARKER}
    )
    assert response.status_code == 302
    together.refresh_from_db()
    assert together.guardian_done_at and together.guardian_note == GUARDIAN_MARKER
    assert GUARDIAN_MARKER in _as(scene.jo).get(f"/family/together/{together.pk}/").content.decode()
    mine = _as(scene.maya).get(f"/today/together/{together.pk}/").content.decode()
    assert "Jo noted it too" in mine and YOUNG_MARKER in mine
    assert GUARDIAN_MARKER not in mine and "A bit awkward" not in mine
    assert GUARDIAN_MARKER not in record
    # Logging again keeps the first answers.
    _as(scene.jo).post(f"/family/together/{together.pk}/", {"note": "second"})
    together.refresh_from_db()
    assert together.guardian_note == GUARDIAN_MARKER


def test_the_guardian_starts_it_and_the_young_person_adds_their_side(opened):
    scene = opened
    maya_id = scene.maya.client_profile.pk
    url = f"/family/{maya_id}/together/{TOGETHER}/"
    form = {"felt": "calm", "note": GUARDIAN_MARKER, "key": "same-form"}
    assert _as(scene.jo).post(url, form).status_code == 302
    assert _as(scene.jo).post(url, form).status_code == 302  # a double click makes one
    together = TogetherPractice.objects.get()
    assert together.started_by == "guardian" and together.young_done_at is None
    assert not PracticeSession.objects.exists()  # nothing in Maya's log until she says so
    waiting = _as(scene.maya).get("/today/together/").content.decode()
    assert "Add how it was for you" in waiting and f"/today/together/{together.pk}/" in waiting
    assert GUARDIAN_MARKER not in waiting
    response = _as(scene.maya).post(f"/today/together/{together.pk}/", {"felt": "close"})
    assert response.status_code == 302
    together.refresh_from_db()
    assert together.young_done_at and together.session.exercise_id == TOGETHER


def test_the_young_person_decides_entry_by_entry_what_the_guardian_sees(opened):
    scene = opened
    shared = _maya_logs(scene, share="on")
    private = _as(scene.maya).post(
        f"/today/together/try/{TOGETHER}/", {"note": "MARKER-just-mine", "key": "k2"}
    )
    assert private.status_code == 302
    page = _family_page(scene)
    assert YOUNG_MARKER in page and "Close to each other" in page
    assert "MARKER-just-mine" not in page
    # She changes her mind: taken back at once.
    _as(scene.maya).post(f"/today/together/{shared.pk}/share", {})
    page = _family_page(scene)
    assert YOUNG_MARKER not in page and "Maya noted it too" in page
    _as(scene.maya).post(f"/today/together/{shared.pk}/share", {"share": "yes"})
    assert YOUNG_MARKER in _family_page(scene)


def test_a_note_that_signals_risk_takes_the_safety_path(opened):
    response = _as(opened.maya).post(
        f"/today/together/try/{TOGETHER}/", {"note": "I want to die", "key": "k3"}
    )
    assert response.status_code == 302 and response["Location"] == "/safety/check/"
    assert opened.maya.client_profile.alerts.exists()


def test_a_flagged_note_never_goes_to_the_guardian_even_when_shared(opened):
    # It may be about the guardian: the care team reads it first.
    words = "mum gets so angry at night and I'm scared to go home"
    _as(opened.maya).post(
        f"/today/together/try/{TOGETHER}/", {"note": words, "share": "on", "key": "k4"}
    )
    together = TogetherPractice.objects.get(client=opened.maya.client_profile)
    assert together.young_shared_at is None
    assert opened.maya.client_profile.alerts.exists()
    refused = _as(opened.maya).post(f"/today/together/{together.pk}/share", {"share": "yes"})
    assert refused.status_code == 302
    together.refresh_from_db()
    assert together.young_shared_at is None
    assert words not in _family_page(opened)


def test_a_bad_answer_is_refused_kindly_and_nothing_is_written(opened):
    response = _as(opened.maya).post(
        f"/today/together/try/{TOGETHER}/", {"felt": "ecstatic", "note": "kept words"}
    )
    assert response.status_code == 400
    assert "kept words" in response.content.decode()
    assert not TogetherPractice.objects.exists() and not PracticeSession.objects.exists()


def test_notes_are_encrypted_and_in_each_persons_own_copy(opened):
    scene = opened
    together = _maya_logs(scene)
    _as(scene.jo).post(f"/family/together/{together.pk}/", {"note": GUARDIAN_MARKER})
    with connection.cursor() as cursor:
        cursor.execute("SELECT guardian_note FROM program_togetherpractice")
        assert GUARDIAN_MARKER not in cursor.fetchone()[0]
    jo_copy = str(rights.export_for(scene.jo)["practised_together"])
    maya_copy = str(rights.export_for(scene.maya)["practised_together"])
    assert GUARDIAN_MARKER in jo_copy and YOUNG_MARKER not in jo_copy
    assert YOUNG_MARKER in maya_copy and GUARDIAN_MARKER not in maya_copy


# Who may see what ----------------------------------------------------------------------------


def test_security_a_linked_guardian_sees_only_what_is_shared_and_others_see_nothing(opened):
    """The rules of the security issue: the guardian sees an entry the young person shared and
    the together log; not an unshared entry; an unlinked guardian, and everyone else, a 404."""
    scene = opened
    maya = _as(scene.maya)
    maya.post("/journal/new/free/", {"body": "MARKER-shared-entry", "action": "save"})
    maya.post("/journal/new/free/", {"body": "MARKER-unshared-entry", "action": "save"})
    maya.post(
        f"/journal/{JournalEntry.objects.order_by('pk').first().pk}/share", {"guardian": "yes"}
    )
    together = _maya_logs(scene)
    page = _family_page(scene)
    assert "MARKER-shared-entry" in page and "MARKER-unshared-entry" not in page
    assert "A kindness practice to share" in page and YOUNG_MARKER not in page

    # A guardian of another child (Leo), not of Maya.
    dad = actions.create_user("dad@example.test", None, name="Leo's Dad")
    actions.link_guardian(dad, scene.leo.client_profile, "dad")
    maya_id = scene.maya.client_profile.pk
    guardian_pages = [
        f"/family/{maya_id}/",
        f"/family/together/{together.pk}/",
        f"/family/{maya_id}/together/{TOGETHER}/",
    ]
    for person in (dad, scene.ruth, scene.priya, scene.adam, scene.sam, scene.leo, scene.maya):
        browser = _as(person)
        for url in guardian_pages:
            assert browser.get(url).status_code == 404, (person.email, url)
        assert browser.post(guardian_pages[1], {"note": "x"}).status_code == 404
        assert browser.post(guardian_pages[2], {"note": "x"}).status_code == 404
    # The young person's side is hers alone: not her guardian's, nor anyone else's.
    for person in (scene.jo, dad, scene.ruth, scene.leo, scene.sam):
        browser = _as(person)
        assert browser.get(f"/today/together/{together.pk}/").status_code == 404, person.email
        assert browser.post(f"/today/together/{together.pk}/share", {}).status_code == 404
    # An adult client has no guardian to practise with.
    assert _as(scene.sam).get("/today/together/").status_code == 404
    assert _as(scene.sam).get(f"/today/together/try/{TOGETHER}/").status_code == 404
    assert TogetherPractice.objects.count() == 1
    # When the link ends, so does the guardian's view of what they did together.
    GuardianLink.objects.filter(guardian=scene.jo).delete()
    assert _as(scene.jo).get(f"/family/together/{together.pk}/").status_code == 404
