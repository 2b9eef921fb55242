"""`kindling demo`: the people named in the design, a shared password, and no use in production."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from kindling.accounts.models import ClientProfile, User
from kindling.lib import access

DEMO_PEOPLE = ["clinician", "client", "teen", "child", "guardian", "facilitator", "admin"]


def _demo(*args) -> str:
    out = StringIO()
    call_command("demo", "--no-serve", *args, stdout=out)
    return out.getvalue()


def test_it_prints_every_login_and_the_password(db):
    output = _demo("--password", "a-shared-secret")
    for who in DEMO_PEOPLE:
        assert f"{who}@demo.kindling" in output
    assert "a-shared-secret" in output


def test_the_password_logs_in_as_the_client(db):
    _demo("--password", "pine-cone-42")
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": "client@demo.kindling", "password": "pine-cone-42"}
    )
    assert response.status_code == 302
    assert client.get("/", follow=True).redirect_chain[-1][0] == "/today/"


def test_running_it_again_keeps_the_data(db):
    _demo("--clients", "3")
    sam = User.objects.get(email="client@demo.kindling")
    _demo("--clients", "3")
    assert User.objects.get(email="client@demo.kindling").pk == sam.pk
    assert User.objects.filter(email__startswith="client").count() == 4


def test_clients_n_adds_to_the_clinicians_caseload(db):
    _demo("--clients", "25")
    ruth = User.objects.get(email="clinician@demo.kindling")
    assert access.caseload_for(ruth).count() == 3 + 25
    bands = set(p.age_band for p in ClientProfile.objects.all())
    assert bands == {"child", "teen", "adult"}


@pytest.mark.parametrize("args,message", [
    (["--clients", "-1"], "--clients must be between"),
    (["--port", "0"], "--port must be between"),
    (["--password", "short"], "--password must be at least 8"),
])  # fmt: skip
def test_bad_input_is_explained(db, args, message):
    with pytest.raises(CommandError, match=message) as caught:
        _demo(*args)
    assert caught.value.returncode == 2
    assert not User.objects.exists()


def test_it_refuses_to_run_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "KINDLING_DEBUG": "false",
        "KINDLING_SECRET_KEY": "x" * 60,
        "KINDLING_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWtleS1mb3Ita2luZGxpbmctdGVzdHM=",
        "KINDLING_DATA_DIR": str(tmp_path),
    }
    env.pop("KINDLING_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "kindling", "demo", "--no-serve"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert "only runs on a development install" in result.stderr
    assert not (tmp_path / "kindling.sqlite3").exists()


def test_the_demo_shows_every_part_of_the_programme(db):
    from kindling.measures.models import Administration
    from kindling.program.content import load_programme
    from kindling.program.models import JournalEntry, KindnessAct, PracticeSession, Unlock
    from kindling.safety.models import Alert, SafetyPlan

    _demo()
    sam = ClientProfile.objects.get(user__email="client@demo.kindling")
    assert Administration.objects.completed().filter(client=sam).count() >= 5
    assert Unlock.objects.filter(client=sam).exists()
    known = set(load_programme().exercises)
    assert set(PracticeSession.objects.values_list("exercise_id", flat=True)) <= known
    assert JournalEntry.objects.filter(client=sam, shared_with_care_team_at__isnull=False)
    assert KindnessAct.objects.filter(client=sam).exists()
    assert not SafetyPlan.objects.get(client=sam).is_empty
    assert Alert.objects.filter(about="other", acknowledged_at__isnull=True).count() == 1
    # An alert only the statistical model raised, acknowledged with what was done.
    (by_model,) = Alert.objects.filter(client=sam)
    assert [m["rule"] for m in by_model.matches] == ["model"]
    assert by_model.acknowledged_by.email == "clinician@demo.kindling" and by_model.action_note
    assert not sam.safety_checks.exists()  # the demo client is not held on the calm page
    # Leo (10) may not be safe at home: a concern marked and listed first on the caseload.
    (home,) = Alert.objects.filter(client__user__email="child@demo.kindling")
    assert home.at_home and home.pressing and home.is_open
    _demo()  # a second run adds nothing
    # Three on Dr Ruth's caseload and one for Priya (a group participant's held post).
    assert Alert.objects.count() == 4 and Unlock.objects.filter(client=sam).count() == 2
