"""DOJ press-release API (pagination, keyword prefilter, districts) and GDELT ArtList (window slicing, spacing)."""

from __future__ import annotations

import json
import time
from datetime import date, datetime, timezone
from urllib.parse import parse_qs

import httpx
import pytest

from sources.discovery import discover
from sources.districts import USAO_COMPONENTS, district_for_component, district_from_url
from sources.doj import is_immigration_enforcement

DOJ = "https://www.justice.gov/api/v1/press_releases.json"
GDELT = "https://api.gdeltproject.org/api/v2/doc/doc"


@pytest.fixture
def doj_api(no_robots, fixture_bytes):
    pages = {0: fixture_bytes("doj_page0.json"), 1: fixture_bytes("doj_page1.json")}

    def answer(request: httpx.Request) -> httpx.Response:
        query = parse_qs(request.url.query.decode())
        assert query["sort"] == ["date"] and query["direction"] == ["DESC"] and query["pagesize"] == ["50"]
        return httpx.Response(200, content=pages[int(query["page"][0])], headers={"Content-Type": "application/json"})

    return no_robots.get(url__startswith=DOJ).mock(side_effect=answer)


def test_doj_pages_until_the_end_and_keeps_enforcement_releases(doj_api, settings, make_source, resolver):
    candidates, reports = discover([make_source("doj", "doj", DOJ)], {}, None, None, settings, resolver=resolver)
    assert doj_api.call_count == 2  # 7 releases at 4 a page
    kept = {c.url.rsplit("/", 1)[1]: c for c in candidates}
    assert set(kept) == {
        "minneapolis-woman-charged-assaulting-federal-officer-during-immigration-enforcement",
        "two-charged-conspiring-impede-federal-officers-broadview-facility",
        "downey-man-indicted-threatening-ice-officer-posting-his-home-address",
        "portland-man-charged-damaging-property-ice-field-office",
    }  # the fentanyl sentence, the payroll plea and the routine reentry plea are left out
    districts = {slug: c.district for slug, c in kept.items()}
    assert districts["two-charged-conspiring-impede-federal-officers-broadview-facility"] == "usao-ndil"  # component
    assert districts["portland-man-charged-damaging-property-ice-field-office"] == "usao-or"  # URL
    first = kept["minneapolis-woman-charged-assaulting-federal-officer-during-immigration-enforcement"]
    assert first.published == datetime(2025, 3, 5, 5, 0, tzinfo=timezone.utc)
    assert reports[0].items == 4 and reports[0].error is None


def test_doj_stops_paging_once_past_the_window(doj_api, settings, make_source, resolver):
    candidates, _ = discover([make_source("doj", "doj", DOJ)], {}, date(2025, 3, 4), None, settings, resolver=resolver)
    assert doj_api.call_count == 1  # page 0 already reaches back to March 3
    assert len(candidates) == 2


def test_doj_nightly_page_budget(doj_api, settings, make_source, resolver):
    discover([make_source("doj", "doj", DOJ, max_pages=1)], {}, None, None, settings, resolver=resolver)
    assert doj_api.call_count == 1


def test_doj_unexpected_answer_is_a_source_error(no_robots, settings, make_source, resolver):
    no_robots.get(url__startswith=DOJ).respond(200, json={"error": "maintenance"})
    _, reports = discover([make_source("doj", "doj", DOJ)], {}, None, None, settings, resolver=resolver)
    assert reports[0].error.startswith("unexpected DOJ API answer")


