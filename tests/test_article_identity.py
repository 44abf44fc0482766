"""Item identity per stored article (issue 15, point 3): deleting an article and adding the
same text again never takes over, overwrites or empties the old article's rows."""

from __future__ import annotations

import pytest

from questions import Article, Item
from quizapp import storage
from tests.conftest import post_job

TEXT = (
    "Space race\n\nYuri Gagarin flew into space in 1961. Neil Armstrong walked on the Moon in "
    "1969. The Soviet Union launched Sputnik in 1957. NASA was founded in 1958 in Washington."
)
ITEM = Item(id="q1", kind="mcq", prompt="Who flew in 1961?", answer="Gagarin",
            choices=("Gagarin", "Armstrong"), source_sentence="Gagarin flew in 1961.")  # fmt: skip


@pytest.fixture
def teacher(login):
    return login("tea", "teacher")


def rows_of(db, article_id):
    return db.execute(
        "SELECT id, prompt, edited, deleted FROM items WHERE article_id = ? ORDER BY id",
        [article_id],
    ).fetchall()


def test_readding_a_deleted_article_keeps_both(teacher, db):
    first = post_job(teacher, "/teach/articles", data={"text": TEXT})
    assert first.location == "/teach/articles/space-race"
    old = storage.get_article(db, "space-race")
    items = storage.items_for_article(db, old["id"], include_disabled=True)
    assert len(items) >= 2  # every candidate is stored, the curated ones enabled
    edited, removed = items[0], items[-1]
    teacher.post(f"/teach/items/{removed.id}/delete")
    new_prompt = f"Edited: {edited.prompt}"  # a cloze keeps its blank
    form = {"prompt": new_prompt, "answer": edited.answer, "enabled": "y"}
    if edited.kind in ("mcq", "true_false", "timeline"):
        form["choices"] = "\n".join(edited.choices)
    if edited.kind == "matching":
        form["answer"] = "\n".join(f"{a} = {b}" for a, b in edited.answer)
        form["choices"] = "\n".join(edited.choices)
    elif isinstance(edited.answer, list):
        form["answer"] = "\n".join(edited.answer)
    assert teacher.post(f"/teach/items/{edited.id}/edit", data=form).status_code == 302
    before = rows_of(db, old["id"])
    teacher.post("/teach/articles/space-race/delete")

    second = post_job(teacher, "/teach/articles", data={"text": TEXT, "as_new": "y"})
    assert second.location == "/teach/articles/space-race-2"
    assert teacher.get(second.location).status_code == 200  # the redirect lands on it
    assert rows_of(db, old["id"]) == before  # the deleted article's rows are untouched
    again = storage.get_article(db, "space-race-2")
    fresh = storage.items_for_article(db, again["id"], include_disabled=True)
    assert len(fresh) == len(items)
    assert all(item.edited == 0 and item.prompt != new_prompt for item in fresh)

    teacher.post("/teach/articles/space-race-2/delete")
    third = post_job(teacher, "/teach/articles", data={"text": TEXT, "as_new": "y"})
    assert third.location == "/teach/articles/space-race-3"
    live = storage.get_article(db, "space-race-3")
    assert len(storage.items_for_article(db, live["id"], include_disabled=True)) == len(items)
    assert rows_of(db, old["id"]) == before

    # Regenerating the live copy leaves the deleted ones alone too.
    post_job(teacher, "/teach/articles/space-race-3/regenerate")
    assert rows_of(db, old["id"]) == before
    assert len(storage.items_for_article(db, live["id"], include_disabled=True)) == len(items)


def test_same_title_twice_is_refused_while_live(teacher, db):
    post_job(teacher, "/teach/articles", data={"text": TEXT})
    teacher.post("/teach/articles/space-race/delete")
    post_job(teacher, "/teach/articles", data={"text": TEXT, "as_new": "y"})
    response = post_job(teacher, "/teach/articles", data={"text": TEXT, "as_new": "y"})
    assert "Could not add" in response.get_data(as_text=True)
    assert "exists already" in response.get_data(as_text=True)


def test_a_save_never_moves_another_articles_rows(db):
    first = storage.save_article(db, Article("Space", "space", ("x",), (ITEM,)))
    db.execute("UPDATE articles SET slug = 'renamed' WHERE id = ?", [first])
    db.conn.commit()
    # A new article whose generated slug and item id collide with the first's rows.
    second = storage.save_article(db, Article("Space", "space", ("x",), (ITEM,)))
    assert second != first
    assert [row[0] for row in rows_of(db, first)] == ["q1"]
    assert len(rows_of(db, second)) == 1 and rows_of(db, second)[0][0] != "q1"


def test_stored_ids_keep_the_generators_under_its_slug():
    assert storage.stored_item_id("space", "space", "q1") == "q1"
    derived = storage.stored_item_id("space-2", "space", "q1")
    assert derived != "q1" and len(derived) == 16
    assert storage.stored_item_id("space-2", "space", "q1") == derived  # stable


def test_readding_a_deleted_article_offers_to_restore_it(teacher, db):
    post_job(teacher, "/teach/articles", data={"text": TEXT})
    old = storage.get_article(db, "space-race")
    item = storage.items_for_article(db, old["id"])[0]
    storage.update_item(db, item.id, {"explanation": "Kept by the teacher."})
    teacher.post("/teach/articles/space-race/delete")
    response = post_job(teacher, "/teach/articles", data={"text": TEXT})
    page = response.get_data(as_text=True)
    assert "Could not add" in page
    assert "was deleted on" in page and "Deleted articles" in page and "restore it" in page
    assert storage.count_articles(db) == 0  # nothing added

    restored = teacher.post("/teach/articles/space-race/restore")
    assert restored.location == "/teach/articles/space-race"
    back = storage.get_article(db, "space-race")
    assert back["id"] == old["id"]
    assert storage.get_items(db, [item.id])[item.id].explanation == "Kept by the teacher."
    assert storage.get_article(db, "space-race")["deleted"] is None


def test_restore_refused_beside_a_live_copy(teacher, db):
    post_job(teacher, "/teach/articles", data={"text": TEXT})
    teacher.post("/teach/articles/space-race/delete")
    post_job(teacher, "/teach/articles", data={"text": TEXT, "as_new": "y"})
    response = teacher.post("/teach/articles/space-race/restore", follow_redirects=True)
    assert "delete it first" in response.get_data(as_text=True)
    assert storage.get_article(db, "space-race") is None
    assert teacher.post("/teach/articles/nope/restore").status_code == 404
