"""The kindness plan is in the client's copy of their data and goes when they are erased."""

from __future__ import annotations

import datetime as dt

from django.db import connection

from kindling.accounts import rights
from kindling.program import kindness
from kindling.program.models import CalendarFeed, KindnessAct, KindnessMark

MARKER = "MARKER-pademelon-5e1"


def _plan_with_marks(profile):
    act = kindness.plan_act(profile, text=MARKER, weekdays=range(7), at_time=dt.time(8, 0))
    kindness.mark(act, "done")
    stopped = kindness.plan_act(profile, text="Bath", weekdays=[6], from_suggestion=True)
    kindness.end_act(stopped)
    kindness.new_feed(profile)
    return act


def test_the_export_holds_the_clients_own_plan(scene):
    _plan_with_marks(scene.sam.client_profile)
    kindness.plan_act(scene.maya.client_profile, text="Maya's plan", weekdays=[1])
    data = rights.export_for(scene.sam)["kindness_plan"]
    first, second = data["acts"]
    assert first["what"] == MARKER and first["time"] == "08:00"
    assert first["days"][0] == "Monday" and len(first["days"]) == 7
    assert [m["state"] for m in first["marks"]] == ["done"]
    assert second["what"] == "Bath" and second["from_a_suggestion"] is True
    assert second["stopped"] is not None and second["time"] == "any time"
    (address,) = data["calendar_addresses"]
    assert address["made"] and address["stopped"] is None
    assert "Maya" not in str(data)
    assert rights.export_for(scene.maya)["kindness_plan"]["acts"][0]["what"] == "Maya's plan"
    assert rights.export_for(scene.jo)["kindness_plan"] == {"acts": [], "calendar_addresses": []}


def test_the_text_is_encrypted_at_rest(scene):
    act = _plan_with_marks(scene.sam.client_profile)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM program_kindnessact WHERE id = %s", [act.pk])
        (stored,) = cursor.fetchone()
    assert MARKER not in stored and stored.startswith("gAAAA")


def test_erasure_destroys_the_plan(scene):
    scene.harbour.retention_years = scene.harbour.retention_minor_until_age = 0
    scene.harbour.save()
    sam = scene.sam.client_profile
    _plan_with_marks(sam)
    maya_act = kindness.plan_act(scene.maya.client_profile, text="Stays", weekdays=[1])
    overwritten = []
    original = rights.destroy_free_text

    def watching(queryset, fields):
        if queryset.model is KindnessAct:
            overwritten.append(fields)
        return original(queryset, fields)

    rights.destroy_free_text = watching
    try:
        request = rights.request_erasure(sam)
        rights.confirm_erasure(request, scene.ruth, sam)
    finally:
        rights.destroy_free_text = original
    assert overwritten == [["text"]]  # overwritten before deleting
    assert not KindnessAct.objects.filter(client_id=sam.pk).exists()
    assert not KindnessMark.objects.filter(act__client_id=sam.pk).exists()
    assert not CalendarFeed.objects.filter(client_id=sam.pk).exists()
    assert KindnessAct.objects.get(pk=maya_act.pk).text == "Stays"
