"""What an entry of the app's kind registry holds, and the parts several kinds share.

A Kind says everything the app does differently for one kind of item: its label, how a
response is read from the answer form and graded, which template partial renders it (the
question, the feedback, the flashcard and the edit form's fields), how a teacher's edit is
checked, and how the Anki, GIFT and Moodle XML exports write it. The rest of the app asks the
registry (quizapp.kinds) and never compares kind names.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import genanki

from quizapp import feedback
from quizapp.export import anki, gift, moodle
from quizapp.grading import Grade, match_text

MAX_RESPONSE_CHARS = 500  # a typed answer; longer ones are refused with a message

Response = str | list[str]


class ItemLike(Protocol):
    """What the kinds read of an item: questions.Item and the app's stored items both are."""

    kind: str
    prompt: str
    answer: Any
    accepted: Sequence[str]
    choices: Sequence[Any]


@dataclass(frozen=True)
class Edit:
    """A teacher's edit of an item as the form sent it, line lists already cleaned."""

    prompt: str
    answer: str  # the answer box as typed (stripped)
    answer_lines: list[str]
    choices: list[str]
    accepted: list[str]


@dataclass(frozen=True)
class Checked:
    """An edit in the contract's shape, or the messages that refuse it, by form field."""

    answer: Any
    accepted: list[str]
    errors: dict[str, str]


@dataclass(frozen=True)
class Kind:
    """One kind of item, as the app handles it (see the module docstring)."""

    name: str
    label: str
    partial: str  # the template with the kind's macros: question, feedback, front, back, edit
    read: Callable[[ItemLike, Mapping[str, str]], tuple[Response, str | None]]
    grade: Callable[[ItemLike, Response], Grade]
    check_edit: Callable[[Edit], Checked]
    anki_model: genanki.Model
    anki_fields: Callable[[Any, str], list[str]]  # (ExportItem, escaped article title)
    gift_answers: Callable[[Any], list[str]]  # ExportItem -> the lines inside GIFT's braces
    # (ExportItem, timeline option) -> Moodle's question type and what writes its answers
    moodle: Callable[[Any, str], tuple[str, Callable[[ET.Element], None]]]
    answer_is_list: bool = False  # responses and answers are lists (stored as JSON)
    typed: bool = False  # the student types the answer: accepted answers apply
    picks_choice: bool = False  # the student picks one of the choices (distractor counts)
    gift_hint: str = ""  # added to the GIFT question text
    separator: str = "; "  # between the parts of a list answer shown on one line

    @property
    def empty(self) -> Response:
        """The response of a skipped question."""
        return [] if self.answer_is_list else ""

    def show(self, value: Any) -> str:
        """An answer or response as one readable line."""
        if isinstance(value, list):
            if value and isinstance(value[0], list | tuple):
                return "; ".join(f"{left} → {right}" for left, right in value)
            return self.separator.join(str(v) for v in value)
        return str(value) if value not in (None, "") else "(no answer)"


# Reading responses ---------------------------------------------------------------------------


def read_choice(item: ItemLike, form: Mapping[str, str]) -> tuple[Response, str | None]:
    """The choice picked (a radio button), which must be one of the item's."""
    choice = form.get("response", "")
    return choice, None if choice in item.choices else "Choose one of the answers."


def read_typed(item: ItemLike, form: Mapping[str, str]) -> tuple[Response, str | None]:
    """The typed answer, at most MAX_RESPONSE_CHARS long."""
    text = form.get("response", "").strip()
    if len(text) > MAX_RESPONSE_CHARS:
        return text[:MAX_RESPONSE_CHARS], (
            f"Answers are at most {MAX_RESPONSE_CHARS} characters; shorten yours."
        )
    return text, None if text else "Type an answer, or choose “I don’t know”."


# Grading ----------------------------------------------------------------------------------


def grade_choice(item: ItemLike, response: Response) -> Grade:
    """The exact choice: two choices may differ only in form ("Moon", "the Moon")."""
    right = str(response).strip() == str(item.answer).strip()
    return Grade(right, float(right))


def grade_typed(item: ItemLike, response: Response) -> Grade:
    """A typed answer against the answer and its accepted alternatives (grading.match_text)."""
    return match_text(str(response), [item.answer, *(item.accepted or ())])


def grade_places(
    expected: Sequence[str], response: Response, hit: str = "in the right place"
) -> Grade:
    """A list answer with partial credit: the share of places right; a partly right answer is
    noted as "2 of 4 " + hit, in the words of its kind."""
    given = list(response)
    hits = sum(1 for a, b in zip(given, expected, strict=False) if a == b)
    credit = hits / len(expected) if expected else 0.0
    right = given == list(expected)
    note = "" if right or not hits else f"{hits} of {len(expected)} {hit}."
    return Grade(right, credit, note)


# Checking teachers' edits -------------------------------------------------------------------


def check_typed(edit: Edit) -> Checked:
    """A typed answer is among its accepted answers; none holds "->" (GIFT's matching arrow)."""
    accepted = edit.accepted if edit.answer in edit.accepted else [edit.answer, *edit.accepted]
    errors = {}
    if any("->" in text for text in accepted):
        # Moodle's GIFT reads an answer with "->" as a matching question and refuses the file.
        errors["accepted"] = "An answer cannot contain “->”; write “→” or “to”."
    return Checked(edit.answer, accepted, errors)


def check_choice(edit: Edit) -> Checked:
    """One of the choices is the answer, exactly as written."""
    errors = {}
    if edit.answer not in edit.choices:
        errors["choices"] = "One of the choices must be the answer, exactly as written."
    return Checked(edit.answer, edit.accepted, errors)


# Exports ------------------------------------------------------------------------------------


def anki_footer(item: Any) -> list[str]:
    """The Source, Explanation fields every note type but the cloze ends with (before Article)."""
    it = item.item
    explanation = feedback.explanation_to_show(it.explanation, it.source_sentence)
    return anki.fields([it.source_sentence, explanation])


def gift_typed(item: Any) -> list[str]:
    """Every accepted answer at 100% (short answer)."""
    it = item.item
    accepted = dict.fromkeys([str(it.answer), *it.accepted])
    return [
        f"=%100%{gift.gift_escape(gift.shortanswer_text(answer))}"
        for answer in accepted
        if answer.strip() and gift.gift_safe_answer(answer)
    ]


def moodle_typed(item: Any, timeline: str) -> tuple[str, Callable[[ET.Element], None]]:
    """shortanswer, every accepted answer at 100%."""

    def write(question: ET.Element) -> None:
        moodle.add_value(question, "usecase", "0")
        for answer in dict.fromkeys([str(item.item.answer), *item.item.accepted]):
            if answer.strip():
                moodle.add_answer(
                    question, 100, gift.shortanswer_text(answer), "moodle_auto_format"
                )

    return "shortanswer", write


def moodle_pairs(pairs: Sequence[Sequence[Any]]) -> Callable[[ET.Element], None]:
    """What writes a matching question's subquestions."""

    def write(question: ET.Element) -> None:
        moodle.add_value(question, "shuffleanswers", "true")
        moodle.add_combined_feedback(question)
        for left, right in pairs:
            sub = moodle.add_text(question, "subquestion", gift.html_text(left), "html")
            moodle.add_text(sub, "answer", str(right))

    return write
