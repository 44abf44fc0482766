"""Exports: Anki decks (the only place that imports genanki), Moodle XML, GIFT, CSV and JSON.

Every exporter reads a sequence of ExportArticle (model.py), built from the database
(load_article, load_all_articles) or from a fresh generation (article_from_generated).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from quizapp.export.anki import write_apkg
from quizapp.export.gift import render_gift
from quizapp.export.model import (
    ExportArticle,
    ExportItem,
    UnknownArticleError,
    article_from_generated,
    article_from_rows,
    load_all_articles,
    load_article,
)
from quizapp.export.moodle import render_moodle_xml
from quizapp.export.tabular import render_csv, render_json


@dataclass(frozen=True)
class TextFormat:
    """A text export: its renderer, file extension and media type."""

    name: str
    extension: str
    mimetype: str
    render: Callable[..., str]  # (articles, **options) -> text


TEXT_FORMATS: dict[str, TextFormat] = {
    f.name: f
    for f in (
        TextFormat("gift", "gift.txt", "text/plain", render_gift),
        TextFormat("moodle-xml", "xml", "application/xml", render_moodle_xml),
        TextFormat("csv", "csv", "text/csv", render_csv),
        TextFormat("json", "json", "application/json", render_json),
    )
}

__all__ = [
    "TEXT_FORMATS",
    "ExportArticle",
    "ExportItem",
    "TextFormat",
    "UnknownArticleError",
    "article_from_generated",
    "article_from_rows",
    "load_all_articles",
    "load_article",
    "render_csv",
    "render_gift",
    "render_json",
    "render_moodle_xml",
    "write_apkg",
]
