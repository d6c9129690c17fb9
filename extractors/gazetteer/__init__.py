"""The repo's copy of the jurisdiction tables, keyed by every lowercased name (and variant) they hold.

Built once per process (lazy singleton): ~15,000 keys, which `extractors.vocabulary` puts in its one Aho-Corasick
automaton, so matching an article's places is part of the single pass over its lowercased text.
`scripts/build_gazetteer.py` regenerates the CSVs; see PROVENANCE.md.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent
SMALL_WORDS = frozenset({"of", "the", "de", "del", "la", "las", "los", "and", "upon", "on", "du", "au"})
_VARIANTS = (("Saint ", "St. "), ("Sainte ", "Ste. "), ("Fort ", "Ft. "), ("Mount ", "Mt. "))


@dataclass(frozen=True)
class Candidate:
    """One thing a name may refer to: a state, place, county, facility or federal court."""

    kind: str  # state | place | county | facility | operation | court
    state: str
    district: str | None
    name: str
    population: int = 0


@dataclass(frozen=True)
class Entry:
    """A name in the gazetteer: how its case must look in the text and what it may refer to."""

    case: str  # cap: every significant word capitalised | exact: as written | any
    surface: str
    candidates: tuple[Candidate, ...]
    rule: str = ""  # qualifier | context (common_names.csv) | ""


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, tuple[Entry, ...]]
    state_names: dict[str, str]  # USPS -> name
    single_district: dict[str, str]  # USPS -> district, for single-district states
    qualifier: re.Pattern[str]  # ", Ore." / ", Oregon" / ", OR" / " (Ore.)" right after a place
    qualifier_states: dict[str, str]  # qualifier text -> USPS


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _variants(name: str) -> set[str]:
    out = {name}
    for long, short in _VARIANTS:
        if name.startswith(long):
            out.add(short + name[len(long):])
    return out


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Read the CSVs and key every name (once per process)."""
    districts = _read("districts.csv")
    states = _read("states.csv")
    state_names = {s["usps"]: s["name"] for s in states}
    per_state: dict[str, list[str]] = {}
    for d in districts:
        per_state.setdefault(d["state"], []).append(d["usao_id"])
    single = {st: ids[0] for st, ids in per_state.items() if len(ids) == 1}
    keyed: dict[str, list[Entry]] = {}

    def add(surface: str, case: str, candidates: tuple[Candidate, ...], rule: str = "") -> None:
        keyed.setdefault(surface.lower(), []).append(Entry(case, surface, candidates, rule))

    for usps, name in state_names.items():
        add(name, "cap", (Candidate("state", usps, single.get(usps), name),))
    for d in districts:
        court = (Candidate("court", d["state"], d["usao_id"], d["name"]),)
        add(d["name"], "any", court)
        add(d["short"], "any", court)
        add(d["short"].replace(". ", "."), "any", court)
        if d["multi_district_state"] == "yes":
            add(d["usao_id"].removeprefix("usao-").upper(), "exact", court)
    common = {r["name"]: r["rule"] for r in _read("common_names.csv")}
    places: dict[str, list[Candidate]] = {}
    for p in _read("places.csv"):
        places.setdefault(p["name"], []).append(
            Candidate("place", p["state"], p["usao_id"], p["name"], int(p["population"]))
        )
    for name, cands in places.items():
        ranked = tuple(sorted(cands, key=lambda c: -c.population))
        for variant in _variants(name):
            add(variant, "cap", ranked, common.get(name, ""))
    counties: dict[str, list[Candidate]] = {}
    for c in _read("counties.csv"):
        if re.search(r" (County|Parish|Borough|Census Area|Municipality|Planning Region)$", c["county_name"]):
            counties.setdefault(c["county_name"], []).append(Candidate("county", c["state"], c["usao_id"], c["county_name"]))
    for name, cands in counties.items():
        for variant in _variants(name):
            add(variant, "cap", tuple(cands))
    facilities: dict[str, list[Candidate]] = {}
    for f in _read("facilities.csv"):
        kind = "operation" if f["kind"] == "operation" else "facility"
        cand = Candidate(kind, f["state"], f["usao_id"], f["name"])
        for surface in [f["name"], *filter(None, f["aliases"].split(";"))]:
            facilities.setdefault(surface, []).append(cand)
    for surface, cands in facilities.items():
        add(surface, "cap", tuple(cands))
    for a in _read("aliases.csv"):
        pool = places.get(a["target"], []) if a["kind"] == "place" else counties.get(a["target"], [])
        add(a["alias"], a["case"], tuple(c for c in pool if c.state == a["state"]))

    qualifier_states: dict[str, str] = {}
    for s in states:
        qualifier_states[s["name"]] = s["usps"]
        qualifier_states[s["usps"]] = s["usps"]
        for ap in filter(None, s["ap"].split(";")):
            qualifier_states[ap] = s["usps"]
    alternation = "|".join(re.escape(k) for k in sorted(qualifier_states, key=len, reverse=True))
    qualifier = re.compile(rf"(?:,\s*|\s+\()(?P<q>{alternation})(?![A-Za-z])|\s+(?P<q2>D\.C\.|DC)(?![A-Za-z])")
    return Gazetteer({k: tuple(v) for k, v in keyed.items()}, state_names, single, qualifier, qualifier_states)
