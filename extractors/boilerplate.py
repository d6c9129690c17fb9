"""Residual boilerplate that trafilatura lets through on news pages, removed line by line.

Each rule names a kind of page furniture (donation appeal, caption, share prompt, ...) by its shape: a short line,
cue words of that kind, and its position (first lines, trailing run, next to another removed block). A phrase list
would only ever match the outlets it was written from; shapes carry over to templates we have not seen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# The same words in an ASCII line, where a word character other than "_" is a letter or a digit (and "’" cannot
# occur), found without a regular expression scanning the line: each byte but letters, digits and the marks that join
# words becomes a space, letters lower-case; then each mark without a letter or digit on both sides becomes a space
# too, and what remains between spaces are the words.
_ASCII_FOLD = bytes(ord(c.lower()) if c.isascii() and (c.isalnum() or c in "'.-") else 32 for c in map(chr, range(256)))
_LOOSE_MARK = re.compile(rb"['.-](?:(?<![a-z0-9].)|(?![a-z0-9]))")
# What a line that reads as a sentence or a quote ends with. Lines of the text hold no line break, so the tests of
# their ends here are plain endswith() instead of searches of a whole line for a "$"-anchored character.
_TERMINAL = tuple(".!?…\"”’)]:")

# Characters that re.IGNORECASE matches to an ASCII letter while str.lower() maps them elsewhere (or to two
# characters): on a line holding one, a literal test on the lower-cased line could miss what a pattern finds.
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")


@lru_cache(maxsize=8192)
def _hint_text(line: str) -> str | None:
    """The line lower-cased for literal hint tests, or None where such tests would not be exact (see _CASE_TRAPS)."""
    return None if not line.isascii() and _CASE_TRAPS.search(line) else line.lower()


def _contains_any(text: str, literals: tuple[str, ...]) -> bool:
    return any(map(text.__contains__, literals))


def _mentions(line: str, hints: tuple[str, ...], starts: tuple[str, ...] = ()) -> bool:
    """False only when a case-insensitive pattern that needs one of `hints` somewhere or one of `starts` at the start
    (lower-case literals) cannot match `line`.

    A few substring tests cost far less than a regular expression scanning a whole paragraph for its alternatives.
    """
    return _hinted(_hint_text(line), hints, starts)


def _hinted(text: str | None, hints: tuple[str, ...], starts: tuple[str, ...] = ()) -> bool:
    """`_mentions` for a line whose hint text (`_hint_text`) is already at hand."""
    # without a case trap, lower() keeps every character in its place
    return text is None or _contains_any(text, hints) or text.startswith(starts)


class _Cue:
    """A case-insensitive pattern and lower-case literals of which every match holds one somewhere (`needs`) or at the
    start of the line (`starts`): a paragraph with none of them is not searched, which spares a scan of the whole
    paragraph for each alternative."""

    __slots__ = ("needs", "pattern", "starts")

    def __init__(self, pattern: str, needs: tuple[str, ...], starts: tuple[str, ...] = ()) -> None:
        self.pattern = re.compile(pattern, re.I)
        self.needs = needs
        self.starts = starts

    def search(self, line: str) -> bool:
        return _mentions(line, self.needs, self.starts) and self.pattern.search(line) is not None

    def count(self, line: str) -> int:
        return len(self.pattern.findall(line)) if _mentions(line, self.needs, self.starts) else 0


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATEISH = rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}})"
_TIMEISH = r"(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)"

# Placeholder text a script would have replaced ("Loading...", "Advertisement"). Only its first alternative can match
# past the start of a line, and that one needs one of these words.
_PLACEHOLDER_ANYWHERE = ("loading", "please wait")
_PLACEHOLDER = re.compile(
    r"\b(?:loading|please wait)\s*(?:\.{3}|…)|^(?:loading|load|show|see) (?:more|all|\w+ more)\b.{0,30}$|"
    r"^(?:advertisement|sponsored|ad|skip to (?:main )?content|report an? (?:typo|error|correction)|"
    r"scroll to continue(?: with content)?|story continues below(?: advertisement)?|\d+\s*min(?:ute)?s? read|"
    r"listen to (?:this )?(?:article|story)\b.*|image \d+ of \d+|\d+\s*/\s*\d+|"
    r"(?:listen|play|watch|duration)(?: now)?\s*[·•|:-]?\s*\d{1,2}:\d{2}(?:\s*min\w*)?)$",
    re.I,
)
_RELATIVE_TIME = re.compile(
    r"^(?:(?:updated|posted|published)\s+)?(?:\d+|an?|one)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?|"
    r"months?)\s+ago$|^(?:just now|yesterday|today)$",
    re.I,
)
# "Checked on November 18, 2025", "Updated 3:15 PM EST, March 4, 2026", "Published: 03/04/2026".
_DATELINE_META = re.compile(
    rf"^(?:(?:fact[- ])?checked|reviewed|updated|last updated|published|posted|originally published|modified)"
    rf"(?:\s+on)?\s*:?\s*(?:{_TIMEISH}[,\s]*)?{_DATEISH}(?:[,\s]*(?:at\s+)?{_TIMEISH})?\.?$",
    re.I,
)
_DISCLAIMER = re.compile(
    r"^(?:disclaimer|corrections? policy)\s*:|^(?:this|a version of this) (?:article|story|piece|report) "
    r"(?:\w+ )?(?:appears|appeared|was (?:first |originally )?published|ran) (?:in|on)\b|"
    r"^(?:this|the) (?:story|article|report|piece|project|investigation) (?:was|is) (?:\w+ )?(?:produced|co-published|"
    r"reported|made possible|supported|funded|published) (?:in partnership|with|by|through|as part)\b",
    re.I,
)
_COPYRIGHT = re.compile(r"^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}|by)\b|\ball rights reserved\b", re.I)
_TIME_ONLY = re.compile(rf"^{_TIMEISH}(?:\s*(?:ET|CT|MT|PT|EST|EDT|CST|CDT|PST|PDT|GMT|UTC))?$", re.I)
# A press release ends at "###" (or "-30-"); what follows is the agency's page furniture.
_END_MARK = re.compile(r"^(?:#{3}|-\s*30\s*-|\*{3})$")
_END_MARK_STARTS = ("#", "-", "*")  # the first characters an end mark can have, tested before the pattern
_READ_MORE_TAIL = re.compile(r"(?:continue reading|read more|keep reading|read the full story|full story)\s*(?:[›»→>…]|\.{3})?$",
                             re.I)
# A section label glued to the first sentence by a scraper ("News NetworksThe coverage ..."): keep the sentence.
_GLUED_LABEL = re.compile(r"^(?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+(?=[A-Z][a-z]* )")
_COMMENTS = re.compile(
    r"^(?:\(?\d+\)?\s+)?(?:comments?|responses?|replies)(?:\s*\(\d+\))?$|^(?:view|show|hide|read|see|load|post|add|"
    r"leave|join)\s+(?:all\s+|the\s+|a\s+|\d+\s+)?(?:comments?|conversation|discussion|replies)\b",
    re.I,
)
_SHARE_WORDS = {
    "share", "shares", "tweet", "email", "print", "copy", "link", "facebook", "twitter", "x", "linkedin", "reddit",
    "whatsapp", "bluesky", "threads", "flipboard", "pinterest", "this", "article", "story", "on", "via", "save",
    "gift", "the", "copied", "messenger", "sms", "comment", "comments", "mail",
}
_SHARE_CUE = re.compile(r"^(?:share|tweet|email|print|copy link|save)\b", re.I)
# "Read more", "Read Entire Article", "Continue reading", "READ MORE: <headline>", "See also: <headline>".
_READ_MORE = re.compile(
    r"^(?:[-–—•»>]\s*)?(?:read|continue reading|keep reading|see|watch|listen|also read|related|more)"
    r"(?:\s+(?:entire|full|the full|the rest of (?:the|this)|more|also|next|now|this|original|article|story|post))*"
    r"(?:\s+(?:article|story|report|coverage|here|at\s+\S+|on\s+\S+))?\s*(?:[:|»›→>…]|\.{3}|$)",
    re.I,
)
# Appeals to the reader. A strong cue is furniture on its own; weak cues ("supporters", "subscribe") also occur in
# news prose, so they count only in pairs or in a line that addresses the reader and quotes nobody.
_DONATION_STRONG = _Cue(
    r"\b(?:donate (?:now|today|here|to|at)|chip in|tax[- ]deductible|(?:reader|member|listener)[- ](?:funded|supported)|"
    r"nonprofit newsroom|"
    r"become a (?:member|supporter|patron)|support (?:our|independent|local|this) (?:journalism|reporting|work)|"
    r"make a (?:gift|donation)|keep \w+ (?:independent|free)|goal:\s*[\d,]+ \w+|member drive|"
    r"\$\d+(?:\s*(?:donation|gift|a month|per month|monthly))|we (?:don[’']t|do not) take money)\b",
    ("donate ", "chip in", "deductible", "funded", "supported", "nonprofit newsroom", "become a ", "support ", "make a ",
     "keep ", "goal:", "member drive", "$", "take money"),
)
_DONATION_WEAK = _Cue(r"\b(?:donat\w*|supporters?|contribut\w*|paywall|membership|members?)\b",
                      ("donat", "support", "contribut", "paywall", "member"))
_NEWSLETTER_STRONG = _Cue(
    r"\b(?:newsletters?|sign[- ]?up (?:for|to|now|here|today)|subscribe (?:to|now|today|for)|(?:in|into|to) your inbox|"
    r"enter your email|delivered (?:to you|daily|weekly|every)|get (?:the|our) (?:latest|top|morning|daily|evening|best)"
    r"|by signing up|breaking news alerts?|push notifications?|free articles? (?:left|remaining))\b",
    ("newsletter", "sign up ", "sign-up ", "signup ", "subscribe ", " your inbox", "enter your email", "delivered ",
     "get the ", "get our ", "by signing up", "breaking news alert", "push notification", "free article"),
)
_NEWSLETTER_WEAK = _Cue(
    r"\b(?:sign[- ]?up|subscrib\w*|subscriptions?|unsubscribe|privacy policy|terms of (?:use|service)|"
    r"email address|alerts?|unlimited access)\b",
    ("sign up", "sign-up", "signup", "subscri", "privacy policy", "terms of ", "email address", "alert",
     "unlimited access"),
)
_READER_ADDRESS = _Cue(r"\b(?:you|your|yours)\b|^(?:sign|subscribe|donate|support|join|get|become|help|give)\b",
                       ("you",), ("sign", "subscribe", "donate", "support", "join", "get", "become", "help", "give"))
_ATTRIBUTION = _Cue(r"\b(?:said|says|told|according to)\b|[“”\"]",
                    ("said", "says", "told", "according to", "“", "”", '"'))
_COOKIE = re.compile(r"\bcookies?\b.*\b(?:accept|consent|agree|use|policy|settings|preferences|experience)\b|"
                     r"\b(?:accept|manage|reject)\b.*\bcookies?\b", re.I)
# Credits of photo captions: "Photograph: Matt Rourke/AP", "(AP Photo/Abbie Parr)", "Photo by X", "Getty Images".
_CREDIT = _Cue(
    r"\((?:[A-Z]{2,6}\s+)?(?:photo|image|video|file photo|photo illustration)\b[^)]*\)|"
    r"\b(?:photograph|photo|photos|image|picture|video|illustration|graphic|credit|courtesy)(?:\s+(?:by|credit|courtesy))?"
    r"\s*(?::\s*|by\s+)(?-i:[A-Z])|"
    r"\b(?:getty images|shutterstock)\b|"
    r"\((?-i:[A-Z])[\w.’'-]+(?: [\w.’'-]+){0,3}\s*/\s*[^()]{2,40}\)\.?$|"
    r"/\s*(?:AP|Reuters|AFP|EPA|Getty(?: Images)?|Bloomberg|Sipa|NurPhoto|ZUMA(?: Press)?|Shutterstock|Alamy)\)?\.?$",
    ("photo", "image", "picture", "video", "illustration", "graphic", "credit", "courtesy", "shutterstock", "/"),
)
_CATEGORY_PREFIX = re.compile(r"^(?:tags?|topics?|filed under|categories|category|related topics|more on)\s*:", re.I)
_BREAKING = re.compile(r"^(?:breaking(?: news)?|update[d]?|developing|just in|watch|live|exclusive)\s*[:|–—-]\s*", re.I)
_BYLINE = re.compile(
    rf"^(?i:by|written by|story by|reporting by|von|por|par)\s+[A-Z][\w.’'-]+(?:[\s,]+(?:and\s+)?[A-Z][\w.’'-]+)"
    rf"{{0,7}}\.?(?:[\s|,·•-]+(?i:updated|published|posted)?:?\s*(?:{_TIMEISH}[,\s]*)?(?i:{_DATEISH})(?:[,\s]*(?:at\s+)?"
    rf"{_TIMEISH})?)?$"
)
_RELATED_HEADING = re.compile(
    r"^(?:related(?:\s+(?:stories|articles|coverage|content|links|reading|news|posts|questions))?|more (?:from|on|stories|news|in)\b.*|"
    r"recommended(?: for you| stories| reading)?|you (?:may|might) (?:also )?like|also (?:read|see|on \S+)|"
    r"most (?:read|popular|viewed|shared)|trending(?: now| stories)?|top stories|latest (?:news|stories|headlines)|"
    r"what to read next|further reading|in (?:other|case you missed it) news|around the web|"
    r"(?:want|care) to (?:dive|go|dig|learn) (?:deeper|more|further)\b.*|people also ask|related questions|"
    r"explore more|read next|up next|more coverage)\s*[:?]?$",
    re.I,
)

# "Jane Doe is a staff writer at ...", "Luis Ortega covers immigration for ...": the author's note closing a story.
_AUTHOR_BIO = re.compile(
    r"^(?:[A-Z][\w.’'-]+ ){1,3}[A-Z][\w.’'-]+,? (?:is|was|covers|reports on|writes about)\b.{0,120}?\b(?:writer|reporter|"
    r"correspondent|editor|journalist|photographer|producer|fellow|columnist|immigration|politics|courts)\b"
)
# "Case: 23-7101", "Press Release Number: 26-101", "Docket: 1:25-cv-0123": a labelled field, not a sentence.
_FIELD = re.compile(r"^[A-Z][\w ]{1,25}:\s*[\w./-]*\d[\w./-]*$")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_REPUBLISH = re.compile(r"\b(?:republish(?:ed|ing)? (?:this|our) stor(?:y|ies)|(?:this|our) stor(?:y|ies) (?:may|can) be "
                        r"republished|creative commons licen[cs]e|republish this)\b", re.I)
_SHORT = 40
_LONGEST_FURNITURE = 70


@lru_cache(maxsize=8192)
def _norm(line: str) -> str:
    """Case- and punctuation-folded words joined by single spaces, to compare headlines with lines and to count words.

    Beyond ASCII, one lower() of the joined words equals lowering each word: a space is neither cased nor
    case-ignorable, so the context rule of final sigma never looks across it.
    """
    if line.isascii():
        return b" ".join(_LOOSE_MARK.sub(b" ", line.encode().translate(_ASCII_FOLD)).split()).decode()
    return " ".join(_WORD.findall(line)).lower()


@lru_cache(maxsize=8192)
def _words(line: str) -> int:
    """How many words the line has: no folded word holds a space."""
    norm = _norm(line)
    return norm.count(" ") + 1 if norm else 0


def _any_literal(literals: tuple[str, ...]) -> Callable[[str], bool]:
    """A test of whether a text holds one of `literals`, for long lists: one Aho-Corasick scan in C that stops at the
    first found. A regular expression of them, even as a trie sharing their prefixes, tries its branches at every
    position: on the news bench's article paragraphs it cost 8.3-9.1 µs a line, against 3.3-3.4."""
    automaton = ahocorasick.Automaton()
    for literal in literals:
        automaton.add_word(literal, literal)
    automaton.make_automaton()

    def holds_one(text: str) -> bool:
        return next(automaton.iter(text), None) is not None

    return holds_one


