"""Articles generated once per test process, shared by the tests/test_questions_*.py modules."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import questions
from questions.lexicon import MONTH_NAMES
from questions.model import Article, Item

TESTS = Path(__file__).resolve().parent
SEED = TESTS.parent / "seeds" / "from-the-moon-to-mars.txt"
DATA = TESTS / "data"
ARTICLES = sorted(p.name for p in DATA.glob("*.txt"))
MONTH = re.compile(rf"\b(?:{'|'.join(MONTH_NAMES)})\b")


@functools.cache
def seed_text() -> str:
    """The seed article as read_article returns it (cleaned, title first)."""
    return questions.read_article(SEED.read_bytes(), filename=SEED.name)


@functools.cache
def generated(name: str) -> Article:
    """The article tests/data/<name> (or "seed") generated once per process."""
    if name == "seed":
        return questions.generate(seed_text(), all_items=True)
    path = DATA / name
    return questions.generate(
        questions.read_article(path.read_bytes(), filename=path.name), all_items=True
    )


def answer_strings(item: Item) -> list[str]:
    """Every string an item takes as an answer (pairs and lists flattened)."""
    answer = item.answer
    if isinstance(answer, str):
        return [answer]
    flat: list[str] = []
    for part in answer:
        flat.extend(part if isinstance(part, list | tuple) else [part])
    return [str(a) for a in flat]


def all_text(item: Item) -> str:
    """Everything a student sees of an item."""
    parts = [item.prompt, item.source_sentence, *answer_strings(item)]
    parts += [
        str(c)
        for choice in item.choices
        for c in (choice if isinstance(choice, list | tuple) else [choice])
    ]
    return "\n".join(parts)


def prompt_gives_answer(item: Item) -> bool:
    """True when a cloze, mcq or short-answer prompt contains its answer as whole words."""
    if item.kind not in ("cloze", "mcq", "short_answer") or not isinstance(item.answer, str):
        return False
    pattern = rf"(?<!\w){re.escape(item.answer.casefold())}(?!\w)"
    return re.search(pattern, item.prompt.casefold()) is not None
