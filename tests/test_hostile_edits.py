"""Teachers' edits that would break an export (issue 15, points 6 and 7): control characters,
cloze braces, HTML, GIFT's special characters. Each deck still imports into Anki with
Anki's own importer; each GIFT and Moodle XML file still parses."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

import pytest
from anki.collection import Collection
from click.testing import CliRunner

from questions import Article, Item
from quizapp import storage
from quizapp.cli import cli
from quizapp.export import load_article, render_gift, render_moodle_xml
from tests.test_export_anki import import_apkg
from tests.test_export_formats import parse_gift

ITEMS = (
    Item(id="c1", kind="cloze", prompt="_____ flew in 1961.", answer="Gagarin",
         accepted=("Gagarin",), source_sentence="Gagarin flew in 1961."),
    Item(id="q1", kind="mcq", prompt="Who flew in 1961?", answer="Gagarin",
         choices=("Gagarin", "Armstrong", "Aldrin", "Collins")),
    Item(id="s1", kind="short_answer", prompt="Who flew in 1961?", answer="Gagarin",
         accepted=("Gagarin", "Yuri Gagarin")),
    Item(id="t1", kind="timeline", prompt="Put these events in order, earliest first.",
         answer=("Sputnik", "Vostok", "Apollo"), choices=("Apollo", "Sputnik", "Vostok")),
)  # fmt: skip


@pytest.fixture
def teacher(db, login):
    storage.save_article(db, Article("Space", "space", ("Gagarin flew in 1961.",), ITEMS))
    return login("tea", "teacher")


@pytest.fixture
def col(tmp_path):
    collection = Collection(str(tmp_path / "collection.anki2"))
    yield collection
    collection.close()


def test_control_characters_are_stripped_from_edits(teacher, db):
    data = {"prompt": "Who\x1f flew\x00 in\r\n1961?", "answer": "Gag\x07arin",
            "choices": "Gagarin\nArmstrong\x0b", "explanation": "Line one\r\nLine\x1b two",
            "enabled": "y"}  # fmt: skip
    assert teacher.post("/teach/items/q1/edit", data=data).status_code == 302
    item = storage.get_items(db, ["q1"])["q1"]
    assert item.prompt == "Who flew in\n1961?"
    assert item.answer == "Gagarin" and item.choices == ("Gagarin", "Armstrong")
    assert item.explanation == "Line one\nLine two"


def test_deck_with_control_characters_stored_imports(teacher, db, col, tmp_path):
    """The Anki writer strips what an older edit may have stored (the safety net)."""
    for item_id in ("c1", "q1", "s1"):
        storage.update_item(db, item_id, {"explanation": "bad\x1fseparator\x00 and \x08"})
    storage.update_item(db, "q1", {"prompt": "Who\x1f flew?"})
    for url in ("/articles/space/deck.apkg", "/export/quizapp.apkg"):
        response = teacher.get(url)
        assert response.status_code == 200
        path = tmp_path / "deck.apkg"
        path.write_bytes(response.data)
        log = import_apkg(col, path)
        assert len(log.new) + len(log.updated) + len(log.duplicate) == len(ITEMS)
    fields = " ".join(" ".join(col.get_note(nid).fields) for nid in col.find_notes(""))
    assert "Who flew?" in fields and "\x00" not in fields and "bad" in fields


def edit_form(item: storage.StoredItem, **changes) -> dict:
    data = {"prompt": item.prompt, "explanation": "", "enabled": "y"}
    answer = item.answer
    data["answer"] = "\n".join(answer) if isinstance(answer, list) else answer
    data["choices"] = "\n".join(item.choices)
    data["accepted"] = "\n".join(item.accepted)
    return {**data, **changes}


@pytest.mark.parametrize(
    ("item_id", "changes", "message"),
    [
        ("q1", {"choices": "Gagarin"}, "at least two different choices"),
        ("q1", {"choices": "Gagarin\nGagarin\nArmstrong"}, "at least two different choices"),
        ("t1", {"answer": "Sputnik", "choices": "Sputnik"}, "at least two different events"),
        ("s1", {"accepted": "Gagarin\nGagarin -> Titov"}, "cannot contain “-&gt;”"),
        ("c1", {"answer": "A->B"}, "cannot contain “-&gt;”"),
    ],
)
def test_edits_moodle_would_refuse_are_refused(teacher, db, item_id, changes, message):
    item = storage.get_items(db, [item_id])[item_id]
    before = item
    response = teacher.post(f"/teach/items/{item_id}/edit", data=edit_form(item, **changes))
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert storage.get_items(db, [item_id])[item_id].updated == before.updated


HOSTILE = {
    "c1": {"prompt": "{{c1::x}} _____ <b>flew</b> in 1961.", "accepted": ["Gagarin", "Ga*"],
           "explanation": "First line.\nSecond line with <i>HTML</i> & {{c2::y}}."},
    "q1": {"choices": ["%50% Gagarin", "Armstrong ->", "~Aldrin", "=Collins"],
           "answer": "%50% Gagarin", "explanation": "One\nTwo\x1f"},
    "s1": {"answer": "5*", "accepted": ["5*", "%5%", "a->b", "x # y", "Gagarin\\"],
           "explanation": "Line\r\nbreak"},
    "t1": {"answer": ["Sputnik -> 1957", "%1 Vostok", "Apollo"],
           "choices": ["Apollo", "Sputnik -> 1957", "%1 Vostok"]},
}  # fmt: skip


@pytest.fixture
def hostile(db):
    """Edits that get past the form only as older rows could (a -> answer), stored directly."""
    storage.save_article(db, Article("Space", "space", ("Gagarin flew in 1961.",), ITEMS))
    for item_id, changes in HOSTILE.items():
        storage.update_item(db, item_id, changes)
    return storage.get_items(db, list(HOSTILE))


def moodle_type(raw_answers: list[str]) -> str:
    """The question type Moodle's GIFT reader picks from the answer text (its order of tests
    in question/format/gift/format.php); escaped characters are already set aside."""
    text = "\n".join(raw_answers)
    if "~" in text:
        return "multichoice"
    if "=" in text and "->" in text:
        return "match"
    if text.strip() in ("T", "TRUE", "F", "FALSE"):
        return "truefalse"
    return "shortanswer"


def test_gift_of_hostile_edits_parses_as_meant(db, hostile):
    questions = {q["id"]: q for q in parse_gift(render_gift([load_article(db, "space")]))[1:]}
    expected = {"c1": "shortanswer", "q1": "multichoice", "s1": "shortanswer", "t1": "match"}
    assert {i: moodle_type(q["raw_answers"]) for i, q in questions.items()} == expected
    for question in questions.values():  # no answer reads as a grade weight
        for line in question["raw_answers"]:
            assert not line.lstrip("=~").startswith("%") or line.startswith("=%100%"), line
    short = [a.removeprefix("=%100%") for a in questions["s1"]["answers"]]
    assert short == ["5\\*", "%5%", "x # y", "Gagarin\\"]  # all but the "->" one
    q1 = questions["q1"]["answers"]
    assert [a[0] for a in q1] == ["=", "~", "~", "~"]
    assert "&#37;50% Gagarin" in q1[0] and "-&gt;" in q1[1]
    assert "First line.<br>\nSecond line" in questions["c1"]["feedback"]
    assert "Line<br>\nbreak" in questions["s1"]["feedback"]
    assert [a.split(" -> ")[-1] for a in questions["t1"]["answers"]] == ["1", "2", "3"]


@pytest.mark.parametrize("timeline", ["ordering", "matching"])
def test_moodle_xml_of_hostile_edits_keeps_every_answer(db, hostile, timeline):
    root = ET.fromstring(render_moodle_xml([load_article(db, "space")], timeline=timeline))
    questions = {q.findtext("idnumber"): q for q in root if q.get("type") != "category"}
    assert {i: q.get("type") for i, q in questions.items()} == {
        "c1": "shortanswer", "q1": "multichoice", "s1": "shortanswer", "t1": timeline,
    }  # fmt: skip
    answers = [a.findtext("text") for a in questions["s1"].iter("answer")]
    assert answers == ["5\\*", "%5%", "a->b", "x # y", "Gagarin\\"]  # * is literal
    assert [a.findtext("text") for a in questions["c1"].iter("answer")] == ["Gagarin", "Ga\\*"]
    feedback = questions["c1"].find("generalfeedback").findtext("text")
    assert feedback.startswith("First line.<br>\nSecond line")
    mcq = [
        (a.get("fraction"), html.unescape(a.findtext("text")))
        for a in questions["q1"].iter("answer")
    ]
    assert mcq == [
        ("100", "%50% Gagarin"),
        ("0", "Armstrong ->"),
        ("0", "~Aldrin"),
        ("0", "=Collins"),
    ]
    events = ["Sputnik -> 1957", "%1 Vostok", "Apollo"]
    if timeline == "ordering":
        got = [html.unescape(a.findtext("text")) for a in questions["t1"].iter("answer")]
    else:
        subs = questions["t1"].iter("subquestion")
        got = [html.unescape(s.findtext("text")) for s in subs]
        assert [s.find("answer").findtext("text") for s in questions["t1"].iter("subquestion")] == [
            "1", "2", "3"
        ]  # fmt: skip
    assert got == events


def test_deck_of_hostile_edits_imports_into_anki(teacher, db, col, tmp_path):
    for item_id, changes in HOSTILE.items():
        storage.update_item(db, item_id, changes)
    path = tmp_path / "hostile.apkg"
    path.write_bytes(teacher.get("/articles/space/deck.apkg").data)
    log = import_apkg(col, path)
    assert len(log.new) == len(ITEMS)
    notes = [col.get_note(nid) for nid in col.find_notes("")]
    fields = " ".join(" ".join(note.fields) for note in notes)
    assert "{{c2::" not in fields and "<i>HTML</i>" not in fields and "\x1f" not in fields
    assert "First line.<br>Second line" in fields
    cloze = next(note for note in notes if "Cloze" in note.note_type()["name"])
    assert cloze.cloze_numbers_in_fields() == [1]


def test_timeline_choice_on_the_web_and_the_command_line(teacher, db, tmp_path):
    response = teacher.get("/articles/space/export.xml?timeline=matching")
    assert b'type="matching"' in response.data and b'type="ordering"' not in response.data
    assert b'type="ordering"' in teacher.get("/articles/space/export.xml").data
    assert teacher.get("/articles/space/export.xml?timeline=nope").status_code == 400
    out = tmp_path / "q.xml"
    args = ["--db", str(teacher.application.config["DATABASE"]), "export", "--format",
            "moodle-xml", "--timeline", "matching", "-o", str(out), "space"]  # fmt: skip
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert 'type="matching"' in out.read_text() and 'type="ordering"' not in out.read_text()
