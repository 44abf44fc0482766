"""Other forms the article itself gives a name in: a bracketed acronym, '(also Dadu)', a
second spelling ('Ögedei' beside 'Ogödei Khan'). A student typing any of them is right."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from questions.answers.normal_form import strip_accents
from questions.facts import Mention, mention_key
from questions.lexicon import (
    COMMON_ABBREVIATIONS,
    DROPPABLE_TYPE_WORDS,
    HEAD_NOUNS,
    LEGAL_SUFFIX,
    NAME_PARTICLES,
    TITLES,
    TYPE_NOUNS,
)

# Lower-case words a multi-word name may hold ("Philo of Byzantium", "Ibn al-Haytham").
PARTICLES = NAME_PARTICLES | {"of", "the"}
NAME_TAGS = frozenset({"person", "org", "place", "group", "work"})
BRACKETED = re.compile(
    r"([A-Z][\w’'-]*(?:\s+(?:of|the|for|and|de|von|van|[A-Z][\w’'-]*))*)\s*"
    r"\((also |or |also known as |also called )?([A-Z][\w’'.-]*(?: [A-Z][\w’'-]*){0,2})\)"
)
MARKS = re.compile(r"\d+|\b[IVXLC]+\b")
SPELLING = 85
FIRST_WORD = 82
WORD = 75


def _plain(text: str) -> str:
    """mention_key without accents, for spelling comparisons."""
    return strip_accents(mention_key(text))


def same_spelling(a: str, b: str, person: bool = False) -> bool:
    """True when two names are one name spelt two ways ('Ögedei Khan', 'Ogödei Khan'); for a
    person also a one-word form of a two-word name ('Ögedei', 'Ogödei Khan')."""
    if MARKS.findall(a) != MARKS.findall(b):
        return False  # "Louis XIII" and "Louis XIV" are two people
    x, y = _plain(a), _plain(b)
    if x == y:
        return True
    if a.isupper() or b.isupper():
        return False  # "TEU" and "TFEU" are two treaties
    wx, wy = x.split(), y.split()
    if len(wx) == len(wy) and fuzz.ratio(x, y) >= SPELLING:
        # "Edict of Nantes" and "Edict of Alès" differ in one whole word: two things
        return all(
            fuzz.ratio(p, q) >= WORD and variant_shape(p, q) for p, q in zip(wx, wy, strict=True)
        )
    short, long = sorted((wx, wy), key=len)
    return (
        person
        and len(short) == 1
        and len(long) == 2
        and len(short[0]) >= 5
        and fuzz.ratio(short[0], long[0]) >= FIRST_WORD
        and long[-1].title() not in TYPE_NOUNS  # "Albert Hall" is no form of Albert
        and short[0] != f"{long[0]}s"  # "Edwards" is a surname, no form of "Edward Hale"
    )


def variant_shape(p: str, q: str) -> bool:
    """Two spellings of one word keep its first and last letters and nearly its length
    ('ogedei', 'ogodei'); 'russia' and 'prussia', 'austria' and 'australia' are two names."""
    if p.removesuffix("s") == q.removesuffix("s"):
        return True  # a plural ('Yanshengs')
    return p[:1] == q[:1] and p[-1:] == q[-1:] and abs(len(p) - len(q)) <= 1


LOWER_TERM_ACRONYM = re.compile(
    r"\b((?:[A-Za-z][\w-]*\s+){1,3}[a-z][\w-]*)\s+\(([A-Z][A-Za-z]{1,8})[);,]"
)


def term_acronyms(texts: Iterable[str]) -> list[tuple[str, str]]:
    """(term, acronym) pairs of 'ribulose bisphosphate (RuBP)': the shortest run of two or
    more words before the bracket, lower case but for the first ('Ribulose bisphosphate'),
    that starts with the acronym's letter."""
    pairs = []
    for text in texts:
        for match in LOWER_TERM_ACRONYM.finditer(text):
            words, acronym = match.group(1).split(), match.group(2)
            if sum(c.isupper() for c in acronym) < 2:
                continue
            for k in range(2, len(words) + 1):
                if words[-k][0].lower() == acronym[0].lower():
                    pairs.append((" ".join(words[-k:]), acronym))
                    break
    return pairs


