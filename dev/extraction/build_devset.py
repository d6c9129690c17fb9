"""Write the extraction dev set: each story wrapped in one outlet template, with that outlet's boilerplate.

Run `python dev/extraction/build_devset.py` to regenerate `pages/<name>.html`, `pages/<name>.txt` (expected main
text, one paragraph a line) and `manifest.json` (url, template, title, date, language, boilerplate markers). The
markers are substrings of the inserted boilerplate that must not survive extraction; the build checks that none of
them occurs in the expected text. Placement varies per page from a seeded RNG, so templates are not one fixed shape.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from stories import STORIES, Story  # noqa: E402
from stories_round2 import ROUND2  # noqa: E402

HERE = Path(__file__).parent
Marker = tuple[str, str]  # (boilerplate kind, substring that must not survive)

PEOPLE = ["Dana Kowalski", "Luis Ortega", "Priya Raman", "Tom Whitfield", "Ana Beltrán", "Grace Oyelaran",
          "Martin Novak", "Keisha Dunmore", "Jorge Salcedo", "Hannah Lindgren"]
RELATED = [
    "City council demands answers after weekend raids",
    "What to know about your rights during an ICE stop",
    "Families wait for news outside detention center",
    "Judge weighs request to limit crowd-control weapons",
    "State lawmakers push bill on masked agents",
    "Sheriff ends jail agreement with federal authorities",
    "Schools see attendance drop amid enforcement surge",
]
QUESTIONS = [
    "What federal statutes apply when someone interferes with an immigration arrest?",
    "How do courts decide whether a federal officer acted within the scope of duty?",
    "Which states have created offices to collect complaints about federal agents?",
    "How have immigration detention populations changed over the past year?",
    "What rights do bystanders have to record law enforcement in public?",
]
CREDITS = [
    ("{who}. Photograph: {name}/AP", "Photograph:"),
    ("{who}. (AP Photo/{name})", "AP Photo/"),
    ("{who}. Photo by {name} for {site}", "Photo by"),
    ("{who} Credit: {name}/Reuters", "Credit:"),
    ("{who}. {name}/Getty Images", "Getty Images"),
]
SCENES = [
    ("Protesters gather outside the federal building on Monday", "protesters hold signs near a fence"),
    ("Agents load detainees into a van after the arrests", "men in tactical vests stand beside a white van"),
    ("Residents watch from a sidewalk during the operation", "a crowd of people on a sidewalk"),
    ("Officials speak at a news conference at City Hall", "a woman speaks into microphones"),
]


def page_date(rng: random.Random) -> date:
    return date(2026, 1, 5) + timedelta(days=rng.randrange(300))


def head(title: str, site: str, when: date, author: str, lang: str, charset: str = "utf-8", extra: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}">'
        f"<title>{escape(title)} | {escape(site)}</title>"
        f'<meta property="og:title" content="{escape(title)}"><meta property="og:site_name" content="{escape(site)}">'
        f'<meta name="author" content="{escape(author)}">'
        f'<meta property="article:published_time" content="{when.isoformat()}T14:05:00Z">'
        f'<meta name="viewport" content="width=device-width"><link rel="stylesheet" href="/static/site.css">'
        f"<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}</script>"
        f"{extra}</head>"
    )


SUBSECTIONS = ["Local", "State", "Nation", "World", "Politics", "Courts", "Crime", "Education", "Business",
               "Health", "Climate", "Transportation", "Opinion", "Editorials", "Letters", "Obituaries", "Sports",
               "Arts", "Food", "Travel", "Real Estate", "Weather", "Traffic", "Podcasts", "Video", "Photos"]


def nav(site: str, sections: list[str]) -> str:
    """A site-wide mega-menu, as real outlets ship on every page (hundreds of links the extractor must skip)."""
    menus = []
    for sec in sections + SUBSECTIONS[:8]:
        items = "".join(f'<li><a href="/{sec.lower()}/{sub.lower().replace(" ", "-")}">{sub}</a></li>'
                        for sub in SUBSECTIONS)
        menus.append(f'<li class="menu-item"><a href="/{sec.lower()}">{sec}</a><ul class="submenu">{items}</ul></li>')
    search = '<form class="search" action="/search"><input name="q" placeholder="Search"><button>Go</button></form>'
    return (f'<header class="masthead"><a class="logo" href="/">{escape(site)}</a>{search}'
            f'<nav class="primary-nav"><ul>{"".join(menus)}</ul></nav></header>')


def sidebar(rng: random.Random) -> str:
    """'Most read' rail and ad slots beside the article."""
    items = "".join(f'<li><a href="/news/{i}"><span class="rank">{i + 1}</span>{escape(h)}</a></li>'
                    for i, h in enumerate(rng.sample(RELATED, 5)))
    ads = "".join(f'<div class="ad-slot" id="ad-rail-{i}" data-size="300x250"></div>' for i in range(3))
    return f'<aside class="rail"><h3>Most read</h3><ol>{items}</ol>{ads}</aside>'


def app_state(rng: random.Random) -> str:
    """The inline JSON state blob of a JavaScript front end (tens of kilobytes on real pages)."""
    entries = ",".join(f'{{"id":{rng.randrange(10**6)},"slot":"rail-{i}","targeting":{{"pos":"{i}","kw":["news"]}}}}'
                       for i in range(300))
    return f'<script id="__APP_STATE__" type="application/json">{{"ads":[{entries}]}}</script>'


def footer(site: str) -> str:
    columns = "".join(
        f'<div class="col"><h4>{name}</h4><ul>'
        + "".join(f'<li><a href="/{name.lower()}/{sub.lower().replace(" ", "-")}">{sub}</a></li>' for sub in SUBSECTIONS)
        + "</ul></div>"
        for name in ("Sections", "Services", "Company")
    )
    return (
        f'<footer>{columns}<p>&copy; 2026 {escape(site)}. All rights reserved.</p><ul><li><a href="/about">About us'
        '</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer></body></html>'
    )


def paras(ps: list[str]) -> list[str]:
    return [f"<p>{escape(p)}</p>" for p in ps]


def figure(rng: random.Random, site: str, markers: list[Marker], alt_line: bool) -> str:
    who, alt = rng.choice(SCENES)
    fmt, marker = rng.choice(CREDITS)
    caption = fmt.format(who=who, name=rng.choice(PEOPLE), site=site)
    markers.append(("caption", marker))
    alt_html = ""
    if alt_line:
        alt_html = f'<span class="img-desc">{escape(alt)}</span>'
        markers.append(("caption", alt))
    return f'<figure><img src="/img/{rng.randrange(9999)}.jpg" alt="{escape(alt)}">{alt_html}<figcaption>{escape(caption)}</figcaption></figure>'


def related_block(rng: random.Random, markers: list[Marker], as_list: bool) -> str:
    heads = rng.sample(RELATED, 3)
    markers.append(("related", heads[0]))
    title = rng.choice(["Related Stories", "More on this story", "Recommended", "Also read"])
    markers.append(("related", title))
    if as_list:
        items = "".join(f'<li><a href="/news/{i}">{escape(h)}</a></li>' for i, h in enumerate(heads))
        return f"<div><h4>{title}</h4><ul>{items}</ul></div>"
    return f"<h4>{title}</h4>" + "".join(f'<p><a href="/news/{i}">{escape(h)}</a></p>' for i, h in enumerate(heads))


def read_more(rng: random.Random, markers: list[Marker]) -> str:
    choice = rng.randrange(4)
    head_line = rng.choice(RELATED)
    markers.append(("read_more", head_line))
    if choice == 0:
        return f'<p><strong>Read more:</strong> <a href="/news/x">{escape(head_line)}</a></p>'
    if choice == 1:
        return f'<p>READ MORE: <a href="/news/y">{escape(head_line)}</a></p>'
    if choice == 2:
        return f'<p><a href="/news/z">{escape(head_line)}</a> <span>Continue reading</span></p>'
    return f'<p>Also read: <a href="/news/w">{escape(head_line)}</a></p>'


def newsletter(rng: random.Random, site: str, markers: list[Marker]) -> str:
    variants = [
        (f"Sign up for the {site} Morning Brief to get the day's top stories delivered to your inbox.", "Morning Brief"),
        ("Get the latest immigration news in your inbox every weekday. Subscribe to our free newsletter.",
         "free newsletter"),
        ("Never miss a story: sign up for breaking news alerts.", "breaking news alerts"),
    ]
    text, marker = rng.choice(variants)
    markers.append(("newsletter", marker))
    form = '<form><input type="email" placeholder="Email address"><button>Sign up</button></form>'
    return f"<div><p>{escape(text)}</p>{form}</div>"


def donation(rng: random.Random, site: str, markers: list[Marker]) -> str:
    variants = [
        (f"Keep {site} independent", "Whether you agree or disagree with our analysis, these conversations matter. "
         "We don't take money from political groups - even a $5 donation helps us keep it that way.",
         "Loading...Goal: 1,000 supporters"),
        ("Support local journalism", f"{site} is a nonprofit newsroom funded by readers like you. "
         "Become a member today and help us reach 500 new supporters this month.", "Loading..."),
        ("Before you go", "Our reporting on immigration is free to read because readers chip in. "
         "If you value it, make a tax-deductible gift of any size.", "Donate now"),
    ]
    heading, body, tail = rng.choice(variants)
    markers.extend([("donation", heading), ("donation", body[:30]), ("donation", tail)])
    return f"<section><h3>{escape(heading)}</h3><p>{escape(body)}</p><p>{escape(tail)}</p><p>Loading...</p></section>"


def share_bar(rng: random.Random, markers: list[Marker]) -> str:
    text = rng.choice(["Share this article", "Share on Facebook Share on X Email", "Share Tweet Email Print",
                       "Copy link"])
    markers.append(("share", text))
    return f"<div><p>{escape(text)}</p></div>"


def comments_widget(rng: random.Random, markers: list[Marker]) -> str:
    n = rng.randrange(3, 250)
    text = rng.choice([f"{n} Comments", "View comments", "Join the conversation", "Comments"])
    markers.append(("comments", text))
    return f"<p><a href='#comments'>{text}</a></p>"


def cookie_notice(markers: list[Marker]) -> str:
    text = ("We use cookies to personalise content and analyse our traffic. By continuing to browse, you accept "
            "our use of cookies.")
    markers.append(("cookie", "We use cookies"))
    return f"<div><p>{text}</p><button>Accept</button></div>"


def questions(rng: random.Random, markers: list[Marker]) -> str:
    qs = rng.sample(QUESTIONS, rng.randrange(3, 6))
    markers.extend([("questions", "Want to dive deeper?"), ("questions", qs[0])])
    return "<div><h3>Want to dive deeper?</h3>" + "".join(f"<p><a href='/q'>{escape(q)}</a></p>" for q in qs) + "</div>"


def build_page(template: str, story: Story, rng: random.Random) -> tuple[str, str, date, list[Marker]]:
    """Return (html, url, date, markers) for one story in one outlet template."""
    slug, title, lang, body = story
    when = page_date(rng)
    author = rng.choice(PEOPLE)
    markers: list[Marker] = []
    blocks = paras(body)

    def insert(html: str, lo: int = 1) -> None:
        blocks.insert(rng.randrange(lo, max(lo, len(blocks) - 1) + 1), html)

    if template == "metro":
        site = rng.choice(["The Lakeside Ledger", "Metro Daily Record"])
        url = f"https://www.lakesideledger.com/news/2026/{slug}"
        insert(figure(rng, site, markers, alt_line=rng.random() < 0.6))
        insert(read_more(rng, markers))
        if rng.random() < 0.6:
            insert(related_block(rng, markers, as_list=rng.random() < 0.5), lo=2)
        rel = f"{rng.randrange(2, 11)} hours ago"
        markers.append(("relative_time", rel))
        label = rng.choice(["IMMIGRATION", "POLITICS", "LOCAL NEWS"])
        markers.append(("section_label", label))
        top = f"<p class='kicker'>{label}</p><p class='timestamp'>{rel}</p><h1>{escape(title)}</h1>"
        top += f"<p class='byline'>By {escape(author)}</p>"
        tail = newsletter(rng, site, markers) + share_bar(rng, markers) + comments_widget(rng, markers)
        page = (head(title, site, when, author, lang) + "<body>" + nav(site, ["News", "Politics", "Sports"])
                + f"<main><article>{top}<div class='article-body'>{''.join(blocks)}</div>{tail}</article></main>"
                + sidebar(rng) + app_state(rng) + footer(site))
    elif template == "wire":
        site = "Wire Service News"
        url = f"https://wireservice.example/article/{slug}-{rng.randrange(10**8):08x}"
        stamp = f"Updated {when.strftime('%B')} {when.day}, {when.year}, 3:{rng.randrange(10, 59)} PM"
        markers.append(("date_stamp", stamp))
        gallery = figure(rng, site, markers, alt_line=False)
        insert(related_block(rng, markers, as_list=True), lo=2)
        copyright_line = "Copyright 2026 Wire Service News. All rights reserved. This material may not be published."
        markers.append(("copyright", "This material may not be published"))
        top = f"<h1>{escape(title)}</h1><div><span>By {escape(author)}</span> <span>{stamp}</span></div>{gallery}"
        tail = share_bar(rng, markers) + f"<p>{copyright_line}</p>"
        cookie = cookie_notice(markers) if rng.random() < 0.5 else ""
        page = (head(title, site, when, author, lang) + "<body>" + cookie + nav(site, ["World", "U.S.", "Business"])
                + f"<main><div class='story'>{top}{''.join(blocks)}{tail}</div></main>" + sidebar(rng) + app_state(rng) + footer(site))
    elif template == "gov":
        state_ag = slug.startswith(("state-", "governor-"))
        site = "Office of the Governor" if slug.startswith("governor") else (
            "Office of the Attorney General" if state_ag else "United States Department of Justice")
        url = (f"https://www.justice.gov/usao-{slug.split('-')[1]}/pr/{slug}" if not state_ag
               else f"https://www.state.example.gov/news/{slug}")
        stamp = f"Updated {when.strftime('%B')} {when.day}, {when.year}"
        markers.append(("date_stamp", stamp))
        crumbs = "<ol class='breadcrumb'><li>Home</li><li>News</li><li>Press Releases</li></ol>"
        kicker = "<div><p>PRESS RELEASE</p></div>"
        markers.append(("section_label", "PRESS RELEASE"))
        meta = (f"<div><p>Topic</p><p>Immigration</p><p>Component</p><p>{escape(site)}</p>"
                f"<p>Press Release Number: 26-{rng.randrange(100, 999)}</p></div>")
        markers.append(("metadata_widget", "Press Release Number"))
        contact = "<div><p>Contact</p><p>Public Affairs Office, press@state.example.gov</p></div>"
        blocks.append("<p>###</p>")
        page = (head(title, site, when, author, lang) + "<body>" + nav(site, ["About", "News", "Contact"]) + crumbs
                + f"<main>{kicker}<h1>{escape(title)}</h1><div><time>{when.strftime('%A, %B')} {when.day}, "
                f"{when.year}</time></div><div class='field--body'>{''.join(blocks)}</div>{meta}{contact}"
                f"<p>{stamp}</p></main>" + sidebar(rng) + app_state(rng) + footer(site))
    elif template == "factcheck":
        site = rng.choice(["Factually", "CheckPoint Review"])
        url = f"https://factually.example/question/{slug}"
        checked = f"Checked on {when.strftime('%B')} {when.day}, {when.year}"
        disclaimer = f"Disclaimer: {site} can make mistakes. Please verify important info or breaking news. Learn more."
        markers.extend([("date_stamp", checked), ("disclaimer", "can make mistakes")])
        blocks = [f"<h2>{escape(p)}</h2>" if len(p.split()) <= 10 else f"<p>{escape(p)}</p>" for p in body]
        sources = "<div><h3>Sources</h3><ol><li>Court filing summary</li><li>Local news report</li></ol></div>"
        page = (head(title, site, when, author, lang) + "<body>" + nav(site, ["Questions", "About"])
                + f"<main>{donation(rng, site, markers)}<h1>{escape(title)}</h1><p>{checked}</p>"
                f"<p>{escape(disclaimer)}</p><div class='answer'>{''.join(blocks)}</div>"
                f"{questions(rng, markers)}{sources}</main>" + sidebar(rng) + app_state(rng) + footer(site))
    elif template == "aggregator":
        site = rng.choice(["NewsFlash Hub", "Daily Feed Now"])
        url = f"https://newsflashhub.example/{slug}"
        label = rng.choice(["CELEBRITY", "TRENDING", "POLITICS"])
        breaking = f"BREAKING: {body[0].split('. ')[0].rstrip('.')}."
        markers.extend([("section_label", label), ("repeated_headline", "BREAKING:")])
        top = f"<div><span>{label}</span></div><p>{escape(breaking)}</p><p>{escape(breaking)}</p><h2>{escape(title)}</h2>"
        insert(read_more(rng, markers))
        tail = ("<p><a href='/src'>Read Entire Article</a></p><p>Comments</p><div><span>News Networks</span></div>")
        markers.extend([("read_more", "Read Entire Article"), ("comments", "Comments")])
        page = (head(title, site, when, author, lang) + "<body>" + nav(site, ["Home", "Trending"])
                + f"<div id='content'>{top}{''.join(blocks)}{tail}</div>" + sidebar(rng) + app_state(rng) + footer(site))
    elif template == "liveblog":
        site = rng.choice(["The Coastal Tribune", "Pacific Standard Daily"])
        url = f"https://coastaltribune.example/live/{slug}"
        entries = []
        minute = 0
        for p in body:
            minute += rng.randrange(7, 40)
            t = f"{(8 + minute // 60 - 1) % 12 + 1}:{minute % 60:02d} p.m. ET"
            markers.append(("date_stamp", t))
            entries.append(f"<div class='update'><p><time>{t}</time></p><p>{escape(p)}</p>"
                           f"<p><button>Share this update</button></p></div>")
        markers.append(("share", "Share this update"))
        markers.append(("placeholder", "Loading more updates"))
        page = (head(title, site, when, author, lang) + "<body>" + nav(site, ["Live", "Local"])
                + f"<main><h1>{escape(title)}</h1><p>Live updates</p>{''.join(entries)}"
                f"<p>Loading more updates...</p></main>" + sidebar(rng) + app_state(rng) + footer(site))
        markers.append(("section_label", "Live updates"))
    elif template == "localtv":
        site = rng.choice(["WKTV 7 News", "KVXA Channel 4"])
        url = f"https://www.wktv7.example/news/local/{slug}/{rng.randrange(10**6)}"
        video = "<div class='player'><p>Loading...</p><p>Watch: Latest headlines from the newsroom</p></div>"
        markers.extend([("placeholder", "Loading..."), ("read_more", "Watch: Latest headlines")])
        app = "<p>Download the WKTV 7 app and turn on push notifications for breaking news alerts.</p>"
        markers.append(("newsletter", "push notifications"))
        insert(app)
        insert("<p>Advertisement</p>")
        markers.append(("placeholder", "Advertisement"))
        copyright_line = f"<p>Copyright 2026 by {escape(site)} - All rights reserved.</p>"
        markers.append(("copyright", "All rights reserved"))
        report = "<p><a href='/typo'>Report a typo</a></p>"
        markers.append(("widget", "Report a typo"))
        page = (head(title, site, when, author, lang) + "<body>" + nav(site, ["Weather", "News", "Traffic"])
                + f"<main><h1>{escape(title)}</h1>{video}<p>By {escape(author)}</p>{''.join(blocks)}"
                f"{copyright_line}{report}</main>" + sidebar(rng) + app_state(rng) + footer(site))
    elif template == "magazine":
        site = "The Long Read Quarterly"
        url = f"https://longreadquarterly.example/features/{slug}"
        quote_src = max(body[1:], key=len)
        pull = quote_src.split(". ")[0].rstrip(".") + "."
        markers.append(("repeated_text", pull))  # must survive once (in its paragraph), not twice
        insert(f"<blockquote class='pull'><p>{escape(pull)}</p></blockquote>", lo=len(blocks) - 1)
        insert(figure(rng, site, markers, alt_line=False))
        bio = f"{author} is a contributing writer at {site}. Her reporting has been supported by a journalism fellowship."
        edition = f"This article appears in the {when.strftime('%B')} {when.year} issue of {site}."
        paywall = "You have 2 free articles remaining this month. Subscribe for unlimited access."
        markers.extend([("author_bio", "is a contributing writer"), ("edition_note", "This article appears in"),
                        ("newsletter", "free articles remaining")])
        page = (head(title, site, when, author, lang) + "<body>" + nav(site, ["Features", "Culture"])
                + f"<main><article><h1>{escape(title)}</h1><p class='dek'>{escape(author)}</p>"
                f"<p>{paywall}</p>{''.join(blocks)}<p><em>{escape(bio)}</em></p><p><em>{escape(edition)}</em></p>"
                "</article></main>" + sidebar(rng) + app_state(rng) + footer(site))
    elif template in ROUND2_TEMPLATES:
        page, url = ROUND2_TEMPLATES[template](story, rng, when, author, blocks, markers)
    else:
        raise ValueError(template)
    return page, url, when, markers


def pubradio(story: Story, rng: random.Random, when: date, author: str, blocks: list[str], markers: list[Marker]
             ) -> tuple[str, str]:
    """A public radio station's web story: audio player, station credit, pledge box, tags, more-stories rail."""
    slug, title, lang, _ = story
    site = "KXRD Public Radio"
    credit = f"{rng.choice(SCENES)[0]}. {rng.choice(PEOPLE)}/KXRD"
    blocks.insert(1, f"<div class='img'><img src='/i.jpg'><p class='caption'>{escape(credit)}</p></div>")
    blocks.insert(0, f"<div class='audio'><p>Listen · {rng.randrange(2, 6)}:{rng.randrange(10, 59)}</p></div>")
    pledge = ("<div><p>Your gift powers independent local news. Give now and your donation will be matched.</p>"
              "</div>")
    tags = "<p>Tags: Immigration | Border | Local News</p>"
    more = "<h3>More Stories from KXRD</h3>" + "".join(f"<p><a href='/s/{i}'>{escape(h)}</a></p>"
                                                        for i, h in enumerate(rng.sample(RELATED, 3)))
    blocks.insert(len(blocks) - 1, pledge)
    copyright_line = "<p>Copyright 2026 KXRD. To see more, visit kxrd.example.</p>"
    markers.extend([("caption", "/KXRD"), ("placeholder", "Listen ·"), ("donation", "Your gift powers"),
                    ("tags", "Tags:"), ("related", "More Stories from KXRD"), ("copyright", "To see more, visit")])
    page = (head(title, site, when, author, lang) + "<body>" + nav(site, ["News", "Music"])
            + f"<main><h1>{escape(title)}</h1><p>By {escape(author)}</p>{''.join(blocks)}{tags}{more}"
            f"{copyright_line}</main>" + sidebar(rng) + app_state(rng) + footer(site))
    return page, f"https://www.kxrd.example/news/{when.isoformat()}/{slug}"


