"""True or false: a statement from the article, as it stands or with one fact swapped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from quizapp.export import anki, moodle
from quizapp.kinds.base import Kind, anki_footer, check_choice, grade_choice, read_choice


def anki_fields(item: Any, article: str) -> list[str]:
    """Front (the statement, "True or false?"), Back (the answer), footer."""
    prompt, answer = anki.fields([item.item.prompt, item.item.answer])
    return [f'{prompt}<p class="hint">True or false?</p>', answer, *anki_footer(item), article]


def is_true(item: Any) -> bool:
    """Whether the statement is true."""
    return str(item.item.answer).lower() == "true"


def gift_answers(item: Any) -> list[str]:
    """TRUE or FALSE."""
    return ["TRUE" if is_true(item) else "FALSE"]


def moodle_question(item: Any, timeline: str) -> tuple[str, Callable[[ET.Element], None]]:
    """truefalse."""

    def write(question: ET.Element) -> None:
        right = is_true(item)
        moodle.add_answer(question, 100 if right else 0, "true", "moodle_auto_format")
        moodle.add_answer(question, 0 if right else 100, "false", "moodle_auto_format")

    return "truefalse", write


KIND = Kind(
    name="true_false",
    label="True or false",
    partial="kinds/_true_false.html",
    read=read_choice,
    grade=grade_choice,
    check_edit=check_choice,
    anki_model=anki.BASIC_MODEL,
    anki_fields=anki_fields,
    gift_answers=gift_answers,
    moodle=moodle_question,
    picks_choice=True,
)