def _is_heading(line: str) -> bool:
    """A short line that does not read as a sentence: a block title."""
    return _words(line) <= 10 and not line.endswith((".", "!"))


def _is_headline_item(line: str) -> bool:
    """A list entry of a related-stories or question block: short, no sentence end, or a question."""
    body = line.lstrip("-–—•*» ").strip()
    return 0 < _words(body) <= 25 and (body.endswith("?") or not body.endswith((".", "!", ":", ";")))


def _share_bar(line: str) -> bool:
    norm = _norm(line)
    return bool(norm) and all(w in _SHARE_WORDS for w in norm.split(" ")) and bool(_SHARE_CUE.match(line))


_LABELS = re.compile(r"^(?:live|live updates|live blog|live coverage|breaking news|developing story|exclusive|"
                     r"opinion|analysis|sponsored content|press release|news release)$", re.I)


def _section_label(line: str) -> bool:
    """A lone ALL-CAPS word or two ("CELEBRITY", "U.S. NEWS") or a page-type label ("Live updates")."""
    if _LABELS.match(line):
        return True
    letters = [c for c in line if c.isalpha()]
    return (
        len(letters) >= 2
        and all(c.isupper() for c in letters)
        and not re.search(r"[.!?:]$", line.replace("U.S.", "US"))
    )


