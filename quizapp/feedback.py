"""What feedback shows about an item, once: the same on the feedback page, the result page,
flashcards and Anki card backs.

An explanation is shown only where it adds something to the source sentence shown next to
it, and accepted answers only where the grader would not forgive them anyway.
"""

from __future__ import annotations

from collections.abc import Iterable

from quizapp import grading

# An explanation whose words are nearly all the source sentence's says nothing new.
SAME_WORDS_SHARE = 0.8


def explanation_to_show(explanation: str | None, source_sentence: str | None) -> str:
    """The explanation, or "" when it only repeats the source sentence."""
    explanation = (explanation or "").strip()
    if not explanation:
        return ""
    words = grading.normalize(explanation).split()
    source = set(grading.normalize(source_sentence or "").split())
    if not words or not source:
        return explanation
    shared = sum(word in source for word in words) / len(words)
    return "" if shared >= SAME_WORDS_SHARE else explanation


def alternatives_to_show(answer: object, accepted: Iterable[str] | None) -> list[str]:
    """The accepted answers worth telling a student: not the answer itself, nor anything the
    grader already takes for it ("in 2014" for "2014", other cases, small typos)."""
    if not isinstance(answer, str):
        return []
    shown: list[str] = []
    for alternative in accepted or ():
        if grading.match_text(alternative, [answer, *shown]).correct:
            continue
        shown.append(alternative)
    return shown
