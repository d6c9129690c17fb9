"""The shortcuts of the boilerplate rules skip only tests that could not have fired.

A rule's literal hints, the case traps that turn them off and the placeholder's start-only try are all claims about
the rules' regular expressions; these tests hold the claims against every furniture line we have and against Python's
own case folding, so a new alternative without a hint fails here instead of silently never firing.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from extractors import boilerplate
from extractors.boilerplate import _CASE_TRAPS, _LINE_RULES, _PLACEHOLDER, _mentions, _placeholder, _split_lines

ROOT = Path(__file__).resolve().parents[2]


def _furniture_lines() -> list[str]:
    """Furniture of the demo templates and of the boilerplate tests, plus every quoted line of the dev set pages."""
    lines = [line.strip() for line in (ROOT / "demo" / "boilerplate.txt").read_text(encoding="utf-8").splitlines()]
    tests = (Path(__file__).parent / "test_boilerplate.py").read_text(encoding="utf-8")
    lines += re.findall(r'"([^"\n]{3,200})"', tests)
    for page in sorted((ROOT / "dev" / "extraction" / "pages").glob("*.html")):
        html = page.read_text(encoding="utf-8", errors="replace")
        lines += [text.strip() for text in re.findall(r">([^<>]{3,300})<", html)]
    return sorted({line for line in lines if line})


FURNITURE = _furniture_lines()
# Upper-cased and title-cased copies: the hints are lower-case and must still be found.
VARIANTS = FURNITURE + [line.upper() for line in FURNITURE] + [line.title() for line in FURNITURE]


def test_the_corpus_exercises_every_hinted_rule() -> None:
    hinted = {rule.kind for rule in _LINE_RULES if rule.hints}
    fired = {rule.kind for rule in _LINE_RULES if rule.hints for line in FURNITURE if rule.accepts(line)}
    assert fired == hinted


@pytest.mark.parametrize("rule", [r for r in _LINE_RULES if r.hints], ids=lambda r: r.kind)
def test_every_line_a_hinted_rule_accepts_contains_one_of_its_hints(rule: boilerplate._Rule) -> None:
    missed = [line for line in VARIANTS if rule.accepts(line) and not _mentions(line, rule.hints)]
    assert missed == []


def test_placeholder_shortcut_agrees_with_a_search_of_the_whole_line() -> None:
    for line in [*VARIANTS, "Breaking story. Loading...", "please wait …", "Watch: 3:12", "See more stories"]:
        plain = bool(_PLACEHOLDER.search(line)) and boilerplate._words(_PLACEHOLDER.sub("", line)) <= 4
        assert _placeholder(line) == plain, line


@pytest.mark.skipif(sys.maxunicode < 0x10FFFF, reason="needs a full Unicode build")
def test_case_traps_are_exactly_the_characters_lower_case_literals_would_miss() -> None:
    non_ascii = "".join(map(chr, range(128, sys.maxunicode + 1)))
    matched = set(re.findall("|".join("abcdefghijklmnopqrstuvwxyz"), non_ascii, re.I))
    lowered = {char for char in non_ascii if char.lower() != char and re.search("[a-zA-Z]", char.lower())}
    assert matched | lowered == set(_CASE_TRAPS.findall(non_ascii))


def test_a_case_trap_turns_the_hints_off() -> None:
    # "ſ" (long s) matches "s" under re.IGNORECASE, so "Subſcribe" is a newsletter cue no lower-case hint finds.
    assert _mentions("Subſcribe today", ("subscri",))
    assert not _mentions("Subscribe today", ("donat",))


def test_every_unicode_space_folds_to_one_space_in_a_line() -> None:
    every_char = "".join(map(chr, range(sys.maxunicode + 1)))
    # Line breaks among the spaces split paragraphs instead; every other one folds.
    spaces = "".join(char for char in re.findall(r"\s", every_char) if len(f"a{char}a".splitlines()) == 1)
    assert _split_lines(f"{spaces}Agents{spaces}left{spaces}") == ["Agents left"]


@pytest.mark.parametrize(
    "literals",
    [boilerplate._LONG_LINE_HINTS, ("ab", "abc", "b", "x y", "a"), ("read", "reading", "ready?"), ("(c)", "©", "$")],
)
def test_literal_test_finds_a_text_exactly_when_a_literal_occurs(literals: tuple[str, ...]) -> None:
    holds_one = boilerplate._any_literal(literals)
    samples = [*FURNITURE, "", "a", "b", "x  y", "x y", "Ready? (C) 2026", "rea", "cab", "©", "$5", "ran", "ran out"]
    for text in [sample.lower() for sample in samples]:
        assert holds_one(text) == any(literal in text for literal in literals), (literals, text)
