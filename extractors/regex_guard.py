"""Regexes searched over whole sentences, compiled with a lookahead of the characters a match can start with.

Python's regex engine skips ahead quickly only when a pattern starts with a literal or a character class; a pattern
that starts with `\\b` or with case-insensitive letters ("\\b(?:mayor|city council|...)") is run in full at every
offset of the text, so a search over a sentence costs microseconds. `guarded` prefixes such a pattern with `(?=[...])`,
the set of its possible first characters read from the parsed pattern: the lookahead rejects most offsets in one test
and matches exactly what the plain pattern matches (same spans, same groups). Even a class costs the engine a test
of every character: where the offsets a match can start at are known (`matches_at`), the pattern is tried only there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre  # the standard library's regex parser, to read which characters start a match
from re import _parser as sre_parse

_Starts = set[tuple[object, object]]  # items of a parsed character class: (LITERAL, code), (RANGE, (lo, hi)), (CATEGORY, c)
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)  # anchors and lookarounds consume nothing: the next item starts
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, behind a lookahead of its first characters when they can be told (otherwise, or
    when the pattern can match the empty string, the plain pattern)."""
    parsed = sre_parse.parse(pattern, flags)
    # Flags set inside the pattern ("(?i)") must stay at its start, and a verbose pattern may end in a comment.
    inline = parsed.state.flags & ~(flags | re.UNICODE)
    starts = None if inline or flags & re.VERBOSE else _first(list(parsed))
    if starts is None or starts[1]:
        return re.compile(pattern, flags)
    return re.compile(f"(?={_character_class(starts[0])})(?:{pattern})", flags)


def _first(items: list[tuple[object, object]]) -> tuple[_Starts, bool] | None:
    """(the class items that can start a match of the parsed `items`, whether they can match the empty string), or
    None when any character might start one."""
    found: _Starts = set()
    for op, arg in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre.LITERAL:
            found.add((op, arg))
            return found, False
        if op is sre.IN:
            if any(kind is sre.NEGATE or kind is sre.CATEGORY and value not in _CATEGORIES for kind, value in arg):
                return None
            found.update(arg)
            return found, False
        if op is sre.SUBPATTERN:
            _, add_flags, _, sub = arg
            if add_flags & re.IGNORECASE:  # "(?i:L)" starts with "l" too: a class read as cased would miss it
                return None
            parts = [_first(list(sub))]
        elif op is sre.BRANCH:
            parts = [_first(list(branch)) for branch in arg[1]]
        elif op in _REPEATS:
            low, _, item = arg
            part = _first(list(item))
            parts = [(part[0], part[1] or low == 0) if part else None]
        else:  # any character, a back reference, a conditional: not worth reading
            return None
        if any(part is None for part in parts):
            return None
        for starts, _ in parts:
            found |= starts
        if not any(empty for _, empty in parts):
            return found, False
    return found, True


def _character_class(starts: _Starts) -> str:
    out = []
    for op, arg in sorted(starts, key=repr):
        if op is sre.LITERAL:
            out.append(re.escape(chr(arg)))
        elif op is sre.RANGE:
            out.append(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        else:
            out.append(_CATEGORIES[arg])
    return "[" + "".join(out) + "]"


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int], end: int = 0) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, trying the pattern only at `starts`: sorted offsets holding every place a
    match can begin (the offsets of a trigger's start words, of sentence punctuation), found faster than the engine
    finds them; `end`: where a match found before them ended (none of them starts inside it)."""
    for start in starts:
        if start >= end:
            match = pattern.match(text, start)
            if match:
                end = match.end()
                yield match
