"""Wrong answers of the right type: from the article first, then near dates and numbers."""

from __future__ import annotations

import bisect
import functools
import random
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from questions.dates import DECADE, life_spans
from questions.facts import Mention, mention_key
from questions.lexicon import NUMBER_WORDS, OBJECT_WHO, QUOTED, YEAR_ALONE, is_name_like
from questions.model import BLANK
from questions.nlp import years_in

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
SCORE = re.compile(r"\d\s*[–-]\s*\d")
DECADE_SHIFTS = (-20, 10, -10, 20, 30, -30, 40)
CENTURY_DECADE = re.compile(r"(?<!\d)\d{2}00s\b")
YEAR_SHIFTS = (-3, 4, -7, 2, 9, -12, 6, -1, 15, -20)


@functools.lru_cache(maxsize=65536)
def looks(text: str) -> str:
    """The written shape of an answer: "acronym" (NASA), "name" (Yuri Gagarin) or "other"."""
    if text.isupper() and text.isalpha() and len(text) <= 6:
        return "acronym"
    return "name" if is_name_like(text) else "other"


def initials(name: str) -> str:
    """Capital initials of a multi-word name ("European Space Agency" -> "ESA")."""
    words = [w for w in name.split() if w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


@functools.lru_cache(maxsize=65536)
def is_variant(a: str, b: str) -> bool:
    """True when b is a spelling variant of a, or one contains the other (asked again and
    again of the same pairs as each kind picks wrong answers: kept)."""
    x, y = mention_key(a), mention_key(b)
    if not x or not y:
        return True
    if x == y or x in y.split() or y in x.split() or x in y or y in x:
        return True
    tx, ty = x.split(), y.split()
    if len(tx) > 1 and len(ty) > 1 and tx[-1] == ty[-1]:
        return True  # same surname
    if initials(a) == b.strip() or initials(b) == a.strip():
        return True  # "ESA" and "European Space Agency"
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


SHORT_RANGE = re.compile(r"(?<!\d)(\d{4})([-–])(\d{2})(?!\d)")


def shift_years(text: str, delta: int) -> str:
    """The same date with every year moved by delta; a range's short end moves with it
    ("1961-64" -> "1967-70", not "1967-64")."""

    def short_range(match: re.Match[str]) -> str:
        start = int(match.group(1))
        end = start // 100 * 100 + int(match.group(3))
        end += 100 if end < start else 0
        first, last = start + delta, end + delta
        tail = f"{last % 100:02d}" if first // 100 == last // 100 else str(last)
        return f"{first}{match.group(2)}{tail}"

    parts = SHORT_RANGE.split(text)
    if len(parts) > 1:  # each short range whole, the years around it on their own
        pieces = []
        for k in range(0, len(parts), 4):
            pieces.append(shift_years(parts[k], delta))
            if k + 3 < len(parts):
                pieces.append(short_range(SHORT_RANGE.match("".join(parts[k + 1 : k + 4]))))
        return "".join(pieces)
    return YEAR_ALONE.sub(lambda m: str(int(m.group()) + delta), text)


def near_dates(answer: str, rng: random.Random, count: int) -> list[str]:
    """Dates of the same shape a few years away."""
    if not years_in(answer):
        return []
    shifts = list(DECADE_SHIFTS if DECADE.search(answer) else YEAR_SHIFTS)
    rng.shuffle(shifts)
    dates = [shift_years(answer, d) for d in shifts]
    # "the 1600s" reads as a century, which holds the 1620s.
    return [d for d in dates if not CENTURY_DECADE.search(d)][:count]


def near_number_words(words: list[str], i: int, rng: random.Random, count: int) -> list[str]:
    """The answer's words with its number word (words[i]) replaced by near ones ("three
    ships" -> "five ships")."""
    value = NUMBER_WORDS.index(words[i].lower())
    options = [
        v
        for v in (value - 2, value - 1, value + 1, value + 2, value + 3, value * 2)
        if 1 < v < len(NUMBER_WORDS) and v != value
    ]
    rng.shuffle(options)
    out = []
    for v in options[:count]:
        new = NUMBER_WORDS[v]
        new = new.capitalize() if words[i][0].isupper() else new
        out.append(" ".join([*words[:i], new, *words[i + 1 :]]))
    return out


def near_numbers(answer: str, rng: random.Random, count: int) -> list[str]:
    """Numbers of the same form near the answer's value; none for a record ("12–4") or a
    range ("two to five percent", "75,000 to 100,000"), whose parts must fit each other."""
    words = answer.split()
    if sum(w.lower() in NUMBER_WORDS for w in words) + len(NUMBER.findall(answer)) > 1:
        return []
    for i, word in enumerate(words):
        if word.lower() in NUMBER_WORDS:
            return near_number_words(words, i, rng, count)
    match = NUMBER.search(answer)
    glued = match is not None and answer[match.end() : match.end() + 1].isalpha()  # "49ers"
    # A number in a name ("42 Quay", "Apollo 11") names one thing: "63 Quay" is no title.
    named = bool(re.search(r"\b[A-Z][a-z]", answer))
    if not match or SCORE.search(answer) or glued or named:
        return []
    raw = match.group().replace(",", "")
    factors = scale_factors(answer, raw)
    rng.shuffle(factors)
    out: list[str] = []
    for factor in factors:
        text = scaled(raw, factor, "," in match.group())
        made = answer[: match.start()] + text + answer[match.end() :] if text else None
        if made is None or made in out:
            continue  # "2.5%" rounds 0.95 and 1.05 of itself to the same neighbour
        out.append(made)
        if len(out) == count:
            break
    return out


def scale_factors(answer: str, raw: str) -> list[float]:
    """What the answer's value is multiplied by to make wrong ones."""
    if "." in raw:
        # A measurement ("1.76 m", "9.58 seconds") keeps its scale: half or twice a height
        # is no height (read 18 offered a runner 3.5 m beside 1.75 m).
        return [0.85, 0.9, 0.95, 1.05, 1.1, 1.15]
    if re.search(r"[^\W\d_]{3,}", answer):  # "47 years": a counted noun stays near its value
        return [0.5, 2, 1.5, 0.75, 1.25, 0.6]
    # Not ten times the answer: "760" beside "76" shows which one the others were made from.
    return [0.5, 2, 1.5, 0.75, 3, 1.25, 0.25]


def scaled(raw: str, factor: float, commas: bool) -> str | None:
    """The number raw times factor, written the way raw is (its decimals, thousands commas),
    or None when that writes the same number or none above zero."""
    value = float(raw)
    if "." in raw:
        text = f"{value * factor:.{len(raw.split('.')[1])}f}"
        return None if text == raw else text
    new = round(value * factor)
    if new == value or new <= 0:
        return None
    return f"{new:,}" if commas else str(new)


@dataclass(frozen=True)
class Pools:
    """The article's answers grouped for distractor picks, built once per article."""

    by_key: Mapping[tuple[str, str], tuple[tuple[str, int], ...]]  # (answer, first sentence)
    by_sentence: Mapping[int, tuple[str, ...]]
    sentences_of: Mapping[str, frozenset[int]]  # normalized answer -> sentences naming it
    tags_of: Mapping[str, str]
    years: tuple[int, int] | None = None  # the earliest and latest year the article names
    present: int | None = None  # the latest year of a past event: about when it was written
    actors: frozenset[str] = frozenset()  # people the article has do something (actors())
    lives: tuple[tuple[int, int], ...] = ()  # birth and death years it gives in brackets
    pronouns: Mapping[str, str] = field(default_factory=dict)  # person key -> "he" or "she"
    series: Mapping[str, frozenset[str]] = field(default_factory=dict)  # year -> its nouns


def pool_key(mention: Mention) -> tuple[str, str]:
    """Answers that can stand in for each other: same tag, same place type, same date shape."""
    if mention.tag == "place":
        return mention.tag, mention.label
    if mention.tag in ("date", "number"):
        return mention.tag, shape_of(mention.answer)
    if mention.tag == "group":  # "Huguenots" with plural nouns, "British" with adjectives
        return mention.tag, "plural" if mention.answer.endswith("s") else "adjective"
    return mention.tag, looks(mention.answer)  # an acronym with acronyms, a name with names


def full_name_words(mentions: Iterable[Mention]) -> frozenset[str]:
    """Words of the article's person names that have two or more words."""
    return frozenset(
        word for m in mentions if m.tag == "person" and " " in m.answer for word in m.answer.split()
    )


def confirmed_person(name: str, name_words: frozenset[str]) -> bool:
    """A name of two or more words, or one word that is part of such a name in the article."""
    return len(name.split()) > 1 or name in name_words


PERSON_CUE = re.compile(
    r"\b(?:he|she|his|her|him|himself|herself|who|whom|whose)\b|\b(?:born|died|married)\b",
    re.I,
)
UNFINISHED_NAME = re.compile(r"(?:['’]|\b[a-z]{1,3})$")


def cued_people(mentions: Iterable[Mention], texts: Sequence[str]) -> frozenset[str]:
    """People the article treats as people somewhere: a sentence naming them says he, she,
    who, born or died, or they do something ("Who ...?"). Others may be a mislabelled lake."""
    cued = set()
    for mention in mentions:
        if mention.tag != "person":
            continue
        question = mention.question or ""
        actor = question.startswith("Who ") and not OBJECT_WHO.match(question)
        if actor or PERSON_CUE.search(texts[mention.sentence]):
            cued.add(mention_key(mention.answer))
    return frozenset(cued)


HE = re.compile(r"\b(?:he|him|his|himself)\b", re.I)
SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)
PRONOUN_EVIDENCE = 2  # sentences a pronoun must outnumber the other in, twice over


