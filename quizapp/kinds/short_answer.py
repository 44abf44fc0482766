"""Short answer: a question whose answer the student types."""

from __future__ import annotations

from typing import Any

from quizapp import feedback
from quizapp.export import anki
from quizapp.kinds.base import (
    Kind,
    anki_footer,
    check_typed,
    gift_typed,
    grade_typed,
    moodle_typed,
    read_typed,
)


def anki_fields(item: Any, article: str) -> list[str]:
    """Question, Answer (Anki's type-in), the other accepted answers worth showing, footer."""
    it = item.item
    others = feedback.alternatives_to_show(it.answer, it.accepted)
    return [
        *anki.fields([it.prompt, it.answer, ", ".join(others)]),
        *anki_footer(item),
        article,
    ]


KIND = Kind(
    name="short_answer",
    label="Short answer",
    partial="kinds/_short_answer.html",
    read=read_typed,
    grade=grade_typed,
    check_edit=check_typed,
    anki_model=anki.TYPE_ANSWER_MODEL,
    anki_fields=anki_fields,
    gift_answers=gift_typed,
    moodle=moodle_typed,
    typed=True,
)
