"""Throttles per address on registrations and downloads (issue 15, point 6: a flood of
either pushed other visitors to 4 s answers)."""

from __future__ import annotations

import pytest

from questions import Article, Item
from quizapp import storage

ITEM = Item(id="q1", kind="cloze", prompt="_____ flew in 1961.", answer="Gagarin")


@pytest.fixture
def limited(app, db):
    app.config.update(THROTTLE_REGISTER_FREE=2, THROTTLE_EXPORT_FREE=2)
    storage.save_article(db, Article("Space", "space", ("Gagarin flew in 1961.",), (ITEM,)))
    return app


def register(client, name):
    data = {"username": name, "password": "12345678", "confirm": "12345678"}
    return client.post("/auth/register", data=data)


def test_registrations_slow_down(limited, clock):
    client = limited.test_client()
    assert register(client, "one").status_code == 302
    assert register(limited.test_client(), "two").status_code == 302
    response = register(limited.test_client(), "three")
    assert response.status_code == 429 and response.headers["Retry-After"] == "1"
    assert "Too many new accounts from your address" in response.get_data(as_text=True)
    other = {"environ_base": {"REMOTE_ADDR": "10.0.0.9"}}
    data = {"username": "four", "password": "12345678", "confirm": "12345678"}
    assert limited.test_client().post("/auth/register", data=data, **other).status_code == 302
    clock.forward(1.1)
    assert register(limited.test_client(), "three").status_code == 302


def test_downloads_slow_down_but_not_for_teachers(limited, clock, login):
    client = limited.test_client()
    for url in ("/articles/space/deck.apkg", "/export/quizapp.apkg"):
        assert client.get(url).status_code == 200
    response = client.get("/articles/space/deck.apkg")
    assert response.status_code == 429 and response.headers["Retry-After"] == "1"
    assert "Too many downloads" in response.get_data(as_text=True)
    teacher = login("tea", "teacher", client=limited.test_client())
    assert teacher.get("/export/quizapp.apkg").status_code == 200
    clock.forward(1.1)
    assert client.get("/articles/space/deck.apkg").status_code == 200
