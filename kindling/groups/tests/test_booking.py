"""Booking a place, the waitlist, cancelling, and the e-mails with their calendar invitations."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from conftest import signed_in
from kindling.accounts.models import ClientProfile, Invitation
from kindling.groups import actions, views
from kindling.groups.models import Registration
from kindling.lib import access
from kindling.lib.models import AuditEvent

from .conftest import SITE, ics_of, link_in, make_workshop

CONFIRMED, WAITLISTED, CANCELLED = "confirmed", "waitlisted", "cancelled"


def _book(workshop, who: str):
    return actions.register(workshop, name=who.title(), email=f"{who}@example.test", site=SITE)


def _public(workshop) -> str:
    return f"/p/{workshop.practice.slug}/workshops/{workshop.slug}/"


def test_places_fill_then_the_waitlist_keeps_its_order(scene, commit, mailoutbox):
    workshop = make_workshop(scene, capacity=2)
    with commit():
        bookings = [_book(workshop, who) for who in ("ann", "bo", "cy", "di")]
    assert [b.registration.status for b in bookings] == [CONFIRMED, CONFIRMED, WAITLISTED,
                                                         WAITLISTED]  # fmt: skip
    assert [actions.waitlist_position(b.registration) for b in bookings[2:]] == [1, 2]
    assert actions.places_left(workshop) == 0
    subjects = [m.subject for m in mailoutbox]
    assert subjects[0] == "Your place with Harbour Light Psychology"
    assert subjects[2] == "You're on the waitlist with Harbour Light Psychology"
    assert all("kind morning" not in s.lower() for s in subjects)  # the title stays in the body
    assert not [a for a in mailoutbox[2].attachments]  # no calendar for a waitlist place
    assert "number 2 in line" in mailoutbox[3].body


def test_a_cancellation_gives_the_place_to_the_earliest_waiting(scene, commit, mailoutbox):
    workshop = make_workshop(scene, capacity=1, sessions=2)
    with commit():
        ann, bo, cy = (_book(workshop, who) for who in ("ann", "bo", "cy"))
    first_uids = {str(e["uid"]) for e in ics_of(mailoutbox[0])[1].walk("VEVENT")}
    mailoutbox.clear()
    with commit():
        promoted = actions.cancel(ann.registration, site=SITE)
    assert [r.pk for r in promoted] == [bo.registration.pk]
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {"ann@example.test": CANCELLED, "bo@example.test": CONFIRMED,
                        "cy@example.test": WAITLISTED}  # fmt: skip
    cancelled, offered = mailoutbox
    assert cancelled.to == ["ann@example.test"] and "cancelled" in cancelled.subject
    mimetype, calendar = ics_of(cancelled)
    assert mimetype == "text/calendar; method=CANCEL" and calendar["method"] == "CANCEL"
    assert offered.to == ["bo@example.test"]
    assert offered.subject == "A place has opened for you with Harbour Light Psychology"
    mimetype, calendar = ics_of(offered)
    assert mimetype == "text/calendar; method=REQUEST" and calendar["method"] == "REQUEST"
    events = calendar.walk("VEVENT")
    # The same UIDs for the same sessions: calendars update one event, not add another.
    assert {str(e["uid"]) for e in events} == first_uids and len(first_uids) == 2
    # Cancelling again changes nothing and offers nothing.
    with commit():
        assert actions.cancel(ann.registration, site=SITE) == []
    assert len(mailoutbox) == 2


def test_the_confirmation_carries_a_calendar_invitation_for_every_session(scene, commit,
                                                                          mailoutbox):  # fmt: skip
    workshop = make_workshop(scene, online=True, sessions=3)
    with commit():
        _book(workshop, "ann")
    (message,) = mailoutbox
    mimetype, calendar = ics_of(message)
    assert mimetype == "text/calendar; method=REQUEST"
    events = calendar.walk("VEVENT")
    sessions = list(workshop.sessions.all())
    assert len(events) == 3
    for event, session in zip(events, sessions, strict=True):
        assert str(event["summary"]) == "A kind morning"
        start = event.decoded("dtstart")
        assert start == session.starts_at
        assert start.tzinfo.key == "Australia/Melbourne" if hasattr(start.tzinfo, "key") else True
        assert event["dtstart"].params["TZID"] == "Australia/Melbourne"
        assert event.decoded("dtend") - start == session.ends_at - session.starts_at
        assert str(event["uid"]) == f"workshop-session-{session.pk}@workshops.kindling"
        assert str(event["attendee"]) == "mailto:ann@example.test"
    assert calendar.walk("VTIMEZONE")  # local times come with their zone's rules
    # The link to join is in the confirmation, never in its subject.
    assert "https://meet.example.org/secret-room" in message.body
    assert "meet.example" not in message.subject
    local = sessions[0].starts_at.astimezone(ZoneInfo("Australia/Melbourne"))
    assert local.strftime("%-d %B %Y") in message.body


def test_the_same_address_twice_keeps_one_booking(scene, commit, mailoutbox):
    workshop = make_workshop(scene, capacity=1)
    visitor = Client()
    form = {"name": "Ann", "email": "Ann@Example.test"}
    with commit():
        first = visitor.post(_public(workshop), form)
        again = Client().post(_public(workshop), {**form, "email": "ann@example.test"})
    # The same page either way: it never tells anyone whether an address had booked.
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert Registration.objects.get().status == CONFIRMED
    booked, reminder = mailoutbox
    assert "already booked" in reminder.body
    old_link = link_in(booked.body, "/workshops/booking/")
    new_link = link_in(reminder.body, "/workshops/booking/")
    assert Client().get(old_link).status_code == 404  # the newest e-mail's link is the one
    assert "you have a place" in Client().get(new_link).content.decode()


def test_the_meeting_link_shows_only_to_people_with_a_place(scene, commit, mailoutbox):
    workshop = make_workshop(scene, capacity=1, online=True)
    link = "meet.example.org/secret-room"
    with commit():
        signed_in(scene.sam).post(_public(workshop), {})
        waiting = _book(workshop, "bo")
    sam_booking = Registration.objects.get(user=scene.sam)
    assert sam_booking.status == CONFIRMED
    for browser in (Client(), signed_in(scene.sam), signed_in(scene.jo)):
        page = browser.get(_public(workshop)).content.decode()
        assert "A kind morning" in page and link not in page
    assert link in signed_in(scene.sam).get(f"/my-workshops/{sam_booking.pk}/").content.decode()
    waiting_page = Client().get(link_in(mailoutbox[1].body, "/workshops/booking/"))
    assert "on the waitlist" in waiting_page.content.decode()
    assert link not in waiting_page.content.decode()
    assert link not in mailoutbox[1].body
    assert link in signed_in(scene.fran).get(f"/workshops/{workshop.pk}/").content.decode()
    # Someone else's booking is not there at all.
    assert signed_in(scene.jo).get(f"/my-workshops/{sam_booking.pk}/").status_code == 404
    assert waiting.registration.user is None


def test_a_signed_in_person_books_with_one_click(scene, commit, mailoutbox):
    workshop = make_workshop(scene)
    with commit():
        response = signed_in(scene.sam).post(_public(workshop), {})
    booking = Registration.objects.get()
    assert response["Location"] == f"/my-workshops/{booking.pk}/"
    assert (booking.user, booking.email, booking.name) == (scene.sam, "sam@example.test",
                                                           "Sam Taylor")  # fmt: skip
    assert booking.invitation is None  # they have an account already
    assert AuditEvent.objects.filter(object_type="groups.registration", action="create").exists()
    page = signed_in(scene.sam).get("/my-workshops/").content.decode()
    assert "A kind morning" in page and "You have a place" in page
    # And the nav offers their workshops.
    assert 'href="/my-workshops/"' in page


def test_a_young_peoples_workshop_is_booked_by_a_parent(scene, commit):
    workshop = make_workshop(scene, audience="families")
    page = Client().get(_public(workshop)).content.decode()
    assert "made by a parent or guardian" in page
    response = Client().post(_public(workshop), {"name": "Jo", "email": "jo2@example.test"})
    assert response.status_code == 400
    assert "please ask a parent or guardian to book" in response.content.decode()
    assert not Registration.objects.exists()
    with commit():
        Client().post(_public(workshop), {"name": "Jo", "email": "jo2@example.test",
                                          "is_guardian": "on"})  # fmt: skip
    assert Registration.objects.get().is_guardian_booking


def test_bad_input_is_explained_and_nothing_is_booked(scene):
    workshop = make_workshop(scene)
    response = Client().post(_public(workshop), {"name": "", "email": "not-an-address"})
    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()
    assert not Registration.objects.exists()


def test_closed_and_hidden_workshops(scene):
    hidden = make_workshop(scene, slug="hidden", published=False)
    assert Client().get(_public(hidden)).status_code == 404
    begun = make_workshop(scene, slug="begun", days=-1)
    response = Client().post(_public(begun), {"name": "Ann", "email": "ann@example.test"})
    assert "already begun" in response.content.decode()
    assert not Registration.objects.exists()
    with pytest.raises(actions.BookingClosed):
        _book(begun, "ann")


def test_a_guest_cancels_with_the_link_from_their_e_mail(scene, commit, mailoutbox):
    workshop = make_workshop(scene, capacity=1)
    with commit():
        _book(workshop, "ann")
        _book(workshop, "bo")
    manage = link_in(mailoutbox[0].body, "/workshops/booking/")
    guest = Client()
    assert guest.post(manage, {}).status_code == 302  # without the confirmation: nothing
    assert Registration.objects.get(email="ann@example.test").status == CONFIRMED
    with commit():
        guest.post(manage, {"confirm": "yes"})
    assert Registration.objects.get(email="ann@example.test").status == CANCELLED
    assert Registration.objects.get(email="bo@example.test").status == CONFIRMED
    assert "This booking is cancelled" in guest.get(manage).content.decode()
    assert Client().get("/workshops/booking/not-a-real-token/").status_code == 404


def test_a_guest_on_a_programme_group_joins_as_a_self_paced_client(scene, commit, mailoutbox):
    workshop = make_workshop(scene, follows=True)
    other = make_workshop(scene, slug="second")
    with commit():
        _book(workshop, "ann")
        _book(other, "ann")
    invitation = Registration.objects.filter(workshop=workshop).get().invitation
    assert invitation.kind == Invitation.Kind.WORKSHOP_GUEST and invitation.invited_by == scene.fran
    join = link_in(mailoutbox[0].body, "/workshops/join/")
    guest = Client()
    page = guest.get(join).content.decode()
    assert "date of birth" in page.lower()
    form = {"name": "Ann Lee", "password1": "a kind harbour morning",
            "password2": "a kind harbour morning"}  # fmt: skip
    assert guest.post(join, form).status_code == 400  # the date of birth is needed
    assert not Registration.objects.filter(user__isnull=False).exists()
    response = guest.post(join, {**form, "date_of_birth": "2012-01-01"})
    assert response.status_code == 400 and "for adults" in response.content.decode()
    response = guest.post(join, {**form, "date_of_birth": "1990-05-04"})
    assert response.status_code == 302 and response["Location"] == "/my-workshops/"
    ann = Registration.objects.filter(email="ann@example.test").first().user
    assert ann is not None and ann.name == "Ann Lee"
    assert Registration.objects.filter(user=ann).count() == 2  # every booking by that address
    profile = ann.client_profile
    assert profile.practice == scene.harbour and not profile.care_team.exists()
    # The link worked once; the other booking's invitation has nothing left to do.
    assert Client().get(join).status_code == 404
    assert not Invitation.objects.open().filter(email="ann@example.test").exists()
    assert "A kind morning" in guest.get("/my-workshops/").content.decode()


def test_a_guest_on_a_one_off_workshop_gets_an_account_only(scene, commit, mailoutbox):
    workshop = make_workshop(scene)
    with commit():
        _book(workshop, "bo")
    join = link_in(mailoutbox[0].body, "/workshops/join/")
    guest = Client()
    assert "date of birth" not in guest.get(join).content.decode().lower()
    form = {"name": "Bo", "password1": "a kind harbour morning",
            "password2": "a kind harbour morning"}  # fmt: skip
    assert guest.post(join, form).status_code == 302
    bo = Registration.objects.get().user
    assert bo.email == "bo@example.test" and not hasattr(bo, "client_profile")


def test_a_guests_link_is_not_a_client_invitation(scene, commit, mailoutbox):
    # The practice's invitation list calls it what it is, and the general invitation page
    # (which enrols clients with a care team) refuses it.
    workshop = make_workshop(scene)
    with commit():
        _book(workshop, "bo")
    invitation = Registration.objects.get().invitation
    assert invitation.kind == "workshop_guest"
    assert invitation.get_kind_display() == "Workshop guest"
    token = link_in(mailoutbox[0].body, "/workshops/join/").rstrip("/").split("/")[-1]
    form = {"name": "Bo", "password1": "a kind harbour morning",
            "password2": "a kind harbour morning"}  # fmt: skip
    Client().post(f"/invitations/accept/{token}/", form)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not ClientProfile.objects.filter(user__email="bo@example.test").exists()
    assert Client().get(f"/workshops/join/{token}/").status_code == 200  # still usable there


def test_a_guest_booking_is_not_linked_to_an_account_by_its_address_alone(
    scene, commit, mailoutbox
):
    # Anyone can type anyone's address: the booking joins Sam's account only when the link in
    # the e-mail is accepted by Sam, signed in.
    workshop = make_workshop(scene, follows=True)
    with commit():
        actions.register(workshop, name="Sam", email=scene.sam.email, site=SITE)
    booking = Registration.objects.get()
    assert booking.user is None and booking.invitation is not None
    join = link_in(mailoutbox[0].body, "/workshops/join/")
    assert not access.groups_of(scene.sam).exists()
    with commit():
        signed_in(scene.sam).post(join, {})
    booking.refresh_from_db()
    assert booking.user == scene.sam


def test_a_young_person_cannot_book_an_adults_workshop(scene):
    workshop = make_workshop(scene)
    with pytest.raises(actions.BookingClosed, match="for adults"):
        actions.register(workshop, name="Maya", email=scene.maya.email, user=scene.maya, site=SITE)
    assert not Registration.objects.exists()


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_booked(scene, mailoutbox):
    workshop = make_workshop(scene)
    response = Client().post(
        _public(workshop),
        {"name": "Bot", "email": "bot@example.test", "website": "http://spam.example"},
    )
    assert response.status_code == 302 and response.url.endswith("/booked/")
    assert not Registration.objects.exists() and not mailoutbox


def test_one_address_may_book_as_a_guest_only_so_often(scene, commit, mailoutbox):
    workshop = make_workshop(scene, capacity=50)
    browser = Client(REMOTE_ADDR="203.0.113.9")
    with commit():
        for n in range(views.GUEST_LIMIT):
            form = {"name": f"Guest {n}", "email": f"guest{n}@example.test"}
            assert browser.post(_public(workshop), form).status_code == 302
    words = {"name": "One more", "email": "one-more@example.test"}
    refused = browser.post(_public(workshop), words)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "try again later" in page and "one-more@example.test" in page  # nothing lost
    assert Registration.objects.count() == views.GUEST_LIMIT
    # Someone else, from another address, is not held up.
    other = Client(REMOTE_ADDR="198.51.100.4").post(_public(workshop), words)
    assert other.status_code == 302
