"""Every KINDLING_* variable the settings read is documented, and nothing documented is stale."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_variable_is_documented():
    settings_source = (ROOT / "kindling" / "settings.py").read_text()
    read = set(re.findall(r'"(KINDLING_[A-Z_]+)"', settings_source))
    documented = set(
        re.findall(r"`(KINDLING_[A-Z_]+)`", (ROOT / "docs" / "configuration.md").read_text())
    )
    assert read, "found no variables; the pattern is broken"
    assert read - documented == set(), "undocumented"
    assert documented - read == set(), "documented but not read"
