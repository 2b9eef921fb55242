"""The client record's timeline, appointments, notes to the client and the progress report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from conftest import signed_in as _as
from kindling.care import appointments
from kindling.care.models import Appointment, CareMessage


def _soon(days: int = 2) -> tuple[str, str]:
    moment = timezone.localtime() + dt.timedelta(days=days)
    return moment.strftime("%Y-%m-%d"), "10:30"


def test_an_appointment_shows_on_today_with_its_link_and_in_the_calendar_neutrally(scene):
    import icalendar

    from kindling.program import kindness

    sam = scene.sam.client_profile
    day, time = _soon()
    response = _as(scene.ruth).post(f"/clients/{sam.pk}/appointments/new", {
        "day": day, "time": time, "minutes": "50", "mode": "online",
        "link": "https://video.example.test/room-4412",
    })  # fmt: skip
    assert response.status_code == 302
    today = _as(scene.sam).get("/today/").content.decode()
    assert "Your next appointment" in today and "room-4412" in today
    feed, token = kindness.new_feed(sam)
    calendar = icalendar.Calendar.from_ical(_as(scene.sam).get(f"/calendar/{token}.ics").content)
    events = [e for e in calendar.walk("VEVENT") if str(e["summary"]) == "Appointment"]
    assert len(events) == 1
    assert (
        "room-4412" not in calendar.to_ical().decode() and "Ruth" not in calendar.to_ical().decode()
    )


@pytest.mark.parametrize("form,message", [
    ({"day": "2001-01-01", "time": "10:00", "minutes": "50", "mode": "in_person"}, "from now on"),
    ({"day": "soon", "time": "10:00", "minutes": "50", "mode": "in_person"}, "valid date"),
    ({"day": "{day}", "time": "25:00", "minutes": "50", "mode": "in_person"}, "valid time"),
    ({"day": "{day}", "time": "10:00", "minutes": "5", "mode": "in_person"}, "greater than"),
    ({"day": "{day}", "time": "10:00", "minutes": "50", "mode": "teleport"}, "valid choice"),
    ({"day": "{day}", "time": "10:00", "minutes": "50", "mode": "online",
      "link": "javascript:alert(1)"}, "valid URL"),
])  # fmt: skip
def test_a_bad_appointment_is_refused_with_a_reason(scene, form, message):
    sam = scene.sam.client_profile
    form = {k: v.replace("{day}", _soon()[0]) for k, v in form.items()}
    response = _as(scene.ruth).post(f"/clients/{sam.pk}/appointments/new", form)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Appointment.objects.exists()


def test_cancelling_takes_it_off_today_and_only_the_care_team_can(scene):
    sam = scene.sam.client_profile
    when = timezone.now() + dt.timedelta(days=1)
    appointment = appointments.set_appointment(
        sam, by=scene.ruth, starts_at=when, minutes=50, mode="in_person"
    )
    url = f"/clients/{sam.pk}/appointments/{appointment.pk}/cancel"
    assert _as(scene.priya).post(url).status_code == 404
    assert _as(scene.ruth).post(url).status_code == 302
    assert "Your next appointment" not in _as(scene.sam).get("/today/").content.decode()


def test_a_note_to_the_client_shows_on_today_until_put_away(scene):
    sam = scene.sam.client_profile
    _as(scene.ruth).post(f"/clients/{sam.pk}/messages/new", {"text": "Lovely to see you today."})
    message = CareMessage.objects.get()
    page = _as(scene.sam).get("/today/").content.decode()
    assert "Lovely to see you today." in page and "A note from" in page
    assert _as(scene.maya).post(f"/today/notes/{message.pk}/away").status_code == 404
    _as(scene.sam).post(f"/today/notes/{message.pk}/away")
    assert "Lovely to see you today." not in _as(scene.sam).get("/today/").content.decode()
    empty = _as(scene.ruth).post(f"/clients/{sam.pk}/messages/new", {"text": ""})
    assert empty.status_code == 400


def test_the_timeline_gathers_what_the_care_team_may_see(scene):
    from kindling.program.content import load_programme

    sam = _as(scene.sam)
    first = load_programme().exercises_in(load_programme().stages[0].id)[0]
    started = sam.post(f"/programme/{first.id}/", {"rating": "4"})
    sam.post(started["Location"], {"rating": "2"})
    sam.post("/journal/new/free/", {"body": "PRIVATE-WORDS", "action": "save"})
    record = _as(scene.ruth).get(f"/clients/{scene.sam.client_profile.pk}/").content.decode()
    timeline = record[record.index('id="timeline-heading"') : record.index('id="notes-heading"')]
    assert first.title in timeline and "distress 4 → 2" in timeline
    assert "PRIVATE-WORDS" not in record


def test_the_report_holds_only_the_journal_entries_ticked_and_shared(scene):
    from kindling.program.models import JournalEntry

    sam = _as(scene.sam)
    sam.post("/journal/new/free/", {"body": "SHARED-ONE", "action": "save"})
    sam.post("/journal/new/free/", {"body": "PRIVATE-ONE", "action": "save"})
    shared, private = JournalEntry.objects.order_by("pk")
    sam.post(f"/journal/{shared.pk}/share", {"care_team": "yes"})
    ruth = _as(scene.ruth)
    url = f"/clients/{scene.sam.client_profile.pk}/report/"
    page = ruth.get(url).content.decode()
    assert "SHARED-ONE" in page  # offered in the chooser
    body = page[page.index('id="r-programme"') :]
    assert "SHARED-ONE" not in body  # but not in the report until ticked
    ticked = ruth.get(f"{url}?entry={shared.pk}&entry={private.pk}").content.decode()
    body = ticked[ticked.index('id="r-programme"') :]
    assert "SHARED-ONE" in body and "PRIVATE-ONE" not in ticked


def test_the_pdf_is_a_pdf_with_the_clients_name(scene):
    from kindling.measures import actions as measures
    from kindling.measures import schema

    sam = scene.sam.client_profile
    assignment = measures.assign(sam, "phq-9", by=scene.ruth)
    measures.submit(
        assignment.administrations.get(), dict.fromkeys(schema.get("phq-9").item_ids, 1)
    )
    response = _as(scene.ruth).get(f"/clients/{sam.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith('attachment; filename="report-')
    assert _as(scene.priya).get(f"/clients/{sam.pk}/report.pdf").status_code == 404
