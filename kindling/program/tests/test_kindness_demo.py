"""The demo plans: a few acts for each demo client, loaded once."""

from __future__ import annotations

from kindling.program import kindness, kindness_demo
from kindling.program.models import KindnessAct, KindnessMark


def test_the_demo_plans_load_once(scene):
    profiles = [scene.sam.client_profile, scene.maya.client_profile, scene.leo.client_profile]
    kindness_demo.load(*profiles)
    kindness_demo.load(scene.sam, scene.maya, scene.leo)  # Users work too; nothing is added
    for profile in profiles:
        acts = KindnessAct.objects.filter(client=profile)
        assert acts.count() == 3 and all(act.is_active for act in acts)
        today = kindness.local_today(profile)
        marks = KindnessMark.objects.filter(act__client=profile)
        assert marks.filter(state="done").exists() and marks.filter(state="not_today").exists()
        assert not marks.filter(on__gte=today).exists()
        for mark in marks.select_related("act"):
            assert mark.act.is_planned_on(mark.on)
    assert KindnessAct.objects.count() == 9
