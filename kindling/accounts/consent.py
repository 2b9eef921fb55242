"""Consent and assent: the texts as files, their versions, and who still needs to agree.

Each text in consent/*.md has front matter (audience, kind, title). Its version is a hash of its
words, so changing a single word makes it a new version and everyone is asked again; nobody has
to remember to bump a number.

Who agrees to what:
- an adult client, and a teenager (13–17), consent for themselves;
- for a child (8–12), a guardian consents (in Kindling, or on paper, recorded by the clinician)
  and the child assents in their own words.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from .models import AgeBand, ClientProfile, ConsentRecord

TEXT_DIR = Path(__file__).with_name("consent")
_markdown = MarkdownIt("commonmark", {"html": False})


@dataclass(frozen=True)
class ConsentText:
    audience: str  # adult, teen, child, guardian
    kind: str  # consent or assent
    title: str
    body: str

    @property
    def version(self) -> str:
        return hashlib.sha256(f"{self.title}\n{self.body}".encode()).hexdigest()[:12]

    @property
    def html(self) -> SafeString:
        # Safe: the renderer has raw HTML switched off, and the texts are ours.
        return mark_safe(_markdown.render(self.body))  # noqa: S308


@functools.cache
def texts() -> dict[str, ConsentText]:
    found = {}
    for path in sorted(TEXT_DIR.glob("*.md")):
        _, front, body = path.read_text().split("---", 2)
        meta = yaml.safe_load(front)
        found[meta["audience"]] = ConsentText(
            audience=meta["audience"], kind=meta["kind"], title=meta["title"], body=body.strip()
        )
    return found


def own_text_for(client: ClientProfile) -> ConsentText:
    """What the client themselves is asked: consent (adult, teen) or assent (child)."""
    return texts()[client.age_band]


def _has(client: ClientProfile, text: ConsentText) -> bool:
    return ConsentRecord.objects.filter(
        client=client, audience=text.audience, version=text.version, withdrawn_at__isnull=True
    ).exists()


def needs_own_agreement(client: ClientProfile) -> bool:
    return not _has(client, own_text_for(client))


def needs_guardian_consent(client: ClientProfile) -> bool:
    return client.age_band == AgeBand.CHILD and not _has(client, texts()["guardian"])


def may_use_programme(client: ClientProfile) -> bool:
    return not needs_own_agreement(client) and not needs_guardian_consent(client)


def current_key() -> str:
    """Changes whenever any text changes, so a session's remembered "all agreed" expires too."""
    return "-".join(sorted(t.version for t in texts().values()))
