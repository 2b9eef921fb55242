"""Each person lands on the home that fits their role."""

import pytest
from django.test import Client


@pytest.mark.parametrize("person,home", [
    ("ruth", "/caseload/"),
    ("adam", "/practice/{harbour}/"),
    ("fran", "/work/"),
    ("rhea", "/work/"),
    ("sam", "/today/"),
    ("maya", "/today/"),
    ("leo", "/today/"),
    ("jo", "/family/"),
])  # fmt: skip
def test_it_sends_each_role_home(scene, person, home):
    client = Client()
    client.force_login(getattr(scene, person))
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == home.format(harbour=scene.harbour.pk)


def test_a_child_sees_the_child_version(scene):
    client = Client()
    client.force_login(scene.leo)
    page = client.get("/today/").content.decode()
    assert "age-child" in page and "Ember" in page


def test_a_teen_and_an_adult_see_their_own_versions(scene):
    client = Client()
    client.force_login(scene.maya)
    assert "Hey Maya" in client.get("/today/").content.decode()
    client.force_login(scene.sam)
    assert "Good to see you" in client.get("/today/").content.decode()


def test_the_caseload_shows_only_the_clinicians_own_clients(scene):
    client = Client()
    client.force_login(scene.ruth)
    page = client.get("/caseload/").content.decode()
    assert "Sam Taylor" in page and "Maya" in page and "Leo Martin" in page
    assert "Zed" not in page


def test_role_pages_are_404_for_other_roles(scene):
    client = Client()
    client.force_login(scene.sam)
    for path in ("/caseload/", "/work/", "/practice/", "/family/", "/invite/"):
        assert client.get(path).status_code == 404, path


def test_logged_out_people_see_the_welcome_and_are_asked_to_log_in(db):
    client = Client()
    assert b"A kinder way of being with yourself" in client.get("/").content
    response = client.get("/today/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_practice_page_shows_no_clinical_content(scene):
    client = Client()
    client.force_login(scene.adam)
    page = client.get(f"/practice/{scene.harbour.pk}/").content.decode()
    assert "3 clients on the programme" in page
    assert "Sam Taylor" not in page and "Maya" not in page
