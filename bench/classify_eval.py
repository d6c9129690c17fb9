"""Score the event classifier on the labelled dev set (`dev/events.jsonl`), with floors for CI.

Per passage the predicted and gold *type sets* are compared (per-type precision, recall, F1, macro-F1 over the twelve
types of the taxonomy). A trap passage (negation, speculation, explainer, ...) fails when it gets any event type its
gold labels do not have. Relevance is scored as accuracy of the gate; dates on the gold events that carry one. Speed is
measured on a ~1,500-word article stitched from the passages. `--composed` also scores the composed classifier's
(type, state, district) triples through `extractors.classify`.

    python bench/classify_eval.py --min-macro-f1 0.85 --min-f1 federal_charge=0.9 --max-trap-rate 0.05
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.events import RELEVANCE_THRESHOLD, detect_events, relevance  # noqa: E402
from extractors.sentences import split_sentences  # noqa: E402

TYPES = (
    "federal_charge",
    "federal_declination",
    "case_resolution",
    "state_action_against_agents",
    "court_ruling",
    "legislation_policy",
    "use_of_force",
    "enforcement_operation",
    "protest",
    "threat_of_prosecution",
    "resignation",
    "civil_lawsuit",
)
ARTICLE_WORDS = 1500


@dataclass
class Prediction:
    """What the classifier said about one passage."""

    relevant: bool
    types: set[str]
    dates: dict[str, set[date | None]] = field(default_factory=dict)
    triples: set[tuple[str, str | None, str | None]] = field(default_factory=set)


@dataclass
class Report:
    """All figures of one run over one split."""

    split: str
    passages: int
    per_type: dict[str, dict[str, float]]
    macro_f1: float
    trap_rate: float
    traps: int
    relevance_accuracy: float
    date_accuracy: float | None
    triple_f1: float | None = None
    errors: list[str] = field(default_factory=list)


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def predict_events(passage: dict) -> Prediction:
    """The event detector alone, gated by relevance as the composed classifier gates it."""
    text, title = passage["text"], passage.get("title")
    published = date.fromisoformat(passage["published"])
    if relevance(text, title) < RELEVANCE_THRESHOLD:
        return Prediction(relevant=False, types=set())
    hits = detect_events(split_sentences(text), title=title, published=published)
    dates: dict[str, set[date | None]] = {}
    for hit in hits:
        dates.setdefault(hit.type, set()).add(hit.event_date)
    return Prediction(relevant=True, types={hit.type for hit in hits}, dates=dates)


def predict_composed(passage: dict) -> Prediction:
    """The lead's composed classifier: events placed in jurisdictions."""
    from extractors.classify import classify

    result = classify(
        passage["text"], title=passage.get("title"), published=date.fromisoformat(passage["published"])
    )
    dates: dict[str, set[date | None]] = {}
    for event in result.events:
        dates.setdefault(event.type, set()).add(event.event_date)
    return Prediction(
        relevant=result.relevant,
        types={event.type for event in result.events},
        dates=dates,
        triples={(event.type, event.state, event.district) for event in result.events},
    )


def score(split: str, passages: list[dict], predict: Callable[[dict], Prediction], composed: bool) -> Report:
    counts = {kind: Counter() for kind in ("tp", "fp", "fn")}
    triple_counts = Counter()
    trap_failures = traps = relevance_right = dates_right = dates_total = 0
    errors: list[str] = []
    for passage in passages:
        prediction = predict(passage)
        gold = {event["type"] for event in passage["events"]}
        relevance_right += prediction.relevant == passage["relevant"]
        for event_type in TYPES:
            hit, want = event_type in prediction.types, event_type in gold
            if hit and want:
                counts["tp"][event_type] += 1
            elif hit:
                counts["fp"][event_type] += 1
            elif want:
                counts["fn"][event_type] += 1
        wrong = prediction.types - gold
        if passage["trap"]:
            traps += 1
            trap_failures += bool(wrong)
        for event in passage["events"]:
            if "date" in event:
                dates_total += 1
                dates_right += date.fromisoformat(event["date"]) in prediction.dates.get(event["type"], set())
        if composed:
            gold_triples = {(e["type"], e["state"], e["district"]) for e in passage["events"]}
            triple_counts["tp"] += len(prediction.triples & gold_triples)
            triple_counts["fp"] += len(prediction.triples - gold_triples)
            triple_counts["fn"] += len(gold_triples - prediction.triples)
        if wrong or gold - prediction.types or prediction.relevant != passage["relevant"]:
            errors.append(
                f"{passage['id']} +{sorted(wrong)} -{sorted(gold - prediction.types)}"
                f" relevant={prediction.relevant}: {passage['text'][:160]}"
            )
    per_type = {
        event_type: _prf(counts["tp"][event_type], counts["fp"][event_type], counts["fn"][event_type])
        for event_type in TYPES
    }
    return Report(
        split=split,
        passages=len(passages),
        per_type=per_type,
        macro_f1=sum(row["f1"] for row in per_type.values()) / len(TYPES),
        trap_rate=trap_failures / traps if traps else 0.0,
        traps=traps,
        relevance_accuracy=relevance_right / len(passages) if passages else 0.0,
        date_accuracy=dates_right / dates_total if dates_total else None,
        triple_f1=_prf(triple_counts["tp"], triple_counts["fp"], triple_counts["fn"])["f1"] if composed else None,
        errors=errors,
    )


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}


