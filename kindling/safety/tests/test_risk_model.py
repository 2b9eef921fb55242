"""The statistical risk model (package kindling-risk-model) and how the screen uses it.

The model is trained by packages/kindling-risk-model/training/train.py with scikit-learn; the
shipped scorer is plain Python. These tests train it again from the same data and check that
the shipped file is what the data gives, that the plain-Python scorer gives scikit-learn's own
probabilities, that it needs no network and nothing outside the standard library, and that the
screen uses it only to raise a text to urgent, never to lower it or move a risk the rules gave the
writer onto someone else; on a text the rules found urgent it gives a second opinion on whose
risk it is, which can only make the writer's path the one taken.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import socket
import sys

import pytest
import yaml
from kindling_risk_model import CLASSES, MODEL_PATH, Model, Scored, load

from kindling.safety.screen import (
    MODEL_RULE,
    RULES_PATH,
    load_rules,
    model,
    rules,
    screen,
    with_model,
)

PACKAGE = MODEL_PATH.parent.parent
sys.path.insert(0, str(PACKAGE / "training"))

import train  # noqa: E402  (packages/kindling-risk-model/training/train.py)

ROOT = PACKAGE.parent.parent
HELD = ROOT / "kindling" / "safety" / "heldout"
CORPUS_17, CORPUS_18 = HELD / "risk-corpus-17.jsonl", HELD / "risk-corpus-18.jsonl"
CORPUS_19 = HELD / "risk-corpus-19.jsonl"
EVERYDAY_13, EVERYDAY_14 = HELD / "everyday-13.jsonl", HELD / "everyday-14.jsonl"
EVERYDAY_15 = HELD / "everyday-15.jsonl"
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


@pytest.mark.parametrize(
    "held_out",
    [CORPUS_17, CORPUS_18, CORPUS_19, EVERYDAY_13, EVERYDAY_14, EVERYDAY_15],
    ids=lambda path: path.name,
)
def test_the_held_out_sets_are_never_trained_on(held_out):
    assert not any(held_out.name in name for name in train.TRAINING)
    assert str(held_out.relative_to(ROOT)) in train.HELD_OUT
    held = {train.normalised(json.loads(line)["text"]) for line in held_out.open() if line.strip()}
    # Counts only, never the texts: an assertion message would print them.
    distinct = len(held)
    assert distinct >= 390  # a short line may be written twice ("ok", "OK.")
    trained_on = {train.normalised(row["text"]) for row in train.read(train.TRAINING)}
    overlap = len(held & trained_on)
    assert overlap == 0


# Written by hand for this test, after model 2026.11-1 was found to read the app's own language
# as urgent ("I want to be kinder to myself": 0.97). Not in any training file. What a client of
# a self-compassion programme writes every day must not open the crisis page.
PRACTICE = [
    "I want to be kinder to myself this week.",
    "I want to stop being so hard on myself",
    "i need to remember i'm allowed to rest",
    "I'd like to learn to talk to myself like I talk to my sister.",
    "What would I say to a friend who felt like this?",
    "Put my hand on my heart and breathed for a minute. Felt a bit softer.",
    "my critic said I'm lazy. I told it I'm tired, not lazy.",
    "Going to be gentle with myself tonight and go to bed early.",
    "Everyone gets things wrong sometimes. It doesn't make me a bad person.",
    "I'm trying to forgive myself for snapping at the kids.",
    "Wrote myself a kind letter. Felt silly but also nice.",
    "i want to be my own friend",
    "I wish I could treat myself the way I treat my dog",
    "Noticed the harsh voice three times today and answered it once.",
    "I keep putting myself down at work, I want that to change.",
    "The soothing touch helped me fall asleep.",
    "I'm done beating myself up about the exam.",
    "I can't keep being this mean to myself",
    "Tonight I'm going to have a bath and not feel guilty about it.",
    "It's okay to feel sad. I'm letting it be here.",
]


# Measured when written: rules 2026.11-1 with model 2026.11-1 read 9 of these 20 as urgent;
# rules 2026.11-2 with model 2026.11-2 (with the rules' `practice` sentences) read 2. The aim
# is none; the test holds the measurement and names what is still read as urgent.
PRACTICE_URGENT_MAX = 2


def test_the_language_of_self_compassion_practice_is_not_read_as_urgent():
    urgent = [text for text in PRACTICE if screen(text).level == "urgent"]
    print(f"\npractice language read as urgent: {len(urgent)} of {len(PRACTICE)}: {urgent}")
    assert len(urgent) <= PRACTICE_URGENT_MAX, urgent


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
    assert model().version in match.explanation
    assert f"flags from {train.THRESHOLD:g}" in match.explanation
    assert "Please read the whole text" in match.explanation
    assert found.version == f"{rules().version} + model {model().version}"


def test_the_words_that_weighed_most_are_never_only_little_words():
    from kindling_risk_model import LITTLE_WORDS

    texts = [PREPARATIONS, "he told me he is going to end it", "she said to me it is over"]
    for text in texts:
        for towards in ("urgent-self", "urgent-other"):
            words = model().weighing(text, towards=towards)
            assert all(set(term.split()) - LITTLE_WORDS for term in words), (text, words)
    assert model().weighing(PREPARATIONS)  # words of substance are still named


def test_the_model_never_changes_what_the_rules_found_urgent():
    text = "I want to kill myself tonight"
    by_rules = rules().screen(text)
    found = screen(text)
    assert found.level == by_rules.level == "urgent"
    assert found.matches == by_rules.matches


class _Fixed:
    """A scorer that gives every text the same probabilities: what with_model does with them."""

    name, version = "fixed", "0"

    def __init__(self, **probabilities):
        self.probabilities = {name: 0.0 for name in CLASSES} | {
            name.replace("_", "-"): value for name, value in probabilities.items()
        }

    def score(self, text):
        return Scored(self.probabilities, 0.45, 0.5)

    def weighing(self, text, k=3, towards="urgent-self"):
        return []

    def sure_enough(self, text, probability):
        return True


SURE_SELF = _Fixed(urgent_self=0.9, none=0.1)
SURE_OTHER = _Fixed(urgent_other=0.9, none=0.1)


class _Asked(_Fixed):
    """A fixed scorer that is also asked whose urgent risk a text is, from 0.7 (2026.11-13)."""

    threshold_whose = 0.7
    settled = Model.settled
    whose = Model.whose


# Written by hand for these tests: the rules read the first as the writer's, the second as a
# sister's, and cannot tell whose the third is (a note nobody signed).
MINE = "I want to kill myself tonight"
HERS = "my sister says she wants to kill herself tonight"
NOBODY_KNOWS = "Found a note on the bus seat, no name on it: 'I'm going to kill myself tonight'."


def test_the_rules_read_the_second_opinion_sentences_as_the_tests_say():
    assert (rules().screen(MINE).level, rules().screen(MINE).about) == ("urgent", "self")
    assert (rules().screen(HERS).level, rules().screen(HERS).about) == ("urgent", "other")
    unsigned = rules().screen(NOBODY_KNOWS)
    assert (unsigned.level, unsigned.about) == ("urgent", "unclear")


def test_the_model_is_not_asked_to_make_reported_words_or_a_pasted_chat_the_writers():
    for text in (
        "mum said i want to die",
        "Mum SAID \u201cI want to die\u201d",
        "[tom]: gonna jump off the bridge tonight\n[me]: what",
    ):
        by_rules = rules().screen(text)
        assert by_rules.about != "self"
        found = with_model(by_rules, text, _Asked(urgent_self=0.9, none=0.1))
        assert (found.level, found.about) == (by_rules.level, by_rules.about)


def test_the_second_opinion_reads_the_cues_of_the_rules_that_screened_the_text(tmp_path):
    # A clinician's copy of the rules with no reported-speech cue: screening with that copy, the
    # sure model is asked; the shipped rules' cue must not stand in for the copy's.
    data = yaml.safe_load(RULES_PATH.read_text())
    data["subjects"]["cues"]["reported"] = ["(?!)"]
    path = tmp_path / "risk-rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    edited = load_rules(path)
    text = "mum said i want to die"
    by_rules = edited.screen(text)
    assert by_rules.level == "urgent" and by_rules.about != "self"
    sure = _Asked(urgent_self=0.9, none=0.1)
    assert with_model(by_rules, text, sure, rules()).about == by_rules.about
    assert with_model(by_rules, text, sure, edited).about in {"self", "unclear"} - {by_rules.about}


def test_a_sure_model_settles_whose_urgent_risk_the_rules_could_not_tell():
    found = with_model(rules().screen(NOBODY_KNOWS), NOBODY_KNOWS, _Asked(urgent_self=0.9))
    assert (found.level, found.about) == ("urgent", "self")
    assert found.matches[-1].rule == MODEL_RULE
    assert "could not tell whose" in found.matches[-1].explanation
    # Sure it is someone else's: still unclear (it never moves a risk onto someone else).
    found = with_model(rules().screen(NOBODY_KNOWS), NOBODY_KNOWS, _Asked(urgent_other=0.9))
    assert (found.level, found.about) == ("urgent", "unclear")
    assert MODEL_RULE not in {m.rule for m in found.matches}


def test_when_the_rules_and_a_sure_model_disagree_whose_it_is_it_is_unclear():
    for text, model_says in (
        (MINE, "urgent_other"),
        (MINE, "urgent_unclear"),
        (HERS, "urgent_self"),
    ):
        by_rules = rules().screen(text)
        found = with_model(by_rules, text, _Asked(**{model_says: 0.9, "none": 0.1}))
        assert (found.level, found.about) == ("urgent", "unclear"), (text, model_says)
        assert found.matches[: len(by_rules.matches)] == by_rules.matches
        assert "please read it to see whose" in found.matches[-1].explanation


def test_an_unsure_or_agreeing_model_leaves_whose_urgent_risk_it_is_alone():
    for text in (MINE, HERS, NOBODY_KNOWS):
        by_rules = rules().screen(text)
        for scorer in (
            _Asked(urgent_other=0.69, urgent_self=0.31),  # below 0.7
            _Asked(**{f"urgent_{by_rules.about}": 0.9, "none": 0.1}),  # agrees
            SURE_OTHER,  # a model that is never asked
        ):
            found = with_model(by_rules, text, scorer)
            assert (found.level, found.about, found.matches) == (
                by_rules.level,
                by_rules.about,
                by_rules.matches,
            )


def test_the_model_raises_only_to_risk_about_the_writer_or_someone_else_not_to_unclear():
    # 2026.11-13's draft also raised texts the model was sure were urgent with nobody to place
    # them on; a review found it raising harmless notes ("someone left a note on my car, no
    # name"): it had learnt the framing words, not the risk. It is not shipped.
    quiet = "we had pasta for tea"
    found = with_model(rules().screen(quiet), quiet, _Asked(urgent_unclear=0.9, none=0.1))
    assert (found.level, found.about) == ("none", "self")
    for note in (
        "someone left a note on my car saying sorry I dented your bumper, no name",
        "Found a note on the train, unsigned: 'pick up kids at 3, dentist thurs'",
    ):
        assert screen(note).level != "urgent"


def test_the_second_opinion_counts_from_its_threshold_up():
    by_rules = rules().screen(MINE)
    found = with_model(by_rules, MINE, _Asked(urgent_other=0.7, urgent_self=0.3))
    assert found.about == "unclear"
    assert "0.70 sure it is urgent risk to someone else (it is used from 0.70 up)" in (
        found.matches[-1].explanation
    )


def test_a_time_before_a_colon_is_not_a_chat_name_for_the_second_opinion():
    # "3am:" is a time, not someone's name in a pasted chat: the model may still make the
    # writer's words theirs (normalising would read it as "eam:", a name).
    text = "3am: Only see my boy every other weekend now. Been thinking about ending it, properly."
    assert rules().screen(text).about == "unclear"
    found = with_model(rules().screen(text), text, _Asked(urgent_self=0.9, none=0.1))
    assert (found.level, found.about) == ("urgent", "self")


def test_the_shipped_model_is_asked_whose_risk_from_its_own_threshold():
    assert model().threshold_whose == train.THRESHOLD_WHOSE == 0.7
    # Hand-written, in no training file: the rules cannot tell whose this is (the sentence before
    # named the writer's son); the shipped model is sure it is the writer's.
    text = "Only see my boy every other weekend now. Been thinking about ending it, properly."
    assert rules().screen(text).about == "unclear"
    assert (screen(text).level, screen(text).about) == ("urgent", "self")


def test_the_model_never_makes_a_risk_the_rules_tied_to_someone_else_the_writers():
    text = "my mum is not coping at all and she cries every night"
    by_rules = rules().screen(text)
    assert (by_rules.level, by_rules.about) == ("concern", "other")
    found = with_model(by_rules, text, SURE_SELF)
    assert (found.level, found.about) == ("concern", "other")
    assert MODEL_RULE not in {m.rule for m in found.matches}
    # It may raise it to urgent about that someone else, the gentler path.
    found = with_model(by_rules, text, SURE_OTHER)
    assert (found.level, found.about) == ("urgent", "other")
    assert "urgent risk to someone else" in found.matches[-1].explanation


def test_the_model_raises_risk_to_someone_else_only_where_the_rules_found_none_for_the_writer():
    quiet = "we had pasta for tea"
    assert rules().screen(quiet).level == "none"
    found = with_model(rules().screen(quiet), quiet, SURE_OTHER)
    assert (found.level, found.about) == ("urgent", "other")
    assert found.matches[-1].rule == MODEL_RULE and found.matches[-1].about == "other"
    # A concern the rules found about the writer stays the writer's: never moved to another.
    worried = "everything feels like too much"
    by_rules = rules().screen(worried)
    assert (by_rules.level, by_rules.about) == ("concern", "self")
    assert with_model(by_rules, worried, SURE_OTHER) == dataclasses.replace(
        by_rules, model_version="0"
    )
    # And a model that finds both likely raises about the writer.
    both = _Fixed(urgent_self=0.5, urgent_other=0.5)
    assert with_model(rules().screen(quiet), quiet, both).about == "self"


def test_a_few_words_the_model_is_not_sure_of_become_a_concern_not_urgent():
    class _Short(_Fixed):
        threshold_short, short_words = 0.7, 6

        def words(self, text):
            return len(text.split())

        def sure_enough(self, text, probability):
            return self.words(text) > self.short_words or probability >= self.threshold_short

    quiet = "we had pasta for tea"  # five words, no rule
    unsure = _Short(urgent_self=0.6, none=0.4)
    found = with_model(rules().screen(quiet), quiet, unsure)
    assert (found.level, found.about) == ("concern", "self")
    assert "only 5 words" in found.matches[-1].explanation
    assert (found.matches[-1].rule, found.matches[-1].level) == (MODEL_RULE, "concern")
    sure = _Short(urgent_self=0.8, none=0.2)
    assert with_model(rules().screen(quiet), quiet, sure).level == "urgent"
    longer = f"{quiet} and then we watched a film together"
    assert with_model(rules().screen(longer), longer, unsure).level == "urgent"


# From the review of 2026.11-2: practice words in a sentence must not hide the rest of it.
HIDDEN_BEHIND_PRACTICE = [
    "going to treat myself tonight its the last thing i will do",
    "I will stop being so hard on myself after tonight because there wont be a tomorrow for me",
    "i forgive myself for everything now and the rope is in the shed",
    "going easy on myself today because tomorrow i wont need to worry about anything ever again",
    "I want to be kinder to myself this month. wrote my goodbyes",
    # 2026.11-6: the everyday phrases now left out (below), with risk after them.
    "i want to sleep and never wake up",
    "i want to sleep forever",
    "i want to go to sleep and turn into an angel",
    "done with maths forever. and done with everything else. goodbye",
    "i want to stop vaping and stop breathing",
    "i want it to stop raining so i can stop existing",
    "why cant i just die my hair pink and then die",
    "how many panadol does it take to stop the pain forever",
    "how many panadol does it take to stop a migraine. then how many to stop everything",
    # From the review: a bare "exit strategy" is not the exit line left out.
    "been planning my exit strategy for a while, its nearly time",
]


@pytest.mark.parametrize("text", HIDDEN_BEHIND_PRACTICE)
def test_practice_words_never_hide_what_else_is_written(text):
    assert screen(text).level == "urgent"


# Added in 2026.11-6: everyday phrases model 2026.11-5 read as urgent (each opened the crisis
# page), now left out of its reading (the same words with risk after them are in
# HIDDEN_BEHIND_PRACTICE above).
EVERYDAY_LEFT_OUT = [
    "i want to stop vaping",
    "I want to stop overthinking everything",
    "i want to stop the practice, it made me sad",
    "i want to sleep",
    "I just want to go to bed",
    "i'm done with maths forever, the end 🙄",
    "gonna unalive my little brother if he touches my switch again",
    "Planning my exit line for the barbecue",
    # 2026.11-7: hair "died" a colour, the rain to stop, a subscription to end.
    "why cant i just die my hair pink",
    "i want it to stop raining",
    "I'd like to end my monthly subscription to the app please, thanks for everything",
    # 2026.11-10.1: tablets to stop a headache (found in a demo walk), ending on a high.
    "odd day at work. how many panadol does it take to stop a migraine though",
    "how many nurofen does it take to fix a hangover",
    "ending it on a high",
]


@pytest.mark.parametrize("text", EVERYDAY_LEFT_OUT)
def test_everyday_phrases_the_model_misread_are_left_out_of_its_reading(text):
    assert screen(text).level == "none"


def test_only_the_practice_phrase_is_left_out_of_the_models_reading():
    found = rules().screen("I want to be kinder to myself this week.")
    assert found.set_aside == ("I want to be kinder to myself",)
    # A word of despair in the sentence: nothing is left out.
    assert rules().screen("I want to be kinder to myself before I say goodbye").set_aside == ()


def test_a_short_text_is_counted_whole_not_after_what_is_left_out():
    scorer = model()
    text = "I want to be kinder to myself this month. wrote my goodbyes"
    assert scorer.words(text) > scorer.short_words
    assert scorer.words("wrote my goodbyes") <= scorer.short_words


def test_the_shipped_model_asks_more_of_short_texts():
    scorer = model()
    assert scorer.short_words >= 4 and scorer.threshold_short > scorer.threshold
    assert scorer.words("early night tonight") == 3


def test_flagged_other_needs_its_threshold_and_to_be_likelier_than_about_the_writer():
    def scored(us, uo, other=0.5):
        rest = (1 - us - uo) / 3
        probabilities = dict(zip(CLASSES, (rest, rest, us, uo, rest), strict=True))
        return Scored(probabilities, 0.45, other)

    assert scored(0.1, 0.6).flagged_other
    assert not scored(0.1, 0.4).flagged_other  # under its threshold
    assert not scored(0.45, 0.46).flagged_other  # the writer is flagged: that comes first
    assert not scored(0.1, 0.6, other=None).flagged_other  # a model file without it: never


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
