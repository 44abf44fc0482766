"""Time the Anki export of 10,000 synthetic items against a raw genanki write of the same notes.

    .venv/bin/python bench/export.py [--items 10000] [--runs 5]

"quizapp" is quizapp.export.write_apkg: escaping, HTML lists, item mod times, an in-memory
collection and its zip. "raw genanki" builds notes of the same note types from the same
items with plain unescaped fields and calls genanki's Package.write_to_file (stored zip, temp
collection file). Both run in the same process, alternating, each from a collected heap (see
timed); the medians are compared.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import genanki  # noqa: E402

from questions import Item  # noqa: E402
from quizapp.export import ExportArticle, ExportItem, write_apkg  # noqa: E402
from quizapp.export.anki import PARENT_DECK_ID, deck_id, deck_name  # noqa: E402
from quizapp.kinds import KINDS  # noqa: E402

WORDS = tuple(
    [
        "the",
        "moon",
        "rocket",
        "orbit",
        "launch",
        "crew",
        "lander",
        "surface",
        "mission",
        "engine",
        "astronaut",
        "capsule",
        "module",
        "fuel",
        "stage",
        "program",
        "flight",
        "space",
        "station",
        "signal",
        "probe",
        "mars",
        "crater",
        "dust",
    ]
)
ARTICLES = 20


def sentence(rng: random.Random, words: int = 22) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def synthetic_item(rng: random.Random, n: int) -> dict:
    """One item of a kind chosen in turn, with sentence-length texts."""
    kind = ("cloze", "mcq", "short_answer", "true_false", "timeline", "matching")[n % 6]
    source = sentence(rng)
    words = source.rstrip(".").split()
    answer = words[5]
    data = {
        "id": f"{n:016x}",
        "kind": kind,
        "prompt": source,
        "answer": answer,
        "accepted": [answer],
        "choices": [],
        "source_sentence": source,
        "sentence_index": n % 40,
        # The generator's explanation is the source sentence; a teacher rewrites some (1 in 10).
        "explanation": sentence(rng, 12) if n % 10 == 0 else source,
        "tags": [rng.choice(["date", "person", "org", "place", "number"])],
        "difficulty": 0.5,
        "score": 1.0,
        "updated": (datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=n)).isoformat(),
    }
    if kind == "cloze":
        data["prompt"] = source.replace(answer, "_____", 1)
    elif kind == "mcq":
        data["choices"] = [answer, *rng.sample(WORDS, 3)]
    elif kind == "true_false":
        data.update(answer="True", choices=["True", "False"])
    elif kind == "timeline":
        events = [sentence(rng, 5) for _ in range(4)]
        data.update(answer=events, choices=rng.sample(events, 4))
    elif kind == "matching":
        pairs = [[rng.choice(WORDS), sentence(rng, 3)] for _ in range(4)]
        data.update(answer=pairs, choices=rng.sample([p[1] for p in pairs], 4))
    return data


def synthetic_articles(count: int) -> list[ExportArticle]:
    rng = random.Random(5)
    items = [ExportItem.from_dict(synthetic_item(rng, n)) for n in range(count)]
    per = -(-count // ARTICLES)
    return [
        ExportArticle(f"Article {a}", f"article-{a}", tuple(items[a * per : (a + 1) * per]))
        for a in range(ARTICLES)
    ]


def raw_fields(item: Item, title: str) -> list[str]:
    """The same notes' fields, plain: no escaping, no HTML lists."""
    tail = [item.source_sentence, item.explanation, title]
    if item.kind == "cloze":
        text = item.prompt.replace("_____", "{{c1::" + str(item.answer) + "}}", 1)
        return [text, f"{item.source_sentence} {item.explanation}", title]
    if item.kind == "mcq":
        choices = "<br>".join(item.choices)
        return [item.prompt, choices, str(item.answer), choices, *tail]
    if item.kind == "short_answer":
        return [item.prompt, str(item.answer), ", ".join(item.accepted), *tail]
    if item.kind == "matching":
        return [item.prompt, "<br>".join(" - ".join(p) for p in item.answer), *tail]
    answer = item.answer if isinstance(item.answer, str) else "<br>".join(item.answer)
    return [item.prompt, answer, *tail]


def raw_write(articles: list[ExportArticle], path: str) -> None:
    """What a plain genanki script does."""
    decks = [genanki.Deck(PARENT_DECK_ID, "quizapp")]
    for article in articles:
        deck = genanki.Deck(deck_id(article.slug), deck_name(article.title))
        for export_item in article.items:
            item = export_item.item
            deck.add_note(
                genanki.Note(
                    model=KINDS[item.kind].anki_model,
                    fields=raw_fields(item, article.title),
                    tags=[article.slug, item.kind, export_item.entity],
                    guid=genanki.guid_for(item.id),
                )
            )
        decks.append(deck)
    genanki.Package(decks).write_to_file(path)


def timed(function, *args) -> tuple[float, float]:
    """Wall and CPU time of one call, started from a collected heap.

    Without the collect, the full collections that the two writers' garbage triggers together
    (about one per pair of runs, 60-90 ms each: the 10,000 synthetic items stay alive) lock onto
    whichever writer runs at that point of the cycle and are billed to it alone. Each call
    still pays every collection its own allocations trigger.
    """
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    function(*args)
    return time.perf_counter() - start, time.process_time() - cpu


def medians(times: list[tuple[float, float]]) -> tuple[float, float]:
    """The median wall time and the median CPU time."""
    walls, cpus = zip(*times, strict=True)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    articles = synthetic_articles(options.items)
    with tempfile.TemporaryDirectory() as work:
        # genanki leaves a collection file in the temp folder on every write: keep it in work.
        tempfile.tempdir = work
        ours, raw = os.path.join(work, "quizapp.apkg"), os.path.join(work, "raw.apkg")
        timed(write_apkg, articles, ours)  # warm-up (imports, caches)
        timed(raw_write, articles, raw)
        quizapp_times, raw_times = [], []
        for _ in range(options.runs):
            quizapp_times.append(timed(write_apkg, articles, ours))
            raw_times.append(timed(raw_write, articles, raw))
        ours_size, raw_size = os.path.getsize(ours), os.path.getsize(raw)
        tempfile.tempdir = None
    (q, q_cpu), (r, r_cpu) = medians(quizapp_times), medians(raw_times)
    print(f"items: {options.items} in {ARTICLES} decks; median of {options.runs} runs")
    print(f"quizapp write_apkg: {q:.3f} s (CPU {q_cpu:.3f} s)")
    print(f"raw genanki write:  {r:.3f} s (CPU {r_cpu:.3f} s)")
    print(f"ratio: {q / r:.2f}x (aim <= 1.2x); CPU time {q_cpu / r_cpu:.2f}x")
    print(f"deck size: quizapp {ours_size / 1e6:.2f} MB, raw genanki {raw_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
