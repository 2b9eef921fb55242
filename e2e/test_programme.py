"""The programme in the browser: Sam practises with before and after ratings and is offered
settling when distress rises; writes a guided entry and shares it; Dr Ruth sees the shared entry
and not a private one; Leo sees the child version; a locked stage cannot be opened by URL."""

import pytest
from playwright.sync_api import expect

from e2e.helpers import check_page, login, path_of

pytestmark = pytest.mark.browser

CLINICIAN = "clinician@demo.kindling"


def _rate(page, value: str) -> None:
    page.get_by_role("radio", name=value, exact=True).check()


def test_sam_practises_and_is_offered_settling_when_distress_rises(page, live_server, demo):
    base = live_server.url
    login(page, base, "client@demo.kindling")
    page.get_by_role("link", name="See the whole programme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My programme")
    check_page(page, base)
    page.get_by_role("link", name="A self-compassion break").click()
    expect(page.get_by_role("group", name="How are you feeling right now?")).to_be_visible()
    check_page(page, base)
    _rate(page, "3")
    page.get_by_role("button", name="Begin").click()
    expect(page.get_by_role("group", name="How are you feeling now?")).to_be_visible()
    check_page(page, base)
    _rate(page, "7")  # rose by 4
    page.get_by_label("Anything you'd like to remember about this time?").fill("Hard one.")
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Let's take a moment to settle")
    expect(page.get_by_role("link", name="See who you can call").first).to_be_visible()
    check_page(page, base)

    from kindling.program.models import PracticeSession

    session = PracticeSession.objects.filter(client__user__email="client@demo.kindling").first()
    assert (session.before, session.after, session.settling_offered) == (3, 7, True)


def test_a_shared_entry_reaches_dr_ruth_and_a_private_one_does_not(page, live_server, demo):
    base = live_server.url
    login(page, base, "client@demo.kindling")
    page.get_by_role("link", name="Answer my inner critic").click()
    check_page(page, base)
    page.get_by_label("What happened?").fill("I burnt dinner when friends came over.")
    page.get_by_label("What did my inner critic say?").fill("You can't do anything right.")
    page.get_by_label("What kinder thing can I say to myself?").fill("It was one dinner.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. Only you can see it")).to_be_visible()
    page.get_by_label("Share with my care team").check()
    page.get_by_role("button", name="Save my choice").click()
    expect(page.get_by_text("Your choice is saved.")).to_be_visible()
    check_page(page, base)
    page.get_by_role("link", name="Back to the journal").click()
    page.get_by_role("link", name="Write freely").click()
    page.get_by_label("Write whatever you like").fill("A private note about the weekend.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Log out").click()

    login(page, base, CLINICIAN, totp_secret=demo.secret(CLINICIAN))
    page.get_by_role("table").get_by_role("link", name="Sam").click()
    shared = page.get_by_role("region", name="Journal entries shared with you")
    expect(shared).to_contain_text("I burnt dinner when friends came over.")
    expect(shared).not_to_contain_text("A private note about the weekend.")
    check_page(page, base)


def test_leo_sees_the_child_version_and_a_locked_stage_stays_shut(page, live_server, demo):
    from kindling.program.content import load_programme

    programme = load_programme()
    first = programme.exercises_in(programme.stages[0].id)[0]
    locked = programme.exercises_in(programme.stages[3].id)[0]
    base = live_server.url
    login(page, base, "child@demo.kindling")
    page.get_by_label("Yes, that's OK with me").check()  # Leo's own "yes", first time only
    page.get_by_role("button", name="Continue").click()
    page.goto(f"{base}/programme/{first.id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(first.title_for("child"))
    expect(page.locator("body")).to_have_class("age-child")
    check_page(page, base)
    _rate(page, "2")
    page.get_by_role("button", name="Begin").click()
    expect(page.locator("article")).to_contain_text("Ember")  # the child's version, not the adult's
    response = page.goto(f"{base}/programme/{locked.id}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We couldn't find that page")
    assert path_of(page) == f"/programme/{locked.id}/"
