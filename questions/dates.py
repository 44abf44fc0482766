"""When a wrong date fits its question: near the answer, in the sentence's order, before the
article was written for a past event, after the answer for a plan, outside nobody's life."""

from __future__ import annotations

import re
from collections.abc import Iterable

from questions.lexicon import PLAN_PARTICIPLES
from questions.nlp import years_in

DECADE = re.compile(r"(?<!\d)\d{3}0s\b")
# An approximate date ("Around 1294", "c. 1500") is also right a few years either way.
ROUGH_DATE = re.compile(r"^(?:around|about|circa|c\.|ca\.|approximately|roughly|some)\s", re.I)
ROUGH_MARGIN = 10
LIFE_SPAN_ONLY = re.compile(r"\d{4}\s*[–-]\s*\d{4}")
# "signed on _____", "was launched in _____": the blank dates a past event.
PAST_BEFORE_BLANK = re.compile(
    r"(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )"
    rf"\b(?!(?:{'|'.join(PLAN_PARTICIPLES)})\b)"
    r"(?:[a-z]+ed|was|were|had|began|became|came|took|made|won|lost|led|met|sent|built|"
    r"held|fought|broke|fell|rose|ran|saw|gave|went|left)\b(?:\s+\S+){0,2}?\s+_____"
)
FUTURE = re.compile(r"\b(?:will|planned|plans? to|expected to|aims? to|should be)\b", re.I)


def plausible_date(
    choice: str, answer: str, cloze: str, window: int = 15, present: int | None = None
) -> bool:
    """A wrong date fits its question: near the answer, not before the answer for a planned
    event, and after any year the sentence names before the blank ("1497 ... in _____")."""
    years, right = years_in(choice), years_in(answer)
    if not years or not right:
        return True
    rough = bool(ROUGH_DATE.match(answer))
    reach = 2 * window if DECADE.search(answer) or rough else window
    # Each year against its counterpart: a range's end against the answer's end.
    counterparts = right if len(right) == len(years) else right[:1] * len(years)
    pairs = list(zip(years, counterparts, strict=True))
    if any(abs(y - r) > reach for y, r in pairs):
        return False
    if rough and any(abs(y - r) < ROUGH_MARGIN for y, r in pairs):
        return False
    # Two periods that overlap ("between 1620 and 1628" for 1621-1629) are both partly right;
    # a life span ("1641–1679") is one exact fact, so a shifted one is simply wrong.
    period = not LIFE_SPAN_ONLY.fullmatch(answer.strip())
    overlap = len(years) == 2 == len(right) and years[0] <= right[1] and right[0] <= years[1]
    if period and overlap:
        return False
    past = bool(PAST_BEFORE_BLANK.search(cloze)) or not FUTURE.search(cloze)
    if not past and min(years) < min(right):
        return False  # a plan gets no earlier year
    # A past event gets no year after the article's latest past event, or after its own
    # year when that is later: the article was written after both.
    if present is not None and past and max(years) > max(present, *right):
        return False
    after = years_in(cloze.split("_____", 1)[1]) if "_____" in cloze else []
    if after and max(right) < min(after) <= max(years):
        return False  # "Scheele in _____ or earlier, and Priestley in 1774": before 1774
    before = years_in(cloze.split("_____")[0])
    return not (before and max(before) < min(right) and min(years) <= max(before))


LIFE_SPAN = re.compile(r"\((?:[^()]*?\D)?(1\d{3}|20\d{2})\s*[–-]\s*(1\d{3}|20\d{2})\)")


def life_spans(texts: Iterable[str]) -> list[tuple[int, int]]:
    """Birth and death years the article gives in brackets ("Luther (1483–1546)")."""
    return [(int(m[1]), int(m[2])) for t in texts for m in LIFE_SPAN.finditer(t)]


def outside_life(choice: str, answer: str, spans: Iterable[tuple[int, int]]) -> bool:
    """True when the answer falls within a life the article gives but the wrong year is that
    life's birth or death year or beyond it: an event in between needs a year in between."""
    years, right = years_in(choice), years_in(answer)
    if len(years) != 1 or len(right) != 1:
        return False
    return any(b < right[0] < d and not b < years[0] < d for b, d in spans)
