"""Storage reads for results and statistics: answers, attempts and items of an article."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import sqlite_utils

from quizapp.storage.connection import select

# Teachers' statistics count students' answers only: an anonymous visitor (no account) or a
# teacher trying a quiz out must not move the class's figures or flag items (issue 15).
STUDENTS = "(SELECT id FROM users WHERE role = 'student')"


def article_answers(db: sqlite_utils.Database, article_id: int) -> list[dict[str, Any]]:
    """Every student's quiz answer to the article's items, oldest first.

    `student` is the user ("u<id>"), or the attempt ("a<id>") for someone not logged in.
    """
    return list(
        db.query(
            "SELECT coalesce('u' || an.user_id, 'a' || an.attempt_id) AS student, "
            "an.attempt_id, an.item_id, an.response, an.correct, an.created "
            "FROM answers an JOIN items i ON i.id = an.item_id WHERE i.article_id = ? "
            f"AND an.user_id IN {STUDENTS} ORDER BY an.created, an.id",
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
            " GROUP BY an.attempt_id) r ON r.attempt_id = at.id"
            f" WHERE at.user_id IN {STUDENTS} ORDER BY at.started, at.id",
            [article_id],
        )
    )


def class_results(db: sqlite_utils.Database, article_id: int) -> list[dict[str, Any]]:
    """Per logged-in user with answers to the article: attempts, best and last score (0..1)."""
    rows = db.query(
        "SELECT u.username, at.id, at.started, json_array_length(at.item_ids) AS asked, "
        "coalesce(sum(an.correct), 0) AS n_right "
        "FROM attempts at JOIN users u ON u.id = at.user_id "
        "JOIN answers an ON an.attempt_id = at.id "
        "WHERE at.article_id = ? AND u.role = 'student' "
        "GROUP BY at.id ORDER BY u.username, at.started, at.id",
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
        f"AND an.user_id IN {STUDENTS} GROUP BY an.item_id",
        [article_id],
    )
    return {row["item_id"]: {**row, "share": row["n_right"] / row["answers"]} for row in rows}


# Statistics and results at scale (benchmarks) ---------------------------------------------
# Answers are reached through the article's attempts (index attempts(article_id, user_id), then
# answers(attempt_id, item_id)): an attempt only ever holds items of its own article, and this
# reads the answers alone instead of probing the answers index once per item of the article.

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
        f" WHERE at.article_id = ? AND at.user_id IN {STUDENTS}) WHERE nth = 1"
        " ORDER BY created, id",
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
        f" WHERE at.article_id = ? AND at.user_id IN {STUDENTS})"
        " ORDER BY position, id LIMIT ? OFFSET ?",
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
        f" WHERE at.article_id = ? AND at.user_id IN {STUDENTS}) ORDER BY position, id",
        [article_id],
    )
    return [row[0] for row in rows]


def article_item_results(db: sqlite_utils.Database, article_id: int) -> dict[str, dict[str, Any]]:
    """Per answered live item of the article: answers and the share answered right (as
    item_results, read through the article's attempts; deleted items left out)."""
    rows = select(
        db,
        "SELECT an.item_id, count(*) AS answers, sum(an.correct) AS n_right "
        "FROM attempts at CROSS JOIN answers an ON an.attempt_id = at.id "
        "JOIN items i ON i.id = an.item_id AND i.deleted = 0 "
        f"WHERE at.article_id = ? AND at.user_id IN {STUDENTS} GROUP BY an.item_id",
        [article_id],
    )
    return {row["item_id"]: {**row, "share": row["n_right"] / row["answers"]} for row in rows}
