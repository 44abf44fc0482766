"""Question generators: article text in, quiz items out. Plain Python; no Flask, no SQLite."""

from questions.model import KINDS, Article, ArticleError, Item, make_item_id, slugify
from questions.pipeline import generate
from questions.source import read_article

__all__ = [
    "KINDS",
    "Article",
    "ArticleError",
    "Item",
    "generate",
    "make_item_id",
    "read_article",
    "slugify",
]
