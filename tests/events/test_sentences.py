"""Sentence offsets: each sentence is its span of the text, already stripped (the splitter relies on it, not strip())."""

from __future__ import annotations

import json
import random
from pathlib import Path

from extractors.sentences import Sentence, split_sentences

DEV = Path(__file__).resolve().parents[2] / "dev" / "events.jsonl"
SPACED = (
    "  PORTLAND, Ore. (AP) —  Agents detained two men on Monday.\t\u00a0\"We saw it,\" a neighbor said.   \n\n"
    "\u2028 Mr. Ruiz was released.\u3000(He was not charged.)\r\n \x1c\x85\f \v\n'It was over,' she said! Then what?  'Nothing.'  \n"
)


def test_every_sentence_is_its_stripped_span_of_the_text() -> None:
    texts = [SPACED, *(json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines())]
    count = 0
    for text in texts:
        for sentence in split_sentences(text):
            assert sentence.text == text[sentence.start : sentence.end] == sentence.text.strip()
            assert sentence.text
            count += 1
    assert count > 300


def test_odd_whitespace_splits_where_the_punctuation_is() -> None:
    found = [(sentence.text, sentence.paragraph) for sentence in split_sentences(SPACED)]
    assert found == [
        ("PORTLAND, Ore. (AP) —  Agents detained two men on Monday.", 0),
        ('"We saw it," a neighbor said.', 0),
        ("Mr. Ruiz was released.", 1),
        ("(He was not charged.)", 1),
        ("'It was over,' she said!", 2),
        ("Then what?", 2),
        ("'Nothing.'", 2),
    ]


def test_random_texts_of_odd_whitespace_and_punctuation_keep_exact_offsets() -> None:
    """Whatever the whitespace around paragraphs and sentences, offsets point at the sentence (seeded, repeatable)."""
    rng = random.Random(12)
    pieces = ["Agents", "left", "U.S.", "Mr.", "J.", "3", "a", ".", "!", "?", '"', "”", ")", "(", "—", " ", "  ", "\t",
              "\n", "\r\n", "\n\n", "\u00a0", "\u2028", "\x1c", "\x85", "\f", "\v", "\u3000"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        for sentence in split_sentences(text):
            assert sentence.text == text[sentence.start : sentence.end] == sentence.text.strip() != ""


def test_sentences_are_sentence_tuples_read_by_field_and_by_position() -> None:
    """The splitter builds its tuples without the NamedTuple constructor: they must still be Sentences."""
    for sentence in split_sentences(SPACED):
        assert type(sentence) is Sentence
        assert (sentence.text, sentence.start, sentence.end, sentence.paragraph) == tuple(sentence)
        assert sentence == Sentence(*sentence)
