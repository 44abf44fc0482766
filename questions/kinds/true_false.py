"""True/false items: the sentence as written, or with a same-type entity swapped in."""

from __future__ import annotations

from questions.distractors import pick_distractors
from questions.kinds.base import Analysis, Candidate, make_item, mention_fact, rng_for

# Swapping these gives a statement that is clearly false; places and groups often overlap
# (a capital stands for its country), so those only make true statements.
FALSIFIABLE = frozenset({"date", "number", "person", "org", "thing", "event", "work"})


def make_true_false_items(analysis: Analysis) -> list[Candidate]:
    """One statement per mention: true or false, decided by the article's seeded rng."""
    candidates = []
    for mention in analysis.mentions:
        if mention.in_quote or mention.statement.count(mention.answer) != 1:
            continue
        seed = f"{analysis.slug}|tf|{mention.sentence}|{mention.answer}"
        rng = rng_for(seed)
        wrong = pick_distractors(mention, analysis.pools, rng, count=1, exclude=(analysis.title,))
        make_false = mention.tag in FALSIFIABLE and bool(wrong) and rng.random() < 0.5
        if make_false:
            statement = mention.statement.replace(mention.answer, wrong[0], 1)
            answer = "False"
            explanation = f"The article says {mention.answer}, not {wrong[0]}: " + (
                analysis.sentences[mention.sentence].text
            )
        else:
            statement, answer, explanation = mention.statement, "True", ""
        item = make_item(
            analysis,
            "true_false",
            statement,
            answer,
            sentence=mention.sentence,
            tag=mention.tag,
            accepted=(answer,),
            choices=("True", "False"),
            explanation=explanation,
        )
        candidates.append(Candidate(item, mention_fact(mention), mention.weight))
    return candidates