def bracket_pairs(texts: Iterable[str]) -> list[tuple[str, str]]:
    """(name, alternative) pairs of 'European Space Agency (ESA)' and 'Daidu (also Dadu)'."""
    pairs = []
    for text in texts:
        for match in BRACKETED.finditer(text):
            name, said, alt = match.group(1).strip(), match.group(2), match.group(3).strip()
            name = re.sub(r"^The\s+", "", name)
            # "Harbour Ledger-Gazette (HLG)": a hyphenated word may give a letter per part
            shapes = {
                "".join(w[0] for w in words if w[:1].isupper())
                for words in (name.split(), re.split(r"[\s-]+", name))
            }
            acronym = alt.isupper() and len(alt) > 1 and any(alt == i[-len(alt) :] for i in shapes)
            if (said or acronym) and mention_key(name) != mention_key(alt):
                pairs.append((name, alt))
    return pairs


PARTICLE = "|".join(map(re.escape, sorted(PARTICLES, key=len, reverse=True)))
NAME_PART = rf"(?:[A-Z][\w’'-]*|(?:{PARTICLE})(?:-[\w’'-]+)?)"
GLOSSED_NAME = re.compile(
    rf"([A-Z][\w’'-]*(?: {NAME_PART}){{0,4}}) \(([A-Z][\w’'-]*(?: {NAME_PART}){{0,4}})\)"
)
REPEATED = 2


def repeated_glosses(texts: Iterable[str]) -> list[tuple[str, str]]:
    """A name with a name of several words in brackets, written so at least twice ('Kitab
    al-Tawil (Book of Tides)'): the article's two names of one thing (once, it may be a
    place's country or a work's author)."""
    seen: dict[tuple[str, str], int] = {}
    for text in texts:
        for match in GLOSSED_NAME.finditer(text):
            words = match.group(1).split()
            while words and words[0].lower() in STOP_WORDS:
                words = words[1:]  # "Then Kitab al-Tawil": a sentence's first word
            name, alt = " ".join(words), match.group(2)
            # A one-word bracket is more often a place or an author ("College (Norway)"),
            # and acronyms are bracket_pairs' (their letters are checked there).
            if " " not in alt or alt.isupper():
                continue
            if name and mention_key(name) != mention_key(alt):
                seen[name, alt] = seen.get((name, alt), 0) + 1
    return [pair for pair, count in seen.items() if count >= REPEATED]


def article_aliases(
    mentions: Sequence[Mention], texts: Sequence[str]
) -> Mapping[str, tuple[str, ...]]:
    """Mention key of a name -> the other forms the article writes it in."""
    names = sorted({m.answer for m in mentions if m.tag in NAME_TAGS})
    out: dict[str, list[str]] = {}

    def add(a: str, b: str) -> None:
        out.setdefault(mention_key(a), []).append(b)
        out.setdefault(mention_key(b), []).append(a)

    for name, alt in [*bracket_pairs(texts), *term_acronyms(texts), *repeated_glosses(texts)]:
        add(name, alt)
    for name, alt in bracketed_spellings(names, texts):
        add(name, alt)
    acronyms = article_acronyms(names, texts)
    one_way = [
        *fuller_names(mentions, texts),
        *of_place_forms(mentions, texts),
        *after_place_forms(mentions, names),
        *with_head_nouns(names, texts),
        *type_word_forms(names, texts),
        *company_forms(names),
        *acronyms,
        *titled_forms(mentions, texts),
        *ending_names(mentions),
    ]
    for name, alt in one_way:
        out.setdefault(mention_key(name), []).append(alt)
    for name, acronym in acronym_pairs(acronyms):
        out.setdefault(mention_key(acronym), []).append(name)  # "HNL": "Harbour Night Live"
    for a, b in [*spelling_variants(mentions, names), *without_middle_names(mentions)]:
        add(a, b)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def after_place_forms(mentions: Sequence[Mention], names: Sequence[str]) -> list[tuple[str, str]]:
    """A two-word name that starts with a place the article names is also its second word
    ("Warsaw Fotoplastikon": "Fotoplastikon")."""
    places = {m.answer for m in mentions if m.tag == "place" and " " not in m.answer}
    pairs = []
    for name in names:
        first, _, rest = name.partition(" ")
        if first in places and rest[:1].isupper() and " " not in rest:
            pairs.append((name, rest))
    return pairs


