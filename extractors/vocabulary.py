"""One pass over an article for every word the classifier looks up: event cues, relevance terms and place names.

Each `Words` cue of `extractors.event_rules` owns a bit, each relevance term of `extractors.relevance` a weight, and
each name of the gazetteer is a place key; a single Aho-Corasick automaton holds them all, so an article is scanned
once (each pass over ~9,000 characters costs a quarter of a millisecond) and yields, per sentence, the bits of the cues
present, the offsets of trigger start words and the place names found, and for the article the relevance points of
its terms.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

import ahocorasick

from extractors import gazetteer
from extractors.event_rules import ANCHOR_BITS, ARTICLES, Words
from extractors.relevance import ACRONYMS, TERM_WEIGHTS, TITLE_WEIGHT, acronym_points, score
from extractors.sentences import Sentence


class Scan(NamedTuple):
    """What the vocabulary pass found in lowercased sentences (and a title, which counts as the segment after them)."""

    bits: list[int]  # per segment, the bits of every `Words` cue (and rule gate) on word boundaries
    starts: list[list[tuple[int, int]]]  # per segment, (offset, bits) of each start word of an anchored trigger
    points: float  # relevance points of the lowercase terms in the sentences
    title_points: float  # and in the title
    places: list[tuple[int, int, int, str]]  # (segment, start, end, gazetteer key) of names starting on a word boundary
    acronyms: list[tuple[int, int, str]]  # (segment, start, acronym) of whole words that may be a capitalised acronym


def _article_starts() -> dict[int, frozenset[str]]:
    """Trigger start words "a", "an" and "the" (each keyed with the whitespace after it) would be a quarter of the
    scan's hits, almost all wasted: they stay out of the automaton, and their offsets are read from a sentence only
    when a rule starting with one is tried there (`article_starts`). Maps the bit of each `Words` holding such keys
    to its articles."""
    found: dict[int, frozenset[str]] = {}
    for words in Words.registry:
        articles = frozenset(filter(None, map(_article_of, words.entries)))
        if articles:
            found[words.bit] = articles
    return found


def _article_of(entry: str) -> str | None:
    """The article a `Words` entry is ("the *": "the"), or None for any other entry."""
    key = entry.rstrip("*")
    return key[:-1] if key[:-1] in ARTICLES and key[-1].isspace() else None


ARTICLE_STARTS = _article_starts()
# The gates of rules that may start with an article are open in every sentence: the trigger, tried at the offsets of
# its start words, decides.
_ARTICLE_BITS = sum(ARTICLE_STARTS)
# Each article as a start word: the bits of the `Words` it starts an entry of.
START_BITS_OF_ARTICLE = {
    article: sum(bit for bit, articles in ARTICLE_STARTS.items() if article in articles) for article in ARTICLES
}
# "the", "an" or "a" then whitespace, not after a letter or digit (`[^\W_]`: what str.isalnum() accepts). The test
# behind the first letter keeps the pattern starting with "t" or "a", which the engine skips to.
_ARTICLE = re.compile(r"(?:t(?<![^\W_]t)he|a(?<![^\W_]a)n?)\s")


# The bits of an article's match by its length: the article and one whitespace character.
_START_BITS_BY_LENGTH = {len(article) + 1: bits for article, bits in START_BITS_OF_ARTICLE.items()}


def article_starts(lowercase: str) -> list[tuple[int, int]]:
    """(offset, bits of the start words it is) wherever "a", "an" or "the" starts a word of `lowercase` and whitespace
    follows it (the article told by the length of its match: no substring is cut out)."""
    return [(start, _START_BITS_BY_LENGTH[end - start]) for start, end in map(re.Match.span, _ARTICLE.finditer(lowercase))]


def lower(text: str) -> str:
    """`text` lowercased with every offset kept (the few letters that lowercase to two characters stay as written), so
    a span found in the lowercase text can be read, with its case, from the original."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def lower_sentences(text: str, sentences: list[Sentence]) -> list[str]:
    """`lower` of each sentence of `text`; an ASCII text (a third of news) is lowercased once, one character for one, and
    its sentences cut from it. Any other text is lowercased sentence by sentence: most of its sentences are ASCII, which
    Python lowercases several times faster than a text holding a curly quote."""
    if not text.isascii():
        return [lower(sentence.text) for sentence in sentences]
    lowered = text.lower()
    return [lowered[sentence.start : sentence.end] for sentence in sentences]


