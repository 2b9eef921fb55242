"""What the browser tests share: the demo people, and the checks every page gets.

- `check_page(page, base_url)`: every request so far went to the live server (or was a
  data:/about:/blob: URL) and was answered without error, the CSP blocked nothing, and axe-core
  finds nothing serious or critical on the page;
- `check_axe(page)`, `assert_same_origin(page, base_url)`, ...: those checks one at a time;
- `login(page, base_url, email, password, totp_secret)`: logs in through the real forms;
- `assert_no_sideways_scroll(page)`, `assert_on_first_screen(page, locator)`: phone layout.

The `page` and `phone` fixtures (e2e/conftest.py) attach a `Traffic` record to each page as
`page.traffic`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"

DEMO_PASSWORD = "e2e-demo-passphrase"
DEMO = "demo.kindling"
# Who logs in, and the path each lands on (the admin's /practice/ redirects on to their practice).
HOMES = {
    f"clinician@{DEMO}": "/caseload/",
    f"client@{DEMO}": "/today/",
    f"teen@{DEMO}": "/today/",
    f"child@{DEMO}": "/today/",
    f"guardian@{DEMO}": "/family/",
    f"facilitator@{DEMO}": "/work/",
    f"admin@{DEMO}": "/practice/<id>/",
}
# Request schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "about", "blob"}
SERIOUS = {"serious", "critical"}
# A phone-sized viewport, about an iPhone 12 to 15.
PHONE = {"width": 390, "height": 844}


@dataclass
class Traffic:
    """What one browser context asked for, and what its pages logged as errors."""

    requests: list[str] = field(default_factory=list)
    # (status, URL) of every response of 400 or more, and every request that got no answer.
    failures: list[tuple[int, str]] = field(default_factory=list)
    # Failures a test has said it meant (a 404 page's own 404).
    expected_failures: set[tuple[int, str]] = field(default_factory=set)
    console_errors: list[str] = field(default_factory=list)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def path_of(page: Page) -> str:
    return urlsplit(page.url).path


def assert_same_origin(page: Page, base_url: str) -> None:
    """Every request the context has made so far went to the live server (or stayed local)."""
    requests = page.traffic.requests
    assert requests, "no requests were recorded: the recorder is broken"
    foreign = [
        url
        for url in requests
        if urlsplit(url).scheme not in LOCAL_SCHEMES and origin(url) != origin(base_url)
    ]
    assert not foreign, "requests left the site:\n  " + "\n  ".join(foreign)


def assert_nothing_failed(page: Page, document_status: int = 200) -> None:
    """Every response so far was a success (a stylesheet that 404s fails here), except that the
    current document itself may carry `document_status` (a 404 page is meant to be a 404)."""
    if document_status >= 400:
        page.traffic.expected_failures.add((document_status, page.url))
    failed = [
        f"{status or 'no answer'} {url}"
        for status, url in page.traffic.failures
        if (status, url) not in page.traffic.expected_failures
    ]
    assert not failed, "requests failed:\n  " + "\n  ".join(failed)


def assert_no_csp_violations(page: Page) -> None:
    blocked = [m for m in page.traffic.console_errors if "Content Security Policy" in m]
    assert not blocked, "the Content Security Policy blocked something:\n  " + "\n  ".join(blocked)


_axe_source: str | None = None


def check_axe(page: Page) -> None:
    """Run axe-core on the page as it is now; fail on any serious or critical violation.

    axe is injected by evaluating its source over the DevTools protocol: the site's CSP allows no
    inline scripts, so a <script> tag would be blocked (and should be).
    """
    global _axe_source
    if _axe_source is None:
        if not AXE_JS.is_file():
            pytest.fail(f"{AXE_JS} is missing: run `npm ci`.", pytrace=False)
        _axe_source = AXE_JS.read_text()
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source)
    violations = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ['violations']});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
            }));
        }"""
    )
    serious = [v for v in violations if v["impact"] in SERIOUS]
    if serious:
        lines = [f"axe found {len(serious)} serious or critical problem(s) on {page.url}:"]
        for v in serious:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
            for node in v["nodes"]:
                lines.append(f"    at {node['target']}")
                lines.extend(f"      {s}" for s in (node["summary"] or "").splitlines())
        pytest.fail("\n".join(lines), pytrace=False)


