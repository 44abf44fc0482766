"""Fifty students at once against the real production server (gunicorn on 127.0.0.1).

Each student takes a 20-question quiz like a browser without JavaScript would: setup form,
one question page and one POST per question, feedback, end page. Some post an answer twice,
some at the same moment, some go back and post an old question again. Afterwards the answers
table must hold every answer exactly once, and the scores stored must be the scores shown.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field

import pytest

from quizapp import storage
from tests.server_helpers import ProductionServer, Student, answer_fields, quiz_article

STUDENTS = 50
QUESTIONS = 20
WALL_CLOCK_LIMIT = 55.0  # seconds for the whole class; the test fails past it
SLUGS = ("alpha", "beta")
SCORE = re.compile(r"Your score: (\d+) of (\d+)")


@dataclass
class Record:
    """What one student did and was told."""

    number: int
    attempt_id: str = ""
    told: dict[str, bool] = field(default_factory=dict)
    score: tuple[int, int] | None = None
    error: str = ""


def verdict(page) -> bool:
    """True for the feedback page's "Right", False for "Not quite"; fails on anything else."""
    right, wrong = "✓ Right" in page.text, "✗ Not quite" in page.text
    assert right != wrong, f"no verdict on {page.url}"
    return right


def make_class_database(path) -> dict[str, storage.StoredItem]:
    """Two articles of 60 items each; returns every item by id."""
    db = storage.open_db(path)
    items = {}
    for slug in SLUGS:
        article_id = storage.save_article(db, quiz_article(slug, 60))
        items.update({i.id: i for i in storage.items_for_article(db, article_id)})
    db.close()
    return items


def take_quiz(base_url: str, items: dict[str, storage.StoredItem], record: Record) -> None:
    """One student's whole quiz; the ways of posting twice depend on the student's number."""
    n = record.number
    student = Student(base_url)
    if n % 2 == 0:  # half of the class has an account
        form = student.open("/auth/register")
        password = f"pw-{n:04d}-secret"
        student.open(
            "/auth/register",
            {
                "csrf_token": form.value("csrf_token"),
                "username": f"student{n:02d}",
                "password": password,
                "confirm": password,
            },
        )
    page = student.start_quiz(SLUGS[n % 2], length=str(QUESTIONS))
    match = re.fullmatch(r"/quiz/([\w-]+)/1", page.path)
    assert match, page.path
    record.attempt_id = attempt = match[1]
    previous = None
    for number in range(1, QUESTIONS + 1):
        assert page.path == f"/quiz/{attempt}/{number}", page.path
        item = items[page.value("item_id")]
        right = (n + number) % 3 != 0
        fields = answer_fields(page, item, right)
        if n % 7 == 0 and number % 4 == 0:
            fields["skip"] = "1"
        url = f"/quiz/{attempt}/{number}"
        if n % 5 == 2:  # a double click: the same form twice at the same moment
            twin = threading.Thread(target=Student.try_open, args=(student, url, fields))
            twin.start()
            feedback = student.open(url, fields)
            twin.join(30)
        else:
            feedback = student.open(url, fields)
        record.told[item.id] = verdict(feedback)
        if n % 5 == 1:  # the same form posted again after the feedback
            again = student.open(url, fields)
            assert verdict(again) == record.told[item.id]
        if n % 5 == 3 and previous:  # back to the last question, post the other answer
            old_url, old_item, old_right, old_page = previous
            again = student.open(old_url, answer_fields(old_page, old_item, not old_right))
            assert again.path == old_url + "/feedback"
            assert verdict(again) == record.told[old_item.id]
        previous = (url, item, right, page)
        if number < QUESTIONS:
            page = student.open(f"/quiz/{attempt}/{number + 1}")
    result = student.open(f"/quiz/{attempt}/result")
    found = SCORE.search(result.text)
    assert found, result.text[:500]
    record.score = (int(found[1]), int(found[2]))


def run_student(base_url: str, items: dict, record: Record) -> None:
    try:
        take_quiz(base_url, items, record)
    except Exception as error:  # noqa: BLE001 - every failure is reported by the test
        record.error = f"{type(error).__name__}: {error}"


@pytest.mark.slow
def test_fifty_students_take_a_quiz_at_once(tmp_path):
    db_path = tmp_path / "class.db"
    items = make_class_database(db_path)
    records = [Record(number) for number in range(STUDENTS)]
    with ProductionServer(db_path, tmp_path, workers=4, threads=4) as server:
        threads = [
            threading.Thread(target=run_student, args=(server.url, items, r), daemon=True)
            for r in records
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(max(0.0, WALL_CLOCK_LIMIT - (time.monotonic() - started)))
        unfinished = [r.number for r, t in zip(records, threads, strict=True) if t.is_alive()]
        assert not unfinished, f"students still busy after {WALL_CLOCK_LIMIT} s: {unfinished}"
        log = server.log()

    errors = [f"student {r.number}: {r.error}" for r in records if r.error]
    assert not errors, "\n".join(errors[:10]) + "\n" + log[-3000:]
    assert "Traceback" not in log, log[-3000:]

    db = storage.open_db(db_path)
    rows = list(db.query("SELECT attempt_id, user_id, item_id, correct FROM answers"))
    db.close()
    assert len(rows) == STUDENTS * QUESTIONS
    assert len({(r["attempt_id"], r["item_id"]) for r in rows}) == len(rows)
    stored: dict[str, dict[str, bool]] = {}
    for row in rows:
        stored.setdefault(row["attempt_id"], {})[row["item_id"]] = bool(row["correct"])
    for record in records:
        answers = stored[record.attempt_id]
        assert answers == record.told, f"student {record.number}: stored answers differ"
        assert record.score == (sum(answers.values()), QUESTIONS), f"student {record.number}"
    told_right = sum(sum(r.told.values()) for r in records)
    assert 0 < told_right < STUDENTS * QUESTIONS  # both verdicts were exercised
    with_account = {r["attempt_id"] for r in rows if r["user_id"] is not None}
    assert len(with_account) == STUDENTS // 2
