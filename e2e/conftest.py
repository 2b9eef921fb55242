"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test under e2e/ is marked `browser` (run them alone with `pytest -m browser`). Fixtures:
`browser` (one Chromium per test module), `page` (a fresh context per test, 1280x800), `phone` (a
fresh 390x844 touch context) and `demo` (the demo practice in the live server's database). The
checks and the login helper live in e2e/helpers.py.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from e2e.helpers import DEMO_PASSWORD, PHONE, DemoPractice, Traffic

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("KINDLING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Fail fast: a page of this app that takes longer than this is a failure in itself.
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(items):
    # Belt and braces with each module's `pytestmark`: everything under e2e/ needs a browser.
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


# Per module, not per session: pytest-django runs live-server tests before the tests that need
# no database, and neither Playwright's running event loop nor DJANGO_ALLOW_ASYNC_UNSAFE (which
# `check --deploy` in a subprocess rightly rejects) may outlive the browser tests. A launch costs
# well under a second.
@pytest.fixture(scope="module")
def browser() -> Browser:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make chromium`, or set KINDLING_CHROMIUM.",
            pytrace=False,
        )
    # Playwright's sync API keeps an event loop running in this thread, and Django refuses
    # database access from a thread with a running loop unless told it is safe (it is: nothing
    # here is async). Only while the browser is up, so other tests keep Django's guard.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _record_failure(traffic: Traffic, request) -> None:
    # A request the browser itself abandoned because the page moved on (a favicon still
    # loading when a link is followed) is not the site failing to answer.
    if "ERR_ABORTED" in (request.failure or ""):
        return
    traffic.failures.append((0, request.url))


def new_page(browser: Browser, **context_options) -> Page:
    context = browser.new_context(**context_options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    traffic = Traffic()
    # On the context, not the page, so pop-ups and every frame are counted too.
    context.on("request", lambda request: traffic.requests.append(request.url))
    context.on(
        "response",
        lambda response: (
            traffic.failures.append((response.status, response.url))
            if response.status >= 400
            else None
        ),
    )
    context.on("requestfailed", lambda request: _record_failure(traffic, request))
    context.on(
        "console",
        lambda message: (
            traffic.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page = context.new_page()
    page.traffic = traffic  # type: ignore[attr-defined]
    return page


@pytest.fixture
def page(browser):
    page = new_page(browser, viewport={"width": 1280, "height": 800})
    yield page
    page.context.close()


@pytest.fixture
def phone(browser):
    """A page in a 390x844 phone viewport (about an iPhone 12 to 15), touch and mobile on."""
    page = new_page(
        browser,
        viewport=PHONE,
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
    )
    yield page
    page.context.close()


@pytest.fixture
def demo(transactional_db, live_server) -> DemoPractice:
    """The demo practice in the database the live server reads, set up as `kindling demo` does:
    the people, and two-step login for each staff member."""
    from kindling.accounts import demo as demo_data

    practice = demo_data.load(password=DEMO_PASSWORD)
    secrets = {entry.email: entry.secret for entry in demo_data.staff_mfa()}
    return DemoPractice(practice, secrets)
