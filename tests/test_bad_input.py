"""Bad articles: each gets questions.ArticleError with a clear message and nothing is stored.

The path under test is the one the CLI and the teacher's upload take: read_article (bytes or
pasted text), generate, then storage.save_article.
"""

from __future__ import annotations

import csv
import io
import json
import random
import xml.etree.ElementTree as ET

import pytest
from anki.collection import Collection
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

import questions
from questions import Article, Item
from questions.source import MAX_ARTICLE_BYTES
from quizapp import storage
from tests.conftest import post_job
from tests.test_export_anki import import_apkg
from tests.test_export_formats import parse_gift

FIVE_MB = 5 * 1024 * 1024


def load_article(db, data: bytes | str, filename: str = "") -> int:
    """Read, generate and store an article, the way `quizapp init` and the upload do."""
    text = questions.read_article(data, filename=filename)
    return storage.save_article(db, questions.generate(text), source=filename)


def binary_bytes() -> bytes:
    """A PNG signature followed by seeded random bytes: not text in any encoding."""
    rng = random.Random(7)
    return b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(4000))


def counts(db) -> tuple[int, int]:
    return (
        db.execute("SELECT count(*) FROM articles").fetchone()[0],
        db.execute("SELECT count(*) FROM items").fetchone()[0],
    )


