"""Anki decks (.apkg) through genanki: stable ids, escaped fields, no temp files.

Identity is what makes a re-import update instead of duplicate, so every id here is fixed:

- Note types: the *_MODEL_ID constants below, chosen once and never changed. Their fields and
  templates are never renamed; a schema change needs a new model id (Anki would otherwise
  import the changed type as "<name>+" and leave the old notes alone).
- Decks: one subdeck "quizapp::<article title>" per article under the parent deck "quizapp"
  (PARENT_DECK_ID). A subdeck's id is DECK_ID_BASE plus the first 5 bytes of
  SHA-1("quizapp deck:" + slug), so the same article always gets the same deck. (Anki's
  importer matches decks by name and gives them ids of its own; the fixed ids keep the
  package itself deterministic.)
- Notes: GUID = genanki.guid_for(item id), never derived from
  the fields, so an edited item updates its note. Each note's modification time is the item's
  `updated` time: Anki's default import updates a note only when the incoming one is newer, so
  unchanged items are skipped. Anki keeps whole seconds, so an edit within the second of the
  previous version is not seen.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import sqlite3
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO, Any

import genanki
from markupsafe import escape

from questions.model import BLANK
from quizapp.export.model import ExportArticle, ExportItem

PARENT_DECK_ID = 1_742_300_000
PARENT_DECK_NAME = "quizapp"
DECK_ID_BASE = 1 << 40
CLOZE_MODEL_ID = 1_742_300_001
MCQ_MODEL_ID = 1_742_300_002
TYPE_ANSWER_MODEL_ID = 1_742_300_003
BASIC_MODEL_ID = 1_742_300_004
# The .apkg is stored, as genanki writes it. Deflating it (zlib level 1, the cheapest) made
# bench/export.py's package 5.9x smaller (1.79 MB instead of 10.5 MB for 10,000 notes) but
# cost 40-46 ms of CPU, which kept the export at 1.23-1.31x genanki's own writer against an
# aim of 1.2x (bench/NOTES.md); stored it is 1.1x.
COMPRESSION = zipfile.ZIP_STORED

CSS = """\
.card { font-family: -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  font-size: 20px; line-height: 1.5; color: #1d2430; background: #fbfbf8;
  text-align: left; max-width: 36em; margin: 0 auto; padding: 0.5em 1em; }
