"""`parse_html` builds the tree `trafilatura.utils.load_html` builds, on its own for ordinary pages and through
`load_html` for the pages that need its repairs."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml.html import HtmlElement, tostring
from trafilatura.utils import load_html

from bench.synthetic_site import PROFILES, build_site
from extractors import html_tree
from extractors.encoding import decode_html
from extractors.html_tree import parse_html

ROOT = Path(__file__).resolve().parents[2]
BODY = "<body><article><h1>Agents at the courthouse</h1><p>Neighbours in Salem said the agents left by noon.</p>" \
       "<p>The county’s sheriff — asked twice — declined to comment.</p></article></body>"


def serialised(tree: HtmlElement | None) -> tuple[bytes, str] | None:
    """The tree and its document's doctype (which `load_html` drops when it holds a "/")."""
    return None if tree is None else (tostring(tree), tree.getroottree().docinfo.doctype)


@pytest.fixture
def library_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages `parse_html` hands to `load_html` (which still builds their trees)."""
    calls: list[str] = []

    def counted(page: str) -> HtmlElement | None:
        calls.append(page)
        return load_html(page)

    monkeypatch.setattr(html_tree, "load_html", counted)
    return calls


def pages_on_disk(tmp_path: Path) -> list[str]:
    """Every HTML page the repository holds (fixtures, demo site) and synthetic pages of both profiles."""
    files = sorted(p for folder in ("tests", "demo") for p in (ROOT / folder).rglob("*.htm*"))
    for profile in PROFILES:
        site = tmp_path / profile
        files += [site / path.lstrip("/") for path in build_site(site, 40, profile=profile)]
    return [decode_html(file.read_bytes()) for file in files]


def test_every_page_gets_the_tree_trafilatura_builds_without_its_repairs(
    tmp_path: Path, library_calls: list[str]
) -> None:
    pages = pages_on_disk(tmp_path)
    assert len(pages) > 100
    for page in pages:
        assert serialised(parse_html(page)) == serialised(load_html(page))
    assert library_calls == []  # none of them needed `load_html`'s repairs


XHTML_DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/x.dtd">'


@pytest.mark.parametrize(
    "page",
    [
        f"<html><head><title>T</title></head>{BODY}</html>",
        f"<!DOCTYPE html>\n<html>{BODY}</html>",
        f"{XHTML_DOCTYPE}\n<html>{BODY}</html>",  # the doctype is dropped, as `load_html` drops it
        f"{XHTML_DOCTYPE}<html>{BODY}</html>",  # and a newline added after it: the page has none
        f'<html><head><meta charset="iso-8859-1"><title>Café</title></head>{BODY}</html>',
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>{BODY}</html>',
        "<div><p>A fragment, not a page.</p></div>",
        "<div><p>A fragment with an html word.</p></div>",
    ],
)
def test_ordinary_pages_are_parsed_here_as_trafilatura_parses_them(page: str, library_calls: list[str]) -> None:
    assert serialised(parse_html(page)) == serialised(load_html(page))
    assert library_calls == []


def with_character(character: str) -> str:
    return f"<html>{BODY.replace('noon.', 'noon.' + character)}</html>"


@pytest.mark.parametrize(
    "page",
    [
        with_character("\x0b"),  # control characters libxml2 refuses
        with_character("\x00"),
        with_character("\ufffe"),
        with_character("\uffff"),
        with_character("\ud800"),  # a lone surrogate
        f'<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"/>\n{BODY}',  # a self-closing html element
        f'<title>T</title>\n<html lang="en"/>\n{BODY}',  # after the head: libxml2 would keep the page, spaced otherwise
        f"{XHTML_DOCTYPE}\x01\n<html>{BODY}</html>",
        "<p>One paragraph</p>",  # parsed to an empty tree: `load_html` tries again
        "just some words",
        "<html></html>",
        "",
    ],
)
def test_pages_that_need_repairs_go_to_trafilatura(page: str, library_calls: list[str]) -> None:
    assert serialised(parse_html(page)) == serialised(load_html(page))
    assert library_calls == [page]
