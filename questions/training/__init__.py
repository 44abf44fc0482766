"""Fit the worth model (questions/worth.py) on what readers asked about whole articles.

The labels come from ../shared/articles/pool/: each `<slug>.qa.json` lists the questions crowd
readers asked about a paragraph and the answer spans they marked. A fact (an answer in a
sentence) is labelled asked when a question about its paragraph has an answer that matches it
(same words, or a token F1 of at least 0.5, as SQuAD scores answers). The held-out articles of
questions/data/pool-split.json are never fitted on.

    python -m questions.training [--pool PATH]   # rebuild the table, cross-validate, refit

scikit-learn is needed here only (the `dev` extra); the package reads the fitted numbers.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import string
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from questions.clean import clean_article
from questions.pipeline import analyse
from questions.source import read_article
from questions.worth import FEATURES, Fact, fact_features

DATA = Path(__file__).resolve().parent.parent / "data"
TABLE_PATH = DATA / "worth-table.csv.gz"
SPLIT_PATH = DATA / "pool-split.json"
DEFAULT_POOL = Path(__file__).resolve().parents[2].parent / "shared" / "articles" / "pool"
MATCH_F1 = 0.5


def holdout() -> list[str]:
    """Slugs of the pool articles never trained or tuned on."""
    return json.loads(SPLIT_PATH.read_text(encoding="utf-8"))["holdout"]


def answer_tokens(text: str) -> list[str]:
    """SQuAD's answer normalisation: lower case, no punctuation, no articles."""
    text = "".join(c for c in text.lower() if c not in set(string.punctuation))
    return [w for w in text.split() if w not in ("a", "an", "the")]


def token_f1(a: list[str], b: list[str]) -> float:
    """Token overlap F1 of two answers."""
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    precision, recall = common / len(a), common / len(b)
    return 2 * precision * recall / (precision + recall)


def matches(answer: str, asked: list[list[str]]) -> bool:
    """The answer is one a reader marked (same words, or enough overlap)."""
    tokens = answer_tokens(answer)
    return bool(tokens) and any(
        tokens == other or token_f1(tokens, other) >= MATCH_F1 for other in asked
    )


def raw_paragraphs(path: Path) -> list[str]:
    """The paragraphs of a pool file as the questions index them (after the title)."""
    blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n")]
    return [b for b in blocks[1:] if b]


def squash(text: str) -> str:
    """Letters and digits only, for finding a sentence in its raw paragraph."""
    return re.sub(r"[\W_]+", "", text.casefold())


def article_rows(path: Path) -> Iterator[dict[str, object]]:
    """One row per fact of a pool article: its features and whether a reader asked it."""
    qa = json.loads(path.with_suffix(".qa.json").read_text(encoding="utf-8"))["qa"]
    raw = [squash(p) for p in raw_paragraphs(path)]
    asked: dict[int, list[list[str]]] = {}
    for question in qa:
        asked.setdefault(question["paragraph"], []).extend(
            answer_tokens(a) for a in question["answers"]
        )
    title, paragraphs = clean_article(read_article(path.read_bytes(), filename=path.name))
    analysis, context = analyse(title, paragraphs)
    seen: set[tuple[int, str]] = set()
    for mention in analysis.mentions:
        key = (mention.sentence, mention.answer)
        if key in seen:
            continue
        seen.add(key)
        probe = squash(analysis.sentences[mention.sentence].text)[:60]
        where = [i for i, p in enumerate(raw) if probe and probe in p]
        label = any(matches(mention.answer, asked.get(i, [])) for i in where)
        fact = Fact(mention.sentence, mention.answer, mention.tag)
        features = fact_features(context, fact)
        yield {
            "article": path.stem,
            "sentence": mention.sentence,
            "answer": mention.answer,
            "tag": mention.tag,
            "asked": int(label),
            **{name: round(features[name], 5) for name in FEATURES},
        }


def write_table(pool: Path, path: Path = TABLE_PATH) -> list[dict[str, object]]:
    """Build the training table from every pool article and save it gzipped."""
    rows: list[dict[str, object]] = []
    for article in sorted(pool.glob("*.txt")):
        rows.extend(article_rows(article))
        print(f"{article.stem}: {sum(1 for r in rows if r['article'] == article.stem)} facts")
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return rows


def read_table(path: Path = TABLE_PATH) -> list[dict[str, str]]:
    """The saved training table."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
