"""Multiple-choice items: one right answer and three wrong ones of the same type."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from questions.dates import life_spans, outside_life, plausible_date
from questions.distractors import (
    is_variant,
    pick_distractors,
)
from questions.facts import Mention, mention_key
from questions.kinds.base import (
    Analysis,
    Candidate,
    make_item,
    mention_fact,
    rng_for,
)
from questions.lexicon import OBJECT_WHO


def _choices(answer: str, wrong: list[str], seed: str) -> tuple[str, ...]:
    choices = [answer, *wrong]
    rng_for(seed, "order").shuffle(choices)
    return tuple(choices)


def actors(mentions: Iterable[Mention]) -> frozenset[str]:
    """People the article has do something: answers of a subject question ('Who built ...?')."""
    return frozenset(
        mention_key(m.answer)
        for m in mentions
        if m.tag == "person"
        and (m.question or "").startswith("Who ")
        and not OBJECT_WHO.match(m.question or "")
    )


def named_in_prompt(choice: str, prompt: str) -> bool:
    """True when a wrong answer is named in the prompt itself ('[Möngke Khan] granted ...')."""
    words = [w for w in mention_key(choice).split() if len(w) > 2]
    text = mention_key(prompt)
    return mention_key(choice) in text or any(w in text.split() for w in words)


def mcq_wrong_answers(
    analysis: Analysis,
    mention: Mention,
    prompt: str,
    seed: str,
    doers: frozenset[str],
    spans: list[tuple[int, int]],
) -> list[str]:
    """Up to three wrong answers: not named in the prompt, plausible dates, within the
    answer's life, and for a person other people who act in the article."""
    present = analysis.pools.present
    wrong = pick_distractors(mention, analysis.pools, rng_for(seed), 8, (analysis.title,))
    wrong = [w for w in wrong if not named_in_prompt(w, prompt)]
    wrong = [w for w in wrong if plausible_date(w, mention.answer, mention.cloze, present=present)]
    wrong = [w for w in wrong if not outside_life(w, mention.answer, spans)]
    if mention.tag == "person":  # wrong people who also act in the article, like the answer
        wrong = [w for w in wrong if mention_key(w) in doers]
    return wrong[:3]


def make_mcq_items(analysis: Analysis, mentions: Sequence[Mention]) -> list[Candidate]:
    """An mcq with three distractors per mention the mcq may ask (its mention rules in
    questions/rules/); plus role and speaker questions."""
    candidates = []
    doers = actors(analysis.mentions)
    spans = life_spans(s.text for s in analysis.sentences)
    for mention in mentions:
        prompt = mention.question or mention.cloze
        seed = f"{analysis.slug}|mcq|{mention.sentence}|{mention.answer}"
        wrong = mcq_wrong_answers(analysis, mention, prompt, seed, doers, spans)
        if len(wrong) < 3:
            continue
        item = make_item(
            analysis,
            "mcq",
            prompt,
            mention.answer,
            sentence=mention.sentence,
            tag=mention.tag,
            accepted=(mention.answer,),
            choices=_choices(mention.answer, wrong, seed),
        )
        candidates.append(Candidate(item, mention_fact(mention), mention.weight))
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
        candidates.append(Candidate(item, f"role:{role.person.casefold()}", 0.9))
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
        candidates.append(Candidate(item, f"{quote.sentence}:{quote.speaker.casefold()}", 0.8))
    return candidates
