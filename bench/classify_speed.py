"""Time `extractors.classify` on realistic ~1,500-word news articles, on one core, in CPU time.

The corpus is built, deterministically, from our own labelled passages: event sentences of `dev/events.jsonl` and
`dev/jurisdictions.jsonl` (as labelled) mixed with their non-event sentences, trap passages and a few neutral
background sentences below, in paragraphs of two to four sentences, 60-80 sentences per article, about a quarter of
them stating an event (news articles restate one story and pad it with quotes and background; the worst case, an
event in every sentence, is what `bench/classify_eval.py` times). The demo site's article bodies
(`demo/articles/*.md`), when present, are padded to length with the same background pool.

    python bench/classify_speed.py [--articles 200] [--min-rate 200] [--profile]

Prints articles/s and ms/article (mean, p95) for the whole of `classify()` and for its stages (split_sentences; scan,
the one vocabulary pass that also scores relevance; build_context, detect_events, attach); `--min-rate` exits 1 when
articles/s is below it.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import json
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors import events, places, vocabulary  # noqa: E402
from extractors.classify import classify  # noqa: E402
from extractors.sentences import split_sentences  # noqa: E402

classify_module = importlib.import_module("extractors.classify")  # the package re-exports its function as `classify`

PUBLISHED = date(2026, 1, 15)
# Original neutral sentences of the kind that fill real coverage between the events: quotes, scene, background.
BACKGROUND = """
Neighbors said the block had been quiet for most of the morning before the unmarked vans pulled up outside the laundromat, and that children were still walking to the bus stop.
"We have lived here for eleven years and nobody has ever asked us for papers, not once, not even when we bought the house," one resident said, standing on her porch.
The restaurant on the corner reopened by the afternoon, its owner said, though fewer customers came in and two of his cooks did not show up for their shifts.
A spokesperson for the agency did not respond to several requests for comment on Friday, and a message left at the regional office was not returned by evening.
The county has about 1.2 million residents, roughly a fifth of them born outside the United States, according to the most recent estimates from the Census Bureau.
School officials in the district said attendance dipped by about 8 percent during the week, with the sharpest drops at two elementary schools near the industrial park.
Community groups in the area have organised rides to work and to medical appointments for people who say they are now afraid to take the bus or walk downtown.
Lawyers for the families said they were still trying to learn where the men had been taken, and that the online locator had not been updated since Tuesday night.
The city council is scheduled to meet again in two weeks to discuss the budget, which includes a proposal to expand funding for legal aid and translation services.
"I just want to know that my kids are safe when they walk to school in the morning, that is all I am asking for," said a mother of three who works at a bakery.
Volunteers handed out flyers in English and Spanish describing what residents can ask to see at the door, and a hotline number staffed around the clock by law students.
The hearing lasted a little over an hour and was attended by about 40 people, many of whom waited outside in the hallway because the small courtroom was full.
The agency has long said it focuses on people with criminal records, but its own published figures show that a growing share of those it holds have none at all.
A local pastor said his congregation had shrunk by nearly half since the summer, and that the food pantry in the church basement now serves more families than ever.
Several business owners along the commercial strip declined to be named, saying they feared losing customers or drawing attention to their employees and their families.
The office said it would publish more information on its website in the coming days, including a timeline of the morning and the names of the officers involved.
Traffic on the avenue was backed up for several blocks while the scene was cleared, and buses were rerouted around the intersection for most of the afternoon rush hour.
Reporters were kept behind a line of orange barricades about a block from the entrance, where a small group of relatives waited for news late into the night.
The union representing the warehouse workers said it was reviewing the company's statement and would meet with members at its hall on Sunday afternoon.
A review of public records shows the property changed hands twice in the past decade and was most recently sold to a holding company registered out of state.
The weather turned cold by evening, and most of the crowd had gone home before dark, leaving candles and hand-lettered signs along the fence by the parking lot.
The governor's office referred questions to the state's emergency management agency, which said it had not been asked to provide any assistance so far this month.
Court records list no attorney for the man, and a phone number listed for his family in public records was disconnected when a reporter called on Thursday.
The shop has been on the same corner since 1987, when the owner's parents opened it after moving from Guadalajara, and it still sells tamales every weekend.
Local television stations carried the news conference live, and clips of the exchange between reporters and the spokesperson were shared widely online that evening.
The mayor is expected to present a revised plan to the council later this month, after a series of listening sessions in neighborhoods on the east and south sides.
Staff at the clinic said they had extended their hours to meet demand, adding an evening shift twice a week and hiring two interpreters with a foundation grant.
The group said it had trained more than 300 volunteers since the spring, most of them retirees and college students who take shifts near schools and churches.
A statement posted on the department's website on Monday did not mention the incident and instead described a new program for recruiting bilingual officers.
Some residents said they had started carrying copies of their documents everywhere they went, including to the grocery store and to their children's soccer games.
The library branch nearby hosted an information session that drew a standing-room crowd, with questions about leases, bank accounts and custody of children.
An aide to the senator said the office had received dozens of calls from constituents over the weekend and had asked the agency for a briefing on the arrests.
The report, released on Monday by a university research center, runs to 48 pages and includes data through September from several public records requests.
The company said in a statement that it complies with all federal and state laws, verifies the eligibility of every worker it hires and cooperates with inspections.
Organisers said they planned to keep meeting every week in the church hall for as long as it takes, and that attendance had grown at each of the last four meetings.
"Nobody tells us anything, so we find out from each other, from the group chats and from the radio," said a man who has worked at the market for six years.
The neighbourhood association posted a list of legal aid numbers on its front door and on its social media pages, along with the hours of the nearest consulate.
The building's management company did not answer written questions about its security cameras or about whether it had shared footage with anyone outside the firm.
Attendance at Sunday services has not recovered, the church's administrator said, and the choir has lost about a third of its members since the start of the year.
The street reopened to traffic shortly after noon, and by the evening rush hour the only sign of the morning's events was a torn strip of tape on a lamppost.
""".strip().splitlines()


DATELINES = ("CHICAGO —", "MINNEAPOLIS (AP) —", "PORTLAND, Ore. —", "LOS ANGELES —", "CHARLOTTE, N.C. —",
             "NEW YORK —", "HOUSTON (Reuters) —", "NEWARK, N.J. —")
ARTICLE_WORDS = 1500
STAGES = ("split_sentences", "scan", "build_context", "detect_events", "attach")


class Pools:
    """Sentences of our dev sets, split into those labelled with an event and the rest (plus the background)."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.other: list[str] = list(BACKGROUND)
        for name in ("events.jsonl", "jurisdictions.jsonl"):
            with (ROOT / "dev" / name).open(encoding="utf-8") as handle:
                for line in handle:
                    passage = json.loads(line)
                    if passage.get("relevant") is False:
                        continue
                    labelled = {event["sentence"] for event in passage["events"]}
                    for index, sentence in enumerate(split_sentences(passage["text"])):
                        (self.events if index in labelled else self.other).append(sentence.text)


