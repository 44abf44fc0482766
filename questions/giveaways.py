"""Filters for giveaways: items a student can answer without having read the article."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from questions.lexicon import BLANK_TITLES, MULTIPLES, NAME_PARTICLES, NOT_NAMES, NUMBER_WORDS
from questions.model import AGGREGATE_KINDS, BLANK, Item
from questions.nlp import years_in

NAME_LIST = re.compile(
    r"[A-Z][\w’'-]*,? (?:and|or) _____|_____,? (?:and|or) [A-Z]"
    r"|[A-Z][\w’'-]*, (?:the )?_____(?:,| and | or )"
)
BLANK_GLOSSED = re.compile(r"\([^()]*_____|_____[’']?s?\s*\(|_____[^,;.()]{1,60}\((?:the )?[a-z]")
LONE_YEAR = re.compile(r"\(_____\)")
WORD_BEFORE_BLANK = re.compile(r"(\S+)\s+_____")
WORD_AFTER_BLANK = re.compile(r"_____\s+([A-Z][\w’'-]*)")
WORD = re.compile(r"[^\W\d_]+")
OF_NAME_AFTER_BLANK = re.compile(r"_____ of [A-Z]")
OTHER_BLANK = re.compile(r"\bother\s+_____")
FORMULA_COUNT = re.compile(r"[A-Z][a-z]?(\d)")
DIGIT_WORDS = {"2": "two", "3": "three", "4": "four"}


def blank_glossed(item: Item) -> str | None:
    """The blank sits in brackets or before them, which usually gloss it ("(the French church
    in _____)", "_____ (NFL)")."""
    prompt = item.prompt
    if item.tags[:1] == ("date",) and LONE_YEAR.search(prompt):
        if item.kind == "cloze" and len(years_in(str(item.answer))) > 1:
            return "a bracketed blank gives no hint that a span of years is asked"
        return None  # "the Battle of Bach Dang (_____)": the year of what is named before
    if BLANK in prompt and BLANK_GLOSSED.search(prompt):
        return "blank next to a bracketed gloss"
    return None


def name_completion(item: Item) -> str | None:
    """The blank completes a name whose other part is left in place ("Adolf _____")."""
    prompt = item.prompt
    if BLANK not in prompt or any(c.isdigit() for c in str(item.answer)):
        return None  # "the 2009 New Orleans Saints": a year before a name is no part of it
    before = WORD_BEFORE_BLANK.search(prompt)
    if before and before.start() > 0:
        word = before.group(1)
        possessive = word.endswith(("’s", "'s"))
        named = word[:1].isupper() and word not in BLANK_TITLES and word[-1].isalpha()
        if named and not possessive:
            return f"blank completes the name after {word!r}"
        if word.casefold() in NAME_PARTICLES:
            return f"blank completes a name after the particle {word!r}"  # "Marie de' _____"
    if " " not in str(item.answer) and OF_NAME_AFTER_BLANK.search(prompt):
        return "blank is the first part of a name ('_____ of Ockham')"
    after = WORD_AFTER_BLANK.search(prompt)
    if after and after.group(1) not in NOT_NAMES:
        return f"blank completes the name before {after.group(1)!r}"
    return None


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size


def related_word(item: Item) -> str | None:
    """Another form of the answer is in the prompt ("Chinese" with "China", "Mongol" with
    "Mongolica", "two" with "double bond"): the item can be answered without the article."""
    if item.kind in (*AGGREGATE_KINDS, "true_false") or not isinstance(item.answer, str):
        return None
    prompt_words = {w.casefold() for w in WORD.findall(item.prompt)}
    words = WORD.findall(item.answer)
    formula = FORMULA_COUNT.fullmatch(item.answer.strip())
    count = DIGIT_WORDS.get(formula.group(1)) if formula else None
    if count and re.search(rf"\b(?:{MULTIPLES[count]})\b", item.prompt, re.I):
        return f"prompt says the {count} of the formula another way"  # "O2" with "diatomic"
    person = item.tags[:1] == ("person",)
    for word in words:
        key = word.casefold()
        if key in MULTIPLES and re.search(rf"\b(?:{MULTIPLES[key]})\b", item.prompt, re.I):
            return f"prompt says {key} another way"
        # A word of a longer name ("Russian Orbital Station" and "orbit") is fine; a person's
        # surname is not ("John Calvin" and "Calvinist").
        surname = person and word == words[-1]
        if len(key) < 4 or not word[:1].isupper() or (len(words) > 1 and not surname):
            continue
        for other in prompt_words - {key}:
            shared = _common_prefix(key, other)
            if shared >= 4 and shared >= min(len(key), len(other)) - 3:
                return f"prompt has {other!r}, a form of the answer"
    return None


