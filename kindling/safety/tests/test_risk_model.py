"""The statistical risk model (package kindling-risk-model) and how the screen uses it.

The model is trained by packages/kindling-risk-model/training/train.py with scikit-learn; the
shipped scorer is plain Python. These tests train it again from the same data and check that
the shipped file is what the data gives, that the plain-Python scorer gives scikit-learn's own
probabilities, that it needs no network and nothing outside the standard library, and that the
screen uses it only to raise a text to urgent about the writer, never to lower or re-attribute.
"""

from __future__ import annotations

import ast
import json
import socket
import sys

import pytest
from kindling_risk_model import CLASSES, MODEL_PATH, Model, load

from kindling.safety.screen import MODEL_RULE, model, rules, screen, with_model

PACKAGE = MODEL_PATH.parent.parent
sys.path.insert(0, str(PACKAGE / "training"))

import train  # noqa: E402  (packages/kindling-risk-model/training/train.py)

ROOT = PACKAGE.parent.parent
CORPUS_4 = ROOT / "kindling" / "safety" / "heldout" / "risk-corpus-4.jsonl"
# Written by hand for this test: no rule matches it, and the model reads preparations in it.
PREPARATIONS = "Sorted out who gets the cat and left the passwords in an envelope on the desk."


@pytest.fixture(scope="module")
def trained():
    rows = train.read(train.TRAINING)
    views, classifier = train.fit(rows)
    return rows, views, classifier


def test_the_shipped_model_is_what_its_training_data_gives(trained):
    rows, views, classifier = trained
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert train.difference(shipped, train.export(views, classifier)) == ""
    assert shipped["trained_on"] == train.TRAINING
    assert len(rows) > 4000


def test_a_changed_weight_is_caught():
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    changed = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    term = next(iter(changed["views"][0]["terms"]))
    changed["views"][0]["terms"][term][3] += 0.01
    assert "weights differ" in train.difference(changed, shipped)
    changed = dict(shipped, threshold=0.9)
    assert train.difference(changed, shipped) == "threshold differs"


def test_the_plain_scorer_gives_scikit_learns_probabilities(trained):
    from sklearn.pipeline import make_union

    rows, views, classifier = trained
    union = make_union(*views)
    sample = [row["text"] for row in rows[::12]] + ["", "   ", "DIEEEE!!!", "ça va? 🙂"]
    expected = classifier.predict_proba(union.transform(sample))
    scorer = Model(train.export(views, classifier))
    for text, probabilities in zip(sample, expected, strict=True):
        got = scorer.score(text).probabilities
        assert list(got) == list(CLASSES)
        for name, p in zip(CLASSES, probabilities, strict=True):
            assert got[name] == pytest.approx(p, abs=2e-3), (text, name)


def test_held_out_corpus_4_is_never_trained_on():
    assert not any("corpus-4" in name for name in train.TRAINING)
    held = {json.loads(line)["text"].strip().lower() for line in CORPUS_4.open() if line.strip()}
    assert len(held) == 500
    trained_on = {row["text"].strip().lower() for row in train.read(train.TRAINING)}
    assert not held & trained_on


def test_the_model_loads_and_scores_with_the_network_shut(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    scored = load(MODEL_PATH).score(PREPARATIONS)
    assert sum(scored.probabilities.values()) == pytest.approx(1.0)


def test_the_scorer_imports_only_the_standard_library():
    source = (MODEL_PATH.parent / "__init__.py").read_text(encoding="utf-8")
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            imported.add(node.module.split(".")[0])
    assert imported - {"__future__"} <= sys.stdlib_module_names, imported


def test_a_broken_model_file_says_what_is_wrong(tmp_path):
    bad = tmp_path / "model.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON"):
        load(bad)
    bad.write_text(json.dumps({"classes": list(CLASSES)}), encoding="utf-8")
    with pytest.raises(ValueError, match="not a risk model file"):
        load(bad)
    bad.write_text(json.dumps({"classes": ["a", "b"]}), encoding="utf-8")
    with pytest.raises(ValueError, match="classes"):
        load(bad)


# ----------------------------------------------------------------------------- with the rules


def test_the_model_raises_what_no_rule_read_and_says_why():
    assert rules().screen(PREPARATIONS).level == "none"
    found = screen(PREPARATIONS)
    assert (found.level, found.about) == ("urgent", "self")
    (match,) = found.matches
    assert match.rule == MODEL_RULE and match.phrase == PREPARATIONS
    assert model().version in match.explanation and "flags from 0.45" in match.explanation
    assert "Please read the whole text" in match.explanation
    assert found.version == f"{rules().version} + model {model().version}"


def test_the_model_never_changes_what_the_rules_found_urgent():
    text = "I want to kill myself tonight"
    by_rules = rules().screen(text)
    found = screen(text)
    assert found.level == by_rules.level == "urgent"
    assert found.matches == by_rules.matches


def test_the_model_is_not_asked_when_the_rules_tied_the_risk_to_someone_else():
    eager = load(MODEL_PATH)
    eager.threshold = 0.0  # would flag anything the rules let it read
    text = "my mum is not coping at all and she cries every night"
    by_rules = rules().screen(text)
    assert (by_rules.level, by_rules.about) == ("concern", "other")
    found = with_model(by_rules, text, eager)
    assert (found.level, found.about) == ("concern", "other")
    assert MODEL_RULE not in {m.rule for m in found.matches}


def test_the_model_does_not_read_what_the_rules_set_aside():
    eager = load(MODEL_PATH)
    eager.threshold = 0.0
    for text in ("I scratched the mozzie bite until it bled", "I would never hurt myself"):
        by_rules = rules().screen(text)
        assert by_rules.level == "none" and by_rules.set_aside == (text,)
        assert with_model(by_rules, text, eager).level == "none"
    # ...but it still reads the sentences the rules did not judge.
    text = f"I would never hurt myself. {PREPARATIONS}"
    found = screen(text)
    assert (found.level, found.about) == ("urgent", "self")
    assert found.matches[-1].phrase == PREPARATIONS


def test_the_model_needs_urgent_about_the_writer_to_be_likelier_than_about_someone_else():
    scorer = model()
    scored = scorer.score("dad has been hoarding his pills and said goodbye to us")
    assert scored.urgent_other > scored.urgent_self
    assert not scored.flagged


def test_an_empty_text_is_none_without_asking_the_model():
    found = screen("")
    assert (found.level, found.about, found.matches) == ("none", "self", ())


def test_model_version_is_kept_with_an_alert_and_fits_its_field():
    from kindling.safety.models import Alert

    field = Alert._meta.get_field("rules_version")
    assert len(screen(PREPARATIONS).version) <= field.max_length
