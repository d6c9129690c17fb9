"""The cue patterns of the twelve event types: who did what to whom, as compiled regexes.

Each rule pairs a trigger (the act, e.g. "indicted", "signed an executive order") with the context the act needs in
its sentence or the two before it (an immigration-enforcement target, the right kind of actor) and vetoes (e.g. the
defendant is the agent, so a charge is a state action, not a federal charge). Whether the act really happened
(negation, speculation, hypotheticals, questions) is judged separately in `extractors.events`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from re import _constants as sre  # the standard library's regex parser, to read the literal words a trigger starts with
from re import _parser as sre_parse

from extractors.regex_guard import matches_at

def _re(pattern: str) -> re.Pattern[str]:
    """Compile a cue for lowercased text: a case-sensitive regex runs several times faster than IGNORECASE."""
    return re.compile(pattern.lower())


class Words:
    """A vocabulary cue: entries are whole words, "*" marks a stem, "~" a space.

    Every `Words` owns one bit; `scan` finds all of them in a sentence with a single Aho-Corasick pass and returns the
    bits present, so testing a cue is an integer AND instead of a regex search.
    """

    registry: list[Words] = []

    def __init__(self, words: str | tuple[str, ...]) -> None:
        self.entries = tuple(word.replace("~", " ") for word in words.split()) if isinstance(words, str) else words
        self.bit = 1 << len(Words.registry)
        Words.registry.append(self)


# (literal start, what follows it: "stem" anything, "word" a non-word, "space" whitespace, and for an article start the
# words one of which must come after it, see `_followers`)
_Leads = set[tuple[str, str, frozenset[str] | None]]
_LONGEST_START = 24
_SPACE = [(sre.CATEGORY, sre.CATEGORY_SPACE)]  # "\s" as parsed
# An article is made of articles: "a" or "the" start a trigger only with whitespace after them (Python's \s), which
# rules out "a" starting "agents"; such a start is written "the *" and found by `extractors.vocabulary.article_starts`,
# whatever the whitespace, never by the scan.
ARTICLES = frozenset({"a", "an", "the"})


def anchors(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """`Words` entries ("raid*" for a stem, "the" for a whole word) one of which starts every match of `pattern`, each
    at a word boundary; None when a match could start otherwise, or a start is too short a stem to be worth a key."""
    if pattern.flags & re.IGNORECASE:
        return None
    leads = _leads(list(sre_parse.parse(pattern.pattern, pattern.flags)), "", False)
    if leads is None:
        return None
    keys: set[tuple[str, bool]] = set()  # (key, is a whole word)
    for text, follows, _ in leads:
        if follows == "space" and text in ARTICLES:
            keys.add((text + " ", False))
        elif follows == "stem" and len(text) < 3 and text[-1].isalnum() or follows == "word" and text in ARTICLES:
            return None
        else:
            keys.add((text, follows != "stem"))
    if any(not text[0].isalnum() for text, _ in keys):
        return None
    kept = {key for key in keys if not _covered(key, keys)}
    return tuple(sorted(text + ("" if whole else "*") for text, whole in kept))


def _covered(key: tuple[str, bool], keys: set[tuple[str, bool]]) -> bool:
    """Whether wherever `key` starts another of `keys` starts too ("face" covers "face charges", "raid*" covers
    "raids"): only `key`'s own prefixes can, so those are looked up rather than every pair of keys compared."""
    text, _ = key
    for end in range(1, len(text) + 1):
        word = text[:end]
        if (word, False) in keys and (word, False) != key:
            return True
        if end < len(text) and (word, True) in keys and not text[end].isalnum():
            return True
    return False


