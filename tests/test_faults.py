"""Faults: the server killed mid-quiz, answers for the wrong quiz, overlong and missing fields.

The crash test runs the real production server and kills every gunicorn process with SIGKILL
while students are answering; the form tests use Flask's test client.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
from http.client import HTTPException
from pathlib import Path

import pytest

from quizapp import storage
from tests.server_helpers import ProductionServer, Student, answer_fields, quiz_article
from tests.test_load import SCORE, verdict

QUESTIONS = 20
STUDENTS = 8
KILL_AFTER = 30  # acknowledged answers across the class before the crash


class Taker:
    """A student answering until the server goes away; remembers what was acknowledged."""

    def __init__(self, base_url: str, number: int, items: dict, db_path):
        self.student = Student(base_url, timeout=20)
        self.number = number
        self.items = items
        self.db_path = db_path
        self.attempt = ""
        self.item_ids: list[str] = []
        self.acked: dict[str, bool] = {}
        self.error = ""
        self.score = -1

    def start(self) -> None:
        """Start a quiz on alpha; the attempt's item ids are read from the database."""
        page = self.student.start_quiz("alpha", length=str(QUESTIONS))
        self.attempt = re.fullmatch(r"/quiz/([\w-]+)/1", page.path)[1]
        db = storage.open_db(self.db_path)
        self.item_ids = storage.get_attempt(db, self.attempt)["item_ids"]
        db.close()

    def answer(self, number: int) -> None:
        """Answer question number, or read its verdict if the answer is stored already."""
        url = f"/quiz/{self.attempt}/{number}"
        page = self.student.open(url)
        if page.path != url + "/feedback":  # stored before the crash but never acknowledged
            assert page.path == url, page.path
            item = self.items[page.value("item_id")]
            right = (self.number + number) % 2 == 0
            page = self.student.open(url, answer_fields(page, item, right))
            assert page.path == url + "/feedback", page.path
        self.acked[self.item_ids[number - 1]] = verdict(page)

    def run_until_crash(self) -> None:
        """Start the quiz and answer until a request fails."""
        try:
            self.start()
            for number in range(1, QUESTIONS + 1):
                self.answer(number)
        except (urllib.error.URLError, HTTPException, ConnectionError, TimeoutError) as error:
            self.error = repr(error)


@pytest.fixture
def class_db(tmp_path):
    path = tmp_path / "faults.db"
    db = storage.open_db(path)
    article_id = storage.save_article(db, quiz_article("alpha", 60))
    items = {i.id: i for i in storage.items_for_article(db, article_id)}
    db.close()
    return path, items


def stored_answers(db_path) -> dict[str, dict[str, bool]]:
    db = storage.open_db(db_path)
    rows = list(db.query("SELECT attempt_id, item_id, correct FROM answers"))
    db.close()
    stored: dict[str, dict[str, bool]] = {}
    for row in rows:
        stored.setdefault(row["attempt_id"], {})[row["item_id"]] = bool(row["correct"])
    return stored


