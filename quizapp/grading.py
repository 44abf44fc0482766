"""Grading answers the way students expect: forgiving about form, strict about facts.

Text answers are compared after `normalize` (questions/answers.py, the one home of what counts
as the same typed answer, shared with the generator's accepted forms): case, accents,
punctuation, articles, leading prepositions, number words, date spellings. Small typos in
words pass (rapidfuzz); digits must match exactly, since a typo in a year is a wrong fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from rapidfuzz.distance import OSA

from questions.answers import normalize


@dataclass(frozen=True)
class Grade:
    """The verdict on one response: right or not, the share right (0..1) and a note."""

    correct: bool
    credit: float
    note: str = ""


def _typo_budget(length: int) -> int:
    # Short words get none: "Joan" for "John" is another person, not a typo.
    return 0 if length < 5 else 1 if length < 10 else 2


def _typos(given: str, wanted: str) -> int | None:
    """How many typos turn `given` into `wanted`, or None when more than it allows. With as
    many words on both sides each word has its own allowance, so a short word inside a long
    name stays exact ("Mill Street" is another street than "Hill Street")."""
    given_words, wanted_words = given.split(), wanted.split()
    if len(given_words) != len(wanted_words):
        distance = OSA.distance(given, wanted)  # a swap of two letters is one typo
        return distance if distance <= _typo_budget(len(wanted)) else None
    total = 0
    for typed, word in zip(given_words, wanted_words, strict=True):
        distance = OSA.distance(typed, word)
        if distance > _typo_budget(len(word)):
            return None
        total += distance
    return total


def match_text(response: str, expected: Iterable[str]) -> Grade:
    """Grade a typed answer against the answer and its accepted alternatives."""
    given = normalize(response)
    best_typos: int | None = None
    for candidate in expected:
        wanted = normalize(candidate)
        if not wanted:  # an answer of only punctuation or articles: compare as typed
            if response.strip() and response.strip().casefold() == candidate.strip().casefold():
                return Grade(True, 1.0)
            continue
        if given == wanted:
            return Grade(True, 1.0)
        # Digits are facts: "1968" for "1969" is wrong, not a typo.
        if re.findall(r"\d+", given) != re.findall(r"\d+", wanted):
            continue
        distance = _typos(given, wanted)
        if distance is not None and (best_typos is None or distance < best_typos):
            best_typos = distance
    if best_typos is not None:
        return Grade(True, 1.0, "Accepted, but check the spelling.")
    return Grade(False, 0.0)


def grade(item: Any, response: str | Sequence[str]) -> Grade:
    """Grade a response to an item (questions.Item, a stored item or the contract's dict) by
    its kind's rule in the app's registry (quizapp.kinds)."""
    # The registry's graders call match_text from here, so it is imported on first use.
    from quizapp.kinds import kind_named

    if isinstance(item, Mapping):
        item = SimpleNamespace(**{"accepted": (), "choices": (), **item})
    return kind_named(item.kind).grade(item, response)
