"""Filters for prompts that lean on something they never name: "here", "that era", "the
building", "the Centre" for a longer name."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from questions.model import Item

AGGREGATE_KINDS = ("timeline", "matching")
NAME_WORD = re.compile(r"\b[A-Z][\w’'-]+")
Filter = Callable[[Item], str | None]
DEICTIC = re.compile(
    r"\bhere\b|\bthere\b(?!\s+(?:is|are|was|were|has|have|had|will|would|may|might|could|"
    r"can|must|seems?|seemed|remains?|remained|exists?|existed|be|been|being)\b)"
    r"|\bthat\s+(?:era|year|time|period|day|month|decade|century|week|moment|point|city|"
    r"country|area|region|building|place|battle|war|event)\b"
    r"|\bthe\s+(?:following|previous|next)\s+(?:year|month|day|week|decade|century)\b",
    re.I,
)
UNNAMED_SUBJECT = re.compile(
    r"^(?:[A-Z][a-z]+(?: [a-z]+)?, )?(?:[Tt]he|[Ii]ts|[Tt]heir) (?:[a-z]|[$€£]?\d[\d.,]*\s+[a-z])"
)
LEADING_LINK = re.compile(r"^[A-Z][a-z]+(?: [a-z]+)?, ")
BLANK = "_____"
QUANTIFIER_START = re.compile(
    r"^(?:Most|Many|Some|Few|All|Both|Others|Several|None)\s+(?:are|were|is|was|have|had|of them)\b"
)
# Kinds of places and bodies that name many things ("the Centre", "the Palace", "the Edict").
TYPE_NOUNS = frozenset(
    [
        "Centre",
        "Center",
        "Palace",
        "Museum",
        "Building",
        "Church",
        "Park",
        "Garden",
        "Gardens",
        "University",
        "Institute",
        "Academy",
        "Station",
        "Company",
        "Agency",
        "Society",
        "Council",
        "Committee",
        "Ministry",
        "Department",
        "Theatre",
        "Theater",
        "Library",
        "Cathedral",
        "Castle",
        "Hall",
        "Square",
        "Street",
        "Bridge",
        "River",
        "Lake",
        "Island",
        "Stadium",
        "Edict",
        "Treaty",
        "League",
        "Conference",
        "Party",
        "Army",
        "Navy",
        "Court",
        "Senate",
        "College",
        "School",
        "Hospital",
        "Gallery",
        "Foundation",
        "Association",
        "Union",
        "Republic",
        "Empire",
        "Kingdom",
        "Dynasty",
        "Monastery",
        "Abbey",
        "Cloister",
        "Fortress",
        "Tower",
        "Gate",
        "Market",
        "Port",
        "Harbour",
        "Harbor",
        "Canal",
        "Forest",
        "Mountain",
        "Mountains",
        "Valley",
    ]
)
SHORT_NAME = re.compile(r"\b[Tt]he ([A-Z][a-z]+)\b(?! [A-Z])")


def unnamed_referent(item: Item) -> str | None:
    """The prompt leans on something it never names: "here", "that era", "the building"."""
    if item.kind in AGGREGATE_KINDS:
        return None
    prompt = item.prompt
    if QUANTIFIER_START.match(prompt):
        return "starts with 'Most are' of an unnamed group"
    deictic = DEICTIC.search(prompt)
    if deictic:
        return f"unnamed referent {deictic.group()!r}"
    if prompt.endswith("?"):
        words = prompt.rstrip("?").split()[1:]
        named = any(w[:1].isupper() or w[:1] == "[" for w in words)
        return None if named else "question names nothing"
    # The subject's first words ("The couple left", "Overall, the offense ranked") name nothing.
    head = " ".join(LEADING_LINK.sub("", prompt).split()[1:4])
    if UNNAMED_SUBJECT.match(prompt) and not NAME_WORD.search(head) and BLANK not in head:
        return "subject is an unnamed 'the ...'"
    return None


def make_short_name_filter(names: Iterable[str]) -> Filter:
    """A common noun of a longer name used alone ("the Centre" for the Centre for Contemporary
    Art, "the Palace"): which one is meant depends on the sentence before."""
    by_word: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = name.split()
        if len(words) < 2:
            continue
        # The head noun: "Centre" of "Centre for Contemporary Art", "Palace" of "Wilanów Palace".
        cut = next((i for i, w in enumerate(words) if w in ("of", "for")), len(words))
        head = words[cut - 1] if cut > 0 else ""
        if head in TYPE_NOUNS:
            by_word[head].append(name)

    def short_name(item: Item) -> str | None:
        if item.kind in AGGREGATE_KINDS:
            return None
        for match in SHORT_NAME.finditer(item.prompt):
            word = match.group(1)
            if word in by_word and not any(n in item.prompt for n in by_word[word]):
                return f"'the {word}' stands for a longer name"
        return None

    return short_name