BAD_ARTICLES = [
    pytest.param(b"", "empty", id="empty bytes"),
    pytest.param("", "empty", id="empty text"),
    pytest.param(b" \n\t\r\n   \n\xc2\xa0\n", "empty", id="whitespace only"),
    pytest.param(b"The Moon is far away. " * (FIVE_MB // 22 + 1), "limit", id="five MB"),
    pytest.param("The Moon is far away. " * (FIVE_MB // 22 + 1), "limit", id="five MB pasted"),
    pytest.param(binary_bytes(), "text", id="binary"),
    pytest.param(b"Title\n\nSome text\x00\x00\x00 with NULs in 1969.", "binary", id="NUL bytes"),
    pytest.param(
        b"Menu\n\nHome | About | Contact\n\n* * * * *\n\n--- --- ---\n\n12 34 56 78\n",
        "",
        id="no usable sentences",
    ),
    pytest.param(b"Just a title\n", "", id="title only"),
]


@pytest.mark.parametrize(("data", "hint"), BAD_ARTICLES)
def test_bad_article_is_refused_with_a_message_and_nothing_stored(db, data, hint):
    with pytest.raises(questions.ArticleError) as caught:
        load_article(db, data, filename="bad.txt")
    message = str(caught.value)
    assert 10 <= len(message) <= 300, message
    assert hint.lower() in message.lower()
    assert "Traceback" not in message and "\\x" not in message
    assert counts(db) == (0, 0)


def test_the_size_limit_is_documented_in_the_message():
    with pytest.raises(questions.ArticleError) as caught:
        questions.read_article(b"a" * (MAX_ARTICLE_BYTES + 1))
    assert f"{MAX_ARTICLE_BYTES // 1024 // 1024} MB" in str(caught.value)
    assert FIVE_MB > MAX_ARTICLE_BYTES


ACCENTED = (
    "Café Müller in Zürich\n\n"
    "The Café Müller opened in Zürich in 1901. Hans Müller ran the café until 1950, when his "
    "daughter Léa Müller took it over. In 1968 the café moved to the Bahnhofstraße, where "
    "it still serves coffee to travellers. The writer Thomas Mann visited the café in 1932.\n"
)


@pytest.mark.parametrize(
    "encoded",
    [ACCENTED.encode("latin-1"), ACCENTED.encode("utf-16"), ACCENTED.encode("utf-8-sig")],
    ids=["latin-1", "utf-16 with BOM", "utf-8 with BOM"],
)
def test_other_encodings_are_read_correctly(db, encoded):
    text = questions.read_article(encoded, filename="cafe.txt")
    assert "\ufeff" not in text and "\x00" not in text
    assert "Zürich" in text and "Léa Müller" in text and "Bahnhofstraße" in text
    article_id = load_article(db, encoded, filename="cafe.txt")
    stored = storage.get_article(db, "cafe-muller-in-zurich") or {}
    assert stored.get("id") == article_id and "Zürich" in stored["text"]


HOSTILE_HTML = """<!doctype html>
<html><head><title>The first satellites</title>
<script>alert('head script')</script>
<style>body { background: url(javascript:alert(1)) }</style></head>
<body onload="alert('onload')">
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>The first satellites</h1>
<p>The Soviet Union launched Sputnik 1 on 4 October 1957 from the Baikonur Cosmodrome.
<img src="x.png" onerror="alert('onerror')"> It was the first artificial satellite.</p>
<p onclick="steal(document.cookie)">The United States answered with Explorer 1 in January
1958, built by the Jet Propulsion Laboratory under William Pickering.</p>
<script>document.write('<p>injected by script</p>')</script>
<p>China launched its first satellite, Dongfanghong-1, in April 1970, and Japan had launched
Ohsumi two months earlier, in February 1970.</p>
<p>In 1961 Yuri Gagarin became the first human to orbit the Earth aboard Vostok 1.
<a href="javascript:alert('link')">Read more</a></p>
</article>
<footer><script src="https://tracker.example/t.js"></script></footer>
</body></html>
"""
FORBIDDEN = ("<script", "</script", "alert(", "onerror", "onload", "onclick", "javascript:")


def test_html_article_keeps_no_scripts_or_event_attributes(db):
    text = questions.read_article(HOSTILE_HTML.encode(), filename="satellites.html")
    for bad in FORBIDDEN:
        assert bad not in text.lower(), bad
    assert "injected by script" not in text
    assert "Sputnik 1" in text and "Dongfanghong-1" in text
    article_id = load_article(db, HOSTILE_HTML.encode(), filename="satellites.html")
    row = db.execute("SELECT title, text FROM articles WHERE id = ?", [article_id]).fetchone()
    items = storage.items_for_article(db, article_id, include_disabled=True)
    assert items
    stored = " ".join([*row, *(repr(item) for item in items)]).lower()
    for bad in FORBIDDEN:
        assert bad not in stored, bad


def test_save_article_stores_nothing_when_it_fails_half_way(db):
    """One unstorable item: the article row and the items before it are rolled back."""
    good = Item(id="a" * 16, kind="cloze", prompt="_____ flew in 1961.", answer="Gagarin")
    broken = Item(id="b" * 16, kind="cloze", prompt="_____ x", answer=object())  # not JSON
    with pytest.raises(TypeError):
        storage.save_article(db, Article("Half", "half", ("Gagarin flew.",), (good, broken)))
    assert counts(db) == (0, 0)


# Through the teacher's upload form -------------------------------------------------------


@pytest.fixture
def teacher(login):
    """A client logged in as a teacher (CSRF is off in the conftest app)."""
    return login("teacher", "teacher")


UPLOADS = [
    pytest.param(b"", "a.txt", 400, id="empty"),
    pytest.param(b" \n\t\n", "a.txt", 400, id="whitespace only"),
    pytest.param(b"The Moon is far away. " * (FIVE_MB // 22 + 1), "a.txt", 413, id="five MB"),
    # Read by the generation worker: the job's page says why.
    pytest.param(binary_bytes(), "a.txt", 200, id="binary"),
    pytest.param(b"Menu\n\nHome | About\n\n* * *\n\n12 34\n", "a.txt", 200, id="no sentences"),
]


@pytest.mark.parametrize(("data", "name", "status"), UPLOADS)
def test_bad_upload_gets_a_clear_page_and_stores_nothing(teacher, db, data, name, status):
    # Encoded in memory: werkzeug's builder would spool a 5 MB body to a file it never closes.
    boundary, body = encode_multipart({"upload": FileStorage(io.BytesIO(data), name)})
    response = post_job(
        teacher,
        "/teach/articles",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert "Traceback" not in page and 'File "' not in page
    assert 'class="error"' in page or "flash-error" in page or "too large" in page.lower()
    assert counts(db) == (0, 0)


def test_hostile_html_upload_is_stored_clean_and_pages_escape(app, teacher, db):
    response = post_job(
        teacher,
        "/teach/articles",
        data={"upload": (io.BytesIO(HOSTILE_HTML.encode()), "satellites.html")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    (article,) = storage.list_articles(db)
    stored = storage.get_article(db, article["slug"])
    for bad in FORBIDDEN:
        assert bad not in stored["text"].lower()
    # Every page about the article escapes what it shows.
    urls = ["/", f"/teach/articles/{article['slug']}", f"/articles/{article['slug']}/quiz"]
    for url in urls:
        page = teacher.get(url).get_data(as_text=True).lower()
        assert "<script>alert" not in page and "onerror=" not in page, url


# Exports of an article whose text is full of markup and control characters ---------------

TRICKY_TEXT = """The Apollo {{c1::program}} & <b>friends</b>

NASA started the Apollo program in 1961 under <b>President John F. Kennedy</b> {{c1::Moon}}.
Neil Armstrong walked on the Moon in July 1969 = the first person ~ ever # to do so: {really}.
Buzz Aldrin followed him; Michael Collins stayed in orbit around the Moon in 1969 {{c2::x}}.
The Soviet Union launched Sputnik 1 in October 1957, and Yuri Gagarin flew in April 1961.
In 1972 Apollo 17 was the last crewed Moon landing; Eugene Cernan <i>left</i> last.
"""


def test_exports_of_a_tricky_article_import_cleanly(app, teacher, db, tmp_path):
    text = questions.read_article(TRICKY_TEXT.encode(), filename="apollo.txt")
    generated = questions.generate(text, all_items=True)
    article_id = storage.save_article(db, generated, source="apollo.txt")
    slug = db.execute("SELECT slug FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    # Every candidate switched on, as a teacher may: the exports meet every kind's markup.
    with db.conn:
        db.execute("UPDATE items SET enabled = 1 WHERE article_id = ?", [article_id])
    n_items = len(storage.items_for_article(db, article_id))
    assert n_items >= 3

    client = teacher  # the LMS files are for teachers
    deck = client.get(f"/articles/{slug}/deck.apkg")
    assert deck.status_code == 200
    (tmp_path / "deck.apkg").write_bytes(deck.data)
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        import_apkg(col, tmp_path / "deck.apkg")
        note_ids = col.find_notes("")
        assert len(note_ids) == n_items
        for note_id in note_ids:
            note = col.get_note(note_id)
            fields = " ".join(note.fields)
            assert "<script" not in fields and "{{c2::x}}" not in fields
            assert "<b>friends</b>" not in fields and "<i>left</i>" not in fields
            if "Cloze" in note.note_type()["name"]:
                assert note.cloze_numbers_in_fields() == [1]  # only the item's own blank
    finally:
        col.close()

    files = {fmt: client.get(f"/articles/{slug}/export.{fmt}") for fmt in ("gift", "xml", "csv")}
    files["json"] = client.get(f"/articles/{slug}/export.json")
    assert all(response.status_code == 200 for response in files.values())
    gift = [q for q in parse_gift(files["gift"].get_data(as_text=True)) if "id" in q]
    assert len(gift) == n_items
    root = ET.fromstring(files["xml"].data)
    assert len([q for q in root.iter("question") if q.get("type") != "category"]) == n_items
    rows = list(csv.DictReader(io.StringIO(files["csv"].get_data(as_text=True), newline="")))
    assert len(rows) == n_items
    assert len(json.loads(files["json"].data)["items"]) == n_items


def test_error_pages_keep_the_users_nav(app, teacher, db):
    app.config["WTF_CSRF_ENABLED"] = True  # as served: the CSRF check is what meets a 413
    boundary, body = encode_multipart(
        {"upload": FileStorage(io.BytesIO(b"x" * (FIVE_MB + 10)), "a.txt")}
    )
    response = post_job(
        teacher,
        "/teach/articles",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 413 and "Log out" in page and 'href="/teach"' in page
    page = teacher.get("/no/such/page").get_data(as_text=True)
    assert "Log out" in page and 'href="/teach"' in page
