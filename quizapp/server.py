"""The production server: gunicorn worker processes around the Flask app.

Defaults chosen with bench/web.py and per-request CPU on a 2-core machine: one thread per
worker, because the pages are CPU-bound (rendering, signing, SQLite reads) and threads of one
process only take turns on the GIL. With 4 workers x 4 threads the quiz page had a p99 of
55-70 ms; with one thread 20-40 ms and as many or more requests per second. Between 2 and 5
workers the throughput differed by less than the machine's noise; gunicorn's rule of
2 x cores + 1 keeps workers free while others wait on SQLite's write lock (busy timeout).
"""

from __future__ import annotations

import os

from flask import Flask
from gunicorn.app.base import BaseApplication

DEFAULT_THREADS = 1


def default_workers() -> int:
    """gunicorn's rule of thumb: 2 x CPU cores + 1 (5 on a 2-core machine)."""
    return 2 * (os.cpu_count() or 1) + 1


class _Server(BaseApplication):
    def __init__(self, app: Flask, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application


def serve_production(
    app: Flask,
    *,
    host: str,
    port: int,
    workers: int | None = None,
    threads: int = DEFAULT_THREADS,
) -> None:
    """Serve app with gunicorn until stopped (SIGINT/SIGTERM); workers default to
    default_workers()."""
    options = {
        "bind": f"{host}:{port}",
        "workers": workers or default_workers(),
        "threads": threads,
        "worker_class": "gthread",
        "timeout": 120,
        "graceful_timeout": 10,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
    }
    _Server(app, options).run()