def _leads(items: list, prefix: str, bounded: bool, after: tuple = ()) -> _Leads | None:
    """The literal starts of the parsed regex `items` after `prefix`; `bounded`: a \\b came first; `after`: what the
    pattern holds beyond `items` (the rest of an enclosing repeat), read only for the words after an article."""
    for index, (op, arg) in enumerate(items):
        rest = items[index + 1 :]
        if len(prefix) >= _LONGEST_START:
            return {_lead(prefix, "stem", [*items[index:], *after])}
        if op is sre.LITERAL and (prefix or bounded):
            prefix += chr(arg)
            continue
        if op is sre.AT and arg is sre.AT_BOUNDARY and not prefix:
            bounded = True
            continue
        if op is sre.SUBPATTERN and not arg[1] and not arg[2]:
            return _leads(list(arg[3]) + rest, prefix, bounded, after)
        if op is sre.BRANCH:
            return _union(_leads(list(branch) + rest, prefix, bounded, after) for branch in arg[1])
        if op is sre.IN and prefix and len(arg) <= 4 and all(kind is sre.LITERAL for kind, _ in arg):
            return _union(_leads(rest, prefix + chr(char), bounded, after) for _, char in arg)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, item = arg
            # An optional item is read through; after a repeated one anything may follow, so the start ends there.
            if high == 1:
                once = _leads(list(item) + rest, prefix, bounded, after)
            else:  # more rounds of the item may come before the rest
                once = _leads(list(item), prefix, bounded, ((op, (0, high, item)), *rest, *after))
            return _union([once, _leads(rest, prefix, bounded, after)] if low == 0 else [once])
        if not prefix:
            return None
        if prefix[-1].isalnum() and op is sre.AT and arg is sre.AT_BOUNDARY:
            return {_lead(prefix, "word", [*items[index:], *after])}
        if prefix[-1].isalnum() and op is sre.IN and arg == _SPACE:
            return {_lead(prefix, "space", [*items[index:], *after])}
        return {_lead(prefix, "stem", [*items[index:], *after])}
    return {_lead(prefix, "stem", list(after))} if prefix else None


def _lead(prefix: str, follows: str, rest: list) -> tuple[str, str, frozenset[str] | None]:
    """A start of `_leads`; when it is an article, the words `rest` must reach after it."""
    return prefix, follows, _followers(rest, not prefix[-1].isalnum()) if _is_article(prefix, follows) else None


def _is_article(prefix: str, follows: str) -> bool:
    """Whether a start is an article and whitespace ("the" then \\s, or "the " then anything): an "a *" entry."""
    key = prefix + " " if follows == "space" else prefix
    return follows != "word" and key[:-1] in ARTICLES and key[-1].isspace()


