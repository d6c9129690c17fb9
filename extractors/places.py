"""Where an event happened: match every place once per article, resolve it in context, attach events to places.

A geocoder that tags every place an article names turns one story into a dozen false hotspots. Here each
event takes the place of its own sentence (then its paragraph, then the dateline or the article's one local
place); statewide acts carry the state only; national actors and passing mentions carry nothing.
Precision of a result: court (a named federal court or U.S. Attorney's office) > facility > city > county > state.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from operator import itemgetter
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from extractors.gazetteer import Candidate, Entry, Gazetteer, SMALL_WORDS, load
from extractors.models import Jurisdiction
from extractors.regex_guard import guarded
from extractors.sentences import Sentence
from extractors.vocabulary import Scan, lower, scan

RANK = {"court": 5, "facility": 4, "city": 3, "county": 2, "state": 1}
TITLE = -1  # sentence index of the title
# AP style names the state after any city outside its standalone dateline list; below this size a bare name with
# no state anywhere in the article is more often a surname or a namesake than the town.
SMALL_PLACE = 100_000

COURT_TYPES = frozenset({"court_ruling", "civil_lawsuit", "federal_charge", "federal_declination", "case_resolution"})
STATEWIDE_TYPES = frozenset({"legislation_policy", "state_action_against_agents", "civil_lawsuit", "threat_of_prosecution"})
# Types whose evidence is an utterance: without a place near the speaker we do not guess one.
SPEECH_TYPES = frozenset({"threat_of_prosecution"})

_STATE_ACTOR = guarded(
    r"\b(?:gov\.|governor|attorneys? general|legislature|legislators|lawmakers|general assembly|state senat\w*|"
    r"state rep\w*|assembly(?:man|woman|member)?|state laws?|statewide|state officials|state police|state troopers|"
    r"state prosecutors|state's (?:new )?laws?|highway patrol|state agenc\w+|state of)\b",
    re.IGNORECASE,
)
_CITY_ACTOR = guarded(
    r"\b(?:mayor|mayor's|city council|council ?members?|alder(?:man|men|woman|persons?)|city attorney|city's|"
    r"district attorneys?|county attorney|county prosecutor|prosecuting attorney|state's attorney(?! general)|sheriff\w*|"
    r"police|county board|county commission\w*|board of supervisors|county executive|"
    r"city officials|city leaders|city hall|municipal\w*|the city|county officials)\b",
    re.IGNORECASE,
)
_NATIONAL_ACTOR = guarded(
    r"\b(?:white house|trump administration|the administration|president(?: donald)? trump|trump|"
    r"homeland security|dhs|justice department|department of justice|doj|attorney general pam bondi|bondi|"
    r"u\.s\. attorney general|border czar|homan|noem|stephen miller|vance|federal officials|"
    r"administration officials|cbp commissioner|congress|washington officials)\b",
    re.IGNORECASE,
)
# A sentence about a law named earlier ("The laws took effect on 1 January.") happened where that law was made: its
# antecedent is the nearest earlier sentence naming a law and a place, a few sentences back at most.
_LAW_ANAPHOR = re.compile(
    r"^(?:(?:but|and|yet|so|still),?\s+)?(?:the|both|these|those|its|their)\s+(?:(?:two|three|new|state|city|county)\s+)*"
    r"(?:laws?|measures?|ordinances?|bills?|acts|statutes?|polic(?:y|ies)|rules|legislation)\b",
    re.IGNORECASE,
)
_LAW_NOUN = re.compile(
    r"\b(?:(?i:laws?)(?! enforcement)|(?i:measures?|ordinances?|bills?|statutes?|polic(?:y|ies)|legislation|executive orders?)"
    r"|Acts?)\b"
)
_ANTECEDENT_SENTENCES = 6
_COUNTRY_CONTEXT = guarded(
    r"\b(?:tbilisi|country of|republic of|former soviet|caucasus|russia|ukraine|armenia|azerbaijan|"
    r"deported to|citizens? of|nationals?|native of|born in|embassy)\b",
    re.IGNORECASE,
)
_COURT_BEFORE = guarded(
    r"(?:court(?:house)?|judge|attorney'?s office|u\.s\. attorney|federal prosecutors?|grand jury)\s+"
    r"(?:in|for|at|of)\s+(?:the\s+)?(?:district of\s+)?$",
    re.IGNORECASE,
)
_COURT_AFTER = re.compile(r"(?:'s|’s)?\s+(?:U\.S\. attorney|U\.S\. Attorney|federal court|federal judge)", re.IGNORECASE)
_DC_COURT_BEFORE = guarded(r"(?:court|attorney|judge)[^.]{0,30}$", re.IGNORECASE)
_PASSING_BEFORE = guarded(
    r"(?:born in|grew up in|raised in|native of|moved (?:here )?from|hometown of|formerly of|graduated from|"
    r"studied at|former|similar to|compared (?:with|to)|unlike|reminiscent of|echoing|mirroring|"
    r"the way|than in|than|visiting from|based in|(?:had |has |once )?(?:worked|served|lived) in)\s+(?:the\s+|a\s+)?(?:[\w.’'-]+\s+){0,2}$",
    re.IGNORECASE,
)
_PASSING_TRIGGERS = frozenset(
    "born grew raised native moved hometown formerly graduated studied former similar compared unlike reminiscent "
    "echoing mirroring way than visiting based worked served lived".split()
)
_COURT_TRIGGERS = frozenset("court courthouse judge office attorney prosecutor prosecutors jury".split())
_TRIGGERS = _PASSING_TRIGGERS | _COURT_TRIGGERS
_WEAK = frozenset({"from", "like", "than", "including"})
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around", "within"})
_FILLERS = frozenset({"the", "downtown", "suburban"})
_INSTITUTION_AFTER = re.compile(
    r"(?:'s|’s)?\s+(?:city|police|mayor|sheriff|county|council|school|public|fire|officials|residents|area|"
    r"neighborhood|suburb|metro|federal|immigration|ICE)\b",
    re.IGNORECASE,
)
_SAID_AFTER = re.compile(
    r"\s+(?:said|says|told|wrote|added|argued|asked|testified|explained|noted|tweeted|posted)\b"
)
_LIST_GAP = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)$")
_WORD = re.compile(r"[A-Za-z][\w'’&.-]*")
_WORD_AFTER = re.compile(f" +({_WORD.pattern})")  # the word after a mention, read in place (its sentence not copied)
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?)(?:,\s*(?P<qual>[A-Z][A-Za-z. ]{0,20}?))?"
    r"\s*(?P<agency>\((?:AP|Reuters|AFP|UPI|CNN|Bloomberg|[A-Z][A-Za-z .&]{1,30})\)\s*)?(?:—|–|--|-)\s+"
)
_NOT_PLACE_AFTER = frozenset(
    """Times Tribune Post Herald Globe Chronicle Journal Inquirer Sun-Times Examiner Gazette Star Courier Register
    Observer Bee Dispatch Republic Standard Reporter Magazine Free Press Daily Weekly Sentinel News Mercury
    Enquirer Advocate Argus Statesman Oregonian Constitution Plain Ledger Record Review Monitor Independent Banner
    Telegraph Times-Picayune Public Radio Media Network University College Law School Institute Bears Bulls Cubs
    Sox Yankees Mets Giants Jets Dodgers Lakers Rangers Mavericks Cowboys Vikings Twins Timbers Trail Blazers
    Celtics Patriots Tech Street Avenue Boulevard Road Drive Ave. St. Blvd. River Lake Bay Valley Mountains
    Wildlife Jones""".split()
)
_ALLOWED_AFTER = frozenset(
    """Police Mayor Mayor's City County Council Sheriff Sheriff's District Superior Municipal Public Federal
    Immigration ICE Border Field Office Area Department Democrat Democrats Democratic Republican Republicans
    Governor Gov. Attorney Attorney's State Legislature Senate House Assembly Highway National Guard Metro
    Metropolitan Airport International Liberty Port Harbor Jail Detention Processing Center Courthouse Court
    Circuit Senator Sen. Rep. Representative Congressman Congresswoman Councilmember Alderman Commissioner
    Commission Board Schools School Unified Chief Division Bureau Archdiocese Diocese Fire Emergency Health
    AOR Region Regional Homeland Customs U.S. Justice Correctional Corrections Prosecutor's Prosecutors
    District's Transit Housing""".split()
)
_ALLOWED_BEFORE = frozenset(
    """North South East West Northern Southern Eastern Western Central Northeast Northwest Southeast Southwest
    Northeastern Northwestern Southeastern Southwestern Downtown Greater Metro Suburban Upstate Downstate Rural
    Inner Outer Lower Upper Mid The In At From To Across Near Outside Inside Around Throughout Of And Or For On
    By Into Within Like Than Both Across ICE Federal Immigration Customs Border US U.S. Metropolitan Coastal
    Southern""".split()
)


