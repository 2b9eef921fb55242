"""Measures in the browser: a client answers an assigned SCS-SF, a double submit stores one
result, and the clinician sees it in the table and the chart. A teenager finishes a started
check-in with JavaScript switched off."""

import pytest
from playwright.sync_api import expect

from e2e.conftest import new_page
from e2e.helpers import assert_no_sideways_scroll, check_page, login, path_of

pytestmark = pytest.mark.browser

CLINICIAN = "clinician@demo.kindling"


def _completed(email: str, instrument_id: str) -> int:
    from kindling.measures.models import Administration

    return (
        Administration.objects.completed()
        .filter(client__user__email=email, instrument_id=instrument_id)
        .count()
    )


def test_a_client_answers_scs_sf_once_and_the_clinician_sees_it(page, live_server, demo):
    base = live_server.url
    before = _completed("client@demo.kindling", "scs-sf")
    login(page, base, "client@demo.kindling")
    expect(page.get_by_role("heading", name="A check-in is ready")).to_be_visible()
    page.get_by_role("link", name="Start").first.click()
    expect(page.get_by_role("group")).to_have_count(12)  # one fieldset per question
    expect(page.get_by_text("0 of 12 answered")).to_be_visible()
    check_page(page, base)

    questions = page.get_by_role("group")
    for n in range(12):
        # Every answer is a labelled radio inside the question's fieldset, named by its legend.
        questions.nth(n).get_by_role("radio", name="4", exact=True).check()
    expect(page.get_by_text("12 of 12 answered")).to_be_visible()  # the script keeps count
    form_url = page.url

    page.get_by_role("button", name="Finish").dblclick()
    page.wait_for_url("**/done")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    check_page(page, base)
    # Back to the form and submit again, as someone unsure it went through might.
    page.goto(form_url)
    assert path_of(page).endswith("/done")  # a finished check-in is not shown again
    assert _completed("client@demo.kindling", "scs-sf") == before + 1

    page.get_by_role("button", name="Log out").click()
    login(page, base, CLINICIAN, totp_secret=demo.secret(CLINICIAN))
    page.get_by_role("link", name="Sam").first.click()
    page.get_by_role("link", name="Measures and progress").click()
    chart = page.get_by_role("img", name="Self-Compassion Scale – Short Form: progress")
    expect(chart).to_be_visible()
    table = page.get_by_role("table", name="Every SCS-SF result, oldest first")
    expect(table.locator("tbody tr")).to_have_count(before + 1)
    # The newest row: every item answered 4, half reverse-keyed, so the mean is 3.
    expect(table.locator("tbody tr").last).to_contain_text("3")
    expect(table.locator("tbody tr").last).to_contain_text("moderate")
    check_page(page, base)


def test_a_teenager_finishes_a_started_check_in_without_javascript(browser, live_server, demo):
    base = live_server.url
    page = new_page(browser, java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        login(page, base, "teen@demo.kindling")
        page.get_by_role("link", name="Carry on").click()
        expect(page.get_by_text("3 of 12 answered")).to_be_visible()
        assert_no_sideways_scroll(page)
        questions = page.get_by_role("group")
        page.get_by_role("button", name="Finish").click()  # not all answered yet
        expect(page.get_by_role("alert")).to_contain_text("9 questions still need an answer")
        for n in range(3, 12):
            questions.nth(n).get_by_role("radio", name="3", exact=True).check()
        page.get_by_role("button", name="Finish").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
        assert _completed("teen@demo.kindling", "scs-sf") == 1
    finally:
        page.context.close()
