"""What every item kind shares: the analysed article, candidates, accepted answers, rng."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from questions.aliases import COMMON_ABBREVIATIONS, COMMON_NAMES, HEAD_NOUNS
from questions.distractors import Pools
from questions.facts import Mention, Quote, Role, Sentence, is_name_like
from questions.lexicon import MONTHS
from questions.model import SENTENCE_KINDS, Answer, Item, make_item_id

KIND_DIFFICULTY = {
    "true_false": 0.2,
    "mcq": 0.35,
    "matching": 0.45,
    "cloze": 0.5,
    "timeline": 0.55,
    "short_answer": 0.65,
}
HEDGE = re.compile(
    r"^(?:about|around|approximately|nearly|almost|roughly|some|over|under|more than|"
    r"less than|fewer than|up to|at least|at most|just over|just under|only|just|"
    r"early|late|mid|the early|the late|the mid)[\s-]+",
    re.I,
)
TAG_DIFFICULTY = {"date": 0.1, "number": 0.1, "person": 0.0, "org": 0.05, "group": -0.1}


@dataclass(frozen=True)
class Analysis:
    """An article's sentences and facts: everything the kinds make items from."""

    slug: str
    title: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    roles: tuple[Role, ...]
    quotes: tuple[Quote, ...]
    pools: Pools
    lower_words: frozenset[str] = frozenset()  # words the article writes in lower case
    # Sentences whose subject pronoun points nowhere, with that pronoun.
    orphans: Mapping[int, str] = field(default_factory=dict)


def generic_word(analysis: Analysis, mention: Mention) -> bool:
    """A one-word answer the article also writes in lower case ("the Centre", "the Palace")
    is a common noun, not a name: blanking it asks which noun the writer capitalised."""
    word = mention.answer
    return (
        mention.tag not in ("person", "date", "number")
        and mention.label != "DEFINED"  # the name the article gives to what it describes
        and " " not in word
        and word.lower() in analysis.lower_words
    )


@dataclass(frozen=True)
class Candidate:
    """An item before ranking, with the fact it asks about and that fact's weight."""

    item: Item
    fact: str
    weight: float


def rng_for(*parts: object) -> random.Random:
    """A random generator seeded from the parts (string seeds are stable across runs)."""
    return random.Random("|".join(str(p) for p in parts))


def mention_fact(mention: Mention) -> str:
    """Key of the fact a mention asks: its sentence and its answer."""
    return f"{mention.sentence}:{mention.answer.casefold()}"