def legalnews(story: Story, rng: random.Random, when: date, author: str, blocks: list[str], markers: list[Marker]
              ) -> tuple[str, str]:
    """A court-news site: metered paywall, inline 'Related:' links, docket box, correction contact, top stories."""
    slug, title, lang, _ = story
    site = "Courtroom Dispatch"
    stamp = f"Updated: {when.strftime('%B')} {when.day}, {when.year} at {rng.randrange(1, 12)}:{rng.randrange(10, 59)} p.m."
    related = f"<p>Related: <a href='/r'>{escape(rng.choice(RELATED))}</a></p>"
    blocks.insert(2, related)
    blocks.insert(1, "<p><i>Image: The federal courthouse in San Francisco (Wikimedia Commons)</i></p>")
    docket = f"<div><p>Case: {rng.randrange(20, 26)}-{rng.randrange(1000, 9999)}</p></div>"
    tools = "<p>Print | Email | Share</p>"
    tip = "<p>Got a tip? Send it to tips@courtroomdispatch.example.</p>"
    paywall = "<p>Subscribe to read unlimited articles from Courtroom Dispatch.</p>"
    top = "<h3>Top Stories</h3><ul>" + "".join(f"<li>{escape(h)}</li>" for h in rng.sample(RELATED, 3)) + "</ul>"
    markers.extend([("date_stamp", stamp), ("read_more", "Related:"), ("caption", "Wikimedia Commons"),
                    ("metadata_widget", "Case:"), ("share", "Print | Email"), ("newsletter", "Got a tip?"),
                    ("newsletter", "Subscribe to read"), ("related", "Top Stories")])
    page = (head(title, site, when, author, lang) + "<body>" + nav(site, ["Courts", "Appeals"])
            + f"<main><article><h1>{escape(title)}</h1><p>{stamp}</p>{tools}{''.join(blocks)}{docket}{tip}{paywall}"
            f"</article>{top}</main>" + sidebar(rng) + app_state(rng) + footer(site))
    return page, f"https://courtroomdispatch.example/{slug}"


