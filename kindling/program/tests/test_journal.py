"""The journal: free and guided entries, encrypted, private by default, shared one by one, with
drafts that survive anything."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from conftest import signed_in as _as
from kindling.lib.models import ParkedDraft
from kindling.program.models import JournalEntry

MARKER = "MARKER-pademelon-311"


GUIDED = {
    "what_happened": "I snapped at my brother and felt awful.",
    "critic_said": "You're a terrible person.",
    "how_it_felt": "Hot and heavy.",
    "friend_words": "Everyone loses their temper sometimes.",
    "kinder_words": "I was tired and I can say sorry.",
    "others_too": "Yes, lots of people.",
}


def test_a_guided_entry_is_saved_private_and_encrypted(scene):
    sam = _as(scene.sam)
    response = sam.post("/journal/new/kind/", {**GUIDED, "action": "save"})
    assert response.status_code == 302
    entry = JournalEntry.objects.get()
    assert not entry.is_draft and entry.fields == GUIDED
    assert entry.shared_with_care_team_at is None and entry.shared_with_guardian_at is None
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM program_journalentry")
        assert "snapped" not in cursor.fetchone()[0]
    assert "snapped at my brother" in sam.get(response["Location"]).content.decode()


def test_the_care_team_sees_a_shared_entry_and_not_a_private_one(scene):
    sam = _as(scene.sam)
    sam.post("/journal/new/free/", {"body": f"Private {MARKER}", "action": "save"})
    sam.post("/journal/new/kind/", {**GUIDED, "action": "save"})
    shared = JournalEntry.objects.get(kind="kind")
    sam.post(f"/journal/{shared.pk}/share", {"care_team": "yes"})
    record = _as(scene.ruth).get(f"/clients/{scene.sam.client_profile.pk}/").content.decode()
    assert "snapped at my brother" in record and MARKER not in record
    assert "What did my inner critic say?" in record
    # Unsharing takes it away again.
    sam.post(f"/journal/{shared.pk}/share", {})
    record = _as(scene.ruth).get(f"/clients/{scene.sam.client_profile.pk}/").content.decode()
    assert "snapped at my brother" not in record


def test_a_young_person_chooses_what_their_guardian_sees(scene):
    maya = _as(scene.maya)
    maya.post("/journal/new/free/", {"body": "Shared with mum", "action": "save"})
    maya.post("/journal/new/free/", {"body": f"Only mine {MARKER}", "action": "save"})
    shared = JournalEntry.objects.order_by("pk").first()
    maya.post(f"/journal/{shared.pk}/share", {"guardian": "yes"})
    page = _as(scene.jo).get(f"/family/{scene.maya.client_profile.pk}/").content.decode()
    assert "Shared with mum" in page and MARKER not in page
    # An adult has no guardian to share with: the choice is ignored.
    sam = _as(scene.sam)
    sam.post("/journal/new/free/", {"body": "Adult entry", "action": "save"})
    adult = JournalEntry.objects.get(client=scene.sam.client_profile)
    sam.post(f"/journal/{adult.pk}/share", {"guardian": "yes"})
    adult.refresh_from_db()
    assert adult.shared_with_guardian_at is None


def test_autosave_keeps_a_draft_and_save_finishes_it(scene):
    sam = _as(scene.sam)
    response = sam.post("/journal/new/free/", {"body": "half a thought", "action": "autosave"})
    assert response.status_code == 200 and response.json()["saved"]
    entry = JournalEntry.objects.get()
    assert entry.is_draft and response.json()["url"] == f"/journal/{entry.pk}/"
    sam.post(
        entry_url := f"/journal/{entry.pk}/", {"body": "a whole thought", "action": "autosave"}
    )
    assert JournalEntry.objects.count() == 1  # later autosaves update the same entry
    sam.post(entry_url, {"body": "a whole thought", "action": "save"})
    entry.refresh_from_db()
    assert not entry.is_draft and entry.fields == {"body": "a whole thought"}
    # A draft cannot be shared before it is saved.
    draft = sam.post("/journal/new/free/", {"body": "draft", "action": "autosave"}).json()["url"]
    draft_entry = JournalEntry.objects.get(pk=draft.strip("/").split("/")[-1])
    sam.post(f"/journal/{draft_entry.pk}/share", {"care_team": "yes"})
    draft_entry.refresh_from_db()
    assert draft_entry.shared_with_care_team_at is None


def test_an_empty_or_overlong_entry_is_refused_kindly(scene):
    sam = _as(scene.sam)
    empty = sam.post("/journal/new/free/", {"body": "   ", "action": "save"})
    assert empty.status_code == 400 and "nothing to save yet" in empty.content.decode()
    long = sam.post("/journal/new/free/", {"body": "x" * 10_001, "action": "save"})
    assert long.status_code == 400 and "at most 10000" in long.content.decode()
    assert not JournalEntry.objects.exists()
    assert sam.get("/journal/new/poem/").status_code == 404


def test_a_journal_draft_survives_session_expiry(scene, settings):
    sam = _as(scene.sam)
    sam.get("/journal/new/free/")  # a page in the session: CSRF cookie and last-seen time
    session = sam.session
    session["last_seen"] = int(time.time()) - 60 * settings.CLIENT_IDLE_MINUTES - 5
    session.save()
    browser_token = sam.cookies["csrftoken"].value
    response = sam.post(
        "/journal/new/free/",
        {"body": f"Words written slowly {MARKER}", "action": "save",
         "csrfmiddlewaretoken": browser_token},
    )  # fmt: skip
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not JournalEntry.objects.exists()
    assert MARKER in ParkedDraft.objects.get(user=scene.sam).data  # kept, and readable to us
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM lib_parkeddraft")
        assert MARKER not in cursor.fetchone()[0]
    again = _as(scene.sam)  # logs in again
    page = again.get("/journal/new/free/").content.decode()
    assert f"Words written slowly {MARKER}" in page
    assert "hasn&#x27;t been saved yet" in page or "hasn't been saved yet" in page
    assert not ParkedDraft.objects.exists()  # handed back once


def test_a_post_from_another_site_parks_nothing(scene, settings):
    sam = Client(enforce_csrf_checks=True)
    sam.force_login(scene.sam)
    session = sam.session
    session["last_seen"] = int(time.time()) - 60 * settings.CLIENT_IDLE_MINUTES - 5
    session.save()
    sam.post("/journal/new/free/", {"body": "planted words", "action": "save"})
    assert not ParkedDraft.objects.exists()


def test_deleting_an_entry(scene):
    sam = _as(scene.sam)
    sam.post("/journal/new/free/", {"body": "to go", "action": "save"})
    entry = JournalEntry.objects.get()
    sam.post(f"/journal/{entry.pk}/delete", {})
    assert JournalEntry.objects.exists()  # not without the confirmation
    sam.post(f"/journal/{entry.pk}/delete", {"confirm": "yes"})
    assert not JournalEntry.objects.exists()


@pytest.mark.parametrize("viewer", ["maya", "ruth", "jo", "priya", "adam"])
def test_someone_elses_entry_is_not_found(scene, viewer):
    _as(scene.sam).post("/journal/new/free/", {"body": "mine", "action": "save"})
    entry = JournalEntry.objects.get()
    other = _as(getattr(scene, viewer))
    assert other.get(f"/journal/{entry.pk}/").status_code == 404
    assert other.post(f"/journal/{entry.pk}/share", {"care_team": "yes"}).status_code == 404
