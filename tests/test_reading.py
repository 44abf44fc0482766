"""Reading a submitted article in the app: the character limit up front, at the form, and
Windows-1252 for short files that are not UTF-8 (issue 15, point 6)."""

from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

import questions
from questions.model import MAX_TEXT_CHARS
from quizapp import storage
from quizapp.reading import SHORT_TEXT_BYTES, read_bounded, read_submitted
from tests.conftest import post_job

ZURICH = "Zürich\n\nZürich is the largest city in Switzerland. Its old town lies on the Limmat."


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_short_latin_text_reads_as_written(encoding):
    """Was "Z³rich": charset detection guesses wrong on a few hundred bytes."""
    text = read_submitted(ZURICH.encode(encoding), "zurich.txt")
    assert text.startswith("Zürich\n") and "Zürich is the largest" in text


def test_cp1252_punctuation():
    data = "Quotes\n\n\u201cHello\u201d \u2013 said the mayor of Zürich in 1990.".encode("cp1252")
    assert "\u201cHello\u201d \u2013 said" in read_submitted(data, "q.txt")


def test_utf8_and_long_text_are_left_to_detection():
    assert read_submitted(ZURICH.encode("utf-8"), "z.txt").startswith("Zürich")
    # Long text is detected as before (here: cp1251 Cyrillic, which cp1252 would garble).
    russian = "Москва\n\n" + "Москва является столицей России и крупнейшим городом страны. " * 400
    data = russian.encode("cp1251")
    assert len(data) > SHORT_TEXT_BYTES
    assert read_submitted(data, "m.txt").startswith("Москва")


def test_nul_bytes_are_still_binary():
    with pytest.raises(questions.ArticleError, match="binary"):
        read_submitted(b"Title\n\nA\x00B caf\xe9", "b.txt")


@pytest.fixture
def teacher(login):
    return login("tea", "teacher")


def test_the_limit_is_checked_at_the_form(teacher):
    page = teacher.get("/teach").get_data(as_text=True)
    assert f'maxlength="{MAX_TEXT_CHARS}"' in page
    long_text = "Title\n\n" + "Gagarin flew in 1961. " * (MAX_TEXT_CHARS // 20)
    response = post_job(teacher, "/teach/articles", data={"text": long_text})
    assert response.status_code == 400
    assert f"The limit is {MAX_TEXT_CHARS:,} characters" in response.get_data(as_text=True)


def test_a_long_upload_is_refused_with_a_message(teacher, db):
    """Reading runs in the generation worker: its job's page says why, nothing is stored."""
    data = ("Title\n\n" + "Gagarin flew in 1961. " * (MAX_TEXT_CHARS // 20)).encode()
    assert len(data) < 3 * 1024 * 1024
    # Encoded in memory: werkzeug's builder would spool the body to a file it never closes.
    boundary, body = encode_multipart({"upload": FileStorage(io.BytesIO(data), "long.txt")})
    response = post_job(
        teacher,
        "/teach/articles",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert f"the limit is {MAX_TEXT_CHARS:,}" in response.get_data(as_text=True)
    assert db.execute("SELECT status FROM generation_jobs").fetchone()[0] == "failed"
    assert storage.count_articles(db) == 0


def endless_reader(data, filename=""):
    """A reader that never finishes (what a crafted file does to a quadratic regex)."""
    while True:
        pass


def failing_reader(data, filename=""):
    raise RecursionError("deep")


def test_a_reader_that_runs_on_is_stopped():
    with pytest.raises(questions.ArticleError, match="took more than 1 s,"):
        read_bounded(b"Title\n\nText.", "x.md", 1.0, reader="tests.test_reading:endless_reader")


def test_a_reader_that_crashes_gives_a_message():
    with pytest.raises(questions.ArticleError, match=r"could not be read \(RecursionError\)"):
        read_bounded(b"Title\n\nText.", "x.md", 10.0, reader="tests.test_reading:failing_reader")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        # A 200 KB line of unclosed emphasis: the Markdown regexes took minutes on it.
        ("crafted.md", ("Title\n\n" + "*a " * 66_000).encode()),
        # One HTML tag with 40,000 attributes: 49 s in the issue.
        ("crafted.html", ("<html><body><p " + " ".join(f'a{n}="x"' for n in range(40_000))
                          + ">Text</p></body></html>").encode()),
    ],
)  # fmt: skip
def test_crafted_uploads_come_back_with_a_page(app, teacher, db, name, data):
    """The worker is freed within READ_TIMEOUT whatever the file does to the parsers."""
    app.config["READ_TIMEOUT"] = 3.0
    boundary, body = encode_multipart({"upload": FileStorage(io.BytesIO(data), name)})
    response = post_job(
        teacher,
        "/teach/articles",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    page = response.get_data(as_text=True)
    assert "Traceback" not in page
    assert response.status_code in (302, 200)  # stopped with a message, or read in time
    if response.status_code == 200:
        assert "flash-error" in page
