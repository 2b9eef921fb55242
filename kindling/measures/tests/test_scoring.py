"""Scores match hand-worked examples from the published rules; properties hold for any answers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kindling.measures import schema, scoring


def _answers(instrument_id: str, values: list[int]) -> dict[str, int]:
    return dict(zip(schema.get(instrument_id).item_ids, values, strict=True))


def _score(instrument_id: str, values: list[int]) -> scoring.Result:
    return scoring.score_one(schema.get(instrument_id), _answers(instrument_id, values))


# --- Hand-worked examples (each worked by hand from the rule cited in the definition) ---------


def test_scs_sf_all_minimum_all_maximum_and_mixed():
    # Six items are reversed (6 − x): all 1s give six 1s and six 5s, a mean of 3.
    assert _score("scs-sf", [1] * 12).scores == {"total": 3.0}
    assert _score("scs-sf", [5] * 12).scores == {"total": 3.0}
    # Positive items 5, reverse-keyed items 1: every item counts 5.
    best = _score("scs-sf", [1, 5, 5, 1, 5, 5, 5, 1, 1, 5, 1, 1])
    assert best.scores["total"] == 5.0 and best.band == "high"
    # 2,4,3,1,5,4,3,2,1,4,2,3 → reversed items 1,4,8,9,11,12 become 4,5,4,5,4,3 (sum 25);
    # the others are 4,3,5,4,3,4 (sum 23); 48 / 12 = 4.0.
    mixed = _score("scs-sf", [2, 4, 3, 1, 5, 4, 3, 2, 1, 4, 2, 3])
    assert mixed.scores["total"] == 4.0 and mixed.band == "high"
    assert mixed.version == "2011"


def _scs(**by_item: int) -> scoring.Result:
    return scoring.score_one(schema.get("scs"), {f"scs_{n}": v for n, v in by_item.items()})


def test_scs_all_minimum_and_maximum():
    for value in (1, 5):
        result = _score("scs", [value] * 26)
        # Positive subscales = value, negative = value, reversed to 6 − value: the mean is 3.
        assert result.scores["total"] == 3.0
        assert result.scores["self_judgment"] == value  # subscales are reported raw
        assert result.scores["compassionate_self_responding"] == value
        assert result.scores["uncompassionate_self_responding"] == value


def test_scs_mixed_case_worked_by_hand():
    values = {
        5: 4, 12: 4, 19: 3, 23: 5, 26: 4,  # self-kindness: mean 4.0
        1: 2, 8: 3, 11: 2, 16: 1, 21: 2,  # self-judgment: mean 2.0
        3: 3, 7: 4, 10: 3, 15: 4,  # common humanity: mean 3.5
        4: 2, 13: 2, 18: 3, 25: 1,  # isolation: mean 2.0
        9: 4, 14: 3, 17: 4, 22: 5,  # mindfulness: mean 4.0
        2: 3, 6: 2, 20: 2, 24: 1,  # over-identification: mean 2.0
    }  # fmt: skip
    result = _scs(**{str(k): v for k, v in values.items()})
    s = result.scores
    assert (s["self_kindness"], s["self_judgment"], s["common_humanity"]) == (4.0, 2.0, 3.5)
    assert (s["isolation"], s["mindfulness"], s["over_identification"]) == (2.0, 4.0, 2.0)
    # Total: mean of 4.0, 6−2.0, 3.5, 6−2.0, 4.0, 6−2.0 = 23.5 / 6.
    assert s["total"] == pytest.approx(23.5 / 6)
    assert s["compassionate_self_responding"] == pytest.approx(11.5 / 3)
    assert s["uncompassionate_self_responding"] == 2.0
    assert result.band == "high"


def test_phq9_examples_bands_and_flags():
    assert _score("phq-9", [0] * 9).scores["total"] == 0
    worst = _score("phq-9", [3] * 9)
    assert worst.scores["total"] == 27 and worst.band == "severe"
    assert worst.flags == {"self_harm_thoughts": True, "caseness": True}
    mixed = _score("phq-9", [1, 2, 1, 0, 3, 2, 0, 1, 0])
    assert mixed.scores["total"] == 10 and mixed.band == "moderate"
    assert mixed.flags == {"self_harm_thoughts": False, "caseness": True}
    cases = [(4, "minimal"), (5, "mild"), (9, "mild"), (14, "moderate"),
             (15, "moderately severe"), (19, "moderately severe"), (20, "severe")]  # fmt: skip
    for total, band in cases:
        assert _score("phq-9", _phq_with_total(total)).band == band, total


def _phq_with_total(total: int) -> list[int]:
    """Answers adding up to `total`, spread over items 1–8 (item 9 stays 0)."""
    values = []
    for _ in range(8):
        values.append(min(3, total))
        total -= values[-1]
    return [*values, 0]


def test_phq9_item_9_alone_raises_the_safety_flag():
    only_item_9 = _score("phq-9", [0, 0, 0, 0, 0, 0, 0, 0, 1])
    assert only_item_9.scores["total"] == 1 and only_item_9.band == "minimal"
    assert only_item_9.flags["self_harm_thoughts"] is True


def test_gad7_examples():
    assert _score("gad-7", [0] * 7).band == "minimal"
    assert _score("gad-7", [3] * 7).scores["total"] == 21
    mixed = _score("gad-7", [1, 1, 2, 0, 1, 2, 0])
    assert mixed.scores["total"] == 7 and mixed.band == "mild" and not mixed.flags["caseness"]
    assert _score("gad-7", [2, 1, 2, 0, 1, 2, 0]).flags["caseness"]  # 8


def test_reliable_change():
    phq = schema.get("phq-9")
    assert scoring.reliable_change(phq, 16, 10) == "reliable improvement"
    assert scoring.reliable_change(phq, 16, 11) == "no reliable change"
    assert scoring.reliable_change(phq, 10, 16) == "reliable deterioration"
    assert scoring.reliable_change(schema.get("gad-7"), 12, 8) == "reliable improvement"
    # No published parameters we can cite: no RCI at all, rather than an invented one.
    assert scoring.reliable_change(schema.get("scs"), 2.0, 4.5) is None


# --- Refusing partial or impossible answers ---------------------------------------------------


def test_a_missing_item_is_refused_by_name():
    answers = _answers("gad-7", [1] * 7)
    del answers["gad7_4"]
    with pytest.raises(scoring.ScoringError, match="gad7_4 is missing"):
        scoring.score_one(schema.get("gad-7"), answers)


@pytest.mark.parametrize("value", [-1, 4, 2.5])
def test_an_out_of_range_answer_is_refused_by_name(value):
    answers = _answers("phq-9", [0] * 9)
    answers["phq9_3"] = value
    with pytest.raises(scoring.ScoringError, match="phq9_3 = .* is not one of 0–3"):
        scoring.score_one(schema.get("phq-9"), answers)


def test_an_unknown_item_is_refused():
    with pytest.raises(scoring.ScoringError, match="not an item"):
        scoring.score_one(schema.get("gad-7"), {**_answers("gad-7", [0] * 7), "gad7_8": 1})


# --- Properties ---------------------------------------------------------------------------------


def _responses(instrument_id: str):
    instrument = schema.get(instrument_id)
    value = st.integers(instrument.min_value, instrument.max_value)
    return st.lists(value, min_size=len(instrument.items), max_size=len(instrument.items))


@pytest.mark.parametrize("instrument_id", sorted(schema.instruments()))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_totals_stay_in_range(instrument_id, data):
    instrument = schema.get(instrument_id)
    values = data.draw(_responses(instrument_id))
    result = _score(instrument_id, values)
    low, high = instrument.min_value, instrument.max_value
    if instrument.scoring.total.rule == "sum":
        low, high = low * len(values), high * len(values)
    assert low <= result.scores["total"] <= high
    if instrument.scoring.bands:
        assert result.band in {r.label for r in instrument.scoring.bands.ranges}


@given(st.lists(st.integers(1, 5), min_size=12, max_size=12))
def test_reversing_the_reversal_is_the_identity(values):
    # Reverse-keying every reverse item twice gives back the answers, so the score of the
    # twice-flipped response equals the original's.
    instrument = schema.get("scs-sf")
    flip = instrument.min_value + instrument.max_value
    twice = [flip - (flip - v) for v in values]
    assert twice == values
    assert _score("scs-sf", twice).scores == _score("scs-sf", values).scores
    # And flipping only the reverse items turns the total into the plain mean of the answers.
    once = [flip - v if item.reverse else v for v, item in zip(values, instrument.items,
                                                                strict=True)]  # fmt: skip
    assert _score("scs-sf", once).scores["total"] == pytest.approx(
        np.mean(
            [
                flip - v if item.reverse else v
                for v, item in zip(once, instrument.items, strict=True)
            ]
        )  # fmt: skip
    )


@pytest.mark.parametrize("instrument_id", sorted(schema.instruments()))
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_batch_and_single_scoring_agree(instrument_id, data):
    instrument = schema.get(instrument_id)
    rows = data.draw(st.lists(_responses(instrument_id), min_size=1, max_size=20))
    batch = scoring.score_matrix(instrument, np.array(rows, dtype=float))
    for index, values in enumerate(rows):
        single = _score(instrument_id, values)
        for name, scores in batch.scores.items():
            assert scores[index] == pytest.approx(single.scores[name])
        if batch.bands is not None:
            assert batch.bands[index] == single.band