def stitched_article(passages: list[dict]) -> str:
    """A ~1,500-word article of relevant passages: a worst case, since nearly every sentence states an event."""
    paragraphs: list[str] = []
    words = 0
    while words < ARTICLE_WORDS:
        for passage in passages:
            if passage["relevant"] and words < ARTICLE_WORDS:
                paragraphs.append(passage["text"])
                words += len(passage["text"].split())
    return "\n\n".join(paragraphs)


def ms_per_article(text: str, composed: bool) -> float:
    """CPU milliseconds to classify `text` (best of 7 runs; CPU time, so other jobs on the machine do not count)."""
    published = date(2026, 1, 15)
    if composed:
        from extractors.classify import classify

        def run() -> object:
            return classify(text, published=published)
    else:

        def run() -> object:
            relevance(text)
            return detect_events(split_sentences(text), published=published)

    best = float("inf")
    for _ in range(7):
        start = time.process_time()
        for _ in range(10):
            run()
        best = min(best, (time.process_time() - start) / 10)
    return best * 1000


def print_report(report: Report) -> None:
    print(f"\n== {report.split}: {report.passages} passages, {report.traps} traps")
    print(f"{'type':30} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
    for event_type, row in report.per_type.items():
        print(f"{event_type:30} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} {row['support']:4d}")
    print(f"{'macro-F1':30} {report.macro_f1:20.3f}")
    print(f"trap rate (traps with a wrong event): {report.trap_rate:.3f}")
    print(f"relevance accuracy: {report.relevance_accuracy:.3f}")
    if report.date_accuracy is not None:
        print(f"date accuracy (gold events with a date): {report.date_accuracy:.3f}")
    if report.triple_f1 is not None:
        print(f"composed (type, state, district) F1: {report.triple_f1:.3f}")


def floors_missed(report: Report, args: argparse.Namespace, ms: float) -> list[str]:
    missed = []
    if args.min_macro_f1 is not None and report.macro_f1 < args.min_macro_f1:
        missed.append(f"macro-F1 {report.macro_f1:.3f} < {args.min_macro_f1}")
    for floor in args.min_f1:
        event_type, _, value = floor.partition("=")
        if event_type not in TYPES:
            raise SystemExit(f"unknown event type in --min-f1: {event_type}")
        if report.per_type[event_type]["f1"] < float(value):
            missed.append(f"{event_type} F1 {report.per_type[event_type]['f1']:.3f} < {value}")
    if args.max_trap_rate is not None and report.trap_rate > args.max_trap_rate:
        missed.append(f"trap rate {report.trap_rate:.3f} > {args.max_trap_rate}")
    if args.min_relevance_accuracy is not None and report.relevance_accuracy < args.min_relevance_accuracy:
        missed.append(f"relevance accuracy {report.relevance_accuracy:.3f} < {args.min_relevance_accuracy}")
    if args.max_ms is not None and ms > args.max_ms:
        missed.append(f"{ms:.2f} ms per article > {args.max_ms}")
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "dev" / "events.jsonl")
    parser.add_argument("--split", choices=("all", "dev", "heldout"), default="all", help="split the floors apply to")
    parser.add_argument("--composed", action="store_true", help="score extractors.classify (places included)")
    parser.add_argument("--min-macro-f1", type=float)
    parser.add_argument("--min-f1", action="append", default=[], metavar="TYPE=F1")
    parser.add_argument("--max-trap-rate", type=float)
    parser.add_argument("--min-relevance-accuracy", type=float)
    parser.add_argument("--max-ms", type=float, help="ceiling on ms per 1,500-word article")
    parser.add_argument("--speed-text", type=Path, help="time this article instead of the stitched dev passages")
    parser.add_argument("--errors", action="store_true", help="list the passages scored wrong")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    passages = load(args.data)
    predict = predict_composed if args.composed else predict_events
    reports = {
        name: score(name, [p for p in passages if name == "all" or p.get("split", "dev") == name], predict, args.composed)
        for name in ("dev", "heldout", "all")
    }
    text = args.speed_text.read_text(encoding="utf-8") if args.speed_text else stitched_article(passages)
    words = len(text.split())
    ms = ms_per_article(text, args.composed)
    chosen = reports[args.split]
    if args.json:
        print(json.dumps({name: {k: v for k, v in vars(r).items() if k != "errors"} for name, r in reports.items()}
                         | {"ms_per_article": ms, "article_words": words}, indent=2))
    else:
        for report in reports.values():
            if report.passages:
                print_report(report)
        what = "classify" if args.composed else "relevance + split_sentences + detect_events"
        source = args.speed_text or "stitched dev passages, an event in nearly every sentence"
        print(f"\n{ms:.2f} ms CPU per {words}-word article ({what}; {source})")
    if args.errors:
        print("\n".join(["", "errors:", *chosen.errors]))
    missed = floors_missed(chosen, args, ms)
    for line in missed:
        print(f"FLOOR MISSED ({args.split}): {line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
