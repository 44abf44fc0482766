"""Generation as jobs on a Huey queue: reading, cleaning and generating an article run in a
worker process (`quizapp worker`), never in a web worker.

The task is pure: the submitted article and its options in, the generator's JSON contract (plus
the title and paragraphs needed to store it) out. The web side stores that result, once per
job id, when the job's status page is asked for (storage.finish_generation_job), so the
database stays on the web machine. The queue is SqliteHuey on a file beside the database, or
RedisHuey when QUIZAPP_QUEUE (or QUEUE in the config) is a redis:// URL, so that workers can run
on other machines.

A task has time limits: reading runs in a child process that is killed after READ_TIMEOUT
(quizapp.reading: a crafted file can hold a C parser for minutes), and generation stops at its
next step after TASK_TIMEOUT; either way the job fails with a message. The consumer runs its
tasks in threads of one process (huey's process workers are daemons, which may not start the
reader's child): more generation at once means more `quizapp worker` processes.

A worker that crashes (SIGKILL, out of memory) loses the task it had taken off the queue; its
claim stays in the queue's store, and the next worker to start on that machine puts the task
back (recover_crashed), at most CRASH_RETRIES times.
"""

from __future__ import annotations

import ctypes
import dataclasses
import os
import re
import signal
import socket
import threading
import time
from pathlib import Path, PurePath
from typing import Any

import huey
from huey.exceptions import TaskException, TaskTimeout

import questions
from questions.model import Rejection

TASK_TIMEOUT = 600  # seconds; 92,000 words generate in about 36 s
CRASH_RETRIES = 2  # runs after the first whose worker died
EXCEPTION_RETRIES = 1  # runs after the first that raised an unexpected exception
MAX_TITLE_CHARS = 120
PASTED = "pasted"  # the source name of a pasted article
CLAIM = "claim:"  # prefix of the keys that say which process runs a job
PROGRESS = "progress:"
HEARTBEAT = "worker:"  # prefix of the keys a running worker refreshes (workers_running)
HEARTBEAT_EVERY = 2.0  # seconds
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")

_queues: dict[tuple[str, bool], huey.Huey] = {}
_tasks: dict[int, Any] = {}  # id(queue) -> its generate_article task


class TitleNeeded(questions.ArticleError):
    """A pasted article whose first line is a paragraph, and no title typed."""


def queue_path(database: str) -> str:
    """The queue's SQLite file beside the database (quizapp.db -> quizapp-queue.db)."""
    path = Path(database)
    return str(path.with_name(f"{path.stem}-queue.db"))


def queue_location(config: dict) -> str:
    """Where the queue is: QUEUE in the config, else $QUIZAPP_QUEUE (a file or a Redis URL),
    else a file beside DATABASE."""
    return config.get("QUEUE") or os.environ.get("QUIZAPP_QUEUE") or queue_path(config["DATABASE"])


def shown_location(location: str) -> str:
    """The queue's location for messages: a Redis URL without its password."""
    if location.startswith(REDIS_SCHEMES) and "@" in location:
        scheme, rest = location.split("://", 1)
        return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
    return location


def get_queue(config: dict) -> huey.Huey:
    """The queue for an app's config (queue_location); QUEUE_IMMEDIATE runs each task at once
    in the caller (tests where the queue is not the point)."""
    location = queue_location(config)
    immediate = bool(config.get("QUEUE_IMMEDIATE"))
    key = (location, immediate)
    if key not in _queues:
        _queues[key] = make_queue(location, immediate)
    return _queues[key]


def make_queue(location: str, immediate: bool = False) -> huey.Huey:
    """A RedisHuey for a Redis URL (redis://host:port/db), else a SqliteHuey on the file
    location, with the generation task registered."""
    if location.startswith(REDIS_SCHEMES):
        queue = huey.RedisHuey("quizapp", url=location, immediate=immediate)
    else:
        queue = huey.SqliteHuey("quizapp", filename=location, immediate=immediate)

    @queue.task(retries=EXCEPTION_RETRIES, context=True, name="generate_article")
    def generate_article(data: str | bytes, options: dict, task=None) -> dict:
        return run_generation(queue, task.id, data, options)

    _tasks[id(queue)] = generate_article
    return queue


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (elsewhere: nothing)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        return
    pr_set_pdeathsig = 1
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL)


