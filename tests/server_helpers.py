"""Run the real production server (`quizapp serve --production`) in a subprocess for tests.

Only loopback addresses: the server binds 127.0.0.1 on a free port. The subprocess gets its own
secret key and instance folder so it never touches the developer's instance/.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

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
    ):
        self.db_path = str(db_path)
        self.tmp_dir = Path(tmp_dir)
        self.workers = workers
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
