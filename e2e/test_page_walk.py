"""A walk over every page a person can reach: each answers, is accessible, and stays on site.

Every page gets `check_page`: all requests to the live server's origin and answered, nothing
blocked by the Content Security Policy, and no serious or critical axe-core findings. App pages
must also carry the "Help now" link to the visitor's crisis lines.
"""

import pytest
from playwright.sync_api import expect

from e2e.helpers import check_page, login, path_of

pytestmark = pytest.mark.browser

CRISIS_REGIONS = ["au", "nz", "uk", "us", "ca", "ie", "int"]
# Logged out: path, the status it should have, and a heading that proves it is the right page.
PUBLIC_PAGES = [
    ("/", 200, "A kinder way of being with yourself"),
    ("/accounts/login/", 200, "Log in"),
    ("/accounts/password/reset/", 200, None),
    ("/no-such-page/", 404, "We couldn't find that page"),
    ("/crisis/", 200, "Help, right now"),
    *[(f"/crisis/{region}/", 200, "Help, right now") for region in CRISIS_REGIONS],
]


def assert_help_now(page, href="/crisis/au/"):
    expect(page.get_by_role("link", name="Help now", exact=True)).to_have_attribute("href", href)


def visit(page, base, path=None, status=200):
    """Check the page the browser is on (after going to `path`, if given)."""
    if path is not None:
        response = page.goto(base + path)
        assert response.status == status, f"{path} answered {response.status}"
    check_page(page, base, document_status=status)
    if not path_of(page).startswith("/crisis/"):
        assert_help_now(page)


@pytest.mark.parametrize(("path", "status", "heading"), PUBLIC_PAGES, ids=lambda v: str(v))
def test_public_page(page, live_server, path, status, heading):
    visit(page, live_server.url, path, status)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    if heading:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_crisis_index_links_every_region(page, live_server):
    base = live_server.url
    page.goto(base + "/crisis/")
    for region in CRISIS_REGIONS:
        expect(page.locator(f'a[href="/crisis/{region}/"]')).to_have_count(1)


def test_clinician_walk(page, live_server, demo):
    base = live_server.url
    login(page, base, "clinician@demo.kindling", totp_secret=demo.secret("clinician@demo.kindling"))
    assert path_of(page) == "/caseload/"
    visit(page, base)

    page.get_by_role("table").get_by_role("link", name="Sam").click()
    assert path_of(page).startswith("/clients/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sam")
    visit(page, base)

    page.get_by_role("link", name="Measures and progress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Measures · Sam")
    visit(page, base)
    page.get_by_label("Questionnaire", exact=True).select_option("scs-sf")
    page.get_by_role("button", name="Assign").click()  # SCS-SF is already assigned
    expect(page.get_by_role("alert")).to_contain_text("already assigned")
    visit(page, base, status=400)

    page.get_by_role("link", name="Caseload").click()
    page.get_by_role("link", name="Invite a client").click()
    assert path_of(page) == "/invite/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Invite someone")
    visit(page, base)

    page.get_by_role("link", name="Account").click()
    assert path_of(page) == "/accounts/password/change/"
    visit(page, base)


def test_guardian_walk(page, live_server, demo):
    base = live_server.url
    login(page, base, "guardian@demo.kindling", totp_secret=demo.secret("guardian@demo.kindling"))
    assert path_of(page) == "/family/"
    visit(page, base)

    page.get_by_role("link", name="Maya").click()
    assert path_of(page).startswith("/family/") and path_of(page) != "/family/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Maya")
    visit(page, base)


def test_admin_walk(page, live_server, demo):
    base = live_server.url
    login(page, base, "admin@demo.kindling", totp_secret=demo.secret("admin@demo.kindling"))
    assert path_of(page) == f"/practice/{demo.pk}/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour Light Psychology")
    visit(page, base)

    page.get_by_role("link", name="Practice", exact=True).click()
    assert path_of(page) == f"/practice/{demo.pk}/"
    visit(page, base)


def test_client_walk_to_help(page, live_server, demo):
    base = live_server.url
    login(page, base, "teen@demo.kindling", totp_secret=demo.secret("teen@demo.kindling"))
    assert path_of(page) == "/today/"
    visit(page, base)

    page.get_by_role("link", name="My check-ins").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check-ins")
    visit(page, base)
    page.get_by_role("link", name="Carry on").click()
    visit(page, base)
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_role("status").first).to_contain_text("Saved")
    visit(page, base)
    page.get_by_role("link", name="Today").click()

    page.get_by_role("link", name="See who you can call").click()
    assert path_of(page) == "/crisis/au/"
    expect(page.get_by_role("link", name="Call 000")).to_have_attribute("href", "tel:000")
    visit(page, base)


def test_admin_reads_the_audit_log(page, live_server, demo):
    base = live_server.url
    login(page, base, "admin@demo.kindling", totp_secret=demo.secret("admin@demo.kindling"))
    page.get_by_role("link", name="Audit log", exact=False).click()
    assert path_of(page) == f"/practice/{demo.pk}/audit/"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Audit log")
    visit(page, base)
    page.get_by_label("What happened").select_option("login")
    page.get_by_role("button", name="Show entries").click()
    assert "action=login" in page.url
    visit(page, base)


def test_client_sees_their_data_and_who_opened_their_record(page, live_server, demo):
    base = live_server.url
    login(page, base, "client@demo.kindling")
    page.get_by_role("link", name="My data").click()
    assert path_of(page) == "/my-data/"
    expect(page.get_by_role("heading", level=1)).to_have_text("My data")
    visit(page, base)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as data (JSON)").click()
    assert download.value.suggested_filename.startswith("kindling-my-data-")
    page.get_by_role("link", name="See the list").click()
    assert path_of(page) == "/my-record/visits/"
    visit(page, base)
    page.goto(base + "/my-data/erase/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for your data to be erased")
    visit(page, base)
