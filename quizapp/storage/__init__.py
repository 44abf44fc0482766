"""Storage: the one module that talks to SQLite (through sqlite-utils).

Views call the verb-named functions here and never write SQL. The schema is built by named
migrations that are only ever appended; a migration never drops rows.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils
from flask import current_app, g
from sqlite_utils.migrations import Migrations

from questions import Article, Item

BUSY_TIMEOUT_MS = 10_000
JSON_ITEM_FIELDS = ("answer", "accepted", "choices", "tags")

migrations = Migrations("quizapp")


def now() -> str:
    """The current UTC time as an ISO 8601 string (what every timestamp column holds)."""
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


# Database files this process has opened with open_db, by (path, inode): later requests skip
# the WAL switch and the migration check (measured at about a third of a quiz page's time).
_ready: set[tuple[str, int]] = set()
# Each server thread keeps its idle connection for its next request: a new connection costs
# about 0.5 ms (connect, PRAGMAs, reading the schema), half of a quiz page's time.
_idle = threading.local()


def _file_key(path: str) -> tuple[str, int] | None:
    try:
        return (path, os.stat(path).st_ino)
    except OSError:
        return None


def get_db() -> sqlite_utils.Database:
    """The request's database: this thread's idle connection, else a new one (opened and
    migrated on the process's first use of the file); handed back at teardown."""
    if "db" not in g:
        path = str(current_app.config["DATABASE"])
        key = _file_key(path) if path != ":memory:" else None
        idle = getattr(_idle, "db", None)
        _idle.db = None
        if idle is not None and key is not None and idle[0] == key:
            g.db, g.db_key = idle[1], key
            return g.db
        if idle is not None:
            idle[1].close()
        if key in _ready:
            g.db = connect_db(path)
        else:
            g.db = open_db(path)
            key = _file_key(path) if path != ":memory:" else None
            if key is not None:
                _ready.add(key)
        g.db_key = key
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    """Hand the request's connection back to its thread (any open transaction rolled back);
    a connection to an in-memory file is closed, one to a replaced file by the next get_db."""
    db = g.pop("db", None)
    key = g.pop("db_key", None)
    if db is None:
        return
    if db.conn.in_transaction:
        db.conn.rollback()
    idle = getattr(_idle, "db", None)
    if key is None:
        db.close()
        return
    # A replaced file is noticed by the next get_db, which compares this key with the file's
    # (one stat per request instead of two: a stat was 2% of a quiz page under gunicorn).
    if idle is not None:
        idle[1].close()
    _idle.db = (key, db)


def select(db: sqlite_utils.Database, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    """Rows of a SELECT as dicts, read straight from the connection.

    db.query() wraps every SELECT in SAVEPOINT/RELEASE (three statements for one); the pages
    students load on every question read through here instead.
    """
    cursor = db.conn.execute(sql, params)
    keys = [column[0] for column in cursor.description]
    return [dict(zip(keys, row, strict=True)) for row in cursor.fetchall()]


# Articles and items ----------------------------------------------------------------------


def _item_row(item: Item, article_id: int, position: int, stamp: str) -> dict[str, Any]:
    row = item.to_dict()
    for key in JSON_ITEM_FIELDS:
        row[key] = json.dumps(row[key], ensure_ascii=False)
    row.update(article_id=article_id, position=position, updated=stamp)
    return row


def _decode_item(row: dict[str, Any]) -> dict[str, Any]:
    for key in JSON_ITEM_FIELDS:
        if isinstance(row.get(key), str):
            row[key] = json.loads(row[key])
    return row


def save_article(db: sqlite_utils.Database, article: Article, source: str = "") -> int:
    """Store an article and its items; on an existing slug, regenerate keeping edited items.

    Items a teacher edited or deleted stay as they are; other old items are replaced by the
    new generation. Returns the article id.
    """
    stamp = now()
    with db.atomic():
        existing = db.execute(
            "SELECT id FROM articles WHERE slug = ? AND deleted IS NULL", [article.slug]
        ).fetchone()
        if existing:
            article_id = existing[0]
            db.execute(
                "UPDATE articles SET title = ?, text = ?, words = ?, updated = ? WHERE id = ?",
                [article.title, article.text, article.words, stamp, article_id],
            )
        else:
            article_id = (
                db.table("articles")
                .insert(
                    {
                        "slug": unique_slug(db, article.slug),
                        "title": article.title,
                        "text": article.text,
                        "words": article.words,
                        "source": source,
                        "created": stamp,
                        "updated": stamp,
                    }
                )
                .last_pk
            )
        kept = {
            row[0]
            for row in db.execute(
                "SELECT id FROM items WHERE article_id = ? AND (edited = 1 OR deleted = 1)",
                [article_id],
            )
        }
        # Unedited items that were never answered can go; answered ones are kept disabled
        # so the statistics keep their rows.
        new_ids = {item.id for item in article.items}
        db.execute(
            "UPDATE items SET enabled = 0 WHERE article_id = ? AND edited = 0 AND deleted = 0 "
            "AND id IN (SELECT item_id FROM answers)",
            [article_id],
        )
        db.execute(
            "DELETE FROM items WHERE article_id = ? AND edited = 0 AND deleted = 0 "
            "AND id NOT IN (SELECT item_id FROM answers)",
            [article_id],
        )
        rows = [
            _item_row(item, article_id, position, stamp)
            for position, item in enumerate(article.items)
            if item.id not in kept
        ]
        db.table("items").upsert_all(rows, pk="id", alter=False)
        if new_ids:
            db.execute(
                f"UPDATE items SET enabled = 1 WHERE article_id = ? AND edited = 0 "
                f"AND deleted = 0 AND id IN ({','.join('?' * len(new_ids))})",
                [article_id, *sorted(new_ids)],
            )
    return article_id


def unique_slug(db: sqlite_utils.Database, slug: str) -> str:
    """Return slug, or slug-2, slug-3 ... whichever is not taken yet."""
    taken = {row[0] for row in db.execute("SELECT slug FROM articles")}
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def list_articles(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every live article with its count of enabled items, newest first."""
    return list(
        db.query(
            "SELECT a.id, a.slug, a.title, a.words, a.source, a.created, "
            "(SELECT count(*) FROM items i WHERE i.article_id = a.id AND i.enabled = 1 "
            " AND i.deleted = 0) AS item_count "
            "FROM articles a WHERE a.deleted IS NULL ORDER BY a.created DESC, a.id DESC"
        )
    )


def get_article(db: sqlite_utils.Database, slug: str) -> dict[str, Any] | None:
    """The live article with this slug, or None."""
    rows = select(db, "SELECT * FROM articles WHERE slug = ? AND deleted IS NULL", [slug])
    return rows[0] if rows else None


def items_for_article(
    db: sqlite_utils.Database, article_id: int, *, include_disabled: bool = False
) -> list[dict[str, Any]]:
    """The article's items in rank order, JSON fields decoded."""
    where = "article_id = ? AND deleted = 0" + ("" if include_disabled else " AND enabled = 1")
    rows = select(db, f"SELECT * FROM items WHERE {where} ORDER BY position, id", [article_id])
    return [_decode_item(row) for row in rows]


def get_items(db: sqlite_utils.Database, item_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Items by id (any state), JSON fields decoded."""
    ids = list(item_ids)
    if not ids:
        return {}
    rows = select(db, f"SELECT * FROM items WHERE id IN ({','.join('?' * len(ids))})", ids)
    return {row["id"]: _decode_item(row) for row in rows}


# Users -----------------------------------------------------------------------------------


def create_user(db: sqlite_utils.Database, username: str, password_hash: str, role: str) -> int:
    """Add a user; raises sqlite3.IntegrityError when the name is taken."""
    return (
        db.table("users")
        .insert(
            {"username": username, "password_hash": password_hash, "role": role, "created": now()}
        )
        .last_pk
    )


def get_user(db: sqlite_utils.Database, user_id: int) -> dict[str, Any] | None:
    """The user with this id, or None."""
    rows = select(db, "SELECT * FROM users WHERE id = ?", [user_id])
    return rows[0] if rows else None


def get_user_by_name(db: sqlite_utils.Database, username: str) -> dict[str, Any] | None:
    """The user with this name, or None."""
    rows = select(db, "SELECT * FROM users WHERE username = ?", [username])
    return rows[0] if rows else None


# Backup and restore ----------------------------------------------------------------------


class BackupError(ValueError):
    """A backup file that cannot be restored; the message says why."""


def backup_database(db_path: str | Path, dest: str | Path) -> int:
    """Copy the live database to dest with SQLite's online backup API; returns pages copied.

    Safe while the app is serving: the backup is a consistent snapshot.
    """
    source = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)
    target = sqlite3.connect(str(dest))
    try:
        source.backup(target)
        return target.execute("PRAGMA page_count").fetchone()[0]
    finally:
        target.close()
        source.close()


def restore_database(src: str | Path, db_path: str | Path) -> None:
    """Replace the live database's content with the backup at src, then migrate it.

    Runs through the backup API too, so open connections see either the old or the new
    database, never a half-written file.
    """
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        check = source.execute("PRAGMA quick_check").fetchone()[0]
        tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        source.close()
        raise BackupError(f"{src} is not a SQLite database ({error})") from error
    if check != "ok" or not {"articles", "items", "_sqlite_migrations"} <= tables:
        source.close()
        raise BackupError(f"{src} is not a quizapp backup")
    target = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    open_db(db_path).close()


# Login rate limit (web: auth) --------------------------------------------------------------


@migrations()
def m002_login_failures(db: sqlite_utils.Database) -> None:
    # Failed logins live in SQLite (not process memory) so the limit holds across workers.
    db.table("login_failures").create({"id": int, "key": str, "created": str}, pk="id")
    db.table("login_failures").create_index(["key", "created"])


def count_login_failures(db: sqlite_utils.Database, key: str, since: str) -> int:
    """How many failed logins for key (username and address) happened since the time since."""
    return db.execute(
        "SELECT count(*) FROM login_failures WHERE key = ? AND created >= ?", [key, since]
    ).fetchone()[0]


def record_login_failure(db: sqlite_utils.Database, key: str) -> None:
    """Note one failed login for key; rows older than a day are pruned on the way."""
    with db.atomic():
        db.execute("INSERT INTO login_failures (key, created) VALUES (?, ?)", [key, now()])
        cutoff = (datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="microseconds")
        db.execute("DELETE FROM login_failures WHERE created < ?", [cutoff])


def clear_login_failures(db: sqlite_utils.Database, key: str) -> None:
    """Forget the failed logins for key (after a successful login)."""
    with db.atomic():
        db.execute("DELETE FROM login_failures WHERE key = ?", [key])


# Study schedule (study and progress) -----------------------------------------------------


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


def get_card(db: sqlite_utils.Database, user_id: int, item_id: str) -> dict[str, Any] | None:
    """The student's card for an item (state still JSON text), or None if never reviewed."""
    rows = list(
        db.query("SELECT * FROM cards WHERE user_id = ? AND item_id = ?", [user_id, item_id])
    )
    return rows[0] if rows else None


def article_cards(db: sqlite_utils.Database, user_id: int, article_id: int) -> list[dict[str, Any]]:
    """The student's cards for the article's enabled items, earliest due first."""
    return list(
        db.query(
            "SELECT c.* FROM cards c JOIN items i ON i.id = c.item_id "
            "WHERE c.user_id = ? AND i.article_id = ? AND i.enabled = 1 AND i.deleted = 0 "
            "ORDER BY c.due, i.position",
            [user_id, article_id],
        )
    )


def save_card_review(
    db: sqlite_utils.Database,
    user_id: int,
    item_id: str,
    *,
    expected_reps: int,
    state: str,
    due: str,
    stability: float | None,
    rating: int,
    reviewed_at: str,
    source: str,
) -> bool:
    """Store a reviewed card and its review log row, unless the card moved on meanwhile.

    The write only happens when the card still has expected_reps reviews, so a double-posted
    rating (or two tabs) counts once. Returns whether the review was stored.
    """
    with db.atomic():
        if expected_reps == 0:
            cursor = db.execute(
                "INSERT INTO cards (user_id, item_id, state, due, stability, reps, created, "
                "updated) VALUES (?, ?, ?, ?, ?, 1, ?, ?) "
                "ON CONFLICT (user_id, item_id) DO NOTHING",
                [user_id, item_id, state, due, stability, reviewed_at, reviewed_at],
            )
        else:
            cursor = db.execute(
                "UPDATE cards SET state = ?, due = ?, stability = ?, reps = reps + 1, updated = ? "
                "WHERE user_id = ? AND item_id = ? AND reps = ?",
                [state, due, stability, reviewed_at, user_id, item_id, expected_reps],
            )
        if cursor.rowcount != 1:
            return False
        db.execute(
            "INSERT INTO reviews (user_id, item_id, rating, reviewed_at, source, state) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [user_id, item_id, rating, reviewed_at, source, state],
        )
    return True


def student_progress(
    db: sqlite_utils.Database, user_id: int, *, mastered_stability: float, due_before: str
) -> list[dict[str, Any]]:
    """Per live article: items, items seen, mastered and due, reviews and right reviews."""
    return list(
        db.query(
            "SELECT a.id, a.slug, a.title, "
            "(SELECT count(*) FROM items i WHERE i.article_id = a.id AND i.enabled = 1 "
            " AND i.deleted = 0) AS item_count, "
            "count(c.item_id) AS seen, "
            "coalesce(sum(c.stability >= :mastered), 0) AS mastered, "
            "coalesce(sum(c.due < :due_before AND i.enabled = 1), 0) AS due, "
            "(SELECT count(*) FROM reviews r JOIN items ri ON ri.id = r.item_id "
            " WHERE r.user_id = :user AND ri.article_id = a.id) AS reviews, "
            "(SELECT count(*) FROM reviews r JOIN items ri ON ri.id = r.item_id "
            " WHERE r.user_id = :user AND ri.article_id = a.id AND r.rating > 1) AS n_right "
            "FROM articles a "
            "LEFT JOIN items i ON i.article_id = a.id AND i.deleted = 0 "
            "LEFT JOIN cards c ON c.item_id = i.id AND c.user_id = :user "
            "WHERE a.deleted IS NULL GROUP BY a.id ORDER BY a.title, a.id",
            {"user": user_id, "mastered": mastered_stability, "due_before": due_before},
        )
    )


def reviews_by_day(db: sqlite_utils.Database, user_id: int, since: str) -> list[dict[str, Any]]:
    """The student's reviews per UTC day since a time: day (YYYY-MM-DD), reviews, right."""
    return list(
        db.query(
            "SELECT substr(reviewed_at, 1, 10) AS day, count(*) AS reviews, "
            "sum(rating > 1) AS n_right FROM reviews WHERE user_id = ? AND reviewed_at >= ? "
            "GROUP BY day ORDER BY day",
            [user_id, since],
        )
    )


def article_answers(db: sqlite_utils.Database, article_id: int) -> list[dict[str, Any]]:
    """Every quiz answer to the article's items, oldest first.

    `student` is the user ("u<id>"), or the attempt ("a<id>") for someone not logged in.
    """
    return list(
        db.query(
            "SELECT coalesce('u' || an.user_id, 'a' || an.attempt_id) AS student, "
            "an.attempt_id, an.item_id, an.response, an.correct, an.created "
            "FROM answers an JOIN items i ON i.id = an.item_id WHERE i.article_id = ? "
            "ORDER BY an.created, an.id",
            [article_id],
        )
    )


def attempt_results(db: sqlite_utils.Database, article_id: int) -> list[dict[str, Any]]:
    """Per attempt at the article with at least one answer: items asked, answered, right."""
    return list(
        db.query(
            # Count first, then read item_ids once per attempt (not once per answer row).
            "SELECT at.id, at.user_id, "
            "CASE WHEN json_valid(at.item_ids) THEN json_array_length(at.item_ids) END AS asked, "
            "r.answered, r.n_right FROM attempts at JOIN ("
            " SELECT an.attempt_id, count(*) AS answered, coalesce(sum(an.correct), 0) AS n_right"
            " FROM answers an JOIN attempts a2 ON a2.id = an.attempt_id WHERE a2.article_id = ?"
            " GROUP BY an.attempt_id) r ON r.attempt_id = at.id ORDER BY at.started, at.id",
            [article_id],
        )
    )


# Quizzes and answers (web: quiz) ---------------------------------------------------------


def quiz_item_ids(
    db: sqlite_utils.Database, article_id: int, kinds: Iterable[str], limit: int | None
) -> list[str]:
    """The ids of the article's best-ranked enabled items of these kinds, in rank order."""
    wanted = list(kinds)
    if not wanted:
        return []
    rows = db.execute(
        f"SELECT id FROM items WHERE article_id = ? AND enabled = 1 AND deleted = 0 "
        f"AND kind IN ({','.join('?' * len(wanted))}) ORDER BY position, id"
        + (" LIMIT ?" if limit else ""),
        [article_id, *wanted, *([limit] if limit else [])],
    )
    return [row[0] for row in rows]


def kind_counts(db: sqlite_utils.Database, article_id: int) -> dict[str, int]:
    """How many enabled items of each kind the article has."""
    rows = db.execute(
        "SELECT kind, count(*) FROM items WHERE article_id = ? AND enabled = 1 AND deleted = 0 "
        "GROUP BY kind",
        [article_id],
    )
    return {kind: count for kind, count in rows}


def create_attempt(
    db: sqlite_utils.Database,
    article_id: int,
    user_id: int | None,
    item_ids: list[str],
    kinds: Iterable[str],
) -> str:
    """Start a quiz attempt with its questions fixed; returns its random id."""
    attempt_id = secrets.token_urlsafe(16)
    with db.atomic():
        db.execute(
            "INSERT INTO attempts (id, user_id, article_id, item_ids, kinds, started) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [attempt_id, user_id, article_id, json.dumps(item_ids), json.dumps(list(kinds)), now()],
        )
    return attempt_id


def get_attempt(db: sqlite_utils.Database, attempt_id: str) -> dict[str, Any] | None:
    """The attempt with item_ids and kinds decoded, or None."""
    rows = select(db, "SELECT * FROM attempts WHERE id = ?", [attempt_id])
    if not rows:
        return None
    attempt = rows[0]
    attempt["item_ids"] = json.loads(attempt["item_ids"] or "[]")
    attempt["kinds"] = json.loads(attempt["kinds"] or "[]")
    return attempt


def get_article_by_id(db: sqlite_utils.Database, article_id: int) -> dict[str, Any] | None:
    """The article with this id, deleted or not, or None."""
    rows = select(db, "SELECT * FROM articles WHERE id = ?", [article_id])
    return rows[0] if rows else None


def _encode_response(response: str | list[Any]) -> str:
    # Text and choices are stored as typed; timeline and matching lists as JSON.
    return response if isinstance(response, str) else json.dumps(response, ensure_ascii=False)


def decode_response(kind: str, response: str | None) -> str | list[Any]:
    """The stored response as the grader saw it (a list for timeline and matching)."""
    if kind in ("timeline", "matching"):
        try:
            return json.loads(response or "[]")
        except ValueError:
            return []
    return response or ""


def save_answer(
    db: sqlite_utils.Database,
    attempt_id: str,
    user_id: int | None,
    item_id: str,
    response: str | list[Any],
    correct: bool,
    seconds: float | None,
) -> bool:
    """Store the answer unless this attempt already has one for the item; True if stored."""
    with db.atomic():
        cursor = db.execute(
            "INSERT OR IGNORE INTO answers "
            "(attempt_id, user_id, item_id, response, correct, seconds, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                attempt_id,
                user_id,
                item_id,
                _encode_response(response),
                int(correct),
                seconds,
                now(),
            ],
        )
    return cursor.rowcount == 1


def answers_for_attempt(db: sqlite_utils.Database, attempt_id: str) -> dict[str, dict[str, Any]]:
    """The attempt's answers by item id."""
    rows = select(db, "SELECT * FROM answers WHERE attempt_id = ? ORDER BY id", [attempt_id])
    return {row["item_id"]: row for row in rows}


def unfinished_attempt(
    db: sqlite_utils.Database, article_id: int, user_id: int | None, attempt_ids: list[str]
) -> dict[str, Any] | None:
    """The visitor's latest unfinished quiz on this article (theirs by user, else by session),
    with `answered`, the number of its questions answered so far; None when there is none."""
    owner, params = ("user_id = ?", [user_id]) if user_id is not None else (None, [])
    if owner is None:
        if not attempt_ids:
            return None
        owner, params = f"id IN ({','.join('?' * len(attempt_ids))})", list(attempt_ids)
    rows = select(
        db,
        "SELECT a.id, json_array_length(a.item_ids) AS total, "
        "(SELECT count(*) FROM answers WHERE attempt_id = a.id) AS answered "
        f"FROM attempts a WHERE a.article_id = ? AND a.finished IS NULL AND {owner} "
        "ORDER BY a.started DESC LIMIT 1",
        [article_id, *params],
    )
    return rows[0] if rows and rows[0]["answered"] < rows[0]["total"] else None


def finish_attempt(db: sqlite_utils.Database, attempt_id: str) -> None:
    """Stamp the attempt's end time (once)."""
    with db.atomic():
        db.execute(
            "UPDATE attempts SET finished = ? WHERE id = ? AND finished IS NULL",
            [now(), attempt_id],
        )


# Teachers: articles, items, class results (web: teach) ------------------------------------

EDITABLE_ITEM_FIELDS = ("prompt", "answer", "accepted", "choices", "explanation", "enabled")


def update_item(db: sqlite_utils.Database, item_id: str, changes: dict[str, Any]) -> None:
    """Change an item's editable fields; marks it edited so regeneration keeps it."""
    unknown = set(changes) - set(EDITABLE_ITEM_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    values = {
        key: json.dumps(value, ensure_ascii=False) if key in JSON_ITEM_FIELDS else value
        for key, value in changes.items()
    }
    sets = ", ".join(f"{key} = ?" for key in values)
    with db.atomic():
        db.execute(
            f"UPDATE items SET {sets}, edited = 1, updated = ? WHERE id = ?",
            [*values.values(), now(), item_id],
        )


def delete_item(db: sqlite_utils.Database, item_id: str) -> None:
    """Delete an item softly: it leaves quizzes, its answers stay for the statistics."""
    with db.atomic():
        db.execute(
            "UPDATE items SET deleted = 1, enabled = 0, edited = 1, updated = ? WHERE id = ?",
            [now(), item_id],
        )


def delete_article(db: sqlite_utils.Database, article_id: int) -> None:
    """Delete an article softly (articles.deleted is set); its items and answers stay."""
    with db.atomic():
        db.execute(
            "UPDATE articles SET deleted = ? WHERE id = ? AND deleted IS NULL", [now(), article_id]
        )


def class_results(db: sqlite_utils.Database, article_id: int) -> list[dict[str, Any]]:
    """Per logged-in user with answers to the article: attempts, best and last score (0..1)."""
    rows = db.query(
        "SELECT u.username, at.id, at.started, json_array_length(at.item_ids) AS asked, "
        "coalesce(sum(an.correct), 0) AS n_right "
        "FROM attempts at JOIN users u ON u.id = at.user_id "
        "JOIN answers an ON an.attempt_id = at.id "
        "WHERE at.article_id = ? GROUP BY at.id ORDER BY u.username, at.started, at.id",
        [article_id],
    )
    results: dict[str, dict[str, Any]] = {}
    for row in rows:
        score = row["n_right"] / row["asked"] if row["asked"] else 0.0
        entry = results.setdefault(
            row["username"], {"username": row["username"], "attempts": 0, "best": 0.0}
        )
        entry["attempts"] += 1
        entry["best"] = max(entry["best"], score)
        entry["last"] = score
        entry["last_started"] = row["started"]
    return list(results.values())


def item_results(db: sqlite_utils.Database, article_id: int) -> dict[str, dict[str, Any]]:
    """Per item of the article: answers and the share answered right."""
    rows = db.query(
        "SELECT an.item_id, count(*) AS answers, sum(an.correct) AS n_right "
        "FROM answers an JOIN items i ON i.id = an.item_id WHERE i.article_id = ? "
        "GROUP BY an.item_id",
        [article_id],
    )
    return {row["item_id"]: {**row, "share": row["n_right"] / row["answers"]} for row in rows}


# Background generation of long articles (web: teach) --------------------------------------


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


def create_generation_job(db: sqlite_utils.Database, user_id: int, name: str) -> str:
    """Record a new running generation job; returns its random id."""
    job_id = secrets.token_urlsafe(12)
    stamp = now()
    with db.atomic():
        db.execute(
            "INSERT INTO generation_jobs (id, user_id, name, status, progress, created, updated) "
            "VALUES (?, ?, ?, 'running', 0, ?, ?)",
            [job_id, user_id, name, stamp, stamp],
        )
    return job_id


def update_generation_job(db: sqlite_utils.Database, job_id: str, **fields: Any) -> None:
    """Set a job's status, progress (0..1), message or slug."""
    allowed = {"status", "progress", "message", "slug"}
    if set(fields) - allowed:
        raise ValueError(f"Unknown job fields: {sorted(set(fields) - allowed)}")
    sets = ", ".join(f"{key} = ?" for key in fields)
    with db.atomic():
        db.execute(
            f"UPDATE generation_jobs SET {sets}, updated = ? WHERE id = ?",
            [*fields.values(), now(), job_id],
        )


def get_generation_job(db: sqlite_utils.Database, job_id: str) -> dict[str, Any] | None:
    """The generation job with this id, or None."""
    rows = list(db.query("SELECT * FROM generation_jobs WHERE id = ?", [job_id]))
    return rows[0] if rows else None


# Indexes found missing by bench/scale.py (reliability and benchmarks) ---------------------


@migrations()
def m005_item_count_index(db: sqlite_utils.Database) -> None:
    # Item counts per article and kind (home page, quiz setup) read this index alone instead
    # of every item row: 6.2 -> 1.0 ms for kind_counts on a 10,000-item article.
    db.table("items").create_index(
        ["article_id", "enabled", "deleted", "kind"], index_name="items_article_enabled_kind"
    )


# Statistics and results at scale (benchmarks) ---------------------------------------------
# Answers are reached through the article's attempts (index attempts(article_id, user_id), then
# answers(attempt_id, item_id)): an attempt only ever holds items of its own article, and this
# reads the answers alone instead of probing the answers index once per item of the article.


def get_article_summary(db: sqlite_utils.Database, slug: str) -> dict[str, Any] | None:
    """The live article with this slug without its text (id, slug, title, words, source)."""
    rows = select(
        db,
        "SELECT id, slug, title, words, source, created FROM articles "
        "WHERE slug = ? AND deleted IS NULL",
        [slug],
    )
    return rows[0] if rows else None


_STUDENT = "coalesce('u' || an.user_id, 'a' || an.attempt_id)"


def article_first_answers(db: sqlite_utils.Database, article_id: int) -> list[sqlite3.Row]:
    """Each student's first answer to each item of the article (student, item_id, correct,
    response; rows read by name), in the order they were given; `student` as in
    article_answers."""
    cursor = db.conn.cursor()
    cursor.row_factory = sqlite3.Row  # built in C: a third of the time of dicts
    return cursor.execute(
        "SELECT student, item_id, correct, response FROM ("
        f" SELECT {_STUDENT} AS student, an.item_id, an.correct, an.response, an.created, an.id,"
        f" row_number() OVER (PARTITION BY {_STUDENT}, an.item_id ORDER BY an.created, an.id)"
        " AS nth FROM attempts at CROSS JOIN answers an ON an.attempt_id = at.id"
        " WHERE at.article_id = ?) WHERE nth = 1 ORDER BY created, id",
        [article_id],
    ).fetchall()


def answered_items(
    db: sqlite_utils.Database, article_id: int, *, offset: int = 0, limit: int = -1
) -> list[dict[str, Any]]:
    """The article's live items with at least one answer, in rank order (a page of them when
    limit is given): id, kind, prompt, enabled, position, and for the multiple-choice kinds
    (mcq, true_false) answer and choices, decoded; what statistics and result tables need."""
    rows = select(
        db,
        "SELECT id, kind, prompt, enabled, position, "
        "CASE WHEN kind IN ('mcq', 'true_false') THEN answer END AS answer, "
        "CASE WHEN kind IN ('mcq', 'true_false') THEN choices END AS choices "
        "FROM items WHERE deleted = 0 AND id IN ("
        " SELECT an.item_id FROM attempts at CROSS JOIN answers an ON an.attempt_id = at.id"
        " WHERE at.article_id = ?) ORDER BY position, id LIMIT ? OFFSET ?",
        [article_id, limit, offset],
    )
    for row in rows:
        if row["answer"] is not None:
            row["answer"], row["choices"] = json.loads(row["answer"]), json.loads(row["choices"])
    return rows


def answered_item_ids(db: sqlite_utils.Database, article_id: int) -> list[str]:
    """The ids of the article's live items with at least one answer, in rank order."""
    rows = db.execute(
        "SELECT id FROM items WHERE deleted = 0 AND id IN ("
        " SELECT an.item_id FROM attempts at CROSS JOIN answers an ON an.attempt_id = at.id"
        " WHERE at.article_id = ?) ORDER BY position, id",
        [article_id],
    )
    return [row[0] for row in rows]


def count_items(db: sqlite_utils.Database, article_id: int) -> int:
    """How many items the article has, disabled ones included, deleted ones not."""
    return db.execute(
        "SELECT count(*) FROM items WHERE article_id = ? AND deleted = 0", [article_id]
    ).fetchone()[0]


def article_item_results(db: sqlite_utils.Database, article_id: int) -> dict[str, dict[str, Any]]:
    """Per answered live item of the article: answers and the share answered right (as
    item_results, read through the article's attempts; deleted items left out)."""
    rows = select(
        db,
        "SELECT an.item_id, count(*) AS answers, sum(an.correct) AS n_right "
        "FROM attempts at CROSS JOIN answers an ON an.attempt_id = at.id "
        "JOIN items i ON i.id = an.item_id AND i.deleted = 0 "
        "WHERE at.article_id = ? GROUP BY an.item_id",
        [article_id],
    )
    return {row["item_id"]: {**row, "share": row["n_right"] / row["answers"]} for row in rows}


def get_quiz_question(
    db: sqlite_utils.Database, attempt_id: str, number: int
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], bool] | None:
    """An attempt's number-th question (1-based) in one read: (attempt as get_attempt gives it,
    article id/slug/title, item decoded, whether the attempt has answered it), or None when
    the attempt, the number, the item or the article is not there."""
    if number < 1:
        return None
    cursor = db.conn.execute(
        "SELECT i.*, at.id, at.user_id, at.article_id, at.item_ids, at.kinds, at.started,"
        " at.finished, a.slug, a.title,"
        " EXISTS (SELECT 1 FROM answers an WHERE an.attempt_id = at.id AND an.item_id = i.id)"
        " FROM attempts at JOIN articles a ON a.id = at.article_id"
        " JOIN items i ON i.id = json_extract(at.item_ids, '$[' || ? || ']') WHERE at.id = ?",
        [number - 1, attempt_id],
    )
    row = cursor.fetchone()
    if row is None:
        return None
    # The item's own columns come first (i.*), then the ten named ones: split by position
    # rather than by prefixed names (sorting those out cost 5 of this function's 27 us).
    n = len(row) - 10
    item = _decode_item(dict(zip([c[0] for c in cursor.description[:n]], row[:n], strict=True)))
    at_id, user_id, article_id, item_ids, kinds, started, finished, slug, title, answered = row[n:]
    attempt = {
        "id": at_id,
        "user_id": user_id,
        "article_id": article_id,
        "item_ids": json.loads(item_ids or "[]"),
        "kinds": json.loads(kinds or "[]"),
        "started": started,
        "finished": finished,
    }
    article = {"id": article_id, "slug": slug, "title": title}
    return attempt, article, item, bool(answered)


def count_articles(db: sqlite_utils.Database) -> int:
    """How many live articles there are."""
    return db.execute("SELECT count(*) FROM articles WHERE deleted IS NULL").fetchone()[0]


def articles_page(db: sqlite_utils.Database, offset: int, limit: int) -> list[dict[str, Any]]:
    """A page of list_articles (same columns and order)."""
    return select(
        db,
        "SELECT a.id, a.slug, a.title, a.words, a.source, a.created, "
        "(SELECT count(*) FROM items i WHERE i.article_id = a.id AND i.enabled = 1 "
        " AND i.deleted = 0) AS item_count "
        "FROM articles a WHERE a.deleted IS NULL ORDER BY a.created DESC, a.id DESC "
        "LIMIT ? OFFSET ?",
        [limit, offset],
    )
