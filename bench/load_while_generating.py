"""Fifty students take a quiz at once (as tests/test_load.py) against the production server
while its generation worker generates a 50,000-word article, beside the same run with the
worker idle (issue 16): how much the students' requests wait for generation.

Each run: a fresh database of two 60-item articles, `quizapp serve --production` (4 workers x
4 threads, as the load test) with the generation worker it starts; in the generating run a
teacher adds the article first and the students start once the worker has begun on it. Every
student: the quiz setup form, 20 questions (page and answer POST) and the result page; every
request is timed. Runs alternate; medians over RUNS runs of each.

Usage: .venv/bin/python bench/load_while_generating.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import big_text  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

from quizapp import jobs, storage  # noqa: E402
from tests.server_helpers import ProductionServer, Student, answer_fields  # noqa: E402
from tests.test_load import QUESTIONS, SLUGS, STUDENTS, make_class_database  # noqa: E402

RUNS = 3
HANG = 300  # seconds: against a hang only


class TimedStudent(Student):
    """A student whose every request's time goes into a shared list."""

    def __init__(self, base_url: str, times: list[float]):
        super().__init__(base_url)
        self.times = times

    def open(self, path, fields=None):
        start = time.perf_counter()
        try:
            return super().open(path, fields)
        finally:
            self.times.append(time.perf_counter() - start)


def take_quiz(base_url: str, items: dict, number: int, times: list, errors: list) -> None:
    """One student's quiz, right on two questions of three."""
    try:
        student = TimedStudent(base_url, times)
        page = student.start_quiz(SLUGS[number % 2], length=str(QUESTIONS))
        attempt = page.path.split("/")[2]
        for question in range(1, QUESTIONS + 1):
            item = items[page.value("item_id")]
            fields = answer_fields(page, item, (number + question) % 3 != 0)
            student.open(f"/quiz/{attempt}/{question}", fields)
            if question < QUESTIONS:
                page = student.open(f"/quiz/{attempt}/{question + 1}")
        student.open(f"/quiz/{attempt}/result")
    except Exception as error:  # noqa: BLE001 - counted and reported
        errors.append(f"{type(error).__name__}: {error}")


def add_big_article(server: ProductionServer, db_path: str) -> str:
    """Log in as the teacher, paste the 50,000-word article; wait until the worker is on it;
    its job id."""
    teacher = Student(server.url, timeout=120)
    login = teacher.open("/auth/login")
    fields = {"csrf_token": login.value("csrf_token"), "username": "tess"}
    teacher.open("/auth/login", {**fields, "password": "bench-pass"})
    form = teacher.open("/teach")
    page = teacher.open("/teach/articles", {"csrf_token": form.value("csrf_token"), "text": TEXT})
    job_id = page.path.rsplit("/", 1)[1]
    deadline = time.monotonic() + HANG
    while jobs.job_outcome({"DATABASE": db_path}, job_id)[1] is None:
        if time.monotonic() > deadline:
            raise SystemExit(f"the worker never started on the article:\n{server.log()[-2000:]}")
        time.sleep(0.1)
    return job_id


def run(generating: bool) -> dict:
    """One class of STUDENTS; the requests' times and whether generation outlasted them."""
    with tempfile.TemporaryDirectory() as folder:
        db_path = str(Path(folder) / "class.db")
        items = make_class_database(db_path)
        db = storage.open_db(db_path)
        storage.create_user(db, "tess", generate_password_hash("bench-pass"), "teacher")
        db.close()
        with ProductionServer(
            db_path, folder, workers=4, threads=4, generation_worker=True
        ) as server:
            job_id = add_big_article(server, db_path) if generating else None
            times: list[float] = []
            errors: list[str] = []
            threads = [
                threading.Thread(target=take_quiz, args=(server.url, items, n, times, errors))
                for n in range(STUDENTS)
            ]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(HANG)
            elapsed = time.monotonic() - started
            outlasted = job_id is None or jobs.job_outcome({"DATABASE": db_path}, job_id)[0] is None
    if errors:
        raise SystemExit(f"{len(errors)} students failed, first: {errors[0]}")
    ordered = sorted(times)
    return {
        "p50": 1000 * statistics.median(ordered),
        "p99": 1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))],
        "requests": len(ordered),
        "elapsed": elapsed,
        "outlasted": outlasted,
    }


TEXT = big_text()


def main() -> None:
    results: dict[bool, list[dict]] = {False: [], True: []}
    for _ in range(RUNS):
        for generating in (False, True):
            results[generating].append(run(generating))
    words = len(TEXT.split())
    print(
        f"{STUDENTS} students x {QUESTIONS} questions against serve --production (4 workers x "
        f"4 threads) and its generation worker; medians of {RUNS} runs each"
    )
    medians = {}
    for generating, label in ((False, "worker idle"), (True, f"generating {words:,} words")):
        runs = results[generating]
        p50, p99, count, elapsed = (
            statistics.median(r[key] for r in runs) for key in ("p50", "p99", "requests", "elapsed")
        )
        medians[generating] = (p50, p99)
        note = ""
        if generating:
            still = sum(r["outlasted"] for r in runs)
            note = (
                f"  generation still running when the class finished: {still} of {len(runs)} runs"
            )
        print(
            f"{label:26s} requests {count:5.0f}  class took {elapsed:5.1f} s  "
            f"p50 {p50:6.1f} ms  p99 {p99:7.1f} ms{note}"
        )
    print(
        f"ratio generating/idle: p50 {medians[True][0] / medians[False][0]:.2f}x, "
        f"p99 {medians[True][1] / medians[False][1]:.2f}x"
    )


if __name__ == "__main__":
    main()
