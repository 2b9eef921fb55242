"""A new staff member's first login: held at two-step setup until it is done, then let in."""

import pytest
from playwright.sync_api import expect

from e2e.helpers import DEMO_PASSWORD, check_page, fresh_code, path_of

pytestmark = pytest.mark.browser

EMAIL = "new.clinician@demo.kindling"


@pytest.fixture
def newcomer(demo):
    from kindling.accounts import actions
    from kindling.accounts.models import Role

    user = actions.create_user(EMAIL, DEMO_PASSWORD, name="Dr New Person")
    actions.add_staff(user, demo.practice, Role.CLINICIAN)
    return user


def test_new_clinician_sets_up_two_step_login_before_seeing_the_caseload(
    page, live_server, newcomer
):
    base = live_server.url
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill(EMAIL)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    # allauth asks for the password again before two-step setup (its reauthentication rule).
    if path_of(page) == "/accounts/reauthenticate/":
        check_page(page, base)
        page.locator("input[name=password]").fill(DEMO_PASSWORD)
        page.locator("input[name=password]").press("Enter")
        page.wait_for_url(lambda url: "/accounts/reauthenticate/" not in url)
    assert path_of(page) == "/accounts/2fa/totp/activate/"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Authenticator")
    check_page(page, base)  # the QR code is a data: image, so it stays same-origin

    # Clinical pages stay shut until setup is done.
    page.goto(base + "/caseload/")
    assert path_of(page) == "/accounts/2fa/totp/activate/"

    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(fresh_code(secret))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url(lambda url: "/accounts/2fa/totp/activate/" not in url)
    assert path_of(page) == "/accounts/2fa/recovery-codes/"
    expect(page.locator("#recovery_codes")).not_to_be_empty()
    check_page(page, base)

    page.get_by_role("link", name="Caseload").click()
    assert path_of(page) == "/caseload/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload")
    check_page(page, base)

    # Setting up two-step login is in the audit trail.
    from kindling.lib.models import AuditEvent

    changes = AuditEvent.objects.filter(action="mfa_change", actor_id=newcomer.pk)
    assert "totp added" in {event.detail for event in changes}
