"""Kindling's statistical risk model: a text in, the chance it tells of urgent risk.

A multinomial logistic regression over two TF-IDF views of the text (words and word pairs;
runs of 3 to 6 characters across the text), trained by `training/train.py` on texts written and
labelled for Kindling. Everything it needs is `model.json` beside this file: the scorer is
plain Python, reads no network and imports nothing outside the standard library, so it runs
the same offline, in a test, or in `kindling risk`.

It is not the screen. Kindling's rules (kindling/safety/screen.py) stay the explainable floor;
the screen asks this model when the rules found nothing urgent, and uses it only to raise a text
to urgent (about the writer, or, where the rules found no risk to the writer, about someone
else); and, where the rules did find urgent risk, for a second opinion on whose it is
(`whose`), which never lowers the level. See MODEL_CARD.md for what it was trained on and how
well it does on texts it never saw.

    from kindling_risk_model import model
    scored = model().score("i have been saving my tablets")
    scored.urgent_self  # a probability, 0..1
    scored.flagged      # urgent_self at or above the model's threshold, and above urgent_other
    scored.flagged_other  # urgent_other at or above its own threshold, and above urgent_self
    model().weighing("i have been saving my tablets")  # the words that weighed most
    model().whose("mum says she is going to kill herself tonight")  # ("other", 0.99…) or None
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("model.json")
CLASSES = ("none", "concern", "urgent-self", "urgent-other", "urgent-unclear")

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_REPEATS = re.compile(r"(.)\1{2,}")
_WHITE_SPACES = re.compile(r"\s\s+")


def normalise(text: str) -> str:
    """Lower case, straight quotes, a letter repeated three or more times cut to two."""
    return _REPEATS.sub(r"\1\1", text.lower().translate(_QUOTES))


@dataclass(frozen=True, slots=True)
class Scored:
    probabilities: dict[str, float]  # one per class in CLASSES, summing to 1
    threshold: float
    # Urgent risk to someone else is flagged from this probability (None: never).
    threshold_other: float | None = None

    @property
    def urgent_self(self) -> float:
        return self.probabilities["urgent-self"]

    @property
    def urgent_other(self) -> float:
        return self.probabilities["urgent-other"]

    @property
    def flagged(self) -> bool:
        """Urgent about the writer: at or above the threshold, and more likely than about
        someone else (a child writing about a parent must not become the child's own risk)."""
        return self.urgent_self >= self.threshold and self.urgent_self >= self.urgent_other

    @property
    def flagged_other(self) -> bool:
        """Urgent about someone else (a parent, a friend): at or above its own threshold, and
        more likely than about the writer. Never true when the writer is flagged."""
        if self.threshold_other is None or self.flagged:
            return False
        return self.urgent_other >= self.threshold_other and self.urgent_other > self.urgent_self


class _View:
    """One TF-IDF view: how a text becomes terms, and each known term's idf and weights."""

    def __init__(self, spec: dict):
        self.analyzer = spec["analyzer"]
        self.low, self.high = spec["ngram_range"]
        self.token = re.compile(spec.get("token_pattern") or r"(?u)\b\w\w+\b")
        # term -> (idf, weight for each class)
        self.terms: dict[str, tuple[float, tuple[float, ...]]] = {
            term: (values[0], tuple(values[1:])) for term, values in spec["terms"].items()
        }

    def grams(self, norm: str) -> list[str]:
        if self.analyzer == "word":
            tokens = self.token.findall(norm)
            grams = []
            for n in range(self.low, self.high + 1):
                grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
            return grams
        if self.analyzer == "char":
            # Runs of letters across the whole text, spaces included, as scikit-learn counts
            # them: they see two words together ("n myself", "e my name").
            text = _WHITE_SPACES.sub(" ", norm)
            size = len(text)
            return [
                text[i : i + n] for n in range(self.low, self.high + 1) for i in range(size - n + 1)
            ]
        # "char_wb": letter runs inside each word padded with one space each side, as
        # scikit-learn counts them (a word shorter than n gives itself once).
        grams = []
        for word in _WHITE_SPACES.sub(" ", norm).split():
            padded = f" {word} "
            size = len(padded)
            for n in range(self.low, self.high + 1):
                offset = 0
                grams.append(padded[offset : offset + n])
                while offset + n < size:
                    offset += 1
                    grams.append(padded[offset : offset + n])
                if offset == 0:
                    break
        return grams

    def vector(self, norm: str) -> dict[str, float]:
        """Known terms with sublinear tf times idf, scaled to unit length."""
        counts = Counter(gram for gram in self.grams(norm) if gram in self.terms)
        values = {
            term: (1.0 + math.log(count)) * self.terms[term][0] for term, count in counts.items()
        }
        length = math.sqrt(sum(v * v for v in values.values()))
        if length:
            values = {term: v / length for term, v in values.items()}
        return values


class Model:
    def __init__(self, data: dict):
        if tuple(data["classes"]) != CLASSES:
            raise ValueError(f"model classes {data['classes']} are not {CLASSES}")
        self.name = data["name"]
        self.version = data["version"]
        self.threshold = float(data["threshold"])
        other = data.get("threshold_other")
        self.threshold_other = None if other is None else float(other)
        # A text of at most `short_words` words needs `threshold_short` to count as urgent about
        # the writer: with few words the model is least sure (see MODEL_CARD.md). None: no
        # such rule.
        self.short_words = int(data.get("short_words") or 0)
        self.threshold_short = data.get("threshold_short")
        # When the rules found urgent risk, how sure the model must be of whose it is (the
        # writer's, someone else's, or nobody can tell) to be asked for a second opinion
        # (2026.11-13; see MODEL_CARD.md). None: never asked.
        whose = data.get("threshold_whose")
        self.threshold_whose = None if whose is None else float(whose)
        self.intercept = tuple(data["intercept"])
        self.views = [_View(spec) for spec in data["views"]]

    def words(self, text: str) -> int:
        """How many words the word view sees in a text."""
        return len(self.views[0].token.findall(normalise(text))) if self.views else 0

    def sure_enough(self, text: str, probability: float) -> bool:
        """Whether an urgent-about-the-writer score is high enough for a text this long."""
        if self.threshold_short is None or self.words(text) > self.short_words:
            return True
        return probability >= float(self.threshold_short)

    def _vectors(self, text: str) -> list[dict[str, float]]:
        norm = normalise(text)
        return [view.vector(norm) for view in self.views]

    def score(self, text: str) -> Scored:
        """The five probabilities. Each view's weighted sums and its vector's length are added up
        in one pass and scaled at the end, which gives the numbers `vector` would (to about
        1e-15) without building it: the screen calls this for nearly every text (2026.11-11)."""
        norm = normalise(text)
        logits = list(self.intercept)
        for view in self.views:
            terms = view.terms
            s0 = s1 = s2 = s3 = s4 = length = 0.0
            for term, count in Counter(filter(terms.__contains__, view.grams(norm))).items():
                idf, (w0, w1, w2, w3, w4) = terms[term]
                value = idf if count == 1 else (1.0 + math.log(count)) * idf
                length += value * value
                s0 += value * w0
                s1 += value * w1
                s2 += value * w2
                s3 += value * w3
                s4 += value * w4
            if length:
                scale = 1.0 / math.sqrt(length)
                for k, total in enumerate((s0, s1, s2, s3, s4)):
                    logits[k] += total * scale
        top = max(logits)
        exps = [math.exp(logit - top) for logit in logits]
        total = sum(exps)
        return Scored(
            {name: e / total for name, e in zip(CLASSES, exps, strict=True)},
            self.threshold,
            self.threshold_other,
        )

    def whose(self, text: str) -> tuple[str, float] | None:
        """Whose urgent risk the model is sure this is: ("self" | "other" | "unclear", its
        probability) when that urgent class is the likeliest of the three and at or above
        `threshold_whose`; else None."""
        return self.settled(self.score(text))

    def settled(self, scored: Scored) -> tuple[str, float] | None:
        """`whose` for a text already scored."""
        if self.threshold_whose is None:
            return None
        probabilities = scored.probabilities
        urgent = {
            "self": probabilities["urgent-self"],
            "other": probabilities["urgent-other"],
            "unclear": probabilities["urgent-unclear"],
        }
        about = max(urgent, key=urgent.__getitem__)
        if urgent[about] < self.threshold_whose:
            return None
        return about, urgent[about]

    def weighing(self, text: str, k: int = 3, towards: str = "urgent-self") -> list[str]:
        """The word terms (single words or pairs) that pushed hardest towards one class (urgent
        risk to the writer unless told), most first; only those that pushed that way at all.
        Terms made only of little words ("he", "to me") are left out: they weigh, but they
        explain nothing to the clinician reading."""
        us = CLASSES.index(towards)
        pushes = []
        for view, vector in zip(self.views, self._vectors(text), strict=True):
            if view.analyzer != "word":
                continue
            for term, value in vector.items():
                weights = view.terms[term][1]
                rest = max(w for i, w in enumerate(weights) if i != us)
                push = value * (weights[us] - rest)
                if push > 0 and not set(term.split()) <= LITTLE_WORDS:
                    pushes.append((push, term))
        pushes.sort(reverse=True)
        return [term for _, term in pushes[:k]]


# Pronouns, articles, prepositions and auxiliaries: never shown alone as a reason.
_LITTLE = """
i me my mine myself you your he him his she her hers it its we us our they them their
a an the and or but so to of in on at for with by from as is am are was were be been
do does did have has had this that there then just
"""
LITTLE_WORDS = frozenset(_LITTLE.split())


def load(path: Path = MODEL_PATH) -> Model:
    """Read a model file. Raises ValueError (or OSError) naming what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path.name}: not valid JSON ({error})") from None
    try:
        return Model(data)
    except (KeyError, TypeError, IndexError) as error:
        raise ValueError(f"{path.name}: not a risk model file ({error!r})") from None


@functools.cache
def model() -> Model:
    """The shipped model, read once per process."""
    return load(MODEL_PATH)
