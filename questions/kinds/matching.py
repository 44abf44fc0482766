"""Matching items: people with their roles, events with their dates."""

from __future__ import annotations

from collections.abc import Sequence

from questions.facts import Mention
from questions.kinds.base import Analysis, Candidate, make_item, rng_for
from questions.kinds.timeline import dated_events
from questions.lexicon import RANKS
from questions.model import Item

MIN_PAIRS = 3
MAX_PAIRS = 5


def thin_pair(person: str, role: str) -> bool:
    """A role that is only a rank ('King', 'southern Duke': of what?) or a name with a title
    glued on ('Duke Kong Zhu'): the pair does not single the person out."""
    words = role.split()
    # "King", "southern Duke"; not "Roman general" (a people's rank says whose).
    cut = len(words) == 1 or (words[-1][:1].isupper() and all(w.islower() for w in words[:-1]))
    rank_only = words[-1].lower() in RANKS and cut
    return rank_only or person.split()[0].lower() in RANKS


def _matching(
    analysis: Analysis, prompt: str, pairs: list[tuple[str, str]], sentence: int, tag: str
) -> Item:
    rng = rng_for(analysis.slug, "matching", prompt)
    lefts = list(pairs)
    rng.shuffle(lefts)
    rights = [right for _, right in pairs]
    rng.shuffle(rights)
    return make_item(
        analysis,
        "matching",
        prompt,
        [[left, right] for left, right in lefts],
        sentence=sentence,
        tag=tag,
        choices=tuple(rights),
        explanation="\n".join(f"{left}: {right}" for left, right in pairs),
        level=min(0.3 + 0.07 * len(pairs), 0.95),
    )


def make_matching_items(analysis: Analysis, mentions: Sequence[Mention]) -> list[Candidate]:
    """People-roles when three or more people have roles; events-dates likewise (of the dated
    events the mention rules let through)."""
    candidates = []
    roles = analysis.roles[:MAX_PAIRS]
    if len(roles) >= MIN_PAIRS and not any(thin_pair(r.person, r.role) for r in roles):
        pairs = [(r.person, r.role) for r in roles]
        item = _matching(
            analysis, "Match each person with their role.", pairs, roles[0].sentence, "person"
        )
        candidates.append(Candidate(item, "matching:roles"))
    events = dated_events(mentions)
    if len(events) >= MIN_PAIRS:
        # Events not used by the first timeline, so the two items ask different facts.
        chosen = events[-MAX_PAIRS:] if len(events) >= 2 * MAX_PAIRS else events[:MAX_PAIRS]
        pairs = [(m.event or "", m.answer) for _, m in chosen]
        item = _matching(
            analysis, "Match each event with its date.", pairs, chosen[0][1].sentence, "date"
        )
        candidates.append(Candidate(item, "matching:dates"))
    return candidates
