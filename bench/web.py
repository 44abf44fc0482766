"""Web benchmark: the production server under a bounded load, against a minimal Flask page.

The production server (gunicorn's asyncio worker in front of the app, quizapp/server.py) and the
baseline (gunicorn gthread) run the same workers and threads, on 127.0.0.1, in the same run;
rounds alternate between them and every figure is a median over the rounds.

Usage: .venv/bin/python bench/web.py [--rounds 5] [--workers N] [--threads N]
(default: the production server's defaults, quizapp/server.py)
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import synthetic  # noqa: E402
from loadgen import HOST, LoadGenerator, Request, Result, median_of  # noqa: E402

from quizapp.server import DEFAULT_THREADS, default_workers  # noqa: E402

BIN = Path(sys.executable).parent
REQUESTS_PER_ROUND = 3000
ITEMS = 40  # items per synthetic article; an "all" quiz has this many questions
SECRET_KEY = "bench-secret"
ROUND_LIMIT = 8.0  # seconds: a round stops here even if requests are left
AIMS = {"quiz page": 0.70, "answer POST": 0.50}

BASELINE_APP = """
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "<!doctype html><title>hello</title><p>Hello, world.</p>"
"""


class Server(NamedTuple):
    """A running server: its port and its process group (the master and its workers)."""

    port: int
    group: int


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def group_cpu(group: int) -> float:
    """Seconds of CPU (user + system) used so far by the live processes of a process group."""
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[2]) == group:  # fields after the name: state, ppid, pgrp, ...
            total += int(fields[11]) + int(fields[12])
    return total / CLOCK_TICKS


def measured(server: Server, run) -> Result:
    """run() with the server's CPU time over it recorded in the result."""
    before = group_cpu(server.group)
    result = run()
    result.server_cpu = group_cpu(server.group) - before
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextmanager
def serving(command: list[str], port: int, env: dict[str, str], log: Path):
    """Run a server command in its own process group until the block ends."""
    with open(log, "ab") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{command[0]} did not start:\n{log.read_text()}") from None
                time.sleep(0.1)
        yield Server(port, process.pid)  # start_new_session: the group's id is the leader's pid
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def quizapp_server(tmp: Path, db_path: Path, workers: int, threads: int):
    """`quizapp serve --production` on a free port."""
    port = free_port()
    env = dict(os.environ, QUIZAPP_SECRET_KEY=SECRET_KEY, QUIZAPP_INSTANCE=str(tmp / "inst"))
    command = [
        str(BIN / "quizapp"),
        "--db",
        str(db_path),
        "serve",
        "--production",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--threads",
        str(threads),
    ]
    return serving(command, port, env, tmp / "quizapp.log")


def baseline_server(tmp: Path, workers: int, threads: int):
    """A minimal Flask app under gunicorn with the production server's settings."""
    (tmp / "hello_app.py").write_text(textwrap.dedent(BASELINE_APP))
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "--chdir",
        str(tmp),
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--worker-class",
        "gthread",
        "--timeout",
        "120",
        "--graceful-timeout",
        "10",
        "--log-level",
        "warning",
        "hello_app:app",
    ]
    return serving(command, port, dict(os.environ), tmp / "baseline.log")


def report(name: str, figures: dict[str, float], baseline_rps: float) -> str:
    ratio = figures["rps"] / baseline_rps if baseline_rps else 0.0
    aim = AIMS.get(name)
    verdict = ""
    if aim is not None:
        verdict = f"  aim >= {aim:.0%}: " + ("met" if ratio >= aim else "MISSED")
    return (
        f"{name:<22} {figures['rps']:8.0f} req/s  {ratio:6.0%} of baseline  "
        f"p50 {figures['p50']:6.1f} ms  p99 {figures['p99']:6.1f} ms  "
        f"CPU/req server {figures['server_ms']:5.2f} ms client {figures['client_ms']:5.2f} ms  "
        f"errors {figures['errors']:.0f}/{figures['requests']:.0f}{verdict}"
    )


CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Sessions:
    """Quiz attempts started through the real flow, in-process, on the benchmark database.

    The app runs with the server's secret key, so its session cookies are valid there too.
    """

    def __init__(self, db_path: Path, tmp: Path):
        os.environ.update(QUIZAPP_SECRET_KEY=SECRET_KEY, QUIZAPP_INSTANCE=str(tmp / "inst"))
        from quizapp import create_app, storage

        self.storage = storage
        self.app = create_app({"DATABASE": str(db_path), "SECRET_KEY": SECRET_KEY})
        self.db = storage.open_db(db_path)

    def start(self, slugs: list[str], length: str = "all") -> tuple[str, str, list[str]]:
        """A new session with one attempt per slug: (cookie header, CSRF token, attempt ids)."""
        client = self.app.test_client()
        attempts = []
        for slug in slugs:
            page = client.get(f"/articles/{slug}/quiz").get_data(as_text=True)
            kinds = [k for k in synthetic.KIND_CYCLE if f'value="{k}"' in page]
            form = {"csrf_token": CSRF.search(page)[1], "length": length, "kinds": kinds}
            response = client.post(f"/articles/{slug}/quiz", data=form)
            assert response.status_code == 302, response.get_data(as_text=True)[:500]
            attempts.append(response.headers["Location"].rstrip("/").split("/")[-2])
        page = client.get(f"/quiz/{attempts[0]}/1").get_data(as_text=True)
        cookie = client.get_cookie("session")
        return f"session={cookie.value}", CSRF.search(page)[1], attempts

    def answer_posts(self, cookie: str, token: str, attempt_ids: list[str]) -> list[Request]:
        """One answer POST per question of each attempt, in order (each stores a new row)."""
        posts = []
        for attempt_id in attempt_ids:
            attempt = self.storage.get_attempt(self.db, attempt_id)
            items = self.storage.get_items(self.db, attempt["item_ids"])
            for number, item_id in enumerate(attempt["item_ids"], 1):
                form = {"csrf_token": token, "item_id": item_id, **answer_fields(items[item_id])}
                posts.append(
                    Request(
                        "POST",
                        f"/quiz/{attempt_id}/{number}",
                        (("Cookie", cookie), FORM_TYPE),
                        urllib.parse.urlencode(form).encode(),
                        ok=(302, 303),
                    )
                )
        return posts


