"""A practice edits its region's crisis lines; the page is a file that loads without the
database, and the practice's clients' Help now link points to it."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import signed_in as _as
from kindling.safety import practice_lines


def _form(lines: list[dict]) -> dict:
    data = {"form-TOTAL_FORMS": str(len(lines)), "form-INITIAL_FORMS": "0",
            "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "12", "action": "save"}  # fmt: skip
    for n, line in enumerate(lines):
        for key, value in line.items():
            data[f"form-{n}-{key}"] = value
    return data


LOCAL = {"name": "Harbour Community Mental Health", "call": "03 9555 0100",
         "hours": "8am to 8pm", "about": "Our local team, for our clients."}  # fmt: skip
LIFELINE = {"name": "Lifeline", "call": "13 11 14", "hours": "24 hours", "about": "Anyone."}
KIDS = {"name": "Kids Helpline", "call": "1800 55 1800", "about": "Young people.", "young": "on"}


@pytest.fixture(autouse=True)
def _own_data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def test_a_practice_admin_edits_the_list_and_clients_see_it(scene):
    adam = _as(scene.adam)
    url = f"/practice/{scene.harbour.pk}/crisis-lines/"
    assert "Lifeline" in adam.get(url).content.decode()  # starts from the standard list
    response = adam.post(url, _form([LOCAL, LIFELINE, KIDS]))
    assert response.status_code == 302
    page = _as(scene.sam).get("/today/").content.decode()
    assert 'href="/crisis/practice/harbour/"' in page
    served = Client().get("/crisis/practice/harbour/")  # logged out
    html = b"".join(served.streaming_content).decode()
    assert "Harbour Community Mental Health" in html and "tel:0395550100" in html
    assert html.index("Call 000") < html.index("Harbour Community")  # emergency first
    assert 'id="kids"' in html and "Kids Helpline" in html


def test_the_practice_page_is_served_without_the_database(scene, django_db_blocker):
    _as(scene.adam).post(f"/practice/{scene.harbour.pk}/crisis-lines/", _form([LOCAL]))
    with django_db_blocker.block():  # any query now raises
        served = Client().get("/crisis/practice/harbour/")
        assert served.status_code == 200
        assert b"Harbour Community" in b"".join(served.streaming_content)


@pytest.mark.parametrize("change,message", [
    ({"call": "call us"}, "Use digits"),
    ({"name": ""}, "This field is required"),
    ({"about": "x" * 201}, "at most 200"),
])  # fmt: skip
def test_bad_lines_are_refused_and_nothing_is_written(scene, change, message):
    response = _as(scene.adam).post(
        f"/practice/{scene.harbour.pk}/crisis-lines/", _form([{**LOCAL, **change}])
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not practice_lines.has_own_page("harbour")


def test_too_many_lines_are_refused(scene):
    response = _as(scene.adam).post(
        f"/practice/{scene.harbour.pk}/crisis-lines/", _form([LOCAL] * 13)
    )
    assert response.status_code == 400
    assert not practice_lines.has_own_page("harbour")


def test_going_back_to_the_standard_list(scene):
    adam = _as(scene.adam)
    url = f"/practice/{scene.harbour.pk}/crisis-lines/"
    adam.post(url, _form([LOCAL]))
    adam.post(url, {"action": "reset"})
    assert not practice_lines.has_own_page("harbour")
    assert 'href="/crisis/au/"' in _as(scene.sam).get("/today/").content.decode()
    assert Client().get("/crisis/practice/harbour/").status_code == 404


@pytest.mark.parametrize("who", ["ruth", "sam", "olive", "fran"])
def test_only_the_practices_admin_can_edit(scene, who):
    url = f"/practice/{scene.harbour.pk}/crisis-lines/"
    assert _as(getattr(scene, who)).post(url, _form([LOCAL])).status_code == 404
    assert not practice_lines.has_own_page("harbour")


def test_an_optional_field_says_so_once(scene):
    page = _as(scene.adam).get(f"/practice/{scene.harbour.pk}/crisis-lines/").content.decode()
    assert "Text number" in page and "(optional) <span" not in page
    assert page.count("(optional)") == page.count('class="optional"')


def test_a_line_for_someone_hurt_at_home_is_offered_to_them_first(scene):
    """A practice can add a family-violence service and mark it: someone who wrote that they
    may not be safe at home sees it first, and no line meant only for suicidal thoughts."""
    home = {"name": "Harbour Family Safety", "call": "03 9555 0199", "about": "If home is not "
            "safe.", "topic": "home"}  # fmt: skip
    suicide = {"name": "Call Back Line", "call": "1300 000 000", "about": "Suicidal thoughts.",
               "topic": "suicide"}  # fmt: skip
    adam = _as(scene.adam)
    url = f"/practice/{scene.harbour.pk}/crisis-lines/"
    assert "Mainly for" in adam.get(url).content.decode()
    assert adam.post(url, _form([LIFELINE, suicide, KIDS, home])).status_code == 302
    region = practice_lines.region_for(scene.harbour)
    assert [line.topic for line in region.lines] == ["", "suicide", "", "home"]
    page = _as(scene.maya).get("/safety/support/you/").content.decode()  # Maya is 14
    lines = page.split('id="lines-heading"')[1]
    order = [lines.index(name) for name in ("Harbour Family Safety", "Kids Helpline", "Lifeline")]
    assert order == sorted(order) and "Call Back Line" not in lines
    # The same practice's page for a worried young person still offers every line.
    assert "Call Back Line" in _as(scene.maya).get("/safety/support/").content.decode()
    # The edit form shows what each line was marked for.
    assert 'value="home" selected' in adam.get(url).content.decode()
