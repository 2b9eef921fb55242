"""Pacing: the first stage is open to all; clinicians open the rest, deeper exercises one by
one; a client without a clinician follows a gentle default pace; a locked exercise cannot be
opened by its address."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.utils import timezone

from conftest import signed_in as _as
from kindling.accounts.models import CareTeamMember, ClientProfile
from kindling.lib.models import AuditEvent
from kindling.program import pacing
from kindling.program.content import load_programme

PROGRAMME = load_programme()
FIRST, SECOND, FIFTH = (PROGRAMME.stages[i].id for i in (0, 1, 4))
DEEPER = next(e for e in PROGRAMME.exercises.values() if e.intensity == "deeper")


def _first_of(stage_id: str):
    return next(e for e in PROGRAMME.exercises_in(stage_id) if e.intensity != "deeper")


def test_only_the_first_stage_is_open_at_the_start(scene):
    sam = _as(scene.sam)
    assert sam.get(f"/programme/{_first_of(FIRST).id}/").status_code == 200
    assert sam.get(f"/programme/{_first_of(SECOND).id}/").status_code == 404
    assert sam.get("/programme/no-such-exercise/").status_code == 404
    page = sam.get("/programme/").content.decode()
    assert PROGRAMME.stages[0].title in page
    assert "Further along the path" in page and PROGRAMME.stages[1].title in page


def test_a_clinician_opens_a_stage_with_a_note(scene):
    sam = scene.sam.client_profile
    response = _as(scene.ruth).post(
        f"/clients/{sam.pk}/unlock", {"stage": SECOND, "message": "When you're ready, Sam."}
    )
    assert response.status_code == 302
    page = _as(scene.sam).get("/programme/").content.decode()
    assert "When you&#x27;re ready, Sam." in page
    assert _as(scene.sam).get(f"/programme/{_first_of(SECOND).id}/").status_code == 200
    assert AuditEvent.objects.filter(action="programme.unlock").count() == 1


def test_deeper_exercises_need_their_own_unlock(scene):
    sam = scene.sam.client_profile
    pacing.unlock(sam, by=scene.ruth, stage_id=DEEPER.stage)
    assert _as(scene.sam).get(f"/programme/{DEEPER.id}/").status_code == 404
    pacing.unlock(sam, by=scene.ruth, stage_id=DEEPER.stage, exercise_id=DEEPER.id)
    page = _as(scene.sam).get(f"/programme/{DEEPER.id}/").content.decode()
    assert "Before you begin" in page  # the warning comes before the exercise


@pytest.mark.parametrize("form,message", [
    ({"stage": "no-such-stage"}, "no such part"),
    ({"stage": FIRST, "exercise": _first_of(FIRST).id}, "Only deeper exercises"),
])  # fmt: skip
def test_bad_unlocks_are_refused_with_a_reason(scene, form, message):
    sam = scene.sam.client_profile
    response = _as(scene.ruth).post(f"/clients/{sam.pk}/unlock", form, follow=True)
    assert message in response.content.decode()
    assert not sam.unlocks.exists()


def test_unlocking_twice_says_so_and_only_the_care_team_can(scene):
    sam = scene.sam.client_profile
    ruth = _as(scene.ruth)
    ruth.post(f"/clients/{sam.pk}/unlock", {"stage": SECOND})
    again = ruth.post(f"/clients/{sam.pk}/unlock", {"stage": SECOND}, follow=True)
    assert "already open" in again.content.decode()
    assert _as(scene.priya).post(f"/clients/{sam.pk}/unlock", {"stage": FIFTH}).status_code == 404
    assert _as(scene.sam).post(f"/clients/{sam.pk}/unlock", {"stage": FIFTH}).status_code == 404
    assert sam.unlocks.count() == 1


def test_a_client_without_a_clinician_follows_the_default_gentle_pace(scene):
    sam = scene.sam.client_profile
    CareTeamMember.objects.filter(client=sam).delete()
    weeks_ago = timezone.now() - dt.timedelta(weeks=pacing.DEFAULT_WEEKS_PER_STAGE * 2 + 1)
    ClientProfile.objects.filter(pk=sam.pk).update(created_at=weeks_ago)
    pace = pacing.pace_for(ClientProfile.objects.get(pk=sam.pk))
    assert pace.self_paced
    assert [s.id for s in PROGRAMME.stages if s.id in pace.open_stages] == [
        s.id for s in PROGRAMME.stages[:3]
    ]
    assert not pace.exercise_is_open(DEEPER)  # never the deeper ones on the default pace


def test_the_programme_page_names_no_deadline_or_count_of_missed_days(scene):
    page = _as(scene.sam).get("/programme/").content.decode().lower()
    for word in ("streak", "missed", "overdue", "behind", "deadline", "failed"):
        assert word not in page


def test_a_child_sees_the_child_version(scene):
    exercise = _first_of(FIRST)
    page = _as(scene.leo).get(f"/programme/{exercise.id}/").content.decode()
    assert html.escape(exercise.title_for("child")) in page
    assert 'class="age-child"' in page


def test_a_client_whose_clinician_left_is_not_stuck(scene):
    from kindling.accounts.models import Membership

    Membership.objects.filter(user=scene.ruth, role="clinician").update(is_active=False)
    assert pacing.pace_for(scene.sam.client_profile).self_paced