def article_followers(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """`Words` stems ("judge*") one of which every match of `pattern` that starts with an article holds at a word start
    further on ("the federal judge ruled", "the march"): in a sentence without them, no match starts at an article.
    None when the pattern has no article start or one that need not be followed by such a word."""
    leads = _leads(list(sre_parse.parse(pattern.pattern, pattern.flags)), "", False)
    words: set[str] = set()
    articles = False
    for prefix, follows, after in leads or ():
        if _is_article(prefix, follows):
            articles = True
            if after is None:
                return None
            words |= after
        elif (rest := _after_article(prefix)) is not None:
            # A literal start such as "the march" is found at the offsets of its article, and needs its next word.
            if not _alnum_run(rest):
                return None
            words.add(_alnum_run(rest))
    if not articles or any(len(word) < 3 for word in words):  # a stem as short as "a*" would be a hit in every word
        return None
    # "protest*" already covers "protests*".
    return tuple(sorted(word + "*" for word in words if not any(word != other and word.startswith(other) for other in words)))


def _after_article(prefix: str) -> str | None:
    """What follows the article and whitespace `prefix` starts with ("the march": "march"); None without them."""
    head = prefix.split(maxsplit=1)
    if not head or head[0] not in ARTICLES or not prefix[len(head[0]) :][:1].isspace():
        return None
    return head[1] if len(head) > 1 else ""


def _alnum_run(text: str) -> str:
    """The letters and digits `text` starts with."""
    for index, char in enumerate(text):
        if not char.isalnum():
            return text[:index]
    return text


def _followers(items: list, boundary: bool) -> frozenset[str] | None:
    """Words one of which every match of the parsed `items` holds at a word start (`boundary`: the text before `items`
    ends in a non-word character), read up to the first literal word the match cannot skip; None when not known."""
    for index, (op, arg) in enumerate(items):
        rest = items[index + 1 :]
        if op is sre.AT:
            continue
        if op is sre.LITERAL:
            word = _alnum_run("".join(chr(value) for _, value in itertools.takewhile(_is_literal, items[index:])))
            if word and boundary:
                return frozenset({word})
            boundary = not chr(arg).isalnum()  # a character to read past (mid-word letters count as a word's)
        elif op is sre.IN:
            boundary = arg == _SPACE
        elif op is sre.SUBPATTERN and not arg[1] and not arg[2]:
            return _followers(list(arg[3]) + rest, boundary)
        elif op is sre.BRANCH:
            found: set[str] = set()
            for branch in arg[1]:
                words = _followers(list(branch) + rest, boundary)
                if words is None:
                    return None
                found |= words
            return frozenset(found)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, item = arg
            if low > 0:  # one round, then optional ones
                return _followers([*item, (op, (0, high, item)), *rest], boundary)
            # Skipped or not, a word start stays one when the item ends outside a word.
            boundary = boundary and _ends_outside_word(list(item))
        else:
            return None
    return None


def _is_literal(item: tuple) -> bool:
    return item[0] is sre.LITERAL


def _ends_outside_word(items: list) -> bool:
    """Whether every match of the parsed `items` ends in whitespace or another non-word character."""
    if not items:
        return False
    op, arg = items[-1]
    if op is sre.LITERAL:
        return not chr(arg).isalnum()
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        return arg[0] > 0 and _ends_outside_word(list(arg[2]))
    return op is sre.IN and arg == _SPACE


def _union(parts: Iterator[_Leads | None] | list[_Leads | None]) -> _Leads | None:
    out: _Leads = set()
    for part in parts:
        if part is None:
            return None
        out |= part
    return out


# --- shared vocabulary -------------------------------------------------------------------------------------------
# Federal immigration agents and their operations: the target that makes an act "about immigration enforcement".
ENFORCEMENT = Words(
    """ice immigra* border~patrol cbp hsi ero dhs homeland~security deport* federal~agent* federal~officer*
    federal~official* federal~authorities federal~agenc* federal~personnel federal~immigration* federal~law~enforcement*
    customs~and~border~protection 287(g) sanctuary detainer* detention~center* detention~facilit* processing~center* processing~facilit* broadview
    delaney~hall undocumented migrant* midway~blitz metro~surge asylum mask* face~covering* secret~police"""
)
_AGENT_NOUN = r"(?:agents?|officers?|personnel|officials?|employees?|deputies|troopers)"
_AGENCY = r"(?:ICE|Border Patrol|CBP|HSI|ERO|DHS|immigration|federal immigration|federal|federal law enforcement|Homeland Security)"
FEDERAL_AGENT = Words(
    """ice border~patrol cbp hsi ero dhs federal~agent* federal~officer* immigration~agent* immigration~officer* agents
    agent federal~immigration~agent* federal~immigration~officer* federal~law~enforcement~officer*"""
)
_AGENT_OBJECT = rf"(?:(?:an?|the|two|three|four|five|several|one|both|\d+)\s+)?(?:(?:off-duty|masked|unnamed|plainclothes|veteran|senior)\s+)?{_AGENCY}\s+(?:\w+\s+)?{_AGENT_NOUN}"
class AgentDefendant:
    """Finds a charge, arrest or investigation whose defendant or subject is the agent himself.

    Active voice ("charged an ICE officer") is one regex. Passive voice ("the Border Patrol agent ... was charged") is
    found from its verb, which is rare, and only then is the agent looked for just before it: one regex with the agent
    first would try every "federal" and "immigration" of a sentence as a start.
    """

    _ACTIVE = _re(
        rf"\b(?:charged|indicted|arrested|subpoenaed|cited|booked|prosecuting|prosecuted|investigating|investigated"
        rf"|charges? against|indictment of|investigation (?:into|of)|warrant for(?: the arrest of)?|probe (?:into|of))"
        rf"\s+{_AGENT_OBJECT}"
    )
    _PASSIVE = _re(
        r"\b(?:was|were|has been|have been|had been|is being|are being)\s+(?:\w+\s+)?(?:charged|indicted|arrested|booked|cited)"
    )
    # The agent must open the clause ("A protester who punched an ICE officer was charged" charged the protester).
    _SUBJECT = _re(
        rf"(?:^|[,;:]\s+|\b(?:and|but|after|when)\s+)(?:(?:an?|the|two|three|four|one|several)\s+)?(?:[\w-]+\s+)?{_AGENCY}"
        rf"\s+(?:\w+\s+)?{_AGENT_NOUN}\b(?:,[^,]{{0,80}},)?[^.;]{{0,40}}$"
    )

    def __init__(self) -> None:
        self.starts = Words(tuple(sorted({*anchors(self._ACTIVE), *anchors(self._PASSIVE)})))

    def finditer(self, text: str, starts: list[int] | None = None) -> Iterator[re.Match[str]]:
        """Active then passive statements; `starts`, the offsets of `self.starts` in `text`, spare the search."""
        if starts is None:
            yield from self._ACTIVE.finditer(text)
            verbs = self._PASSIVE.finditer(text)
        else:
            yield from matches_at(self._ACTIVE, text, starts)
            verbs = matches_at(self._PASSIVE, text, starts)
        for verb in verbs:
            # The verb is where the act is stated: "No agents have been charged" must show its "No" to the negation test.
            if self._SUBJECT.search(text, max(0, verb.start() - 160), verb.start()):
                yield verb

    def search(self, text: str, starts: list[int] | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, starts), None)


