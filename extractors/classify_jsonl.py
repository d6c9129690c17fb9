"""The JSONL face of `classify` (used by `hotspots classify`): one verdict line per input line, errors included."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date

from extractors.classify import classify


def _verdict(payload: dict[str, object]) -> dict[str, object]:
    text = payload.get("text")
    if not isinstance(text, str):
        raise ValueError("field 'text' must be a string")
    published = payload.get("published")
    day = date.fromisoformat(str(published)[:10]) if published else None
    title, url = payload.get("title"), payload.get("url")
    result = classify(text, title=str(title) if title else None, url=str(url) if url else None, published=day)
    return {
        "id": payload.get("id"),
        "relevant": result.relevant,
        "states": list(result.states),
        "districts": list(result.districts),
        "events": [
            {"type": e.type, "state": e.state, "district": e.district, "confidence": e.confidence,
             "evidence": e.evidence, "date": e.event_date.isoformat() if e.event_date else None}
            for e in result.events
        ],
    }


def classify_lines(lines: Iterable[str]) -> Iterator[str]:
    """Classify each JSON line; a malformed line yields `{"id", "error"}` and the rest go on."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        identifier: object = None
        try:
            payload = json.loads(line)
            if not isinstance(payload, dict):
                raise ValueError("each line must be a JSON object")
            identifier = payload.get("id", f"line-{number}")
            yield json.dumps(_verdict(payload), ensure_ascii=False)
        except (ValueError, TypeError) as error:
            yield json.dumps({"id": identifier if identifier is not None else f"line-{number}",
                              "error": f"line {number}: {error}"})
