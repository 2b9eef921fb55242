"""Family practice in the browser: Jo sees what she and Leo did together (and what Leo chose to
share), starts another together practice from her family page, and keeps her own practice; Leo
adds his side from "Things to do together", and his note stays his unless he shares it."""

import pytest
from playwright.sync_api import expect

from e2e.helpers import check_page, login

pytestmark = pytest.mark.browser

GUARDIAN = "guardian@demo.kindling"
CHILD = "child@demo.kindling"
LEO_NOTE = "We did the wiggly handshake again"


def test_jo_and_leo_practise_together_and_leo_decides_what_jo_sees(page, live_server, demo):
    base = live_server.url
    login(page, base, GUARDIAN)
    page.get_by_role("link", name="Leo", exact=True).click()
    together = page.get_by_role("region", name="Practising together")
    expect(together).to_contain_text("Leo noted it too")
    expect(together).to_contain_text("Our handshake has a wiggle in it now.")  # Leo shared it
    check_page(page, base)

    together.get_by_role("listitem").filter(has_text="about 10 minutes").get_by_role(
        "link", name="A kindness practice to share"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A kindness practice to share")
    check_page(page, base)
    page.get_by_role("radio", name="Calm").check()
    page.get_by_label("Anything you'd like to remember? Only you will see it").fill(
        "Bedtime, both a bit sleepy."
    )
    page.get_by_role("button", name="We did this together").click()
    expect(page.get_by_text("Kept. Your note is for you alone.")).to_be_visible()
    check_page(page, base)

    page.get_by_role("link", name="My own practice").first.click()
    expect(page.get_by_text("Tried it after the kids were in bed.")).to_be_visible()
    expect(page.get_by_text("written for adults")).to_be_visible()
    check_page(page, base)
    page.get_by_role("button", name="Log out").click()

    login(page, base, CHILD)
    page.get_by_label("Yes, that's OK with me").check()  # Leo's own "yes", first time only
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Things to do together").click()
    waiting = page.get_by_role("region", name="Say how it went, if you like")
    check_page(page, base)
    waiting.get_by_role("link", name="Kind sparks together").click()  # the child's title
    expect(page.locator("body")).to_have_class("age-child")
    expect(page.locator("article")).to_contain_text("Ember")  # the child's version
    page.get_by_role("radio", name="Cosy together").check()
    page.get_by_label("Want to write something?").fill(LEO_NOTE)
    page.get_by_role("button", name="We did it").click()
    expect(page.get_by_text("Jo noted it too")).to_be_visible()
    expect(page.get_by_label("Show Jo what I picked and wrote")).not_to_be_checked()
    check_page(page, base)
    page.get_by_role("button", name="Log out").click()

    login(page, base, GUARDIAN)
    page.get_by_role("link", name="Leo", exact=True).click()
    expect(page.get_by_role("region", name="Practising together")).not_to_contain_text(LEO_NOTE)
