"""Storage of background generation jobs (long articles are generated in a thread)."""

from __future__ import annotations

import secrets
from typing import Any

import sqlite_utils

from quizapp.storage import schema


def create_generation_job(db: sqlite_utils.Database, user_id: int, name: str) -> str:
    """Record a new running generation job; returns its random id."""
    job_id = secrets.token_urlsafe(12)
    stamp = schema.now()
    with db.atomic():
        db.execute(
            "INSERT INTO generation_jobs (id, user_id, name, status, progress, created, updated) "
            "VALUES (?, ?, ?, 'running', 0, ?, ?)",
            [job_id, user_id, name, stamp, stamp],
        )
    return job_id


def update_generation_job(db: sqlite_utils.Database, job_id: str, **fields: Any) -> None:
    """Set a job's status, progress (0..1), message or slug."""
    allowed = {"status", "progress", "message", "slug"}
    if set(fields) - allowed:
        raise ValueError(f"Unknown job fields: {sorted(set(fields) - allowed)}")
    sets = ", ".join(f"{key} = ?" for key in fields)
    with db.atomic():
        db.execute(
            f"UPDATE generation_jobs SET {sets}, updated = ? WHERE id = ?",
            [*fields.values(), schema.now(), job_id],
        )


def get_generation_job(db: sqlite_utils.Database, job_id: str) -> dict[str, Any] | None:
    """The generation job with this id, or None."""
    rows = list(db.query("SELECT * FROM generation_jobs WHERE id = ?", [job_id]))
    return rows[0] if rows else None
