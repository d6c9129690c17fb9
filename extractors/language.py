"""Language of the main text, offline: py3langid ships its model inside the wheel, so nothing downloads at run time."""

from __future__ import annotations

import re

import py3langid

# Identification on ~1,500 characters (about 250 words) is as reliable as on the whole text and costs a fraction.
_SAMPLE_CHARS = 1500
_MIN_LETTERS = 20
_LETTER = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when there are too few letters to tell."""
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample, 0, 200)) < _MIN_LETTERS:
        return None
    code, _score = py3langid.classify(sample)
    return str(code)
