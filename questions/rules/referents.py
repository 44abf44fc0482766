"""Rules against prompts that lean on something they never name: "here", "that era", "the
building", "the Centre" for a longer name."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from questions.lexicon import NAME_WORD, QUOTED, TYPE_NOUNS, WORD_TOKEN, YEAR_ALONE
from questions.model import BLANK, SENTENCE_KINDS, Item
from questions.rules.registry import QUESTION_KINDS, SINGLE_KINDS, Check, article_rule, rule

if TYPE_CHECKING:
    from questions.kinds.base import Analysis

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
QUANTIFIER_START = re.compile(
    r"^(?:Most|Many|Some|Few|All|Both|Others|Several|None)\s+(?:are|were|is|was|have|had|of them)\b"
)
# "What is <a description of four words or more> called?" (questions/definitions.py).
NAMING_QUESTION = re.compile(r"^What (?:is|are|was|were) (?:\S+ ){4,}(?:called|known as)\?$")
SHORT_NAME = re.compile(r"\b[Tt]he ([A-Z][a-z]+)\b(?! [A-Z])")


@rule(kinds=SINGLE_KINDS)
def unnamed_referent(item: Item) -> str | None:
    """The prompt leans on something it never names: "here", "that era", "the building"."""
    prompt = item.prompt
    if QUANTIFIER_START.match(prompt):
        return "starts with 'Most are' of an unnamed group"
    deictic = DEICTIC.search(prompt)
    if deictic:
        return f"unnamed referent {deictic.group()!r}"
    if NAMING_QUESTION.match(prompt):
        return None  # "What is a plastid that lacks chlorophyll called?": the description names
    if prompt.endswith("?"):
        words = prompt.rstrip("?").split()[1:]
        named = any(w[:1].isupper() or w[:1] == "[" for w in words)
        return None if named else "question names nothing"
    # The subject's first words ("The couple left", "Overall, the offense ranked") name nothing;
    # an "of" among them reaches as far again ("The construction of the Orbital Yard").
    words = LEADING_LINK.sub("", prompt).split()[1:]
    reach = words.index("of") + 4 if "of" in words[:3] else 3
    head = " ".join(words[:reach])
    if UNNAMED_SUBJECT.match(prompt) and not NAME_WORD.search(head) and BLANK not in head:
        return "subject is an unnamed 'the ...'"
    return None


CAPITAL = r"[A-Z][\w’'-]+"
TYPE_NAME = re.compile(
    rf"\b(?:{CAPITAL} )*(?:{'|'.join(sorted(TYPE_NOUNS))})"
    rf"(?: (?:for|of) (?:the )?{CAPITAL}(?: {CAPITAL})*)?"
)


def written_type_names(texts: Iterable[str]) -> set[str]:
    """Longer names built on a type noun as the article writes them ('Centre for Contemporary
    Art', 'Royal Castle'), also where the model tagged none."""
    found = set()
    for text in texts:
        for match in TYPE_NAME.finditer(text):
            name = match.group()
            if " " in name and not name.startswith(("The ", "A ", "An ")):
                found.add(name)
    return found


def make_short_name_filter(names: Iterable[str]) -> Check:
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
        for match in SHORT_NAME.finditer(item.prompt):
            word = match.group(1)
            if word in by_word and not any(n in item.prompt for n in by_word[word]):
                return f"'the {word}' stands for a longer name"
        return None

    return short_name


@article_rule("short_name", kinds=SINGLE_KINDS)
def short_name_rule(analysis: Analysis) -> Check:
    """A common noun of a longer name used alone ("the Centre" for the Centre for
    Contemporary Art): which one is meant depends on the sentence before."""
    names = {m.answer for m in analysis.mentions if m.tag != "person"}
    return make_short_name_filter(names | written_type_names(s.text for s in analysis.sentences))


# --- Sentences that lean on a place or body they do not name --------------------------------

GENERIC_PLACE = re.compile(
    r"\b(?:the|its|their) (?:franchise|team|club|city|town|garden|park|palace|church|school|"
    r"university|company|league|island|museum|building|library|village|region|square)\b",
    re.I,
)
EXISTENTIAL = re.compile(r"^(?:there (?:are|is|were|was)|famous \w+ include)\b", re.I)
PROPER_WORD = re.compile(r"(?<=\s)[A-Z][\w’'-]+")
TEAM_NAME = re.compile(r"(?<!^)\b[A-Z][a-z]+s\b")  # "the Panthers": a team names its members
NOT_PROPER = frozenset({"I", "The", "A", "An"})


CONTENT = re.compile(r"\b[a-z][a-z-]{3,}\b")


def _stems(text: str) -> set[str]:
    return {w[:5] for w in CONTENT.findall(text) if w not in STOP_WORDS}


@dataclass(frozen=True)
class Deeds:
    """The article's sentences as content-word stems, people named and years: which other
    sentences say the same thing of another person or another year."""

    sentences: Sequence[str]
    stems: list[set[str]]
    named: list[set[str]]
    years: list[set[str]]
    by_stem: Mapping[str, list[int]]

    @classmethod
    def of(cls, sentences: Sequence[str], people: Iterable[str]) -> Deeds:
        """The deeds of the sentences, naming the people given."""
        names = sorted(set(people), key=len, reverse=True)
        name_pattern = re.compile("|".join(map(re.escape, names))) if names else None
        stems = [_stems(s) for s in sentences]
        by_stem: dict[str, list[int]] = defaultdict(list)
        for index, words in enumerate(stems):
            for word in words:
                by_stem[word].append(index)
        return cls(
            sentences=sentences,
            stems=stems,
            named=[set(name_pattern.findall(s)) if name_pattern else set() for s in sentences],
            years=[set(YEAR_ALONE.findall(s)) for s in sentences],
            by_stem=by_stem,
        )

    def alike(self, said: set[str], own: int) -> list[tuple[int, set[str]]]:
        """Other sentences sharing at least two and half of the stems, in article order."""
        counts = Counter(i for word in said for i in self.by_stem.get(word, ()) if i != own)
        close = sorted(i for i, n in counts.items() if n >= 2 and n * 2 >= len(said))
        return [(i, said & self.stems[i]) for i in close]

    def shared_deed(self, item: Item) -> str | None:
        """Why the item has several right answers: another doer, or another year; or None."""
        if not isinstance(item.answer, str):
            return None
        if item.tags[:1] == ("date",) and item.prompt.startswith("When "):
            return self.other_time(item)
        asks_doer = item.prompt.startswith((BLANK, "Who "))
        if item.tags[:1] != ("person",) or not asks_doer:
            return None
        return self.other_doer(item)

    def other_doer(self, item: Item) -> str | None:
        """Another person a sentence like the item's says did the same, with the stems."""
        said = _stems(item.prompt.replace(str(item.answer), " "))
        if len(said) < 2:
            return None
        answer_words = set(str(item.answer).split())
        for index, shared in self.alike(said, item.sentence_index):
            others = sorted(n for n in self.named[index] if not set(n.split()) & answer_words)
            if others:
                return f"{others[0]!r} did the same ({', '.join(sorted(shared))})"
        return None

    def other_time(self, item: Item) -> str | None:
        """Another year a sentence like the item's, naming the same names, says it happened."""
        said = _stems(item.prompt)
        names_in = [w for w in PROPER_WORD.findall(item.prompt) if w not in NOT_PROPER]
        answer_years = set(YEAR_ALONE.findall(str(item.answer)))
        if len(said) < 2 or not answer_years or not names_in:
            return None
        for index, shared in self.alike(said, item.sentence_index):
            other_years = self.years[index] - answer_years
            if other_years and all(n in self.sentences[index] for n in names_in):
                return f"also happened in {min(other_years)} ({', '.join(sorted(shared))})"
        return None


def make_shared_deed_filter(sentences: Sequence[str], people: Iterable[str]) -> Check:
    """A blank or 'Who' for the doer of what other people of the article did too ('_____
    defected to Mongol forces' when four men defected), or 'When' for what the article says
    happened again another year (a failed expedition against Japan in 1274 and in 1281):
    the item has several right answers."""
    return Deeds.of(sentences, people).shared_deed


@article_rule("shared_deed")
def shared_deed_rule(analysis: Analysis) -> Check:
    """The item asks who did, or when happened, what the article says another person did
    too, or what happened again another year: it has several right answers."""
    return make_shared_deed_filter(
        [s.text for s in analysis.sentences],
        (m.answer for m in analysis.mentions if m.tag == "person"),
    )


def proper_nouns(sentence: str, skip: str = "") -> list[str]:
    """Capitalised words of a sentence after its first word, leaving out skip's words."""
    skipped = set(skip.split())
    return [
        w
        for w in PROPER_WORD.findall(sentence)
        if w not in NOT_PROPER and w not in skipped and w.strip("’'") not in skipped
    ]


@rule()
def unnamed_setting(item: Item) -> str | None:
    """The source sentence speaks of 'the team', 'the garden' or 'There are ...' and names
    nothing the student could place it by (the referent was named in an earlier sentence)."""
    source = item.source_sentence
    answer = item.answer if isinstance(item.answer, str) else ""
    team_history = re.search(r"\b(?:franchise|team|club) (?:history|record)\b", source, re.I)
    if team_history and not TEAM_NAME.search(source):
        return "the sentence leans on an unnamed team"
    if not (GENERIC_PLACE.search(source) or EXISTENTIAL.match(source)):
        return None
    if proper_nouns(source, answer if item.kind != "true_false" else ""):
        return None
    return "the sentence leans on a place or body it does not name"


# --- Questions that glue two names the sentence keeps apart ---------------------------------

CAPITAL_WORD = re.compile(r"[A-Z][\w’'-]*")


@rule(kinds=QUESTION_KINDS)
def glued_names(item: Item) -> str | None:
    """A question joins two capitalised words that are not side by side in its sentence
    ('sail to North America Great Britain's colonies'): a clause was cut out in between.
    Words the sentence lacks come from a resolved reference ('Martin Luther' for 'He')."""
    if not item.prompt.endswith("?"):
        return None
    words = WORD_TOKEN.findall(re.sub(r"[\[\]]", " ", item.prompt))[1:]
    tokens = WORD_TOKEN.findall(item.source_sentence)
    source, present = " ".join(tokens), set(tokens)
    for first, second in zip(words, words[1:], strict=False):
        capitals = CAPITAL_WORD.fullmatch(first) and CAPITAL_WORD.fullmatch(second)
        if capitals and {first, second} <= present and f"{first} {second}" not in source:
            return f"the question glues {first!r} to {second!r}"
    return None


# --- Sentences that open on a referent named only in an earlier sentence --------------------

UNNAMED_ASKED = re.compile(
    r"^(?:\w+ )+?(?:did|do|does|were|are|was|is|had|have|has|will|would|could|can) (?:they|it)\b"
)
DEMONSTRATIVE_NOUN = re.compile(
    r"\b(?:[Tt]his|[Tt]hese|[Tt]hose|[Ss]uch)\s+(?!(?:as|a|an|is|was|are|were|has|had|have|"
    r"and|or|of|in|on|to|that|which|who|by|for|with|the|it|he|she|they|we|would|will|can|could|"
    r"may|might|must|should|did|does|do|year|month|week|day|morning|time|spring|summer|autumn|"
    r"winter|season)\b)([a-z][a-z-]+)\b"
    r"|^That\s+[a-z]+|^Both\s+[a-z]+s\b"
)
BARE_SUBJECT = re.compile(r"^(?:[A-Z][a-z]+(?: [a-z]+)?, )?(Many|Most|Some|They|It)\s+([a-z]+)")
SUBJECT_VERBS = frozenset(
    [
        "are",
        "were",
        "is",
        "was",
        "have",
        "had",
        "came",
        "went",
        "left",
        "fled",
        "became",
        "settled",
        "did",
        "do",
        "remained",
        "lived",
        "moved",
        "stayed",
        "made",
        "took",
        "found",
        "saw",
        "said",
        "used",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
    ]
)
IMPERSONAL = re.compile(
    r"^It (?:is|was|has been|had been) (?:\w+ ){0,2}(?:that|to|estimated|said|"
    r"believed|thought|known|likely|possible|clear|reported)\b"
)


# "the decision", "the move": an act named in an earlier sentence.
EARLIER_ACT = re.compile(
    r"\bthe (?:decision|move|plan|idea|proposal|deal|agreement|attempt|incident|event|change|"
    r"reform|request|offer|announcement|effort|project|initiative|step|measure|matter|issue|"
    r"affair|episode|process|practice|arrangement|policy)\b"
    r"(?!\s+(?:of|to|that|which|whereby|between|for|by)\b)(?!\s+(?-i:[A-Z]))",
    re.I,
)


# "a siege by the royal army": of what, the sentence before said.
TARGETLESS = re.compile(
    r"\b(?:a|the) (?:siege|blockade|capture|occupation|conquest|sack|bombardment|surrender)\b"
    r"(?! of\b)"
)


# The writer speaking ("I do not blame ...", "we sailed on"): not "World War I", "US".
FIRST_PERSON = re.compile(
    r"(?:^|\b[a-z]+[,;:]? )I\b(?! [A-Z])|\b(?:me|my|mine|myself|we|us|our|ours|ourselves)\b"
    r"|^(?:We|My|Our)\b"
)
# A time counted from a moment the sentence does not give ("Four years later, ..."; "the
# next year" is DEICTIC's, for every kind).
UNANCHORED_TIME = re.compile(
    r"^(?:[A-Z][a-z]+|\d+|A|An) (?:years?|months?|weeks?|days?|decades?|centuries) "
    r"(?:later|earlier|afterwards?|before)\b"
)


@rule(kinds={"true_false"})
def writer_statement(item: Item) -> str | None:
    """A statement in the writer's own voice ("I do not blame anyone ...", "we sailed
    back"): read as a quiz statement, its truth depends on who "I" is (read 12: 0 of 4), or
    one counted from a moment it does not give ("Four years later, ..."; read 12: 0 of 4)."""
    prompt = QUOTED.sub(" ", item.prompt)
    if FIRST_PERSON.search(prompt):
        return "the statement speaks in the first person"
    if UNANCHORED_TIME.search(prompt):
        return "the statement counts time from a moment it does not give"
    return None


@rule(kinds=QUESTION_KINDS)
def unnamed_asked(item: Item) -> str | None:
    """The question asks what an unnamed 'they' or 'it' did ('When did they sail?')."""
    if UNNAMED_ASKED.match(item.prompt):
        return "the question asks about an unnamed 'they'"
    return None


@rule(kinds=SENTENCE_KINDS)
def unresolved_start(item: Item) -> str | None:
    """The sentence leans on an earlier one: 'this work', 'such rhetoric', 'both terms', or
    a bare subject 'Many came ...', 'They ...', 'It ...' that names no one."""
    for text in (item.prompt, item.source_sentence):
        match = DEMONSTRATIVE_NOUN.search(text)
        # Further in, it only unsettles a statement's truth; a blank elsewhere still stands.
        opening = len(text[: match.start()].split()) < 4 if match else False
        if match and (opening or item.kind == "true_false"):
            return f"unresolved reference {match.group()!r}"
    target = TARGETLESS.search(item.source_sentence)
    if target:
        return f"unresolved target of {target.group()!r}"
    act = EARLIER_ACT.search(item.prompt)
    if act and (item.kind == "true_false" or len(item.prompt[: act.start()].split()) < 4):
        return f"unresolved reference {act.group()!r}"
    bare = BARE_SUBJECT.match(item.prompt)
    if not bare or IMPERSONAL.match(LEADING_LINK.sub("", item.prompt)):
        return None
    word, following = bare.groups()
    if word in ("They", "It") or following in SUBJECT_VERBS or following.endswith("ed"):
        return f"bare subject {word!r} names no one"
    return None