def accepted_for(answer: str, tag: str, prep: str = "") -> tuple[str, ...]:
    """The answer and alternatives a student may type: surname, without "the", "in 1970"."""
    options = [answer]
    bare = re.sub(r"^(?:the|a|an)\s+", "", answer, flags=re.I)
    options.append(bare)
    last = answer.split()[-1]
    roman = re.fullmatch(r"[IVXLC]+\.?", last)  # not "XIV" of Louis XIV
    if tag == "person" and len(answer.split()) > 1 and is_name_like(last) and not roman:
        particle = re.search(r"\b(?:(?:de|da|di|van|von|der|la|le)\s+)+\S+$", answer)
        options += [particle.group(), last] if particle else [last]  # "da Vinci", "Vinci"
        if particle and particle.start() > 0:
            options.append(answer[: particle.start()].strip())  # "Leonardo"
    words = answer.split()
    if tag == "person" and len(words) > 2 and all(w[:1].isupper() for w in words):
        options.append(" ".join(words[-2:]))  # "Landgrave Edmund Bellinger", "William III"
    if tag == "person" and "-" in last and len(words) > 1:
        part = last.rsplit("-", 1)[1]  # "Maria Skłodowska-Curie": "Curie", "Maria Curie"
        options += [part, f"{words[0]} {part}"]
    of_place = re.fullmatch(r"([A-Z][\w’'-]+) of [A-Z][\w’' -]+", answer)
    if tag == "person" and of_place:
        options.append(of_place.group(1))  # "Philo of Byzantium": "Philo"
    if tag in ("org", "place") and len(words) > 2 and words[-1] in BUILDINGS:
        options.append(" ".join(words[-2:]))  # "Wojciech Bogusławski Theatre"
    if tag == "date":
        options += other_date_orders(answer) + range_forms(answer)
        full = FULL_DATE.fullmatch(answer)
        if full:  # "31 December 1687": "1687" answers "When ...?" too
            options.append(full.group("year"))
    of_name = re.fullmatch(
        r"(University|College|Museum|Bank|Port|Library) of ([A-Z][\w’'-]+)", answer
    )
    if of_name:  # "University of Warsaw": "Warsaw University"
        options.append(f"{of_name.group(2)} {of_name.group(1)}")
    head = re.fullmatch(rf"(.+) ({'|'.join(HEAD_NOUNS)})( [A-Z][\w’'-]+)?", answer)
    if head and tag != "person":
        options.append(head.group(1))  # "Song dynasty": "Song"
        if head.group(3):  # "Song dynasty China": "Song dynasty", "Song China"
            options += [f"{head.group(1)} {head.group(2)}", f"{head.group(1)}{head.group(3)}"]
    options += COMMON_NAMES.get(answer, [])
    team = len(words) > 1 and words[-1].endswith("s") and words[-1] not in PLURAL_NAMES
    team = team and not {"of", "for", "and"} & set(words)  # not "Institute of Dramatic Arts"
    if tag != "person" and team and words[-1][:1].isupper():
        options.append(words[-1])  # "New Orleans Saints": "Saints"
    if len(words) > 2 and re.fullmatch(r"[A-Z]{2,5}", words[0]) and words[1][:1].isupper():
        options.append(" ".join(words[1:]))  # "NFL Most Valuable Player": "Most Valuable Player"
    nationality = NATIONALITY.match(answer)
    if tag == "org" and nationality and len(words) > 2:
        options.append(answer[nationality.end() :])  # "Chinese Ministry of ...": "Ministry of"
    roman_end = re.fullmatch(r"(.+) ([IVXLC]{2,})", answer)
    if roman_end and tag != "person":  # "Super Bowl XXXVII": "Super Bowl 37"
        options.append(f"{roman_end.group(1)} {roman_value(roman_end.group(2))}")
    for short, full in COMMON_ABBREVIATIONS.items():  # "US Space Command"
        if re.search(rf"(?<!\S){re.escape(short)} ", answer) and len(words) > 2:
            options.append(answer.replace(f"{short} ", f"{full} ", 1))
            options.append(answer.replace(f"{short} ", "", 1))
    if tag == "number" and answer.lower() in SHARE_WORDS:
        options.append(SHARE_WORDS[answer.lower()])  # "three-quarters": "75%"
    if "St. " in answer:
        options.append(answer.replace("St. ", "Saint "))
    if tag == "number":
        options += percent_forms(answer) + fraction_forms(answer)
    if tag == "date" and prep:
        options.append(f"{prep} {answer}")
    if tag == "date" and answer.lower().startswith(("between ", "in ", "on ", "by ")):
        options.append(answer.split(" ", 1)[1])
    if tag == "date" and re.fullmatch(r"\d{3,4}\s*[–-]\s*\d{2,4}", answer):
        first, last = re.split(r"\s*[–-]\s*", answer)
        options += [f"{first}-{last}", f"{first} to {last}"]
    hedged = HEDGE.match(answer)
    if tag in ("number", "date") and hedged and hedged.end() < len(answer):
        options.append(answer[hedged.end() :])  # "About 15 kilometres": "15 kilometres"
    if tag == "org" and answer.lower().startswith("the "):
        options.append(answer[4:])
    options += counted_forms(answer, tag)
    if tag == "number":
        options += [form for option in options for form in unit_forms(option)]
    if re.fullmatch(r"(?:[A-Z]\.){2,}", answer):  # "U.S." -> "US"
        options.append(answer.replace(".", ""))
    seen: list[str] = []
    for option in options:
        if option and option not in seen:
            seen.append(option)
    return tuple(seen)


