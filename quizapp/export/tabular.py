"""CSV (one row per item, for spreadsheets) and JSON (the generator contract)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from quizapp.export.model import ExportArticle, ExportItem

CSV_COLUMNS: tuple[str, ...] = (
    "article_slug",
    "article_title",
    "id",
    "kind",
    "prompt",
    "answer",
    "accepted",
    "choices",
    "source_sentence",
    "sentence_index",
    "explanation",
    "tags",
    "difficulty",
    "score",
    "selected",
    "updated",
)
LIST_COLUMNS = ("accepted", "choices", "tags")
TEXT_COLUMNS = ("article_title", "prompt", "answer", "source_sentence", "explanation")
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(article: ExportArticle, item: ExportItem) -> dict[str, Any]:
    """One CSV row: lists JSON-encoded; a list answer (timeline, matching) JSON-encoded too."""
    row: dict[str, Any] = dict(item.contract(), article_slug=article.slug)
    row["article_title"] = article.title
    row["updated"] = item.updated.isoformat()
    for column in LIST_COLUMNS:
        row[column] = json.dumps(row[column], ensure_ascii=False)
    if not isinstance(row["answer"], str):
        row["answer"] = json.dumps(row["answer"], ensure_ascii=False)
    for column in TEXT_COLUMNS:
        row[column] = defuse(row[column])
    return row


def render_csv(articles: Sequence[ExportArticle]) -> str:
    """Every item of the articles as a CSV row with a header line (RFC 4180, CRLF)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for article in articles:
        writer.writerows(csv_row(article, item) for item in article.items)
    return out.getvalue()


def render_json(articles: Sequence[ExportArticle]) -> str:
    """One article: the generator's contract object; several: a list of them."""
    data: Any = [article.contract() for article in articles]
    if len(data) == 1:
        data = data[0]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
