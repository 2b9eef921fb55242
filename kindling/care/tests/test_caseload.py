"""The caseload: alerts first, one row per client with stage, last activity, the latest
self-compassion score and kind flags; sorting, filtering and search; and the same number of
queries for 10 clients as for 1,000."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import signed_in as _as
from kindling.accounts import demo
from kindling.accounts.models import User


def _queries(browser, url="/caseload/") -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = browser.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


@pytest.mark.django_db
def test_the_same_number_of_queries_for_10_clients_as_for_1000():
    demo.load(extra_clients=7)
    demo.staff_mfa()
    ruth = _as(User.objects.get(email="clinician@demo.kindling"))
    ruth.get("/caseload/")  # warm: session, roles
    few, _ = _queries(ruth)
    demo.load(extra_clients=1000)
    ruth = _as(User.objects.get(email="clinician@demo.kindling"))  # the demo reset passwords
    ruth.get("/caseload/")
    many, page = _queries(ruth)
    assert few == many, (few, many)
    for sort in ("activity", "quiet", "appointment"):
        assert _queries(ruth, f"/caseload/?sort={sort}&band=adult")[0] == many
    assert page.count("<tr>") <= 51  # a header and at most one page of rows
    assert "Next" in page  # the rest are on later pages


def test_each_row_says_what_helps_in_a_glance(scene):
    from kindling.measures import actions as measures
    from kindling.measures import schema

    sam = scene.sam.client_profile
    items = schema.get("scs-sf").item_ids
    for value in (2, 4):
        assignment = measures.assign(sam, "scs-sf", by=scene.ruth)
        measures.submit(assignment.administrations.get(), dict.fromkeys(items, value))
        measures.end_assignment(assignment, by=scene.ruth)
    _, page = _queries(_as(scene.ruth))
    assert "3.00" in page and 'class="sparkline"' in page
    assert "not started yet" in page  # Maya and Leo have done nothing yet


def test_kind_flags_for_a_waiting_check_in_and_a_quiet_spell(scene):
    from kindling.measures import actions as measures
    from kindling.measures.models import Administration
    from kindling.program.models import PracticeSession

    maya = scene.maya.client_profile
    measures.assign(maya, "scs-sf", by=scene.ruth)
    Administration.objects.filter(client=maya).update(
        due_on=timezone.localdate() - dt.timedelta(days=10)
    )
    PracticeSession.objects.create(
        client=maya, exercise_id="safe-place", finished_at=timezone.now(),
        started_at=timezone.now() - dt.timedelta(days=30),
    )  # fmt: skip
    _, page = _queries(_as(scene.ruth), "/caseload/?q=Maya")
    assert "a check-in has been waiting a week or more" in page
    assert "quiet for a few weeks" in page
    for unkind in ("overdue", "missed", "inactive", "failed"):
        assert unkind not in page.lower()


def test_search_filter_and_sort(scene):
    ruth = _as(scene.ruth)
    _, page = _queries(ruth, "/caseload/?q=leo")
    assert ">Leo Martin</a>" in page and "Sam Taylor</a>" not in page
    _, page = _queries(ruth, "/caseload/?band=teen")
    assert "Maya" in page and "Sam Taylor</a>" not in page and "Leo Martin</a>" not in page
    _, page = _queries(ruth, "/caseload/?q=nobody-by-this-name")
    assert "Nobody matches" in page
    for odd in ("?sort=drop+table", "?page=9999", "?band=elderly", "?page=abc"):
        assert ruth.get("/caseload/" + odd).status_code == 200


def test_the_next_appointment_shows(scene):
    from kindling.care import appointments

    when = timezone.now() + dt.timedelta(days=3)
    appointments.set_appointment(
        scene.sam.client_profile, by=scene.ruth, starts_at=when, minutes=50, mode="in_person"
    )
    _, page = _queries(_as(scene.ruth), "/caseload/?sort=appointment")
    assert timezone.localtime(when).strftime("%-d %b") in page
