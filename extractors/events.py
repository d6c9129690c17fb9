"""What happened: event types per sentence, with evidence and a date, and only when it really happened.

`detect_events` runs the cue rules of `extractors.event_rules` over each sentence, then keeps a hit only if the words
before its trigger (in the same clause) do not negate it ("no agents have been charged"), make it speculative
("are worried prosecutors will begin charging", "could", "may soon"), hypothetical ("if an officer ...") or generic
("anyone who ..."), and if the sentence is not a question, a general trend ("indictments are rare") or a photo
caption. Quoted threats are exempt from the conditional test: "anyone who touches an agent will be prosecuted" is
exactly what a `threat_of_prosecution` looks like.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import chain
from datetime import date
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from extractors.event_dates import nearest_date, stated_dates
from extractors.event_rules import GATE_BITS, RULE_BY_GATE, TREND, AgentDefendant, Rule, Words
from extractors.regex_guard import guarded, matches_at
from extractors.relevance import RELEVANCE_THRESHOLD
from extractors.vocabulary import ARTICLE_STARTS, Scan, article_starts, lower, relevance, scan
from extractors.sentences import Sentence

__all__ = ["RELEVANCE_THRESHOLD", "EventHit", "detect_events", "relevance"]

# Absence scopes over the whole clause ("there is no public record of the attorney general ever investigating").
_ABSENCE = re.compile(
    r"\b(?:no (?:\w+ )?(?:record|evidence|sign|indication|data|tally|instance|case|report)s? (?:of|that)|there (?:is|are|was|were)"
    r" no|never|ever|none of|nobody|no one|yet to|without)\b"
)
_NEGATION = guarded(
    r"\b(?:no|not|never|none|nobody|neither|nor|without|yet to|cannot|lack of|absence of|rather than|instead of"
    r"|no one|denied|denies|false(?:ly)?|fake|hoax|unfounded|debunked)\b|n't\b",
)
_SPECULATION = re.compile(
    r"\b(?:could|might|may|would|should|can|will|shall|must|if|unless|whether|worr\w*|fear\w*|concern\w*|hop(?:e|es|ed|ing)"
    r"|possib\w*|potential\w*|likely|expect\w*|consider\w*|weigh\w*|plan(?:s|ned|ning)? to|intend\w*|aim\w* to|seek\w* to"
    r"|want\w* to|threaten\w* to|call\w* (?:for|on)|urg\w*|demand\w*|push\w* for|propos\w*|rumou?r\w*|speculat\w*"
    r"|prospect|risk\w*|anyone|anybody|those who|people who|whoever|someone who|a person who|set to|prepar\w* to"
    r"|about to|ready to|allow\w* (?:\w+ )?to|permit\w* (?:\w+ )?to|in order to|so that|imagine|suppose|what if|ask\w* whether|warn\w* that|barr\w*|bans?|banned|prohibit\w*"
    r"|forbid\w*|from using|stop\w* (?:\w+ )?from|how many|how often|how much)\b",
)
# Conditionals and generic subjects a quoted threat is made of; a threat is still killed by real speculation.
_THREAT_SPECULATION = re.compile(
    r"\b(?:could|might|may|worr\w*|fear\w*|concern\w*|expect\w*|predict\w*|possib\w*|potential\w*|likely|consider\w*"
    r"|weigh\w*|rumou?r\w*|speculat\w*|whether)\b",
)
# Where the clause leading up to a trigger starts; "agents who used tear gas" states the act whatever precedes "who".
_CLAUSE_BREAK = guarded(r"[;:—–]|\s-\s|,\s*(?:but|while|although|though|yet|and)\b|\b(?:but|then|after|before|when|as|who)\b")
_RELATIVE_MODAL = guarded(r"\b(?:that|which|who)\s+(?:would|will|could|may|might|can)\b")
_RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which|whose)\b[^,]*,")
# A trigger that is the object of "against", "for", "to prevent" names what is opposed, not what happened
# ("a protest against immigration raids", "staging areas for raids").
_OBJECT_OF = re.compile(r"\b(?:against|prevent\w*|stop|oppos\w*|end|protest\w*|denounc\w*|condemn\w*)\s+(?:\w+\s+)?$")
_FOR = guarded(r"\bfor\s+(?:\w+\s+)?$")  # "staging areas for raids"; verbs take "for" as a reason ("charged for beating")
_NOUN_TYPES = frozenset({"enforcement_operation", "protest"})
# Negation scopes over the few words before the act, not a whole clause ("would not pursue charges against a woman
# arrested during an operation" negates the charges, not the operation).
_NEGATION_WORDS = 8
_RELATIVE_DAY = re.compile(r"\b(?:next|following|same|that) day\b|\bday before\b")
_INFINITIVE = re.compile(r"\bto\s+$")
# One search per trigger: absence, hedging and object-of cues of the clause in a single alternation.
_HEDGED = guarded("|".join(cue.pattern for cue in (_ABSENCE, _SPECULATION, _OBJECT_OF)))
_HEDGED_THREAT = guarded("|".join(cue.pattern for cue in (_ABSENCE, _THREAT_SPECULATION, _INFINITIVE)))
_COORDINATION = guarded(r";|(?:[,—–]|\s-)\s*(?:and|but|while|although|though|yet)\b|\b(?:while|although|though|but)\b")
_TREND = guarded(r"\b(?:" + "|".join(re.escape(entry) for entry in TREND.entries) + r")\b")
# Photo credits mark caption paragraphs, whose "agents conduct a raid ..." describes a picture, not news.
_CAPTION_MARKS = ("Photograph:", "Photo:", "AP Photo", "Getty Images", "Photo credit", "Image:", "Credit:")
_CAPTION = re.compile("|".join(re.escape(mark) for mark in _CAPTION_MARKS))
# Every mark holds one of these: an article without them has no caption, found with three searches instead of seven.
CAPTION_HINTS = ("Photo", "Image", "Credit:")
_PREFIX_CHARS = 90
_TEXT_OF = attrgetter("text")
# The vocabulary bits that select the rules tried on a sentence: their gates and what their sentences need.
_SELECTING_BITS = GATE_BITS
for _rule in RULE_BY_GATE.values():
    _SELECTING_BITS |= _rule.sentence_bits


class EventHit(NamedTuple):
    """One event found in one sentence, before it is placed in a jurisdiction."""

    type: str
    sentence: int
    confidence: float
    evidence: str
    event_date: date | None
    date_source: str


def detect_events(
    sentences: list[Sentence],
    title: str | None = None,
    published: date | None = None,
    lowercase: list[str] | None = None,
    vocabulary: Scan | None = None,
) -> list[EventHit]:
    """Events stated as having happened, one hit per (type, sentence), with the sentence as evidence.

    `title` is accepted for symmetry with `relevance`; headlines repeat the body and carry no sentence index.
    `lowercase` and `vocabulary`, the sentences lowercased and their scan, spare redoing what the caller has done.
    """
    del title
    captions = {s.paragraph for s in sentences if _CAPTION.search(s.text)} if _has_caption(sentences) else set()
    dates = _SentenceDates(sentences, published, captions)
    hits: list[EventHit] = []
    lowered = lowercase if lowercase is not None else [lower(s.text) for s in sentences]
    context = _Context(lowered, vocabulary or scan(lowered))
    for index, sentence in enumerate(sentences):
        rules = rules_for(context.cues[index] & _SELECTING_BITS)
        text = sentence.text
        # Most sentences select no rule, and few hold a "?": both tests spare the calls after them.
        if not rules or sentence.paragraph in captions or "?" in text and _is_question(text):
            continue
        found: dict[str, tuple[float, int]] = {}
        nearby = -1  # the bits of this sentence and the three before it, read when a rule first needs them
        for rule in rules:
            if rule.type in found:
                continue
            if rule.needs_bits:
                if nearby < 0:
                    nearby = context.nearby_cues(index)
                if nearby & rule.needs_bits != rule.needs_bits:
                    continue
            position = _match(rule, text, index, context)
            if position is not None:
                found[rule.type] = (rule.confidence, position)
        if "federal_declination" in found or "case_resolution" in found:
            # "dropped the case against a man charged with ..." reports the outcome; the charge is its background.
            found.pop("federal_charge", None)
        for event_type, (confidence, position) in found.items():
            when = dates.of_event(index, position)
            hits.append(
                EventHit(
                    type=event_type,
                    sentence=index,
                    confidence=confidence,
                    evidence=text,
                    event_date=when or published,
                    date_source="text" if when else "published",
                )
            )
    return hits


class _Context:
    """The article's lowercased sentences, with their vocabulary bits (one scan) and regex verdicts computed at most once."""

    def __init__(self, lower: list[str], vocabulary: Scan) -> None:
        self.lower = lower
        self.cues = vocabulary.bits  # per sentence, its vocabulary bits (a list, not a method: every rule tried reads it)
        self._starts = vocabulary.starts
        self._by_offset: dict[int, list[tuple[int, int]]] = {}
        self._with_articles: dict[int, list[tuple[int, int]]] = {}
        self._seen: dict[tuple[int, int], bool] = {}

    def starts(self, words: Words, index: int, articles: bool = True) -> list[int]:
        """Sorted offsets in sentence `index` where the start words `words` (of an anchored trigger) occur (one two start
        words share may repeat: a match found there is not found again); `articles`: with those of "a", "an", "the".
        A sentence's (offset, bits) are sorted once, in place: a sentence tries a dozen rules."""
        bit = words.bit
        if articles and bit in ARTICLE_STARTS:
            found = self._with_articles.get(index)
            if found is None:
                found = self._articles_and_starts(index)
        else:
            found = self._by_offset.get(index)
            if found is None:
                found = self._by_offset[index] = sorted(self._starts[index])
        return [offset for offset, bits in found if bits & bit]

    def _articles_and_starts(self, index: int) -> list[tuple[int, int]]:
        """The (offset, bits) of the sentence's start words with the offsets of "a", "an" and "the" (as the bits of the
        start words they are) merged in, sorted; read only for the sentences where a rule that can start with an
        article is tried."""
        found = self._with_articles[index] = sorted([*self._starts[index], *article_starts(self.lower[index])])
        return found

    def triggers(self, rule: Rule, text: str, index: int) -> tuple[re.Match[str] | None, Iterable[re.Match[str]]]:
        """The first match of `rule`'s trigger in sentence `index` (`text` as written), tried only at its start words,
        and the later ones, found only when asked for: most rules tried find no trigger, most that find one need no
        other, and a trigger tried at a start word or two is tried without a generator."""
        trigger = rule.trigger
        lower = self.lower[index]
        if isinstance(trigger, AgentDefendant) or not rule.starts:
            found = (
                trigger.finditer(lower, self.starts(trigger.starts, index))
                if isinstance(trigger, AgentDefendant)
                else trigger.finditer(text if rule.cased else lower)
            )
            return next(found, None), found
        # A trigger starting with an article needs a word after it ("the judge"): without it, no article is tried.
        articles = rule.article_cue is None or bool(self.cues[index] & rule.article_cue.bit)
        offsets = self.starts(rule.starts, index, articles)
        for position, offset in enumerate(offsets):
            match = trigger.match(lower, offset)
            if match:
                return match, matches_at(trigger, lower, offsets[position + 1 :], match.end())
        return None, ()

    def nearby_cues(self, index: int) -> int:
        """Vocabulary bits of sentence `index` and the three before it."""
        found = 0
        for bits in self.cues[max(0, index - 3) : index + 1]:
            found |= bits
        return found

    def vetoes(self, cue: Words | re.Pattern[str] | AgentDefendant, index: int) -> bool:
        """Whether `cue` occurs in sentence `index`: a bit test for vocabulary, a memoised search for patterns."""
        if isinstance(cue, Words):
            return bool(self.cues[index] & cue.bit)
        key = (id(cue), index)
        if key not in self._seen:
            lower = self.lower[index]
            found = cue.search(lower, self.starts(cue.starts, index)) if isinstance(cue, AgentDefendant) else cue.search(lower)
            self._seen[key] = found is not None
        return self._seen[key]


