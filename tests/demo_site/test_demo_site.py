"""The bundled demo site is the offline stand-in for the news web: these tests keep it buildable, consistent with its
answer key (`demo/expected.json`), and shaped the way the demo's story needs (a spike, steady districts, traps)."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lxml import etree, html

from demo.build_site import (
    ARTICLES_DIR,
    ATOM_OUTLETS,
    EVENT_KINDS,
    EXPECTED_FILE,
    RSS_OUTLETS,
    SITE_DIR,
    build,
    load_articles,
)

BOILERPLATE_FILE = Path(__file__).resolve().parents[2] / "demo" / "boilerplate.txt"
FIRST_MONDAY = date(2026, 9, 28)
N_WEEKS = 8
SPIKE_DISTRICT = "usao-or"
SPIKE_WEEKS = {7, 8}
EVENT_TYPES = {
    "federal_charge", "federal_declination", "case_resolution", "state_action_against_agents", "court_ruling",
    "legislation_policy", "use_of_force", "enforcement_operation", "protest", "threat_of_prosecution", "resignation",
    "civil_lawsuit",
}
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


@pytest.fixture(scope="module")
def pages() -> list[dict]:
    return json.loads(EXPECTED_FILE.read_text(encoding="utf-8"))["pages"]


def week_of(entry: dict) -> int:
    """1-based demo week of a page's publication date (weeks start on Monday 2026-09-28)."""
    return (datetime.fromisoformat(entry["published"]).date() - FIRST_MONDAY).days // 7 + 1


def with_events(pages: list[dict]) -> list[dict]:
    """Pages the pipeline should store with events, one per story (syndicated copies left out)."""
    return [p for p in pages if p["kind"] in EVENT_KINDS - {"syndicated_copy"}]


def feed_links(name: str) -> set[str]:
    tree = etree.parse(str(SITE_DIR / "feeds" / name))
    if name == "rss.xml":
        return {link.text for link in tree.iterfind(".//item/link")}
    return {link.get("href") for link in tree.iterfind(".//atom:entry/atom:link", NS)}


