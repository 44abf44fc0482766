"""Students: the home page and quizzes, one question per page, graded on the server.

Works without JavaScript: each answer is a POST that redirects to its feedback page. The attempt
fixes its questions at the start; an anonymous attempt's id lives in the session.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from itsdangerous import BadSignature, Signer
from markupsafe import Markup, escape
from wtforms import SelectChoice

from questions.model import BLANK
from quizapp import feedback as shown
from quizapp import grading, kinds, schedule, selection, storage
from quizapp.forms import ActionForm, QuizSetupForm
from quizapp.views.auth import hidden_from_visitor, is_teacher
from quizapp.views.paging import current_page

bp = Blueprint("quiz", __name__)

MAX_SESSION_ATTEMPTS = 20
MAX_SECONDS = 3600.0
ARTICLES_PER_PAGE = 30  # home page; each article card has three links


@bp.get("/")
def home():
    """The articles with their item counts, newest first, a page at a time; for a student
    also their last quiz score and cards due per article."""
    db = storage.get_db()
    drafts = is_teacher()
    page = current_page(storage.count_articles(db, drafts=drafts), ARTICLES_PER_PAGE)
    articles = storage.articles_page(db, page.start, page.per_page, drafts=drafts)
    mine = {}
    if g.user:
        # Due today, as on the progress page.
        due_before = schedule.stamp(schedule.day_start(schedule.utcnow()) + timedelta(days=1))
        ids = [article["id"] for article in articles]
        mine = storage.home_summary(db, g.user["id"], ids, due_before)
    return render_template("quiz/home.html", articles=articles, page=page, mine=mine)


@bp.route("/articles/<slug>/quiz", methods=["GET", "POST"])
def start(slug: str):
    """Choose the length and kinds of a quiz, then start it."""
    db = storage.get_db()
    article = storage.get_article_summary(db, slug) or abort(404)  # not the text: the title
    if hidden_from_visitor(article):
        abort(404)
    counts = storage.kind_counts(db, article["id"])
    form = QuizSetupForm()
    form.kinds.choices = [
        SelectChoice(name, f"{label} ({counts[name]})")
        for name, label in kinds.LABELS.items()
        if name in counts
    ]
    if request.method == "GET":
        form.kinds.data = list(counts)
    if form.validate_on_submit():
        limit = None if form.length.data == "all" else int(form.length.data)
        item_ids = choose_quiz(article["id"], form.kinds.data, limit)
        return begin_attempt(article["id"], item_ids, form.kinds.data)
    resume = storage.unfinished_attempt(
        db, article["id"], g.user["id"] if g.user else None, session.get("attempts", [])
    )
    return render_template(
        "quiz/start.html", article=article, form=form, counts=counts, resume=resume
    )


def choose_quiz(article_id: int, kinds: list[str], limit: int | None) -> list[str]:
    """A new quiz's item ids: fresh facts first, kinds mixed in proportion (selection.py).

    QUIZ_SEED in the config makes the choice reproducible (tests); otherwise it is random.
    """
    db = storage.get_db()
    user_id = g.user["id"] if g.user else None
    seen = storage.asked_item_ids(db, article_id, user_id, session.get("attempts", []))
    right = storage.right_item_ids(db, article_id, user_id) if user_id is not None else set()
    seed = current_app.config.get("QUIZ_SEED")
    rng = random.Random(f"{seed}:{article_id}:{len(seen)}") if seed is not None else random.Random()
    candidates = storage.quiz_candidates(db, article_id, kinds)
    return selection.choose_items(candidates, limit, rng, right=right, seen=seen)


def begin_attempt(article_id: int, item_ids: list[str], kinds: list[str]):
    """Create the attempt, remember it in the session, go to its first question."""
    user_id = g.user["id"] if g.user else None
    attempt_id = storage.create_attempt(storage.get_db(), article_id, user_id, item_ids, kinds)
    session["attempts"] = [*session.get("attempts", []), attempt_id][-MAX_SESSION_ATTEMPTS:]
    return redirect(url_for("quiz.question", attempt_id=attempt_id, number=1))


def may_see(attempt: dict[str, Any]) -> bool:
    """Whether this visitor may see the attempt: its logged-in owner, or the session that
    started an anonymous one."""
    if attempt["user_id"] is not None:
        return g.user is not None and g.user["id"] == attempt["user_id"]
    return attempt["id"] in session.get("attempts", [])


def load_attempt(attempt_id: str) -> dict[str, Any]:
    """The attempt if this visitor may see it; 404 for missing ones and other people's."""
    attempt = storage.get_attempt(storage.get_db(), attempt_id) or abort(404)
    return attempt if may_see(attempt) else abort(404)


