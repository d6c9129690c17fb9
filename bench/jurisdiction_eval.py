"""Score the place resolver on the labelled passages of dev/jurisdictions.jsonl, and time it.

For each passage: attach() for every labelled event (given its evidence sentence and type), then
article_jurisdictions(). Prints micro precision/recall/F1 for states and districts over the passages' sets and over
per-event attachment, separately for the dev and held-out splits, and ms per ~1,500-word article.

Usage: python bench/jurisdiction_eval.py [--min-district-f1 0.92] [--min-state-f1 0.96] [--show-errors]
Exit 1 when a floor is missed (floors apply to all passages together).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors import places  # noqa: E402
from extractors.sentences import split_sentences  # noqa: E402

DEV = Path(__file__).resolve().parents[1] / "dev" / "jurisdictions.jsonl"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set, expected: set) -> None:
        self.tp += len(predicted & expected)
        self.fp += len(predicted - expected)
        self.fn += len(expected - predicted)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(passages: list[dict], show_errors: bool) -> dict[str, Score]:
    scores = {k: Score() for k in ("article_states", "article_districts", "event_states", "event_districts")}
    for passage in passages:
        sentences = split_sentences(passage["text"])
        ctx = places.build_context(sentences, title=passage.get("title"))
        for i, event in enumerate(passage["events"]):
            got = places.attach(ctx, event["sentence"], event["type"])
            key = (i, event["type"])
            scores["event_states"].add({(key, got.state)} - {(key, None)}, {(key, event["state"])} - {(key, None)})
            scores["event_districts"].add(
                {(key, got.district)} - {(key, None)}, {(key, event["district"])} - {(key, None)}
            )
            if show_errors and (got.state, got.district) != (event["state"], event["district"]):
                print(f"  {passage['id']} {event['type']}: got {got.state}/{got.district} ({got.evidence!r}), "
                      f"want {event['state']}/{event['district']}")
        states, districts = places.article_jurisdictions(ctx)
        scores["article_states"].add(set(states), set(passage["states"]))
        scores["article_districts"].add(set(districts), set(passage["districts"]))
    return scores


def ms_per_long_article(passages: list[dict], words: int = 1500, rounds: int = 50) -> float:
    """Time build_context + one attach per labelled event on synthetic ~1,500-word articles."""
    articles: list[tuple[list, list[tuple[int, str]]]] = []
    chunk: list[str] = []
    count = 0
    for passage in passages * 3:
        chunk.append(passage["text"])
        count += len(passage["text"].split())
        if count >= words:
            sentences = split_sentences("\n\n".join(chunk))
            events = [(i, "enforcement_operation") for i in range(0, len(sentences), 3)]
            articles.append((sentences, events))
            chunk, count = [], 0
    start = time.perf_counter()
    for _ in range(rounds):
        for sentences, events in articles:
            ctx = places.build_context(sentences)
            for index, kind in events:
                places.attach(ctx, index, kind)
            places.article_jurisdictions(ctx)
    return (time.perf_counter() - start) * 1000 / (rounds * len(articles))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-district-f1", type=float, default=0.0)
    parser.add_argument("--min-state-f1", type=float, default=0.0)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    passages = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    places.build_context(split_sentences("Warm-up in Chicago."))  # build the automaton outside the timing
    overall: dict[str, Score] = {}
    for split in ("dev", "heldout", "all"):
        subset = [p for p in passages if split == "all" or p.get("split", "dev") == split]
        scores = evaluate(subset, args.show_errors and split != "all")
        print(f"{split}: {len(subset)} passages, {sum(len(p['events']) for p in subset)} events")
        for name, score in scores.items():
            p, r, f = score.prf()
            print(f"  {name:18s} P={p:.3f} R={r:.3f} F1={f:.3f}")
        overall = scores
    print(f"speed: {ms_per_long_article(passages):.2f} ms per ~1,500-word article (build_context + attach)")
    state_f1 = min(overall["article_states"].prf()[2], overall["event_states"].prf()[2])
    district_f1 = min(overall["article_districts"].prf()[2], overall["event_districts"].prf()[2])
    failed = state_f1 < args.min_state_f1 or district_f1 < args.min_district_f1
    if failed:
        print(f"FAIL: state F1 {state_f1:.3f} (floor {args.min_state_f1}), district F1 {district_f1:.3f} "
              f"(floor {args.min_district_f1})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