def pronoun_of(text: str) -> str | None:
    """ "he" or "she" when the text (outside quotations) uses one set of pronouns only."""
    text = QUOTED.sub(" ", text)
    he, she = bool(HE.search(text)), bool(SHE.search(text))
    return "he" if he and not she else "she" if she and not he else None


def people_pronouns(mentions: Iterable[Mention], texts: Sequence[str]) -> dict[str, str]:
    """The pronoun the article uses for each person (by full name and by surname): in a
    sentence that names one person only, and the next one when it names nobody, the
    pronouns that follow; a person gets one when it is seen at least PRONOUN_EVIDENCE times
    and twice as often as the other."""
    named: dict[int, set[str]] = {}
    for mention in mentions:
        if mention.tag == "person":
            named.setdefault(mention.sentence, set()).add(mention.answer)
    seen: dict[str, Counter[str]] = {}
    for index, names in named.items():
        if len(names) != 1 or index >= len(texts):
            continue
        name = next(iter(names))
        after = texts[index].split(name, 1)[-1]
        if index + 1 < len(texts) and index + 1 not in named:
            after += " " + texts[index + 1]
        pronoun = pronoun_of(after)
        if pronoun:
            for key in {mention_key(name), mention_key(name.split()[-1])}:
                seen.setdefault(key, Counter())[pronoun] += 1
    found = {}
    for key, counts in seen.items():
        (best, most), *rest = [*counts.most_common(), ("", 0)]
        if most >= PRONOUN_EVIDENCE and most >= 2 * rest[0][1]:
            found[key] = best
    return found


