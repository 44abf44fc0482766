"""Throttles per address for what costs the server dearly: registrations (a password hash
each) and downloads (a deck of several MB). Counted in SQLite, so every worker shares them."""

from __future__ import annotations

import math
from datetime import timedelta

from flask import current_app, request
from werkzeug.exceptions import TooManyRequests

from quizapp import storage

WINDOW = timedelta(minutes=10)
MAX_DELAY = 60.0
# Free actions per address in WINDOW; beyond them each waits 1 s, 2 s, 4 s ... MAX_DELAY after
# the last. A class behind one router shares an address: a class's worth passes freely.
FREE = {"register": 60, "export": 60}
WHAT = {"register": "new accounts", "export": "downloads"}


def in_seconds(seconds: float) -> str:
    """A wait for people: "1 second", "5 seconds"."""
    whole = math.ceil(seconds)
    return f"{whole} second" + ("" if whole == 1 else "s")


def throttle(action: str) -> None:
    """Count one action from this address; a 429 with Retry-After when it must wait first."""
    free = current_app.config.get(f"THROTTLE_{action.upper()}_FREE", FREE[action])
    key = f"{action}:{request.remote_addr}"
    wait, _ = storage.begin_throttled_attempt(storage.get_db(), {key: free}, WINDOW, MAX_DELAY)
    if wait > 0:
        seconds = math.ceil(wait)
        raise TooManyRequests(
            f"Too many {WHAT[action]} from your address just now; wait {in_seconds(seconds)}, "
            "then try again.",
            retry_after=seconds,
        )
