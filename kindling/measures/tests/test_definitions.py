"""Every definition validates, and the item maps match the published ones (domain notes)."""

from pathlib import Path

import pytest

from kindling.measures import fhir, schema


def test_every_definition_file_validates():
    files = sorted(schema.INSTRUMENT_DIR.glob("*.yaml"))
    assert len(files) == len(schema.instruments()) >= 4
    for path in files:
        schema.load_file(path)


def _subscale_items(instrument_id: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for item in schema.get(instrument_id).items:
        found.setdefault(item.subscale, []).append(int(item.id.rsplit("_", 1)[1]))
    return found


def test_the_scs_item_map_is_neffs():
    assert _subscale_items("scs") == {
        "self_kindness": [5, 12, 19, 23, 26],
        "self_judgment": [1, 8, 11, 16, 21],
        "common_humanity": [3, 7, 10, 15],
        "isolation": [4, 13, 18, 25],
        "mindfulness": [9, 14, 17, 22],
        "over_identification": [2, 6, 20, 24],
    }
    negative = {s.name for s in schema.get("scs").scoring.subscales if s.negative}
    assert negative == {"self_judgment", "isolation", "over_identification"}


def test_the_short_form_reverses_items_1_4_8_9_11_12_and_has_no_subscales():
    sf = schema.get("scs-sf")
    assert [i + 1 for i, item in enumerate(sf.items) if item.reverse] == [1, 4, 8, 9, 11, 12]
    assert sf.scoring.subscales == []


@pytest.mark.parametrize("instrument_id,count,low,high", [
    ("scs", 26, 1, 5), ("scs-sf", 12, 1, 5), ("phq-9", 9, 0, 3), ("gad-7", 7, 0, 3),
    ("k10", 10, 1, 5),
])  # fmt: skip
def test_sizes_and_ranges(instrument_id, count, low, high):
    instrument = schema.get(instrument_id)
    assert len(instrument.items) == count
    assert (instrument.min_value, instrument.max_value) == (low, high)
    assert instrument.citation and instrument.licence


@pytest.mark.parametrize("broken,message", [
    ("items: []", "at least 1 item"),
    ("id: Not An Id", "string should match pattern"),
    ("extra_field: 1", "extra inputs are not permitted"),
])  # fmt: skip
def test_a_broken_definition_is_refused_with_its_file_named(tmp_path, broken, message):
    source = (schema.INSTRUMENT_DIR / "gad-7.yaml").read_text()
    key = broken.split(":")[0]
    lines = [line for line in source.splitlines() if not line.startswith(f"{key}:")]
    if key == "items":  # drop the item lines as well
        lines = [line for line in lines if not line.startswith("  - {id: gad7_")]
    path = Path(tmp_path / "gad-7.yaml")
    path.write_text("\n".join(lines) + f"\n{broken}\n")
    with pytest.raises(schema.DefinitionError, match="gad-7.yaml") as caught:
        schema.load_file(path)
    assert message in str(caught.value).lower()


def test_a_subscale_without_items_is_refused(tmp_path):
    source = (schema.INSTRUMENT_DIR / "scs.yaml").read_text()
    path = tmp_path / "scs.yaml"
    path.write_text(source.replace("subscale: mindfulness", "subscale: self_kindness"))
    with pytest.raises(schema.DefinitionError, match="subscale mindfulness has no items"):
        schema.load_file(path)


@pytest.mark.parametrize("instrument_id", sorted(schema.instruments()))
def test_every_instrument_is_a_valid_fhir_questionnaire(instrument_id):
    instrument = schema.get(instrument_id)
    resource = fhir.questionnaire(instrument)
    assert resource.__resource_type__ == "Questionnaire"
    assert [item.linkId for item in resource.item] == instrument.item_ids
    assert len(resource.item[0].answerOption) == len(instrument.response_options)
    # Round trip through JSON and back through the validator.
    type(resource).model_validate_json(resource.model_dump_json())


def test_every_self_report_measure_says_which_way_is_better_and_has_words_for_the_client():
    for instrument in schema.instruments().values():
        assert instrument.scoring.direction is not None, instrument.id
        words = instrument.scoring.client_words
        assert words is not None, instrument.id
        # Words, never the band's name or a number (domain.md, Tone).
        for label, text in words.bands.items():
            assert label.lower() not in text.lower().split(), (instrument.id, label)
            assert not any(ch.isdigit() for ch in text), (instrument.id, label)


def test_client_words_must_cover_every_band(tmp_path):
    source = (schema.INSTRUMENT_DIR / "gad-7.yaml").read_text()
    broken = source.replace("      severe: >-", "      very severe: >-")
    path = tmp_path / "gad-7.yaml"
    path.write_text(broken)
    with pytest.raises(schema.DefinitionError, match="words for each band"):
        schema.load_file(path)
