"""Generation jobs through the real queue and real `quizapp worker` processes (quizapp/jobs.py):
the web side only queues, a worker generates, the job's page stores the article once; a worker
killed mid-article leaves a job that the next worker finishes."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from quizapp import create_app, jobs, storage
from tests.server_helpers import QUIZAPP, Worker, free_port

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


# `quizapp init`: the seeds go through the queue too -----------------------------------------

SEEDS = ("warsaw.txt", "oxygen.txt")


@pytest.fixture
def seeded_instance(tmp_path):
    """An instance folder whose config points SEEDS_DIR at two test articles; the environment
    a `quizapp` subprocess runs in with it."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in SEEDS:
        shutil.copy(DATA / name, seeds / name)
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(f"SEEDS_DIR = {str(seeds)!r}\n")
    return {**os.environ, "QUIZAPP_INSTANCE": str(instance), "QUIZAPP_SECRET_KEY": "init"}


def run_init(db_path: str, env: dict) -> subprocess.CompletedProcess:
    """`quizapp --db DB init` in a subprocess; fails the test on a non-zero exit."""
    result = subprocess.run(
        [str(QUIZAPP), "--db", db_path, "init"],
        env=env, capture_output=True, text=True, timeout=HANG,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result


def init_jobs(db) -> list[dict]:
    """The generation jobs `quizapp init` recorded (they belong to no user)."""
    return list(db.query("SELECT * FROM generation_jobs WHERE user_id IS NULL"))


def test_init_generates_the_seeds_as_jobs_with_a_worker_of_its_own(seeded_instance, tmp_path):
    db_path = str(tmp_path / "init.db")
    first = run_init(db_path, seeded_instance)
    assert "Generating 2 seed articles" in first.stderr
    db = storage.open_db(db_path)
    assert storage.count_articles(db) == 2
    for name in SEEDS:
        assert re.search(
            rf"^{re.escape(name)}: '.+', \d+ items \(\d+ in all\)$", first.stdout, re.M
        )
    for job in init_jobs(db):
        assert job["status"] == "done" and job["progress"] == 1.0, job
        article = storage.get_article(db, job["slug"])
        assert article["published"] and storage.items_for_article(db, article["id"])
    assert len(init_jobs(db)) == 2
    queue = jobs.make_queue(jobs.queue_path(db_path))
    assert jobs.workers_running(queue) == 0  # the worker init started stopped with it
    assert not [key for key in queue.storage.result_items() if not key.startswith("worker:")]

    second = run_init(db_path, seeded_instance)
    assert second.stdout.count("already loaded") == 2
    assert storage.count_articles(db) == 2 and len(init_jobs(db)) == 2
    db.close()


def test_init_hands_the_seeds_to_a_running_worker(seeded_instance, tmp_path):
    db_path = str(tmp_path / "init.db")
    with Worker(db_path, tmp_path / "worker.log") as worker:
        queue = jobs.make_queue(jobs.queue_path(db_path))
        wait_until(lambda: jobs.workers_running(queue), "a running worker", worker)
        result = run_init(db_path, seeded_instance)
        assert "Generating on the running worker(s)" in result.stderr
        db = storage.open_db(db_path)
        for job in init_jobs(db):
            assert f"generate_article: {job['id']}" in worker.log()
    assert storage.count_articles(db) == 2
    db.close()


def test_a_job_is_stored_once_however_often_its_result_is_asked_for(tmp_path):
    db = storage.open_db(tmp_path / "once.db")
    job_id = storage.create_generation_job(db, None, "seed.txt")
    calls = []

    def store() -> dict:
        calls.append(job_id)
        return {"status": "done", "message": "stored"}

    for _ in range(3):
        storage.finish_generation_job(db, job_id, store)
    assert calls == [job_id]
    assert storage.get_generation_job(db, job_id)["status"] == "done"
    db.close()


# Time limits and retries ----------------------------------------------------------------------


def test_a_generation_past_its_time_limit_ends_with_a_message(queued, tmp_path):
    app, db, teacher = queued
    app.config["TASK_TIMEOUT"] = 1  # the 10,000-word article takes several seconds
    location = teacher.post("/teach/articles", data={"text": long_article()}).location
    with Worker(app.config["DATABASE"], tmp_path / "worker.log") as worker:
        job_id = location.rsplit("/", 1)[1]
        wait_until(lambda: jobs.job_outcome(app.config, job_id)[0], "the job's outcome", worker)
        page = teacher.get(location).get_data(as_text=True)
        assert "Traceback" not in worker.log()
    assert "Generating took more than 1 s, so it was stopped" in page
    assert "Traceback" not in page
    assert storage.count_articles(db) == 0


def test_a_task_that_raises_runs_once_more_then_fails_with_a_message(queued, tmp_path):
    app, db, teacher = queued
    job_id = storage.create_generation_job(db, 1, "broken")
    # A time limit that is not a number: the task raises TypeError however often it runs.
    jobs.enqueue(app.config, job_id, "Title\n\nText.", {"read": False, "timeout": "never"})
    with Worker(app.config["DATABASE"], tmp_path / "worker.log") as worker:
        wait_until(lambda: jobs.job_outcome(app.config, job_id)[0], "the job's failure", worker)
        log = worker.log()
    assert (
        log.count(f"Executing quizapp.jobs.generate_article: {job_id}")
        == 1 + jobs.EXCEPTION_RETRIES
    )
    page = teacher.get(f"/teach/jobs/{job_id}").get_data(as_text=True)
    assert "Generation failed unexpectedly; try again." in page
    assert "Traceback" not in page and "TypeError" not in page
    assert storage.get_generation_job(db, job_id)["status"] == "failed"


def dead_pid() -> int:
    """The id of a process that has exited."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


@pytest.mark.parametrize("runs", [1, jobs.CRASH_RETRIES, jobs.CRASH_RETRIES + 1])
def test_a_job_whose_worker_died_runs_again_at_most_crash_retries_times(tmp_path, runs):
    queue = jobs.make_queue(str(tmp_path / "crash-queue.db"))
    claim = {"host": socket.gethostname(), "pid": dead_pid(), "runs": runs}
    queue.put(jobs.CLAIM + "job1", {**claim, "data": "Title\n\nText.", "options": {}})
    queue.put(jobs.CLAIM + "job2", {**claim, "pid": 1, "data": "", "options": {}})  # alive
    assert jobs.recover_crashed(queue) == ["job1"]
    if runs <= jobs.CRASH_RETRIES:  # queued again under its id, its claim kept for its runs
        assert [task.id for task in queue.pending()] == ["job1"]
        assert queue.result("job1") is None
    else:  # failed with a message, its claim gone
        assert queue.pending() == []
        assert queue.result("job1")["error"] == "Generation stopped its worker; try again."
        assert queue.get(jobs.CLAIM + "job1") is None
    assert jobs.recover_crashed(queue) == []  # a second worker starting finds nothing to do


def test_init_on_an_unreachable_redis_queue_says_so(seeded_instance, tmp_path):
    env = {**seeded_instance, "QUIZAPP_QUEUE": f"redis://127.0.0.1:{free_port()}/0"}
    result = subprocess.run(
        [str(QUIZAPP), "--db", str(tmp_path / "init.db"), "init"],
        env=env, capture_output=True, text=True, timeout=HANG,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Error: Cannot reach the queue redis://127.0.0.1:" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
