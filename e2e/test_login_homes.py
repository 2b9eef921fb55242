"""Each demo person logs in through the real form and lands on their own home page."""

import pytest
from playwright.sync_api import expect

from e2e.helpers import HOMES, check_page, expected_home, login, path_of

pytestmark = pytest.mark.browser

# What each home says, so landing on the right URL with the wrong page still fails.
HEADINGS = {
    "clinician@demo.kindling": "Caseload",
    "client@demo.kindling": "Good to see you, Sam",
    "teen@demo.kindling": "Hey Maya, good to see you",
    "child@demo.kindling": "Hi Leo!",
    "guardian@demo.kindling": "Your family",
    "facilitator@demo.kindling": "Hello, Priya",
    "admin@demo.kindling": "Harbour Light Psychology",
}


@pytest.mark.parametrize("email", list(HOMES))
def test_each_person_lands_on_their_home_and_can_log_out(page, live_server, demo, email):
    base = live_server.url

    page.goto(base + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("A kinder way of being with yourself")
    check_page(page, base)

    page.get_by_role("link", name="Log in").click()
    assert path_of(page) == "/accounts/login/"
    # Staff are asked for their authenticator code; everyone else goes straight in.
    login(page, base, email, totp_secret=demo.secret(email), check=True)
    if email == "child@demo.kindling":
        # Leo's mum has consented; Leo is asked, in his own words, whether it's OK with him.
        assert path_of(page) == "/consent/"
        expect(page.get_by_role("heading", level=1)).to_have_text("Is it OK with you?")
        check_page(page, base)
        page.get_by_label("Yes, that's OK with me").check()
        page.get_by_role("button", name="Continue").click()
    assert path_of(page) == expected_home(email, demo.pk)
    expect(page.get_by_role("heading", level=1)).to_contain_text(HEADINGS[email])
    check_page(page, base)

    # Going to the front door again, logged in, leads back home rather than to the welcome.
    page.goto(base + "/")
    assert path_of(page) == expected_home(email, demo.pk)

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(base + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("A kinder way of being with yourself")
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    check_page(page, base)

    # The session really is over: the home page now asks for a login.
    page.goto(base + HOMES[email].replace("<id>/", ""))
    assert path_of(page) == "/accounts/login/"


def test_wrong_password_is_refused_kindly_and_accessibly(page, live_server, demo):
    base = live_server.url
    login_page = base + "/accounts/login/"
    page.goto(login_page)
    page.locator("input[name=login]").fill("client@demo.kindling")
    page.locator("input[name=password]").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.url == login_page
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    check_page(page, base)

    page.goto(base + "/today/")
    assert path_of(page) == "/accounts/login/"
