"""K10: hand-worked totals and the ABS band edges (k10.yaml names the sources)."""

from __future__ import annotations

import pytest

from kindling.measures import schema
from kindling.measures.scoring import ScoringError, score_one


def _k10(values: list[int]):
    instrument = schema.get("k10")
    return score_one(instrument, dict(zip(instrument.item_ids, values, strict=True)))


def test_the_definition_matches_the_form():
    k10 = schema.get("k10")
    assert k10.item_ids == [f"k10_{n}" for n in range(1, 11)]
    assert [o.label for o in k10.response_options] == [
        "None of the time",
        "A little of the time",
        "Some of the time",
        "Most of the time",
        "All of the time",
    ]
    assert not any(item.reverse for item in k10.items)
    assert k10.scoring.subscales == [] and k10.scoring.total.rule == "sum"
    assert k10.scoring.direction == "lower_is_better"
    assert k10.audience.age_bands == ["adult"]
    # Australian item order: "everything was an effort" before "so sad that nothing could
    # cheer you up" (the later Harvard revision swaps them and says "so depressed").
    assert k10.items[7].text.endswith("that everything was an effort?")
    assert k10.items[8].text.endswith("so sad that nothing could cheer you up?")


def test_all_minimum_and_all_maximum():
    lowest = _k10([1] * 10)  # "none of the time" throughout: 10 × 1
    assert lowest.scores == {"total": 10.0} and lowest.band == "low"
    highest = _k10([5] * 10)  # "all of the time" throughout: 10 × 5
    assert highest.scores == {"total": 50.0} and highest.band == "very high"
    assert lowest.version == "2002" and lowest.flags == {}


def test_mixed_case_worked_by_hand():
    # Items 1–10 answered 2, 3, 1, 2, 4, 2, 3, 3, 1, 2:
    # 2 + 3 = 5; + 1 = 6; + 2 = 8; + 4 = 12; + 2 = 14; + 3 = 17; + 3 = 20; + 1 = 21; + 2 = 23.
    # 23 lies in 22–29, "high".
    mixed = _k10([2, 3, 1, 2, 4, 2, 3, 3, 1, 2])
    assert mixed.scores["total"] == 23.0 and mixed.band == "high"


def test_answering_none_of_the_time_then_asking_the_skip_items_scores_as_the_skip_rule_would():
    # In interviews, item 3 is skipped and scored 1 when item 2 is "none of the time" (and 6
    # after 5). On the self-report form all ten are asked; a consistent answer of "none of
    # the time" to 3 and 6 gives the same total: 1+1+1+3+1+1+2+2+2+2 = 16, "moderate".
    result = _k10([1, 1, 1, 3, 1, 1, 2, 2, 2, 2])
    assert result.scores["total"] == 16.0 and result.band == "moderate"


@pytest.mark.parametrize("total,band", [
    (10, "low"), (15, "low"), (16, "moderate"), (21, "moderate"),
    (22, "high"), (29, "high"), (30, "very high"), (50, "very high"),
])  # fmt: skip
def test_abs_band_edges(total, band):
    # Build each total from ten answers of 1 to 5: start from all 1s (10) and add the rest.
    values, extra = [1] * 10, total - 10
    for i in range(10):
        step = min(4, extra)
        values[i] += step
        extra -= step
    assert sum(values) == total
    result = _k10(values)
    assert result.scores["total"] == total and result.band == band


@pytest.mark.parametrize("values,message", [
    ([1] * 9, "k10_10 is missing"),
    ([0] + [1] * 9, "k10_1 = 0 is not one of 1–5"),
    ([1] * 9 + [6], "k10_10 = 6 is not one of 1–5"),
])  # fmt: skip
def test_a_missing_or_out_of_range_answer_is_never_scored(values, message):
    instrument = schema.get("k10")
    answers = dict(zip(instrument.item_ids, values, strict=False))
    with pytest.raises(ScoringError, match=message):
        score_one(instrument, answers)
