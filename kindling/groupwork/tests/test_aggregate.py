"""The facilitator's view of the group's check-in: nothing until five have answered, then a
mean that moves only in steps of five, never one person's score."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kindling.groupwork.aggregate import MINIMUM, STEP, group_summary


def test_four_answers_are_refused_even_the_count():
    summary = group_summary([1.0, 2.0, 3.0, 4.0])
    assert not summary.shown
    assert summary.mean is None and summary.answered is None and summary.counted == 0


def test_five_answers_are_shown():
    summary = group_summary([2.0, 3.0, 3.5, 4.0, 2.5])
    assert summary.shown and summary.answered == 5 and summary.counted == 5
    assert summary.mean == 3.0


def test_a_sixth_answer_does_not_move_the_mean():
    five = group_summary([2.0, 3.0, 3.5, 4.0, 2.5])
    six = group_summary([2.0, 3.0, 3.5, 4.0, 2.5, 5.0])
    assert six.answered == 6 and six.counted == 5 and six.mean == five.mean


@given(st.lists(st.floats(min_value=1, max_value=5), min_size=0, max_size=40))
def test_nothing_shown_ever_stands_for_fewer_than_five_people(totals):
    summary = group_summary(totals)
    assert summary.shown == (len(totals) >= MINIMUM)
    if summary.shown:
        assert summary.counted % STEP == 0 and summary.counted >= MINIMUM
        # Between any two moments the difference of the counted blocks is a multiple of five,
        # so no single newcomer's score can be worked out by subtraction.
        earlier = group_summary(totals[:-1])
        assert summary.counted - earlier.counted in (0, STEP)
