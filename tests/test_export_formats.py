"""GIFT, Moodle XML, CSV and JSON exports, each parsed back."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from quizapp import storage
from quizapp.export import (
    ExportArticle,
    ExportItem,
    load_all_articles,
    render_csv,
    render_gift,
    render_json,
    render_moodle_xml,
)
from tests.test_export_anki import TITLE, run_cli, sample_article, sample_dicts

# A tiny GIFT reader that works like Moodle's (question/format/gift/format.php): escaped
# characters are set aside first, then the text is cut at the control characters.
ESCAPED = {"\\\\": "\ue000", "\\:": "\ue001", "\\#": "\ue002", "\\=": "\ue003"}
ESCAPED |= {"\\{": "\ue004", "\\}": "\ue005", "\\~": "\ue006", "\\n": "\ue007"}
RESTORED = {v: k[1] for k, v in ESCAPED.items()} | {"\ue007": "\n"}


def protect(text: str) -> str:
    return re.sub(r"\\[\\:#={}~n]", lambda m: ESCAPED[m.group()], text)


def restore(text: str) -> str:
    return "".join(RESTORED.get(c, c) for c in text).strip()


def parse_gift(text: str) -> list[dict]:
    """The categories and questions of a GIFT file as dicts; asserts the syntax is unambiguous."""
    questions = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        comment = " ".join(line for line in lines if line.startswith("//"))
        body = protect("\n".join(line for line in lines if not line.startswith("//")))
        if body.startswith("$CATEGORY:"):
            questions.append({"category": body[len("$CATEGORY:") :].strip()})
            continue
        assert body.startswith("::")
        name, rest = body[2:].split("::", 1)
        assert rest.count("{") == 1 and rest.count("}") == 1 and rest.endswith("}"), rest
        question_text, answer_text = rest[:-1].split("{")
        feedback = ""
        if "####" in answer_text:
            answer_text, feedback = answer_text.split("####")
        answer_lines = [line.strip() for line in answer_text.split("\n") if line.strip()]
        contents = [name, question_text, feedback]
        for line in answer_lines:
            content = re.sub(r"^(=%100%|[=~])", "", line)
            contents.extend(content.split(" -> ", 1))
        for content in contents:
            assert not set(content) & set("~={}#:"), f"unescaped control character in {content!r}"
        assert question_text.startswith("[html]")
        questions.append(
            {
                "id": re.search(r"\[id:([^\]]+)\]", comment).group(1),
                "tags": re.findall(r"\[tag:([^\]]+)\]", comment),
                "name": restore(name),
                "text": html.unescape(restore(question_text[len("[html]") :])),
                "answers": [restore(line) for line in answer_lines],
                "raw_answers": answer_lines,
                "feedback": html.unescape(restore(feedback)),
            }
        )
    return questions


def test_gift_round_trips_every_kind_with_control_characters():
    items = {d["id"]: d for d in sample_dicts()}
    parsed = parse_gift(render_gift([sample_article()]))
    # Moodle's category paths write a "/" inside a name as "//".
    assert parsed[0] == {"category": "$course$/top/quizapp/Moons <i>&<//i> Mars"}
    questions = {q["id"]: q for q in parsed[1:]}
    assert set(questions) == set(items)
    for item_id, q in questions.items():
        item = items[item_id]
        assert q["feedback"] == item["explanation"]
        assert q["tags"][0] == item["kind"]
        assert item["prompt"].startswith(q["name"])
        if item["kind"] != "timeline":
            assert q["text"] == item["prompt"]

    mcq = questions["mcq0000000000002"]
    assert [a[0] for a in mcq["answers"]] == ["~", "=", "~", "~"]
    assert [html.unescape(a[1:]) for a in mcq["answers"]] == items[mcq["id"]]["choices"]
    short = questions["short00000000003"]
    assert short["answers"] == ["=%100%AT&T", "=%100%ATT"]
    cloze = questions["c10ze00000000001"]
    assert cloze["answers"] == ["=%100%Neil::Armstrong", "=%100%Armstrong"]
    assert "_____" in cloze["text"]
    assert questions["truefalse0000004"]["answers"] == ["TRUE"]
    matching = questions["matching00000006"]
    pairs = [a[1:].split(" -> ") for a in matching["answers"]]
    assert [[html.unescape(left), right] for left, right in pairs] == items[matching["id"]][
        "answer"
    ]
    timeline = questions["timeline00000005"]
    events = [html.unescape(a[1:].split(" -> ")[0]) for a in timeline["answers"]]
    assert events == items[timeline["id"]]["answer"]
    assert [a.split(" -> ")[1] for a in timeline["answers"]] == ["1", "2", "3"]


def test_gift_escapes_each_control_character():
    item = dict(sample_dicts()[2], prompt="a ~ b = c # d { e } f : g \\ h")
    article = ExportArticle("T", "t", (ExportItem.from_dict(item),))
    text = render_gift([article])
    assert r"a \~ b \= c \# d \{ e \} f \: g \\ h" in text
    assert parse_gift(text)[1]["text"] == item["prompt"]


def test_edited_mcq_answer_missing_from_choices_is_added():
    edited = dict(sample_dicts()[1], answer="Energia")
    article = ExportArticle("T", "t", (ExportItem.from_dict(edited),))
    (question,) = parse_gift(render_gift([article]))[1:]
    assert question["answers"][-1] == "=Energia"
    (_, xml_question) = moodle_questions(render_moodle_xml([article]))
    fractions = {a.findtext("text"): a.get("fraction") for a in xml_question.findall("answer")}
    assert fractions["Energia"] == "100" and list(fractions.values()).count("100") == 1


def moodle_questions(text: str) -> list[ET.Element]:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "quiz"
    return list(root)


def texts(element: ET.Element, path: str) -> list[str]:
    return [e.text or "" for e in element.findall(path)]


def test_moodle_xml_structure_for_every_kind():
    items = {d["id"]: d for d in sample_dicts()}
    category, *questions = moodle_questions(render_moodle_xml([sample_article()]))
    assert category.get("type") == "category"
    assert category.findtext("category/text") == "$course$/top/quizapp/Moons <i>&<//i> Mars"
    by_id = {q.findtext("idnumber"): q for q in questions}
    assert set(by_id) == set(items)
    expected_types = {
        "cloze": "shortanswer",
        "mcq": "multichoice",
        "short_answer": "shortanswer",
        "true_false": "truefalse",
        "timeline": "ordering",
        "matching": "matching",
    }
    for item_id, q in by_id.items():
        item = items[item_id]
        assert q.get("type") == expected_types[item["kind"]]
        assert q.findtext("name/text")
        assert q.find("questiontext").get("format") == "html"
        assert html.unescape(q.findtext("questiontext/text")) == item["prompt"]
        assert html.unescape(q.findtext("generalfeedback/text")) == item["explanation"]
        assert q.findtext("defaultgrade") and q.findtext("penalty")
        for answer in q.findall("answer"):
            assert answer.get("fraction") is not None and answer.find("text") is not None

    mcq = by_id["mcq0000000000002"]
    assert mcq.findtext("single") == "true"
    answers = mcq.findall("answer")
    assert [html.unescape(a.findtext("text")) for a in answers] == items[mcq.findtext("idnumber")][
        "choices"
    ]
    assert [a.get("fraction") for a in answers] == ["0", "100", "0", "0"]

    tf = by_id["truefalse0000004"]
    assert {a.findtext("text"): a.get("fraction") for a in tf.findall("answer")} == {
        "true": "100",
        "false": "0",
    }
    short = by_id["short00000000003"]
    assert texts(short, "answer/text") == ["AT&T", "ATT"]
    assert {a.get("fraction") for a in short.findall("answer")} == {"100"}
    cloze = by_id["c10ze00000000001"]
    assert texts(cloze, "answer/text") == ["Neil::Armstrong", "Armstrong"]
    assert "_____" in cloze.findtext("questiontext/text")

    matching = by_id["matching00000006"]
    pairs = [
        [html.unescape(s.findtext("text")), s.findtext("answer/text")]
        for s in matching.findall("subquestion")
    ]
    assert pairs == items["matching00000006"]["answer"]

    ordering = by_id["timeline00000005"]
    assert ordering.findtext("layouttype") == "VERTICAL"
    assert ordering.findtext("selecttype") == "ALL"
    assert ordering.findtext("gradingtype") == "ABSOLUTE_POSITION"
    events = sorted(ordering.findall("answer"), key=lambda a: int(a.get("fraction")))
    assert [html.unescape(a.findtext("text")) for a in events] == items["timeline00000005"][
        "answer"
    ]


def test_moodle_xml_drops_characters_xml_cannot_hold():
    item = dict(sample_dicts()[1], prompt="bell\x07 and form feed\x0c")
    text = render_moodle_xml([ExportArticle("T", "t", (ExportItem.from_dict(item),))])
    _, question = moodle_questions(text)
    assert question.findtext("questiontext/text") == "bell and form feed"


def undefuse(text: str) -> str:
    return text[1:] if text[:2] in {"'=", "'+", "'-", "'@"} else text


def test_csv_has_every_field_and_parses_back():
    article = sample_article()
    rows = list(csv.DictReader(io.StringIO(render_csv([article]))))
    assert [row["id"] for row in rows] == [i.item.id for i in article.items]
    for row, item in zip(rows, article.items, strict=True):
        contract = item.contract()
        assert row["article_slug"] == article.slug and row["article_title"] == TITLE
        for key in ("kind", "prompt", "source_sentence", "explanation"):
            assert undefuse(row[key]) == contract[key]
        answer = row["answer"] if isinstance(contract["answer"], str) else json.loads(row["answer"])
        assert answer == contract["answer"]
        for key in ("accepted", "choices", "tags"):
            assert json.loads(row[key]) == contract[key]
        assert int(row["sentence_index"]) == contract["sentence_index"]
        assert float(row["difficulty"]) == contract["difficulty"]
        assert row["updated"] == item.updated.isoformat()


def test_csv_defuses_formulas():
    item = dict(sample_dicts()[2], prompt='=HYPERLINK("http://x")', answer="-5", accepted=[])
    text = render_csv([ExportArticle("T", "t", (ExportItem.from_dict(item),))])
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["prompt"] == '\'=HYPERLINK("http://x")' and row["answer"] == "'-5"


def test_json_is_the_generator_contract():
    article = sample_article()
    data = json.loads(render_json([article]))
    assert data == {
        "article": {"title": TITLE, "slug": "moons-mars", "words": 0},
        "items": [
            {"selected": True, **{k: v for k, v in d.items() if k != "updated"}}
            for d in sample_dicts()
        ],
    }
    both = json.loads(render_json([article, sample_article(slug="other")]))
    assert [a["article"]["slug"] for a in both] == ["moons-mars", "other"]


@pytest.fixture
def seeded_cli_db(tmp_path, seeded_db_template):
    shutil.copy(seeded_db_template, tmp_path / "cli.db")
    database = storage.open_db(tmp_path / "cli.db")
    yield database
    database.close()


@pytest.mark.parametrize("fmt", ["gift", "moodle-xml", "csv", "json"])
def test_export_command_writes_the_seed(fmt, tmp_path, seeded_cli_db):
    (article,) = load_all_articles(seeded_cli_db)
    out = tmp_path / f"seed.{fmt}"
    result = run_cli(tmp_path, "export", "--format", fmt, "-o", str(out), article.slug)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    ids = [item.item.id for item in article.items]
    if fmt == "gift":
        assert [q["id"] for q in parse_gift(text)[1:]] == ids
    elif fmt == "moodle-xml":
        assert [q.findtext("idnumber") for q in moodle_questions(text)[1:]] == ids
    elif fmt == "csv":
        assert [row["id"] for row in csv.DictReader(io.StringIO(text))] == ids
    else:
        assert json.loads(text) == article.contract()


def test_export_command_to_stdout_and_errors(tmp_path, seeded_cli_db):
    result = run_cli(tmp_path, "export", "--format", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["slug"]
    result = run_cli(tmp_path, "export", "--format", "pdf", "-o", "-")
    assert result.exit_code == 2 and "pdf" in result.output
    result = run_cli(tmp_path, "export", "--format", "csv", "-o", "-", "nope")
    assert result.exit_code == 1 and "'nope'" in result.output
    result = run_cli(tmp_path, "export", "--format", "csv", "-o", str(tmp_path / "no" / "x.csv"))
    assert result.exit_code == 1 and "Cannot write" in result.output
