"""Session notes: the care team's record of each session, encrypted, editable by the author for
24 hours with every version kept, then only added to (addenda), never rewritten."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import signed_in as _as
from kindling.accounts import actions, rights
from kindling.care import notes, notes_rights
from kindling.care.models import NoteAddendum, NoteVersion, SessionNote
from kindling.lib.models import AuditEvent

MARKER = "MARKER-quokka-5c21"
TODAY = dt.date.today


def _url(client_id, note_id=None, tail="") -> str:
    base = f"/clients/{client_id}/notes/"
    return base + (f"{note_id}/" if note_id else "") + tail


def _form(**parts) -> dict:
    data = {"session_date": timezone.localdate().isoformat(), "focus": "", "noticed": "",
            "plan": "", "homework": "", "text": ""}  # fmt: skip
    data.update(parts)
    return data


def _write(scene, **parts) -> SessionNote:
    sam = scene.sam.client_profile
    response = _as(scene.ruth).post(_url(sam.pk, tail="new/"), _form(**parts))
    assert response.status_code == 302, response.content.decode()[:2000]
    return SessionNote.objects.latest("pk")


def _age(note: SessionNote, hours: float) -> None:
    """Time travel: the note was written `hours` ago."""
    SessionNote.objects.filter(pk=note.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=hours)
    )


def test_a_note_is_written_and_shown_to_the_care_team(scene):
    note = _write(
        scene, focus="Harsh self-talk after work", noticed="Loyalty to mum: guilt for resting",
        plan="Soothing touch", homework="Compassionate letter",
    )  # fmt: skip
    assert note.author == scene.ruth and note.session_date == timezone.localdate()
    assert note.parts["noticed"] == "Loyalty to mum: guilt for resting"
    page = _as(scene.ruth).get(_url(note.client_id)).content.decode()
    assert "Loyalty to mum: guilt for resting" in page and "What I noticed" in page
    assert "Change the note" in page and "Add an addendum" in page
    (created,) = AuditEvent.objects.filter(action="create", object_type="care.sessionnote")
    assert created.object_id == str(note.pk) and created.subject_id == scene.sam.pk
    assert created.actor_id == scene.ruth.pk and "Harsh" not in created.detail


def test_edits_within_24_hours_keep_every_version(scene):
    note = _write(scene, focus="First words")
    ruth = _as(scene.ruth)
    edit = _url(note.client_id, note.pk, "edit/")
    form = ruth.get(edit)
    assert form.status_code == 200 and "First words" in form.content.decode()
    stamp = form.context["form"].initial["based_on"]
    assert ruth.post(edit, _form(focus="Second words", based_on=stamp)).status_code == 302
    note.refresh_from_db()
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = ruth.post(edit, _form(focus="Third words", session_date=yesterday,
                                     based_on=notes.edit_stamp(note)))  # fmt: skip
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.parts == {"focus": "Third words"}
    assert note.session_date.isoformat() == yesterday
    versions = list(note.versions.order_by("saved_at"))
    assert [v.parts["focus"] for v in versions] == ["First words", "Second words"]
    assert all(v.saved_by == scene.ruth for v in versions)
    assert versions[0].session_date == timezone.localdate()
    # Every version can be read by the care team.
    history = ruth.get(_url(note.client_id, note.pk)).content.decode()
    assert all(words in history for words in ("First words", "Second words", "Third words"))
    listing = ruth.get(_url(note.client_id)).content.decode()
    assert "Edited 2 times" in listing
    updates = AuditEvent.objects.filter(action="update", object_type="care.sessionnote")
    assert updates.count() == 2
    assert all("words" not in e.detail for e in updates)


def test_saving_without_a_change_keeps_no_new_version(scene):
    note = _write(scene, plan="Same")
    response = _as(scene.ruth).post(_url(note.client_id, note.pk, "edit/"), _form(plan="Same"))
    assert response.status_code == 302
    assert not NoteVersion.objects.exists()


def test_after_24_hours_an_edit_becomes_an_addendum_and_the_original_is_kept(scene):
    note = _write(scene, focus="Original focus", plan="Original plan")
    _age(note, 24.01)
    ruth = _as(scene.ruth)
    edit = _url(note.client_id, note.pk, "edit/")
    # Opening the edit page leads to the addendum page, saying why.
    response = ruth.get(edit, follow=True)
    assert response.redirect_chain[-1][0] == _url(note.client_id, note.pk, "addendum/")
    assert "more than 24 hours ago" in response.content.decode()
    # An edit sent anyway (the form was opened in time) is refused, and its changed words are
    # offered as an addendum: nothing is lost and nothing is written.
    same_day = timezone.localdate().strftime("%d/%m/%Y")  # as typed without a date picker
    response = ruth.post(
        edit, _form(focus="Original focus", plan="A better plan", session_date=same_day)
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "can no longer be changed" in page
    offered = response.context["form"].initial["text"]
    assert "A better plan" in offered and "Original focus" not in offered
    assert "Date of the session" not in offered
    note.refresh_from_db()
    assert note.parts == {"focus": "Original focus", "plan": "Original plan"}
    assert not NoteVersion.objects.exists() and not NoteAddendum.objects.exists()
    # The action refuses too, whatever page calls it.
    with pytest.raises(notes.NoteLocked):
        notes.edit_note(note, scene.ruth, session_date=note.session_date, parts={"plan": "x"})
    # Saved as an addendum: the original text is kept exactly.
    response = ruth.post(_url(note.client_id, note.pk, "addendum/"), {"text": offered})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.parts == {"focus": "Original focus", "plan": "Original plan"}
    (addendum,) = note.addenda.all()
    assert "A better plan" in addendum.content and addendum.author == scene.ruth
    listing = ruth.get(_url(note.client_id)).content.decode()
    assert "Original plan" in listing and "A better plan" in listing
    assert "Change the note" not in listing
    event = AuditEvent.objects.filter(action="update", object_type="care.sessionnote").get()
    assert event.detail == "addendum added to a session note"


def test_just_inside_the_window_the_author_can_still_edit(scene):
    note = _write(scene, focus="Before")
    _age(note, 23.9)
    response = _as(scene.ruth).post(_url(note.client_id, note.pk, "edit/"), _form(focus="After"))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.parts == {"focus": "After"} and note.versions.count() == 1


def test_another_care_team_member_cannot_edit_but_can_add_an_addendum(scene):
    actions.add_to_care_team(scene.sam.client_profile, scene.priya)
    note = _write(scene, focus="Ruth's words")
    priya = _as(scene.priya)
    assert "Change the note" not in priya.get(_url(note.client_id)).content.decode()
    response = priya.get(_url(note.client_id, note.pk, "edit/"), follow=True)
    assert "Only the clinician who wrote this note" in response.content.decode()
    response = priya.post(_url(note.client_id, note.pk, "edit/"), _form(focus="Priya's words"))
    assert response.status_code == 400
    note.refresh_from_db()
    assert note.parts == {"focus": "Ruth's words"} and not NoteVersion.objects.exists()
    with pytest.raises(notes.NoteLocked):
        notes.edit_note(note, scene.priya, session_date=note.session_date, parts={"focus": "x"})
    response = priya.post(_url(note.client_id, note.pk, "addendum/"), {"text": "Seen in group"})
    assert response.status_code == 302
    assert note.addenda.get().author == scene.priya
    listing = _as(scene.ruth).get(_url(note.client_id)).content.decode()
    assert "Seen in group" in listing and "Dr Priya Rao" in listing


def test_an_edit_from_a_stale_form_is_refused_and_shows_both(scene):
    note = _write(scene, focus="One")
    ruth = _as(scene.ruth)
    edit = _url(note.client_id, note.pk, "edit/")
    stale = notes.edit_stamp(note)
    assert ruth.post(edit, _form(focus="Two", based_on=stale)).status_code == 302
    response = ruth.post(edit, _form(focus=f"Three {MARKER}", based_on=stale))
    assert response.status_code == 400
    page = response.content.decode()
    assert "changed somewhere else" in page and "Two" in page and MARKER in page
    note.refresh_from_db()
    assert note.parts == {"focus": "Two"}


@pytest.mark.parametrize("data,message", [
    (_form(), "The note is empty"),
    (_form(focus="   "), "The note is empty"),
    (_form(text="x" * (notes.MAX_PART + 1)), "the most it can hold is 10000"),
    (_form(focus="Words", session_date="31/02/2025"), "isn&#x27;t a date Kindling can read"),
    (_form(focus="Words", session_date="not a date"), "isn&#x27;t a date Kindling can read"),
    (_form(focus="Words", session_date=""), "Give the date of the session"),
    (_form(focus="Words", session_date="2999-01-01"), "The session date is in the future"),
    (_form(focus="Words", session_date="1901-01-01"), "before the client was born"),
])  # fmt: skip
def test_bad_input_is_answered_clearly_and_nothing_is_written(scene, data, message):
    sam = scene.sam.client_profile
    response = _as(scene.ruth).post(_url(sam.pk, tail="new/"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page, page
    for words in (v for k, v in data.items() if k != "session_date" and v.strip()):
        assert words in page  # the words stay in the form, not cut off
    assert not SessionNote.objects.exists()
    assert not AuditEvent.objects.filter(object_type="care.sessionnote").exists()


def test_a_bad_edit_or_addendum_changes_nothing(scene):
    note = _write(scene, focus="Kept")
    ruth = _as(scene.ruth)
    response = ruth.post(_url(note.client_id, note.pk, "edit/"), _form())
    assert response.status_code == 400 and "The note is empty" in response.content.decode()
    response = ruth.post(_url(note.client_id, note.pk, "addendum/"), {"text": "  "})
    assert response.status_code == 400 and "The addendum is empty" in response.content.decode()
    too_long = "y" * (notes.MAX_PART + 1)
    response = ruth.post(_url(note.client_id, note.pk, "addendum/"), {"text": too_long})
    assert response.status_code == 400 and too_long in response.content.decode()
    note.refresh_from_db()
    assert note.parts == {"focus": "Kept"}
    assert not NoteVersion.objects.exists() and not NoteAddendum.objects.exists()


def test_note_ids_of_someone_else_or_another_client_are_404(scene):
    sam, maya, zed = (getattr(scene, n).client_profile for n in ("sam", "maya", "zed"))
    mayas = notes.write_note(maya, scene.ruth, session_date=TODAY(), parts={"focus": "Maya's"})
    zeds = notes.write_note(zed, scene.omar, session_date=TODAY(), parts={"focus": "Zed's"})
    ruth = _as(scene.ruth)
    for note_id in (mayas.pk, zeds.pk, 999999):
        # Under Sam's address, a note of Maya (also Ruth's client) or of Zed is not there.
        for tail in ("", "edit/", "addendum/"):
            assert ruth.get(_url(sam.pk, note_id, tail)).status_code == 404
        assert ruth.post(_url(sam.pk, note_id, "edit/"), _form(focus="x")).status_code == 404
        assert ruth.post(_url(sam.pk, note_id, "addendum/"), {"text": "x"}).status_code == 404
    # Zed's note under Zed's own address: not Ruth's client.
    assert ruth.get(_url(zed.pk, zeds.pk)).status_code == 404
    assert ruth.post(_url(zed.pk, zeds.pk, "addendum/"), {"text": "x"}).status_code == 404
    assert ruth.get("/clients/1/notes/not-a-number/").status_code == 404
    assert not NoteAddendum.objects.exists() and not NoteVersion.objects.exists()
    assert SessionNote.objects.get(pk=mayas.pk).parts == {"focus": "Maya's"}


def test_the_client_never_sees_their_notes(scene):
    note = _write(scene, focus=MARKER)
    sam = _as(scene.sam)
    for tail in ("", "new/"):
        assert sam.get(_url(note.client_id, tail=tail)).status_code == 404
    assert sam.get(_url(note.client_id, note.pk)).status_code == 404
    assert MARKER not in sam.get("/today/").content.decode()


def test_opening_a_note_is_audited(scene):
    note = _write(scene, focus="Audited")
    _as(scene.ruth).get(_url(note.client_id, note.pk))
    opened = AuditEvent.objects.get(action="view", object_type="care.sessionnote")
    assert opened.object_id == str(note.pk) and opened.actor_id == scene.ruth.pk
    assert opened.subject_id == scene.sam.pk and opened.practice_id == scene.harbour.pk
    assert AuditEvent.objects.filter(action="view", object_type="accounts.clientprofile").exists()


def test_the_text_is_encrypted_at_rest(scene):
    note = _write(scene, noticed=f"noticed {MARKER}", text=f"free {MARKER}")
    _as(scene.ruth).post(_url(note.client_id, note.pk, "edit/"), _form(plan=f"plan {MARKER}"))
    _as(scene.ruth).post(_url(note.client_id, note.pk, "addendum/"), {"text": f"add {MARKER}"})
    assert NoteVersion.objects.count() == 1 and NoteAddendum.objects.count() == 1
    with connection.cursor() as cursor:
        for table in ("care_sessionnote", "care_noteversion", "care_noteaddendum"):
            cursor.execute(f"SELECT content FROM {table}")  # noqa: S608 — fixed names
            (stored,) = cursor.fetchone()
            assert MARKER not in stored and stored.startswith("gAAAA"), table
    note.refresh_from_db()
    assert note.parts == {"plan": f"plan {MARKER}"}


def test_recent_notes_for_the_client_record(scene):
    sam = scene.sam.client_profile
    for days in (10, 3, 7):
        notes.write_note(sam, scene.ruth, session_date=TODAY() - dt.timedelta(days=days),
                         parts={"focus": f"{days} days ago"})  # fmt: skip
    newest = SessionNote.objects.get(session_date=TODAY() - dt.timedelta(days=3))
    notes.edit_note(newest, scene.ruth, session_date=newest.session_date, parts={"focus": "3!"})
    notes.add_addendum(newest, scene.ruth, "And one more thing")
    notes.write_note(scene.maya.client_profile, scene.ruth, session_date=TODAY(),
                     parts={"focus": "Maya"})  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        found = notes.recent_notes(sam, limit=2)
        assert [n.headline for n in found] == ["3!", "7 days ago"]
        assert (found[0].earlier_versions, found[0].addenda_count) == (1, 1)
        assert found[0].author.name == "Dr Ruth Adeyemi"
        assert found[1].get_absolute_url() == f"/clients/{sam.pk}/notes/{found[1].pk}/"
    assert len(queries) == 1
    assert len(notes.recent_notes(sam)) == 3


def test_the_clients_copy_includes_their_notes_under_a_clear_heading(scene):
    sam = scene.sam.client_profile
    note = notes.write_note(sam, scene.ruth, session_date=TODAY(), parts={"focus": "First"})
    notes.edit_note(note, scene.ruth, session_date=TODAY(), parts={"focus": "Second"})
    notes.add_addendum(note, scene.ruth, "Later thought")
    notes.write_note(scene.maya.client_profile, scene.ruth, session_date=TODAY(),
                     parts={"focus": "Maya's note"})  # fmt: skip
    data = json.loads(_as(scene.sam).get("/my-data/kindling.json").content)
    (exported,) = data[notes_rights.EXPORT_KEY]
    assert exported["note"] == {"focus": "Second"}
    assert exported["written_by"] == "Dr Ruth Adeyemi"
    assert [v["note"] for v in exported["earlier_versions"]] == [{"focus": "First"}]
    assert [a["text"] for a in exported["addenda"]] == ["Later thought"]
    assert "Maya's note" not in json.dumps(data)
    readable = _as(scene.sam).get("/my-data/kindling.html").content.decode()
    assert "Notes your care team wrote about your sessions" in readable
    assert "Later thought" in readable
    # A clinician's own copy holds no notes about their clients.
    assert rights.export_for(scene.ruth)[notes_rights.EXPORT_KEY] == []


def test_erasure_destroys_every_version_and_addendum(scene):
    scene.harbour.retention_years = scene.harbour.retention_minor_until_age = 0
    scene.harbour.save()
    sam = scene.sam.client_profile
    note = notes.write_note(sam, scene.ruth, session_date=TODAY(), parts={"focus": MARKER})
    notes.edit_note(note, scene.ruth, session_date=TODAY(), parts={"focus": "changed"})
    notes.add_addendum(note, scene.ruth, MARKER)
    kept = notes.write_note(scene.maya.client_profile, scene.ruth, session_date=TODAY(),
                            parts={"focus": "Stays"})  # fmt: skip
    overwritten = []
    original = rights.destroy_free_text

    def watching(queryset, fields):
        overwritten.append((queryset.model, fields))
        return original(queryset, fields)

    rights.destroy_free_text = watching
    try:
        rights.confirm_erasure(rights.request_erasure(sam), scene.ruth, sam)
    finally:
        rights.destroy_free_text = original
    for model in (SessionNote, NoteVersion, NoteAddendum):
        assert (model, ["content"]) in overwritten  # overwritten before deleting
    assert not SessionNote.objects.filter(client_id=sam.pk).exists()
    assert not NoteVersion.objects.exists() and not NoteAddendum.objects.exists()
    assert SessionNote.objects.get(pk=kept.pk).parts == {"focus": "Stays"}


def test_notes_stay_when_their_author_is_deleted(scene):
    note = notes.write_note(scene.sam.client_profile, scene.priya, session_date=TODAY(),
                            parts={"focus": "Still here"})  # fmt: skip
    scene.priya.delete()
    page = _as(scene.ruth).get(_url(note.client_id)).content.decode()
    assert "Still here" in page and "A former team member" in page
