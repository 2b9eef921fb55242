"""Friendly error pages that leak nothing."""

import pytest
from django.test import Client, RequestFactory, override_settings

from kindling.lib import errors


def test_404_is_friendly_and_keeps_the_crisis_link(db):
    response = Client().get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "We couldn't find that page" in page
    assert 'href="/crisis/au/"' in page


def test_a_body_that_is_too_large_gets_413(db):
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000):
        response = Client().post("/accounts/login/", {"login": "x" * 5000, "password": "y"})
    assert response.status_code == 413
    assert b"too large to send" in response.content


def test_a_stale_form_gets_the_calm_403(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "a@b.test", "password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "This page isn't available" in page
    assert "CSRF" not in page


def test_500_says_nothing_about_the_failure():
    request = RequestFactory().get("/")
    response = errors.server_error(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert "It isn't anything you did" in page
    assert "/crisis/" in page
    assert "Traceback" not in page and "settings" not in page.lower()


@pytest.mark.parametrize("handler,status", [(errors.bad_request, 400),
                                            (errors.permission_denied, 403)])  # fmt: skip
def test_other_handlers(db, handler, status):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert handler(request).status_code == status
