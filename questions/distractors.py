"""Wrong answers of the right type: from the article first, then near dates and numbers."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from questions.facts import Mention, normalize
from questions.nlp import years_in

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
YEAR_FULL = re.compile(r"\b(?:1[0-9]{3}|20[0-9]{2})\b")
WORD_NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
YEAR_SHIFTS = (-3, 4, -7, 2, 9, -12, 6, -1, 15, -20)


def is_variant(a: str, b: str) -> bool:
    """True when b is a spelling variant of a, or one contains the other."""
    x, y = normalize(a), normalize(b)
    if not x or not y:
        return True
    if x == y or x in y.split() or y in x.split() or x in y or y in x:
        return True
    tx, ty = x.split(), y.split()
    if len(tx) > 1 and len(ty) > 1 and tx[-1] == ty[-1]:
        return True  # same surname
    return fuzz.ratio(x, y) >= 80


def shape_of(text: str) -> str:
    """Rough shape of a date or number: digits become 9, letters stay (for same-shape picks)."""
    shape = re.sub(r"\d", "9", text.lower())
    return re.sub(
        r"(?:january|february|march|april|may|june|july|august|september|october|"
        r"november|december)",
        "M",
        shape,
    )


def shift_years(text: str, delta: int) -> str:
    """The same date with every year moved by delta."""
    return YEAR_FULL.sub(lambda m: str(int(m.group()) + delta), text)


def near_dates(answer: str, rng: random.Random, count: int) -> list[str]:
    """Dates of the same shape a few years away."""
    if not years_in(answer):
        return []
    shifts = list(YEAR_SHIFTS)
    rng.shuffle(shifts)
    return [shift_years(answer, d) for d in shifts[:count]]


def near_numbers(answer: str, rng: random.Random, count: int) -> list[str]:
    """Numbers of the same form near the answer's value."""
    words = answer.split()
    for i, word in enumerate(words):
        if word.lower() in WORD_NUMBERS:
            value = WORD_NUMBERS.index(word.lower())
            options = [
                v
                for v in (value - 2, value - 1, value + 1, value + 2, value + 3, value * 2)
                if 1 < v < len(WORD_NUMBERS) and v != value
            ]
            rng.shuffle(options)
            out = []
            for v in options[:count]:
                new = WORD_NUMBERS[v]
                new = new.capitalize() if word[0].isupper() else new
                out.append(" ".join([*words[:i], new, *words[i + 1 :]]))
            return out
    match = NUMBER.search(answer)
    if not match:
        return []
    raw = match.group().replace(",", "")
    value = float(raw)
    factors = [0.5, 2, 1.5, 0.75, 3, 1.25, 10, 0.25]
    rng.shuffle(factors)
    out: list[str] = []
    for factor in factors:
        new = value * factor
        if "." in raw:
            text = f"{new:.{len(raw.split('.')[1])}f}"
        else:
            new = round(new)
            if new == value or new <= 0:
                continue
            text = f"{new:,}" if "," in match.group() else str(new)
        out.append(answer[: match.start()] + text + answer[match.end() :])
        if len(out) == count:
            break
    return out


def pick_distractors(
    mention: Mention,
    pool: Sequence[Mention],
    rng: random.Random,
    count: int = 3,
    exclude: Iterable[str] = (),
) -> list[str]:
    """count wrong answers for mention, or fewer when the article has no good ones."""
    answer = mention.answer
    banned = [answer, *exclude]
    same_sentence = [m.answer for m in pool if m.sentence == mention.sentence]
    banned += same_sentence
    candidates: list[str] = []
    seen: set[str] = set()
    for other in pool:
        if other.tag != mention.tag or other.in_quote:
            continue
        if mention.tag == "place" and other.label != mention.label:
            continue
        if mention.tag in ("date", "number") and shape_of(other.answer) != shape_of(answer):
            continue
        key = normalize(other.answer)
        exact = mention.tag in ("date", "number")
        if key in seen or any(
            key == normalize(b) if exact else is_variant(other.answer, b) for b in banned
        ):
            continue
        seen.add(key)
        candidates.append(other.answer)
    rng.shuffle(candidates)
    chosen = candidates[:count]
    if len(chosen) < count and (mention.tag == "number" or years_in(answer)):
        near = near_dates(answer, rng, 10) if years_in(answer) else near_numbers(answer, rng, 8)
        for value in near:
            if len(chosen) == count:
                break
            if normalize(value) not in {normalize(c) for c in [*chosen, *banned]}:
                chosen.append(value)
    return chosen if len(chosen) == count else chosen[:count]
