"""Storage connections: the request's database (one idle connection kept per server thread)
and select(), the plain read used on hot paths.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import sqlite_utils
from flask import current_app, g

from quizapp.storage.schema import BUSY_TIMEOUT_MS, connect_db, open_db

# Database files this process has opened with open_db, by (path, inode): later requests skip
# the WAL switch and the migration check (measured at about a third of a quiz page's time).
_ready: set[tuple[str, int]] = set()
# Each server thread keeps its idle connection for its next request: a new connection costs
# about 0.5 ms (connect, PRAGMAs, reading the schema), half of a quiz page's time.
_idle = threading.local()


def _file_key(path: str) -> tuple[str, int] | None:
    try:
        return (path, os.stat(path).st_ino)
    except OSError:
        return None


def get_db() -> sqlite_utils.Database:
    """The request's database: this thread's idle connection, else a new one (opened and
    migrated on the process's first use of the file); handed back at teardown."""
    if "db" not in g:
        path = str(current_app.config["DATABASE"])
        key = _file_key(path) if path != ":memory:" else None
        idle = getattr(_idle, "db", None)
        _idle.db = None
        if idle is not None and key is not None and idle[0] == key:
            g.db, g.db_key = idle[1], key
            return g.db
        if idle is not None:
            idle[1].close()
        timeout = current_app.config.get("DATABASE_BUSY_TIMEOUT_MS", BUSY_TIMEOUT_MS)
        if key in _ready:
            g.db = connect_db(path, timeout)
        else:
            g.db = open_db(path, timeout)
            key = _file_key(path) if path != ":memory:" else None
            if key is not None:
                _ready.add(key)
        g.db_key = key
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    """Hand the request's connection back to its thread (any open transaction rolled back);
    a connection to an in-memory file is closed, one to a replaced file by the next get_db."""
    db = g.pop("db", None)
    key = g.pop("db_key", None)
    if db is None:
        return
    if db.conn.in_transaction:
        db.conn.rollback()
    idle = getattr(_idle, "db", None)
    if key is None:
        db.close()
        return
    # A replaced file is noticed by the next get_db, which compares this key with the file's
    # (one stat per request instead of two: a stat was 2% of a quiz page under gunicorn).
    if idle is not None:
        idle[1].close()
    _idle.db = (key, db)


def select(db: sqlite_utils.Database, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    """Rows of a SELECT as dicts, read straight from the connection.

    db.query() wraps every SELECT in SAVEPOINT/RELEASE (three statements for one); the pages
    students load on every question read through here instead.
    """
    cursor = db.conn.execute(sql, params)
    keys = [column[0] for column in cursor.description]
    return [dict(zip(keys, row, strict=True)) for row in cursor.fetchall()]
