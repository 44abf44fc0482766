"""The generator's contract: the items every other part of quizapp reads."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

KINDS: tuple[str, ...] = ("cloze", "mcq", "true_false", "short_answer", "timeline", "matching")
# Kinds whose item asks several facts at once (no one sentence and answer).
AGGREGATE_KINDS: tuple[str, ...] = ("timeline", "matching")
# Kinds whose prompt is one sentence of the article, blanked or as written.
SENTENCE_KINDS: tuple[str, ...] = ("cloze", "mcq", "true_false")

Answer = str | list[str] | list[list[str]]
BLANK = "_____"  # the gap of a cloze item
MAX_TEXT_CHARS = 600_000  # the longest article generate() takes, in characters


class ArticleError(ValueError):
    """The article cannot be read or holds nothing to ask about; the message says why."""


@dataclass(frozen=True)
class Item:
    """One quiz item, in the shape of the JSON contract (`quizapp generate --json`)."""

    id: str
    kind: str
    prompt: str
    answer: Answer
    accepted: tuple[str, ...] = ()
    choices: tuple[Any, ...] = ()
    source_sentence: str = ""
    sentence_index: int = 0
    explanation: str = ""
    tags: tuple[str, ...] = ()
    difficulty: float = 0.5
    score: float = 0.0
    selected: bool = True  # in the curated default set (the rest: `generate --all`)

    def to_dict(self) -> dict[str, Any]:
        """Return the item as plain JSON-ready data (lists, not tuples)."""
        data = asdict(self)
        data["accepted"] = list(self.accepted)
        data["choices"] = [list(c) if isinstance(c, tuple) else c for c in self.choices]
        data["tags"] = list(self.tags)
        return data


@dataclass(frozen=True)
class Rejection:
    """A candidate item a rule turned down: the rule's id (its function's name), why, and
    what the item would have asked."""

    rule: str
    reason: str
    kind: str
    prompt: str
    answer: Answer


@dataclass(frozen=True)
class Article:
    """A cleaned article: title, body paragraphs and the items made from it."""

    title: str
    slug: str
    paragraphs: tuple[str, ...]
    items: tuple[Item, ...] = field(default=())
    rejected: tuple[Rejection, ...] = field(default=())  # with generate(explain=True)

    @property
    def text(self) -> str:
        """The cleaned body, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def words(self) -> int:
        """Number of words in the cleaned body."""
        return sum(len(p.split()) for p in self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's top-level object."""
        return {
            "article": {"title": self.title, "slug": self.slug, "words": self.words},
            "items": [item.to_dict() for item in self.items],
        }


def slugify(text: str, max_length: int = 80) -> str:
    """Make a URL-safe ASCII slug ("From the Moon to Mars" -> "from-the-moon-to-mars")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "article"


def make_item_id(article_slug: str, kind: str, sentence: str, answer: Answer) -> str:
    """Stable id: a hash of article, kind, source sentence and answer."""
    payload = json.dumps([article_slug, kind, sentence, answer], ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]