.prompt { font-size: 1.1em; margin-bottom: 0.8em; }
.choices { padding-left: 1.6em; }
.choices li { margin: 0.25em 0; }
.choices li.correct { font-weight: bold; color: #176b2c; }
.choices li.correct::after { content: " \\2713"; }
.answer { font-weight: bold; color: #176b2c; }
.cloze { font-weight: bold; color: #1554b3; }
table.pairs { border-collapse: collapse; margin: 0.5em 0; }
table.pairs td, table.pairs th { border: 1px solid #c9ccd1; padding: 0.3em 0.6em; }
.back { margin-top: 1em; font-size: 0.85em; color: #4a5260; }
.source { font-style: italic; }
.article { color: #6b7280; font-size: 0.9em; }
input#typeans { font-size: 1em; width: 100%; box-sizing: border-box; }
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  color: #e4e6ea; background: #1f2228; }
.nightMode .choices li.correct, .night_mode .choices li.correct,
.nightMode .answer, .night_mode .answer { color: #7ddf94; }
.nightMode .cloze, .night_mode .cloze { color: #8fb8ff; }
.nightMode .back, .night_mode .back { color: #b8bec8; }
.nightMode .article, .night_mode .article { color: #9aa1ad; }
.nightMode table.pairs td, .night_mode table.pairs td,
.nightMode table.pairs th, .night_mode table.pairs th { border-color: #4a4f58; }
"""

BACK = (
    '<div class="back">{{#Source}}<p class="source">{{Source}}</p>{{/Source}}'
    '{{#Explanation}}<p class="explanation">{{Explanation}}</p>{{/Explanation}}'
    '<p class="article">{{Article}}</p></div>'
)
FOOTER_FIELDS = [{"name": "Source"}, {"name": "Explanation"}, {"name": "Article"}]

CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "quizapp Cloze",
    fields=[{"name": "Text"}, {"name": "Back Extra"}, {"name": "Article"}],
    templates=[
        {
            "name": "Cloze",
            "qfmt": '<div class="prompt">{{cloze:Text}}</div>',
            "afmt": '<div class="prompt">{{cloze:Text}}</div><hr id="answer">'
            '<div class="back">{{Back Extra}}<p class="article">{{Article}}</p></div>',
        }
    ],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)
MCQ_MODEL = genanki.Model(
    MCQ_MODEL_ID,
    "quizapp Multiple Choice",
    fields=[{"name": "Question"}, {"name": "Choices"}, {"name": "Answer"}, {"name": "Marked"}]
    + FOOTER_FIELDS,
    templates=[
        {
            "name": "Choose",
            "qfmt": '<div class="prompt">{{Question}}</div>{{Choices}}',
            "afmt": '<div class="prompt">{{Question}}</div>{{Marked}}<hr id="answer">'
            '<p class="answer">{{Answer}}</p>' + BACK,
        }
    ],
    css=CSS,
)
TYPE_ANSWER_MODEL = genanki.Model(
    TYPE_ANSWER_MODEL_ID,
    "quizapp Type Answer",
    fields=[{"name": "Question"}, {"name": "Answer"}, {"name": "Accepted"}] + FOOTER_FIELDS,
    templates=[
        {
            "name": "Type",
            "qfmt": '<div class="prompt">{{Question}}</div>{{type:Answer}}',
            "afmt": '<div class="prompt">{{Question}}</div><hr id="answer">{{type:Answer}}'
            '{{#Accepted}}<p class="accepted">Also accepted: {{Accepted}}</p>{{/Accepted}}' + BACK,
        }
    ],
    css=CSS,
)
BASIC_MODEL = genanki.Model(
    BASIC_MODEL_ID,
    "quizapp Basic",
    fields=[{"name": "Front"}, {"name": "Back"}] + FOOTER_FIELDS,
    templates=[
        {
            "name": "Card",
            "qfmt": '<div class="prompt">{{Front}}</div>',
            "afmt": '<div class="prompt">{{Front}}</div><hr id="answer">'
            '<div class="answer">{{Back}}</div>' + BACK,
        }
    ],
    css=CSS,
)
MODELS = (CLOZE_MODEL, MCQ_MODEL, TYPE_ANSWER_MODEL, BASIC_MODEL)


class ItemNote(genanki.Note):
    """A note stamped with its item's last change, not with the time of the export."""

    def __init__(
        self, model: genanki.Model, fields: list[str], tags: list[str], guid: str, mod_time: int
    ):
        super().__init__(model, fields, None, tags, guid)
        self.mod_time = mod_time

    def write_to_db(self, cursor, timestamp, deck_id, id_gen):
        # genanki writes `timestamp` (the export time) into notes.mod and cards.mod.
        super().write_to_db(cursor, self.mod_time, deck_id, id_gen)


# C0 control characters other than tab and line breaks: \x1f is Anki's field separator, and
# Anki refuses a whole package with one of them in a field. Edits are cleaned on the way in;
# this is the safety net for anything stored before.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def field(text: Any) -> str:
    """HTML-escape text for a field (markupsafe.escape); braces become entities so Anki never
    reads a cloze deletion or a field reference in article text; control characters go and
    line breaks become <br>."""
    text = str(text)
    if not text.isprintable():  # a C test that lets ordinary text skip the regex
        text = _CONTROL.sub("", text.replace("\r\n", "\n"))
        if "\n" in text:  # a field is HTML: a line break is <br>, else lines run together
            return "<br>".join(field(line) for line in text.split("\n"))
    if has_markup(text):
        return str(escape(text)).replace("{", "&#123;").replace("}", "&#125;")
    return text  # most text: no Markup built (export speed)


def has_markup(text: str) -> bool:
    """Whether text holds a character that field() escapes."""
    # Seven substring tests find that about twice as fast as a regex search (export speed).
    return (
        "&" in text
        or "<" in text
        or ">" in text
        or '"' in text
        or "'" in text
        or "{" in text
        or "}" in text
    )


def fields(values: Iterable[Any]) -> list[str]:
    """Several values, each as field() writes it; one test over them all passes the usual
    values that need nothing done (a call per value cost the export more)."""
    texts = list(map(str, values))
    joined = "".join(texts)
    if joined.isprintable() and not has_markup(joined):
        return texts
    return [field(text) for text in texts]


def html_list(values: Iterable[Any], tag: str = "ul", marked: str | None = None) -> str:
    """Values as an HTML list; the value equal to `marked` gets class "correct"."""
    escaped = fields(values)
    return escaped_list(escaped, tag, None if marked is None else field(marked))


def escaped_list(escaped: Sequence[str], tag: str = "ul", marked: str | None = None) -> str:
    """Already escaped values as an HTML list; the one equal to `marked` gets class "correct"."""
    if not escaped:
        rows = ""
    elif marked is None:
        rows = "<li>" + "</li><li>".join(escaped) + "</li>"
    else:
        rows = "".join(
            [f'<li class="correct">{v}</li>' if v == marked else f"<li>{v}</li>" for v in escaped]
        )
    return f'<{tag} class="choices">{rows}</{tag}>'


def html_pairs(pairs: Iterable[Sequence[Any]]) -> str:
    """[left, right] pairs as a two-column table."""
    cells = fields([text for left, right in pairs for text in (left, right)])
    pairs_of_cells = zip(cells[::2], cells[1::2], strict=True)
    rows = "".join([f"<tr><td>{left}</td><td>{right}</td></tr>" for left, right in pairs_of_cells])
    return f'<table class="pairs">{rows}</table>'


def cloze_text(prompt: str, answer: str) -> str:
    """The prompt with its blank turned into {{c1::answer}} (colons kept out of the hint syntax)."""
    before, blank, after = prompt.partition(BLANK)
    before, after, answer = fields([before, after, answer])
    hidden = answer.replace(":", "&#58;")
    if not blank:
        return f"{before} {{{{c1::{hidden}}}}}"
    return f"{before}{{{{c1::{hidden}}}}}{after}"


def item_fields(item: ExportItem, article: str) -> list[str]:
    """The note fields for an item, in its note type's field order (its kind's writer);
    article is the escaped article title."""
    return item.kind.anki_fields(item, article)


@functools.cache
def tag(text: str) -> str:
    """A tag without spaces (Anki splits tags on whitespace)."""
    return "_".join(str(text).split())


def item_note(item: ExportItem, slug_tag: str, title_field: str) -> ItemNote:
    """The note for one item: GUID from the item id, tags slug, kind and entity type."""
    it = item.item
    tags = [slug_tag, tag(it.kind)] + ([tag(item.entity)] if item.entity else [])
    kind = item.kind
    fields = kind.anki_fields(item, title_field)
    return ItemNote(kind.anki_model, fields, tags, genanki.guid_for(it.id), item.mod_time)


def deck_id(slug: str) -> int:
    """The article's subdeck id: fixed for a slug (see the module docstring)."""
    digest = hashlib.sha1(f"quizapp deck:{slug}".encode()).digest()
    return DECK_ID_BASE + int.from_bytes(digest[:5], "big")


def deck_name(title: str) -> str:
    """quizapp::<title>, with "::" in the title kept from starting a deeper level."""
    return f"{PARENT_DECK_NAME}::{' '.join(title.replace('::', ':').split())}"


def build_decks(articles: Sequence[ExportArticle]) -> list[genanki.Deck]:
    """The parent deck and one subdeck per article holding one note per item."""
    decks = [genanki.Deck(PARENT_DECK_ID, PARENT_DECK_NAME, description="Decks made by quizapp.")]
    for article in articles:
        deck = genanki.Deck(deck_id(article.slug), deck_name(article.title))
        slug_tag, title_field = tag(article.slug), field(article.title)
        for item in article.items:
            deck.add_note(item_note(item, slug_tag, title_field))
        decks.append(deck)
    return decks


def write_package(decks: Sequence[genanki.Deck], out: str | IO[bytes], timestamp: float) -> None:
    """Write decks as an .apkg, building the collection in memory.

    genanki's Package.write_to_file leaves its temporary collection file behind in the temp
    folder; this writes the same collection (genanki's public Package.write_to_db) to an
    in-memory SQLite database and zips it from there.
    """
    conn = sqlite3.connect(":memory:")
    try:
        genanki.Package(list(decks)).write_to_db(
            conn.cursor(), timestamp, itertools.count(int(timestamp * 1000))
        )
        conn.commit()
        collection = conn.serialize()
    finally:
        conn.close()
    with zipfile.ZipFile(out, "w", COMPRESSION) as apkg:
        apkg.writestr("collection.anki2", collection)
        apkg.writestr("media", "{}")


def write_apkg(articles: Sequence[ExportArticle], out: str | IO[bytes]) -> None:
    """Export articles as one Anki package (a subdeck each) to a path or binary file."""
    # The newest item's time, not the clock: the same items give the same collection.
    stamps = [item.mod_time for article in articles for item in article.items]
    write_package(build_decks(articles), out, float(max(stamps, default=0)))
