"""Each shortcut of the boilerplate pass gives what the long way gives, on furniture, prose and case-trap lines.

The shortcuts (a pattern not searched when its needed literals are absent, a rule not tried on a line longer than it
allows, one lower() for a line's folded words) only spare work; these tests compare them with the plain computation.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from test_boilerplate_hints import FURNITURE

from extractors import boilerplate
from extractors.boilerplate import (
    _LINE_RULES,
    _LONG_LINE_HINT,
    _LONGEST_FURNITURE,
    _Cue,
    _mentions,
    _norm,
    _words,
    classify_line,
)

ROOT = Path(__file__).resolve().parents[2]
TRAPS = "\u0130\u0131\u017f\u212a"  # İ ı ſ K(elvin): re.IGNORECASE matches them to i, i, s, k

# One line per alternative of each cue, so that every needed literal is the only one on some matching line.
CUE_EXAMPLES = [
    "Donate today to keep the Harbor Ledger covering Miami courts", "Chip in before midnight",
    "Gifts are tax-deductible", "A listener-funded station", "A member-supported newsroom",
    "The Valley Wire is a nonprofit newsroom", "Become a patron", "Support independent reporting",
    "Make a gift", "Keep Borderline free", "Goal: 2,500 readers", "Our spring member drive ends Friday",
    "$15 per month", "We do not take money from advertisers",
    "Donations power our work", "Our supporters", "Contributors", "No paywall here", "Membership",
    "Newsletters", "Sign up for text alerts", "Sign-up now", "Signup today", "Subscribe to the Tucson desk",
    "Straight into your inbox", "Enter your email", "Delivered every Sunday", "Get the latest from El Paso",
    "Get our best stories", "By signing up", "Breaking news alerts", "Push notifications", "Two free articles left",
    "Sign up", "sign-up", "Signup", "Subscriptions", "Unsubscribe at any time", "Privacy Policy", "Terms of Use",
    "Email address", "Alerts", "Unlimited access",
    "Thank you", "Sign the petition", "Subscribe", "Donate", "Support the fund", "Join us", "Get involved",
    "Become one", "Help us", "Give today",
    "The judge said no", "She says so", "He told a deputy", "According to the filing", "A “quote", "A ”closing", '"No"',
    "Agents in Yuma (AP Photo/Ines Vela)", "(FILE IMAGE) A checkpoint", "(Video shot in Nogales)",
    "Photograph: Lena Ortiz", "Image by Lena Ortiz", "Picture: Ortiz", "Video: Ortiz", "Illustration by Ortiz",
    "Graphic: The Ledger", "Credit: Ortiz", "Courtesy: the family", "Getty Images", "Shutterstock",
    "Agents outside the Broadview center (Lena Ortiz/The Ledger)", "A checkpoint near Laredo. Ortiz / Reuters",
]

# Appeals that quote someone, which the appeal test must turn down on every path.
QUOTED_APPEALS = [
    "Members, you said it best", "Your alerts, she said, arrive daily", "Donate now, the mayor said",
    "Sign up for the class, the flyer says", "Supporters and members told the board", "“Subscribe and donate”",
]
# Two weak cues at the twelve-word limit of a link bar, and one word past it.
AT_THE_LIMIT = [
    "Members and supporters met at the library in Tucson on Friday night",
    "Members and supporters met at the old library in Tucson on Friday night",
    "Subscription alerts went out to every household in Yuma County on Monday",
    "Subscription alerts went out to nearly every household in Yuma County on Monday",
]


def _trapped(line: str) -> list[str]:
    """The line with each letter re.IGNORECASE confuses with a case trap swapped for it, and with a trap in front."""
    swaps = {"s": "\u017f", "k": "\u212a", "K": "\u212a", "i": "\u0131", "I": "\u0130"}
    return [line.translate(str.maketrans({a: b})) for a, b in swaps.items() if a in line] + [TRAPS[len(line) % 4] + line]


def _prose_lines() -> list[str]:
    """Paragraphs of the dev set's article texts: ordinary news prose, mostly longer than a dozen words."""
    pages = sorted((ROOT / "dev" / "extraction" / "pages").glob("*.txt"))
    return [line for page in pages for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]


