"""Accounts: register, log in and out, the login rate limit, the access decorators."""

from __future__ import annotations

import pytest
from flask import Blueprint
from werkzeug.security import generate_password_hash

from quizapp import create_app, storage
from quizapp.views.auth import MAX_FAILURES, login_required, teacher_required


def make_user(db, name: str, role: str = "student", password: str = "secret-pass") -> int:
    return storage.create_user(db, name, generate_password_hash(password), role)


def login(client, name: str, password: str = "secret-pass", **kwargs):
    return client.post("/auth/login", data={"username": name, "password": password}, **kwargs)


def test_register_logs_in_and_hashes(client, db):
    response = client.post(
        "/auth/register",
        data={"username": "ada", "password": "correct horse", "confirm": "correct horse"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Welcome, ada!" in page and "Log out" in page
    user = storage.get_user_by_name(db, "ada")
    assert user["role"] == "student"
    assert user["password_hash"] != "correct horse"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "ab", "password": "12345678", "confirm": "12345678"}, "between 3 and 40"),
        ({"username": "a b c", "password": "12345678", "confirm": "12345678"}, "letters, digits"),
        ({"username": "abc", "password": "short", "confirm": "short"}, "at least 8"),
        ({"username": "abc", "password": "12345678", "confirm": "12345679"}, "passwords differ"),
    ],
)
def test_register_rejects_bad_input(client, db, data, message):
    response = client.post("/auth/register", data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert storage.get_user_by_name(db, data["username"]) is None


def test_register_taken_name(client, db):
    make_user(db, "ada")
    response = client.post(
        "/auth/register", data={"username": "ada", "password": "12345678", "confirm": "12345678"}
    )
    assert "This username is taken" in response.get_data(as_text=True)


def test_login_logout(client, db):
    make_user(db, "ada")
    response = login(client, "ada")
    assert response.status_code == 302
    assert "ada" in client.get("/").get_data(as_text=True)
    response = client.post("/auth/logout", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "You are logged out." in page and "Log in" in page


def test_login_wrong_password(client, db):
    make_user(db, "ada")
    response = login(client, "ada", "nope")
    assert response.status_code == 200
    assert "Wrong username or password." in response.get_data(as_text=True)


def test_login_next_stays_local(client, db):
    make_user(db, "ada")
    assert login(client, "ada", query_string={"next": "/auth/register"}).location.endswith(
        "/auth/register"
    )
    client.post("/auth/logout")
    assert login(client, "ada", query_string={"next": "//evil.example/x"}).location == "/"


def test_login_rate_limited(client, db):
    make_user(db, "ada")
    for _ in range(MAX_FAILURES):
        assert login(client, "ada", "wrong").status_code == 200
    response = login(client, "ada")  # even the right password waits now
    assert response.status_code == 429
    assert "Too many failed logins" in response.get_data(as_text=True)
    # Another account from the same address is not blocked.
    make_user(db, "bob")
    assert login(client, "bob").status_code == 302


def test_rate_limit_shared_between_apps(tmp_path):
    """Two app instances (as two gunicorn workers) share one count through SQLite."""
    config = {
        "TESTING": True,
        "DATABASE": str(tmp_path / "t.db"),
        "SECRET_KEY": "k",
        "WTF_CSRF_ENABLED": False,
    }
    first, second = create_app(config), create_app(config)
    with storage.open_db(config["DATABASE"]) as db:
        make_user(db, "ada")
    for number in range(MAX_FAILURES):
        app = first if number % 2 else second
        login(app.test_client(), "ada", "wrong")
    assert login(first.test_client(), "ada").status_code == 429


def test_success_clears_failures(client, db):
    make_user(db, "ada")
    for _ in range(MAX_FAILURES - 1):
        login(client, "ada", "wrong")
    assert login(client, "ada").status_code == 302
    client.post("/auth/logout")
    assert login(client, "ada", "wrong").status_code == 200


@pytest.fixture
def guarded_app(app):
    bp = Blueprint("guarded", __name__)

    @bp.get("/members")
    @login_required
    def members():
        return "members"

    @bp.get("/staff")
    @teacher_required
    def staff():
        return "staff"

    app.register_blueprint(bp)
    return app


def test_decorators(guarded_app):
    client = guarded_app.test_client()
    with storage.open_db(guarded_app.config["DATABASE"]) as db:
        make_user(db, "stu")
        make_user(db, "tea", role="teacher")
    assert client.get("/members").location.startswith("/auth/login?next=/members")
    assert client.get("/staff").location.startswith("/auth/login")
    login(client, "stu")
    assert client.get("/members").get_data(as_text=True) == "members"
    response = client.get("/staff")
    assert response.status_code == 403 and "for teachers" in response.get_data(as_text=True)
    client.post("/auth/logout")
    login(client, "tea")
    assert client.get("/staff").get_data(as_text=True) == "staff"


def test_deleted_user_is_logged_out(client, db):
    user_id = make_user(db, "ada")
    login(client, "ada")
    db.execute("DELETE FROM users WHERE id = ?", [user_id])
    db.conn.commit()
    assert "Log in" in client.get("/").get_data(as_text=True)


def test_post_without_csrf_token_is_rejected(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "c.db"), "SECRET_KEY": "k"})
    client = app.test_client()
    assert client.post("/auth/login", data={"username": "a", "password": "b"}).status_code == 400


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("/articles/space/study", "Log in to study: your schedule is kept per student."),
        ("/progress", "Log in to see your progress"),
        ("/teach", "Log in with a teacher account"),
    ],
)
def test_the_login_page_says_why_an_account_is_needed(client, url, reason):
    response = client.get(url, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.request.path == "/auth/login" and reason in page


def test_a_quiz_taken_before_logging_in_becomes_the_accounts(client, db):
    from questions import Article, Item

    item = Item(id="c1", kind="cloze", prompt="_____ flew in 1961.", answer="Gagarin",
                source_sentence="Gagarin flew in 1961.")  # fmt: skip
    storage.save_article(db, Article("Space", "space", ("Gagarin flew in 1961.",), (item,)))
    location = client.post("/articles/space/quiz", data={"length": "10", "kinds": ["cloze"]})
    attempt = location.location.split("/")[2]
    client.post(f"/quiz/{attempt}/1", data={"item_id": "c1", "response": "Gagarin"})
    user_id = make_user(db, "ada")
    login(client, "ada")
    assert storage.get_attempt(db, attempt)["user_id"] == user_id
    assert storage.answers_for_attempt(db, attempt)["c1"]["user_id"] == user_id
    assert storage.get_card(db, user_id, "c1") is not None  # in the study schedule
    assert client.get(f"/quiz/{attempt}/result").status_code == 200
    # Someone else logging in later from another browser does not get it.
    make_user(db, "bob")
    other = client.application.test_client()
    login(other, "bob")
    assert other.get(f"/quiz/{attempt}/result").status_code == 404
