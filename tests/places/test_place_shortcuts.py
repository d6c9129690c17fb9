"""Shortcuts of the place resolver must build what the long way builds."""

from __future__ import annotations

import json
from pathlib import Path

from extractors import places
from extractors.sentences import split_sentences

DEV = Path(__file__).resolve().parents[2] / "dev" / "jurisdictions.jsonl"


def test_resolved_mentions_are_mentions_read_by_field_and_by_position() -> None:
    """`_resolve` builds its tuples without the NamedTuple constructor: they must still be Mentions, equal to one built
    field by field, with the words before the name read as `_preceding` reads them."""
    count = 0
    for line in DEV.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        context = places.build_context(split_sentences(row["text"]), title=row.get("title"))
        for mention in [m for ms in context.mentions for m in ms] + context.title_mentions:
            assert type(mention) is places.Mention
            assert mention == places.Mention(*mention)
            assert mention.jurisdiction() == places.Mention(*mention).jurisdiction()
            count += 1
    assert count > 50

