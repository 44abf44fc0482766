"""The session cookie: Flask's signed cookie, with its serializer built once per key set."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


class SessionInterface(SecureCookieSessionInterface):
    """Flask's SecureCookieSessionInterface, unchanged but for one thing: Flask builds a new
    signing serializer for every request (it checks its JSON serializer by dumping `{}`
    each time), about 8 us of every page. This one keeps the serializer Flask builds for a
    key set; every cookie is still verified and signed by it, request by request."""

    def __init__(self) -> None:
        self._serializers: dict[Any, URLSafeTimedSerializer | None] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        # Keyed by everything Flask's own method reads, so a changed key or fallback list
        # (tests, a key rotation) gets a new one.
        fallbacks = app.config["SECRET_KEY_FALLBACKS"]
        key = (app.secret_key, tuple(fallbacks) if fallbacks else ())
        try:
            return self._serializers[key]
        except KeyError:
            serializer = super().get_signing_serializer(app)
            self._serializers = {key: serializer}  # only the current key set is kept
            return serializer
