"""A practice's own crisis lines, as a static page that works with the database down.

Saving a practice's list writes DATA_DIR/crisis/<practice slug>/index.html, rendered from the
same template as the built-in pages. `PracticeCrisisPagesMiddleware` serves it at
/crisis/practice/<slug>/ from the file, ahead of sessions and the database, so it loads logged
out and with the database stopped, like the built-in pages. Every worker reads the same file,
so an edit shows at once; with several servers, DATA_DIR must be shared (docs/deployment.md).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.http import FileResponse
from django.template.loader import render_to_string
from django.utils import timezone

from . import crisis

SLUG = re.compile(r"^/crisis/practice/([a-z0-9-]{1,60})/$")
MAX_LINES = 12


def pages_dir() -> Path:
    return Path(settings.DATA_DIR) / "crisis"


def page_path(slug: str) -> Path:
    return pages_dir() / slug / "index.html"


def has_own_page(slug: str) -> bool:
    return page_path(slug).is_file()


def crisis_url(practice, region: str = "") -> str:
    """Where "Help now" leads for someone of this practice in `region` (the practice's own by
    default): the practice's own list when it keeps one for that region, else the region's."""
    from kindling.lib.context_processors import crisis_path

    region = region or practice.region
    if region == practice.region and has_own_page(practice.slug):
        return f"/crisis/practice/{practice.slug}/"
    return crisis_path(region)


def default_region(practice) -> crisis.Region:
    regions = crisis.load_regions()
    return regions.get(practice.region) or regions["INT"]


def region_for(practice) -> crisis.Region:
    """The practice's region with its own lines, if it has any; the emergency number stays."""
    base = default_region(practice)
    own = getattr(practice, "crisis_lines", None)
    if own is None or not own.lines:
        return base
    lines = tuple(crisis.Line(**line) for line in own.lines)
    return crisis.Region(
        code=base.code, name=base.name, emergency=base.emergency,
        emergency_also=base.emergency_also, emergency_label=base.emergency_label, lines=lines,
    )  # fmt: skip


def write_page(practice) -> Path:
    """Write the practice's page atomically (a reader never sees half a file)."""
    regions = crisis.load_regions()
    ordered = [regions[code] for code in crisis.REGION_ORDER]
    html = render_to_string(
        "safety/crisis_region.html", {"region": region_for(practice), "regions": ordered}
    )
    target = page_path(practice.slug)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".index-", suffix=".html")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(html)
    os.replace(temp, target)
    return target


def save(practice, lines: list[dict]) -> None:
    from .models import PracticeCrisisLines

    PracticeCrisisLines.objects.update_or_create(
        practice=practice, defaults={"lines": lines, "updated_at": timezone.now()}
    )
    practice.refresh_from_db()
    write_page(practice)


def reset(practice) -> None:
    from .models import PracticeCrisisLines

    PracticeCrisisLines.objects.filter(practice=practice).delete()
    page_path(practice.slug).unlink(missing_ok=True)


class PracticeCrisisPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = SLUG.match(request.path_info)
        if found and request.method in ("GET", "HEAD"):
            path = page_path(found.group(1))
            if path.is_file():
                response = FileResponse(path.open("rb"), content_type="text/html; charset=utf-8")
                response["Cache-Control"] = "no-cache"
                return response
        return self.get_response(request)
