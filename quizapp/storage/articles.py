"""Storage of articles and their items: save (regenerating), read, page, count, edit, delete."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from questions import Article, Item
from questions.model import Rejection
from quizapp.storage import schema
from quizapp.storage.connection import select
from quizapp.storage.items import JSON_ITEM_FIELDS, StoredItem


def _item_row(
    item: Item, item_id: str, article_id: int, position: int, stamp: str
) -> dict[str, Any]:
    row = item.to_dict()
    row["enabled"] = int(row.pop("selected"))  # the rest of --all waits, off, for the teacher
    row["curated"] = row["enabled"]
    for key in JSON_ITEM_FIELDS:
        row[key] = json.dumps(row[key], ensure_ascii=False)
    row.update(id=item_id, article_id=article_id, position=position, updated=stamp)
    return row


def stored_item_id(stored_slug: str, generated_slug: str, item_id: str) -> str:
    """The id an item has in the database: the generator's id when the article is stored
    under the slug the generator hashed, else a hash of the stored slug and that id.

    A deleted article keeps its slug and its item rows; the same text added again is stored
    as slug-2 and must not take those rows over (the generator's ids would be the same).
    """
    if stored_slug == generated_slug:
        return item_id
    return hashlib.sha1(json.dumps([stored_slug, item_id]).encode()).hexdigest()[:16]


def save_article(
    db: sqlite_utils.Database,
    article: Article,
    source: str = "",
    slug: str | None = None,
    *,
    draft: bool = False,
) -> int:
    """Store an article and its items; returns the article id.

    With slug (a live stored article, say one being regenerated), or when the generated slug
    names a live article, that article is updated: items a teacher edited or deleted stay as
    they are and the other old items are replaced by the new generation. Otherwise a new
    article is stored under a slug no article, deleted ones included, has had. Item ids
    are per stored article (stored_item_id): a save never touches another article's rows.
    A new article with draft=True is hidden from students until publish_article. The
    generator's curated items are enabled, the others (`all_items`) are stored disabled for
    the teacher to switch on.
    """
    stamp = schema.now()
    with db.atomic():
        existing = db.execute(
            "SELECT id, slug FROM articles WHERE slug = ? AND deleted IS NULL",
            [slug or article.slug],
        ).fetchone()
        if existing:
            article_id, stored_slug = existing
            db.execute(
                "UPDATE articles SET title = ?, text = ?, words = ?, updated = ? WHERE id = ?",
                [article.title, article.text, article.words, stamp, article_id],
            )
        else:
            stored_slug = unique_slug(db, slug or article.slug)
            article_id = (
                db.table("articles")
                .insert(
                    {
                        "slug": stored_slug,
                        "title": article.title,
                        "text": article.text,
                        "words": article.words,
                        "source": source,
                        "created": stamp,
                        "updated": stamp,
                        "published": None if draft else stamp,
                    }
                )
                .last_pk
            )
        ids = [stored_item_id(stored_slug, article.slug, item.id) for item in article.items]
        taken = _ids_of_other_articles(db, article_id, ids)
        if taken:  # only a hash collision or an older database's mix-up gets here
            ids = [
                stored_item_id(f"{stored_slug}#{article_id}", article.slug, item.id)
                if item_id in taken
                else item_id
                for item, item_id in zip(article.items, ids, strict=True)
            ]
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
            _item_row(item, item_id, article_id, position, stamp)
            for position, (item, item_id) in enumerate(zip(article.items, ids, strict=True))
            if item_id not in kept
        ]
        db.table("items").upsert_all(rows, pk="id", alter=False)
        # The generator's curated items are on; the rest of --all waits, off, for the teacher.
        selected = sorted({i for item, i in zip(article.items, ids, strict=True) if item.selected})
        if selected:
            db.execute(
                f"UPDATE items SET enabled = 1 WHERE article_id = ? AND edited = 0 "
                f"AND deleted = 0 AND id IN ({','.join('?' * len(selected))})",
                [article_id, *selected],
            )
        _save_rejections(db, article_id, article.rejected)
        for enabled in (0, 1):
            chosen = sorted(i for i, on in chosen_state.items() if on == enabled)
            if chosen:
                db.execute(
                    f"UPDATE items SET enabled = ?, state_set = 1 WHERE article_id = ? "
                    f"AND id IN ({','.join('?' * len(chosen))})",
                    [enabled, article_id, *chosen],
                )
    return article_id


def _save_rejections(
    db: sqlite_utils.Database, article_id: int, rejected: Iterable[Rejection]
) -> None:
    # The last generation's: a regeneration replaces them.
    db.execute("DELETE FROM rejections WHERE article_id = ?", [article_id])
    db.table("rejections").insert_all(
        (
            {
                "article_id": article_id,
                "rule": r.rule,
                "reason": r.reason,
                "kind": r.kind,
                "prompt": r.prompt,
                "answer": json.dumps(r.answer, ensure_ascii=False),
            }
            for r in rejected
        ),
        alter=False,
    )


def rejections_for_article(
    db: sqlite_utils.Database, article_id: int, *, limit: int = -1
) -> list[Rejection]:
    """The candidates the generator's rules turned down at the article's last generation, in
    the generator's order (the first `limit` of them; -1: all)."""
    rows = db.execute(
        "SELECT rule, reason, kind, prompt, answer FROM rejections WHERE article_id = ? "
        "ORDER BY id LIMIT ?",
        [article_id, limit],
    )
    return [
        Rejection(rule, reason, kind, prompt, json.loads(answer))
        for rule, reason, kind, prompt, answer in rows
    ]


def rejection_counts(db: sqlite_utils.Database, article_id: int) -> dict[str, int]:
    """How many candidates each rule turned down at the article's last generation, the rule
    that fired most first."""
    rows = db.execute(
        "SELECT rule, count(*) AS n FROM rejections WHERE article_id = ? GROUP BY rule "
        "ORDER BY n DESC, rule",
        [article_id],
    )
    return {rule: count for rule, count in rows}


def _ids_of_other_articles(db: sqlite_utils.Database, article_id: int, ids: list[str]) -> set:
    taken: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            f"SELECT id FROM items WHERE article_id != ? AND id IN ({marks})", [article_id, *chunk]
        )
        taken.update(row[0] for row in rows)
    return taken


