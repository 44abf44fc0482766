"""Distractor rules: the wrong answers a multiple choice or a true/false swap must not offer,
because the question itself gives them away or makes them also true. They run in
questions.distractors.pick_distractors, for every wrong answer the article's pools offer."""

from __future__ import annotations

from questions.dates import outside_life, plausible_date
from questions.distractors import (
    Pools,
    beyond_total,
    impossible_share,
    named_in_prompt,
    pronoun_for,
    pronoun_of,
    related_elsewhere,
    similar_size,
)
from questions.facts import Mention, mention_key
from questions.rules.registry import distractor_rule

CHOICE_KINDS = ("mcq", "true_false")


@distractor_rule(kinds=CHOICE_KINDS)
def named_with_the_actors(other: str, mention: Mention, pools: Pools) -> bool:
    """The wrong answer is named with another actor of the question's sentence in some other
    sentence: it may be just as right ("A and B served the Khan")."""
    return related_elsewhere(other, mention, pools)


@distractor_rule(kinds=CHOICE_KINDS)
def count_of_another_size(other: str, mention: Mention, pools: Pools) -> bool:
    """A wrong count far from the answer's size (44 games beside 13 in a 16-game season):
    out by elimination."""
    return mention.tag == "number" and not similar_size(other, mention.answer)


@distractor_rule(kinds=CHOICE_KINDS)
def past_the_total(other: str, mention: Mention, pools: Pools) -> bool:
    """A wrong count past a total the sentence gives ("at least 19" wins in a 16-game
    schedule): the sentence itself rules it out."""
    return mention.tag == "number" and beyond_total(other, mention.answer, mention.cloze)


@distractor_rule(kinds=CHOICE_KINDS)
def share_over_whole(other: str, mention: Mention, pools: Pools) -> bool:
    """A share over 100% beside an answer that is a share of a whole ('154.8%' for
    '54.8%')."""
    return impossible_share(other, mention.answer)


@distractor_rule(kinds=CHOICE_KINDS)
def bare_first_name(other: str, mention: Mention, pools: Pools) -> bool:
    """A one-word name beside an answer of several words ("William" beside "Louis XIV"):
    the bare name stands out."""
    return mention.tag == "person" and len(mention.answer.split()) > 1 and " " not in other


@distractor_rule(kinds=("mcq",))
def named_in_the_question(other: str, mention: Mention, pools: Pools) -> bool:
    """The wrong answer is named in the question itself ("[Mark Khan] granted his brother
    _____ land" offering Mark Khan): out by elimination."""
    return named_in_prompt(other, mention.question or mention.cloze)


@distractor_rule(kinds=CHOICE_KINDS)
def implausible_date(other: str, mention: Mention, pools: Pools) -> bool:
    """A wrong date the question rules out: far from the answer, before a year the sentence
    names before the blank, before the answer for a planned event, or after the article was
    written for a past one."""
    return not plausible_date(other, mention.answer, mention.cloze, present=pools.present)


@distractor_rule(kinds=CHOICE_KINDS)
def not_of_the_series(other: str, mention: Mention, pools: Pools) -> bool:
    """A wrong year for a year that picks one of a series ("won the _____ election") that the
    article never gives that series: a made-up year may have had none (read 21 offered 2015
    and 2018 for a presidential election)."""
    return bool(mention.series) and mention.series not in pools.series.get(mention_key(other), ())


@distractor_rule(kinds=("mcq",))
def outside_the_life(other: str, mention: Mention, pools: Pools) -> bool:
    """A wrong year at or beyond the birth or death year of a life the article gives, when the
    answer falls within it: an event in that life needs a year in between."""
    return outside_life(other, mention.answer, pools.lives)


@distractor_rule(kinds=("mcq",))
def not_an_actor(other: str, mention: Mention, pools: Pools) -> bool:
    """A wrong person the article never has do anything, beside an answer who acts: the
    choices should all be people the question could be about."""
    return mention.tag == "person" and mention_key(other) not in pools.actors


@distractor_rule(kinds=CHOICE_KINDS)
def other_pronoun(other: str, mention: Mention, pools: Pools) -> bool:
    """A wrong person the article calls "she" where the question says "he" of the answer, or
    the other way round ("Ada Lund reflected on ... his own doubts"): the pronoun
    gives the swap away (reads 15-18: four verdicts)."""
    if mention.tag != "person":
        return False
    said = pronoun_of(mention.statement or mention.cloze)
    answer, wrong = pronoun_for(mention.answer, pools), pronoun_for(other, pools)
    return said is not None and answer in (None, said) and wrong is not None and wrong != said
