"""Choosing a quiz's questions: a mix of kinds in proportion, fresh items first, one per fact.

Pure functions over the item rows storage gives (id, kind, answer,
source_sentence); randomness only through the `random.Random` passed in, so a seeded
generator gives the same quiz every time.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

_SPACES = re.compile(r"\W+")


def fact_keys(item: Mapping[str, Any]) -> set[str]:
    """What makes two items the same fact: the same source sentence or the same answer."""
    keys = set()  # not sentence_index: hand-made items leave it at its default, 0
    sentence = _SPACES.sub(" ", (item.get("source_sentence") or "").lower()).strip()
    if sentence:
        keys.add(f"t:{sentence}")
    answer = item.get("answer")
    if not isinstance(answer, str):
        answer = json.dumps(answer, ensure_ascii=False, sort_keys=True)
    answer = _SPACES.sub(" ", answer.lower()).strip()
    if answer:
        keys.add(f"a:{answer}")
    return keys


def kind_quota(counts: Mapping[str, int], limit: int) -> dict[str, int]:
    """How many questions of each kind a quiz of `limit` gets: in proportion to the kinds'
    counts (largest remainder), but at least one of each kind when there is room for it."""
    kinds = [k for k, n in counts.items() if n > 0]
    total = sum(counts[k] for k in kinds)
    if not kinds or limit <= 0:
        return {}
    floor = 1 if limit >= len(kinds) else 0
    quota = {k: min(counts[k], floor) for k in kinds}
    left = limit - sum(quota.values())
    shares = {k: (counts[k] / total) * left for k in kinds}
    for k in kinds:
        quota[k] = min(counts[k], quota[k] + int(shares[k]))
    # Hand out what the floors left by the largest remainders (then the biggest kinds).
    order = sorted(kinds, key=lambda k: (-(shares[k] - int(shares[k])), -counts[k], k))
    while sum(quota.values()) < min(limit, total):
        grew = False
        for k in order:
            if sum(quota.values()) >= min(limit, total):
                break
            if quota[k] < counts[k]:
                quota[k] += 1
                grew = True
        if not grew:
            break
    return quota


def choose_items(
    items: Sequence[Mapping[str, Any]],
    limit: int | None,
    rng: random.Random,
    *,
    right: Collection[str] = (),
    seen: Collection[str] = (),
) -> list[str]:
    """The ids of a new quiz's questions, shuffled.

    Items never answered right come first (before a kind's seats), and among those the ones
    not asked in this visitor's earlier quizzes; within a tier the order is random (rank
    breaks no ties, so each new quiz differs). Kinds get seats in proportion (kind_quota); a
    kind that runs out of facts gives its seats to the others. No two chosen items share a
    fact (fact_keys). `limit` None means as many as there are distinct facts.
    """
    tiered = sorted(
        ((item["id"] in right, item["id"] in seen, rng.random(), item) for item in items),
        key=lambda row: row[:3],
    )
    ordered = [row[3] for row in tiered]
    counts: dict[str, int] = {}
    for item in ordered:
        counts[item["kind"]] = counts.get(item["kind"], 0) + 1
    quota = kind_quota(counts, len(ordered) if limit is None else limit)
    wanted = sum(quota.values())
    used: set[str] = set()
    chosen: list[Mapping[str, Any]] = []
    chosen_ids: set[str] = set()
    taken: dict[str, int] = dict.fromkeys(counts, 0)

    def take(pool: Iterable[Mapping[str, Any]], within_quota: bool) -> None:
        for item in pool:
            if len(chosen) >= wanted:
                return
            if within_quota and taken[item["kind"]] >= quota.get(item["kind"], 0):
                continue
            keys = fact_keys(item)
            if item["id"] in chosen_ids or keys & used:
                continue
            chosen.append(item)
            chosen_ids.add(item["id"])
            used.update(keys)
            taken[item["kind"]] += 1

    # Items answered right wait until the others run out, even past a kind's seats.
    not_right = [item for item in ordered if item["id"] not in right]
    take(not_right, within_quota=True)
    take(not_right, within_quota=False)  # seats a kind could not fill with new facts
    take(ordered, within_quota=True)
    take(ordered, within_quota=False)
    rng.shuffle(chosen)
    return [item["id"] for item in chosen]
