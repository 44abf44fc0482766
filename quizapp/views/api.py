"""Read-only JSON API: the articles and their items in the generator's contract."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, url_for
from werkzeug.exceptions import HTTPException

from quizapp import storage
from quizapp.views.auth import is_teacher

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.errorhandler(HTTPException)
def json_error(error: HTTPException):
    """Errors under /api are JSON, not the HTML error page."""
    return jsonify(error=error.name, message=error.description, status=error.code), error.code


@bp.get("/articles")
def articles():
    """Every live article a visitor may see (drafts for teachers only): title, slug, words,
    item count and the URL of its items."""
    return jsonify(
        articles=[
            {
                "title": a["title"],
                "slug": a["slug"],
                "words": a["words"],
                "items": a["item_count"],
                "items_url": url_for("api.article_items", slug=a["slug"]),
            }
            for a in storage.list_articles(storage.get_db(), drafts=is_teacher())
        ]
    )


@bp.get("/articles/<slug>/items")
def article_items(slug: str):
    """The article and its enabled items, each exactly as Item.to_dict() writes it: the
    answer key, so for logged-in teachers only."""
    if not is_teacher():
        abort(403, "The items are the answer key: log in as a teacher.")
    db = storage.get_db()
    article = storage.get_article(db, slug)
    if article is None:
        return jsonify(error="Not Found", message=f"No article {slug!r}", status=404), 404
    items = storage.items_for_article(db, article["id"])
    return jsonify(
        article={"title": article["title"], "slug": article["slug"], "words": article["words"]},
        items=[item.to_dict() for item in items],
    )
