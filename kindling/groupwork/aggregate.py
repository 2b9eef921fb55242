"""The group's check-in as the facilitator sees it: never one person's answers.

Why it is shaped like this (k-anonymity, roughly: every figure shown stands for at least five
people, and no two figures can be subtracted to leave fewer than five):

- Nothing is shown until at least MINIMUM (5) people have answered: not the average, and not
  even the exact count. "3 of 8 have answered" says nothing about scores, but it does tell a
  facilitator who watches the number tick up after someone mentions they "just did it" that
  this person took part; "fewer than 5 so far" is all they need to know.
- Once shown, the average is of the first answers in whole blocks of STEP (5), in the order
  they came in. If it moved with every new answer, the facilitator could subtract yesterday's
  average from today's and read the newcomer's score exactly (6 x mean6 - 5 x mean5). In steps
  of five, a change only ever reveals the average of five more people.
- No minimum, maximum, median or spread: each of those is one person's own score (or close to
  it), and a change in it points at whoever answered last.
- The exact number who have answered is shown once at least five have: it says how complete the
  picture is and nothing about anyone's answers.

The SCS-SF has no subscales worth reporting (its authors advise against them), so only the
total's mean is given, to one decimal place, on its 1 to 5 scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MINIMUM = 5
STEP = 5


@dataclass(frozen=True)
class GroupSummary:
    answered: int | None  # how many have answered; None while fewer than MINIMUM have
    shown: bool
    counted: int  # how many answers the mean is made of (a multiple of STEP), 0 when hidden
    mean: float | None  # rounded to one decimal place; None when hidden


def group_summary(totals_in_order: Sequence[float]) -> GroupSummary:
    """The group's figures from each answer's total, in the order the answers came in."""
    answered = len(totals_in_order)
    if answered < MINIMUM:
        return GroupSummary(answered=None, shown=False, counted=0, mean=None)
    counted = answered - answered % STEP
    block = totals_in_order[:counted]
    return GroupSummary(
        answered=answered, shown=True, counted=counted, mean=round(sum(block) / counted, 1)
    )
