"""The comparable form of a typed answer: what the grader compares (see questions.answers)."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import OSA

from questions.lexicon import (
    ARTICLES,
    LEADING_WORDS,
    MONTH_NUMBERS,
    NUMBER_VALUES,
    ORDINALS,
    SCALES,
)

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


def strip_accents(text: str) -> str:
    """The text without its accents ("Skłodowska" keeps its ł, "Pétain" -> "Petain")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def numbers_to_digits(words: list[str]) -> list[str]:
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


def one_date_spelling(text: str) -> str:
    """Write dates in one spelling: 1969-07-20, or 1969-07 for a month and year."""

    def ymd(year: str, month: int, day: str) -> str:
        return f"{int(year)}-{month:02d}-{int(day):02d}"

    def md(month: int, day: str) -> str:
        return f"--{month:02d}-{int(day):02d}"

    text = MONTH_TYPO.sub(month_for_typo, text)
    text = DAY_MONTH_YEAR.sub(lambda m: ymd(m[3], MONTH_NUMBERS[m[2]], m[1]), text)
    text = MONTH_DAY_YEAR.sub(lambda m: ymd(m[3], MONTH_NUMBERS[m[1]], m[2]), text)
    text = MONTH_YEAR.sub(lambda m: f"{int(m[2])}-{MONTH_NUMBERS[m[1]]:02d}", text)
    # Without a year: "26 April" = "April 26" = --04-26.
    text = DAY_MONTH.sub(lambda m: md(MONTH_NUMBERS[m[2]], m[1]) if int(m[1]) <= 31 else m[0], text)
    return MONTH_DAY.sub(lambda m: md(MONTH_NUMBERS[m[1]], m[2]) if int(m[2]) <= 31 else m[0], text)


def month_for_typo(match: re.Match[str]) -> str:
    """The month a word one typo from exactly one month's full name stands for ("mach")."""
    word = match[0]
    if word in MONTH_NUMBERS:
        return word
    close = [name for name in FULL_MONTHS if OSA.distance(word, name) <= 1]
    return close[0] if len(close) == 1 else word


def iso_to_words(match: re.Match[str]) -> str:
    """An ISO date ("1969-07-20") as day, month name and year, for one_date_spelling."""
    month = MONTHS_BY_NUMBER.get(int(match[2]))
    return f"{int(match[3])} {month} {match[1]}" if month else match[0]


def normalize(text: str) -> str:
    """The comparable form of a text answer."""
    text = strip_accents(unicodedata.normalize("NFKC", str(text))).casefold()
    text = ISO_DATE.sub(iso_to_words, text)
    text = re.sub(r"(?<=\d)[,\u202f ](?=\d{3}\b)", "", text)  # 1,000 and 1 000 -> 1000
    text = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text)  # 20th -> 20
    text = re.sub(r"\s*\bper\s?cent\b", "%", text)  # 30 percent -> 30%
    text = re.sub(r"\b([a-z])\.", r"\1", text)  # U.S. -> us
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)  # keep decimal points only
    text = re.sub(r"[^\w.%]+|_", " ", text)
    words = numbers_to_digits(text.split())
    words = [w for w in words if w not in ARTICLES] or words  # "A" alone stays an answer
    words = one_date_spelling(" ".join(words)).split()
    while len(words) > 1 and words[0] in LEADING_WORDS:
        words = words[1:]
    return " ".join(words)
