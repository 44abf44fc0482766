"""Closed doors: security headers, session cookie flags, CSRF, 404 for unknown ids.

The routes come from the app's own URL map, so every page a blueprint adds is checked as soon
as it is registered.
"""

from __future__ import annotations

import re
import urllib.request

import pytest
from flask_wtf.csrf import generate_csrf

from questions import Article, Item
from quizapp import create_app, storage
from tests.server_helpers import ProductionServer, quiz_article

ARG = re.compile(r"<(?:(?P<conv>\w+)(?:\((?P<args>[^)]*)\))?:)?(?P<name>\w+)>")
UNKNOWN = {"int": 987654321, "float": 9.87e8, "path": "no/such/file", "uuid": None}


@pytest.fixture
def csrf_app(tmp_path):
    """An app with CSRF protection on (as in production) and one article with two items."""
    app = create_app(
        {"TESTING": True, "DATABASE": str(tmp_path / "sec.db"), "SECRET_KEY": "sec-secret"}
    )
    db = storage.open_db(app.config["DATABASE"])
    items = tuple(
        Item(id=f"{n:016x}", kind="cloze", prompt=f"_____ is {n}.", answer=f"A{n}")
        for n in range(2)
    )
    storage.save_article(db, Article("Known", "known", ("A0 is 0. A1 is 1.",), items))
    db.close()
    return app


def example_url(rule, known: dict[str, str] | None = None) -> str:
    """The rule's path with every argument replaced by a value from known, else by a value
    nothing in the database has."""
    known = known or {}

    def fill(match: re.Match) -> str:
        conv, args = match["conv"] or "default", match["args"]
        if match["name"] in known:
            return known[match["name"]]
        if conv == "any":
            return args.split(",")[0].strip().strip("'\"")
        if conv == "uuid":
            return "00000000-0000-4000-8000-000000000000"
        return str(UNKNOWN.get(conv, "no-such-" + match["name"].replace("_", "-")))

    return ARG.sub(fill, rule.rule)


def rules(app, method: str, *, with_args: bool):
    """The app's rules answering method, with or without URL arguments (static left out)."""
    return [
        rule
        for rule in app.url_map.iter_rules()
        if method in rule.methods
        and bool(rule.arguments) == with_args
        and rule.endpoint != "static"
    ]


def assert_security_headers(headers) -> None:
    csp = headers.get("Content-Security-Policy", "")
    directives = {
        part.strip().split()[0]: part.strip().split()[1:] for part in csp.split(";") if part.strip()
    }
    scripts = directives.get("script-src") or directives.get("default-src")
    assert scripts, csp
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, csp
    assert "'unsafe-inline'" not in directives.get("default-src", []), csp
    assert directives.get("frame-ancestors") == ["'none'"], csp
    assert headers.get("X-Content-Type-Options") == "nosniff"


def test_every_page_sends_security_headers(csrf_app, login):
    client = csrf_app.test_client()
    urls = [rule.rule for rule in rules(csrf_app, "GET", with_args=False)]
    urls += ["/no/such/page", "/static/style.css"]
    assert "/" in urls
    for logged_in in (False, True):
        if logged_in:
            login("teach", "teacher", client=client)
        for url in urls:
            with client.get(url) as response:
                assert response.status_code < 500, url
                assert_security_headers(response.headers)
    response = client.post("/", data={})  # 400 (no CSRF token) or 405: error pages too
    assert response.status_code in (400, 405)
    assert_security_headers(response.headers)


def session_cookies(response, name: str) -> list[str]:
    return [c for c in response.headers.getlist("Set-Cookie") if c.startswith(name + "=")]


def test_session_cookie_is_httponly_and_samesite(csrf_app):
    client = csrf_app.test_client()
    name = csrf_app.config["SESSION_COOKIE_NAME"]
    # The login form puts a CSRF token into the session, which sets the cookie.
    cookies = session_cookies(client.get("/auth/login"), name)
    assert cookies, "the login page did not set the session cookie"
    for cookie in cookies:
        flags = {part.strip().split("=")[0].lower(): part for part in cookie.split(";")[1:]}
        assert "httponly" in flags, cookie
        assert flags.get("samesite", "").split("=")[-1].strip().lower() in {"lax", "strict"}


def forged_tokens(csrf_app) -> dict[str, str | None]:
    """CSRF tokens a forger could send: none, garbage, signed with another key, another
    session's token."""
    other = create_app(
        {"TESTING": True, "DATABASE": csrf_app.config["DATABASE"], "SECRET_KEY": "other-key"}
    )
    with other.test_request_context():
        other_key_token = generate_csrf()
    with csrf_app.test_request_context():
        other_session_token = generate_csrf()  # valid signature, but not this client's session
    return {
        "missing": None,
        "garbage": "forged-token",
        "other key": other_key_token,
        "other session": other_session_token,
    }


