"""A visitor, logged out, reads every public page of the practice, asks about 1:1 therapy and is
thanked; the practice administrator then reads the enquiry. Every page gets `check_page`: axe,
nothing from another site, nothing failed, no console errors from the CSP."""

import pytest
from playwright.sync_api import expect

from e2e.helpers import check_page, login, path_of

pytestmark = pytest.mark.browser

SLUG = "harbour-light"
# The menu's links, in order, and the heading each page opens with (the default texts).
MENU = [
    ("Home", f"/p/{SLUG}/", "A kinder way of being with yourself"),
    ("Self-compassion", f"/p/{SLUG}/self-compassion/", "What self-compassion is"),
    ("Who we help", f"/p/{SLUG}/who-we-help/", "Who we help"),
    ("Workshops", f"/p/{SLUG}/workshops/", "Workshops"),
    ("1:1 therapy", f"/p/{SLUG}/therapy/", "Asking about 1:1 therapy"),
]


def _no_cookies_but_csrf(page):
    names = {cookie["name"] for cookie in page.context.cookies()}
    assert names <= {"csrftoken"}, f"a reader was given cookies: {names}"


def test_a_visitor_reads_every_public_page_and_asks_about_therapy(page, live_server, demo):
    base = live_server.url
    page.goto(base + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(MENU[0][2])
    expect(page.get_by_text("Harbour Light Psychology").first).to_be_visible()
    expect(page.get_by_role("link", name="Help now", exact=True)).to_have_attribute(
        "href", "/crisis/au/"
    )
    check_page(page, base)
    assert page.context.cookies() == []  # reading the front door sets nothing

    menu = page.get_by_role("navigation", name="About Harbour Light Psychology")
    for label, path, heading in MENU:
        menu.get_by_role("link", name=label, exact=True).click()
        page.wait_for_url(base + path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(menu.get_by_role("link", name=label, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
        expect(page.get_by_role("link", name="Log in", exact=True)).to_be_visible()
        check_page(page, base)
        _no_cookies_but_csrf(page)

    # On the therapy page: the honeypot is invisible, and the form is kind about mistakes.
    expect(page.locator("input[name=website]")).to_be_hidden()
    page.get_by_label("Your name").fill("Robin")
    page.get_by_label("What would you like help with?").fill("Being kinder to myself")
    page.get_by_role("button", name="Send my message").click()
    expect(page.get_by_role("alert")).to_contain_text("Everything you wrote is still here")
    expect(page.get_by_label("What would you like help with?")).to_have_value(
        "Being kinder to myself"
    )
    check_page(page, base, document_status=400)

    page.get_by_label("How can we reach you?").fill("robin@example.org")
    page.get_by_label("When suits you?").fill("Weekday mornings")
    page.get_by_role("button", name="Send my message").click()
    page.wait_for_url(f"{base}/p/{SLUG}/therapy/thanks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for getting in touch")
    check_page(page, base)

    # The login stays one tap away.
    page.get_by_role("link", name="Log in", exact=True).click()
    assert path_of(page) == "/accounts/login/"


def test_the_administrator_reads_the_enquiry(page, live_server, demo):
    base = live_server.url
    page.goto(f"{base}/p/{SLUG}/therapy/")
    page.get_by_label("Your name").fill("Robin Visitor")
    page.get_by_label("How can we reach you?").fill("0400 111 222")
    page.get_by_role("button", name="Send my message").click()
    page.wait_for_url(f"{base}/p/{SLUG}/therapy/thanks/")

    email = "admin@demo.kindling"
    login(page, base, email, totp_secret=demo.secret(email))
    page.get_by_role("link", name="Enquiries from the public pages").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enquiries")
    check_page(page, base)
    waiting = page.get_by_role("region", name="To answer").get_by_role("link")
    expect(waiting).to_have_count(2)  # the demo's own, and Robin's
    waiting.first.click()
    expect(page.get_by_text("Robin Visitor")).to_be_visible()
    check_page(page, base)
    page.get_by_role("button", name="Mark as handled").click()
    expect(page.get_by_role("region", name="To answer").get_by_role("link")).to_have_count(1)
    check_page(page, base)

    page.goto(f"{base}/practice/{demo.pk}/site/")
    check_page(page, base)
    page.get_by_role("link", name="Change Who we help").click()
    page.get_by_label("Title").fill("Who we work with")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Saved")
    check_page(page, base)
    page.goto(f"{base}/p/{SLUG}/who-we-help/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Who we work with")
