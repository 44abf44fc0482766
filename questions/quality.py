"""Filters that reject bad items, and the ranking that puts the key facts first."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from questions.facts import normalize
from questions.giveaways import (
    blank_glossed,
    counted_blank,
    list_member,
    lookalike,
    name_completion,
    open_description,
    related_word,
)
from questions.lexicon import (
    AMOUNT_WORDS,
    GROUP_NOUNS,
    NAME_WORD,
    NOT_NAMES,
    OBJECT_WHO,
    TYPE_NOUNS,
    YEAR_ALONE,
)
from questions.model import AGGREGATE_KINDS, BLANK, Item
from questions.referents import (
    glued_names,
    unnamed_referent,
    unnamed_setting,
    unresolved_start,
)

# Longer sentences make prompts a student has to read twice.
MAX_SOURCE_WORDS = 55
PRONOUN = re.compile(r"\b(?:he|she|it|they|him|her|them|his|its|their)\b", re.I)
DEMONSTRATIVE_START = re.compile(r"^(?:this|that|these|those|such)\b", re.I)
# "this boulevard", "these issues", "such schools", "the latter": what they point to is in
# another sentence ("such as" introduces examples and points nowhere).
DEMONSTRATIVE_INSIDE = re.compile(
    r"\b(?:this(?! (?:year|month|week)\b)|these|those|such(?! as\b)|the latter|the former)\b",
    re.I,
)
# A regnal number or a name's second half right after the blank: the blank is half a name.
HALF_NAME = re.compile(rf"{re.escape(BLANK)} [IVX]{{1,4}}\b")
# Exponents lost in extraction: "4 × 1010" for 4 × 10^10, "2n" for 2^n.
LOST_EXPONENT = re.compile(r"×\s*10\d|\b\d+n\d*\b")
VAGUE_GROUP = re.compile(rf"\b(?:the\s+)?(?:two|both)\s+(?:\w+\s+)?(?:{GROUP_NOUNS})\b", re.I)
WH_START = re.compile(r"^(?:who|what|when|where|which|how(?: many)?|according)\b", re.I)
DOUBLED_WORD = re.compile(r"\b(\w+) \1\b", re.I)
STRAY_PUNCTUATION = re.compile(r"\s[,.;:?]|,\s*[?.]|\(\s*\)")
DOUBLE_PREPOSITION = re.compile(
    r"\b(?:in|on|at|of|for|with|by|to|from|into)\s+(?:in|on|at|of|for|with|by|from|into)\b"
)
BLANK_COMMA_VERB = re.compile(
    r"^(?:The )?_____, (?:was|is|were|are|has|had|have|dates|became|remains|stands|lies)\b"
)
LINK = re.compile(r"https?://|www\.|@\w")
NAME_AFTER_COMMA = re.compile(r"\s*(?:the\s+)?[A-Z]")
LEADING_CONJUNCTION = re.compile(r"^(?:and|but|so|or|yet)\s+", re.I)
Filter = Callable[[Item], str | None]


def _text_answers(item: Item) -> list[str]:
    if not isinstance(item.answer, str) or item.kind == "true_false":
        return []
    return [a for a in {item.answer, *item.accepted} if len(a) >= 3 or a == item.answer]


def has_words(text: str, words: str) -> bool:
    """True when words occur in text with no letter or digit directly around them."""
    start = text.find(words)
    while start != -1:
        end = start + len(words)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
            return True
        start = text.find(words, start + 1)
    return False


def contains_answer(item: Item) -> str | None:
    """The prompt gives its own answer away."""
    prompt = item.prompt.casefold()
    for answer in _text_answers(item):
        if answer and has_words(prompt, answer.casefold()):
            return f"prompt contains its answer {answer!r}"
    return None


def dangling_reference(item: Item) -> str | None:
    """The prompt hangs on a pronoun or on "the two countries" with no antecedent in it."""
    if item.kind in AGGREGATE_KINDS:
        return None
    prompt = item.prompt
    body = LEADING_CONJUNCTION.sub("", prompt)
    if prompt.endswith("?"):
        body = WH_START.sub("", body).lstrip(" ,")
    if DEMONSTRATIVE_START.match(body):
        return "starts with a demonstrative"
    pointer = DEMONSTRATIVE_INSIDE.search(body)
    if pointer and not re.search(r"\[[^\]]+\]", body):
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


def quote_fragment(item: Item) -> str | None:
    """Unbalanced quotation marks, or a source sentence that starts mid-quote."""
    if item.kind in AGGREGATE_KINDS:
        return None
    prompt = item.prompt
    if prompt.count("“") != prompt.count("”") or prompt.count('"') % 2:
        return "unbalanced quotation marks"
    if item.source_sentence[:1].islower():
        return "sentence fragment"
    return None


def junk(item: Item) -> str | None:
    """Too short or too long source, links, or mostly non-letters."""
    words = item.source_sentence.split()
    if len(words) < 5 or len(words) > MAX_SOURCE_WORDS:
        return "source sentence length"
    if LINK.search(item.prompt):
        return "link or handle"
    texts = [item.prompt, item.answer] if isinstance(item.answer, str) else [item.prompt]
    if any(t.count("(") != t.count(")") for t in texts):
        return "unbalanced brackets"
    if any(ord(c) >= 0x2E80 for c in item.prompt):
        return "characters of a script the student may not read"
    letters = sum(map(str.isalpha, item.prompt))
    if letters < 0.6 * len(item.prompt.replace(" ", "").replace(BLANK, "")):
        return "mostly non-letters"
    if isinstance(item.answer, str) and len(item.answer.split()) > 14:
        return "answer too long"
    return None


def ungrammatical(item: Item) -> str | None:
    """Obviously broken questions: too short, doubled words, stray punctuation, lost
    exponents."""
    prompt = item.prompt
    if any(LOST_EXPONENT.search(str(text)) for text in (prompt, item.answer, *item.choices)):
        return "a number whose exponent was lost ('4 × 1010')"
    doubled = DOUBLED_WORD.search(prompt)
    if doubled and doubled.group(1).lower() not in ("that", "had"):
        return "doubled word"
    if STRAY_PUNCTUATION.search(prompt):
        return "stray punctuation"
    if BLANK_COMMA_VERB.search(prompt):
        return "a comma between the blank subject and its verb"
    if prompt.endswith("?") and DOUBLE_PREPOSITION.search(prompt):
        return "two prepositions in a row"
    if prompt.endswith("?") and len(prompt.split()) < 4:
        return "question too short"
    if item.kind == "cloze" and prompt.count(BLANK) != 1:
        return "cloze needs exactly one blank"
    if HALF_NAME.search(prompt):
        return "the blank leaves half a name ('_____ I was imprisoned' for Charles I)"
    if item.kind == "mcq":
        keys = [normalize(str(c)) for c in item.choices]
        if len(set(keys)) != 4 or keys.count(normalize(str(item.answer))) != 1:
            return "choices not four distinct with one answer"
    return None


def title_initials(title: str) -> str:
    """'United Methodist Church' -> 'umc' (the capitalised words' first letters)."""
    return "".join(w[0] for w in re.findall(r"[\w’'-]+", title) if w[:1].isupper()).lower()


def has_amount(answer: str) -> bool:
    """Digits or a number word: what a number blank must hold."""
    words = set(re.findall(r"[a-z]+", answer.lower()))
    return (
        any(c.isdigit() for c in answer)
        or bool(words & AMOUNT_WORDS)
        or any(w.endswith(("ty", "teen")) for w in words)
    )


def make_trivial_filter(title: str) -> Filter:
    """Answers that are the article's own topic ("Oxygen" in the article Oxygen), its
    initials ("UMC") or a one-word short form of it ("UChicago", "SoCal")."""
    topic = normalize(title)
    short_title = len(topic.split()) <= 3
    initials = title_initials(title)
    squashed = re.sub(r"\W", "", topic)
    title_words = [w for w in topic.split() if len(w) > 3]

    def trivial(item: Item) -> str | None:
        if not isinstance(item.answer, str) or item.kind == "true_false":
            return None
        key = normalize(item.answer)
        plural = key.removesuffix("s") == topic.removesuffix("s")  # "Huguenots" in "Huguenot"
        if key == topic or plural or (short_title and key and key in topic):
            return "answer is the article's topic"
        letters = re.sub(r"[^a-z]", "", key)
        acronym = not any(c.islower() for c in item.answer) and len(letters) >= 2
        if acronym and len(initials) >= 2 and letters in (initials, initials[:-1]):
            return "answer is the initials of the article's topic ('UMC', 'V&A')"
        one_word = " " not in key and len(key) > 3
        if one_word and key in title_words:
            return (
                "answer is a word of the article's own title ('Queen _____' in Victoria and Albert)"
            )
        short_form = any(key.endswith(w) or key.startswith(w) for w in title_words)
        if one_word and key not in title_words and (short_form or key in squashed):
            return "answer is a short form of the article's topic ('UChicago')"
        return None

    return trivial


EVERY = re.compile(r"\b(?:every|each)\b", re.I)
# A year, a decade or a century: what makes a date worth typing ("1961", "1960s", "19th").
DATE_WITH_YEAR = re.compile(r"\d{3,4}|\d0s\b|\b\d{1,2}(?:st|nd|rd|th)\b|century", re.I)
QUESTION_FRAGMENT = re.compile(r"[();]|:(?! “)")
BARE_RELATIVE = re.compile(r"(?<![,;])\s(?:who|whom|which)\s")
WHO_BE = re.compile(r"^Who (?:was|is|were|are|has been|had been)\b")
RELATIVE_DATE = re.compile(
    r"\b(?:this|last|next|that) (?:year|month|week|decade|century|spring|summer|autumn|"
    r"winter)\b|\bago\b|\byesterday\b|\btoday\b|\btomorrow\b",
    re.I,
)


EXACT_DIGITS = re.compile(r"\D|0+$")
NATIONALITY_BLANK = re.compile(r"_____ [a-z]")
FORMULA = re.compile(r"(?=\w*\d)(?:[A-Z][a-z]?\d*){1,4}")


def question_shape(item: Item) -> str | None:
    """Questions cut from brackets or lists, "Who" for what is no person, relative dates."""
    prompt = item.prompt
    if prompt.endswith("?") and QUESTION_FRAGMENT.search(prompt):
        return "question from a bracket or list fragment"
    if prompt.endswith("?") and BARE_RELATIVE.search(prompt[1:]):
        return "question interrupted by a relative clause"
    if WHO_BE.match(prompt) and item.tags[:1] != ("person",):
        return "'Who was' for an answer that is no person"
    if prompt.endswith("?") and len(YEAR_ALONE.findall(prompt)) > 1:
        return "question holds two dates"
    if OBJECT_WHO.match(prompt) and item.tags[:1] != ("person",):
        return "'Who' for an answer that is no person"
    typed = item.kind in ("cloze", "short_answer")
    if typed and item.tags[:1] == ("number",) and len(EXACT_DIGITS.sub("", str(item.answer))) > 5:
        return "a long exact figure to type ('1,178,914'): recall of digits, not of the fact"
    if item.kind != "true_false" and isinstance(item.answer, str) and item.answer in TYPE_NOUNS:
        return "the answer is a kind of place or body ('Centre'), not its name"
    named_thing = item.tags[:1] not in (("date",), ("number",))
    if named_thing and isinstance(item.answer, str) and FORMULA.fullmatch(item.answer):
        return "a chemical formula: its name is as right as its symbol ('O2', 'oxygen')"
    if prompt.startswith("Who ") and item.tags[:1] == ("place",):
        return "'Who' for a place: a city or country standing for its government"
    if item.tags[:1] == ("group",) and NATIONALITY_BLANK.search(prompt):
        return "a blank nationality before its noun ('an _____ football game')"
    named = bool(item.tags) and item.tags[0] not in ("date", "number", "role", "term")
    if named and isinstance(item.answer, str) and item.answer[:1].islower():
        return "a name that starts in lower case ('first Museum of Posters')"
    if isinstance(item.answer, str) and RELATIVE_DATE.search(item.answer):
        return "answer is a relative date"
    asks_number = item.tags[:1] == ("number",) and item.kind in ("cloze", "mcq", "short_answer")
    if asks_number and isinstance(item.answer, str) and not has_amount(item.answer):
        return "the number blank holds no number ('More than')"
    if (
        item.tags[:1] == ("date",)
        and isinstance(item.answer, str)
        and not DATE_WITH_YEAR.search(item.answer)
    ):
        return "a date without its year ('December 22', 'October'): half a date or trivia"
    if isinstance(item.answer, str) and item.kind != "true_false" and EVERY.search(item.answer):
        return "answer carries a frequency ('four every morning')"
    return None


def item_filters(title: str) -> tuple[Filter, ...]:
    """Every filter, in the order they run."""
    return (
        junk,
        contains_answer,
        dangling_reference,
        lost_antecedent,
        quote_fragment,
        ungrammatical,
        make_trivial_filter(title),
        blank_glossed,
        name_completion,
        related_word,
        unnamed_referent,
        unresolved_start,
        question_shape,
        list_member,
        counted_blank,
        unnamed_setting,
        glued_names,
        open_description,
        lookalike,
    )


def rejection(item: Item, filters: Iterable[Filter]) -> tuple[str, str] | None:
    """The first rule that rejects an item (its id, the filter's name) and its reason, or
    None when it passes."""
    for check in filters:
        reason = check(item)
        if reason:
            return check.__name__, reason
    return None
