"""Error pages: a user never sees a stack trace."""

from flask import Blueprint, render_template
from werkzeug.exceptions import HTTPException

bp = Blueprint("errors", __name__)


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Render any HTTP error (404, 400, 403, 413 ...) with the site's layout."""
    return render_template(
        [f"errors/{error.code}.html", "errors/error.html"], error=error
    ), error.code


@bp.app_errorhandler(Exception)
def server_error(error: Exception):
    """Log an unexpected error and show a plain 500 page."""
    from flask import current_app

    current_app.logger.exception("Unhandled error", exc_info=error)
    return render_template("errors/500.html"), 500