def _appeal(line: str, strong: _Cue, weak: _Cue) -> bool:
    """A call to action (donation, newsletter) speaks to the reader and quotes nobody.

    One strong cue suffices; weak cues need the reader addressed, or two of them in a link-bar-sized line.
    """
    if strong.search(line):
        return not _ATTRIBUTION.search(line)
    if _words(line) > 12:  # past link-bar size only the reader addressed counts, so one weak cue is enough to know
        return _READER_ADDRESS.search(line) and weak.search(line) and not _ATTRIBUTION.search(line)
    n = weak.count(line)
    return n >= 1 and (_READER_ADDRESS.search(line) or n >= 2) and not _ATTRIBUTION.search(line)


def _placeholder(line: str) -> bool:
    """Placeholder text, alone on its line or nearly so; a line without the words that the pattern's only
    unanchored alternative needs is tried at its start alone instead of at every position."""
    found = _PLACEHOLDER.match(line) or (_mentions(line, _PLACEHOLDER_ANYWHERE) and _PLACEHOLDER.search(line))
    return bool(found) and _words(_PLACEHOLDER.sub("", line)) <= 4


class _Rule(NamedTuple):
    """A kind of furniture recognised on one line; `block` kinds also take a heading right above them with them.

    `hints` are lower-case literals of which every line the test accepts contains one (each of its pattern's
    alternatives needs one of them), so a line with none skips the test; empty for tests that are cheap anyway.
    A line of more than `most_words` words is never this kind.
    """

    kind: str
    block: bool
    test: Callable[[str], bool]
    hints: tuple[str, ...] = ()
    most_words: int = _LONGEST_FURNITURE

    def accepts(self, line: str) -> bool:
        """The rule alone, without the hints that only spare work."""
        return _words(line) <= self.most_words and self.test(line)


