"""The bare expat safety pass plus the C parser must refuse, reject and read exactly what defusedxml's parser did."""

from __future__ import annotations

import re
from xml.etree.ElementTree import ParseError, tostring

import defusedxml
import defusedxml.ElementTree
import pytest

from sources.adapters import SourceError
from sources.sitemaps import SM, parse_xml

URLSET = f'<urlset xmlns="{SM[1:-1]}"><url><loc>https://metro.example.com/a</loc></url></urlset>'
LAUGHS = '<!DOCTYPE urlset [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
DOCUMENTS = {
    "plain": f'<?xml version="1.0" encoding="UTF-8"?>\n{URLSET}',
    "bom": "\ufeff" + URLSET,
    "entity bomb": f'<?xml version="1.0"?>{LAUGHS}<urlset xmlns="{SM[1:-1]}"><url><loc>&lol2;</loc></url></urlset>',
    "declared but unused entity": f'<!DOCTYPE urlset [<!ENTITY x "y">]>{URLSET}',
    "external entity": f'<!DOCTYPE urlset [<!ENTITY ext SYSTEM "file:///etc/passwd">]>{URLSET[:-9]}&ext;</urlset>',
    "parameter entity": f'<!DOCTYPE urlset [<!ENTITY % p "<!ENTITY q \'z\'>"> %p;]>{URLSET}',
    "unparsed entity": f'<!DOCTYPE urlset [<!NOTATION png SYSTEM "image/png">'
                       f'<!ENTITY logo SYSTEM "logo.png" NDATA png>]>{URLSET}',
    "external dtd only": f'<!DOCTYPE urlset SYSTEM "https://metro.example.com/sitemap.dtd">{URLSET}',
    "external dtd, undefined entity": f'<?xml version="1.0" standalone="no"?><!DOCTYPE urlset SYSTEM "s.dtd">'
                                      f'{URLSET[:-9]}&nbsp;</urlset>',
    "element declarations only": f"<!DOCTYPE urlset [<!ELEMENT urlset ANY>]>{URLSET}",
    "undefined entity": f"{URLSET[:-9]}&nbsp;</urlset>",
    "unclosed": URLSET[:-9],
    "mismatched": URLSET.replace("</loc>", "</lok>"),
    "malformed before a declaration": f'<!DOCTYPE urlset [<!ELEMENT>]><!ENTITY x "y">]>{URLSET}',
    "declaration before malformed": f'<!DOCTYPE urlset [<!ENTITY x "y">]><urlset><url></urlset>',
    "empty": "",
    "not xml": "Sitemap moved to https://metro.example.com/news.xml",
    "comments and cdata": f'<!-- built 2025-03-05 -->{URLSET[:-9]}<url><loc><![CDATA[https://metro.example.com/b]]>'
                          "</loc></url></urlset>",
    "rss": '<rss version="2.0"><channel><title>Metro</title></channel></rss>',
}
ENCODINGS = ["utf-8", "utf-16", "UTF-16BE", "latin-1", "cp1252", "utf-16-be"]


def _declared(text: str, encoding: str) -> bytes:
    """The document in `encoding`, its XML declaration naming that encoding (so expat reads it as such)."""
    body = re.sub(r"^<\?xml[^>]*\?>\n?", "", text)
    return f'<?xml version="1.0" encoding="{encoding}"?>{body}'.encode(encoding)


def _outcome(parse, body: bytes) -> str:  # type: ignore[no-untyped-def]
    try:
        return tostring(parse(body), encoding="unicode")
    except SourceError as error:
        return str(error)
    except ValueError as error:  # expat cannot read multi-byte encodings it does not know (e.g. "utf-16-be")
        return f"ValueError: {error}"


def _defusedxml_parse(body: bytes):  # type: ignore[no-untyped-def]
    """What parse_xml did before the bare expat pass: one defusedxml parse."""
    try:
        root = defusedxml.ElementTree.fromstring(body, forbid_dtd=False)
    except defusedxml.DefusedXmlException as error:
        raise SourceError(f"unsafe xml refused ({type(error).__name__})") from None
    except ParseError as error:
        raise SourceError(f"malformed sitemap: {error}") from None
    if root.tag not in (f"{SM}sitemapindex", f"{SM}urlset"):
        raise SourceError(f"not a sitemap: root element {root.tag}")
    return root


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_same_outcome_as_defusedxml(name: str) -> None:
    bodies = [DOCUMENTS[name].encode("utf-8")] + [_declared(DOCUMENTS[name].lstrip("\ufeff"), e) for e in ENCODINGS]
    for body in bodies:
        assert _outcome(lambda b: parse_xml(b, 2**20), body) == _outcome(_defusedxml_parse, body)


def test_the_documents_cover_every_outcome() -> None:
    outcomes = {_outcome(lambda b: parse_xml(b, 2**20), text.encode("utf-8")) for text in DOCUMENTS.values()}
    assert {"unsafe xml refused (EntitiesForbidden)", "not a sitemap: root element rss"} <= outcomes
    assert any(o.startswith("malformed sitemap: undefined entity") for o in outcomes)
    assert any(o.startswith("malformed sitemap: mismatched tag") for o in outcomes)
    assert sum(o.startswith("<ns0:urlset") for o in outcomes) >= 2