def live_article_titled(db: sqlite_utils.Database, title: str) -> dict[str, Any] | None:
    """A live article with this title (id, slug, title), or None."""
    rows = select(
        db, "SELECT id, slug, title FROM articles WHERE title = ? AND deleted IS NULL", [title]
    )
    return rows[0] if rows else None


def unique_slug(db: sqlite_utils.Database, slug: str) -> str:
    """Return slug, or slug-2, slug-3 ... whichever is not taken yet."""
    taken = {row[0] for row in db.execute("SELECT slug FROM articles")}
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def _shown(drafts: bool) -> str:
    return "" if drafts else " AND a.published IS NOT NULL"


def list_articles(db: sqlite_utils.Database, *, drafts: bool = True) -> list[dict[str, Any]]:
    """Every live article (drafts too unless drafts=False) with its count of enabled items
    and `published` (None for a draft), newest first."""
    return list(
        db.query(
            "SELECT a.id, a.slug, a.title, a.words, a.source, a.created, a.published, "
            "(SELECT count(*) FROM items i WHERE i.article_id = a.id AND i.enabled = 1 "
            " AND i.deleted = 0) AS item_count "
            f"FROM articles a WHERE a.deleted IS NULL{_shown(drafts)} "
            "ORDER BY a.created DESC, a.id DESC"
        )
    )


def get_article(db: sqlite_utils.Database, slug: str) -> dict[str, Any] | None:
    """The live article with this slug, or None."""
    rows = select(db, "SELECT * FROM articles WHERE slug = ? AND deleted IS NULL", [slug])
    return rows[0] if rows else None


def get_article_summary(db: sqlite_utils.Database, slug: str) -> dict[str, Any] | None:
    """The live article with this slug without its text (id, slug, title, words, source,
    created, published)."""
    rows = select(
        db,
        "SELECT id, slug, title, words, source, created, published FROM articles "
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
) -> list[StoredItem]:
    """The article's items in rank order."""
    where = "article_id = ? AND deleted = 0" + ("" if include_disabled else " AND enabled = 1")
    rows = select(db, f"SELECT * FROM items WHERE {where} ORDER BY position, id", [article_id])
    return [StoredItem.from_row(row) for row in rows]