FORM_TYPE = ("Content-Type", "application/x-www-form-urlencoded")


def answer_fields(item) -> dict[str, str]:
    """A complete answer in the form fields the question page has for this kind (item: a
    storage.StoredItem)."""
    if item.kind in ("mcq", "true_false"):
        return {"response": item.choices[0]}
    if item.kind == "timeline":
        return {f"pos-{i}": str(i + 1) for i in range(len(item.choices))}
    if item.kind == "matching":
        return {f"match-{i}": choice for i, choice in enumerate(item.choices)}
    return {"response": item.answer if isinstance(item.answer, str) else "x"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--threads", type=int, default=DEFAULT_THREADS)
    parser.add_argument("--requests", type=int, default=REQUESTS_PER_ROUND)
    args = parser.parse_args()

    load = LoadGenerator(processes=2, connections=8)
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as name:
        tmp = Path(name)
        db_path = tmp / "bench.db"
        slugs = synthetic.build_database(db_path, n_articles=100, items_per_article=ITEMS)
        sessions = Sessions(db_path, tmp)
        per_connection = args.requests // load.concurrency
        attempts_each = -(-per_connection // ITEMS)
        quiz_pages = []
        for c in range(load.concurrency):
            cookie, _, (attempt_id,) = sessions.start([slugs[c]])
            quiz_pages.append([Request("GET", f"/quiz/{attempt_id}/1", (("Cookie", cookie),))])
        answer_rounds = []
        for r in range(args.rounds + 1):
            lists = []
            for c in range(load.concurrency):
                picked = [slugs[(r * 7 + c + k) % len(slugs)] for k in range(attempts_each)]
                lists.append(sessions.answer_posts(*sessions.start(picked))[:per_connection])
            answer_rounds.append(lists)
        with (
            quizapp_server(tmp, db_path, args.workers, args.threads) as app,
            baseline_server(tmp, args.workers, args.threads) as base,
        ):
            scenarios = {
                "baseline (hello)": (base, Request("GET", "/")),
                "home, 100 articles": (app, Request("GET", "/")),
            }
            rounds: dict[str, list] = {
                name: [] for name in [*scenarios, "quiz page", "answer POST"]
            }

            def quiz_page():
                return load.run(app.port, [p * per_connection for p in quiz_pages], ROUND_LIMIT)

            def answer_posts(r: int):
                return load.run(app.port, answer_rounds[r], ROUND_LIMIT)

            for server, request in scenarios.values():  # warm up every worker
                load.repeat(server.port, request, 400, ROUND_LIMIT)
            quiz_page()
            posted = answer_posts(0).count
            for r in range(args.rounds):
                for scenario, (server, request) in scenarios.items():
                    rounds[scenario].append(
                        measured(
                            server,
                            lambda s=server, q=request: load.repeat(
                                s.port, q, args.requests, ROUND_LIMIT
                            ),
                        )
                    )
                rounds["quiz page"].append(measured(app, quiz_page))
                rounds["answer POST"].append(measured(app, lambda r=r: answer_posts(r + 1)))
                posted += rounds["answer POST"][-1].count
        # Every answer POST was for a fresh question, so each must have stored one row.
        stored = sessions.db.execute("SELECT count(*) FROM answers").fetchone()[0]
    load.close()

    figures = {name: median_of(results) for name, results in rounds.items()}
    baseline = figures["baseline (hello)"]["rps"]
    print(
        f"quizapp: gunicorn asyncio worker, baseline: gthread; {args.workers} workers x "
        f"{args.threads} threads; client: "
        f"{load.concurrency} keep-alive connections; medians of {args.rounds} rounds of up to "
        f"{args.requests} requests ({ROUND_LIMIT:.0f} s cap). The Python client shares the "
        f"machine's {os.cpu_count()} cores with the servers."
    )
    for name, figure in figures.items():
        print(report(name, figure, baseline))
    # With the machine's cores saturated, req/s ~ cores / (client + server CPU per request): the
    # client's share dilutes the difference. Without it the shares would be these.
    base_cpu = figures["baseline (hello)"]["server_ms"]
    shares = [
        f"{name} {base_cpu / figure['server_ms']:.0%}"
        for name, figure in figures.items()
        if name != "baseline (hello)" and figure["server_ms"]
    ]
    print("baseline's server CPU per request as a share of each page's: " + ", ".join(shares))
    print(f"answer POSTs sent {posted}, answers stored {stored}")
    return 1 if stored != posted or any(f["errors"] for f in figures.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