@cache
def _vocabulary() -> ahocorasick.Automaton:
    """A value holds the key's length, the bits of cues using it as a stem and as a whole word, which of those
    are start words, then None or its relevance weight as a stem and as a whole word, whether it is a place name, and the
    acronym it may be. No key holds a newline, the separator of scanned segments."""
    slots: dict[str, list[float | str | None]] = {}
    empty: list[float | str | None] = [0, 0, 0.0, 0.0, False, None]
    for words in Words.registry:
        for entry in words.entries:
            if _article_of(entry):
                continue
            slot = slots.setdefault(entry.rstrip("*"), list(empty))
            slot[0 if entry.endswith("*") else 1] |= words.bit
    for term, weight in TERM_WEIGHTS.items():
        slot = slots.setdefault(term.rstrip("*"), list(empty))
        slot[2 if term.endswith("*") else 3] += weight
    for name in gazetteer.load().entries:
        slots.setdefault(name, list(empty))[4] = True
    for acronym in ACRONYMS:
        slots.setdefault(acronym.lower(), list(empty))[5] = acronym
    if any("\n" in key for key in slots):
        raise ValueError("a vocabulary key holds a newline, the separator of scanned segments")
    automaton = ahocorasick.Automaton()
    for key, (stem_bits, word_bits, stem_weight, word_weight, place, acronym) in slots.items():
        anchor_bits = (int(stem_bits) | int(word_bits)) & ANCHOR_BITS
        # Most keys are only cues: the rest (weights, place names, acronyms) are set apart, read in a slower branch.
        rest = (stem_weight, word_weight, place, acronym) if stem_weight or word_weight or place or acronym else None
        automaton.add_word(key, (len(key), int(stem_bits), int(word_bits), anchor_bits, rest))
    automaton.make_automaton()
    return automaton


def scan(lowercase: list[str], title: str | None = None) -> Scan:
    """Scan lowercased sentences (see `lower`) and a lowercased title in one pass; no key spans two of them."""
    segments = [*lowercase, title] if title is not None else lowercase
    # Newlines around every segment: each hit has a character before and after it to test, and none spans two.
    text = "\n" + "\n".join(segments) + "\n"
    found = [_ARTICLE_BITS] * len(segments)
    starts: list[list[tuple[int, int]]] = [[] for _ in segments]
    points = [0.0] * len(segments)
    places: list[tuple[int, int, int, str]] = []
    acronyms: list[tuple[int, int, str]] = []
    index = 0
    base = 1  # where segment `index` starts in `text`
    limit = base + len(segments[0]) if segments else 0  # and where it ends
    # The bits and start words of segment `index` are kept in locals (stored when the next segment is reached): most hits
    # only add bits, and a local costs less than an item of a list.
    here = _ARTICLE_BITS
    starts_here = starts[0] if segments else []
    # A key of `length` ending at `end` (a hit's offset of its last character) starts at `end - length + 1`, the offset
    # `end - length - shift` in its segment; its start is computed only for the hits that keep it.
    shift = base - 1
    for end, (length, stem_bits, word_bits, anchor_bits, rest) in _vocabulary().iter(text):
        if text[end - length].isalnum():
            continue
        if end > limit:
            found[index] = here
            while end > limit:
                index += 1
                base = limit + 1
                limit = base + len(segments[index])
            shift = base - 1
            here = _ARTICLE_BITS
            starts_here = starts[index]
        if rest is None:
            bits = stem_bits | word_bits if word_bits and not text[end + 1].isalnum() else stem_bits
        else:
            stem_weight, word_weight, place, acronym = rest
            start = end - length + 1
            whole = not text[end + 1].isalnum()
            if place:
                places.append((index, start - base, end + 1 - base, text[start : end + 1]))
            if acronym and whole:
                acronyms.append((index, start - base, acronym))
            if stem_weight or word_weight:
                points[index] += stem_weight + word_weight if whole else stem_weight
            bits = stem_bits | word_bits if word_bits and whole else stem_bits
        here |= bits
        if bits & anchor_bits:
            starts_here.append((end - length - shift, bits))
    if segments:
        found[index] = here
    body = sum(points[: len(lowercase)])
    return Scan(found, starts, body, points[-1] if title is not None else 0.0, places, acronyms)


def cue_bits(lowercase_text: str) -> int:
    """The bits of every `Words` cue (and rule gate) that occurs in `lowercase_text` on word boundaries."""
    return scan([lowercase_text]).bits[0]


def article_relevance(text: str, title: str | None, scanned: Scan, starts: list[int]) -> float:
    """Relevance of the article `text` and `title`, whose segments (starting at offsets `starts` of `text`, then the
    title) were scanned into `scanned`; see `extractors.relevance`."""
    body = len(starts)
    in_body = ((starts[seg] + at, acronym) for seg, at, acronym in scanned.acronyms if seg < body)
    points = scanned.points + acronym_points(text, in_body)
    if title:
        in_title = ((at, acronym) for seg, at, acronym in scanned.acronyms if seg == body)
        points += TITLE_WEIGHT * (scanned.title_points + acronym_points(title, in_title))
    return score(points)


def relevance(text: str, title: str | None = None) -> float:
    """Score 0..1 that `text` is about U.S. immigration enforcement; the title counts twice."""
    return article_relevance(text, title, scan([lower(text)], lower(title) if title else None), [0])
