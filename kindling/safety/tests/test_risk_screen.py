"""The risk screen: each kind of statement, who it is about, and the rule file itself."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
import yaml

from kindling.safety import screen as risk
from kindling.safety.screen import RULES_PATH, RulesError, load_rules, screen, screen_many

DEV_CORPUS = Path(__file__).with_name("dev-corpus.jsonl")
DEV_CORPUS_2 = Path(__file__).with_name("dev-corpus-2.jsonl")


def level_about(text: str) -> tuple[str, str]:
    found = screen(text)
    return found.level, found.about


# ----------------------------------------------------------------------------- issue 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # direct and indirect statements
        ("I want to die", ("urgent", "self")),
        ("everyone would be better off without me", ("urgent", "self")),
        ("I've been cutting again", ("urgent", "self")),
        ("I won't be around much longer", ("urgent", "self")),
        # denials and idioms
        ("I would never hurt myself", ("none", "self")),
        ("this homework is killing me", ("none", "self")),
        ("I died laughing", ("none", "self")),
        # text-speak
        ("kms", ("urgent", "self")),
        ("wanna die", ("urgent", "self")),
        # a child writing about a parent
        ("mum says she wants to die", ("urgent", "other")),
        ("dad took too many pills again", ("urgent", "other")),
    ],
)
def test_the_examples_in_the_issue(text, expected):
    assert level_about(text) == expected


# ----------------------------------------------------------------------------- categories


@pytest.mark.parametrize(
    "text",
    [
        "I want to kill myself",
        "I don't want to be alive anymore",
        "I wish I was dead",
        "I want to go to sleep and never wake up",
        "I've been thinking about suicide a lot",
        "I have nothing left to live for",
        "nobody would even notice if I died",
        "I've got a plan to end my life on Friday",
        "I've been saving up my pills",
        "This is goodbye. Thank you for everything.",
        "I've been giving away my things",
        "I cut myself last night",
        "I took too many pills an hour ago",
        "I tried to kill myself last night",
        "I can't keep myself safe tonight",
        "I'm not safe right now",
        "he put his hands round my neck last night",
    ],
)
def test_urgent_statements_about_the_writer(text):
    assert level_about(text) == ("urgent", "self")


@pytest.mark.parametrize(
    "text",
    [
        "I feel hopeless",
        "What's the point of anything",
        "I'm worthless",
        "I'm such a burden",
        "I wish I could just disappear",
        "I really want to cut but I haven't",
        "sh urges are bad today",
        "I tried to kill myself when I was 16",
        "I used to cut in year 9",
        "People at school keep telling me to kill myself",
    ],
)
def test_concerns_about_the_writer(text):
    assert level_about(text) == ("concern", "self")


@pytest.mark.parametrize(
    "text",
    [
        "kms",
        "i should just kys",
        "wanna die rn",
        "i want to unalive myself",
        "feeling suicidle again",
        "i want to kil myself",
        "sh again last night",
        "i just wanna dieeee",
        "i want 2 die",
        "I WANT TO DIE",
    ],
)
def test_misspellings_and_text_speak(text):
    assert level_about(text) == ("urgent", "self")


@pytest.mark.parametrize(
    "text",
    [
        "I would never hurt myself",
        "I'm not suicidal, just tired",
        "I'm not going to kill myself",
        "I don't want to die",
        "I've never wanted to kill myself",
        "No suicidal thoughts this week",
        "I have no intention of ending my life",
        "I haven't got any thoughts of hurting myself",
    ],
)
def test_denials_are_not_risk(text):
    assert level_about(text) == ("none", "self")


@pytest.mark.parametrize(
    "text",
    [
        "this homework is killing me",
        "I died laughing",
        "I could kill for a coffee",
        "I'm dead tired",
        "my phone died",
        "I cut my hair",
        "I nearly died of embarrassment",
        "Mum is going to kill me when she sees my room",
        "I cut myself chopping onions",
        "I'd rather die than wear that jumper",
        "This is goodbye for the holidays!",
        "We learned about suicide prevention in class",
    ],
)
def test_idioms_are_not_risk(text):
    assert level_about(text) == ("none", "self")


def test_a_denial_does_not_cancel_a_phrase_that_carries_its_own_not():
    assert level_about("I don't want to live") == ("urgent", "self")
    assert level_about("I don't see the point in living") == ("urgent", "self")
    assert level_about("I'm not safe at home") == ("concern", "self")  # danger at home


def test_a_what_if_is_a_concern_not_urgent():
    assert level_about("If I ever feel like hurting myself I will call Lifeline") == (
        "concern",
        "self",
    )


def test_the_past_is_a_concern_unless_something_puts_it_in_the_present():
    assert level_about("I tried to kill myself two years ago") == ("concern", "self")
    assert level_about("I used to cut and I started cutting again last night") == (
        "urgent",
        "self",
    )
    found = screen("I tried to kill myself when I was 15")
    assert "past" in found.matches[0].explanation


# ----------------------------------------------------------------------------- whom


@pytest.mark.parametrize(
    "text",
    [
        "mum says she wants to die",
        "dad took too many pills again",
        "my sister is cutting",
        "My dad is suicidal and I don't know what to do",
        "I think my mum wants to kill herself",
        "My best friend told me she wants to kill herself",
        "Nan said she doesn't want to live anymore",
        "My brother has been self harming and made me promise not to tell",
        'Mum screamed "I want to die" at dinner',
        '"I just want to die," mum said.',
        "Mum said: I want to die",
        "My mum overdosed again",
        "Dad keeps saying everyone would be better off without him",
        "Mum tried to kill herself and I found her",
    ],
)
def test_someone_elses_risk_is_about_them(text):
    level, about = level_about(text)
    assert level == "urgent"
    assert about == "other"


@pytest.mark.parametrize(
    "text",
    [
        "Mum says she wants to die and honestly so do I",
        "Me and my sister both want to die",
        "My mum and I both want to die sometimes",
        "Dad makes me want to die",
        "When mum yells at me I want to kill myself",
        "My friend is suicidal and I've been cutting again",
        "Dad took too many pills again. I want to die too.",
    ],
)
def test_the_writer_in_the_same_sentence_or_text_keeps_it_about_them(text):
    assert level_about(text) == ("urgent", "self")


def test_a_parent_in_danger_and_the_writers_own_concern_is_urgent_about_the_parent():
    found = screen("My sister cuts herself. I feel hopeless.")
    assert (found.level, found.about) == ("urgent", "other")
    # The writer's own concern is still listed for the clinician.
    assert ("concern", "self") in {(m.level, m.about) for m in found.matches}


def test_mum_said_i_is_unclear_not_the_writers_own_risk():
    # Without quotation marks this could be mum's words or the writer's: say so.
    assert level_about("mum said i want to die") == ("urgent", "unclear")


def test_danger_at_home_is_about_the_writer_when_they_are_in_the_scene():
    # Since 2026.11-3 being hurt at home is a concern (the labelling scheme's level), e-mailed
    # to the care team at once (`tell`); a threat to life stays urgent (danger-now).
    assert level_about("Dad hit mum again last night and I'm scared") == ("concern", "self")
    assert level_about("He threatened to kill us if we tell anyone") == ("urgent", "self")
    assert level_about("Mum's boyfriend hurt me again") == ("concern", "self")
    assert level_about("Dad hits me when he's drunk") == ("concern", "self")
    assert level_about("I don't feel safe at home") == ("concern", "self")
    # Violence to someone else, with the writer not in the sentence, is about them.
    assert level_about("Dad hit mum again") == ("concern", "other")
    assert level_about("My friend's dad hits her") == ("concern", "other")
    assert level_about("Dad said he is going to kill mum tonight") == ("urgent", "other")


def test_worry_about_a_parent_is_a_concern_about_them():
    assert level_about("I'm really worried about my mum, she's not well") == ("concern", "other")
    assert level_about("Mum won't get out of bed and I have to make dinner") == (
        "concern",
        "other",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Nobody named, or nobody can say who.
        ("someone wants to die and I don't know what to do", ("urgent", "unclear")),
        ("asking for a friend: how many panadol is too many?", ("urgent", "unclear")),
        ("they said they'd end it", ("urgent", "unclear")),
        ("does it hurt to die", ("concern", "unclear")),
        # "they" after someone is named is that someone.
        ("My parents fight a lot and they said they'd end it all", ("urgent", "other")),
        # A word for people in general is not the subject unless it is right there.
        ("Everyone leaves eventually so what's the point", ("concern", "self")),
        # A speaker who is named, even without a person word, is not the writer.
        ("Our eldest texted 'I want to die' last night", ("urgent", "other")),
        # Taking someone else's tablets is the writer's own risk.
        ("I swallowed a whole packet of mum's tablets", ("urgent", "self")),
        # Evidence in someone's room is about them.
        ("I found blades in my son's bin", ("urgent", "other")),
    ],
)
def test_whom_when_the_person_is_hard_to_name(text, expected):
    assert level_about(text) == expected


def test_a_story_of_recovery_is_not_risk_unless_it_is_hard_now():
    assert level_about("I haven't self harmed in 400 days, proud of myself") == ("none", "self")
    assert level_about("I used to wish I was dead. Life is genuinely good now.") == (
        "none",
        "self",
    )
    assert level_about("Two years ago I overdosed. I'm doing better now but it's hard.") == (
        "concern",
        "self",
    )


def test_thoughts_without_intent_are_a_concern():
    text = "I would never act on it but the thoughts of dying are there a lot"
    found = screen(text)
    assert (found.level, found.about) == ("concern", "self")
    assert "no intention" in found.matches[0].explanation


def test_letters_written_as_digits_and_on_purpose():
    assert level_about("i wanna k1ll mys3lf") == ("urgent", "self")
    assert level_about("wanna d13") == ("urgent", "self")
    # "on purpose" outweighs what would otherwise read as an accident.
    assert level_about("I burnt my arm on the stove") == ("none", "self")
    assert level_about("I burnt my arm on the stove on purpose") == ("urgent", "self")


# ----------------------------------------------------------------------------- results


def test_a_screening_reports_the_writers_own_words_and_the_rule():
    found = screen("Honestly?? I just WANT TO DIEEEE… sorry")
    assert found.level == "urgent"
    [match] = found.matches
    assert match.phrase == "WANT TO DIEEEE"
    assert match.rule == "wish-to-die"
    assert match.explanation
    assert found.rules_version == yaml.safe_load(RULES_PATH.read_text())["version"]


def test_curly_quotes_and_odd_letters_keep_positions():
    found = screen("İ don’t want to live anymore")
    assert found.level == "urgent"
    assert found.matches[0].phrase == "don’t want to live"


def test_nothing_found_is_none_about_self():
    for text in ["", "I had pizza and played with my dog.", "   "]:
        found = screen(text)
        assert (found.level, found.about, found.matches) == ("none", "self", ())


def test_results_are_frozen():
    found = screen("I want to die")
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.level = "none"
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.matches[0].level = "none"


def test_screen_many_matches_screen():
    texts = ["I want to die", "mum says she wants to die", "I had a good day", ""]
    assert screen_many(texts) == [screen(t) for t in texts]
    assert screen_many(t for t in texts) == [screen(t) for t in texts]


def test_the_shortcut_never_hides_a_match():
    """Running every pattern on every text finds exactly what the needle shortcut finds."""
    compiled = risk.rules()
    texts = [
        json.loads(line)["text"]
        for corpus in (DEV_CORPUS, DEV_CORPUS_2)
        for line in corpus.read_text().splitlines()
        if line.strip()
    ]
    texts += [ex for spec in compiled.rule_specs.values() for ex in spec.examples]
    every = [(r, rx) for r in compiled.rules for rx in r.regexes]
    for text in texts:
        norm, _ = risk._normalise(text)
        slow = sorted(
            (rule.id, m.start(), m.end()) for rule, rx in every for m in rx.finditer(norm)
        )
        fast = sorted((rule.id, m.start(), m.end()) for rule, m in compiled._rules.finditer(norm))
        assert fast == slow, text


# ----------------------------------------------------------------------------- the rule file


def test_the_rule_file_loads_and_every_rule_explains_itself():
    compiled = load_rules(RULES_PATH)
    assert compiled.version
    assert len(compiled.rules) >= 10
    for spec in compiled.rule_specs.values():
        assert spec.explanation.strip(), spec.id
        assert spec.explanation.endswith("."), spec.id
        assert spec.examples, f"rule {spec.id} has no examples"


def _rule_ids(text: str) -> set[str]:
    return {m.rule for m in screen(text).matches}


@pytest.mark.parametrize(
    ("rule_id", "example"),
    [(r.id, ex) for r in risk.rules().rule_specs.values() for ex in r.examples],
)
def test_every_rule_catches_its_examples(rule_id, example):
    compiled = risk.rules()
    norm, _ = risk._normalise(example)
    rule = next(r for r in compiled.rules if r.id == rule_id)
    assert any(rx.search(norm) for rx in rule.regexes), f"{rule_id}: {example!r}"
    assert screen(example).level != "none", example


def test_every_idiom_catches_its_examples():
    spec = yaml.safe_load(RULES_PATH.read_text())
    compiled = risk.rules()
    for idiom in spec["idioms"]:
        assert idiom["examples"], idiom["id"]
        for example in idiom["examples"]:
            assert idiom["id"] in compiled.idioms_in(example), (idiom["id"], example)
            found = screen(example)
            if idiom.get("excuses"):  # it excuses only the rules it names
                assert not {m.rule for m in found.matches} & set(idiom["excuses"]), example
            else:
                assert found.level == "none", example


def test_every_denial_example_is_none():
    spec = yaml.safe_load(RULES_PATH.read_text())
    for example in spec["negation"]["examples"]:
        assert screen(example).level == "none", example


def _broken_copy(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(RULES_PATH.read_text())
    change(data)
    path = tmp_path / "risk-rules.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def test_a_bad_pattern_is_refused_naming_the_rule(tmp_path):
    def break_it(data):
        data["rules"][2]["patterns"].insert(0, r"\bkill(\s+myself")

    path = _broken_copy(tmp_path, break_it)
    rule_id = yaml.safe_load(RULES_PATH.read_text())["rules"][2]["id"]
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    message = str(caught.value)
    assert f"rule '{rule_id}' pattern 1" in message
    assert "does not compile" in message
    assert "risk-rules.yaml" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["rules"][0]["patterns"].append(r"\b{nosuchword}\b"), "unknown lexicon"),
        (lambda d: d["rules"][0]["patterns"].append(r"\bMum\b"), "lower case"),
        (lambda d: d["rules"][0].update(explanation="   "), "explanation"),
        (lambda d: d["rules"][0].update(level="severe"), "level"),
        (lambda d: d["rules"][1].update(id=d["rules"][0]["id"]), "used twice"),
        (lambda d: d["rules"][0].update(masks=["no-such-rule"]), "masks unknown"),
        (lambda d: d["idioms"][0]["patterns"].append("(unclosed"), "idiom"),
        (lambda d: d.pop("version"), "version"),
        # The whose-risk cues moved from screen.py in 2026.11-13.1 are required, and checked.
        (lambda d: d["subjects"]["cues"].pop("reported"), "reported"),
        (lambda d: d["subjects"]["cues"]["titled"].append("(unclosed"), "cues titled"),
        (lambda d: d["subjects"]["cues"].update(titled=[r"\bessay\s+titled\s*$"]), "(?P<mine>"),
        (lambda d: d["subjects"]["cues"]["chat_me"].append("Me"), "chat_me"),
    ],
)
def test_other_mistakes_in_the_rule_file_are_refused_clearly(tmp_path, change, expected):
    path = _broken_copy(tmp_path, change)
    with pytest.raises(RulesError, match=re.escape(expected)):
        load_rules(path)


def test_a_rule_id_is_named_in_a_schema_error(tmp_path):
    def break_it(data):
        data["rules"][3]["level"] = "severe"

    path = _broken_copy(tmp_path, break_it)
    rule_id = yaml.safe_load(RULES_PATH.read_text())["rules"][3]["id"]
    with pytest.raises(RulesError, match=re.escape(f"rule '{rule_id}'")):
        load_rules(path)


def test_the_whose_risk_cues_in_the_rule_file_are_the_ones_the_engine_reads(tmp_path):
    # A clinician who changes a cue changes the screen: here, a pasted chat's "me" renamed.
    assert level_about("pasted our chat:\nash: i want to die\nme: me too") == ("urgent", "self")

    def rename(data):
        data["subjects"]["cues"]["chat_me"] = ["myself"]

    renamed = load_rules(_broken_copy(tmp_path, rename))
    found = renamed.screen("pasted our chat:\nash: i want to die\nmyself: me too")
    assert (found.level, found.about) == ("urgent", "self")
    found = renamed.screen("pasted our chat:\nash: i want to die\nme: me too")
    assert found.about != "self"


def test_a_missing_rule_file_is_a_clear_error(tmp_path):
    with pytest.raises(RulesError, match="cannot read"):
        load_rules(tmp_path / "nowhere.yaml")


# From a review of 2026.11-3's new past and recovery cues: a time cue or a word of recovery must
# never carry away what the writer intends now, and recovery never takes a past attempt below a
# concern when the rest of the text says it is not true for them.
@pytest.mark.parametrize(
    "text",
    [
        "Five years since my mum died and I want to kill myself.",
        "It's the anniversary of mum's death and I have the pills ready.",
        "Ten years since my son died and I'm going to join him.",
        "Since I stopped my meds I want to kill myself.",
        "I read my old journals and I want to kill myself.",
        "A year ago today I lost everything and I want to end it.",
        "He has a knife and I'm not safe in the house.",
    ],
)
def test_a_time_cue_never_makes_what_the_writer_intends_now_past(text):
    assert level_about(text) == ("urgent", "self")


@pytest.mark.parametrize(
    "text",
    [
        "I tried to kill myself last year. I've never been genuinely happy.",
        "Two years ago I tried to hang myself. Everyone says it gets better but it doesn't.",
        "I tried to kill myself last year. I'm genuinely happy nobody knows I'm planning again.",
        "I tried to end my life last year. Mum is ok, dad is ok, they won't miss me.",
        "I cut myself a few years ago. No dark thoughts today, just a plan for Friday.",
        "I tried to kill myself last year. Scars have faded, so I can make new ones.",
        "Last year I took an overdose. I'm in a different place now, alone, with the same pills.",
    ],
)
def test_recovery_words_that_are_not_true_for_the_writer_leave_a_concern_at_least(text):
    assert level_about(text)[0] in ("concern", "urgent")


@pytest.mark.parametrize(
    "text",
    [
        "Eight years since I last self-harmed. Scars have faded, I don't think about it much now.",
        "It's been about ten years now since I tried to end my life. No pull toward it anymore.",
        "2 yrs ago i tried to end it. this year i'm captain. if u r where i was, it gets different",
    ],
)
def test_a_story_of_recovery_is_not_risk(text):
    assert level_about(text)[0] == "none"


# Rules 2026.11-4 (from corpus 6's errors, by kind; then a review's probes). The rules alone: the
# model is not asked, so these hold whatever it learns. Written by hand for this test.
RULES_2026_11_4 = [
        # Suicide pacts, a gun turned on oneself, a height looked up, the plan being worked out.
        ("me and my best friend made a pact to do it together on her birthday", ("urgent", "self")),
        ("me and my friend have a suicide pact", ("urgent", "self")),
        ("held the rifle and thought about turning it round on myself", ("urgent", "self")),
        ("looked up how high the car park on King St is", ("urgent", "self")),
        ("I've started working out how I'd do it.", ("urgent", "self")),
        ("I keep imagining closing the book on myself", ("urgent", "self")),
        ("I don't think I'm safe to be on my own tonight", ("urgent", "self")),
        ("scratched my arm again yesterday, just needed to feel something", ("urgent", "self")),
        ("i wish i never wok up", ("urgent", "self")),
        # Whose risk: the taker of someone else's tablets; "we" with "me and my husband".
        ("I took a handful of his sleeping tablets myself", ("urgent", "self")),
        ("i had lots of mums hedache tablets to see if i wud die", ("urgent", "self")),
        ("Me and my husband both said we'd rather not wake up", ("urgent", "self")),
        ("mum said she is going to leave this world and i said take me with you",
         ("urgent", "self")),
        # Protecting someone else: about them.
        ("i hid mums pills in my welly boot cos she said she was going to take them all",
         ("urgent", "other")),
        ("i hid all her pills in my school bag so she cant. she said tonight is her last night",
         ("urgent", "other")),
        # Threats: a threat stays a threat unless its condition is an everyday one.
        ("my husband said he will kill me if i leave", ("urgent", "self")),
        ("my partner will kill me if i go to a refuge", ("urgent", "self")),
        ("my husband is going to kill me and he wasn't kidding", ("urgent", "self")),
        ("my big brother says he will murder me if i go in his room", ("none", "self")),
        ("she will kill us if we talk in the line but she was smiling", ("none", "self")),
        ("mum will kill me if i fail maths", ("none", "self")),
        # Denials and fiction.
        ("I have zero intention of hurting myself, I just need to vent", ("none", "self")),
        ("My main character is meant to jump from the cliff in chapter 12", ("none", "self")),
]  # fmt: skip
# What a review of the first draft of 2026.11-4 found: each of these went wrong once.
REVIEW_2026_11_4 = [
        # Hiding one's own means stays the writer's risk.
        ("I've been hiding my cuts so mum doesn't see", ("urgent", "self")),
        ("I hid my stash of pills after he said he'd check my room", ("urgent", "self")),
        # "my character" that is the writer's own.
        ("my character flaws make me want to kill myself", ("urgent", "self")),
        ("my main character is basically me, I'm going to end my life", ("urgent", "self")),
        # Someone else's means, someone else's risk.
        ("my parents are hoarding pills", ("urgent", "other")),
        ("Jess has been stockpiling her pills", ("urgent", "other")),
        ("grandma wants to die, she keeps saying take me with you", ("urgent", "other")),
        ("Mum is suicidal and I want to go with her to the hospital", ("urgent", "other")),
        # Everyday words near the new patterns.
        ("when things go wrong I turn it on myself", ("none", "self")),
        ("wondering whether the fence is high enough for the dog", ("none", "self")),
        ("we made a pact to go together to the formal", ("none", "self")),
        ("I cut my hair short because I needed to feel something new", ("none", "self")),
]  # fmt: skip


# Rules 2026.11-5 (from corpus 7's errors, by kind, in sentences written for this test; then a
# review's probes). The rules alone.
RULES_2026_11_5 = [
        # Self-harm told small, on purpose in a child's spelling, hair pulled out, emoji.
        ("cut a bit last night, only needed a couple of steri strips", ("urgent", "self")),
        ("I cut a little again tonight, nothing deep", ("urgent", "self")),
        ("slammed my fist into the wall on perpos cos im so stupid", ("urgent", "self")),
        ("i banged my hed on the floor on purpus to stop the feeling", ("urgent", "self")),
        ("pulled out a big chunk of my hair again, theres a bald patch now", ("urgent", "self")),
        ("pulled my hair out agen. a lot. it hurts but i dont care", ("urgent", "self")),
        ("🔪🩸 again tonight. 3 this time", ("urgent", "self")),
        # A gun on the lap, a height gone back to, a rope and a beam, the way worked out.
        ("sat in the shed with the rifle across my lap for an hour last night", ("urgent", "self")),
        ("the .22 was on my knees again in the ute tonight", ("urgent", "self")),
        ("Drove out to the gap three times this week. I'm parked there now.", ("urgent", "self")),
        ("bought a rope, the beam in the garage will hold it", ("urgent", "self")),
        ("once the kids are settled I've worked out how I'll do it", ("urgent", "self")),
        # A last post; a bus as a relief; a death note; planning after someone's cruel words.
        ("last post. thanks to everyone who actually cared", ("urgent", "self")),
        ("if a truck hit me on the way home i honestly wouldnt mind", ("urgent", "self")),
        ("if i had a death note i'd put my own name in it first", ("urgent", "self")),
        ("my dad said just go kill yourself and i laughed but i've actually been planning it",
         ("urgent", "self")),
        ("found where the sleeping tablets are. counted them. its enough", ("urgent", "self")),
        # Whose: a diary sentence without its "I" after someone else was named; cuts on a
        # sibling's arms; a younger self; "saying goodbye to all of us".
        ("The boss let me go. Spent the night looking up how many of my tablets it would take",
         ("urgent", "self")),
        ("there were new cuts on my brothers arms this morning", ("urgent", "other")),
        ("my 12 year old self wanted to die and honestly I still do", ("urgent", "self")),
        ("my brother is giving his stuff away and saying goodbye to all of us",
         ("urgent", "other")),
        ("Found an unsigned note on the bench saying goodbye forever. No idea who wrote it.",
         ("urgent", "unclear")),
        # Not risk: a tired body part, killed in a game, a younger self now well, recovery,
        # idle threats in a child's spelling. (A joke taken back still counts: see the review.)
        ("kms 😂 jokes its all good", ("urgent", "self")),
        ("four hours of ranked, my fingers want to die. I don't.", ("none", "self")),
        ("got unalived in minecraft by my little brother lol", ("none", "self")),
        ("wrote to my 12 year old self who wanted to die. i dont feel like that anymore",
         ("concern", "self")),
        ("Read my old diary from 2018 when I wanted to end it all. So proud of her for hanging "
         "on. The pull is gone now.", ("none", "self")),
        ("my mum wud kill me if i broke the tv", ("none", "self")),
        ("last post before exams, see you on the other side of maths lol", ("none", "self")),
        ("pulling my hair out over this assignment again", ("none", "self")),
        ("I cut a little off the end of my hair today", ("none", "self")),
        ("the rifle is in the ute for the foxes", ("none", "self")),
        ("we used the rope swing on the beam in the barn", ("none", "self")),
        ("thought out how I'd go if I got the job in Perth", ("none", "self")),
        ("counted them again, there's enough for the fortnight", ("none", "self")),
        ("we were going to the beach but it rained", ("none", "self")),
        # Still risk: a joke taken back, a joke said not to be one, a threat meant.
        ("this homework is making me want to die. jk", ("urgent", "self")),
        ("kidding. mostly. ok actually not really kidding, i want to die", ("urgent", "self")),
        ("my husband is going to kill me and he wasn't kidding", ("urgent", "self")),
        ("Read my old diary. The urges are back and they're loud. I want to die.",
         ("urgent", "self")),
]  # fmt: skip


# What a review of the first draft of 2026.11-5 found: each of these went wrong once. (A joke
# taken back, "jk im fine", no longer hides anything: the review showed how often it is a test of
# whether anyone will ask.)
REVIEW_2026_11_5 = [
        ("I took 30 of my tablets. Kidding. I'm fine", ("urgent", "self")),
        ("i want to die. jk. im fine. not really", ("urgent", "self")),
        ("My sister wants to kill herself and I still want to help her but I don't know how",
         ("urgent", "other")),
        ("Mum overdosed last night and I still am in shock", ("urgent", "other")),
        ("Want to die on my dad's anniversary.", ("urgent", "self")),
        ("Took all the pills on dad's birthday", ("urgent", "self")),
        ("My daughter is struggling. Tried to overdose on Sunday.", ("urgent", "unclear")),
        ("my poor mum wants to die", ("urgent", "other")),
        ("my hands want to die, i cut them again last night", ("urgent", "self")),
        ("i wanna get unalived in my sleep", ("urgent", "self")),
        ("got unalived by my step dad's belt", ("urgent", "self")),
        ("I tried to hang myself last year. The darkness has passed. I still want to.",
         ("concern", "self")),
        ("I've been hurting myself from 2020 until now and I can't stop", ("urgent", "self")),
        ("see you on the other side of this life", ("urgent", "self")),
        ("Little me wanted to die and so does big me", ("urgent", "self")),
        ("if a car hit my brother I wouldn't care, he's so annoying", ("none", "self")),
        ("if a bus hit me i'd be grateful for the day off school lol", ("none", "self")),
        ("I'd be relieved if a bus hit me", ("urgent", "self")),
        ("I kept my head down on purpose in class today", ("none", "self")),
        ("I felt my feet on the floor and intentionally slowed my breathing", ("none", "self")),
        ("I had the glue gun in my lap doing crafts", ("none", "self")),
        ("Dad showed me how to carry the rifle across my knees in the ute when we go roo "
         "shooting", ("none", "self")),
        ("sat with the gun in my mouth", ("urgent", "self")),
        ("I walked to the bridge every day this week for my steps", ("none", "self")),
        ("We're at the lookout. Sitting here now watching the sunset", ("none", "self")),
        ("Last Post at the dawn service this morning, gave me chills", ("none", "self")),
        ("Last post. Off to bed, night all", ("none", "self")),
        ("feeling ok today.\nlast post.\nsorry for everything", ("urgent", "self")),
        ("I've worked out how I'll go, train to Central then the 333", ("none", "self")),
        ("Just cut a little this morning, the hedge was overgrown", ("none", "self")),
        ("I cut a bit today in art, made a collage", ("none", "self")),
        ("pulling my hair out over this assignment, it hurts my brain", ("none", "self")),
        ("pulled a handful of my hair out of the shower drain", ("none", "self")),
        ("My brother pulled my hair out and it hurts, he does it every day", ("none", "self")),
        ("cooking dinner, sliced my finger 🔪🩸 ouch", ("none", "self")),
        ("Made cupcakes for Ava's class. Counted them, there's enough for everyone!",
         ("none", "self")),
        ("I've honestly been planning it for weeks. Tired of this place, moving to Brisbane.",
         ("none", "self")),
        ("used the rope to hoist the christmas tree onto the rafters", ("none", "self")),
        ("I watched Death Note and wrote my name in my own notebook lol", ("none", "self")),
        ("Dad said he will kill all of us tonight", ("urgent", "self")),
        ("banged my hed on the wall again", ("urgent", "self")),
        # From the code review: "Hasn't..." drops "he" or "she", never "I".
        ("Hasn't spoken to his mum in weeks. Wrote goodbye letters tonight.",
         ("urgent", "unclear")),
]  # fmt: skip


# Rules 2026.11-6 (from corpus 8's errors, by kind, in sentences written for this test).
RULES_2026_11_6 = [
        # The wish asked as a question; a relapse is now; recovery in a teen's words.
        ("why cant i just die already", ("urgent", "self")),
        ("Why can't I just not wake up tomorrow", ("urgent", "self")),
        ("relapsed on sunday. cut deeper than i meant to", ("urgent", "self")),
        ("last yr i thought about dying heaps. this yr is better, no bad thoughts for months",
         ("none", "self")),
        # Not eating on purpose is the scheme's concern, not self-harm.
        ("I haven't eaten since Tuesday and it's on purpose", ("concern", "self")),
        # Preparations: a policy's suicide clause, things given away, a blade used.
        ("rang the insurer to check the suicide clause has run out", ("urgent", "self")),
        ("gave all my lego to my cousin. she won't get why until later", ("urgent", "self")),
        ("my friend left her sharpener blade in my bag and i used it on myself after school",
         ("urgent", "self")),
        ("they said i'm a waste of space and honestly i'm going to fix that tonight",
         ("urgent", "self")),
        # Whose: a found note, a teenager by age, quoting, a message, searches, a wall post.
        ("someone left a note on the bus seat saying i'm going to kill myself today. no name "
         "on it", ("urgent", "unclear")),
        ("i found a paper in the library it says i want to die", ("urgent", "unclear")),
        ("I found a note I wrote when I was 14 saying I want to die", ("urgent", "self")),
        ("my 16 yo wrote goodbye to his friends on insta and won't answer", ("urgent", "other")),
        ("my cuzin said she wants to die", ("urgent", "other")),
        ("quoting my sister word for word: 'i have the pills ready'", ("urgent", "other")),
        ("Our daughter texted her best friend 'tell mum sorry when I'm gone'",
         ("urgent", "other")),
        ("I found searches on Josh's laptop about how to tie a noose. He's 15.",
         ("urgent", "other")),
        ("my mate wrote on his wall that he wants to end it", ("urgent", "other")),
        ("in my game chat a kid said he's going to kms tonight", ("urgent", "other")),
        # ...and when the writer joins in, or is where someone else lives.
        ("my mum says she wants to die and honestly same", ("urgent", "self")),
        ("my brother and i keep saying we'd both be better off dead", ("urgent", "self")),
        ("i stood on the roof at dad's place and thought about jumping", ("urgent", "self")),
        ("he showed me the bruises his dad gave him", ("none", "self")),
        # Idioms and running away.
        ("I'd rather die than give another speech at work", ("none", "self")),
        ("i'd jump off a bridge for my fave band lol", ("none", "self")),
        ("want to drive west and never come back, start a new life on a farm",
         ("concern", "self")),
        ("I want to drive to the cliffs and not come back", ("urgent", "self")),
        ("Dropped my pills into the weekly organiser for the fortnight", ("none", "self")),
        ("my character collapses and dies in act 3, and i have to fall off the stage",
         ("none", "self")),
        ("i cut my arm with the scissors from art. it's still bleeding", ("urgent", "self")),
        ("cut my thumb on the bread knife", ("none", "self")),
]  # fmt: skip


# What a review of the first draft of 2026.11-6 found (about 430 probes of its own): each of
# these went wrong once.
REVIEW_2026_11_6 = [
        # Someone else's phone, a note, a quoted diary: the writer's own risk stays theirs.
        ("i read the texts on his phone and i want to kill myself", ("urgent", "self")),
        ("after seeing the texts on her phone i took 20 panadol", ("urgent", "self")),
        ("someone left a note in my locker calling me fat. i'm going to kill myself tonight",
         ("urgent", "self")),
        ("i found a letter from the bank today and i just want to die", ("urgent", "self")),
        ("i left a note on the mirror for mum. goodbye everyone, i love you", ("urgent", "self")),
        ("quoting my own diary: 'i'm going to kill myself on friday'", ("urgent", "self")),
        ("quoting my journal: 'i took 30 pills and nobody noticed'", ("urgent", "self")),
        ("gave my xbox to my little brother, he won't get why till later", ("urgent", "self")),
        # Idioms and left-out phrases that must not hide a plan.
        ("im going to drive off somewhere tonight with the pills and never come back",
         ("urgent", "self")),
        ("i'm heading away tonight with dad's gun and never coming back", ("urgent", "self")),
        ("all my meds sorted in a box under my bed, ive been saving them for months",
         ("urgent", "self")),
        ("i'll jump off the roof for you since you dont care anyway", ("urgent", "self")),
        ("my character overdoses in act 2, same as what i did last night", ("urgent", "self")),
        ("my character cuts herself in my story and i've been doing it too", ("urgent", "self")),
        ("i'm going to drive and never come back. not dying is not an option",
         ("urgent", "self")),
        # Someone else in the scene, "same" and "both" only when they join in.
        ("mum asked me to call the police because dad is hitting her and smashing things",
         ("concern", "self")),
        ("my dad wants to kill himself, we are both really worried about him",
         ("urgent", "other")),
        ("my sister overdosed last night, we're both at the hospital with her now",
         ("urgent", "other")),
        ("my mum keeps saying she wants to die, and same with my dad", ("urgent", "other")),
        ("my bro said he wants to die and we'd both be better off without dad",
         ("urgent", "other")),
        ("she snapchatted me 'i want to die'", ("urgent", "other")),
        ("my cousin dmed me 'i'm going to kill myself'", ("urgent", "other")),
        # A relapse told as past; false alarms from the new patterns.
        ("i relapsed on self harm last year but i'm 8 months clean now", ("concern", "self")),
        ("why can't i just dye my hair blue, mum says no", ("none", "self")),
        ("why cant i die already, this flu is the worst", ("none", "self")),
        ("y cant i just die", ("urgent", "self")),
        ("why won't god let me die", ("urgent", "self")),
        ("felt like a burden on my team so i'm going to fix that this week by doing extra shifts",
         ("none", "self")),
        ("bought a new razor and used it on myself in the shower to shave", ("none", "self")),
        ("heading to the shops, not coming back till late", ("none", "self")),
        ("studying for my insurance exam and read about the suicide exclusion clause",
         ("none", "self")),
        ("gave my spare key to my sister, she won't know why till the surprise party",
         ("none", "self")),
]  # fmt: skip


# Written for rules 2026.11-7: misses a review of 2026.11-6 found, and corpus 9's errors by
# kind, in sentences of our own.
RULES_2026_11_7 = [
    ("i went to my friend's house and took 30 of her mum's pills", ("urgent", "self")),
    ("Jess took 30 of her mum's pills last night", ("urgent", "other")),
    (
        "i'll leave a note on the bathroom mirror so mum finds it. tonight's the night",
        ("urgent", "self"),
    ),
    ("leaving a note for mum about dinner", ("none", "self")),
    ("mum's boyfriend rang me and said he's going to hurt me when i get home", ("urgent", "self")),
    ("sliced my finger with my razor blade again, it helps", ("urgent", "self")),
    ("nicked my thumb with the blade on the box cutter again lol", ("none", "self")),
    ("I'd welcome a fatal crash on the way to work", ("urgent", "self")),
    ("all I can think is I'd happily be gone instead of him", ("urgent", "self")),
    (
        "took a few extra of my quetiapine tonight to knock myself out, like maybe 20ish",
        ("urgent", "self"),
    ),
    ("Bought two packs of codeine at two different chemists today.", ("urgent", "self")),
    ("made a vid explaining everything, set it to post at 3am friday", ("urgent", "self")),
    ("posted 'goodbye x' on my finsta and turned comments off", ("urgent", "self")),
    (
        "i hid mums tablets in my welly boot becos last nite she said she wants to go to sleep"
        " and not come back",
        ("urgent", "other"),
    ),
    ("mums boyfriend said if i tell anyone he will hurt my cat", ("concern", "self")),
    (
        "chur for the session bro. real talk tho the thoughts about ending it are every day now",
        ("urgent", "self"),
    ),
    (
        "Found a note in the staffroom, unsigned: 'By the time you read this it'll be done.'"
        " No idea whose it is.",
        ("urgent", "unclear"),
    ),
    ("rough day. not in a kms way, just heavy", ("none", "self")),
]

# A review of the 2026.11-7 draft (about 350 probes of its own): what it found, fixed and kept.
REVIEW_2026_11_7 = [
    ("watched an anime about a girl who wanted to die, and honestly same", ("urgent", "self")),
    ("my husband is going to kill me for the car", ("urgent", "self")),
    ("mum's gonna murder me for my report card but i tried my best", ("none", "self")),
    ("my friend came over to my place. took a whole bottle of pills", ("urgent", "unclear")),
    ("saw my sis. took 30 pills", ("urgent", "unclear")),
    ("he said he'd hurt my cat and my little brother if i told", ("urgent", "self")),
    ("dad said he'd kill my cat and then me if i told", ("urgent", "self")),
    ("mum said she will give away my hamster if i dont clean its cage", ("none", "self")),
    ("i want to kill myself. also got spam from an unknown number today", ("urgent", "self")),
    ("I'd happily go, the party sounds fun", ("none", "self")),
    ("i'd happily die on this hill lol pineapple belongs on pizza", ("none", "self")),
    ("if he goes im going too lol the footy trip sounds sick", ("none", "self")),
    ("nothing holding me here. lease ends friday so im off to perth", ("none", "self")),
    ("the builder was checking the rafters for termites today", ("none", "self")),
    ("the childcare centre checked whether the fence was climbable for safety", ("none", "self")),
    ("planning to take the car to the garage, engine light is on", ("none", "self")),
    ("got everything i need for the cake, only a matter of time", ("none", "self")),
    (
        "picked up my sertraline from two pharmacies because the first one ran out",
        ("none", "self"),
    ),
    ("took a couple extra panadol around 10 tonight for my period pain", ("none", "self")),
    ("the note is done, just need mum to sign it for the excursion", ("none", "self")),
    ("my arm has tattoos, the fresh ones from tuesday are healing well", ("none", "self")),
    ("thanks bro. want to die tbh", ("urgent", "self")),
]

# Written for rules 2026.11-8 from corpus 10's errors, by kind (our sentences, not corpus 10's
# texts word for word), and what a review of the draft found (about 250 probes of its own).
RULES_2026_11_8 = [
    (
        "I'm not craving a drink. I'm craving being dead, which is new and a lot worse.",
        ("urgent", "self"),
    ),
    ("whats the least painful way. asking for a friend (the friend is me)", ("urgent", "self")),
    ("this is my chance to finally stop, while they're not here to find me", ("urgent", "self")),
    ("Second bag of charcoal. Not for a barbie.", ("urgent", "self")),
    ("pills. all of them. now", ("urgent", "self")),
    (
        "came home and sat in the bath with the razor for an hour. "
        "Didn't use it tonight. Can't promise about tomorrow.",
        ("urgent", "self"),
    ),
    (
        "smiled through parent evening, came home and sat in the bath with the razor",
        ("urgent", "self"),
    ),
    ("My granddaughter is 14 and being bullied online.", ("concern", "other")),
    (
        "My psych asked if I've had any thoughts of ending my life. Said no and meant it.",
        ("none", "self"),
    ),
    ("sucidal agian. sorry for posting", ("urgent", "self")),
    ("suicidal.", ("urgent", "self")),
    (
        "Patient on my ward asked how many paracetamol it takes to wreck your liver. "
        "She's due for discharge tomorrow.",
        ("urgent", "other"),
    ),
    ("tallest unfenced carpark in town? not for photos", ("urgent", "self")),
    (
        "my little sister has started and i found blades wrapped in tissue "
        "in her pencil case and fresh cuts",
        ("urgent", "other"),
    ),
    (
        "been drinking vodka from mums cupboard and cutting most nights. cant stop either",
        ("urgent", "self"),
    ),
    ("keep googling whether drowning hurts", ("urgent", "self")),
    (
        "caught my step brother with a belt tied to the top bunk. he says hes fine. hes not",
        ("urgent", "other"),
    ),
    (
        "mummy said she wants to go to sleep for ever and not wake up. "
        "i hid her pills in my wellys",
        ("urgent", "other"),
    ),
    ("i was so embarased i wanted to die when i fell of the stage", ("none", "self")),
    ("i want to die my hair purple like my freind", ("none", "self")),
    ("Blowing my own candle out this weekend.", ("urgent", "self")),
    ("a boy in my class gets hit at home he told me at play time", ("concern", "other")),
    ("cut myself some slack today and didnt do the extra homework questions", ("none", "self")),
    ("the overdose scene in that series was rough, had to pause", ("none", "self")),
    ("i found some pills in mums cupboard and took them all", ("urgent", "self")),
]
REVIEW_2026_11_8 = [
    ("humiliated at school again, i just want to die", ("urgent", "self")),
    ("i want to die my hair keeps falling out and everyone stares", ("urgent", "self")),
    (
        "nurse asked whether i was suicidal, answered no because I didn't want to be admitted",
        ("urgent", "self"),
    ),
    (
        "Mum said I'm a burden. I want to kill myself. I hid her pills under my bed",
        ("urgent", "self"),
    ),
    ("Suicidal, according to my sister's psychologist. She won't tell me more.", ("none", "self")),
    (
        "my son asked me if drowning hurts after the news about the kids at the beach",
        ("none", "self"),
    ),
    ("the charcoal is for drawing class, not for a barbie lol", ("none", "self")),
    ("I'll try to come to footy but can't promise about tomorrow.", ("none", "self")),
    ("napping in the car so the kids won't find me lol mum life", ("none", "self")),
    ("blew my candle out on my birthday cake and made a wish!!", ("none", "self")),
    ("the dogs lead tied to the rail outside the cafe", ("none", "self")),
    ("suicidal. the song, not me lol", ("none", "self")),
    ("craving Dying Light 2 again, best zombie game", ("none", "self")),
    ("cutting every morning before school - onions for my brothers lunches lol", ("none", "self")),
    ("the iron tablets made me feel sick but I took them all", ("none", "self")),
    ("vitamins and pills, all of them now in one dosette box thank god", ("none", "self")),
    ("least painful way to pop a blister", ("none", "self")),
    ("Suicidal - need to talk to someone", ("urgent", "self")),
    ("so my husband won't be the one to find me", ("urgent", "self")),
    ("I didn't cut today. Can't promise for tomorrow", ("urgent", "self")),
    ("belt looped over the door, I'm scared of what I'll do", ("urgent", "self")),
    ("yearning to die every single night", ("urgent", "self")),
    ("asking for a friend. the friend is me. least painful way?", ("urgent", "self")),
]

# Rules 2026.11-9: our sentences for the kinds corpus 11's errors showed (none is a corpus text).
RULES_2026_11_9 = [
    ("the whole team saw the photos. i'm ending it before monday", ("urgent", "self")),
    ("im gonna end it all on saturday", ("urgent", "self")),
    ("cut again last night. first time since year 9", ("urgent", "self")),
    ("long shift, bus late, cut yesterday first time in 18 months, rang nan", ("urgent", "self")),
    ("spent the night reading up on lethal doses of my meds", ("urgent", "self")),
    ("he told me i'd be better off dead. starting to think he's right", ("urgent", "self")),
    ("dad said i'd be better off dead. he's probably right", ("urgent", "self")),
    ("someone posted 'should she kys' about me. maybe they've got a point", ("urgent", "self")),
    ("since my son's overdose i keep thinking about going the same way he did", ("urgent", "self")),
    (
        "a boy in my class wants to kill himself and he has a plan. the boy is me",
        ("urgent", "self"),
    ),
    ("she says she wants to die. so do i", ("urgent", "self")),
    (
        "hid every tablet in the house in my wardrobe bc mum said she can't do this anymore",
        ("urgent", "other"),
    ),
    ("our placement (11) said at tea that she wants to kill herself", ("urgent", "other")),
    ("one of my Year 9s told me she has been cutting again", ("urgent", "other")),
    ("he told me he'd kill me if I left", ("concern", "self")),
]

# What the review of the draft found (its own sentences): false alarms and whose-risk slips,
# fixed before the freeze, which stay fixed.
REVIEW_2026_11_9 = [
    ("got my bangs cut yesterday first time in 2 years", ("none", "self")),
    ("my shifts got cut for the first time in months", ("none", "self")),
    ("interest rates cut for the first time since 2020", ("none", "self")),
    ("we learnt about lethal doses in chem today", ("none", "self")),
    ("our d&d campaign has run its course, i'm ending it this saturday", ("none", "self")),
    (
        "the free trial is rubbish, i'm ending it before friday so they don't charge me",
        ("none", "self"),
    ),
    ("we're going to go the same way as last time, via the freeway", ("none", "self")),
    ("thinking of going the same way as my brother and doing a gap year", ("none", "self")),
    (
        "a kid at school told me to kill myself. mum said to tell the teacher, i think she's right",
        ("concern", "self"),
    ),
    ("my nan said i'd die of shock when i saw the bill. maybe she's right", ("none", "self")),
    ("my bf said i'd die laughing at his new meme. ngl he's right", ("none", "self")),
    (
        "My son tried to overdose last night. His dad is devastated and so am I.",
        ("urgent", "other"),
    ),
    ("mum's been saying she wants to die. dad's worried, me too.", ("urgent", "other")),
    (
        "just sent 'i'm going to kill myself tonight' to my ex. he left me on read",
        ("urgent", "self"),
    ),
    (
        "hid every tablet in the house in my drawer cos mum said she'd count them, "
        "i'm taking them tonight",
        ("urgent", "self"),
    ),
    ("mum will kill me if I leave my room messy", ("none", "self")),
]


# Written for rules 2026.11-10 (corpus 12's errors, by kind, in new words), with the misses and
# false alarms the review of 2026.11-9 had listed, and (from "can't trust myself with the car")
# regressions the review of the 2026.11-10 draft found, fixed before the freeze.
RULES_2026_11_10 = [
    ("lost my sh streak last night. 212 days, gone", ("urgent", "self")),
    ("back to day zero on the self harm counter app", ("urgent", "self")),
    ("bought a new pencil sharpener 🙃 sh free streak ends tonight", ("urgent", "self")),
    ("lost my duolingo streak, 300 days, gutted", ("none", "self")),
    ("night shift on the bridge crew. the drop looks painless from up here", ("urgent", "self")),
    ("signed a new will on friday and wrote letters to each of my kids", ("urgent", "self")),
    ("chose thursday. i feel weirdly calm now", ("urgent", "self")),
    ("picked saturday for the bbq, everyone's coming", ("none", "self")),
    ("dreamt i was dead and it felt so peaceful", ("urgent", "self")),
    (
        "how long does a box of paracetamol take to work on the liver? asking for myself",
        ("urgent", "self"),
    ),
    ("logging off irl now, permanently", ("urgent", "self")),
    ("suicidal every single day this month", ("urgent", "self")),
    (
        "since my mate took his life i don't trust myself with the gun keys tonight",
        ("urgent", "self"),
    ),
    ("can't trust myself with the car, i'm such a bad driver lol", ("none", "self")),
    ("our team's clean streak ends tonight if we lose", ("none", "self")),
    ("back to day 1 of my cut, gym at 6am", ("none", "self")),
    ("picked friday! ready to party", ("none", "self")),
    ("how many panadol can i take for a migraine? asking for me", ("none", "self")),
    ("logging off irl for the weekend, camping", ("none", "self")),
    ("suicidal every day of my teens, but i've been well for five years", ("none", "self")),
    ("grandpa passed peacefully in his sleep at 95. i want to go the same way", ("none", "self")),
    ("i overdosed on birthday cake lol", ("none", "self")),
    ("someone wrote slut on the bathroom wall about me and i want to die", ("urgent", "self")),
    (
        "my friend's mum found the blades and took them, i had no idea she was cutting",
        ("urgent", "other"),
    ),
    ("how many nurofen does it take to stop a headache", ("none", "self")),
    ("the lethal dose of caffeine is about 100 coffees apparently", ("none", "self")),
    ("cut myself on paper again today, those envelopes", ("none", "self")),
    ("odd day. felt flat but ok", ("none", "self")),
    ("took an overdose on tuesday night, home now", ("urgent", "self")),
    ("we jumped off the jetty into the lake with my cousins", ("none", "self")),
    ("my legs are writing their own suicide note after that hike", ("none", "self")),
    (
        "someone wrote 'i'm going to kill myself' on the bus stop wall. no way to tell who",
        ("urgent", "unclear"),
    ),
    ("how many sleeping tablets would it take for someone my weight", ("urgent", "self")),
    ("my bestie says she wants to be dead and i feel exactly the same", ("urgent", "self")),
    ("my poem is about a boy called J who wants to end his life. J is me", ("urgent", "self")),
    (
        "hid my dad's tablets in my locker. he said last night he's going to end it",
        ("urgent", "other"),
    ),
    ("my sister found the blades in the bathroom but i still have more", ("urgent", "self")),
]

# Rules 2026.11-11, widened by kind from corpus 13's errors; each written for this test, with
# harmless twins that share the words.
RULES_2026_11_11 = [
    ("by midnight i was cutting in the bathroom again", ("urgent", "self")),
    ("we were cutting in the kitchen all afternoon, so many onions", ("none", "self")),
    ("burnt my arm with the lighter again. hid it under my jumper", ("urgent", "self")),
    ("burnt my hand on the stove making toast, ouch", ("none", "self")),
    ("since I made the decision it all feels calm. only have to get to sunday", ("urgent", "self")),
    ("made the decision to quit, feels calm now, just get through to friday", ("none", "self")),
    ("took dad to lunch. that was the last time I'll see him. he doesn't know", ("urgent", "self")),
    ("last visit to gran before we move overseas. she doesn't know yet", ("none", "self")),
    ("left the hose and the duct tape in the ute for tomorrow", ("urgent", "self")),
    ("put the hose and tape in the car to fix mum's garden tap", ("none", "self")),
    ("sat on the cliff edge for a long time after work tonight", ("urgent", "self")),
    ("sat on the cliff edge for a long time watching the whales", ("none", "self")),
    ("stood on the edge of the diving board for ages then jumped in, fun", ("none", "self")),
    ("at the top of the stairs i thought about throwing myself down", ("urgent", "self")),
    ("the rope's ready for saturday", ("urgent", "self")),
    ("gonna walk in front of the next bus", ("urgent", "self")),
    ("two years clean from sh today and proud of it", ("concern", "self")),
    (
        "pasted:\nmia: im ending it tonight\nme: mia where are you",
        ("urgent", "other"),
    ),
    ("chat:\njo: u ok?\nme: no. i want to die tbh\njo: calling u now", ("urgent", "self")),
    (
        "found a letter in my son's drawer: 'sorry for everything, love you all'",
        ("urgent", "other"),
    ),
    ("my brother wrote on the bathroom mirror in marker 'i want to die'", ("urgent", "other")),
    (
        "private number texted me: 'this is goodbye, i'm sorry for everything'",
        ("urgent", "unclear"),
    ),
    ("someone wrote 'i want to die' on the inside of the cubicle door", ("urgent", "unclear")),
    ("the baby's fine. i thought about ending it last night. not him. me.", ("urgent", "self")),
    ("thankful for my mum, thankful it'll all be over soon", ("urgent", "self")),
    (
        "my brother's in rehab again and it's all about him. cut again, dad didn't even notice",
        ("urgent", "self"),
    ),
]

# Rules 2026.11-13, from corpus 15's errors by kind; each with a harmless sentence sharing its
# words. Written by hand for these tests; REVIEW_2026_11_13 holds what the review found.
RULES_2026_11_13 = [
    ("not eating again and honestly i hope this finally kills me", ("urgent", "self")),
    ("ate the whole cheese board, hope it kills me", ("none", "self")),
    ("i swallowed a capful of bleach after tea", ("urgent", "self")),
    ("wiped the benches with a capful of bleach in hot water", ("none", "self")),
    ("got a plan and i'm not scared of it any more", ("urgent", "self")),
    ("i have a plan to study and i'm not scared anymore", ("none", "self")),
    (
        "counting down to friday because that's the day i'm going through with it",
        ("urgent", "self"),
    ),
    ("counting down to the holidays, so excited", ("none", "self")),
    ("almost killed myself laughing at the dog in his raincoat", ("none", "self")),
    ("i almost killed myself last night", ("urgent", "self")),
    ("At 15 I took an overdose. That was two weeks ago.", ("urgent", "self")),
]

# What the review of 2026.11-13's draft found (its own sentences), as the shipped rules read them.
REVIEW_2026_11_13 = [
    ("Mum made me take a bottle of bleach to nan's for her washing", ("none", "self")),
    ("Can you take a capful of bleach and add it to the mop bucket?", ("none", "self")),
    ("Dad took a load of bleach to the shed to clean the mould", ("none", "self")),
    ("counting down till the day I'm doing it, my first marathon", ("none", "self")),
    ("we're counting down to when i'm doing it: moving out of home!!", ("none", "self")),
    ("I can't hang on any longer, my arms are killing me. Rock climbing is hard", ("none", "self")),
    ("Can't hang on any longer for the bathroom, who is in there", ("none", "self")),
    ("eating the mystery meat from the back of the fridge, hope it kills me", ("none", "self")),
    ("mum drank a bottle of bleach and the ambulance is here", ("urgent", "other")),
]

# Rules 2026.11-12, widened by kind from corpus 14's errors; each written for this test, with
# harmless twins that share the words.
RULES_2026_11_12 = [
    ("we lost him at 20 weeks and i just want to go where he went", ("urgent", "self")),
    ("i want to go where she went on her gap year, so jealous", ("none", "self")),
    ("it's okay to stop now. i'm allowed to go.", ("urgent", "self")),
    ("it's ok to stop now, i'm allowed to go to the party", ("none", "self")),
    ("finished the playlist for my funeral. sending it to my sister sunday", ("urgent", "self")),
    ("made a playlist for my funeral as a joke, all disco, im thriving", ("none", "self")),
    ("i drew myself in a coffin and i wish it was true", ("urgent", "self")),
    ("we were pretending to be dead in drama and i wished it was real", ("urgent", "self")),
    ("mum said she has no daughter anymore. soon she won't have one", ("urgent", "self")),
    ("the pills are counted. tonight", ("urgent", "self")),
    ("pills counted for the camping trip, one a day", ("none", "self")),
    ("honestly im ending it saturday", ("urgent", "self")),
    ("pasted from the gc: [mo] im ending it tonight [mo] bye guys", ("urgent", "other")),
    ("[me] cant do this. i want to die [sam] call me", ("urgent", "self")),
    (
        "her teacher sent me a poem called 'When I'm Gone' that my daughter wrote",
        ("urgent", "other"),
    ),
    (
        "someone left a comment on my post: 'i'm going to kill myself tonight'",
        ("urgent", "other"),
    ),
    (
        "my cousin keeps saying he'll kill himself and i've been thinking about it too",
        ("urgent", "self"),
    ),
    ("how many panadol would kill someone my age. asking for real", ("urgent", "self")),
    ("he's smashing plates and yelled he's going to kill me. i'm in the car", ("urgent", "self")),
    ("mum screamed she's gonna kill me if i dont clean my room lol", ("none", "self")),
]

# What the review of 2026.11-11 found (240 probes by the reviewer, comparing 2026.11-10.1 with the
# draft): harmless texts the first draft made urgent, whose-risk slips, and cheap misses.
REVIEW_2026_11_11 = [
    (
        (
            "We were cutting in the bedroom walls all Saturday, painter's tape everywhere, looks "
            "mint now"
        ),
        ("none", "self"),
    ),
    (
        (
            "mum was cutting in the bathroom, giving my little brother a haircut, hair all over "
            "the tiles"
        ),
        ("none", "self"),
    ),
    (
        "We were cutting in the car on the way to Nana's, making paper snowflakes for her window",
        ("none", "self"),
    ),
    (
        "power went out so I was cutting in the dark kitchen by phone torch, onions everywhere",
        ("none", "self"),
    ),
    (
        "Burnt my hand on the iron again doing Tom's work shirts. Clumsy as.",
        ("none", "self"),
    ),
    (
        "i burnt my hand on the iron again helping mum with the washing, it stings",
        ("none", "self"),
    ),
    (
        "Burned my hand on the kettle, second time this week, need a new one with a better handle",
        ("none", "self"),
    ),
    (
        "burnt my arm on the oven door. third time this month, I need those long oven gloves",
        ("none", "self"),
    ),
    (
        "i made the desision and it feels calm now. just gotta get to friday",
        ("urgent", "self"),
    ),
    (
        (
            "Dad dropped me at uni and I held on a bit too long. That's the last time I'll see him "
            "and he doesn't know."
        ),
        ("urgent", "self"),
    ),
    (
        (
            "That was my last visit to the physio today, she doesn't know how much she helped my "
            "knee."
        ),
        ("none", "self"),
    ),
    (
        (
            "That was the last hug I got from Pop before he died in March. He didn't know how much "
            "I needed it."
        ),
        ("none", "self"),
    ),
    (
        (
            "My brother hugged Mum for ages and then said to me 'that was the last hug, she "
            "doesn't know'. I'm terrified."
        ),
        ("urgent", "other"),
    ),
    (
        (
            "found a hose and a roll of duct tape in dad's car boot and he's been saying goodbye "
            "to everyone all week"
        ),
        ("urgent", "other"),
    ),
    (
        (
            "Cleaned out the car boot: old hose, half a roll of tape, three umbrellas and a mouldy "
            "banana."
        ),
        ("none", "self"),
    ),
    (
        (
            "Packed the car for the beach: esky, towels, a hose for the outdoor shower, gaffer "
            "tape for the tarp"
        ),
        ("none", "self"),
    ),
    (
        "Need a new heater hose and some tape before the ute's rego inspection on Friday",
        ("none", "self"),
    ),
    (
        "sat on the cliff top for hours with a thermos and a book, absolute bliss",
        ("none", "self"),
    ),
    (
        "we sat on the bridge for ages after school just talking about year 11",
        ("none", "self"),
    ),
    (
        "Parked at the lookout for an hour eating hot chips with Sam. Best date ever.",
        ("none", "self"),
    ),
    (
        (
            "at the top of the stairs I thought about jumping down the last three like when I was "
            "a kid, then remembered my knees"
        ),
        ("none", "self"),
    ),
    (
        "Chicken's in, knife's ready, carving at 6 sharp",
        ("none", "self"),
    ),
    (
        "Toddler-proofing done: knife's hidden, cupboard locks on, stair gate up",
        ("none", "self"),
    ),
    (
        "Running late, I'll jump onto the next train and meet you at Flinders",
        ("none", "self"),
    ),
    (
        "Missed the 8:15 so I'll jump into the next bus, save me a seat",
        ("none", "self"),
    ),
    (
        "tia: i want to die\nme: me too honestly. i've been thinking about it every night",
        ("urgent", "self"),
    ),
    (
        "Monday: cut again\nTuesday: cut again, deeper\nWednesday: nothing",
        ("urgent", "self"),
    ),
    (
        "Morning: ok\nAfternoon: took 10 of my sleeping pills, feel woozy\nNight: can't remember",
        ("urgent", "self"),
    ),
    (
        (
            "Check in\nUrges: strong, I want to kill myself\nSafety: not sure I can keep myself "
            "safe tonight"
        ),
        ("urgent", "self"),
    ),
    (
        "found this in my son's drawer: 'sorry mum, it's not your fault, i just want to die'",
        ("urgent", "other"),
    ),
    (
        (
            "found a letter in my girlfriend's backpack saying goodbye to everyone and sorry for "
            "everything"
        ),
        ("urgent", "other"),
    ),
    (
        "my sister wrote on the bathroom mirror 'i want to kill myself' and locked herself in",
        ("urgent", "other"),
    ),
    (
        "unknown number texted me calling me ugly and now I want to kill myself",
        ("urgent", "self"),
    ),
    (
        "I wrote a story about a girl who wants to kill herself. She's basically me.",
        ("urgent", "self"),
    ),
    (
        (
            "my twin says she wants to die. she's basically me, we've done everything together "
            "since birth, i'm so scared for her"
        ),
        ("urgent", "other"),
    ),
    (
        "Thankful for my son, who is still here after taking an overdose on Sunday",
        ("urgent", "other"),
    ),
    (
        "got sent to the nurse because of sh today",
        ("urgent", "self"),
    ),
]

# What the review of 2026.11-12 found (219 probes by the reviewer, comparing 2026.11-11.1 with the
# draft): each of the first draft's 44 regressions, which the rules now read as the reviewer did.
REVIEW_2026_11_12 = [
    (
        (
            "My sister moved to Perth six weeks ago and I just want to go where she went, she's "
            "gone and found the best job and a flat by the beach."
        ),
        ("none", "self"),
    ),
    (
        (
            "Mum's gone to Bali for two weeks with her friends and I want to be where she is lol, "
            "it's raining here"
        ),
        ("none", "self"),
    ),
    (
        (
            "my best friend passed her driving test and got into monash. i want to go where she "
            "went next year so bad"
        ),
        ("none", "self"),
    ),
    (
        (
            "Grandad died last year. He loved the Flinders Ranges and one day I want to go where "
            "he went every winter, to feel close to him."
        ),
        ("none", "self"),
    ),
    (
        (
            "Lost my dog in the park for twenty minutes today, he'd gone to the duck pond. Now "
            "every walk I want to go where he went, he's obsessed with the ducks."
        ),
        ("none", "self"),
    ),
    (
        "Coach said it's fine to stop now, I'm allowed to go. Best training session in ages!",
        ("none", "self"),
    ),
    (
        "ok to stop now? im allowed to go yeah? shift finished 10 mins ago and the manager's gone",
        ("none", "self"),
    ),
    (
        (
            "Teacher said it was ok to stop now and that I'm allowed to go. Got out of detention "
            "early haha"
        ),
        ("none", "self"),
    ),
    (
        "for halloween i drew myself in a coffin as a vampire and i want it on the fridge",
        ("none", "self"),
    ),
    (
        "drew myself dead as a zombie for the comic comp and i want it to win so bad",
        ("none", "self"),
    ),
    (
        "i drew myself in a box (a cardboard box fort!!) and i wish we could build a real one",
        ("none", "self"),
    ),
    (
        (
            "we played dead in the possum scene, the fake blood looked so bad, wish it was real "
            "blood lol"
        ),
        ("none", "self"),
    ),
    (
        (
            "pretending to be dead in stage combat class. wished it was real sword fighting "
            "instead of foam noodles"
        ),
        ("none", "self"),
    ),
    (
        "taught the dog to play dead!! wish it was real training and not just him being lazy haha",
        ("none", "self"),
    ),
    (
        (
            "Mum's always worried about me. Soon she won't have to worry about me, I move into uni "
            "housing in February and I'm actually excited"
        ),
        ("none", "self"),
    ),
    (
        (
            "my sister keeps borrowing my charger. soon she wont have one because mum is taking "
            "hers away lol"
        ),
        ("none", "self"),
    ),
    (
        "Our cat keeps stealing the dog's bed. Soon he won't have one, it's going in the wash.",
        ("none", "self"),
    ),
    (
        "I've taken them all back to the library, just wanted you to know so you don't get fined",
        ("none", "self"),
    ),
    (
        (
            "ive taken them all down, the christmas decorations, wanted someone to know im proud "
            "of myself"
        ),
        ("none", "self"),
    ),
    (
        "Pharmacist double-checked, the tablets are counted twice at our pharmacy so no mix ups",
        ("none", "self"),
    ),
    (
        (
            "nurse on the ward said all the meds are counted at handover. felt safe for the first "
            "time in ages"
        ),
        ("none", "self"),
    ),
    (
        "I'm ending it Friday with Sam. Three years but we want different things.",
        ("none", "self"),
    ),
    (
        "[long post] mum said i'm a burden and i want to kill myself tonight",
        ("urgent", "self"),
    ),
    (
        "[vent] i texted my ex that i'm going to end it tonight. i mean it",
        ("urgent", "self"),
    ),
    (
        "[serious] my therapist said to post here when i feel like this. i want to die",
        ("urgent", "self"),
    ),
    (
        "[f19] my dad said im useless and i want to die",
        ("urgent", "self"),
    ),
    (
        "[edit 2] i still feel like killing myself honestly. i texted my sister about it",
        ("urgent", "self"),
    ),
    (
        "[crying] my mum said she wishes i was never born and i want to die",
        ("urgent", "self"),
    ),
    (
        "[rant] i want to kill myself and my sister said get over it",
        ("urgent", "self"),
    ),
    (
        "[m15] parents said they're done with me. i'm going to kill myself tonight",
        ("urgent", "self"),
    ),
    (
        "[vent] mum said im fat so i havent eaten in three days",
        ("concern", "self"),
    ),
    (
        "I want to die. Also someone keyed my car last week and I can't tell who it was.",
        ("urgent", "self"),
    ),
    (
        "i keep thinking about killing myself. now getting prank calls from a blocked number",
        ("urgent", "self"),
    ),
    (
        "my sister rang me at 3am saying she's going to kill herself. she was on a private number",
        ("urgent", "other"),
    ),
    (
        "someone's knocking and i can't see who it is and i don't care. i've taken 30 panadol",
        ("urgent", "self"),
    ),
    (
        (
            "I'm going to kill myself tonight. I can't say who posted those photos of me but they "
            "ruined everything"
        ),
        ("urgent", "self"),
    ),
    (
        "no caller id showing on the scam calls again. anyway i cut again tonight",
        ("urgent", "self"),
    ),
    (
        "My mate said he wants to kill himself and I need to know how to help him",
        ("urgent", "other"),
    ),
    (
        (
            "my sister texted she's going to end it tonight at the bridge. i want to go tonight to "
            "find her but mum won't drive me"
        ),
        ("urgent", "other"),
    ),
    (
        (
            "Dad said he's going to hang himself. I have to know how to get him help without him "
            "knowing"
        ),
        ("urgent", "other"),
    ),
    (
        (
            "My son told me he's been thinking about suicide. I've been thinking about it too, "
            "whether to ring the GP or CAMHS first."
        ),
        ("urgent", "other"),
    ),
    (
        (
            "my friend asked how many pills it would take to die. asking for real because i need "
            "to know if i should tell someone"
        ),
        ("urgent", "other"),
    ),
    (
        (
            "My brother keeps saying he'll overdose. I need to know how to keep the pills away "
            "from him."
        ),
        ("urgent", "other"),
    ),
    (
        (
            "we lost the baby in may. i want to go where she went someday, to the memorial garden "
            "at the hospital where they scattered the ashes"
        ),
        ("none", "self"),
    ),
]


# Rules 2026.11-14, from corpus 16's and everyday notes 12's errors by kind; each with a harmless
# sentence sharing its words. Written by hand for these tests; REVIEW_2026_11_14 holds what the
# review found.
RULES_2026_11_14 = [
    ("i heard him crying and i took the razor from his kit. used it tonight", ("urgent", "self")),
    (
        "my son took his dad's razor and used it tonight, there's blood on the towel",
        ("urgent", "other"),
    ),
    ("walking to the station now. not to catch a train", ("urgent", "self")),
    ("going to the station, not to catch a train, just to pick up nan", ("none", "self")),
    ("my mate said he's 'got a date picked' and laughed about it", ("urgent", "other")),
    ("we've got a date picked for the wedding!!", ("none", "self")),
    ("my friend said goodbye to everyone and said she won't be here tomorrow", ("urgent", "other")),
    (
        "said goodbye to everyone at camp, won't be here tomorrow because we're flying home",
        ("none", "self"),
    ),
    ("the neighbour is back at the pokies every night", ("concern", "other")),
    ("cutting back on the drink for a month, day 9", ("none", "self")),
    (
        "my cousin tried to end her life a few years "
        "back. she's at uni now and genuinely happy, no worries there",
        ("none", "self"),
    ),
    ("our youngest overdosed at 15. he's 27 now and runs a bakery, thriving", ("none", "self")),
    (
        "our youngest overdosed at 15. he's 27 now and overdosed again last night",
        ("urgent", "other"),
    ),
    ("science lesson today was on overdoses and what they do to the liver", ("none", "self")),
    ("nearly killed myself tripping on the hose, ha", ("none", "self")),
    ("kms fr this time", ("urgent", "self")),
    ("kms over this essay jk", ("none", "self")),
    ("wrote a will for our legal studies assignment", ("none", "self")),
    (
        "wrote letters to my kids for their eighteenth birthdays, to be opened years from now",
        ("none", "self"),
    ),
    ("bought rope for the veggie patch", ("none", "self")),
]

# What the review of 2026.11-14's draft found (its own sentences), as the shipped rules read them:
# wills, letters, goodbyes, stations and lessons on both sides, and exceptions that must not hide
# risk said in the same words.
REVIEW_2026_11_14 = [
    # A code review of 2026.11-14 (its own sentences): exceptions must not hide what is said beside
    # them (2026.11-14.1).
    (
        "I'm not doing so well. I tried to kill myself two years ago and it's creeping back",
        ("concern", "self"),
    ),
    ("I attempted suicide a few years back. Therapy hasn't saved me.", ("concern", "self")),
    (
        "I tried to hang myself two years ago. Not anymore? no, every night I think about it",
        ("concern", "self"),
    ),
    ("kms jk not jk", ("urgent", "self")),
    ("kms jk or not idk", ("urgent", "self")),
    ("Made my will, well, twenty years too late for anyone to care", ("urgent", "self")),
    ("Finally made my will. I know perfectly well what I'm planning.", ("urgent", "self")),
    ("Wrote letters to my daughter for every birthday I won't be there for.", ("urgent", "self")),
    ("wrote letters to my kids for their 18th, i won't be there", ("urgent", "self")),
    ("I took the razor and used it again on the inside of my thigh", ("urgent", "self")),
    ("I've got a date picked. I'm due to see my psych Monday", ("urgent", "self")),
    ("We have a date set! so excited", ("none", "self")),
    ("got a date sorted!! finally someone swiped right", ("none", "self")),
    ("first session back on the ice since the break, skating was so fun", ("none", "self")),
    ("back in the drink again, fell off the paddleboard lol", ("none", "self")),
    ("I'm holding back on the booze this month", ("none", "self")),
    ("I stopped going to the meetings, the P&C was too much drama", ("none", "self")),
    ("he went right back on the gear after rehab", ("concern", "other")),
    (
        "Finally wrote my will for the history project, we had to pretend to be a Tudor merchant",
        ("none", "self"),
    ),
    ("Made a will for legal studies homework lol. leaving my cat to my bff", ("none", "self")),
    ("Wrote my will today. Healthy, 42, just adulting.", ("none", "self")),
    (
        "Finally got round to writing my will. Won't be around to see the kids grow up anyway.",
        ("urgent", "self"),
    ),
    (
        "I'm healthy, 29, and I just made a will because I don't plan on being here at Christmas.",
        ("urgent", "self"),
    ),
    (
        "Mum made a will after her diagnosis, estate planning stuff, she's doing fine",
        ("none", "self"),
    ),
    ("we had to write a will in english class as a creative task", ("none", "self")),
    ("Wrote notes for my kids' lunchboxes with little jokes in them", ("none", "self")),
    (
        "Wrote letters to each of my friends, to be opened when I'm gone. It'll be soon.",
        ("urgent", "self"),
    ),
    (
        "said goodbye to everyone at work today, won't be here tomorrow, new job starts Monday",
        ("none", "self"),
    ),
    (
        "I said goodbye to everyone, won't be here by "
        "morning. Sorry I couldn't make the trip with you all.",
        ("urgent", "self"),
    ),
    ("heading down to the station. not to catch one.", ("urgent", "self")),
    ("I kept my brother's razors hidden but he found them and used one again", ("urgent", "other")),
    ("My husband's back at the pokies, rent money gone", ("concern", "other")),
    ("I'm back on the grog every night just to get to sleep", ("concern", "self")),
    ("My middle one is back on the gear after rehab", ("concern", "other")),
    ("She's thriving in the new job but she's back on the drink most nights", ("concern", "other")),
    ("Our pharmacology lecture on paracetamol overdose was so interesting", ("none", "self")),
    ("health class was about self harm and how to help a mate", ("none", "self")),
    ("my essay is on self-harm in teenage girls, any good sources?", ("none", "self")),
    ("Nearly killed myself falling off the ladder cleaning the gutters lol", ("none", "self")),
    ("almost killed myself on the ice this morning, stacked it at the bus stop", ("none", "self")),
    (
        "Nearly killed myself on my bike last night, rode straight into traffic on purpose",
        ("urgent", "self"),
    ),
    ("almost killed myself coming off the skateboard, my knees r wrecked", ("none", "self")),
    ("kms at this haircut jk it'll grow", ("none", "self")),
    ("maths test tmrw kms jkjk", ("none", "self")),
    ("kms fr no jk", ("urgent", "self")),
    ("my little sister keeps saying kms jk when she loses at fortnite", ("none", "self")),
    ("Our eldest overdosed at 16. She's 24 now, a nurse, thriving.", ("none", "self")),
    ("My youngest tried to kill himself at 15, he's 22 now and a dad himself.", ("none", "self")),
    (
        "My brother overdosed a couple of years back "
        "and he's doing brilliantly now, just got engaged",
        ("none", "self"),
    ),
    ("therapy saved me, 3 years free of self harm", ("none", "self")),
    ("My youngest made a will for his school project, so cute", ("none", "self")),
    ("Bought rope for the allotment to tie up the runner beans", ("none", "self")),
    ("got a rope for the sailing trip this weekend", ("none", "self")),
]


@pytest.mark.parametrize(
    "text,expected",
    RULES_2026_11_4
    + REVIEW_2026_11_4
    + RULES_2026_11_5
    + REVIEW_2026_11_5
    + RULES_2026_11_6
    + REVIEW_2026_11_6
    + RULES_2026_11_7
    + REVIEW_2026_11_7
    + RULES_2026_11_8
    + REVIEW_2026_11_8
    + RULES_2026_11_9
    + REVIEW_2026_11_9
    + RULES_2026_11_10
    + RULES_2026_11_11
    + REVIEW_2026_11_11
    + RULES_2026_11_12
    + REVIEW_2026_11_12
    + RULES_2026_11_13
    + REVIEW_2026_11_13
    + RULES_2026_11_14
    + REVIEW_2026_11_14,
)
def test_rules_read_these_as_their_writers_mean_them(text, expected):
    """The sentences written for rules 2026.11-4 to 2026.11-14, with what each version's review
    found (REVIEW_*), which stays fixed."""
    found = risk.rules().screen(text)
    assert (found.level, found.about) == expected, found.matches