def _paragraphs(sentences: list[str], rng: random.Random) -> str:
    paragraphs: list[str] = []
    while sentences:
        size = rng.randint(2, 4)
        paragraphs.append(" ".join(sentences[:size]))
        sentences = sentences[size:]
    return "\n\n".join(paragraphs)


def _draw(pools: Pools, rng: random.Random, words: int, event_share: float) -> list[str]:
    """Sentences until `words` words, each an event sentence with probability `event_share`."""
    out: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(pools.events if rng.random() < event_share else pools.other)
        out.append(sentence)
        count += len(sentence.split())
    return out


def stitched(pools: Pools, rng: random.Random, event_share: float, dateline: str | None) -> tuple[str, str]:
    """(title, text): a lede that states an event, then a mix of event and background sentences."""
    lede = rng.choice(pools.events)
    body = [lede, *_draw(pools, rng, ARTICLE_WORDS - len(lede.split()), event_share)]
    if dateline:
        body[0] = f"{dateline} {body[0]}"
    return " ".join(lede.split()[:12]), _paragraphs(body, rng)


def demo_article(path: Path, pools: Pools, rng: random.Random) -> tuple[str, str, date]:
    """(title, text, published) of a demo-site article, its body padded with background to ~1,500 words."""
    _, front, body = path.read_text(encoding="utf-8").split("+++", 2)
    meta = {key.strip(): value.strip().strip('"') for key, _, value in (line.partition("=") for line in front.splitlines())}
    padding = _draw(pools, rng, ARTICLE_WORDS - len(body.split()), event_share=0.0)
    published = date.fromisoformat(meta.get("published", PUBLISHED.isoformat())[:10])
    return meta.get("title", ""), body.strip() + "\n\n" + _paragraphs(padding, rng), published


