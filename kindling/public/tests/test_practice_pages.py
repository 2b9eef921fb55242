"""The practice edits its public words, and reads and handles its enquiries; nobody else can."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import signed_in as _as
from kindling.accounts import rights
from kindling.lib.models import AuditEvent
from kindling.public.models import Enquiry, SiteText


def test_the_practice_page_links_to_the_public_pages_and_enquiries(scene):
    html = _as(scene.adam).get(f"/practice/{scene.harbour.pk}/").content.decode()
    assert f'href="/practice/{scene.harbour.pk}/site/"' in html
    assert f'href="/practice/{scene.harbour.pk}/enquiries/"' in html


def test_an_administrator_changes_a_page_and_it_is_audited(scene):
    adam = _as(scene.adam)
    base = f"/practice/{scene.harbour.pk}/site/"
    assert "Kindling's default" in adam.get(base).content.decode()
    form = adam.get(f"{base}who-we-help/").content.decode()
    assert "Who we help" in form
    response = adam.post(
        f"{base}who-we-help/",
        {"title": "Who we see", "body": "# Families\n\nWe see **families**. <img src=x>"},
    )
    assert response.status_code == 302
    page = Client().get("/p/harbour/who-we-help/").content.decode()
    assert "<h1>Who we see</h1>" in page
    assert "<h2>Families</h2>" in page and "<strong>families</strong>" in page
    assert "<img" not in page and "&lt;img src=x" in page  # raw HTML is shown, never run
    text = SiteText.objects.get(practice=scene.harbour, key="who-we-help")
    assert text.updated_by == scene.adam
    event = AuditEvent.objects.get(action="update", object_type="public.sitetext")
    assert event.actor_id == scene.adam.pk and event.practice_id == scene.harbour.pk
    # Elsewhere still reads its own default.
    assert "Who we help" in Client().get("/p/elsewhere/who-we-help/").content.decode()
    # Back to the default.
    adam.post(f"{base}who-we-help/", {"action": "reset"})
    assert not SiteText.objects.exists()
    assert "<h1>Who we help</h1>" in Client().get("/p/harbour/who-we-help/").content.decode()
    assert AuditEvent.objects.filter(action="delete", object_type="public.sitetext").count() == 1


def test_an_empty_title_is_refused_keeping_the_words(scene):
    response = _as(scene.adam).post(
        f"/practice/{scene.harbour.pk}/site/home/", {"title": "", "body": "My own words here"}
    )
    assert response.status_code == 400
    assert "My own words here" in response.content.decode()
    assert not SiteText.objects.exists()


@pytest.mark.parametrize("person", ["ruth", "fran", "rhea", "sam", "jo", "olive", "gone"])
def test_only_the_practices_administrators_edit_its_pages(scene, person):
    browser = _as(getattr(scene, person))
    base = f"/practice/{scene.harbour.pk}/site/"
    assert browser.get(base).status_code == 404
    assert browser.post(f"{base}home/", {"title": "Hacked", "body": "x"}).status_code == 404
    assert not SiteText.objects.exists()


def test_logged_out_editing_asks_for_a_login(scene):
    response = Client().get(f"/practice/{scene.harbour.pk}/site/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_unknown_page_key_is_a_404(scene):
    assert _as(scene.adam).get(f"/practice/{scene.harbour.pk}/site/nope/").status_code == 404


def _enquiry(practice) -> Enquiry:
    return Enquiry.objects.create(
        practice=practice, name="Robin", contact="robin@example.org", about="Hard on myself"
    )


@pytest.mark.parametrize("person,role", [("adam", "practice_admin"), ("ruth", "clinician")])
def test_administrators_and_clinicians_read_enquiries_and_each_reading_is_audited(
    scene, person, role
):
    enquiry = _enquiry(scene.harbour)
    browser = _as(getattr(scene, person))
    base = f"/practice/{scene.harbour.pk}/enquiries/"
    listing = browser.get(base).content.decode()
    assert f'href="{base}{enquiry.pk}/"' in listing
    assert "Robin" not in listing  # the list shows when, not who
    page = browser.get(f"{base}{enquiry.pk}/").content.decode()
    assert "Robin" in page and "Hard on myself" in page
    event = AuditEvent.objects.get(action="view", object_type="public.enquiry")
    assert event.actor_id == getattr(scene, person).pk and event.actor_role == role
    assert event.object_id == str(enquiry.pk)


@pytest.mark.parametrize("person", ["fran", "rhea", "sam", "jo", "olive", "omar", "gone"])
def test_nobody_else_reads_enquiries(scene, person):
    enquiry = _enquiry(scene.harbour)
    browser = _as(getattr(scene, person))
    base = f"/practice/{scene.harbour.pk}/enquiries/"
    assert browser.get(base).status_code == 404
    assert browser.get(f"{base}{enquiry.pk}/").status_code == 404
    assert browser.post(f"{base}{enquiry.pk}/change", {"action": "handled"}).status_code == 404
    assert not AuditEvent.objects.filter(object_type="public.enquiry").exists()


def test_an_enquiry_is_only_found_under_its_own_practice(scene):
    theirs = _enquiry(scene.elsewhere)
    assert _as(scene.adam).get(
        f"/practice/{scene.harbour.pk}/enquiries/{theirs.pk}/"
    ).status_code == 404  # fmt: skip


def test_marking_handled_and_deleting(scene):
    enquiry = _enquiry(scene.harbour)
    adam = _as(scene.adam)
    url = f"/practice/{scene.harbour.pk}/enquiries/{enquiry.pk}/"
    assert adam.post(f"{url}change", {"action": "handled"}).status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.handled_at and enquiry.handled_by == scene.adam
    assert "Handled on" in adam.get(url).content.decode()
    adam.post(f"{url}change", {"action": "reopen"})
    enquiry.refresh_from_db()
    assert enquiry.handled_at is None
    # Deleting needs the box ticked.
    adam.post(f"{url}change", {"action": "delete"})
    assert Enquiry.objects.filter(pk=enquiry.pk).exists()
    adam.post(f"{url}change", {"action": "delete", "confirm": "yes"})
    assert not Enquiry.objects.filter(pk=enquiry.pk).exists()
    details = list(
        AuditEvent.objects.filter(object_type="public.enquiry").order_by("at", "id")
        .values_list("action", "detail")
    )  # fmt: skip
    assert [a for a, _ in details] == ["update", "view", "update", "delete"]
    assert adam.get(url).status_code == 404


def test_staff_pointers_are_covered_by_rights(scene):
    assert {"public.sitetext", "public.enquiry"} <= rights.COVERED
    enquiry = _enquiry(scene.harbour)
    _as(scene.adam).post(
        f"/practice/{scene.harbour.pk}/enquiries/{enquiry.pk}/change", {"action": "handled"}
    )
    export = dict(e(scene.adam) for e in rights.EXPORTERS)["public_site"]
    assert export["enquiries_you_marked_handled"] == 1