def pronoun_for(name: str, pools: Pools) -> str | None:
    """The pronoun the article uses for a person, by full name or else by surname."""
    key = mention_key(name)
    return pools.pronouns.get(key) or pools.pronouns.get(mention_key(name.split()[-1]))


def build_pools(mentions: Iterable[Mention], texts: Sequence[str] | None = None) -> Pools:
    """Group the distinct answers of the article (outside quotations) by pool_key.

    With the sentence texts, a wrong person must be treated as a person somewhere in them.
    """
    by_key: dict[tuple[str, str], dict[str, tuple[str, int]]] = {}
    by_sentence: dict[int, list[str]] = {}
    mentions = list(mentions)
    # A name the model also tags as a place or organisation is no safe wrong person, nor is
    # a one-word "person" never seen as part of a full name, nor a cut name ("Marie de'").
    not_people = {mention_key(m.answer) for m in mentions if m.tag in ("place", "org")}
    name_words = full_name_words(mentions)
    cued = cued_people(mentions, texts) if texts is not None else None
    # "Shi" of Shi Tianze and Shi Gang: a word of several names names no one.
    full_names = {m.answer for m in mentions if m.tag == "person" and " " in m.answer}
    shared = Counter(word for name in full_names for word in set(name.split()))
    for mention in mentions:
        doubtful = mention.tag == "person" and (
            not confirmed_person(mention.answer, name_words)
            or bool(UNFINISHED_NAME.search(mention.answer))
            or shared[mention.answer] > 1
            or (cued is not None and mention_key(mention.answer) not in cued)
        )
        if mention.tag == "person" and mention_key(mention.answer) in not_people or doubtful:
            by_sentence.setdefault(mention.sentence, []).append(mention.answer)
            continue
        by_sentence.setdefault(mention.sentence, []).append(mention.answer)
        if not mention.in_quote:
            by_key.setdefault(pool_key(mention), {}).setdefault(
                mention_key(mention.answer), (mention.answer, mention.sentence)
            )
    sentences_of: dict[str, set[int]] = {}
    for mention in mentions:
        sentences_of.setdefault(mention_key(mention.answer), set()).add(mention.sentence)
    return Pools(
        by_key={k: tuple(v.values()) for k, v in by_key.items()},
        by_sentence={k: tuple(v) for k, v in by_sentence.items()},
        sentences_of={k: frozenset(v) for k, v in sentences_of.items()},
        tags_of={mention_key(m.answer): m.tag for m in mentions},
        years=year_span(m.answer for m in mentions if m.tag == "date"),
        present=max((y for m in mentions if m.past for y in years_in(m.answer)), default=None),
        actors=actors(mentions),
        lives=tuple(life_spans(texts or ())),
        pronouns=people_pronouns(mentions, texts or ()),
        series=series_of(mentions),
    )


