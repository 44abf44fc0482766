"""Rules on pronouns and demonstratives that point outside the prompt: "it", "this launch",
"the two countries", a subject pronoun whose antecedent the question dropped or the article
never gave."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from questions.lexicon import GROUP_NOUNS, NAME_WORD, NOT_NAMES
from questions.model import Item
from questions.rules.registry import SINGLE_KINDS, Check, article_rule, rule

if TYPE_CHECKING:
    from questions.kinds.base import Analysis

PRONOUN = re.compile(r"\b(?:he|she|it|they|him|her|them|his|its|their)\b", re.I)
BRACKETED = re.compile(r"\[[^\]]+\]")  # a name the generator put for a pronoun
DEMONSTRATIVE_START = re.compile(r"^(?:this|that|these|those|such)\b", re.I)
# "this boulevard", "these issues", "such schools", "the latter", "a similar story": what
# they point to is in another sentence ("such as" introduces examples and points nowhere).
DEMONSTRATIVE_INSIDE = re.compile(
    r"\b(?:this(?! (?:year|month|week)\b)|these|those|such(?! as\b)|the latter|the former)\b"
    # "a similar story", "the story is similar": similar to what? ("similar to" says.)
    r"|\bsimilar(?:ly)?\b(?!(?:\s+\w+)?\s+to\b)",
    re.I,
)
VAGUE_GROUP = re.compile(rf"\b(?:the\s+)?(?:two|both)\s+(?:\w+\s+)?(?:{GROUP_NOUNS})\b", re.I)
WH_START = re.compile(r"^(?:who|what|when|where|which|how(?: many)?|according)\b", re.I)
NAME_AFTER_COMMA = re.compile(r"\s*(?:the\s+)?[A-Z]")
LEADING_CONJUNCTION = re.compile(r"^(?:and|but|so|or|yet)\s+", re.I)


# Words that point outside the prompt without being pronouns: an opening "Then", "Now" or
# "After that" (then when? after what?), "either" or "that" closing a clause (either of
# what? promised what?), time counted from the day the article appeared ("a year ago").
# Parts of the document the prompt cannot show: "as discussed in the previous paragraph",
# "the examples above", "see Chapter 4".
DOCUMENT_PART = r"(?:paragraphs?|sections?|chapters?|examples?|figures?|tables?|pages?)"
POINTING_WORDS = re.compile(
    r"^(?:Then|Now|Since then|By then|Until then|At that time|At the time|After that"
    r"|Before that|Afterwards)\b|^(?:In exchange|In return)(?=,)"
    r"|^(?:Soon|Shortly) after(?:wards)?(?=,)"
    r"|\b(?:either|neither)(?=\s*(?:[,.;:?!)]|$))|\bthat(?=\s*(?:[.;:?!)]|$))"
    rf"|\b(?:previous|preceding|following|next|above|below) {DOCUMENT_PART}\b"
    rf"|\b{DOCUMENT_PART} (?:above|below)\b|\bsee (?:chapter|section|figure|table)\b"
    r"|\bas (?:discussed|described|mentioned|noted|shown|explained) "
    r"(?:above|below|earlier|previously|before)\b",
    re.I,
)
AGO = re.compile(r"\bago\b", re.I)
TIME_TAGS = frozenset({"date", "number"})


@rule(kinds=SINGLE_KINDS)
def pointing_word(item: Item) -> str | None:
    """The prompt leans on a word that points outside it: an opening "Then" or "Now", an
    "either" or "that" that ends a clause; or it asks about time, or whether a statement
    holds, counted from the day the article appeared ("a year ago")."""
    # A bracket names what a pronoun stood for; a pointing word outside it still points.
    match = POINTING_WORDS.search(LEADING_CONJUNCTION.sub("", BRACKETED.sub("", item.prompt)))
    if match is not None:
        return f"{match.group().strip()!r} points outside the prompt"
    # "Four years ago" matters where the item asks about time, or whether a statement holds.
    timed = item.kind == "true_false" or bool(TIME_TAGS & set(item.tags))
    return (
        "'ago' counts from a day the prompt does not give"
        if timed and AGO.search(item.prompt)
        else None
    )


@rule(kinds=SINGLE_KINDS)
def dangling_reference(item: Item) -> str | None:
    """The prompt hangs on a pronoun or on "the two countries" with no antecedent in it."""
    prompt = item.prompt
    body = LEADING_CONJUNCTION.sub("", prompt)
    if prompt.endswith("?"):
        body = WH_START.sub("", body).lstrip(" ,")
    if DEMONSTRATIVE_START.match(body):
        return "starts with a demonstrative"
    pointer = DEMONSTRATIVE_INSIDE.search(BRACKETED.sub("", body))
    if pointer:  # "[Kay's] field work showed this scheme failed": which scheme?
        return f"{pointer.group().strip()!r} points to a sentence the prompt does not show"
    if VAGUE_GROUP.search(prompt):
        return "vague group reference"
    match = PRONOUN.search(body)
    if match is None:
        return None
    before = body[: match.start()]
    # The first word is capitalised anyway: a name only if it is no common word.
    first = NAME_WORD.match(before)
    skip = 1 if first is not None and first.group().lower() in STOP_WORDS else 0
    names = [w for w in NAME_WORD.findall(before)[skip:] if w not in NOT_NAMES]
    if names or re.search(r"\[[^\]]+\]", before):
        return None
    # "Despite its troubles, Moscow ...": a possessive in an opening phrase may point ahead.
    possessive = match.group().lower() in ("his", "its", "their", "her") and match.start() > 0
    after = body[match.end() :]
    if possessive and "," in after and NAME_AFTER_COMMA.match(after.split(",", 1)[1]):
        return None
    return f"pronoun {match.group()!r} without antecedent"


@rule()
def lost_antecedent(item: Item) -> str | None:
    """A question keeps a pronoun but drops the name it points to ("How many Protestants
    represent 2% of its population?" from "... Protestants in modern France represent ...")."""
    if not item.prompt.endswith("?"):
        return None
    match = PRONOUN.search(item.prompt)
    if match is None:
        return None
    source = item.source_sentence
    own = re.search(rf"\b{match.group()}\b", source)
    if own is None:
        return None
    names = [w for w in NAME_WORD.findall(source[: own.start()])[1:] if w not in NOT_NAMES]
    lost = [w for w in names if w not in item.prompt]
    return f"the question drops {lost[-1]!r}, which {match.group()!r} points to" if lost else None


def make_orphan_filter(orphans: Mapping[int, str]) -> Check:
    """Items that still show a sentence's subject pronoun that points to nothing."""

    def orphan(item: Item) -> str | None:
        pronoun = orphans.get(item.sentence_index)
        if pronoun is None:
            return None
        if not re.search(rf"\b{pronoun}\b", item.prompt, re.I):
            return None
        return f"the subject {pronoun!r} has no antecedent"

    return orphan


@article_rule("orphan", kinds=SINGLE_KINDS)
def orphan_rule(analysis: Analysis) -> Check:
    """The sentence's subject pronoun points to nothing the article said before ("It was
    the first satellite." with no "it" in sight), and the item still shows it."""
    return make_orphan_filter(analysis.orphans)
