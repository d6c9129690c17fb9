"""A synthetic news site for benchmarks: N article pages stitched from our own dev-set passages, plus a sitemap.

The passages are original text written for this project (`dev/events.jsonl`, `dev/jurisdictions.jsonl`); each page
mixes several of them with page chrome (navigation, a newsletter prompt, a related-stories block, a comment count) so
extraction does realistic work. Deterministic for a given N and seed.
"""

from __future__ import annotations

import html
import json
import random
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSAGE_FILES = (ROOT / "dev" / "events.jsonl", ROOT / "dev" / "jurisdictions.jsonl")
START = date(2026, 1, 5)

_PAGE = """<!DOCTYPE html>
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
    """Every relevant passage text from the dev sets."""
    texts: list[str] = []
    for path in PASSAGE_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("relevant", True):
                texts.append(row["text"])
    return texts


def build_site(root: Path, pages: int, words: int = 900, seed: int = 7) -> list[str]:
    """Write `pages` article pages and `sitemap.xml` under `root`; returns the page paths."""
    rng = random.Random(seed)
    passages = load_passages()
    paths: list[str] = []
    entries: list[str] = []
    for number in range(pages):
        day = START + timedelta(days=number % 300)
        path = f"/news/{day:%Y/%m}/story-{number:06d}.html"
        chosen: list[str] = []
        while sum(len(p.split()) for p in chosen) < words:
            chosen.append(rng.choice(passages))
        title = " ".join(chosen[0].split()[:10]).rstrip(",.;:")
        related = "".join(f"<li><a href='/news/r{rng.randrange(10**6)}.html'>{html.escape(rng.choice(passages)[:60])}</a></li>"
                          for _ in range(4))
        page = _PAGE.format(
            title=html.escape(title), day=day.isoformat(), related=related, comments=rng.randrange(500),
            paragraphs="\n".join(f"<p>{html.escape(p)}</p>" for p in chosen),
        )
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
