"""Cloze items: the key term blanked in its sentence."""

from __future__ import annotations

import re

from questions.facts import Mention, mention_key
from questions.kinds.base import (
    Analysis,
    Candidate,
    generic_word,
    mention_candidate,
)


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


BACKGROUND_TAGS = frozenset({"place", "group", "org"})
BACKGROUND_SHARE = 0.08
BACKGROUND_MIN = 6
POSSESSIVE_MIN = 3
THE_POSSESSIVE = re.compile(r"\b[Tt]he _____[’']s\b")


def everywhere(analysis: Analysis, mention: Mention) -> bool:
    """A place, group or organisation named all through the article ("Earth" in Oxygen, "NFL"
    in a football article) is the background: its blank is guessed without reading."""
    if mention.tag not in BACKGROUND_TAGS:
        return False
    count = len(analysis.pools.sentences_of.get(mention_key(mention.answer), ()))
    if count >= POSSESSIVE_MIN and THE_POSSESSIVE.search(mention.cloze):
        return True  # "the _____'s crust": a well-known body named again and again
    return count >= max(BACKGROUND_MIN, BACKGROUND_SHARE * len(analysis.sentences))


def make_cloze_items(analysis: Analysis) -> list[Candidate]:
    """One cloze per mention that is not inside a quotation."""
    candidates = []
    for mention in analysis.mentions:
        if (
            mention.in_quote
            or other_place_named(analysis, mention)
            or everywhere(analysis, mention)
            or generic_word(analysis, mention)
        ):
            continue
        candidates.append(mention_candidate(analysis, "cloze", mention.cloze, mention))
    return candidates
