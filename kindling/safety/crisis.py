"""Crisis lines as data, and the static pages built from them.

The pages are plain HTML files under kindling/safety/public/crisis/, served at /crisis/ by
WhiteNoise ahead of every other middleware, so they load logged out and with the database down,
and can be copied to any web server unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.template.loader import render_to_string

DATA_FILE = Path(__file__).with_name("crisis_lines.yaml")
PUBLIC_DIR = Path(__file__).with_name("public") / "crisis"
REGION_ORDER = ["AU", "NZ", "UK", "US", "CA", "IE", "INT"]


@dataclass(frozen=True)
class Line:
    name: str
    call: str
    about: str
    hours: str = ""
    text: str = ""
    young: bool = False  # made for children and young people: shown first to them
    # What the line is mainly for: "" (anything), "suicide" (suicidal thoughts: not offered on
    # the page for someone hurt at home) or "home" (family violence: offered first there).
    topic: str = ""

    @property
    def tel(self) -> str:
        return "tel:" + re.sub(r"[^0-9+]", "", self.call)

    @property
    def sms(self) -> str:
        return "sms:" + re.sub(r"[^0-9+]", "", self.text) if self.text else ""


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    emergency: str | None
    emergency_also: str | None
    emergency_label: str
    lines: tuple[Line, ...]

    @property
    def young_lines(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.young)

    def lines_for(self, *, young: bool = False, at_home: bool = False) -> tuple[Line, ...]:
        """The lines in the order to offer them: for someone hurt or unsafe at home, lines for
        that first and none only about suicidal thoughts; for a young person, lines made for
        young people before the rest."""
        lines = [line for line in self.lines if not (at_home and line.topic == "suicide")]

        def rank(line: Line) -> tuple[bool, bool]:
            return (not (at_home and line.topic == "home"), not (young and line.young))

        return tuple(sorted(lines, key=rank))  # sorted() keeps ties in their order

    @property
    def emergency_tel(self) -> str:
        return "tel:" + self.emergency if self.emergency else ""


def load_regions(path: Path = DATA_FILE) -> dict[str, Region]:
    data = yaml.safe_load(path.read_text())
    regions = {}
    for code, entry in data["regions"].items():
        emergency = entry["emergency"]
        regions[code] = Region(
            code=code,
            name=entry["name"],
            emergency=emergency.get("number"),
            emergency_also=emergency.get("also"),
            emergency_label=emergency["label"],
            lines=tuple(Line(**line) for line in entry.get("lines", [])),
        )
    missing = set(REGION_ORDER) - set(regions)
    if missing:
        raise ValueError(f"crisis_lines.yaml has no entry for {', '.join(sorted(missing))}")
    return regions


def render_pages(regions: dict[str, Region] | None = None) -> dict[str, str]:
    """Relative path under public/crisis/ -> the HTML to write there."""
    regions = regions or load_regions()
    ordered = [regions[code] for code in REGION_ORDER]
    pages = {"index.html": render_to_string("safety/crisis_index.html", {"regions": ordered})}
    for region in ordered:
        pages[f"{region.code.lower()}/index.html"] = render_to_string(
            "safety/crisis_region.html", {"region": region, "regions": ordered}
        )
    return pages


def write_pages(target: Path = PUBLIC_DIR) -> list[Path]:
    written = []
    for relative, html in render_pages().items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html)
        written.append(path)
    return written