class Mention(NamedTuple):
    """A resolved place mention; offsets are within its sentence (or the title). A tuple: dozens per article."""

    sentence: int
    start: int
    end: int
    surface: str
    precision: str
    state: str
    district: str | None
    place: str
    passing: bool = False
    weak: bool = False  # after "from", "like", "than": a place the event is less likely to be in
    locative: bool = False  # after "in", "at", "near", ...

    def jurisdiction(self, statewide: bool = False) -> Jurisdiction:
        if statewide:
            return Jurisdiction(self.state, load().single_district.get(self.state), _state_name(self.state), "state", self.surface)
        return Jurisdiction(self.state, self.district, self.place, self.precision, self.surface)


# Builds a Mention from all its fields without the NamedTuple's Python-level __new__ (an article resolves dozens).
_new_mention = partial(tuple.__new__, Mention)


@dataclass
class PlaceContext:
    """Everything `attach` needs about one article; `attached` collects results for `article_jurisdictions`."""

    sentences: list[Sentence]
    title: str
    mentions: list[list[Mention]]
    title_mentions: list[Mention]
    dateline: Mention | None
    state_weights: Counter[str]
    dominant_state: str | None
    local_place: Mention | None
    court_districts: tuple[Mention, ...]
    attached: list[Jurisdiction] = field(default_factory=list)

    def text(self, index: int) -> str:
        if index == TITLE:
            return self.title
        return self.sentences[index].text if 0 <= index < len(self.sentences) else ""

    def of(self, index: int) -> list[Mention]:
        if index == TITLE:
            return self.title_mentions
        return self.mentions[index] if 0 <= index < len(self.mentions) else []


