"""One pass over an article for every word the classifier looks up: event cues and relevance terms.

Each `Words` cue of `extractors.event_rules` owns a bit, and each relevance term of `extractors.relevance` a weight; a
single Aho-Corasick automaton holds them all, so an article is scanned once (the scan is most of a gate's cost) and
yields, per sentence, the bits of the cues present and the offsets of trigger start words, and for the article the
relevance points of its terms.
"""

from __future__ import annotations

from typing import NamedTuple

import ahocorasick

from extractors.event_rules import ANCHOR_BITS, Words
from extractors.relevance import TERM_WEIGHTS, TITLE_WEIGHT, acronym_points, score


class Scan(NamedTuple):
    """What the vocabulary pass found in a list of lowercased sentences."""

    bits: list[int]  # per sentence, the bits of every `Words` cue (and rule gate) on word boundaries
    starts: list[list[tuple[int, int]]]  # per sentence, (offset, bits) of each start word of an anchored trigger
    points: float  # relevance points of the lowercase terms, all sentences together


def _vocabulary() -> ahocorasick.Automaton:
    """A value holds the key's length, the bits of cues using it as a stem and as a whole word, which of those are start
    words, and its relevance weight as a stem and as a whole word."""
    slots: dict[str, list[float]] = {}
    for words in Words.registry:
        for entry in words.entries:
            slot = slots.setdefault(entry.rstrip("*"), [0, 0, 0.0, 0.0])
            slot[0 if entry.endswith("*") else 1] |= words.bit
    for term, weight in TERM_WEIGHTS.items():
        slot = slots.setdefault(term.rstrip("*"), [0, 0, 0.0, 0.0])
        slot[2 if term.endswith("*") else 3] += weight
    automaton = ahocorasick.Automaton()
    for key, (stem_bits, word_bits, stem_weight, word_weight) in slots.items():
        anchor_bits = (int(stem_bits) | int(word_bits)) & ANCHOR_BITS
        automaton.add_word(key, (len(key), int(stem_bits), int(word_bits), anchor_bits, stem_weight, word_weight))
    automaton.make_automaton()
    return automaton


_VOCABULARY = _vocabulary()


def scan_sentences(lowercase: list[str]) -> Scan:
    """Scan lowercased sentences in one pass; no key spans two sentences."""
    # Newlines around every sentence: each hit has a character before and after it to test, and none spans two.
    text = "\n" + "\n".join(lowercase) + "\n"
    found = [0] * len(lowercase)
    starts: list[list[tuple[int, int]]] = [[] for _ in lowercase]
    points = 0.0
    index = 0
    base = 1  # where sentence `index` starts in `text`
    limit = base + len(lowercase[0]) if lowercase else 0  # and where it ends
    for end, (length, stem_bits, word_bits, anchor_bits, stem_weight, word_weight) in _VOCABULARY.iter(text):
        start = end - length + 1
        if text[start - 1].isalnum():
            continue
        while end > limit:
            index += 1
            base = limit + 1
            limit = base + len(lowercase[index])
        if end == limit:  # "a" or "the" and the newline after a sentence's last word: no trigger starts there
            continue
        whole = not text[end + 1].isalnum()
        points += stem_weight + word_weight if whole else stem_weight
        bits = stem_bits | word_bits if word_bits and whole else stem_bits
        found[index] |= bits
        if bits & anchor_bits:
            starts[index].append((start - base, bits))
    return Scan(found, starts, points)


def scan(lowercase_text: str) -> int:
    """The bits of every `Words` cue (and rule gate) that occurs in `lowercase_text` on word boundaries."""
    return scan_sentences([lowercase_text]).bits[0]


def article_relevance(text: str, body: Scan, title: str | None) -> float:
    """Relevance of the article `text`, whose lowercased sentences were scanned into `body`; see `extractors.relevance`."""
    points = body.points + acronym_points(text)
    if title:
        points += TITLE_WEIGHT * (scan_sentences([title.lower()]).points + acronym_points(title))
    return score(points)


def relevance(text: str, title: str | None = None) -> float:
    """Score 0..1 that `text` is about U.S. immigration enforcement; the title counts twice."""
    return article_relevance(text, scan_sentences([text.lower()]), title)
