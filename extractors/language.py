"""Language of the main text, offline: py3langid ships its model inside the wheel, so nothing downloads at run time."""

from __future__ import annotations

import py3langid

# Identification on a few thousand characters is as reliable as on the whole text and keeps long pages cheap.
_SAMPLE_CHARS = 3000
_MIN_LETTERS = 20


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when there are too few letters to tell."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return None
    code, _score = py3langid.classify(sample)
    return str(code)