# The kinds below a state a name may stand for, in the order a mention prefers them, and the precision each gives.
_SUB_STATE = (("facility", "facility"), ("operation", "city"), ("place", "city"), ("county", "county"))


@dataclass(frozen=True)
class _Names:
    """What a matched span may name: its gazetteer entries whose case rule it meets, sorted out once per distinct span
    (an article repeats its places, and every step below asks these questions of each mention)."""

    candidates: tuple[Candidate, ...]
    by_kind: dict[str, tuple[Candidate, ...]]  # in entry order, so the first of a kind is the preferred one
    rule: str  # the first entry's rule that has one: qualifier | context | ""
    evidence: str | None  # the one state a bare mention points at: no rule, one state, no place below SMALL_PLACE
    named_states: frozenset[str]  # the states among the candidates that are states themselves
    sub_state: tuple[tuple[str, str, tuple[Candidate, ...]], ...]  # (kind, precision, candidates) as _SUB_STATE
    is_court: bool
    not_only_state: bool  # something other than a state: a qualifier (", Ore.") may follow it
    place_or_state: bool

    @classmethod
    def of(cls, entries: tuple[Entry, ...]) -> _Names:
        candidates = tuple(c for e in entries for c in e.candidates)
        by_kind: dict[str, tuple[Candidate, ...]] = {}
        for c in candidates:
            by_kind[c.kind] = (*by_kind.get(c.kind, ()), c)
        states = frozenset(c.state for c in candidates)
        unruled = all(not e.rule for e in entries)
        big_enough = all(c.kind != "place" or c.population >= SMALL_PLACE for c in candidates)
        return cls(
            candidates,
            by_kind,
            next((e.rule for e in entries if e.rule), ""),
            next(iter(states)) if len(states) == 1 and unruled and big_enough else None,
            frozenset(c.state for c in by_kind.get("state", ())),
            tuple((kind, precision, by_kind[kind]) for kind, precision in _SUB_STATE if kind in by_kind),
            "court" in by_kind,
            len(by_kind) > ("state" in by_kind),
            "place" in by_kind or "state" in by_kind,
        )


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    names: _Names
    qualifier: str | None = None
    qualifier_end: int = 0


# Spans seen so far and what they name (None: no entry's case rule fits); bounded, as spans are names from the text.
_NAMES_BY_SPAN: dict[str, _Names | None] = {}
_NAMES_CACHE_SIZE = 50_000
_UNSEEN = object()  # a span not in _NAMES_BY_SPAN (None there means seen, and no name)


def _state_name(usps: str) -> str:
    return load().state_names.get(usps, usps)


# ----------------------------------------------------------------------------------------------- matching