@pytest.mark.slow
def test_killed_server_loses_no_acknowledged_answer_and_quiz_resumes(tmp_path, class_db):
    db_path, items = class_db
    server = ProductionServer(db_path, tmp_path, workers=2, threads=4).start()
    takers = [Taker(server.url, n, items, db_path) for n in range(STUDENTS)]
    threads = [threading.Thread(target=t.run_until_crash, daemon=True) for t in takers]
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 30
        while sum(len(t.acked) for t in takers) < KILL_AFTER and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        server.kill()  # SIGKILL to gunicorn's master and workers: no clean shutdown
    for thread in threads:
        thread.join(30)
    assert not any(thread.is_alive() for thread in threads)
    assert sum(len(t.acked) for t in takers) >= KILL_AFTER
    assert any(t.error for t in takers), "the crash interrupted nobody"

    # Every answer a student saw acknowledged is on disk, with the verdict shown.
    stored = stored_answers(db_path)
    for taker in takers:
        for item_id, right in taker.acked.items():
            assert stored[taker.attempt][item_id] == right, f"student {taker.number} lost it"
        assert len(stored.get(taker.attempt, {})) <= len(taker.acked) + 1  # + one in flight

    # Same port, same secret key, same cookies: each student carries on where they stopped.
    restarted = ProductionServer(db_path, tmp_path, workers=2, threads=4, port=server.port)
    with restarted:
        for taker in takers:
            taker.student.base_url = restarted.url
            if not taker.item_ids:  # the crash came before their quiz had started
                taker.start()
            for number in range(len(taker.acked) + 1, QUESTIONS + 1):
                taker.answer(number)
            result = taker.student.open(f"/quiz/{taker.attempt}/result")
            found = SCORE.search(result.text)
            assert found and int(found[2]) == QUESTIONS
            taker.score = int(found[1])
    stored = stored_answers(db_path)
    for taker in takers:
        assert len(stored[taker.attempt]) == QUESTIONS
        assert stored[taker.attempt] == taker.acked
        assert taker.score == sum(taker.acked.values())
    db = storage.open_db(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


# Forms: answers for another quiz, overlong and missing fields --------------------------------


@pytest.fixture
def quiz(client, db):
    """Two articles; a 10-question attempt on alpha started by client. Returns helpers."""
    alpha = storage.save_article(db, quiz_article("alpha", 30))
    beta = storage.save_article(db, quiz_article("beta", 30))
    response = client.post(
        "/articles/alpha/quiz", data={"length": "10", "kinds": ["cloze", "mcq", "true_false"]}
    )
    attempt_id = re.fullmatch(r"/quiz/([\w-]+)/1", response.location)[1]
    attempt = storage.get_attempt(db, attempt_id)
    items = {i.id: i for i in storage.items_for_article(db, alpha)}
    others = {i.id: i for i in storage.items_for_article(db, beta)}
    return attempt, items, others


def answer_count(db) -> int:
    return db.execute("SELECT count(*) FROM answers").fetchone()[0]


def test_answers_to_items_of_another_quiz_are_refused(app, client, db, quiz):
    attempt, items, others = quiz
    url = f"/quiz/{attempt['id']}/1"
    outside = next(i for i in items if i not in attempt["item_ids"])  # same article, not asked
    for item_id in (next(iter(others)), outside, attempt["item_ids"][1]):
        response = client.post(url, data={"item_id": item_id, "response": "1900"})
        page = response.get_data(as_text=True)
        assert response.status_code == 400, item_id
        assert "question" in page.lower() and "Traceback" not in page
    # Another visitor cannot answer this attempt at all.
    stranger = app.test_client()
    response = stranger.post(url, data={"item_id": attempt["item_ids"][0], "response": "x"})
    assert response.status_code == 404
    assert answer_count(db) == 0


TYPED = ("cloze", "short_answer")


def test_overlong_fields_are_rejected(app, client, db, quiz):
    attempt, items, _ = quiz
    first = items[attempt["item_ids"][0]]
    url = f"/quiz/{attempt['id']}/1"
    # A body over the request limit: the 413 page, nothing stored.
    too_big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1024)
    response = client.post(url, data={"item_id": first.id, "response": too_big})
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "Traceback" not in page and "at most 3.0 MB" in page
    # An overlong item id is not an item of this quiz.
    response = client.post(url, data={"item_id": "f" * 10_000, "response": "1900"})
    assert response.status_code == 400
    assert answer_count(db) == 0
    # An overlong answer is refused with a message and not stored.
    long_answer = "1900 " + "y" * 20_000
    typed = [n for n, i in enumerate(attempt["item_ids"], 1) if items[i].kind in TYPED]
    assert typed, "the fixture quiz has no typed-answer question"
    for number in typed:
        response = client.post(
            f"/quiz/{attempt['id']}/{number}",
            data={"item_id": attempt["item_ids"][number - 1], "response": long_answer},
        )
        assert response.status_code == 200
        assert "at most 500 characters" in response.get_data(as_text=True)
    assert answer_count(db) == 0
    # Overlong account and quiz setup fields get a form error and create nothing.
    response = client.post(
        "/auth/register", data={"username": "u" * 5000, "password": "p" * 9, "confirm": "p" * 9}
    )
    assert response.status_code in (200, 400, 422)
    assert "between 3 and 40 characters" in response.get_data(as_text=True)
    assert db.execute("SELECT count(*) FROM users").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("kinds", "fields", "message"),
    [
        (["mcq"], {}, "Choose one of the answers"),
        (["true_false"], {"response": "Maybe"}, "Choose one of the answers"),
        (["cloze"], {"response": "   "}, "Type an answer"),
        (["timeline"], {"pos-0": "1"}, "different position"),
        (["matching"], {"match-0": "nobody"}, "Choose a match"),
    ],
    ids=["mcq", "true_false", "cloze", "timeline", "matching"],
)
def test_missing_answer_fields_give_a_form_error(client, db, kinds, fields, message):
    storage.save_article(db, quiz_article("alpha", 30))
    response = client.post("/articles/alpha/quiz", data={"length": "10", "kinds": kinds})
    url = response.location
    attempt = storage.get_attempt(db, url.split("/")[2])
    response = client.post(url, data={"item_id": attempt["item_ids"][0], **fields})
    page = response.get_data(as_text=True)
    assert response.status_code in (200, 400, 422)
    assert message in page
    assert answer_count(db) == 0
    # Without the item id the answer belongs to no question of the quiz.
    response = client.post(url, data={"response": "1900"})
    assert response.status_code == 400 and answer_count(db) == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"length": "10"}, "Pick at least one kind"),
        ({"length": "999", "kinds": ["cloze"]}, "Not a valid choice"),
        ({"length": "10", "kinds": ["evil"]}, "not a valid choice"),
    ],
)
def test_bad_quiz_setup_gives_a_form_error_and_no_attempt(client, db, data, message):
    storage.save_article(db, quiz_article("alpha", 30))
    response = client.post("/articles/alpha/quiz", data=data)
    assert response.status_code in (200, 400, 422)
    assert message.lower() in response.get_data(as_text=True).lower()
    assert db.execute("SELECT count(*) FROM attempts").fetchone()[0] == 0


