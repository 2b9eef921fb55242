"""The group's SCS-SF before and after: each participant answers in their own check-ins; the
facilitator sees only the group's average, and only once five have answered."""

from __future__ import annotations

import datetime as dt

from conftest import signed_in as _as
from kindling.groupwork import actions
from kindling.groupwork.models import CheckInLink
from kindling.measures import actions as measures
from kindling.measures.models import Administration, Assignment

from .helpers import make_group

ITEMS = [f"scs_sf_{n}" for n in range(1, 13)]


def _answer_all(check_in, value: int, *, limit: int) -> None:
    for link in check_in.links.select_related("administration").order_by("pk")[:limit]:
        measures.submit(link.administration, dict.fromkeys(ITEMS, value))


def test_opening_the_check_in_gives_each_participant_their_own(scene):
    workshop = make_group(scene, extra_adults=2)
    response = _as(scene.fran).post(
        f"/workshops/{workshop.pk}/group/check-ins/open", {"phase": "before"}
    )
    assert response.status_code == 302
    invited = set(CheckInLink.objects.values_list("client__user__email", flat=True))
    # Leo is 10: the SCS-SF is not made for children, so he is not asked.
    assert invited == {scene.sam.email, scene.maya.email, "member0@example.test",
                       "member1@example.test"}  # fmt: skip
    page = _as(scene.maya).get("/check-ins/").content.decode()
    assert "A short check-in for your group" in page
    group_page = _as(scene.maya).get(f"/my-groups/{workshop.pk}/").content.decode()
    assert "is ready whenever you are" in group_page
    # Pressing again invites nobody twice.
    _check_in, added = actions.open_check_in(workshop, by=scene.fran, phase="before")
    assert added == 0 and CheckInLink.objects.count() == 4


def test_an_existing_scs_sf_assignment_is_used_not_doubled(scene):
    sam = scene.sam.client_profile
    soon = sam.practice.today() + dt.timedelta(days=10)
    own = measures.assign(sam, "scs-sf", by=scene.ruth, every_weeks=4, starts_on=soon)
    workshop = make_group(scene)
    actions.open_check_in(workshop, by=scene.fran, phase="before")
    assert Assignment.objects.filter(client=sam, instrument_id="scs-sf").count() == 1
    link = CheckInLink.objects.get(client=sam)
    assert link.administration.assignment_id == own.pk
    assert link.administration.due_on == sam.practice.today()  # brought forward


def test_after_does_not_reuse_an_unanswered_before(scene):
    workshop = make_group(scene)
    before, _ = actions.open_check_in(workshop, by=scene.fran, phase="before")
    maya = scene.maya.client_profile
    first = CheckInLink.objects.get(check_in=before, client=maya).administration
    after, _ = actions.open_check_in(workshop, by=scene.fran, phase="after")
    second = CheckInLink.objects.get(check_in=after, client=maya).administration
    assert second.pk != first.pk
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert Administration.objects.filter(client=maya).open().count() == 1


def test_the_aggregate_waits_for_five_and_never_shows_a_person(scene):
    workshop = make_group(scene, extra_adults=3)  # Sam, Maya and three more can answer
    check_in, added = actions.open_check_in(workshop, by=scene.fran, phase="before")
    assert added == 5
    _answer_all(check_in, 3, limit=4)
    url = f"/workshops/{workshop.pk}/group/"
    page = _as(scene.fran).get(url).content.decode()
    assert "once at least 5 people have answered" in page
    assert "Group average" not in page
    assert "out of 5" not in page

    last = check_in.links.order_by("pk")[4].administration
    measures.submit(last, dict.fromkeys(ITEMS, 5))
    page = _as(scene.fran).get(url).content.decode()
    assert "Group average" in page
    # Items 1, 4, 8, 9, 11 and 12 are reversed: all 3s total 3.0, all 5s total 3.0 as well
    # (six 5s and six 1s); the mean of five such totals is 3.0.
    assert "3.0 out of 5, from the first 5 answers" in page
    # No participant's name appears beside the check-in, nor anyone's total.
    section = page.split('id="check-in-heading"')[1]
    for person in (scene.sam, scene.maya):
        assert person.name not in section


def test_a_facilitator_who_is_also_a_clinician_sees_no_individuals_here(scene):
    # Dr Ruth joins as a facilitator too, and runs the group; Sam is her client.
    from kindling.accounts import actions as accounts

    accounts.add_staff(scene.ruth, scene.harbour, "facilitator")
    workshop = make_group(scene, extra_adults=3)
    check_in, _ = actions.open_check_in(workshop, by=scene.ruth, phase="before")
    _answer_all(check_in, 4, limit=5)
    page = _as(scene.ruth).get(f"/workshops/{workshop.pk}/group/").content.decode()
    section = page.split('id="check-in-heading"')[1]
    assert scene.sam.name not in section and "Sam" not in section


def test_a_bad_phase_is_refused(scene):
    workshop = make_group(scene)
    response = _as(scene.fran).post(
        f"/workshops/{workshop.pk}/group/check-ins/open", {"phase": "during"}, follow=True
    )
    assert "Choose the check-in before or after the group." in response.content.decode()
    assert not CheckInLink.objects.exists()
