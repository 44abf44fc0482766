"""Matching: pair each left-hand entry (a person, a place) with its right-hand one."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from typing import Any

from quizapp.export import anki, gift
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
    """The right-hand value chosen for each row (match-0, match-1 ...)."""
    picks = [form.get(f"match-{i}", "") for i in range(len(item.answer))]
    if any(pick not in item.choices for pick in picks):
        return picks, "Choose a match for every row."
    return picks, None


def grade(item: ItemLike, response: Response) -> Grade:
    """The share of rows matched right."""
    return grade_places([pair[1] for pair in item.answer], response, hit="matched correctly")


def check_edit(edit: Edit) -> Checked:
    """Two or more 'left = right' lines; the choices list the right-hand values."""
    pairs = [line.split("=", 1) for line in edit.answer_lines]
    if any(len(pair) != 2 for pair in pairs):
        malformed = "Write each pair as 'left = right', one per line."
        return Checked(pairs, edit.accepted, {"answer": malformed})
    answer = [[left.strip(), right.strip()] for left, right in pairs]
    if len(answer) < 2:
        errors = {"answer": "Matching needs at least two pairs."}
    elif sorted(edit.choices) != sorted(right for _, right in answer):
        errors = {"choices": "List the right-hand values of the pairs, in any order."}
    else:
        errors = {}
    return Checked(answer, edit.accepted, errors)


def anki_fields(item: Any, article: str) -> list[str]:
    """Front (the left-hand entries numbered, the right-hand ones shuffled), Back (the pairs)."""
    it = item.item
    lefts = anki.html_list([pair[0] for pair in it.answer], "ol")
    front = f'{anki.field(it.prompt)}<div class="match">{lefts}{anki.html_list(it.choices)}</div>'
    return [front, anki.html_pairs(it.answer), *anki_footer(item), article]


def gift_answers(item: Any) -> list[str]:
    """=left -> right (a "->" inside a right-hand value is written →: GIFT cannot escape it)."""
    return [
        f"={gift.html(left)} -> {gift.gift_escape(right.replace('->', '→'))}"
        for left, right in item.item.answer
    ]


def moodle_question(item: Any, timeline: str) -> tuple[str, Callable[[ET.Element], None]]:
    """matching."""
    return "matching", moodle_pairs(item.item.answer)


KIND = Kind(
    name="matching",
    label="Matching",
    partial="kinds/_matching.html",
    read=read,
    grade=grade,
    check_edit=check_edit,
    anki_model=anki.BASIC_MODEL,
    anki_fields=anki_fields,
    gift_answers=gift_answers,
    moodle=moodle_question,
    answer_is_list=True,
)
