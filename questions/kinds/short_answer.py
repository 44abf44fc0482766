"""Short-answer items: real wh-questions from the parse, and speakers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from questions.answers import accepted_for
from questions.facts import Mention
from questions.kinds.base import Analysis, Candidate, make_item, mention_candidate


def make_short_answer_items(analysis: Analysis, mentions: Sequence[Mention]) -> list[Candidate]:
    """A wh-question per mention the short answer may ask (each has its question: mention
    rules in questions/rules/); "Who said ...?".

    No "Who was the Dominican friar?": without the article at hand such a role names no one.
    """
    candidates = []
    for mention in mentions:
        question = str(mention.question)
        candidate = mention_candidate(analysis, "short_answer", question, mention)
        counted = HOW_MANY.match(question)
        if counted and mention.answer[-1:].isdigit():  # "How many points ...?": "308 points"
            extra = f"{mention.answer} {counted.group(1)}"
            candidate = replace(
                candidate, item=replace(candidate.item, accepted=(*candidate.item.accepted, extra))
            )
        if question.startswith("Where "):
            candidate = with_places_around(analysis, candidate, question)
        candidates.append(candidate)
    for quote in analysis.quotes:
        verb = "said" if quote.past else "says"
        item = make_item(
            analysis,
            "short_answer",
            f"Who {verb}: “{quote.quote}”?",
            quote.speaker,
            sentence=quote.sentence,
            tag="person",
            accepted=accepted_for(quote.speaker, "person"),
        )
        candidates.append(Candidate(item, f"{quote.sentence}:{quote.speaker.casefold()}"))
    return candidates


# What may stand between a place and the place it lies in: "in the San Francisco Bay Area at".
LOCATION_CHAIN = re.compile(r"(?:\s*(?:,|in|at|near|the|[A-Z][\w’'.-]*))*\s*")
HOW_MANY = re.compile(r"How many ([a-z]+)\b")
LOCATED = re.compile(r"\b(?:in|at|near)\b")


def with_places_around(analysis: Analysis, candidate: Candidate, question: str) -> Candidate:
    """'Where was the game played?' is answered by the stadium and by the town the sentence
    puts it in right after ('Levi's Stadium in the San Francisco Bay Area at Santa Clara')."""
    item = candidate.item
    sentence = analysis.sentences[item.sentence_index].text
    end = sentence.find(str(item.answer))
    if end < 0:
        return candidate
    end += len(str(item.answer))
    found = sorted(
        (sentence.find(m.answer, end), m.answer)
        for m in analysis.mentions
        if m.sentence == item.sentence_index
        and m.tag == "place"
        and m.answer not in question
        and sentence.find(m.answer, end) >= end
    )
    places: list[str] = []
    for start, place in found:
        between = sentence[end:start]
        # "in the Bay Area at Santa Clara", or ", California" right after a place taken
        linked = LOCATED.search(between) or (places and between.strip() == ",")
        if not (LOCATION_CHAIN.fullmatch(between) and linked):
            break
        places.append(place)
        end = start + len(place)
    if not places:
        return candidate
    accepted = tuple(dict.fromkeys([*item.accepted, *places]))
    return replace(candidate, item=replace(item, accepted=accepted))
