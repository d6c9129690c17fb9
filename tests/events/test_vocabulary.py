"""The single vocabulary pass: cue bits per sentence and relevance points, whatever the sentence boundaries."""

from __future__ import annotations

import json
from pathlib import Path

from extractors.event_rules import ENFORCEMENT
from extractors.sentences import split_sentences
from extractors.vocabulary import START_BITS_OF_ARTICLE, article_relevance, article_starts, lower, relevance, scan

DEV = Path(__file__).resolve().parents[2] / "dev" / "events.jsonl"


def test_a_sentence_ending_in_an_article_word_keeps_hits_in_their_own_sentence() -> None:
    sentences = ["protesters gathered outside the", "ice agents left", "nothing here either, a", "deportation flights resumed"]
    found = scan(sentences)
    assert [bool(bits & ENFORCEMENT.bit) for bits in found.bits] == [False, True, False, True]
    assert all(0 <= offset < len(sentences[index]) for index, starts in enumerate(found.starts) for offset, _ in starts)


def test_scanning_sentences_scores_an_article_as_scanning_its_whole_text() -> None:
    """`classify` scores the scan of its sentences; `relevance` scans the raw text: both must agree on every passage."""
    scored = 0
    for line in DEV.read_text(encoding="utf-8").splitlines():
        passage = json.loads(line)
        text, title = passage["text"], passage.get("title")
        sentences = split_sentences(text)
        scanned = scan([lower(sentence.text) for sentence in sentences], lower(title) if title else None)
        starts = [sentence.start for sentence in sentences]
        assert article_relevance(text, title, scanned, starts) == relevance(text, title), passage["id"]
        scored += relevance(text, title) > 0
    assert scored > 100


def test_article_starts_are_whole_words_followed_by_whitespace() -> None:
    text = "the agents and a data analyst met an\tofficer at the\u00a0gate; theater, an"
    found = article_starts(text)
    assert [text[offset : offset + 4] for offset, _ in found] == ["the ", "a da", "an\to", "the\u00a0"]
    assert [bits for _, bits in found] == [START_BITS_OF_ARTICLE[article] for article in ("the", "a", "an", "the")]


def test_article_starts_give_the_bits_of_the_article_read_from_the_text() -> None:
    """`article_starts` tells an article by the length of its match: the long way reads the article itself."""
    text = "a\u2003the\tan\na an the\u00a0a\u3000an agents, then a man and the thé at an inn"
    found = article_starts(text)
    assert len(found) == 11
    for offset, bits in found:
        article = text[offset:].split(maxsplit=1)[0]
        assert bits == START_BITS_OF_ARTICLE[article], (offset, article)


def test_an_article_starts_a_word_after_any_character_that_is_not_alphanumeric() -> None:
    """The regex tells word starts as str.isalnum() does: an underscore or a dash comes before a word, "²", "é", "٣" within."""
    for before in "_-'’.(\u00a0\u2028²½é٣Ⅻßa1":
        assert [offset for offset, _ in article_starts(before + "the agent")] == ([] if before.isalnum() else [1]), before
        assert [bits for _, bits in article_starts(before + "an\tagent, a man")] == [
            START_BITS_OF_ARTICLE[article] for article in (["a"] if before.isalnum() else ["an", "a"])
        ], before