def get_items(db: sqlite_utils.Database, item_ids: Iterable[str]) -> dict[str, StoredItem]:
    """Items by id (any state)."""
    ids = list(item_ids)
    if not ids:
        return {}
    rows = select(db, f"SELECT * FROM items WHERE id IN ({','.join('?' * len(ids))})", ids)
    return {row["id"]: StoredItem.from_row(row) for row in rows}


def count_items(db: sqlite_utils.Database, article_id: int) -> int:
    """How many items the article has, disabled ones included, deleted ones not."""
    return db.execute(
        "SELECT count(*) FROM items WHERE article_id = ? AND deleted = 0", [article_id]
    ).fetchone()[0]


def count_articles(db: sqlite_utils.Database, *, drafts: bool = True) -> int:
    """How many live articles there are (drafts too unless drafts=False)."""
    return db.execute(
        f"SELECT count(*) FROM articles a WHERE a.deleted IS NULL{_shown(drafts)}"
    ).fetchone()[0]


def articles_page(
    db: sqlite_utils.Database, offset: int, limit: int, *, drafts: bool = True
) -> list[dict[str, Any]]:
    """A page of list_articles (same columns and order)."""
    return select(
        db,
        "SELECT a.id, a.slug, a.title, a.words, a.source, a.created, a.published, "
        "(SELECT count(*) FROM items i WHERE i.article_id = a.id AND i.enabled = 1 "
        " AND i.deleted = 0) AS item_count "
        f"FROM articles a WHERE a.deleted IS NULL{_shown(drafts)} "
        "ORDER BY a.created DESC, a.id DESC LIMIT ? OFFSET ?",
        [limit, offset],
    )


def export_versions(
    db: sqlite_utils.Database, slug: str | None = None, *, drafts: bool = True
) -> tuple[tuple, ...]:
    """What an export of the live articles (one slug, else all; drafts too unless
    drafts=False) depends on: per article its id, title, change time, publication and its
    items' count and latest change. Equal versions mean an equal export."""
    where = "a.deleted IS NULL" + ("" if drafts else " AND a.published IS NOT NULL")
    params: list[Any] = []
    if slug is not None:
        where += " AND a.slug = ?"
        params.append(slug)
    rows = db.execute(
        "SELECT a.id, a.slug, a.title, a.updated, a.published, "
        "(SELECT count(*) FROM items i WHERE i.article_id = a.id), "
        "(SELECT max(i.updated) FROM items i WHERE i.article_id = a.id) "
        f"FROM articles a WHERE {where} ORDER BY a.id",
        params,
    )
    return tuple(tuple(row) for row in rows)


def deleted_articles(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """The deleted articles (id, slug, title, deleted), most recently deleted first."""
    return select(
        db,
        "SELECT id, slug, title, deleted FROM articles WHERE deleted IS NOT NULL "
        "ORDER BY deleted DESC, id DESC",
    )


def get_deleted_article(db: sqlite_utils.Database, slug: str) -> dict[str, Any] | None:
    """The deleted article with this slug, or None."""
    rows = select(db, "SELECT * FROM articles WHERE slug = ? AND deleted IS NOT NULL", [slug])
    return rows[0] if rows else None


def deleted_article_titled(db: sqlite_utils.Database, title: str) -> dict[str, Any] | None:
    """The most recently deleted article with this title (id, slug, title, deleted), or None."""
    rows = select(
        db,
        "SELECT id, slug, title, deleted FROM articles WHERE title = ? AND deleted IS NOT NULL "
        "ORDER BY deleted DESC, id DESC LIMIT 1",
        [title],
    )
    return rows[0] if rows else None


def restore_article(db: sqlite_utils.Database, article_id: int) -> None:
    """Bring a deleted article back, with its items, edits and answers as they were."""
    with db.atomic():
        db.execute("UPDATE articles SET deleted = NULL WHERE id = ?", [article_id])


def publish_article(db: sqlite_utils.Database, article_id: int, published: bool) -> None:
    """Show the article to students (published) or make it a draft again."""
    with db.atomic():
        db.execute(
            "UPDATE articles SET published = ? WHERE id = ?",
            [schema.now() if published else None, article_id],
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
