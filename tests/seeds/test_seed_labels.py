"""The four seed documents yield the labels of `../shared/seeds/labels.md` (read at test time, never copied here).

Each floor row of a seed's table (type, state, district; "—" for none) must be among `classify()`'s events; a seed whose
section says "No events" must yield none; and seed 000, a fact-check page whose only talk of charges is a rarity
statement, a speculation and an absence, must yield no charge, declination or state action against agents. The seed
files are plain text with their page furniture, so they go through the boilerplate filter first, as in the pipeline.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors import classify
from extractors.boilerplate import strip_boilerplate

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
LABELS = SEEDS / "labels.md"
FORBIDDEN = {"000": {"federal_charge", "federal_declination", "state_action_against_agents"}}

if not LABELS.is_file():
    pytest.skip(f"seed labels not found at {LABELS} (the shared folder sits beside the repo in CI)", allow_module_level=True)

_SECTION = re.compile(r"^## (?P<file>\S+\.txt)\b.*?$(?P<body>.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
Triple = tuple[str, str | None, str | None]


def _cell(value: str) -> str | None:
    value = value.strip().strip("`")
    return None if value in {"—", "-", ""} else value


def _sections() -> dict[str, tuple[set[Triple], bool]]:
    """Seed file -> (floor rows, whether the section says the seed has no events)."""
    out: dict[str, tuple[set[Triple], bool]] = {}
    for section in _SECTION.finditer(LABELS.read_text(encoding="utf-8")):
        rows: set[Triple] = set()
        for line in section["body"].splitlines():
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if len(cells) >= 3 and cells[0] not in {"type", ""} and not set(cells[0]) <= set("-: "):
                kind, state, district = (_cell(cell) for cell in cells[:3])
                rows.add((kind or "", state, district))
        out[section["file"]] = (rows, bool(re.search(r"^No events\b", section["body"], re.MULTILINE)))
    return out


SECTIONS = _sections()


def test_labels_parse() -> None:
    assert len(SECTIONS) == 4
    assert sum(len(rows) for rows, _ in SECTIONS.values()) >= 20
    assert [name[:3] for name, (_, none) in SECTIONS.items() if none] == ["001", "003"]


@pytest.mark.parametrize("name", sorted(SECTIONS))
def test_seed_yields_its_labels(name: str) -> None:
    floor, no_events = SECTIONS[name]
    text = strip_boilerplate((SEEDS / name).read_text(encoding="utf-8"))
    result = classify(text)
    assert result.relevant, name
    got = {(event.type, event.state, event.district) for event in result.events}
    assert floor - got == set(), f"{name}: floor rows missing"
    if no_events:
        assert got == set(), f"{name}: should have no events"
    assert not {event.type for event in result.events} & FORBIDDEN.get(name[:3], set()), name
