"""Workshops in the browser: a visitor reads a workshop's public page and books its last place
as a guest; a second visitor joins the waitlist; the first cancels with the link from their
e-mail, and the second is offered the place. Every e-mail is checked, and each calendar
invitation is parsed with icalendar."""

from __future__ import annotations

import icalendar
import pytest
from playwright.sync_api import expect

from e2e.conftest import new_page
from e2e.helpers import check_page, path_of

pytestmark = pytest.mark.browser

PRACTICE = "Harbour Light Psychology"
WORKSHOP = "/p/harbour-light/workshops/kindness-in-everyday-life/"
TITLE = "Kindness in everyday life: a morning workshop"


def _mail_to(outbox, address: str, subject: str):
    found = [m for m in outbox if m.to == [address] and m.subject == subject]
    assert len(found) == 1, [(m.to, m.subject) for m in outbox]
    return found[0]


def _calendar(message, method: str) -> list:
    (attachment,) = [a for a in message.attachments if a[2].startswith("text/calendar")]
    assert attachment[2] == f"text/calendar; method={method}"
    content = attachment[1]
    calendar = icalendar.Calendar.from_ical(
        content.encode() if isinstance(content, str) else content
    )
    assert calendar["method"] == method
    return calendar.walk("VEVENT")


def _manage_link(message, base: str) -> str:
    (link,) = [w for w in message.body.split() if "/workshops/booking/" in w]
    assert link.startswith(base)
    return link


def _book(page, base: str, name: str, email: str, button: str) -> None:
    page.goto(base + WORKSHOP)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    check_page(page, base)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your e-mail address").fill(email)
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    assert path_of(page).endswith("/booked/")
    check_page(page, base)


def test_last_place_then_waitlist_then_promotion(browser, page, live_server, demo, mailoutbox):
    base = live_server.url
    # A visitor comes in at the front door (the practice's public site), reads about
    # self-compassion and whom the practice helps, then finds the workshop.
    page.goto(base + "/")
    nav = page.get_by_role("navigation")
    for label in ("Self-compassion", "Who we help", "Workshops"):
        nav.get_by_role("link", name=label, exact=True).click()
        expect(page.locator("h1")).to_be_visible()
        check_page(page, base)
    page.get_by_role("link", name=TITLE, exact=True).click()
    # The public page: what it is, when, where, the price, and one place left.
    assert page.url == base + WORKSHOP
    expect(page.get_by_text("1 place left")).to_be_visible()
    expect(page.get_by_text("$45, concessions $25")).to_be_visible()
    expect(page.get_by_text("14 Bay Street", exact=False)).to_be_visible()
    _book(page, base, "Nina Visitor", "nina@example.test", "Book my place")

    confirmation = _mail_to(mailoutbox, "nina@example.test", f"Your place with {PRACTICE}")
    (event,) = _calendar(confirmation, "REQUEST")
    assert str(event["summary"]) == TITLE
    assert event["dtstart"].params["TZID"] == "Australia/Melbourne"
    assert "Bay Street" in str(event["location"])
    uid = str(event["uid"])
    assert "/workshops/join/" in confirmation.body  # a guest is invited to make an account

    # A second visitor finds it full and joins the waitlist.
    second = new_page(browser, viewport={"width": 1280, "height": 800})
    try:
        second.goto(base + WORKSHOP)
        expect(second.get_by_text("All places are taken. The waitlist is open.")).to_be_visible()
        _book(second, base, "Omar Visitor", "omar@example.test", "Join the waitlist")
        waiting = _mail_to(
            mailoutbox, "omar@example.test", f"You're on the waitlist with {PRACTICE}"
        )
        assert "first in line" in waiting.body
        assert not [a for a in waiting.attachments]

        # The first visitor cancels with the link from their e-mail.
        page.goto(_manage_link(confirmation, base))
        expect(page.get_by_text("you have a place")).to_be_visible()
        check_page(page, base)
        page.get_by_role("button", name="Cancel my booking").click()
        expect(page.get_by_text("Your booking is cancelled.")).to_be_visible()
        check_page(page, base)

        cancelled = _mail_to(
            mailoutbox, "nina@example.test", f"Your booking with {PRACTICE} is cancelled"
        )
        (gone,) = _calendar(cancelled, "CANCEL")
        assert str(gone["uid"]) == uid

        # The second visitor is offered the place, with a calendar invitation of their own.
        promoted = _mail_to(
            mailoutbox, "omar@example.test", f"A place has opened for you with {PRACTICE}"
        )
        (offered,) = _calendar(promoted, "REQUEST")
        assert str(offered["uid"]) == uid and str(offered["summary"]) == TITLE
        assert str(offered["attendee"]) == "mailto:omar@example.test"
        second.goto(_manage_link(promoted, base))
        expect(second.get_by_text("you have a place")).to_be_visible()
        check_page(second, base)
    finally:
        second.context.close()

    from kindling.groups.models import Registration

    statuses = dict(
        Registration.objects.filter(email__endswith="@example.test").values_list("email", "status")
    )
    assert statuses == {"nina@example.test": "cancelled", "omar@example.test": "confirmed"}


def test_the_facilitator_runs_the_group_and_sam_sees_his_place(page, live_server, demo):
    from e2e.helpers import login

    base = live_server.url
    email = "facilitator@demo.kindling"
    login(page, base, email, totp_secret=demo.secret(email))
    assert path_of(page) == "/work/"
    page.get_by_role("link", name="Kind to myself: a six-week online group").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kind to myself: a six-week online group"
    )
    expect(
        page.get_by_text("https://meet.example.org/harbour-light-kind-to-myself")
    ).to_be_visible()
    check_page(page, base)
    page.get_by_label("Sam Taylor came on", exact=False).first.check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved.")).to_be_visible()
    page.get_by_role("link", name="Change the workshop").click()
    check_page(page, base)
    page.goto(base + "/workshops/")
    check_page(page, base)
    page.get_by_role("link", name="Plan a workshop").click()
    page.get_by_role("button", name="Save the workshop").click()
    expect(page.get_by_text("Some things need another look.")).to_be_visible()
    check_page(page, base, document_status=400)

    from kindling.groups.models import Attendance

    assert Attendance.objects.filter(registration__email="client@demo.kindling").count() == 1

    page.context.clear_cookies()
    login(page, base, "client@demo.kindling")
    page.get_by_role("link", name="My workshops").click()
    check_page(page, base)
    page.get_by_role("link", name="Kind to myself: a six-week online group").click()
    expect(page.get_by_text("you have a place")).to_be_visible()
    expect(
        page.get_by_role("link", name="https://meet.example.org/harbour-light-kind-to-myself")
    ).to_be_visible()
    check_page(page, base)
