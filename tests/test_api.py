"""The JSON API: articles and items in the generator's contract."""

from __future__ import annotations

import json

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


def test_articles(client, db):
    storage.save_article(db, Article("Space", "space", ("Gagarin flew in 1961.",), ITEMS))
    data = client.get("/api/articles").get_json()
    assert data == {
        "articles": [
            {"title": "Space", "slug": "space", "words": 4, "items": 2,
             "items_url": "/api/articles/space/items"}
        ]
    }  # fmt: skip


def test_items_match_the_contract(client, db):
    article = Article("Space", "space", ("Gagarin flew in 1961.",), ITEMS)
    storage.save_article(db, article)
    data = client.get("/api/articles/space/items").get_json()
    assert data == json.loads(json.dumps(article.to_dict()))  # tuples become lists


def test_disabled_and_deleted_items_are_left_out(client, db):
    storage.save_article(db, Article("Space", "space", ("x",), ITEMS))
    storage.update_item(db, "c1", {"enabled": 0})
    assert [i["id"] for i in client.get("/api/articles/space/items").get_json()["items"]] == ["m1"]
    storage.delete_item(db, "m1")
    assert client.get("/api/articles/space/items").get_json()["items"] == []


def test_unknown_article_is_json_404(client):
    response = client.get("/api/articles/nope/items")
    assert response.status_code == 404
    assert response.is_json and response.get_json()["status"] == 404
