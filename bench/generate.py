"""Words per second of question generation, against spaCy's own parse of the same text.

Run: .venv/bin/python bench/generate.py  (about two minutes on two cores)
For each text: the median of several runs of questions.generate (clean, split, parse, facts,
items, ranking) and of nlp.pipe over the same paragraphs with the plain model, in this run.
"""

from __future__ import annotations

import importlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import questions  # noqa: E402
from questions.clean import clean_article  # noqa: E402
from questions.nlp import DEFAULT_MODELS, get_nlp  # noqa: E402

SEED = ROOT / "seeds" / "from-the-moon-to-mars.txt"
ARTICLES = sorted((ROOT / "tests" / "data").glob("*.txt"))
BIG_WORDS = 50_000


def plain_pipeline():
    """The statistical model alone, loaded the way questions.nlp loads it."""
    for name in DEFAULT_MODELS:
        try:
            return importlib.import_module(name).load()
        except ImportError:
            continue
    raise SystemExit("no spaCy model installed")


def big_text() -> str:
    """Shared articles concatenated until 50,000 words: one title, then paragraphs."""
    paragraphs: list[str] = []
    while sum(len(p.split()) for p in paragraphs) < BIG_WORDS:
        for path in ARTICLES:
            paragraphs.extend(clean_article(path.read_text(encoding="utf-8"))[1])
    return "Concatenated articles\n\n" + "\n\n".join(paragraphs)


def median_seconds(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    get_nlp()  # load once outside the timings
    plain = plain_pipeline()
    texts = [(SEED.name, questions.read_article(SEED.read_bytes(), SEED.name))]
    texts += [(p.name, p.read_text(encoding="utf-8")) for p in ARTICLES]
    texts.append((f"concatenation ({BIG_WORDS:,} words)", big_text()))
    print(f"{'text':34} {'words':>7} {'items':>6} {'gen w/s':>9} {'parse w/s':>10} {'ratio':>6}")
    for name, text in texts:
        paragraphs = clean_article(text)[1]
        words = sum(len(p.split()) for p in paragraphs)
        repeats = 2 if words > 10_000 else 5
        article = questions.generate(text)
        gen = median_seconds(lambda t=text: questions.generate(t), repeats)
        parse = median_seconds(lambda p=paragraphs: list(plain.pipe(p, batch_size=64)), repeats)
        print(
            f"{name:34} {words:7,} {len(article.items):6} {words / gen:9,.0f} "
            f"{words / parse:10,.0f} {gen / parse:6.2f}"
        )


if __name__ == "__main__":
    main()
