"""Rules on the shape of what is asked: questions cut from brackets or lists, "Who" for what
is no person, answers that are half a date, a type noun, a formula or a frequency."""

from __future__ import annotations

import re

from questions.lexicon import AMOUNT_WORDS, OBJECT_WHO, TYPE_NOUNS, YEAR_ALONE
from questions.model import Item
from questions.rules.registry import ANSWER_KINDS, TYPED_KINDS, rule

QUESTION_FRAGMENT = re.compile(r"[();]|:(?! “)")
BARE_RELATIVE = re.compile(r"(?<![,;])\s(?:who|whom|which)\s")
WHO_BE = re.compile(r"^Who (?:was|is|were|are|has been|had been)\b")
EXACT_DIGITS = re.compile(r"\D|0+$")
MAX_TYPED_DIGITS = 5
# A chemical formula ("O2", "CO2", "H2O"): letters of elements with at least one digit.
CHEMICAL_FORMULA = re.compile(r"(?=\w*\d)(?:[A-Z][a-z]?\d*){1,4}")
NATIONALITY_BLANK = re.compile(r"_____ [a-z]")
RELATIVE_DATE = re.compile(
    r"\b(?:this|last|next|that) (?:year|month|week|decade|century|spring|summer|autumn|"
    r"winter)\b|\bago\b|\byesterday\b|\btoday\b|\btomorrow\b",
    re.I,
)
# A year, a decade or a century: what makes a date worth typing ("1961", "1960s", "19th").
DATE_WITH_YEAR = re.compile(r"\d{3,4}|\d0s\b|\b\d{1,2}(?:st|nd|rd|th)\b|century", re.I)
EVERY = re.compile(r"\b(?:every|each)\b", re.I)


def has_amount(answer: str) -> bool:
    """Digits or a number word: what a number blank must hold."""
    words = set(re.findall(r"[a-z]+", answer.lower()))
    return (
        any(c.isdigit() for c in answer)
        or bool(words & AMOUNT_WORDS)
        or any(w.endswith(("ty", "teen")) for w in words)
    )


def _tag(item: Item) -> str:
    return item.tags[0] if item.tags else ""


@rule()
def bracket_fragment(item: Item) -> str | None:
    """A question cut from a bracket or a list (it keeps a bracket, a semicolon or a colon)."""
    if item.prompt.endswith("?") and QUESTION_FRAGMENT.search(item.prompt):
        return "question from a bracket or list fragment"
    return None


@rule()
def bare_relative(item: Item) -> str | None:
    """A question interrupted by a relative clause without its comma ('... the man who ...')."""
    if item.prompt.endswith("?") and BARE_RELATIVE.search(item.prompt[1:]):
        return "question interrupted by a relative clause"
    return None


@rule()
def who_was_no_person(item: Item) -> str | None:
    """'Who was ...?' for an answer that is no person."""
    if WHO_BE.match(item.prompt) and _tag(item) != "person":
        return "'Who was' for an answer that is no person"
    return None


@rule()
def two_dates(item: Item) -> str | None:
    """A question that holds two years: which one the answer belongs to is unclear."""
    if item.prompt.endswith("?") and len(YEAR_ALONE.findall(item.prompt)) > 1:
        return "question holds two dates"
    return None


@rule()
def who_did_no_person(item: Item) -> str | None:
    """'Who did ...?' for an answer that is no person."""
    if OBJECT_WHO.match(item.prompt) and _tag(item) != "person":
        return "'Who' for an answer that is no person"
    return None


@rule(kinds=TYPED_KINDS)
def long_figure(item: Item) -> str | None:
    """A long exact figure to type ('1,178,914'): recall of digits, not of the fact."""
    digits = EXACT_DIGITS.sub("", str(item.answer))
    if _tag(item) == "number" and len(digits) > MAX_TYPED_DIGITS:
        return "a long exact figure to type ('1,178,914'): recall of digits, not of the fact"
    return None


@rule(kinds=ANSWER_KINDS)
def type_noun_answer(item: Item) -> str | None:
    """The answer is a kind of place or body ('Centre'), not its name."""
    if isinstance(item.answer, str) and item.answer in TYPE_NOUNS:
        return "the answer is a kind of place or body ('Centre'), not its name"
    return None


@rule()
def formula_answer(item: Item) -> str | None:
    """A chemical formula as the answer: its name is as right as its symbol ('O2',
    'oxygen')."""
    named_thing = _tag(item) not in ("date", "number")
    if named_thing and isinstance(item.answer, str) and CHEMICAL_FORMULA.fullmatch(item.answer):
        return "a chemical formula: its name is as right as its symbol ('O2', 'oxygen')"
    return None


@rule()
def who_for_place(item: Item) -> str | None:
    """'Who' for a place: a city or country standing for its government."""
    if item.prompt.startswith("Who ") and _tag(item) == "place":
        return "'Who' for a place: a city or country standing for its government"
    return None


@rule()
def nationality_blank(item: Item) -> str | None:
    """A blank nationality before its noun ('an _____ football game')."""
    if _tag(item) == "group" and NATIONALITY_BLANK.search(item.prompt):
        return "a blank nationality before its noun ('an _____ football game')"
    return None


@rule()
def lower_case_name(item: Item) -> str | None:
    """A name that starts in lower case ('first Museum of Posters'): a cut too far left."""
    named = bool(item.tags) and item.tags[0] not in ("date", "number", "role", "term")
    if named and isinstance(item.answer, str) and item.answer[:1].islower():
        return "a name that starts in lower case ('first Museum of Posters')"
    return None


@rule()
def relative_date(item: Item) -> str | None:
    """The answer is a relative date ('last year', 'ago'): true only when it was written."""
    if isinstance(item.answer, str) and RELATIVE_DATE.search(item.answer):
        return "answer is a relative date"
    return None


@rule(kinds=ANSWER_KINDS)
def number_without_amount(item: Item) -> str | None:
    """The number blank holds no number ('More than')."""
    if _tag(item) == "number" and isinstance(item.answer, str) and not has_amount(item.answer):
        return "the number blank holds no number ('More than')"
    return None


@rule()
def date_without_year(item: Item) -> str | None:
    """A date without its year ('December 22', 'October'): half a date, or trivia."""
    if (
        _tag(item) == "date"
        and isinstance(item.answer, str)
        and not DATE_WITH_YEAR.search(item.answer)
    ):
        return "a date without its year ('December 22', 'October'): half a date or trivia"
    return None


@rule(kinds=ANSWER_KINDS)
def frequency_answer(item: Item) -> str | None:
    """The answer carries a frequency ('four every morning')."""
    if isinstance(item.answer, str) and EVERY.search(item.answer):
        return "answer carries a frequency ('four every morning')"
    return None
