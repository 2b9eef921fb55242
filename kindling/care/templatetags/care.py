"""A small trend line for the caseload: an inline SVG of the last few totals, with the numbers
in its label for screen readers (the score itself is printed beside it)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()

WIDTH, HEIGHT = 60, 16


@register.simple_tag
def sparkline(values, low: float, high: float) -> SafeString:
    points = [v for v in values if v is not None]
    if len(points) < 2:
        return mark_safe("")
    step = WIDTH / (len(points) - 1)
    coords = " ".join(
        f"{i * step:.1f},{HEIGHT - (v - low) / (high - low) * HEIGHT:.1f}"
        for i, v in enumerate(points)
    )
    label = _("Trend over the last %(n)s: %(values)s") % {
        "n": len(points),
        "values": ", ".join(f"{v:.2f}" for v in points),
    }
    return mark_safe(  # noqa: S308 — numbers we formatted, and an escaped label
        f'<svg class="sparkline" width="{WIDTH}" height="{HEIGHT}" viewBox="-2 -2 '
        f'{WIDTH + 4} {HEIGHT + 4}" role="img" aria-label="{escape(label)}">'
        f'<polyline points="{coords}" fill="none" stroke="currentColor" stroke-width="1.5"/>'
        "</svg>"
    )