def time_limits(config: dict) -> dict:
    """The options that bound a task: READ_TIMEOUT and TASK_TIMEOUT from the config."""
    from quizapp.reading import READ_TIMEOUT

    return {
        "read_timeout": config.get("READ_TIMEOUT", READ_TIMEOUT),
        "timeout": config.get("TASK_TIMEOUT", TASK_TIMEOUT),
    }


def enqueue(config: dict, job_id: str, data: str | bytes, options: dict) -> None:
    """Put a generation on the queue under the job's id."""
    queue = get_queue(config)
    queue.enqueue(_tasks[id(queue)].s(data, options, id=job_id))


def looks_like_title(line: str) -> bool:
    """Whether an article's first line reads as a title rather than a first paragraph."""
    line = line.strip()
    return 0 < len(line) <= MAX_TITLE_CHARS and not line.endswith((".", "…", ":", ";", ","))


def article_title(typed: str | None, text: str, source: str) -> str:
    """The title: the one typed, else the text's first line when it reads as one, else the
    uploaded file's name; a pasted text with a paragraph first must be given one."""
    if typed and typed.strip():
        return " ".join(typed.split())
    first = text.split("\n", 1)[0]
    if looks_like_title(first):
        return first.strip()
    if source != PASTED:
        name = re.sub(r"[-_\s]+", " ", PurePath(source).stem).strip()
        return name[:1].upper() + name[1:] if name else first
    raise TitleNeeded("The first line reads as a paragraph, not a title: type a title.")


def no_items_message(article: questions.Article) -> str:
    """Why an article was not added: it gave no items."""
    return (
        f"No questions could be made from “{article.title}” ({article.words} words), so it "
        "was not added: the generator found no facts to ask about (dated events, people and "
        "their roles, places, numbers, quotes). Try a longer or more factual text."
    )


def run_generation(queue: huey.Huey, job_id: str, data: str | bytes, options: dict) -> dict:
    """The task: read the article (unless options["read"] is false), generate every candidate
    and return {"title", "paragraphs", "contract", "options"}, or {"error": message}.

    The claim is dropped when the run ends with an outcome or an exception (huey retries
    that); a run cut short (SIGKILL, or a consumer told to stop at once) leaves it for
    recover_crashed."""
    claim(queue, job_id, data, options)
    try:
        outcome = generation_outcome(queue, job_id, data, options)
    except Exception:
        queue.delete(CLAIM + job_id)
        raise
    queue.delete(CLAIM + job_id)
    return outcome


def generation_outcome(queue: huey.Huey, job_id: str, data: str | bytes, options: dict) -> dict:
    """Read and generate the article, noting progress in the queue's store."""
    from quizapp.reading import READ_TIMEOUT, read_submitted

    source = options.get("source", PASTED)
    reported = [0.0]
    deadline = time.monotonic() + options.get("timeout", TASK_TIMEOUT)

    def progress(step: int, total: int) -> None:
        if time.monotonic() > deadline:
            raise TaskTimeout(job_id)
        share = step / max(total, 1)
        if share - reported[0] >= 0.05:
            reported[0] = share
            queue.put(PROGRESS + job_id, share)

    try:
        if options.get("read", True):
            timeout = options.get("read_timeout", READ_TIMEOUT)
            text = read_submitted(data, filename=source, timeout=timeout)
        else:
            text = str(data)
        title = article_title(options.get("title"), text, source)
        if text.split("\n", 1)[0].strip() != title:
            text = f"{title}\n\n{text}"  # the first line is the title to the generator too
        article = questions.generate(
            text, title=title, progress=progress, all_items=True, explain=True
        )
        if not any(item.selected for item in article.items):
            raise questions.ArticleError(no_items_message(article))
    except questions.ArticleError as error:
        return {"error": str(error), "options": options}
    except TaskTimeout:
        return {
            "error": f"Generating took more than {options.get('timeout', TASK_TIMEOUT)} s, so "
            "it was stopped; the file may be malformed. Try saving it as plain text.",
            "options": options,
        }
    return {
        "title": article.title,
        "paragraphs": list(article.paragraphs),
        "contract": article.to_dict(),
        "rejected": [dataclasses.asdict(r) for r in article.rejected],  # the review's "why not"
        "options": options,
    }


