"""Generation as jobs on a Huey queue: reading, cleaning and generating an article run in a
worker process (`quizapp worker`), never in a web worker.

The task is pure: the submitted article and its options in, the generator's JSON contract (plus
the title and paragraphs needed to store it) out. The web side stores that result, once per
job id, when the job's status page is asked for (storage.finish_generation_job), so the
database stays on the web machine. The queue is SqliteHuey on a file beside the database, or
RedisHuey when QUIZAPP_QUEUE (or QUEUE in the config) is a redis:// URL, so that workers can run
on other machines.

A task has time limits: reading runs in a child process that is killed after READ_TIMEOUT
(quizapp.reading: a crafted file can hold a C parser for minutes), and generation runs in a
child forked from the worker (generate_bounded), killed when TASK_TIMEOUT has passed since the
task began; either way the job fails with a message. The worker loads the generator (spaCy's
pipeline, the scoring models) once when it starts (load_generator), so each forked child shares
it rather than loading it again. The consumer runs its tasks in threads of one process (huey's
process workers are daemons, which may not start children); a thread forks only the child that
generates, which touches nothing but its own article and its end of a pipe.

A worker that crashes (SIGKILL, out of memory) loses the task it had taken off the queue; its
claim stays in the queue's store, and the next worker to start on that machine puts the task
back (recover_crashed), at most CRASH_RETRIES times. A generating child that dies (killed by
the OS, a segfault) is a run that crashed too: the worker runs it again in a new child while
the claim's runs allow, then fails the job with a message.
"""

from __future__ import annotations

import ctypes
import dataclasses
import logging
import multiprocessing
import os
import re
import signal
import socket
import sys
import threading
import time
from pathlib import Path, PurePath
from typing import Any

import huey
from huey.exceptions import TaskException

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
KILL_GRACE = 2.0  # seconds between SIGTERM and SIGKILL for a generating child past its limit
WARM_UP = "Warm-up\n\nMarie Curie was born in Warsaw in 1867. She moved to Paris in 1891."
CRASHED = "Generation crashed each time it ran, so it was stopped; try again later."

log = logging.getLogger(__name__)
_forking = threading.Lock()  # one fork at a time: no child inherits another's pipe

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


class GenerationTimeout(Exception):
    """The generating child ran past the task's time limit and was killed."""


class GenerationCrashed(Exception):
    """The generating child died without an answer (killed by the OS, a segfault)."""


class GenerationRaised(Exception):
    """The generator raised an unexpected exception in the child (its traceback in args)."""


def generation_outcome(queue: huey.Huey, job_id: str, data: str | bytes, options: dict) -> dict:
    """Read and generate the article, noting progress in the queue's store."""
    from quizapp.reading import READ_TIMEOUT, read_submitted

    source = options.get("source", PASTED)
    limit = options.get("timeout", TASK_TIMEOUT)
    deadline = time.monotonic() + limit
    try:
        if options.get("read", True):
            timeout = options.get("read_timeout", READ_TIMEOUT)
            text = read_submitted(data, filename=source, timeout=timeout)
        else:
            text = str(data)
        title = article_title(options.get("title"), text, source)
        if text.split("\n", 1)[0].strip() != title:
            text = f"{title}\n\n{text}"  # the first line is the title to the generator too
        while True:
            try:
                result = generate_bounded(queue, job_id, text, title, deadline)
                break
            except GenerationCrashed as crash:
                held = queue.get(CLAIM + job_id, peek=True)
                if held is None or held["runs"] > CRASH_RETRIES:
                    log.warning("Job %s: %s; not run again", job_id, crash)
                    return {"error": CRASHED, "options": options}
                log.warning("Job %s: %s; running it again", job_id, crash)
                claim(queue, job_id, data, options)
                deadline = time.monotonic() + limit  # a new run, a new limit
    except questions.ArticleError as error:
        return {"error": str(error), "options": options}
    except GenerationTimeout:
        return {
            "error": f"Generating took more than {limit} s, so it was stopped; the file may be "
            "malformed. Try saving it as plain text.",
            "options": options,
        }
    return {**result, "options": options}


