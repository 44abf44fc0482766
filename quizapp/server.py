"""The production server: gunicorn worker processes around the Flask app.

Each worker is gunicorn's asyncio (ASGI) worker in front of the WSGI app, through BufferedWSGI:
the event loop reads a whole request (headers and body) before the app sees it and hands the
whole response back to the loop to send, so a slow or idle client only ever holds a coroutine,
never the thread that runs pages. gunicorn's threaded worker gave each connection a thread
from its first byte: 40 clients trickling a header line every 5 s froze every page for 45 s.
Trade-offs and figures: bench/NOTES.md.

Defaults chosen with bench/web.py and per-request CPU on a 2-core machine: one app thread per
worker, because the pages are CPU-bound (rendering, signing, SQLite reads) and threads of one
process only take turns on the GIL. With 4 workers x 4 threads the quiz page had a p99 of
55-70 ms; with one thread 20-40 ms and as many or more requests per second. Between 2 and 5
workers the throughput differed by less than the machine's noise; gunicorn's rule of
2 x cores + 1 keeps workers free while others wait on SQLite's write lock (busy timeout).
"""

from __future__ import annotations

import asyncio
import io
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import unquote_to_bytes

from flask import Flask
from gunicorn.app.base import BaseApplication

DEFAULT_THREADS = 1
# Requests larger than this are not read: the app answers 413 from the declared length.
BODY_SLACK = 64 * 1024


def default_workers() -> int:
    """gunicorn's rule of thumb: 2 x CPU cores + 1 (5 on a 2-core machine)."""
    return 2 * (os.cpu_count() or 1) + 1


def wsgi_environ(scope: dict[str, Any], body: bytes) -> dict[str, Any]:
    """The PEP 3333 environ of an ASGI HTTP scope whose body has been read."""
    server_host, server_port = scope.get("server") or ("localhost", 80)
    client = scope.get("client") or ("", 0)
    raw_path = scope.get("raw_path") or scope["path"].encode("utf-8")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": scope.get("root_path", "").encode("utf-8").decode("latin-1"),
        "PATH_INFO": unquote_to_bytes(raw_path).decode("latin-1"),
        "QUERY_STRING": scope.get("query_string", b"").decode("latin-1"),
        "SERVER_NAME": str(server_host),
        "SERVER_PORT": str(server_port),
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "REMOTE_ADDR": client[0],
        "REMOTE_PORT": str(client[1]),
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for raw_name, raw_value in scope.get("headers", []):
        name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
        if name == "content-type":
            environ["CONTENT_TYPE"] = value
        elif name == "content-length":
            environ["CONTENT_LENGTH"] = value
        else:
            key = "HTTP_" + name.upper().replace("-", "_")
            joiner = "; " if name == "cookie" else ","
            environ[key] = f"{environ[key]}{joiner}{value}" if key in environ else value
    return environ


def run_wsgi(app: Callable, environ: dict[str, Any]) -> tuple[int, list, bytes]:
    """Call the WSGI app and collect its whole response: (status, headers, body)."""
    started: list = []

    def start_response(status: str, headers: list, exc_info: Any = None) -> Callable:
        if exc_info and started:
            raise exc_info[1].with_traceback(exc_info[2])
        started[:] = [int(status.split(" ", 1)[0]), headers]
        return chunks.append

    chunks: list[bytes] = []
    result: Iterable[bytes] = app(environ, start_response)
    try:
        chunks.extend(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    status, headers = started
    return status, headers, b"".join(chunks)


class BufferedWSGI:
    """An ASGI app around a WSGI app: the request is read whole before the app runs (in a
    pool of `threads` threads) and the response is sent whole after it ran, both by the
    event loop, so slow clients cost no thread."""

    def __init__(self, app: Flask, threads: int = DEFAULT_THREADS):
        self.app = app
        self.threads = threads
        self._executor: ThreadPoolExecutor | None = None
        self.max_body = int(app.config.get("MAX_CONTENT_LENGTH") or 0) + BODY_SLACK

    @property
    def executor(self) -> ThreadPoolExecutor:
        # Made in the worker process on first use (gunicorn forks after loading the app).
        if self._executor is None:
            self._executor = ThreadPoolExecutor(self.threads, thread_name_prefix="quizapp")
        return self._executor

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] == "lifespan":
            await self.lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        body, complete = await self.read_body(scope, receive)
        if body is None:
            return  # the client went away
        environ = wsgi_environ(scope, body)
        loop = asyncio.get_running_loop()
        status, headers, content = await loop.run_in_executor(
            self.executor, run_wsgi, self.app.wsgi_app, environ
        )
        raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
        if not complete:  # a body left unread: this connection cannot carry another request
            raw_headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": status, "headers": raw_headers})
        await send({"type": "http.response.body", "body": content})

    async def read_body(self, scope: dict, receive: Callable) -> tuple[bytes | None, bool]:
        """The request body and whether all of it was read. A declared length beyond the
        limit is not read at all (the app refuses it from the header); an undeclared one is
        read up to the limit."""
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            return b"", False
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None, False
            body += message.get("body", b"")
            if len(body) > self.max_body:
                return bytes(body[: self.max_body]), False
            if not message.get("more_body", False):
                return bytes(body), True

    async def lifespan(self, receive: Callable, send: Callable) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._executor is not None:
                    self._executor.shutdown(wait=False)
                await send({"type": "lifespan.shutdown.complete"})
                return


class _Server(BaseApplication):
    def __init__(self, app: Any, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
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
        "worker_class": "asgi",
        "asgi_loop": "asyncio",
        "worker_connections": 1000,
        "timeout": 120,
        "graceful_timeout": 10,
        "keepalive": 5,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
    }
    _Server(BufferedWSGI(app, threads), options).run()
