"""Crisis help: static pages built from data, reachable logged out and without the database."""

import pytest
from django.test import Client

from kindling.safety import crisis


def test_the_committed_pages_match_the_data():
    rendered = crisis.render_pages()
    for relative, html in rendered.items():
        on_disk = (crisis.PUBLIC_DIR / relative).read_text()
        assert on_disk == html, f"{relative} is stale: run `kindling crisis-pages`"


@pytest.mark.parametrize("code", crisis.REGION_ORDER)
def test_each_region_shows_its_emergency_number_first(code):
    region = crisis.load_regions()[code]
    html = crisis.render_pages()[f"{code.lower()}/index.html"]
    emergency_at = html.index("If you or someone else is in danger")
    if region.emergency:
        emergency_at = html.index(f'href="tel:{region.emergency}"')
    else:
        assert "Call your local emergency number" in html
    for line in region.lines:
        assert html.index(f'href="{line.tel}"') > emergency_at
        if line.text:
            assert f'href="{line.sms}"' in html


def test_australia_has_the_lines_from_the_domain_notes():
    au = crisis.load_regions()["AU"]
    assert au.emergency == "000"
    assert [line.call for line in au.lines] == [
        "13 11 14",
        "1800 55 1800",
        "1300 659 467",
        "1300 22 4636",
    ]


def test_the_page_is_served_without_touching_the_database():
    # No django_db mark: any database query in this request would raise.
    response = Client().get("/crisis/au/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert 'href="tel:000"' in body and "Lifeline" in body
    assert response["Content-Type"].startswith("text/html")


def test_every_page_links_to_the_visitors_region(scene):
    client = Client()
    assert 'href="/crisis/au/"' in client.get("/").content.decode()
    client.force_login(scene.zed)  # Zed lives in the UK
    zed_profile = scene.zed.client_profile
    zed_profile.region = "UK"
    zed_profile.save()
    assert 'href="/crisis/uk/"' in client.get("/today/").content.decode()


def test_young_people_find_their_lines_first():
    html = crisis.render_pages()["au/index.html"]
    kids_at = html.index('id="kids"')
    assert html.index('href="tel:1800551800"') > kids_at  # Kids Helpline, in the kids section
    assert kids_at < html.index("People you can talk to")
    assert kids_at > html.index('href="tel:000"')  # the emergency number still comes first


def test_a_child_is_sent_straight_to_the_kids_section(scene):
    client = Client()
    client.force_login(scene.leo)
    assert 'href="/crisis/au/#kids"' in client.get("/today/").content.decode()
