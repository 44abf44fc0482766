"""Grading answers the way students expect: forgiving about form, strict about facts.

Text answers are compared after normalising case, accents, punctuation, articles and leading
prepositions ("in 1970" = "1970"), number words ("two" = "2", "1,000" = "1000") and date
spellings ("20 July 1969" = "July 20, 1969" = "1969-07-20", "26 April" = "April 26", a month
one typo off next to a date's numbers: "Mach 2021" = "March 2021"), "percent" = "%". Small typos in
words pass (rapidfuzz); digits must match exactly, since a typo in a year is a wrong fact.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from rapidfuzz.distance import OSA

from questions.lexicon import ARTICLES, MONTH_NUMBERS, NUMBER_VALUES, ORDINALS, SCALES

LEADING_WORDS = {"in", "on", "at", "by", "during", "around", "about", "circa", "c", "ca", "year"}
# Hedges before a number ("nearly half" = "almost half" = "half"); its digits still decide.
LEADING_WORDS |= {"nearly", "almost", "roughly", "approximately", "some", "just", "only"}
LEADING_WORDS |= {"from", "between", "since"}  # "from 1621 to 1629" = "1621 to 1629"
MONTH_RE = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}) ({MONTH_RE}) (\d{{3,4}})\b")
MONTH_DAY_YEAR = re.compile(rf"\b({MONTH_RE}) (\d{{1,2}}) (\d{{3,4}})\b")
MONTH_YEAR = re.compile(rf"\b({MONTH_RE}) (\d{{3,4}})\b")
DAY_MONTH = re.compile(rf"\b(\d{{1,2}}) ({MONTH_RE})\b")
MONTH_DAY = re.compile(rf"\b({MONTH_RE}) (\d{{1,2}})\b")
# A word next to a year ("Mach 2021") or after a day ("26 Apirl") that is one typo from a
# month's full name is that month; elsewhere ("Mach 2", a speed) it stays as it is.
MONTH_TYPO = re.compile(
    r"\b[a-z]{4,9}(?= \d{3,4}\b)|(?<=\b\d\d )[a-z]{4,9}\b|(?<=\b\d )[a-z]{4,9}\b"
)
FULL_MONTHS = [name for name in MONTH_NUMBERS if len(name) >= 4 and name != "sept"]
ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
MONTHS_BY_NUMBER = {number: name for name, number in reversed(MONTH_NUMBERS.items())}


@dataclass(frozen=True)
class Grade:
    """The verdict on one response: right or not, the share right (0..1) and a note."""

    correct: bool
    credit: float
    note: str = ""


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _numbers_to_digits(words: list[str]) -> list[str]:
    """Replace runs of number words ("two hundred and five", "1.5 million") by digits."""
    out: list[str] = []
    total, current, in_number = 0, 0.0, False

    def flush() -> None:
        nonlocal total, current, in_number
        if in_number:
            value = total + current
            out.append(str(int(value)) if value == int(value) else str(value))
        total, current, in_number = 0, 0.0, False

    for index, word in enumerate(words):
        if word in NUMBER_VALUES:
            current += NUMBER_VALUES[word]
            in_number = True
        elif word in SCALES and (in_number or re.fullmatch(r"\d+(\.\d+)?", out[-1] if out else "")):
            if not in_number:
                current, in_number = float(out.pop()), True
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0.0
        elif word == "and" and in_number and (words[index + 1 :] or [""])[0] in NUMBER_VALUES:
            continue
        else:
            flush()
            out.append(str(ORDINALS[word]) if word in ORDINALS else word)
    flush()
    return out


def _dates(text: str) -> str:
    """Write dates in one spelling: 1969-07-20, or 1969-07 for a month and year."""

    def ymd(year: str, month: int, day: str) -> str:
        return f"{int(year)}-{month:02d}-{int(day):02d}"

    def md(month: int, day: str) -> str:
        return f"--{month:02d}-{int(day):02d}"

    text = MONTH_TYPO.sub(_month_typo, text)
    text = DAY_MONTH_YEAR.sub(lambda m: ymd(m[3], MONTH_NUMBERS[m[2]], m[1]), text)
    text = MONTH_DAY_YEAR.sub(lambda m: ymd(m[3], MONTH_NUMBERS[m[1]], m[2]), text)
    text = MONTH_YEAR.sub(lambda m: f"{int(m[2])}-{MONTH_NUMBERS[m[1]]:02d}", text)
    # Without a year: "26 April" = "April 26" = --04-26.
    text = DAY_MONTH.sub(lambda m: md(MONTH_NUMBERS[m[2]], m[1]) if int(m[1]) <= 31 else m[0], text)
    return MONTH_DAY.sub(lambda m: md(MONTH_NUMBERS[m[1]], m[2]) if int(m[2]) <= 31 else m[0], text)


def _month_typo(match: re.Match[str]) -> str:
    word = match[0]
    if word in MONTH_NUMBERS:
        return word
    close = [name for name in FULL_MONTHS if OSA.distance(word, name) <= 1]
    return close[0] if len(close) == 1 else word


def _iso_to_words(match: re.Match[str]) -> str:
    month = MONTHS_BY_NUMBER.get(int(match[2]))
    return f"{int(match[3])} {month} {match[1]}" if month else match[0]


def normalize(text: str) -> str:
    """The comparable form of a text answer."""
    text = _strip_accents(unicodedata.normalize("NFKC", str(text))).casefold()
    text = ISO_DATE.sub(_iso_to_words, text)
    text = re.sub(r"(?<=\d)[,\u202f ](?=\d{3}\b)", "", text)  # 1,000 and 1 000 -> 1000
    text = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text)  # 20th -> 20
    text = re.sub(r"\s*\bper\s?cent\b", "%", text)  # 30 percent -> 30%
    text = re.sub(r"\b([a-z])\.", r"\1", text)  # U.S. -> us
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)  # keep decimal points only
    text = re.sub(r"[^\w.%]+|_", " ", text)
    words = _numbers_to_digits(text.split())
    words = [w for w in words if w not in ARTICLES] or words  # "A" alone stays an answer
    words = _dates(" ".join(words)).split()
    while len(words) > 1 and words[0] in LEADING_WORDS:
        words = words[1:]
    return " ".join(words)


def _typo_budget(length: int) -> int:
    # Short words get none: "Joan" for "John" is another person, not a typo.
    return 0 if length < 5 else 1 if length < 10 else 2


def match_text(response: str, expected: Iterable[str]) -> Grade:
    """Grade a typed answer against the answer and its accepted alternatives."""
    given = normalize(response)
    best_typos: int | None = None
    for candidate in expected:
        wanted = normalize(candidate)
        if not wanted:  # an answer of only punctuation or articles: compare as typed
            if response.strip() and response.strip().casefold() == candidate.strip().casefold():
                return Grade(True, 1.0)
            continue
        if given == wanted:
            return Grade(True, 1.0)
        # Digits are facts: "1968" for "1969" is wrong, not a typo.
        if re.findall(r"\d+", given) != re.findall(r"\d+", wanted):
            continue
        distance = OSA.distance(given, wanted)  # a swap of two letters is one typo
        if distance <= _typo_budget(len(wanted)) and (best_typos is None or distance < best_typos):
            best_typos = distance
    if best_typos is not None:
        return Grade(True, 1.0, "Accepted, but check the spelling.")
    return Grade(False, 0.0)


def grade(item: Any, response: str | Sequence[str]) -> Grade:
    """Grade a response to an item (questions.Item, a stored item or the contract's dict) by
    its kind's rule in the app's registry (quizapp.kinds)."""
    # The registry's graders call match_text from here, so it is imported on first use.
    from quizapp.kinds import kind_named

    if isinstance(item, Mapping):
        item = SimpleNamespace(**{"accepted": (), "choices": (), **item})
    return kind_named(item.kind).grade(item, response)
