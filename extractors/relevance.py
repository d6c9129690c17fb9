"""Relevance gate: is an article about U.S. immigration enforcement at all?

"ICE" alone is ambiguous (the drug, the Intercontinental Exchange, hockey, winter weather): only the capitalised
acronym counts, it counts most when enforcement words surround it, explicit immigration vocabulary counts on its own,
and the vocabulary of those false friends (futures, rinks, sleet, meth) pulls the score down. The lowercase terms are
found by the classifier's vocabulary scan (`extractors.vocabulary`), which weighs them in the same pass that finds
its cues; the acronyms are found there too, lowercased, and read back from the text as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from extractors.regex_guard import guarded

RELEVANCE_THRESHOLD = 0.5

# Immigration-enforcement vocabulary (lowercase, matched at word starts; "*" marks a stem, else a whole word).
_TOPIC_TERMS = """
immigra* deport* undocumented migrant migrants asylum border~patrol customs~and~border homeland~security 287(g)
detainer detainers noncitizen* removal~proceedings green~card visa~overstay* sanctuary* midway~blitz metro~surge
immigration~and~customs
"""
# Words common in enforcement news but also elsewhere ("federal agents" raid a drug lab too): half weight.
_WEAK_TERMS = """
federal~agent* federal~officer* broadview delaney~hall processing~center* detention~center* detention~facilit*
detainee* raid raids raided
"""
_OFF_TOPIC_TERMS = """
hockey nhl puck goalie* power~play rink skater* skates skating stanley~cup ice~storm* freezing~rain sleet black~ice snow*
winter~storm* wind~chill frost* icy~road* road~crews crystal~meth methamphetamine* meth narcotic* drug~task~force
intercontinental~exchange nyse futures brent crude commodit* shares stock stocks earnings quarterly investor* recipe*
teaspoon* tablespoon* cocktail* ice~cube* iced shaved~ice ice~cream freezer dessert*
"""
# Capitalised acronyms, case-sensitive: ICE is weighed by its surroundings, the others are unambiguous enough.
ACRONYMS = ("ICE", "DHS", "CBP", "HSI", "ERO")
_ICE_WORDS = (
    r"\b(?:agents?|officers?|officials?|raids?|arrest\w*|detain\w*|detention|custody|facility|operations?|enforcement"
    r"|field office|director|spokes\w+|vehicles?|protest\w*|deport\w*|immigra\w*)\b"
)
_ICE_CONTEXT = guarded(_ICE_WORDS, re.IGNORECASE)
# On ASCII text, ignoring case is lowercasing (the characters other cases fold to, "ſ" or the Kelvin sign, are not
# ASCII), and a case-sensitive search runs several times faster; it tests word boundaries as an ASCII regex (no \s
# here: the separators \x1c-\x1f, whitespace only to Unicode, make no difference).
_ICE_CONTEXT_LOWER = guarded(_ICE_WORDS, re.ASCII)
_ICE_BEFORE, _ICE_AFTER = 60, 70  # the context read around an "ICE"


_WEIGHTS = {"topic": 2.0, "weak": 1.0, "off": -2.0}
# Lowercase term ("*" marks a stem) -> the points each occurrence on word boundaries adds.
TERM_WEIGHTS = {
    word.replace("~", " "): _WEIGHTS[label]
    for block, label in ((_TOPIC_TERMS, "topic"), (_WEAK_TERMS, "weak"), (_OFF_TOPIC_TERMS, "off"))
    for word in block.split()
}
# A title is written to say what the story is about: its points count twice.
TITLE_WEIGHT = 2.0


def score(points: float) -> float:
    """Points (terms, acronyms, the title's counted twice) as a score 0..1; 2 points make the threshold."""
    if points <= 0:
        return 0.0
    return round(points / (points + 2.0), 3)


def acronym_points(text: str, found: Iterable[tuple[int, str]]) -> float:
    """Points of the acronyms `found` ((offset, acronym) of whole words that read as one, lowercased) that `text`
    writes in capitals; ICE counts most among enforcement words."""
    points = 0.0
    for start, acronym in found:
        if not text.startswith(acronym, start):
            continue
        if acronym == "ICE" and has_ice_context(text, start):
            points += 3.0
        else:
            points += 2.0
    return points


def has_ice_context(text: str, start: int) -> bool:
    """Whether enforcement words surround the "ICE" at `start` of `text` (whatever their case)."""
    begin, end = max(0, start - _ICE_BEFORE), start + _ICE_AFTER
    # The window keeps the character before it, which tells whether a word starts at its first character.
    window = text[begin - 1 if begin else 0 : end]
    if window.isascii():
        return _ICE_CONTEXT_LOWER.search(window.lower(), 1 if begin else 0) is not None
    return _ICE_CONTEXT.search(text, begin, end) is not None
