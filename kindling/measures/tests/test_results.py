"""The clinician assigns measures and reads every result: scores, band, flags, reliable change,
a chart with a table beside it, and the FHIR QuestionnaireResponse."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.utils import timezone
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from conftest import signed_in as _signed_in
from kindling.lib.models import AuditEvent
from kindling.measures import actions, schema
from kindling.measures.models import Administration, Assignment
from kindling.measures.results import gentle_view, series_for


def _answer(client, instrument_id: str, answers: dict, days_ago: int) -> Administration:
    """Assign, answer through the real action, then date the answer back."""
    assignment = actions.assign(client, instrument_id, by=None)
    administration, _ = actions.submit(assignment.administrations.get(), answers)
    when = timezone.now() - dt.timedelta(days=days_ago)
    Administration.objects.filter(pk=administration.pk).update(completed_at=when)
    Assignment.objects.filter(pk=assignment.pk).update(ended_at=when)
    administration.refresh_from_db()
    return administration


def _phq(total: int, item9: int = 0) -> dict:
    items = schema.get("phq-9").item_ids
    answers = dict.fromkeys(items, 0)
    remaining = total - item9
    for item_id in items[:8]:
        answers[item_id] = min(3, remaining)
        remaining -= answers[item_id]
    answers["phq9_9"] = item9
    return answers


def test_assigning_offers_only_measures_for_the_clients_age(scene):
    sam = scene.sam.client_profile
    page = _signed_in(scene.ruth).get(f"/clients/{sam.pk}/measures/").content.decode()
    assert all(title in page for title in ("SCS-SF", "PHQ-9", "GAD-7"))
    leo = scene.leo.client_profile
    page = _signed_in(scene.ruth).get(f"/clients/{leo.pk}/measures/").content.decode()
    assert "no validated questionnaire for this age group" in page
    with pytest.raises(actions.AssignError):
        actions.assign(leo, "scs-sf", by=scene.ruth)


@pytest.mark.parametrize("form,message", [
    ({"instrument": "scs-sf", "repeat": "0", "starts_on": "2000-01-01"}, "not in the past"),
    ({"instrument": "no-such-one", "repeat": "0", "starts_on": "{today}"},
     "Select a valid choice"),
    ({"instrument": "scs-sf", "repeat": "0", "starts_on": "2999-01-01"}, "within the next year"),
    ({"instrument": "scs-sf", "repeat": "3", "starts_on": "{today}"}, "Select a valid choice"),
    ({"instrument": "scs-sf", "repeat": "0", "starts_on": "soon"}, "Enter a valid date"),
    ({"instrument": "scs-sf", "repeat": "0", "starts_on": "{today}", "message": "x" * 501},
     "at most 500"),
])  # fmt: skip
def test_a_bad_assignment_is_refused_with_a_reason_and_nothing_stored(scene, form, message):
    sam = scene.sam.client_profile
    form = {k: v.replace("{today}", str(timezone.localdate())) for k, v in form.items()}
    response = _signed_in(scene.ruth).post(f"/clients/{sam.pk}/measures/assign", form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Assignment.objects.exists()


def test_assigning_twice_is_refused_until_the_first_is_stopped(scene):
    sam = scene.sam.client_profile
    browser = _signed_in(scene.ruth)
    form = {"instrument": "scs-sf", "repeat": "4", "starts_on": str(timezone.localdate())}
    assert browser.post(f"/clients/{sam.pk}/measures/assign", form).status_code == 302
    again = browser.post(f"/clients/{sam.pk}/measures/assign", form)
    assert again.status_code == 400 and "already assigned" in again.content.decode()
    assignment = Assignment.objects.get()
    assert assignment.every_weeks == 4
    browser.post(f"/clients/{sam.pk}/measures/{assignment.pk}/end")
    assert browser.post(f"/clients/{sam.pk}/measures/assign", form).status_code == 302
    assert Assignment.objects.count() == 2
    assert AuditEvent.objects.filter(action="measure.assign").count() == 2
    assert AuditEvent.objects.filter(action="measure.end").count() == 1


def test_the_note_to_the_client_is_encrypted(scene):
    from django.db import connection

    actions.assign(scene.sam.client_profile, "scs-sf", by=scene.ruth, message="MARKER-7731")
    with connection.cursor() as cursor:
        cursor.execute("SELECT message FROM measures_assignment")
        assert "MARKER-7731" not in cursor.fetchone()[0]


def test_every_result_with_reliable_change_against_the_first(scene):
    sam = scene.sam.client_profile
    _answer(sam, "phq-9", _phq(16), days_ago=60)
    _answer(sam, "phq-9", _phq(12), days_ago=30)  # a fall of 4: not reliable (needs 6)
    _answer(sam, "phq-9", _phq(9, item9=1), days_ago=1)  # a fall of 7: reliable improvement
    page = _signed_in(scene.ruth).get(f"/clients/{sam.pk}/measures/").content.decode()
    rows = re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", page, flags=re.S)
    assert len(rows) == 3
    assert "moderately severe" in rows[0] and "first" in rows[0]
    assert "no reliable change" in rows[1] and "moderate" in rows[1]
    assert "reliable improvement" in rows[2] and "mild" in rows[2]
    assert "Safety flag on the latest answers" in page
    assert "NHS Talking Therapies" in page  # the source of the threshold is shown


def test_the_scs_shows_subscales_composites_and_no_invented_reliable_change(scene):
    sam = scene.sam.client_profile
    answers = {item.id: (2 if item.subscale in ("self_judgment", "isolation") else 4)
               for item in schema.get("scs").items}  # fmt: skip
    _answer(sam, "scs", answers, days_ago=3)
    page = _signed_in(scene.ruth).get(f"/clients/{sam.pk}/measures/").content.decode()
    for label in ("Self-kindness", "Over-identification", "Compassionate self-responding"):
        assert label in page
    assert "no reliable change is shown" in page
    assert "Change since first" not in page


def test_the_chart_has_bands_lines_a_text_summary_and_a_table(scene):
    sam = scene.sam.client_profile
    sf = schema.get("scs-sf").item_ids
    _answer(sam, "scs-sf", {i: (4 if n % 2 else 2) for n, i in enumerate(sf)}, days_ago=40)
    _answer(sam, "scs-sf", {i: 3 for i in sf}, days_ago=5)
    page = _signed_in(scene.ruth).get(f"/clients/{sam.pk}/measures/").content.decode()
    svg = re.search(r"<svg.*?</svg>", page, flags=re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert svg.count("<rect") == 3  # low, moderate and high shaded
    assert svg.count("<circle") == 2 and "<polyline" in svg
    assert "2 check-ins" in svg  # the text summary names every point's count
    assert "style=" not in svg  # presentation attributes only: the CSP forbids inline styles
    assert "<table" in page


def test_the_fhir_response_validates_and_carries_the_stored_scores(scene):
    sam = scene.sam.client_profile
    administration = _answer(sam, "phq-9", _phq(11), days_ago=2)
    response = _signed_in(scene.ruth).get(
        f"/clients/{sam.pk}/results/{administration.pk}.fhir.json"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/fhir+json"
    resource = QuestionnaireResponse.model_validate(json.loads(response.content))
    assert resource.questionnaire == "urn:kindling:questionnaire:phq-9|2001"
    scores = {i.linkId: i.answer[0] for i in resource.item if i.linkId.startswith("score.")}
    assert float(scores["score.total"].valueDecimal) == 11
    assert scores["score.band"].valueString == "moderate"
    assert AuditEvent.objects.filter(action="export", detail="fhir").count() == 1


def test_the_client_reads_words_about_where_they_are_and_how_it_moved(scene):
    sam = scene.sam.client_profile
    sf = schema.get("scs-sf").item_ids
    low = {
        i: (1 if schema.get("scs-sf").items[n].reverse is False else 5) for n, i in enumerate(sf)
    }
    _answer(sam, "scs-sf", low, days_ago=60)
    _answer(sam, "scs-sf", {i: 3 for i in sf}, days_ago=2)
    (series,) = series_for(sam.administrations.completed())
    view = gentle_view(series)
    assert "harsher voice still wins" in view.where  # moderate, in words
    assert "lean more towards kindness" in view.movement
    page = _signed_in(scene.sam).get("/check-ins/").content.decode()
    assert view.movement in page and "Based on your 2 check-ins" in page
    for grade_word in ("low", "moderate", "high", "score", "3.0", "1.0"):
        assert not re.search(rf"\b{re.escape(grade_word)}\b", page.split("<main")[1].lower())


def test_a_small_movement_is_described_as_much_the_same(scene):
    sam = scene.sam.client_profile
    _answer(sam, "phq-9", _phq(8), days_ago=30)
    _answer(sam, "phq-9", _phq(7), days_ago=1)
    (series,) = series_for(sam.administrations.completed())
    assert "much the same" in gentle_view(series).movement


def test_ending_an_assignment_keeps_answers_and_withdraws_the_waiting_one(scene):
    sam = scene.sam.client_profile
    assignment = actions.assign(sam, "scs-sf", by=scene.ruth, every_weeks=2)
    actions.submit(assignment.administrations.get(), {i: 3 for i in schema.get("scs-sf").item_ids})
    actions.end_assignment(assignment, by=scene.ruth)
    assert assignment.administrations.completed().count() == 1
    assert not assignment.administrations.open().exists()
    assert assignment.administrations.filter(withdrawn_at__isnull=False).count() == 1
