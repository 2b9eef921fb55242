"""The risk screen: one text in, a level, whom it is about and the phrases that set it off.

`screen(text)` returns a `Screening`: `level` is "none", "concern" or "urgent"; `about` is
"self" (the writer), "other" (someone else, such as a parent) or "unclear"; `matches` lists
each phrase that counted, the rule it met and that rule's explanation for the clinician.

The rules are data (rules/risk-rules.yaml), checked with pydantic and compiled once. They are
the floor: they recognise common ways of saying things and explain themselves, and they miss
phrasing nobody wrote a rule for. `screen` then asks the statistical model (package
kindling-risk-model) about what the rules found not urgent, and for a second opinion on whose
urgent risk they found; see `with_model` and docs/safety/risk-screen.md. `rules().screen(text)`
is the rules alone.

How one text is screened:
  1. Normalise: lower case, straight quotes, digits inside words read as letters ("k1ll"),
     letters repeated 3+ times cut to two ("dieeee"). Positions are kept so each match reports
     the writer's own words.
  2. Find every rule's phrases. One pass of a trie-shaped regex finds the "needles" (literal
     strings worked out from the patterns themselves) and only patterns whose needles occur
     are run, which keeps the screen fast without ever skipping a possible match.
  3. Drop a phrase that lies inside an idiom ("homework is killing me") or straight after a
     denial ("I would never hurt myself"). An urgent phrase becomes a concern when it is a
     "what if", when the sentence rules out acting on it, or when it is told as past and
     nothing puts it in the present (rules can instead drop or keep past phrases). A past
     phrase in a text that also tells of recovery ("...and life is good now") is dropped,
     unless the text says it is hard now.
  4. Decide whom each phrase is about (see `_Compiled._about`).
  5. Drop phrases masked by a rule that names them (an urge "I want to cut" masks the act
     "cut"), and phrases wholly inside another kept phrase of the same or a higher level.
  6. Aggregate: the level is the highest level of any phrase. `about` comes from the phrases
     at that level: "self" if any is about the writer, else "unclear" if any is unclear, else
     "other". A parent's urgent risk and the writer's own concern therefore give
     urgent/other, with the writer's concern still listed in `matches`.
  7. (`screen`, `screen_many`) Where nothing is urgent and the risk is not tied to someone
     else, the model reads the text without the sentences set aside in step 3 and may raise it
     to urgent about the writer, adding a match with rule "model". Where something is urgent,
     the model gives a second opinion on whose it is (`_whose`), which never changes the level.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from re import _parser as sre_parse  # the standard library's regex parser (for needles)
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

RULES_PATH = Path(__file__).with_name("rules") / "risk-rules.yaml"
LEVELS = ("none", "concern", "urgent")
ABOUTS = ("self", "other", "unclear")
_RANK = {level: rank for rank, level in enumerate(LEVELS)}


def higher(level: str, than: str) -> bool:
    """Whether one level is more serious than another ("urgent" above "concern" above "none")."""
    return _RANK[level] > _RANK.get(than, 0)


def encode_matches(matches) -> str:
    """The matches as JSON, to keep with what they were found in (encrypted: they quote it)."""
    return json.dumps([m.as_dict() for m in matches]) if matches else ""


def decode_matches(detail: str) -> list[dict]:
    """What `encode_matches` kept, as dicts; an empty list for anything unreadable."""
    try:
        found = json.loads(detail) if detail else []
    except ValueError:
        return []
    return found if isinstance(found, list) else []


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Match:
    phrase: str  # the writer's own words that matched
    rule: str
    level: str
    about: str
    explanation: str

    def as_dict(self) -> dict[str, str]:
        return {
            "phrase": self.phrase,
            "rule": self.rule,
            "level": self.level,
            "about": self.about,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class Screening:
    level: str  # "none" | "concern" | "urgent"
    about: str  # "self" | "other" | "unclear"; "self" when level is "none"
    matches: tuple[Match, ...]
    rules_version: str
    model_version: str = ""  # set when the statistical model was consulted (see `screen`)
    # The writer's sentences in which the rules set a phrase aside as an idiom, a denial or
    # something past, or softened an urgent one; the model does not read them (`with_model`).
    set_aside: tuple[str, ...] = ()
    # A kept phrase's rule is marked `tell` (danger at home): a concern whose reader must not
    # wait, so the care team is e-mailed at once and the writer is shown help for themselves.
    tell: bool = False

    @property
    def needs_help_now(self) -> bool:
        """Urgent, or a `tell` concern: what a page answering the writer treats as "please
        don't wait for our reply"."""
        return self.level == "urgent" or self.tell

    @property
    def version(self) -> str:
        """What produced this screening, for the record kept with an alert."""
        if not self.model_version:
            return self.rules_version
        return f"{self.rules_version} + model {self.model_version}"


# ----------------------------------------------------------------------------- the rule file


