"""Storage: migrations, articles and items, regeneration keeping edits."""

import dataclasses
import sqlite3

import pytest

from questions import Article, Item
from questions.model import Rejection
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
    assert {"articles", "items", "users", "attempts", "answers", "rejections"} <= set(
        db.table_names()
    )
    assert "curated" in db.table("items").columns_dict
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


def test_stored_items_are_built_by_column_name(db):
    article_id = storage.save_article(db, make_article(n=1))
    # A column the item does not know (a later migration's) and columns in another order.
    db.execute("ALTER TABLE items ADD COLUMN later TEXT")
    row = storage.select(db, "SELECT later, answer, kind, id, prompt FROM items")[0]
    assert storage.StoredItem.from_row(row) == storage.StoredItem(
        id="a-0", kind="cloze", prompt="p0 _____", answer="x0"
    )
    (item,) = storage.items_for_article(db, article_id)
    assert item.article_id == article_id and item.enabled and item.curated
    assert item.contract() == make_article(n=1).items[0]


def test_items_outside_the_curated_set_are_stored_disabled_and_remembered(db):
    article = make_article(n=2)
    article = dataclasses.replace(
        article, items=(article.items[0], dataclasses.replace(article.items[1], selected=False))
    )
    article_id = storage.save_article(db, article)
    storage.set_items_enabled(db, article_id, ["a-0"], False)
    items = {i.id: i for i in storage.items_for_article(db, article_id, include_disabled=True)}
    assert (items["a-0"].enabled, items["a-0"].curated) == (False, True)  # the teacher's choice
    assert (items["a-1"].enabled, items["a-1"].curated) == (False, False)  # the generator's


def test_rejections_are_stored_with_the_article_and_replaced_on_regeneration(db):
    first = (
        Rejection("list_member", "blank is one name of a list", "cloze", "A, _____ and C.", "B"),
        Rejection("order_rule", "too few events", "timeline", "Order these.", ["x", "y"]),
        Rejection("list_member", "blank is one name of a list", "cloze", "_____ and D.", "E"),
    )
    article_id = storage.save_article(db, dataclasses.replace(make_article(), rejected=first))
    assert storage.rejections_for_article(db, article_id) == list(first)
    assert storage.rejections_for_article(db, article_id, limit=1) == list(first[:1])
    assert storage.rejection_counts(db, article_id) == {"list_member": 2, "order_rule": 1}
    other = storage.save_article(
        db, dataclasses.replace(make_article("b", title="B"), rejected=first[:1])
    )
    storage.save_article(db, dataclasses.replace(make_article(), rejected=first[1:2]))
    assert storage.rejections_for_article(db, article_id) == list(first[1:2])
    assert storage.rejections_for_article(db, other) == list(first[:1])