_DONATION_HINTS = (
    "donat", "chip in", "deductible", "funded", "support", "nonprofit newsroom", "become a", "make a", "keep",
    "goal:", "member", "$", "take money", "contribut", "paywall",
)
_NEWSLETTER_HINTS = (
    "newsletter", "sign", "subscri", "your inbox", "enter your email", "delivered", "get the", "get our", "alert",
    "push notification", "free article", "privacy policy", "terms of", "email address", "unlimited access",
)
_CREDIT_HINTS = (
    "(", "/", "photo", "image", "picture", "video", "illustration", "graphic", "credit", "courtesy", "getty images",
    "shutterstock",
)

# Tried in order; the first test that accepts a line names its kind (two rules of one kind split its alternatives).
_LINE_RULES: list[_Rule] = [
    _Rule("placeholder", False, _placeholder),
    _Rule("relative_time", False, lambda s: bool(_RELATIVE_TIME.match(s) or _TIME_ONLY.match(s))),
    _Rule("date_stamp", False, lambda s: bool(_DATELINE_META.match(s))),
    _Rule("disclaimer", False, lambda s: bool(_DISCLAIMER.match(s)), most_words=60),
    _Rule("copyright", False, lambda s: bool(_COPYRIGHT.search(s)), ("copyright", "©", "(c)", "all rights reserved"), 40),
    _Rule("comments", False, lambda s: bool(_COMMENTS.match(s)), most_words=12),
    _Rule("share", False, _share_bar, most_words=12),
    _Rule("read_more", True, lambda s: bool(_READ_MORE.match(s)), most_words=25),
    _Rule("read_more", True, lambda s: bool(_READ_MORE_TAIL.search(s)), ("reading", "read more", "full story"), 25),
    _Rule("donation", True, lambda s: _appeal(s, _DONATION_STRONG, _DONATION_WEAK), _DONATION_HINTS),
    _Rule("newsletter", True, lambda s: _appeal(s, _NEWSLETTER_STRONG, _NEWSLETTER_WEAK), _NEWSLETTER_HINTS),
    _Rule("cookie", True, lambda s: bool(_COOKIE.search(s)), ("cookie",), 60),
    _Rule("caption", False, _CREDIT.search, _CREDIT_HINTS),
    _Rule("tags", False, lambda s: bool(_CATEGORY_PREFIX.match(s)), most_words=30),
    _Rule("metadata_widget", False, lambda s: bool(_FIELD.match(s)), most_words=8),
    _Rule("contact_prompt", False, lambda s: bool(_EMAIL.search(s)) and not _ATTRIBUTION.search(s), ("@",), 25),
    _Rule("republish", True, lambda s: bool(_REPUBLISH.search(s)), ("republish", "creative commons licen"), 40),
    _Rule("section_label", False, _section_label, most_words=3),
]


