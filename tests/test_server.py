"""The production server's defaults (chosen by bench/web.py, documented in the CLI help)."""

from __future__ import annotations

import asyncio
import os
import threading

import pytest
from flask import Flask

from quizapp.cli import cli
from quizapp.server import DEFAULT_THREADS, BufferedWSGI, default_workers


def test_defaults_are_one_thread_and_two_workers_per_core_plus_one():
    assert DEFAULT_THREADS == 1
    assert default_workers() == 2 * (os.cpu_count() or 1) + 1


def test_serve_help_says_the_defaults(runner):
    result = runner.invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "2 x CPU cores + 1" in result.output and "default: 1" in result.output


def test_serve_refuses_zero_workers(runner):
    result = runner.invoke(cli, ["serve", "--production", "--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.output


def asgi_get(asgi, path: str) -> tuple[dict, bytes]:
    """One GET through an ASGI app, in a fresh event loop: (start message, body)."""
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": []}
    asyncio.run(asgi(scope, receive, send))
    return sent[0], sent[1]["body"]


@pytest.mark.parametrize("threads", [1, 2])
def test_pages_run_on_the_loop_thread_only_with_one_thread(threads):
    """With one thread per worker the loop's own thread runs the pages (no hand-over to a
    pool); with more, a pool does. The response is the same either way."""
    app = Flask(__name__)
    ran_on = []

    @app.get("/")
    def page():
        ran_on.append(threading.current_thread())
        return "hello", 201, {"X-Test": "1"}

    start, body = asgi_get(BufferedWSGI(app, threads), "/")
    assert start["status"] == 201 and (b"x-test", b"1") in start["headers"]
    assert body == b"hello"
    assert (ran_on[0] is threading.main_thread()) == (threads == 1)
