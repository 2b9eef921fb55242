"""The checks themselves: each must fail on the problem it exists to catch."""

import pytest
from playwright.sync_api import Error

from e2e.helpers import (
    assert_no_sideways_scroll,
    assert_nothing_failed,
    assert_on_first_screen,
    assert_same_origin,
    check_axe,
)

pytestmark = pytest.mark.browser


def test_axe_check_catches_a_serious_problem(page, live_server):
    page.goto(live_server.url + "/accounts/login/")
    check_axe(page)
    # Strip the password field of its label and placeholder: axe calls an unnamed input critical.
    page.evaluate(
        "() => { document.querySelector('label[for=id_password]').remove();"
        " document.querySelector('#id_password').removeAttribute('placeholder'); }"
    )
    with pytest.raises(pytest.fail.Exception, match="label"):
        check_axe(page)


def test_same_origin_check_catches_a_request_elsewhere(page, live_server):
    page.goto(live_server.url + "/")
    assert_same_origin(page, live_server.url)
    with pytest.raises(Error):
        page.goto("http://127.0.0.1:9/", timeout=5_000)  # another origin; nothing listens
    with pytest.raises(AssertionError, match="127.0.0.1:9"):
        assert_same_origin(page, live_server.url)


def test_failed_request_check_catches_a_missing_page(page, live_server):
    page.goto(live_server.url + "/no-such-page/")
    with pytest.raises(AssertionError, match="404 .*/no-such-page/"):
        assert_nothing_failed(page)
    # Once the test says the page is meant to be a 404, that one failure is no longer reported
    # (anything else that failed still is, which this test leaves to the other tests).
    try:
        assert_nothing_failed(page, document_status=404)
    except AssertionError as error:
        assert "/no-such-page/" not in str(error)


def test_phone_checks_catch_sideways_scroll_and_a_buried_link(phone, live_server):
    phone.goto(live_server.url + "/accounts/login/")
    assert_no_sideways_scroll(phone)
    # Script-set styles are not inline CSS to the CSP, so these go through.
    phone.evaluate(
        """() => { const wide = document.createElement('div');
                   wide.style.width = '600px'; wide.textContent = 'too wide';
                   document.querySelector('main').append(wide); }"""
    )
    with pytest.raises(AssertionError, match="zoomed out|scrolls sideways"):
        assert_no_sideways_scroll(phone)

    phone.goto(live_server.url + "/accounts/login/")
    help_now = phone.get_by_role("link", name="Help now", exact=True)
    assert_on_first_screen(phone, help_now)
    phone.evaluate(
        """() => { const tall = document.createElement('div'); tall.style.height = '900px';
                   document.querySelector('.site-header').prepend(tall); }"""
    )
    with pytest.raises(AssertionError, match="below the fold"):
        assert_on_first_screen(phone, help_now)
