"""Generation jobs through the real queue and real `quizapp worker` processes (quizapp/jobs.py):
the web side only queues, a worker generates, the job's page stores the article once; a worker
killed mid-article leaves a job that the next worker finishes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from quizapp import create_app, jobs, storage
from tests.server_helpers import Worker

DATA = Path(__file__).parent / "data"
HANG = 600  # seconds: only against a hang, never a measured limit

pytestmark = pytest.mark.slow


@pytest.fixture
def queued(tmp_path, login):
    """An app whose jobs go to the SQLite queue beside its database, and a teacher's client."""
    app = create_app(
        {"DATABASE": str(tmp_path / "jobs.db"), "SECRET_KEY": "jobs", "WTF_CSRF_ENABLED": False}
    )
    db = storage.open_db(app.config["DATABASE"])
    teacher = login("tess", "teacher", client=app.test_client())
    yield app, db, teacher
    db.close()


def wait_until(condition, what: str, worker: Worker):
    """Poll condition until it returns something true; fail with the worker's log on a hang."""
    deadline = time.monotonic() + HANG
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what} never happened; worker log:\n{worker.log()}")


def stored(teacher, location: str):
    """The job page's redirect to the article once the worker has generated it, else None."""
    response = teacher.get(location)
    return response if response.status_code == 302 else None


def test_a_worker_process_generates_what_the_web_side_queued(queued, tmp_path):
    app, db, teacher = queued
    text = (DATA / "warsaw.txt").read_text()
    location = teacher.post("/teach/articles", data={"text": text}).location
    page = teacher.get(location).get_data(as_text=True)
    assert "Waiting for a generation worker" in page  # nothing runs it in the web process
    assert storage.count_articles(db) == 0
    with Worker(app.config["DATABASE"], tmp_path / "worker.log") as worker:
        done = wait_until(lambda: stored(teacher, location), "the job's article", worker)
    assert done.location == "/teach/articles/warsaw"
    article = storage.get_article(db, "warsaw")
    assert storage.count_articles(db) == 1 and article["published"] is None  # a draft
    assert storage.items_for_article(db, article["id"])
    assert teacher.get(location).location == done.location  # later visits store nothing
    assert storage.count_articles(db) == 1


def long_article() -> str:
    """About 10,000 words: the six test articles under one title."""
    bodies = [path.read_text().split("\n", 1)[1] for path in sorted(DATA.glob("*.txt"))]
    return "Six histories\n\n" + "\n\n".join(bodies)


def test_a_worker_killed_mid_article_leaves_a_job_the_next_worker_finishes(queued, tmp_path):
    app, db, teacher = queued
    location = teacher.post("/teach/articles", data={"text": long_article()}).location
    job_id = location.rsplit("/", 1)[1]
    progress = lambda: (jobs.job_outcome(app.config, job_id)[1] or 0) > 0  # noqa: E731
    with Worker(app.config["DATABASE"], tmp_path / "first.log") as worker:
        wait_until(progress, "progress on the long article", worker)
        worker.kill()
    outcome, _ = jobs.job_outcome(app.config, job_id)
    assert outcome is None, "the article finished before the kill; make it longer"
    assert "Generating questions" in teacher.get(location).get_data(as_text=True)
    assert storage.count_articles(db) == 0

    with Worker(app.config["DATABASE"], tmp_path / "second.log") as worker:
        done = wait_until(lambda: stored(teacher, location), "the job's article", worker)
        assert "its worker died; queued again" in worker.log()
    article = storage.get_article(db, "six-histories")
    assert done.location == "/teach/articles/six-histories"
    assert storage.count_articles(db) == 1
    assert len(storage.items_for_article(db, article["id"])) > 50
    assert storage.get_generation_job(db, job_id)["status"] == "done"
