"""What every exporter reads: articles with their items, from the database or a fresh generation."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

import sqlite_utils

from questions import Article, Item
from quizapp import storage

if TYPE_CHECKING:
    from quizapp.kinds import Kind

ITEM_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Item))


class UnknownArticleError(LookupError):
    """No live article has the requested slug."""


@dataclass(frozen=True)
class ExportItem:
    """One item as the exporters see it: the contract's fields plus when it last changed."""

    item: Item
    updated: datetime

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExportItem:
        """Build from the contract's JSON (Item.to_dict()) and `updated`."""
        values = {name: data[name] for name in ITEM_FIELDS if name in data}
        for name in ("accepted", "choices", "tags"):
            values[name] = tuple(values.get(name) or ())
        return cls(item=Item(**values), updated=parse_time(data["updated"]))

    @property
    def kind(self) -> Kind:
        """The app's entry for the item's kind (quizapp.kinds), which writes it."""
        return kind_named(self.item.kind)

    @property
    def entity(self) -> str:
        """The entity type (the first tag), or "" when the item has no tags."""
        return self.item.tags[0] if self.item.tags else ""

    @property
    def options(self) -> tuple[Any, ...]:
        """An mcq's choices, plus its answer if an edit left the answer out of them."""
        choices = self.item.choices
        return choices if self.item.answer in choices else (*choices, self.item.answer)

    @cached_property
    def mod_time(self) -> int:
        """Seconds since the epoch of the last change (Anki's note modification time)."""
        return int(self.updated.timestamp())

    def contract(self) -> dict[str, Any]:
        """The item in the generator's JSON contract."""
        return self.item.to_dict()


@dataclass(frozen=True)
class ExportArticle:
    """An article's title and slug with the items to export, in rank order."""

    title: str
    slug: str
    items: tuple[ExportItem, ...]
    words: int = 0

    def contract(self) -> dict[str, Any]:
        """The article in the generator's JSON contract (`quizapp generate --json`)."""
        return {
            "article": {"title": self.title, "slug": self.slug, "words": self.words},
            "items": [item.contract() for item in self.items],
        }


@functools.cache
def kind_named(name: str) -> Kind:
    """quizapp.kinds.kind_named, imported on first use: the registry imports the exporters'
    helpers. Cached, as an import statement per item cost an export of 10,000 items 5-10 ms."""
    from quizapp import kinds

    return kinds.kind_named(name)


def parse_time(value: str | datetime) -> datetime:
    """An aware datetime from an ISO 8601 string; naive times are taken as UTC."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def article_from_rows(
    article: Mapping[str, Any], items: Sequence[storage.StoredItem]
) -> ExportArticle:
    """An ExportArticle from an article row and its items as storage returns them."""
    return ExportArticle(
        title=article["title"],
        slug=article["slug"],
        items=tuple(
            ExportItem(item=item.contract(), updated=parse_time(item.updated)) for item in items
        ),
        words=article.get("words") or 0,
    )


def article_from_generated(article: Article, updated: datetime) -> ExportArticle:
    """An ExportArticle from a fresh generation; every item gets the same `updated` time."""
    moment = parse_time(updated)
    return ExportArticle(
        title=article.title,
        slug=article.slug,
        items=tuple(ExportItem(item=item, updated=moment) for item in article.items),
        words=article.words,
    )


def load_article(db: sqlite_utils.Database, slug: str, *, drafts: bool = True) -> ExportArticle:
    """The live article with this slug and its enabled items; UnknownArticleError if none
    (or, with drafts=False, if it is a draft)."""
    article = storage.get_article(db, slug)
    if article is None or (not drafts and article["published"] is None):
        raise UnknownArticleError(slug)
    return article_from_rows(article, storage.items_for_article(db, article["id"]))


def load_all_articles(db: sqlite_utils.Database, *, drafts: bool = True) -> list[ExportArticle]:
    """Every live article (drafts too unless drafts=False) with its enabled items, oldest
    first (a stable deck order)."""
    rows = reversed(storage.list_articles(db, drafts=drafts))
    return [load_article(db, row["slug"]) for row in rows]
