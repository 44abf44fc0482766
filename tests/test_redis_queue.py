"""The generation queue on a real Redis server (Debian's redis-server, started by the
redis_url fixture): two `quizapp worker` processes share it, as workers on two machines
would, and each job runs once and stores its article once (issue 16)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizapp import create_app, jobs, storage
from tests.server_helpers import Worker
from tests.test_jobs import stored, wait_until

DATA = Path(__file__).parent / "data"

pytestmark = pytest.mark.slow


def executions(log: str) -> list[str]:
    """The job ids a worker's log says it started running."""
    return re.findall(r"Executing \S*generate_article: (\S+)", log)


def test_two_workers_on_one_redis_queue_run_each_job_once(redis_url, tmp_path, login):
    db_path = str(tmp_path / "web.db")
    app = create_app(
        {"DATABASE": db_path, "SECRET_KEY": "redis", "WTF_CSRF_ENABLED": False, "QUEUE": redis_url}
    )
    db = storage.open_db(db_path)
    teacher = login("tess", "teacher", client=app.test_client())
    queue = jobs.get_queue(app.config)
    assert type(queue).__name__ == "RedisHuey"
    articles = sorted(DATA.glob("*.txt"))
    env = {"QUIZAPP_QUEUE": redis_url}
    # Each worker gets a database of its own: the Redis queue is all they share.
    first = Worker(str(tmp_path / "first.db"), tmp_path / "first.log", env)
    second = Worker(str(tmp_path / "second.db"), tmp_path / "second.log", env)
    with first, second:
        wait_until(lambda: jobs.workers_running(queue) == 2, "two running workers", first)
        locations = [
            teacher.post("/teach/articles", data={"text": path.read_text()}).location
            for path in articles
        ]
        for location in locations:
            wait_until(lambda location=location: stored(teacher, location), location, second)
    job_ids = [location.rsplit("/", 1)[1] for location in locations]
    ran = {"first": executions(first.log()), "second": executions(second.log())}
    assert sorted(ran["first"] + ran["second"]) == sorted(job_ids), ran  # each job once
    assert ran["first"] and ran["second"], ran  # both workers took jobs off the one queue
    assert storage.count_articles(db) == len(articles)
    for job_id in job_ids:
        job = storage.get_generation_job(db, job_id)
        assert job["status"] == "done", job
        assert storage.items_for_article(db, storage.get_article(db, job["slug"])["id"])
    assert [teacher.get(location).status_code for location in locations] == [302] * len(job_ids)
    assert storage.count_articles(db) == len(articles)  # later visits store nothing again
    assert "Traceback" not in first.log() + second.log()
    db.close()
