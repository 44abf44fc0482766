"""Answer forms: what else a student may type for an answer, one named rule a form."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from questions.lexicon import (
    BUILDINGS,
    COMMON_ABBREVIATIONS,
    COMMON_NAMES,
    FRACTIONS,
    HEAD_NOUNS,
    HEDGE,
    MONTHS,
    PLURAL_NAMES,
    ROMAN_VALUES,
    SHARE_WORDS,
    UNIT_WORDS,
    is_name_like,
)


@dataclass(frozen=True)
class Asked:
    """An answer as the generator asks it: its text, its tag (person, date, number ...) and the
    preposition the sentence puts before a date ("in", "on")."""

    answer: str
    tag: str
    prep: str = ""

    @property
    def words(self) -> list[str]:
        return self.answer.split()


@dataclass(frozen=True)
class AnswerForm:
    """A named answer-form rule: the other forms it gives an answer of the tags it applies to."""

    id: str
    forms: Callable[[Asked], list[str]]
    tags: frozenset[str] | None  # None: every tag
    not_tags: frozenset[str]

    def applies(self, asked: Asked) -> bool:
        """True when the rule looks at answers of this tag."""
        in_tags = self.tags is None or asked.tag in self.tags
        return in_tags and asked.tag not in self.not_tags


# The answer-form rules in their declared order (the order of the accepted forms).
ANSWER_FORMS: list[AnswerForm] = []


def answer_form(
    tags: tuple[str, ...] | None = None, not_tags: tuple[str, ...] = ()
) -> Callable[[Callable[[Asked], list[str]]], Callable[[Asked], list[str]]]:
    """Register a function as an answer-form rule for answers of `tags` (every tag if None)."""

    def register(forms: Callable[[Asked], list[str]]) -> Callable[[Asked], list[str]]:
        chosen = None if tags is None else frozenset(tags)
        ANSWER_FORMS.append(AnswerForm(forms.__name__, forms, chosen, frozenset(not_tags)))
        return forms

    return register


def accepted_for(answer: str, tag: str, prep: str = "") -> tuple[str, ...]:
    """The answer and alternatives a student may type: surname, without "the", "in 1970"."""
    asked = Asked(answer, tag, prep)
    options = [answer]
    for rule in ANSWER_FORMS:
        if rule.applies(asked):
            options += rule.forms(asked)
    if tag == "number":  # a unit spelled out or abbreviated, in every form found so far
        options += [form for option in options for form in unit_forms(option)]
    return tuple(dict.fromkeys(option for option in options if option))


@answer_form()
def without_article(asked: Asked) -> list[str]:
    """ "the Moon" is also "Moon"."""
    return [re.sub(r"^(?:the|a|an)\s+", "", asked.answer, flags=re.I)]


PARTICLE_SURNAME = re.compile(r"\b(?:(?:de|da|di|van|von|der|la|le)\s+)+\S+$")


SLASHED = re.compile(r"^([^/\d]*[^\W\d][^/\d]*)/([^/\d]*[^\W\d][^/\d]*)$")


@answer_form(not_tags=("date", "number"))
def slash_parts(asked: Asked) -> list[str]:
    """Two names joined by a slash are each an answer: "Harbour Quarter/Old Town" is also
    "Harbour Quarter" and "Old Town" (not "1/2", not "and/or" of a date or count)."""
    slashed = SLASHED.match(asked.answer)
    if not slashed or not all(p.strip()[:1].isupper() for p in slashed.groups()):
        return []
    return [p.strip() for p in slashed.groups()]


@answer_form(tags=("person",))
def surname(asked: Asked) -> list[str]:
    """ "Yuri Gagarin" is also "Gagarin"; "Leonardo da Vinci" is also "da Vinci", "Vinci" and
    "Leonardo". Not "XIV" of "Louis XIV"."""
    if len(asked.words) < 2:
        return []
    last = asked.words[-1]
    if not is_name_like(last) or re.fullmatch(r"[IVXLC]+\.?", last):
        return []
    particle = PARTICLE_SURNAME.search(asked.answer)
    if not particle:
        return [last]
    given = [asked.answer[: particle.start()].strip()] if particle.start() > 0 else []
    return [particle.group(), last, *given]


@answer_form(tags=("person",))
def last_two_names(asked: Asked) -> list[str]:
    """A title before a name drops: "Landgrave Edmund Bellinger" is also "Edmund Bellinger",
    "Stadtholder William III" is also "William III"."""
    words = asked.words
    if len(words) > 2 and all(w[:1].isupper() for w in words):
        return [" ".join(words[-2:])]
    return []


@answer_form(tags=("person",))
def hyphenated_surname(asked: Asked) -> list[str]:
    """ "Maria Skłodowska-Curie" is also "Curie" and "Maria Curie"."""
    words = asked.words
    if len(words) < 2 or "-" not in words[-1]:
        return []
    part = words[-1].rsplit("-", 1)[1]
    return [part, f"{words[0]} {part}"]


@answer_form(tags=("person",))
def name_before_of_place(asked: Asked) -> list[str]:
    """ "Philo of Byzantium" is also "Philo"."""
    of_place = re.fullmatch(r"([A-Z][\w’'-]+) of [A-Z][\w’' -]+", asked.answer)
    return [of_place.group(1)] if of_place else []


@answer_form(tags=("org", "place"))
def building_short_name(asked: Asked) -> list[str]:
    """A building or ground is called by its last two words: "Wojciech Bogusławski Theatre" is
    also "Bogusławski Theatre"."""
    words = asked.words
    if len(words) > 2 and words[-1] in BUILDINGS:
        return [" ".join(words[-2:])]
    return []


MONTH_FIRST = re.compile(r"([A-Z][a-z]+) (\d{1,2}), (\d{4})")
DAY_FIRST = re.compile(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4})")


@answer_form(tags=("date",))
def other_date_order(asked: Asked) -> list[str]:
    """ "February 7, 2016" is also "7 February 2016", and the other way round."""
    month_first = MONTH_FIRST.fullmatch(asked.answer)
    if month_first and month_first.group(1) in MONTHS:
        month, day, year = month_first.groups()
        return [f"{day} {month} {year}"]
    day_first = DAY_FIRST.fullmatch(asked.answer)
    if day_first and day_first.group(2) in MONTHS:
        day, month, year = day_first.groups()
        return [f"{month} {day}, {year}"]
    return []


YEAR_RANGE = re.compile(r"(?:between |from )?(\d{3,4})\s*(?:and|to|–|-)\s*(\d{2,4})")


@answer_form(tags=("date",))
def range_forms(asked: Asked) -> list[str]:
    """ "between 1621 and 1629" is also "1621-1629", "1621–1629" and "1621 to 1629"."""
    match = YEAR_RANGE.fullmatch(asked.answer)
    if not match:
        return []
    first, last = match.groups()
    return [f"{first}-{last}", f"{first}–{last}", f"{first} to {last}", f"{first} and {last}"]


FULL_DATE = re.compile(r"(?:(?:\d{1,2} )?[A-Z][a-z]+|[A-Z][a-z]+ \d{1,2},) (?P<year>\d{4})")


@answer_form(tags=("date",))
def year_of_full_date(asked: Asked) -> list[str]:
    """ "31 December 1687" is also "1687": the year alone answers "When ...?" too."""
    full = FULL_DATE.fullmatch(asked.answer)
    return [full.group("year")] if full else []


@answer_form()
def of_name_reversed(asked: Asked) -> list[str]:
    """ "University of Warsaw" is also "Warsaw University"."""
    of_name = re.fullmatch(
        r"(University|College|Museum|Bank|Port|Library) of ([A-Z][\w’'-]+)", asked.answer
    )
    return [f"{of_name.group(2)} {of_name.group(1)}"] if of_name else []


HEADED = re.compile(rf"(.+) ({'|'.join(HEAD_NOUNS)})( [A-Z][\w’'-]+)?")


@answer_form(not_tags=("person",))
def without_head_noun(asked: Asked) -> list[str]:
    """ "Song dynasty" is also "Song"; "Song dynasty China" is also "Song", "Song dynasty" and
    "Song China"."""
    head = HEADED.fullmatch(asked.answer)
    if not head:
        return []
    if not head.group(3):
        return [head.group(1)]
    name, noun, place = head.groups()
    return [name, f"{name} {noun}", f"{name}{place}"]


@answer_form()
def common_other_names(asked: Asked) -> list[str]:
    """Everyday English's other names for a name: "World War II" is also "Second World War"."""
    return list(COMMON_NAMES.get(asked.answer, []))


