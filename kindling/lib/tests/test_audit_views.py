"""Reading the audit trail: the practice administrator's log and a client's "who opened my record".

Every test here would fail if its page stopped showing (or started showing) the rows it names.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from conftest import Scene
from kindling.accounts import actions
from kindling.accounts.models import Role, User
from kindling.lib.models import AuditEvent

MELBOURNE = ZoneInfo("Australia/Melbourne")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def log_url(scene: Scene, practice=None) -> str:
    return f"/practice/{(practice or scene.harbour).pk}/audit/"


def rows(response) -> list[str]:
    """The text of each body row of the page's table, tags stripped."""
    html = response.content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    ]


def person(email: str) -> int:
    """Someone in the user table (the trail keeps only ids, so names come from there)."""
    return User.objects.get_or_create(email=email)[0].pk


def event(scene: Scene, at: dt.datetime, who: str = "x@test", **fields) -> AuditEvent:
    defaults = {"action": "update", "practice_id": scene.harbour.pk, "actor_id": person(who)}
    return AuditEvent.objects.create(at=at, **{**defaults, **fields})


# The practice administrator's log ------------------------------------------------------------


def test_the_admin_sees_their_practices_events_and_no_one_elses(scene):
    signed_in(scene.ruth).get(f"/clients/{scene.sam.client_profile.pk}/")
    signed_in(scene.omar).get(f"/clients/{scene.zed.client_profile.pk}/")
    response = signed_in(scene.adam).get(log_url(scene))
    assert response.status_code == 200
    views = [row for row in rows(response) if "Opened" in row]
    assert len(views) == 1
    assert "Dr Ruth Adeyemi" in views[0] and "ruth@harbour.test" in views[0]
    assert "Clinician" in views[0] and "Client record" in views[0] and "Sam Taylor" in views[0]
    page = response.content.decode()
    assert "omar@elsewhere.test" not in page and "Zed Okafor" not in page


def test_the_log_is_newest_first_and_shows_the_practices_time_zone(scene):
    event(scene, dt.datetime(2025, 3, 10, 9, 0, tzinfo=dt.UTC), who="older@test")
    # 23:30 on 10 March in Melbourne is 12:30 UTC.
    event(scene, dt.datetime(2025, 3, 10, 12, 30, tzinfo=dt.UTC), who="newer@test")
    listed = rows(signed_in(scene.adam).get(log_url(scene), {"person": "er@test"}))
    assert len(listed) == 2
    assert listed[0].startswith("10 Mar 2025, 23:30:00 newer@test")
    assert listed[1].startswith("10 Mar 2025, 20:00:00 older@test")


def test_sign_ins_of_the_practices_people_show_in_its_log(scene):
    signed_in(scene.sam)  # force_login sends the same signal a real login does
    signed_in(scene.zed)
    login = AuditEvent.objects.get(action="login", actor_id=scene.sam.pk)
    assert login.practice_id == scene.harbour.pk
    page = signed_in(scene.adam).get(log_url(scene), {"action": "login"}).content.decode()
    assert "sam@example.test" in page
    assert "zed@example.test" not in page
    olives = signed_in(scene.olive).get(log_url(scene, scene.elsewhere), {"action": "login"})
    assert "zed@example.test" in olives.content.decode()
    assert "sam@example.test" not in olives.content.decode()


def test_someone_in_two_practices_signs_in_to_both_logs(scene):
    actions.add_staff(scene.jo, scene.elsewhere, Role.FACILITATOR)
    signed_in(scene.jo)
    assert AuditEvent.objects.get(action="login", actor_id=scene.jo.pk).practice_id is None
    for admin, practice in ((scene.adam, scene.harbour), (scene.olive, scene.elsewhere)):
        response = signed_in(admin).get(log_url(scene, practice), {"action": "login"})
        assert any("jo@example.test" in row for row in rows(response)), admin
    # A sign-in with no practice by someone who is nobody's stays out of every log.
    AuditEvent.objects.create(action="login", actor_id=person("nobody@test"))
    response = signed_in(scene.adam).get(log_url(scene), {"action": "login"})
    assert "nobody@test" not in response.content.decode()


