"""Spaced repetition: each student's FSRS cards over an article's items.

Scheduling is the `fsrs` package's (py-fsrs 6); this module only loads and stores its cards,
builds the study queue and turns quiz answers into reviews. Times are timezone-aware UTC
(`fsrs` refuses anything else); a "day" is a UTC calendar day.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils
from flask import current_app, has_app_context
from fsrs import Card, Rating, Scheduler

from quizapp import storage

DEFAULT_DESIRED_RETENTION = 0.9
DEFAULT_NEW_PER_DAY = 20
# An item counts as mastered once FSRS expects it to be remembered (at the desired retention)
# for three weeks or more: its stability, in days, is at least this.
MASTERED_STABILITY_DAYS = 21.0
# Like Anki's learn-ahead limit: with nothing else to do, cards in their learning steps that
# are due within this window are shown early instead of "nothing due".
LEARN_AHEAD = timedelta(minutes=20)
RATINGS: dict[int, str] = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
SOURCES = ("study", "quiz")


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


def as_utc(when: datetime | None) -> datetime:
    """when (naive datetimes are taken as UTC) converted to UTC; None means now."""
    if when is None:
        return utcnow()
    if when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def stamp(when: datetime) -> str:
    """The ISO text stored for a time: always with microseconds, so strings sort as times."""
    return as_utc(when).isoformat(timespec="microseconds")


def day_start(when: datetime) -> datetime:
    """Midnight UTC at the start of when's day."""
    return as_utc(when).replace(hour=0, minute=0, second=0, microsecond=0)


def make_scheduler(
    desired_retention: float = DEFAULT_DESIRED_RETENTION, *, fuzz: bool = False
) -> Scheduler:
    """An FSRS scheduler; fuzzing is off by default so schedules are deterministic."""
    return Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)


def app_scheduler() -> Scheduler:
    """The scheduler the app config asks for (STUDY_DESIRED_RETENTION, STUDY_FUZZ)."""
    if not has_app_context():
        return make_scheduler()
    config = current_app.config
    return make_scheduler(
        float(config.get("STUDY_DESIRED_RETENTION", DEFAULT_DESIRED_RETENTION)),
        fuzz=bool(config.get("STUDY_FUZZ", False)),
    )


def new_per_day() -> int:
    """The daily limit of new cards per student and article (STUDY_NEW_PER_DAY)."""
    if not has_app_context():
        return DEFAULT_NEW_PER_DAY
    return int(current_app.config.get("STUDY_NEW_PER_DAY", DEFAULT_NEW_PER_DAY))


def card_id_for(user_id: int, item_id: str) -> int:
    """A stable 60-bit card id for a student's item (fsrs sleeps 1 ms when it has to invent one)."""
    digest = hashlib.sha1(f"{user_id}:{item_id}".encode()).hexdigest()
    return int(digest[:15], 16)


def load_card(row: dict[str, Any] | None, user_id: int, item_id: str, now: datetime) -> Card:
    """The fsrs Card stored in a cards row, or a new card due now when there is no row."""
    if row is None:
        return Card(card_id=card_id_for(user_id, item_id), due=as_utc(now))
    return Card.from_dict(json.loads(row["state"]))


def review_item(
    db: sqlite_utils.Database,
    user_id: int,
    item_id: str,
    rating: int,
    *,
    expected_reps: int | None = None,
    source: str = "study",
    when: datetime | None = None,
    scheduler: Scheduler | None = None,
) -> bool:
    """Review a student's card for an item and store it with its review log row.

    expected_reps is how many reviews the card had when the student saw it; if it has moved on
    since (a double-posted form), nothing is stored and False is returned.
    """
    if rating not in RATINGS:
        raise ValueError(f"rating must be 1 to 4, not {rating!r}")
    if source not in SOURCES:
        raise ValueError(f"unknown review source {source!r}")
    when = as_utc(when)
    scheduler = scheduler or app_scheduler()
    row = storage.get_card(db, user_id, item_id)
    reps = row["reps"] if row else 0
    if expected_reps is not None and expected_reps != reps:
        return False
    card, _log = scheduler.review_card(
        load_card(row, user_id, item_id, when), Rating(rating), review_datetime=when
    )
    return storage.save_card_review(
        db,
        user_id,
        item_id,
        expected_reps=reps,
        state=json.dumps(card.to_dict()),
        due=stamp(card.due),
        stability=card.stability,
        rating=rating,
        reviewed_at=stamp(when),
        source=source,
    )


