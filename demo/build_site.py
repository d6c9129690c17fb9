"""Render the bundled demo news site from `demo/articles/` so the demo's pages, feeds and answer key never drift.

Each article source is a Markdown-ish file with a TOML front matter block between `+++` lines. The body is plain
paragraphs separated by blank lines (a line starting with `## ` becomes a subheading). Every page goes through its
outlet's template, which wraps the clean prose in the kind of boilerplate real sites carry (photo credits, donation
banners, share buttons, press-release chrome), so the demo exercises extraction as well as fetching.

Outputs, all deterministic (no "now"): one HTML page per article, `feeds/rss.xml` (outlets 1+2), `feeds/atom.xml`
(outlets 3+4), `sitemap-news.xml` (everything), `robots.txt`, and the answer key `demo/expected.json`.
Absolute URLs use the literal `{{BASE}}`, which the demo server replaces with its own address.

Run: `python demo/build_site.py` (regenerates the committed site) or `--out DIR --expected FILE` to build elsewhere.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tomllib
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any

DEMO_DIR = Path(__file__).resolve().parent
ARTICLES_DIR = DEMO_DIR / "articles"
SITE_DIR = DEMO_DIR / "site"
EXPECTED_FILE = DEMO_DIR / "expected.json"
BASE = "{{BASE}}"

OUTLET_NAMES = {
    "morning-ledger": "The Morning Ledger",
    "verity-check": "Verity Check",
    "newspulse": "NewsPulse Wire",
    "justice": "U.S. Department of Justice",
    "newscenter9": "NewsCenter 9",
}
RSS_OUTLETS = ("morning-ledger", "verity-check")
ATOM_OUTLETS = ("newspulse", "justice")
KINDS = {
    "article", "syndicated_copy", "off_topic", "non_english", "missing_404", "slow", "robots_disallowed", "no_event",
}
# Kinds whose page is fetched and whose events the pipeline should find.
EVENT_KINDS = {"article", "syndicated_copy", "slow"}
PATH_PREFIX = {"slow": "slow/", "robots_disallowed": "private/"}
# Kinds the site never links to from other pages: one has no file, the other is off limits to crawlers.
UNSERVED_KINDS = {"missing_404", "robots_disallowed"}


@dataclass(frozen=True)
class Article:
    """One article source: its front matter and body paragraphs."""

    meta: dict[str, Any]
    paragraphs: tuple[str, ...]

    @property
    def published(self) -> datetime:
        return datetime.fromisoformat(self.meta["published"])

    @property
    def kind(self) -> str:
        return self.meta.get("kind", "article")

    @property
    def outlet(self) -> str:
        return self.meta["outlet"]

    @property
    def path(self) -> str:
        """URL path on the demo server, also the file's place under the site directory."""
        when = self.published
        prefix = PATH_PREFIX.get(self.kind, "")
        return f"/{prefix}{self.outlet}/{when:%Y}/{when:%m}/{self.meta['slug']}.html"

    @property
    def url(self) -> str:
        return BASE + self.path

    @property
    def summary(self) -> str:
        """The first body paragraph, used as the feed description."""
        return next(p for p in self.paragraphs if not p.startswith("## "))


