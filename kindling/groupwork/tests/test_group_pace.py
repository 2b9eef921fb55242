"""A facilitator opens a stage for the whole group: every confirmed participant can practise its
gentle and moderate exercises; deeper ones stay closed; nobody outside the group gains a thing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from conftest import signed_in as _as
from kindling.groups.models import Registration
from kindling.groupwork import actions
from kindling.groupwork.models import GroupUnlock
from kindling.lib.models import AuditEvent
from kindling.program import pacing
from kindling.program.content import load_programme

from .helpers import extra_adult, make_group, register

PROGRAMME = load_programme()
SECOND = PROGRAMME.stages[1]
GENTLE = next(e for e in PROGRAMME.exercises_in(SECOND.id) if e.intensity != "deeper")
DEEPER = next(e for e in PROGRAMME.exercises.values() if e.intensity == "deeper")


def test_the_facilitator_opens_a_stage_for_the_group(scene):
    workshop = make_group(scene)
    sam = _as(scene.sam)
    assert sam.get(f"/programme/{GENTLE.id}/").status_code == 404
    response = _as(scene.fran).post(
        f"/workshops/{workshop.pk}/group/unlock", {"stage": SECOND.id, "message": "Go gently."}
    )
    assert response.status_code == 302
    # Sam has a clinician of his own; the group's unlock opens the stage for him too.
    assert sam.get(f"/programme/{GENTLE.id}/").status_code == 200
    assert "Go gently." in sam.get("/programme/").content.decode()
    event = AuditEvent.objects.get(action="group.unlock")
    assert event.actor_id == scene.fran.pk and event.detail == SECOND.id
    # Someone outside the group gains nothing.
    assert SECOND.id not in pacing.pace_for(scene.zed.client_profile).open_stages


def test_deeper_exercises_are_never_opened_by_a_group(scene):
    workshop = make_group(scene)
    actions.unlock_stage(workshop, by=scene.fran, stage_id=DEEPER.stage)
    pace = pacing.pace_for(scene.sam.client_profile)
    assert DEEPER.stage in pace.open_stages
    assert not pace.exercise_is_open(DEEPER)
    page = _as(scene.fran).get(f"/workshops/{workshop.pk}/group/").content.decode()
    assert "Deeper exercises are never opened for a group" in page


def test_waitlisted_people_do_not_get_the_stage_and_a_later_cancellation_keeps_it(scene):
    workshop = make_group(scene)
    waiting = extra_adult(scene, 1)
    register(workshop, waiting, status="waitlisted")
    actions.unlock_stage(workshop, by=scene.fran, stage_id=SECOND.id)
    assert SECOND.id not in pacing.pace_for(waiting.client_profile).open_stages
    # Sam gives up his place after the stage opened: nothing closes again.
    later = timezone.now() + dt.timedelta(minutes=5)
    Registration.objects.filter(workshop=workshop, user=scene.sam).update(
        status="cancelled", cancelled_at=later
    )
    assert SECOND.id in pacing.pace_for(scene.sam.client_profile).open_stages
    # A stage opened after he left does not reach him.
    third = PROGRAMME.stages[2].id
    GroupUnlock.objects.create(
        workshop=workshop, stage_id=third, unlocked_by=scene.fran,
        unlocked_at=later + dt.timedelta(days=1),
    )  # fmt: skip
    assert third not in pacing.pace_for(scene.sam.client_profile).open_stages
    assert third in pacing.pace_for(scene.maya.client_profile).open_stages


def test_pacing_costs_one_more_query(scene, django_assert_num_queries):
    make_group(scene)
    profile = scene.sam.client_profile
    # Unlocks, group unlocks, the active clinicians.
    with django_assert_num_queries(3):
        pacing.pace_for(profile)


@pytest.mark.parametrize("form,message", [
    ({"stage": "no-such-stage"}, "Select a valid choice"),
    ({"stage": PROGRAMME.stages[0].id}, "Select a valid choice"),  # open to all already
])  # fmt: skip
def test_a_bad_unlock_is_answered_kindly(scene, form, message):
    workshop = make_group(scene)
    response = _as(scene.fran).post(f"/workshops/{workshop.pk}/group/unlock", form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not GroupUnlock.objects.exists()


def test_opening_twice_says_so(scene):
    workshop = make_group(scene)
    actions.unlock_stage(workshop, by=scene.fran, stage_id=SECOND.id)
    with pytest.raises(actions.GroupworkError, match="already open"):
        actions.unlock_stage(workshop, by=scene.fran, stage_id=SECOND.id)


@pytest.mark.parametrize("person", ["ruth", "adam", "rhea", "sam", "olive", "omar"])
def test_only_the_practices_facilitators_run_the_group(scene, person):
    workshop = make_group(scene)
    who = _as(getattr(scene, person))
    assert who.get(f"/workshops/{workshop.pk}/group/").status_code == 404
    response = who.post(f"/workshops/{workshop.pk}/group/unlock", {"stage": SECOND.id})
    assert response.status_code == 404
    assert not GroupUnlock.objects.exists()


def test_a_one_off_workshop_has_no_group_pages(scene):
    workshop = make_group(scene, follows_programme=False)
    assert _as(scene.fran).get(f"/workshops/{workshop.pk}/group/").status_code == 404
    assert _as(scene.sam).get(f"/my-groups/{workshop.pk}/").status_code == 404
