"""quizapp: quizzes, flashcards and Anki decks from the facts of an article."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from flask_wtf import CSRFProtect

csrf = CSRFProtect()

PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """A top-level folder (templates, seeds): the wheel's copy inside the package, else the
    source checkout's."""
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else PACKAGE_DIR.parent / name


def load_secret_key(instance_path: str) -> str:
    """QUIZAPP_SECRET_KEY, else a key generated once into the instance folder (never in git)."""
    if key := os.environ.get("QUIZAPP_SECRET_KEY"):
        return key
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


def default_db_path(instance_path: str) -> str:
    """QUIZAPP_DB, else quizapp.db in the instance folder."""
    return os.environ.get("QUIZAPP_DB") or str(Path(instance_path) / "quizapp.db")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Application factory."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=os.environ.get("QUIZAPP_INSTANCE") or str(Path.cwd() / "instance"),
        template_folder=str(resource_dir("templates")),
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(
        DATABASE=default_db_path(app.instance_path),
        SEEDS_DIR=str(resource_dir("seeds")),
        MAX_CONTENT_LENGTH=3 * 1024 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        # A login lasts LOGIN_LIFETIME (a browser-session cookie); "Keep me logged in" makes
        # it PERMANENT_SESSION_LIFETIME. Either way the server checks the end time itself.
        LOGIN_LIFETIME=timedelta(hours=12),
        PERMANENT_SESSION_LIFETIME=timedelta(days=14),
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(app.instance_path)

    csrf.init_app(app)
    from quizapp.session import SessionInterface

    app.session_interface = SessionInterface()
    if proxies := int(app.config.get("PROXY_FIX", 0)):
        # Behind N reverse proxies: the client's address and scheme come from their
        # X-Forwarded-For/-Proto headers (the login throttle counts per address).
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    from quizapp import storage

    app.teardown_appcontext(storage.close_db)

    from quizapp.views import register_blueprints

    register_blueprints(app)
    from quizapp.urls import template_url_for

    app.jinja_env.globals["url_for"] = template_url_for(app)
    app.jinja_env.globals["has_endpoint"] = lambda name: name in app.view_functions
    app.after_request(set_security_headers)
    return app


# No inline scripts or styles anywhere: JavaScript and CSS live in quizapp/static/.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
)


def set_security_headers(response):
    """Add the security headers every response carries (a view's own value wins)."""
    # One pass over the headers instead of a lookup and a set per header (setdefault).
    present = {name.lower() for name, _ in response.headers}
    response.headers.extend(
        [(name, value) for name, value in SECURITY_HEADERS if name.lower() not in present]
    )
    return response