def without_middle_names(mentions: Sequence[Mention]) -> list[tuple[str, str]]:
    """A person's name of three words or more and the two-word name the article also writes
    of its first and last words are one person ('Ada King Lovelace', 'Ada Lovelace')."""
    people = {m.answer for m in mentions if m.tag == "person"}
    pairs = []
    for name in sorted(people):
        words = name.split()
        short = f"{words[0]} {words[-1]}"
        if len(words) >= 3 and short in people:
            pairs.append((name, short))
    return pairs


def spelling_variants(mentions: Sequence[Mention], names: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs of the article's names of a shared tag that are spellings of one name."""
    tags: dict[str, set[str]] = {}
    for m in mentions:
        tags.setdefault(m.answer, set()).add(m.tag)
    pairs = []
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            shared = tags[a] & tags[b] & NAME_TAGS
            if shared and same_spelling(a, b, "person" in shared):
                pairs.append((a, b))
    return pairs


def written_longer(short: str, texts: Sequence[str]) -> list[str]:
    """Longer names the article writes ending in short ('Denver Broncos' for 'Broncos')."""
    before = re.compile(rf"((?:[A-Z][\w’'-]+ ){{1,3}}){re.escape(short)}\b")
    found = set()
    for text in texts:
        if short not in text:
            continue  # a substring test spares most sentences the regex
        for match in before.finditer(text):
            words = [w for w in match.group(1).split() if w.lower() not in STOP_WORDS]
            if words:
                found.add(" ".join([*words, short]))
    return sorted(found)


def person_key(name: str) -> tuple[str, str]:
    """Who a full name names, as far as spelling tells: its last word and first initial
    ('Mohammad Tarin' and 'Muhammad Tarin' are one person; Ana and Bea Lund two)."""
    return name.split()[-1], name[:1]


def one_person(surname: str, names: Sequence[str]) -> bool:
    """Full names that all end in the surname and share one person_key ('J. R. Tolliver',
    'John R. Tolliver') are one person written two ways."""
    return {person_key(n) for n in names} == {(surname, names[0][:1])}


def fuller_names(mentions: Sequence[Mention], texts: Sequence[str] = ()) -> list[tuple[str, str]]:
    """A name written short ('Dalton', 'Broncos') is also right under the one longer name of
    the article that holds it ('John Dalton', 'Denver Broncos'), and the longer name under
    the short one the article uses alone. For a person any word of the longer name counts
    ('William' of 'William III'); for other names a plural last word ('Panthers', not
    'Bible' of 'Tyndale Bible') or the first of 'X of Y' ('Philo of Byzantium')."""
    names = {m.answer: m.tag for m in mentions if m.tag not in ("date", "number", "role")}
    pairs = []
    for short, tag in sorted(names.items()):
        if " " in short or not (short[:1].isupper() or short[:1].isdigit()):
            continue  # "Broncos", "49ers"
        longer = [
            n
            for n in names
            if " " in n
            and all(w[:1].isupper() or w in PARTICLES for w in n.split())
            and (
                short in n.split()
                and names[n] == "person"
                and n.split()[-1] not in TYPE_NOUNS  # not "Albert Hall" for Albert
                if tag == "person"
                else (n.split()[-1] == short and short.endswith("s"))  # "Denver Broncos"
                or n.startswith(f"{short} of ")  # "Philo of Byzantium"
            )
        ]
        # "Grace Hopper Award" holds "Grace Hopper": the shorter of two nested names is the
        # name.
        longer = [n for n in longer if not any(o != n and o in n for o in longer)]
        if not longer and (tag == "person" or short.endswith("s")):
            longer = written_longer(short, texts)  # "Denver Broncos", "Frédéric Chopin"
        if tag == "person" and len(longer) > 1 and one_person(short, longer):
            pairs.extend((short, name) for name in longer)  # "J. R. Tolliver", "John R. Tolliver"
            continue
        if len(longer) != 1:
            continue
        pairs.append((short, longer[0]))
        if tag != "person" or longer[0].split()[-1] == short:
            pairs.append((longer[0], short))  # "Martin" names no one of "Martin Marty"
        words = longer[0].split()
        if tag == "person" and words[0] != short and len(words) > 2:
            pairs.append((short, " ".join(words[1:])))  # "Stadtholder William III"
    return pairs


def article_acronyms(names: Sequence[str], texts: Sequence[str]) -> list[tuple[str, str]]:
    """'United States' is also 'US' when the article writes it so (and 'U.S.'); an everyday
    abbreviation ('U.S.') is also its full name, and the other way round."""
    words = {w.strip(",;:()“”\"'’") for t in texts for w in t.split()}
    words |= {w.rstrip(".") for w in words}
    pairs = []
    for name in names:
        full = COMMON_ABBREVIATIONS.get(name)
        if full:  # "U.S.": "United States", "US", "USA"
            pairs.append((name, full))
            pairs += [(name, a) for a, f in COMMON_ABBREVIATIONS.items() if f == full and a != name]
        short = [a for a, f in COMMON_ABBREVIATIONS.items() if f == name]
        pairs += [(name, a) for a in short]
    for name in names:
        words_of = name.split()
        for size in range(len(words_of), 1, -1):  # "NFL Most Valuable Player": "NFL MVP"
            for first in range(len(words_of) - size + 1):
                run = words_of[first : first + size]
                short = "".join(w[0] for w in run)
                whole = len(run) == len(words_of)
                if not whole and all(w[:1].isupper() for w in run) and short in words:
                    pairs.append(
                        (name, " ".join([*words_of[:first], short, *words_of[first + size :]]))
                    )
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


ACTOR_TAGS = frozenset({"person", "org"})


def ending_names(mentions: Sequence[Mention]) -> list[tuple[str, str]]:
    """A one-word name and the one longer name of two or three words ending in it are right
    for each other, whether the parser took them for people or organisations ("Marwick" and
    "Tobias Marwick" both tagged organisations; "the Guild" the article writes for the "Pilots'
    Guild"); not a place ("France" of "New France") nor a work ("Bible"). So are a name and
    the longer one it ends after "of" ("Harbour Security", "Office of Harbour Security")."""
    names = {m.answer for m in mentions if m.tag in ACTOR_TAGS}
    longer = [
        n for n in names if 1 < len(n.split()) <= 3 and all(w[:1].isupper() for w in n.split())
    ]
    ends = Counter(n.split()[-1] for n in longer)
    pairs = [
        (short, name)
        for short in names
        if " " not in short and short[:1].isupper() and ends[short] == 1
        for name in longer
        if name.split()[-1] == short
    ]
    for short in names:
        owners = [n for n in names if n.endswith(f" of {short}") and n[:1].isupper()]
        if " " in short and len(owners) == 1:
            pairs.append((short, owners[0]))
    return sorted({*pairs, *((b, a) for a, b in pairs)})


def acronym_pairs(acronyms: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Of article_acronyms' (name, short form) pairs, those whose acronym stands for one name
    only: a student typing the full name of "HNL" is right too."""
    pairs = [
        (name, alt)
        for name, alt in acronyms
        if alt.replace(".", "").isupper() and " " not in alt and " " in name
    ]
    expanded = Counter(mention_key(alt) for _, alt in set(pairs))
    return sorted({(n, a) for n, a in pairs if expanded[mention_key(a)] == 1})


TITLE_WORDS = "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
TITLED = re.compile(rf"\b({TITLE_WORDS}) ((?:[A-Z][\w’'-]+ ){{0,2}}[A-Z][\w’'-]+)")


def titled_forms(mentions: Sequence[Mention], texts: Sequence[str]) -> list[tuple[str, str]]:
    """A person is right with the title the article gives them ("Judge Nora Fell" for
    "Fell" and "Nora Fell"; "Judge Fell" too when the article also writes "Fell")."""
    people = {m.answer for m in mentions if m.tag == "person"}
    pairs = []
    for text in texts:
        for match in TITLED.finditer(text):
            title, name = match.group(1), match.group(2)
            surname = name.split()[-1]
            for person in people:
                if person == name or (" " not in person and person == surname):
                    pairs.append((person, f"{title} {name}"))
                    if surname in people:  # the article calls them by surname alone too
                        pairs.append((person, f"{title} {surname}"))
    return sorted(set(pairs))


NAME_RUN = r"[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,4}"
HEADED = re.compile(rf"({NAME_RUN}) ({'|'.join(HEAD_NOUNS)})\b")
OF_PLACE = re.compile(rf"({NAME_RUN}) of ([A-Z][\w’'-]+)")
BRACKETED_WORD = re.compile(rf"({NAME_RUN}) \(([A-Z][\w’'-]+)\)")


# The kind of thing a name names, written after it: "Ashby River", "Unity Party".
TYPE_WORDS = tuple(dict.fromkeys((*HEAD_NOUNS, *DROPPABLE_TYPE_WORDS)))
TYPED = re.compile(rf"({NAME_RUN}) ((?i:{'|'.join(TYPE_WORDS)}))\b")


def type_word_forms(names: Sequence[str], texts: Sequence[str]) -> list[tuple[str, str]]:
    """A name with its type word is right without it ('Ashby River': 'Ashby', not 'Red' of
    'Red Sea'), and a name the article also writes with one is right with it ('Unity':
    'Unity Party')."""
    pairs = []
    lower = {w for t in texts for w in re.findall(r"\b[a-z][\w’'-]*", t)}
    for name in names:
        *rest, last = name.split()
        named = [w for w in rest if w.lower() not in STOP_WORDS]
        # 'Red' of 'Red Sea' is a common word the article writes in lower case: no name.
        common = len(rest) == 1 and rest[0].lower() in lower
        droppable = last.lower() in DROPPABLE_TYPE_WORDS
        if named and not common and droppable and rest[-1][:1].isupper():
            pairs.append((name, " ".join(rest)))
    written = {
        (tail, noun) for t in texts for run, noun in TYPED.findall(t) for tail in _endings(run)
    }
    wanted = set(names)
    pairs += sorted((tail, f"{tail} {noun}") for tail, noun in written if tail in wanted)
    return pairs


INITIALS = re.compile(r"^(?:[A-Z]\.\s*)+")


def company_forms(names: Sequence[str]) -> list[tuple[str, str]]:
    """A company is right without its legal form and the initials before its name
    ('H. Farrow, Ltd.': 'H. Farrow', 'Farrow')."""
    pairs = []
    for name in names:
        bare = LEGAL_SUFFIX.sub("", name)
        if bare == name:
            continue
        pairs.append((name, bare))
        short = INITIALS.sub("", bare)
        if short != bare and short[:1].isupper():
            pairs.append((name, short))
    return pairs


def _endings(run: str) -> list[str]:
    """Every tail of a run of capitalised words: 'Southern Song' -> 'Southern Song', 'Song'."""
    words = run.split()
    return [" ".join(words[i:]) for i in range(len(words))]


def with_head_nouns(names: Sequence[str], texts: Sequence[str]) -> list[tuple[str, str]]:
    """'Song' is also 'Song dynasty' when the article writes it so."""
    written = {
        (tail, noun) for t in texts for run, noun in HEADED.findall(t) for tail in _endings(run)
    }
    wanted = set(names)
    return sorted((name, f"{name} {noun}") for name, noun in written if name in wanted)


def of_place_forms(mentions: Sequence[Mention], texts: Sequence[str]) -> list[tuple[str, str]]:
    """'William' and 'William III' are also 'William of Orange' and 'William III of Orange'
    when the article writes a name of theirs followed by 'of Orange'; so is a body's name of
    two words or more ('Art Museum' of 'Art Museum of Leeds')."""
    people = {m.answer for m in mentions if m.tag == "person"}
    people |= {m.answer for m in mentions if m.tag == "org" and " " in m.answer}
    pairs = set()
    for text in texts:
        for run, place in OF_PLACE.findall(text):
            for tail in _endings(run):
                words = tail.split()
                bare = " ".join(w for w in words if not re.fullmatch(r"[IVX]+", w))
                for name in {tail, bare} & people:
                    pairs |= {(name, f"{tail} of {place}"), (name, f"{bare} of {place}")}
    return sorted(pairs)


def bracketed_spellings(names: Sequence[str], texts: Sequence[str]) -> list[tuple[str, str]]:
    """'François Villion (Viljoen)': a one-word bracket after a name that spells its last
    word another way is that name too ('Viljoen', 'François Viljoen')."""
    wanted = set(names)
    pairs = set()
    for text in texts:
        for run, other in BRACKETED_WORD.findall(text):
            for name in set(_endings(run)) & wanted:
                last = name.split()[-1]
                if other != last and fuzz.ratio(_plain(other), _plain(last)) >= 60:
                    pairs |= {(name, other), (name, name[: -len(last)] + other)}
    return sorted(pairs)
