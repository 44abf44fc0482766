"""Storage schema: named migrations (only ever appended, never edited) and opening a database.

The migrations are registered in the order they are defined here, which is the order an
existing database has applied them in: new ones go at the end of this module.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

BUSY_TIMEOUT_MS = 10_000

migrations = Migrations("quizapp")


def now() -> str:
    """The current UTC time as an ISO 8601 string (what every timestamp column holds)."""
    # The storage modules call this as schema.now(): a test patches quizapp.storage.schema.now.
    return datetime.now(UTC).isoformat(timespec="microseconds")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db.table("articles").create(
        {
            "id": int,
            "slug": str,
            "title": str,
            "text": str,
            "words": int,
            "source": str,
            "created": str,
            "updated": str,
            "deleted": str,
        },
        pk="id",
        not_null={"slug", "title", "text"},
    )
    db.table("articles").create_index(["slug"], unique=True)
    db.table("items").create(
        {
            "id": str,
            "article_id": int,
            "kind": str,
            "prompt": str,
            "answer": str,
            "accepted": str,
            "choices": str,
            "source_sentence": str,
            "sentence_index": int,
            "explanation": str,
            "tags": str,
            "difficulty": float,
            "score": float,
            "position": int,
            "enabled": int,
            "edited": int,
            "deleted": int,
            "updated": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        defaults={"enabled": 1, "edited": 0, "deleted": 0},
    )
    db.table("items").create_index(["article_id", "position"])
    db.table("users").create(
        {"id": int, "username": str, "password_hash": str, "role": str, "created": str},
        pk="id",
        not_null={"username", "password_hash", "role"},
        defaults={"role": "student"},
    )
    db.table("users").create_index(["username"], unique=True)
    db.table("attempts").create(
        {
            "id": str,
            "user_id": int,
            "article_id": int,
            "item_ids": str,
            "kinds": str,
            "started": str,
            "finished": str,
        },
        pk="id",
        foreign_keys=[("user_id", "users", "id"), ("article_id", "articles", "id")],
    )
    db.table("attempts").create_index(["article_id", "user_id"])
    db.table("answers").create(
        {
            "id": int,
            "attempt_id": str,
            "user_id": int,
            "item_id": str,
            "response": str,
            "correct": int,
            "seconds": float,
            "created": str,
        },
        pk="id",
        foreign_keys=[
            ("attempt_id", "attempts", "id"),
            ("user_id", "users", "id"),
            ("item_id", "items", "id"),
        ],
    )
    # One answer per item per attempt: a re-posted form cannot count twice.
    db.table("answers").create_index(["attempt_id", "item_id"], unique=True)
    db.table("answers").create_index(["item_id"])
    db.table("answers").create_index(["user_id"])


@migrations()
def m002_login_failures(db: sqlite_utils.Database) -> None:
    # Failed logins live in SQLite (not process memory) so the limit holds across workers.
    db.table("login_failures").create({"id": int, "key": str, "created": str}, pk="id")
    db.table("login_failures").create_index(["key", "created"])


@migrations()
def m003_cards_and_reviews(db: sqlite_utils.Database) -> None:
    # One FSRS card per student and item. `state` is fsrs Card.to_dict() as JSON; due and
    # stability are copied out of it so queues and progress are plain SQL. No foreign key to
    # items: regenerating an article may delete items, and a card must not block that.
    db.table("cards").create(
        {
            "user_id": int,
            "item_id": str,
            "state": str,
            "due": str,
            "stability": float,
            "reps": int,
            "created": str,
            "updated": str,
        },
        pk=("user_id", "item_id"),
        foreign_keys=[("user_id", "users", "id")],
        not_null={"state", "due"},
        defaults={"reps": 0},
    )
    db.table("cards").create_index(["user_id", "due"])
    db.table("reviews").create(
        {
            "id": int,
            "user_id": int,
            "item_id": str,
            "rating": int,
            "reviewed_at": str,
            "source": str,
            "state": str,
        },
        pk="id",
        foreign_keys=[("user_id", "users", "id")],
    )
    db.table("reviews").create_index(["user_id", "reviewed_at"])
    db.table("reviews").create_index(["item_id"])


@migrations()
def m004_generation_jobs(db: sqlite_utils.Database) -> None:
    # A long article is generated in a background thread; its state lives here so that any
    # worker process can answer the status page.
    db.table("generation_jobs").create(
        {
            "id": str,
            "user_id": int,
            "name": str,
            "status": str,
            "progress": float,
            "message": str,
            "slug": str,
            "created": str,
            "updated": str,
        },
        pk="id",
    )


@migrations()
def m005_item_count_index(db: sqlite_utils.Database) -> None:
    # Item counts per article and kind (home page, quiz setup) read this index alone instead
    # of every item row: 6.2 -> 1.0 ms for kind_counts on a 10,000-item article.
    db.table("items").create_index(
        ["article_id", "enabled", "deleted", "kind"], index_name="items_article_enabled_kind"
    )


def connect_db(path: str | Path) -> sqlite_utils.Database:
    """Connect without migrating: foreign keys, a busy timeout, synchronous=NORMAL.

    In WAL mode NORMAL syncs at checkpoints, not at every commit: a killed server process
    loses no committed answer (the WAL is in the OS's hands); only a power cut can lose the
    last commits. It roughly halves the time an answer POST holds the write lock.
    """
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (and migrate) the database at path: WAL, foreign keys, a busy timeout."""
    db = connect_db(path)
    if str(path) != ":memory:":
        db.enable_wal()
    migrate(db)
    return db


def migrate(db: sqlite_utils.Database) -> None:
    """Apply every pending migration (safe to call on each start)."""
    if migrations.pending(db):
        migrations.apply(db)


@migrations()
def m006_item_state_set(db: sqlite_utils.Database) -> None:
    # A teacher's enable or disable is not an edit (the item's text stays the generator's),
    # but regenerating must keep it: state_set marks items whose state the teacher chose.
    db.table("items").add_column("state_set", int, not_null_default=0)