def load_question(attempt_id: str, number: int) -> tuple[dict, dict, dict, bool]:
    """The attempt, its article (id, slug, title), its number-th item (1-based) and whether
    it is answered; 404 for a missing one and other people's."""
    found = storage.get_quiz_question(storage.get_db(), attempt_id, number) or abort(404)
    return found if may_see(found[0]) else abort(404)


_timers: dict[Any, Signer] = {}


def timer() -> Signer:
    """Signs the time a question was shown, so the seconds taken cannot be forged."""
    key = current_app.secret_key
    if key not in _timers:  # made once per key: building one costs as much as signing
        _timers[key] = Signer(key, salt="quiz-question-shown")
    return _timers[key]


def sign_shown(attempt_id: str, item_id: str) -> str:
    """The signed time this attempt's question for item_id is shown.

    Plain text, not a serializer's JSON: URLSafeSerializer also tried zlib on every dump and
    cost a third more than the HMAC itself (measured 16 us against 5 us a page).
    """
    return timer().sign(f"{attempt_id}:{item_id}:{time.time():.3f}").decode()


def seconds_taken(signed: str, attempt_id: str, item_id: str) -> float | None:
    """Seconds since sign_shown signed this question, or None if forged or for another one."""
    try:
        shown_for, _, at = timer().unsign(signed).decode().rpartition(":")
        seconds = time.time() - float(at)
    except (BadSignature, ValueError):
        return None
    if shown_for != f"{attempt_id}:{item_id}":
        return None
    return round(min(max(seconds, 0.0), MAX_SECONDS), 1)


@bp.route("/quiz/<attempt_id>/<int:number>", methods=["GET", "POST"])
def question(attempt_id: str, number: int):
    """Show one question; on POST grade the answer, store it once, show the feedback."""
    attempt, article, item, answered = load_question(attempt_id, number)
    if request.method == "POST":
        if request.form.get("item_id") not in attempt["item_ids"]:
            abort(400, "This question is not part of this quiz.")
        if request.form["item_id"] != item.id:
            abort(400, "The answer was sent for another question of this quiz.")
        response, error = read_response(item, request.form)
        if error is None:
            store_answer(attempt, item, response)
            return redirect(url_for("quiz.feedback", attempt_id=attempt_id, number=number))
    elif answered:
        return redirect(url_for("quiz.feedback", attempt_id=attempt_id, number=number))
    else:
        response, error = None, None
    shown = sign_shown(attempt_id, item.id)
    return render_template(
        "quiz/question.html", attempt=attempt, article=article, item=item, number=number,
        total=len(attempt["item_ids"]), shown=shown, given=response, error=error,
    )  # fmt: skip


def read_response(item: storage.StoredItem, form) -> tuple[str | list[str], str | None]:
    """The response in the grader's shape (its kind reads it), and a message when it is
    incomplete."""
    kind = kinds.KINDS.get(item.kind) or abort(400, "Unknown kind of question.")
    if "skip" in form:
        return kind.empty, None
    return kind.read(item, form)


def store_answer(attempt: dict, item: storage.StoredItem, response: str | list[str]) -> None:
    """Grade and store the answer; a repeated post keeps the first one."""
    db = storage.get_db()
    correct = bool(response) and grading.grade(item, response).correct
    seconds = seconds_taken(request.form.get("shown", ""), attempt["id"], item.id)
    user_id = attempt["user_id"]
    if user_id is None:  # no card to move with it: the INSERT's own transaction is enough
        storage.save_answer(db, attempt["id"], None, item.id, response, correct, seconds)
        return
    with db.atomic():  # the answer and its card move together, or neither does
        if storage.save_answer(db, attempt["id"], user_id, item.id, response, correct, seconds):
            schedule.record_quiz_answer(db, user_id, item.id, correct)


@bp.get("/quiz/<attempt_id>/<int:number>/feedback")
def feedback(attempt_id: str, number: int):
    """Right or wrong, the correct answer and the source sentence in its paragraph."""
    attempt, _, item, answered = load_question(attempt_id, number)
    db = storage.get_db()
    answer = storage.answers_for_attempt(db, attempt_id).get(item.id) if answered else None
    if answer is None:
        return redirect(url_for("quiz.question", attempt_id=attempt_id, number=number))
    article = storage.get_article_by_id(db, attempt["article_id"]) or abort(404)
    response = storage.decode_response(answer["response"], kinds.KINDS[item.kind].answer_is_list)
    result = grading.grade(item, response) if response else grading.Grade(False, 0.0)
    return render_template(
        "quiz/feedback.html", attempt=attempt, article=article, item=item, number=number,
        total=len(attempt["item_ids"]), answer=answer, response=response, result=result,
        context=source_in_paragraph(article["text"], item),
    )  # fmt: skip


