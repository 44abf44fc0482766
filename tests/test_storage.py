"""Storage: migrations, articles and items, regeneration keeping edits."""

import sqlite3

import pytest

from questions import Article, Item
from quizapp import storage


def make_article(slug="a", n=3, title="A title"):
    items = tuple(
        Item(id=f"{slug}-{i}", kind="cloze", prompt=f"p{i} _____", answer=f"x{i}") for i in range(n)
    )
    return Article(title=title, slug=slug, paragraphs=("One. Two.",), items=items)


def test_migrations_apply_twice(tmp_path):
    path = tmp_path / "m.db"
    db = storage.open_db(path)
    storage.migrate(db)
    db.close()
    db = storage.open_db(path)
    assert {"articles", "items", "users", "attempts", "answers"} <= set(db.table_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_save_article_and_list(db):
    article_id = storage.save_article(db, make_article(n=4), source="a.txt")
    listed = storage.list_articles(db)
    assert [(a["slug"], a["item_count"]) for a in listed] == [("a", 4)]
    items = storage.items_for_article(db, article_id)
    assert [i.id for i in items] == ["a-0", "a-1", "a-2", "a-3"]
    assert items[0].accepted == () and isinstance(items[0].tags, tuple)


def test_regenerate_keeps_edited_items(db):
    article_id = storage.save_article(db, make_article(n=3))
    db.execute("UPDATE items SET prompt = 'edited', edited = 1 WHERE id = 'a-1'")
    storage.save_article(db, make_article(n=2))
    items = {i.id: i for i in storage.items_for_article(db, article_id)}
    assert items["a-1"].prompt == "edited"
    assert "a-0" in items and "a-2" not in items


def test_user_names_are_unique(db):
    storage.create_user(db, "ann", "hash", "student")
    with pytest.raises(sqlite3.IntegrityError):
        storage.create_user(db, "ann", "hash", "student")
    assert storage.get_user_by_name(db, "ann")["role"] == "student"
