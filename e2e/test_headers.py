"""In Chromium: the security headers arrive, and the policy holds (nothing from elsewhere)."""

import pytest

from e2e.helpers import check_page, login

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/today/"])
def test_every_page_carries_the_security_headers(page, live_server, demo, path):
    base = live_server.url
    if path == "/today/":
        login(page, base, "client@demo.kindling")
    response = page.goto(base + path)
    headers = response.headers
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert "camera=()" in headers["permissions-policy"]
    check_page(page, base)  # same origin only, nothing blocked by the policy, axe clean


def test_the_policy_really_blocks_an_inline_script(page, live_server):
    page.goto(live_server.url + "/")
    blocked = []
    page.on("console", lambda message: blocked.append(message.text))
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__ran = true'; document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.__ran === true") is False
    assert any("Content Security Policy" in text for text in blocked)