BASE = sorted({*FURNITURE, *CUE_EXAMPLES, *QUOTED_APPEALS, *AT_THE_LIMIT, *_prose_lines()})
LINES = BASE + [line.upper() for line in BASE] + [line.title() for line in BASE] + [
    variant for line in BASE for variant in _trapped(line)
]
CUES = [value for value in vars(boilerplate).values() if isinstance(value, _Cue)]


@pytest.mark.parametrize("cue", CUES, ids=lambda cue: cue.pattern.pattern[:30])
def test_a_cue_finds_and_counts_what_its_pattern_finds(cue: _Cue) -> None:
    for line in LINES:
        assert cue.search(line) == (cue.pattern.search(line) is not None), line
        assert cue.count(line) == len(cue.pattern.findall(line)), line


def _witnesses(cue: _Cue, line: str) -> list[tuple[str, str]]:
    text = line.lower()
    return [("in", n) for n in cue.needs if n in text] + [("start", s) for s in cue.starts if text.startswith(s)]


@pytest.mark.parametrize("cue", CUES, ids=lambda cue: cue.pattern.pattern[:30])
def test_each_needed_literal_is_alone_on_some_line_the_pattern_finds(cue: _Cue) -> None:
    # Dropping any literal from `needs` or `starts` would then make the test above fail on that line.
    alone = {found[0] for line in LINES if cue.pattern.search(line) and len(found := _witnesses(cue, line)) == 1}
    assert alone == {("in", n) for n in cue.needs} | {("start", s) for s in cue.starts}


def _appeal_long_way(line: str, strong: _Cue, weak: _Cue) -> bool:
    """The appeal test as first written: attribution first, plain patterns, word limit inside."""
    if _words(line) > _LONGEST_FURNITURE or boilerplate._ATTRIBUTION.pattern.search(line):
        return False
    if strong.pattern.search(line):
        return True
    n = len(weak.pattern.findall(line))
    return n >= 1 and (bool(boilerplate._READER_ADDRESS.pattern.search(line)) or (n >= 2 and _words(line) <= 12))


@pytest.mark.parametrize(
    "cues",
    [(boilerplate._DONATION_STRONG, boilerplate._DONATION_WEAK), (boilerplate._NEWSLETTER_STRONG,
                                                                 boilerplate._NEWSLETTER_WEAK)],
    ids=["donation", "newsletter"],
)
def test_appeal_agrees_with_the_long_way(cues: tuple[_Cue, _Cue]) -> None:
    fired = 0
    for line in LINES:
        expected = _appeal_long_way(line, *cues)
        assert (_words(line) <= _LONGEST_FURNITURE and boilerplate._appeal(line, *cues)) == expected, line
        fired += expected
    assert fired >= 20  # the corpus holds appeals, not only prose


def _classify_long_way(line: str) -> str | None:
    """classify_line as first written: each rule's hints looked up on their own, word limits inside the tests."""
    n = _words(line)
    if n > _LONGEST_FURNITURE or (n > 12 and not _LONG_LINE_HINT(line.lower())):
        return None
    return next((r.kind for r in _LINE_RULES if (not r.hints or _mentions(line, r.hints)) and r.accepts(line)), None)


def test_classify_line_agrees_with_the_long_way() -> None:
    kinds = [classify_line(line) for line in LINES]
    assert kinds == [_classify_long_way(line) for line in LINES]
    assert set(kinds) == {rule.kind for rule in _LINE_RULES} | {None}  # the corpus reaches every rule


