"""`content_hash` must keep the values already stored in warehouses: sha1 of the text with every run of regex `\\s`
collapsed to one space, stripped and lower-cased. The shortcut it takes (`str.split`) is checked against that."""

from __future__ import annotations

import hashlib
import random
import re

import pytest

from extractors.page import content_hash

_EVERY_CHARACTER = "".join(map(chr, range(0x110000)))
_WHITESPACE = "".join(re.findall(r"\s", _EVERY_CHARACTER))


def _reference(text: str) -> str:
    return hashlib.sha1(re.sub(r"\s+", " ", text).strip().lower().encode("utf-8")).hexdigest()


def test_split_breaks_on_exactly_the_regex_whitespace() -> None:
    kept = set("".join(_EVERY_CHARACTER.split()))
    assert set(_EVERY_CHARACTER) - kept == set(_WHITESPACE)
    assert len(_WHITESPACE) == 29  # includes \x1c-\x1f, \x85, NBSP and the U+2000 block, not U+200B


@pytest.mark.parametrize("text", [
    "", " ", "\u3000", "word", "  Two\u00a0 words\u2003", "\x1cfile\x1dgroup\x1erecord\x1funit\x85next",
    "İstanbul ISTANBUL Straße ẞ ΣΊΣΥΦΟΣ ǅemal cafe\u0301",
    "Agents detained\n\ntwo men\t in\r\nPortland\u2028on Tuesday.\u2029",
    _WHITESPACE + "between" + _WHITESPACE[::-1] + "every space" + _WHITESPACE,
])
def test_content_hash_is_the_regex_definition(text: str) -> None:
    assert content_hash(text) == _reference(text)


@pytest.mark.parametrize("seed", range(30))
def test_content_hash_on_random_mixes(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["ICE", "agents", "İ", "ß", "Σ", "é", "\u0301", "\u200b", "_", "東京", "1"] + list(_WHITESPACE) * 2
    text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 300)))
    assert content_hash(text) == _reference(text)
