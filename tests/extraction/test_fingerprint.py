"""Shingle sets and their exact Jaccard similarity, the check that decides whether an article is a reworded copy."""

from __future__ import annotations

import hashlib
import random
import re
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest

from extractors.fingerprint import (
    _MULTIPLIERS, _OFFSETS, Fingerprint, estimated_jaccard, fingerprint, jaccard, shingles,
)


def _as_shingles(values: set[int]) -> np.ndarray:
    return np.array(sorted(values), dtype=np.uint32)


@pytest.mark.parametrize("seed", range(40))
def test_jaccard_is_the_set_ratio(seed: int) -> None:
    rng = random.Random(seed)
    universe = rng.choice([50, 2_000, 2**32 - 1])
    left = {rng.randrange(universe) for _ in range(rng.randrange(1, 900))}
    right = {rng.randrange(universe) for _ in range(rng.randrange(1, 900))} | set(rng.sample(sorted(left), len(left) // 3))
    assert jaccard(_as_shingles(left), _as_shingles(right)) == len(left & right) / len(left | right)


def test_jaccard_edges() -> None:
    some = _as_shingles({1, 5, 9})
    assert jaccard(some, some) == 1.0
    assert jaccard(some, _as_shingles({2, 4})) == 0.0
    assert jaccard(some, _as_shingles(set())) == 0.0
    assert jaccard(_as_shingles({0, 2**32 - 1}), _as_shingles({2**32 - 1})) == 0.5


def test_shingles_are_sorted_distinct_word_triples() -> None:
    values = shingles("Agents detained two men. Agents detained two men, the agency said.")
    assert list(values) == sorted(set(values.tolist()))
    assert values.size == 7  # "agents detained two" and "detained two men" appear twice but count once
    assert fingerprint("two words") is None


# The stored buckets and shingles must not change, so the fast code is compared with the plain definition.
_REPO = Path(__file__).resolve().parents[2]


def _reference_shingles(text: str) -> np.ndarray:
    words = re.findall(r"\w+", text.lower())
    triples = {zlib.crc32(" ".join(words[i:i + 3]).encode("utf-8")) for i in range(len(words) - 2)}
    return np.array(sorted(triples), dtype=np.uint32)


def _reference_fingerprint(text: str) -> Fingerprint | None:
    values = _reference_shingles(text)
    if not values.size:
        return None
    signature = [min(((int(key) * int(multiplier) + int(offset)) % 2**64) >> 32 for key in values)
                 for multiplier, offset in zip(_MULTIPLIERS, _OFFSETS)]
    rows = [b"".join(value.to_bytes(8, sys.byteorder) for value in signature[band * 3:band * 3 + 3])
            for band in range(32)]
    buckets = tuple(int.from_bytes(hashlib.blake2b(row, digest_size=8).digest(), "little", signed=True) for row in rows)
    return Fingerprint(values, buckets, np.array(signature, dtype=np.uint32))


def _assert_same_shingles(text: str) -> None:
    values = shingles(text)
    assert values.dtype == np.uint32
    assert values.tobytes() == _reference_shingles(text).tobytes()


def test_shingles_of_every_code_point() -> None:
    # Each character between two ASCII letters: a word character joins them, any other splits them; lower-casing
    # can turn one character into two (İ) or into ASCII (the Kelvin sign); lone surrogates must not reach the encoder.
    text = "z".join(map(chr, range(0x110000)))
    _assert_same_shingles(text)


_VARIED = [
    "", "one", "two words", "three words here", "the the the the the", "İstanbul İSTANBUL ıi Straße STRASSE ẞ",
    "café cafe\u0301 naïve ΣΊΣΥΦΟΣ σίσυφος ǅemal \u212a\u212b", "東京 都 の 移民 局 ١٢٣ ²³ ½ ⅳ snake_case 4_5",
    "a\u00a0b\u2003c\u3000d\x1ce\x85f\u200bg\ufeffh\ud800i", "\U0001d400\U0001d401 \U00010400\U00010428 😀 😀 done",
    "Agents — who declined to give names — detained “José Núñez” at 5:40 a.m., a spokesperson’s e-mail said.",
]


@pytest.mark.parametrize("text", _VARIED)
def test_fingerprint_is_the_plain_definition(text: str) -> None:
    _assert_same_shingles(text)
    assert fingerprint(text) == _reference_fingerprint(text)


@pytest.mark.parametrize("seed", range(25))
def test_fingerprint_on_random_mixes(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["ICE", "agents", "detained", "İ", "ß", "Σ", "é", "\u0301", "—", "“", "’", "_", "東京", "7", " ", "  ",
              "\n", "\u00a0", "\u2003", ".", ","]
    text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 600)))
    _assert_same_shingles(text)
    assert fingerprint(text) == _reference_fingerprint(text)


def test_shingles_of_the_repository_texts() -> None:
    paths = sorted((_REPO / "dev" / "extraction" / "pages").glob("*.txt")) + sorted((_REPO / "demo").glob("**/*.md"))
    assert paths
    for path in paths:
        _assert_same_shingles(path.read_text(encoding="utf-8"))
    assert fingerprint(paths[0].read_text(encoding="utf-8")) == _reference_fingerprint(paths[0].read_text("utf-8"))


def test_estimated_jaccard_tracks_the_exact_one() -> None:
    # Pairs of texts from one random vocabulary sharing a varying part: over 60 pairs, each estimate is within four
    # standard errors of the exact Jaccard, and the estimates are unbiased on average.
    rng = random.Random(3)
    vocabulary = [f"w{n}" for n in range(5_000)]
    errors: list[float] = []
    for pair in range(60):
        shared = [rng.choice(vocabulary) for _ in range(rng.randrange(0, 600))]
        left = fingerprint(" ".join(shared + [rng.choice(vocabulary) for _ in range(300)]))
        right = fingerprint(" ".join(shared + [rng.choice(vocabulary) for _ in range(300)]))
        assert left is not None and right is not None
        exact = jaccard(left.shingles, right.shingles)
        error = estimated_jaccard(left.signature, right.signature) - exact
        assert abs(error) <= 4 * (exact * (1 - exact) / left.signature.size) ** 0.5 + 0.011, (pair, exact, error)
        errors.append(error)
    assert abs(sum(errors) / len(errors)) < 0.02
    assert estimated_jaccard(left.signature, left.signature) == 1.0


def test_estimated_jaccard_against_stacked_signatures_gives_each_rows_estimate() -> None:
    # The copy lookup estimates a page against all its candidates at once: row i of the result must be what the
    # pair (page, candidate i) estimates alone.
    rng = random.Random(5)
    vocabulary = [f"w{n}" for n in range(2_000)]
    base = [rng.choice(vocabulary) for _ in range(400)]
    prints = [fingerprint(" ".join(base[: rng.randrange(0, 400)] + [rng.choice(vocabulary) for _ in range(200)]))
              for _ in range(12)]
    page, *candidates = [p.signature for p in prints if p is not None]
    stacked = estimated_jaccard(page, np.stack(candidates))
    assert stacked.shape == (len(candidates),)
    assert stacked.tolist() == [float(estimated_jaccard(page, candidate)) for candidate in candidates]
    assert len(set(stacked.tolist())) > 3  # the candidates differ, so a constant answer would not pass
