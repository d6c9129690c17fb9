"""extract_article end to end: hostile input, encodings, dates with the feed fallback, language, NFC."""

from __future__ import annotations

import time
import unicodedata
from datetime import date, timedelta

import pytest

from extractors.article import MAX_BYTES, extract_article, sane_date

PARAGRAPHS = [
    "Federal immigration agents detained nine people at a produce market in Pilsen on Wednesday morning, according "
    "to two vendors and an alderman who arrived while the arrests were under way.",
    "The agents left after about an hour. Neighbors said the market, which has operated on the same corner for "
    "thirty years, stayed closed for the rest of the day while families tried to learn where the men were taken.",
    "A spokesperson for the agency said all nine had been ordered removed by an immigration judge, and that two had "
    "prior convictions. The alderman said he would ask the city's inspector general to review the police response.",
]


def page(
    paragraphs: list[str] = PARAGRAPHS,
    *,
    title: str = "Agents detain nine at Pilsen produce market",
    published: str | None = "2026-03-04T09:30:00-06:00",
    charset: str = "utf-8",
    lang: str = "en",
) -> str:
    date_meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html lang="{lang}"><head><meta charset="{charset}"><title>{title} | South Side Courier</title>'
        f'<meta property="og:title" content="{title}"><meta property="og:site_name" content="South Side Courier">'
        f'<meta name="author" content="Rosa Jimenez; Ben Taft">{date_meta}</head>'
        f"<body><nav><a href='/'>Home</a><a href='/news'>News</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>About us</footer></body></html>"
    )


def test_a_news_page_yields_text_and_metadata() -> None:
    article = extract_article(page(), url="https://southsidecourier.example/news/pilsen")
    assert article.reason is None
    assert article.text.split("\n") == PARAGRAPHS
    assert article.title == "Agents detain nine at Pilsen produce market"
    assert article.published == date(2026, 3, 4)
    assert article.authors == ("Rosa Jimenez", "Ben Taft")
    assert article.site_name == "South Side Courier"
    assert article.language == "en"


# --- hostile input: empty text, a reason, no crash, no hang ---------------------------------------------------


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("", "empty page"),
        (b"", "empty page"),
        ("   \n\t  ", "empty page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20, "not html"),
        (bytes(range(256)) * 40, "not html"),
        ("just a plain sentence with no markup at all", "not html"),
        ('<?xml version="1.0" encoding="UTF-8"?>', "not html"),
        ('<?xml version="1.0" encoding="UTF-8"?><html><body><nav>Home</nav></body></html>', "too short"),
        ("<html><body>" + "\x01\x02\x03\x04" * 100 + "</body></html>", "not html"),
        ("<html><body><p></p></body></html>", "no main text"),
        ("<html><body><p>Agents arrested two people.</p></body></html>", "too short"),
    ],
)
def test_hostile_input_returns_a_reason(html: str | bytes, reason: str) -> None:
    article = extract_article(html)
    assert article.text == ""
    assert article.reason == reason


def test_ten_megabytes_of_nested_divs_is_refused_fast() -> None:
    depth = 10_000_000 // 11
    html = "<html><body>" + "<div>" * depth + "<p>deep</p>" + "</div>" * depth + "</body></html>"
    start = time.perf_counter()
    article = extract_article(html)
    assert time.perf_counter() - start < 1.0
    assert (article.text, article.reason) == ("", "too large")