def test_district_mapping() -> None:
    assert len(USAO_COMPONENTS) == 93 and len(set(USAO_COMPONENTS.values())) == 93
    assert USAO_COMPONENTS["USAO - Minnesota"] == "usao-mn"
    assert USAO_COMPONENTS["USAO - New York, Southern"] == "usao-sdny"
    assert district_for_component("USAO - Northern District of Illinois") == "usao-ndil"
    assert district_for_component("USAO - District of Columbia") == "usao-dc"
    assert district_for_component("USAO - Guam") == "usao-gu"
    assert district_for_component("Civil Rights Division") is None
    assert district_for_component("USAO - Minnesota, Southern") is None  # no such office
    assert district_from_url("https://www.justice.gov/usao-edpa/pr/x") == "usao-edpa"
    assert district_from_url("https://www.justice.gov/opa/pr/x") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Man charged with assaulting ICE officer in St. Paul", True),
        ("Woman indicted for impeding Border Patrol agents near Yuma", True),
        ("Defendant violated 18 U.S.C. 111 during Homeland Security Investigations arrest", True),
        ("Laredo man pleads guilty to illegal reentry after ICE encounter", False),
        ("Man charged with assaulting a postal carrier", False),
        ("Ice storm damages power lines", False),
    ],
)
def test_immigration_enforcement_prefilter(text: str, expected: bool) -> None:
    assert is_immigration_enforcement(text) is expected


def _artlist_rows(fixture_bytes, count: int, tag: str) -> list[dict]:
    template = json.loads(fixture_bytes("gdelt_artlist.json"))["articles"][0]
    return [{**template, "url": f"https://www.kare11.example/article/{tag}-{i}", "title": f"Story {tag} {i}"}
            for i in range(count)]


def test_gdelt_slices_the_window_until_under_the_cap(no_robots, settings, fixture_bytes, make_source, resolver):
    calls: list[tuple[float, str, str]] = []
    under_cap: list[tuple[str, str]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        query = parse_qs(request.url.query.decode())
        assert query["mode"] == ["ArtList"] and query["format"] == ["json"] and query["maxrecords"] == ["250"]
        start, end = query["startdatetime"][0], query["enddatetime"][0]
        calls.append((time.monotonic(), start, end))
        span = datetime.strptime(end, "%Y%m%d%H%M%S") - datetime.strptime(start, "%Y%m%d%H%M%S")
        capped = span.total_seconds() > 6 * 3600
        if not capped:
            under_cap.append((start, end))
        rows = _artlist_rows(fixture_bytes, 250 if capped else 10, start)
        return httpx.Response(200, json={"articles": rows})

    no_robots.get(url__startswith=GDELT).mock(side_effect=answer)
    config = make_source("gdelt", "gdelt", GDELT, query='"ICE" (assault OR impeding)', min_interval=0.05)
    candidates, reports = discover([config], {}, date(2025, 3, 4), date(2025, 3, 4), settings, resolver=resolver)
    assert len(calls) == 7  # 24 h -> 2 x 12 h -> 4 x 6 h
    assert calls[0][1:] == ("20250304000000", "20250305000000")
    assert sorted(under_cap) == [("20250304000000", "20250304060000"), ("20250304060000", "20250304120000"),
                      ("20250304120000", "20250304180000"), ("20250304180000", "20250305000000")]
    assert len(candidates) == 40 and reports[0].items == 40
    gaps = [b[0] - a[0] for a, b in zip(calls, calls[1:])]
    assert min(gaps) >= 0.045  # the per-source minimum call interval holds


def test_gdelt_rows_and_empty_and_refusal(no_robots, settings, fixture_bytes, make_source, resolver):
    no_robots.get(url__startswith=GDELT + "?query=ok").respond(200, content=fixture_bytes("gdelt_artlist.json"))
    no_robots.get(url__startswith=GDELT + "?query=none").respond(200, json={})
    no_robots.get(url__startswith=GDELT + "?query=bad").respond(
        200, text="The specified phrase is too short.", headers={"Content-Type": "text/html"})
    sources = [make_source(q, "gdelt", GDELT, query=q, min_interval=0.0) for q in ("ok", "none", "bad")]
    candidates, reports = discover(sources, {}, date(2025, 3, 4), date(2025, 3, 4), settings, resolver=resolver)
    by_name = {r.source: r for r in reports}
    assert by_name["ok"].items == 3 and by_name["none"].items == 0 and by_name["none"].error is None
    assert by_name["bad"].error == "gdelt refused the query: The specified phrase is too short."
    assert candidates[0].published == datetime(2025, 3, 4, 18, 30, tzinfo=timezone.utc)