@pytest.mark.slow
def test_backup_and_restore_while_students_answer(tmp_path, class_db):
    """`quizapp backup` under load is consistent; `quizapp restore` is seen by the running
    server's workers at once (their kept connections read the restored file)."""
    db_path, items = class_db
    quizapp = str(Path(sys.executable).with_name("quizapp"))
    backup = tmp_path / "backup.db"
    with ProductionServer(db_path, tmp_path, workers=2, threads=4) as server:
        stop, done, errors = threading.Event(), [], []

        def keep_answering(number: int) -> None:
            while not stop.is_set() and len(done) < 200:  # quiz after quiz, bounded
                taker = Taker(server.url, number, items, db_path)
                taker.run_until_crash()
                if taker.error:
                    errors.append(taker.error)
                else:
                    done.append(taker)

        threads = [
            threading.Thread(target=keep_answering, args=(n,), daemon=True) for n in range(STUDENTS)
        ]
        for thread in threads:
            thread.start()
        while not done and not errors:
            time.sleep(0.01)
        subprocess.run([quizapp, "--db", str(db_path), "backup", str(backup)], check=True)
        stop.set()
        for thread in threads:
            thread.join(45)
        assert not any(thread.is_alive() for thread in threads)
        assert not errors, errors[:3]
        copy = sqlite3.connect(backup)
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA foreign_key_check").fetchall() == []
        backed_up = copy.execute("SELECT count(*) FROM answers").fetchone()[0]
        copy.close()
        assert QUESTIONS <= backed_up < len(done) * QUESTIONS  # taken mid-way

        db = storage.open_db(db_path)
        storage.save_article(db, quiz_article("beta", 6))
        db.close()
        assert "Missions beta" in Student(server.url).open("/").text
        subprocess.run([quizapp, "--db", str(db_path), "restore", str(backup), "--yes"], check=True)
        for _ in range(12):  # every worker thread answers from the restored file
            page = Student(server.url).open("/").text
            assert "Missions alpha" in page and "Missions beta" not in page
    db = storage.open_db(db_path)
    assert db.execute("SELECT count(*) FROM answers").fetchone()[0] == backed_up
    db.close()
