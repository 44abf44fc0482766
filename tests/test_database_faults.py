"""A locked database gives a 503 "busy" page, a read-only one stops `quizapp serve` with a
message (issue 15, point 6: both were bare 500s, and the server started without a word)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from quizapp import create_app, storage


def test_locked_database_gives_the_busy_page(tmp_path):
    path = tmp_path / "locked.db"
    storage.open_db(path).close()
    app = create_app({"TESTING": True, "DATABASE": str(path), "SECRET_KEY": "k",
                      "WTF_CSRF_ENABLED": False, "DATABASE_BUSY_TIMEOUT_MS": 100})  # fmt: skip
    client = app.test_client()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO login_failures (key, created) VALUES ('x', 'y')")
    try:
        data = {"username": "ada", "password": "12345678", "confirm": "12345678"}
        response = client.post("/auth/register", data=data)
        page = response.get_data(as_text=True)
        assert response.status_code == 503 and response.headers["Retry-After"] == "5"
        assert "The server is busy" in page and "Traceback" not in page
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert client.post("/auth/register", data=data).status_code == 302  # and then it works


def serve_without_root(db_path: Path, instance: Path) -> subprocess.CompletedProcess:
    """`quizapp serve` on db_path. Root may write any file, so when the tests run as root
    the server runs in a new user namespace (util-linux's unshare), where root's override
    of file permissions does not hold and a read-only file is read-only."""
    env = {**os.environ, "QUIZAPP_SECRET_KEY": "k", "QUIZAPP_INSTANCE": str(instance)}
    run_cli = "from quizapp.cli import cli; cli(prog_name='quizapp')"
    command = [sys.executable, "-c", run_cli, "--db", str(db_path), "serve", "--port", "0"]
    if os.getuid() == 0:
        command = ["unshare", "--user", *command]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("folder_writable", [True, False])
def test_serve_refuses_a_read_only_database(folder_writable):
    folder = Path(tempfile.mkdtemp(prefix="quizapp-ro-"))
    try:
        folder.chmod(0o777)
        db_path = folder / "ro.db"
        storage.open_db(db_path).close()
        instance = folder / "instance"
        instance.mkdir(mode=0o777)
        instance.chmod(0o777)
        db_path.chmod(0o444)
        if not folder_writable:
            folder.chmod(0o555)
        result = serve_without_root(db_path, instance)
        assert result.returncode == 1, (result.stdout, result.stderr)
        assert "read-only" in result.stderr or "readonly" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    finally:
        folder.chmod(0o777)
        for file in folder.rglob("*"):
            file.chmod(0o777)
        subprocess.run(["rm", "-rf", str(folder)], check=True)