AGENT_DEFENDANT = AgentDefendant()
STATE_ACTOR = Words(
    """state~prosecutor* county~prosecutor* city~prosecutor* local~prosecutor* district~attorney* attorney~general
    attorneys~general state's~attorney county~attorney* sheriff* police bureau~of~criminal~apprehension bca governor gov.
    mayor city~council legislat* lawmakers accountability~commission oversight~commission state~commission grand~jury
    coroner medical~examiner state~investigators state~officials county~officials city~officials local~officials"""
)
_STATE_CHARGER = Words(
    """county~prosecutor* district~attorney state's~attorney county~attorney state~prosecutor* state~charge* attorney~general
    municipal~court county~court state~court police~charged police~cited"""
)
# General statements about how things usually go, not a specific act ("indictments of officers are rare").
TREND = Words(
    """are~rare is~rare remain~rare remains~rare were~rare have~been~rare are~still~rare are~extremely~rare are~very~rare
    are~relatively~rare are~uncommon is~uncommon remain~uncommon are~unusual is~unusual few~and~far~between rarely
    seldom typically generally usually in~general historically increasingly often tend~to tends~to on~average
    in~recent~years a~growing~number more~and~more an~increase~in a~rise~in a~decline~in a~drop~in a~surge~in"""
)
OFFENSE = Words(
    """assault* imped* obstruct* interfer* resist* harbor* conceal* shield* threat* dox* ramm* struck hitting bit biting
    kick* punch* attack* damag* destroy* destruct* depredation conspir* 18~u.s.c section~111 forcibly threw throw*
    thrown spat spitting tamper* hinder* block* injur* smuggl* transporting~undocumented bomb* arson set~fire
    fired~shots fired~at drove~at drove~his drove~her drove~a drove~into swung hitting"""
)
CRIMINAL_CASE = Words(
    """charg* indict* prosecut* criminal defendant* count counts assault* imped* obstruct* accused trial misdemeanor*
    felony felonies jury"""
)

