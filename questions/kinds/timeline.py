"""Timeline items: three to five dated events of the article, put in order."""

from __future__ import annotations

from collections.abc import Sequence

from questions.facts import Mention, date_key
from questions.kinds.base import Analysis, Candidate, make_item, rng_for

MIN_EVENTS = 3


MAX_EVENTS = 5


def dated_events(mentions: Sequence[Mention]) -> list[tuple[tuple[int, int, int], Mention]]:
    """Events with a year, one per distinct date, in article order (of the mentions the
    timeline and matching mention rules let through)."""
    events: list[tuple[tuple[int, int, int], Mention]] = []
    seen_keys: set[tuple[int, int, int]] = set()
    seen_events: set[str] = set()
    for mention in mentions:
        key = date_key(mention.answer)
        if key is None or not mention.event:
            continue
        if key in seen_keys or mention.event in seen_events:
            continue
        seen_keys.add(key)
        seen_events.add(mention.event)
        events.append((key, mention))
    return events


def make_timeline_items(analysis: Analysis, mentions: Sequence[Mention]) -> list[Candidate]:
    """Timelines over consecutive groups of the article's dated events."""
    events = dated_events(mentions)
    if len(events) < MIN_EVENTS:
        return []
    count = -(-len(events) // MAX_EVENTS)  # groups of three to five events
    sizes = [len(events) // count + (1 if i < len(events) % count else 0) for i in range(count)]
    groups, begin = [], 0
    for size in sizes:
        groups.append(events[begin : begin + size])
        begin += size
    candidates = []
    for number, group in enumerate(groups):
        ordered = sorted(group, key=lambda pair: pair[0])
        answer = [m.event or "" for _, m in ordered]
        choices = list(answer)
        rng = rng_for(analysis.slug, "timeline", number)
        while choices == answer:
            rng.shuffle(choices)
        explanation = "\n".join(f"{m.answer}: {m.event}" for _, m in ordered)
        item = make_item(
            analysis,
            "timeline",
            "Put these events in order, earliest first.",
            answer,
            sentence=ordered[0][1].sentence,
            tag="date",
            choices=tuple(choices),
            explanation=explanation,
            level=min(0.4 + 0.08 * len(answer), 0.95),
        )
        candidates.append(Candidate(item, f"timeline:{number}"))
    return candidates
