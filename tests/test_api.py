"""The JSON API: articles and items in the generator's contract."""

from __future__ import annotations

import json

import pytest

from questions import Article, Item
from quizapp import storage

ITEMS = (
    Item(id="c1", kind="cloze", prompt="_____ flew in 1961.", answer="Gagarin",
         accepted=("Gagarin", "Yuri Gagarin"), source_sentence="Gagarin flew in 1961.",
         tags=("person",), difficulty=0.3, score=2.5),
    Item(id="m1", kind="matching", prompt="Match each person with their role.",
         answer=(("Armstrong", "commander"), ("Gagarin", "cosmonaut")),
         choices=("cosmonaut", "commander"), sentence_index=1),
)  # fmt: skip


@pytest.fixture
def teacher(login):
    """A client logged in as a teacher: the items are the answer key."""
    return login("tea", "teacher")


def test_articles(client, db):
    storage.save_article(db, Article("Space", "space", ("Gagarin flew in 1961.",), ITEMS))
    data = client.get("/api/articles").get_json()
    assert data == {
        "articles": [
            {"title": "Space", "slug": "space", "words": 4, "items": 2,
             "items_url": "/api/articles/space/items"}
        ]
    }  # fmt: skip


def test_items_match_the_contract(teacher, db):
    article = Article("Space", "space", ("Gagarin flew in 1961.",), ITEMS)
    storage.save_article(db, article)
    data = teacher.get("/api/articles/space/items").get_json()
    assert data == json.loads(json.dumps(article.to_dict()))  # tuples become lists


def test_disabled_and_deleted_items_are_left_out(teacher, db):
    storage.save_article(db, Article("Space", "space", ("x",), ITEMS))
    storage.update_item(db, "c1", {"enabled": 0})
    assert [i["id"] for i in teacher.get("/api/articles/space/items").get_json()["items"]] == ["m1"]
    storage.delete_item(db, "m1")
    assert teacher.get("/api/articles/space/items").get_json()["items"] == []


def test_items_are_for_teachers_only(client, db, login):
    """The items are the answer key (issue 15): anonymous visitors and students get a JSON 403."""
    storage.save_article(db, Article("Space", "space", ("x",), ITEMS))
    student = login("stu")
    for visitor in (client, student):
        response = visitor.get("/api/articles/space/items")
        assert response.status_code == 403 and response.is_json
        assert "teacher" in response.get_json()["message"]


def test_drafts_are_listed_for_teachers_only(client, teacher, db):
    storage.save_article(db, Article("Space", "space", ("x",), ITEMS), draft=True)
    assert client.get("/api/articles").get_json() == {"articles": []}
    assert [a["slug"] for a in teacher.get("/api/articles").get_json()["articles"]] == ["space"]


def test_unknown_article_is_json_404(teacher):
    response = teacher.get("/api/articles/nope/items")
    assert response.status_code == 404
    assert response.is_json and response.get_json()["status"] == 404
