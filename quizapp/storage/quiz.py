"""Storage of quizzes: choosing items, attempts, answers and one question of an attempt."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from quizapp.storage import schema
from quizapp.storage.connection import select
from quizapp.storage.items import StoredItem

# No attempt holds more questions than this (an article's items); a larger number in a URL
# is a 404 like any other missing question.
MAX_QUESTIONS = 1_000_000


def quiz_candidates(
    db: sqlite_utils.Database, article_id: int, kinds: Iterable[str]
) -> list[dict[str, Any]]:
    """The article's enabled items of these kinds in rank order, with what choosing a quiz
    needs: id, kind, answer (as stored: JSON text, not decoded, since comparing is all it is
    for), source_sentence."""
    wanted = list(kinds)
    if not wanted:
        return []
    rows = db.execute(
        "SELECT id, kind, answer, source_sentence FROM items "
        f"WHERE article_id = ? AND enabled = 1 AND deleted = 0 "
        f"AND kind IN ({','.join('?' * len(wanted))}) ORDER BY position, id",
        [article_id, *wanted],
    )
    return [
        {"id": id_, "kind": kind, "answer": answer, "source_sentence": sentence}
        for id_, kind, answer, sentence in rows
    ]


def asked_item_ids(
    db: sqlite_utils.Database, article_id: int, user_id: int | None, attempt_ids: list[str]
) -> set[str]:
    """The items earlier quizzes on this article asked this visitor (theirs by user, else the
    session's attempts)."""
    if user_id is not None:
        owner, params = "a.user_id = ?", [user_id]
    elif attempt_ids:
        owner, params = f"a.id IN ({','.join('?' * len(attempt_ids))})", list(attempt_ids)
    else:
        return set()
    rows = db.execute(
        "SELECT DISTINCT j.value FROM attempts a, json_each(a.item_ids) j "
        f"WHERE a.article_id = ? AND {owner}",
        [article_id, *params],
    )
    return {row[0] for row in rows}


def right_item_ids(db: sqlite_utils.Database, article_id: int, user_id: int) -> set[str]:
    """The article's items this user has answered right at least once in a quiz."""
    rows = db.execute(
        "SELECT DISTINCT an.item_id FROM attempts at CROSS JOIN answers an "
        "ON an.attempt_id = at.id WHERE at.article_id = ? AND an.user_id = ? AND an.correct = 1",
        [article_id, user_id],
    )
    return {row[0] for row in rows}


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
            [
                attempt_id,
                user_id,
                article_id,
                json.dumps(item_ids),
                json.dumps(list(kinds)),
                schema.now(),
            ],
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


def _encode_response(response: str | list[Any]) -> str:
    # Text and choices are stored as typed; timeline and matching lists as JSON.
    return response if isinstance(response, str) else json.dumps(response, ensure_ascii=False)


def decode_response(response: str | None, as_list: bool) -> str | list[Any]:
    """The stored response as the grader saw it (a list for kinds whose answer is one)."""
    if as_list:
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
                schema.now(),
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
            [schema.now(), attempt_id],
        )


def get_quiz_question(
    db: sqlite_utils.Database, attempt_id: str, number: int
) -> tuple[dict[str, Any], dict[str, Any], StoredItem, bool] | None:
    """An attempt's number-th question (1-based) in one read: (attempt as get_attempt gives it,
    article id/slug/title, the item, whether the attempt has answered it), or None when the
    attempt, the number, the item or the article is not there."""
    if not 1 <= number <= MAX_QUESTIONS:  # SQLite's integers end at 2**63 - 1
        return None
    cursor = db.conn.execute(
        "SELECT i.*, at.id AS at_id, at.user_id AS at_user_id, at.article_id AS at_article_id,"
        " at.item_ids AS at_item_ids, at.kinds AS at_kinds, at.started AS at_started,"
        " at.finished AS at_finished, a.slug AS a_slug, a.title AS a_title,"
        " EXISTS (SELECT 1 FROM answers an WHERE an.attempt_id = at.id AND an.item_id = i.id)"
        " AS at_answered"
        " FROM attempts at JOIN articles a ON a.id = at.article_id"
        " JOIN items i ON i.id = json_extract(at.item_ids, '$[' || ? || ']') WHERE at.id = ?",
        [number - 1, attempt_id],
    )
    row = cursor.fetchone()
    if row is None:
        return None
    # By column name: the item's columns keep theirs, the others have prefixed aliases.
    found = dict(zip([c[0] for c in cursor.description], row, strict=True))
    attempt = {
        "id": found["at_id"],
        "user_id": found["at_user_id"],
        "article_id": found["at_article_id"],
        "item_ids": json.loads(found["at_item_ids"] or "[]"),
        "kinds": json.loads(found["at_kinds"] or "[]"),
        "started": found["at_started"],
        "finished": found["at_finished"],
    }
    article = {"id": found["at_article_id"], "slug": found["a_slug"], "title": found["a_title"]}
    return attempt, article, StoredItem.from_row(found), bool(found["at_answered"])


def claim_attempts(
    db: sqlite_utils.Database, attempt_ids: list[str], user_id: int
) -> list[dict[str, Any]]:
    """Make the session's anonymous attempts (and their answers) the user's, on logging in;
    returns the answers claimed (item_id, correct, created), oldest first."""
    if not attempt_ids:
        return []
    marks = ",".join("?" * len(attempt_ids))
    with db.atomic():
        claimed = [
            row[0]
            for row in db.execute(
                f"SELECT id FROM attempts WHERE user_id IS NULL AND id IN ({marks})", attempt_ids
            )
        ]
        if not claimed:
            return []
        marks = ",".join("?" * len(claimed))
        db.execute(f"UPDATE attempts SET user_id = ? WHERE id IN ({marks})", [user_id, *claimed])
        db.execute(
            f"UPDATE answers SET user_id = ? WHERE user_id IS NULL AND attempt_id IN ({marks})",
            [user_id, *claimed],
        )
    return select(
        db,
        f"SELECT item_id, correct, created FROM answers WHERE attempt_id IN ({marks}) "
        "ORDER BY created, id",
        claimed,
    )