def series_of(mentions: Iterable[Mention]) -> dict[str, frozenset[str]]:
    """For each year, the nouns the article has it pick one of ("2020" -> {"election"})."""
    found: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.series:
            found.setdefault(mention_key(mention.answer), set()).add(mention.series)
    return {year: frozenset(nouns) for year, nouns in found.items()}


def named_in_prompt(choice: str, prompt: str) -> bool:
    """True when a wrong answer is named in the prompt itself ('[Möngke Khan] granted ...')."""
    words = [w for w in mention_key(choice).split() if len(w) > 2]
    text = mention_key(prompt)
    return mention_key(choice) in text or any(w in text.split() for w in words)


def actors(mentions: Iterable[Mention]) -> frozenset[str]:
    """People the article has do something: answers of a subject question ('Who built ...?')."""
    return frozenset(
        mention_key(m.answer)
        for m in mentions
        if m.tag == "person"
        and (m.question or "").startswith("Who ")
        and not OBJECT_WHO.match(m.question or "")
    )


def year_span(dates: Iterable[str]) -> tuple[int, int] | None:
    """The earliest and latest year among the dates, or None without one."""
    years = [y for d in dates for y in years_in(d)]
    return (min(years), max(years)) if years else None


def by_span(values: list[str], span: tuple[int, int] | None, slack: int = 2) -> list[str]:
    """Made-up dates inside the article's years first, then earlier ones, then up to slack
    years after the latest year the article names, never further."""
    if span is None:
        return values
    inside = [v for v in values if all(span[0] - slack <= y <= span[1] for y in years_in(v))]
    before = [v for v in values if v not in inside and max(years_in(v) or [0]) < span[0]]
    later = [v for v in values if v not in inside and v not in before]
    return inside + before + [v for v in later if max(years_in(v)) <= span[1] + slack]


def in_pool(mention: Mention, pools: Pools) -> bool:
    """True when the mention's answer is itself a safe pick of its type (a cued person)."""
    key = mention_key(mention.answer)
    return any(mention_key(a) == key for a, _ in pools.by_key.get(pool_key(mention), ()))


ACTORS = frozenset({"person", "org"})


def related_elsewhere(candidate: str, mention: Mention, pools: Pools) -> bool:
    """True when the candidate is named with another actor of the question's sentence in some
    other sentence: it may be just as right ("A and B served the Khan")."""
    if mention.tag not in ACTORS:
        return False
    seen = pools.sentences_of.get(mention_key(candidate), frozenset()) - {mention.sentence}
    for other in pools.by_sentence.get(mention.sentence, ()):
        key = mention_key(other)
        if key == mention_key(mention.answer) or pools.tags_of.get(key) not in ACTORS:
            continue
        if seen & pools.sentences_of.get(key, frozenset()):
            return True
    return False


MAX_TRIES = 40
NEAR = 8


def number_value(text: str) -> float | None:
    """The first number written in text, in digits or as a word ('six touchdowns')."""
    match = NUMBER.search(text)
    if match:
        return float(match.group().replace(",", ""))
    words = [w.lower() for w in text.split()]
    return next((float(NUMBER_WORDS.index(w)) for w in words if w in NUMBER_WORDS), None)


def similar_size(choice: str, answer: str, factor: float = 2.0) -> bool:
    """True when a wrong number is within a factor of the answer (or either is no number)."""
    a, b = number_value(choice), number_value(answer)
    if a is None or b is None or a <= 0 or b <= 0:
        return True
    return b / factor <= a <= b * factor