# Literal hints of every rule that can fire on a line longer than a dozen words: one cheap substring scan lets
# ordinary paragraphs (most lines) skip the regular expressions.
_LONG_LINE_HINTS = (
    "photo", "image", "picture", "video", "credit", "courtesy", "getty", "shutterstock", "illustration", "graphic",
    "/", "©", "copyright", "reserved", "donat", "support", "contribut", "chip in", "deductible", "member", "patron",
    "gift", "goal", "paywall", "money", "funded", "nonprofit", "independent", "$", "newsletter", "sign", "subscri",
    "inbox", "email", "alert", "notification", "privacy", "terms of", "cookie", "disclaimer", "appear", "published",
    "loading", "please wait", "read", "continue", "see", "watch", "listen", "related", "more", "tag", "topic",
    "filed under", "categor", "policy", "ran ", "@", "republish", "creative commons", "partnership", "produced",
)
_LONG_LINE_HINT = _any_literal(_LONG_LINE_HINTS)


# The rules that allow a line of n words, for each n up to the longest furniture, in their order.
_RULES_BY_WORDS = [tuple(rule for rule in _LINE_RULES if n <= rule.most_words) for n in range(_LONGEST_FURNITURE + 1)]


def classify_line(line: str) -> str | None:
    """The boilerplate kind of one paragraph taken alone, or None if it reads as article text."""
    n = _words(line)
    if n > _LONGEST_FURNITURE:
        return None
    text = _hint_text(line)
    if n > 12 and not _LONG_LINE_HINT(line.lower() if text is None else text):
        return None
    for rule in _RULES_BY_WORDS[n]:
        if (not rule.hints or _hinted(text, rule.hints)) and rule.test(line):
            return rule.kind
    return None


