"""Storage of users and failed logins (the login rate limit)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils

from quizapp.storage import schema
from quizapp.storage.connection import select


def create_user(db: sqlite_utils.Database, username: str, password_hash: str, role: str) -> int:
    """Add a user; raises sqlite3.IntegrityError when the name is taken."""
    return (
        db.table("users")
        .insert(
            {
                "username": username,
                "password_hash": password_hash,
                "role": role,
                "created": schema.now(),
                "session_token": new_session_token(),
            }
        )
        .last_pk
    )


def get_user(db: sqlite_utils.Database, user_id: int) -> dict[str, Any] | None:
    """The user with this id, or None."""
    rows = select(db, "SELECT * FROM users WHERE id = ?", [user_id])
    return rows[0] if rows else None


def get_user_by_name(db: sqlite_utils.Database, username: str) -> dict[str, Any] | None:
    """The user with this name, or None."""
    rows = select(db, "SELECT * FROM users WHERE username = ?", [username])
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


# Login rate limit (web: auth) --------------------------------------------------------------


def count_login_failures(db: sqlite_utils.Database, key: str, since: str) -> int:
    """How many failed logins for key (username and address) happened since the time since."""
    return db.execute(
        "SELECT count(*) FROM login_failures WHERE key = ? AND created >= ?", [key, since]
    ).fetchone()[0]


def record_login_failure(db: sqlite_utils.Database, key: str) -> None:
    """Note one failed login for key; rows older than a day are pruned on the way."""
    with db.atomic():
        db.execute("INSERT INTO login_failures (key, created) VALUES (?, ?)", [key, schema.now()])
        cutoff = (datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="microseconds")
        db.execute("DELETE FROM login_failures WHERE created < ?", [cutoff])


def clear_login_failures(db: sqlite_utils.Database, key: str) -> None:
    """Forget the failed logins for key (after a successful login)."""
    with db.atomic():
        db.execute("DELETE FROM login_failures WHERE key = ?", [key])