def parse_article(text: str) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Split a source file into its TOML front matter and its body paragraphs."""
    _, front, body = text.split("+++\n", 2)
    paragraphs = tuple(" ".join(block.split()) for block in body.strip().split("\n\n") if block.strip())
    return tomllib.loads(front), paragraphs


def load_articles(directory: Path = ARTICLES_DIR) -> list[Article]:
    """Read every source, resolving syndicated copies to the body of the article they copy."""
    raw: dict[str, tuple[dict[str, Any], tuple[str, ...]]] = {}
    for file in sorted(directory.glob("*.md")):
        meta, paragraphs = parse_article(file.read_text(encoding="utf-8"))
        if meta["id"] in raw:
            raise ValueError(f"duplicate article id {meta['id']}")
        if meta.get("kind", "article") not in KINDS:
            raise ValueError(f"{file.name}: unknown kind {meta.get('kind')}")
        raw[meta["id"]] = (meta, paragraphs)
    articles = []
    for meta, paragraphs in raw.values():
        if "body_from" in meta:
            paragraphs = raw[meta["body_from"]][1]
        articles.append(Article(meta, paragraphs))
    return sorted(articles, key=lambda a: (a.published, a.path))


def body_html(article: Article, indent: str = "      ") -> str:
    """The article prose as `<p>`/`<h2>` elements."""
    lines = []
    for para in article.paragraphs:
        if para.startswith("## "):
            lines.append(f"{indent}<h2>{escape(para[3:])}</h2>")
        else:
            lines.append(f"{indent}<p>{escape(para)}</p>")
    return "\n".join(lines)


def head_html(article: Article, css: str) -> str:
    """`<head>` with the metadata real news pages carry: canonical link, Open Graph, article times, author."""
    m = article.meta
    title = escape(m["title"])
    site = escape(OUTLET_NAMES[article.outlet])
    stamp = article.published.isoformat()
    return f"""<head>
  <meta charset="utf-8">
  <title>{title} | {site}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="{escape(article.summary[:180])}">
  <meta name="author" content="{escape(m['author'])}">
  <link rel="canonical" href="{article.url}">
  <meta property="og:type" content="article">
  <meta property="og:site_name" content="{site}">
  <meta property="og:title" content="{title}">
  <meta property="og:url" content="{article.url}">
  <meta property="article:published_time" content="{stamp}">
  <meta property="article:section" content="{escape(m['section'])}">
  <link rel="stylesheet" href="{BASE}/assets/{css}.css">
</head>"""


def comment_count(article: Article) -> int:
    """A plausible, varying, reproducible comment count for the comment widgets."""
    return 3 + zlib.crc32(article.meta["slug"].encode()) % 400


def long_date(when: datetime) -> str:
    """'November 18, 2026' without a platform-specific strftime flag."""
    return f"{when:%B} {when.day}, {when:%Y}"


def related_links(article: Article, siblings: list[Article], limit: int) -> list[Article]:
    """Earlier pages of the same outlet, newest first, for 'Read more' and 'Related Stories' blocks."""
    earlier = [s for s in siblings if s.published < article.published and s.kind not in UNSERVED_KINDS]
    return list(reversed(earlier))[:limit]


def render_morning_ledger(article: Article, siblings: list[Article]) -> str:
    """A daily newspaper: photo with credit, relative time label, in-body 'Read more', comments and network footer."""
    m = article.meta
    paras = body_html(article).split("\n")
    related = related_links(article, siblings, 1)
    if related:
        r = related[0]
        block = (
            f'      <aside class="inline-related"><strong>Read more:</strong> '
            f'<a href="{r.url}">{escape(r.meta["title"])}</a></aside>'
        )
        paras.insert(min(3, len(paras)), block)
    body = "\n".join(paras)
    return f"""<!DOCTYPE html>
<html lang="{m['language']}">
{head_html(article, 'ledger')}
<body class="ledger article-page">
  <header class="masthead">
    <a class="brand" href="{BASE}/morning-ledger/">The Morning Ledger</a>
    <nav class="sections"><a href="#">World</a> <a href="#">US news</a> <a href="#">Politics</a> <a href="#">Opinion</a> <a href="#">Sport</a></nav>
  </header>
  <main id="maincontent">
    <article class="story">
      <div class="story-meta">
        <span class="section-kicker">{escape(m['section'])}</span>
        <span class="time-ago">3 hours ago</span>
      </div>
      <h1 class="headline">{escape(m['title'])}</h1>
      <p class="byline">By <a rel="author" href="#">{escape(m['author'])}</a>
        <time datetime="{article.published.isoformat()}">{long_date(article.published)}</time></p>
      <figure class="lead-image">
        <img src="{BASE}/assets/img/{m['slug']}.jpg" alt="{escape(m['photo_alt'])}">
        <figcaption>{escape(m['caption'])} <span class="credit">Photograph: {escape(m['credit'])}</span></figcaption>
      </figure>
      <div class="story-body">
{body}
      </div>
    </article>
    <div class="read-entire"><a href="{article.url}">Read Entire Article</a></div>
    <section class="comments" id="comments">
      <h2>Comments</h2>
      <div class="comment-widget"><span class="comment-count">{comment_count(article)} Comments</span>
        <button>Join the discussion</button></div>
    </section>
  </main>
  <footer class="site-footer">
    <h3>News Networks</h3>
    <ul><li><a href="#">The Morning Ledger US</a></li><li><a href="#">Ledger Weekly</a></li><li><a href="#">Ledger Podcasts</a></li></ul>
    <p>&#169; 2026 Morning Ledger Media Group</p>
  </footer>
