"""Error pages: a user never sees a stack trace."""

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
    return render_template(
        [f"errors/{error.code}.html", "errors/error.html"], error=error
    ), error.code


@bp.app_errorhandler(Exception)
def server_error(error: Exception):
    """Log an unexpected error and show a plain 500 page."""
    from flask import current_app

    current_app.logger.exception("Unhandled error", exc_info=error)
    keep_nav()
    return render_template("errors/500.html"), 500
