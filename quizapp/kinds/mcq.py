"""Multiple choice: pick the answer among the choices (the answer and its distractors)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from quizapp.export import anki, gift, moodle
from quizapp.kinds.base import (
    Checked,
    Edit,
    Kind,
    anki_footer,
    check_choice,
    grade_choice,
    read_choice,
)


def check_edit(edit: Edit) -> Checked:
    """At least two different choices, the answer among them."""
    if len(edit.choices) < 2 or len(set(edit.choices)) != len(edit.choices):
        choices = "Give at least two different choices, one per line."
        return Checked(edit.answer, edit.accepted, {"choices": choices})
    return check_choice(edit)


def anki_fields(item: Any, article: str) -> list[str]:
    """Question, Choices, Answer, Marked (the choices with the answer marked), footer."""
    prompt, answer, *options = anki.fields([item.item.prompt, item.item.answer, *item.options])
    return [
        prompt,
        anki.escaped_list(options, "ol"),
        answer,
        anki.escaped_list(options, "ol", marked=answer),
        *anki_footer(item),
        article,
    ]


def gift_answers(item: Any) -> list[str]:
    """=answer ~distractor ... (an edit that left the answer out still has it: options)."""
    return [
        ("=" if choice == item.item.answer else "~") + gift.html(choice) for choice in item.options
    ]


def moodle_question(item: Any, timeline: str) -> tuple[str, Callable[[ET.Element], None]]:
    """multichoice, one right answer, shuffled."""

    def write(question: ET.Element) -> None:
        for tag, value in (("single", "true"), ("shuffleanswers", "true")):
            moodle.add_value(question, tag, value)
        moodle.add_value(question, "answernumbering", "abc")
        moodle.add_combined_feedback(question)
        for choice in item.options:
            fraction = 100 if choice == item.item.answer else 0
            moodle.add_answer(question, fraction, gift.html_text(choice), "html")

    return "multichoice", write


KIND = Kind(
    name="mcq",
    label="Multiple choice",
    partial="kinds/_mcq.html",
    read=read_choice,
    grade=grade_choice,
    check_edit=check_edit,
    anki_model=anki.MCQ_MODEL,
    anki_fields=anki_fields,
    gift_answers=gift_answers,
    moodle=moodle_question,
    picks_choice=True,
)
