"""Drafts (issue 15, point 6): an article a teacher adds is hidden from students until the
teacher publishes it; the answer key (LMS files, the items API) is for teachers only."""

from __future__ import annotations

import pytest

from questions import Article, Item
from quizapp import storage

TEXT = (
    "Space race\n\nYuri Gagarin flew into space in 1961. Neil Armstrong walked on the Moon in "
    "1969. The Soviet Union launched Sputnik in 1957. NASA was founded in 1958 in Washington."
)
STUDENT_URLS = (
    "/articles/space-race/quiz",
    "/articles/space-race/study",
    "/articles/space-race/deck.apkg",
)


@pytest.fixture
def clients(app, login):
    """A teacher, a student and a visitor."""
    return login("tea", "teacher"), login("stu"), app.test_client()


def test_a_new_article_is_a_draft_until_published(clients, db):
    teacher, student, visitor = clients
    response = teacher.post("/teach/articles", data={"text": TEXT}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "as a draft" in page and "Publish for students" in page
    assert "Space race" in teacher.get("/").get_data(as_text=True)  # teachers see drafts
    assert teacher.get("/articles/space-race/quiz").status_code == 200
    for client in (student, visitor):
        assert "Space race" not in client.get("/").get_data(as_text=True)
        assert client.get("/api/articles").get_json() == {"articles": []}
    for url in STUDENT_URLS:
        assert student.get(url).status_code == 404, url
    assert b"Space race" not in student.get("/export/quizapp.apkg").data

    teacher.post("/teach/articles/space-race/publish")
    assert "Space race" in visitor.get("/").get_data(as_text=True)
    for url in STUDENT_URLS:
        assert student.get(url).status_code == 200, url
    assert student.get("/articles/space-race/export.gift").status_code == 403  # still
    assert student.get("/api/articles/space-race/items").status_code == 403

    teacher.post("/teach/articles/space-race/unpublish")
    assert student.get("/articles/space-race/quiz").status_code == 404


def test_publishing_is_for_teachers(clients, db):
    teacher, student, _ = clients
    storage.save_article(db, Article("Space", "space", ("x",), ()), draft=True)
    assert student.post("/teach/articles/space/publish").status_code == 403
    assert storage.get_article(db, "space")["published"] is None


def test_existing_articles_stay_published(tmp_path):
    """A database from before drafts keeps every article visible."""
    path = tmp_path / "old.db"
    db = storage.connect_db(path)
    storage.migrations.apply(db, stop_before="m008_article_drafts")
    item = Item(id="q1", kind="cloze", prompt="_____ flew.", answer="Gagarin")
    db.execute(
        "INSERT INTO articles (slug, title, text, created) VALUES ('a', 'A', 't', '2025-01-01')"
    )
    db.conn.commit()
    storage.migrate(db)
    assert storage.get_article(db, "a")["published"] == "2025-01-01"
    storage.save_article(db, Article("B", "b", ("x",), (item,)))  # the command line's way
    assert storage.get_article(db, "b")["published"] is not None
    db.close()
