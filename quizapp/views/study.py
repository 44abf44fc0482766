"""Study mode: an article's items as flashcards, scheduled with FSRS per student.

Without JavaScript every step is a form: "Show answer" posts and gets the back of the card, a
rating posts and redirects to the next card. static/study.js adds Anki's keys (space flips,
1-4 rate) on top of the same form.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import HiddenField, IntegerField
from wtforms.validators import InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from quizapp import schedule, storage
from quizapp.views.auth import hidden_from_visitor, login_required

bp = Blueprint("study", __name__)


class StudyForm(FlaskForm):
    """The card on screen (item and its review count) and, when rating, the rating button."""

    item_id = HiddenField(validators=[InputRequired(), Length(max=64)])
    reps = IntegerField(widget=HiddenInput(), validators=[InputRequired(), NumberRange(min=0)])
    rating = IntegerField(validators=[Optional(), NumberRange(min=1, max=4)])


@bp.route("/articles/<slug>/study", methods=["GET", "POST"])
@login_required
def study(slug: str):
    """Show the student's next card; a POST flips it or rates it."""
    db = storage.get_db()
    article = storage.get_article(db, slug) or abort(404)
    if hidden_from_visitor(article):
        abort(404)
    form = StudyForm()
    flipped = False
    if request.method == "POST":
        if not form.validate_on_submit():
            flash("That card could not be read; here is your current card.", "error")
            return redirect(url_for("study.study", slug=slug))
        if form.rating.data is not None:
            rate(db, article, form)
            return redirect(url_for("study.study", slug=slug))
        flipped = True
    now = schedule.utcnow()
    queue = schedule.next_card(db, g.user["id"], article["id"], now=now)
    if queue.item is None:
        return render_template("study/done.html", article=article, queue=queue)
    form.item_id.data, form.reps.data = queue.item.id, queue.reps
    return render_template(
        "study/card.html",
        article=article,
        queue=queue,
        item=queue.item,
        form=form,
        flipped=flipped and request.form.get("item_id") == queue.item.id,
        source=highlight(queue.item.source_sentence, queue.item.answer),
        intervals=schedule.preview(queue.card, now),
        ratings=schedule.RATINGS,
    )


def rate(db: Any, article: dict[str, Any], form: StudyForm) -> None:
    """Store a rating for the card in the form, once; say so when it was already counted."""
    item = storage.get_items(db, [form.item_id.data]).get(form.item_id.data)
    if item is None or item.article_id != article["id"]:
        flash("That card is not part of this article.", "error")
        return
    counted = schedule.review_item(
        db, g.user["id"], item.id, form.rating.data, expected_reps=form.reps.data
    )
    if not counted:
        flash("That card was already rated; here is the next one.", "info")


def highlight(sentence: str, answer: Any) -> Markup:
    """The source sentence, escaped, with a text answer marked where it occurs."""
    if not isinstance(answer, str) or not answer or answer not in (sentence or ""):
        return escape(sentence or "")
    before, _, after = sentence.partition(answer)
    return escape(before) + Markup("<mark>{}</mark>").format(answer) + escape(after)
