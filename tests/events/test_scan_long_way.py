"""The one-pass vocabulary scan must find, segment by segment, what scanning each segment alone finds."""

from __future__ import annotations

import json
import random
from pathlib import Path

from extractors.sentences import split_sentences
from extractors.vocabulary import _ARTICLE_BITS, Scan, _vocabulary, lower, scan

DEV = Path(__file__).resolve().parents[2] / "dev" / "events.jsonl"


def _scan_the_long_way(segments: list[str], title: str | None) -> Scan:
    """Each segment searched on its own for every key, its word boundaries read from the segment itself."""
    every = [*segments, title] if title is not None else segments
    bits, starts, points, places, acronyms = [], [], [], [], []
    keys = {key: value for key, value in _vocabulary().items()}
    for index, segment in enumerate(every):
        found, here, weight = _ARTICLE_BITS, [], 0.0
        for key, (length, stem_bits, word_bits, anchor_bits, rest) in keys.items():
            assert length == len(key)
            start = segment.find(key)
            while start >= 0:
                end = start + length
                if start == 0 or not segment[start - 1].isalnum():
                    whole = end == len(segment) or not segment[end].isalnum()
                    hit = stem_bits | (word_bits if whole else 0)
                    found |= hit
                    if hit & anchor_bits:
                        here.append((start, hit))
                    if rest is not None:
                        stem_weight, word_weight, place, acronym = rest
                        weight += stem_weight + (word_weight if whole else 0.0)
                        if place:
                            places.append((index, start, end, key))
                        if acronym and whole:
                            acronyms.append((index, start, acronym))
                start = segment.find(key, start + 1)
        bits.append(found)
        starts.append(sorted(here))
        points.append(weight)
    body = sum(points[: len(segments)])
    return Scan(bits, starts, body, points[-1] if title is not None else 0.0, sorted(places), sorted(acronyms))


def _normalised(found: Scan) -> Scan:
    """The scan with its hits in offset order (the one pass lists them in the order the automaton reports them)."""
    return found._replace(starts=[sorted(s) for s in found.starts], places=sorted(found.places),
                          acronyms=sorted(found.acronyms))


def _articles() -> list[tuple[list[str], str | None]]:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(3)
    out = []
    for start in range(0, 120, 6):
        text = "\n\n".join(row["text"] for row in rows[start : start + 6])
        title = rows[start].get("title") or (None if start % 12 else "ICE agents raid Chicago, Ill. market")
        out.append(([lower(s.text) for s in split_sentences(text)], lower(title) if title else None))
    words = ["ice", "police", "agents", "the", "a", "chicago", "texas", "detained", "raid", "x", "", "immigration", "is",
             "court", "judge", "u.s.", "(ice)", "new york", "dhs"]
    for _ in range(60):
        segments = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(1, 5))]
        out.append((segments, rng.choice([None, "", "ice raids"])))
    return out


def test_one_pass_scan_finds_what_each_segment_alone_holds() -> None:
    checked = 0
    for segments, title in _articles():
        found = _normalised(scan(segments, title))
        expected = _scan_the_long_way(segments, title)
        assert found.bits == expected.bits
        assert found.starts == expected.starts
        assert found.places == expected.places and found.acronyms == expected.acronyms
        assert abs(found.points - expected.points) < 1e-9 and abs(found.title_points - expected.title_points) < 1e-9
        checked += sum(map(len, found.starts)) + len(found.places)
    assert checked > 500
