"""The app's kind registry (quizapp/kinds): every generator kind has a complete entry, and each
entry's parts work together (what its question form sends, its reader reads and its grader
grades; its exports fit their formats)."""

from __future__ import annotations

import inspect
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

import questions
from questions import Item
from quizapp import kinds
from quizapp.export import ExportItem, anki
from quizapp.kinds import KINDS, Kind, kind_named
from quizapp.views.quiz import read_response
from tests.conftest import ROOT

MACROS = ("question", "feedback", "front", "back", "edit", "summary")
# One item per kind, as a teacher could write it: the registry must handle each.
SAMPLES = {
    "cloze": Item(id="c", kind="cloze", prompt="Sputnik flew in _____.", answer="1957",
                  accepted=("1957", "in 1957")),
    "mcq": Item(id="m", kind="mcq", prompt="Who flew first?", answer="Gagarin",
                choices=("Armstrong", "Gagarin", "Aldrin")),
    "true_false": Item(id="t", kind="true_false", prompt="Gagarin flew in 1961.", answer="True",
                       choices=("True", "False")),
    "short_answer": Item(id="s", kind="short_answer", prompt="Who flew first?",
                         answer="Yuri Gagarin", accepted=("Yuri Gagarin", "Gagarin")),
    "timeline": Item(id="l", kind="timeline", prompt="Put them in order.",
                     answer=("Sputnik", "Vostok", "Apollo"),
                     choices=("Apollo", "Sputnik", "Vostok")),
    "matching": Item(id="x", kind="matching", prompt="Match them.",
                     answer=(("Gagarin", "Vostok 1"), ("Armstrong", "Apollo 11")),
                     choices=("Apollo 11", "Vostok 1")),
}  # fmt: skip


def right_form(item: Item) -> dict[str, str]:
    """The answer form a student who knows the answer sends, field by field."""
    if item.kind == "timeline":
        return {
            f"pos-{i}": str(item.answer.index(event) + 1) for i, event in enumerate(item.choices)
        }
    if item.kind == "matching":
        return {f"match-{i}": right for i, (_, right) in enumerate(item.answer)}
    return {"response": str(item.answer)}


def test_every_generator_kind_has_a_complete_entry(app):
    assert list(KINDS) == list(questions.KINDS)
    assert set(SAMPLES) == set(questions.KINDS)
    for name, kind in KINDS.items():
        assert isinstance(kind, Kind) and kind.name == name and kind.label
        for part in ("read", "grade", "check_edit", "anki_fields", "gift_answers", "moodle"):
            assert callable(getattr(kind, part)), (name, part)
        assert kind.anki_model in anki.MODELS
        assert (ROOT / "templates" / kind.partial).is_file(), kind.partial
        module = app.jinja_env.get_template(kind.partial).module
        assert all(callable(getattr(module, macro, None)) for macro in MACROS), kind.partial


def test_an_unknown_kind_is_refused():
    with pytest.raises(kinds.UnknownKind):
        kind_named("essay")


@pytest.mark.parametrize("name", questions.KINDS)
def test_the_right_answer_read_from_the_form_grades_right(name):
    item, kind = SAMPLES[name], KINDS[name]
    response, error = kind.read(item, right_form(item))
    assert error is None
    assert kind.grade(item, response).correct and kind.grade(item, response).credit == 1.0
    assert not kind.grade(item, kind.empty).correct
    skipped, error = read_response(item, {"skip": "1"})
    assert skipped == kind.empty and error is None


@pytest.mark.parametrize("name", ["timeline", "matching"])
def test_list_kinds_give_partial_credit(name):
    item, kind = SAMPLES[name], KINDS[name]
    response, _ = kind.read(item, right_form(item))
    swapped = [response[1], response[0], *response[2:]]
    grade = kind.grade(item, swapped)
    assert not grade.correct and grade.credit == (len(response) - 2) / len(response)


@pytest.mark.parametrize("name", questions.KINDS)
def test_an_edit_that_keeps_the_item_passes_its_checks(name):
    item = SAMPLES[name]
    if name == "matching":
        lines = [f"{left} = {right}" for left, right in item.answer]
    else:
        lines = list(item.answer) if isinstance(item.answer, tuple) else [item.answer]
    edit = kinds.Edit(
        prompt=item.prompt, answer="\n".join(lines), answer_lines=lines,
        choices=list(item.choices), accepted=list(item.accepted),
    )  # fmt: skip
    checked = KINDS[name].check_edit(edit)
    assert checked.errors == {}


@pytest.mark.parametrize("name", questions.KINDS)
def test_each_kind_writes_every_export(name):
    item = ExportItem(item=SAMPLES[name], updated=datetime.now(UTC))
    kind = KINDS[name]
    fields = kind.anki_fields(item, "Space")
    assert len(fields) == len(kind.anki_model.fields)
    assert kind.gift_answers(item)
    for timeline in ("ordering", "matching"):
        qtype, write = kind.moodle(item, timeline)
        question = ET.Element("question", {"type": qtype})
        write(question)
        assert len(question) > 0


def test_graders_and_readers_take_items_not_kind_names():
    """The registry's functions are the only place a kind decides anything: they take the
    item (and form or response), never a kind name to compare."""
    for kind in KINDS.values():
        for part in (kind.read, kind.grade):
            assert "kind" not in inspect.signature(part).parameters