def corpus(count: int, event_share: float, seed: int) -> list[tuple[str, str, date]]:
    """`count` articles: two stitched for every padded demo article (all stitched when the demo site is absent)."""
    rng = random.Random(seed)
    pools = Pools()
    demos = sorted((ROOT / "demo" / "articles").glob("*.md"))
    articles: list[tuple[str, str, date]] = []
    for index in range(count):
        if demos and index % 3 == 2:
            articles.append(demo_article(demos[(index // 3) % len(demos)], pools, rng))
        else:
            dateline = DATELINES[index % len(DATELINES)] if index % 2 == 0 else None
            title, text = stitched(pools, rng, event_share, dateline)
            articles.append((title, text, PUBLISHED))
    return articles


def time_total(articles: list[tuple[str, str, date]], rounds: int) -> list[float]:
    """CPU ms of `classify()` per article, the best of `rounds` runs (CPU time: other jobs on the machine do not count)."""
    best = [float("inf")] * len(articles)
    for _ in range(rounds):
        for index, (title, text, published) in enumerate(articles):
            start = time.process_time()
            classify(text, title=title, published=published)
            best[index] = min(best[index], (time.process_time() - start) * 1000)
    return best


@contextmanager
def _timed_stages(spent: dict[str, float]) -> Iterator[None]:
    """Wrap the functions `classify()` composes so the CPU time of each stage adds up in `spent`."""
    targets = {
        "split_sentences": (classify_module, "split_sentences"),
        "scan": (vocabulary, "scan"),
        "build_context": (places, "build_context"),
        "detect_events": (events, "detect_events"),
        "attach": (places, "attach_all"),
    }
    originals = {stage: getattr(module, name) for stage, (module, name) in targets.items()}

    def wrap(stage: str, function: Callable[..., object]) -> Callable[..., object]:
        def timed(*args: object, **kwargs: object) -> object:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[stage] += (time.process_time() - start) * 1000

        return timed

    for stage, (module, name) in targets.items():
        setattr(module, name, wrap(stage, originals[stage]))
    try:
        yield
    finally:
        for stage, (module, name) in targets.items():
            setattr(module, name, originals[stage])


def time_stages(articles: list[tuple[str, str, date]]) -> dict[str, list[float]]:
    """CPU ms per article of each stage, one run with the stages wrapped."""
    per_stage: dict[str, list[float]] = {stage: [] for stage in STAGES}
    for title, text, published in articles:
        spent = dict.fromkeys(STAGES, 0.0)
        with _timed_stages(spent):
            classify(text, title=title, published=published)
        for stage in STAGES:
            per_stage[stage].append(spent[stage])
    return per_stage


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def profile(articles: list[tuple[str, str, date]], lines: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for title, text, published in articles:
        classify(text, title=title, published=published)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=150, help="how many articles in the corpus")
    parser.add_argument("--event-share", type=float, default=0.25, help="share of event sentences in stitched articles")
    parser.add_argument("--rounds", type=int, default=3, help="runs per article; the fastest counts")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--min-rate", type=float, help="exit 1 when articles/s on one core is below this")
    parser.add_argument("--profile", type=int, nargs="?", const=30, metavar="LINES", help="print a cProfile table")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    articles = corpus(args.articles, args.event_share, args.seed)
    found = [classify(text, title=title, published=published) for title, text, published in articles]  # warm-up
    if args.profile:
        profile(articles, args.profile)
        return 0
    total = time_total(articles, args.rounds)
    stages = time_stages(articles)
    mean = statistics.fmean(total)
    rate = 1000 / mean
    words = statistics.fmean(len(text.split()) for _, text, _ in articles)
    sentences = statistics.fmean(len(split_sentences(text)) for _, text, _ in articles)
    figures = {
        "articles": len(articles),
        "words_mean": round(words),
        "sentences_mean": round(sentences, 1),
        "events_found_mean": round(statistics.fmean(len(c.events) for c in found), 1),
        "articles_per_s": round(rate, 1),
        "total_ms": {"mean": round(mean, 3), "p95": round(p95(total), 3)},
    } | {stage: {"mean": round(statistics.fmean(v), 3), "p95": round(p95(v), 3)} for stage, v in stages.items()}
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{figures['articles']} articles, {figures['words_mean']} words and {figures['sentences_mean']} sentences "
              f"on average, {figures['events_found_mean']} events found per article")
        print(f"{'stage':<16}{'mean ms':>9}{'p95 ms':>9}")
        for stage in (*STAGES, "total_ms"):
            print(f"{stage.removesuffix('_ms'):<16}{figures[stage]['mean']:>9.3f}{figures[stage]['p95']:>9.3f}")
        print(f"{rate:.1f} articles/s on one core (CPU time of classify(), best of {args.rounds} runs per article)")
    if args.min_rate is not None and rate < args.min_rate:
        print(f"RATE BELOW FLOOR: {rate:.1f} < {args.min_rate} articles/s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