class _SentenceDates:
    """Dates stated by sentences, resolved lazily: most sentences of an article never need one."""

    def __init__(self, sentences: list[Sentence], published: date | None, captions: set[int]) -> None:
        self._sentences = sentences
        self._captions = captions
        self._published = published
        self._stated: dict[int, list[tuple[int, date]]] = {}

    def of_event(self, index: int, near: int) -> date | None:
        """The sentence's own date nearest the trigger, else the last date stated earlier in its paragraph."""
        when = nearest_date(self._dates(index), near)
        paragraph = self._sentences[index].paragraph
        earlier = index - 1
        while when is None and earlier >= 0 and self._sentences[earlier].paragraph == paragraph:
            when = self.own(earlier)
            earlier -= 1
        return when

    def own(self, index: int) -> date | None:
        return nearest_date(self._dates(index), 0)

    def _dates(self, index: int) -> list[tuple[int, date]]:
        """(offset, date) of the dates sentence `index` states, read once: its events each take the nearest."""
        found = self._stated.get(index)
        if found is None:
            text = self._sentences[index].text
            # Few sentences say "day": the substring test spares the regex (which needs it) everywhere else.
            anchor = self._previous(index) if "day" in text and _RELATIVE_DAY.search(text) else None
            found = self._stated[index] = stated_dates(text, self._published, anchor)
        return found

    def _previous(self, index: int) -> date | None:
        """The last date stated before sentence `index` (any paragraph), for "the next day"."""
        for earlier in range(index - 1, max(-1, index - 8), -1):
            if self._sentences[earlier].paragraph in self._captions:
                continue
            when = self.own(earlier)
            if when:
                return when
        return None


