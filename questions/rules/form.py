"""Rules on an item's form: the length and script of its sentence, broken punctuation,
doubled words, lost exponents, a blank or choices of the wrong number."""

from __future__ import annotations

import re

from questions.facts import mention_key
from questions.model import BLANK, Item
from questions.rules.registry import SINGLE_KINDS, rule

# Longer sentences make prompts a student has to read twice.
MAX_SOURCE_WORDS = 55
MIN_SOURCE_WORDS = 5
MAX_ANSWER_WORDS = 14
LINK = re.compile(r"https?://|www\.|@\w")
# A regnal number or a name's second half right after the blank: the blank is half a name.
HALF_NAME = re.compile(rf"{re.escape(BLANK)} [IVX]{{1,4}}\b")
# Exponents lost in extraction: "4 × 1010" for 4 × 10^10, "2n" for 2^n.
LOST_EXPONENT = re.compile(r"×\s*10\d|\b\d+n\d*\b")
DOUBLED_WORD = re.compile(r"\b(\w+) \1\b", re.I)
STRAY_PUNCTUATION = re.compile(r"\s[,.;:?]|,\s*[?.]|\(\s*\)")
DOUBLE_PREPOSITION = re.compile(
    r"\b(?:in|on|at|of|for|with|by|to|from|into)\s+(?:in|on|at|of|for|with|by|from|into)\b"
)
BLANK_COMMA_VERB = re.compile(
    r"^(?:The )?_____, (?:was|is|were|are|has|had|have|dates|became|remains|stands|lies)\b"
)


@rule()
def source_length(item: Item) -> str | None:
    """The source sentence is too short to ask about or too long to read in one go."""
    words = item.source_sentence.split()
    if len(words) < MIN_SOURCE_WORDS or len(words) > MAX_SOURCE_WORDS:
        return "source sentence length"
    return None


@rule()
def question_sentence(item: Item) -> str | None:
    """The source sentence is a question ("Will the mill ever reopen?"): it asks, it states
    no fact, so a statement, a blank or a question made of it has no key in the article."""
    if item.source_sentence.rstrip(" \"'”’)").endswith("?"):
        return "the source sentence is a question"
    return None


@rule()
def colon_ending(item: Item) -> str | None:
    """The source sentence ends in a colon ("The mayor wrote in her diary:"): what it
    announces (a quotation, a list) comes after it, and the item would ask without it."""
    if item.source_sentence.rstrip().endswith(":"):
        return "the source sentence ends in a colon"
    return None


@rule(kinds=("mcq",))
def role_question(item: Item) -> str | None:
    """ "Who was X?" with roles for choices ("local doctor who", "researcher"): in reads
    1-10 none of 46 verdicts on 21 such items in 14 articles was acceptable; a role cut from an
    apposition is seldom a whole description, and other people's roles rarely make plausible
    wrong answers."""
    return "a role question" if item.tags[:1] == ("role",) else None


@rule()
def link_or_handle(item: Item) -> str | None:
    """The prompt holds a web address or a handle."""
    return "link or handle" if LINK.search(item.prompt) else None


@rule()
def unbalanced_brackets(item: Item) -> str | None:
    """The prompt or the answer opens a bracket it does not close, or the other way round."""
    texts = [item.prompt, item.answer] if isinstance(item.answer, str) else [item.prompt]
    if any(t.count("(") != t.count(")") for t in texts):
        return "unbalanced brackets"
    return None


@rule()
def foreign_script(item: Item) -> str | None:
    """The prompt has characters of a script the student may not read (CJK and beyond)."""
    if not item.prompt.isascii() and any(ord(c) >= 0x2E80 for c in item.prompt):
        return "characters of a script the student may not read"
    return None


@rule()
def mostly_non_letters(item: Item) -> str | None:
    """The prompt is mostly digits and signs, not words."""
    letters = sum(map(str.isalpha, item.prompt))
    if letters < 0.6 * len(item.prompt.replace(" ", "").replace(BLANK, "")):
        return "mostly non-letters"
    return None


@rule()
def answer_too_long(item: Item) -> str | None:
    """The answer is a clause, not a fact (more than fourteen words)."""
    if isinstance(item.answer, str) and len(item.answer.split()) > MAX_ANSWER_WORDS:
        return "answer too long"
    return None


@rule(kinds=SINGLE_KINDS)
def quote_fragment(item: Item) -> str | None:
    """Unbalanced quotation marks, or a source sentence that starts mid-quote."""
    prompt = item.prompt
    if prompt.count("“") != prompt.count("”") or prompt.count('"') % 2:
        return "unbalanced quotation marks"
    if item.source_sentence[:1].islower():
        return "sentence fragment"
    return None


@rule()
def lost_exponent(item: Item) -> str | None:
    """A number whose exponent was lost in extraction ('4 × 1010' for 4 × 10^10)."""
    if any(LOST_EXPONENT.search(str(text)) for text in (item.prompt, item.answer, *item.choices)):
        return "a number whose exponent was lost ('4 × 1010')"
    return None


@rule()
def doubled_word(item: Item) -> str | None:
    """The prompt says a word twice in a row ('did did'); 'that that' and 'had had' are
    English."""
    doubled = DOUBLED_WORD.search(item.prompt)
    if doubled and doubled.group(1).lower() not in ("that", "had"):
        return "doubled word"
    return None


@rule()
def stray_punctuation(item: Item) -> str | None:
    """Punctuation after a space, a comma before the end, or empty brackets: a cut went
    wrong."""
    return "stray punctuation" if STRAY_PUNCTUATION.search(item.prompt) else None


@rule()
def blank_comma_verb(item: Item) -> str | None:
    """A comma between the blank subject and its verb ('The _____, dates back to ...')."""
    if BLANK_COMMA_VERB.search(item.prompt):
        return "a comma between the blank subject and its verb"
    return None


@rule()
def double_preposition(item: Item) -> str | None:
    """A question with two prepositions in a row ('slacken in on account of'): a phrase
    was cut out."""
    if item.prompt.endswith("?") and DOUBLE_PREPOSITION.search(item.prompt):
        return "two prepositions in a row"
    return None


@rule()
def question_too_short(item: Item) -> str | None:
    """A question of fewer than four words ('When was it?') asks nothing in particular."""
    if item.prompt.endswith("?") and len(item.prompt.split()) < 4:
        return "question too short"
    return None


@rule(kinds={"cloze"})
def one_blank(item: Item) -> str | None:
    """A cloze has exactly one blank."""
    return "cloze needs exactly one blank" if item.prompt.count(BLANK) != 1 else None


@rule()
def half_name(item: Item) -> str | None:
    """The blank leaves half a name in place: a regnal number after it ('_____ I')."""
    if HALF_NAME.search(item.prompt):
        return "the blank leaves half a name ('_____ I was imprisoned' for Charles I)"
    return None


@rule(kinds={"mcq"})
def four_choices(item: Item) -> str | None:
    """A multiple-choice item has four distinct choices, one of them the answer."""
    keys = [mention_key(str(c)) for c in item.choices]
    if len(set(keys)) != 4 or keys.count(mention_key(str(item.answer))) != 1:
        return "choices not four distinct with one answer"
    return None