def record_quiz_answer(
    db: sqlite_utils.Database,
    user_id: int,
    item_id: str,
    correct: bool,
    when: datetime | None = None,
) -> None:
    """Feed a quiz answer into the student's schedule: wrong is Again (due soon), right is Good."""
    rating = Rating.Good if correct else Rating.Again
    # Retry when another request reviewed the same card between our read and write.
    for _ in range(3):
        if review_item(db, user_id, item_id, int(rating), source="quiz", when=when):
            return


@dataclass(frozen=True)
class Queue:
    """What a student studies next in one article, and how much is left today (the counts
    include the card shown when it is due or new)."""

    item: dict[str, Any] | None
    card: Card | None
    reps: int
    due_count: int
    new_count: int
    next_due: datetime | None
    seen: int
    total: int
    shown: str = ""  # which card item is: "due", "new", "ahead" (learning, due soon) or ""


def next_card(
    db: sqlite_utils.Database,
    user_id: int,
    article_id: int,
    *,
    now: datetime | None = None,
    new_limit: int | None = None,
) -> Queue:
    """The next card to study: due cards first (earliest first), then new items in rank order.

    New items are limited per UTC day (cards first reviewed today count, quiz answers too).
    When nothing is left, `item` is None and `next_due` says when something will be.
    """
    now = as_utc(now)
    new_limit = new_per_day() if new_limit is None else new_limit
    items = storage.items_for_article(db, article_id)
    rows = {row["item_id"]: row for row in storage.article_cards(db, user_id, article_id)}
    now_text, today = stamp(now), stamp(day_start(now))
    due = [row for row in rows.values() if row["due"] <= now_text]
    introduced = sum(1 for row in rows.values() if (row["created"] or "") >= today)
    fresh = [item for item in items if item.id not in rows]
    new_count = min(len(fresh), max(0, new_limit - introduced))
    by_id = {item.id: item for item in items}
    soon = stamp(now + LEARN_AHEAD)
    ahead = [row for row in rows.values() if row["due"] <= soon and _in_learning(row)]
    item, row, shown = None, None, ""
    if due:
        row, shown = min(due, key=lambda r: r["due"]), "due"
    elif new_count:
        item, shown = fresh[0], "new"
    elif ahead:
        row, shown = min(ahead, key=lambda r: r["due"]), "ahead"
    if row is not None:
        item = by_id[row["item_id"]]
    next_due = None
    if item is None:
        upcoming = [datetime.fromisoformat(r["due"]) for r in rows.values()]
        if fresh:
            upcoming.append(day_start(now) + timedelta(days=1))
        next_due = min(upcoming, default=None)
    return Queue(
        item=item,
        card=load_card(row, user_id, item.id, now) if item else None,
        reps=row["reps"] if row else 0,
        due_count=len(due),
        new_count=new_count,
        next_due=next_due,
        seen=len(rows),
        total=len(items),
        shown=shown,
    )


def _in_learning(row: dict[str, Any]) -> bool:
    return json.loads(row["state"]).get("step") is not None


def preview(card: Card, now: datetime, scheduler: Scheduler | None = None) -> dict[int, str]:
    """For each rating, how long until the card would be due again ("10 min", "3 d")."""
    scheduler = scheduler or app_scheduler()
    now = as_utc(now)
    return {
        rating: format_interval(
            scheduler.review_card(card, Rating(rating), review_datetime=now)[0].due - now
        )
        for rating in RATINGS
    }


def format_interval(delta: timedelta) -> str:
    """A short human interval: "<1 min", "10 min", "5 h", "3 d", "4 mo", "1.5 y"."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1 min"
    if seconds < 3600:
        return f"{round(seconds / 60)} min"
    if seconds < 86400:
        return f"{round(seconds / 3600)} h"
    days = seconds / 86400
    if days < 31:
        return f"{round(days)} d"
    if days < 365:
        return f"{round(days / 30.4)} mo"
    return f"{days / 365:.1f} y"
