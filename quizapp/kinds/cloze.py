"""Fill in the blank: the prompt is the source sentence with the answer blanked out."""

from __future__ import annotations

from typing import Any

from questions.model import BLANK
from quizapp import feedback as shown
from quizapp.export import anki
from quizapp.kinds.base import (
    Checked,
    Edit,
    Kind,
    check_typed,
    gift_typed,
    grade_typed,
    moodle_typed,
    read_typed,
)


def check_edit(edit: Edit) -> Checked:
    """A typed answer's checks, and exactly one blank in the prompt."""
    checked = check_typed(edit)
    if edit.prompt.count(BLANK) != 1:
        prompt = "The prompt needs exactly one blank: _____ (five underscores)."
        return Checked(checked.answer, checked.accepted, {"prompt": prompt, **checked.errors})
    return checked


def anki_fields(item: Any, article: str) -> list[str]:
    """Text ({{c1::answer}} in the blank), Back Extra (source and explanation), Article."""
    it = item.item
    explanation = shown.explanation_to_show(it.explanation, it.source_sentence)
    source, explanation = anki.fields([it.source_sentence, explanation])
    extra = f'<p class="source">{source}</p>' if source else ""
    extra += f'<p class="explanation">{explanation}</p>' if explanation else ""
    return [anki.cloze_text(it.prompt, str(it.answer)), extra, article]


KIND = Kind(
    name="cloze",
    label="Fill in the blank",
    partial="kinds/_cloze.html",
    read=read_typed,
    grade=grade_typed,
    check_edit=check_edit,
    anki_model=anki.CLOZE_MODEL,
    anki_fields=anki_fields,
    gift_answers=gift_typed,
    moodle=moodle_typed,
    typed=True,
)
