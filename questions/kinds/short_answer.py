"""Short-answer items: real wh-questions from the parse, roles and speakers."""

from __future__ import annotations

from questions.kinds.base import Analysis, Candidate, accepted_for, make_item, mention_fact


def make_short_answer_items(analysis: Analysis) -> list[Candidate]:
    """A wh-question per mention the parse allows; "Who is the ...?"; "Who said ...?"."""
    candidates = []
    for mention in analysis.mentions:
        if mention.in_quote or not mention.question:
            continue
        item = make_item(
            analysis,
            "short_answer",
            mention.question,
            mention.answer,
            sentence=mention.sentence,
            tag=mention.tag,
            accepted=accepted_for(mention.answer, mention.tag, mention.prep),
        )
        candidates.append(Candidate(item, mention_fact(mention), mention.weight))
    for role in analysis.roles:
        verb = "was" if role.past else "is"
        article = "" if role.role[:1].isupper() and role.role.split()[0].endswith("’s") else "the "
        item = make_item(
            analysis,
            "short_answer",
            f"Who {verb} {article}{role.role}?",
            role.person,
            sentence=role.sentence,
            tag="person",
            accepted=accepted_for(role.person, "person"),
        )
        candidates.append(Candidate(item, f"{role.sentence}:{role.person.casefold()}", 0.9))
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
