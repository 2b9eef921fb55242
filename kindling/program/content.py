"""The programme as data: stages, exercises and kindness suggestions, read from content/.

- content/stages.yaml lists the stages in order, with a short description per age band;
- content/exercises/<stage-id>/<exercise-id>.md is one exercise: YAML front matter, then the
  text for each age band under the headings `# Child`, `# Teen` and `# Adult`, in that order;
- content/kindness.yaml holds small acts of kindness to oneself, per age band.

Everything is checked when it is loaded. A file that does not fit is refused with a message that
names the file and the field, so a mistake in words a client reads is caught by the tests rather
than met by a client. Views read the programme through `load_programme()`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

CONTENT_DIR = Path(__file__).with_name("content")

# The same strings as ClientProfile.age_band (kindling.accounts.models.AgeBand).
Band = Literal["child", "teen", "adult"]
BANDS: tuple[str, ...] = get_args(Band)
Kind = Literal["reflection", "guided-practice", "writing", "body-based", "creative", "family"]
KINDS: tuple[str, ...] = get_args(Kind)
Intensity = Literal["gentle", "moderate", "deeper"]

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A settling practice is offered at once when distress rises, so it has to be short and gentle.
SETTLING_MAX_MINUTES = 5
# Kindness suggestions may appear as calendar event titles, so they stay short.
KINDNESS_MAX_CHARS = 80

_HEADINGS = {f"# {band.capitalize()}": band for band in BANDS}
# Raw HTML in content is escaped, never passed through.
_markdown = MarkdownIt("commonmark", {"html": False})


class ContentError(Exception):
    """A content file that does not fit; the message names the file and the field."""


def render(markdown: str) -> SafeString:
    """Markdown to HTML that is safe to put on a page."""
    # Safe: the renderer has raw HTML switched off, so any tag in the source comes out escaped.
    return mark_safe(_markdown.render(markdown))  # noqa: S308


def _one_per_band(value: dict[str, str]) -> dict[str, str]:
    missing = [band for band in BANDS if band not in value]
    if missing:
        raise ValueError(f"needs a version for every age band; missing: {', '.join(missing)}")
    empty = [band for band in BANDS if not value[band].strip()]
    if empty:
        raise ValueError(f"the version for {', '.join(empty)} is empty")
    return {band: value[band].strip() for band in BANDS}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, str_strip_whitespace=True)


class Stage(_Strict):
    id: str = Field(pattern=SLUG)
    number: int = Field(ge=1)
    title: str = Field(min_length=1)
    description: dict[Band, str]

    _description_per_band = field_validator("description")(_one_per_band)

    def description_for(self, band: str) -> str:
        return self.description[band]


class Exercise(_Strict):
    id: str = Field(pattern=SLUG)
    stage: str = Field(pattern=SLUG)
    order: int = Field(ge=1)  # position within its stage
    title: str = Field(min_length=1)
    title_child: str | None = Field(default=None, min_length=1)
    kind: Kind
    minutes: int = Field(ge=1, le=60)
    intensity: Intensity
    adapted_from: str = Field(min_length=1)
    settling: bool = False
    # Shown before the exercise starts; one string for every band, or one per band.
    warning: dict[Band, str] | None = None
    text: dict[Band, str]  # raw Markdown per age band

    _text_per_band = field_validator("text")(_one_per_band)

    @field_validator("warning", mode="before")
    @classmethod
    def _warning_per_band(cls, value: Any) -> Any:
        if isinstance(value, str):
            return dict.fromkeys(BANDS, value)
        return value

    @field_validator("warning")
    @classmethod
    def _warning_complete(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        return None if value is None else _one_per_band(value)

    @model_validator(mode="after")
    def _consistent(self) -> Exercise:
        if self.intensity == "deeper" and self.warning is None:
            raise ValueError("warning: a deeper exercise needs a gentle warning before it starts")
        if self.settling and (self.intensity != "gentle" or self.minutes > SETTLING_MAX_MINUTES):
            raise ValueError(
                f"settling: a settling practice is gentle and at most {SETTLING_MAX_MINUTES} "
                "minutes, because it is offered when distress rises"
            )
        return self

    def title_for(self, band: str) -> str:
        if band == "child" and self.title_child:
            return self.title_child
        return self.title

    def warning_for(self, band: str) -> str | None:
        return None if self.warning is None else self.warning[band]

    def html(self, band: str) -> SafeString:
        """The text for one age band, rendered to safe HTML."""
        return render(self.text[band])

    def warning_html(self, band: str) -> SafeString | None:
        warning = self.warning_for(band)
        return None if warning is None else render(warning)


def _suggestions(value: list[str]) -> list[str]:
    if len(set(value)) != len(value):
        raise ValueError("suggestions must not repeat")
    return value


class KindnessSuggestions(_Strict):
    child: list[str] = Field(min_length=1)
    teen: list[str] = Field(min_length=1)
    adult: list[str] = Field(min_length=1)

    @field_validator("child", "teen", "adult")
    @classmethod
    def _each(cls, value: list[str]) -> list[str]:
        for suggestion in value:
            if not suggestion.strip():
                raise ValueError("a suggestion is empty")
            if len(suggestion) > KINDNESS_MAX_CHARS:
                raise ValueError(f"{suggestion!r} is longer than {KINDNESS_MAX_CHARS} characters")
        return _suggestions([s.strip() for s in value])

    def for_band(self, band: str) -> tuple[str, ...]:
        return tuple(getattr(self, band))


class _StagesFile(_Strict):
    stages: list[Stage] = Field(min_length=1)


@dataclass(frozen=True)
class Programme:
    """The whole programme: stages in order, and exercises in programme order."""

    stages: tuple[Stage, ...]
    exercises: dict[str, Exercise]
    kindness_suggestions: KindnessSuggestions

    def stage(self, stage_id: str) -> Stage:
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(f"no stage {stage_id!r}")

    def exercise(self, exercise_id: str) -> Exercise:
        try:
            return self.exercises[exercise_id]
        except KeyError:
            raise KeyError(f"no exercise {exercise_id!r}") from None

    def exercises_in(self, stage_id: str) -> list[Exercise]:
        self.stage(stage_id)  # an unknown stage is a KeyError, not an empty stage
        return [e for e in self.exercises.values() if e.stage == stage_id]

    def settling_exercises(self) -> list[Exercise]:
        """Short practices to offer at once when distress rises, shortest first."""
        settling = [e for e in self.exercises.values() if e.settling]
        return sorted(settling, key=lambda e: e.minutes)

    def kindness(self, band: str) -> tuple[str, ...]:
        return self.kindness_suggestions.for_band(band)


# Loading --------------------------------------------------------------------------------------


def _describe(error: ValidationError) -> str:
    problems = []
    for detail in error.errors():
        # pydantic marks a bad dictionary key with a "[key]" step; the key itself is named
        field = ".".join(str(part) for part in detail["loc"] if part != "[key]")
        message = detail["msg"].removeprefix("Value error, ")
        problems.append(f"{field}: {message}" if field else message)
    return "; ".join(problems)


def _validate(model: type[BaseModel], data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise ContentError(f"{where}: expected a mapping of fields, found {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ContentError(f"{where}: {_describe(error)}") from None


def _read(path: Path, where: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(f"{where}: cannot be read ({error})") from None


def _read_yaml(path: Path, where: str) -> Any:
    try:
        return yaml.safe_load(_read(path, where))
    except yaml.YAMLError as error:
        raise ContentError(f"{where}: not valid YAML ({error})") from None


def _split_front_matter(source: str, where: str) -> tuple[Any, str]:
    lines = source.splitlines()
    if not lines or lines[0].rstrip() != "---":
        raise ContentError(f"{where}: front matter: the file must start with a '---' line")
    for end in range(1, len(lines)):
        if lines[end].rstrip() == "---":
            break
    else:
        raise ContentError(f"{where}: front matter: no closing '---' line")
    try:
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as error:
        raise ContentError(f"{where}: front matter: not valid YAML ({error})") from None
    return meta, "\n".join(lines[end + 1 :])


def _split_bands(body: str, where: str) -> dict[str, str]:
    """The body's `# Child`, `# Teen` and `# Adult` sections, each required, in that order."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in body.splitlines():
        if line.startswith("#") and line.lstrip("#").startswith(" ") and not line.startswith("##"):
            heading = line.rstrip()
            band = _HEADINGS.get(heading)
            if band is None:
                raise ContentError(
                    f"{where}: text: unexpected heading {heading!r}; "
                    "the only top-level headings are # Child, # Teen and # Adult"
                )
            if band in sections:
                raise ContentError(f"{where}: text: {heading!r} appears twice")
            sections[band] = []
            current = band
        elif current is None:
            if line.strip():
                raise ContentError(f"{where}: text: there is text before the '# Child' heading")
        else:
            sections[current].append(line)
    for band in BANDS:
        if band not in sections:
            raise ContentError(f"{where}: text: the '# {band.capitalize()}' section is missing")
        if not "\n".join(sections[band]).strip():
            raise ContentError(f"{where}: text: the '# {band.capitalize()}' section is empty")
    if list(sections) != list(BANDS):
        raise ContentError(f"{where}: text: the sections must come as # Child, # Teen, # Adult")
    return {band: "\n".join(sections[band]).strip() for band in BANDS}


