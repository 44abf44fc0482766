"""Storage of users and failed logins (the login rate limit)."""

from __future__ import annotations

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
