"""Synthetic databases for the benchmarks: hand-made items of every kind, no spaCy.

Built through storage.save_article (the real write path) so the rows look like real ones;
answers are inserted in bulk inside one transaction.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from questions import Article, Item, make_item_id  # noqa: E402
from quizapp import storage  # noqa: E402

PEOPLE = ["Ada Lovelace", "Yuri Gagarin", "Valentina Tereshkova", "Neil Armstrong", "Sally Ride"]
PLACES = ["Baikonur", "Cape Canaveral", "Jiuquan", "Kourou", "Tanegashima", "Plesetsk"]
KIND_CYCLE = ("cloze", "mcq", "true_false", "short_answer", "timeline", "matching")


def sentence(rng: random.Random, n: int) -> str:
    """A plausible sentence with a person, a place and a year."""
    return (
        f"In {1950 + n % 70} {rng.choice(PEOPLE)} travelled from {rng.choice(PLACES)} "
        f"for mission number {n}."
    )


def make_item(slug: str, n: int, rng: random.Random) -> Item:
    """One item of the n-th kind of the cycle, following the contract for that kind."""
    kind = KIND_CYCLE[n % len(KIND_CYCLE)]
    source = sentence(rng, n)
    year = str(1950 + n % 70)
    if kind == "cloze":
        prompt, answer, choices = source.replace(year, "_____", 1), year, ()
    elif kind == "mcq":
        answer = rng.choice(PLACES)
        others = [p for p in PLACES if p != answer][:3]
        choices = tuple(rng.sample([answer, *others], 4))
        prompt = f"Where did mission number {n} start?"
    elif kind == "true_false":
        prompt, answer, choices = source, "True", ("True", "False")
    elif kind == "short_answer":
        prompt, answer, choices = f"When did mission number {n} fly?", year, ()
    elif kind == "timeline":
        answer = [f"Mission {n + k} flew" for k in range(4)]
        choices = tuple(rng.sample(answer, 4))
        prompt = "Put these events in order, earliest first."
    else:
        pairs = [[person, f"role {n}-{k}"] for k, person in enumerate(PEOPLE[:3])]
        answer, choices = pairs, tuple(rng.sample([p[1] for p in pairs], 3))
        prompt = "Match each person with their role."
    accepted = (answer,) if isinstance(answer, str) else ()
    return Item(
        id=make_item_id(slug, kind, source, answer),
        kind=kind,
        prompt=prompt,
        answer=answer,
        accepted=accepted,
        choices=choices,
        source_sentence=source,
        sentence_index=n,
        explanation=f"The article says: {source}",
        tags=("date",),
        difficulty=rng.random(),
        score=1.0 - n / 100_000,
    )


def make_article(number: int, n_items: int, seed: int = 0) -> Article:
    """An article with n_items items and a body of about 25 words per item."""
    rng = random.Random(seed * 1_000_003 + number)
    title = f"Synthetic article {number:05d}"
    slug = f"synthetic-article-{number:05d}"
    sentences = [sentence(rng, n) for n in range(max(n_items, 40))]
    paragraphs = tuple(" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5))
    items = tuple(make_item(slug, n, rng) for n in range(n_items))
    return Article(title=title, slug=slug, paragraphs=paragraphs, items=items)


def build_database(
    path: str | Path, n_articles: int, items_per_article: int, big_items: int = 0
) -> list[str]:
    """Create a database with synthetic articles, the first with big_items items when given;
    returns their slugs."""
    db = storage.open_db(path)
    slugs = []
    for number in range(n_articles):
        article = make_article(
            number, big_items if number == 0 and big_items else items_per_article
        )
        storage.save_article(db, article, source=f"{article.slug}.txt")
        slugs.append(article.slug)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return slugs


def add_answers(path: str | Path, per_article: int, n_students: int = 200, seed: int = 1) -> int:
    """Insert per_article answers to each article (finished 20-question attempts by
    n_students students), in bulk; returns how many answers were inserted."""
    rng = random.Random(seed)
    db = storage.open_db(path)
    by_article: dict[int, list[str]] = {}
    for item_id, article_id in db.execute("SELECT id, article_id FROM items ORDER BY id"):
        by_article.setdefault(article_id, []).append(item_id)
    stamp = storage.now()
    per_attempt = 20
    with db.atomic():
        db.table("users").insert_all(
            {"username": f"student{n:04d}", "password_hash": "x", "role": "student"}
            for n in range(n_students)
        )
        user_ids = [row[0] for row in db.execute("SELECT id FROM users WHERE role = 'student'")]
        attempts, answers = [], []
        for article_id, item_ids in sorted(by_article.items()):
            for a in range(per_article // per_attempt):
                picked = rng.sample(item_ids, min(per_attempt, len(item_ids)))
                user_id = rng.choice(user_ids)
                attempt_id = f"bench-{article_id}-{a:06d}"
                attempts.append(
                    {
                        "id": attempt_id,
                        "user_id": user_id,
                        "article_id": article_id,
                        "item_ids": json.dumps(picked),
                        "kinds": json.dumps(list(KIND_CYCLE)),
                        "started": stamp,
                        "finished": stamp,
                    }
                )
                answers.extend(
                    {
                        "attempt_id": attempt_id,
                        "user_id": user_id,
                        "item_id": item_id,
                        "response": "x",
                        "correct": int(rng.random() < 0.6),
                        "seconds": 5.0,
                        "created": stamp,
                    }
                    for item_id in picked
                )
        db.table("attempts").insert_all(attempts, batch_size=1000)
        db.table("answers").insert_all(answers, batch_size=1000)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return len(answers)