</body>
</html>
"""


def render_verity_check(article: Article, siblings: list[Article]) -> str:
    """A fact-check site: donation banner, 'Checked on' and disclaimer lines, 'Want to dive deeper?' questions."""
    m = article.meta
    questions = "\n".join(f"        <li><a href=\"#\">{escape(q)}</a></li>" for q in m["questions"])
    return f"""<!DOCTYPE html>
<html lang="{m['language']}">
{head_html(article, 'verity')}
<body>
  <div class="donate-banner" role="complementary">
    <h2>Keep Verity independent</h2>
    <p>Whether you agree or disagree with our analysis, these conversations matter for democracy. We don't take money from political groups - even a $5 donation helps us keep it that way.</p>
    <div class="goal-meter">Loading...Goal: 1,000 supporters</div>
    <div class="goal-status">Loading...</div>
  </div>
  <div class="container">
    <div class="fc-wrapper">
      <h1 class="fc-question">{escape(m['title'])}</h1>
      <div class="fc-meta">
        <p class="checked">Checked on {long_date(article.published)}</p>
        <p class="byline">Research by {escape(m['author'])} &#183; <time datetime="{article.published.isoformat()}">{long_date(article.published)}</time></p>
        <p class="disclaimer">Disclaimer: Verity can make mistakes. Please verify important info or breaking news. <a href="#">Learn more.</a></p>
      </div>
      <div class="fc-answer">
{body_html(article, '        ')}
      </div>
      <div class="dive-deeper">
        <h3>Want to dive deeper?</h3>
        <ul>
{questions}
        </ul>
      </div>
    </div>
  </div>
  <footer><p>Verity Check is a reader-funded project.</p></footer>
</body>
</html>
"""


def render_newspulse(article: Article, siblings: list[Article]) -> str:
    """An aggregator: section label, repeated 'BREAKING' headline, newsletter prompt, share buttons, comment count."""
    m = article.meta
    breaking = escape(m.get("breaking", m["title"]))
    return f"""<!DOCTYPE html>
<html lang="{m['language']}">
{head_html(article, 'pulse')}
<body class="np-body">
  <div id="np-top"><a href="{BASE}/newspulse/" class="np-logo">NewsPulse</a> <span class="np-tagline">All the headlines, all day</span></div>
  <div class="np-layout">
    <div class="np-post">
      <div class="np-label">{escape(m['section'].upper())}</div>
      <div class="np-breaking">BREAKING: {breaking}</div>
      <div class="np-breaking np-repeat">BREAKING: {breaking}</div>
      <h1 class="np-title">{escape(m['title'])}</h1>
      <div class="np-byline">{escape(m['author'])} &#8212; <time datetime="{article.published.isoformat()}">{long_date(article.published)}</time></div>
      <div class="np-content">
{body_html(article, '        ')}
      </div>
      <div class="np-newsletter">Sign up for our daily briefing and get the top stories in your inbox every morning. <input type="email" placeholder="Email address"> <button>Subscribe</button></div>
      <div class="np-share"><a href="#">Share on X</a> <a href="#">Share on Facebook</a> <a href="#">Copy link</a></div>
      <div class="np-discuss"><span>{comment_count(article)} comments</span></div>
    </div>
    <div class="np-sidebar"><h4>Trending now</h4><ol><li><a href="#">Markets close mixed</a></li><li><a href="#">Weekend box office</a></li></ol></div>
  </div>
