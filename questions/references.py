"""References across sentences: subject pronouns and "the two countries", when safe."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from questions.facts import Sentence, answer_span
from questions.lexicon import GROUP_NOUNS
from questions.nlp import NUMERIC_LABELS, doc_text
from questions.syntax import SUBJECT_DEPS, Replacements, find_subject

TWO_GROUP = re.compile(rf"^(?:the\s+)?(?:two|both)\s+(?:\w+\s+)?(?:{GROUP_NOUNS})$", re.I)
EXPLETIVE_VERBS = frozenset(["be", "remain", "seem", "appear", "come", "take"])


def main_subject(doc: Doc) -> Span | None:
    """The subject phrase of the sentence's root verb."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return None
    subject = find_subject(roots[0])
    if subject is None:
        return None
    return doc[subject.left_edge.i : subject.right_edge.i + 1]


def entity_phrase(span: Span | None) -> tuple[str, str, bool] | None:
    """(text, label, plural) when span is one entity or two coordinated ones, else None."""
    if span is None:
        return None
    ents = [e for e in span.ents if e.label_ not in ("DATE", "CARDINAL", "ORDINAL")]
    words = [t for t in span if t.dep_ not in ("det", "punct", "cc")]
    covered = {t.i for e in ents for t in e}
    if not ents or any(t.i not in covered for t in words):
        return None
    if len(ents) == 1:
        return answer_span(ents[0]).text, ents[0].label_, False
    if len(ents) == 2 and any(t.lower_ == "and" for t in span):
        return f"{ents[0].text} and {ents[1].text}", ents[0].label_, True
    return None


def _is_expletive(token: Token) -> bool:
    verb = token.head
    return verb.lemma_ in EXPLETIVE_VERBS or any(
        c.dep_ in ("ccomp", "csubj", "extraposed") for c in verb.children
    )


def _antecedent_for(
    token: Token, previous, current, persons: list[str], topic: str | None = None
) -> str | None:
    lower = token.lower_
    if lower in ("he", "she", "his", "her"):
        if previous and previous[1] == "PERSON" and not previous[2]:
            return previous[0]  # the subject carries on from the sentence before
        # In an article about a person, an unclaimed "he" is that person, unless the sentence
        # names them otherwise (then "he" is someone else).
        if topic and not set(topic.split()) & {t.text for t in token.doc}:
            return topic
        return persons[0] if len(persons) == 1 and not topic else None
    if lower in ("it", "its") and previous and not previous[2] and previous[1] != "PERSON":
        before = [e for e in token.doc[: token.i].ents if e.label_ not in NUMERIC_LABELS]
        if not before and not (lower == "it" and _is_expletive(token)):
            return previous[0]
    if lower in ("they", "their"):
        antecedent = current if current and token.head.dep_ != "ROOT" else previous
        if antecedent and antecedent[2]:
            return antecedent[0]
    return None


PERSONAL = frozenset(["he", "she", "it", "they"])
HOLDERS = frozenset([*SUBJECT_DEPS, "dobj", "appos", "attr"])


def has_antecedent(token: Token) -> bool:
    """Whether a subject pronoun can point back to something earlier in its own sentence: a
    person for "he", a subject or object for "it", a plural one or a people for "they"."""
    before = token.doc[: token.i]
    nouns = [t for t in before if t.pos_ in ("NOUN", "PROPN") and t.dep_ in HOLDERS]
    lower = token.lower_
    if lower in ("he", "she"):
        return any(e.label_ == "PERSON" for e in before.ents) or bool(nouns)
    if lower == "they":
        plural = [
            t
            for t in nouns
            if t.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in t.children)
        ]
        people = [e for e in before.ents if e.label_ == "NORP" and e.root.dep_ != "amod"]
        return bool(plural or people)
    return bool(nouns) or _introduces_clause(token)


