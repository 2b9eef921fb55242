"""Logged out, from any page, "Help now" reaches the crisis lines, with 000 one tap away."""

import pytest
from playwright.sync_api import expect

from e2e.helpers import check_page, path_of

pytestmark = pytest.mark.browser

# Where a logged-out visitor might be, and the status that page is meant to have.
STARTS = [("/", 200), ("/accounts/login/", 200), ("/no-such-page/", 404)]


def assert_au_crisis_page(page, base):
    assert path_of(page) == "/crisis/au/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Help, right now")
    emergency = page.get_by_role("link", name="Call 000")
    expect(emergency).to_be_visible()
    expect(emergency).to_have_attribute("href", "tel:000")
    lifeline = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="Lifeline"))
    expect(lifeline.get_by_role("link", name="Call 13 11 14")).to_have_attribute(
        "href", "tel:131114"
    )
    check_page(page, base)


@pytest.mark.parametrize(("start", "status"), STARTS, ids=[s for s, _ in STARTS])
def test_help_now_reaches_the_crisis_page(page, live_server, start, status):
    base = live_server.url
    response = page.goto(base + start)
    assert response.status == status
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    check_page(page, base, document_status=status)

    page.get_by_role("link", name="Help now", exact=True).click()
    assert_au_crisis_page(page, base)


def test_help_now_is_among_the_first_keyboard_stops(page, live_server):
    """Someone in distress using a keyboard reaches it in three Tabs or fewer, and Enter works."""
    base = live_server.url
    page.goto(base + "/")
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == "Help now":
            break
    else:
        pytest.fail("three Tabs from the top of the page did not reach the Help now link")
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/crisis/au/")
    assert_au_crisis_page(page, base)
