"""trafilatura's fallback extractors run only when its own pass finds too little."""

from __future__ import annotations

import pytest
import trafilatura

from extractors import article

ARTICLE = "<html><body><article><h1>Agents at the market</h1>{}</article></body></html>"
LONG = "".join(
    f"<p>Paragraph {n}: witnesses said federal agents stayed at the market on Elm Street for most of the morning.</p>"
    for n in range(12)
)
SHORT = "<p>Agents came.</p>"


@pytest.fixture
def passes(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record the `fast` flag of every call to trafilatura, given as an argument or in prebuilt options."""
    seen: list[bool] = []
    real = trafilatura.bare_extraction

    def recording(*args: object, **kwargs: object) -> object:
        options = kwargs.get("options")
        seen.append(bool(options.fast if options is not None else kwargs.get("fast")))
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", recording)
    return seen


def test_an_ordinary_article_takes_one_fast_pass(passes: list[bool]) -> None:
    found = article.extract_article(ARTICLE.format(LONG))
    assert "Paragraph 11" in found.text
    assert passes == [True]


def test_too_little_text_gets_the_fallback_extractors(passes: list[bool]) -> None:
    article.extract_article(ARTICLE.format(SHORT))
    assert passes == [True, False]
