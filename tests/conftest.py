"""Shared fixtures: an app on a temporary database, its client and CLI runner."""

from __future__ import annotations

import dataclasses
import re
import shutil
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from werkzeug.security import generate_password_hash
from werkzeug.serving import make_server

import questions
from quizapp import create_app, schedule, storage

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "seeds" / "from-the-moon-to-mars.txt"


@pytest.fixture
def app(tmp_path):
    """An app on an empty database in tmp_path; CSRF off except where a test turns it on."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "test.db"),
            "SECRET_KEY": "test-secret",
            "WTF_CSRF_ENABLED": False,
            # Each task runs at once in the request; tests/test_jobs.py runs real workers.
            "QUEUE_IMMEDIATE": True,
        }
    )
    storage.open_db(app.config["DATABASE"]).close()
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    """The app's database, opened outside a request."""
    database = storage.open_db(app.config["DATABASE"])
    yield database
    database.close()


@pytest.fixture(scope="session")
def seed_article():
    """The seed article generated once per test session (spaCy is slow to start), with the
    candidates its rules dropped (the review page lists them)."""
    return questions.generate(questions.read_article(SEED.read_bytes()), explain=True)


@pytest.fixture(scope="session")
def seed_article_all():
    """The seed article with every candidate item switched on, as a teacher can do from the
    review page: an article with many items of six kinds."""
    article = questions.generate(questions.read_article(SEED.read_bytes()), all_items=True)
    items = tuple(dataclasses.replace(item, selected=True) for item in article.items)
    return dataclasses.replace(article, items=items)


# Browser tests: Playwright drives Debian's Chromium (no browser download) against a live
# server on 127.0.0.1 that runs in a thread of the test process.
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def seeded_db_template(tmp_path_factory, seed_article):
    """A database file holding the seed article and its items, made once per session."""
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    database = storage.open_db(path)
    storage.save_article(database, seed_article, source=SEED.name)
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


@pytest.fixture
def live_app(tmp_path, seeded_db_template):
    """An app on a copy of the seeded database, CSRF on, as in production."""
    db_path = tmp_path / "live.db"
    shutil.copy(seeded_db_template, db_path)
    return create_app(
        {"DATABASE": str(db_path), "SECRET_KEY": "live-test-secret", "QUEUE_IMMEDIATE": True}
    )


@pytest.fixture
def live_server(live_app):
    """Serve live_app on a free port of 127.0.0.1; yields the base URL."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def base_url(live_server):
    """pytest-playwright's page.goto("/...") resolves against the live server."""
    return live_server


@pytest.fixture
def browser_context_args(playwright, device, live_server):
    """Per test, so pages open against this test's live server: pytest-playwright's own
    browser_context_args is session-scoped and cannot use the function-scoped base_url."""
    args = dict(playwright.devices[device]) if device else {}
    args["base_url"] = live_server
    return args


BROWSER_PASSWORD = "secret-pass"


@pytest.fixture
def live_db(live_app):
    """The live server's database, opened in the test."""
    database = storage.open_db(live_app.config["DATABASE"])
    yield database
    database.close()


def add_user(database, name: str, role: str = "student") -> int:
    """Create a user whose password is BROWSER_PASSWORD."""
    return storage.create_user(database, name, generate_password_hash(BROWSER_PASSWORD), role)


def log_in(page, name: str) -> None:
    """Log in through the login page, by keyboard, and wait for the home page."""
    page.goto("/auth/login")
    page.fill("#username", name)
    page.fill("#password", BROWSER_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/$"))


@pytest.fixture
def login(app):
    """The one way tests log a client in: login(name, role) makes the account if it is new
    (password BROWSER_PASSWORD) and logs a new client of `app` in through the login form,
    with its CSRF token when the app checks them; client= logs that client in instead (a
    client of another app too). Returns the client."""

    def log_in_client(name: str, role: str = "student", client=None):
        client = client or app.test_client()
        database = storage.open_db(client.application.config["DATABASE"])
        try:
            if storage.get_user_by_name(database, name) is None:
                add_user(database, name, role)
        finally:
            database.close()
        form = client.get("/auth/login").get_data(as_text=True)
        data = {"username": name, "password": BROWSER_PASSWORD}
        if token := re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form):
            data["csrf_token"] = token[1]
        response = client.post("/auth/login", data=data)
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return log_in_client


class Clock:
    """The time storage stamps with (schema.now), moved forward by the test."""

    def __init__(self):
        self.offset = timedelta(0)

    def now(self) -> str:
        return (datetime.now(UTC) + self.offset).isoformat(timespec="microseconds")

    def forward(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch):
    """The time the throttles read, moved by the test instead of waited for."""
    clock = Clock()
    monkeypatch.setattr("quizapp.storage.schema.now", clock.now)
    return clock


@pytest.fixture
def noon(monkeypatch):
    """The scheduler's clock stopped at today's noon UTC, so that a test which reviews a card
    and looks again minutes later never straddles midnight (the daily limits and "due today"
    start over there)."""
    noon = schedule.day_start(schedule.utcnow()) + timedelta(hours=12)
    monkeypatch.setattr(schedule, "utcnow", lambda: noon)
    return noon


def post_job(client, url: str, **kwargs):
    """POST a form that queues a generation (add an article, regenerate) and open the job's
    status page, as the teacher's browser does: in tests the task has run already, so this
    is the redirect to the article or the page with the job's error."""
    response = client.post(url, **kwargs)
    if response.status_code == 302 and "/teach/jobs/" in response.location:
        return client.get(response.location)
    return response


@pytest.fixture
def redis_url(tmp_path):
    """Debian's redis-server on a free loopback port, in a temporary folder, with no
    persistence; yields its URL and stops it. Missing, it fails the test under CI (make test
    installs it) and skips it elsewhere."""
    import os
    import shutil
    import subprocess
    import time

    import redis

    from tests.server_helpers import HOST, free_port

    server = shutil.which("redis-server")
    if server is None:
        message = "redis-server is not installed (make test installs Debian's)"
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(message)
        pytest.skip(message)
    port = free_port()
    folder = tmp_path / "redis"
    folder.mkdir()
    command = [server, "--bind", HOST, "--port", str(port), "--dir", str(folder)]
    command += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
    with open(folder / "redis.log", "ab") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    client = redis.Redis(host=HOST, port=port)
    deadline = time.monotonic() + 30  # against a hang only
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"redis-server did not start:\n{(folder / 'redis.log').read_text()}")
            time.sleep(0.05)
    client.close()
    yield f"redis://{HOST}:{port}/0"
    process.terminate()
    process.wait(10)
