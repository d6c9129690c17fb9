"""DOJ U.S. Attorney's Office components and their district slugs (`usao-mn`, `usao-ndca`...).

justice.gov names an office's component "USAO - Minnesota" or "USAO - California, Northern", and serves its
releases under `/usao-<slug>/`; both lead to the same slug. Exposed for the warehouse to record a release's district.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from urllib.parse import urlsplit

# (state or territory as DOJ names it, USPS code, divisions; an empty tuple means a single-district state)
_OFFICES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Alabama", "AL", ("Middle", "Northern", "Southern")), ("Alaska", "AK", ()), ("Arizona", "AZ", ()),
    ("Arkansas", "AR", ("Eastern", "Western")), ("California", "CA", ("Central", "Eastern", "Northern", "Southern")),
    ("Colorado", "CO", ()), ("Connecticut", "CT", ()), ("Delaware", "DE", ()), ("District of Columbia", "DC", ()),
    ("Florida", "FL", ("Middle", "Northern", "Southern")), ("Georgia", "GA", ("Middle", "Northern", "Southern")),
    ("Guam and Northern Mariana Islands", "GU", ()), ("Hawaii", "HI", ()), ("Idaho", "ID", ()),
    ("Illinois", "IL", ("Central", "Northern", "Southern")), ("Indiana", "IN", ("Northern", "Southern")),
    ("Iowa", "IA", ("Northern", "Southern")), ("Kansas", "KS", ()), ("Kentucky", "KY", ("Eastern", "Western")),
    ("Louisiana", "LA", ("Eastern", "Middle", "Western")), ("Maine", "ME", ()), ("Maryland", "MD", ()),
    ("Massachusetts", "MA", ()), ("Michigan", "MI", ("Eastern", "Western")), ("Minnesota", "MN", ()),
    ("Mississippi", "MS", ("Northern", "Southern")), ("Missouri", "MO", ("Eastern", "Western")),
    ("Montana", "MT", ()), ("Nebraska", "NE", ()), ("Nevada", "NV", ()), ("New Hampshire", "NH", ()),
    ("New Jersey", "NJ", ()), ("New Mexico", "NM", ()),
    ("New York", "NY", ("Eastern", "Northern", "Southern", "Western")),
    ("North Carolina", "NC", ("Eastern", "Middle", "Western")), ("North Dakota", "ND", ()),
    ("Ohio", "OH", ("Northern", "Southern")), ("Oklahoma", "OK", ("Eastern", "Northern", "Western")),
    ("Oregon", "OR", ()), ("Pennsylvania", "PA", ("Eastern", "Middle", "Western")), ("Puerto Rico", "PR", ()),
    ("Rhode Island", "RI", ()), ("South Carolina", "SC", ()), ("South Dakota", "SD", ()),
    ("Tennessee", "TN", ("Eastern", "Middle", "Western")), ("Texas", "TX", ("Eastern", "Northern", "Southern", "Western")),
    ("Utah", "UT", ()), ("Vermont", "VT", ()), ("Virgin Islands", "VI", ()), ("Virginia", "VA", ("Eastern", "Western")),
    ("Washington", "WA", ("Eastern", "Western")), ("West Virginia", "WV", ("Northern", "Southern")),
    ("Wisconsin", "WI", ("Eastern", "Western")), ("Wyoming", "WY", ()),
)
_ALIASES = {"guam": "GU", "northern mariana islands": "GU", "u.s. virgin islands": "VI"}


def _slug(code: str, division: str | None) -> str:
    return f"usao-{division[0].lower()}d{code.lower()}" if division else f"usao-{code.lower()}"


def _build() -> dict[str, str]:
    table = {}
    for state, code, divisions in _OFFICES:
        if not divisions:
            table[f"USAO - {state}"] = _slug(code, None)
        for division in divisions:
            table[f"USAO - {state}, {division}"] = _slug(code, division)
    return table


USAO_COMPONENTS: MappingProxyType[str, str] = MappingProxyType(_build())
"""justice.gov component name -> district slug, for all 93 U.S. Attorney's Offices."""

DISTRICT_STATES: MappingProxyType[str, str] = MappingProxyType(
    {_slug(code, division): code for _, code, divisions in _OFFICES for division in (divisions or (None,))}
)
"""district slug -> USPS state code."""

_STATE_CODES = {state.lower(): code for state, code, _ in _OFFICES} | _ALIASES
_DIVISIONS = ("northern", "southern", "eastern", "western", "middle", "central")
_URL_SLUG = re.compile(r"^/(usao-[a-z]{2,6})(?:/|$)")


def district_for_component(name: str) -> str | None:
    """The slug for a component name in any of DOJ's spellings: "Texas, Southern", "Southern District of Texas"."""
    if name in USAO_COMPONENTS:
        return USAO_COMPONENTS[name]
    text = name.strip().lower()
    if not text.startswith("usao"):
        return None
    text = re.sub(r"^usao\s*[-\u2013:]\s*", "", text).strip()
    division = None
    match = re.fullmatch(r"(.+?),\s*(" + "|".join(_DIVISIONS) + r")(?: district)?", text)
    if match:
        text, division = match.group(1), match.group(2)
    else:
        match = re.fullmatch(r"(" + "|".join(_DIVISIONS) + r") district of (.+)", text)
        if match:
            division, text = match.group(1), match.group(2)
    text = re.sub(r"^(the )?district of (?!columbia)", "", text).strip()
    code = _STATE_CODES.get(text)
    if code is None:
        return None
    slug = _slug(code, division.title() if division else None)
    return slug if slug in DISTRICT_STATES else None


def district_from_url(url: str) -> str | None:
    """The slug from a justice.gov URL path such as `/usao-mn/pr/...`, when it names a known office."""
    match = _URL_SLUG.match(urlsplit(url).path)
    return match.group(1) if match and match.group(1) in DISTRICT_STATES else None