def _case_ok(entry: Entry, span: str) -> bool:
    if entry.case == "any":
        return True
    if entry.case == "exact":
        return span == entry.surface
    for word in span.replace("-", " ").split():
        first = next((ch for ch in word if ch.isalpha()), "")
        if first and not first.isupper() and word.lower() not in SMALL_WORDS:
            return False
    return True


def _raw_hits(segments: list[str], found: list[tuple[int, int, int, str]], gaz: Gazetteer) -> dict[int, list[_Hit]]:
    """The names the vocabulary scan `found` in `segments` (as written), on word boundaries, meeting their case rules,
    leftmost-longest; by segment, in segment order."""
    cache = _NAMES_BY_SPAN
    kept: list[tuple[int, int, int, int, _Names]] = []
    for seg, start, end, key in found:
        text = segments[seg]
        if end < len(text) and text[end].isalnum() and key[-1].isalnum():
            continue
        span = text[start:end]
        names = cache.get(span, _UNSEEN)
        if names is _UNSEEN:
            if len(cache) >= _NAMES_CACHE_SIZE:
                cache.clear()
            entries = tuple(e for e in gaz.entries[key] if _case_ok(e, span))
            names = cache[span] = _Names.of(entries) if entries else None
        if names is not None:
            kept.append((seg, start, start - end, end, names))
    kept.sort(key=_LEFTMOST_LONGEST)
    by_segment: dict[int, list[_Hit]] = {}
    last_seg = last_end = -1  # of the last hit kept
    for seg, start, _, end, names in kept:
        if seg == last_seg and start < last_end:
            continue
        if seg != last_seg:
            by_segment[seg] = []
        last_seg, last_end = seg, end
        by_segment[seg].append(_Hit(start, end, names))
    return by_segment


_LEFTMOST_LONGEST = itemgetter(0, 1, 2)  # (segment, start, minus length) of a kept match


# --------------------------------------------------------------------------------------------- resolution


def _governing_word(words: list[str]) -> str:
    """The word a mention follows (lowercased `words` before it), looking past "the"/"downtown": "in", "from", ..."""
    if not words:
        return ""
    if words[-1] in _FILLERS:
        return words[-2] if len(words) >= 2 else ""
    return words[-1]


def _preceding(text: str, start: int, width: int) -> str:
    """The `width` characters before `start`, fewer at the start of `text` (max() would parse keyword arguments: read
    around every name, it costs)."""
    return text[start - width if start > width else 0 : start]


def _after_capitalised_word(text: str, start: int) -> bool:
    """Whether a capitalised word (not sentence-initial, not a direction or preposition) stands right before the name at
    `start` across a space, as in "Phil Jackson": part of another name. Most names follow a space and a lower-case
    word ("in", "of the"), which the first tests settle without splitting the words before."""
    if text[start - 1 : start] != " ":
        return False
    window = _preceding(text, start, 30)
    last = window.rsplit(None, 1)[-1:]  # the last word before the space, with its punctuation
    if not last or (last[0].isascii() and last[0].islower()):  # its letters are all lower-case: so is the word's first
        return False
    words = _WORD.findall(window)
    before = words[-1] if words else ""
    if not before or not before[0].isupper() or before in _ALLOWED_BEFORE or _sentence_initial(text, start - len(before) - 1):
        return False
    gap = text[start - len(before) - 1 : start]
    return gap.endswith(" ") and not gap.rstrip().endswith((",", ";", ":"))


def _sentence_initial(text: str, start: int) -> bool:
    return not text[:start].strip(" \"'“‘([—–-")


