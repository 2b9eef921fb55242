"""Every kind of free text a client or clinician writes through the pages is encrypted at rest:
a marker is absent from the raw database file (SQLite and its WAL, or pg_dump on PostgreSQL) and
reads back intact. A plain-text control written in the same run proves the scan can see text."""

from __future__ import annotations

import datetime as dt

from conftest import signed_in as _as
from kindling.accounts.models import User
from kindling.lib.tests.test_encryption import _raw_database_text
from kindling.program.content import load_programme

MARKER = "MARKER-bilby-8842"
CONTROL = "Kestrel Control-Name"  # stored in plain text on purpose (a name)


def test_no_free_text_is_readable_in_the_raw_database(scene, transactional_db):
    User.objects.filter(pk=scene.sam.pk).update(name=CONTROL)
    sam, ruth = _as(scene.sam), _as(scene.ruth)
    profile = scene.sam.client_profile
    first = load_programme().exercises_in(load_programme().stages[0].id)[0]
    second_stage = load_programme().stages[1].id
    soon = dt.date.today() + dt.timedelta(days=30)
    writes = [
        (sam, "/journal/new/free/", {"body": f"journal {MARKER}", "action": "save"}),
        (sam, "/journal/new/kind/", {"critic_said": f"critic {MARKER}", "action": "save"}),
        (sam, "/safety/plan/", {"reasons": f"plan {MARKER}"}),
        (sam, "/kindness/", {"text": f"kind {MARKER}"[:60], "days": ["0"], "at_time": ""}),
        (ruth, f"/clients/{profile.pk}/unlock", {"stage": second_stage, "message": MARKER}),
        (ruth, f"/clients/{profile.pk}/measures/assign",
         {"instrument": "scs-sf", "repeat": "0", "starts_on": str(soon), "message": MARKER}),
    ]  # fmt: skip
    for browser, url, data in writes:
        response = browser.post(url, data)
        assert response.status_code == 302, (url, response.status_code)
    started = sam.post(f"/programme/{first.id}/", {"rating": "3"})
    sam.post(started["Location"], {"rating": "2", "note": f"note {MARKER}"})

    from kindling.measures.models import Assignment
    from kindling.program.models import JournalEntry, KindnessAct, PracticeSession, Unlock
    from kindling.safety.models import SafetyPlan

    assert JournalEntry.objects.filter(client=profile).count() == 2
    assert MARKER in SafetyPlan.objects.get(client=profile).content
    assert MARKER in KindnessAct.objects.get(client=profile).text
    assert Unlock.objects.get(client=profile).message == MARKER
    assert Assignment.objects.get(client=profile).message == MARKER
    assert MARKER in PracticeSession.objects.get(client=profile).note
    raw = _raw_database_text()
    assert CONTROL in raw, "the scan cannot see plain text, so it proves nothing"
    assert MARKER not in raw
