"""The templates' url_for (quizapp/urls.py) keeps URLs it built: it must give what Flask's
url_for gives, per script root, and leave every other call to Flask."""

from __future__ import annotations

import flask
import pytest

from quizapp import create_app
from quizapp.urls import template_url_for

CALLS = [
    ("static", {"filename": "style.css"}),
    ("quiz.home", {}),
    ("auth.login", {"next": "/a b?c=d&e"}),
    ("quiz.start", {"slug": "moon"}),
    ("quiz.question", {"attempt_id": "abc", "number": 2}),
    ("quiz.home", {"_anchor": "top"}),
    ("quiz.start", {"slug": "moon", "_external": True}),
]


@pytest.mark.parametrize("root", ["", "/school", "/school/"])
def test_same_urls_as_flask_under_each_script_root(app, root):
    url_for = app.jinja_env.globals["url_for"]
    for _ in range(2):  # built, then kept
        for other in ("", "/elsewhere"):  # another mount point in between keeps its own
            with app.test_request_context("/", base_url=f"http://localhost{other}"):
                url_for("quiz.start", slug="moon")
        with app.test_request_context("/", base_url=f"http://localhost{root}"):
            for endpoint, values in CALLS:
                assert url_for(endpoint, **values) == flask.url_for(endpoint, **values)
            assert url_for("quiz.start", slug="moon").startswith(root.rstrip("/") + "/")


def test_a_page_links_under_its_script_root(app):
    client = app.test_client()
    page = client.get("/", base_url="http://localhost/school").get_data(as_text=True)
    assert 'href="/school/auth/login"' in page
    assert 'href="/auth/login"' in client.get("/").get_data(as_text=True)


def test_outside_a_request_flask_builds_it(app):
    app.config["SERVER_NAME"] = "quiz.example"
    with app.app_context():
        assert app.jinja_env.globals["url_for"]("quiz.home") == "http://quiz.example/"


def test_url_defaults_turn_the_cache_off(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "t.db"), "SECRET_KEY": "k"})
    assert template_url_for(app) is not app.url_for
    app.url_defaults(lambda endpoint, values: None)
    assert template_url_for(app) == app.url_for