@lru_cache(maxsize=4096)
def rules_for(bits: int) -> tuple[Rule, ...]:
    """The rules whose gate and sentence needs are all among a sentence's vocabulary `bits` (masked by
    `_SELECTING_BITS`), in declaration order: a dozen rules are selected with one lookup, as sentences of an article
    share few distinct sets of cues."""
    return tuple(
        rule
        for gate, rule in sorted(RULE_BY_GATE.items())
        if bits & gate and bits & rule.sentence_bits == rule.sentence_bits
    )


def _match(rule: Rule, text: str, index: int, context: _Context) -> int | None:
    """Offset of the first trigger of `rule` in sentence `index` that survives the reality rules (`rule` was selected by
    its gate and context bits: those tests, far cheaper than the trigger regex, come first)."""
    first, triggers = context.triggers(rule, text, index)
    if first is None:
        return None
    cues = context.cues[index]
    # Vetoes are about the sentence, not the trigger: tested once, before the reality rules read each trigger's clause.
    vetoed = any(context.vetoes(veto, index) for veto in rule.vetoes)
    if vetoed and not (rule.exempt and context.vetoes(rule.exempt, index)):
        return None
    lower = context.lower[index]
    for trigger in chain((first,), triggers):
        if not _is_real(rule.type, lower, trigger.start()):
            continue
        if cues & TREND.bit and _TREND.search(_clause_around(lower, trigger.start())):
            return None
        return trigger.start()
    return None


