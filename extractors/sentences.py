"""Sentence and paragraph splitting shared by the place and event classifiers.

Events and places are attached per sentence, so both classifiers must agree on one segmentation.
The splitter is a single regex pass (fast) that does not break after common abbreviations used in
U.S. legal and news text ("U.S.", "N.D. Ill.", "Minn.", "Jan.", "Mr.", "St.").
"""

from __future__ import annotations

import re
from functools import partial
from typing import NamedTuple

from extractors.regex_guard import matches_at

_ABBREVIATIONS = frozenset(
    """
    u.s a.m p.m mr mrs ms dr st sen rep gov lt gen col sgt capt jr sr inc co corp no vs v
    jan feb mar apr jun jul aug sep sept oct nov dec
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev
    okla ore pa tenn tex va vt wash wis wyo n.d s.d e.d w.d m.d c.d d n.h n.j n.m n.y n.c s.c n.dak
    s.dak r.i w.va d.c cal cir fed supp mt ft
    """.split()
)

# A candidate boundary: sentence punctuation, optional closing quotes/brackets, whitespace, then
# something that can start a sentence (capital letter, digit, opening quote or bracket).
_BOUNDARY = re.compile(r"([.!?])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WINDOW = 16
# No abbreviation is longer: a token with more letters than this before its period is a word that ends a sentence.
_LONGEST = max(map(len, _ABBREVIATIONS))
_SPACE_RUN = re.compile(r"\s*")  # \s is what str.strip() strips and what str.splitlines() splits at


class Sentence(NamedTuple):
    """A sentence with its character offsets in the text and the index of its paragraph (a tuple: articles have
    dozens, built on every classification)."""

    text: str
    start: int
    end: int
    paragraph: int


# Builds a Sentence from its (text, start, end, paragraph) without the NamedTuple's Python-level __new__: an article has
# dozens of sentences, and the frame of each call costs more than the tuple.
_new_sentence = partial(tuple.__new__, Sentence)


def _is_abbreviation(paragraph: str, cursor: int, stop: int) -> bool:
    """Whether the token ending at `stop` (the text from `cursor` on) is an abbreviation, not a sentence end."""
    # Most sentences end in a word longer than any abbreviation: its last letters settle it without splitting the window
    # (quotes stripped from the token's start and periods from its end are not letters; lowercasing never shortens).
    if stop - _LONGEST - 2 >= cursor and paragraph[stop - _LONGEST - 2 : stop - 1].isalpha():
        return False
    # A shorter word after a space ("he said.") is the whole token: no quotes to strip, one period.
    space = paragraph.rfind(" ", cursor, stop)  # -1 when there is none
    if space >= cursor and space >= stop - _WINDOW and (word := paragraph[space + 1 : stop - 1]).isalpha():
        return _listed_or_initial(word.lower())
    return windowed_token_is_abbreviation(paragraph, cursor, stop)


def windowed_token_is_abbreviation(paragraph: str, cursor: int, stop: int) -> bool:
    """`_is_abbreviation` the long way: the token split out of a window of the last characters (abbreviations are
    short, so the window holds the whole token whenever it is one), stripped and looked up."""
    window_start = max(cursor, stop - _WINDOW)
    window = paragraph[window_start:stop]
    tokens = window.split()
    if not tokens or (len(tokens[-1]) == len(window) and window_start > cursor):
        return False
    return _listed_or_initial(tokens[-1].lstrip("(\"'“‘").rstrip(".").lower())


def _listed_or_initial(token: str) -> bool:
    """Listed abbreviations and single initials ("J. Smith") do not end sentences."""
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences; blank lines (or single newlines) separate paragraphs."""
    sentences: list[Sentence] = []
    offset = 0
    for paragraph_index, paragraph in enumerate(_paragraphs(text)):
        # Only whitespace (the rest of the last line, line breaks, blank lines) comes before the paragraph's first
        # character: the paragraph starts where that run ends (searching the text for it costs as much as its length).
        start_in_text = _SPACE_RUN.match(text, offset).end()
        offset = start_in_text + len(paragraph)
        # No sentence needs stripping: the paragraph is stripped, and a boundary ends after the punctuation (and closing
        # quotes) and consumes the whitespace up to what starts the next sentence, which is not whitespace.
        cursor = 0
        for match in matches_at(_BOUNDARY, paragraph, _punctuation(paragraph)):
            if match.group(1) == "." and _is_abbreviation(paragraph, cursor, match.start() + 1):
                continue
            end = match.end(2)
            span = (paragraph[cursor:end], start_in_text + cursor, start_in_text + end, paragraph_index)
            sentences.append(_new_sentence(span))
            cursor = match.end()
        span = (paragraph[cursor:], start_in_text + cursor, start_in_text + len(paragraph), paragraph_index)
        sentences.append(_new_sentence(span))
    return sentences


def _punctuation(paragraph: str) -> list[int]:
    """Sorted offsets of the ".", "!" and "?" a boundary starts with: `str.find` jumps from one to the next, where the
    regex engine would test every character of the paragraph against the class."""
    found: list[int] = []
    for mark in ".!?":
        at = paragraph.find(mark)
        while at >= 0:
            found.append(at)
            at = paragraph.find(mark, at + 1)
    found.sort()
    return found


def _paragraphs(text: str) -> list[str]:
    return [paragraph for line in text.splitlines() if (paragraph := line.strip())]
