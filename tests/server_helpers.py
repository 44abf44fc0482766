"""Run the real production server (`quizapp serve --production`) in a subprocess for tests,
and simulated students that use it like a browser without JavaScript.

Only loopback addresses: the server binds 127.0.0.1 on a free port. The subprocess gets its own
secret key and instance folder so it never touches the developer's instance/.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from questions import Article, Item, make_item_id
from quizapp import storage

HOST = "127.0.0.1"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0
QUIZAPP = Path(sys.executable).with_name("quizapp")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class ProductionServer:
    """`quizapp --db DB serve --production` on 127.0.0.1; use as a context manager.

    The server runs in its own process group, so stop() and kill() reach gunicorn's workers too.
    """

    def __init__(
        self,
        db_path: str | Path,
        tmp_dir: str | Path,
        *,
        workers: int = 2,
        threads: int = 4,
        port: int | None = None,
        secret_key: str = "server-test-secret",
        generation_worker: bool = False,
    ):
        self.db_path = str(db_path)
        self.tmp_dir = Path(tmp_dir)
        self.workers = workers
        self.generation_worker = generation_worker  # `serve` starts `quizapp worker` too
        self.threads = threads
        self.port = port or free_port()
        self.secret_key = secret_key
        self.process: subprocess.Popen | None = None
        self.log_path = self.tmp_dir / f"server-{self.port}.log"

    @property
    def url(self) -> str:
        """The base URL, without a trailing slash."""
        return f"http://{HOST}:{self.port}"

    def env(self) -> dict[str, str]:
        """The subprocess environment: a fixed secret key and a private instance folder."""
        instance = self.tmp_dir / "instance"
        instance.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env.update(
            QUIZAPP_SECRET_KEY=self.secret_key,
            QUIZAPP_INSTANCE=str(instance),
            QUIZAPP_DB=self.db_path,
            PYTHONUNBUFFERED="1",
        )
        return env

    def start(self) -> ProductionServer:
        """Start the server and wait until it answers GET /."""
        command = [
            str(QUIZAPP),
            "--db",
            self.db_path,
            "serve",
            "--production",
            "--host",
            HOST,
            "--port",
            str(self.port),
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            *([] if self.generation_worker else ["--no-worker"]),
        ]
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child keeps writing to it
        try:
            self.process = subprocess.Popen(
                command,
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            log.close()
        self.wait_until_ready()
        return self

    def wait_until_ready(self, timeout: float = START_TIMEOUT) -> None:
        """Poll GET / until the server answers; raise with its log when it does not."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not answer within {timeout} s:\n{self.log()}")

    def log(self) -> str:
        """What the server printed so far."""
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def _signal_group(self, sig: int) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)

    def stop(self) -> None:
        """Stop gracefully (SIGTERM to the process group), SIGKILL if it lingers."""
        if self.process is None:
            return
        self._signal_group(signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self._signal_group(signal.SIGKILL)
            self.process.wait(timeout=STOP_TIMEOUT)
        self._reap_group()

    def kill(self) -> None:
        """Crash the server: SIGKILL to the master and every worker, no clean shutdown."""
        if self.process is None:
            return
        self._signal_group(signal.SIGKILL)
        self.process.wait(timeout=STOP_TIMEOUT)
        self._reap_group()

    def _reap_group(self) -> None:
        # Workers orphaned by a killed master must not keep the port: kill what is left of
        # the group (only processes this server started share its process group id).
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        deadline = time.monotonic() + STOP_TIMEOUT
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except (ProcessLookupError, PermissionError):
                return
            time.sleep(0.05)

    def __enter__(self) -> ProductionServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


# Students: a browser-like client with its own cookie jar -----------------------------------


class FormParser(HTMLParser):
    """The inputs, selects and verdict of a page, enough to fill its forms like a browser."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: dict[str, list[dict[str, str]]] = {}
        self.selects: dict[str, list[str]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        data = {key: value or "" for key, value in attrs}
        if tag == "input" and data.get("name"):
            self.inputs.setdefault(data["name"], []).append(data)
        elif tag == "select" and data.get("name"):
            self._select = data["name"]
            self.selects[self._select] = []
        elif tag == "option" and self._select and data.get("value"):
            self.selects[self._select].append(data["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


class Page:
    """A fetched page: final URL, status, text and its parsed form fields."""

    def __init__(self, url: str, status: int, text: str):
        self.url, self.status, self.text = url, status, text
        self.form = FormParser()
        self.form.feed(text)

    def value(self, name: str) -> str:
        """The value of the (first) input called name."""
        return self.form.inputs[name][0].get("value", "")

    def options(self, name: str) -> list[str]:
        """The values of the radio buttons or checkboxes called name."""
        return [field.get("value", "") for field in self.form.inputs.get(name, [])]

    @property
    def path(self) -> str:
        return urllib.parse.urlsplit(self.url).path


class Student:
    """One simulated student: own cookie jar, follows redirects, raises on any HTTP error."""

    def __init__(self, base_url: str, timeout: float = 30.0):
        self.base_url = base_url
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, path: str, fields: dict | list | None = None) -> Page:
        """GET path, or POST the form fields to it; returns the page after redirects."""
        data = None if fields is None else urllib.parse.urlencode(fields, doseq=True).encode()
        with self.opener.open(self.base_url + path, data=data, timeout=self.timeout) as response:
            return Page(response.url, response.status, response.read().decode())

    def try_open(self, path: str, fields: dict | list | None = None) -> Page:
        """Like open, but an HTTP error comes back as a page instead of raising."""
        try:
            return self.open(path, fields)
        except urllib.error.HTTPError as error:
            with error:
                return Page(error.url, error.code, error.read().decode(errors="replace"))

    def start_quiz(self, slug: str, length: str = "20") -> Page:
        """Open the setup form of the article, choose length and every kind, start."""
        setup = self.open(f"/articles/{slug}/quiz")
        fields = {
            "csrf_token": setup.value("csrf_token"),
            "length": length,
            "kinds": setup.options("kinds"),
        }
        return self.open(f"/articles/{slug}/quiz", fields)


def answer_fields(page: Page, item: storage.StoredItem, right: bool) -> dict[str, str]:
    """The form a student sends on a question page: the right answer, or a wrong one."""
    fields = {name: page.value(name) for name in ("csrf_token", "item_id", "shown")}
    kind, answer, choices = item.kind, item.answer, list(item.choices)
    if kind in ("mcq", "true_false"):
        fields["response"] = answer if right else next(c for c in choices if c != answer)
    elif kind in ("cloze", "short_answer"):
        fields["response"] = answer if right else "zzz wrong zzz"
    elif kind == "timeline":
        order = answer if right else list(reversed(answer))
        fields.update({f"pos-{i}": str(order.index(event) + 1) for i, event in enumerate(choices)})
    elif kind == "matching":
        rights = [pair[1] for pair in answer]
        picks = rights if right else rights[1:] + rights[:1]
        fields.update({f"match-{i}": pick for i, pick in enumerate(picks)})
    return fields


def quiz_article(slug: str, n_items: int) -> Article:
    """An article with n_items hand-made items cycling through the six kinds."""
    kinds = ("cloze", "mcq", "true_false", "short_answer", "timeline", "matching")
    people = ["Ada", "Boris", "Chen", "Dora"]
    items = []
    for n in range(n_items):
        kind, year = kinds[n % len(kinds)], str(1900 + n)
        sentence = f"Mission {n} flew in {year} with {people[n % 4]}."
        if kind == "cloze":
            prompt, answer, choices = sentence.replace(year, "_____"), year, ()
        elif kind == "mcq":
            prompt, answer = f"Who flew on mission {n}?", people[n % 4]
            choices = tuple(people[(n + k) % 4] for k in range(4))
        elif kind == "true_false":
            prompt, answer, choices = sentence, ("True", "False")[n % 2], ("True", "False")
        elif kind == "short_answer":
            prompt, answer, choices = f"When did mission {n} fly?", year, ()
        elif kind == "timeline":
            answer = [f"Mission {n + k} flies" for k in range(4)]
            prompt, choices = "Put these events in order, earliest first.", tuple(answer[::-1])
        else:
            answer = [[people[k], f"role {k} of {n}"] for k in range(3)]
            prompt = "Match each person with their role."
            choices = tuple(pair[1] for pair in answer[::-1])
        items.append(
            Item(
                id=make_item_id(slug, kind, sentence, answer),
                kind=kind,
                prompt=prompt,
                answer=answer,
                accepted=(answer,) if isinstance(answer, str) else (),
                choices=choices,
                source_sentence=sentence,
                sentence_index=n,
            )
        )
    body = tuple(f"Mission {n} flew in {1900 + n} with {people[n % 4]}." for n in range(n_items))
    return Article(f"Missions {slug}", slug, body, tuple(items))


class Worker:
    """`quizapp --db DB worker` in a subprocess, its output in a log file; env adds to the
    environment (QUIZAPP_QUEUE for a Redis queue)."""

    def __init__(self, db_path: str, log_path: Path, env: dict[str, str] | None = None):
        self.command = [str(QUIZAPP), "--db", db_path, "worker"]
        self.log_path = log_path
        self.env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Worker:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command, stdout=log, stderr=subprocess.STDOUT, env=self.env
            )
        return self

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, no chance to note anything."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def __exit__(self, *exc_info) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")