def nonprofit(story: Story, rng: random.Random, when: date, author: str, blocks: list[str], markers: list[Marker]
              ) -> tuple[str, str]:
    """A nonprofit investigative newsroom: partnership note, republish widget, member appeal, signup, bio."""
    slug, title, lang, _ = story
    site = "The Open Ledger"
    blocks.insert(2, f"<p>{escape(rng.choice(SCENES)[0])}. ({escape(rng.choice(PEOPLE))}/The Open Ledger)</p>")
    appeal = ("<div><h4>Support our work</h4><p>We are a reader-supported nonprofit. Donate to keep investigations "
              "like this one free for everyone.</p></div>")
    blocks.insert(3, appeal)
    signup = "<div><p>Get our investigations delivered to your inbox.</p><p>Email*</p><p>Sign up</p></div>"
    republish = ("<div><h4>Republish This Story</h4><p>Our stories may be republished for free under a Creative "
                 "Commons license.</p></div>")
    partner = "<p><em>This story was produced in partnership with a regional public radio station.</em></p>"
    bio = f"<p>{escape(author)} is a reporter at The Open Ledger. Contact her at tips@openledger.example.</p>"
    markers.extend([("caption", "/The Open Ledger)"), ("donation", "reader-supported nonprofit"),
                    ("donation", "Support our work"), ("newsletter", "delivered to your inbox"),
                    ("share", "Republish This Story"), ("disclaimer", "produced in partnership"),
                    ("author_bio", "is a reporter at The Open Ledger")])
    page = (head(title, site, when, author, lang) + "<body>" + nav(site, ["Investigations", "About"])
            + f"<main><article><h1>{escape(title)}</h1><p>by {escape(author)}, {when.strftime('%b')}. {when.day}, "
            f"{when.year}</p>{''.join(blocks)}{partner}{signup}{bio}{republish}</article></main>"
            + sidebar(rng) + app_state(rng) + footer(site))
    return page, f"https://openledger.example/article/{slug}"


