"""Download views: decks per article and for all articles, the LMS formats, 404s."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
import zipfile

import pytest
from anki.collection import Collection

from questions import Article
from quizapp import create_app, storage
from quizapp.export import ExportItem
from quizapp.views import export as export_views
from tests.test_export_anki import import_apkg, sample_dicts
from tests.test_export_formats import parse_gift


@pytest.fixture
def seeded_app(tmp_path, seeded_db_template):
    """An app on a copy of the seeded database plus a hand-made article."""
    path = tmp_path / "views.db"
    shutil.copy(seeded_db_template, path)
    database = storage.open_db(path)
    items = tuple(ExportItem.from_dict(d).item for d in sample_dicts())
    storage.save_article(database, Article("Hand <made>", "hand-made", ("Text.",), items))
    database.close()
    return create_app(
        {"TESTING": True, "DATABASE": str(path), "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False}
    )


@pytest.fixture
def client(seeded_app):
    return seeded_app.test_client()


@pytest.fixture
def teacher(seeded_app, login):
    """A client logged in as a teacher (the LMS files are answer keys)."""
    return login("tea", "teacher", client=seeded_app.test_client())


@pytest.fixture
def seed_slug(seeded_app):
    database = storage.open_db(seeded_app.config["DATABASE"])
    slugs = [row["slug"] for row in storage.list_articles(database)]
    database.close()
    return next(slug for slug in slugs if slug != "hand-made")


@pytest.fixture
def col(tmp_path):
    collection = Collection(str(tmp_path / "collection.anki2"))
    yield collection
    collection.close()


def attachment_name(response) -> str:
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    return disposition.split("filename=", 1)[1].strip('"')


def test_article_deck_download_imports_into_anki(client, col, tmp_path):
    response = client.get("/articles/hand-made/deck.apkg")
    assert response.status_code == 200
    assert attachment_name(response) == "hand-made.apkg"
    assert "no-store" in response.headers["Cache-Control"]
    (tmp_path / "d.apkg").write_bytes(response.data)
    log = import_apkg(col, tmp_path / "d.apkg")
    assert len(log.new) == col.note_count() == len(sample_dicts())
    assert {col.decks.name(col.get_card(c).did) for c in col.find_cards("")} == {
        "quizapp::Hand <made>"
    }


def test_all_articles_deck_has_a_subdeck_each(client, col, tmp_path, seed_slug):
    response = client.get("/export/quizapp.apkg")
    assert response.status_code == 200 and attachment_name(response) == "quizapp.apkg"
    with zipfile.ZipFile(io.BytesIO(response.data)) as apkg:
        assert all(e.compress_type == zipfile.ZIP_STORED for e in apkg.infolist())
    (tmp_path / "all.apkg").write_bytes(response.data)
    import_apkg(col, tmp_path / "all.apkg")
    decks = {col.decks.name(col.get_card(c).did) for c in col.find_cards("")}
    assert len(decks) == 2 and "quizapp::Hand <made>" in decks
    assert all(name.startswith("quizapp::") for name in decks)


@pytest.mark.parametrize(
    ("fmt", "mimetype"),
    [
        ("gift", "text/plain"),
        ("xml", "application/xml"),
        ("csv", "text/csv"),
        ("json", "application/json"),
    ],
)
def test_article_file_downloads(teacher, fmt, mimetype):
    response = teacher.get(f"/articles/hand-made/export.{fmt}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == f"{mimetype}; charset=utf-8"
    name = attachment_name(response)
    assert name.startswith("hand-made.")
    text = response.get_data(as_text=True)
    ids = [d["id"] for d in sample_dicts()]
    if fmt == "gift":
        assert name == "hand-made.gift.txt"
        assert sorted(q["id"] for q in parse_gift(text)[1:]) == sorted(ids)
    elif fmt == "xml":
        questions = list(ET.fromstring(text.encode()))[1:]
        assert sorted(q.findtext("idnumber") for q in questions) == sorted(ids)
    elif fmt == "csv":
        assert sorted(row["id"] for row in csv.DictReader(io.StringIO(text))) == sorted(ids)
    else:
        assert json.loads(text)["article"]["slug"] == "hand-made"


@pytest.mark.parametrize(
    "url",
    [
        "/articles/no-such-article/deck.apkg",
        "/articles/no-such-article/export.csv",
        "/articles/hand-made/export.pdf",
        "/articles/hand-made/export.",
    ],
)
def test_unknown_article_or_format_is_404(teacher, url):
    response = teacher.get(url)
    assert response.status_code == 404
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize("fmt", ["gift", "xml", "csv", "json"])
def test_lms_files_are_for_teachers_only(client, fmt, login):
    """The LMS files hold the answer key (issue 15): a visitor is sent to log in, a student
    is refused; the Anki deck stays a download for everyone."""
    assert client.get(f"/articles/hand-made/export.{fmt}").location.startswith("/auth/login")
    login("stu", client=client)
    assert client.get(f"/articles/hand-made/export.{fmt}").status_code == 403
    assert client.get("/articles/hand-made/deck.apkg").status_code == 200


def test_deleted_article_is_404(teacher, seeded_app):
    client = teacher
    database = storage.open_db(seeded_app.config["DATABASE"])
    storage.delete_article(database, storage.get_article(database, "hand-made")["id"])
    database.close()
    assert client.get("/articles/hand-made/deck.apkg").status_code == 404
    assert client.get("/articles/hand-made/export.json").status_code == 404


def test_decks_are_built_once_per_version(client, seeded_app, monkeypatch, col, tmp_path):
    """A class downloading one deck costs one build; an edit makes a new one."""
    built = []
    real = export_views.apkg_bytes
    monkeypatch.setattr(export_views, "apkg_bytes", lambda a: built.append(1) or real(a))
    first = client.get("/articles/hand-made/deck.apkg")
    assert first.status_code == 200
    assert client.get("/articles/hand-made/deck.apkg").data == first.data
    assert len(built) == 1
    client.get("/export/quizapp.apkg")
    client.get("/export/quizapp.apkg")
    assert len(built) == 2
    database = storage.open_db(seeded_app.config["DATABASE"])
    item_id = storage.items_for_article(database, storage.get_article(database, "hand-made")["id"])[
        0
    ].id
    storage.update_item(database, item_id, {"prompt": "A changed prompt"})
    database.close()
    changed = client.get("/articles/hand-made/deck.apkg")
    assert len(built) == 3
    (tmp_path / "changed.apkg").write_bytes(changed.data)
    import_apkg(col, tmp_path / "changed.apkg")
    fields = " ".join(" ".join(col.get_note(n).fields) for n in col.find_notes(""))
    assert "A changed prompt" in fields