def test_posts_without_a_valid_csrf_token_get_a_clear_400(csrf_app, login):
    client = csrf_app.test_client()
    client.get("/auth/login")  # a real session with its own CSRF token
    login("teach", "teacher", client=client)
    posts = rules(csrf_app, "POST", with_args=False) + rules(csrf_app, "POST", with_args=True)
    assert posts, "no POST routes registered"
    for rule in posts:
        url = example_url(rule)
        for label, token in forged_tokens(csrf_app).items():
            data = {"username": "teach", "password": "pw-teacher"}
            if token is not None:
                data["csrf_token"] = token
            response = client.post(url, data=data)
            page = response.get_data(as_text=True)
            assert response.status_code == 400, (url, label, response.status_code)
            assert "CSRF" in page, (url, label)
            assert "Traceback" not in page and 'File "' not in page
            assert_security_headers(response.headers)


def test_unknown_ids_in_urls_give_the_404_page(csrf_app, login):
    client = csrf_app.test_client()
    login("teach", "teacher", client=client)  # a teacher may open every page, so 404 is the answer
    for rule in rules(csrf_app, "GET", with_args=True):
        url = example_url(rule)
        response = client.get(url)
        assert response.status_code == 404, (url, response.status_code)
        body = response.get_data(as_text=True)
        assert "Traceback" not in body
        if response.mimetype == "text/html":
            assert "Not found" in body, url
    with client.get("/static/no-such-file.css") as response:
        assert response.status_code == 404


def is_teacher_only(rule) -> bool:
    """Teacher pages, class statistics, and JSON API calls that change things."""
    if rule.endpoint.startswith("teach.") or rule.endpoint == "progress.article_stats":
        return True
    return rule.endpoint.startswith("api.") and bool(rule.methods - {"GET", "HEAD", "OPTIONS"})


def test_teacher_pages_refuse_students_and_anonymous_users(app, client, login):
    """CSRF off here (conftest app) so the refusal, not the token check, answers the POSTs."""
    db = storage.open_db(app.config["DATABASE"])
    item = Item(id="0" * 16, kind="cloze", prompt="_____ is 0.", answer="A0")
    storage.save_article(db, Article("Known", "known", ("A0 is 0.",), (item,)))
    before = db.execute("SELECT count(*), max(updated) FROM items").fetchone()
    db.close()
    guarded = [rule for rule in app.url_map.iter_rules() if is_teacher_only(rule)]
    for who in ("anonymous", "stu"):
        if who != "anonymous":
            login(who, client=client)
        for rule in guarded:
            url = example_url(rule, {"slug": "known", "item_id": "0" * 16})
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = client.open(url, method=method, data={"text": "x", "prompt": "x"})
                if who == "anonymous":
                    assert response.status_code in (302, 401, 403), (url, method)
                    if response.status_code == 302:
                        assert "/auth/login" in response.headers["Location"]
                else:
                    assert response.status_code == 403, (url, method, who)
    db = storage.open_db(app.config["DATABASE"])
    assert db.execute("SELECT count(*), max(updated) FROM items").fetchone() == before
    assert db.execute("SELECT count(*) FROM articles WHERE deleted IS NULL").fetchone()[0] == 1
    db.close()


@pytest.mark.slow
def test_production_server_sends_headers_and_cookie_flags(tmp_path):
    """Over the wire from gunicorn: headers on a page and on a 404, cookie flags."""
    db_path = tmp_path / "prod.db"
    storage.open_db(db_path).close()
    with ProductionServer(db_path, tmp_path, workers=1, threads=2) as server:
        for path, status in (("/", 200), ("/no/such/page", 404)):
            request = urllib.request.Request(server.url + path)
            try:
                response = urllib.request.urlopen(request, timeout=10)
            except urllib.error.HTTPError as error:
                response = error
            assert response.status == status
            assert_security_headers(response.headers)
            assert "Traceback" not in response.read().decode()
        response = urllib.request.urlopen(server.url + "/auth/login", timeout=10)
        cookies = [c for c in response.headers.get_all("Set-Cookie") or [] if "session=" in c]
        assert cookies and all("HttpOnly" in c and "SameSite=Lax" in c for c in cookies)


def test_a_student_sees_only_their_own_quiz_pages(app, db, login):
    """Another student, or an anonymous visitor, gets 404 for someone else's attempt."""
    storage.save_article(db, quiz_article("alpha", 12))
    clients = {name: login(name) for name in ("ann", "bob")}
    response = clients["ann"].post("/articles/alpha/quiz", data={"length": "10", "kinds": "mcq"})
    attempt = response.location.split("/")[2]
    item_id = storage.get_attempt(db, attempt)["item_ids"][0]
    choice = storage.get_items(db, [item_id])[item_id].choices[0]
    answer = {"item_id": item_id, "response": choice}
    assert clients["ann"].post(f"/quiz/{attempt}/1", data=answer).status_code == 302
    pages = [f"/quiz/{attempt}/2", f"/quiz/{attempt}/1/feedback", f"/quiz/{attempt}/result"]
    for page in pages:
        assert clients["ann"].get(page).status_code == 200, page
        for other in (clients["bob"], app.test_client()):
            response = other.get(page)
            assert response.status_code == 404, page
            assert choice not in response.get_data(as_text=True)
    assert clients["bob"].post(f"/quiz/{attempt}/2", data=answer).status_code == 404
    assert db.execute("SELECT count(*) FROM answers").fetchone()[0] == 1
