"""Two people ask for the last place at the same moment: exactly one gets it.

Two real requests in two threads, each with its own database connection, meet at a barrier
and post at once. The workshop's row is locked (`select_for_update` on PostgreSQL; SQLite's
IMMEDIATE transactions serialise writers) before the places are counted, so the second
request counts the first one's place and joins the waitlist.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from kindling.groups.models import Registration

from .conftest import make_workshop


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_two_people_racing_for_the_last_place_one_gets_it(scene, round_):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memory"):
        pytest.skip("an in-memory SQLite database is one connection; the race needs two")
    workshop = make_workshop(scene, capacity=3)
    for n in range(2):  # two places already taken
        Registration.objects.create(
            workshop=workshop, name=f"Early {n}", email=f"early{n}@example.test",
            status=Registration.Status.CONFIRMED,
        )  # fmt: skip
    url = f"/p/{workshop.practice.slug}/workshops/{workshop.slug}/"
    barrier = threading.Barrier(2)
    outcomes: list = []

    def book(who: str) -> None:
        try:
            browser = Client()
            barrier.wait()
            response = browser.post(url, {"name": who, "email": f"{who}@example.test"})
            outcomes.append(response.status_code)
        except Exception as error:  # noqa: BLE001 - any other outcome is the bug we look for
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(who,)) for who in ("ann", "bo")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == [302, 302]
    racers = Registration.objects.filter(email__in=["ann@example.test", "bo@example.test"])
    assert sorted(racers.values_list("status", flat=True)) == ["confirmed", "waitlisted"]
    assert Registration.objects.filter(workshop=workshop, status="confirmed").count() == 3
