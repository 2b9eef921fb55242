"""Check-ins are in the client's copy of their data and go when the client is erased."""

from __future__ import annotations

from kindling.accounts import rights
from kindling.measures import actions, schema
from kindling.measures.models import Administration, Assignment

MARKER = "MARKER-currawong-19c"


def _answered_with_note(scene):
    sam = scene.sam.client_profile
    assignment = actions.assign(sam, "scs-sf", by=scene.ruth, message=MARKER, every_weeks=4)
    actions.submit(
        assignment.administrations.get(), dict.fromkeys(schema.get("scs-sf").item_ids, 4)
    )
    return sam


def test_the_export_holds_the_clients_own_check_ins(scene):
    _answered_with_note(scene)
    actions.assign(scene.maya.client_profile, "gad-7", by=scene.ruth)
    data = rights.export_for(scene.sam)
    (check_in,) = data["check_ins"]
    assert check_in["questionnaire"] == "Self-Compassion Scale – Short Form"
    assert len(check_in["answers"]) == 12 and check_in["scores"] == {"total": 3.0}
    assert rights.export_for(scene.maya)["check_ins"] == []  # assigned, not answered


def test_erasure_destroys_check_ins_and_the_note(scene):
    scene.harbour.retention_years = scene.harbour.retention_minor_until_age = 0
    scene.harbour.save()
    sam = _answered_with_note(scene)
    request = rights.request_erasure(sam)
    rights.confirm_erasure(request, scene.ruth, sam)
    assert not Administration.objects.filter(client_id=sam.pk).exists()
    assert not Assignment.objects.filter(client_id=sam.pk).exists()
