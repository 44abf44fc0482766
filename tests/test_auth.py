"""Accounts: register, log in and out, the login rate limit, the access decorators."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from flask import Blueprint
from werkzeug.security import generate_password_hash

from questions import Article, Item
from quizapp import create_app, storage
from quizapp.views import auth
from quizapp.views.auth import (
    ACCOUNT_FREE_FAILURES,
    ADDRESS_FREE_FAILURES,
    MAX_DELAY,
    login_required,
    teacher_required,
)


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


@pytest.mark.parametrize(
    "target",
    ["/%09/evil.example", "/%0d%0aSet-Cookie:x=1", "/%0a/evil.example", "/\\evil.example",
     "/%20/evil.example", "https://evil.example/", "/%7f/x", "javascript:alert(1)", "%2F%2Fx"],
)  # fmt: skip
def test_login_next_rejects_tricks(client, db, target):
    """A tab, CR/LF, space or backslash must not turn into //evil.example (or a 500)."""
    make_user(db, "ada")
    response = client.post(
        f"/auth/login?next={target}", data={"username": "ada", "password": "secret-pass"}
    )
    assert response.status_code == 302 and response.location == "/"


def fail(client, name: str, times: int) -> None:
    for _ in range(times):
        assert login(client, name, "wrong").status_code == 200


def test_failures_slow_down_but_never_lock_out(client, db, clock):
    make_user(db, "ada")
    fail(client, "ada", ACCOUNT_FREE_FAILURES)
    response = login(client, "ada")  # right away: wait a second
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "1"
    assert "wait 1 second, then try again" in response.get_data(as_text=True)
    clock.forward(1.1)
    fail(client, "ada", 1)
    assert login(client, "ada").headers["Retry-After"] == "2"  # growing: 1 s, 2 s, 4 s ...
    clock.forward(2.1)
    assert login(client, "ada").status_code == 302  # the right password, after the wait


def test_waits_stop_growing(client, db, clock):
    make_user(db, "ada")
    for _ in range(ACCOUNT_FREE_FAILURES + 12):
        login(client, "ada", "wrong")
        clock.forward(MAX_DELAY + 1)
    response = login(client, "ada", "wrong")
    assert response.status_code == 200
    assert int(login(client, "ada").headers["Retry-After"]) <= MAX_DELAY
    clock.forward(MAX_DELAY + 1)
    assert login(client, "ada").status_code == 302


def test_a_browser_that_logged_in_before_is_not_kept_out(app, db, clock):
    """Strangers hammering the account, from the owner's address too, slow only themselves."""
    make_user(db, "tess", "teacher")
    owner, stranger = app.test_client(), app.test_client()
    assert login(owner, "tess").status_code == 302
    owner.post("/auth/logout")
    failures = 0
    while failures < ACCOUNT_FREE_FAILURES + ADDRESS_FREE_FAILURES:
        response = login(stranger, "tess", "wrong")
        if response.status_code == 429:
            clock.forward(int(response.headers["Retry-After"]))
        else:
            failures += 1
    assert login(stranger, "tess").status_code == 429
    assert login(owner, "tess").status_code == 302
    # Its own mistakes still count.
    owner.post("/auth/logout")
    fail(owner, "tess", ACCOUNT_FREE_FAILURES)
    assert login(owner, "tess").status_code == 429


def test_per_address(app, db, clock):
    """Trying many accounts from one address slows that address down."""
    for number in range(ADDRESS_FREE_FAILURES):
        make_user(db, f"user{number}")
        login(app.test_client(), f"user{number}", "wrong")
    make_user(db, "ada")
    assert login(app.test_client(), "ada").status_code == 429
    other = app.test_client()
    other_address = {"environ_base": {"REMOTE_ADDR": "10.0.0.9"}}
    assert login(other, "ada", **other_address).status_code == 302


