"""Group work in the browser, on the demo's six-week online group (facilitated by Priya):

- a participant shares a reflection; the facilitator, who also sees the group's check-in
  average (five people answered "before"), approves it; another participant then reads it;
- an urgent post brings its writer the calm crisis page at once, never reaches the group, and
  raises an alert that waits on the facilitator's page (the writer has no clinician)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from e2e.helpers import check_page, login, path_of

pytestmark = pytest.mark.browser

FACILITATOR = "facilitator@demo.kindling"
SHARED = "Reading the others' notes made me feel less strange about finding this hard."


def _group():
    from kindling.groups.models import Workshop

    return Workshop.objects.get(follows_programme=True)


def _agree(email: str) -> None:
    """Demo participants were enrolled without the consent step; agree on their behalf."""
    from kindling.accounts import actions, consent
    from kindling.accounts.models import ClientProfile

    profile = ClientProfile.objects.get(user__email=email)
    if not consent.may_use_programme(profile):
        actions.give_consent(profile, profile.user, consent.own_text_for(profile).audience)


def _log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()


def test_a_facilitator_approves_a_post_and_the_group_sees_it(page, live_server, demo):
    base = live_server.url
    group = _group()
    for email in ("group1@demo.kindling", "group2@demo.kindling"):
        _agree(email)

    login(page, base, "group1@demo.kindling")
    page.goto(f"{base}/my-groups/{group.pk}/")
    expect(page.get_by_text("The facilitator reads every post first")).to_be_visible()
    check_page(page, base)
    page.get_by_label("Your reflection").fill(SHARED)
    page.get_by_label("My first name").check()
    page.get_by_role("button", name="Send to the facilitator").click()
    expect(page.get_by_text("The facilitator will read it first")).to_be_visible()
    mine = page.locator(".peer-post", has_text=SHARED)
    expect(mine.get_by_text("waiting for the facilitator to read it")).to_be_visible()
    check_page(page, base)
    _log_out(page)

    login(page, base, "group2@demo.kindling")
    page.goto(f"{base}/my-groups/{group.pk}/")
    expect(page.get_by_text(SHARED)).to_have_count(0)
    _log_out(page)

    login(page, base, FACILITATOR, totp_secret=demo.secret(FACILITATOR))
    page.goto(f"{base}/workshops/{group.pk}/group/")
    expect(page.get_by_text("Group average")).to_be_visible()  # five answered "before"
    check_page(page, base)
    waiting = page.locator(".peer-post", has_text=SHARED)
    waiting.get_by_role("button", name="Share with the group").click()
    expect(page.get_by_text("Shared with the group.")).to_be_visible()
    _log_out(page)

    login(page, base, "group2@demo.kindling")
    page.goto(f"{base}/my-groups/{group.pk}/")
    post = page.locator(".peer-post", has_text=SHARED)
    expect(post).to_be_visible()
    expect(post.get_by_text("Aroha")).to_be_visible()  # group1 signed with her first name
    check_page(page, base)


def test_an_urgent_post_never_appears_and_raises_an_alert(page, live_server, demo):
    base = live_server.url
    group = _group()
    for email in ("group3@demo.kindling", "group4@demo.kindling"):
        _agree(email)

    login(page, base, "group3@demo.kindling")
    page.goto(f"{base}/my-groups/{group.pk}/")
    page.get_by_label("Your reflection").fill("I want to die")
    page.get_by_label("Anonymous").check()
    page.get_by_role("button", name="Send to the facilitator").click()
    assert path_of(page) == "/safety/check/"
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You don't have to go through this alone"
    )
    check_page(page, base)
    page.get_by_role("button", name="I'm safe right now").click()
    _log_out(page)

    login(page, base, "group4@demo.kindling")
    page.goto(f"{base}/my-groups/{group.pk}/")
    notes = page.get_by_role("heading", name="You're not alone: notes from the group")
    expect(notes).to_be_visible()
    expect(page.get_by_text("I want to die")).to_have_count(0)
    _log_out(page)

    login(page, base, FACILITATOR, totp_secret=demo.secret(FACILITATOR))
    alerts = page.get_by_role("region", name="Needs your attention")
    expect(alerts.get_by_role("link", name="Chloe")).to_be_visible()
    check_page(page, base)
    page.goto(f"{base}/workshops/{group.pk}/group/")
    held = page.locator(".peer-post--held", has_text="I want to die")
    expect(held).to_be_visible()
    expect(held.get_by_role("button", name="Share with the group")).to_have_count(0)
    check_page(page, base)