def _looks_title_case(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if w.lower() not in SMALL_WORDS and len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _not_a_place(text: str, hit: _Hit, title_case: bool) -> bool:
    """Outlets, teams, streets, universities and people that contain a place name."""
    match = _WORD_AFTER.match(text, hit.qualifier_end or hit.end)
    after = match.group(1) if match else ""
    if after in _NOT_PLACE_AFTER or text.endswith(("University of ", "Univ. of "), 0, hit.start):
        return True
    if not hit.names.is_court and _SAID_AFTER.match(text, hit.end) and _preceding(text, hit.start, 4).lower() != "the ":
        return True
    if title_case:
        return False
    if _after_capitalised_word(text, hit.start):
        return True
    if after and after[0].isupper() and after not in _ALLOWED_AFTER and not hit.qualifier:
        return hit.names.place_or_state and after not in _ALLOWED_BEFORE
    return False


def _attach_qualifiers(text: str, hits: list[_Hit], gaz: Gazetteer) -> list[_Hit]:
    """Read ", Ore." / ", Oregon" after a place; a state name used as a qualifier is not a mention of its own."""
    kept: list[_Hit] = []
    skip_until = -1
    for hit in hits:
        if hit.start < skip_until:
            continue
        names = hit.names
        if names.not_only_state:
            match = gaz.qualifier.match(text, hit.end)
            q = (match.group("q") or match.group("q2")) if match else None
            if q and "state" in names.by_kind:
                q = q if any(c.state == gaz.qualifier_states[q] and c.kind != "state" for c in names.candidates) else None
            if match and q:
                hit.qualifier = gaz.qualifier_states[q]
                hit.qualifier_end = match.end()
                skip_until = match.end()
        kept.append(hit)
    return kept


def _evidence_states(hits_by_segment: dict[int, list[_Hit]], segments: list[str], title_segment: int | None) -> Counter[str]:
    """States the article unambiguously names: state names, qualifiers, courts, single-state places (twice in the title)."""
    weights: Counter[str] = Counter()
    for seg, hits in hits_by_segment.items():
        factor = 2 if seg == title_segment else 1
        for hit in hits:
            state = hit.qualifier or hit.names.evidence
            if state is None:
                continue
            if not hit.qualifier and state == "GA" and _COUNTRY_CONTEXT.search(segments[seg]):
                continue
            weights[state] += factor
    return weights


def _sentence_states(hits: list[_Hit]) -> set[str]:
    """The states a sentence names (as states or qualifiers): they tip an ambiguous name in it towards themselves."""
    states = {h.qualifier for h in hits if h.qualifier}
    for h in hits:
        states |= h.names.named_states
    return states


def _choose(cands: tuple[Candidate, ...], weights: Counter[str], dateline_state: str | None, sentence: list[_Hit]) -> Candidate:
    if len(cands) == 1:  # most names name one place: nothing to weigh
        return cands[0]
    sentence_states = _sentence_states(sentence)

    def score(c: Candidate) -> float:
        s = 0.0
        if c.state == dateline_state:
            s += 5
        if c.state in sentence_states:
            s += 3
        s += min(weights.get(c.state, 0), 4)
        return s + 0.15 * math.log10(c.population + 10)

    return max(cands, key=score)


def _resolve(
    text: str, seg: int, hit: _Hit, sentence: list[_Hit], weights: Counter[str], dateline_state: str | None, gaz: Gazetteer
) -> Mention | None:
    """The mention `hit` makes in its sentence (`sentence`: all the hits there), or None when it is no place here."""
    before = _preceding(text, hit.start, 60)
    words = before.lower().rsplit(None, 6)  # the last six words (and the rest, unsplit, first) are all that is read
    recent = words[-6:]
    governing = _governing_word(words)
    locative = governing in _LOCATIVE
    cued = not _TRIGGERS.isdisjoint(recent)  # most names follow no trigger of either kind: one test settles both
    court_before = cued and not _COURT_TRIGGERS.isdisjoint(recent) and _COURT_BEFORE.search(before[-50:]) is not None
    referent = _referent(text, hit, before, locative, court_before, sentence, weights, dateline_state, gaz)
    if referent is None:
        return None
    precision, chosen, place = referent
    passing = (cued and not _PASSING_TRIGGERS.isdisjoint(recent) and _PASSING_BEFORE.search(before) is not None) or text.startswith(
        "-based", hit.end
    )
    end = hit.qualifier_end or hit.end
    return _new_mention((seg, hit.start, end, text[hit.start : end], precision, chosen.state, chosen.district,
                         place or chosen.name, passing, governing in _WEAK, locative))


def _referent(
    text: str,
    hit: _Hit,
    before: str,
    locative: bool,
    court_before: bool,
    sentence: list[_Hit],
    weights: Counter[str],
    dateline_state: str | None,
    gaz: Gazetteer,
) -> tuple[str, Candidate, str | None] | None:
    """(precision, candidate, place name if not the candidate's) that `hit` refers to, or None."""
    names = hit.names
    by_kind = names.by_kind
    if names.is_court:
        court = by_kind["court"][0]
        if court.state != "DC" or _DC_COURT_BEFORE.search(before[-45:]):
            return "court", court, None
        return "city", next(c for c in by_kind.get("place", []) or [Candidate("place", "DC", "usao-dc", "Washington")]), None
    if "state" in by_kind and not (hit.qualifier and by_kind.get("place")):
        state = by_kind["state"][0]
        if state.state == "WA":
            return _resolve_washington(text, hit, weights, by_kind)
        if state.state == "GA" and _COUNTRY_CONTEXT.search(text):
            return None
        court = court_before or _COURT_AFTER.match(text, hit.end)
        return "court" if court else "state", state, None
    if not names.sub_state:
        return None
    kind, precision, cands = names.sub_state[0]
    if hit.qualifier:
        in_state = tuple(c for c in cands if c.state == hit.qualifier)
        if not in_state:
            q = hit.qualifier
            surface = text[hit.start : hit.end]
            return "city", Candidate("place", q, gaz.single_district.get(q), surface), surface
        cands = in_state
    chosen = _choose(cands, weights, dateline_state, sentence)
    if not hit.qualifier and not _context_allows(names.rule, chosen, weights, dateline_state, text, hit.end, locative):
        return None
    if precision == "city" and kind == "place" and court_before:
        precision = "court"
    return precision, chosen, None


def _context_allows(
    rule: str, chosen: Candidate, weights: Counter[str], dateline_state: str | None, text: str, end: int, locative: bool
) -> bool:
    """Common-word names need the article to point at their state; small places need that or a local cue
    ("in Macon", "Pensacola's mayor": locative, or an institution after the name at `end`, read only when it decides)."""
    if rule == "qualifier":
        return chosen.state == dateline_state or (_has_evidence(chosen, weights, dateline_state) and _local_cue(text, end, locative))
    if rule == "context" or (chosen.kind == "place" and chosen.population < SMALL_PLACE):
        return _has_evidence(chosen, weights, dateline_state) or _local_cue(text, end, locative)
    return True


def _has_evidence(chosen: Candidate, weights: Counter[str], dateline_state: str | None) -> bool:
    return weights.get(chosen.state, 0) > 0 or chosen.state == dateline_state


def _local_cue(text: str, end: int, locative: bool) -> bool:
    return locative or _INSTITUTION_AFTER.match(text, end) is not None


def _resolve_washington(
    text: str, hit: _Hit, weights: Counter[str], by_kind: dict[str, tuple[Candidate, ...]]
) -> tuple[str, Candidate, None] | None:
    """Washington the state, the capital (usao-dc), or the federal government (no place)."""
    after = text[hit.end : hit.end + 8]
    before = text[: hit.start]
    state = by_kind["state"][0]
    dc = next((c for c in by_kind.get("place", []) if c.state == "DC"), None)
    if after.lower().startswith((" state", "’s governor", "'s governor", " gov")) or before[-9:].lower().endswith("state of "):
        return "state", state, None
    if weights.get("WA", 0) > weights.get("DC", 0):
        return "state", state, None
    if dc is not None and _governing_word(before[-30:].lower().split()) in _LOCATIVE:
        return "city", dc, None
    return None


def _dateline(first: Sentence | None, gaz: Gazetteer) -> tuple[Mention | None, int]:
    """Parse "MINNEAPOLIS (AP) —" / "PORTLAND, Ore. —"; return the mention and where the dateline ends."""
    if first is None:
        return None, 0
    match = _DATELINE.match(first.text)
    if not match:
        return None, 0
    place = match.group("place").strip()
    qual = match.group("qual")
    qual_state = gaz.qualifier_states.get(qual.strip()) if qual else None
    if not (place.isupper() or qual_state or match.group("agency")):
        return None, 0
    entries = gaz.entries.get(place.lower(), ())
    cands = [c for e in entries for c in e.candidates if c.kind in {"place", "facility", "county"}]
    if qual_state:
        in_state = [c for c in cands if c.state == qual_state]
        chosen = in_state[0] if in_state else Candidate("place", qual_state, gaz.single_district.get(qual_state), place.title())
    elif place.lower() == "new york":
        chosen = next(c for c in gaz.entries["new york city"][0].candidates)
    elif cands:
        chosen = max(cands, key=lambda c: c.population)
    else:
        state = next((c for e in entries for c in e.candidates if c.kind == "state"), None)
        if state is None:
            return None, 0
        return Mention(0, 0, match.end(), match.group(0).strip(), "state", state.state, state.district, state.name), match.end()
    return (
        Mention(0, 0, match.end(), match.group(0).strip(), "city", chosen.state, chosen.district, chosen.name),
        match.end(),
    )


def build_context(
    sentences: list[Sentence], title: str | None = None, url: str | None = None, scanned: Scan | None = None
) -> PlaceContext:
    """Match all places once per article; compute dateline, dominant state, per-sentence matches.

    `url` is accepted for the contract; an outlet's home city says nothing about where a story happened. `scanned`, the
    vocabulary scan of the sentences and title, spares the caller's second pass.
    """
    del url
    if scanned is None:
        scanned = scan([lower(s.text) for s in sentences], lower(title) if title else None)
    gaz = load()
    dateline, dateline_end = _dateline(sentences[0] if sentences else None, gaz)
    segments = [s.text for s in sentences]
    if title:
        segments.append(title)
    title_segment = len(sentences) if title else None
    by_segment = _raw_hits(segments, scanned.places, gaz)
    for seg, hits in list(by_segment.items()):
        if seg == 0 and dateline_end:
            hits = [h for h in hits if h.start >= dateline_end]
        text = segments[seg]
        hits = _attach_qualifiers(text, hits, gaz)
        title_case = seg == title_segment and _looks_title_case(text)
        by_segment[seg] = [h for h in hits if not _not_a_place(text, h, title_case)]
    weights = _evidence_states(by_segment, segments, title_segment)
    dateline_state = dateline.state if dateline else None
    if dateline_state:
        weights[dateline_state] += 3
    mentions: list[list[Mention]] = [[] for _ in sentences]
    title_mentions: list[Mention] = []
    for seg, hits in by_segment.items():
        index, out = (TITLE, title_mentions) if seg == title_segment else (seg, mentions[seg])
        for hit in hits:
            m = _resolve(segments[seg], index, hit, hits, weights, dateline_state, gaz)
            if m is not None:
                out.append(m)
    resolved = [m for ms in mentions for m in ms if not m.passing] + [m for m in title_mentions if not m.passing]
    final = Counter(m.state for m in resolved)
    if dateline_state:
        final[dateline_state] += 2
    dominant = _most_common(final)
    return PlaceContext(
        sentences=sentences,
        title=title or "",
        mentions=mentions,
        title_mentions=title_mentions,
        dateline=dateline,
        state_weights=final,
        dominant_state=dominant,
        local_place=_local_place(resolved),
        court_districts=tuple(m for m in resolved if m.precision == "court" and m.district),
    )


def _most_common(counts: Counter[str]) -> str | None:
    """The first of the most frequent keys, as `counts.most_common(1)` finds it, without its heap machinery."""
    return max(counts, key=counts.__getitem__) if counts else None


def _local_place(resolved: list[Mention]) -> Mention | None:
    """The article's one local place: every sub-state mention (or two thirds of at least three) in one district."""
    local = [m for m in resolved if m.precision != "state" and m.district]
    if not local:
        return None
    counts = Counter(m.district for m in local)
    district = _most_common(counts)
    n = counts[district]
    if n == len(local) or (n >= 3 and n >= 2 * len(local) / 3):
        return next(m for m in local if m.district == district)
    return None


# --------------------------------------------------------------------------------------------- attachment


def _best(mentions: list[Mention], text: str) -> list[Mention]:
    """The mention(s) the event is most likely in: most precise, after "in/at", not after "from/like"; a
    coordinated list ("Philadelphia and San Francisco") is returned whole."""
    usable = sorted((m for m in mentions if not m.passing), key=lambda m: m.start)
    if not usable:
        return []

    def score(m: Mention) -> float:
        return RANK[m.precision] * 10 + (2 if m.locative else 0) - (15 if m.weak else 0)

    best = max(usable, key=score)
    i = usable.index(best)
    lo = hi = i
    while lo > 0 and _joins(usable[lo - 1], usable[lo], best, text):
        lo -= 1
    while hi + 1 < len(usable) and _joins(usable[hi], usable[hi + 1], best, text):
        hi += 1
    return usable[lo : hi + 1]


def _joins(left: Mention, right: Mention, best: Mention, text: str) -> bool:
    same_rank = RANK[left.precision] == RANK[right.precision] == RANK[best.precision]
    return same_rank and _LIST_GAP.match(text[left.end : right.start]) is not None


# An event the text does not place (the value is frozen: one instance serves every such event).
_NOWHERE = (Jurisdiction(None, None),)


def attach_all(ctx: PlaceContext, sentence_index: int, event_type: str) -> tuple[Jurisdiction, ...]:
    """Every jurisdiction of the event in sentence `sentence_index` (several for "district attorneys of
    Philadelphia and San Francisco"); (Jurisdiction(None, None),) when the text does not place it."""
    results = _attach(ctx, sentence_index, event_type)
    ctx.attached.extend(j for j in results if j.state)
    return results


def attach(ctx: PlaceContext, sentence_index: int, event_type: str) -> Jurisdiction:
    """Where the event evidenced by sentence `sentence_index` happened (models.Jurisdiction)."""
    return attach_all(ctx, sentence_index, event_type)[0]


def _attach(ctx: PlaceContext, index: int, event_type: str) -> tuple[Jurisdiction, ...]:
    text = ctx.text(index)
    own = [m for m in ctx.of(index) if not m.passing]
    if event_type in SPEECH_TYPES and _NATIONAL_ACTOR.search(text) and _first_actor(text) is None:
        return _NOWHERE
    if event_type in COURT_TYPES:
        courts = [m for m in own if m.precision == "court"]
        if courts:
            return tuple(m.jurisdiction() for m in _best(courts, text))
    if event_type in STATEWIDE_TYPES and own and _is_statewide(text, own):
        state_level = [m for m in own if m.precision == "state"]
        picked = {m.state: m for m in reversed(_best(state_level or own, text))}
        return tuple(m.jurisdiction(statewide=True) for m in reversed(picked.values()))
    if own:
        return tuple(m.jurisdiction() for m in _best(own, text))
    if _NATIONAL_ACTOR.search(text):
        return _NOWHERE
    law = _law_antecedent(ctx, index) if event_type == "legislation_policy" else None
    if law is not None:
        return law
    fallback = _paragraph_place(ctx, index)
    if fallback is None and event_type in COURT_TYPES and len({m.district for m in ctx.court_districts}) == 1:
        fallback = ctx.court_districts[0]
    if fallback is None and event_type not in SPEECH_TYPES:
        fallback = _local_fallback(ctx)
    if fallback is None:
        return _NOWHERE
    statewide = event_type in STATEWIDE_TYPES and _first_actor(text) == "state"
    return (fallback.jurisdiction(statewide=statewide),)


def _law_antecedent(ctx: PlaceContext, index: int) -> tuple[Jurisdiction, ...] | None:
    """Where the law that sentence `index` refers back to ("the laws", "the ordinance") was made, if it says so."""
    if index < 0 or not _LAW_ANAPHOR.match(ctx.text(index)):
        return None
    for earlier in range(index - 1, max(-1, index - 1 - _ANTECEDENT_SENTENCES), -1):
        if _LAW_NOUN.search(ctx.sentences[earlier].text) and any(not m.passing for m in ctx.mentions[earlier]):
            return _attach(ctx, earlier, "legislation_policy")
    return None


def _is_statewide(text: str, own: list[Mention]) -> bool:
    """A state's act unless a city's actor (mayor, DA, sheriff, police) comes first or only cities are named."""
    actor = _first_actor(text)
    if actor == "state":
        return True
    if actor == "city":
        return False
    return all(m.precision == "state" for m in own)


def _first_actor(text: str) -> str | None:
    state = _STATE_ACTOR.search(text)
    city = _CITY_ACTOR.search(text)
    if state and (not city or state.start() <= city.start()):
        return "state"
    return "city" if city else None


def _paragraph_place(ctx: PlaceContext, index: int) -> Mention | None:
    if not 0 <= index < len(ctx.sentences):
        return None
    paragraph = ctx.sentences[index].paragraph
    for j in range(index - 1, -1, -1):
        if ctx.sentences[j].paragraph != paragraph:
            break
        best = _best(ctx.mentions[j], ctx.sentences[j].text)
        if best:
            return best[0]
    if ctx.dateline and ctx.sentences[index].paragraph == 0:
        return ctx.dateline
    return None


def _local_fallback(ctx: PlaceContext) -> Mention | None:
    if ctx.dateline and ctx.dateline.state != "DC":
        return ctx.dateline
    return ctx.local_place


def article_jurisdictions(ctx: PlaceContext) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(states, districts) the article is about — for the article-level lists, excluding passing mentions.

    These are the places its events were attached to (call after `attach`), plus a local dateline; an article
    without events is about its dateline or its one local place, if any.
    """
    found: list[Jurisdiction] = list(ctx.attached)
    local = ctx.dateline if ctx.dateline and ctx.dateline.state != "DC" else None
    if local is None and not found:
        local = ctx.local_place
    if local is not None:
        found.append(local.jurisdiction())
    states = tuple(dict.fromkeys(j.state for j in found if j.state))
    districts = tuple(dict.fromkeys(j.district for j in found if j.district))
    return states, districts