</body>
</html>
"""


def render_justice(article: Article, siblings: list[Article]) -> str:
    """A U.S. Attorney's Office press release styled like justice.gov."""
    m = article.meta
    office = escape(m["office"])
    topics = ", ".join(escape(t) for t in m["topics"])
    components = escape(m["office"])
    return f"""<!DOCTYPE html>
<html lang="{m['language']}">
{head_html(article, 'doj')}
<body class="page-node-type-press-release">
  <div class="usa-banner">An official website of the United States government <button>Here's how you know</button></div>
  <header class="usa-header">
    <div class="usa-logo"><a href="#">United States Department of Justice</a></div>
    <nav class="usa-nav"><a href="#">About</a> <a href="#">Our Work</a> <a href="#">News</a> <a href="#">Resources</a> <a href="#">Careers</a> <a href="#">Contact</a></nav>
  </header>
  <div class="usao-district-banner">U.S. Attorney's Office, {office}</div>
  <main id="main-content">
    <div class="node-type">Press Release</div>
    <h1 class="page-title">{escape(m['title'])}</h1>
    <div class="node-release-date"><span>For Immediate Release</span></div>
    <div class="node-component">U.S. Attorney's Office, {office}</div>
    <div class="node-date"><time datetime="{article.published.isoformat()}">{long_date(article.published)}</time></div>
    <div class="field-formatted-text">
{body_html(article, '      ')}
    </div>
    <div class="node-topics"><span class="label">Topic(s):</span> {topics}</div>
    <div class="node-components"><span class="label">Component(s):</span> <a href="#">USAO - {components}</a></div>
    <div class="node-contact"><span class="label">Contact</span> <p>Public Affairs Office<br>{escape(m['contact'])}</p></div>
    <div class="node-updated">Updated {long_date(article.published)}</div>
  </main>
  <footer class="usa-footer">
    <ul><li><a href="#">Accessibility</a></li><li><a href="#">FOIA</a></li><li><a href="#">No FEAR Act Data</a></li><li><a href="#">Vulnerability Disclosure</a></li><li><a href="#">Privacy Policy</a></li></ul>
  </footer>
</body>
</html>
"""


def render_newscenter9(article: Article, siblings: list[Article]) -> str:
    """A local TV station: live banner, weather widget, related stories, cookie notice."""
    m = article.meta
    related = "\n".join(
        f'        <li><a href="{r.url}">{escape(r.meta["title"])}</a></li>' for r in related_links(article, siblings, 3)
    )
    return f"""<!DOCTYPE html>
<html lang="{m['language']}">
{head_html(article, 'nc9')}
<body>
  <div class="live-banner">LIVE NOW: NewsCenter 9 at Noon <a href="#">Watch live</a></div>
  <header class="station-header"><a href="{BASE}/newscenter9/" class="station-logo">NewsCenter 9</a>
    <div class="weather-widget">Currently 48&#176; Partly cloudy &#183; 7-day forecast</div></header>
  <div class="page">
    <article class="nc9-story">
      <h1>{escape(m['title'])}</h1>
      <div class="nc9-byline">Author: {escape(m['author'])} <time datetime="{article.published.isoformat()}">Published: {long_date(article.published)}</time></div>
      <div class="nc9-text">
{body_html(article, '        ')}
      </div>
    </article>
    <aside class="related-stories">
      <h2>Related Stories</h2>
      <ul>
{related}
      </ul>
    </aside>
  </div>
  <div class="cookie-notice">We use cookies to personalize content and ads and to analyze our traffic. <button>Accept all cookies</button></div>
</body>
</html>
"""


TEMPLATES: dict[str, Callable[[Article, list[Article]], str]] = {
    "morning-ledger": render_morning_ledger,
    "verity-check": render_verity_check,
    "newspulse": render_newspulse,
    "justice": render_justice,
    "newscenter9": render_newscenter9,
}


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Feed order: newest first, ties broken by path so output never depends on file order."""
    return sorted(articles, key=lambda a: (a.published, a.path), reverse=True)


def rss_feed(articles: list[Article]) -> str:
    """RSS 2.0 for the newspaper and the fact-check site, newest first."""
    items = []
    for a in newest_first(a for a in articles if a.outlet in RSS_OUTLETS):
        items.append(f"""    <item>
      <title>{escape(a.meta['title'])}</title>
      <link>{a.url}</link>
      <guid isPermaLink="true">{a.url}</guid>
      <pubDate>{format_datetime(a.published)}</pubDate>
      <dc:creator>{escape(a.meta['author'])}</dc:creator>
      <category>{escape(a.meta['section'])}</category>
      <description>{escape(a.summary)}</description>
    </item>""")
    newest = max(a.published for a in articles if a.outlet in RSS_OUTLETS)
    body = "\n".join(items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>The Morning Ledger and Verity Check</title>
    <link>{BASE}/</link>
    <atom:link href="{BASE}/feeds/rss.xml" rel="self" type="application/rss+xml"/>
    <description>Latest stories from The Morning Ledger and Verity Check</description>
    <language>en-us</language>
    <lastBuildDate>{format_datetime(newest)}</lastBuildDate>
{body}
  </channel>
</rss>
"""


