"""Storage of users and failed logins (the login rate limit)."""

from __future__ import annotations

import secrets
import sqlite3
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from quizapp.storage import schema
from quizapp.storage.connection import select


class UsernameTaken(sqlite3.IntegrityError):
    """The username, in any case, belongs to another account."""


def create_user(db: sqlite_utils.Database, username: str, password_hash: str, role: str) -> int:
    """Add a user; raises UsernameTaken (an sqlite3.IntegrityError) when the name is taken,
    in any mix of upper and lower case ("Tess" beside "tess")."""
    with schema.write_transaction(db):
        taken = db.execute(
            "SELECT username FROM users WHERE username = ? COLLATE NOCASE", [username]
        ).fetchone()
        if taken:
            raise UsernameTaken(f"The username {taken[0]!r} exists already")
        cursor = db.execute(
            "INSERT INTO users (username, password_hash, role, created, session_token) "
            "VALUES (?, ?, ?, ?, ?)",
            [username, password_hash, role, schema.now(), new_session_token()],
        )
    return cursor.lastrowid


def get_user(db: sqlite_utils.Database, user_id: int) -> dict[str, Any] | None:
    """The user with this id, or None."""
    rows = select(db, "SELECT * FROM users WHERE id = ?", [user_id])
    return rows[0] if rows else None


def get_user_by_name(db: sqlite_utils.Database, username: str) -> dict[str, Any] | None:
    """The user with this name, or None."""
    rows = select(
        db,
        # Any case finds the account; an exact match first (older databases may hold both).
        "SELECT * FROM users WHERE username = ? COLLATE NOCASE ORDER BY username = ? DESC LIMIT 1",
        [username, username],
    )
    return rows[0] if rows else None


def new_session_token() -> str:
    """A fresh per-user session secret (every session of the user carries it)."""
    return secrets.token_hex(16)


def rotate_session(db: sqlite_utils.Database, user_id: int) -> str:
    """End every session of the user (a new session secret); returns the new secret."""
    token = new_session_token()
    with db.atomic():
        db.execute("UPDATE users SET session_token = ? WHERE id = ?", [token, user_id])
    return token


def set_password(db: sqlite_utils.Database, user_id: int, password_hash: str) -> str:
    """Change the user's password and end their sessions; returns the new session secret."""
    token = new_session_token()
    with db.atomic():
        db.execute(
            "UPDATE users SET password_hash = ?, session_token = ? WHERE id = ?",
            [password_hash, token, user_id],
        )
    return token


def rotate_all_sessions(db: sqlite_utils.Database) -> None:
    """End every session of every user (after a restore)."""
    with db.atomic():
        db.execute("UPDATE users SET session_token = lower(hex(randomblob(16)))")


# Throttles (web: auth, limits) ------------------------------------------------------------


def begin_throttled_attempt(
    db: sqlite_utils.Database,
    keys: dict[str, int],
    window: timedelta,
    max_delay: float,
) -> tuple[float, list[int]]:
    """Count and record an attempt (a login; a registration or a download) in one write
    transaction.

    keys maps each throttle key (account, address, device) to the failures it may have in
    window before each further one doubles the wait (1 s, 2 s, 4 s ... at most max_delay).
    Returns (seconds to wait, []) when a key must wait, recording nothing; else (0, ids of a
    failure row recorded for each key in advance) -- forgive_attempt removes them when the
    password is right. Recording before checking means concurrent attempts count each
    other: no more pass than the limit allows.
    """
    conn = db.conn
    now = datetime.fromisoformat(schema.now())
    since = (now - window).isoformat(timespec="microseconds")
    with schema.write_transaction(db):  # the write lock first: no two attempts read one count
        wait = 0.0
        for key, free in keys.items():
            count, last = conn.execute(
                "SELECT count(*), max(created) FROM login_failures WHERE key = ? AND created >= ?",
                [key, since],
            ).fetchone()
            if count and count >= free:
                delay = min(2.0 ** (count - free), max_delay)
                elapsed = (now - datetime.fromisoformat(last)).total_seconds()
                wait = max(wait, delay - elapsed)
        ids = []
        if wait <= 0:
            stamp = now.isoformat(timespec="microseconds")
            for key in keys:
                cursor = conn.execute(
                    "INSERT INTO login_failures (key, created) VALUES (?, ?)", [key, stamp]
                )
                ids.append(cursor.lastrowid)
            cutoff = (now - timedelta(days=1)).isoformat(timespec="microseconds")
            conn.execute("DELETE FROM login_failures WHERE created < ?", [cutoff])
    return max(wait, 0.0), ids


def forgive_attempt(db: sqlite_utils.Database, row_ids: list[int], clear: list[str]) -> None:
    """A right password: drop the attempt's failure rows and every failure of the keys in
    clear (the account's, not the address's: one good login must not reset a shared one)."""
    with db.atomic():
        if row_ids:
            marks = ",".join("?" * len(row_ids))
            db.execute(f"DELETE FROM login_failures WHERE id IN ({marks})", row_ids)
        for key in clear:
            db.execute("DELETE FROM login_failures WHERE key = ?", [key])