def load_exercise(path: Path, content_dir: Path = CONTENT_DIR) -> Exercise:
    """One exercise file, checked on its own (its stage is checked by `load_programme`)."""
    where = _where(path, content_dir)
    meta, body = _split_front_matter(_read(path, where), where)
    if isinstance(meta, dict) and "text" in meta:
        raise ContentError(f"{where}: text: belongs in the body, not the front matter")
    text = _split_bands(body, where)
    exercise = _validate(
        Exercise, {**meta, "text": text} if isinstance(meta, dict) else meta, where
    )
    if path.stem != exercise.id:
        raise ContentError(f"{where}: id: the file name must be the id ({exercise.id}.md)")
    if path.parent.name != exercise.stage:
        raise ContentError(
            f"{where}: stage: the file must sit in the folder of its stage ({exercise.stage}/)"
        )
    return exercise


def load_stages(content_dir: Path = CONTENT_DIR) -> tuple[Stage, ...]:
    path = content_dir / "stages.yaml"
    where = _where(path, content_dir)
    stages = _validate(_StagesFile, _read_yaml(path, where), where).stages
    ids = [stage.id for stage in stages]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ContentError(f"{where}: id: stage ids must be unique ({', '.join(duplicates)})")
    numbers = [stage.number for stage in stages]
    if numbers != list(range(1, len(stages) + 1)):
        raise ContentError(f"{where}: number: stages must be numbered 1, 2, 3 … in order")
    return tuple(stages)