@pytest.mark.skipif(sys.maxunicode < 0x10FFFF, reason="needs a full Unicode build")
def test_folded_words_lower_the_joined_words_like_each_word() -> None:
    cased = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).lower() != chr(c) or chr(c).upper() != chr(c)]
    # Final sigma is the one context-dependent lower-casing: put a capital sigma at every word edge.
    for start in range(0, len(cased), 64):
        chunk = cased[start : start + 64]
        line = " ".join(f"Σ{a}Σ Σ {b}Σ'Σ{a}" for a, b in zip(chunk, reversed(chunk)))
        words = boilerplate._WORD.findall(line)
        assert _norm(line) == " ".join(word.lower() for word in words), line
        assert _words(line) == len(words), line


def test_ascii_lines_have_the_words_the_unicode_pattern_finds() -> None:
    ascii_chars = "".join(map(chr, range(128)))
    # Every two characters between two letters, at the start and at the end of a line, and alone.
    pairs = [form.format(c + d) for c in ascii_chars for d in ascii_chars for form in ("a{}B", "{}a", "Z{}", "{}")]
    for line in [*(line for line in LINES if line.isascii()), ascii_chars, ascii_chars[::-1], *pairs]:
        words = boilerplate._WORD.findall(line)
        assert _norm(line) == " ".join(words).lower(), line
        assert _words(line) == len(words), line


def test_hint_text_is_the_lowered_line_unless_it_holds_a_case_trap() -> None:
    for line in LINES:
        assert boilerplate._hint_text(line) == (None if boilerplate._CASE_TRAPS.search(line) else line.lower()), line


def test_folded_words_are_separated_by_single_spaces_only() -> None:
    # _mark_repeats counts the words of a folded line by its spaces instead of splitting it.
    for line in LINES:
        norm = _norm(line)
        assert norm.split() == (norm.split(" ") if norm else []), line
    every_char = map(chr, range(sys.maxunicode + 1))
    assert not [char for char in every_char if char.isalnum() and any(c.isspace() for c in char.lower())]


def test_a_printable_line_holds_no_space_character_but_the_space() -> None:
    # _folded returns a printable line without double or edge spaces as it is.
    assert [char for char in map(chr, range(sys.maxunicode + 1)) if char.isspace() and char.isprintable()] == [" "]


def test_folded_lines_equal_their_words_joined_by_one_space() -> None:
    every_space = [char for char in map(chr, range(sys.maxunicode + 1)) if char.isspace()]
    odd = [f"{a}{line}{b}" for line in LINES[:200] for a, b in [(" ", ""), ("", " "), ("", "\u00ad")]]
    for line in [*LINES, *odd, *(f"Agents{space}left{space}" for space in every_space), "", " ", "a  b"]:
        assert boilerplate._folded(line) == " ".join(line.split()), line


def test_line_end_tests_agree_with_the_patterns_they_replace() -> None:
    # endswith() stands for a "$"-anchored pattern, which also matches before a final newline: none is left in a line.
    for line in boilerplate._split_lines("\n".join([*LINES, "Who?\r\nNo!\x85Yes.\u2028Agents left!\n\n"])):
        assert boilerplate._is_heading(line) == (_words(line) <= 10 and not re.search(r"[.!]$", line)), line
        assert line.endswith(boilerplate._TERMINAL) == bool(re.search(r"[.!?…\"”’)\]:]$", line)), line


def test_an_end_mark_starts_with_one_of_its_first_characters() -> None:
    tails = ["##", "**", " 30 -", ""]  # what completes an end mark after each of its possible first characters
    for char in map(chr, range(sys.maxunicode + 1)):
        for tail in tails:
            if boilerplate._END_MARK.match(char + tail):
                assert (char + tail).startswith(boilerplate._END_MARK_STARTS)
    assert boilerplate._split_lines("Agents left.\n - 30 -\nContact: press office") == ["Agents left."]


@pytest.mark.parametrize(("pull", "removed"), [("Agents left the county jail", True), ("Agents left the jail", False)])
def test_a_pull_quote_needs_five_words(pull: str, removed: bool) -> None:
    story = f"Witnesses said {pull.lower()} before noon on Friday, hours after the judge ruled."
    kept = boilerplate.strip_boilerplate("\n".join([story, pull, story.replace("Witnesses", "Neighbors")]))
    assert (pull not in kept.splitlines()) == removed