# --- per type ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One way an event type is stated: a trigger, context it needs nearby, vetoes in its sentence.

    The trigger is tried only where it can start: `anchors` reads from the regex the literal words every match begins
    with (`starts`), and the vocabulary scan says at which offsets they occur. They also gate the rule (a sentence
    without them skips it) unless `keys` are given: lowercase substrings at least one of which every match contains,
    which gate better when the starts are as common as "the ", and are needed when a trigger has no literal starts (a
    custom finder, a cased pattern), which is then searched over the whole sentence.
    """

    type: str
    trigger: re.Pattern[str] | AgentDefendant
    confidence: float
    keys: tuple[str, ...] = ()
    needs: tuple[Words, ...] = ()
    vetoes: tuple[Words | re.Pattern[str] | AgentDefendant, ...] = ()
    sentence_needs: tuple[Words, ...] = ()
    exempt: re.Pattern[str] | AgentDefendant | None = None  # when it matches the sentence, the vetoes do not apply
    cased: bool = False  # the trigger reads the original text (capitalised names); every other cue reads it lowercased
    gate: Words = field(init=False, repr=False, compare=False)
    starts: Words | None = field(init=False, repr=False, compare=False)
    article_cue: Words | None = field(init=False, repr=False, compare=False)  # see `article_followers`
    needs_bits: int = field(init=False, repr=False, compare=False)
    sentence_bits: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.trigger, AgentDefendant):
            anchor: Words | None = self.trigger.starts
        else:
            starts = None if self.cased else anchors(self.trigger)
            anchor = Words(starts) if starts else None
        if anchor is None and not self.keys:
            raise ValueError(f"{self.type}: the trigger has no literal start words, so the rule needs keys")
        object.__setattr__(self, "starts", anchor)
        followers = article_followers(self.trigger) if anchor and not isinstance(self.trigger, AgentDefendant) else None
        object.__setattr__(self, "article_cue", Words(followers) if followers else None)
        object.__setattr__(self, "gate", Words(tuple(key + "*" for key in self.keys)) if self.keys else anchor)
        object.__setattr__(self, "needs_bits", sum(need.bit for need in self.needs))
        object.__setattr__(self, "sentence_bits", sum(need.bit for need in self.sentence_needs))


def _keys(words: str) -> tuple[str, ...]:
    return tuple(word.replace("~", " ") for word in words.split())


_CHARGE = _re(
    r"\b(?:charged|indicted|indictments? (?:was |were )?(?:unsealed|returned)|criminal complaints?|arrested and charged"
    r"|fac(?:es?|ing) (?:\w+ ){0,3}(?:charges?|counts?)|(?:announced|brought|filed) (?:federal )?charges|federal charges?|arraigned|pleaded not guilty|charging (?:him|her|them)"
    r"|charges? (?:were|was|have been|has been) (?:filed|brought)|filed (?:federal )?charges|accused in a (?:federal )?complaint"
    r"|booked on federal|(?:a |the )?federal complaint)\b"
)
_DECLINATION = _re(
    r"\b(?:declined to (?:prosecute|charge|indict|bring|file|pursue|press|move forward)|decided not to (?:prosecute|charge|pursue"
    r"|file|bring|seek|move forward)|(?:dropped|dismissed|dismissing|dropping|abandoned|withdrew|vacated|tossed|threw out)\s+(?:all\s+"
    r"|the\s+|its\s+|their\s+|federal\s+|most\s+|some\s+|remaining\s+|both\s+|his\s+|her\s+)*(?:\w+\s+)?(?:charges?|case|cases"
    r"|indictments?|criminal complaints?|complaints?|counts?|prosecutions?)|(?:charges?|case|cases|indictment|criminal complaint|counts?)"
    r"(?:\s+against\s+(?:[\w.'-]+\s+){1,6})?\s+(?:was|were|have been|has been|had been|got|are being|is being)\s+(?:\w+\s+)?"
    r"(?:dropped|dismissed|abandoned|withdrawn|thrown out|tossed)|(?:were|was|have been|has been|had been) (?:\w+ )?(?:dropped"
    r"|dismissed|thrown out|tossed)|moved to dismiss|(?:refused|declined) to (?:prosecute|charge|bring|file|pursue)"
    r"|(?:refused|declined|failed|voted not) to"
    r" (?:return an )?indict\w*|no[- ]bill\w*|returned no (?:true bill|indictment)|acquitt\w+|found (?:\w+ ){0,3}not guilty"
    r"|not[- ]guilty verdicts?|cleared (?:\w+ )?of all charges|dismissal of (?:the )?(?:charges?|case|indictment))\b"
)
_RESOLUTION = _re(
    r"\b(?:pleaded guilty|pled guilty|pleads guilty|pleaded no contest|plea (?:deal|agreement|bargain)|guilty pleas?"
    r"|(?:was|were|been|is) convicted|convicted (?:\w+ ){0,3}(?:of|on)|jury convicted|found (?:\w+ ){0,3}guilty|guilty verdicts?"
    r"|sentenced|sentence of|admitted (?:to )?(?:assault|imped|obstruct)\w*)\b"
)
_COURT = _re(
    r"(?:\b(?:a|an|the|federal|district|appeals|circuit|state|county|magistrate|U\.S\.)\s+(?:[\w.-]+\s+){0,3}"
    r"(?:judge|court|panel|justices)|\bjudge [a-z]\w+|\bsupreme court)\b(?:[^.;]{0,90}?)\b(?:ruled|rules|ordered|orders"
    r"|blocked|blocks|barred|bars|halted|halts|enjoined|enjoins|paused|pauses|granted|grants|issued|issues|struck down"
    r"|strikes down|upheld|upholds|rejected|rejects|found that|sided with|lifted|extended|declined to block|allowed|restricted"
    r"|limited|prohibited|stopped|froze|suspended|required|requires|vacated|reinstated)\b"
    r"|\b(?:injunction|restraining order|TRO|ruling|court order|consent decree)\b[^.;]{0,60}?\b(?:paused|pauses|blocked"
    r"|blocks|bars|barred|halted|halts|prohibits|prohibited|bans|banned|requires|required|restricts|restricted|limits"
    r"|limited|took effect|remains in (?:place|effect)|forbids|forbade|stopped|froze)\b"
)
_LAWSUIT = _re(
    r"\b(?:sued|sues|(?:is|are|was|were) suing|filed (?:a |an |its |their |the )?(?:\w+\s+){0,3}(?:lawsuits?|suits?"
    r"|complaints?|petitions?|challenges?)|(?:lawsuits?|suits?) (?:filed|brought)|(?:lawsuit|suit) (?:against|challenging"
    r"|seeking|accus\w+)"
    r"|class[- ]actions?|(?:its|their|the|new|federal|civil) (?:civil )?(?:lawsuit|suit)\b|habeas (?:corpus )?petitions?"
    r"|made (?:its|their) case for (?:a |an )?(?:preliminary )?(?:injunction|restraining order)|asked (?:a |the )?(?:federal )?"
    r"(?:judge|court) to|(?:sought|seeks|seeking) (?:a |an )?(?:preliminary )?(?:injunction|restraining order)"
    r"|court challenge|brought (?:a |an )?(?:\w+ )?(?:lawsuit|suit))\b"
)
_POLICY_OBJECT = Words(
    """law laws legislation ordinance* executive~order* order orders policy policies directive* measure* bill bills rule rules
    resolution* agreement* 287(g) act guidance memo"""
)
_POLICY = _re(
    r"\b(?:signed|enacted|passed|approved|adopted|issued|announced|unveiled|introduced|took effect|takes effect|went into"
    r" effect|goes into effect|will take effect|terminated|ended|rescinded|withdrew from|pulled out of|entered into|joined"
    r"|renewed|expanded|implemented|formalized|codified|(?:made|making) (?:\w+ )?promises?\b[^.;]{0,60}?\bnot to"
    r"|(?:not|won't|will not|would not|refuse to|refused to|never|no longer)\s+(?:to\s+)?(?:cooperate|collaborate|assist|help"
    r"|honor|share (?:information|data))\s+with)\b"
)
_FORCE = _re(
    r"\b(?:shot|(?:fatal|deadly|ice|agent's|officer's|agents'|officers') (?:\w+ )?shootings?|shootings? (?:of|by)|involved in (?:the |a )?(?:\w+ ){0,2}shootings?|shoots|opened fire|fired (?:shots|at|into|on|pepper|tear|rubber|less-lethal|projectiles|a weapon)"
    r"|killed|fatally|tear[- ]gas\w*|pepper[- ]spray\w*|pepper balls?|rubber bullets|less-lethal|flash-?bangs?"
    r"|chemical (?:agents|irritants)|projectiles|munitions|tackl\w+|pinn\w+|slamm\w+|beat|beaten|beating|punch\w+|dragg\w+"
    r"|shov\w+|tased|tasered|stun guns?|chok\w+|knelt on|injured|wounded|hospitalized|us(?:ed|ing) (?:excessive )?force|batons?"
    r"|smash\w+|broke (?:a |the )?(?:car |vehicle )?window|to the ground|crashed into|ran over|(?:struck|hit) (?:a |an |the )?"
    r"(?:\w+ )?(?:protester|pedestrian|cyclist|man|woman|teen\w*|boy|girl|child|person|observer|bystander)s?)\b"
)
_OPERATION = _re(
    r"\b(?:raid(?:s|ed|ing)?|sweeps?|swept|surge[ds]?|blitz|crackdown|roving patrols?|set up checkpoints?"
    r"|descended on|fanned out|stormed|swarmed|rounded up|roundup|(?:an?|the|its|their) (?:immigration )?enforcement"
    r" (?:actions?|operations?)|(?:an?|the|its|their) (?:\w+ ){0,2}operation (?:in|at|on|near|across)"
    r"|during (?:an?|the|his|her|their) (?:\w+ ){0,2}(?:arrest|arrests|operation|traffic stop)|(?:while|was|were) arresting"
    r"|(?:is|was|were|are) (?:\w+ )?(?:arrested|detained) (?:\w+ ){0,4}by (?:ice|border patrol|immigration|federal)"
    r"|(?:detained|arrested|picked up) (?:\w+ ){0,4}by (?:ice|border patrol|immigration|federal)|(?:making|made) (?:\w+ )?arrests"
    r"|(?:agency's|ice's|its|their) arrests (?:in|at|of|across)|(?:trying|tried|attempting|attempted) to (?:arrest|detain)"
    r"|immigration stops?|(?:start|launch|end) of (?:an?|the|its) (?:\w+ )?operation|(?:they|agents|officers) (?:had )?detained"
    r"|handcuff\w*"
    r"|(?:launched|began|conducted|carried out|expanded|kicked off|started)\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:\w+\s+){0,3}"
    r"(?:operations?|sweeps?|surge|crackdown|deployment))"
)
_ARRESTS = _re(
    r"\b(?:arrest|arrested|arresting|detain|detained|detaining|apprehended|took into custody|picked up|seized) (?:at least |more than |about"
    r" |nearly |roughly |some |over )?(?:\d+|dozens|hundreds|a|an|two|three|four|five|six|seven|eight|nine|ten|several|his|her"
    r"|their|people|workers)\b"
)
_PROTEST = _re(
    r"\b(?:protested|protesting|(?:a|the|held|staged|weekly|nightly|peaceful|large|small) (?:\w+ )?protests?|protests (?:outside|at|in|against"
    r"|near|erupted|continued|spread|broke out)|demonstrat(?:ed|ions?)|rall(?:y|ies|ied)|vigils?|marched|(?:a|the) march"
    r"|picket\w*|chanted|gathered (?:outside|at|in front|near|to|around)|knelt in prayer|prayed (?:outside|in front)|prayer vigils?|blockaded|blocked (?:the )?(?:entrance|gate|driveway|road"
    r"|street|vans?|vehicles?|convoy)|confront\w*|clashed|sit-in|walkout|walked out|shouted at|(?:prompting|sparked|sparking"
    r"|drew|covering) (?:\w+ )?(?:protests|demonstrations)|(?:protesters?|demonstrators?) (?:\w+ ){0,2}(?:outside|at|in front of)"
    r"|(?:at|on|struck|hit|against) (?:a |the )?(?:crowd of )?(?:protesters?|demonstrators?))\b"
)
_THREAT = _re(
    r"\b(?:threatened|threatens|warned|warns|vowed|vows|pledged|pledges|promised)\b[^.;]{0,140}?\b(?:prosecut\w*|arrest\w*"
    r"|charg\w*|jail|prison|crimes?|felon\w*|accountable|hide|consequences|indict\w*|behind bars|lock(?:ed)? up)"
    r"|\bcall(?:ed|s|ing)? for (?:the )?(?:arrests?|prosecution|criminal charges|charges|indictments?)"
    r"|\b(?:anyone|anybody|whoever|those|any (?:\w+ ){0,3}(?:agent|officer|protester|person)|if (?:any|an?|you|they))\b"
    r"[^.;]{0,160}?\b(?:will be|must be|is going to be|are going to be|shall be|is committing|are committing|will face|faces"
    r"|should be|would be|will go|is going|are going)\s+(?:\w+\s+){0,2}(?:arrested|prosecuted|charged|held accountable"
    r"|a felony|federal charges|jail|prison|indicted|locked up)"
    r"|\bnot hesitate to (?:charge|prosecute|arrest|indict)"
    r"|\bwe will (?:prosecute|arrest|charge|find|come after|go after)|\byou will be (?:arrested|charged|prosecuted|jailed)"
    r"|\b(?:will|would) (?:prosecute|arrest|charge|jail|indict|go after|come after) (?:anyone|anybody|any|those|people|federal"
    r"|agents|officers|protesters|whoever)"
)
_RESIGNATION = _re(
    r"\b(?:resign(?:ed|s|ations?)?|quit|stepped down|steps down|fired|ousted|dismissed from|removed from (?:office|his post"
    r"|her post|the case|their posts)|forced out|pushed out|was terminated|were terminated|left (?:the|their|his|her) "
    r"(?:office|posts?|jobs?))\b"
)
_PROSECUTOR_OR_OFFICIAL = Words(
    """prosecutor* attorney* official* officer* director chief head leader* deputy supervisor* staff lawyers commissioner sheriff
    secretary spokes* employee* assistant"""
)
_NOT_FEDERAL = Words("fbi justice~department u.s.~attorney federal~prosecutors former inspector~general")
_INVESTIGATIVE_TARGET = Words(
    """ice border~patrol cbp federal~agent* federal~officer* federal~misconduct federal~immigration* immigration~agent*
    immigration~officer* agent agents shooting killing death conduct misconduct abuses use~of~force dhs"""
)

RULES: tuple[Rule, ...] = (
    Rule(
        "federal_charge",
        _CHARGE,
        0.85,
        needs=(ENFORCEMENT, OFFENSE),
        vetoes=(AGENT_DEFENDANT, _STATE_CHARGER),
    ),
    Rule(
        "federal_declination",
        _DECLINATION,
        0.85,
        needs=(ENFORCEMENT, CRIMINAL_CASE),
        vetoes=(Words("lawsuit* civil~suit* dismissed~from"),),
    ),
    Rule(
        "case_resolution",
        _RESOLUTION,
        0.85,
        needs=(ENFORCEMENT, OFFENSE),
    ),
    Rule(
        "state_action_against_agents",
        AGENT_DEFENDANT,
        0.8,
        keys=_keys("charg indict arrest subpoena cited booked prosecut investigat warrant probe"),
        needs=(STATE_ACTOR,),
        vetoes=(_NOT_FEDERAL,),
    ),
    Rule(
        "state_action_against_agents",
        _re(
            r"\b(?:opened|launched|began|announced|started|conducting|formed|created|established|convened|set up)\s+(?:an?\s+"
            r"|the\s+|its\s+)?(?:\w+\s+){0,3}(?:investigations?|inquiry|probe|review|portal|hotline|commission|task force"
            r"|panel|grand jury|website|database)\b|\bsubpoena(?:ed|s)?\b"
            r"|\b(?:is|are|were|was|been|begun|began|started) investigating\b"
        ),
        0.75,
        needs=(STATE_ACTOR,),
        sentence_needs=(_INVESTIGATIVE_TARGET,),
        vetoes=(_NOT_FEDERAL,),
    ),
    Rule(
        "court_ruling",
        _COURT,
        0.8,
        keys=_keys("judge court justices panel injunction restraining tro ruling order decree"),
        needs=(ENFORCEMENT,),
        vetoes=(
            Words("charge charges indict* sentenc* plea guilty acquit* defendant court~challenge pending~trial bond bail"),
        ),
    ),
    Rule(
        "civil_lawsuit",
        _LAWSUIT,
        0.75,
        needs=(ENFORCEMENT,),
        vetoes=(
            Words(
                """criminal~complaint complaint~with complaints~with complaint~to complaints~to prosecutor*
                u.s.~attorney's~office federal~complaint"""
            ),
        ),
    ),
    Rule(
        "legislation_policy",
        _POLICY,
        0.75,
        needs=(ENFORCEMENT,),
        sentence_needs=(_POLICY_OBJECT,),
        vetoes=(Words("trump president white~house congress noem homeland~security~secretary judge court justices"),),
    ),
    Rule(
        "legislation_policy",
        _re(
            r"\b(?:promis\w*|pledg\w*|vow\w*|order\w*|instruct\w*|direct\w*)\b[^.;]{0,80}?\b(?:not|never|no longer)\s+"
            r"(?:to\s+)?(?:cooperate|collaborate|assist|help|honor)\s+with\s+(?:\w+\s+){0,2}(?:ICE|immigration|federal)"
        ),
        0.7,
    ),
    Rule(
        "use_of_force",
        _FORCE,
        0.8,
        sentence_needs=(FEDERAL_AGENT,),
        vetoes=(
            _re(
                r"\b(?:charged|accused|indicted|convicted|pleaded|sentenced|fac(?:es|ing) (?:\w+ ){0,3}charges?)\b[^.]{0,60}"
                r"\b(?:with|of|for|to)\b"
            ),
            Words("shooting~video shooting~footage shooting~photos"),
        ),
        exempt=AGENT_DEFENDANT,
    ),
    Rule(
        "enforcement_operation",
        _OPERATION,
        0.75,
        keys=_keys("raid sweep swept surge blitz crackdown operation descended fanned storm swarm rounded roundup checkpoint"
              " enforcement~action roving arrest detain picked~up traffic~stop deployment trying~to tried~to attempting"
              " attempted immigration~stop start~of launch~of end~of they~detained they~had agents~detained"
              " agents~had officers~detained officers~had handcuff"),
        sentence_needs=(ENFORCEMENT,),
    ),
    Rule(
        "enforcement_operation",
        _ARRESTS,
        0.7,
        needs=(ENFORCEMENT,),
        sentence_needs=(FEDERAL_AGENT,),
        vetoes=(Words("charged indicted accused convicted sentenced"), AGENT_DEFENDANT),
    ),
    Rule(
        "enforcement_operation",
        re.compile(r"\bOperation [A-Z]\w+|[“\"][A-Z]\w+ [A-Z]\w+[”\"] operation|\bMidway Blitz\b|\bMetro Surge\b"),
        0.8,
        keys=_keys("operation blitz surge"),
        cased=True,
    ),
    Rule(
        "protest",
        _PROTEST,
        0.75,
        keys=_keys("protest demonstrat rall vigil march picket chant gathered blockad blocked confront clash sit-in walkout knelt"
              " prayed prayer"
              " walked~out shouted"),
        needs=(ENFORCEMENT,),
        vetoes=(Words("right~to~protest"),),
    ),
    Rule(
        "threat_of_prosecution",
        _THREAT,
        0.75,
        needs=(ENFORCEMENT,),
        vetoes=(
            Words("advoca* group groups expert experts scholar* analyst* guidance critics commentators warn~against"
                  " warns~against warned~against"),
        ),
    ),
    Rule(
        "resignation",
        _RESIGNATION,
        0.8,
        needs=(ENFORCEMENT,),
        sentence_needs=(_PROSECUTOR_OR_OFFICIAL,),
        vetoes=(
            Words(
                """fired~shots fired~at fired~on fired~into fired~tear fired~pepper fired~rubber fired~a~weapon fired~his~weapon
                fired~her~weapon fired~projectiles fired~munitions fired~rounds fired~bullets fired~flash*"""
            ),
        ),
    ),
)

# Rules by the bit of their gate; bits grow in declaration order, so walking set bits upward keeps that order.
RULE_BY_GATE = {rule.gate.bit: rule for rule in RULES}
GATE_BITS = sum(RULE_BY_GATE)
# Gates made of a trigger's start words: where they occur is kept, so the trigger is tried there and nowhere else.
ANCHOR_BITS = AGENT_DEFENDANT.starts.bit
for _rule in RULES:
    ANCHOR_BITS |= _rule.starts.bit if _rule.starts else 0
