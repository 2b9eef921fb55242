"""Train Kindling's risk model and write kindling_risk_model/model.json.

    .venv/bin/python packages/kindling-risk-model/training/train.py            # write the model
    .venv/bin/python packages/kindling-risk-model/training/train.py --check    # compare only
    .venv/bin/python packages/kindling-risk-model/training/train.py --validate # choose threshold

Training needs scikit-learn (a development dependency); the shipped model does not. The same
data and the same scikit-learn give the same model: `--check` (run by the test suite) trains
again and fails if the shipped file differs from what the data would give.

`--validate` is how the threshold was chosen: it trains on everything except corpus 3 and
prints, for several thresholds, what the rules and the model together score on corpus 3
(texts the model did not see; the rules were frozen before they saw them). It never reads
held-out corpus 4, which is kept for measuring the finished screen once.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent
ROOT = PACKAGE.parent.parent
sys.path.insert(0, str(PACKAGE))

from kindling_risk_model import CLASSES, MODEL_PATH, normalise  # noqa: E402

NAME = "kindling-risk-model"
VERSION = "2026.11-1"
# Chosen with --validate (see MODEL_CARD.md): with the model trained without corpus 3, 0.45 gave
# recall 0.977 and precision 0.814 on corpus 3 (0.40: 0.977 / 0.799; 0.50: 0.938 / 0.824).
THRESHOLD = 0.45
C = 4.0  # inverse regularisation strength of the logistic regression
WORD_TOKENS = r"[a-z0-9']+"

# Every file the model learns from, relative to the repository root. Held-out corpus 4 is
# deliberately absent (a test checks that no text of it is here).
TRAINING = [
    "kindling/safety/tests/corpus/risk-corpus.jsonl",
    "kindling/safety/tests/corpus/risk-corpus-2.jsonl",
    "kindling/safety/tests/dev-corpus.jsonl",
    "kindling/safety/tests/dev-corpus-2.jsonl",
    "kindling/safety/tests/dev-corpus-3.jsonl",
    "kindling/safety/heldout/risk-corpus-3.jsonl",
    *sorted(str(path.relative_to(ROOT)) for path in (HERE / "data").glob("*.jsonl")),
]
VALIDATION = "kindling/safety/heldout/risk-corpus-3.jsonl"


def label(row: dict) -> str:
    if row["level"] != "urgent":
        return row["level"]
    return f"urgent-{row['about']}"


def read(paths: list[str]) -> list[dict]:
    rows = []
    for name in paths:
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def fit(rows: list[dict]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_union

    views = [
        TfidfVectorizer(
            analyzer="word", ngram_range=(1, 2), token_pattern=WORD_TOKENS,
            preprocessor=normalise, sublinear_tf=True,
        ),
        TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), min_df=2,
            preprocessor=normalise, sublinear_tf=True,
        ),
    ]  # fmt: skip
    union = make_union(*views)
    features = union.fit_transform([row["text"] for row in rows])
    classifier = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    classifier.fit(features, [CLASSES.index(label(row)) for row in rows])
    return views, classifier


def export(views, classifier) -> dict:
    if list(classifier.classes_) != list(range(len(CLASSES))):
        raise SystemExit("every class must appear in the training data")
    offset = 0
    specs = []
    for view in views:
        vocabulary = view.vocabulary_
        terms = {}
        for term, column in sorted(vocabulary.items()):
            weights = classifier.coef_[:, offset + column]
            terms[term] = [round(float(view.idf_[column]), 5)] + [
                round(float(w), 5) for w in weights
            ]
        specs.append(
            {
                "analyzer": view.analyzer,
                "ngram_range": list(view.ngram_range),
                "token_pattern": view.token_pattern if view.analyzer == "word" else None,
                "terms": terms,
            }
        )
        offset += len(vocabulary)
    return {
        "name": NAME,
        "version": VERSION,
        "classes": list(CLASSES),
        "threshold": THRESHOLD,
        "intercept": [round(float(b), 5) for b in classifier.intercept_],
        "trained_on": TRAINING,
        "views": specs,
    }


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def difference(shipped: dict, fresh: dict, tolerance: float = 1e-4) -> str:
    """What differs between two model files, or "" when they agree (numbers within tolerance:
    the last rounded digit may differ between machines' floating point)."""
    for key in ("name", "version", "classes", "threshold", "trained_on"):
        if shipped.get(key) != fresh[key]:
            return f"{key} differs"
    pairs = [("intercept", shipped.get("intercept", []), fresh["intercept"])]
    if len(shipped.get("views", [])) != len(fresh["views"]):
        return "views differ"
    for n, (old, new) in enumerate(zip(shipped["views"], fresh["views"], strict=True)):
        if {k: v for k, v in old.items() if k != "terms"} != {
            k: v for k, v in new.items() if k != "terms"
        }:
            return f"view {n} settings differ"
        if old["terms"].keys() != new["terms"].keys():
            return f"view {n} terms differ"
        pairs.extend((f"view {n} '{t}'", old["terms"][t], v) for t, v in new["terms"].items())
    for where, old, new in pairs:
        if len(old) != len(new):
            return f"{where} weights differ"
        if any(abs(a - b) > tolerance for a, b in zip(old, new, strict=True)):
            return f"{where} weights differ"
    return ""


def validate(thresholds=(0.3, 0.35, 0.4, 0.45, 0.5, 0.55)) -> None:
    sys.path.insert(0, str(ROOT))
    from kindling_risk_model import Model

    from kindling.safety.screen import rules, with_model

    train = read([name for name in TRAINING if name != VALIDATION])
    held = read([VALIDATION])
    model = Model(export(*fit(train)))
    compiled = rules()
    print(f"trained on {len(train)} texts; validating on {len(held)} ({VALIDATION})")
    print("rules and model together (kindling.safety.screen.with_model)")
    print("threshold  recall  precision  other-as-self")
    base = [compiled.screen(row["text"]) for row in held]
    want = [(row["level"], row["about"]) for row in held]
    us = ("urgent", "self")
    for threshold in thresholds:
        model.threshold = threshold
        got = [
            (found.level, found.about)
            for found in (
                with_model(b, row["text"], model) for b, row in zip(base, held, strict=True)
            )
        ]
        hits = sum(w == us and g == us for w, g in zip(want, got, strict=True))
        recall = hits / sum(w == us for w in want)
        flagged = sum(g == us for g in got)
        precision = hits / flagged if flagged else 1.0
        wrong = sum(
            1
            for row, (level, about) in zip(held, got, strict=True)
            if row["about"] == "other" and level != "none" and about == "self"
        )
        print(f"{threshold:9.2f}  {recall:6.3f}  {precision:9.3f}  {wrong:13d}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="fail if model.json is stale")
    group.add_argument("--validate", action="store_true", help="print the threshold table")
    args = parser.parse_args(argv)
    if args.validate:
        validate()
        return 0
    rows = read(TRAINING)
    fresh = export(*fit(rows))
    if args.check:
        problem = difference(json.loads(MODEL_PATH.read_text(encoding="utf-8")), fresh)
        if problem:
            print(f"{MODEL_PATH.name} is stale ({problem}): run train.py to write it again")
            return 1
        print(f"{MODEL_PATH.name} matches its training data ({len(rows)} texts)")
        return 0
    MODEL_PATH.write_text(dumps(fresh), encoding="utf-8")
    print(f"wrote {MODEL_PATH.relative_to(ROOT)} from {len(rows)} texts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
