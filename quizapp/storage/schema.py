"""Storage schema: named migrations (only ever appended, never edited) and opening a database.

The migrations are registered in the order they are defined here, which is the order an
existing database has applied them in: new ones go at the end of this module.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
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


@migrations(transactional=False)
def m006_user_sessions(db: sqlite_utils.Database) -> None:
    # Issue 15: a user id must never be handed out twice (an old cookie, or a restored
    # backup, would otherwise name a newer account), so users is rebuilt with AUTOINCREMENT;
    # session_token is the per-user secret every session carries and logout, a password
    # change and a restore rotate. Rebuilding a parent table needs foreign keys off, which
    # SQLite ignores inside a transaction: hence a migration that opens its own.
    conn = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'users'").fetchone()
            if "AUTOINCREMENT" not in sql.upper():  # not already done by another process
                _rebuild_users(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def _rebuild_users(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE users_new (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT NOT NULL, "
        "password_hash TEXT NOT NULL, role TEXT NOT NULL DEFAULT 'student', created TEXT, "
        "session_token TEXT)"
    )
    conn.execute(
        "INSERT INTO users_new (id, username, password_hash, role, created, session_token) "
        "SELECT id, username, password_hash, role, created, lower(hex(randomblob(16))) FROM users"
    )
    conn.execute("DROP TABLE users")
    conn.execute("ALTER TABLE users_new RENAME TO users")
    conn.execute("CREATE UNIQUE INDEX idx_users_username ON users (username)")
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise sqlite3.IntegrityError(f"foreign keys broken by the users rebuild: {problems[:5]}")


@migrations()
def m007_username_nocase(db: sqlite_utils.Database) -> None:
    # Usernames are unique in any case ("Tess" cannot register beside teacher "tess").
    # create_user checks it in its transaction; the index backs that up and serves the
    # case-blind lookups, but an older database that already holds two such names keeps them.
    clash = db.execute(
        "SELECT 1 FROM users GROUP BY username COLLATE NOCASE HAVING count(*) > 1"
    ).fetchone()
    if clash is None:
        db.execute("CREATE UNIQUE INDEX users_username_nocase ON users (username COLLATE NOCASE)")
    else:
        db.execute("CREATE INDEX users_username_nocase ON users (username COLLATE NOCASE)")


@migrations()
def m008_article_drafts(db: sqlite_utils.Database) -> None:
    # Articles added through the web start as drafts (published IS NULL) that students cannot
    # see until a teacher publishes them; articles that were already there stay visible.
    db.table("articles").add_column("published", str)
    db.execute("UPDATE articles SET published = coalesce(created, ?)", [now()])


@migrations()
def m009_item_state_set(db: sqlite_utils.Database) -> None:
    # A teacher's enable or disable is not an edit (the item's text stays the generator's),
    # but regenerating must keep it: state_set marks items whose state the teacher chose.
    db.table("items").add_column("state_set", int, not_null_default=0)


@migrations()
def m010_generation_explained(db: sqlite_utils.Database) -> None:
    # Issue 13: the review page says why an item is not asked. items.curated keeps whether the
    # generator put the item in its default set (NULL for items stored before this), apart
    # from enabled, which the teacher changes; rejections keeps the candidates its rules
    # turned down at the article's last generation, with the rule's id and reason.
    db.table("items").add_column("curated", int)
    db.table("rejections").create(
        {
            "id": int,
            "article_id": int,
            "rule": str,
            "reason": str,
            "kind": str,
            "prompt": str,
            "answer": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("rejections").create_index(["article_id"])


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """A transaction that takes the write lock at its start (BEGIN IMMEDIATE), for a read
    that decides a write: two deferred ones would both read, then one fails at once with
    "database is locked" on upgrading (SQLite's busy timeout cannot help a deadlock). Inside
    an open transaction it is a savepoint of that one."""
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def connect_db(path: str | Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite_utils.Database:
    """Connect without migrating: foreign keys, a busy timeout, synchronous=NORMAL.

    In WAL mode NORMAL syncs at checkpoints, not at every commit: a killed server process
    loses no committed answer (the WAL is in the OS's hands); only a power cut can lose the
    last commits. It roughly halves the time an answer POST holds the write lock.
    """
    conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def open_db(path: str | Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite_utils.Database:
    """Open (and migrate) the database at path: WAL, foreign keys, a busy timeout."""
    db = connect_db(path, busy_timeout_ms)
    if str(path) != ":memory:":
        db.enable_wal()
    migrate(db)
    return db


def migrate(db: sqlite_utils.Database) -> None:
    """Apply every pending migration (safe to call on each start)."""
    if migrations.pending(db):
        migrations.apply(db)


class ReadOnlyDatabase(OSError):
    """The database file (or its folder) cannot be written; the message says which."""


def check_writable(path: str | Path) -> None:
    """Raise ReadOnlyDatabase unless the database at path takes a write.

    SQLite opens a file it may not write read-only without a word, and in WAL mode even the
    write lock is granted; only a real write fails. This one rewrites the header's
    user_version with its own value and rolls back, so nothing changes.
    """
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(f"PRAGMA user_version = {int(version)}")
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        if "readonly" in str(error) or "read-only" in str(error) or "unable to open" in str(error):
            raise ReadOnlyDatabase(
                f"The database {path} is read-only ({error}); quizapp needs to write to the "
                "file and to create files beside it (-wal, -shm). Check its permissions."
            ) from error
        raise
    finally:
        conn.close()
