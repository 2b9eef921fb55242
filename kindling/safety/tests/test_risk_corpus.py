"""The risk screen against labelled texts: the development corpus and the held-out corpus.

Run with `pytest -s` to see each confusion matrix (expected level/about down the side, what the
screen said across the top).

Targets (issue 6), on each corpus:
- recall of urgent-about-self at least 0.95: of the texts labelled urgent/self, the share the
  screen calls urgent/self;
- precision of urgent-about-self at least 0.85: of the texts the screen calls urgent/self, the
  share labelled urgent/self;
- no text labelled about "other" is screened as about "self" (at any level above none: a "none"
  screening is "self" only by convention and names nobody).

dev-corpus.jsonl was written alongside the rules and is used to develop them. The first held-out
corpus (corpus/risk-corpus.jsonl) was written separately, by someone who had not seen the
rules; docs/safety/risk-screen.md records its numbers. A second held-out corpus
(corpus/risk-corpus-2.jsonl) was written the same way while rules 2026.05-3 were being written
and run once (recall 0.564); rules 2026.11-1 were then developed with its failures, so it is
now DEVELOPMENT data and its floors below are the fitted numbers, not evidence of accuracy.

Corpus 3 (heldout/risk-corpus-3.jsonl) measured rules 2026.11-1 blind, then chose the
statistical model's threshold and became part of its training data. Corpus 4 measured rules
2026.11-1 with model 2026.11-1 blind, then became development data in the same way. Corpus 5 (and
everyday notes 1) did the same for 2026.11-2, corpus 6 (and everyday notes 2) for 2026.11-3, and
corpus 7 (and everyday notes 3) for 2026.11-4, corpus 8 (and everyday notes 4) for 2026.11-5,
corpus 9 (and everyday notes 5) for 2026.11-6. The honest measure of the screen now (rules
2026.11-7 with model 2026.11-7, see test_risk_model.py) is corpus 10,
heldout/risk-corpus-10.jsonl, and for false alarms on everyday words, heldout/everyday-6.jsonl:
see the comments above their tests at the end of this file. Their tests print counts only.

dev-corpus-2.jsonl is a second development set (639 texts) written for rules 2026.05-3, aimed at
what the rules missed: indirect and euphemistic wording, farewell behaviours, self-harm in other
forms, children's spelling and text-speak, long entries with one risky sentence, and hard
negatives. It was written in five batches; each batch was screened once as written (recall of
urgent/self on the new batches was 0.42-0.48) and only then used to improve the rules, so its
numbers here are fitted and are not evidence of accuracy.

dev-corpus-3.jsonl (230 texts) was written for rules 2026.11-1 before any rule was changed
(first run, rules 2026.05-3: recall 0.844, precision 0.976), then used with corpus 2 as
development data; rules were widened by kinds of wording, not by its sentences.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from kindling.safety.screen import ABOUTS, LEVELS, screen_many

HERE = Path(__file__).parent
DEV = HERE / "dev-corpus.jsonl"
DEV_2 = HERE / "dev-corpus-2.jsonl"
HELD_OUT = HERE / "corpus" / "risk-corpus.jsonl"
HELD_OUT_2 = HERE / "corpus" / "risk-corpus-2.jsonl"
DEV_3 = HERE / "dev-corpus-3.jsonl"
HELD_OUT_3 = HERE.parent / "heldout" / "risk-corpus-3.jsonl"
HELD_OUT_4 = HERE.parent / "heldout" / "risk-corpus-4.jsonl"
HELD_OUT_5 = HERE.parent / "heldout" / "risk-corpus-5.jsonl"
HELD_OUT_6 = HERE.parent / "heldout" / "risk-corpus-6.jsonl"
HELD_OUT_7 = HERE.parent / "heldout" / "risk-corpus-7.jsonl"
HELD_OUT_8 = HERE.parent / "heldout" / "risk-corpus-8.jsonl"
HELD_OUT_9 = HERE.parent / "heldout" / "risk-corpus-9.jsonl"
HELD_OUT_10 = HERE.parent / "heldout" / "risk-corpus-10.jsonl"
HELD_OUT_11 = HERE.parent / "heldout" / "risk-corpus-11.jsonl"
HELD_OUT_12 = HERE.parent / "heldout" / "risk-corpus-12.jsonl"
HELD_OUT_13 = HERE.parent / "heldout" / "risk-corpus-13.jsonl"
HELD_OUT_14 = HERE.parent / "heldout" / "risk-corpus-14.jsonl"
HELD_OUT_15 = HERE.parent / "heldout" / "risk-corpus-15.jsonl"
HELD_OUT_16 = HERE.parent / "heldout" / "risk-corpus-16.jsonl"
HELD_OUT_17 = HERE.parent / "heldout" / "risk-corpus-17.jsonl"
HELD_OUT_18 = HERE.parent / "heldout" / "risk-corpus-18.jsonl"
HELD_OUT_19 = HERE.parent / "heldout" / "risk-corpus-19.jsonl"
EVERYDAY_1 = HERE.parent / "heldout" / "everyday-1.jsonl"
EVERYDAY_2 = HERE.parent / "heldout" / "everyday-2.jsonl"
EVERYDAY_3 = HERE.parent / "heldout" / "everyday-3.jsonl"
EVERYDAY_4 = HERE.parent / "heldout" / "everyday-4.jsonl"
EVERYDAY_5 = HERE.parent / "heldout" / "everyday-5.jsonl"
EVERYDAY_6 = HERE.parent / "heldout" / "everyday-6.jsonl"
EVERYDAY_7 = HERE.parent / "heldout" / "everyday-7.jsonl"
EVERYDAY_8 = HERE.parent / "heldout" / "everyday-8.jsonl"
EVERYDAY_9 = HERE.parent / "heldout" / "everyday-9.jsonl"
EVERYDAY_10 = HERE.parent / "heldout" / "everyday-10.jsonl"
EVERYDAY_11 = HERE.parent / "heldout" / "everyday-11.jsonl"
EVERYDAY_12 = HERE.parent / "heldout" / "everyday-12.jsonl"
EVERYDAY_13 = HERE.parent / "heldout" / "everyday-13.jsonl"
EVERYDAY_14 = HERE.parent / "heldout" / "everyday-14.jsonl"
EVERYDAY_15 = HERE.parent / "heldout" / "everyday-15.jsonl"

RECALL_TARGET = 0.95
PRECISION_TARGET = 0.85
CELLS = [("none", "self")] + [(lv, ab) for lv in LEVELS[1:] for ab in ABOUTS]


def load(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        assert isinstance(row.get("text"), str), f"{path.name} line {number}: no text"
        assert row.get("level") in LEVELS, f"{path.name} line {number}: level {row.get('level')}"
        about = row.get("about") or "self"
        assert about in ABOUTS, f"{path.name} line {number}: about {about}"
        row["about"] = "self" if row["level"] == "none" else about
        rows.append(row)
    return rows


@dataclass
class Report:
    name: str
    rows: list[dict]
    predicted: list[tuple[str, str]]

    @property
    def expected(self) -> list[tuple[str, str]]:
        return [(r["level"], r["about"]) for r in self.rows]

    @property
    def confusion(self) -> Counter:
        return Counter(zip(self.expected, self.predicted, strict=True))

    def _count(self, want=None, got=None) -> int:
        return sum(
            1
            for e, p in zip(self.expected, self.predicted, strict=True)
            if (want is None or e == want) and (got is None or p == got)
        )

    @property
    def recall(self) -> float:
        labelled = self._count(want=("urgent", "self"))
        return self._count(want=("urgent", "self"), got=("urgent", "self")) / max(labelled, 1)

    @property
    def precision(self) -> float:
        flagged = self._count(got=("urgent", "self"))
        hits = self._count(want=("urgent", "self"), got=("urgent", "self"))
        return hits / flagged if flagged else 1.0

    @property
    def other_as_self(self) -> list[dict]:
        return [
            row
            for row, (level, about) in zip(self.rows, self.predicted, strict=True)
            if row["about"] == "other" and level != "none" and about == "self"
        ]

    @property
    def level_accuracy(self) -> float:
        same = sum(e[0] == p[0] for e, p in zip(self.expected, self.predicted, strict=True))
        return same / len(self.rows)

    def mistakes(self) -> list[str]:
        return [
            f"  {row.get('id')}: labelled {e[0]}/{e[1]}, screened {p[0]}/{p[1]}: {row['text']}"
            for row, e, p in zip(self.rows, self.expected, self.predicted, strict=True)
            if e != p
        ]

    def text(self) -> str:
        short = {cell: f"{cell[0][:3]}/{cell[1][:3]}" for cell in CELLS}
        width = 9
        lines = [
            f"{self.name}: {len(self.rows)} texts",
            "expected \\ screened".ljust(20) + "".join(short[c].rjust(width) for c in CELLS),
        ]
        confusion = self.confusion
        for want in CELLS:
            counts = [confusion[(want, got)] for got in CELLS]
            if not any(counts):
                continue
            lines.append(short[want].ljust(20) + "".join(str(n).rjust(width) for n in counts))
        lines += [
            f"urgent/self recall    {self.recall:.3f}  (target >= {RECALL_TARGET})",
            f"urgent/self precision {self.precision:.3f}  (target >= {PRECISION_TARGET})",
            f"labelled other, screened self: {len(self.other_as_self)}  (target 0)",
            f"level agrees: {self.level_accuracy:.3f}; level and about agree: "
            f"{1 - len(self.mistakes()) / len(self.rows):.3f}",
        ]
        return "\n".join(lines)


def evaluate(name: str, path: Path) -> Report:
    rows = load(path)
    screened = screen_many(row["text"] for row in rows)
    return Report(name, rows, [(s.level, s.about) for s in screened])


def _check(report: Report) -> None:
    print()
    print(report.text())
    mistakes = report.mistakes()
    if mistakes:
        print("disagreements:")
        print("\n".join(mistakes))
    assert report.recall >= RECALL_TARGET
    assert report.precision >= PRECISION_TARGET
    assert report.other_as_self == [], [r["text"] for r in report.other_as_self]


def test_the_dev_corpus_is_big_and_varied():
    rows = load(DEV)
    assert len(rows) >= 150
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["voice"] for r in rows} == {"adult", "teen", "child"}
    assert len({r["category"] for r in rows}) >= 15
    assert {(r["level"], r["about"]) for r in rows} >= {
        ("none", "self"),
        ("concern", "self"),
        ("concern", "other"),
        ("urgent", "self"),
        ("urgent", "other"),
    }


def test_the_dev_corpus_meets_the_targets():
    _check(evaluate("development corpus (dev-corpus.jsonl)", DEV))


def test_the_second_dev_corpus_meets_the_targets():
    _check(evaluate("second development corpus (dev-corpus-2.jsonl)", DEV_2))


def test_the_second_dev_corpus_is_big_and_varied():
    rows = load(DEV_2)
    assert len(rows) >= 250
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({r["text"] for r in rows}) == len(rows)
    assert {r["voice"] for r in rows} == {"adult", "teen", "child"}
    assert sum(r["level"] == "none" for r in rows) >= 100  # hard negatives


def test_the_held_out_corpus_meets_the_targets():
    if not HELD_OUT.exists():
        pytest.skip(f"the held-out corpus {HELD_OUT.relative_to(HERE)} has not been written yet")
    _check(evaluate("held-out corpus (corpus/risk-corpus.jsonl)", HELD_OUT))


def test_the_third_dev_corpus_is_big_and_varied():
    rows = load(DEV_3)
    assert len(rows) >= 150
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({r["text"] for r in rows}) == len(rows)
    assert {r["voice"] for r in rows} == {"adult", "teen", "child"}
    assert sum(r["level"] == "none" for r in rows) >= 50  # hard negatives
    assert {(r["level"], r["about"]) for r in rows} >= {
        ("none", "self"),
        ("concern", "self"),
        ("concern", "other"),
        ("urgent", "self"),
        ("urgent", "other"),
        ("urgent", "unclear"),
    }


def test_the_third_dev_corpus_meets_the_targets():
    _check(evaluate("third development corpus (dev-corpus-3.jsonl)", DEV_3))


# Corpus 2 was held out for rules 2026.05-3 (first run: recall 0.564, precision 0.826, 3 texts
# about someone else read as the writer's). Rules 2026.11-1 were developed with its failures,
# so it is development data now. The floors are what rules 2026.11-1 reach on it (recall
# 0.960, precision 0.990, 0 other-as-self), rounded down; they guard against going backwards and
# say nothing about accuracy on new text.
CORPUS_2_RECALL_FLOOR = 0.95
CORPUS_2_PRECISION_FLOOR = 0.98
CORPUS_2_OTHER_AS_SELF_MAX = 0


def test_corpus_2_now_development_data_does_not_fall_below_its_fitted_numbers():
    if not HELD_OUT_2.exists():
        pytest.skip(f"corpus 2 {HELD_OUT_2.relative_to(HERE)} is not there")
    report = evaluate("corpus 2, now development data (corpus/risk-corpus-2.jsonl)", HELD_OUT_2)
    print()
    print(report.text())
    mistakes = report.mistakes()
    if mistakes:
        print("disagreements:")
        print("\n".join(mistakes))
    assert report.recall >= CORPUS_2_RECALL_FLOOR
    assert report.precision >= CORPUS_2_PRECISION_FLOOR
    assert len(report.other_as_self) <= CORPUS_2_OTHER_AS_SELF_MAX, [
        r["text"] for r in report.other_as_self
    ]


# Corpus 3 was written for rules 2026.11-1 by someone who saw no rules, and screened once with
# the rules frozen (2026-11-22): urgent/self recall 0.638, precision 0.847, 1 text about someone
# else read as the writer's. It then chose the model's threshold (trained without it) and is now
# part of the model's training data.
#
# Corpus 4 (500 texts, written blind) was screened ONCE with rules 2026.11-1 and model 2026.11-1
# frozen: recall 0.912, precision 0.825, 2 other-as-self; it then became development data.
#
# Corpus 5 (500 texts, written blind) was screened ONCE with rules 2026.11-2 and model 2026.11-2
# frozen: recall 0.900, precision 0.796, 4 other-as-self (everyday notes 1: 18 of 380 not-urgent
# texts screened urgent). Once corpus 6 had been written, its texts were read to widen the rules
# (2026.11-3, by kind: recovered stories, anniversaries, danger at home as the scheme's concern),
# it validated model 2026.11-3 (trained without it: 0.919 / 0.860 / 3) and joined the training
# data, with everyday notes 1.
#
# Corpus 6 (500 texts, written blind) was screened with 2026.11-2 and 2026.11-3 frozen (see
# heldout/README.md: 0.900 / 0.828 / 3, then 0.894 / 0.867 / 3). Once corpus 7 had been written,
# its texts were read to widen the rules (2026.11-4, by kind: pacts, a gun turned on oneself, a
# height looked up, whose means, protective acts, idle threats), it validated model 2026.11-4
# (trained without it) and joined the training data, with everyday notes 2.
#
# Corpus 7 (500 texts, written blind) was screened with 2026.11-3 and 2026.11-4 frozen (0.900 /
# 0.873 / 5, then 0.900 / 0.889 / 2). Once corpus 8 had been written, its texts were read to widen
# the rules (2026.11-5, by kind) and it joined the training data of model 2026.11-5, with everyday
# notes 3 and three new training sets.
#
# Corpus 8 (500 texts, written blind) was screened with 2026.11-4 and 2026.11-5 frozen (0.912 /
# 0.859 / 7, then 0.938 / 0.867 / 7). Once corpus 9 had been written and had measured 2026.11-5,
# its texts were read to widen the rules (2026.11-6, by kind), it validated model 2026.11-6
# (trained without it) and joined its training data, with everyday notes 4 and two new sets.
#
# Corpus 9 (500 texts, written blind) was screened with 2026.11-5 and 2026.11-6 frozen (0.894 /
# 0.899 / 2, then 0.900 / 0.906 / 1). Once corpus 10 had been written and had measured 2026.11-6,
# its texts were read to widen the rules (2026.11-7, by kind), it validated model 2026.11-7
# (trained without it) and joined its training data, with everyday notes 5 and three new sets.
#
# All are DEVELOPMENT data now: the floors are the fitted numbers of rules 2026.11-7 with model
# 2026.11-7 (corpus 3: 1.000 / 0.942 / 1; corpus 4: 1.000 / 0.958 / 0; corpus 5: 0.969 / 0.963 /
# 0; corpus 6: 0.981 / 0.975 / 0; corpus 7: 0.988 / 0.981 / 0; corpus 8: 0.994 / 1.000 / 0;
# corpus 9: 0.994 / 0.975 / 0), rounded down. They guard against going backwards and are not
# evidence of accuracy; corpus 11 is.
#
# Corpus 10 (500 texts, written blind) was screened with 2026.11-6 and 2026.11-7 frozen (0.894 /
# 0.877 / 7, then 0.900 / 0.889 / 5). Once corpus 11 had been written and had measured 2026.11-7,
# its texts were read to widen the rules (2026.11-8, by kind), it validated model 2026.11-8
# (trained without it) and joined its training data, with everyday notes 6. Fitted with 2026.11-8:
# 0.994 / 0.952 / 2.
#
# Corpus 11 (500 texts, written blind) was screened with 2026.11-7 and 2026.11-8 frozen (0.863 /
# 0.857 / 8, then 0.863 / 0.863 / 7). Once corpus 12 had been written and had measured 2026.11-8,
# its texts were read to widen the rules (2026.11-9, by kind), it chose model 2026.11-9's
# threshold (trained without it) and joined its training data, with everyday notes 7.
#
# Corpus 12 (500 texts, written blind) was screened with 2026.11-8 and 2026.11-9 frozen (0.863 /
# 0.890 / 1, then 0.900 / 0.873 / 2). Once corpus 13 had been written and had measured 2026.11-9,
# its texts were read to widen the rules (2026.11-10, by kind) and it joined the model's training
# data, with everyday notes 8. Corpus 13 is the honest measure of 2026.11-10.
#
# Corpus 13 (500 texts, written blind) was screened with 2026.11-9 and 2026.11-10 frozen (0.919 /
# 0.835 / 4, then 0.925 / 0.851 / 4). Once corpus 14 had been written and had measured 2026.11-10.1,
# its texts were read to widen the rules (2026.11-11, by kind) and it joined the model's training
# data, with everyday notes 9. Corpus 14 is the honest measure of 2026.11-11.
#
# Corpus 14 (500 texts, written blind) was screened with 2026.11-10.1 and 2026.11-11 frozen (0.919 /
# 0.925 / 4, then 0.925 / 0.914 / 4). Once corpus 15 had been written and had measured 2026.11-11.1,
# its texts were read to widen the rules (2026.11-12, by kind) and it joined the model's training
# data, with everyday notes 10. Corpus 15 is the honest measure of 2026.11-12.
#
# Corpus 15 (500 texts, written blind) was screened with 2026.11-11.1 and 2026.11-12 frozen (0.906
# / 0.884 / 2, then 0.912 / 0.890 / 2). Once corpora 16 and 17 had been written and had measured
# 2026.11-12, its texts were read to widen the rules (2026.11-13, by kind) and it joined the
# model's training data, with everyday notes 11. Corpora 16 and 17 are the honest measure of
# 2026.11-13.
#
# Corpus 16 (500 texts, written blind) was screened with 2026.11-12 and 2026.11-13 frozen (0.975 /
# 0.881 / 2, then 0.981 / 0.897 / 2). Once corpus 18 had measured 2026.11-13, its texts were read
# to widen the rules (2026.11-14, by kind) and it joined the model's training data, with everyday
# notes 12. Corpora 17, 18 and 19 are the honest measure of 2026.11-14.
FITTED = [
    ("corpus 3, now development data (heldout/risk-corpus-3.jsonl)", HELD_OUT_3, 0.99, 0.93, 1),
    ("corpus 4, now development data (heldout/risk-corpus-4.jsonl)", HELD_OUT_4, 0.99, 0.95, 0),
    ("corpus 5, now development data (heldout/risk-corpus-5.jsonl)", HELD_OUT_5, 0.96, 0.95, 0),
    ("corpus 6, now development data (heldout/risk-corpus-6.jsonl)", HELD_OUT_6, 0.98, 0.95, 0),
    ("corpus 7, now development data (heldout/risk-corpus-7.jsonl)", HELD_OUT_7, 0.98, 0.98, 0),
    ("corpus 8, now development data (heldout/risk-corpus-8.jsonl)", HELD_OUT_8, 0.99, 0.99, 0),
    ("corpus 9, now development data (heldout/risk-corpus-9.jsonl)", HELD_OUT_9, 0.99, 0.96, 0),
    ("corpus 10, now development data (heldout/risk-corpus-10.jsonl)", HELD_OUT_10, 0.99, 0.95, 2),
    # Corpus 11, fitted with rules and model 2026.11-9 (trained on it): 0.988 / 0.908 / 4.
    ("corpus 11, now development data (heldout/risk-corpus-11.jsonl)", HELD_OUT_11, 0.98, 0.90, 4),
    # Corpus 12, fitted with rules and model 2026.11-10 (trained on it): 0.994 / 1.000 / 0.
    ("corpus 12, now development data (heldout/risk-corpus-12.jsonl)", HELD_OUT_12, 0.99, 0.99, 0),
    # Corpus 13, fitted with rules and model 2026.11-11 (trained on it): 1.000 / 0.920 / 1.
    ("corpus 13, now development data (heldout/risk-corpus-13.jsonl)", HELD_OUT_13, 0.99, 0.91, 1),
    # Corpus 14, fitted with rules and model 2026.11-12 (trained on it): 0.994 / 0.981 / 1; with
    # 2026.11-13: 0.988 / 0.988 / 0.
    ("corpus 14, now development data (heldout/risk-corpus-14.jsonl)", HELD_OUT_14, 0.98, 0.98, 0),
    # Corpus 15, fitted with rules and model 2026.11-13 (trained on it): 0.994 / 0.958 / 0.
    ("corpus 15, now development data (heldout/risk-corpus-15.jsonl)", HELD_OUT_15, 0.99, 0.95, 0),
    # Corpus 16, fitted with rules and model 2026.11-14 (trained on it): 0.994 / 0.988 / 0.
    ("corpus 16, now development data (heldout/risk-corpus-16.jsonl)", HELD_OUT_16, 0.99, 0.98, 0),
]


def _holds(report: Report, recall: float, precision: float, other_as_self: int) -> None:
    # Plain numbers with our own messages: pytest would print the values behind a failing
    # assert, and the report holds the texts, which for a held-out corpus must stay unread.
    got_recall, got_precision = report.recall, report.precision
    got_other = len(report.other_as_self)
    assert got_recall >= recall, f"recall {got_recall:.3f} < {recall}"
    assert got_precision >= precision, f"precision {got_precision:.3f} < {precision}"
    assert got_other <= other_as_self, f"{got_other} other-as-self > {other_as_self}"


@pytest.mark.parametrize(
    "name,path,recall,precision,other",
    FITTED,
    ids=[f"corpus-{n}" for n in range(3, 17)],
)
def test_corpora_now_development_data_do_not_fall_below_their_fitted_numbers(
    name, path, recall, precision, other
):
    report = evaluate(name, path)
    print()
    print(report.text())
    _holds(report, recall, precision, other)


# Everyday notes (400 short texts each, 380 of them not urgent), written blind. Everyday notes 1
# was screened ONCE with 2026.11-2 (18 of 380 made urgent) and is development data now (fitted
# with 2026.11-3: 4). Everyday notes 2 was screened ONCE with each of 2026.11-2 (14 of 380; 31 of
# its texts were then, by accident, word for word in that model's training data) and 2026.11-3
# (8 of 380, with those removed); the 15 urgent texts about the writer were all caught each time.
# Everyday notes 3 (session 7, ids v001-v400) was screened ONCE with 2026.11-3 frozen: 5 of 380
# screened urgent; 14 of its 15 urgent texts about the writer were caught (the one missed is not
# read: counts only). 28 of its short lines are word for word in 2026.11-3's training data, which
# flatters that one measurement a little. Then ONCE with 2026.11-4 (trained without them): 3 of
# 380, 14 of 15 caught. Everyday notes 2 and 3 are development data now (fitted with 2026.11-5:
# 2 and 0). Everyday notes 4 (session 8, ids x001-x400) was screened ONCE with 2026.11-4 frozen
# (10 of 380; 14 of 15 caught) and ONCE with 2026.11-5 frozen (7 of 380; 15 of 15 caught); 27 of
# its short lines were word for word in 2026.11-4's training data and are skipped by 2026.11-5's.
# Everyday notes 1 to 4 are development data now (fitted with 2026.11-6: 1, 2, 0 and 0).
# Everyday notes 5 (session 9, ids y001-y400) was screened ONCE with 2026.11-5 frozen (12 of 380;
# 14 of 15 caught) and ONCE with 2026.11-6 frozen: 11 of 380 screened urgent, 14 of its 15 urgent
# texts about the writer caught (the one missed is not read: counts only). 40 of its short lines
# were word for word in 2026.11-5's training data; 2026.11-6's trainer skips them. It is
# development data now (fitted with 2026.11-7: 1).
# Everyday notes 6 (session 10, ids z001-z400) was screened ONCE with 2026.11-6 frozen (11 of 380;
# 15 of 15 caught) and ONCE with 2026.11-7 frozen: 12 of 380 screened urgent, 15 of its 15 urgent
# texts about the writer caught. 21 of its lines are word for word in earlier data; 2026.11-7's
# trainer skips them. It is development data now (fitted with 2026.11-8: 0).
# Everyday notes 7 (session 11, ids w001-w400) was screened ONCE with 2026.11-7 frozen: 6 of 380
# screened urgent, 15 of 15 urgent texts about the writer caught; and ONCE with 2026.11-8 frozen:
# 5 of 380, 15 of 15 caught. 50 of its short lines are word for word in earlier data. It is
# development data now (fitted with 2026.11-9: 0); everyday notes 6 is 1 with 2026.11-9, whose
# model flags from 0.35 (was 0.45).
# Everyday notes 8 (session 12, ids ev001-ev400) was screened ONCE with 2026.11-8 frozen: 7 of 380
# screened urgent, 15 of 15 urgent texts about the writer caught. 23 of its lines are word for
# word in earlier data (21 harmless lines of 1 to 6 words). ONCE with 2026.11-9 frozen: 7 of 380,
# 15 of 15 caught. It is development data now (fitted with 2026.11-10: 1).
# Everyday notes 9 (session 13, ids ew001-ew400) was screened ONCE with 2026.11-9 frozen: 8 of 380
# screened urgent, 15 of 15 urgent texts about the writer caught. 42 of its lines are word for
# word in earlier data (40 of them harmless lines of 1 to 6 words), which flatters this one
# measurement a little; the next model's trainer skips them. ONCE with 2026.11-10 frozen (trained
# without them): 8 of 380, 15 of 15 caught. It is development data now (fitted with 2026.11-11: 1).
# Everyday notes 10 (session 14, ids ex001-ex400) was screened ONCE with 2026.11-10.1 frozen: 10 of
# 380 screened urgent, 15 of 15 urgent texts about the writer caught. 14 of its lines are word for
# word in earlier data (11 harmless lines of 1 to 6 words). ONCE with 2026.11-11 frozen (trained
# without them): 10 of 380, 15 of 15 caught. It is development data now (fitted with 2026.11-12: 2).
# Everyday notes 11 (session 14, ids ey001-ey400) was screened ONCE with 2026.11-11.1 frozen: 15 of
# 380 screened urgent, 15 of 15 urgent texts about the writer caught. 20 of its lines are word for
# word in earlier data (17 harmless lines of 1 to 6 words). ONCE with 2026.11-12 frozen (trained
# without them): 13 of 380, 15 of 15 caught. It is development data now (fitted with 2026.11-13:
# 1).
# Everyday notes 12 (session 14, ids ez001-ez400) was screened ONCE with 2026.11-12 frozen: 7 of 380
# screened urgent, 15 of 15 urgent texts about the writer caught. 29 of its lines are word for
# word in earlier data (28 harmless lines of 1 to 6 words). ONCE with 2026.11-13 frozen: 7 of 380,
# 15 of 15 caught. It is development data now (fitted with 2026.11-14: 0).
# Everyday notes 13 (session 15, ids fa001-fa400; its writer was asked for everyday words that
# sound alarming out of context) was screened ONCE with 2026.11-12 frozen: 24 of 380 screened
# urgent, 15 of 15 urgent texts about the writer caught. 1 of its lines is word for word in
# earlier data. ONCE with 2026.11-13 frozen: 21 of 380, 15 of 15 caught. ONCE with 2026.11-14
# frozen: 21 of 380, 15 of 15 caught.
# Everyday notes 14 (session 15, ids fb001-fb400) was screened ONCE with rules 2026.11-13.1 and
# model 2026.11-13 (the same screenings as 2026.11-13): 19 of 380 screened urgent, 15 of 15 urgent
# texts about the writer caught (2026.11-12 on the same texts, counted too: 19, 15 of 15). 3 of
# its lines are word for word in earlier data. ONCE with 2026.11-14 frozen (trained without them):
# 18 of 380, 15 of 15 caught.
# Everyday notes 15 (session 16, ids fc001-fc400) was screened ONCE with 2026.11-14 frozen: 6 of
# 380 screened urgent, 15 of 15 urgent texts about the writer caught (2026.11-13 on the same texts,
# counted too: 6, 15 of 15). 55 of its lines (harmless) are word for word in earlier data.
EVERYDAY = [
    ("everyday notes 1, now development data (heldout/everyday-1.jsonl)", EVERYDAY_1, 1, 0),
    ("everyday notes 2, now development data (heldout/everyday-2.jsonl)", EVERYDAY_2, 2, 0),
    ("everyday notes 3, now development data (heldout/everyday-3.jsonl)", EVERYDAY_3, 0, 0),
    ("everyday notes 4, now development data (heldout/everyday-4.jsonl)", EVERYDAY_4, 0, 0),
    ("everyday notes 5, now development data (heldout/everyday-5.jsonl)", EVERYDAY_5, 1, 0),
    ("everyday notes 6, now development data (heldout/everyday-6.jsonl)", EVERYDAY_6, 1, 0),
    ("everyday notes 7, now development data (heldout/everyday-7.jsonl)", EVERYDAY_7, 0, 0),
    ("everyday notes 8, now development data (heldout/everyday-8.jsonl)", EVERYDAY_8, 1, 0),
    ("everyday notes 9, now development data (heldout/everyday-9.jsonl)", EVERYDAY_9, 1, 0),
    ("everyday notes 10, now development data (heldout/everyday-10.jsonl)", EVERYDAY_10, 2, 0),
    ("everyday notes 11, now development data (heldout/everyday-11.jsonl)", EVERYDAY_11, 1, 0),
    ("everyday notes 12, now development data (heldout/everyday-12.jsonl)", EVERYDAY_12, 0, 0),
    ("everyday notes 13 (heldout/everyday-13.jsonl)", EVERYDAY_13, 21, 0),
    ("everyday notes 14 (heldout/everyday-14.jsonl)", EVERYDAY_14, 18, 0),
    ("everyday notes 15 (heldout/everyday-15.jsonl)", EVERYDAY_15, 6, 0),
]


@pytest.mark.parametrize(
    "name,path,most,missed_most",
    EVERYDAY,
    ids=[f"everyday-{n}" for n in range(1, 16)],
)
def test_everyday_notes_rarely_open_the_crisis_page(name, path, most, missed_most):
    report = evaluate(name, path)
    print()
    print(report.text())
    calm = [p for e, p in zip(report.expected, report.predicted, strict=True) if e[0] != "urgent"]
    false_urgent = sum(level == "urgent" for level, _about in calm)
    missed = sum(
        e == ("urgent", "self") and p[0] != "urgent"
        for e, p in zip(report.expected, report.predicted, strict=True)
    )
    print(f"not urgent, screened urgent: {false_urgent} of {len(calm)}; missed {missed}")
    assert false_urgent <= most
    assert missed <= missed_most


# Corpus 10 (session 10, ids m001-m250 and n001-n250; 500 texts written blind) is the honest
# measure of rules 2026.11-7 with model 2026.11-7: screened ONCE with 2026.11-6 frozen (recall
# 0.894, precision 0.877, 7 other-as-self) and ONCE with 2026.11-7 frozen: recall 0.900 (144 of
# 160), precision 0.889, 5 texts about someone else screened as the writer's. Issue 6's targets
# (0.95 / 0.85 / 0) are not met on it: recall and other-as-self fall short. The floors are those
# measured numbers, so that the next change cannot make the screen worse on text it never saw
# without a test saying so. Only counts are printed (the confusion matrix): nobody building the
# screen reads these texts until a corpus 11 has measured the next version.
def test_held_out_corpus_10_as_measured_once():
    # Kept as the record of its blind measurement of 2026.11-7 (0.900 / 0.889 / 5); corpus 10 is
    # development data now and FITTED holds it to 2026.11-8's fitted numbers.
    report = evaluate("corpus 10 (heldout/risk-corpus-10.jsonl)", HELD_OUT_10)
    _holds(report, 0.90, 0.88, 5)


# The held-out corpora's blind measurements, one record each; only counts are printed, and nobody
# building the screen reads a corpus until the one after it has measured the version after next.
#
# Corpus 11 (session 11, ids p001-p250 and q001-q250; 500 texts written blind by two new writers)
# was screened ONCE with 2026.11-7 frozen, before corpus 10 was opened: recall 0.863 (138 of 160),
# precision 0.857, 8 texts about someone else screened as the writer's. It is harder than corpus
# 10 for the same version (0.900 / 0.889 / 5). Then ONCE with rules and model 2026.11-8 frozen:
# recall 0.863 (138 of 160, unchanged), precision 0.863, 7 other-as-self.
#
# Corpus 12 (session 12, ids ua001-ua250 and ub001-ub250; 500 texts written blind by two new
# writers) was screened ONCE with rules and model 2026.11-8 frozen, before corpus 11 was opened: a
# second blind measure of them. Recall 0.863 (138 of 160, as on corpus 11), precision 0.890, 1 text
# about someone else screened as the writer's. Then ONCE with rules and model 2026.11-9 frozen
# (585cd82): recall 0.900 (144 of 160), precision 0.873, 2 other-as-self.
#
# Corpus 13 (session 13, ids uc001-uc250 and ud001-ud250; 500 texts written blind by two new
# writers) was screened ONCE with rules and model 2026.11-9 frozen (792e432), before corpus 12 was
# opened: a second blind measure of them. Recall 0.919 (147 of 160), precision 0.835, 4 texts
# about someone else screened as the writer's. Then ONCE with rules and model 2026.11-10 frozen
# (c0c2465): recall 0.925 (148 of 160), precision 0.851, 4 other-as-self. Nobody building the
# screen reads its texts until a corpus 14 has measured the version after next.
#
# Corpus 14 (session 14, ids ue001-ue250 and uf001-uf250; 500 texts written blind by two new
# writers) was screened ONCE with rules 2026.11-10.1 and model 2026.11-10 frozen (b4f09ae), before
# corpus 13 was opened: a second blind measure of them. Recall 0.919 (147 of 160), precision
# 0.925, 4 texts about someone else screened as the writer's. Then ONCE with rules and model
# 2026.11-11 frozen (29443fc): recall 0.925 (148 of 160), precision 0.914, 4 other-as-self.
# Nobody building the screen reads its texts until a corpus 15 has measured the version after
# next.
#
# Corpus 15 (session 14, ids ug001-ug250 and uh001-uh250; 500 texts written blind by two new
# writers) was screened ONCE with rules 2026.11-11.1 and model 2026.11-11 (52d2477), before corpus
# 14 was opened: a second blind measure of them. Recall 0.906 (145 of 160), precision 0.884, 2
# texts about someone else screened as the writer's. Then ONCE with rules and model 2026.11-12
# frozen (8e8fd2f): recall 0.912 (146 of 160), precision 0.890, 2 other-as-self. Nobody building
# the screen reads its texts until a corpus 16 has measured the version after next.
#
# Corpus 16 (session 14, ids uj001-uj250 and uk001-uk250; 500 texts written blind by two new
# writers) was screened ONCE with rules and model 2026.11-12 frozen (28d0cd7), before corpus 15
# was opened: a second blind measure of them. Recall 0.975 (156 of 160), precision 0.881, 2
# texts about someone else screened as the writer's (without its 11 texts that are word for word
# in earlier data: 153 of 157, 0.975). Then ONCE with rules and model 2026.11-13 frozen (910df4c):
# recall 0.981 (157 of 160), precision 0.897, 2 other-as-self. After corpus 18 had measured
# 2026.11-13, its errors were read (development data for the next version; heldout README).
#
# Corpus 17 (session 15, ids um001-um250 and un001-un250; 500 texts written blind by two new
# writers, none of them word for word in earlier data) was screened ONCE with rules and model
# 2026.11-12 frozen (38f732d), before corpus 15 was opened: a third blind measure of them. Recall
# 0.950 (152 of 160), precision 0.879, 1 text about someone else screened as the writer's. Then
# ONCE with rules and model 2026.11-13 frozen (910df4c): recall 0.950 (152 of 160), precision
# 0.894, 0 other-as-self, the first blind corpus on which one version meets all three of issue 6's
# targets (on corpus 16 the same version read 2 texts about someone else as the writer's). Nobody
# building the screen reads its texts until a corpus 18 has measured the version after next.
#
# Corpus 18 (session 15, ids uo001-uo250 and up001-up250; 500 texts written blind by two new
# writers, 1 of them word for word in earlier data) was screened ONCE with rules 2026.11-13.1 and
# model 2026.11-13 (the same screenings as 2026.11-13, a third blind measure of them): recall 0.969
# (155 of 160), precision 0.891, 0 other-as-self; the second blind corpus meeting all three of
# issue 6's targets. (2026.11-12 on the same texts, counted too: 0.956 / 0.874 / 1.) Nobody building
# the screen reads its texts until a corpus 19 has measured the version after next.
#
# Corpora 17 and 18 were screened ONCE more with rules and model 2026.11-14 frozen (51a2bfe): 0.950
# (152 of 160) / 0.899 / 0 and 0.969 (155 of 160) / 0.896 / 0.
#
# Corpus 19 (session 16, ids uq001-uq250 and ur001-ur250; 500 texts written blind by two new
# writers before 2026.11-14 was frozen, none word for word in earlier data) was screened ONCE with
# rules and model 2026.11-14 frozen: recall 0.963 (154 of 160), precision 0.880, 3 texts about
# someone else screened as the writer's (2 urgent, 1 as a concern). (2026.11-13 on the same texts,
# counted too: 0.969 / 0.881 / 3.) Issue 6's recall and precision targets are met on it, the
# other-as-self target is not. Nobody building the screen reads its texts until a corpus 20 has
# measured the version after next.
#
# The floors are the last measured numbers. (A run before a freeze leaves out the newest with
# `-k "not corpus_17 and not corpus_18 and not corpus_19"`.)
MEASURED_ONCE = [
    ("held-out corpus 11 (heldout/risk-corpus-11.jsonl)", HELD_OUT_11, 0.86, 0.86, 7),
    ("held-out corpus 12 (heldout/risk-corpus-12.jsonl)", HELD_OUT_12, 0.90, 0.87, 2),
    ("held-out corpus 13 (heldout/risk-corpus-13.jsonl)", HELD_OUT_13, 0.92, 0.85, 4),
    ("held-out corpus 14 (heldout/risk-corpus-14.jsonl)", HELD_OUT_14, 0.92, 0.91, 4),
    ("held-out corpus 15 (heldout/risk-corpus-15.jsonl)", HELD_OUT_15, 0.91, 0.89, 2),
    ("held-out corpus 16 (heldout/risk-corpus-16.jsonl)", HELD_OUT_16, 0.98, 0.89, 2),
    ("held-out corpus 17 (heldout/risk-corpus-17.jsonl)", HELD_OUT_17, 0.95, 0.89, 0),
    ("held-out corpus 18 (heldout/risk-corpus-18.jsonl)", HELD_OUT_18, 0.96, 0.89, 0),
    ("held-out corpus 19 (heldout/risk-corpus-19.jsonl)", HELD_OUT_19, 0.96, 0.88, 3),
]


@pytest.mark.parametrize(
    "name,path,recall,precision,other",
    MEASURED_ONCE,
    ids=[f"corpus_{n}" for n in range(11, 20)],
)
def test_held_out_corpora_as_measured_once(name, path, recall, precision, other):
    report = evaluate(name, path)
    print()
    print(report.text())
    _holds(report, recall, precision, other)