def claim(queue: huey.Huey, job_id: str, data: str | bytes, options: dict) -> None:
    """Note that this process runs the job (and what to run again if it dies)."""
    previous = queue.get(CLAIM + job_id, peek=True)
    queue.put(
        CLAIM + job_id,
        {
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "runs": previous["runs"] + 1 if previous else 1,
            "data": data,
            "options": options,
        },
    )


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_crashed(queue: huey.Huey) -> list[str]:
    """Put back on the queue the jobs whose process on this machine died while running them
    (or fail them after CRASH_RETRIES); returns their ids."""
    recovered = []
    host = socket.gethostname()
    for key, raw in queue.storage.result_items().items():
        if not key.startswith(CLAIM):
            continue
        held = queue.serializer.deserialize(raw)
        if held["host"] != host or process_alive(held["pid"]):
            continue
        job_id = key.removeprefix(CLAIM)
        if held["runs"] > CRASH_RETRIES:
            queue.delete(key)
            queue.put_result(
                job_id,
                {"error": "Generation stopped its worker; try again.", "options": held["options"]},
            )
        else:
            # The claim is this process's now, so a worker starting beside it leaves the job be.
            queue.put(key, {**held, "pid": os.getpid()})
            queue.enqueue(_tasks[id(queue)].s(held["data"], held["options"], id=job_id))
        recovered.append(job_id)
    return recovered


def heartbeat(queue: huey.Huey, stop: threading.Event) -> None:
    """Note in the queue's store, every HEARTBEAT_EVERY seconds until stop is set, that this
    worker process runs; the note is dropped when it stops (a killed worker's note goes
    stale)."""
    key = f"{HEARTBEAT}{socket.gethostname()}:{os.getpid()}"
    while True:
        queue.put(key, time.time())
        if stop.wait(HEARTBEAT_EVERY):
            break
    queue.delete(key)


def workers_running(queue: huey.Huey) -> int:
    """How many worker processes, on any machine, have noted lately that they run."""
    fresh = time.time() - 3 * HEARTBEAT_EVERY
    running = 0
    for key, raw in queue.storage.result_items().items():
        if key.startswith(HEARTBEAT):
            running += queue.serializer.deserialize(raw) > fresh
    return running


def job_outcome(config: dict, job_id: str) -> tuple[dict | None, float | None]:
    """The job's result (None while it runs) and its progress (None before a worker took it)."""
    queue = get_queue(config)
    try:
        outcome = queue.result(job_id, preserve=True)
    except TaskException:
        outcome = {"error": "Generation failed unexpectedly; try again.", "options": {}}
    return outcome, queue.get(PROGRESS + job_id, peek=True)


def article_from_result(outcome: dict) -> questions.Article:
    """The Article a task returned (its contract, title and paragraphs)."""
    contract = outcome["contract"]
    items = tuple(
        questions.Item(
            **{
                **data,
                "accepted": tuple(data["accepted"]),
                "choices": tuple(freeze(c) for c in data["choices"]),
                "tags": tuple(data["tags"]),
            }
        )
        for data in contract["items"]
    )
    return questions.Article(
        title=outcome["title"],
        slug=contract["article"]["slug"],
        paragraphs=tuple(outcome["paragraphs"]),
        items=items,
        rejected=tuple(Rejection(**r) for r in outcome.get("rejected", ())),
    )


def freeze(value: Any) -> Any:
    """Lists (JSON) back into the tuples the generator made."""
    return tuple(freeze(v) for v in value) if isinstance(value, list) else value


def forget(config: dict, job_id: str) -> None:
    """Drop a stored job's result and progress from the queue's store."""
    queue = get_queue(config)
    queue.delete(job_id)
    queue.delete(PROGRESS + job_id)
