"""Storage of the study schedule: FSRS cards, their review log, a student's progress."""

from __future__ import annotations

from typing import Any

import sqlite_utils


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


def home_summary(
    db: sqlite_utils.Database, user_id: int, article_ids: list[int], due_before: str
) -> dict[int, dict[str, Any]]:
    """Per article (of article_ids) the student has met: the last quiz's score (right, asked)
    and how many of their cards are due."""
    if not article_ids:
        return {}
    marks = ",".join("?" * len(article_ids))
    summary: dict[int, dict[str, Any]] = {}
    for row in db.query(
        "SELECT at.article_id, json_array_length(at.item_ids) AS asked, "
        "(SELECT coalesce(sum(correct), 0) FROM answers WHERE attempt_id = at.id) AS n_right, "
        "(SELECT count(*) FROM answers WHERE attempt_id = at.id) AS answered "
        f"FROM attempts at WHERE at.user_id = ? AND at.article_id IN ({marks}) "
        "ORDER BY at.started",
        [user_id, *article_ids],
    ):
        if row["answered"]:  # the latest attempt with an answer wins
            summary.setdefault(row["article_id"], {"due": 0})["last"] = row
    for article_id, due in db.execute(
        "SELECT i.article_id, count(*) FROM cards c JOIN items i ON i.id = c.item_id "
        f"WHERE c.user_id = ? AND i.article_id IN ({marks}) AND i.enabled = 1 "
        "AND i.deleted = 0 AND c.due < ? GROUP BY i.article_id",
        [user_id, *article_ids, due_before],
    ):
        summary.setdefault(article_id, {"due": 0})["due"] = due
    return summary