def test_a_failed_login_shows_in_the_log_of_the_account_tried(scene):
    Client().post("/accounts/login/", {"login": "Sam@Example.test", "password": "not-it-at-all"})
    failed = AuditEvent.objects.get(action="login_failed")
    assert (failed.actor_id, failed.subject_id) == (None, scene.sam.pk)
    assert failed.practice_id == scene.harbour.pk
    response = signed_in(scene.adam).get(log_url(scene), {"person": "sam@example"})
    [row] = [row for row in rows(response) if "Login failed" in row]
    assert "Not signed in" in row and "Sam Taylor" in row
    assert "sam@example.test" not in str(list(AuditEvent.objects.values()))
    assert "not-it-at-all" not in response.content.decode()
    olives = signed_in(scene.olive).get(log_url(scene, scene.elsewhere))
    assert not any("Login failed" in row for row in rows(olives))


def test_the_admin_filters_by_action_person_and_dates(scene):
    signed_in(scene.ruth).get(f"/clients/{scene.sam.client_profile.pk}/")
    signed_in(scene.jo).get(f"/family/{scene.maya.client_profile.pk}/")
    adam = signed_in(scene.adam)

    views = rows(adam.get(log_url(scene), {"action": "view"}))
    assert len(views) == 2 and all("Opened" in row for row in views)

    ruths = rows(adam.get(log_url(scene), {"person": "RUTH@harbour"}))
    assert ruths and all("ruth@harbour.test" in row for row in ruths)
    assert not any("jo@example.test" in row for row in ruths)

    response = adam.get(log_url(scene), {"action": "view", "person": "jo@"})
    [row] = rows(response)
    assert "Jo Kowalski" in row and "Guardian" in row and "Maya Kowalski" in row
    assert b"1 entry matches the filter." in response.content

    # Whole days in the practice's time zone: 23:30 in Melbourne belongs to that day.
    late = dt.datetime(2025, 3, 10, 23, 30, tzinfo=MELBOURNE)
    event(scene, late, who="late@test")
    # ...and 00:30 on the 11th in Melbourne (13:30 on the 10th in UTC) to the 11th.
    event(scene, late + dt.timedelta(hours=1), who="early@test")
    event(scene, late + dt.timedelta(days=3), who="later@test")
    on_the_tenth = rows(adam.get(log_url(scene), {"from": "2025-03-10", "to": "2025-03-10"}))
    assert len(on_the_tenth) == 1 and "late@test" in on_the_tenth[0]
    from_the_eleventh = rows(adam.get(log_url(scene), {"from": "2025-03-11", "to": "2025-03-31"}))
    assert len(from_the_eleventh) == 2
    assert "later@test" in from_the_eleventh[0] and "early@test" in from_the_eleventh[1]
    nothing = adam.get(log_url(scene), {"from": "2024-01-01", "to": "2024-01-31"})
    assert rows(nothing) == [] and b"Nothing matches this filter." in nothing.content


def test_the_filter_works_without_javascript(scene):
    page = signed_in(scene.adam).get(log_url(scene)).content.decode()
    assert re.search(r'<form method="get" action="/practice/\d+/audit/"', page)
    for name in ("action", "person", "from", "to"):
        assert re.search(rf'<label for="id_{name}">', page), name
        assert f'name="{name}"' in page
    assert "<script" not in page


@pytest.mark.parametrize("viewer", ["olive", "ruth", "sam", "jo", "fran"])
def test_anyone_but_the_practices_admin_gets_a_404(scene, viewer):
    response = signed_in(getattr(scene, viewer)).get(log_url(scene))
    assert response.status_code == 404
    assert b"harbour" not in response.content.lower()


def test_a_visitor_who_is_not_signed_in_is_sent_to_log_in(scene):
    response = Client().get(log_url(scene))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("query", "message"), [
    ({"from": "not-a-date"}, "Enter a date as year-month-day"),
    ({"to": "2025-02-30"}, "Enter a date as year-month-day"),
    ({"from": "2025-03-10", "to": "2025-03-01"}, "The end date is before the start date."),
    ({"action": "steal"}, "Select a valid choice."),
])  # fmt: skip
def test_a_filter_that_cannot_be_used_is_explained_not_applied(scene, query, message):
    signed_in(scene.ruth).get(f"/clients/{scene.sam.client_profile.pk}/")
    response = signed_in(scene.adam).get(log_url(scene), query)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Nothing is listed until the filter above can be used." in page
    assert rows(response) == []