def _mark_repeats(lines: list[str], kinds: list[str | None], title: str | None) -> None:
    """Headline repeated in the body, "BREAKING:" tickers, pull quotes: a line whose words recur elsewhere."""
    title_norm = _norm(title or "")
    norms = [_norm(line) for line in lines]
    unprefixed = [_norm(_BREAKING.sub("", line)) if _BREAKING.match(line) else norm for line, norm in zip(lines, norms)]
    seen: set[str] = set()
    # Occurrences across all lines, as a cheap necessary test before the pairwise search for a repeated text.
    everything = "\x00".join(norms)
    kept_above = 0  # lines above `i` still counted as text: a byline comes within the first three
    for i, line in enumerate(lines):
        if kinds[i] is not None:
            continue
        if norms[i] in seen or (title_norm and title_norm in (norms[i], unprefixed[i])):
            kinds[i] = "repeated_headline"
        elif kept_above < 3 and _BYLINE.match(line):
            kinds[i] = "byline"
        elif _words(line) <= _SHORT and unprefixed[i].count(" ") >= 4 and everything.count(unprefixed[i]) >= (
            2 if unprefixed[i] in norms[i] else 1
        ) and any(
            j != i and kinds[j] is None and len(norms[j]) >= len(unprefixed[i]) and unprefixed[i] in norms[j]
            for j in range(len(lines))
        ):
            kinds[i] = "repeated_text"
        if kinds[i] is None:
            kept_above += 1
            if _words(line) >= 3:
                seen.add(norms[i])
    # A "BREAKING:" ticker over the story: shown twice, or standing right above the headline.
    for i in [i for i, kind in enumerate(kinds) if kind is None][:3]:
        if not _BREAKING.match(lines[i]) or _words(lines[i]) > _LONGEST_FURNITURE:
            continue
        below = next((j for j in range(i + 1, len(lines)) if kinds[j] is None), None)
        repeated = norms.count(norms[i]) > 1
        headline_below = below is not None and _words(lines[below]) <= 20 and not lines[below].endswith((".", "!", "?"))
        if repeated or headline_below:
            kinds[i] = "repeated_headline"


