"""Accounts: register, log in, log out; `g.user` and the access decorators."""

from __future__ import annotations

import functools
import hmac
import math
import secrets
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.exceptions import TooManyRequests
from werkzeug.security import check_password_hash, generate_password_hash

from quizapp import schedule, storage
from quizapp.forms import ActionForm, LoginForm, PasswordForm, RegisterForm
from quizapp.views.limits import in_seconds, throttle

bp = Blueprint("auth", __name__, url_prefix="/auth")

# Login throttle: failures within the window beyond the free ones double the wait before the
# next try (1 s, 2 s, 4 s ... MAX_DELAY). An address is shared by a class behind one router.
ACCOUNT_FREE_FAILURES = 3
ADDRESS_FREE_FAILURES = 10
MAX_DELAY = 60.0
FAILURE_WINDOW = timedelta(minutes=15)
DEVICE_COOKIE = "quizapp_device"


@bp.before_app_request
def load_user() -> None:
    """Put the logged-in user's row (a dict) or None on g.user.

    A session counts only while its user's session secret is the one it carries (logout, a
    password change and a restore change it) and its login has not run out.
    """
    user_id = session.get("user_id")
    g.user = storage.get_user(storage.get_db(), user_id) if user_id is not None else None
    if user_id is not None and not session_holds(g.user):
        g.user = None
        for key in ("user_id", "auth", "auth_until"):
            session.pop(key, None)


def session_holds(user: dict[str, Any] | None) -> bool:
    """Whether the session still logs in user: same session secret, login not expired."""
    if user is None or not user.get("session_token"):
        return False
    carried = str(session.get("auth", "")).encode()
    if not hmac.compare_digest(carried, user["session_token"].encode()):
        return False
    until = session.get("auth_until")
    return isinstance(until, int | float) and time.time() < until


def is_teacher() -> bool:
    """Whether the visitor is a logged-in teacher (who also sees drafts)."""
    return g.user is not None and g.user["role"] == "teacher"


def hidden_from_visitor(article: dict[str, Any]) -> bool:
    """Whether the article is a draft this visitor may not see (everyone but teachers)."""
    return article.get("published") is None and not is_teacher()


# Why a page sends an anonymous visitor to the login page, said on that page.
LOGIN_REASONS = {
    "study.study": "Log in to study: your schedule is kept per student.",
    "progress.student": "Log in to see your progress: it is kept per student.",
}


def to_login(teacher: bool = False) -> Any:
    """Redirect to the login page, then back, saying why an account is needed."""
    reason = LOGIN_REASONS.get(request.endpoint or "", "Log in to see that page.")
    flash("Log in with a teacher account to see that page." if teacher else reason, "info")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def login_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Send anonymous visitors to the login page, then back."""

    @functools.wraps(view)
    def wrapped(**kwargs: Any) -> Any:
        if g.user is None:
            return to_login()
        return view(**kwargs)

    return wrapped


def teacher_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Teachers only: anonymous visitors go to the login page, students get 403."""

    @functools.wraps(view)
    def wrapped(**kwargs: Any) -> Any:
        if g.user is None:
            return to_login(teacher=True)
        if g.user["role"] != "teacher":
            abort(403, "This page is for teachers.")
        return view(**kwargs)

    return wrapped


def safe_next(target: str | None) -> str:
    """The local path to return to after logging in (never another site).

    Browsers drop tabs and newlines from URLs and read a backslash as a slash, so
    "/%09/evil.example" would become "//evil.example": any control or space character, or a
    backslash, sends the visitor home instead; so does anything with a scheme or a host.
    """
    if not target or any(ord(c) <= 0x20 or ord(c) == 0x7F or c == "\\" for c in target):
        return url_for("quiz.home")
    try:
        parts = urlsplit(target)
    except ValueError:
        return url_for("quiz.home")
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("quiz.home")
    return target


