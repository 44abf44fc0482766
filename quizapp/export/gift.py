"""Moodle's GIFT text format: one category per article, each kind as its nearest question type.

mcq -> multiple choice, true_false -> true/false, short_answer and cloze -> short answer (every
accepted answer at 100%; a cloze keeps its blank in the question text), matching -> matching,
timeline -> matching of each event with its position (GIFT has no ordering question; the
Moodle XML export uses qtype_ordering). The explanation is the general feedback.
Question texts are HTML ([html]); short answers and matching answers are plain text, as Moodle
compares them with what the student typed or shows them in a menu.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import escape

from quizapp.export.model import ExportArticle, ExportItem

# Moodle's own exporter (question/format/gift/format.php, repchar) escapes exactly these.
GIFT_ESCAPES = {
    "\\": "\\\\",
    "~": "\\~",
    "=": "\\=",
    "#": "\\#",
    "{": "\\{",
    "}": "\\}",
    ":": "\\:",
}
NAME_LENGTH = 80


def gift_escape(text: str) -> str:
    """Backslash-escape GIFT's control characters; newlines become \\n as Moodle writes them."""
    out = "".join(GIFT_ESCAPES.get(char, char) for char in str(text))
    return out.replace("\r", "").replace("\n", "\\n")


def html_text(text: str) -> str:
    """Text as HTML for Moodle: escaped, its line breaks kept (<br>), a leading % written
    &#37; (after = or ~ GIFT reads "%50%" as a grade weight; in HTML the entity is a %)."""
    out = str(escape(str(text))).replace("\r\n", "\n").replace("\n", "<br>\n")
    return "&#37;" + out[1:] if out.startswith("%") else out


def html(text: str) -> str:
    """Article text as GIFT-escaped HTML."""
    return gift_escape(html_text(text))


def shortanswer_text(text: str) -> str:
    """An accepted answer as Moodle's short-answer question compares it: * is its wildcard,
    so a literal one is written \\*."""
    return str(text).replace("*", "\\*")


def gift_safe_answer(text: str) -> bool:
    """Whether a plain-text answer can stand in GIFT: "->" cannot be escaped and turns the
    whole question into matching (the edit form refuses it; this guards older rows)."""
    return "->" not in str(text)


def category_path(title: str) -> str:
    """Moodle's category path for an article; "/" inside a name is written "//"."""
    return "$course$/top/quizapp/" + " ".join(title.split()).replace("/", "//")


def question_name(item: ExportItem) -> str:
    """A short name for the question bank: the start of the prompt."""
    prompt = " ".join(item.item.prompt.split())
    if len(prompt) > NAME_LENGTH:
        prompt = prompt[: NAME_LENGTH - 1].rstrip() + "…"
    return prompt or item.item.id


def comment_tag(text: str) -> str:
    """A value safe inside Moodle's [tag:...] and [id:...] comment tokens."""
    return "".join(c for c in str(text) if c not in "[]<>`" and c.isprintable())


def answers(item: ExportItem) -> list[str]:
    """The answer lines inside the braces, Moodle's syntax for the item's question type."""
    return item.kind.gift_answers(item)


def question_text(item: ExportItem) -> str:
    """The question text, with its kind's hint (a timeline written as matching says how)."""
    return html(item.item.prompt) + gift_escape(item.kind.gift_hint)


def render_question(item: ExportItem) -> str:
    """One GIFT question with its id and tags in a comment Moodle reads (only a comment when
    none of its answers can be written in GIFT: Moodle XML has it)."""
    it = item.item
    tags = " ".join(f"[tag:{comment_tag(t)}]" for t in (it.kind, item.entity) if t)
    lines = [f"// [id:{comment_tag(it.id)}] {tags}".rstrip()]
    lines_of_answers = answers(item)
    if not lines_of_answers:
        return f"// [id:{comment_tag(it.id)}] left out: GIFT cannot hold its answer; use Moodle XML"
    body = "".join(f"\n\t{line}" for line in lines_of_answers)
    if it.explanation:
        body += f"\n\t####{html(it.explanation)}"
    lines.append(f"::{gift_escape(question_name(item))}::[html]{question_text(item)}{{{body}\n}}")
    return "\n".join(lines)


def render_gift(articles: Sequence[ExportArticle]) -> str:
    """The GIFT file for articles: a $CATEGORY line per article, then its questions."""
    blocks: list[str] = []
    for article in articles:
        title = " ".join(article.title.split())
        blocks.append(f"// quizapp: {title}\n$CATEGORY: {category_path(title)}")
        blocks.extend(render_question(item) for item in article.items)
    return "\n\n".join(blocks) + "\n"
