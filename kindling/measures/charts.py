"""Progress charts as inline SVG drawn on the server: no script, no third-party library, prints
in black and white (lines differ by dash pattern, not only by colour), and carries a text
summary for screen readers. The table beside each chart holds every number.
"""

from __future__ import annotations

from django.utils.dateformat import format as format_date
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from .results import Series

WIDTH, PLOT_HEIGHT = 640, 220
LEFT, RIGHT, TOP = 44, 16, 12
DASHES = ["6 3", "2 3", "8 3 2 3", "1 4", "10 4", "4 2 1 2"]
BAND_FILLS = ["#f3f3f3", "#e4e4e4"]


def score_range(series: Series) -> tuple[float, float]:
    instrument = series.instrument
    low, high = instrument.min_value, instrument.max_value
    if instrument.scoring.total.rule == "sum":
        return low * len(instrument.items), high * len(instrument.items)
    return float(low), float(high)


def _ticks(low: float, high: float) -> list[float]:
    span = high - low
    step = 1 if span <= 6 else 5 if span <= 40 else 10
    first = int(low) if low == int(low) else int(low) + 1
    ticks = [v for v in range(first, int(high) + 1) if (v - first) % step == 0]
    if high - ticks[-1] > step / 2:  # show the top of the scale unless it would crowd
        ticks.append(high)
    return ticks


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def chart(series: Series, *, chart_id: str) -> SafeString:
    rows = series.rows
    low, high = score_range(series)
    instrument = series.instrument
    subscales = [s for s in instrument.scoring.subscales if s.rule == "mean"]
    legend_rows = 1 + (len(subscales) + 1) // 2
    height = TOP + PLOT_HEIGHT + 34 + legend_rows * 20
    plot_w = WIDTH - LEFT - RIGHT

    def y(value: float) -> float:
        return TOP + PLOT_HEIGHT - (value - low) / (high - low) * PLOT_HEIGHT

    times = [r.administration.completed_at.timestamp() for r in rows]
    span = (times[-1] - times[0]) or 1.0

    def x(i: int) -> float:
        if len(rows) == 1:
            return LEFT + plot_w / 2
        return LEFT + 12 + (times[i] - times[0]) / span * (plot_w - 24)

    parts: list[str] = []
    # Bands, shaded, with their names at the right.
    if instrument.scoring.bands and instrument.scoring.bands.score == instrument.scoring.total.name:
        ranges = instrument.scoring.bands.ranges
        for n, band in enumerate(ranges):
            start = max(band.start, low)
            end = ranges[n + 1].start if n + 1 < len(ranges) else high
            top, bottom = y(min(end, high)), y(start)
            parts.append(
                f'<rect x="{LEFT}" y="{top:.1f}" width="{plot_w}" height="{bottom - top:.1f}" '
                f'fill="{BAND_FILLS[n % 2]}"/>'
                f'<text x="{WIDTH - RIGHT - 4}" y="{top + 13:.1f}" text-anchor="end" '
                f'font-size="11" fill="#444">{escape(band.label)}</text>'
            )
    # Axis and gridlines.
    for tick in _ticks(low, high):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="#bbb" stroke-width="0.5"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#222">{_fmt(tick)}</text>'
        )
    step = max(1, len(rows) // 6)
    for i, row in enumerate(rows):
        if i % step == 0 or i == len(rows) - 1:
            label = format_date(localtime(row.administration.completed_at), "j M")
            parts.append(
                f'<text x="{x(i):.1f}" y="{TOP + PLOT_HEIGHT + 16}" text-anchor="middle" '
                f'font-size="11" fill="#222">{escape(label)}</text>'
            )

    def line(values: list[float], *, width: float, dash: str | None, colour: str) -> str:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        return (
            f'<polyline points="{points}" fill="none" stroke="{colour}" '
            f'stroke-width="{width}"{dash_attr}/>'
        )

    legend_y = TOP + PLOT_HEIGHT + 38
    for n, subscale in enumerate(subscales):
        values = [r.administration.scores[subscale.name] for r in rows]
        parts.append(line(values, width=1.5, dash=DASHES[n % len(DASHES)], colour="#555"))
        lx = LEFT + (n % 2) * 300
        ly = legend_y + 20 + (n // 2) * 20
        note = " " + _("(higher = harsher)") if subscale.negative else ""
        parts.append(
            f'<line x1="{lx}" x2="{lx + 28}" y1="{ly - 4}" y2="{ly - 4}" stroke="#555" '
            f'stroke-width="1.5" stroke-dasharray="{DASHES[n % len(DASHES)]}"/>'
            f'<text x="{lx + 34}" y="{ly}" font-size="12" fill="#222">'
            f"{escape(subscale.label + note)}</text>"
        )
    totals = [r.total for r in rows]
    parts.append(line(totals, width=3, dash=None, colour="#111"))
    for i, value in enumerate(totals):
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="4" fill="#111"/>')
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT + 28}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
        f'stroke="#111" stroke-width="3"/>'
        f'<text x="{LEFT + 34}" y="{legend_y}" font-size="12" fill="#222">'
        f"{escape(_('Total'))}</text>"
    )

    first, last = rows[0], rows[-1]

    def day(row) -> str:
        return format_date(localtime(row.administration.completed_at), "j M Y")

    summary = (
        f"{instrument.short_title} total over {len(rows)} check-ins: "
        f"{_fmt(first.total)} on {day(first)}"
    )
    if len(rows) > 1:
        summary += f", {_fmt(last.total)} on {day(last)}"
    summary += ". Every value is in the table below."
    svg = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(instrument.title)}: progress</title>'
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>' + "".join(parts) + "</svg>"
    )
    return mark_safe(svg)  # noqa: S308 — every text above is escaped; numbers are formatted
