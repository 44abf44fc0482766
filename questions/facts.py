"""Facts of an article: the sentences and every entity in them that can be asked about."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from questions.lexicon import (
    ARTICLES,
    DEMONSTRATIVES,
    MONTH_NUMBERS,
    PERSON_VERBS,
    PLACE_TYPE_NOUNS,
    PLAN_PARTICIPLES,
    TIMES_OF_DAY_AND_YEAR,
    TITLES,
    TYPE_NOUNS,
    YEAR_DIGITS,
    is_name_like,
)
from questions.nlp import doc_text, years_in
from questions.syntax import (
    PRONOUNS,
    STATIVE_VERBS,
    Replacements,
    denial,
    event_phrase,
    make_question,
    render,
)

TAGS = {
    "DATE": "date",
    "TIME": "date",
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "CARDINAL": "number",
    "QUANTITY": "number",
    "MONEY": "number",
    "PERCENT": "number",
    "EVENT": "event",
    "PRODUCT": "thing",
    "WORK_OF_ART": "work",
    "LAW": "law",
    "LANGUAGE": "language",
}


@dataclass(frozen=True)
class Sentence:
    """One sentence of the body and the paragraph it belongs to."""

    index: int
    paragraph: int
    text: str


@dataclass(frozen=True)
class Mention:
    """An entity in a sentence that can be an item's answer."""

    sentence: int
    answer: str
    tag: str
    label: str
    cloze: str  # the sentence, references resolved in [brackets], answer as _____
    statement: str  # the sentence with references resolved
    question: str | None
    prep: str
    in_quote: bool
    event: str | None
    also: tuple[str, ...] = ()  # other names the sentence gives it ("tarns, or corrie lakes")
    past: bool = False  # a date of something that happened (told_as_past)
    series: str = ""  # the noun a year picks one of ("the 1998 election": "election")
    denied: str | None = None  # the statement denied by its main verb (syntax.denial)


@dataclass(frozen=True)
class Role:
    """A person and what the article says they are."""

    sentence: int
    person: str
    role: str
    past: bool


@dataclass(frozen=True)
class Quote:
    """Who said what, in one sentence."""

    sentence: int
    speaker: str
    quote: str
    past: bool


LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
POSSESSIVE_END = re.compile(r"[’']s$")
RELATIVE_WORDS = frozenset({"this", "last", "next", "that"})
# Words before a count that are not part of it: "another 21 miles", "an estimated two million".
NOT_IN_NAMES = frozenset(["at", "in", "from", "on", "with", "for", "and"])
COUNT_PREFIX = frozenset({"another", "estimated", "additional", "further", "extra", "only", "just"})
OPEN_RANGE_PREPS = frozenset(["after", "before", "since", "until", "till"])
AMOUNTS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
# Labels of names of things and places (no people, no events).
THING_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "PRODUCT", "NORP"})
GLOSS_AFTER_BLANK = re.compile(r"(_____(?:[’']s)?) \([^()]*\)")


@functools.lru_cache(maxsize=65536)
def mention_key(text: str) -> str:
    """Identity key of a mention's answer (case-folded, no leading article, no possessive):
    which mentions name the same thing. Not grading: which typed answers count as the same is
    questions.answers.normalize."""
    text = POSSESSIVE_END.sub("", LEADING_ARTICLE.sub("", text.strip()))
    return " ".join(text.casefold().replace("–", "-").split())


def tag_of(span: Span) -> str | None:
    """The item tag of an entity: date, person, org, place, number ..."""
    tag = TAGS.get(span.label_)
    if tag == "person":
        # "Harbour Square", "Valley Council", "Queen Street East": the model's PERSON on a
        # place or a body
        kind = next((t.text for t in span[1:] if t.text in TYPE_NOUNS), None)
        if kind is not None:
            return "place" if kind in PLACE_TYPE_NOUNS else "org"
    if tag == "date" and not (years_in(span.text) or date_has_month(span.text)):
        return "number" if any(t.like_num for t in span) else "date"
    return tag


def relabelled(label: str, tag: str) -> str:
    """The entity label that goes with the tag tag_of gave: a facility or an organisation
    for a PERSON span that names a place or a body."""
    if label == "PERSON" and tag != "person":
        return "FAC" if tag == "place" else "ORG"
    return label


def date_has_month(text: str) -> bool:
    """True when a month name is written in the text."""
    return any(word.strip(",.").lower() in MONTH_NUMBERS for word in text.split())