def test_proxy_fix_gives_each_client_its_address(tmp_path, clock):
    config = {"TESTING": True, "DATABASE": str(tmp_path / "p.db"), "SECRET_KEY": "k",
              "WTF_CSRF_ENABLED": False, "PROXY_FIX": 1}  # fmt: skip
    app = create_app(config)
    with storage.open_db(config["DATABASE"]) as db:
        for number in range(ADDRESS_FREE_FAILURES):
            make_user(db, f"user{number}")
        make_user(db, "ada")
    for number in range(ADDRESS_FREE_FAILURES):
        headers = {"X-Forwarded-For": "203.0.113.7"}
        login(app.test_client(), f"user{number}", "wrong", headers=headers)
    blocked = login(app.test_client(), "ada", headers={"X-Forwarded-For": "203.0.113.7"})
    assert blocked.status_code == 429
    assert login(app.test_client(), "ada", headers={"X-Forwarded-For": "203.0.113.8"}).location


def test_throttle_shared_between_apps(tmp_path, clock):
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
    for number in range(ACCOUNT_FREE_FAILURES):
        app = first if number % 2 else second
        login(app.test_client(), "ada", "wrong")
    assert login(first.test_client(), "ada").status_code == 429


def test_concurrent_attempts_count_each_other(tmp_path):
    """Count and record are one transaction: of 16 simultaneous tries at the limit, one
    passes (the issue saw 7 checks pass a limit of 5)."""
    path = tmp_path / "race.db"
    storage.open_db(path).close()
    keys = {"user:ada": 0}
    start, passed = threading.Barrier(16), []

    def attempt():
        db = storage.open_db(path)
        start.wait()
        wait, _ = storage.begin_throttled_attempt(db, keys, timedelta(minutes=15), MAX_DELAY)
        passed.append(wait == 0)
        db.close()

    threads = [threading.Thread(target=attempt) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert passed.count(True) == 1 and len(passed) == 16


def test_success_clears_the_accounts_failures(client, db, clock):
    make_user(db, "ada")
    fail(client, "ada", ACCOUNT_FREE_FAILURES - 1)
    assert login(client, "ada").status_code == 302
    client.post("/auth/logout")
    fail(client, "ada", ACCOUNT_FREE_FAILURES - 1)
    assert login(client, "ada").status_code == 302


def test_unknown_user_is_hashed_too(client, db, monkeypatch):
    """An unknown username costs a password check too (against a dummy hash), so the time
    of the answer does not tell which usernames exist."""
    checked = []
    real = auth.check_password_hash

    def spy(hashed, password):
        checked.append(hashed)
        return real(hashed, password)

    monkeypatch.setattr(auth, "check_password_hash", spy)
    assert login(client, "nobody", "whatever").status_code == 200
    assert checked == [auth.dummy_hash()]


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


def test_usernames_are_unique_in_any_case(client, db):
    make_user(db, "tess", "teacher")
    response = client.post(
        "/auth/register", data={"username": "Tess", "password": "12345678", "confirm": "12345678"}
    )
    assert "This username is taken" in response.get_data(as_text=True)
    assert login(client, "TESS").status_code == 302  # and any case logs in


def test_username_migration_keeps_an_older_clash(tmp_path):
    """A database that already holds "Tess" and "tess" still migrates (its index is then not
    unique; create_user's own check holds for new names)."""
    path = tmp_path / "old.db"
    db = storage.connect_db(path)
    storage.migrations.apply(db, stop_before="m007_username_nocase")
    for name in ("Tess", "tess"):
        db.execute("INSERT INTO users (username, password_hash, role) VALUES (?, 'h', 's')", [name])
    db.conn.commit()
    storage.migrate(db)
    assert storage.get_user_by_name(db, "tess")["username"] == "tess"
    assert storage.get_user_by_name(db, "Tess")["username"] == "Tess"
    with pytest.raises(storage.UsernameTaken):
        storage.create_user(db, "TESS", "h", "student")
    db.close()


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
