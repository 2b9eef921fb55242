"""The clinician's workspace in the browser: Dr Ruth sees an alert first on the caseload, opens
the client, opens a stage with a message, writes a session note and prints the report; Sam sees
the message and the new stage; Dr Omar of another practice gets 404 for everything of Sam's."""

import pytest
from playwright.sync_api import expect

from e2e.helpers import DEMO_PASSWORD, check_page, login, path_of

pytestmark = pytest.mark.browser

CLINICIAN = "clinician@demo.kindling"


def _omar() -> str:
    """A clinician of another practice, with two-step login; returns his TOTP secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.hashers import make_password

    from kindling.accounts import actions
    from kindling.accounts.models import Practice, Role

    elsewhere = Practice.objects.create(name="Elsewhere Clinic", slug="elsewhere", region="UK")
    omar = actions.create_user("omar@elsewhere.test", None, name="Dr Omar Haddad")
    omar.password = make_password(DEMO_PASSWORD)
    omar.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=omar).update(verified=True)
    actions.add_staff(omar, elsewhere, Role.CLINICIAN)
    secret = generate_totp_secret()
    TOTP.activate(omar, secret)
    return secret


def test_a_session_in_the_workspace(page, live_server, demo):
    from kindling.accounts.models import ClientProfile
    from kindling.program.content import load_programme

    base = live_server.url
    sam = ClientProfile.objects.get(user__email="client@demo.kindling")
    fourth = load_programme().stages[3]
    login(page, base, CLINICIAN, totp_secret=demo.secret(CLINICIAN))
    # The alert comes before the list of clients.
    alerts = page.get_by_role("region", name="Needs your attention")
    table = page.get_by_role("table", name="Clients on your care teams")
    expect(alerts).to_be_visible()
    assert alerts.bounding_box()["y"] < table.bounding_box()["y"]
    check_page(page, base)

    table.get_by_role("link", name="Sam", exact=False).first.click()
    assert path_of(page) == f"/clients/{sam.pk}/"
    check_page(page, base)
    page.get_by_label(f'A note with "{fourth.title}" (optional)').fill(
        "Sam, this one looks at the voice that's hard on you. Go gently."
    )
    page.get_by_role("button", name=f"Open stage {fourth.number}").click()
    expect(page.get_by_text("Opened for Sam.")).to_be_visible()

    page.get_by_role("link", name="Write a note").click()
    page.get_by_label("Focus of the session").fill("Divided loyalty; caring for Mum.")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Divided loyalty; caring for Mum.")).to_be_visible()
    check_page(page, base)

    page.goto(f"{base}/clients/{sam.pk}/report/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Progress report: Sam")
    check_page(page, base)
    page.emulate_media(media="print")
    expect(page.get_by_role("link", name="Download as PDF")).to_be_hidden()
    pdf = page.pdf()  # Chromium prints the page with the print stylesheet
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("button", name="Log out").click()

    login(page, base, "client@demo.kindling")
    page.goto(base + "/programme/")
    expect(page.get_by_role("heading", name=fourth.title)).to_be_visible()
    expect(page.get_by_text("this one looks at the voice that's hard on you")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    secret = _omar()
    login(page, base, "omar@elsewhere.test", totp_secret=secret)
    for path in ("/", "measures/", "notes/", "report/", "report.pdf", "safety-plan/"):
        url = f"{base}/clients/{sam.pk}/{'' if path == '/' else path}"
        response = page.request.get(url)
        assert response.status == 404, (url, response.status)
