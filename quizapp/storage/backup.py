"""Backup and restore of the live database through SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quizapp.storage.schema import BUSY_TIMEOUT_MS, open_db
from quizapp.storage.users import rotate_all_sessions


class BackupError(ValueError):
    """A backup file that cannot be restored; the message says why."""


def backup_database(db_path: str | Path, dest: str | Path) -> int:
    """Copy the live database to dest with SQLite's online backup API; returns pages copied.

    Safe while the app is serving: the backup is a consistent snapshot.
    """
    source = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)
    target = sqlite3.connect(str(dest))
    try:
        source.backup(target)
        return target.execute("PRAGMA page_count").fetchone()[0]
    finally:
        target.close()
        source.close()


def restore_database(src: str | Path, db_path: str | Path) -> None:
    """Replace the live database's content with the backup at src, then migrate it.

    Runs through the backup API too, so open connections see either the old or the new
    database, never a half-written file.
    """
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        check = source.execute("PRAGMA quick_check").fetchone()[0]
        tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        source.close()
        raise BackupError(f"{src} is not a SQLite database ({error})") from error
    if check != "ok" or not {"articles", "items", "_sqlite_migrations"} <= tables:
        source.close()
        raise BackupError(f"{src} is not a quizapp backup")
    target = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        last_user_id = _last_user_id(target)
        source.backup(target)
    finally:
        target.close()
        source.close()
    db = open_db(db_path)
    try:
        _after_restore(db, last_user_id)
    finally:
        db.close()


def _last_user_id(conn: sqlite3.Connection) -> int:
    """The highest user id the live database ever handed out (0 for a new file)."""
    highest = 0
    for sql in (
        "SELECT max(id) FROM users",
        "SELECT seq FROM sqlite_sequence WHERE name = 'users'",
    ):
        try:
            row = conn.execute(sql).fetchone()
        except sqlite3.OperationalError:  # no such table yet
            continue
        highest = max(highest, (row[0] or 0) if row else 0)
    return highest


def _after_restore(db, last_user_id: int) -> None:
    """Users created after the backup must not hand their ids to new accounts, and every
    session from before the restore ends (a cookie names a user id and its secret)."""
    with db.atomic():
        db.execute(
            "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'users'", [last_user_id]
        )
        db.execute(
            "INSERT INTO sqlite_sequence (name, seq) SELECT 'users', ? "
            "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'users')",
            [last_user_id],
        )
    rotate_all_sessions(db)