@bp.get("/quiz/<attempt_id>/result")
def result(attempt_id: str):
    """The score, the time taken and each mistake with its explanation."""
    attempt = load_attempt(attempt_id)
    db = storage.get_db()
    answers = storage.answers_for_attempt(db, attempt_id)
    items = storage.get_items(db, attempt["item_ids"])
    if len(answers) == len(attempt["item_ids"]):
        storage.finish_attempt(db, attempt_id)
    missed = [
        (items[i], answers.get(i))
        for i in attempt["item_ids"]
        if i in items and not (answers.get(i) or {}).get("correct")
    ]
    return render_template(
        "quiz/result.html", attempt=attempt, answers=answers, missed=missed, form=ActionForm(),
        article=storage.get_article_by_id(db, attempt["article_id"]) or abort(404),
        right=sum(a["correct"] for a in answers.values()), total=len(attempt["item_ids"]),
        seconds=sum(a["seconds"] or 0 for a in answers.values()),
        decode=decode_response,
    )  # fmt: skip


@bp.post("/quiz/<attempt_id>/retake")
def retake(attempt_id: str):
    """Start a new attempt with the questions missed (or skipped) in this one."""
    attempt = load_attempt(attempt_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    answers = storage.answers_for_attempt(storage.get_db(), attempt_id)
    missed = [i for i in attempt["item_ids"] if not (answers.get(i) or {}).get("correct")]
    if not missed:
        return redirect(url_for("quiz.result", attempt_id=attempt_id))
    return begin_attempt(attempt["article_id"], missed, attempt["kinds"])


def decode_response(item: storage.StoredItem, response: str | None) -> str | list[Any]:
    """A stored response to the item as the grader saw it."""
    return storage.decode_response(response, kinds.kind_named(item.kind).answer_is_list)


def source_in_paragraph(text: str, item: storage.StoredItem) -> Markup:
    """The paragraph holding the item's source sentence, the sentence marked, the answer bold."""
    sentence = item.source_sentence or ""
    if not sentence:
        return Markup("")
    paragraph = next((p for p in text.split("\n\n") if sentence in p), sentence)
    before, _, after = paragraph.partition(sentence)
    return escape(before) + Markup("<mark>%s</mark>") % sentence_with_answer(item) + escape(after)


@bp.app_template_filter("sentence_with_answer")
def sentence_with_answer(item: storage.StoredItem) -> Markup:
    """The item's source sentence with its (text) answer in bold where the sentence has it."""
    sentence = item.source_sentence or ""
    answer = item.answer if isinstance(item.answer, str) else ""
    at = sentence.lower().find(answer.lower()) if answer else -1
    if at < 0:
        return escape(sentence)
    return (
        escape(sentence[:at])
        + Markup("<strong>%s</strong>") % sentence[at : at + len(answer)]
        + escape(sentence[at + len(answer) :])
    )


@bp.app_template_filter("show_answer")
def show_answer(value: Any, kind: str) -> str:
    """An answer or response as one readable line, as its kind writes it."""
    return kinds.kind_named(kind).show(value)


@bp.app_template_filter("explanation")
def explanation(item: storage.StoredItem) -> str:
    """The item's explanation where it adds something to its source sentence, else ""."""
    return shown.explanation_to_show(item.explanation, item.source_sentence)


@bp.app_template_filter("alternatives")
def alternatives(item: storage.StoredItem) -> list[str]:
    """The typed item's accepted answers a student would not have guessed are accepted."""
    if not kinds.kind_named(item.kind).typed:
        return []
    return shown.alternatives_to_show(item.answer, item.accepted)


@bp.app_template_filter("blanks")
def blanks(prompt: str) -> Markup:
    """The prompt with its blank drawn one way everywhere (a line read out as "blank")."""
    line = Markup('<span class="blank"><span class="visually-hidden">blank</span></span>')
    return line.join(escape(part) for part in str(prompt).split(BLANK))


@bp.app_template_global("kind_of")
def kind_of(item: Any) -> kinds.Kind:
    """The app's entry for an item's kind (its label, its partial template)."""
    return kinds.kind_named(item.kind)


@bp.app_template_global("kind_parts")
def kind_parts(item: Any) -> Any:
    """The macros of the item's kind's partial (templates/kinds/): the template's module, as
    `{% import %}` gives it, made once. (The import tag also compares the two templates'
    globals on every render: 16 us of the question template's 128.)"""
    return current_app.jinja_env.get_template(kind_of(item).partial).module
