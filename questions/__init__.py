"""Question generators: article text in, quiz items out. Plain Python; no Flask, no SQLite.

`generate` loads spaCy; it is imported on first use (PEP 562), so a process that only reads
the contract's types (the web app's views and storage) never imports the language pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from questions.model import (
    KINDS,
    MAX_TEXT_CHARS,
    Article,
    ArticleError,
    Item,
    make_item_id,
    slugify,
)
from questions.source import read_article

if TYPE_CHECKING:
    from questions.pipeline import generate

__all__ = [
    "KINDS",
    "MAX_TEXT_CHARS",
    "Article",
    "ArticleError",
    "Item",
    "generate",
    "make_item_id",
    "read_article",
    "slugify",
]


def __getattr__(name: str) -> Any:
    if name == "generate":
        from questions.pipeline import generate

        return generate
    raise AttributeError(f"module 'questions' has no attribute {name!r}")
