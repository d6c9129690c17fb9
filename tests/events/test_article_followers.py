"""`article_followers`: the words a trigger starting with "a", "an" or "the" needs later, so a sentence without any of
them never has its articles tried; when such a word is not certain, there is no shortcut (None)."""

from __future__ import annotations

import re

import pytest

from extractors.event_rules import RULES, article_followers
from extractors.vocabulary import article_starts


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(?:the|a|federal)\s+(?:[\w.-]+\s+){0,3}(?:judge|court)\b", ("court*", "judge*")),
        (r"\b(?:a|the|held) (?:\w+ )?protests?|\b(?:a|the) march\b", ("march*", "protest*")),
        (r"\bthe (?:judge|\w+ court)\b", ("court*", "judge*")),
        (r"\bthe (?:\w+ ){0,2}operation (?:in|at)\b|\braid\w*", ("operation*",)),
    ],
)
def test_the_words_every_match_after_an_article_needs(pattern: str, expected: tuple[str, ...]) -> None:
    assert article_followers(re.compile(pattern)) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bthe\s+\w+\b",  # any word may follow the article
        r"\bthe\s+\w*court\b",  # "court" may sit inside a word ("supercourt"): not at a word start
        r"\bthe (?:judge|\w+)\b",  # one branch has no word to require
        r"\b(?:raided|swept)\b",  # no article start at all
    ],
)
def test_no_shortcut_when_a_match_after_an_article_need_not_hold_a_known_word(pattern: str) -> None:
    assert article_followers(re.compile(pattern)) is None


def test_no_rule_trigger_matches_at_an_article_of_a_sentence_without_its_followers() -> None:
    sentences = [
        "the agents said the crowd left before a judge could rule on the order.",
        "during the march a federal judge ruled that the operation in chicago was lawful.",
        "a man said the protests would go on.",
    ]
    for rule in (rule for rule in RULES if rule.article_cue):
        for sentence in sentences:
            followers = [entry.rstrip("*") for entry in rule.article_cue.entries]
            if any(re.search(rf"(?<!\w){re.escape(word)}", sentence) for word in followers):
                continue
            assert not any(rule.trigger.match(sentence, offset) for offset, _ in article_starts(sentence)), rule.type