def check_page(page: Page, base_url: str, document_status: int = 200) -> None:
    """The checks every page gets: every request answered and same-origin, nothing blocked by
    the CSP, and axe clean (checked last, so it never runs on a page missing its stylesheet)."""
    assert_same_origin(page, base_url)
    assert_nothing_failed(page, document_status)
    assert_no_csp_violations(page)
    check_axe(page)


@dataclass
class DemoPractice:
    """The demo practice as loaded for a test, with each staff member's two-step login secret."""

    practice: object
    totp_secrets: dict[str, str]

    @property
    def pk(self) -> int:
        return self.practice.pk

    def secret(self, email: str) -> str | None:
        return self.totp_secrets.get(email)


def fresh_code(secret: str) -> str:
    """The authenticator code for now, waiting first if this one is about to expire (allauth
    accepts only the current period's code, so one typed at :29 and checked at :30 fails)."""
    from allauth.mfa import app_settings

    from kindling.accounts.demo import current_code

    left = app_settings.TOTP_PERIOD - time.time() % app_settings.TOTP_PERIOD
    if left < 3:
        time.sleep(left + 0.2)
    return current_code(secret)


def login(
    page: Page,
    base_url: str,
    email: str,
    password: str = DEMO_PASSWORD,
    totp_secret: str | None = None,
    check: bool = False,
) -> None:
    """Log in through the real forms, giving the authenticator code if the person has two-step
    login, and wait until the browser has left the login pages. With `check`, the login and code
    pages get `check_page` on the way."""
    if path_of(page) != "/accounts/login/":
        page.goto(f"{base_url}/accounts/login/")
    if check:
        check_page(page, base_url)
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if totp_secret is not None:
        assert path_of(page) == "/accounts/2fa/authenticate/", "staff were not asked for a code"
        if check:
            check_page(page, base_url)
        page.locator("input[name=code]").fill(fresh_code(totp_secret))
        page.locator("input[name=code]").press("Enter")
        page.wait_for_url(lambda url: "/accounts/2fa/authenticate/" not in url)
    else:
        assert not path_of(page).startswith("/accounts/2fa/"), f"{email} was asked for a code"
    # Logged in means the header carries the logout button.
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def expected_home(email: str, practice_id: int) -> str:
    return HOMES[email].replace("<id>", str(practice_id))


# --- Phone layout --------------------------------------------------------------------------


def assert_no_sideways_scroll(page: Page) -> None:
    """In the phone viewport, the page is no wider than the screen."""
    widths = page.evaluate(
        """() => ({inner: window.innerWidth,
                   scroll: document.documentElement.scrollWidth,
                   body: document.body.scrollWidth})"""
    )
    # A mobile browser zooms out to fit a page that is too wide, which widens innerWidth.
    assert widths["inner"] == PHONE["width"], f"the page was zoomed out to fit: {widths}"
    assert widths["scroll"] <= widths["inner"], f"{page.url} scrolls sideways: {widths}"
    assert widths["body"] <= widths["inner"], f"{page.url} scrolls sideways: {widths}"


def assert_on_first_screen(page: Page, locator: Locator) -> None:
    """Visible, entirely inside the viewport at the top of the page, and not covered."""
    page.evaluate("() => window.scrollTo(0, 0)")
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"off the side: {box}"
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], f"below the fold: {box}"
    on_top = locator.evaluate(
        """(el) => {
            const r = el.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return el.contains(hit);
        }"""
    )
    assert on_top, "something covers it"


def assert_tap_target(locator: Locator, least: int = 44) -> None:
    """Big enough to tap without care: WCAG 2.5.5 asks for 44 by 44 CSS pixels."""
    box = locator.bounding_box()
    assert box is not None
    assert box["width"] >= least and box["height"] >= least, f"too small to tap: {box}"