def test_committed_site_and_answer_key_match_the_generator(tmp_path: Path) -> None:
    build(tmp_path / "site", tmp_path / "expected.json")
    fresh = {p.relative_to(tmp_path / "site"): p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    committed = {p.relative_to(SITE_DIR): p.read_bytes() for p in SITE_DIR.rglob("*") if p.is_file()}
    assert sorted(fresh) == sorted(committed), "run `python demo/build_site.py` to regenerate demo/site"
    stale = [str(path) for path, data in fresh.items() if committed[path] != data]
    assert not stale, f"out of date (run demo/build_site.py): {stale}"
    assert (tmp_path / "expected.json").read_bytes() == EXPECTED_FILE.read_bytes()


def test_feeds_and_sitemap_parse_and_split_by_outlet(pages: list[dict]) -> None:
    by_url = {"{{BASE}}" + p["path"]: p for p in pages}
    rss, atom = feed_links("rss.xml"), feed_links("atom.xml")
    assert rss and atom
    assert {by_url[u]["outlet"] for u in rss} == set(RSS_OUTLETS)
    assert {by_url[u]["outlet"] for u in atom} == set(ATOM_OUTLETS)
    sitemap = etree.parse(str(SITE_DIR / "sitemap-news.xml"))
    urls = sitemap.findall("sm:url", NS)
    assert {u.findtext("sm:loc", namespaces=NS) for u in urls} == set(by_url)
    for url in urls:
        assert url.findtext(".//news:publication_date", namespaces=NS)
        assert url.findtext(".//news:title", namespaces=NS)


def test_robots_disallows_private_and_names_the_sitemap() -> None:
    lines = (SITE_DIR / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines and "Disallow: /private/" in lines
    assert "Sitemap: {{BASE}}/sitemap-news.xml" in lines


def test_every_page_exists_except_the_missing_one(pages: list[dict]) -> None:
    for entry in pages:
        file = SITE_DIR / entry["path"].lstrip("/")
        if entry["kind"] == "missing_404":
            assert not file.exists()
            continue
        doc = html.parse(str(file)).getroot()
        assert doc.get("lang") == entry["language"]
        assert doc.findtext(".//h1").strip() == entry["title"]
        assert doc.xpath("string(//meta[@property='article:published_time']/@content)") == entry["published"]
        assert doc.xpath("string(//time/@datetime)") == entry["published"]
        assert doc.xpath("string(//link[@rel='canonical']/@href)") == "{{BASE}}" + entry["path"]


def test_publication_offsets_follow_eastern_time(pages: list[dict]) -> None:
    eastern = ZoneInfo("America/New_York")
    for entry in pages:
        when = datetime.fromisoformat(entry["published"])
        assert when.utcoffset() == when.astimezone(eastern).utcoffset(), entry["path"]


def test_events_follow_the_taxonomy(pages: list[dict]) -> None:
    for entry in pages:
        if entry["kind"] in EVENT_KINDS:
            assert entry["events"] and entry["incident"], entry["path"]
        else:
            assert entry["events"] == [], entry["path"]
        for event in entry["events"]:
            assert event["type"] in EVENT_TYPES
            assert re.fullmatch(r"[A-Z]{2}", event["state"] or "")
            assert event["district"] is None or re.fullmatch(r"usao-[a-z]{2,4}", event["district"])


def test_enough_relevant_pages_districts_and_weeks(pages: list[dict]) -> None:
    stories = with_events(pages)
    assert len(stories) >= 44
    districts = {e["district"] for p in stories for e in p["events"] if e["district"]}
    assert len(districts) >= 10
    assert {week_of(p) for p in stories} == set(range(1, N_WEEKS + 1))
    assert all(1 <= week_of(p) <= N_WEEKS for p in pages)


def test_one_district_spikes_and_the_others_stay_steady(pages: list[dict]) -> None:
    weekly: dict[str, Counter] = defaultdict(Counter)
    spike_incidents = set()
    for page in with_events(pages):
        for district in {e["district"] for e in page["events"] if e["district"]}:
            weekly[district][week_of(page)] += 1
            if district == SPIKE_DISTRICT and week_of(page) in SPIKE_WEEKS:
                spike_incidents.add(page["incident"])
    assert all(weekly[SPIKE_DISTRICT][w] <= 1 for w in range(1, 7))
    assert len(spike_incidents) >= 6
    for district, weeks in weekly.items():
        if district != SPIKE_DISTRICT:
            assert max(weeks.values()) <= 2, district
            assert sum(weeks[w] for w in SPIKE_WEEKS) <= 2, district


def test_traps_are_present_and_discoverable(pages: list[dict]) -> None:
    kinds = Counter(p["kind"] for p in pages)
    assert kinds["off_topic"] >= 3 and kinds["no_event"] >= 3
    for kind in ("syndicated_copy", "non_english", "missing_404", "slow", "robots_disallowed"):
        assert kinds[kind] >= 1, kind
    listed = feed_links("rss.xml") | feed_links("atom.xml")
    assert all("{{BASE}}" + p["path"] in listed for p in pages if p["kind"] == "missing_404")
    assert all(p["path"].startswith("/slow/") for p in pages if p["kind"] == "slow")
    assert all(p["path"].startswith("/private/") for p in pages if p["kind"] == "robots_disallowed")
    assert all(p["language"] != "en" for p in pages if p["kind"] == "non_english")


def test_syndicated_copies_repeat_the_original_on_another_outlet(pages: list[dict]) -> None:
    by_id = {p["id"]: p for p in pages}
    bodies = {a.meta["id"]: a.paragraphs for a in load_articles()}
    copies = [p for p in pages if p["kind"] == "syndicated_copy"]
    for copy in copies:
        original = by_id[copy["duplicate_of"]]
        assert original["outlet"] != copy["outlet"] and original["path"] != copy["path"]
        assert original["published"][:10] == copy["published"][:10]
        assert bodies[copy["id"]] == bodies[original["id"]]
        assert copy["events"] == original["events"] and copy["incident"] == original["incident"]


def test_boilerplate_is_on_pages_and_never_in_article_prose() -> None:
    phrases = [line for line in BOILERPLATE_FILE.read_text(encoding="utf-8").splitlines() if line]
    site_text = "\n".join(p.read_text(encoding="utf-8") for p in SITE_DIR.rglob("*.html"))
    prose = "\n".join("\n".join(a.paragraphs) for a in load_articles(ARTICLES_DIR)).casefold()
    for phrase in phrases:
        assert phrase in site_text, phrase
        assert phrase.casefold() not in prose, phrase


def test_fetched_pages_have_news_length_bodies(pages: list[dict]) -> None:
    """150-450 words like real stories; press releases may be a little shorter."""
    words = {a.meta["id"]: sum(len(p.split()) for p in a.paragraphs) for a in load_articles()}
    for entry in pages:
        if entry["kind"] in {"missing_404", "robots_disallowed"}:
            continue
        floor = 120 if entry["outlet"] == "justice" else 150
        assert floor <= words[entry["id"]] <= 450, entry["path"]
