"""Students: the home page and quizzes."""

from flask import Blueprint, render_template

from quizapp import storage

bp = Blueprint("quiz", __name__)


@bp.get("/")
def home():
    """The articles with their item counts."""
    return render_template("quiz/home.html", articles=storage.list_articles(storage.get_db()))
