"""Whole-word and word-stem keyword search with one Aho-Corasick automaton (a C scan instead of a regex per word)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

import ahocorasick

V = TypeVar("V")


def keyword_automaton(keys: dict[str, V]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton over `keys`; a key ending in "*" is a word stem, any other key a whole word."""
    automaton = ahocorasick.Automaton()
    for key, value in keys.items():
        word = key.rstrip("*")
        automaton.add_word(word, (len(word), key.endswith("*"), value))
    automaton.make_automaton()
    return automaton


def find_words(automaton: ahocorasick.Automaton, text: str) -> Iterator[tuple[int, V]]:
    """(start offset, value) of each key of `automaton` found in `text` on word boundaries."""
    for end, (length, stem, value) in automaton.iter(text):
        start = end - length + 1
        if start > 0 and text[start - 1].isalnum():
            continue
        if not stem and end + 1 < len(text) and text[end + 1].isalnum():
            continue
        yield start, value
