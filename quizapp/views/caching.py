"""Work every page repeats, done once per process: URLs, the session's signing serializer and
each session's signed CSRF token.

Measured on the quiz page (bench/web.py, pyinstrument in a gunicorn worker): building the same
six navigation URLs, re-creating the session serializer (it JSON-encodes a test value on each
construction) and re-signing the same CSRF token were a fifth of the page's time. What each one
produces is unchanged: the same URLs, the same signed cookie, a token flask_wtf validates.
"""

from __future__ import annotations

import copy
import time
from typing import Any

import flask
from flask import Blueprint, Flask, current_app, g, session
from flask.globals import _cv_request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_wtf.csrf import generate_csrf
from itsdangerous import BadSignature, URLSafeTimedSerializer

bp = Blueprint("caching", __name__)

MAX_ENTRIES = 4096  # per cache and process; a full cache starts again empty


class CachedSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions: the signing serializer built once per key set, and a
    cookie verified and decoded once per process (its age checked on every request; each
    request gets its own copy of the data)."""

    def __init__(self) -> None:
        self._serializers: dict[tuple[Any, ...], URLSafeTimedSerializer] = {}
        self._verified: dict[tuple[URLSafeTimedSerializer, str], tuple[int, dict]] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        """The serializer for the app's current secret key (and fallbacks), made once."""
        fallbacks = app.config["SECRET_KEY_FALLBACKS"] or ()
        key = (app.secret_key, *fallbacks)
        serializer = self._serializers.get(key)
        if serializer is None:
            serializer = super().get_signing_serializer(app)
            if serializer is None:
                return None
            if len(self._serializers) >= 8:
                self._serializers.clear()
            self._serializers[key] = serializer
        return serializer

    def open_session(self, app: Flask, request: Any) -> SecureCookieSession | None:
        """The request's session, as Flask opens it: empty when the cookie is missing, badly
        signed or older than the session lifetime."""
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        key = (serializer, value)
        verified = self._verified.get(key)
        if verified is None:
            try:
                data, signed_at = serializer.loads(value, return_timestamp=True)
            except BadSignature:
                return self.session_class()
            verified = (int(signed_at.timestamp()), data)
            if len(self._verified) >= MAX_ENTRIES:
                self._verified.clear()
            self._verified[key] = verified
        # The age check of itsdangerous' TimestampSigner.unsign, made on every request.
        age = int(time.time()) - verified[0]
        if not 0 <= age <= int(app.permanent_session_lifetime.total_seconds()):
            return self.session_class()
        return self.session_class(copy.deepcopy(verified[1]))


def cached_url_for(endpoint: str, **values: Any) -> str:
    """flask.url_for, remembering each URL built from an endpoint and plain values.

    Relative endpoints ('.name'), the _external/_anchor/_method/_scheme options, apps with URL
    defaults or host matching, and values that cannot be dict keys always go to url_for.
    """
    ctx = _cv_request.get(None)
    app = ctx.app if ctx is not None else None
    if (
        app is None
        or endpoint[:1] == "."
        or app.url_default_functions
        or app.url_map.host_matching
        or any(name[:1] == "_" for name in values)
    ):
        return flask.url_for(endpoint, **values)
    urls = app.extensions.setdefault("quizapp_urls", {})  # per app: apps may differ in routes
    try:
        key = (ctx.request.script_root, endpoint, *((n, type(v), v) for n, v in values.items()))
        url = urls.get(key)
    except TypeError:  # an unhashable value
        return flask.url_for(endpoint, **values)
    if url is None:
        url = flask.url_for(endpoint, **values)
        if len(urls) >= MAX_ENTRIES:
            urls.clear()
        urls[key] = url
    return url


_signed_tokens: dict[tuple[Any, str], str] = {}


def csrf_token() -> str:
    """flask_wtf's signed CSRF token for this session, signed once per session and process.

    The signed token carries the session's raw token and a timestamp; with no time limit
    (WTF_CSRF_TIME_LIMIT = None) an earlier signature of the same raw token is as valid as a
    new one. With a time limit, or a token not yet in the session, it is signed anew.
    """
    if "csrf_token" in g:
        return g.csrf_token
    config = current_app.config
    raw = session.get("csrf_token")
    if (
        not isinstance(raw, str)
        or config.get("WTF_CSRF_TIME_LIMIT", 3600) is not None
        or config.get("WTF_CSRF_FIELD_NAME", "csrf_token") != "csrf_token"
    ):
        return generate_csrf()
    key = (config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key, raw)
    token = _signed_tokens.get(key)
    if token is None:
        token = generate_csrf()
        if len(_signed_tokens) >= MAX_ENTRIES:
            _signed_tokens.clear()
        _signed_tokens[key] = token
    g.csrf_token = token
    return token


@bp.record_once
def install(state) -> None:
    """Put the caching versions in place on the app."""
    app = state.app
    app.session_interface = CachedSessionInterface()
    app.jinja_env.globals["url_for"] = cached_url_for
    app.jinja_env.globals["csrf_token"] = csrf_token
    # flask_wtf also puts its csrf_token in every template's context; this one comes later.
    app.context_processor(lambda: {"csrf_token": csrf_token})
