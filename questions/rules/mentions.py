"""Mention rules: which of the article's mentions a kind may ask at all, judged before the
kind makers run (a quotation's words, a common noun the writer capitalised, a place named all
through the article ...). The makers then only make."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from questions.distractors import confirmed_person, in_pool, initials
from questions.facts import Mention, mention_key
from questions.lexicon import ARTICLES, REPORT_WORDS, STATISTIC, WORD_TOKEN
from questions.model import BLANK
from questions.nlp import years_in
from questions.rules.registry import mention_rule
from questions.syntax import PRONOUNS

if TYPE_CHECKING:
    from questions.kinds.base import Analysis

# Only answers whose type the model tags reliably get multiple choice: organisations, groups
# and places mix kinds (a venue with an event, a religion with a language), so their wrong
# answers are often of the wrong type or also right.
MCQ_TAGS = frozenset({"date", "number", "person"})
BACKGROUND_TAGS = frozenset({"place", "group", "org"})
BACKGROUND_SHARE = 0.08
BACKGROUND_MIN = 6
POSSESSIVE_MIN = 3
THE_POSSESSIVE = re.compile(r"\b[Tt]he _____[’']s\b")
REPORTED = re.compile(f"{REPORT_WORDS}|{STATISTIC}", re.I)
OBJECT_PRONOUN = re.compile(r"\b(?:it|them|him)\b")
POINTING_WORD = re.compile(r"\b(?:here|there|this|that|these|those)$|\bhere\b", re.I)


@mention_rule(kinds=("short_answer",))
def no_question(analysis: Analysis, mention: Mention) -> bool:
    """The parse gives no safe wh-question whose answer is the mention."""
    return not mention.question


@mention_rule(kinds=("mcq",))
def unreliable_type(analysis: Analysis, mention: Mention) -> bool:
    """Only dates, numbers and people get multiple choice: organisations, groups and places
    mix kinds (a venue with an event, a religion with a language), so their wrong answers
    are often of the wrong type or also right."""
    return mention.tag not in MCQ_TAGS


@mention_rule(kinds=("cloze", "short_answer", "mcq", "true_false", "timeline", "matching"))
def in_quote(analysis: Analysis, mention: Mention) -> bool:
    """The mention is inside a quotation: the words are the speaker's, not a fact the
    article states."""
    return mention.in_quote


@mention_rule(kinds=("cloze", "short_answer", "mcq", "true_false"))
def command(analysis: Analysis, mention: Mention) -> bool:
    """The sentence is advice or an instruction in the imperative ("Instead of buying, try
    waiting a week", "Take the ferry in 1990."): no claim a statement could make true or false
    (read 12: 0 of 4), nor a fact to recall."""
    return mention.sentence in analysis.commands


@mention_rule(kinds=("cloze", "short_answer", "mcq", "true_false"))
def fragment(analysis: Analysis, mention: Mention) -> bool:
    """The sentence states nothing: it has no verb (a caption, "Two of the harbour cranes.")
    or it is one item of a numbered list ("2. A dredger (a steam one)."; read 17 got a
    "False" statement by changing the item's number)."""
    return mention.sentence in analysis.fragments


@mention_rule(kinds=("mcq",))
def doubtful_person(analysis: Analysis, mention: Mention) -> bool:
    """A person the article does not confirm as a safe name (one word never part of a full
    name, or no safe pick of its type): the wrong people beside it would be guesses."""
    if mention.tag != "person":
        return False
    confirmed = confirmed_person(mention.answer, analysis.name_words)
    return not (confirmed and in_pool(mention, analysis.pools))


@mention_rule(kinds=("short_answer",))
def person_not_in_pool(analysis: Analysis, mention: Mention) -> bool:
    """A 'person' who is no safe pick of its type ("Who did Kublai proclaim the Great
    Capital?": a place taken for a person)."""
    return mention.tag == "person" and not in_pool(mention, analysis.pools)


def person_blank_fits(prompt: str) -> bool:
    """A person mcq only as a subject question ('Who built ...?'): a blank after a role or
    kinship word ('his brother _____', 'King _____', 'marriage to _____') asks for one kind of
    person that the article's other people rarely share, so the wrong answers stand out."""
    return prompt.startswith("Who ") and BLANK not in prompt


@mention_rule(kinds=("mcq",))
def person_not_subject(analysis: Analysis, mention: Mention) -> bool:
    """A person asked other than as a subject ('Who built ...?'): a blank after a role or
    kinship word ('his brother _____', 'King _____') asks for one kind of person that the
    article's other people rarely share, so the wrong answers stand out."""
    return mention.tag == "person" and not person_blank_fits(mention.question or mention.cloze)


@mention_rule(kinds=("true_false",))
def answer_not_once(analysis: Analysis, mention: Mention) -> bool:
    """The statement does not write the answer exactly once: a false version swaps one
    occurrence only, so one swap cannot make the whole statement false."""
    return mention.statement.count(mention.answer) != 1


@mention_rule(kinds=("cloze", "short_answer"))
def generic_word(analysis: Analysis, mention: Mention) -> bool:
    """A one-word answer the article also writes in lower case ("the Centre", "the Palace")
    is a common noun, not a name: blanking it asks which noun the writer capitalised."""
    word = mention.answer
    return (
        mention.tag not in ("person", "date", "number")
        and mention.label != "DEFINED"  # the name the article gives to what it describes
        and " " not in word
        and word.lower() in analysis.lower_words
    )


@mention_rule(kinds=("cloze",))
def other_place_named(analysis: Analysis, mention: Mention) -> bool:
    """A place blanked next to another place ("Moscow and _____"): a capital stands for its
    country, so the country or another city may be just as right. A nationality blanked next
    to a place ("Beijing ... importing _____ electronics") is guessed from the place."""
    if mention.tag not in ("place", "group"):
        return False
    key = mention_key(mention.answer)
    return any(
        analysis.pools.tags_of.get(mention_key(other)) == "place" and mention_key(other) != key
        for other in analysis.pools.by_sentence.get(mention.sentence, ())
    )


@mention_rule(kinds=("cloze",))
def everywhere(analysis: Analysis, mention: Mention) -> bool:
    """A place, group or organisation named all through the article ("Earth" in Oxygen, "NFL"
    in a football article) is the background: its blank is guessed without reading."""
    if mention.tag not in BACKGROUND_TAGS:
        return False
    count = len(analysis.pools.sentences_of.get(mention_key(mention.answer), ()))
    if count >= POSSESSIVE_MIN and THE_POSSESSIVE.search(mention.cloze):
        return True  # "the _____'s crust": a well-known body named again and again
    return count >= max(BACKGROUND_MIN, BACKGROUND_SHARE * len(analysis.sentences))


def names_its_subject(event: str, lower_words: frozenset[str] = frozenset()) -> bool:
    """True when the event names who or what it is about ("China launched ...", not "The
    building opened", "Two missions are planned" or "Minor changes were made", whose first
    word the article writes in lower case elsewhere), and has no "here" and no opening
    "This" or "Its" left unresolved."""
    first, *words = event.split()
    opening = first.lower()
    named = any(w[:1].isupper() or w[:1] == "[" for w in words) or first[:1] == "["
    first_is_name = (
        bool(words)
        and first[:1].isupper()
        and opening
        not in ("the", "a", "an", "two", "three", "four", "some", "many", "most", "its", "their")
        and opening.strip(",") not in lower_words
    )
    pointing = bool(POINTING_WORD.search(event)) or opening in PRONOUNS  # "This", "Its"
    return (named or first_is_name) and not pointing


def glued(event: str, source: str) -> bool:
    """True when cutting the date's clause out glued two parts of the sentence together
    ("sailed to North America Great Britain's colonies", "besieged Xiangyang the last
    obstacle"): a name or an article follows a word it did not follow in the sentence."""
    words = WORD_TOKEN.findall(re.sub(r"\[[^\]]*\]", " ", event))
    tokens = WORD_TOKEN.findall(source)
    pairs = set(zip(tokens, tokens[1:], strict=False))
    for first, second in zip(words, words[1:], strict=False):
        joined = second[:1].isupper() or second.lower() in ARTICLES
        if joined and first in tokens and second in tokens and (first, second) not in pairs:
            return True
    return False


@mention_rule(kinds=("cloze", "short_answer", "mcq"))
def date_of_a_report(analysis: Analysis, mention: Mention) -> bool:
    """The date dates a finding or a figure, not an event: the year of a study, a survey, a
    census, an estimate, a share ("a survey in _____ found", "in _____, 41 percent ...").
    Read verdicts of reads 1-15: 2 of 36 dates asked from sentences with those words were
    acceptable and 2 of 34 beside a statistic, against 274 of 850 other dates."""
    return mention.tag == "date" and bool(REPORTED.search(mention.cloze))


@mention_rule(kinds=("timeline", "matching"))
def event_without_subject(analysis: Analysis, mention: Mention) -> bool:
    """A dated event that does not name who or what it is about ("The building opened", "Two
    missions are planned") or says "here": put in order with others, it points at nothing."""
    event = str(mention.event or "")
    return bool(event) and not names_its_subject(event, analysis.lower_words)


@mention_rule(kinds=("timeline", "matching"))
def glued_event(analysis: Analysis, mention: Mention) -> bool:
    """Cutting the date's clause out of the sentence glued two of its parts together ("sailed
    to North America Great Britain's colonies"): the event reads wrong."""
    source = analysis.sentences[mention.sentence].text
    return bool(mention.event) and glued(str(mention.event), source)


@mention_rule(kinds=("timeline", "matching"))
def event_with_object_pronoun(analysis: Analysis, mention: Mention) -> bool:
    """The event names what it acts on by a pronoun ("The council sold it"): put in order
    with others, away from its sentence, "it" points at nothing."""
    return bool(mention.event) and bool(OBJECT_PRONOUN.search(str(mention.event)))


@mention_rule(kinds=("timeline", "matching"))
def event_with_another_date(analysis: Analysis, mention: Mention) -> bool:
    """The event names a year of its own besides the date it is put in order by ("Coins
    struck in 1420 were found", dated by their finding in 1903): a student cannot
    tell which date counts."""
    return bool(mention.event) and bool(years_in(str(mention.event)))


PROTAGONIST_SHARE = 0.25
PASSING_MIN_SENTENCES = 40
NAME_TAGS = frozenset({"person", "org", "place", "group", "event"})
PROTAGONIST_MIN = BACKGROUND_MIN


@mention_rule(kinds=("cloze", "short_answer", "mcq"))
def protagonist(analysis: Analysis, mention: Mention) -> bool:
    """A person (or a name the model took for an organisation) named in a quarter of the
    article's sentences or more is whom the article is about, whatever its title calls them
    ("Haddad" in an article titled "Omar ibn Haddad al-Basri"): "Who ...?" is guessed
    without reading."""
    if mention.tag not in ("person", "org"):
        return False
    count = len(analysis.pools.sentences_of.get(mention_key(mention.answer), ()))
    return count >= max(PROTAGONIST_MIN, PROTAGONIST_SHARE * len(analysis.sentences))


@mention_rule(kinds=("cloze", "short_answer", "mcq"))
def passing_name(analysis: Analysis, mention: Mention) -> bool:
    """A name the article writes in one sentence only (an expert quoted once, a city given as
    an example, a programme named in passing) is nothing a reader is meant to remember. Read
    verdicts of reads 8-15 on names asked by cloze, mcq or short answer: acceptable 9% of 164
    names of several words whose last word the article writes once, 16% of 134 one-word names
    written once, against 40-46% of names written three times or more. A short text names
    everything once or twice; only in a long one is a single mention a passing one."""
    words = mention.answer.split()
    if mention.tag not in NAME_TAGS or not words:
        return False
    if len(analysis.sentences) < PASSING_MIN_SENTENCES:
        return False
    # A person by surname; anything else by its name or its initials ("NHB" for "Northern
    # Harbour Board", which an article writes once in full and then by its initials).
    names = (words[-1],) if mention.tag == "person" else (mention.answer, initials(mention.answer))
    return analysis.sentences_naming(names) <= 1
