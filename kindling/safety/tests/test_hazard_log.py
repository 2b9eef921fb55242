"""Every test the hazard log names exists, so the log cannot point at checks that are gone."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LOG = ROOT / "docs" / "safety" / "hazard-log.md"


def _named_tests() -> list[tuple[str, str]]:
    found = []
    for row in LOG.read_text().splitlines():
        if not row.startswith("| H"):
            continue
        last_file = None
        for token in re.findall(r"`([^`]+)`", row):
            if "::" not in token and not token.endswith(".py"):
                continue
            file_part, _, test = token.partition("::")
            if file_part:
                last_file = file_part
            if test:
                found.append((last_file, test))
    return found


def _resolve(name: str) -> Path:
    path = ROOT / name
    if path.is_file():
        return path
    matches = [p for p in ROOT.glob(f"**/{Path(name).name}") if ".venv" not in p.parts]
    assert len(matches) == 1, f"{name} is not one file: {matches}"
    return matches[0]


def test_every_test_the_hazard_log_names_exists():
    named = _named_tests()
    assert len(named) >= 30
    for file_name, test in named:
        source = _resolve(file_name).read_text()
        assert re.search(rf"^def {re.escape(test)}\(", source, flags=re.M), (file_name, test)