def log_in(user: dict[str, Any], remember: bool = False) -> None:
    """Start a fresh session for user, keeping the anonymous quiz in progress, whose answers
    become theirs (they feed the user's study schedule); it lasts LOGIN_LIFETIME (a cookie
    the browser drops when closed), or with remember PERMANENT_SESSION_LIFETIME."""
    attempts = session.get("attempts", [])
    session.clear()
    session.permanent = remember
    lifetime = (
        current_app.permanent_session_lifetime if remember else current_app.config["LOGIN_LIFETIME"]
    )
    session["user_id"] = user["id"]
    session["auth"] = user["session_token"]
    session["auth_until"] = time.time() + lifetime.total_seconds()
    session["attempts"] = attempts
    db = storage.get_db()
    for answer in storage.claim_attempts(db, attempts, user["id"]):
        when = datetime.fromisoformat(answer["created"])
        schedule.record_quiz_answer(db, user["id"], answer["item_id"], answer["correct"], when)


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Create a student account and log it in."""
    form = RegisterForm()
    if form.validate_on_submit():
        db = storage.get_db()
        try:
            throttle("register")
        except TooManyRequests as error:
            form.username.errors.append(error.description)
            page = render_template("auth/register.html", form=form)
            return page, 429, {"Retry-After": str(error.retry_after)}
        try:
            password_hash = generate_password_hash(form.password.data)
            user_id = storage.create_user(db, form.username.data, password_hash, "student")
        except sqlite3.IntegrityError:
            form.username.errors.append("This username is taken; choose another.")
        else:
            log_in(storage.get_user(db, user_id))
            flash(f"Welcome, {form.username.data}!", "success")
            return redirect(url_for("quiz.home"))
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log in. Failed logins slow further tries down (per account and per address), but the
    right password is never refused for longer than the wait the page states."""
    form = LoginForm()
    if form.validate_on_submit():
        db = storage.get_db()
        name = form.username.data.strip()
        device = known_device(name)
        keys = throttle_keys(name, device)
        wait, pending = storage.begin_throttled_attempt(db, keys, FAILURE_WINDOW, MAX_DELAY)
        if wait > 0:
            seconds = math.ceil(wait)
            form.password.errors.append(
                f"Too many failed logins; wait {in_seconds(seconds)}, then try again."
            )
            page = render_template("auth/login.html", form=form)
            return page, 429, {"Retry-After": str(seconds)}
        user = storage.get_user_by_name(db, name)
        if password_matches(user, form.password.data):
            storage.forgive_attempt(db, pending, [k for k in keys if k.split(":")[0] != "ip"])
            log_in(user, remember=form.remember.data)
            response = redirect(safe_next(request.args.get("next")))
            remember_device(response, user["username"], device)
            return response
        form.password.errors.append("Wrong username or password.")
    return render_template("auth/login.html", form=form)


def password_matches(user: dict[str, Any] | None, password: str) -> bool:
    """Whether password is the user's; an unknown user costs the same hashing time, so the
    answer's timing does not tell which usernames exist."""
    if user is None:
        check_password_hash(dummy_hash(), password)
        return False
    return check_password_hash(user["password_hash"], password)


@functools.cache
def dummy_hash() -> str:
    """A hash of a random password, made as real ones are (checked for unknown users)."""
    return generate_password_hash(secrets.token_hex(16))


def throttle_keys(name: str, device: str | None) -> dict[str, int]:
    """The login throttle's keys and their free failures. A browser that logged in to this
    account before is throttled on its own failures only: strangers hammering the account
    (or the address) cannot keep its owner out."""
    account = name.lower()
    if device:
        return {f"device:{account}:{device}": ACCOUNT_FREE_FAILURES}
    return {
        f"user:{account}": ACCOUNT_FREE_FAILURES,
        f"ip:{request.remote_addr}": ADDRESS_FREE_FAILURES,
    }


def device_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="known-device")


def known_device(name: str) -> str | None:
    """This browser's device id if it has logged in to account name before, else None."""
    try:
        data = device_serializer().loads(request.cookies.get(DEVICE_COOKIE, ""))
    except BadSignature:
        return None
    if not isinstance(data, dict) or name.lower() not in data.get("names", []):
        return None
    return str(data.get("id"))


def remember_device(response, name: str, device: str | None) -> None:
    """Mark this browser as one that logged in to account name (a signed cookie, a year)."""
    try:
        data = device_serializer().loads(request.cookies.get(DEVICE_COOKIE, ""))
    except BadSignature:
        data = {}
    if not isinstance(data, dict):
        data = {}
    names = [n for n in data.get("names", []) if n != name.lower()][-4:] + [name.lower()]
    value = {"id": device or data.get("id") or secrets.token_hex(8), "names": names}
    response.set_cookie(
        DEVICE_COOKIE,
        device_serializer().dumps(value),
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
    )


@bp.post("/logout")
def logout():
    """Log out (a POST with a CSRF token, never a link): every session of the account ends,
    copies of this cookie included."""
    if ActionForm().validate_on_submit():
        if g.user is not None:
            storage.rotate_session(storage.get_db(), g.user["id"])
        session.clear()
        flash("You are logged out.", "success")
    return redirect(url_for("quiz.home"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change the password; the account's other sessions end, this one goes on."""
    form = PasswordForm()
    if form.validate_on_submit():
        if not check_password_hash(g.user["password_hash"], form.current.data):
            form.current.errors.append("This is not your current password.")
        else:
            db = storage.get_db()
            storage.set_password(db, g.user["id"], generate_password_hash(form.password.data))
            log_in(storage.get_user(db, g.user["id"]), remember=session.permanent)
            flash("Your password is changed; your other sessions are logged out.", "success")
            return redirect(url_for("quiz.home"))
    return render_template("auth/password.html", form=form)
