"""On a phone-sized screen nothing scrolls sideways and help is visible without scrolling."""

import pytest
from playwright.sync_api import expect

from e2e.helpers import (
    assert_no_sideways_scroll,
    assert_on_first_screen,
    assert_tap_target,
    check_page,
    login,
    path_of,
)

pytestmark = pytest.mark.browser


def test_login_page_fits_a_phone(phone, live_server):
    base = live_server.url
    phone.goto(base + "/accounts/login/")
    assert_no_sideways_scroll(phone)
    assert_on_first_screen(phone, phone.get_by_role("link", name="Help now", exact=True))
    assert_on_first_screen(phone, phone.get_by_role("button", name="Log in"))
    check_page(phone, base)


def test_client_today_fits_a_phone(phone, live_server, demo):
    base = live_server.url
    login(phone, base, "client@demo.kindling")
    assert path_of(phone) == "/today/"
    expect(phone.get_by_role("heading", level=1)).to_have_text("Good to see you, Sam")
    assert_no_sideways_scroll(phone)
    assert_on_first_screen(phone, phone.get_by_role("link", name="Help now", exact=True))
    assert_tap_target(phone.locator(".site-footer").get_by_role("link", name="Crisis lines"))
    check_page(phone, base)


def test_crisis_page_puts_the_emergency_call_on_the_first_screen(phone, live_server):
    base = live_server.url
    phone.goto(base + "/crisis/au/")
    assert_no_sideways_scroll(phone)
    assert_on_first_screen(phone, phone.get_by_role("link", name="Call 000"))
    check_page(phone, base)


def test_staff_tables_fit_a_phone(phone, live_server, demo):
    """Wide tables scroll inside their own box; the page itself never scrolls sideways (the
    hidden labels inside a table once widened the whole page)."""
    from kindling.accounts.models import Practice
    from kindling.groups.models import Workshop

    base = live_server.url
    practice = Practice.objects.get(slug="harbour-light")
    facilitator = "facilitator@demo.kindling"
    login(phone, base, facilitator, totp_secret=demo.secret(facilitator))
    for workshop in Workshop.objects.filter(practice=practice):
        phone.goto(f"{base}/workshops/{workshop.pk}/")
        assert_no_sideways_scroll(phone)
    phone.context.clear_cookies()
    admin = "admin@demo.kindling"
    login(phone, base, admin, totp_secret=demo.secret(admin))
    for path in (f"/practice/{practice.pk}/", f"/practice/{practice.pk}/site/"):
        phone.goto(base + path)
        assert_no_sideways_scroll(phone)
