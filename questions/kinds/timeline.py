"""Timeline items: three to five dated events of the article, put in order."""

from __future__ import annotations

import re
from collections.abc import Sequence

from questions.facts import Mention, date_key
from questions.kinds.base import Analysis, Candidate, make_item, rng_for
from questions.lexicon import ARTICLES, WORD_TOKEN

POINTING_WORD = re.compile(r"\b(?:here|there|this|that|these|those)$|\bhere\b", re.I)
MIN_EVENTS = 3


def names_its_subject(event: str) -> bool:
    """True when the event names who or what it is about ("China launched ...", not "The
    building opened" or "Two missions are planned"), and has no "here"."""
    words = event.split()[1:]
    named = any(w[:1].isupper() or w[:1] == "[" for w in words) or event.split()[0][:1] == "["
    first_is_name = (
        bool(words)
        and event[:1].isupper()
        and event.split()[0].lower()
        not in ("the", "a", "an", "two", "three", "four", "some", "many", "most", "its", "their")
    )
    return (named or first_is_name) and not POINTING_WORD.search(event)


MAX_EVENTS = 5


def glued(event: str, source: str) -> bool:
    """True when cutting the date's clause out glued two parts of the sentence together
    ("sailed to North America Great Britain's colonies", "besieged Xiangyang the last
    obstacle"): a name or an article follows a word it did not follow in the sentence."""
    words = WORD_TOKEN.findall(re.sub(r"\[[^\]]*\]", " ", event))
    tokens = WORD_TOKEN.findall(source)
    pairs = set(zip(tokens, tokens[1:], strict=False))
    for first, second in zip(words, words[1:], strict=False):
        joined = second[:1].isupper() or second.lower() in ARTICLES
        if joined and first in tokens and second in tokens and (first, second) not in pairs:
            return True
    return False


def dated_events(analysis: Analysis) -> list[tuple[tuple[int, int, int], Mention]]:
    """Events with a year, one per distinct date, in article order."""
    events: list[tuple[tuple[int, int, int], Mention]] = []
    seen_keys: set[tuple[int, int, int]] = set()
    seen_events: set[str] = set()
    for mention in analysis.mentions:
        key = date_key(mention.answer)
        if key is None or not mention.event or mention.in_quote:
            continue
        if not names_its_subject(mention.event):
            continue
        if glued(mention.event, analysis.sentences[mention.sentence].text):
            continue
        if key in seen_keys or mention.event in seen_events:
            continue
        seen_keys.add(key)
        seen_events.add(mention.event)
        events.append((key, mention))
    return events


def make_timeline_items(analysis: Analysis, mentions: Sequence[Mention]) -> list[Candidate]:
    """Timelines over consecutive groups of the article's dated events (of all its mentions:
    no mention rule applies to timelines)."""
    events = dated_events(analysis)
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
        candidates.append(Candidate(item, f"timeline:{number}", 0.97 - 0.01 * number))
    return candidates
