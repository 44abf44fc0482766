"""Other forms the article itself gives a name in: a bracketed acronym, '(also Dadu)', a
second spelling ('Ögedei' beside 'Ogödei Khan'). A student typing any of them is right."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from rapidfuzz import fuzz

from questions.facts import Mention, normalize

NAME_TAGS = frozenset({"person", "org", "place", "group"})
BRACKETED = re.compile(
    r"([A-Z][\w’'-]*(?:\s+(?:of|the|for|and|de|von|van|[A-Z][\w’'-]*))*)\s*"
    r"\((also |or |also known as |also called )?([A-Z][\w’'.-]*(?: [A-Z][\w’'-]*){0,2})\)"
)
MARKS = re.compile(r"\d+|\b[IVXLC]+\b")
SPELLING = 85
FIRST_WORD = 82
WORD = 75


def _plain(text: str) -> str:
    """normalize without accents, for spelling comparisons."""
    text = unicodedata.normalize("NFKD", normalize(text))
    return "".join(c for c in text if not unicodedata.combining(c))


def same_spelling(a: str, b: str, person: bool = False) -> bool:
    """True when two names are one name spelt two ways ('Ögedei Khan', 'Ogödei Khan'); for a
    person also a one-word form of a two-word name ('Ögedei', 'Ogödei Khan')."""
    if MARKS.findall(a) != MARKS.findall(b):
        return False  # "Louis XIII" and "Louis XIV" are two people
    x, y = _plain(a), _plain(b)
    if x == y:
        return True
    wx, wy = x.split(), y.split()
    if len(wx) == len(wy) and fuzz.ratio(x, y) >= SPELLING:
        # "Edict of Nantes" and "Edict of Alès" differ in one whole word: two things
        return all(fuzz.ratio(p, q) >= WORD for p, q in zip(wx, wy, strict=True))
    short, long = sorted((wx, wy), key=len)
    return (
        person
        and len(short) == 1
        and len(long) == 2
        and len(short[0]) >= 5
        and fuzz.ratio(short[0], long[0]) >= FIRST_WORD
    )


def bracket_pairs(texts: Iterable[str]) -> list[tuple[str, str]]:
    """(name, alternative) pairs of 'European Space Agency (ESA)' and 'Daidu (also Dadu)'."""
    pairs = []
    for text in texts:
        for match in BRACKETED.finditer(text):
            name, said, alt = match.group(1).strip(), match.group(2), match.group(3).strip()
            name = re.sub(r"^The\s+", "", name)
            initials = "".join(w[0] for w in name.split() if w[:1].isupper())
            acronym = alt.isupper() and len(alt) > 1 and alt == initials[-len(alt) :]
            if (said or acronym) and normalize(name) != normalize(alt):
                pairs.append((name, alt))
    return pairs


def article_aliases(
    mentions: Sequence[Mention], texts: Sequence[str]
) -> Mapping[str, tuple[str, ...]]:
    """Normalized name -> the other forms the article writes it in."""
    names = sorted({m.answer for m in mentions if m.tag in NAME_TAGS})
    tags: dict[str, set[str]] = {}
    for m in mentions:
        tags.setdefault(m.answer, set()).add(m.tag)
    out: dict[str, list[str]] = {}

    def add(a: str, b: str) -> None:
        out.setdefault(normalize(a), []).append(b)
        out.setdefault(normalize(b), []).append(a)

    for name, alt in bracket_pairs(texts):
        add(name, alt)
    for name, alt in fuller_names(mentions):
        out.setdefault(normalize(name), []).append(alt)
    for name, alt in article_acronyms(names, texts):
        out.setdefault(normalize(name), []).append(alt)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            shared = tags[a] & tags[b] & NAME_TAGS
            if shared and same_spelling(a, b, "person" in shared):
                add(a, b)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def fuller_names(mentions: Sequence[Mention]) -> list[tuple[str, str]]:
    """A person named by one word ('Dalton', 'William') is also right under the one longer
    name of the article that holds that word ('John Dalton', 'William III')."""
    people = sorted({m.answer for m in mentions if m.tag == "person"})
    pairs = []
    for short in (p for p in people if " " not in p):
        longer = [p for p in people if " " in p and short in p.split()]
        if len(longer) == 1:
            pairs.append((short, longer[0]))
            words = longer[0].split()
            if words[0] != short and words[0][:1].isupper() and len(words) > 2:
                pairs.append((short, " ".join(words[1:])))  # "Stadtholder William III"
    return pairs


def article_acronyms(names: Sequence[str], texts: Sequence[str]) -> list[tuple[str, str]]:
    """'United States' is also 'US' when the article writes it so (and 'U.S.')."""
    words = {w.strip(".,;:()“”\"'’") for t in texts for w in t.split()}
    pairs = []
    for name in names:
        capitals = [w for w in name.split() if w[:1].isupper()]
        if len(capitals) < 2 or len(capitals) != len(name.split()):
            continue
        acronym = "".join(w[0] for w in capitals)
        dotted = ".".join(acronym) + "."
        for form in (acronym, dotted, dotted[:-1]):
            if form in words:
                pairs += [(name, acronym), (name, dotted)]
                break
    return pairs
