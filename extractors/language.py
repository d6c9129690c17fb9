"""Language of the main text, offline: py3langid ships its model inside the wheel, so nothing downloads at run time."""

from __future__ import annotations

import re

import py3langid

# Identification on ~1,500 characters (about 250 words) is as reliable as on the whole text and costs a fraction.
_SAMPLE_CHARS = 1500
_MIN_LETTERS = 20
_LETTER = re.compile(r"[^\W\d_]")
_TOKEN = re.compile(r"[a-zA-Z]+")
# Words frequent in English prose and absent from the function words of other Latin-script languages. News text in
# English is ~20% these; Spanish, French, German or Portuguese well under 2%. Above the threshold the classifier's
# answer is known in advance, and skipping it saves most of the per-page cost of detection.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to that with said was is were from have has this for are will would they their who which been "
    "it its be".split()
)
_ENGLISH_SHARE = 0.12
_MIN_TOKENS = 40


def _clearly_english(sample: str) -> bool:
    tokens = _TOKEN.findall(sample)
    if len(tokens) < _MIN_TOKENS:
        return False
    hits = sum(1 for t in tokens if t.lower() in _ENGLISH_FUNCTION_WORDS)
    return hits >= _ENGLISH_SHARE * len(tokens)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when there are too few letters to tell."""
    sample = text[:_SAMPLE_CHARS]
    if len(_LETTER.findall(sample, 0, 200)) < _MIN_LETTERS:
        return None
    if _clearly_english(sample):
        return "en"
    code, _score = py3langid.classify(sample)
    return str(code)