def atom_feed(articles: list[Article]) -> str:
    """Atom 1.0 for the aggregator and the press releases, newest first."""
    chosen = newest_first(a for a in articles if a.outlet in ATOM_OUTLETS)
    entries = []
    for a in chosen:
        stamp = a.published.isoformat()
        entries.append(f"""  <entry>
    <title>{escape(a.meta['title'])}</title>
    <link rel="alternate" type="text/html" href="{a.url}"/>
    <id>{a.url}</id>
    <published>{stamp}</published>
    <updated>{stamp}</updated>
    <author><name>{escape(a.meta['author'])}</name></author>
    <summary>{escape(a.summary)}</summary>
  </entry>""")
    body = "\n".join(entries)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>NewsPulse Wire and Justice News</title>
  <id>{BASE}/feeds/atom.xml</id>
  <link rel="self" href="{BASE}/feeds/atom.xml"/>
  <updated>{chosen[0].published.isoformat()}</updated>
{body}
</feed>
"""


def news_sitemap(articles: list[Article]) -> str:
    """A Google News sitemap listing every page, including the ones that are meant to fail."""
    urls = []
    for a in sorted(articles, key=lambda a: a.path):
        urls.append(f"""  <url>
    <loc>{a.url}</loc>
    <news:news>
      <news:publication>
        <news:name>{escape(OUTLET_NAMES[a.outlet])}</news:name>
        <news:language>{a.meta['language']}</news:language>
      </news:publication>
      <news:publication_date>{a.published.isoformat()}</news:publication_date>
      <news:title>{escape(a.meta['title'])}</news:title>
    </news:news>
  </url>""")
    body = "\n".join(urls)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{body}
</urlset>
"""


ROBOTS = f"""User-agent: *
Disallow: /private/

Sitemap: {BASE}/sitemap-news.xml
"""


def expected_entries(articles: list[Article]) -> list[dict[str, Any]]:
    """The answer key: what the pipeline should make of every page and feed item."""
    entries = []
    for a in sorted(articles, key=lambda a: (a.published, a.path)):
        m = a.meta
        entries.append({
            "path": a.path,
            "id": m["id"],
            "outlet": a.outlet,
            "title": m["title"],
            "published": a.published.isoformat(),
            "language": m["language"],
            "kind": a.kind,
            "incident": m.get("incident"),
            "duplicate_of": m.get("body_from"),
            "events": [
                {"type": e["type"], "state": e.get("state"), "district": e.get("district")}
                for e in m.get("events", [])
            ],
        })
    return entries


def build(out: Path = SITE_DIR, expected: Path = EXPECTED_FILE, articles_dir: Path = ARTICLES_DIR) -> list[Article]:
    """Write the whole site into `out` (replacing it) and the answer key into `expected`."""
    articles = load_articles(articles_dir)
    if out.exists():
        if any(out.iterdir()) and not (out / "robots.txt").exists():
            raise SystemExit(f"refusing to replace {out}: it does not look like a built demo site")
        shutil.rmtree(out)
    by_outlet = {name: [a for a in articles if a.outlet == name] for name in TEMPLATES}
    for a in articles:
        if a.kind == "missing_404":
            continue
        page = out / a.path.lstrip("/")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(TEMPLATES[a.outlet](a, by_outlet[a.outlet]), encoding="utf-8")
    (out / "feeds").mkdir(parents=True, exist_ok=True)
    (out / "feeds" / "rss.xml").write_text(rss_feed(articles), encoding="utf-8")
    (out / "feeds" / "atom.xml").write_text(atom_feed(articles), encoding="utf-8")
    (out / "sitemap-news.xml").write_text(news_sitemap(articles), encoding="utf-8")
    (out / "robots.txt").write_text(ROBOTS, encoding="utf-8")
    answer_key = json.dumps({"pages": expected_entries(articles)}, indent=2, ensure_ascii=False)
    expected.write_text(answer_key + "\n", encoding="utf-8")
    return articles


def main() -> None:
    """Command line: rebuild the committed site, or build into another directory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SITE_DIR, help="site directory to (re)create")
    parser.add_argument("--expected", type=Path, default=EXPECTED_FILE, help="where to write the answer key")
    args = parser.parse_args()
    articles = build(args.out, args.expected)
    print(f"built {len(articles)} pages into {args.out}")


if __name__ == "__main__":
    main()