_loaded = threading.Event()


def load_generator() -> None:
    """Load everything generation needs (spaCy's pipeline, the sentence splitter, the scoring
    models) into this process, once, by generating a two-sentence article, so that children
    forked from it share them rather than each loading them again."""
    if not _loaded.is_set():
        questions.generate(WARM_UP, title="Warm-up", all_items=True)
        _loaded.set()


def _generate_in_child(conn, parents_end, text: str, title: str) -> None:
    """The child's side: generate and send ("progress", share) as it goes, then ("ok", result),
    ("error", message for the teacher) or ("raised", traceback)."""
    die_with_parent()
    parents_end.close()  # so a send to a parent that stopped listening fails, never blocks
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the consumer's handler, inherited
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C stops the worker, which stops us
    reported = [0.0]

    def progress(step: int, total: int) -> None:
        share = step / max(total, 1)
        if share - reported[0] >= 0.05:
            reported[0] = share
            conn.send(("progress", share))

    try:
        article = questions.generate(
            text, title=title, progress=progress, all_items=True, explain=True
        )
        if not any(item.selected for item in article.items):
            raise questions.ArticleError(no_items_message(article))
        result = {
            "title": article.title,
            "paragraphs": list(article.paragraphs),
            "contract": article.to_dict(),
            "rejected": [dataclasses.asdict(r) for r in article.rejected],  # the review's why-not
        }
        conn.send(("ok", result))
    except questions.ArticleError as error:
        conn.send(("error", str(error)))
    except Exception:
        import traceback

        conn.send(("raised", traceback.format_exc()))
    finally:
        conn.close()


def generate_bounded(queue: huey.Huey, job_id: str, text: str, title: str, deadline: float) -> dict:
    """{"title", "paragraphs", "contract", "rejected"} for the article, generated in a child
    forked from this process, noting its progress in the queue's store. The child is stopped at
    deadline (time.monotonic()): SIGTERM, then SIGKILL after KILL_GRACE, and GenerationTimeout
    raised.
    ArticleError with the generator's message; GenerationCrashed when the child dies without
    an answer; GenerationRaised when the generator raised something else."""
    context = multiprocessing.get_context("fork")
    with _forking:
        load_generator()  # the worker did at its start; a QUEUE_IMMEDIATE caller, here once
        receive, send = context.Pipe(duplex=False)
        child = context.Process(
            target=_generate_in_child,
            args=(send, receive, text, title),
            name=f"generate {job_id}",
            daemon=True,  # terminated, not waited for, when the worker exits normally
        )
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
            stream.flush()
        child.start()
        send.close()
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not receive.poll(left):
                log.warning("Job %s: past its time limit; stopping process %s", job_id, child.pid)
                receive.close()
                stop_child(child)
                log.warning("Job %s: process %s stopped (%s)", job_id, child.pid, ended(child))
                raise GenerationTimeout(job_id)
            try:
                kind, value = receive.recv()
            except EOFError:
                child.join(KILL_GRACE)
                died = f"its generating process {child.pid} died ({ended(child)})"
                raise GenerationCrashed(died) from None
            if kind == "progress":
                queue.put(PROGRESS + job_id, value)
            elif kind == "ok":
                return value
            elif kind == "error":
                raise questions.ArticleError(value)
            else:
                raise GenerationRaised(value)
    finally:
        receive.close()
        stop_child(child)
        child.close()


def ended(child: multiprocessing.process.BaseProcess) -> str:
    """How a child process ended: "signal SIGKILL", "exit code 1", or "still running"."""
    code = child.exitcode
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def stop_child(child: multiprocessing.process.BaseProcess) -> None:
    """Wait briefly for a child that has answered; stop one that has not: SIGTERM, then
    SIGKILL after KILL_GRACE seconds. Returns once it has exited (its zombie reaped)."""
    if child.exitcode is not None:
        return
    child.join(0.5)
    if child.is_alive():
        child.terminate()
        child.join(KILL_GRACE)
    if child.is_alive():
        child.kill()
        child.join()


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
            queue.put_result(job_id, {"error": CRASHED, "options": held["options"]})
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