@pytest.mark.parametrize(("page", "message", "first_row"), [
    ("abc", "“abc” isn&#x27;t a page number, so this is the first page.", "entry-59@test"),
    ("0", "Pages start at 1, so this is the first page.", "entry-59@test"),
    ("99999", "There are only 2 pages, so this is the last one.", "entry-9@test"),
    ("2", None, "entry-9@test"),
])  # fmt: skip
def test_pages_of_fifty_and_a_bad_page_number_is_explained(scene, page, message, first_row):
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    AuditEvent.objects.bulk_create(
        AuditEvent(at=start + dt.timedelta(minutes=n), action="update",
                   practice_id=scene.harbour.pk, actor_id=person(f"entry-{n}@test"))
        for n in range(60)
    )  # fmt: skip
    response = signed_in(scene.adam).get(log_url(scene), {"person": "entry-", "page": page})
    assert response.status_code == 200
    listed = rows(response)
    assert first_row in listed[0]
    assert len(listed) == (50 if first_row == "entry-59@test" else 10)
    if message:
        assert message in response.content.decode()
    if page == "2":
        # The newer page's link keeps the filter.
        assert 'href="?person=entry-&amp;page=1"' in response.content.decode()


def test_the_practice_page_links_to_the_log(scene):
    page = signed_in(scene.adam).get(f"/practice/{scene.harbour.pk}/").content.decode()
    assert f'href="/practice/{scene.harbour.pk}/audit/"' in page


# A client's "who opened my record" ------------------------------------------------------------


def visits(user) -> list[str]:
    response = signed_in(user).get("/my-record/visits/")
    assert response.status_code == 200
    return rows(response)


def test_a_client_sees_their_clinician_open_their_record_and_nothing_else(scene):
    assert visits(scene.sam) == []
    ruth = signed_in(scene.ruth)
    assert ruth.get(f"/clients/{scene.sam.client_profile.pk}/").status_code == 200
    assert ruth.get(f"/clients/{scene.leo.client_profile.pk}/").status_code == 200
    [visit] = visits(scene.sam)
    assert visit.startswith("Dr Ruth Adeyemi, your clinician")
    leos = visits(scene.leo)
    assert len(leos) == 1 and "your clinician" in leos[0]
    assert visits(scene.maya) == []


def test_a_guardians_visit_shows_as_their_guardian(scene):
    assert signed_in(scene.jo).get(f"/family/{scene.maya.client_profile.pk}/").status_code == 200
    [visit] = visits(scene.maya)
    assert visit.startswith("Jo Kowalski, your guardian")
    assert visits(scene.sam) == []


def test_visits_are_newest_first_in_the_practices_time_zone(scene):
    for hour, who in ((1, scene.jo), (4, scene.ruth)):
        AuditEvent.objects.create(
            at=dt.datetime(2025, 6, 2, hour, 15, tzinfo=dt.UTC), action="view",
            actor_id=who.pk,
            actor_role="guardian" if who == scene.jo else "clinician",
            practice_id=scene.harbour.pk, subject_id=scene.maya.pk,
        )  # fmt: skip
    # 04:15 UTC on 2 June is 2:15 in the afternoon in Melbourne (UTC+10 in winter).
    assert visits(scene.maya) == [
        "Dr Ruth Adeyemi, your clinician Monday 2 June 2025, 2:15 p.m.",
        "Jo Kowalski, your guardian Monday 2 June 2025, 11:15 a.m.",
    ]


