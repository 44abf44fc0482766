"""Timeline: put the article's dated events in order (partial credit per place)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from typing import Any

from quizapp.export import anki, gift, moodle
from quizapp.grading import Grade
from quizapp.kinds.base import (
    Checked,
    Edit,
    ItemLike,
    Kind,
    Response,
    anki_footer,
    grade_places,
    moodle_pairs,
)


def read(item: ItemLike, form: Mapping[str, str]) -> tuple[Response, str | None]:
    """The events in the order of the positions chosen for them (pos-0, pos-1 ...)."""
    events = item.choices
    positions = [form.get(f"pos-{i}", "") for i in range(len(events))]
    wanted = [str(n) for n in range(1, len(events) + 1)]
    if sorted(positions) != sorted(wanted):
        return positions, "Give each event a different position."
    return [events[positions.index(n)] for n in wanted], None


def grade(item: ItemLike, response: Response) -> Grade:
    """The share of events in their place."""
    return grade_places(list(item.answer), response)


def check_edit(edit: Edit) -> Checked:
    """Two or more different events, one a line; the choices list the same events."""
    answer = edit.answer_lines
    if len(answer) < 2 or len(set(answer)) != len(answer):
        errors = {"answer": "A timeline needs at least two different events."}
    elif sorted(edit.choices) != sorted(answer):
        errors = {"choices": "List the same events as the answer, in any order."}
    else:
        errors = {}
    return Checked(answer, edit.accepted, errors)


def anki_fields(item: Any, article: str) -> list[str]:
    """Front (the prompt and the events shuffled), Back (in order), footer."""
    it = item.item
    front = f"{anki.field(it.prompt)}{anki.html_list(it.choices)}"
    return [front, anki.html_list(it.answer, "ol"), *anki_footer(item), article]


def gift_answers(item: Any) -> list[str]:
    """GIFT has no ordering question: each event matched with its position."""
    return [f"={gift.html(event)} -> {n}" for n, event in enumerate(item.item.answer, 1)]


def moodle_question(item: Any, timeline: str) -> tuple[str, Callable[[ET.Element], None]]:
    """ordering (Moodle 4.4+), or with timeline="matching" each event matched with its place."""
    events = item.item.answer
    if timeline == "matching":
        return "matching", moodle_pairs([(event, str(n)) for n, event in enumerate(events, 1)])

    def write(question: ET.Element) -> None:
        for tag, value in (
            ("layouttype", "VERTICAL"),
            ("selecttype", "ALL"),
            ("selectcount", "0"),
            ("gradingtype", "ABSOLUTE_POSITION"),
            ("showgrading", "SHOW"),
            ("numberingstyle", "none"),
        ):
            moodle.add_value(question, tag, value)
        moodle.add_combined_feedback(question)
        for position, event in enumerate(events, 1):
            moodle.add_answer(question, position, gift.html_text(event), "html")

    return "ordering", write


KIND = Kind(
    name="timeline",
    label="Timeline",
    partial="kinds/_timeline.html",
    read=read,
    grade=grade,
    check_edit=check_edit,
    anki_model=anki.BASIC_MODEL,
    anki_fields=anki_fields,
    gift_answers=gift_answers,
    moodle=moodle_question,
    answer_is_list=True,
    gift_hint=" Give each event its position (1 = first).",
    separator=" → ",
)