def _mark_related_lists(lines: list[str], kinds: list[str | None]) -> None:
    """A related-stories or "dive deeper" heading takes the list of headline-like lines under it."""
    i = 0
    while i < len(lines):
        if _RELATED_HEADING.match(lines[i].lstrip("-–—•*» ")):
            kinds[i] = kinds[i] or "related"
            j = i + 1
            while j < len(lines) and _is_headline_item(lines[j]):
                kinds[j] = kinds[j] or "related"
                j += 1
            i = j
        else:
            i += 1


def _mark_tail(lines: list[str], kinds: list[str | None]) -> None:
    """A trailing run of question lines ("Want to dive deeper?"), an author's note and short labels at the end."""
    end = len(lines)
    while end > 0 and (kinds[end - 1] is not None or (lines[end - 1].endswith("?") and _words(lines[end - 1]) <= 30)):
        end -= 1
    if sum(1 for k in range(end, len(lines)) if kinds[k] is None) >= 2:
        for k in range(end, len(lines)):
            kinds[k] = kinds[k] or "questions"
    end = len(lines)
    while end > 1:
        line = lines[end - 1]
        if kinds[end - 1] is None and _words(line) <= _SHORT and _AUTHOR_BIO.match(line):
            kinds[end - 1] = "author_bio"
        elif kinds[end - 1] is None and _words(line) <= 5 and not line.endswith(_TERMINAL):
            kinds[end - 1] = "trailing_label"
        elif kinds[end - 1] is None:
            break
        end -= 1


_BLOCK_KINDS = frozenset(rule.kind for rule in _LINE_RULES if rule.block)


def _mark_neighbours(lines: list[str], kinds: list[str | None]) -> None:
    """Alt text just above a caption ("a woman speaks into microphones") and block headings above an appeal."""
    for i in range(len(lines) - 1):
        if kinds[i] is not None or not _is_heading(lines[i]):
            continue
        below = kinds[i + 1]
        if below == "caption" and lines[i][:1].islower():
            kinds[i] = "caption"
        elif below in _BLOCK_KINDS:
            kinds[i] = below


def _folded(raw: str) -> str:
    """The line with runs of spaces folded to one and none at its ends (\\s and str.split() agree on what is a space).

    A printable line holds no space character but " ", so one without a double or an edge space is folded already:
    nearly every line of extracted text, spared splitting into words and joining them again.
    """
    if raw.isprintable() and "  " not in raw and raw[:1] != " " and raw[-1:] != " ":
        return raw
    return " ".join(raw.split())


def _split_lines(text: str) -> list[str]:
    """Non-empty paragraphs with spaces folded, cut at a press-release end mark, glued labels unglued."""
    lines = []
    for raw in text.splitlines():
        line = _folded(raw)
        if line.startswith(_END_MARK_STARTS) and lines and _END_MARK.match(line):
            break
        glued = _GLUED_LABEL.match(line)
        if glued and _words(line) > 20:
            line = line[glued.end() :]
        if line:
            lines.append(line)
    return lines


def strip_boilerplate(text: str, title: str | None = None) -> str:
    """Remove residual boilerplate paragraphs; paragraphs stay separated by a single newline."""
    lines = _split_lines(text)
    kinds: list[str | None] = [classify_line(line) for line in lines]
    _mark_repeats(lines, kinds, title)
    _mark_related_lists(lines, kinds)
    _mark_tail(lines, kinds)
    _mark_neighbours(lines, kinds)
    return "\n".join(line for line, kind in zip(lines, kinds, strict=True) if kind is None)