def date_key(text: str) -> tuple[int, int, int] | None:
    """Sort key (year, month, day) of a date string that names a year."""
    years = years_in(text)
    if not years:
        return None
    month = next(
        (
            MONTH_NUMBERS[w.strip(",.").lower()]
            for w in text.split()
            if w.strip(",.").lower() in MONTH_NUMBERS
        ),
        0,
    )
    day = next(
        (
            int(w.strip(",."))
            for w in text.split()
            if w.strip(",.").isdigit() and int(w.strip(",.")) <= 31
        ),
        0,
    )
    return years[0], month, day


def answer_span(ent: Span) -> Span:
    """The entity without a leading article, demonstrative or possessive determiner ("This
    Arden Festival", "their Harvest Fair") or a trailing possessive."""
    start, end = ent.start, ent.end
    first = ent[0]
    determiner = first.lower_ in ARTICLES or first.lower_ in DEMONSTRATIVES or first.tag_ == "PRP$"
    if determiner and len(ent) > 1:
        start += 1
    if ent.label_ in AMOUNTS:
        doc = ent.doc
        while end - start > 1 and (
            doc[start].lower_ in COUNT_PREFIX
            or (doc[start].lower_ in ("a", "an") and doc[start + 1].lower_ in COUNT_PREFIX)
        ):
            start += 1
    # "Concentrated O2": a participle opening the sentence is no part of a name.
    first = ent.doc[start]
    participle = first.tag_ in ("JJ", "VBN") and first.lower_.endswith("ed")
    if first.i == 0 and end - start > 1 and participle and ent.label_ in THING_LABELS:
        start += 1
    if end - start > 1 and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    doc = ent.doc
    # "Confucius at Qufu": a person's name holds no "at" or "in" (nor a one-word name
    # the model took for an organisation; "University of California at Berkeley" stays).
    cut = next((t.i for t in doc[start:end] if t.lower_ in NOT_IN_NAMES and t.i > start), end)
    if ent.label_ == "PERSON" or (ent.label_ == "ORG" and cut == start + 1):
        end = cut
    if end - start > 2 and doc[end - 2].lower_ == "of" and doc[end - 1].like_num:
        end -= 2  # "Ninety-Five Theses of 1517": the year is no part of the name
    # "March this year": the relative part depends on when the text was written.
    if end - start > 2 and ent.doc[end - 2].lower_ in RELATIVE_WORDS:
        end -= 2
    return ent.doc[start:end]


def in_quotes(doc: Doc, start_char: int) -> bool:
    """True when the character offset is inside quotation marks."""
    text = doc_text(doc)[:start_char]
    opens = sum(text.count(q) for q in "“")
    closes = sum(text.count(q) for q in "”")
    return opens > closes or text.count('"') % 2 == 1


def make_cloze(doc: Doc, span: Span, replacements: Replacements) -> str:
    """The sentence with resolved references in brackets and the answer as _____."""
    marked = {
        k: (end, f"[{text}]")
        for k, (end, text) in replacements.items()
        if end <= span.start or k >= span.end
    }
    marked[span.start] = (span.end, "_____")
    # A bracket right after the blank glosses the answer ("_____ (NFL)"): leave it out.
    return GLOSS_AFTER_BLANK.sub(r"\1", render(list(doc), marked))


def statement_of(doc: Doc, replacements: Replacements) -> str:
    """The sentence with resolved references written in."""
    return render(list(doc), {k: (end, f"[{text}]") for k, (end, text) in replacements.items()})


def askable(span: Span, tag: str) -> bool:
    """False for pronouns, bracketed short names, parts of hyphenated words, "the two"."""
    if span.root.lower_ in PRONOUNS:
        return False
    return not (
        part_of_other_words(span, tag)
        or no_persons_name(span, tag)
        or vague_amount(span, tag)
        or decade_cut(span, tag)
    )