def test_deep_nesting_under_the_size_limit_does_not_hang() -> None:
    depth = (MAX_BYTES // 2) // 11
    html = "<html><body>" + "<div>" * depth + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>" * depth
    start = time.perf_counter()
    article = extract_article(html + "</body></html>")
    assert time.perf_counter() - start < 10.0
    assert article.text == "" or article.reason is None
    assert article.text or article.reason


def test_an_xml_declaration_in_a_str_does_not_stop_extraction() -> None:
    xhtml = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + page()
    assert extract_article(xhtml).text.split("\n") == PARAGRAPHS


def test_control_characters_are_stripped_from_text() -> None:
    dirty = [PARAGRAPHS[0].replace("detained", "de\x07tained\x00"), *PARAGRAPHS[1:]]
    text = extract_article(page(dirty)).text
    assert "detained nine" in text
    assert not any(ord(ch) < 32 and ch != "\n" for ch in text)


# --- encodings -----------------------------------------------------------------------------------------------

SPANISH = [
    "Agentes de inmigración detuvieron el miércoles a nueve personas en un mercado de Pilsen, según dos vendedores "
    "y un concejal que llegó mientras se realizaban los arrestos.",
    "Los agentes se retiraron después de una hora. Los vecinos dijeron que el mercado, que lleva treinta años en la "
    "misma esquina, permaneció cerrado el resto del día mientras las familias intentaban saber adónde los llevaron.",
    "Un portavoz de la agencia afirmó que un juez de inmigración había ordenado la deportación de los nueve y que dos "
    "tenían condenas previas. El concejal pidió al inspector general de la ciudad que revise la actuación policial.",
]


@pytest.mark.parametrize(
    ("declared", "actual"),
    [
        ("iso-8859-1", "utf-8"),  # declared latin-1, served UTF-8
        ("utf-8", "utf-8"),
        ("windows-1252", "windows-1252"),
        ("", "utf-8"),  # nothing declared
        ("", "windows-1252"),  # nothing declared, not UTF-8: sniffed
        ("utf-8", "windows-1252"),  # declared UTF-8, served windows-1252
        ("utf-8", "utf-8-sig"),  # byte-order mark
    ],
)
def test_bytes_are_decoded_by_declaration_and_sniffing(declared: str, actual: str) -> None:
    html = page(SPANISH, title="Detienen a nueve en un mercado de Pilsen", charset=declared, lang="es")
    if not declared:
        html = html.replace('<meta charset="">', "")
    article = extract_article(html.encode(actual))
    assert article.text.split("\n") == SPANISH
    assert article.title == "Detienen a nueve en un mercado de Pilsen"


def test_text_is_nfc_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", SPANISH[0])
    assert decomposed != SPANISH[0]
    article = extract_article(page([decomposed, *SPANISH[1:]], lang="es").encode("utf-8"))
    assert article.text.split("\n")[0] == SPANISH[0]
    assert unicodedata.is_normalized("NFC", article.text)


# --- dates ---------------------------------------------------------------------------------------------------


def test_page_date_wins_over_feed_date_when_sane() -> None:
    article = extract_article(page(published="2026-02-10T08:00:00Z"), feed_published=date(2026, 2, 12))
    assert article.published == date(2026, 2, 10)


def test_missing_page_date_falls_back_to_feed_date() -> None:
    article = extract_article(page(published=None), feed_published=date(2026, 2, 12))
    assert article.published == date(2026, 2, 12)


def test_future_page_date_falls_back_to_feed_date() -> None:
    future = (date.today() + timedelta(days=30)).isoformat()
    article = extract_article(page(published=future + "T00:00:00Z"), feed_published=date(2026, 2, 12))
    assert article.published == date(2026, 2, 12)


def test_date_sanity_bounds() -> None:
    today, feed = date(2026, 5, 1), date(2026, 4, 30)
    assert sane_date(date(2026, 5, 2), feed, today=today) == date(2026, 5, 2)  # a day ahead: time zones
    assert sane_date(date(2026, 5, 3), feed, today=today) == feed
    assert sane_date(date(1994, 12, 31), feed, today=today) == feed
    assert sane_date(date(1995, 1, 1), feed, today=today) == date(1995, 1, 1)
    assert sane_date(None, None, today=today) is None


# --- language ------------------------------------------------------------------------------------------------

FRENCH = [
    "Des agents de l'immigration ont arrêté neuf personnes mercredi matin dans un marché de Pilsen, selon deux "
    "commerçants et un élu municipal arrivé pendant les arrestations.",
    "Les agents sont repartis au bout d'une heure. Les voisins affirment que le marché, installé au même coin de rue "
    "depuis trente ans, est resté fermé toute la journée pendant que les familles cherchaient à savoir où les hommes "
    "avaient été emmenés.",
]


@pytest.mark.parametrize(("paragraphs", "lang"), [(PARAGRAPHS, "en"), (SPANISH, "es"), (FRENCH, "fr")])
def test_language_is_detected_from_the_text_not_the_markup(paragraphs: list[str], lang: str) -> None:
    article = extract_article(page(paragraphs, lang="en"))  # the lang attribute lies for es/fr on purpose
    assert article.language == lang


def test_utf8_read_as_cp1252_upstream_is_repaired() -> None:
    garbled = SPANISH[0].encode("utf-8").decode("cp1252")
    assert garbled != SPANISH[0]
    article = extract_article(page([garbled, *SPANISH[1:]], lang="es"))
    assert article.text.split("\n")[0] == SPANISH[0]
