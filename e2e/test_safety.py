"""Safety in the browser: an urgent journal entry brings the calm crisis page at once, the alert
waits at the top of Dr Ruth's caseload until she acknowledges it, and the crisis page loads with
the database down."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from e2e.helpers import check_page, login, path_of

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CLINICIAN = "clinician@demo.kindling"


def test_an_urgent_entry_shows_help_and_the_alert_waits_for_acknowledgement(
    page, live_server, demo
):
    base = live_server.url
    login(page, base, "client@demo.kindling")
    page.get_by_role("link", name="My journal").click()
    page.get_by_role("link", name="Write freely").click()
    page.get_by_label("Write whatever you like").fill(
        "I can't do this anymore. Everyone would be better off without me."
    )
    page.get_by_role("button", name="Save").click()
    assert path_of(page) == "/safety/check/"
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You don't have to go through this alone"
    )
    expect(page.get_by_role("button", name="Call 000")).to_be_visible()
    expect(page.get_by_role("heading", name="Your safety plan")).to_be_visible()
    check_page(page, base)
    # Going elsewhere leads back here until Sam says they are safe right now.
    page.goto(base + "/today/")
    assert path_of(page) == "/safety/check/"
    page.get_by_role("button", name="I'm safe right now").click()
    assert path_of(page) == "/today/"
    page.get_by_role("button", name="Log out").click()

    login(page, base, CLINICIAN, totp_secret=demo.secret(CLINICIAN))
    alerts = page.get_by_role("region", name="Needs your attention")
    expect(alerts.get_by_role("link", name="Sam: possible risk to the client")).to_be_visible()
    check_page(page, base)
    alerts.get_by_role("link", name="Sam: possible risk to the client").click()
    expect(page.get_by_role("heading", name="Why the screen raised it")).to_be_visible()
    check_page(page, base)
    page.get_by_role("button", name="Acknowledge with this note").click()  # no note yet
    expect(page.get_by_text("Please write a line about what was done")).to_be_visible()
    page.get_by_label("What was done").fill("Phoned Sam at 4 pm; reviewed the safety plan.")
    page.get_by_role("button", name="Acknowledge with this note").click()
    assert path_of(page) == "/caseload/"
    expect(page.get_by_role("link", name="Sam: possible risk to the client")).to_have_count(0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_crisis_page_loads_with_the_database_down(page):
    """A real server whose database is unreachable (nothing listens on its port)."""
    port = _free_port()
    data_dir = tempfile.mkdtemp(prefix="kindling-db-down-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINDLING_")}
    env.update(
        KINDLING_DEBUG="false",
        KINDLING_SECRET_KEY="db-down-test-" + "s" * 50,
        KINDLING_ENCRYPTION_KEYS="dGVzdC1vbmx5LWtleS1mb3Ita2luZGxpbmctdGVzdHM=",
        KINDLING_DATA_DIR=data_dir,
        KINDLING_DATABASE_URL="postgres://kindling@127.0.0.1:9/nothing-listens-here",
        KINDLING_ALLOWED_HOSTS="127.0.0.1,localhost",
        KINDLING_SSL_REDIRECT="false",
        KINDLING_SECURE_COOKIES="false",
        KINDLING_HSTS_SECONDS="0",
    )
    server = subprocess.Popen(  # noqa: S603 — our own server, fixed arguments
        [str(Path(sys.executable).with_name("gunicorn")), "kindling.wsgi:application",
         f"--bind=127.0.0.1:{port}", "--workers=1", "--log-level=warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/crisis/", timeout=1)  # noqa: S310 (http on loopback)
                break
            except OSError:
                time.sleep(0.1)
        # The database really is down: a page that needs it fails (calmly).
        with pytest.raises(urllib.error.HTTPError) as failed:
            urllib.request.urlopen(base + "/accounts/login/", timeout=5)  # noqa: S310
        assert failed.value.code == 500
        response = page.goto(base + "/crisis/au/")
        assert response.status == 200
        expect(page.get_by_role("heading", level=1)).to_have_text("Help, right now")
        expect(page.get_by_role("link", name="Call 000")).to_have_attribute("href", "tel:000")
    finally:
        server.terminate()
        server.wait(timeout=10)
