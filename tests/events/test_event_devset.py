"""The labelled dev set: the floors of the issue hold, every rule's gate covers its trigger, and an anchored trigger finds
what a search of the whole sentence finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.classify_eval import load, predict_events, score
from extractors.event_rules import RULES, anchors
from extractors.vocabulary import cue_bits, scan
from extractors.events import _Context
from extractors.sentences import split_sentences

DEV = Path(__file__).resolve().parents[2] / "dev" / "events.jsonl"


@pytest.fixture(scope="module")
def passages() -> list[dict]:
    return load(DEV)


def test_dev_set_shape(passages: list[dict]) -> None:
    assert len(passages) >= 260
    assert sum(p["trap"] for p in passages) >= 60
    assert sum(not p["relevant"] for p in passages) >= 15
    for passage in passages:
        count = len(split_sentences(passage["text"]))
        assert all(0 <= event["sentence"] < count for event in passage["events"]), passage["id"]


def test_floors(passages: list[dict]) -> None:
    report = score("all", passages, predict_events, composed=False)
    assert report.macro_f1 >= 0.85
    assert report.per_type["federal_charge"]["f1"] >= 0.9
    assert report.per_type["federal_declination"]["f1"] >= 0.9
    assert report.trap_rate <= 0.05


def test_prefilter_keys_cover_every_trigger(passages: list[dict]) -> None:
    """A trigger that matches where none of its rule's keys occur would be silently skipped by the prefilter."""
    for passage in passages:
        for sentence in split_sentences(passage["text"]):
            lower = sentence.text.lower()
            cues = cue_bits(lower)
            for rule in RULES:
                if rule.trigger.search(sentence.text if rule.cased else lower):
                    assert cues & rule.gate.bit, (rule.type, sentence.text)


def test_anchored_triggers_find_what_a_search_finds(passages: list[dict]) -> None:
    """Trying a trigger only at its start words must give the matches a search of the whole sentence gives."""
    lower = [s.text.lower() for p in passages for s in split_sentences(p["text"])]
    context = _Context(lower, scan(lower))
    anchored = [rule for rule in RULES if rule.starts]
    assert len(anchored) >= 12
    for index, text in enumerate(lower):
        for rule in anchored:
            expected = [match.span() for match in rule.trigger.finditer(text)]
            first, later = context.triggers(rule, text, index)
            found = [first.span(), *(match.span() for match in later)] if first else [*later]
            assert found == expected, (rule.type, text)


def test_anchors_read_literal_starts() -> None:
    import re

    assert anchors(re.compile(r"\b(?:sued|(?:is|was) suing|filed (?:a )?suit)\b")) == (
        "filed a suit", "filed suit", "is suing", "sued", "was suing"
    )
    assert anchors(re.compile(r"\bfac(?:es?|ing) (?:\w+ ){0,3}charges")) == ("face *", "faces *", "facing *")
    assert anchors(re.compile(r"(?:charged|indicted)")) is None  # no word boundary: a match may start mid-word
    assert anchors(re.compile(r"\b(?:a|the) raid")) == ("a raid*", "the raid*")
    # "a" alone is everywhere: a start only with whitespace after it (any: see article_starts), never before a non-letter.
    assert anchors(re.compile(r"\b(?:a|the)\s+raid")) == ("a *", "the *")
    assert anchors(re.compile(r"\bthe\b")) is None