def _introduces_clause(token: Token) -> bool:
    """ "It is said that ...", "it was hard to ...": an "it" that stands for a clause."""
    verb = token.head
    if any(c.dep_ in ("ccomp", "csubj", "extraposed") for c in verb.children):
        return True
    if any(
        c.dep_ == "advcl" and {g.lower_ for g in c.children} & {"if", "whether"}
        for c in verb.children
    ):
        return True  # "it remains unclear if ..."
    clauses = ("ccomp", "xcomp")
    return any(
        c.dep_ in ("acomp", "attr") and any(g.dep_ in clauses for g in c.children)
        for c in verb.children
    )


def orphan_pronouns(
    docs: Sequence[Doc],
    references: Sequence[Replacements],
    topic: str | None = None,
    title: str = "",
) -> dict[int, str]:
    """Sentences whose main subject is a pronoun left unresolved with nothing before it in the
    sentence to stand for ("After petitioning the Crown ..., they prospered"), with that
    pronoun. In an article about a person, "he" or "she" is that person; an "it" after a
    sentence about the article's subject ("Oxygen is ... It is a member of ...") is that."""
    orphans = {}
    about_title = False
    for index, (doc, replacements) in enumerate(zip(docs, references, strict=True)):
        subject = main_subject(doc)
        if subject is None:
            about_title = False
            continue
        token = subject.root
        pronoun = len(subject) == 1 and token.lower_ in PERSONAL and token.i not in replacements
        carried = pronoun and about_title and token.lower_ == "it"
        known = carried or (topic and token.lower_ in ("he", "she"))
        if pronoun and not known and not has_antecedent(token):
            orphans[index] = token.text
        about_title = carried or (bool(title) and title in subject.text.casefold())
    return orphans


def topic_person(title: str, docs: Sequence[Doc]) -> str | None:
    """The title when the article is about a person named by it."""
    for doc in docs:
        if any(e.label_ == "PERSON" and e.text == title for e in doc.ents):
            return title
    return None


def topic_place(title: str, docs: Sequence[Doc]) -> str | None:
    """The title when the article is about a place named by it (so "here" is that place)."""
    for doc in docs:
        if any(e.label_ in ("GPE", "LOC") and e.text == title for e in doc.ents):
            return title
    return None


Antecedent = tuple[str, str, bool]  # (text, label, plural) of the subject before


def resolve_references(
    docs: Sequence[Doc],
    sentences: Sequence[Sentence],
    topic: str | None = None,
    place: str | None = None,
) -> list[Replacements]:
    """Replace subject pronouns and "the two countries" only when one antecedent is clear;
    "here" is the article's place when its title names one.

    A reference is left alone when its antecedent is written in the same sentence.
    """
    result: list[Replacements] = []
    previous: Antecedent | None = None
    pair: tuple[int, str] | None = None
    persons: list[str] = []
    lost = False  # the sentence before had a "he" or "she" subject nobody could name
    others: list[str] = []  # people the sentence before names beside its subject
    full_name_words = {
        word for d in docs for e in d.ents if e.label_ == "PERSON" and " " in e.text
        for word in e.text.split()
    }  # fmt: skip
    for doc, sentence in zip(docs, sentences, strict=True):
        if sentence.index == 0 or sentences[sentence.index - 1].paragraph != sentence.paragraph:
            previous, persons, lost, others = None, [], False, []
        words = {t.text for t in doc} if others else set()
        if previous is not None and any(not set(o.split()) & words for o in others):
            # "Kay argued that Lund deserved credit. He ...": either may be "he", unless this
            # sentence names one of them ("He sent Lund to school" is not Lund).
            previous = None
        subject = main_subject(doc)
        replacements: dict[int, tuple[int, str]] = {}
        for token in doc:
            group = two_group_reference(token, doc, sentence.index, pair)
            if group is not None:
                if group[1] is not None:
                    replacements[group[0].start] = (group[0].end, group[1])
                continue
            text = token_reference(token, subject, previous, [] if lost else persons, topic, place)
            if text and text.removesuffix("’s").removeprefix("in ") not in doc_text(doc):
                replacements[token.i] = (token.i + 1, text)
        # A one-word name counts only if the article also gives it as part of a full name: a
        # single word the model took for a person may be a brand ("Zestra ... she").
        here = {
            e.text
            for e in doc.ents
            if e.label_ == "PERSON" and (" " in e.text or e.text in full_name_words)
        }
        persons = list(dict.fromkeys([*persons, *sorted(here)]))
        pair = named_group(doc, subject, sentence.index) or pair
        previous = subject_as_antecedent(subject, replacements)
        # Who else is the subject of a clause ("Kay argued that Lund deserved credit"); a
        # person named as an object ("succeeded his uncle Lund") does not compete. The model
        # takes some people for organisations ("that Haddad should be credited"): those too.
        clause_subjects = [
            e.text
            for e in doc.ents
            if e.label_ in ("PERSON", "ORG")
            and e.root.dep_ in SUBJECT_DEPS
            and (subject is None or e.root.i != subject.root.i)
        ]
        person = previous is not None and previous[1] == "PERSON"
        others = rivals(previous[0], clause_subjects) if previous and person else []
        lost = subject is not None and subject.root.lower_ in ("he", "she")
        lost = lost and subject.root.i not in replacements
        result.append(replacements)
    return result


