"""Anyone can read a practice's public pages, logged out, in the practice's name."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from kindling.accounts.models import Practice
from kindling.groups.models import Workshop, WorkshopSession

PAGES = ["", "self-compassion/", "who-we-help/", "workshops/", "therapy/", "therapy/thanks/"]


@pytest.mark.parametrize("page", PAGES)
def test_every_public_page_reads_logged_out_in_the_practices_name(scene, page):
    response = Client().get(f"/p/harbour/{page}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Harbour Light Psychology" in html
    assert 'href="/accounts/login/"' in html  # the login stays one tap away
    assert 'href="/crisis/au/"' in html  # Help now, for the practice's region
    assert "Elsewhere Clinic" not in html


def test_the_texts_say_what_the_issue_asks(scene):
    client = Client()
    what = client.get("/p/harbour/self-compassion/").content.decode()
    for words in ("self-judgement", "isolation", "over-identification", "self-care"):
        assert words in what
    who = client.get("/p/harbour/who-we-help/").content.decode()
    assert "parent who lived with a mental illness" in who
    assert "never blame parents" in who


def test_an_unknown_practice_is_a_404(db):
    for page in PAGES:
        assert Client().get(f"/p/nobody-here/{page}").status_code == 404


def test_a_region_elsewhere_gets_its_own_crisis_lines(scene):
    html = Client().get("/p/elsewhere/").content.decode()
    assert 'href="/crisis/uk/"' in html


def _workshop(practice, slug, *, published=True, cancelled=False, days=7):
    workshop = Workshop.objects.create(
        practice=practice, slug=slug, title=f"Workshop {slug}", capacity=10,
        is_published=published, cancelled_at=timezone.now() if cancelled else None,
        summary="A **gentle** start. <script>alert(1)</script>",
    )  # fmt: skip
    WorkshopSession.objects.create(
        workshop=workshop, starts_at=timezone.now() + dt.timedelta(days=days)
    )
    return workshop


def test_workshops_lists_only_upcoming_published_ones(scene):
    _workshop(scene.harbour, "coming-up")
    _workshop(scene.harbour, "draft", published=False)
    _workshop(scene.harbour, "called-off", cancelled=True)
    _workshop(scene.harbour, "over", days=-3)
    _workshop(scene.elsewhere, "theirs")
    html = Client().get("/p/harbour/workshops/").content.decode()
    assert "Workshop coming-up" in html
    assert 'href="/p/harbour/workshops/coming-up/"' in html
    for hidden in ("Workshop draft", "Workshop called-off", "Workshop over", "Workshop theirs"):
        assert hidden not in html
    assert "<strong>gentle</strong>" in html
    assert "<script>alert(1)</script>" not in html


def test_no_workshops_says_so_kindly(scene):
    html = Client().get("/p/harbour/workshops/").content.decode()
    assert "no workshops planned just now" in html


@pytest.mark.parametrize("page", ["", "self-compassion/", "who-we-help/", "workshops/"])
def test_reading_sets_no_cookie_and_loads_nothing_from_elsewhere(scene, page):
    response = Client().get(f"/p/harbour/{page}")
    assert response.cookies == {} and not response.has_header("Set-Cookie")
    html = response.content.decode()
    assert "http://" not in html and "https://" not in html


def test_the_enquiry_page_sets_only_the_csrf_cookie(scene):
    response = Client().get("/p/harbour/therapy/")
    assert set(response.cookies) == {"csrftoken"}


def test_the_front_door_shows_the_only_practice(db, settings):
    settings.PUBLIC_PRACTICE = ""
    Practice.objects.create(name="Solo Practice", slug="solo")
    response = Client().get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Solo Practice" in html and 'href="/p/solo/self-compassion/"' in html
    assert response.cookies == {}


def test_the_front_door_shows_the_named_practice_or_the_welcome(scene, settings):
    settings.PUBLIC_PRACTICE = ""
    assert "A kinder way" in Client().get("/").content.decode()
    assert "Harbour Light Psychology" not in Client().get("/").content.decode()  # two practices
    settings.PUBLIC_PRACTICE = "elsewhere"
    assert "Elsewhere Clinic" in Client().get("/").content.decode()
    settings.PUBLIC_PRACTICE = "no-such-practice"
    welcome = Client().get("/").content.decode()
    assert "Elsewhere Clinic" not in welcome and 'href="/accounts/login/"' in welcome