def load_kindness(content_dir: Path = CONTENT_DIR) -> KindnessSuggestions:
    path = content_dir / "kindness.yaml"
    where = _where(path, content_dir)
    return _validate(KindnessSuggestions, _read_yaml(path, where), where)


def _where(path: Path, content_dir: Path) -> str:
    try:
        return str(path.relative_to(content_dir))
    except ValueError:
        return str(path)


@functools.cache
def load_programme(content_dir: Path = CONTENT_DIR) -> Programme:
    """The whole programme, checked; read once per process and directory."""
    stages = load_stages(content_dir)
    stage_ids = {stage.id for stage in stages}
    exercise_dir = content_dir / "exercises"
    if not exercise_dir.is_dir():
        raise ContentError(f"{_where(exercise_dir, content_dir)}: the exercises folder is missing")

    found: dict[str, Exercise] = {}
    for entry in sorted(exercise_dir.iterdir()):
        where = _where(entry, content_dir)
        if not entry.is_dir():
            raise ContentError(f"{where}: exercises sit in a folder named for their stage")
        if entry.name not in stage_ids:
            raise ContentError(f"{where}: stage: no stage {entry.name!r} in stages.yaml")
    for path in sorted(exercise_dir.rglob("*")):
        if path.is_dir():
            if path.parent != exercise_dir:
                raise ContentError(f"{_where(path, content_dir)}: folders do not nest")
            continue
        where = _where(path, content_dir)
        if path.suffix != ".md":
            raise ContentError(f"{where}: an exercise is a Markdown file ending in .md")
        exercise = load_exercise(path, content_dir)
        if exercise.id in found:
            raise ContentError(f"{where}: id: {exercise.id!r} is already used by another exercise")
        found[exercise.id] = exercise

    ordered: dict[str, Exercise] = {}
    for stage in stages:
        in_stage = sorted((e for e in found.values() if e.stage == stage.id), key=lambda e: e.order)
        if not in_stage:
            raise ContentError(f"exercises/{stage.id}: stage {stage.id!r} has no exercises")
        orders = [e.order for e in in_stage]
        if len(set(orders)) != len(orders):
            raise ContentError(f"exercises/{stage.id}: order: two exercises share a position")
        ordered.update((e.id, e) for e in in_stage)

    return Programme(
        stages=stages, exercises=ordered, kindness_suggestions=load_kindness(content_dir)
    )
