"""Shingle sets and their exact Jaccard similarity, the check that decides whether an article is a reworded copy."""

from __future__ import annotations

import random

import numpy as np
import pytest

from extractors.fingerprint import fingerprint, jaccard, shingles


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