class RulesError(ValueError):
    """The rule file cannot be used; the message names the file, the rule and the problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _sentence(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValueError("must not be empty")
    return value


class RuleSpec(_Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    level: Literal["concern", "urgent"]
    category: str = Field(min_length=1)
    explanation: str
    patterns: list[str] = Field(min_length=1)
    examples: list[str] = []
    negatable: bool = True  # a denial just before the phrase ("never") drops it
    scene: bool = False  # danger at home: the writer in the same sentence makes it "self"
    masks: list[str] = []  # phrases of these rules inside this one's phrase do not count
    # When the sentence places the phrase in the past: "soften" marks an urgent phrase as a
    # concern, "drop" drops it (a feeling that has passed), "keep" leaves it alone.
    in_the_past: Literal["soften", "drop", "keep"] = "soften"
    historical: bool = False  # the phrase itself tells of the past ("I used to cut")
    about_default: Literal["self", "unclear"] = "self"  # when no person is named at all
    # The phrase is the writer's whoever else it names: agreeing with someone who said the
    # writer would be better off dead ("starting to think he's right") (2026.11-9).
    always_self: bool = False
    # The care team is e-mailed at once even when the phrase is a concern (danger at home:
    # not the crisis page, but not a wait until someone next opens the caseload either).
    tell: bool = False
    # Context: the phrase counts only if one of these patterns also occurs elsewhere in the
    # text ("I've got everything sorted" counts in a text that speaks of dying or despair).
    requires: list[str] = []
    # ...and does not count if one of these occurs anywhere in the text ("love you all, see you
    # next year" is an ordinary sign-off).
    unless: list[str] = []

    _plain = field_validator("explanation")(_sentence)


class SpellingSpec(_Strict):
    """Key words matched with one slip of the keyboard (a letter missing, extra, wrong or two
    letters swapped), for words of five letters or more starting with the same letter."""

    explanation: str
    words: list[str] = []
    not_words: list[str] = []  # real words one slip away that must stay as they are


class IdiomSpec(_Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    explanation: str
    patterns: list[str] = Field(min_length=1)
    examples: list[str] = []
    excuses: list[str] = []  # the rules this idiom excuses; empty means every rule

    _plain = field_validator("explanation")(_sentence)


class NegationSpec(_Strict):
    explanation: str
    cues: list[str] = Field(min_length=1)
    fillers: list[str] = []
    examples: list[str] = []


class CueSpec(_Strict):
    explanation: str
    patterns: list[str] = Field(min_length=1)
    examples: list[str] = []


class RecoverySpec(CueSpec):
    unless: list[str] = []  # present distress: "it's hard", "I'm frightened"


class CuesSpec(_Strict):
    """Patterns (and lists of words) the engine uses at named steps of reading whose risk it is;
    in screen.py until 2026.11-13.1 (`subjects.cues` in the rules file says where each is used)."""

    not_noticed: list[str] = Field(min_length=1)
    unknown_number: list[str] = Field(min_length=1)
    someone_left: list[str] = Field(min_length=1)
    titled: list[str] = Field(min_length=1)
    i_wrote: list[str] = Field(min_length=1)
    third_before: list[str] = Field(min_length=1)
    chat_cue: list[str] = Field(min_length=1)
    me_too: list[str] = Field(min_length=1)
    chat_me: list[str] = Field(min_length=1)
    not_a_name: list[str] = Field(min_length=1)
    reported: list[str] = Field(min_length=1)


class SubjectSpec(_Strict):
    first_person: list[str] = Field(min_length=1)
    other_person: list[str] = Field(min_length=1)
    unclear_person: list[str] = []
    speech_verbs: list[str] = Field(min_length=1)
    third_person_verbs: list[str] = []
    echo: list[str] = []
    unclear_markers: list[str] = []  # in a sentence, these make every phrase in it unclear
    generic_person: list[str] = []  # "everyone", "you": unclear only straight before a phrase
    # Keeping someone else's means from them ("hid mum's pills cos she said..."): the phrase is
    # about that person, not the one who hid them (2026.11-4).
    protective: list[str] = []
    cues: CuesSpec


class RulesSpec(_Strict):
    version: str = Field(min_length=1)
    language: str
    description: str
    lexicon: dict[str, str] = {}
    rules: list[RuleSpec] = Field(min_length=1)
    idioms: list[IdiomSpec] = []
    negation: NegationSpec
    past: CueSpec
    present: CueSpec
    recovery: RecoverySpec
    hypothetical: CueSpec
    no_intent: CueSpec
    subjects: SubjectSpec
    spelling: SpellingSpec | None = None
    # Sentences in the words of self-compassion practice ("I want to be kinder to myself"): no
    # rule reads risk in them, and the model does not read them either (2026.11-2).
    practice: RecoverySpec | None = None


_LEXICON_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_UPPER = re.compile(r"(?<!\\)(?<!\(\?)[A-Z]")


def _expand(pattern: str, lexicon: dict[str, str], where: str, depth: int = 0) -> str:
    if depth > 8:
        raise RulesError(f"{where}: the lexicon refers to itself in a loop")

    def word(found: re.Match) -> str:
        name = found.group(1)
        if name not in lexicon:
            raise RulesError(f"{where}: unknown lexicon word {{{name}}}")
        return _expand(lexicon[name], lexicon, where, depth + 1)

    return _LEXICON_REF.sub(word, pattern)


def _compile(pattern: str, where: str) -> re.Pattern:
    if _UPPER.search(pattern):
        raise RulesError(f"{where}: write patterns in lower case (text is lower-cased first)")
    try:
        return re.compile(pattern)
    except re.error as error:
        raise RulesError(f"{where}: the pattern does not compile ({error}): {pattern}") from None


def _words(entries: list[str], lexicon: dict[str, str], where: str) -> str:
    return "|".join(f"(?:{_expand(e, lexicon, where)})" for e in entries)


def _any_of(entries: list[str], lexicon: dict[str, str], where: str) -> re.Pattern:
    """The entries (with their {lexicon} words) as one pattern; no entries match nothing."""
    return _compile(_words(entries, lexicon, where) or r"(?!)", where)


# ----------------------------------------------------------------------------- needles

# Needles: literal strings of which any match must contain at least one. Worked out from the
# parsed pattern, so they can never disagree with it; a pattern with none is always run.


_RUN_CAP = 64  # most alternatives one literal run may spell before it is cut


def _finite(op, av) -> frozenset[str] | None:
    """The strings one parsed item can match, when there are only a few; else None."""
    name = getattr(op, "name", str(op))
    if name == "LITERAL":
        return frozenset([chr(av)])
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return frozenset([""])  # takes no characters
    if name == "IN":
        chars: set[str] = set()
        for kind, value in av:
            kind = getattr(kind, "name", str(kind))
            if kind == "LITERAL":
                chars.add(chr(value))
            elif kind == "RANGE" and value[1] - value[0] < 10:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:
                return None
        return frozenset(chars) if len(chars) <= 10 else None
    if name == "SUBPATTERN":
        return _finite_seq(av[-1])
    if name == "BRANCH":
        options = [_finite_seq(branch) for branch in av[1]]
        if any(o is None for o in options):
            return None
        joined = frozenset().union(*options)
        return joined if len(joined) <= _RUN_CAP else None
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[1] <= 2:
        body = _finite_seq(av[2])
        if body is None:
            return None
        out = {""} if av[0] == 0 else set()
        for times in range(max(av[0], 1), av[1] + 1):
            out.update("".join(p) for p in _product(body, times))
        return frozenset(out) if len(out) <= _RUN_CAP else None
    return None


def _product(options: frozenset[str], times: int) -> list[tuple[str, ...]]:
    result: list[tuple[str, ...]] = [()]
    for _ in range(times):
        result = [r + (o,) for r in result for o in options]
    return result


def _finite_seq(parsed) -> frozenset[str] | None:
    run = frozenset([""])
    for op, av in parsed:
        item = _finite(op, av)
        if item is None:
            return None
        run = frozenset(a + b for a in run for b in item)
        if len(run) > _RUN_CAP:
            return None
    return run


def _join(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    joined = frozenset(a + b for a in left for b in right)
    return joined if len(joined) <= _RUN_CAP else None


def _lead_item(op, av) -> frozenset[str]:
    """Strings one of which starts every match of this item ("" if nothing is known)."""
    finite = _finite(op, av)
    if finite is not None:
        return finite
    name = getattr(op, "name", str(op))
    if name == "SUBPATTERN":
        return _lead_seq(av[-1])
    if name == "BRANCH":
        leads = frozenset().union(*(_lead_seq(branch) for branch in av[1]))
        return leads if len(leads) <= _RUN_CAP else frozenset([""])
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
        return _lead_seq(av[2])
    return frozenset([""])


def _lead_seq(parsed) -> frozenset[str]:
    run = frozenset([""])
    for op, av in parsed:
        finite = _finite(op, av)
        if finite is None:
            return _join(run, _lead_item(op, av)) or run
        run = _join(run, finite)
        if run is None:
            return frozenset([""])
    return run


def _needles_of(parsed) -> frozenset[str] | None:
    """Strings of which any match of `parsed` contains at least one, or None if unknown."""
    best: frozenset[str] | None = None
    run = frozenset([""])

    def offer(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if not candidate or "" in candidate or min(len(n) for n in candidate) < 2:
            return
        if best is None or _strength(candidate) > _strength(best):
            best = candidate

    for op, av in parsed:
        if getattr(op, "name", str(op)) == "ASSERT":  # a lookaround's words are in the text too
            offer(_needles_of(av[1]))
        item = _finite(op, av)
        if item is not None:
            joined = frozenset(a + b for a in run for b in item)
            if len(joined) <= _RUN_CAP:
                run = joined
                continue
            offer(run)
            run = item
            continue
        offer(_join(run, _lead_item(op, av)) or run)  # "o" + (verdose|d...) -> overdose, od
        run = frozenset([""])
        name = getattr(op, "name", str(op))
        if name == "SUBPATTERN":
            offer(_needles_of(av[-1]))
        elif name == "ATOMIC_GROUP":
            offer(_needles_of(av))
        elif name == "BRANCH":
            alternatives = [_needles_of(branch) or _finite_seq(branch) for branch in av[1]]
            if all(a and "" not in a for a in alternatives):
                offer(frozenset().union(*alternatives))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            offer(_needles_of(av[2]))
    offer(run)
    return best


# How often each character turns up in English text: a needle set is only as good as it is
# rare, so sets are compared by the chance that one of their strings occurs at a given place.
_CHAR_FREQUENCY = dict(zip(
    " etaoinshrdlcumwfgypbvkjxqz",
    [.17, .10, .075, .065, .062, .057, .056, .052, .05, .05, .035, .033, .023, .023, .021,
     .019, .018, .017, .016, .016, .013, .008, .006, .002, .0015, .001, .0008],
    strict=True,
))  # fmt: skip


# Whole words far more common than their letters suggest ("to", "all", "day"): a needle that is
# one of them is given the rough chance of such a word starting at a given place.
_VERY_COMMON_TEXT = (
    "a an and are as at be but by do for go he i if in is it me my no not of on or out so that"
    " the this to up was we with you"
)
_COMMON_TEXT = (
    "about after again all also any away back bad been before being can day did does doing done"
    " down each end even ever every from get going gone good got had has have her here him his"
    " how into its just know last life like long look made make more much need never new night"
    " now off one only our over people see she some still take than them then there they thing"
    " things think time today too us very want way week well went were what when where which"
    " who why will would year your"
)
_VERY_COMMON = frozenset(_VERY_COMMON_TEXT.split())
_COMMON_WORDS = frozenset(_COMMON_TEXT.split())


def _strength(needles: frozenset[str]) -> float:
    chance = 0.0
    for needle in needles:
        if needle in _VERY_COMMON or needle in _COMMON_WORDS:
            chance += 0.01 if needle in _VERY_COMMON else 0.002
            continue
        p = 1.0
        for ch in needle:
            p *= _CHAR_FREQUENCY.get(ch, 0.01)
        chance += p
    return -chance


def _trie(words: list[str]) -> str:
    """A regex matching any of `words`, shaped as a trie so it tests a few letters per place.

    At each place it matches the longest word starting there; the shorter ones starting there
    are its prefixes, which `_Compiled._switches` accounts for.
    """
    if not words:
        return "(?!)"
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        kids = sorted(ch for ch in node if ch)
        if not kids:
            return ""
        alternatives = [re.escape(ch) + build(node[ch]) for ch in kids]
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return f"(?:{body})?" if "" in node else body

    return build(root)


class _Gated:
    """Patterns, each run on a text only when the text contains one of its needles.

    One pass of a trie-shaped regex finds every needle in the text; each needle found switches
    on the patterns that need it, and those that need any of its prefixes.
    """

    def __init__(self, items: list[tuple[object, re.Pattern]]):
        self.items = items
        self.always: list[int] = []
        by_needle: dict[str, set[int]] = {}
        for n, (_, regex) in enumerate(items):
            needles = _needles(regex.pattern)
            if needles is None:
                self.always.append(n)
            for needle in needles or ():
                by_needle.setdefault(needle, set()).add(n)
        self.switches = {
            found: frozenset().union(*(p for k, p in by_needle.items() if found.startswith(k)))
            for found in by_needle
        }
        self.finder = re.compile(f"(?=({_trie(list(by_needle))}))")

    def finditer(self, norm: str):
        todo = set(self.always)
        for m in self.finder.finditer(norm):
            todo.update(self.switches[m.group(1)])
        for n in sorted(todo):
            owner, regex = self.items[n]
            for m in regex.finditer(norm):
                if m.end() > m.start():
                    yield owner, m


def _needles(pattern: str) -> frozenset[str] | None:
    try:
        return _needles_of(sre_parse.parse(pattern))
    except Exception:  # noqa: BLE001 - an unreadable pattern simply gets no shortcut
        return None


# ----------------------------------------------------------------------------- compiled rules


@dataclass(frozen=True, slots=True)
class _Rule:
    id: str
    level: str
    explanation: str
    regexes: tuple[re.Pattern, ...]
    negatable: bool
    scene: bool
    masks: frozenset[str]
    in_the_past: str
    historical: bool
    about_default: str
    requires: re.Pattern | None = None
    unless: re.Pattern | None = None
    tell: bool = False
    always_self: bool = False


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    rule: _Rule
    level: str
    explanation: str
    about: str = "self"


_QUOTE_SPAN = re.compile(
    r'"([^"\n]{1,400})"'
    r"|(?<![a-z0-9])'((?:[^'\n]|'(?=[a-z]))+?)'(?![a-z0-9])"
)
# "my little brother", "her best friend": a word before a person word, not a person itself.
_KIN_ADJECTIVE = r"(?:little|big|best|older|younger|baby|new|old|twin)"
_RECIPIENT = re.compile(
    r"\b(?:(?:to|for|with)\s+(?:(?:each|all|both|one)\s+of\s+)?(?:(?:my|her|his|their|our|the)\s+"
    rf"(?:{_KIN_ADJECTIVE}\s+)?)?"
    r"|(?:told|tells|tell|telling|asked|asks|texted|messaged|sent|showed|gave|gives|warned|"
    r"promised)\s+)$"
)
_NEW_CLAUSE = re.compile(
    r"[,:]|\b(?:but|now|so|then|because|cos|coz|although|though|yet|and\s+now)\b"
)
_SENT_TO = re.compile(
    r"\b(?:sent|sends|sending|texted|texts|texting|messaged|messages|messaging|showed|shows|"
    r"showing|gave|gives|emailed|snapped|snapchatted|snapchated|snapchat\s*'?\s*d|facetimed|"
    r"whatsapped|whatsapp\s*'?\s*d|dmed|"
    r"dm\s*'?\s*d|tagged)\s+$"
)
_FOUND = re.compile(
    r"\s+(?:[a-z']+\s+)?(?:found|find|finding|saw|see|seen|noticed|discovered|caught|checked)\b"
)
# What someone found is theirs ("her blades"), or, with one of these after it, the writer's.
_THEIRS = re.compile(r"\b(?:her|his|their|hers|theirs)\b")
_MINE_AFTER = re.compile(
    r"\bi\s+(?:had|have|got|still\s+have|kept|hid|bought)\s+(?:more|another|spares?|extras?|others|"
    r"a\s+(?:spare|few\s+more))\b|\b(?:in|under|from)\s+my\b|\bmine\b|\bdid\s+it\b"
)
# A sentence of a diary that drops its "I" ("Counted them."): a past-tense verb of doing first.
# When the sentence before is the writer's too (it starts with "I", or drops its "I" as well:
# "Found out where dad keeps his pills. Counted them."), its phrase is the writer's although that
# sentence named someone; after "My brother's in a bad way." it stays unclear (2026.11-5).
_DIARY_START = re.compile(
    r"\s*(?:(?:then|and|so|just|also|later|tonight|today|yesterday)\s+)?(?:drove|walked|went|spent|"
    r"sat|stood|counted|looked|searched|googled|bought|took|made|found|tried|ended\s+up|stayed|"
    r"lay|parked|picked|sorted|filled|hid|kept|saved|stocked|worked\s+out|figured\s+out|"
    r"wrote|checked|measured|got)\b"
)
_WRITER_START = re.compile(
    r"\s*(?:(?:i|im|ive|id|me|i\s*'\s*[a-z]+)\b|(?:haven|didn|can|couldn)\s*'?\s*t\b)"
    r"|" + _DIARY_START.pattern
)
# "at nan's house", "from dad's place": a place named by its owner; the owner is not the person
# the sentence is about (added in 2026.11-6).
_PLACE_AFTER = re.compile(
    # Not a room or a car: what is found in "my son's room" is his. (A cupboard, a cabinet or a
    # fridge, 2026.11-8: "vodka from mum's cupboard" is drunk by the writer.)
    r"\s+(?:house|place|home|flat|unit|farm|garden|backyard|yard|pool|shed|caravan|apartment|work|"
    r"shop|office|cupboard|cabinet|fridge)\b"
)
_AT_BEFORE = re.compile(
    r"\b(?:at|to|from|in|near|outside|behind|on|into|round|around)\s+(?:my\s+|our\s+)?$"
)
# "searches on Mia's iPad", "the history on his laptop": what someone else looked up (added in
# 2026.11-6). The writer's own ("my searches") is not this.
_DEVICE_OF = re.compile(
    r"(?<!\bmy\s)\b(?:search(?:es)?|search\s+history|browser\s+history|google\s+history|history|"
    r"tabs|messages|texts|notes|photos|videos)\s+(?:on|in|from)\s+(?:[a-z]+\s*'\s*s|his|her|their)\s+"
    r"(?:new\s+|old\s+|school\s+)?(?:ipad|phone|laptop|computer|tablet|pc|chromebook|account|browser|"
    r"insta\w*|tiktok|snap\w*|diary|journal|notebook)\b"
)


def _a_place(norm: str, person: re.Match) -> bool:
    """ "at nan's house", "to dad's place": a person word naming a place, not a person."""
    return (
        person.group().endswith("s")
        and bool(_PLACE_AFTER.match(norm, person.end()))
        and bool(_AT_BEFORE.search(norm, max(0, person.start() - 16), person.start()))
    )


# "he showed me the marks", "he told me at play time": the writer is told or shown, not in the
# scene (added in 2026.11-6; told in 2026.11-8).
_SHOWN = re.compile(r"\b(?:showed|shows|showing|told|tells|telling)\s+$")
_DEVICE_HELD = re.compile(r"\s*(?::|(?:for|about|on|of|were|was|showing|like|saying)\b)")
_THANKFUL_FOR = re.compile(
    r"\b(?:grateful|thankful|thanks|thank\s+you|thank\s+god|glad|happy|lucky|blessed|proud)\s+"
    r"(?:for|to\s+have|about)\s+(?:my\s+|our\s+)?$"
)
_PREPOSITION = re.compile(r"\b(?:for|to|with|about|of|from|by|at)\s+$")
# After the writer's "I": words of someone looking on or telling, not of someone in the scene.
_ONLOOKER = re.compile(
    r"\s*(?:think|thought|reckon|believe|guess|feel\s+like|know|knew|saw|see|heard|noticed|"
    r"suspect|wonder|worry|worried|(?:really\s+|so\s+)?worried|scared\s+(?:that|for)|(?:'\s*m|\s*m|\s+am)\s+(?:worried|scared\s+(?:that|for)|not\s+sure|"
    r"pretty\s+sure|sure))\b"
    # "my" naming someone else ("my friend is being hit") is not the writer in the scene.
    r"|\s+(?:best\s+|little\s+|big\s+|older\s+|younger\s+)?(?:friend|mate|bestie|sister|sis|"
    r"brother|bro|cousin|mum|mom|mam|dad|mother|father|nan|gran|aunt|aunty|auntie|uncle|son|"
    r"daughter|partner|girlfriend|boyfriend|neighbou?r|classmate|colleague)s?\b"
)
# Somewhere of someone else's: "in my 14-year-old's maths book", "under her pillow" (2026.11-11).
_IN_THEIR_THINGS = (
    r"\s+(?:in|on|under|inside|behind)\s+(?:my\s+)?(?:[a-z0-9-]+\s*'\s*s|her|his|their)\s+"
    r"(?:[a-z]+\s+){0,2}?(?:book|room|bag|bed|drawer|desk|pocket|pillow|diary|notebook|locker|"
    r"phone|backpack|schoolbag|pencil\s+case|jacket|wallet)\b"
)
# "Found a note in my 14-year-old's maths book: '...'": what it says is the owner's.
_FOUND_NOTE_IN = re.compile(
    r"\b(?:found|find|finding|saw|discovered)\s+(?:(?:a|this|the|her|his|their)\s+(?:note|letter|"
    r"message|page|card)|this|it)" + _IN_THEIR_THINGS + r"[^'\"\n]{0,20}$"
)
_FINDING = re.compile(r"\b(?:found|find|finding|saw|discovered)\b")
_IN_THEIR_CAR = re.compile(
    r"\bin\s+(?:my\s+)?(?:[a-z0-9-]+\s*'\s*s|his|her|their)\s+"
    r"(?:car|boot|ute|van|trunk|garage|shed)\b"
)
# "Thankful for my son, who is still here after...": the clause is about the son.
_WHO_FOLLOWS = re.compile(r"\s*,\s*(?:who|whose|that|which)\b")
_IN_THEIRS = re.compile(_IN_THEIR_THINGS)
# A line of a pasted chat: "ash: i'm done" (2026.11-11). The name is one or two words.
_CHAT_LINE = re.compile(
    r"^[ \t>*-]*(?P<name>[a-z][a-z0-9_.]{0,19}(?: [a-z][a-z0-9_.]{0,19})?)[ \t]*:[ \t]*"
    r"(?P<said>[^\n]+)$",
    re.MULTILINE,
)
# The same with the name in brackets, several to a line: "[leo] gonna kms [leo] dont tell".
_CHAT_TAG = re.compile(r"\[(?P<name>[a-z][a-z0-9_. ]{0,19})\][ \t]*(?P<said>[^\[\n]+)")
_SENTENCE_END = re.compile(r"[.!?;\n\r]+|…|\s[-–—]\s")
_WORD = re.compile(r"[a-z0-9']+")
# A word for the person spoken to, ending a sentence ("chur for the session bro."): whom the
# writer addresses, not someone the next sentence is about (2026.11-7).
# Not after "my", "the"...: "saw my sis." names her.
_ADDRESSED = re.compile(
    r"(?<!\bmy\s)(?<!\bhis\s)(?<!\bher\s)(?<!\btheir\s)(?<!\bthe\s)(?<!\ba\s)(?<!\byour\s)"
    r"(?<!\bour\s)(?<!\bur\s)(?:bro|bruh|mate|sis|babe|man|dude|guys|fam|cuz|hun|love)\s*[.!?,]"
)
_TRANSLATE = str.maketrans({
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})  # fmt: skip
_REPEATS = re.compile(r"([a-z])\1\1+")
# Letters written as digits or symbols inside a word: "k1ll", "d13", "mys3lf" (same length).
_LEET = re.compile(r"(?<=[a-z])[013@$]+|[013@$]+(?=[a-z])")
_LEET_MAP = str.maketrans("013@$", "oieas")


def _normalise(text: str) -> tuple[str, list[int] | None]:
    """Lower-cased text and, when its length changed, a map from its positions to the text's."""
    low = text.translate(_TRANSLATE).lower()
    index: list[int] | None = None
    if len(low) != len(text):  # a few characters lower-case to two (İ): keep the first
        low = "".join(c.translate(_TRANSLATE).lower()[:1] or c for c in text)
    if _LEET.search(low):
        low = _LEET.sub(lambda m: m.group().translate(_LEET_MAP), low)
    if _REPEATS.search(low):
        parts: list[str] = []
        index = []
        last = 0
        for found in _REPEATS.finditer(low):
            parts.append(low[last : found.start() + 2])
            index.extend(range(last, found.start() + 2))
            last = found.end()
        parts.append(low[last:])
        index.extend(range(last, len(low)))
        index.append(len(low))
        low = "".join(parts)
    return low, index


