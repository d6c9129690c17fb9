"""`guarded` regexes find exactly what the plain pattern finds, and stay plain when the first characters are unknown."""

from __future__ import annotations

import re

import pytest

from extractors.regex_guard import guarded

TEXTS = [
    "The Mayor said ICE agents had left; then a judge ruled - and nobody was charged.",
    "MAYOR, city council and state police: none of them would say, though the governor did.",
    "İstanbul ſtate KELVIN \u212a, x-ray [brackets] ^caret\\slash \t tabs and 2024 numbers",
    "",
]


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"\b(?:mayor|city council|state police|governor)\b", re.IGNORECASE),
        (r"\b(?:ſtate|kelvin|istanbul)\b", re.IGNORECASE),
        (r"[;:—–]|\s-\s|,\s*(?:but|though)\b|\b(?:then|who)\b", 0),
        (r"(?:\w+ )?(?:judge|agents?)\s+(?P<verb>ruled|had)", 0),
        (r"x*y+|\d{4}", 0),
        (r"[\]^\\-]\w", 0),
    ],
)
def test_a_guarded_pattern_finds_the_same_matches_and_groups(pattern: str, flags: int) -> None:
    plain, fast = re.compile(pattern, flags), guarded(pattern, flags)
    assert fast.pattern != plain.pattern  # the first characters are known: there is a guard
    for text in TEXTS:
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [(m.span(), m.groups()) for m in plain.finditer(text)]
        assert _span(fast.search(text, 5, 40)) == _span(plain.search(text, 5, 40))


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return match.span() if match else None


@pytest.mark.parametrize(
    "pattern",
    [
        r"a?",  # matches the empty string anywhere
        r"(?:a|)",
        r"[^x]y",  # a negated class may start with almost anything
        r".y",
        r"(?i:L)aws",  # a case-insensitive part in a cased pattern
        r"(?i)laws",  # flags set inside must stay at the start
    ],
)
def test_a_pattern_whose_first_characters_cannot_be_told_is_compiled_as_is(pattern: str) -> None:
    assert guarded(pattern).pattern == pattern
