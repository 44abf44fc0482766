"""Cloze items: the key term blanked in its sentence."""

from __future__ import annotations

from questions.kinds.base import Analysis, Candidate, accepted_for, make_item, mention_fact


def make_cloze_items(analysis: Analysis) -> list[Candidate]:
    """One cloze per mention that is not inside a quotation."""
    candidates = []
    for mention in analysis.mentions:
        if mention.in_quote:
            continue
        item = make_item(
            analysis,
            "cloze",
            mention.cloze,
            mention.answer,
            sentence=mention.sentence,
            tag=mention.tag,
            accepted=accepted_for(mention.answer, mention.tag, mention.prep),
        )
        candidates.append(Candidate(item, mention_fact(mention), mention.weight))
    return candidates
