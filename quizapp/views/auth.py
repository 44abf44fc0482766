"""Accounts: register, log in, log out; `g.user` and the access decorators."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

from quizapp import schedule, storage
from quizapp.forms import ActionForm, LoginForm, RegisterForm

bp = Blueprint("auth", __name__, url_prefix="/auth")

MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)


@bp.before_app_request
def load_user() -> None:
    """Put the logged-in user's row (a dict) or None on g.user."""
    user_id = session.get("user_id")
    g.user = storage.get_user(storage.get_db(), user_id) if user_id is not None else None
    if user_id is not None and g.user is None:
        session.pop("user_id", None)


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
    """The local path to return to after logging in (never another site)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("quiz.home")


def log_in(user: dict[str, Any]) -> None:
    """Start a fresh session for user; the quizzes taken before logging in become theirs
    (their answers feed the user's study schedule)."""
    attempts = session.get("attempts", [])
    session.clear()
    session["user_id"] = user["id"]
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
    """Log in; failed attempts per username and address are limited."""
    form = LoginForm()
    if form.validate_on_submit():
        db = storage.get_db()
        key = f"{form.username.data.strip().lower()}|{request.remote_addr}"
        since = (datetime.now(UTC) - FAILURE_WINDOW).isoformat(timespec="microseconds")
        if storage.count_login_failures(db, key, since) >= MAX_FAILURES:
            minutes = int(FAILURE_WINDOW.total_seconds() // 60)
            form.username.errors.append(
                f"Too many failed logins for this account. Wait {minutes} minutes and try again."
            )
            return render_template("auth/login.html", form=form), 429
        user = storage.get_user_by_name(db, form.username.data.strip())
        if user and check_password_hash(user["password_hash"], form.password.data):
            storage.clear_login_failures(db, key)
            log_in(user)
            return redirect(safe_next(request.args.get("next")))
        storage.record_login_failure(db, key)
        form.password.errors.append("Wrong username or password.")
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    """Log out (a POST with a CSRF token, never a link)."""
    if ActionForm().validate_on_submit():
        session.clear()
        flash("You are logged out.", "success")
    return redirect(url_for("quiz.home"))
