"""An article's title: the one given, else its heading line, else one derived from the text."""

from __future__ import annotations

import re
from pathlib import Path

from questions.nlp import get_nlp, split_sentences
from questions.syntax import SUBJECT_DEPS

MAX_TITLE_WORDS = 8
UNTITLED = "Untitled article"


def subject_of_first_sentence(paragraph: str) -> str:
    """The subject of the first sentence when it names something ('Nikola Tesla (10 July
    1856 – 7 January 1943) was ...' -> 'Nikola Tesla'), else ''."""
    sentences = split_sentences(paragraph)
    if not sentences:
        return ""
    doc = get_nlp()(re.sub(r"\s*\([^()]*\)", "", sentences[0]))  # no life dates, glosses
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subject = next((t for t in root.children if t.dep_ in SUBJECT_DEPS), None) if root else None
    if subject is None or subject.pos_ == "PRON":
        return ""
    # The subject's own words, without an apposition, bracket or relative clause after it.
    tokens = [t for t in subject.subtree if not _under_cut(t, subject.i)]
    text = " ".join(t.text for t in tokens)
    text = re.sub(r"\s+([,.’'])", r"\1", text).strip(" ,")
    named = any(t.pos_ == "PROPN" for t in tokens)
    if not text or len(text.split()) > MAX_TITLE_WORDS or not named:
        return ""
    return text[:1].upper() + text[1:]


CUT_DEPS = frozenset({"appos", "relcl", "acl", "prep", "punct", "parataxis"})


def _under_cut(token, top: int) -> bool:
    """The token hangs, below the subject's head word, on an apposition, bracket or clause."""
    while token.i != top:
        if token.dep_ in CUT_DEPS:
            return True
        token = token.head
    return False


def title_from_filename(filename: str) -> str:
    """'nikola_tesla.txt' -> 'Nikola tesla'; '' for a pasted text."""
    stem = re.sub(r"[_-]+", " ", Path(filename).stem).strip() if filename else ""
    if not stem or stem.lower() in ("pasted", "article", "upload"):
        return ""
    return stem[:1].upper() + stem[1:]


def choose_title(given: str | None, heading: str, paragraphs: list[str], filename: str) -> str:
    """An explicit title wins, then the heading line, then the first sentence's subject, then
    the file name; never a cut sentence."""
    for title in (given, heading):
        if title and title.strip():
            return " ".join(title.split())
    derived = subject_of_first_sentence(paragraphs[0]) if paragraphs else ""
    return derived or title_from_filename(filename) or UNTITLED
