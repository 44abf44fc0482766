"""The per-process caches of quizapp.views.caching give what Flask and flask_wtf would."""

from __future__ import annotations

import re

import flask
import pytest
from werkzeug.routing import BuildError

from quizapp import create_app
from quizapp.views import caching

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture
def csrf_app(tmp_path):
    return create_app(
        {"TESTING": True, "DATABASE": str(tmp_path / "t.db"), "SECRET_KEY": "caching-test"}
    )


def test_cached_urls_equal_url_for(app):
    cases = [
        ("quiz.home", {}),
        ("static", {"filename": "style.css"}),
        ("quiz.start", {"slug": "a b/é"}),
        ("quiz.question", {"attempt_id": "x", "number": 3}),
    ]
    for script_root in ("", "/school"):
        with app.test_request_context("/", base_url=f"http://localhost{script_root}/"):
            for _ in range(2):  # built, then from the cache
                for endpoint, values in cases:
                    expected = flask.url_for(endpoint, **values)
                    assert caching.cached_url_for(endpoint, **values) == expected
            assert caching.cached_url_for("quiz.home").startswith(f"{script_root}/")
            # Options and unhashable values go straight to url_for.
            assert caching.cached_url_for("quiz.home", _anchor="top").endswith("/#top")
            assert caching.cached_url_for("quiz.home", tag=["a"]) == flask.url_for(
                "quiz.home", tag=["a"]
            )
    with app.test_request_context("/"), pytest.raises(BuildError):
        caching.cached_url_for("no.such_endpoint")


def test_one_signed_csrf_token_per_session_and_it_validates(csrf_app):
    from questions import Article, Item
    from quizapp import storage

    db = storage.open_db(csrf_app.config["DATABASE"])
    storage.save_article(
        db, Article("T", "t", ("x",), (Item(id="c1", kind="cloze", prompt="_____ x", answer="a"),))
    )
    db.close()
    client, other = csrf_app.test_client(), csrf_app.test_client()
    first = TOKEN.search(client.get("/articles/t/quiz").get_data(as_text=True))[1]
    again = TOKEN.search(client.get("/articles/t/quiz").get_data(as_text=True))[1]
    elsewhere = TOKEN.search(other.get("/articles/t/quiz").get_data(as_text=True))[1]
    assert first == again and elsewhere != first
    form = {"length": "all", "kinds": ["cloze"]}
    assert client.post("/articles/t/quiz", data={**form, "csrf_token": first}).status_code == 302
    # Another session's (cached) token is refused, as flask_wtf refuses it.
    assert (
        client.post("/articles/t/quiz", data={**form, "csrf_token": elsewhere}).status_code == 400
    )


def test_with_a_time_limit_tokens_are_signed_anew(csrf_app):
    csrf_app.config["WTF_CSRF_TIME_LIMIT"] = 3600
    with csrf_app.test_request_context("/"):
        flask.session["csrf_token"] = "raw"
        token = caching.csrf_token()
        assert (("caching-test", "raw")) not in caching._signed_tokens
        assert flask.g.csrf_token == token


def test_session_cookie_survives_and_a_new_key_drops_it(csrf_app):
    client = csrf_app.test_client()
    client.get("/auth/login")  # puts a CSRF token in the session
    cookie = client.get_cookie("session").value
    with csrf_app.test_request_context("/", headers={"Cookie": f"session={cookie}"}):
        session = csrf_app.session_interface.open_session(csrf_app, flask.request)
        assert "csrf_token" in session
    csrf_app.config["SECRET_KEY"] = csrf_app.secret_key = "another"
    with csrf_app.test_request_context("/", headers={"Cookie": f"session={cookie}"}):
        assert dict(csrf_app.session_interface.open_session(csrf_app, flask.request)) == {}


def test_sessions_open_as_flask_opens_them_and_expire(csrf_app, monkeypatch):
    from flask.sessions import SecureCookieSessionInterface

    client = csrf_app.test_client()
    client.get("/auth/login")
    cookie = client.get_cookie("session").value
    flask_way = SecureCookieSessionInterface()

    def opened(interface, value):
        with csrf_app.test_request_context("/", headers={"Cookie": f"session={value}"}):
            return interface.open_session(csrf_app, flask.request)

    interface = csrf_app.session_interface
    first = opened(interface, cookie)
    assert dict(first) == dict(opened(flask_way, cookie)) and "csrf_token" in first
    first["csrf_token"] = "changed"  # a request's changes never reach the kept copy
    assert opened(interface, cookie) == opened(flask_way, cookie)
    assert dict(opened(interface, cookie[:-2] + "xx")) == {}  # a bad signature
    # Past the session lifetime the kept cookie is refused, as itsdangerous refuses it.
    lifetime = csrf_app.permanent_session_lifetime.total_seconds()
    later = caching.time.time() + lifetime + 5
    monkeypatch.setattr(caching.time, "time", lambda: later)
    assert dict(opened(interface, cookie)) == {}


def test_each_app_keeps_its_own_urls():
    apps = []
    for path in ("/a", "/b"):
        other = flask.Flask(__name__)
        other.add_url_rule(path, "page", lambda: "")
        other.register_blueprint(caching.bp)
        apps.append(other)
    for other, path in zip(apps, ("/a", "/b"), strict=True):
        with other.test_request_context("/"):
            assert caching.cached_url_for("page") == path
