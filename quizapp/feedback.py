"""What feedback shows about an item, once: the same on the feedback page, the result page,
flashcards and Anki card backs.

An explanation is shown only where it adds something to the source sentence shown next to
it, and accepted answers only where the grader would not forgive them anyway.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from questions.answers.normal_form import strip_accents
from quizapp import grading

WORD = re.compile(r"\w+")

# An explanation whose words are nearly all the source sentence's says nothing new.
SAME_WORDS_SHARE = 0.8


def explanation_to_show(explanation: str | None, source_sentence: str | None) -> str:
    """The explanation, or "" when it only repeats the source sentence."""
    explanation = (explanation or "").strip()
    source_sentence = (source_sentence or "").strip()
    if not explanation or explanation == source_sentence:
        return ""  # the generator's default explanation is the sentence itself
    words = words_of(explanation)
    source = set(words_of(source_sentence))
    if not words or not source:
        return explanation
    shared = len([word for word in words if word in source]) / len(words)
    return "" if shared >= SAME_WORDS_SHARE else explanation


@functools.lru_cache(maxsize=4096)
def words_of(text: str) -> tuple[str, ...]:
    """The text's words, case and accents aside: what "the same words" compares (an
    export asks it for the same source sentence once per item made of it)."""
    plain = text.casefold()
    return tuple(WORD.findall(plain if plain.isascii() else strip_accents(plain)))


def alternatives_to_show(answer: object, accepted: Iterable[str] | None) -> list[str]:
    """The accepted answers worth telling a student: not the answer itself, nor anything the
    grader already takes for it ("in 2014" for "2014", other cases, small typos)."""
    if not isinstance(answer, str):
        return []
    shown: list[str] = []
    for alternative in accepted or ():
        if alternative == answer or alternative in shown:
            continue  # the answer itself, as the generator lists it first
        if grading.match_text(alternative, [answer, *shown]).correct:
            continue
        shown.append(alternative)
    return shown
