"""The labelled dev set: the floors of the issue hold, and every rule's prefilter keys cover its trigger."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.classify_eval import load, predict_events, score
from extractors.event_rules import RULES, scan
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
            cues = scan(lower)
            for rule in RULES:
                if rule.trigger.search(sentence.text if rule.cased else lower):
                    assert cues & rule.gate.bit, (rule.type, sentence.text)
