"""Storage for the teacher's review page: a filtered page of items, and bulk enable/disable."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import sqlite_utils

from quizapp.storage import schema
from quizapp.storage.connection import select
from quizapp.storage.items import StoredItem


def review_items(
    db: sqlite_utils.Database,
    article_id: int,
    *,
    kind: str = "",
    state: str = "",
    edited: bool = False,
    search: str = "",
    only_ids: Collection[str] | None = None,
    offset: int = 0,
    limit: int = 50,
) -> tuple[list[StoredItem], int]:
    """A page of the article's live items in rank order, filtered, and how many match.

    state is "enabled", "disabled" or "" (both); search looks in prompt, answer and choices;
    only_ids (when given) keeps those items only.
    """
    where, params = ["article_id = ?", "deleted = 0"], [article_id]
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if state in ("enabled", "disabled"):
        where.append(f"enabled = {int(state == 'enabled')}")
    if edited:
        where.append("edited = 1")
    if search.strip():
        pattern = "%" + search.strip().replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")
        where.append(
            "(prompt LIKE ? ESCAPE '\\' OR answer LIKE ? ESCAPE '\\' OR choices LIKE ? ESCAPE '\\')"
        )
        params += [pattern + "%"] * 3
    if only_ids is not None:
        ids = sorted(only_ids)
        where.append(f"id IN ({','.join('?' * len(ids))})")
        params += ids
    clause = " AND ".join(where)
    total = db.execute(f"SELECT count(*) FROM items WHERE {clause}", params).fetchone()[0]
    rows = select(
        db,
        f"SELECT * FROM items WHERE {clause} ORDER BY position, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [StoredItem.from_row(row) for row in rows], total


def set_items_enabled(
    db: sqlite_utils.Database, article_id: int, item_ids: Iterable[str], enabled: bool
) -> int:
    """Enable or disable live items of the article; not an edit, but kept on regeneration.
    Returns how many items changed."""
    ids = list(item_ids)
    if not ids:
        return 0
    with db.atomic():
        cursor = db.execute(
            f"UPDATE items SET enabled = ?, state_set = 1, updated = ? WHERE article_id = ? "
            f"AND deleted = 0 AND enabled != ? AND id IN ({','.join('?' * len(ids))})",
            [int(enabled), schema.now(), article_id, int(enabled), *ids],
        )
    return cursor.rowcount