# Buildings and grounds are called by their last two words ("Bogusławski Theatre"); bodies
# are not ("Football League" is another league than the National Football League).
BUILDINGS = frozenset(
    ["Theatre", "Theater", "Museum", "Palace", "Church", "Park", "Garden", "Gardens"]
    + ["Square", "Street", "Bridge", "Hall", "Library", "Castle", "Cathedral", "Stadium"]
    + ["Gallery", "Monastery", "Abbey", "Tower", "Gate", "Station", "Opera"]
)
NATIONALITY = re.compile(r"[A-Z][a-z]+(?:ese|ian|ish|can|ch) (?=[A-Z])(?!of\b)")
# Plural last words that are no team's name alone ("United States", "Cayman Islands").
PLURAL_NAMES = frozenset(["States", "Nations", "Islands", "Emirates", "Netherlands", "Alps"])
SHARE_WORDS = {
    "half": "50%",
    "almost half": "50%",
    "nearly half": "50%",
    "three-quarters": "75%",
    "three quarters": "75%",
    "a quarter": "25%",
    "one-quarter": "25%",
    "a third": "33%",
    "one-third": "33%",
    "two-thirds": "67%",
}
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral ("XXXVII" -> 37)."""
    values = [ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


FULL_DATE = re.compile(r"(?:(?:\d{1,2} )?[A-Z][a-z]+|[A-Z][a-z]+ \d{1,2},) (?P<year>\d{4})")
MONTH_FIRST = re.compile(r"([A-Z][a-z]+) (\d{1,2}), (\d{4})")
DAY_FIRST = re.compile(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4})")


YEAR_RANGE = re.compile(r"(?:between |from )?(\d{3,4})\s*(?:and|to|–|-)\s*(\d{2,4})")
PERCENT = re.compile(r"(.*?\d)\s*(?:percent|per cent|%)")


def range_forms(answer: str) -> list[str]:
    """'between 1621 and 1629' is also '1621-1629', '1621–1629' and '1621 to 1629'."""
    match = YEAR_RANGE.fullmatch(answer)
    if not match:
        return []
    first, last = match.groups()
    return [f"{first}-{last}", f"{first}–{last}", f"{first} to {last}", f"{first} and {last}"]


def percent_forms(answer: str) -> list[str]:
    """'30 percent' is also '30%', and the other way round."""
    match = PERCENT.fullmatch(answer)
    if not match:
        return []
    value = match.group(1)
    return [f"{value}%", f"{value} percent", f"{value} per cent"]


FRACTIONS = {"½": (".5", " 1/2"), "¼": (".25", " 1/4"), "¾": (".75", " 3/4")}
UNIT_WORDS = {
    "km": ("kilometres", "kilometers"),
    "m": ("metres", "meters"),
    "cm": ("centimetres", "centimeters"),
    "mi": ("miles",),
    "ft": ("feet",),
    "kg": ("kilograms",),
    "t": ("tonnes", "tons"),
    "ha": ("hectares",),
    "km2": ("square kilometres", "square kilometers"),
    "km²": ("square kilometres", "square kilometers"),
    "m2": ("square metres", "square meters"),
    "m²": ("square metres", "square meters"),
    "sq mi": ("square miles",),
    "sq ft": ("square feet",),
}
UNIT_ABBREVIATION = re.compile(r"(.*\d)\s*(sq mi|sq ft|km2|km²|m2|m²|km|cm|mi|ft|kg|ha|m|t)")


def fraction_forms(answer: str) -> list[str]:
    """'5½' is also '5.5' and '5 1/2': ½ is not on a keyboard."""
    for sign, (decimal, slash) in FRACTIONS.items():
        match = re.fullmatch(rf"(\d+)\s*{sign}(.*)", answer)
        if match:
            whole, rest = match.groups()
            return [f"{whole}{decimal}{rest}", f"{whole}{slash}{rest}"]
    return []


def unit_forms(answer: str) -> list[str]:
    """'60 km' is also '60 kilometres' and '60 kilometers', and the other way round."""
    match = UNIT_ABBREVIATION.fullmatch(answer)
    if match:
        value, unit = match.groups()
        return [f"{value} {word}" for word in UNIT_WORDS[unit]]
    for unit, words in UNIT_WORDS.items():
        for word in words:
            if answer.endswith(f" {word}") and answer[: -len(word) - 1][-1:].isdigit():
                return [f"{answer[: -len(word) - 1]} {unit}"]
    return []


def other_date_orders(answer: str) -> list[str]:
    """'February 7, 2016' is also '7 February 2016', and the other way round."""
    month_first = MONTH_FIRST.fullmatch(answer)
    if month_first and month_first.group(1) in MONTHS:
        month, day, year = month_first.groups()
        return [f"{day} {month} {year}"]
    day_first = DAY_FIRST.fullmatch(answer)
    if day_first and day_first.group(2) in MONTHS:
        day, month, year = day_first.groups()
        return [f"{month} {day}, {year}"]
    return []


COUNTED = re.compile(r"(\d[\d,.]*)\s+([a-z][a-z-]+(?: [a-z][a-z-]+)?)")


UNIT = re.compile(
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|(?:kilo|centi|milli)?met(?:re|er)s?|"
    r"km|mi|miles?|yards?|feet|foot|inch(?:es)?|acres?|hectares?|ha|tonnes?|tons?|kg|"
    r"kilograms?|grams?|pounds?|litres?|liters?|percent|per cent|degrees?)"
)


def counted_forms(answer: str, tag: str) -> list[str]:
    """A count with its noun ('27 punts') may be typed as the number or the noun alone."""
    match = COUNTED.fullmatch(answer)
    if tag != "number" or not match:
        return []
    if UNIT.fullmatch(match.group(2)):
        return [match.group(1)]  # "kilometres" alone answers no "how far"
    return [match.group(1), match.group(2)]


def difficulty(kind: str, tag: str, answer: str, sentence: str, extra: float = 0.0) -> float:
    """Estimated difficulty 0..1: kind, answer type, answer and sentence length."""
    value = KIND_DIFFICULTY.get(kind, 0.5) + TAG_DIFFICULTY.get(tag, 0.0) + extra
    value += min(len(answer.split()), 6) * 0.02 + min(len(sentence.split()), 50) * 0.002
    return round(min(max(value, 0.05), 0.95), 2)


CONNECTIVE = re.compile(
    r"^(?:However|Moreover|Furthermore|Consequently|Therefore|Thus|Hence|Nevertheless|"
    r"Nonetheless|Meanwhile|In the meantime|In contrast|By contrast|On the other hand|"
    r"As a result|For example|For instance|In addition|Additionally|Also|Finally|Indeed|"
    r"Instead|Still|Besides|Accordingly|Subsequently|Likewise|Similarly|In turn),\s+"
)


def without_connective(prompt: str) -> str:
    """A sentence lifted from its paragraph without the word that tied it to the one before
    ("However, ...", "As a result, ..."): asked alone, that word points at nothing."""
    match = CONNECTIVE.match(prompt)
    if match is None or match.end() >= len(prompt):
        return prompt
    rest = prompt[match.end() :]
    return rest[:1].upper() + rest[1:] if rest[:1].islower() else rest


def make_item(
    analysis: Analysis,
    kind: str,
    prompt: str,
    answer: Answer,
    *,
    sentence: int,
    tag: str,
    accepted: tuple[str, ...] = (),
    choices: tuple[object, ...] = (),
    explanation: str = "",
    level: float | None = None,
) -> Item:
    """An item with its stable id; the score is set by ranking."""
    source = analysis.sentences[sentence].text
    if kind in SENTENCE_KINDS and not prompt.endswith("?"):
        prompt = without_connective(prompt)
    text_answer = answer if isinstance(answer, str) else " ".join(map(str, answer))
    return Item(
        id=make_item_id(analysis.slug, kind, source if kind != "timeline" else prompt, answer),
        kind=kind,
        prompt=prompt,
        answer=answer,
        accepted=accepted,
        choices=choices,
        source_sentence=source,
        sentence_index=sentence,
        explanation=explanation or source,
        tags=(tag,),
        difficulty=level if level is not None else difficulty(kind, tag, text_answer, source),
    )


def mention_candidate(analysis: Analysis, kind: str, prompt: str, mention: Mention) -> Candidate:
    """A typed-answer candidate (cloze, short answer) asking for a mention's answer; the
    bracket the sentence puts right after the answer ('219,000 (around 34%)', '15 km (9
    miles)') says it another way, so it is right too."""
    accepted = accepted_for(mention.answer, mention.tag, mention.prep)
    accepted = (*accepted, *(form for name in mention.also for form in accepted_for(name, "term")))
    source = analysis.sentences[mention.sentence].text
    gloss = re.search(rf"{re.escape(mention.answer)}\s*\(([^()]{{1,30}})\)", source)
    if gloss and mention.tag in ("number", "date"):
        other = HEDGE.sub("", gloss.group(1).strip())
        accepted = (*accepted, *accepted_for(other, mention.tag))
    item = make_item(
        analysis,
        kind,
        prompt,
        mention.answer,
        sentence=mention.sentence,
        tag=mention.tag,
        accepted=tuple(dict.fromkeys(accepted)),
    )
    return Candidate(item, mention_fact(mention), mention.weight)