def _is_real(event_type: str, text: str, start: int) -> bool:
    """Whether the clause leading up to a trigger states the act as fact (not negated, hedged or hypothetical)."""
    prefix = _clause_before(text, start)
    if _NEGATION.search(" ".join(prefix.split()[-_NEGATION_WORDS:])):
        return False
    if event_type == "threat_of_prosecution":
        return not _HEDGED_THREAT.search(prefix)
    if event_type in _NOUN_TYPES and _FOR.search(prefix):
        return False
    return not _HEDGED.search(prefix)


def _clause_before(text: str, start: int) -> str:
    """The clause leading up to offset `start` of `text` (its last clause break found without listing the others)."""
    prefix = text[max(0, start - _PREFIX_CHARS) : start]
    cut = 0
    for cut_at in _CLAUSE_BREAK.finditer(prefix):
        cut = cut_at.end()
    if cut:
        prefix = prefix[cut:]
    if "," in prefix:
        prefix = _RELATIVE_CLAUSE.sub(",", prefix)
    # A relative modal starts with one of its pronouns: three substring tests spare most searches.
    if "that" in prefix or "which" in prefix or "who" in prefix:
        prefix = _RELATIVE_MODAL.sub(" ", prefix)
    return prefix


def _clause_around(text: str, start: int) -> str:
    """The coordinate clause holding the trigger at `start`: "officials threatened prosecution ..., even while
    indictments remain uncommon" is a threat, the trend belongs to the other clause; dashes and relative clauses do
    not split it ("the increasingly routine activities of agents - from a raid in Chicago to ... -")."""
    before = [match.end() for match in _COORDINATION.finditer(text, 0, start)]
    after = _COORDINATION.search(text, start + 1)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


def _has_caption(sentences: list[Sentence]) -> bool:
    """Whether any sentence may hold a caption mark (each sentence is then searched for one)."""
    whole = "\n".join(map(_TEXT_OF, sentences))
    return any(hint in whole for hint in CAPTION_HINTS)


def _is_question(text: str) -> bool:
    return text.rstrip(" \"'”’)").endswith("?")