def test_the_name_shown_is_the_current_one_or_else_a_kind_placeholder(scene):
    signed_in(scene.ruth).get(f"/clients/{scene.sam.client_profile.pk}/")
    scene.ruth.name = "Dr Ruth Adeyemi-Cole"
    scene.ruth.save()
    AuditEvent.objects.create(
        action="view", actor_id=99_999,
        actor_role="clinician", practice_id=scene.harbour.pk, subject_id=scene.sam.pk,
    )  # fmt: skip
    # A client's own look at their record is not someone else opening it.
    AuditEvent.objects.create(
        action="view", actor_id=scene.sam.pk,
        practice_id=scene.harbour.pk, subject_id=scene.sam.pk,
    )  # fmt: skip
    listed = visits(scene.sam)
    assert len(listed) == 2
    assert listed[0].startswith("Someone who is no longer in Kindling, your clinician")
    assert listed[1].startswith("Dr Ruth Adeyemi-Cole, your clinician")


def test_the_client_page_is_warm_and_plain(scene):
    response = signed_in(scene.sam).get("/my-record/visits/")
    page = response.content.decode()
    assert "in your care team or family opened your record. It's here so you always know." in page
    assert "Nobody has opened your record so far." in page
    assert 'class="age-child"' not in page
    # A child's page has the larger type their other pages have.
    leos = signed_in(scene.leo).get("/my-record/visits/").content.decode()
    assert '<body class="age-child">' in leos


@pytest.mark.parametrize("viewer", ["ruth", "jo", "adam"])
def test_someone_who_is_not_a_client_gets_a_404(scene, viewer):
    assert signed_in(getattr(scene, viewer)).get("/my-record/visits/").status_code == 404


def test_a_bad_page_number_on_the_visits_page_is_explained(scene):
    response = signed_in(scene.sam).get("/my-record/visits/", {"page": "lots"})
    assert response.status_code == 200
    assert "“lots” isn&#x27;t a page number, so this is the first page." in (
        response.content.decode()
    )


def test_today_links_to_who_has_opened_my_record(scene):
    for client in (scene.sam, scene.maya, scene.leo):
        page = signed_in(client).get("/today/").content.decode()
        assert 'href="/my-record/visits/"' in page, client


@pytest.mark.parametrize("field,value", [("to", "9999-12-31"), ("from", "0001-01-01")])
def test_dates_out_of_any_sensible_range_are_explained(scene, field, value):
    response = signed_in(scene.adam).get(log_url(scene), {field: value})
    assert response.status_code == 400
    assert b"between 2000 and 2100" in response.content


def test_the_person_filter_finds_who_opened_their_record(scene):
    signed_in(scene.ruth).get(f"/clients/{scene.sam.client_profile.pk}/")
    listed = rows(signed_in(scene.adam).get(log_url(scene), {"action": "view", "person": "sam@"}))
    assert len(listed) == 1 and "Dr Ruth Adeyemi" in listed[0] and "Sam Taylor" in listed[0]


def test_one_sitting_shows_as_one_visit(scene):
    start = dt.datetime(2025, 6, 2, 4, 0, tzinfo=dt.UTC)
    for minutes, who in ((0, scene.ruth), (5, scene.ruth), (20, scene.ruth), (90, scene.ruth),
                         (95, scene.jo)):  # fmt: skip
        AuditEvent.objects.create(
            at=start + dt.timedelta(minutes=minutes), action="view", actor_id=who.pk,
            actor_role="guardian" if who == scene.jo else "clinician",
            practice_id=scene.harbour.pk, subject_id=scene.maya.pk,
        )  # fmt: skip
    listed = visits(scene.maya)
    assert [row.split(",")[0] for row in listed] == [
        "Jo Kowalski", "Dr Ruth Adeyemi", "Dr Ruth Adeyemi",
    ]  # fmt: skip


def test_the_administrator_sees_clinical_events_without_clinical_detail(scene):
    """Alerts, questionnaires and journal saves appear as 'Clinical record', nothing more."""
    from django.test import Client

    from kindling.measures import actions as measures

    sam = Client()
    sam.force_login(scene.sam)
    sam.post("/journal/new/free/", {"body": "I want to die", "action": "save"})
    measures.assign(scene.sam.client_profile, "phq-9", by=scene.ruth)
    adam = Client()
    adam.force_login(scene.adam)
    page = adam.get(f"/practice/{scene.harbour.pk}/audit/").content.decode()
    assert "Clinical record" in page
    for clinical in ("urgent", "journal", "phq-9", "alert", "safety.", "measures.", "program."):
        assert clinical not in page.lower(), clinical
