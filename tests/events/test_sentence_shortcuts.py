"""The splitter's shortcuts must decide exactly as the long way round they replace."""

from __future__ import annotations

import json
import random
from pathlib import Path

from extractors.sentences import _is_abbreviation, split_sentences, windowed_token_is_abbreviation
from extractors.vocabulary import lower, lower_sentences

DEV = Path(__file__).resolve().parents[2] / "dev" / "events.jsonl"


def _texts() -> list[str]:
    """Dev-set passages and seeded random runs of words, abbreviations, quotes and odd letters before periods."""
    texts = [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(7)
    pieces = ["said", "Minn", "U.S", "N.Dak", "sept", "J", "İ", "ǅ", "ß", "agents", "Washington", "Calif", "“Mr", "(Gov",
              "'St", "3", ".", "..", " ", "  ", "\t", "\u00a0", '"', "”", "é", "x", "ab", "abcde", "abcdef"]
    for _ in range(3000):
        texts.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) + ".")
    return texts


def test_abbreviation_shortcuts_decide_as_the_whole_token_lookup() -> None:
    verdicts = set()
    checked = 0
    for text in _texts():
        for stop in range(1, len(text) + 1):
            if text[stop - 1] != ".":
                continue
            for cursor in range(0, stop):
                expected = windowed_token_is_abbreviation(text, cursor, stop)
                assert _is_abbreviation(text, cursor, stop) == expected, (text, cursor, stop)
                verdicts.add(expected)
                checked += 1
    assert verdicts == {True, False}
    assert checked > 10_000


def test_sentences_cut_from_the_lowercased_text_are_each_sentence_lowercased() -> None:
    """Lowercasing an ASCII text once must give each sentence what lowercasing it alone gives, whatever whitespace
    separates them; other texts (final sigmas, letters that lowercase to two characters) take the long way."""
    rng = random.Random(11)
    spaces = [chr(code) for code in range(128) if chr(code).isspace()]
    ascii_pieces = ["Agents", "SAID", "said", ".", "!", "?", "'", '"', ")", "J.", "U.S.", "3", "A", "Z", *spaces, *spaces]
    other = ["ΟΔΟΣ", "Σ", "ΑΣ.", "”", "İ", "ß"]
    texts = [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines()]
    texts += ["".join(rng.choice(ascii_pieces) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts += ["".join(rng.choice(ascii_pieces + other) for _ in range(rng.randint(0, 40))) for _ in range(1000)]
    cut = 0
    for text in texts:
        sentences = split_sentences(text)
        assert lower_sentences(text, sentences) == [lower(sentence.text) for sentence in sentences], text
        cut += text.isascii() and len(sentences) > 1
    assert cut > 1000