def rivals(name: str, persons: Iterable[str]) -> list[str]:
    """The people other than `name` (sharing no word with it) among `persons`: each could as
    well be the next sentence's "he" or "she"."""
    words = set(name.split())
    return [other for other in persons if not words & set(other.split())]


def two_group_reference(
    token: Token, doc: Doc, index: int, pair: tuple[int, str] | None
) -> tuple[Span, str | None] | None:
    """For a subject "the two countries" within five sentences of a named pair: its span and
    the pair's names (None when the sentence writes them itself); None for other tokens."""
    if token.dep_ not in SUBJECT_DEPS:
        return None
    phrase = doc[token.left_edge.i : token.right_edge.i + 1]
    if not (TWO_GROUP.match(phrase.text) and pair and index - pair[0] <= 5):
        return None
    return phrase, pair[1] if pair[1] not in doc_text(doc) else None


def token_reference(
    token: Token,
    subject: Span | None,
    previous: Antecedent | None,
    persons: list[str],
    topic: str | None,
    place: str | None,
) -> str | None:
    """What a main subject pronoun, a possessive starting the subject or "here" stands for."""
    doc = token.doc
    if token.dep_ in SUBJECT_DEPS:
        local = [e for e in doc[: token.i].ents if e.label_ not in NUMERIC_LABELS]
        main = subject is not None and token.i == subject.root.i
        if token.lower_ in ("he", "she", "it", "they") and main and not local:
            return _antecedent_for(token, previous, None, persons, topic)
        return None
    if place and token.lower_ == "here" and token.pos_ == "ADV":
        return f"in {place}"
    if token.dep_ == "poss" and subject is not None and token.i == subject.start:
        found = _antecedent_for(token, previous, None, persons, topic)
        return f"{found}’s" if found else None
    return None


def named_group(doc: Doc, subject: Span | None, index: int) -> tuple[int, str] | None:
    """The first two coordinated places, bodies, groups or people of the sentence (subject
    first), with the sentence index: what a later "the two countries" refers to."""
    for chunk in [subject, *doc.noun_chunks]:
        found = entity_phrase(chunk) if chunk is not None else None
        if found and found[2] and found[1] in ("GPE", "ORG", "NORP", "PERSON"):
            return (index, found[0])
    return None


def subject_as_antecedent(
    subject: Span | None, replacements: Mapping[int, tuple[int, str]]
) -> Antecedent | None:
    """The sentence's subject as the next sentence's antecedent: its entity, or what a
    pronoun subject was resolved to."""
    current = entity_phrase(subject)
    if subject is not None and subject.start in replacements and current is None:
        text = replacements[subject.start][1].removesuffix("’s")
        if replacements[subject.start][0] == subject.end:
            label = "PERSON" if subject.root.lower_ in ("he", "she") else ""
            current = (text, label, " and " in text)
    return current
