"""Downloads: Anki decks per article and for all articles, and the LMS formats per article."""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from collections.abc import Callable

from flask import Blueprint, Response, abort, request, send_file
from werkzeug.utils import secure_filename

from quizapp import export, storage
from quizapp.export.moodle import TIMELINE_TYPES
from quizapp.views.auth import is_teacher, teacher_required
from quizapp.views.limits import throttle

bp = Blueprint("export", __name__)

# URL suffix -> export format (TEXT_FORMATS key).
URL_FORMATS = {"gift": "gift", "xml": "moodle-xml", "csv": "csv", "json": "json"}
APKG_MIMETYPE = "application/octet-stream"


def throttled() -> None:
    """Downloads per address are throttled (a teacher's are not)."""
    if not is_teacher():
        throttle("export")


def article_or_404(slug: str) -> export.ExportArticle:
    """The article with this slug ready for export, or a 404 (for a draft too, unless the
    visitor is a teacher)."""
    try:
        return export.load_article(storage.get_db(), slug, drafts=is_teacher())
    except export.UnknownArticleError:
        abort(404)


def download(data: bytes, filename: str, mimetype: str) -> Response:
    """data as an attachment with a safe file name, never cached by shared caches."""
    response = send_file(
        io.BytesIO(data),
        mimetype=mimetype,
        as_attachment=True,
        download_name=secure_filename(filename) or "quizapp-export",
    )
    response.headers["Content-Type"] = mimetype  # as given: werkzeug adds a charset to text/*
    response.headers["Cache-Control"] = "private, no-store"
    return response


def apkg_bytes(articles: list[export.ExportArticle]) -> bytes:
    """articles as an .apkg in memory."""
    out = io.BytesIO()
    export.write_apkg(articles, out)
    return out.getvalue()


# Decks by what they were built from (storage.export_versions): a class downloading the same
# deck gets one build per server process. At most CACHE_BYTES per process, oldest dropped.
CACHE_BYTES = 64 * 1024 * 1024
_decks: OrderedDict[tuple, bytes] = OrderedDict()
_decks_lock = threading.Lock()


def cached_deck(version: tuple, build: Callable[[], bytes]) -> bytes:
    """The deck of this version, built once."""
    with _decks_lock:
        if version in _decks:
            _decks.move_to_end(version)
            return _decks[version]
    data = build()
    with _decks_lock:
        _decks[version] = data
        while sum(map(len, _decks.values())) > CACHE_BYTES and len(_decks) > 1:
            _decks.popitem(last=False)
    return data


@bp.get("/articles/<slug>/deck.apkg")
def anki_deck(slug: str) -> Response:
    """The article's Anki deck."""
    drafts = is_teacher()
    version = storage.export_versions(storage.get_db(), slug, drafts=drafts) or abort(404)
    throttled()
    data = cached_deck(version, lambda: apkg_bytes([article_or_404(slug)]))
    return download(data, f"{slug}.apkg", APKG_MIMETYPE)


@bp.get("/export/quizapp.apkg")
def anki_all() -> Response:
    """One Anki package with a subdeck for every article."""
    throttled()
    db, drafts = storage.get_db(), is_teacher()
    version = ("all", storage.export_versions(db, drafts=drafts))
    data = cached_deck(version, lambda: apkg_bytes(export.load_all_articles(db, drafts=drafts)))
    return download(data, "quizapp.apkg", APKG_MIMETYPE)


@bp.get("/articles/<slug>/export.<fmt>")
@teacher_required
def article_file(slug: str, fmt: str) -> Response:
    """The article's items as GIFT, Moodle XML, CSV or JSON: answer keys, so for teachers."""
    if fmt not in URL_FORMATS:
        abort(404)
    article = article_or_404(slug)
    text_format = export.TEXT_FORMATS[URL_FORMATS[fmt]]
    options = {}
    if fmt == "xml":  # ?timeline=matching for Moodle 4.1-4.3 (no ordering question type)
        options["timeline"] = request.args.get("timeline", "ordering")
        if options["timeline"] not in TIMELINE_TYPES:
            abort(400, f"timeline is one of {', '.join(TIMELINE_TYPES)}.")
    data = text_format.render([article], **options).encode("utf-8")
    mimetype = f"{text_format.mimetype}; charset=utf-8"
    return download(data, f"{article.slug}.{text_format.extension}", mimetype)
