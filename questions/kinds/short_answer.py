"""Short-answer items: real wh-questions from the parse, and speakers."""

from __future__ import annotations

from questions.distractors import in_pool
from questions.kinds.base import (
    Analysis,
    Candidate,
    accepted_for,
    generic_word,
    make_item,
    mention_candidate,
)


def make_short_answer_items(analysis: Analysis) -> list[Candidate]:
    """A wh-question per mention the parse allows; "Who said ...?".

    No "Who was the Dominican friar?": without the article at hand such a role names no one.
    """
    candidates = []
    for mention in analysis.mentions:
        if mention.in_quote or not mention.question or generic_word(analysis, mention):
            continue
        if mention.tag == "person" and not in_pool(mention, analysis.pools):
            continue  # "Who did Kublai proclaim the Great Capital?": a place taken for a person
        candidates.append(mention_candidate(analysis, "short_answer", mention.question, mention))
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
        candidates.append(Candidate(item, f"{quote.sentence}:{quote.speaker.casefold()}", 0.8))
    return candidates
