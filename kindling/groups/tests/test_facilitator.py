"""The facilitator's pages: who may open them, planning a workshop, attendance, writing to
the group, and the CSV list."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test import Client

from conftest import STAFF_TOTP_SECRET, signed_in
from kindling.accounts import actions as account_actions
from kindling.accounts.models import Role
from kindling.groups import actions
from kindling.groups.models import Attendance, GroupMessage, Registration, Workshop
from kindling.lib.models import AuditEvent

from .conftest import SITE, make_workshop


def _book(workshop, who: str):
    return actions.register(workshop, name=who.title(), email=f"{who}@example.test", site=SITE)


@pytest.fixture
def faye(scene):
    """A facilitator of the other practice."""
    user = account_actions.create_user("faye@elsewhere.test", None, name="Faye Ode")
    account_actions.add_staff(user, scene.elsewhere, Role.FACILITATOR)
    TOTP.activate(user, STAFF_TOTP_SECRET)
    return user


def test_only_the_practices_facilitators_run_its_workshops(scene, faye):
    workshop = make_workshop(scene)
    _book(workshop, "ann")
    pages = [
        f"/workshops/{workshop.pk}/", f"/workshops/{workshop.pk}/edit/",
        f"/workshops/{workshop.pk}/registrations.csv",
    ]  # fmt: skip
    posts = [f"/workshops/{workshop.pk}/attendance", f"/workshops/{workshop.pk}/message"]
    for page in pages:
        assert signed_in(scene.fran).get(page).status_code == 200, page
    assert "A kind morning" in signed_in(scene.fran).get("/workshops/").content.decode()
    for person in (scene.ruth, scene.adam, scene.rhea, scene.sam, scene.jo, scene.omar, faye):
        browser = signed_in(person)
        for page in pages:
            assert browser.get(page).status_code == 404, (person, page)
        for page in posts:
            assert browser.post(page, {"body": "hello"}).status_code == 404, (person, page)
    assert "A kind morning" not in signed_in(faye).get("/workshops/").content.decode()
    assert signed_in(scene.ruth).get("/workshops/").status_code == 404
    assert Client().get(pages[0]).status_code == 302  # to the login page
    assert not GroupMessage.objects.exists()
    # A facilitator who leaves the practice loses its workshops at once.
    scene.fran.memberships.update(is_active=False)
    assert signed_in(scene.fran).get(pages[0]).status_code == 404


def test_opening_the_list_of_people_is_audited(scene):
    workshop = make_workshop(scene)
    signed_in(scene.fran).get(f"/workshops/{workshop.pk}/")
    signed_in(scene.fran).get(f"/workshops/{workshop.pk}/registrations.csv")
    actions_seen = set(
        AuditEvent.objects.filter(
            object_type="groups.workshop", actor_id=scene.fran.pk
        ).values_list("action", flat=True)
    )
    assert {"view", "export"} <= actions_seen


def test_planning_a_workshop_explains_what_is_missing_and_saves_nothing(scene):
    browser = signed_in(scene.fran)
    form = {
        "title": "Kind evenings", "slug": "", "summary": "", "audience": "adults",
        "format": "online", "venue": "", "meeting_link": "", "capacity": "0",
        "price_text": "", "facilitator": str(scene.fran.pk),
        "sessions-TOTAL_FORMS": "2", "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0", "sessions-MAX_NUM_FORMS": "52",
        "sessions-0-time_zone": "Australia/Melbourne", "sessions-0-minutes": "90",
        "sessions-1-time_zone": "Australia/Melbourne", "sessions-1-minutes": "90",
    }  # fmt: skip
    response = browser.post("/workshops/new/", form)
    page = response.content.decode()
    assert response.status_code == 400
    assert "give the link an online workshop meets at" in page
    assert "at least one place" in page.lower() or "greater than or equal to 1" in page
    assert "Kind evenings" in page  # what was typed is still there
    assert not Workshop.objects.exists()
    bad_zone = {**form, "meeting_link": "https://meet.example.org/x", "capacity": "6",
                "sessions-0-day": "2031-03-04", "sessions-0-start": "18:30",
                "sessions-0-time_zone": "Mars/Olympus"}  # fmt: skip
    response = browser.post("/workshops/new/", bad_zone)
    assert response.status_code == 400 and "time zone we know" in response.content.decode()
    no_sessions = {**form, "meeting_link": "https://meet.example.org/x", "capacity": "6"}
    response = browser.post("/workshops/new/", no_sessions)
    assert response.status_code == 400 and "at least one session" in response.content.decode()
    assert not Workshop.objects.exists()

    good = {**bad_zone, "sessions-0-time_zone": "Australia/Melbourne"}
    response = browser.post("/workshops/new/", good)
    workshop = Workshop.objects.get()
    assert response["Location"] == f"/workshops/{workshop.pk}/"
    assert workshop.slug == "kind-evenings" and workshop.practice == scene.harbour
    (session,) = workshop.sessions.all()
    local = session.local_start()
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2031, 3, 4, 18, 30)
    # The facilitator of a workshop must be a facilitator of the practice.
    response = browser.post(f"/workshops/{workshop.pk}/edit/",
                            {**good, "facilitator": str(scene.ruth.pk)})  # fmt: skip
    assert response.status_code == 400
    assert Workshop.objects.get().facilitator == scene.fran


def _edit_form(workshop, **changes) -> dict:
    session = workshop.sessions.get()
    local = session.local_start()
    form = {
        "title": workshop.title, "slug": workshop.slug, "summary": workshop.summary,
        "audience": workshop.audience, "format": workshop.format, "venue": workshop.venue,
        "meeting_link": workshop.meeting_link, "capacity": str(workshop.capacity),
        "price_text": workshop.price_text, "facilitator": str(workshop.facilitator_id),
        "is_published": "on",
        "sessions-TOTAL_FORMS": "1", "sessions-INITIAL_FORMS": "1",
        "sessions-MIN_NUM_FORMS": "0", "sessions-MAX_NUM_FORMS": "52",
        "sessions-0-id": str(session.pk), "sessions-0-day": local.date().isoformat(),
        "sessions-0-start": local.strftime("%H:%M"), "sessions-0-minutes": "90",
        "sessions-0-time_zone": session.time_zone, "sessions-0-title": "",
    }  # fmt: skip
    form.update(changes)
    return form


def test_capacity_cannot_fall_below_the_places_taken_and_more_places_go_to_the_waitlist(
    scene, django_capture_on_commit_callbacks, mailoutbox
):
    workshop = make_workshop(scene, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        for who in ("ann", "bo", "cy", "di"):
            _book(workshop, who)
    browser = signed_in(scene.fran)
    response = browser.post(f"/workshops/{workshop.pk}/edit/", _edit_form(workshop, capacity="1"))
    assert response.status_code == 400
    assert "2 people already have a place" in response.content.decode()
    assert Workshop.objects.get().capacity == 2
    session_pk = workshop.sessions.get().pk
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(f"/workshops/{workshop.pk}/edit/",
                                _edit_form(workshop, capacity="3"))  # fmt: skip
    assert response.status_code == 302
    assert workshop.sessions.get().pk == session_pk  # the session was kept, not remade
    assert Registration.objects.get(email="cy@example.test").status == "confirmed"
    assert Registration.objects.get(email="di@example.test").status == "waitlisted"
    assert [m.to for m in mailoutbox] == [["cy@example.test"]]


def test_attendance_is_saved_per_session(scene):
    workshop = make_workshop(scene, capacity=2, sessions=2)
    ann, bo, cy = (_book(workshop, w).registration for w in ("ann", "bo", "cy"))  # cy waits
    one, two = workshop.sessions.all()
    browser = signed_in(scene.fran)
    response = browser.post(f"/workshops/{workshop.pk}/attendance", {"present": [
        f"{ann.pk}:{one.pk}", f"{ann.pk}:{two.pk}", f"{bo.pk}:{two.pk}",
        f"{cy.pk}:{one.pk}", "nonsense", f"{ann.pk}:999999", "²:1", "9" * 5000 + ":1",
    ]})  # fmt: skip
    assert response.status_code == 302
    saved = set(Attendance.objects.values_list("registration_id", "session_id"))
    assert saved == {(ann.pk, one.pk), (ann.pk, two.pk), (bo.pk, two.pk)}
    page = browser.get(f"/workshops/{workshop.pk}/").content.decode()
    assert f'value="{ann.pk}:{one.pk}" id="present-{ann.pk}-{one.pk}" checked' in page
    # Unticking clears.
    browser.post(f"/workshops/{workshop.pk}/attendance", {"present": [f"{bo.pk}:{two.pk}"]})
    assert set(Attendance.objects.values_list("registration_id", "session_id")) == {(bo.pk, two.pk)}


def test_the_csv_lists_everyone_and_cannot_carry_a_formula(scene):
    workshop = make_workshop(scene, capacity=1)
    first = actions.register(workshop, name="=HYPERLINK(\"http://x\")", email="ann@example.test",
                             site=SITE).registration  # fmt: skip
    actions.register(workshop, name="+Bo", email="bo@example.test", site=SITE)
    session = workshop.sessions.get()
    Attendance.objects.create(registration=first, session=session)
    response = signed_in(scene.fran).get(f"/workshops/{workshop.pk}/registrations.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["name", "email", "status", "registered at"]
    assert rows[0][4].startswith("attended ")
    assert rows[1][0] == '\'=HYPERLINK("http://x")' and rows[1][2] == "Has a place"
    assert rows[1][4] == "yes"
    assert rows[2][0] == "'+Bo" and rows[2][2] == "On the waitlist" and rows[2][4] == ""
    assert len(rows) == 3


def test_a_message_reaches_everyone_with_a_place_and_is_kept_encrypted(
    scene, django_capture_on_commit_callbacks, mailoutbox
):
    workshop = make_workshop(scene, capacity=2)
    for who in ("ann", "bo", "cy"):
        _book(workshop, who)
    marker = "Bring a cushion-marker-7c1"
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(scene.fran).post(f"/workshops/{workshop.pk}/message",
                                              {"body": marker})  # fmt: skip
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == ["ann@example.test", "bo@example.test"]
    for message in mailoutbox:
        assert marker in message.body and marker not in message.subject
        assert len(message.to) == 1 and not message.cc and not message.bcc
    assert GroupMessage.objects.get().body == marker
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM groups_groupmessage")
        (raw,) = cursor.fetchone()
    assert marker not in raw
    empty = signed_in(scene.fran).post(f"/workshops/{workshop.pk}/message", {"body": "  "})
    assert empty.status_code == 400 and GroupMessage.objects.count() == 1


def test_the_facilitators_home_lists_their_workshops(scene):
    make_workshop(scene)
    page = signed_in(scene.fran).get("/work/").content.decode()
    assert "A kind morning" in page and "0 of 2 places taken" in page


class _FormValues(HTMLParser):
    """What a browser would send back, untouched, from each POST form on a page."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self.values: list[tuple[str, str]] = []
        self._select = self._textarea = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post":
            self._in_form = True
            self.values = []
            self.forms.append(self.values)
        if not self._in_form:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button"):
                self.values.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.values.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.values.append((self._textarea, ""))

    def handle_data(self, data):
        if self._textarea:
            name, text = self.values.pop()
            self.values.append((name, text + data))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False


def test_an_edit_form_sent_back_unchanged_saves(scene):
    # As a browser does it: every value the page shows (dates in the ISO form a date box needs)
    # goes back untouched, and the workshop saves.
    workshop = make_workshop(scene, sessions=2)
    browser = signed_in(scene.fran)
    page = browser.get(f"/workshops/{workshop.pk}/edit/").content.decode()
    parser = _FormValues()
    parser.feed(page)
    (values,) = [f for f in parser.forms if any(name.endswith("-day") for name, _v in f)]
    days = [value for name, value in values if name.endswith("-day") and value]  # + blank rows
    assert len(days) == 2 and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in days), days
    data: dict[str, list[str]] = {}
    for name, value in values:
        data.setdefault(name, []).append(value)
    response = browser.post(f"/workshops/{workshop.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert workshop.sessions.count() == 2
