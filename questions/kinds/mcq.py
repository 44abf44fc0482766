"""Multiple-choice items: one right answer and three wrong ones of the same type."""

from __future__ import annotations

from collections.abc import Sequence

from questions.distractors import is_variant, pick_distractors
from questions.facts import Mention
from questions.kinds.base import (
    Analysis,
    Candidate,
    make_item,
    mention_fact,
    rng_for,
)


def _choices(answer: str, wrong: list[str], seed: str) -> tuple[str, ...]:
    choices = [answer, *wrong]
    rng_for(seed, "order").shuffle(choices)
    return tuple(choices)


def make_mcq_items(analysis: Analysis, mentions: Sequence[Mention]) -> list[Candidate]:
    """An mcq with three distractors per mention the mcq may ask (its mention rules in
    questions/rules/); plus role and speaker questions."""
    candidates = []
    for mention in mentions:
        seed = f"{analysis.slug}|mcq|{mention.sentence}|{mention.answer}"
        title = (analysis.title,)
        wrong = pick_distractors(mention, analysis.pools, rng_for(seed), 3, title, kind="mcq")
        if len(wrong) < 3:
            continue
        item = make_item(
            analysis,
            "mcq",
            mention.question or mention.cloze,
            mention.answer,
            sentence=mention.sentence,
            tag=mention.tag,
            accepted=(mention.answer,),
            choices=_choices(mention.answer, wrong, seed),
        )
        candidates.append(Candidate(item, mention_fact(mention)))
    roles = analysis.roles
    named = {m.answer for m in analysis.mentions if m.tag == "person"}
    for role in roles:
        if " " not in role.role or role.person not in named:
            continue  # a bare "founder" says little; "Who was" a place is no question
        # Bare titles ("King", "Professor") among described roles stand out as wrong.
        others = [
            r.role
            for r in roles
            if r is not role and not is_variant(r.role, role.role) and " " in r.role
        ]
        if len(others) < 3:
            continue
        seed = f"{analysis.slug}|mcq-role|{role.person}"
        rng_for(seed).shuffle(others)
        verb = "was" if role.past else "is"
        item = make_item(
            analysis,
            "mcq",
            f"According to the article, who {verb} {role.person}?",
            role.role,
            sentence=role.sentence,
            tag="role",
            accepted=(role.role,),
            choices=_choices(role.role, others[:3], seed),
        )
        candidates.append(Candidate(item, f"role:{role.person.casefold()}"))
    people = sorted({m.answer for m in analysis.mentions if m.tag == "person"})
    for quote in analysis.quotes:
        others = [p for p in people if not is_variant(p, quote.speaker)]
        if len(others) < 3:
            continue
        seed = f"{analysis.slug}|mcq-quote|{quote.sentence}"
        rng_for(seed).shuffle(others)
        verb = "said" if quote.past else "says"
        item = make_item(
            analysis,
            "mcq",
            f"Who {verb}: “{quote.quote}”?",
            quote.speaker,
            sentence=quote.sentence,
            tag="person",
            accepted=(quote.speaker,),
            choices=_choices(quote.speaker, others[:3], seed),
        )
        candidates.append(Candidate(item, f"{quote.sentence}:{quote.speaker.casefold()}"))
    return candidates
