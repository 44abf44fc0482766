"""Choosing a quiz's questions: a mix of kinds in proportion, fresh items first, one per fact.

Pure functions over the item rows storage gives (id, kind, answer,
source_sentence); randomness only through the `random.Random` passed in, so a seeded
generator gives the same quiz every time.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any

_SPACES = re.compile(r"\W+")


def fact_keys(item: Mapping[str, Any]) -> set[str]:
    """What makes two items the same fact: the same source sentence or the same answer (not
    a true/false key: every statement's answer is True or False)."""
    keys = set()  # not sentence_index: hand-made items leave it at its default, 0
    sentence = _SPACES.sub(" ", (item.get("source_sentence") or "").lower()).strip()
    if sentence:
        keys.add(f"t:{sentence}")
    if item.get("kind") == "true_false":
        return keys
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


def tiers_by_kind(
    items: Sequence[Mapping[str, Any]],
    rng: random.Random,
    right: Collection[str],
    seen: Collection[str],
) -> dict[str, tuple[list, list, list]]:
    """Each kind's items in three tiers, each shuffled: never asked, asked before, answered
    right. O(n), no sort of every item (10,000-item articles)."""
    tiers: dict[str, tuple[list, list, list]] = {}
    for item in items:
        kind_tiers = tiers.setdefault(item["kind"], ([], [], []))
        tier = 2 if item["id"] in right else 1 if item["id"] in seen else 0
        kind_tiers[tier].append(item)
    for kind_tiers in tiers.values():
        for tier in kind_tiers:
            rng.shuffle(tier)
    return tiers


class Seats:
    """A quiz being filled: the items chosen so far, per kind, never two on one fact."""

    def __init__(self, wanted: int, kinds: Iterable[str]):
        self.wanted = wanted
        self.chosen: list[Mapping[str, Any]] = []
        self.chosen_ids: set[str] = set()
        self.used: set[str] = set()
        self.taken: dict[str, int] = dict.fromkeys(kinds, 0)

    def full(self) -> bool:
        """Whether every seat is taken."""
        return len(self.chosen) >= self.wanted

    def take(self, pool: Iterator[Mapping[str, Any]], kind: str, seats: int) -> None:
        """Take items of the pool, in order, until the kind has `seats` or the pool runs out;
        items on a fact already asked are passed over."""
        while not self.full() and self.taken[kind] < seats:
            item = next(pool, None)
            if item is None:
                return
            keys = fact_keys(item)
            if item["id"] in self.chosen_ids or keys & self.used:
                continue
            self.chosen.append(item)
            self.chosen_ids.add(item["id"])
            self.used.update(keys)
            self.taken[kind] += 1

    def fill(self, pools: Mapping[str, Iterator[Mapping[str, Any]]], quota: Mapping[str, int]):
        """Each kind's quota, then the seats a kind could not fill with new facts round the
        other kinds, one at a time."""
        for kind, pool in pools.items():
            self.take(pool, kind, quota.get(kind, 0))
        while not self.full():
            before = len(self.chosen)
            for kind, pool in pools.items():
                self.take(pool, kind, self.taken[kind] + 1)
            if len(self.chosen) == before:
                return


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
    tiers = tiers_by_kind(items, rng, right, seen)
    counts = {kind: sum(map(len, kind_tiers)) for kind, kind_tiers in tiers.items()}
    quota = kind_quota(counts, sum(counts.values()) if limit is None else limit)
    seats = Seats(sum(quota.values()), counts)
    # Items answered right wait until the others run out, even past a kind's seats.
    for tiers_used in ((0, 1), (0, 1, 2)):
        pools = {
            kind: iter([item for t in tiers_used for item in kind_tiers[t]])
            for kind, kind_tiers in tiers.items()
        }
        seats.fill(pools, quota)
    rng.shuffle(seats.chosen)
    return [item["id"] for item in seats.chosen]
