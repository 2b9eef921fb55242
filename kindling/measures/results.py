"""Reading results: the clinician's full view and the client's gentle one.

Both take administrations already scoped by the access layer; nothing here looks anything up
by id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import schema
from .models import Administration
from .scoring import reliable_change


@dataclass
class Row:
    administration: Administration
    scores: list[tuple[str, float]]  # (label, value) in the definition's order
    total: float
    band: str
    flags: list[str]  # short names of raised flags; their meanings are under the table
    safety: bool
    change: str | None  # reliable change against the first administration, where published


@dataclass
class Series:
    instrument: schema.Instrument
    rows: list[Row] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        return [label for label, _ in self.rows[0].scores] if self.rows else []

    @property
    def flag_meanings(self) -> list[tuple[str, str]]:
        return [(flag_label(f.name), f.meaning) for f in self.instrument.scoring.flags]

    @property
    def has_reliable_change(self) -> bool:
        return self.instrument.scoring.reliable_change is not None


def flag_label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def labels(instrument: schema.Instrument) -> dict[str, str]:
    s = instrument.scoring
    found = {x.name: x.label for x in s.subscales}
    found.update({c.name: c.label for c in s.composites})
    found[s.total.name] = "Total"
    return found


def series_for(administrations) -> list[Series]:
    """Completed administrations grouped by instrument, oldest first, each with its change
    against the first one."""
    by_instrument: dict[str, Series] = {}
    for administration in sorted(administrations, key=lambda a: a.completed_at):
        instrument = schema.get(administration.instrument_id)
        series = by_instrument.setdefault(instrument.id, Series(instrument))
        names = labels(instrument)
        total_name = instrument.scoring.total.name
        total = administration.scores[total_name]
        first = series.rows[0].total if series.rows else None
        change = reliable_change(instrument, first, total) if first is not None else None
        raised = [f for f in instrument.scoring.flags if (administration.flags or {}).get(f.name)]
        series.rows.append(
            Row(
                administration=administration,
                scores=[(names[n], administration.scores[n]) for n in instrument.score_names],
                total=total,
                band=administration.band,
                flags=[flag_label(f.name) for f in raised],
                safety=any(f.safety for f in raised),
                change=change,
            )
        )
    return sorted(by_instrument.values(), key=lambda s: s.instrument.short_title)


@dataclass(frozen=True)
class GentleView:
    about: str
    where: str
    movement: str | None
    count: int


def gentle_view(series: Series) -> GentleView | None:
    """Where the client is, and how it has moved since the first time, in words only."""
    words = series.instrument.scoring.client_words
    if words is None or not series.rows:
        return None
    latest, first = series.rows[-1], series.rows[0]
    movement = None
    if len(series.rows) > 1:
        if latest.change is not None:
            movement = {
                "reliable improvement": words.better,
                "reliable deterioration": words.harder,
            }.get(latest.change, words.same)
        else:
            gain = latest.total - first.total
            if not series.instrument.scoring.higher_is_better:
                gain = -gain
            if abs(gain) < words.similar_within:
                movement = words.same
            else:
                movement = words.better if gain > 0 else words.harder
    return GentleView(
        about=words.about,
        where=words.bands.get(latest.band, ""),
        movement=movement,
        count=len(series.rows),
    )
