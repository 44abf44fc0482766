"""Error pages: a user never sees a stack trace."""

import sqlite3

from flask import Blueprint, g, render_template
from werkzeug.exceptions import HTTPException

bp = Blueprint("errors", __name__)


def keep_nav() -> None:
    """Load the user for the nav when the error came before the request's own hooks did
    (a 413 is raised by the CSRF check, which runs first)."""
    if "user" in g:
        return
    from quizapp.views.auth import load_user

    try:
        load_user()
    except Exception:  # the error page must render even when the database is the trouble
        g.user = None


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Render any HTTP error (404, 400, 403, 413 ...) with the site's layout and nav."""
    keep_nav()
    # The error's own headers (Retry-After of a 429, Allow of a 405), not its content type.
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return (
        render_template([f"errors/{error.code}.html", "errors/error.html"], error=error),
        error.code,
        headers,
    )


@bp.app_errorhandler(sqlite3.OperationalError)
def database_error(error: sqlite3.OperationalError):
    """A database still locked after the busy timeout (or gone read-only): a 503 "busy, try
    again" page instead of a bare 500; anything else is the 500 page."""
    from flask import current_app

    message = str(error)
    if "locked" not in message and "busy" not in message and "readonly" not in message:
        return server_error(error)
    current_app.logger.warning("Database unavailable: %s", message)
    page = render_template("errors/503.html", read_only="readonly" in message)
    return page, 503, {"Retry-After": "5"}


@bp.app_errorhandler(Exception)
def server_error(error: Exception):
    """Log an unexpected error and show a plain 500 page."""
    from flask import current_app

    current_app.logger.exception("Unhandled error", exc_info=error)
    keep_nav()
    return render_template("errors/500.html"), 500
