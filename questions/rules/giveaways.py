"""Rules against giveaways: items a student can answer without having read the article
(the prompt holds the answer or a form of it, a name's other half, a count of it)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from questions.facts import mention_key
from questions.lexicon import (
    ACRONYM,
    BLANK_TITLES,
    MULTIPLES,
    NAME_PARTICLES,
    NOT_NAMES,
    NUMBER_WORDS,
    ONE_ANOTHER,
    PLAIN_WORD,
    TITLES,
    TYPE_NOUNS,
    has_words,
)
from questions.model import BLANK, Item
from questions.nlp import years_in
from questions.rules.registry import ANSWER_KINDS, Check, article_rule, rule

if TYPE_CHECKING:
    from questions.kinds.base import Analysis

NAME_LIST = re.compile(
    r"[A-Z][\w’'-]*,? (?:and|or) _____|_____,? (?:and|or) [A-Z]"
    r"|[A-Z][\w’'-]*, (?:the )?_____(?:,| and | or )"
)
BLANK_GLOSSED = re.compile(r"\([^()]*_____|_____[’']?s?\s*\(|_____[^,;.()]{1,60}\((?:the )?[a-z]")
LONE_YEAR = re.compile(r"\(_____\)")
WORD_BEFORE_BLANK = re.compile(r"(\S+)\s+_____")
WORD_AFTER_BLANK = re.compile(r"_____\s+([A-Z][\w’'-]*)")
PARTICLE_AFTER_BLANK = re.compile(r"_____\s+([a-z][\w’']*)\s+[A-Z]")
LETTER_RUN = re.compile(r"[^\W\d_]+")  # letters only: "Mongol" of "Mongol-ruled"
OF_NAME_AFTER_BLANK = re.compile(r"_____ of [A-Z]")
OTHER_BLANK = re.compile(r"\bother\s+_____")
FORMULA_COUNT = re.compile(r"[A-Z][a-z]?(\d)")
DIGIT_WORDS = {"2": "two", "3": "three", "4": "four"}


def _text_answers(item: Item) -> list[str]:
    """The item's answer and accepted forms (three letters or more), each once, sorted: the
    first found in the prompt is named the same way whatever PYTHONHASHSEED is."""
    if not isinstance(item.answer, str):
        return []
    return sorted(a for a in {item.answer, *item.accepted} if len(a) >= 3 or a == item.answer)


@rule(kinds=ANSWER_KINDS)
def contains_answer(item: Item) -> str | None:
    """The prompt gives its own answer away."""
    prompt = item.prompt.casefold()
    for answer in _text_answers(item):
        if answer and has_words(prompt, answer.casefold()):
            return f"prompt contains its answer {answer!r}"
    return None


def title_initials(title: str) -> str:
    """'United Methodist Church' -> 'umc' (the capitalised words' first letters)."""
    return "".join(w[0] for w in re.findall(r"[\w’'-]+", title) if w[:1].isupper()).lower()


def make_trivial_filter(title: str) -> Check:
    """Answers that are the article's own topic ("Oxygen" in the article Oxygen), a name of
    several words its title gives, a person it names by surname, its initials ("UMC") or a
    one-word short form of it ("UChicago", "SoCal")."""
    topic = mention_key(title)
    short_title = len(topic.split()) <= 3
    initials = title_initials(title)
    squashed = re.sub(r"\W", "", topic)
    title_words = [w for w in topic.split() if len(w) > 3]
    # The title's words without the quotation marks around them ("unveils 'night ferry' plan").
    plain_topic = f" {' '.join(PLAIN_WORD.findall(topic))} "
    # Its acronyms of two or three letters ("HCB hears the case") count as words too.
    acronyms = {w.casefold() for w in PLAIN_WORD.findall(title) if ACRONYM.fullmatch(w)}

    def trivial(item: Item) -> str | None:
        if not isinstance(item.answer, str):
            return None
        key = mention_key(item.answer)
        plural = key.removesuffix("s") == topic.removesuffix("s")  # "Huguenots" in "Huguenot"
        if key == topic or plural or (short_title and key and key in topic):
            return "answer is the article's topic"
        if " " in key and f" {' '.join(PLAIN_WORD.findall(key))} " in plain_topic:
            return "answer is a name of several words from the article's title"
        if " " in key and "person" in item.tags and key.split()[-1] in title_words:
            # Reads 11-19: 2 of 20 acceptable ("Judge _____" in "Quill and the court: ...").
            return "answer is a person the article's title names by surname"
        letters = re.sub(r"[^a-z]", "", key)
        acronym = not any(c.islower() for c in item.answer) and len(letters) >= 2
        if acronym and len(initials) >= 2 and letters in (initials, initials[:-1]):
            return "answer is the initials of the article's topic ('UMC', 'V&A')"
        one_word = " " not in key and len(key) > 3
        if (one_word and key in title_words) or key in acronyms:
            return (
                "answer is a word of the article's own title ('Queen _____' in Victoria and Albert)"
            )
        short_form = any(key.endswith(w) or key.startswith(w) for w in title_words)
        if one_word and key not in title_words and (short_form or key in squashed):
            return "answer is a short form of the article's topic ('UChicago')"
        return None

    return trivial


@article_rule("trivial", kinds=ANSWER_KINDS)
def trivial_rule(analysis: Analysis) -> Check:
    """The answer is the article's own topic, its initials or a short form of its title:
    the student knows it from the title alone."""
    return make_trivial_filter(analysis.title)


@rule()
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


@rule()
def name_completion(item: Item) -> str | None:
    """The blank completes a name whose other part is left in place ("Adolf _____", or "the
    Queen _____" when the answer is no person: "Queen" is then part of "Queen Street")."""
    prompt, answer = item.prompt, str(item.answer)
    # An answer with digits is no part of the name after it ("the 2009 New Orleans Saints",
    # "In _____ China launched") unless it ends in a name's word ("#12 Morning" Place).
    last = answer.split()[-1] if answer.split() else ""
    name_end = last.isalpha() and last[:1].isupper() and "date" not in item.tags[:1]
    if BLANK not in prompt or (any(c.isdigit() for c in answer) and not name_end):
        return None
    before = WORD_BEFORE_BLANK.search(prompt)
    # "the 2009 New Orleans Saints": a year before a name is no part of it
    if before and before.start() > 0 and not any(c.isdigit() for c in answer):
        word = before.group(1)
        possessive = word.endswith(("’s", "'s"))
        # "President _____" before a person; not "Queen _____" for "Street East", which the
        # model called a person but whose first word says it is a street.
        person = "person" in item.tags and str(item.answer).split()[0] not in TYPE_NOUNS
        title = word in BLANK_TITLES and person
        named = word[:1].isupper() and not title and word[-1].isalpha()
        if named and not possessive:
            return f"blank completes the name after {word!r}"
        if word.casefold() in NAME_PARTICLES:
            return f"blank completes a name after the particle {word!r}"  # "Marie de' _____"
    if " " not in str(item.answer) and OF_NAME_AFTER_BLANK.search(prompt):
        return "blank is the first part of a name ('_____ of Ockham')"
    after = WORD_AFTER_BLANK.search(prompt)
    if after and after.group(1) not in NOT_NAMES:
        return f"blank completes the name before {after.group(1)!r}"
    particle = PARTICLE_AFTER_BLANK.search(prompt)  # "Baron _____ von Holt"
    if particle and particle.group(1).casefold() in NAME_PARTICLES:
        return f"blank completes the name before {particle.group(1)!r}"
    return None


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size


@rule(kinds=ANSWER_KINDS)
def related_word(item: Item) -> str | None:
    """Another form of the answer is in the prompt ("Chinese" with "China", "Mongol" with
    "Mongolica", "two" with "double bond"): the item can be answered without the article."""
    if not isinstance(item.answer, str):
        return None
    prompt_words = {w.casefold() for w in LETTER_RUN.findall(item.prompt)}
    words = LETTER_RUN.findall(item.answer)
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
        for other in sorted(prompt_words - {key}):  # sorted: the same reason on every run
            shared = _common_prefix(key, other)
            if shared >= 4 and shared >= min(len(key), len(other)) - 3:
                return f"prompt has {other!r}, a form of the answer"
    return None


@rule()
def list_member(item: Item) -> str | None:
    """A blanked name in a list ("Liu Heima and _____ served Ogödei Khan"): other names of the
    article may fit the list just as well."""
    if BLANK not in item.prompt or item.tags[:1] in (("date",), ("number",)):
        return None
    if NAME_LIST.search(item.prompt):
        return "blank is one name of a list"
    return None


# Verbs that report a remark; verbs that give a thinker's idea ("argues that", "concluded
# that", "believed") are not among them, nor "wrote", which also names an author's work.
SPEECH_VERBS = (
    r"(?:said|says|told|tells|recalls|recalled|added|adds|remarked|remarks|stated|states"
    r"|claimed|claims)"
)
SPEAKER_BLANK = re.compile(
    rf"_____,? (?:\w+ly )?{SPEECH_VERBS}\b"
    # "“...,” said _____, a professor": the speaker after the verb
    rf"|[”\"],? (?:\w+ly )?{SPEECH_VERBS} (?:(?:Dr|Rev|Mr|Mrs|Ms|Prof)\.? )?_____"
    # "“...,” said Ada Berg, the chief buyer of _____ fish": in the attribution's aside
    rf"|^[“\"][^”\"]+[”\"],? (?:\w+ly )?{SPEECH_VERBS}\b[^“\"]*_____"
    # "“...,” _____, a clerk at the harbour office, said": the speaker before the verb
    rf"|[”\"],? _____,? [^“”\"]*?\b{SPEECH_VERBS}\b"
)


@rule(kinds=("cloze", "mcq"))
def blank_speaker(item: Item) -> str | None:
    """The blank is who made a remark ("_____ told me", "_____ recalls", "said _____") or
    lies in the attribution after a quotation: the remark is the article's point, its speaker
    a passing name (in reads 1-10 none of 56 verdicts on 18 such items in 8 articles was
    acceptable, in read 11 none of 4 with the speaker after the verb; a thinker's idea,
    "_____ argues that ...", is another matter)."""
    return "the blank is who made a remark" if SPEAKER_BLANK.search(item.prompt) else None


QUOTE_QUESTION = re.compile(r"^Who (?:said|says): “")
SPEAKER_MIN_PARAGRAPHS = 5
NAME_GOES_ON = re.compile(r" [A-Z]")


@article_rule("minor_speaker", kinds=("short_answer", "mcq"))
def minor_speaker(analysis: Analysis) -> Check:
    """ "Who said: “...”?" asks a speaker the article names in one paragraph only: a passer-by
    or a source quoted once, whose name is not what a reader should keep. Reads 11-21: such
    items were acceptable 2 times in 12 where the speaker stays in one paragraph, 15 in 23
    where the article comes back to them in another, 4 in 4 in three or more. (A text in a
    few paragraphs, pasted without its breaks, says nothing by them.)"""
    paragraphs = len({s.paragraph for s in analysis.sentences})

    def minor(item: Item) -> str | None:
        if not QUOTE_QUESTION.match(item.prompt) or not isinstance(item.answer, str):
            return None
        if paragraphs < SPEAKER_MIN_PARAGRAPHS:
            return None
        named = {s.paragraph for s in analysis.sentences if names_speaker(s.text, item.answer)}
        return "the speaker is named in one paragraph only" if len(named) <= 1 else None

    return minor


def names_speaker(text: str, name: str) -> bool:
    """The text names the person: by the full name, or by the surname alone or after a title
    ("Berg", "Dr. Berg"), not as part of someone else's name ("Mayor Tom Berg" or "the Berg
    Harbour Board" do not name Ada Berg)."""
    if has_words(text, name):
        return True
    words = name.split()
    if len(words) < 2:
        return False
    for match in re.finditer(rf"\b{re.escape(words[-1])}\b", text):
        before = text[: match.start()].split()
        previous = before[-1] if before else ""
        longer = NAME_GOES_ON.match(text[match.end() :])  # "Berg Harbour Board"
        if (not previous[:1].isupper() or previous in TITLES) and not longer:
            return True
    return False


QUOTED_STATEMENT = re.compile(  # "“...,” Dr. Lee, the director, said ..."
    rf"^[“\"][^”\"]+[”\"],? [^“\"]*\b{SPEECH_VERBS}\b|{SPEECH_VERBS}\.$"
)


@rule(kinds={"true_false"})
def quoted_statement(item: Item) -> str | None:
    """A statement that is someone's remark with its attribution ("“That is why they need
    it,” Lee said."): true, it asks to recognise the words; false, it swaps the speaker, as a
    blank on the speaker does (read 11: none of the 8 verdicts on two such statements was
    acceptable; read 13: 2 of 4 with the speaker's title between the quote and "said")."""
    return "a quoted remark with its speaker" if QUOTED_STATEMENT.search(item.prompt) else None


# --- Counted blanks: the prompt counts the answer for the student -------------------------

# Spelled counts up to twelve; larger counts are written in digits in the texts this reads.
COUNT_WORDS = NUMBER_WORDS[:13]
BRACKET_AFTER_BLANK = re.compile(r"_____[^()]{0,40}\(([^()]*)\)")
LIST_AFTER_BLANK = re.compile(r"_____\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?\s*[,:–—]\s*(.+)")
LIST_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _count(answer: str) -> int | None:
    word = answer.strip().split()[0].lower() if answer.strip() else ""
    if word.replace(",", "").isdigit():
        return int(word.replace(",", ""))
    return COUNT_WORDS.index(word) if word in COUNT_WORDS else None


@rule()
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


@rule(kinds={"cloze", "mcq"})
def open_description(item: Item) -> str | None:
    """'_____ was a Han Chinese who lived in the Jin dynasty': other people of the article may
    fit the description as well, so the blank has more than one right answer."""
    if DESCRIBED_BLANK.match(item.prompt):
        return "the blank is the subject of a description others may fit"
    return None


# --- Look-alikes: the prompt spells the answer almost the same way ---------------------------

LOOKALIKE_RATIO = 80


@rule(kinds=ANSWER_KINDS)
def lookalike(item: Item) -> str | None:
    """The prompt holds a near spelling of the answer ("then known as Boschwick, now known as
    _____" for Bushwick), or the blank follows "other" ("several other _____ languages"), so
    the wording gives the answer away or any word of a kind fits."""
    if not isinstance(item.answer, str):
        return None
    if OTHER_BLANK.search(item.prompt):
        return "the blank follows 'other': any of its kind fits"
    answer = item.answer.casefold()
    counted = answer.split()[0] in NUMBER_WORDS  # "three years" is no spelling of "two years"
    if len(answer) < 5 or counted or any(c.isdigit() for c in answer):
        return None
    size = len(answer.split())
    words = LETTER_RUN.findall(item.prompt.replace(BLANK, " "))
    for i in range(len(words) - size + 1):
        window = " ".join(words[i : i + size]).casefold()
        if window != answer and fuzz.ratio(window, answer) >= LOOKALIKE_RATIO:
            return f"the prompt has {window!r}, spelled almost like the answer"
    return None
