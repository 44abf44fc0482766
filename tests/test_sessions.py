"""Session identity (issue 15, point 1): a session names a user id and that user's session
secret; logout, a password change and a restore end it; ids are never handed out twice;
logins run out."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from click.testing import CliRunner
from werkzeug.security import check_password_hash, generate_password_hash

from quizapp import create_app, storage
from quizapp.cli import cli


def make_user(db, name: str, role: str = "student", password: str = "secret-pass") -> int:
    return storage.create_user(db, name, generate_password_hash(password), role)


def login(client, name: str, password: str = "secret-pass", **data):
    return client.post("/auth/login", data={"username": name, "password": password, **data})


def copy_cookie(app, source, target) -> None:
    """Give target the session cookie of source (a stolen or copied cookie)."""
    name = app.config["SESSION_COOKIE_NAME"]
    target.set_cookie(name, source.get_cookie(name).value)


def session_cookie(response) -> str:
    return next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))


def logged_in_as(client) -> str | None:
    page = client.get("/").get_data(as_text=True)
    return None if "Log in" in page else page


def test_logout_ends_a_copied_cookie(app, db):
    make_user(db, "ada")
    owner, thief = app.test_client(), app.test_client()
    login(owner, "ada")
    copy_cookie(app, owner, thief)
    assert logged_in_as(thief)
    owner.post("/auth/logout")
    assert logged_in_as(thief) is None
    assert thief.get("/progress").status_code == 302


def test_password_change(app, db):
    make_user(db, "ada")
    here, elsewhere = app.test_client(), app.test_client()
    login(here, "ada")
    login(elsewhere, "ada")
    new = {"password": "new-pass-1", "confirm": "new-pass-1"}
    wrong = here.post("/auth/password", data={"current": "nope", **new})
    assert "This is not your current password." in wrong.get_data(as_text=True)
    response = here.post(
        "/auth/password",
        data={"current": "secret-pass", "password": "new-pass-1", "confirm": "new-pass-1"},
        follow_redirects=True,
    )
    assert "Your password is changed" in response.get_data(as_text=True)
    assert logged_in_as(here)  # this session goes on
    assert logged_in_as(elsewhere) is None  # the others end
    assert check_password_hash(storage.get_user_by_name(db, "ada")["password_hash"], "new-pass-1")
    assert login(app.test_client(), "ada", "new-pass-1").status_code == 302


def test_password_page_needs_login(client):
    assert client.get("/auth/password").location.startswith("/auth/login")


def test_password_change_rules(app, db):
    make_user(db, "ada")
    client = app.test_client()
    login(client, "ada")
    page = client.post(
        "/auth/password", data={"current": "secret-pass", "password": "short", "confirm": "short"}
    ).get_data(as_text=True)
    assert "at least 8" in page


def test_ids_are_never_reused(db):
    first = make_user(db, "ada")
    db.execute("DELETE FROM users WHERE id = ?", [first])
    db.conn.commit()
    assert make_user(db, "bob") > first


def test_restored_backup_ends_sessions_and_keeps_ids(app, tmp_path):
    """The attack from the issue: a student's old cookie after a restore must not open
    /teach as a teacher created afterwards."""
    path = app.config["DATABASE"]
    with storage.open_db(path) as db:
        make_user(db, "tess", role="teacher")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", path, "backup", str(tmp_path / "b.db")]).exit_code == 0
    with storage.open_db(path) as db:
        student_id = make_user(db, "stu")
    student, teacher = app.test_client(), app.test_client()
    login(student, "stu")
    login(teacher, "tess")
    result = runner.invoke(cli, ["--db", path, "restore", "--yes", str(tmp_path / "b.db")])
    assert result.exit_code == 0, result.output
    with storage.open_db(path) as db:
        assert make_user(db, "newteacher", role="teacher") > student_id
    assert student.get("/teach").status_code == 302  # to the login page
    assert logged_in_as(student) is None
    assert logged_in_as(teacher) is None  # every session from before the restore ends


def test_a_reused_id_alone_does_not_log_in(app, db):
    """Even a row that takes an old id (say, a hand-edited database) needs its own secret."""
    user_id = make_user(db, "stu")
    client = app.test_client()
    login(client, "stu")
    db.execute("DELETE FROM users WHERE id = ?", [user_id])
    db.execute(
        "INSERT INTO users (id, username, password_hash, role, session_token) "
        "VALUES (?, 'tess', 'x', 'teacher', 'another-secret')",
        [user_id],
    )
    db.conn.commit()
    assert client.get("/teach").status_code == 302


def test_login_runs_out(app, db):
    make_user(db, "ada")
    app.config["LOGIN_LIFETIME"] = timedelta(0)
    client = app.test_client()
    response = login(client, "ada")
    assert "Expires" not in session_cookie(response)  # a browser-session cookie
    assert logged_in_as(client) is None


def test_remember_me(app, db):
    make_user(db, "ada")
    app.config["LOGIN_LIFETIME"] = timedelta(0)
    client = app.test_client()
    response = login(client, "ada", remember="y")
    assert "Expires" in session_cookie(response)
    assert logged_in_as(client)


def test_forged_session_values_do_not_log_in(app, db):
    make_user(db, "ada")
    client = app.test_client()
    with client.session_transaction() as session:
        session.update(user_id=1, auth="é", auth_until="later")
    assert logged_in_as(client) is None


def test_migration_rebuilds_users_keeping_rows(tmp_path):
    """An old database (before m006) keeps its users and their answers; migrating twice is a
    no-op."""
    path = tmp_path / "old.db"
    db = storage.connect_db(path)
    storage.migrations.apply(db, stop_before="m006_user_sessions")
    db.execute("INSERT INTO users (id, username, password_hash, role) VALUES (7, 'ada', 'h', 's')")
    db.execute("INSERT INTO articles (id, slug, title, text) VALUES (1, 'a', 'A', 't')")
    db.execute("INSERT INTO attempts (id, user_id, article_id) VALUES ('x', 7, 1)")
    db.conn.commit()
    storage.migrate(db)
    storage.migrate(db)
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'users'").fetchone()[0]
    assert "AUTOINCREMENT" in sql
    assert db.execute("SELECT user_id FROM attempts").fetchone()[0] == 7
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert len(db.execute("SELECT session_token FROM users").fetchone()[0]) == 32
    assert storage.create_user(db, "bob", "h", "student") == 8
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO attempts (id, user_id, article_id) VALUES ('y', 99, 1)")
    db.close()


def test_new_database_is_current(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "n.db"), "SECRET_KEY": "k"})
    with storage.open_db(app.config["DATABASE"]) as db:
        assert not storage.migrations.pending(db)


def test_session_cookies_are_checked_with_the_current_keys(app, db):
    """The session interface keeps its serializer between requests: a cookie signed with
    another key is still refused, a key rotation (old key in SECRET_KEY_FALLBACKS) keeps
    sessions, and a key change without the fallback ends them."""
    make_user(db, "kim")
    client = app.test_client()
    assert login(client, "kim").status_code == 302
    assert logged_in_as(client)
    assert logged_in_as(client)  # the kept serializer reads its own cookie again

    forged = create_app({**app.config, "SECRET_KEY": "another-secret"}).test_client()
    copy_cookie(app, client, forged)
    assert logged_in_as(forged) is None

    app.config.update(SECRET_KEY="rotated-secret", SECRET_KEY_FALLBACKS=["test-secret"])
    assert logged_in_as(client)
    app.config.update(SECRET_KEY_FALLBACKS=[])
    assert logged_in_as(client) is None
