"""Generation jobs through the real queue and real `quizapp worker` processes (quizapp/jobs.py):
the web side only queues, a worker generates, the job's page stores the article once; a worker
killed mid-article leaves a job that the next worker finishes."""

from __future__ import annotations

import os
import re
import shutil
import signal
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
    assert "Waiting to start…" in page  # nothing runs it in the web process
    assert storage.count_articles(db) == 0
    with Worker(app.config["DATABASE"], tmp_path / "worker.log") as worker:
        done = wait_until(lambda: stored(teacher, location), "the job's article", worker)
    assert done.location == "/teach/articles/warsaw"
    article = storage.get_article(db, "warsaw")
    assert storage.count_articles(db) == 1 and article["published"] is None  # a draft
    assert storage.items_for_article(db, article["id"])
    assert teacher.get(location).location == done.location  # later visits store nothing
    assert storage.count_articles(db) == 1


def running(pid: int) -> bool:
    """Whether process pid exists and has not exited (a zombie has)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def generating_children(worker: Worker) -> list[int]:
    """The running children a worker forked to generate: its children with its own command
    line (the reader's forkserver, its other child, has another)."""
    pid = worker.process.pid
    own = Path(f"/proc/{pid}/cmdline").read_bytes()
    children = []
    for proc in Path("/proc").iterdir():
        try:
            status = (proc / "status").read_text()
            if f"\nPPid:\t{pid}\n" in status and (proc / "cmdline").read_bytes() == own:
                children.append(int(proc.name))
        except (OSError, ValueError):
            continue
    return [child for child in children if running(child)]


def a_generating_child(worker: Worker, besides: set[int] = frozenset()) -> int:
    """The pid of the worker's generating child (other than those in besides) once it runs."""
    found = wait_until(
        lambda: [c for c in generating_children(worker) if c not in besides],
        "a generating child process",
        worker,
    )
    return found[0]


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
        child = a_generating_child(worker)
        worker.kill()
        # The child that generated dies with its worker (prctl PR_SET_PDEATHSIG).
        wait_until(lambda: not running(child), "the end of the worker's generating child", worker)
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


def test_a_worker_told_to_stop_mid_article_stops_its_generating_child_too(queued, tmp_path):
    app, db, teacher = queued
    teacher.post("/teach/articles", data={"text": long_article()})
    with Worker(app.config["DATABASE"], tmp_path / "worker.log") as worker:
        child = a_generating_child(worker)
        worker.process.terminate()
        assert worker.process.wait(10) == 0  # not after the article (about 17 s)
        assert not running(child)
        assert "Traceback" not in worker.log()
    assert storage.count_articles(db) == 0


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


def test_a_generation_past_its_time_limit_is_killed_and_the_worker_goes_on(queued, tmp_path):
    app, db, teacher = queued
    limit = 2
    app.config["TASK_TIMEOUT"] = limit  # the 10,000-word article takes about 17 s
    location = teacher.post("/teach/articles", data={"text": long_article()}).location
    job_id = location.rsplit("/", 1)[1]
    with Worker(app.config["DATABASE"], tmp_path / "worker.log") as worker:
        child = a_generating_child(worker)
        started = time.monotonic()
        # A stopped process runs away as a stuck parse would: it never reaches a progress step
        # (where a send to the worker would fail once it stops listening), and SIGTERM stays
        # pending, so only the worker's SIGKILL after KILL_GRACE ends it.
        os.kill(child, signal.SIGSTOP)
        wait_until(lambda: jobs.job_outcome(app.config, job_id)[0], "the job's outcome", worker)
        assert time.monotonic() - started < limit + jobs.KILL_GRACE + 3
        assert not Path(f"/proc/{child}").exists()
        page = teacher.get(location).get_data(as_text=True)
        assert f"Generating took more than {limit} s, so it was stopped" in page
        assert "Traceback" not in page
        assert storage.count_articles(db) == 0
        assert storage.get_generation_job(db, job_id)["status"] == "failed"

        # The same worker takes the next job and finishes it.
        app.config["TASK_TIMEOUT"] = jobs.TASK_TIMEOUT
        text = (DATA / "warsaw.txt").read_text()
        after = teacher.post("/teach/articles", data={"text": text}).location
        done = wait_until(lambda: stored(teacher, after), "the next job's article", worker)
        assert worker.process.poll() is None
        log = worker.log()
    assert done.location == "/teach/articles/warsaw"
    assert storage.count_articles(db) == 1
    assert f"Job {job_id}: past its time limit; stopping process {child}" in log
    assert f"Job {job_id}: process {child} stopped (signal SIGKILL)" in log
    assert "Traceback" not in log


def test_a_generating_child_killed_by_the_os_is_run_again(queued, tmp_path):
    app, db, teacher = queued
    location = teacher.post("/teach/articles", data={"text": long_article()}).location
    job_id = location.rsplit("/", 1)[1]
    with Worker(app.config["DATABASE"], tmp_path / "worker.log") as worker:
        child = a_generating_child(worker)
        os.kill(child, signal.SIGKILL)  # as the out-of-memory killer would
        again = a_generating_child(worker, besides={child})
        done = wait_until(lambda: stored(teacher, location), "the job's article", worker)
        assert worker.process.poll() is None
        log = worker.log()
    assert f"its generating process {child} died (signal SIGKILL); running it again" in log
    assert again != child and "Traceback" not in log
    assert storage.get_generation_job(db, job_id)["status"] == "done"
    assert done.location == "/teach/articles/six-histories"
    assert storage.count_articles(db) == 1
    article = storage.get_article(db, "six-histories")
    assert len(storage.items_for_article(db, article["id"])) > 50


def test_a_generating_child_that_keeps_dying_fails_its_job_after_crash_retries(queued, tmp_path):
    app, db, teacher = queued
    location = teacher.post("/teach/articles", data={"text": long_article()}).location
    job_id = location.rsplit("/", 1)[1]
    killed: set[int] = set()
    with Worker(app.config["DATABASE"], tmp_path / "worker.log") as worker:
        for _ in range(1 + jobs.CRASH_RETRIES):
            child = a_generating_child(worker, besides=killed)
            os.kill(child, signal.SIGSEGV)  # as a crash in a C extension would end it
            killed.add(child)
        wait_until(lambda: jobs.job_outcome(app.config, job_id)[0], "the job's failure", worker)
        assert generating_children(worker) == []  # not run a fourth time
        assert worker.process.poll() is None
        log = worker.log()
    assert log.count("died (signal SIGSEGV); running it again") == jobs.CRASH_RETRIES
    assert log.count("died (signal SIGSEGV); not run again") == 1
    page = teacher.get(location).get_data(as_text=True)
    assert "Generation crashed each time it ran, so it was stopped; try again later." in page
    assert "Traceback" not in page + log
    assert storage.count_articles(db) == 0
    assert storage.get_generation_job(db, job_id)["status"] == "failed"


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
        assert queue.result("job1")["error"] == jobs.CRASHED
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
