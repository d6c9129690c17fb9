"""Aside, footer and nav subtrees dropped before trafilatura's pass leave its text as it was on the whole page."""

from __future__ import annotations

import trafilatura
from lxml.html import tostring
from trafilatura.utils import load_html

from extractors import article

BODY = "".join(
    f"<p>Paragraph {n}: neighbours on Cedar Avenue in Des Moines said the agents left before the school bus came."
    "</p>"
    for n in range(10)
)


def page(furniture: str) -> str:
    return (
        "<html><head><title>Agents on Cedar Avenue</title></head><body><main><article><h1>Agents on Cedar Avenue</h1>"
        f"{BODY}</article>{furniture}</main></body></html>"
    )


def whole_page_text(html: str) -> str:
    """What trafilatura's fast pass finds on the page as parsed, nothing dropped."""
    doc = trafilatura.bare_extraction(load_html(html), options=article._for_page(article._FAST_PASS, None))
    return doc.text


def test_plain_furniture_is_dropped_with_its_tail_kept() -> None:
    tree = load_html(page("<nav><a href='/'>Home</a> <a href='/local'>Local</a></nav>after the menu"
                          "<aside><ul><li><a href='/a'>Most read</a></li></ul></aside>tail text<footer>Legal</footer>"))
    assert article._drop_furniture(tree)
    html = tostring(tree, encoding="unicode")
    assert "<aside" not in html and "<footer" not in html and "<nav" not in html
    assert "Most read" not in html and "Local" not in html
    assert "tail text" in html and "after the menu" in html


def test_furniture_holding_what_trafilatura_reads_first_is_kept() -> None:
    for inside in ("<h1>Second story</h1>", '<script type="application/ld+json">{}</script>',
                   '<div id="data-preloaded" data-preloaded="{}"></div>', "<figure><figure>Photo</figure></figure>"):
        tree = load_html(page(f"<aside>{inside}</aside>"))
        assert not article._drop_furniture(tree), inside
        assert tree.find(".//aside") is not None


def test_a_nested_tag_keeps_every_element_of_that_tag() -> None:
    tree = load_html(page("<aside><aside>Inner</aside></aside><aside>Later</aside><footer>Legal</footer>"))
    article._drop_furniture(tree)
    assert len(tree.findall(".//aside")) == 3
    assert tree.find(".//footer") is None


def test_extracted_text_is_the_whole_page_text() -> None:
    for furniture in (
        "<aside><h2>Related</h2><p>Another story from Polk County.</p></aside>between<footer><p>Contact us</p></footer>",
        "<aside><aside>Inner</aside></aside>after the asides<aside><p>Later aside</p></aside>",
        "<div class='share'><aside>Share this</aside> and <footer>Legal</footer></div>",
        "<nav><ul><li><a href='/news'>News</a></li><li><a href='/sports'>Sports</a></li></ul></nav>below the menu",
    ):
        html = page(furniture)
        assert article.extract_article(html).text.startswith("Paragraph 0")
        assert article._main_text(html, load_html(html), None).text == whole_page_text(html)


def test_too_little_text_runs_again_on_the_whole_page(monkeypatch) -> None:
    html = "<html><body><div><aside>Only an aside here</aside><p>Agents came.</p></div></body></html>"
    trees: list[str] = []
    real = trafilatura.bare_extraction

    def recording(tree, **kwargs):  # noqa: ANN001, ANN003, ANN202 - a stand-in with trafilatura's signature
        trees.append(tostring(tree, encoding="unicode"))
        return real(tree, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", recording)
    article._main_text(html, load_html(html), None)
    assert "<aside" not in trees[0]
    assert all("<aside" in tree for tree in trees[1:]) and len(trees) == 3
