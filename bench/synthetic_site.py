"""A synthetic news site for benchmarks: N article pages written from our own text, plus a sitemap.

Two profiles of page, both deterministic for a given N and seed:

- `news` (the default) is shaped like the articles we ingest. The body is one story of the extraction dev set
  (`dev/extraction/stories.py`), a few event passages of the classifier dev sets (`dev/*.jsonl`) and background
  paragraphs (`bench/background.jsonl`: quotes, context, history) up to about 900 words. The page around it is one of
  the extraction dev set's outlet templates (`dev/extraction/build_devset.py`: mega-menu, inline app state,
  related-stories and newsletter blocks, comments, footer), about 45 KB of HTML. `REAL_ARTICLES` holds what our
  classifier finds in the four real articles this project was seeded with; the benches print the same figures for the
  corpus they build, so the two can be compared.
- `dense` is the first benchmark corpus, kept to compare with earlier figures: about 40 one-sentence event passages
  stitched into 900 words inside 1 KB of page chrome. Every sentence reports an event, so it has about seven times
  the seeds' events per word and a small fraction of a real page's markup.
"""

from __future__ import annotations

import html
import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "dev" / "extraction"))

from build_devset import build_page  # noqa: E402
from stories import STORIES  # noqa: E402
from stories_round2 import ROUND2  # noqa: E402

PASSAGE_FILES = (ROOT / "dev" / "events.jsonl", ROOT / "dev" / "jurisdictions.jsonl")
BACKGROUND_FILE = ROOT / "bench" / "background.jsonl"
START = date(2026, 1, 5)
PROFILES = ("news", "dense")
# The four seed articles (../shared/seeds, not in this repository), classified at commit f6893e2: 668, 299, 1,609 and
# 928 words; 5, 0, 18 and 0 events; 1.29, 0.39, 3.29 and 1.06 ms on one core of this machine.
REAL_ARTICLES = {"words per article": 876.0, "events per article": 5.75, "classify us per word": 1.72}
# Outlet templates that carry an ordinary article body (the live blog, aggregator and fact-check shapes reorder it).
_TEMPLATES = ("metro", "wire", "localtv", "magazine", "pubradio", "legalnews", "nonprofit")
# How many event passages a page gets (most stories report a few events, a round-up many, as seed 002 does), and the
# words a page is filled to: chosen so that the corpus matches `REAL_ARTICLES` in words and events per article. Its
# classification then costs about 1.9 us a word, a little more than the seeds' (the dev passages are terse).
_EVENT_PASSAGES = (0, 1, 2, 2, 3, 4, 5, 6, 8, 10)
_WORDS = {"news": 860, "dense": 900}

_DENSE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | The Bench Courier</title>
<meta property="og:title" content="{title}"><meta property="article:published_time" content="{day}T09:00:00-05:00">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sports">Sports</a> <a href="/weather">Weather</a></nav>
<div class="promo">Sign up for the morning newsletter</div></header>
<main><article><h1>{title}</h1><p class="byline">By Staff Writer</p>
<time datetime="{day}">{day}</time>
{paragraphs}
</article>
<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>
<div class="comments">{comments} Comments</div></main>
<footer><p>Copyright 2026 The Bench Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>
"""


def load_passages() -> list[str]:
    """Every relevant passage text from the classifier dev sets."""
    texts: list[str] = []
    for path in PASSAGE_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("relevant", True):
                texts.append(row["text"])
    return texts


def load_background() -> list[str]:
    """The background paragraphs (original text written for the benchmarks)."""
    return [json.loads(line)["text"] for line in BACKGROUND_FILE.read_text(encoding="utf-8").splitlines() if line]


def _fill(rng: random.Random, pool: list[str], words: int) -> list[str]:
    """Paragraphs drawn from `pool` until they hold at least `words` words."""
    chosen: list[str] = []
    while sum(len(p.split()) for p in chosen) < words:
        chosen.append(rng.choice(pool))
    return chosen


def _news_page(
    rng: random.Random, number: int, words: int, passages: list[str], background: list[str]
) -> tuple[str, date]:
    """One article page in an outlet template: a story's own paragraphs first (its lede), then event passages and
    background paragraphs in random order."""
    slug, title, _, story = rng.choice([s for s in STORIES + ROUND2 if s[2] == "en"])
    events = rng.sample(passages, rng.choice(_EVENT_PASSAGES))
    so_far = sum(len(p.split()) for p in story + events)
    rest = events + _fill(rng, background, words - so_far)
    rng.shuffle(rest)
    page, _, when, _ = build_page(rng.choice(_TEMPLATES), (f"{slug}-{number}", title, "en", story + rest), rng)
    return page, when


def _dense_page(rng: random.Random, number: int, words: int, passages: list[str]) -> tuple[str, date]:
    """One page of stitched event passages in light chrome."""
    day = START + timedelta(days=number % 300)
    chosen = _fill(rng, passages, words)
    title = " ".join(chosen[0].split()[:10]).rstrip(",.;:")
    related = "".join(
        f"<li><a href='/news/r{rng.randrange(10**6)}.html'>{html.escape(rng.choice(passages)[:60])}</a></li>"
        for _ in range(4)
    )
    page = _DENSE_PAGE.format(
        title=html.escape(title), day=day.isoformat(), related=related, comments=rng.randrange(500),
        paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in chosen),
    )
    return page, day


def generate_pages(pages: int, seed: int = 7, profile: str = "news") -> Iterator[tuple[str, str, date]]:
    """The path, HTML and publication day of each of `pages` article pages of this profile, in order."""
    if profile not in PROFILES:
        raise ValueError(f"unknown corpus profile {profile!r}: use one of {', '.join(PROFILES)}")
    words = _WORDS[profile]
    rng = random.Random(seed)
    passages = load_passages()
    background = load_background() if profile == "news" else []
    for number in range(pages):
        if profile == "news":
            page, day = _news_page(rng, number, words, passages, background)
        else:
            page, day = _dense_page(rng, number, words, passages)
        yield f"/news/{day:%Y/%m}/story-{number:06d}.html", page, day


def build_site(root: Path, pages: int, seed: int = 7, profile: str = "news") -> list[str]:
    """Write `pages` article pages of this profile and `sitemap.xml` under `root`; returns the page paths."""
    paths: list[str] = []
    entries: list[str] = []
    for path, page, day in generate_pages(pages, seed, profile):
        file = root / path.lstrip("/")
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(page, encoding="utf-8")
        paths.append(path)
        entries.append(f"<url><loc>{{{{BASE}}}}{path}</loc><lastmod>{day.isoformat()}</lastmod></url>")
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries) + "\n</urlset>\n",
        encoding="utf-8",
    )
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    return paths
