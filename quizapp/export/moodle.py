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

from quizapp.export.gift import category_path, html_text, question_name
from quizapp.export.model import ExportArticle, ExportItem

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
    """One <question> of the item's Moodle type, its kind's writer filling in the answers
    (timelines as `timeline`: ordering or matching)."""
    it = item.item
    qtype, write_answers = item.kind.moodle(item, timeline)
    question = ET.Element("question", {"type": qtype})
    add_text(question, "name", question_name(item))
    add_text(question, "questiontext", html_text(it.prompt), "html")
    add_text(question, "generalfeedback", html_text(it.explanation), "html")
    add_value(question, "defaultgrade", "1.0000000")
    add_value(question, "penalty", "1.0000000" if qtype == "truefalse" else PENALTY)
    add_value(question, "hidden", "0")
    add_value(question, "idnumber", it.id)
    write_answers(question)
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