OPEN_BOUND = re.compile(
    r"(?:more than|over|at least|upwards of|fewer than|less than|under|up to|at most|"
    r"as many as|as few as|in excess of)\s",
    re.I,
)
TOTAL = re.compile(r"\b(\d+)-[a-z]+\b")


def beyond_total(choice: str, answer: str, sentence: str) -> bool:
    """True when a wrong count passes a total the sentence gives ("at least 19" wins in "a
    16-game schedule"): the sentence itself rules it out."""
    value, right = number_value(choice), number_value(answer)
    if value is None or right is None:
        return False
    totals = [int(t) for t in TOTAL.findall(sentence.replace(BLANK, " "))]
    return any(right <= total < value for total in totals)


def impossible_share(choice: str, answer: str) -> bool:
    """A share over 100% beside an answer that is a share of a whole ('154.8%' for '54.8%')."""
    if "%" not in answer and "percent" not in answer.lower():
        return False
    value, own = number_value(choice), number_value(answer)
    return value is not None and own is not None and own <= 100 < value


def pool_candidates(mention: Mention, pools: Pools, rng: random.Random) -> list[str]:
    """The article's answers of the mention's pool to try as wrong answers: those first
    mentioned near the question's sentence first (same topic, more plausible), shuffled,
    then a sample of the others."""
    pool = pools.by_key.get(pool_key(mention), ())
    middle = bisect.bisect_left(pool, mention.sentence, key=lambda pair: pair[1])
    low, high = max(0, middle - NEAR // 2), min(len(pool), middle + NEAR // 2)
    near = [answer for answer, _ in pool[low:high]]
    rng.shuffle(near)
    others = rng.sample(range(len(pool)), min(len(pool), MAX_TRIES + NEAR))
    return near + [pool[i][0] for i in others if not low <= i < high][:MAX_TRIES]


def unfit_distractor(other: str, mention: Mention, pools: Pools, kind: str) -> bool:
    """A wrong answer a registered distractor rule of the kind turns down
    (questions/rules/distractors.py: the question itself gives it away or makes it also
    true)."""
    from questions.rules import DISTRACTOR_RULES  # the rules read this module's helpers

    return any(
        rule.unfit(other, mention, pools)
        for rule in DISTRACTOR_RULES
        if rule.unfit and kind in rule.kinds
    )


def near_values(
    mention: Mention,
    pools: Pools,
    rng: random.Random,
    count: int,
    chosen: list[str],
    banned: list[str],
    kind: str,
) -> list[str]:
    """chosen topped up to count with dates or numbers near the answer (a date within the
    article's span of years) that the kind's distractor rules let through, never one already
    taken."""
    answer = mention.answer
    chosen = list(chosen)
    near = near_dates(answer, rng, 10) if years_in(answer) else near_numbers(answer, rng, 8)
    near = by_span(near, pools.years) if years_in(answer) else near
    taken = {mention_key(c) for c in [*chosen, *banned]}
    for value in near:
        if len(chosen) == count:
            break
        if mention_key(value) not in taken and not unfit_distractor(value, mention, pools, kind):
            chosen.append(value)
            taken.add(mention_key(value))
    return chosen


def pick_distractors(
    mention: Mention,
    pools: Pools,
    rng: random.Random,
    count: int = 3,
    exclude: Iterable[str] = (),
    kind: str = "mcq",
) -> list[str]:
    """count wrong answers for mention, or fewer when the article has no good ones.

    Never the answer, a spelling variant of it, or an answer of the same sentence (which could
    also be true), nor one a distractor rule of the kind turns down; article answers first,
    then near dates and numbers.
    """
    answer = mention.answer
    if mention.tag == "number" and OPEN_BOUND.match(answer):
        return []  # "more than 175,000" is also true of more than 350,000
    banned = [answer, *exclude, *pools.by_sentence.get(mention.sentence, ())]
    exact = mention.tag in ("date", "number")
    chosen: list[str] = []
    for other in pool_candidates(mention, pools, rng):
        key = mention_key(other)
        taken = [*banned, *chosen]
        if any(key == mention_key(b) if exact else is_variant(other, b) for b in taken):
            continue
        if unfit_distractor(other, mention, pools, kind):
            continue
        chosen.append(other)
        if len(chosen) == count:
            return chosen
    if mention.tag == "number" or years_in(answer):
        return near_values(mention, pools, rng, count, chosen, banned, kind)
    return chosen