_LONG_WORD = re.compile(r"[a-z]{5,}")


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_slip(a: str, b: str) -> bool:
    """True when b is a with one letter missing, added or changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


class _Spelling:
    """Reads a word one slip away from a key word as that key word ("suicdie" -> "suicide").

    A slip is a letter missing, added, changed, or two letters swapped (one deletion on each
    side). Only words of five letters or more are looked at, the first letter must agree, and
    real words listed in `not_words` are left alone. Each word's answer is remembered.
    """

    def __init__(self, spec: SpellingSpec, known: re.Pattern):
        self.known = known  # spellings the lexicon already knows ("suicidle") stay as written
        self.words = frozenset(spec.words)
        self.keep = frozenset(spec.not_words)
        self.near: dict[str, str] = {}
        for word in spec.words:
            for d in _deletes(word):
                self.near.setdefault(d, word)
        self.lookup = functools.lru_cache(maxsize=65536)(self._lookup)

    def _lookup(self, token: str) -> str | None:
        if token in self.words or token in self.keep or self.known.fullmatch(token):
            return None
        candidates = [self.near.get(token)]
        for d in _deletes(token):
            candidates.append(d if d in self.words else None)
            candidates.append(self.near.get(d))
        for candidate in candidates:
            if candidate and candidate[0] == token[0] and _one_slip(token, candidate):
                return candidate
        return None

    def fix(self, norm: str, index: list[int] | None) -> tuple[str, list[int] | None]:
        parts: list[str] = []
        new_index: list[int] = []
        last = 0
        for m in _LONG_WORD.finditer(norm):
            word = self.lookup(m.group())
            if word is None:
                continue
            s, e = m.start(), m.end()
            parts.append(norm[last:s])
            new_index.extend(index[last:s] if index is not None else range(last, s))
            parts.append(word)
            new_index.extend(
                (index[s + min(i, e - s - 1)] if index is not None else s + min(i, e - s - 1))
                for i in range(len(word))
            )
            last = e
        if not parts:
            return norm, index
        parts.append(norm[last:])
        new_index.extend(index[last:] if index is not None else range(last, len(norm) + 1))
        return "".join(parts), new_index


class _Compiled:
    def __init__(self, spec: RulesSpec, source: str):
        self.version = spec.version
        lex = spec.lexicon
        self._spelling = None
        if spec.spelling:
            known = "|".join(f"(?:{_expand(v, lex, source)})" for v in lex.values()) or "(?!)"
            self._spelling = _Spelling(spec.spelling, _compile(known, f"{source}: lexicon"))
        for name, value in lex.items():
            _compile(_expand(value, lex, f"{source}: lexicon {name}"), f"{source}: lexicon {name}")

        rules: list[_Rule] = []
        ids = set()
        for rule in spec.rules:
            where = f"{source}: rule '{rule.id}'"
            if rule.id in ids:
                raise RulesError(f"{where}: the id is used twice")
            ids.add(rule.id)
            regexes = []
            for n, pattern in enumerate(rule.patterns, start=1):
                expanded = _expand(pattern, lex, f"{where} pattern {n}")
                regexes.append(_compile(expanded, f"{where} pattern {n}"))
            requires = None
            if rule.requires:
                requires = _compile(
                    _words(rule.requires, lex, f"{where} requires"), f"{where} requires"
                )
            unless = None
            if rule.unless:
                unless = _compile(_words(rule.unless, lex, f"{where} unless"), f"{where} unless")
            rules.append(
                _Rule(rule.id, rule.level, rule.explanation, tuple(regexes),
                      rule.negatable, rule.scene, frozenset(rule.masks), rule.in_the_past,
                      rule.historical, rule.about_default, requires, unless, rule.tell,
                      rule.always_self)
            )  # fmt: skip
        for rule in spec.rules:
            unknown = set(rule.masks) - ids
            if unknown:
                raise RulesError(
                    f"{source}: rule '{rule.id}' masks unknown rules {sorted(unknown)}"
                )
        self.rules = tuple(rules)
        self.rule_specs = {r.id: r for r in spec.rules}
        self._rules = _Gated([(r, rx) for r in rules for rx in r.regexes])

        idioms = []
        self._excuses: dict[str, frozenset[str]] = {}
        for idiom in spec.idioms:
            unknown = set(idiom.excuses) - ids
            if unknown:
                raise RulesError(
                    f"{source}: idiom '{idiom.id}' excuses unknown rules {sorted(unknown)}"
                )
            self._excuses[idiom.id] = frozenset(idiom.excuses)
            for n, pattern in enumerate(idiom.patterns, start=1):
                where = f"{source}: idiom '{idiom.id}' pattern {n}"
                idioms.append((idiom.id, _compile(_expand(pattern, lex, where), where)))
        self._idioms = _Gated(idioms)

        neg = spec.negation
        cues = _words(neg.cues, lex, f"{source}: negation cues")
        fillers = _words(neg.fillers, lex, f"{source}: negation fillers") if neg.fillers else None
        filler_part = rf"(?:(?:{fillers})\s+){{0,4}}" if fillers else ""
        self.negation = _compile(rf"\b(?:{cues})\s+{filler_part}$", f"{source}: negation")

        self.past = self._cues(spec.past, lex, f"{source}: past")
        self.present = self._cues(spec.present, lex, f"{source}: present")
        self.hypothetical = self._cues(spec.hypothetical, lex, f"{source}: hypothetical")
        self.recovery = self._cues(spec.recovery, lex, f"{source}: recovery")
        self.still_hard = _any_of(spec.recovery.unless, lex, f"{source}: recovery unless")
        self.past_note = spec.past.explanation
        self.hypothetical_note = spec.hypothetical.explanation
        self.no_intent = self._cues(spec.no_intent, lex, f"{source}: no_intent")
        self.no_intent_note = spec.no_intent.explanation
        self.practice = self.practice_unless = None
        if spec.practice is not None:
            self.practice = self._cues(spec.practice, lex, f"{source}: practice")
            # The words each practice phrase cannot do without ("kind", "sleep", "done"): a text
            # with none of them is not searched (2026.11-6, for speed; see _Gated).
            self.practice_needles = _Gated(
                [(None, _compile(_expand(p, lex, source), source)) for p in spec.practice.patterns]
            )
            self.practice_unless = _any_of(spec.practice.unless, lex, f"{source}: practice unless")

        sub = spec.subjects
        first = _words(sub.first_person, lex, f"{source}: subjects first_person")
        other = _words(sub.other_person, lex, f"{source}: subjects other_person")
        unclear = _words(sub.unclear_person or ["(?!)"], lex, f"{source}: subjects unclear_person")
        generic = _words(sub.generic_person or ["(?!)"], lex, f"{source}: subjects generic_person")
        speech = _words(sub.speech_verbs, lex, f"{source}: subjects speech_verbs")
        where = f"{source}: subjects"
        # "they" is someone else when the text has named someone, and unclear when not.
        they = r"they|they\s*'?\s*(?:re|d|ll|ve)|theyre|them|themselves|themself"
        self.person = _compile(
            rf"\b(?:(?P<self>{first})|(?P<they>{they})|(?P<other>{other})"
            rf"|(?P<unclear>{unclear})|(?P<generic>{generic}))(?![a-z0-9'])",
            where,
        )
        # Inside a phrase: "my" + a noun that is not a person ("my life", "my arms") is the
        # writer; "her", "his", "their" + anything is someone else.
        self.in_phrase = _compile(
            rf"\b(?:(?P<self>{first}|my(?!\s+(?:[a-z]+\s+)?(?:{other})(?![a-z0-9'])))"
            rf"|(?P<they>{they})|(?P<other>{other}|his|their)|(?P<unclear>{unclear})"
            rf"|(?P<generic>{generic}))(?![a-z0-9'])",
            where,
        )
        # "took dad's pills": the owner of the means is not the one at risk. (The owner of a
        # place is: "blades in my daughter's bin".)
        pills = _expand("{pills}", lex, where) if "pills" in lex else "pills"
        # A few words may stand between owner and means ("his sleeping tablets", "dads blood
        # pressure pills"); "his", "her" and "their" own means as "mum's" does (2026.11-4).
        # Not a verb or helper between them: "my parents are hoarding pills" names no owner.
        between = (
            r"(?:\s+(?!(?:are|is|was|were|has|have|had|been|got|gets|keeps?|kept|took|take"
            r"|taking|hoard\w*|stockpil\w*|sav\w*|hid\w*|stash\w*|collect\w*|all|the|some|any"
            r"|my|of)\b)[a-z]+(?:\s*'\s*s(?![a-z]))?){0,3}?"
        )
        # "new cuts on my sister's arms": a phrase placed on someone else's body straight after
        # it is about them (2026.11-5). Only a body: "on my dad's birthday" is a date.
        body = _expand("{body_part}", lex, where) if "body_part" in lex else "arms?|legs?"
        self.on_someone = _compile(
            rf"\s+(?:on|all\s+over|up\s+and\s+down|across)\s+(?:my\s+)?(?:{other}|his|their)"
            rf"\s+(?:[a-z]+\s+)?(?:{body})\b",
            where,
        )
        self.owned = _compile(
            rf"{between}\s+(?:{pills}|razors?|blades?|knife|knives|gun|belt|car|phone)\b", where
        )
        self.first_person = _compile(rf"\b(?:{first})(?![a-z0-9'])", where)
        # Danger at home: the writer is there if they name themselves, or "we" or "us".
        self.writer_there = _compile(rf"\b(?:{first}|we|we\s*'?\s*re|us)(?![a-z0-9'])", where)

        self.unclear_marker = _any_of(sub.unclear_markers, lex, where)
        cues, at = sub.cues, f"{where} cues"

        self.not_noticed = _any_of(cues.not_noticed, lex, f"{at} not_noticed")
        self.unknown_number = _any_of(cues.unknown_number, lex, f"{at} unknown_number")
        self.someone_left = _any_of(cues.someone_left, lex, f"{at} someone_left")
        self.titled = _any_of(cues.titled, lex, f"{at} titled")
        self.i_wrote = _any_of(cues.i_wrote, lex, f"{at} i_wrote")
        self.third_before = _any_of(cues.third_before, lex, f"{at} third_before")
        self.chat_cue = _any_of(cues.chat_cue, lex, f"{at} chat_cue")
        self.me_too = _any_of(cues.me_too, lex, f"{at} me_too")
        self.reported = _any_of(cues.reported, lex, f"{at} reported")
        if "mine" not in self.titled.groupindex:
            raise RulesError(f"{at} titled: needs the group (?P<mine>...) for the writer's 'my'")
        for name, words in (("chat_me", cues.chat_me), ("not_a_name", cues.not_a_name)):
            if any(word != word.lower() for word in words):
                raise RulesError(f"{at} {name}: write every word in lower case (text is)")
        self.chat_me = frozenset(cues.chat_me)
        self.not_a_name = frozenset(cues.not_a_name)

        self.third_verb = _compile(
            rf"\s*(?:{_words(sub.third_person_verbs or ['(?!)'], lex, where)})\b", where
        )
        self.third_verb_before = _compile(
            rf"\b(?:{_words(sub.third_person_verbs or ['(?!)'], lex, where)})\s+$", where
        )
        self.echo = _any_of(sub.echo, lex, where)
        echo = self.echo.pattern
        # The same, opening the next sentence ("...she has a plan. The girl is me.", "So do I."),
        # after at most a filler word (2026.11-9); not later in it ("dad's worried, me too").
        self.echo_next = _compile(
            rf"[\s\"'(\-]*(?:(?:tbh|honestly|ngl|and|but|lol|well|plus|yeah)\s*,?\s*)?(?:{echo})",
            where,
        )
        who = rf"(?:(?P<self>{first})|(?P<other>{other}|{they}))"
        # "mum said 'I want to die'" / "'I want to die,' mum said" / "mum said: I want to die"
        self.said_before = _compile(
            rf"\b(?:{speech})(?:\s+(?:to\s+)?(?:me|us|him|her|them|(?:my|his|her|their|our|the)"
            rf"(?:\s+{_KIN_ADJECTIVE})?\s+[a-z]+))?(?:\s+that)?\s*[:,]?\s*$",
            where,
        )
        # "quoting my friend exactly: '...'": the quote is the friend's (added in 2026.11-6).
        self.quoting = _compile(
            rf"\bquot(?:e|es|ed|ing)\s+(?:(?:my|his|her|their|our|a|the|this)\s+)?(?:{other})"
            rf"(?:\s+(?:exactly|directly|word\s+for\s+word))?\s*[:,]?\s*$",
            where,
        )
        # What a note, a paper or a message "says" (2026.11-6), and a note the writer wrote.
        self.note_says = _compile(
            r"\b(?:note|paper|letter|message|piece\s+of\s+paper|sticky\s+note|post\s*-?\s*it|"
            r"scribble|graffiti|writing)\b[^.!?\n]{0,60}?\b(?:said|says|saying|read|reads|reading)"
            r"\b\s*[:,]?\s*['\"]?\s*(?:[a-z']+\s+){0,4}$",
            where,
        )
        self.note_mine = _compile(
            rf"\b(?:{first})\s+(?:[a-z']+\s+){{0,2}}?(?:wrote|write|writing|written|left|leave|"
            rf"leaving|made|make|put|stuck|typed)\b",
            where,
        )
        # "my cousin wrote on his wall i want to be dead": written by him, about him (2026.11-6).
        self.written_on = _compile(
            rf"\b(?:{other})\s+(?:[a-z']+\s+){{0,2}}?(?:wrote|writes|written|posted|posts|put|"
            rf"scratched|carved|scribbled)\s+(?:on|in)\s+(?:his|her|their|the)\s+(?:wall|story|stories|"
            rf"page|profile|bio|status|insta\w*|snap\w*|tiktok|post|arm|hand|notebook|book|diary|"
            rf"desk|locker|mirror|bathroom\s+mirror|door|bedroom\s+door|window|whiteboard)"
            # "wrote on her mirror in lipstick 'i want to be gone'" (2026.11-11)
            rf"(?:\s+in\s+(?:lipstick|marker|texta|sharpie|pen|pencil|crayon|chalk|eyeliner|"
            rf"red|black))?\s*[:,]?\s*['\"]?\s*$",
            where,
        )
        self.said_after = _compile(
            rf"\s*[,.!?]*\s*(?:{who}\s+(?:[a-z']+\s+)?(?:{speech})|(?:{speech})\s+"
            rf"(?:(?P<self2>{first})|(?P<other2>{other})))\b",
            where,
        )
        # "mum said I want to die": grammatically the writer, often direct speech: unclear.
        self.reported_first = _compile(
            rf"\b(?:{other})\s+(?:[a-z']+\s+){{0,2}}?(?:{speech})(?:\s+that)?\s*(?P<colon>:)?\s*$",
            where,
        )
        self.said_tail = _compile(
            rf"[^.!?\n]{{0,12}}?[,\s]\s*(?:(?:{other})\s+(?:[a-z']+\s+)?(?:{speech})"
            rf"|(?:{speech})\s+(?:{other}))\s*[.!?;\n\r\"'…]*\s*$",
            where,
        )
        self.together = _compile(r"(?:\bme|\bi)\s+and\s+(?:my\s+)?$", where)
        # "Me and my husband both said we'd rather...": "we" includes the writer (2026.11-4).
        self.we_with_me = _compile(
            r"\b(?:me|i)\s+and\s+my\s+[a-z]+\b|\bmy\s+[a-z]+\s+and\s+(?:i|me)\b"
            r"|\bwe\s+both\b|\bboth\s+of\s+us\b",
            where,
        )
        self.protective = _any_of(sub.protective, lex, where)
        self.together_after = _compile(r"\s+and\s+(?:i|me|myself)\b", where)

    @staticmethod
    def _cues(spec: CueSpec, lex: dict[str, str], where: str) -> re.Pattern:
        return _any_of(spec.patterns, lex, where)

    # ------------------------------------------------------------------------- screening

    def screen(self, text: str) -> Screening:
        if not text:
            return Screening("none", "self", (), self.version)
        norm, index = _normalise(text)
        if self._spelling is not None:
            norm, index = self._spelling.fix(norm, index)
        found = self._find(norm)
        practice = self._practice(norm, found)
        if not found:
            spans = [self._phrase(text, index, s0, s1).strip() for s0, s1 in practice]
            return Screening("none", "self", (), self.version, set_aside=tuple(spans))
        kept, aside = self._judge(norm, found)
        set_aside = tuple(
            dict.fromkeys(
                self._phrase(text, index, s0, s1).strip() for s0, s1 in [*aside, *practice]
            )
        )
        if not kept:
            return Screening("none", "self", (), self.version, set_aside=set_aside)
        kept.sort(key=lambda c: (c.start, c.end))
        matches = tuple(
            Match(self._phrase(text, index, c.start, c.end), c.rule.id, c.level, c.about,
                  c.explanation)
            for c in kept
        )  # fmt: skip
        top = max(_RANK[m.level] for m in matches)
        at_top = {m.about for m in matches if _RANK[m.level] == top}
        about = "self" if "self" in at_top else "unclear" if "unclear" in at_top else "other"
        return Screening(
            LEVELS[top], about, matches, self.version, set_aside=set_aside,
            tell=any(c.rule.tell for c in kept),
        )  # fmt: skip

    def _practice(self, norm: str, found) -> list[tuple[int, int]]:
        """Phrases in the words of self-compassion practice (with the intention before them),
        and a few everyday phrases the model misreads, for the model to leave alone: only in
        sentences where no rule found a phrase and, outside the phrases themselves, no word of
        despair or of a last time appears ("done with maths forever" is left out; "done with
        maths forever, goodbye" is not)."""
        if self.practice is None:
            return []
        needles = self.practice_needles
        if not needles.always and not needles.finder.search(norm):
            return []
        spans, start = [], 0
        for end in [*(m.end() for m in _SENTENCE_END.finditer(norm)), len(norm)]:
            here = [m.span() for m in self.practice.finditer(norm, start, end)]
            if here and not any(c.start < end and c.end > start for c in found):
                rest = list(norm[start:end])
                for s0, s1 in here:
                    rest[s0 - start : s1 - start] = " " * (s1 - s0)
                if not self.practice_unless.search("".join(rest)):
                    spans += here
            start = end
        return spans

    @staticmethod
    def _phrase(text: str, index: list[int] | None, start: int, end: int) -> str:
        if index is None:
            return text[start:end]
        return text[index[start] : index[end]]  # to the end of a shortened run of letters

    def _find(self, norm: str) -> list[_Candidate]:
        return [
            _Candidate(m.start(), m.end(), rule, rule.level, rule.explanation)
            for rule, m in self._rules.finditer(norm)
        ]

    def idioms_in(self, text: str) -> list[str]:
        """The ids of the idioms found in a text (for tests and rule review)."""
        norm, index = _normalise(text)
        if self._spelling is not None:
            norm, index = self._spelling.fix(norm, index)
        return [idiom for idiom, _ in self._idioms.finditer(norm)]

    def _judge(
        self, norm: str, found: list[_Candidate]
    ) -> tuple[list[_Candidate], list[tuple[int, int]]]:
        """The phrases kept, each with its level and whom it is about; and the sentences in
        which a phrase was set aside as an idiom, a denial or past, or an urgent phrase was
        softened as a "what if" or past."""
        bounds = [0]
        for m in _SENTENCE_END.finditer(norm):
            bounds.append(m.end())
        idioms = [(m.start(), m.end(), self._excuses[i]) for i, m in self._idioms.finditer(norm)]
        quotes = None
        guards: list[tuple[int, int]] = []
        recovered = None
        kept: list[_Candidate] = []
        aside: list[tuple[int, int]] = []
        for c in found:
            n = bisect.bisect_right(bounds, c.start) - 1
            s0 = bounds[n]
            s1 = bounds[n + 1] if n + 1 < len(bounds) else len(norm)
            if any(
                s <= c.start and c.end <= e and (not only or c.rule.id in only)
                for s, e, only in idioms
            ):
                aside.append((s0, s1))
                continue
            if c.rule.requires is not None and not any(
                m.end() <= c.start or m.start() >= c.end for m in c.rule.requires.finditer(norm)
            ):
                continue
            if c.rule.unless is not None and c.rule.unless.search(norm):
                continue
            if c.rule.negatable and self.negation.search(norm, max(s0, c.start - 80), c.start):
                aside.append((s0, s1))
                continue
            urgent = c.level == "urgent"
            hypothetical = c.level == "urgent" and self.hypothetical.search(
                norm, max(s0, c.start - 80), c.start
            )
            if hypothetical:
                c.level = "concern"
                c.explanation = _note(c.explanation, self.hypothetical_note)
            elif c.level == "urgent" and self.no_intent.search(norm, s0, s1):
                c.level = "concern"
                c.explanation = _note(c.explanation, self.no_intent_note)
            elif c.rule.historical or self._in_the_past(norm, s0, s1, c.start, c.end):
                # Told as past: a statement of recovery anywhere in the text settles it.
                if recovered is None:
                    recovered = bool(self.recovery.search(norm)) and not bool(
                        self.still_hard.search(norm)
                    )
                if recovered or c.rule.in_the_past == "drop":
                    aside.append((s0, s1))
                    continue
                if c.rule.in_the_past == "soften" and c.level == "urgent":
                    c.level = "concern"
                    c.explanation = _note(c.explanation, self.past_note)
            if urgent and c.level != "urgent":
                aside.append((s0, s1))
            if quotes is None:  # once a text, and only when a phrase is kept
                quotes = self._quotes(norm)
                # "hid mum's pills cos she said she'd take them all": protecting someone else.
                # What she said may stand in the sentence before ("mummy said she wants to...
                # i hid her pills"), so the guards are found in the whole text.
                guards = [(g.start(), g.end()) for g in self.protective.finditer(norm)]
            c.about = self._about(norm, bounds, n, s0, s1, c, quotes, guards)
            kept.append(c)
        return self._resolve(kept), aside

    def _in_the_past(self, norm: str, s0: int, s1: int, start: int, end: int) -> bool:
        def near(regex: re.Pattern) -> bool:
            # A cue before the phrase counts within three words, or within eight when nothing
            # starts a new clause between ("I used to think my family would be better off").
            for m in regex.finditer(norm, max(s0, start - 80), end):
                if m.start() < start:
                    between = len(_WORD.findall(norm, m.end(), start))
                    if between <= 3 or (
                        between <= 8 and not _NEW_CLAUSE.search(norm, m.end(), start)
                    ):
                        return True
            for m in regex.finditer(norm, end, min(s1, end + 60)):
                if len(_WORD.findall(norm, end, m.start())) <= 6:
                    return True
            return False

        # A present cue inside the phrase itself ("I have the pills ready") keeps it present.
        return (
            near(self.past) and not near(self.present) and not self.present.search(norm, start, end)
        )

    @staticmethod
    def _resolve(kept: list[_Candidate]) -> list[_Candidate]:
        masked = [c for c in kept if c.rule.masks]
        out = []
        seen = set()
        for c in kept:
            if (c.start, c.end, c.rule.id) in seen:  # two patterns of one rule, same words
                continue
            seen.add((c.start, c.end, c.rule.id))
            if any(m is not c and c.rule.id in m.rule.masks and m.start <= c.start
                   and c.end <= m.end for m in masked):  # fmt: skip
                continue
            out.append(c)
        final = []
        for c in out:
            inside = any(
                o is not c and o.start <= c.start and c.end <= o.end
                and _RANK[o.level] >= _RANK[c.level]
                and (o.end - o.start > c.end - c.start or _RANK[o.level] > _RANK[c.level]
                     or o.rule.id < c.rule.id)
                for o in out
            )  # fmt: skip
            if not inside:
                final.append(c)
        return final

    # ------------------------------------------------------------------------- whom

    def _quotes(self, norm: str) -> list[tuple[int, int, str | None]]:
        """Quoted spans and whom they are attributed to ("self", "other", "someone" (unnamed)
        or None). The lines of a pasted chat ("ash: ending it tonight" / "me: where are you")
        are quotes of the name before the colon (2026.11-11)."""
        spans = self._chat_lines(norm) if "\n" in norm or "[" in norm else []
        if '"' not in norm and "'" not in norm:
            return spans
        for m in _QUOTE_SPAN.finditer(norm):
            qs, qe = m.start(), m.end()
            who = None
            before = self.said_before.search(norm, max(0, qs - 60), qs)
            if self.someone_left.search(norm, max(0, qs - 100), qs):
                # "Someone left a voicemail on the clinic line, just '...'" (2026.11-12)
                spans.append((qs, qe, "someone"))
                continue
            titled = self.titled.search(norm, max(0, qs - 60), qs)
            if titled and not titled.group("mine"):
                # "an essay titled 'After I'm Gone'": its author's words, not the writer's,
                # unless the writer says they wrote it (2026.11-12).
                begun = max(
                    [0, *(e.end() for e in _SENTENCE_END.finditer(norm, 0, titled.start()))]
                )
                spans.append((qs, qe, "self" if self.i_wrote.search(norm, begun, qs) else "other"))
                continue
            if (
                self.quoting.search(norm, max(0, qs - 60), qs)
                or _FOUND_NOTE_IN.search(norm, max(0, qs - 120), qs)
                or self.written_on.search(norm, max(0, qs - 100), qs + 1)
            ):
                who = "other"
            elif before:
                # The speaker: the nearest person before the verb in that sentence; a speaker
                # who is named but is not a person word ("my 14-year-old wrote") is someone else.
                verb = before.start()
                start = max([0, *(e.end() for e in _SENTENCE_END.finditer(norm, 0, verb))])
                speaker = None
                for speaker in self.person.finditer(norm, start, verb):  # noqa: B007
                    pass
                if speaker is not None:
                    who = "self" if speaker.lastgroup == "self" else "other"
                    if speaker.lastgroup in ("unclear", "generic"):
                        who = "someone"  # "someone wrote '...' on the wall" (2026.11-10)
                elif _WORD.search(norm, start, verb):
                    # "my 14-year-old wrote": someone named; "a private number texted me":
                    # someone nobody can name (2026.11-11).
                    unnamed = self.unclear_marker.search(
                        norm, start, min(len(norm), qs + 1)
                    ) or self.unknown_number.search(norm, start, min(len(norm), qs + 1))
                    who = "someone" if unnamed else "other"
            else:
                after = self.said_after.match(norm, qe)
                if after:
                    first = after.group("self") or after.group("self2")
                    who = "self" if first else "other"
            spans.append((qs, qe, who))
        return spans

    def _chat_lines(self, norm: str) -> list[tuple[int, int, str | None]]:
        """A pasted chat: two or more lines that open with a short name and a colon, at least
        one of them not the writer's. Each line is a quote of that name: "me" (or "i") is the
        writer, any other name someone else. A heading ("check-in:", "gc:") is not a name."""
        lines = [m for m in _CHAT_LINE.finditer(norm) if m.group("name") not in self.not_a_name]
        tagged = [
            m for m in _CHAT_TAG.finditer(norm) if m.group("name").strip() not in self.not_a_name
        ]
        tagged = [m for m in tagged if m.group("said").strip()]
        names = [m.group("name").strip() for m in tagged]
        if (
            len(lines) < 2
            and tagged
            and (
                (
                    len(tagged) >= 2
                    and (len(set(names)) < len(names) or any(n in self.chat_me for n in names))
                )
                or self.chat_cue.search(norm, 0, tagged[0].start())
            )
        ):
            # "pasted from gc: [leo] gonna kms tonight [leo] dont tell anyone" (2026.11-12)
            lines = tagged
        if len(lines) < 2 and not (lines and lines[0].re is _CHAT_TAG):
            return []
        if all(m.group("name") in self.chat_me for m in lines):
            return []
        if not any(m.group("name") in self.chat_me for m in lines) and not self.chat_cue.search(
            norm
        ):
            return []  # "monday: cut again / tuesday: ...": headings, not names
        out = []
        for i, m in enumerate(lines):
            who = "self" if m.group("name").strip() in self.chat_me else "other"
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if (
                who == "other"
                and nxt is not None
                and nxt.group("name") in self.chat_me
                and self.me_too.match(nxt.group("said"))
            ):
                who = "self"  # "tia: i want to die / me: me too": both, so the writer's
            out.append((m.start("said") - 1, m.end("said"), who))
        return out

    def _echoed(self, norm: str, end: int, s1: int) -> bool:
        """After someone else's risk, the writer says it is theirs too: later in the sentence
        ("...and so do I"), or opening the next one ("The girl is me.") (2026.11-9)."""
        if self.echo.search(norm, end, s1):
            return True
        return s1 < len(norm) and self.echo_next.match(norm, s1) is not None

    def _about(self, norm, bounds, n, s0, s1, c: _Candidate, quotes, guards) -> str:
        start, end = c.start, c.end
        scope = s0
        for qs, qe, who in quotes:
            if qs < start and end <= qe:
                if who == "someone":
                    # Someone unnamed said it: someone else, or nobody knows who when the text
                    # says so ("no way to tell who").
                    return (
                        "unclear"
                        if self.unclear_marker.search(norm) or self.unknown_number.search(norm)
                        else "other"
                    )
                if who == "other":
                    return "other"
                if who == "self":  # the writer quoting themselves: look only inside
                    scope = max(s0, qs + 1)
                if who is None and self.unknown_number.search(norm, max(0, qs - 120), qs):
                    return "unclear"  # "a text from an unknown number: '...'"
                break  # a quote nobody is said to have said is read with its sentence
        if c.rule.always_self:
            return "self"

        if any(g0 <= start < g1 for g0, g1 in guards):
            return "other"

        # "asking for a friend", "I don't know who wrote it", "could be anyone's": nobody can
        # say whom. The marker may stand in another sentence of the text.
        # Unless the writer says it is them ("asking for a friend (the friend is me)").
        marker = self.unclear_marker.search(norm)
        if marker and not (
            (marker.start() >= s1 or marker.end() <= s0)
            and not any(qs < start and end <= qe for qs, qe, _ in quotes)
            and (
                self.first_person.search(norm, s0, end)
                or any(m.lastgroup == "other" for m in self.person.finditer(norm, s0, start))
            )
            and not self.third_before.search(norm, s0, start)
        ):
            return "self" if self.echo.search(norm) else "unclear"

        unknown = self.unknown_number.search(norm, s0, start)
        if unknown and not self.first_person.search(norm, unknown.end(), start):
            return "unclear"

        # "a note in the girls toilet says i will kill myself": what a note says, when the
        # writer did not write it, is nobody's in particular.
        note = self.note_says.search(norm, s0, start)
        if note and not self.note_mine.search(norm, s0, start):
            if _IN_THEIRS.search(norm, s0, start):
                return "other"  # "found a letter in my girlfriend's backpack saying..."
            return "unclear"

        # 1. The phrase names its person: "kill myself", "hurt herself", "hits me". Someone
        # the phrase is addressed to or shared with ("a note to us", "with grandma") is not it.
        kinds = {
            m.lastgroup
            for m in self.in_phrase.finditer(norm, start, end)
            if not _RECIPIENT.search(norm, max(0, m.start() - 24), m.start())
            and not self._owns_means(norm, m, s0)
            and not _a_place(norm, m)
        }
        if "self" in kinds:
            return "self"
        # "searches on Mia's iPad for how many...": what someone else looked up is about them,
        # when the phrase is what the device held (no "I" in between: "I read the texts on his
        # phone and I want to die" is the writer's).
        device = _DEVICE_OF.search(norm, s0, start)
        if (
            device
            and _DEVICE_HELD.match(norm, device.end())
            and not self.first_person.search(norm, device.end(), start)
        ):
            return "other"
        # Danger at home: the writer in the scene ("...and I'm scared", "hit us") is at risk,
        # but not the writer only looking on ("I think she is being hurt at home").
        if c.rule.scene and any(
            not _ONLOOKER.match(norm, m.end())
            and not _SHOWN.search(norm, max(0, m.start() - 16), m.start())
            for m in self.writer_there.finditer(norm, s0, s1)
        ):
            return "self"
        if "they" in kinds and "other" not in kinds:
            kinds.add(self._they(norm, s0))
        if "other" in kinds:
            return "self" if self._echoed(norm, end, s1) else "other"

        if self.on_someone.match(norm, end):
            return "other"
        if _FINDING.search(norm, s0, start) and _IN_THEIR_CAR.search(norm, start, end + 40):
            return "other"  # "found a hose and tape in dad's car" (2026.11-11)
        if _FINDING.match(norm, start) and _IN_THEIRS.match(norm, end):
            # "Found a note in my 14-year-old's maths book": the note is theirs (2026.11-11).
            return "other"

        # 2. The nearest person before the phrase in its sentence (a phrase that starts inside
        # a word, "brother's been...", counts that word as before it).
        until = start
        while until < end and until > 0 and norm[until - 1] not in " \t\n":
            until += 1
        # "Everyone leaves, so what's the point": a word for people in general counts only
        # straight before the phrase, and not after a preposition ("the best thing for
        # everyone is ...", where it is not the subject).
        last = None
        owner = None
        for found in self.person.finditer(norm, scope, until):
            if _a_place(norm, found):
                continue  # "at nan's house": where, not who
            if self._owns_means(norm, found, scope):
                owner = found  # "which of Mum's meds": Mum owns the means, not the subject
                continue
            if (
                found.lastgroup == "other"
                and _THANKFUL_FOR.search(norm, max(0, found.start() - 24), found.start())
                and "," in norm[found.end() : start]
                and not _WHO_FOLLOWS.match(norm, found.end())
            ):
                # "grateful for my sister, grateful it'll all be over soon": whom the writer is
                # grateful for is not who the next clause is about (2026.11-11).
                continue
            if found.lastgroup != "generic" or (
                len(_WORD.findall(norm, found.end(), start)) <= 1
                and not _PREPOSITION.search(norm, max(0, found.start() - 8), found.start())
            ):
                last = found
        if last is not None and last.lastgroup == "generic":
            # "can u overdose if ur 14 ... asking for real": the writer says it is theirs.
            return "self" if self._echoed(norm, end, s1) else "unclear"
        if (
            last is not None
            and last.group() == "me"
            and _SENT_TO.search(norm, max(scope, last.start() - 16), last.start())
        ):
            # "My friend sent me a photo of ...": "me" only receives; the sender before it is
            # the person the phrase is about.
            sender = None
            for sender in self.person.finditer(norm, scope, last.start()):  # noqa: B007
                pass
            if sender is not None and sender.lastgroup in ("other", "they"):
                last = sender
        if (
            owner is not None
            and last is not None
            and last.lastgroup == "self"
            and _FOUND.match(norm, last.end())
        ):
            # "I found mum's pills hidden": the finder is not at risk; the owner is.
            last = owner
        if (
            owner is None
            and last is not None
            and last.lastgroup == "other"
            and _FOUND.match(norm, last.end())
            and not _THEIRS.search(norm, start, end)
            and _MINE_AFTER.search(norm, end, min(len(norm), end + 100))
        ):
            # "mum found the blades and took them but i had more": the finder is not at risk;
            # the blades are the writer's (2026.11-10).
            return "self"
        if last is not None:
            kind = last.lastgroup
            if kind == "self":
                if self.written_on.search(norm, max(scope, last.start() - 80), last.start()):
                    return "other"
                said = self.reported_first.search(norm, max(scope, last.start() - 60), last.start())
                if said:
                    return "other" if said.group("colon") else "unclear"
                if self.said_tail.match(norm, end, s1):
                    return "other"
                return "self"
            we = last.group() in ("us", "ourselves") or last.group().startswith("we")
            if kind == "unclear" and we and self.we_with_me.search(norm, scope, s1):
                return "self"
            if kind == "they":
                kind = self._they(norm, last.start())
            if kind == "other":
                if self.together.search(norm, max(scope, last.start() - 16), last.start()):
                    return "self"
                if self.together_after.match(norm, last.end()):
                    return "self"
                return "self" if self._echoed(norm, end, s1) else "other"
            # "my oc wants to die and she's just me": the writer says it is them (2026.11-11).
            return "self" if self._echoed(norm, end, s1) else "unclear"

        # 3. No person before it in the sentence.
        if self.said_tail.match(norm, end, s1):
            return "other"
        if c.rule.about_default != "self":
            return c.rule.about_default
        if self.third_verb.match(norm, start) or self.third_verb_before.search(
            norm, max(scope, start - 20), start
        ):
            # "...wants to die": look back for the person it refers to.
            earlier = [m.lastgroup for m in self.person.finditer(norm, 0, s0)]
            if self._echoed(norm, end, s1):
                return "self"  # "...wants to die and she's just me" (2026.11-11)
            return "other" if "other" in earlier else "unclear"
        if self.not_noticed.search(norm, end, s1):
            # "cut again last night, mum didn't even notice the blood": the one nobody noticed
            # is the writer, whoever the sentence before was about (2026.11-11).
            return "self"
        if n > 0 and not (
            _DIARY_START.match(norm, s0) and _WRITER_START.match(norm, bounds[n - 1])
        ):
            p0 = bounds[n - 1]
            previous = [
                m.lastgroup
                for m in self.person.finditer(norm, p0, s0)
                if not _ADDRESSED.match(norm, m.start())
            ]
            if previous and previous[-1] == "other" and "self" not in previous:
                return "unclear"
        return "self"

    def _owns_means(self, norm: str, person: re.Match, s0: int) -> bool:
        """ "mum's pills", "his sleeping tablets": the owner of the means, not its taker. "his",
        "her" and "their" own them only when the writer is the one in the sentence ("I took
        his tablets"; but "Jess has been saving her pills" is about Jess)."""
        word = person.group()
        if word in ("his", "her", "their"):
            if not self.first_person.search(norm, s0, person.start()):
                return False
        elif not word.endswith("s"):
            return False
        return bool(self.owned.match(norm, person.end()))

    def _they(self, norm: str, before: int) -> str:
        """'they' is someone else when the text named someone before it, else unclear."""
        named = any(m.lastgroup == "other" for m in self.person.finditer(norm, 0, before))
        return "other" if named else "unclear"


def _note(explanation: str, note: str) -> str:
    return f"{explanation.rstrip('.')}, {note}."


# ----------------------------------------------------------------------------- public API


def load_rules(path: Path = RULES_PATH) -> _Compiled:
    """Read, check and compile a rule file. Raises RulesError naming what is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RulesError(f"{path.name}: cannot read the rule file ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise RulesError(f"{path.name}: not valid YAML ({error})") from None
    try:
        spec = RulesSpec.model_validate(data)
    except ValidationError as error:
        raise RulesError(f"{path.name}: {_describe(error, data)}") from None
    return _Compiled(spec, path.name)


def _describe(error: ValidationError, data) -> str:
    problems = []
    for item in error.errors():
        loc = list(item["loc"])
        label = ".".join(str(part) for part in loc)
        if len(loc) >= 2 and loc[0] in ("rules", "idioms") and isinstance(loc[1], int):
            with contextlib.suppress(KeyError, IndexError, TypeError):
                label = f"{loc[0][:-1]} '{data[loc[0]][loc[1]]['id']}'" + "".join(
                    f".{part}" for part in loc[2:]
                )
        problems.append(f"{label}: {item['msg']}")
    return "; ".join(problems)


@functools.cache
def rules() -> _Compiled:
    """The shipped rules, compiled once per process."""
    return load_rules(RULES_PATH)


def model():
    """The shipped statistical model (package kindling-risk-model), read once per process."""
    from kindling_risk_model import model as shipped

    return shipped()


MODEL_RULE = "model"
_SENTENCES = re.compile(r"[^.!?\n]+[.!?]*")


def _likeliest_sentence(rest: str, scorer, key: str) -> str:
    """The sentence the model, reading it alone, gives most to `key` (the match's phrase)."""
    sentences = [m.group().strip() for m in _SENTENCES.finditer(rest) if m.group().strip()]
    if not sentences:
        return rest
    return max(sentences, key=lambda s: scorer.score(s).probabilities[key])


def with_model(found: Screening, text: str, scorer, compiled: _Compiled | None = None) -> Screening:
    """The rules' screening, raised to urgent when the model says so.

    `compiled` is the rules that made `found` (the shipped rules if not given): the second
    opinion reads their cues.

    The rules are the floor: the model never lowers a level. On an urgent text it gives only a
    second opinion on whose risk it is (`_whose`).
    It does not read the sentences the rules set aside as an idiom, a denial, a "what if" or
    something past ("I scratched the mozzie bite until it bled"): the rules judged those in
    context, which a bag of words cannot. On the rest:

    - it raises to urgent about the writer when urgent-about-the-writer is at or above its
      threshold and more likely than urgent-about-someone-else, unless the rules tied the
      text's risk to someone else ("my mum is not coping"), so a child writing about a parent
      cannot become the child's own urgent risk this way;
    - it raises to urgent about someone else (the gentler path) when urgent-about-someone-else
      is at or above its own threshold and more likely than about the writer, but only where
      the rules found no risk at all or a concern about someone else: it never moves a risk
      the rules gave the writer onto someone else.

    Its match names the sentence that scored highest on its own and the words that weighed
    most.
    """
    kept = dataclasses.replace(found, model_version=scorer.version)
    rest = text
    for sentence in found.set_aside:
        rest = rest.replace(sentence, " ")
    if not rest.strip():
        return kept
    if found.level == "urgent":
        return _whose(kept, rest, scorer, compiled or rules())
    scored = scorer.score(rest)
    rules_said_other = found.level != "none" and found.about == "other"
    if scored.flagged and not rules_said_other:
        about, probability, threshold = "self", scored.urgent_self, scored.threshold
    elif scored.flagged_other and (found.level == "none" or rules_said_other):
        about, probability, threshold = "other", scored.urgent_other, scored.threshold_other
    else:
        return kept
    key = f"urgent-{about}"
    phrase = _likeliest_sentence(rest, scorer, key)
    words = scorer.weighing(rest, towards=key)
    weighed = f" The words that weighed most: {', '.join(words)}." if words else ""
    whom = "the writer" if about == "self" else "someone else (a family member or friend)"
    explanation = (
        f"No rule read this as urgent, but the statistical model ({scorer.name} "
        f"{scorer.version}) gave it {probability:.2f} for urgent risk to {whom} (it flags "
        f"from {threshold:.2f}).{weighed} Please read the whole text."
    )
    level = "urgent"
    if about == "self" and not scorer.sure_enough(text, probability):
        # A few words the model reads as urgent but is not sure of ("fine i think"): the care
        # team is asked to look, without the client's crisis page.
        level = "concern"
        explanation = (
            f"No rule read this as a risk. The statistical model ({scorer.name} "
            f"{scorer.version}) gave it {probability:.2f} for urgent risk to the writer, but "
            f"it is only {scorer.words(text)} words, and on so few words the model needs "
            f"{float(scorer.threshold_short):.2f} to call it urgent, so it is marked as a "
            f"concern.{weighed} Please read it, and the client's other recent words."
        )
    match = Match(phrase, MODEL_RULE, level, about, explanation)
    if level == "concern" and found.level == "concern":
        return dataclasses.replace(kept, matches=(*found.matches, match))
    return dataclasses.replace(kept, level=level, about=about, matches=(*found.matches, match))


_WHOSE = {
    "self": "the writer",
    "other": "someone else",
    "unclear": "someone the text does not name",
}


def _whose(found: Screening, rest: str, scorer, compiled: _Compiled) -> Screening:
    """A second opinion on whose urgent risk the rules found (2026.11-13).

    The rules decide whose risk a phrase is from the words around it. Where they could not tell
    ("unclear") and the model is sure it is the writer's, it is the writer's. Where they read it
    as the writer's or as someone else's and the model is sure of another answer, the screen
    says it cannot tell ("unclear"). The level never changes, and "unclear" takes the same path
    as the writer's own risk (the calm page and an urgent alert): a bag of words never moves the
    writer's risk onto someone else, and a disagreement only means "read it to see whose".
    Its reading that the risk is the writer's is not used where the text reports someone's words
    straight into "I", or is a pasted chat (`subjects.cues.reported` in the rules file): on
    development data it was wrong there, and right when it read such a text as someone else's.
    """
    settled = getattr(scorer, "settled", None)
    threshold = getattr(scorer, "threshold_whose", None)
    if settled is None or threshold is None:
        return found
    said = settled(scorer.score(rest))
    if said is None or said[0] == found.about:
        return found
    # The cue of the rules that screened the text, on the text lower-cased with straight quotes
    # (not normalised further: "3am:" must not become a chat name "eam:").
    if said[0] == "self" and compiled.reported.search(rest.translate(_TRANSLATE).lower()):
        # "mum said i want to die": the words are the speaker's as much as the writer's; the
        # model reads only the words, so it is not asked to make them the writer's.
        return found
    model_about, probability = said
    if found.about == "unclear":
        if model_about != "self":
            return found
        about = "self"
    else:
        about = "unclear"
    reading = {
        "self": "read this as the writer's own risk",
        "other": "read this as someone else's risk",
        "unclear": "could not tell whose risk this is",
    }[found.about]
    explanation = (
        f"The rules {reading}; the statistical model ({scorer.name} {scorer.version}) was "
        f"{probability:.2f} sure it is urgent risk to {_WHOSE[model_about]} (it is used from "
        f"{threshold:.2f} up), so this is marked "
        + (
            "as the writer's."
            if about == "self"
            else "as unclear whose: please read it to see whose risk it is."
        )
    )
    phrase = _likeliest_sentence(rest, scorer, f"urgent-{model_about}")
    match = Match(phrase, MODEL_RULE, "urgent", about, explanation)
    return dataclasses.replace(found, about=about, matches=(*found.matches, match))


def screen(text: str) -> Screening:
    """Screen one text: the shipped rules, then the model (to raise what the rules found less than
    urgent, or for a second opinion on whose urgent risk it is)."""
    compiled = rules()
    return with_model(compiled.screen(text), text, model(), compiled)


def screen_many(texts: Iterable[str]) -> list[Screening]:
    """Screen many texts; the rules are compiled and the model read once."""
    compiled, scorer = rules(), model()
    return [with_model(compiled.screen(text), text, scorer, compiled) for text in texts]
