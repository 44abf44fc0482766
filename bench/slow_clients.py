"""Slow-client benchmark: page times for one visitor while 200 slow connections hold on.

The slow ones (on 127.0.0.1 only) trickle header lines or body bytes once a second, say
nothing, or ask for a deck and never read it. The probe loads six pages in turn; figures are
the median and the slowest page time, idle and under the slow connections, for the production
server (`quizapp serve --production`: gunicorn's asyncio worker in front of the app) and,
for comparison, gunicorn's threaded worker (gthread, how it served before) with the same
workers and threads. A probe request gives up after 10 s.

Usage: .venv/bin/python bench/slow_clients.py [--seconds 10] [--slow 200]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import synthetic  # noqa: E402
from web import BIN, HOST, SECRET_KEY, free_port, serving  # noqa: E402

from quizapp.server import default_workers  # noqa: E402

PAGES = ("/", "/articles/{slug}/quiz", "/auth/login", "/static/style.css",
         "/articles/{slug}/deck.apkg", "/api/articles")  # fmt: skip
GIVE_UP = 10.0
KINDS = {"headers": 0.4, "body": 0.3, "idle": 0.2, "reader": 0.1}

GTHREAD = """
import sys
from quizapp import create_app
from quizapp.server import _Server
app = create_app()
host, port, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
_Server(app, {"bind": f"{host}:{port}", "workers": workers, "threads": 1,
              "worker_class": "gthread", "timeout": 120, "loglevel": "warning"}).run()
"""


def open_slow(port: int, kind: str) -> socket.socket:
    sock = socket.create_connection((HOST, port), timeout=5)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    head = {
        "headers": b"GET / HTTP/1.1\r\nHost: x\r\n",
        "body": b"POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n\r\n",
        "reader": b"GET /export/quizapp.apkg HTTP/1.1\r\nHost: x\r\n\r\n",
    }.get(kind)
    if head:
        sock.sendall(head)
    return sock


def trickle(socks: list, stop: threading.Event) -> None:
    n = 0
    while not stop.wait(1.0):
        n += 1
        for kind, sock in socks:
            with contextlib.suppress(OSError):
                if kind == "headers":
                    sock.sendall(f"X-Slow-{n}: {n}\r\n".encode())
                elif kind == "body":
                    sock.sendall(b"username=x&")


def probe(port: int, slug: str, seconds: float) -> list[float]:
    """Page times (s) of a visitor loading PAGES in turn for `seconds`; GIVE_UP for a page
    that did not come."""
    times = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for page in PAGES:
            start = time.monotonic()
            try:
                url = f"http://{HOST}:{port}{page.format(slug=slug)}"
                with urllib.request.urlopen(url, timeout=GIVE_UP) as response:
                    response.read()
                times.append(time.monotonic() - start)
            except OSError:
                times.append(GIVE_UP)
    return times


def measure(port: int, slug: str, seconds: float, slow: int) -> tuple[list[float], list[float]]:
    idle = probe(port, slug, seconds)
    kinds = [k for k, share in KINDS.items() for _ in range(round(slow * share))]
    socks = [(kind, open_slow(port, kind)) for kind in kinds]
    stop = threading.Event()
    thread = threading.Thread(target=trickle, args=(socks, stop), daemon=True)
    thread.start()
    try:
        time.sleep(2)
        loaded = probe(port, slug, seconds)
    finally:
        stop.set()
        thread.join()
        for _, sock in socks:
            sock.close()
    return idle, loaded


def line(name: str, times: list[float]) -> str:
    gave_up = sum(t >= GIVE_UP for t in times)
    return (
        f"{name:<34} pages {len(times):4d}  median {statistics.median(times) * 1000:7.1f} ms  "
        f"slowest {max(times) * 1000:8.1f} ms  gave up {gave_up}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--slow", type=int, default=200)
    args = parser.parse_args()
    workers = default_workers()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        db_path = tmp / "bench.db"
        slug = synthetic.build_database(db_path, 3, 40)[0]
        (tmp / "i").mkdir()  # the probe downloads decks far beyond the per-address throttle
        (tmp / "i" / "config.py").write_text("THROTTLE_EXPORT_FREE = 10**9\n")
        env = dict(os.environ, QUIZAPP_SECRET_KEY=SECRET_KEY, QUIZAPP_INSTANCE=str(tmp / "i"),
                   QUIZAPP_DB=str(db_path))  # fmt: skip
        port = free_port()
        production = [str(BIN / "quizapp"), "--db", str(db_path), "serve", "--production",
                      "--host", HOST, "--port", str(port), "--workers", str(workers)]  # fmt: skip
        with serving(production, port, env, tmp / "production.log"):
            asgi = measure(port, slug, args.seconds, args.slow)
        port = free_port()
        threaded = [sys.executable, "-c", GTHREAD, HOST, str(port), str(workers)]
        with serving(threaded, port, env, tmp / "gthread.log"):
            gthread = measure(port, slug, args.seconds, args.slow)
    print(
        f"{workers} workers x 1 thread; {args.slow} slow connections on {HOST}; a probe loads "
        f"{len(PAGES)} pages in turn for {args.seconds:.0f} s (gives up after {GIVE_UP:.0f} s)."
    )
    print(line("production (asyncio worker), idle", asgi[0]))
    print(line("production, 200 slow connections", asgi[1]))
    print(line("gthread (before), idle", gthread[0]))
    print(line("gthread, 200 slow connections", gthread[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