ROUND2_TEMPLATES = {"pubradio": pubradio, "legalnews": legalnews, "nonprofit": nonprofit}


TEMPLATES_BY_PREFIX = [
    ("usao-", "gov"), ("state-", "gov"), ("governor-", "gov"), ("wire-", "wire"), ("fc-", "factcheck"),
    ("agg-", "aggregator"), ("live-", "liveblog"), ("tv-", "localtv"), ("mag-", "magazine"), ("es-", "metro"),
    ("fr-", "wire"), ("radio-", "pubradio"), ("legal-", "legalnews"), ("nonprofit-", "nonprofit"), ("", "metro"),
]
# Pages stored in a charset other than the one they declare, as real servers do.
ENCODING_CASES = {"lake-street-raid": ("iso-8859-1", "utf-8"), "es-redadas-houston": ("windows-1252", "windows-1252"),
                  "tv-miami-krome": ("", "utf-8"), "mag-prosecutor-profile": ("utf-8", "utf-8-sig")}


def write_set(folder: Path, stories: list[Story]) -> None:
    pages = folder / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    manifest = []
    for story in stories:
        slug, title, lang, body = story
        template = next(t for prefix, t in TEMPLATES_BY_PREFIX if slug.startswith(prefix))
        rng = random.Random(slug)
        html, url, when, markers = build_page(template, story, rng)
        declared, actual = ENCODING_CASES.get(slug, ("utf-8", "utf-8"))
        html = html.replace('<meta charset="utf-8">', f'<meta charset="{declared}">' if declared else "")
        expected = "\n".join(body) + "\n"
        for kind, marker in markers:
            if kind != "repeated_text" and marker in expected:
                raise SystemExit(f"{slug}: marker {marker!r} ({kind}) occurs in the expected text")
        (pages / f"{slug}.html").write_bytes(html.encode(actual))
        (pages / f"{slug}.txt").write_text(expected, encoding="utf-8")
        manifest.append({"name": slug, "template": template, "url": url, "title": title,
                         "published": when.isoformat(), "language": lang,
                         "markers": [{"kind": k, "text": m} for k, m in markers]})
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{folder}: {len(manifest)} pages in {len({m['template'] for m in manifest})} templates")


def main() -> None:
    write_set(HERE, STORIES + ROUND2)


if __name__ == "__main__":
    main()