def list_member(item: Item) -> str | None:
    """A blanked name in a list ("Liu Heima and _____ served Ogödei Khan"): other names of the
    article may fit the list just as well."""
    if BLANK not in item.prompt or item.tags[:1] in (("date",), ("number",)):
        return None
    if NAME_LIST.search(item.prompt):
        return "blank is one name of a list"
    return None


# --- Counted blanks: the prompt counts the answer for the student -------------------------

# Spelled counts up to twelve; larger counts are written in digits in the texts this reads.
COUNT_WORDS = NUMBER_WORDS[:13]
BRACKET_AFTER_BLANK = re.compile(r"_____[^()]{0,40}\(([^()]*)\)")
ONE_ANOTHER = re.compile(r"\b(?:one|the first)\b.*\b(?:another|the other|a second|the second)\b")
LIST_AFTER_BLANK = re.compile(r"_____\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s*[,:–—]\s*(.+)")
LIST_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _count(answer: str) -> int | None:
    word = answer.strip().split()[0].lower() if answer.strip() else ""
    if word.replace(",", "").isdigit():
        return int(word.replace(",", ""))
    return COUNT_WORDS.index(word) if word in COUNT_WORDS else None


def counted_blank(item: Item) -> str | None:
    """A blank number the prompt gives away: the sum of a bracket after it ('_____ touchdowns
    (35 passing, 10 rushing)'), or a list of that many things ('_____ tutors, A and B')."""
    if not isinstance(item.answer, str) or BLANK not in item.prompt:
        return None
    value = _count(item.answer)
    if value is None:
        return None
    bracket = BRACKET_AFTER_BLANK.search(item.prompt)
    if bracket:
        parts = [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", bracket.group(1))]
        if len(parts) > 1 and sum(parts) == value:
            return "the bracket after the blank adds up to the answer"
    tail = item.prompt.split(BLANK, 1)[1]
    if 1 < value <= 4 and ONE_ANOTHER.search(tail):
        return "the prompt counts the items one by one after the blank"
    listed = LIST_AFTER_BLANK.search(item.prompt)
    if listed and 1 < value <= 6:
        clause = re.split(r"[;.]| who | which | that ", listed.group(1))[0]
        members = [m for m in LIST_SPLIT.split(clause) if m.strip()]
        if len(members) == value and all(m.strip()[:1].isupper() for m in members):
            return "the prompt lists as many names as the answer counts"
    return None


# --- Open descriptions: a blank subject of "was a ..." fits anyone the description fits ------

DESCRIBED_BLANK = re.compile(r"^_____ (?:was|is|were|are) (?:a|an|one of) ")


def open_description(item: Item) -> str | None:
    """'_____ was a Han Chinese who lived in the Jin dynasty': other people of the article may
    fit the description as well, so the blank has more than one right answer."""
    if item.kind in ("cloze", "mcq") and DESCRIBED_BLANK.match(item.prompt):
        return "the blank is the subject of a description others may fit"
    return None


# --- Look-alikes: the prompt spells the answer almost the same way ---------------------------

LOOKALIKE_RATIO = 80


def lookalike(item: Item) -> str | None:
    """The prompt holds a near spelling of the answer ("then known as Boschwick, now known as
    _____" for Bushwick), or the blank follows "other" ("several other _____ languages"), so
    the wording gives the answer away or any word of a kind fits."""
    if item.kind in (*AGGREGATE_KINDS, "true_false") or not isinstance(item.answer, str):
        return None
    if OTHER_BLANK.search(item.prompt):
        return "the blank follows 'other': any of its kind fits"
    answer = item.answer.casefold()
    counted = answer.split()[0] in NUMBER_WORDS  # "three years" is no spelling of "two years"
    if len(answer) < 5 or counted or any(c.isdigit() for c in answer):
        return None
    size = len(answer.split())
    words = WORD.findall(item.prompt.replace(BLANK, " "))
    for i in range(len(words) - size + 1):
        window = " ".join(words[i : i + size]).casefold()
        if window != answer and fuzz.ratio(window, answer) >= LOOKALIKE_RATIO:
            return f"the prompt has {window!r}, spelled almost like the answer"
    return None
