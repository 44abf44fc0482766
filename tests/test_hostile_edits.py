"""Teachers' edits that would break an export (issue 15, points 6 and 7): control characters,
cloze braces, HTML, GIFT's special characters. Each deck still imports into Anki with
Anki's own importer; each GIFT and Moodle XML file still parses."""

from __future__ import annotations

import pytest
from anki.collection import Collection
from werkzeug.security import generate_password_hash

from questions import Article, Item
from quizapp import storage
from tests.test_export_anki import import_apkg

ITEMS = (
    Item(id="c1", kind="cloze", prompt="_____ flew in 1961.", answer="Gagarin",
         accepted=("Gagarin",), source_sentence="Gagarin flew in 1961."),
    Item(id="q1", kind="mcq", prompt="Who flew in 1961?", answer="Gagarin",
         choices=("Gagarin", "Armstrong", "Aldrin", "Collins")),
    Item(id="s1", kind="short_answer", prompt="Who flew in 1961?", answer="Gagarin",
         accepted=("Gagarin", "Yuri Gagarin")),
    Item(id="t1", kind="timeline", prompt="Put these events in order, earliest first.",
         answer=("Sputnik", "Vostok", "Apollo"), choices=("Apollo", "Sputnik", "Vostok")),
)  # fmt: skip


@pytest.fixture
def teacher(app, db):
    storage.save_article(db, Article("Space", "space", ("Gagarin flew in 1961.",), ITEMS))
    storage.create_user(db, "tea", generate_password_hash("secret-pass"), "teacher")
    client = app.test_client()
    client.post("/auth/login", data={"username": "tea", "password": "secret-pass"})
    return client


@pytest.fixture
def col(tmp_path):
    collection = Collection(str(tmp_path / "collection.anki2"))
    yield collection
    collection.close()


def test_control_characters_are_stripped_from_edits(teacher, db):
    data = {"prompt": "Who\x1f flew\x00 in\r\n1961?", "answer": "Gag\x07arin",
            "choices": "Gagarin\nArmstrong\x0b", "explanation": "Line one\r\nLine\x1b two",
            "enabled": "y"}  # fmt: skip
    assert teacher.post("/teach/items/q1/edit", data=data).status_code == 302
    item = storage.get_items(db, ["q1"])["q1"]
    assert item["prompt"] == "Who flew in\n1961?"
    assert item["answer"] == "Gagarin" and item["choices"] == ["Gagarin", "Armstrong"]
    assert item["explanation"] == "Line one\nLine two"


def test_deck_with_control_characters_stored_imports(teacher, db, col, tmp_path):
    """The Anki writer strips what an older edit may have stored (the safety net)."""
    for item_id in ("c1", "q1", "s1"):
        storage.update_item(db, item_id, {"explanation": "bad\x1fseparator\x00 and \x08"})
    storage.update_item(db, "q1", {"prompt": "Who\x1f flew?"})
    for url in ("/articles/space/deck.apkg", "/export/quizapp.apkg"):
        response = teacher.get(url)
        assert response.status_code == 200
        path = tmp_path / "deck.apkg"
        path.write_bytes(response.data)
        log = import_apkg(col, path)
        assert len(log.new) + len(log.updated) + len(log.duplicate) == len(ITEMS)
    fields = " ".join(" ".join(col.get_note(nid).fields) for nid in col.find_notes(""))
    assert "Who flew?" in fields and "\x00" not in fields and "bad" in fields
