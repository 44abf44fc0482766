"""Storage of articles and their items: save (regenerating), read, page, count, edit, delete."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from questions import Article, Item
from quizapp.storage import schema
from quizapp.storage.connection import select

JSON_ITEM_FIELDS = ("answer", "accepted", "choices", "tags")


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
    stamp = schema.now()
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
        # The teacher's enable/disable of unedited items outlives the regeneration.
        chosen_state = dict(
            db.execute(
                "SELECT id, enabled FROM items WHERE article_id = ? AND state_set = 1 "
                "AND edited = 0 AND deleted = 0",
                [article_id],
            ).fetchall()
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
        for enabled in (0, 1):
            ids = sorted(i for i, on in chosen_state.items() if on == enabled)
            if ids:
                db.execute(
                    f"UPDATE items SET enabled = ?, state_set = 1 WHERE article_id = ? "
                    f"AND id IN ({','.join('?' * len(ids))})",
                    [enabled, article_id, *ids],
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


def get_article_summary(db: sqlite_utils.Database, slug: str) -> dict[str, Any] | None:
    """The live article with this slug without its text (id, slug, title, words, source)."""
    rows = select(
        db,
        "SELECT id, slug, title, words, source, created FROM articles "
        "WHERE slug = ? AND deleted IS NULL",
        [slug],
    )
    return rows[0] if rows else None


def get_article_by_id(db: sqlite_utils.Database, article_id: int) -> dict[str, Any] | None:
    """The article with this id, deleted or not, or None."""
    rows = select(db, "SELECT * FROM articles WHERE id = ?", [article_id])
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


def count_items(db: sqlite_utils.Database, article_id: int) -> int:
    """How many items the article has, disabled ones included, deleted ones not."""
    return db.execute(
        "SELECT count(*) FROM items WHERE article_id = ? AND deleted = 0", [article_id]
    ).fetchone()[0]


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


# Teachers' edits (web: teach) --------------------------------------------------------------

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
            [*values.values(), schema.now(), item_id],
        )


def delete_item(db: sqlite_utils.Database, item_id: str) -> None:
    """Delete an item softly: it leaves quizzes, its answers stay for the statistics."""
    with db.atomic():
        db.execute(
            "UPDATE items SET deleted = 1, enabled = 0, edited = 1, updated = ? WHERE id = ?",
            [schema.now(), item_id],
        )


def delete_article(db: sqlite_utils.Database, article_id: int) -> None:
    """Delete an article softly (articles.deleted is set); its items and answers stay."""
    with db.atomic():
        db.execute(
            "UPDATE articles SET deleted = ? WHERE id = ? AND deleted IS NULL",
            [schema.now(), article_id],
        )
