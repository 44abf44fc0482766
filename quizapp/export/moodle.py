"""Moodle XML: a category per article, each kind as Moodle's nearest question type.

mcq -> multichoice, true_false -> truefalse, short_answer -> shortanswer (every accepted answer
at 100%), cloze -> shortanswer with the blank in the question text, matching -> matching,
timeline -> ordering (qtype_ordering, part of Moodle since 4.4; timeline="matching" writes
them as matching of each event with its position for Moodle 4.1 to 4.3, where a single
ordering question makes Moodle refuse the whole file). The explanation is the general
feedback. HTML texts are escaped article text with their line breaks; ElementTree does the
XML escaping.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from markupsafe import escape

from quizapp.export.gift import category_path, html_text, question_name, shortanswer_text
from quizapp.export.model import ExportArticle, ExportItem

QTYPE_FOR_KIND = {
    "mcq": "multichoice",
    "true_false": "truefalse",
    "short_answer": "shortanswer",
    "cloze": "shortanswer",
    "matching": "matching",
    "timeline": "ordering",
}
PENALTY = "0.3333333"
# Characters XML 1.0 cannot hold at all, even escaped.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def add_text(parent: ET.Element, tag: str, text: str, fmt: str | None = None) -> ET.Element:
    """Append <tag [format=fmt]><text>text</text></tag> to parent."""
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = XML_INVALID.sub("", text)
    return element


def add_value(parent: ET.Element, tag: str, value: str) -> None:
    """Append <tag>value</tag>."""
    ET.SubElement(parent, tag).text = XML_INVALID.sub("", value)


def add_answer(parent: ET.Element, fraction: str | int, text: str, fmt: str) -> None:
    """Append an <answer> with its fraction and an empty feedback."""
    answer = add_text(parent, "answer", text, fmt)
    answer.set("fraction", str(fraction))
    add_text(answer, "feedback", "", "html")


def category_element(article: ExportArticle) -> ET.Element:
    """The pseudo-question that makes Moodle file the following questions in a category."""
    question = ET.Element("question", {"type": "category"})
    add_text(question, "category", category_path(article.title))
    add_text(question, "info", f"Made by quizapp from {escape(article.title)}", "html")
    return question


def add_combined_feedback(question: ET.Element) -> None:
    """The per-outcome feedback elements multichoice, matching and ordering carry."""
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        add_text(question, tag, "", "html")
    add_value(question, "shownumcorrect", "1")


TIMELINE_TYPES = ("ordering", "matching")


def question_element(item: ExportItem, timeline: str = "ordering") -> ET.Element:
    """One <question> of the item's Moodle type (timelines as `timeline`: ordering or
    matching)."""
    it = item.item
    qtype = timeline if it.kind == "timeline" else QTYPE_FOR_KIND[it.kind]
    question = ET.Element("question", {"type": qtype})
    add_text(question, "name", question_name(item))
    add_text(question, "questiontext", html_text(it.prompt), "html")
    add_text(question, "generalfeedback", html_text(it.explanation), "html")
    add_value(question, "defaultgrade", "1.0000000")
    add_value(question, "penalty", "1.0000000" if qtype == "truefalse" else PENALTY)
    add_value(question, "hidden", "0")
    add_value(question, "idnumber", it.id)
    if qtype == "multichoice":
        for tag, value in (("single", "true"), ("shuffleanswers", "true")):
            add_value(question, tag, value)
        add_value(question, "answernumbering", "abc")
        add_combined_feedback(question)
        for choice in item.options:
            add_answer(question, 100 if choice == it.answer else 0, html_text(choice), "html")
    elif qtype == "truefalse":
        right = str(it.answer).lower() == "true"
        add_answer(question, 100 if right else 0, "true", "moodle_auto_format")
        add_answer(question, 0 if right else 100, "false", "moodle_auto_format")
    elif qtype == "shortanswer":
        add_value(question, "usecase", "0")
        for answer in dict.fromkeys([str(it.answer), *it.accepted]):
            if answer.strip():
                add_answer(question, 100, shortanswer_text(answer), "moodle_auto_format")
    elif qtype == "matching":
        add_value(question, "shuffleanswers", "true")
        add_combined_feedback(question)
        pairs = (
            it.answer
            if it.kind == "matching"
            else [(event, str(n)) for n, event in enumerate(it.answer, 1)]
        )
        for left, right in pairs:
            sub = add_text(question, "subquestion", html_text(left), "html")
            add_text(sub, "answer", str(right))
    else:  # ordering
        for tag, value in (
            ("layouttype", "VERTICAL"),
            ("selecttype", "ALL"),
            ("selectcount", "0"),
            ("gradingtype", "ABSOLUTE_POSITION"),
            ("showgrading", "SHOW"),
            ("numberingstyle", "none"),
        ):
            add_value(question, tag, value)
        add_combined_feedback(question)
        for position, event in enumerate(it.answer, 1):
            add_answer(question, position, html_text(event), "html")
    tags = ET.SubElement(question, "tags")
    for tag in (it.kind, item.entity):
        if tag:
            add_text(tags, "tag", tag)
    return question


def render_moodle_xml(articles: Sequence[ExportArticle], timeline: str = "ordering") -> str:
    """The Moodle XML file for articles: <quiz>, a category per article, then its questions;
    timelines as ordering (Moodle 4.4+) or as matching (any Moodle)."""
    if timeline not in TIMELINE_TYPES:
        raise ValueError(f"timeline must be one of {', '.join(TIMELINE_TYPES)}, not {timeline!r}")
    quiz = ET.Element("quiz")
    for article in articles:
        quiz.append(category_element(article))
        quiz.extend(question_element(item, timeline) for item in article.items)
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"