def decade_cut(span: Span, tag: str) -> bool:
    """A decade written with an apostrophe ("the 1830's"), which the tokenizer splits into a
    year and a possessive: the year alone is half the date, and its blank ("the _____'s")
    asks for a decade that single-year choices cannot give."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return (
        tag == "date"
        and after is not None
        and after.lower_ in ("'s", "’s")
        and span[-1].text.endswith("0")  # "the 1830's", "the early 1960's"
        and re.fullmatch(YEAR_DIGITS, span[-1].text) is not None
    )


def neighbours(span: Span) -> tuple[Token | None, Token | None]:
    """The tokens right before and right after a span (None at the document's ends)."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return before, after


def part_of_other_words(span: Span, tag: str) -> bool:
    """A span in brackets after a name ("(ESA)", "Zhang Rou (Chang Jou, ...)"), inside a
    hyphenated word, after "of" of a name ("Albert of Mainz"), or a number ending a name
    ("Route 66")."""
    doc = span.doc
    before, after = neighbours(span)
    alias = span.start > 1 and before is not None and before.text == "("
    if alias and doc[span.start - 2].ent_type_ == span.label_:
        return True  # "Zhang Rou (Chang Jou, ...)": another spelling of the name before
    bracketed = before is not None and after is not None and (before.text, after.text) == ("(", ")")
    if bracketed and tag != "date":
        return True  # "(ESA)" after its long name gives itself away
    if (before is not None and before.text in "-–" and not before.whitespace_) or (
        after is not None and after.text in "-–" and not span[-1].whitespace_
    ):
        return True
    named_before = span.start > 1 and doc[span.start - 2].pos_ == "PROPN"
    # "Albert of Mainz": the part after "of" belongs to a name
    if before is not None and before.lower_ == "of" and named_before and tag != "date":
        return True
    return tag == "number" and number_of_a_name(span)


def number_of_a_name(span: Span) -> bool:
    """A number that ends a name ("Local 90", "Route 66", "Apollo 11"): a capitalised word
    right before it (a proper noun if it opens the sentence), no title, and digits alone. Its blank
    ("Local _____ members") is half a name the article repeats, not a count."""
    before, _ = neighbours(span)
    if before is None or not span.text.isdigit() or before.text in TITLES:
        return False
    capitalised = before.text[:1].isupper() and before.is_alpha
    # A sentence's first word is capitalised anyway: there only the parse's proper noun counts.
    return capitalised and (before.i > 0 or before.pos_ == "PROPN")


def no_persons_name(span: Span, tag: str) -> bool:
    """A PERSON span that is no one's name: "SiO2", or "Levi" of "Levi's Stadium"."""
    if tag != "person":
        return False
    if not is_name_like(span.text):
        return True  # "SiO2", "HO": the model's PERSON on things that are not names
    doc = span.doc
    _, after = neighbours(span)
    if after is not None and after.tag_ == "POS":
        # "Levi's Stadium": a name followed by a capitalised noun is part of a place name.
        following = doc[span.end + 1] if span.end + 1 < len(doc) else None
        return following is not None and following.text[:1].isupper() and len(span) == 1
    return False


def vague_amount(span: Span, tag: str) -> bool:
    """A number or date that asks nothing: "one", "the two", "last year", "decades", "one
    night"."""
    before, _ = neighbours(span)
    if tag == "number" and span.text.lower() in ("one", "a", "an"):
        return True
    relative = not (years_in(span.text) or date_has_month(span.text))
    if tag == "date" and relative and not any(t.like_num for t in span):
        return True  # "last year", "decades": relative to when the text was written
    some = span[0].lower_ in ("one", "a", "an") and len(span) == 2
    if some and relative and span[1].lemma_.lower() in TIMES_OF_DAY_AND_YEAR:
        return True  # "one night", "one summer": some night, not a count of nights
    return tag == "number" and before is not None and before.lower_ in ("the", "these")


# Auxiliaries that put the verb's event ahead of the telling ("will launch", "to be held").
NOT_YET = frozenset(
    {"will", "'ll", "’ll", "would", "shall", "to", "may", "might", "could", "should"}
)
# Auxiliaries of a participle that tell of the past ("was launched", "has opened"), unlike
# "is" or "are" ("are planned in 2026").
PAST_AUXILIARIES = frozenset({"was", "were", "had", "has", "have", "'d", "’d"})


def told_as_past(span: Span) -> bool:
    """The date is when something happened, as the parse tells it: the nearest verb above it
    is in the past tense ("opened in 1998", "was in May 1904", "won the 1998 election") with
    no "will" or "to" before it. Not a plan ("planning a bridge for 2031", "to be elected in
    2027") nor a state in the present ("As of May 2025, the town has ...")."""
    for node in span.root.ancestors:
        if node.pos_ not in ("VERB", "AUX"):
            continue
        auxiliaries = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & NOT_YET or node.lower_ in PLAN_PARTICIPLES:
            return False
        if node.tag_ == "VBN":  # "a probe launched in 2020" has none
            return not auxiliaries or bool(auxiliaries & PAST_AUXILIARIES)
        return node.tag_ == "VBD"
    return False


def series_noun(span: Span) -> str:
    """The noun a bare year picks one of ("the 1998 election", "the 1936 Olympics"), else ""."""
    root = span.root
    if not re.fullmatch(YEAR_DIGITS, span.text) or root.dep_ not in ("nummod", "compound", "amod"):
        return ""
    return root.head.lemma_.lower() if root.head.pos_ in ("NOUN", "PROPN") else ""


def find_mentions(
    docs: Sequence[Doc], sentences: Sequence[Sentence], replacements: Sequence[Replacements]
) -> list[Mention]:
    """Every entity that could be asked about, with its cloze, question and event phrase."""
    mentions: list[Mention] = []
    people = acting_people(docs)
    for doc, sentence, refs in zip(docs, sentences, replacements, strict=True):
        seen: set[str] = set()
        statement = statement_of(doc, refs)
        denied = denial(doc, refs)
        for ent in doc.ents:
            tag = tag_of(ent)
            span = answer_span(ent)
            if tag in ("thing", "org") and span.text in people:
                tag = "person"  # "Brunel realized ...": no product, whatever the model says
            key = mention_key(span.text)
            if tag is None or not key or key in seen or not askable(span, tag):
                continue
            seen.add(key)
            root = span.root
            prep = root.head.lower_ if root.dep_ == "pobj" and root.head.dep_ == "prep" else ""
            is_dated = tag == "date" and years_in(span.text)
            state = root.head.head.lemma_ in STATIVE_VERBS  # "By 1620 they were"
            open_range = tag == "date" and (prep in OPEN_RANGE_PREPS or (prep == "by" and state))
            mentions.append(
                Mention(
                    sentence=sentence.index,
                    answer=span.text,
                    tag=tag,
                    label=relabelled("PERSON" if tag == "person" else ent.label_, tag),
                    cloze=make_cloze(doc, span, refs),
                    statement=statement,
                    # "By 1620, the Huguenots were on the defensive": no "When were ...?"
                    question=None if open_range else make_question(span, tag, refs),
                    prep=prep,
                    in_quote=in_quotes(doc, span.start_char),
                    event=event_phrase(span, refs) if is_dated else None,
                    past=bool(is_dated) and told_as_past(span),
                    series=series_noun(span) if tag == "date" else "",
                    denied=denied,
                )
            )
    return surnames_as_people(mentions)


def acting_people(docs: Sequence[Doc]) -> frozenset[str]:
    """One-word names the model took for a thing or an organisation that are the subject of
    a person's verb (says, believes, realized, lived: PERSON_VERBS) in two sentences or more:
    a famous surname the small English model labels a product or a company."""
    found: dict[str, set[int]] = {}
    for n, doc in enumerate(docs):
        for ent in doc.ents:
            if ent.label_ not in ("PRODUCT", "ORG") or len(ent) != 1:
                continue
            if ent.root.dep_ == "nsubj" and ent.root.head.lemma_ in PERSON_VERBS:
                found.setdefault(ent.text, set()).add(n)
    return frozenset(name for name, where in found.items() if len(where) >= 2)


LOCATIVE_PREPS = frozenset({"in", "at", "to", "from", "near", "into", "across", "around"})


def surnames_as_people(mentions: list[Mention]) -> list[Mention]:
    """A one-word name the model called an organisation or a thing, but which is part of a
    person's full name in the article ("Osweiler" of "Brock Osweiler"), is that person; so
    is one it called a place when it is the surname of such a name and the article never
    writes it after "in", "at", "to" or "from" ("Farrow repeated the test", not "in
    Washington")."""
    full = [m.answer.split() for m in mentions if m.tag == "person" and " " in m.answer]
    words = {word for name in full for word in name}
    surnames = {name[-1] for name in full}
    located = {m.answer for m in mentions if m.tag == "place" and m.prep in LOCATIVE_PREPS}

    def person(m: Mention) -> bool:
        if " " in m.answer:
            return False
        if m.tag in ("org", "thing"):
            return m.answer in words
        return m.tag == "place" and m.answer in surnames and m.answer not in located

    return [replace(m, tag="person", label="PERSON") if person(m) else m for m in mentions]