@answer_form(not_tags=("person",))
def team_nickname(asked: Asked) -> list[str]:
    """ "New Orleans Saints" is also "Saints"; not "States" of "United States", nor "Arts" of
    "Institute of Dramatic Arts"."""
    words = asked.words
    team = len(words) > 1 and words[-1].endswith("s") and words[-1] not in PLURAL_NAMES
    team = team and not {"of", "for", "and"} & set(words)
    return [words[-1]] if team and words[-1][:1].isupper() else []


@answer_form()
def without_leading_acronym(asked: Asked) -> list[str]:
    """ "NFL Most Valuable Player" is also "Most Valuable Player"."""
    words = asked.words
    if len(words) > 2 and re.fullmatch(r"[A-Z]{2,5}", words[0]) and words[1][:1].isupper():
        return [" ".join(words[1:])]
    return []


NATIONALITY = re.compile(r"[A-Z][a-z]+(?:ese|ian|ish|can|ch) (?=[A-Z])(?!of\b)")


@answer_form(tags=("org",))
def without_nationality(asked: Asked) -> list[str]:
    """ "Chinese Ministry of National Defense" is also "Ministry of National Defense"."""
    nationality = NATIONALITY.match(asked.answer)
    if nationality and len(asked.words) > 2:
        return [asked.answer[nationality.end() :]]
    return []


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral ("XXXVII" -> 37)."""
    values = [ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


@answer_form(not_tags=("person",))
def roman_numeral_as_number(asked: Asked) -> list[str]:
    """ "Super Bowl XXXVII" is also "Super Bowl 37" (a king's "XIV" stays a name)."""
    roman_end = re.fullmatch(r"(.+) ([IVXLC]{2,})", asked.answer)
    return [f"{roman_end.group(1)} {roman_value(roman_end.group(2))}"] if roman_end else []


@answer_form()
def abbreviation_spelled_out(asked: Asked) -> list[str]:
    """ "US Space Command" is also "United States Space Command" and "Space Command"."""
    forms = []
    for short, full in COMMON_ABBREVIATIONS.items():
        if re.search(rf"(?<!\S){re.escape(short)} ", asked.answer) and len(asked.words) > 2:
            forms.append(asked.answer.replace(f"{short} ", f"{full} ", 1))
            forms.append(asked.answer.replace(f"{short} ", "", 1))
    return forms


@answer_form(tags=("number",))
def share_as_percent(asked: Asked) -> list[str]:
    """ "three-quarters" is also "75%"."""
    share = SHARE_WORDS.get(asked.answer.lower())
    return [share] if share else []


SAINT = re.compile(r"^(?:St\.?|Saint) ([A-Z][\w’'-]+)$")


@answer_form()
def saint_spelled_out(asked: Asked) -> list[str]:
    """ "St. Martin of Tours" is also "Saint Martin of Tours"; a saint named alone ("St
    Ninian", not the city "St. Louis") is also the name."""
    forms = [re.sub(r"\bSt\.? (?=[A-Z])", "Saint ", asked.answer)]
    named = SAINT.match(asked.answer)
    if named and asked.tag != "place":
        forms.append(named.group(1))
    return [f for f in forms if f != asked.answer]


PERCENT = re.compile(r"(.*?\d)\s*(?:percent|per cent|%)")


@answer_form(tags=("number",))
def percent_forms(asked: Asked) -> list[str]:
    """ "30 percent" is also "30%" and "30 per cent", and the other way round."""
    match = PERCENT.fullmatch(asked.answer)
    if not match:
        return []
    value = match.group(1)
    return [f"{value}%", f"{value} percent", f"{value} per cent"]


@answer_form(tags=("number",))
def fraction_forms(asked: Asked) -> list[str]:
    """ "5½" is also "5.5" and "5 1/2": ½ is not on a keyboard."""
    for sign, (decimal, slash) in FRACTIONS.items():
        match = re.fullmatch(rf"(\d+)\s*{sign}(.*)", asked.answer)
        if match:
            whole, rest = match.groups()
            return [f"{whole}{decimal}{rest}", f"{whole}{slash}{rest}"]
    return []


@answer_form(tags=("date",))
def with_preposition(asked: Asked) -> list[str]:
    """A date may be typed with the preposition the sentence gives it: "in 1970"."""
    return [f"{asked.prep} {asked.answer}"] if asked.prep else []


@answer_form(tags=("date",))
def without_date_preposition(asked: Asked) -> list[str]:
    """ "in 1970" is also "1970", "between 1621 and 1629" also "1621 and 1629"."""
    if asked.answer.lower().startswith(("between ", "in ", "on ", "by ")):
        return [asked.answer.split(" ", 1)[1]]
    return []


@answer_form(tags=("date",))
def year_span_forms(asked: Asked) -> list[str]:
    """ "1271–1368" is also "1271-1368" and "1271 to 1368"."""
    if re.fullmatch(r"\d{3,4}\s*[–-]\s*\d{2,4}", asked.answer):
        first, last = re.split(r"\s*[–-]\s*", asked.answer)
        return [f"{first}-{last}", f"{first} to {last}"]
    return []


SHORT_DECADE = re.compile(r"(?<![\d’'])[’']?([3-9]0|00)s\b")


@answer_form(tags=("date",))
def decades_in_full(asked: Asked) -> list[str]:
    """ "the 60s and 70s" is also "the 1960s and 1970s": a decade by its last two digits
    written in full ('30s to '90s of the 1900s, '00s of the 2000s; the '10s and '20s could be
    either century, so they stay as written)."""

    def full(match: re.Match[str]) -> str:
        tens = match.group(1)
        return f"{'20' if tens == '00' else '19'}{tens}s"

    written = SHORT_DECADE.sub(full, asked.answer)
    return [written] if written != asked.answer else []


@answer_form(tags=("number", "date"))
def without_hedge(asked: Asked) -> list[str]:
    """ "About 15 kilometres" is also "15 kilometres", "early 2012" also "2012"."""
    hedged = HEDGE.match(asked.answer)
    if hedged and hedged.end() < len(asked.answer):
        return [asked.answer[hedged.end() :]]
    return []


@answer_form(tags=("org",))
def org_without_the(asked: Asked) -> list[str]:
    """ "The Royal Society" is also "Royal Society"."""
    return [asked.answer[4:]] if asked.answer.lower().startswith("the ") else []


COUNTED = re.compile(r"(\d[\d,.]*)\s+([a-z][a-z-]+(?: [a-z][a-z-]+)?)")
UNIT = re.compile(
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|(?:kilo|centi|milli)?met(?:re|er)s?|"
    r"km|mi|miles?|yards?|feet|foot|inch(?:es)?|acres?|hectares?|ha|tonnes?|tons?|kg|"
    r"kilograms?|grams?|pounds?|litres?|liters?|percent|per cent|degrees?)"
)


@answer_form(tags=("number",))
def counted_forms(asked: Asked) -> list[str]:
    """A count with its noun ("27 punts") may be typed as the number or the noun alone; a
    measure ("15 kilometres") as the number only."""
    match = COUNTED.fullmatch(asked.answer)
    if not match:
        return []
    if UNIT.fullmatch(match.group(2)):
        return [match.group(1)]  # "kilometres" alone answers no "how far"
    return [match.group(1), match.group(2)]


@answer_form()
def dotted_acronym(asked: Asked) -> list[str]:
    """ "U.S." is also "US"."""
    return [asked.answer.replace(".", "")] if re.fullmatch(r"(?:[A-Z]\.){2,}", asked.answer) else []


UNIT_ABBREVIATION = re.compile(r"(.*\d)\s*(sq mi|sq ft|km2|km²|m2|m²|km|cm|mi|ft|kg|ha|m|t)")


def unit_forms(answer: str) -> list[str]:
    """ "60 km" is also "60 kilometres" and "60 kilometers", and the other way round."""
    match = UNIT_ABBREVIATION.fullmatch(answer)
    if match:
        value, unit = match.groups()
        return [f"{value} {word}" for word in UNIT_WORDS[unit]]
    for unit, words in UNIT_WORDS.items():
        for word in words:
            if answer.endswith(f" {word}") and answer[: -len(word) - 1][-1:].isdigit():
                return [f"{answer[: -len(word) - 1]} {unit}"]
    return []
