"""The shape of an instrument definition (instruments/*.yaml), checked when it is loaded.

A definition that does not fit is refused with a message naming the file and the field, so a
mistake in a questionnaire can never reach a client or a score.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

INSTRUMENT_DIR = Path(__file__).with_name("instruments")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Audience(Strict):
    age_bands: list[Literal["child", "teen", "adult"]]
    completed_by: Literal["self", "guardian", "clinician"]


class Option(Strict):
    value: int
    label: str


class Item(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    text: str = Field(min_length=1)
    subscale: str | None = None
    reverse: bool = False


class Subscale(Strict):
    name: str
    label: str
    rule: Literal["mean", "sum"]
    negative: bool = False  # reverse-coded when it enters the total


class Total(Strict):
    name: str = "total"
    rule: Literal["mean", "sum", "mean_of_subscales_reversing_negative"]
    items: Literal["all"] = "all"


class Composite(Strict):
    name: str
    label: str
    rule: Literal["mean"]
    of: list[str]


class BandRange(Strict):
    start: float = Field(alias="from")
    label: str


class Bands(Strict):
    source: str
    score: str
    ranges: list[BandRange]

    @model_validator(mode="after")
    def _ascending(self):
        starts = [r.start for r in self.ranges]
        if starts != sorted(starts) or len(set(starts)) != len(starts):
            raise ValueError("band ranges must start in ascending order")
        return self


class Flag(Strict):
    name: str
    meaning: str
    item: str | None = None
    above: float | None = None
    score: str | None = None
    at_least: float | None = None
    safety: bool = False

    @model_validator(mode="after")
    def _one_condition(self):
        on_item = self.item is not None and self.above is not None
        on_score = self.score is not None and self.at_least is not None
        if on_item == on_score:
            raise ValueError("a flag is either item+above or score+at_least")
        return self


class ReliableChange(Strict):
    method: Literal["threshold", "jacobson_truax"]
    source: str
    improvement_at_least: float | None = None  # threshold: a fall of at least this much
    sd: float | None = None  # jacobson_truax: published SD and test-retest r
    r: float | None = None

    @model_validator(mode="after")
    def _parameters(self):
        if self.method == "threshold" and not (self.improvement_at_least or 0) > 0:
            raise ValueError("a threshold needs improvement_at_least above 0")
        if self.method == "jacobson_truax" and not (
            self.sd is not None and self.sd > 0 and self.r is not None and 0 <= self.r < 1
        ):
            raise ValueError("Jacobson-Truax needs a published sd above 0 and r from 0 to <1")
        return self


class ClientWords(Strict):
    """How the client is told where they are: one gentle sentence per band (never the band's
    name, never a number), and how far the total must move before we say it has moved."""

    about: str  # what the questionnaire asks about, in the client's words
    bands: dict[str, str]
    better: str  # since the first check-in: moved in the better direction
    same: str
    harder: str
    # A display choice, not a statistical claim: smaller differences are described as "much
    # the same". Where reliable-change parameters exist, they decide instead.
    similar_within: float = Field(gt=0)


class Scoring(Strict):
    # Which way is better on the total; reliable change and the client's words need it.
    direction: Literal["higher_is_better", "lower_is_better"] | None = None
    subscales: list[Subscale] = []
    total: Total
    composites: list[Composite] = []
    bands: Bands | None = None
    flags: list[Flag] = []
    reliable_change: ReliableChange | None = None
    client_words: ClientWords | None = None

    @property
    def higher_is_better(self) -> bool:
        return self.direction == "higher_is_better"


class Loinc(Strict):
    panel: str
    total: str | None = None


class Instrument(Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    version: str
    title: str
    short_title: str
    citation: str
    licence: str
    audience: Audience
    instructions: str
    response_options: list[Option] = Field(min_length=2)
    items: list[Item] = Field(min_length=1)
    scoring: Scoring
    loinc: Loinc | None = None

    @model_validator(mode="after")
    def _consistent(self):
        ids = [item.id for item in self.items]
        if len(set(ids)) != len(ids):
            raise ValueError("item ids must be unique")
        subscales = {s.name for s in self.scoring.subscales}
        for item in self.items:
            if item.subscale is not None and item.subscale not in subscales:
                raise ValueError(f"item {item.id} names unknown subscale {item.subscale}")
        for name in subscales:
            if not any(item.subscale == name for item in self.items):
                raise ValueError(f"subscale {name} has no items")
        by_subscale = self.scoring.total.rule == "mean_of_subscales_reversing_negative"
        if by_subscale and (not subscales or any(i.subscale is None for i in self.items)):
            raise ValueError("this total rule needs every item in a subscale")
        for composite in self.scoring.composites:
            if not set(composite.of) <= subscales:
                raise ValueError(f"composite {composite.name} names unknown subscales")
        scores = self.score_names
        if self.scoring.bands and self.scoring.bands.score not in scores:
            raise ValueError(f"bands are on unknown score {self.scoring.bands.score}")
        for flag in self.scoring.flags:
            if flag.item is not None and flag.item not in ids:
                raise ValueError(f"flag {flag.name} names unknown item {flag.item}")
            if flag.score is not None and flag.score not in scores:
                raise ValueError(f"flag {flag.name} names unknown score {flag.score}")
        words = self.scoring.client_words
        if (self.scoring.reliable_change or words) and self.scoring.direction is None:
            raise ValueError("say which direction is better (scoring.direction)")
        if words:
            labels = [r.label for r in self.scoring.bands.ranges] if self.scoring.bands else []
            if sorted(words.bands) != sorted(labels):
                raise ValueError("client_words.bands must give words for each band, and only those")
        values = [o.value for o in self.response_options]
        if values != sorted(values) or len(set(values)) != len(values):
            raise ValueError("response option values must be unique and ascending")
        return self

    @property
    def item_ids(self) -> list[str]:
        return [item.id for item in self.items]

    @property
    def score_names(self) -> list[str]:
        """Output columns, in order: subscales, composites, then the total."""
        s = self.scoring
        return [x.name for x in s.subscales] + [c.name for c in s.composites] + [s.total.name]

    @property
    def about_for_client(self) -> str:
        """What it asks about, in the client's words ("how you treat yourself in hard times")."""
        words = self.scoring.client_words
        return words.about if words else self.title

    @property
    def min_value(self) -> int:
        return self.response_options[0].value

    @property
    def max_value(self) -> int:
        return self.response_options[-1].value


class DefinitionError(Exception):
    pass


def load_file(path: Path) -> Instrument:
    try:
        data = yaml.safe_load(path.read_text())
        return Instrument.model_validate(data)
    except (yaml.YAMLError, ValidationError, ValueError, OSError) as error:
        raise DefinitionError(f"{path.name}: {error}") from None


@functools.cache
def instruments() -> dict[str, Instrument]:
    found = {}
    for path in sorted(INSTRUMENT_DIR.glob("*.yaml")):
        instrument = load_file(path)
        if path.stem != instrument.id:
            raise DefinitionError(f"{path.name}: the file name must be the id ({instrument.id})")
        found[instrument.id] = instrument
    return found


def get(instrument_id: str) -> Instrument:
    try:
        return instruments()[instrument_id]
    except KeyError:
        known = ", ".join(sorted(instruments()))
        raise DefinitionError(f"unknown instrument {instrument_id!r} (known: {known})") from None
