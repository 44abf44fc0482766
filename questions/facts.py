"""Facts of an article: answerable mentions, people's roles, quotes and dated events."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from questions.nlp import MONTHS, TITLES, years_in
from questions.syntax import (
    PRONOUNS,
    SUBJECT_DEPS,
    Replacements,
    event_phrase,
    find_subject,
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
BASE_WEIGHT = {
    "date": 1.0,
    "person": 0.95,
    "org": 0.85,
    "thing": 0.85,
    "event": 0.8,
    "work": 0.7,
    "law": 0.7,
    "number": 0.75,
    "place": 0.55,
    "group": 0.4,
    "language": 0.5,
}
GROUP_NOUNS = "countries|nations|partners|sides|states|powers|leaders|men|women|teams|companies"
TWO_GROUP = re.compile(rf"^(?:the\s+)?(?:two|both)\s+(?:\w+\s+)?(?:{GROUP_NOUNS})$", re.I)
SPEECH_VERBS = frozenset(
    ["say", "tell", "add", "write", "explain", "note", "state", "declare", "announce", "claim"]
)
QUOTE_OPEN = '“"‘'
QUOTE_CLOSE = '”"’'
MONTH_INDEX = {m.lower(): i % 12 + 1 for i, m in enumerate(MONTHS[:12])}
MONTH_INDEX.update(
    {
        m.lower(): MONTH_INDEX[full.lower()]
        for m, full in zip(
            MONTHS[12:],
            [
                "January",
                "February",
                "March",
                "April",
                "June",
                "July",
                "August",
                "September",
                "September",
                "October",
                "November",
                "December",
            ],
            strict=True,
        )
    }
)
NUMERIC = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
EXPLETIVE_VERBS = frozenset(["be", "remain", "seem", "appear", "come", "take"])


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
    weight: float


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


@functools.lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Comparison key for answers: case-folded, no leading article, no possessive."""
    text = POSSESSIVE_END.sub("", LEADING_ARTICLE.sub("", text.strip()))
    return " ".join(text.casefold().replace("–", "-").split())


def tag_of(span: Span) -> str | None:
    """The item tag of an entity: date, person, org, place, number ..."""
    tag = TAGS.get(span.label_)
    if tag == "date" and not (years_in(span.text) or date_has_month(span.text)):
        return "number" if any(t.like_num for t in span) else "date"
    return tag


def date_has_month(text: str) -> bool:
    """True when a month name is written in the text."""
    return any(word.strip(",.").lower() in MONTH_INDEX for word in text.split())


def date_key(text: str) -> tuple[int, int, int] | None:
    """Sort key (year, month, day) of a date string that names a year."""
    years = years_in(text)
    if not years:
        return None
    month = next(
        (
            MONTH_INDEX[w.strip(",.").lower()]
            for w in text.split()
            if w.strip(",.").lower() in MONTH_INDEX
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
    """The entity without a leading article or a trailing possessive."""
    start, end = ent.start, ent.end
    if ent[0].lower_ in ("the", "a", "an") and len(ent) > 1:
        start += 1
    if end - start > 1 and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    return ent.doc[start:end]


def in_quotes(doc: Doc, start_char: int) -> bool:
    """True when the character offset is inside quotation marks."""
    text = doc.text[:start_char]
    opens = sum(text.count(q) for q in "“")
    closes = sum(text.count(q) for q in "”")
    return opens > closes or text.count('"') % 2 == 1


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
        before = [e for e in token.doc[: token.i].ents if e.label_ not in NUMERIC]
        if not before and not (lower == "it" and _is_expletive(token)):
            return previous[0]
    if lower in ("they", "their"):
        antecedent = current if current and token.head.dep_ != "ROOT" else previous
        if antecedent and antecedent[2]:
            return antecedent[0]
    return None


def topic_person(title: str, docs: Sequence[Doc]) -> str | None:
    """The title when the article is about a person named by it."""
    for doc in docs:
        if any(e.label_ == "PERSON" and e.text == title for e in doc.ents):
            return title
    return None


def resolve_references(
    docs: Sequence[Doc], sentences: Sequence[Sentence], topic: str | None = None
) -> list[Replacements]:
    """Replace subject pronouns and "the two countries" only when one antecedent is clear.

    A reference is left alone when its antecedent is written in the same sentence.
    """
    result: list[Replacements] = []
    previous: tuple[str, str, bool] | None = None
    pair: tuple[int, str] | None = None
    persons: list[str] = []
    for doc, sentence in zip(docs, sentences, strict=True):
        if sentence.index == 0 or sentences[sentence.index - 1].paragraph != sentence.paragraph:
            previous, persons = None, []
        replacements: dict[int, tuple[int, str]] = {}
        subject = main_subject(doc)
        current = entity_phrase(subject)
        here = {e.text for e in doc.ents if e.label_ == "PERSON"}
        for token in doc:
            text = None
            if token.dep_ in SUBJECT_DEPS:
                phrase = doc[token.left_edge.i : token.right_edge.i + 1]
                if TWO_GROUP.match(phrase.text) and pair and sentence.index - pair[0] <= 5:
                    if pair[1] not in doc.text:
                        replacements[phrase.start] = (phrase.end, pair[1])
                    continue
                local = [e for e in doc[: token.i].ents if e.label_ not in NUMERIC]
                main = subject is not None and token.i == subject.root.i
                if token.lower_ in ("he", "she", "it", "they") and main and not local:
                    text = _antecedent_for(token, previous, None, persons, topic)
            elif token.dep_ == "poss" and subject is not None and token.i == subject.start:
                found = _antecedent_for(token, previous, None, persons, topic)
                text = f"{found}’s" if found else None
            if text and text.removesuffix("’s") not in doc.text:
                replacements[token.i] = (token.i + 1, text)
        persons = list(dict.fromkeys([*persons, *sorted(here)]))
        for chunk in [subject, *doc.noun_chunks]:
            found = entity_phrase(chunk) if chunk is not None else None
            if found and found[2] and found[1] in ("GPE", "ORG", "NORP", "PERSON"):
                pair = (sentence.index, found[0])
                break
        if subject is not None and subject.start in replacements and current is None:
            text = replacements[subject.start][1].removesuffix("’s")
            if replacements[subject.start][0] == subject.end:
                label = "PERSON" if subject.root.lower_ in ("he", "she") else ""
                current = (text, label, " and " in text)
        previous = current
        result.append(replacements)
    return result


def make_cloze(doc: Doc, span: Span, replacements: Replacements) -> str:
    """The sentence with resolved references in brackets and the answer as _____."""
    marked = {
        k: (end, f"[{text}]")
        for k, (end, text) in replacements.items()
        if end <= span.start or k >= span.end
    }
    marked[span.start] = (span.end, "_____")
    return render(list(doc), marked)


def statement_of(doc: Doc, replacements: Replacements) -> str:
    """The sentence with resolved references written in."""
    return render(list(doc), {k: (end, f"[{text}]") for k, (end, text) in replacements.items()})


def weight_of(tag: str, text: str, count: int) -> float:
    """How worth asking a mention is, before kinds and ranking."""
    weight = BASE_WEIGHT.get(tag, 0.5)
    if tag == "date" and not years_in(text):
        weight = 0.85 if date_has_month(text) else 0.35
    if tag == "number" and not any(c.isdigit() for c in text):
        weight = 0.5
    if tag in ("place", "group", "org"):
        weight /= 1 + 0.1 * (count - 1)
    return round(weight, 4)


def is_name_like(text: str) -> bool:
    """Words of a personal name: "Yuri Gagarin", "Louis XIV", "Jan van Riebeeck", "C. J."."""
    words = text.replace("-", " ").split()
    if not words or not words[0][:1].isupper():
        return False
    for word in words:
        letters = word.strip(".,'’")
        roman = set(letters) <= set("IVXLC")
        particle = letters.islower() and len(letters) <= 3
        lower = sum(c.islower() for c in letters)
        capitalised = letters[:1].isupper() and (len(letters) == 1 or lower >= 2)
        if not letters.isalpha() or not (roman or particle or capitalised):
            return False
    return True


def askable(span: Span, tag: str) -> bool:
    """False for pronouns, bracketed short names, parts of hyphenated words, "the two"."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if span.root.lower_ in PRONOUNS:
        return False
    bracketed = before is not None and after is not None and (before.text, after.text) == ("(", ")")
    if bracketed and tag != "date":
        return False  # "(ESA)" after its long name gives itself away
    if (before is not None and before.text in "-–" and not before.whitespace_) or (
        after is not None and after.text in "-–" and not span[-1].whitespace_
    ):
        return False
    if tag == "person" and not is_name_like(span.text):
        return False  # "SiO2", "HO": the model's PERSON on things that are not names
    if tag == "person" and after is not None and after.tag_ == "POS":
        # "Levi's Stadium": a name followed by a capitalised noun is part of a place name.
        following = doc[span.end + 1] if span.end + 1 < len(doc) else None
        if following is not None and following.text[:1].isupper() and len(span) == 1:
            return False
    named_before = span.start > 1 and doc[span.start - 2].pos_ == "PROPN"
    if before is not None and before.lower_ == "of" and named_before and tag != "date":
        return False  # "Albert of Mainz": the part after "of" belongs to a name
    if tag == "number" and span.text.lower() in ("one", "a", "an"):
        return False
    relative = not (years_in(span.text) or date_has_month(span.text))
    if tag == "date" and relative and not any(t.like_num for t in span):
        return False  # "last year", "decades": relative to when the text was written
    return not (tag == "number" and before is not None and before.lower_ in ("the", "these"))


def find_mentions(
    docs: Sequence[Doc], sentences: Sequence[Sentence], replacements: Sequence[Replacements]
) -> list[Mention]:
    """Every entity that could be asked about, with its cloze, question and event phrase."""
    counts = Counter(normalize(answer_span(e).text) for doc in docs for e in doc.ents)
    mentions: list[Mention] = []
    for doc, sentence, refs in zip(docs, sentences, replacements, strict=True):
        seen: set[str] = set()
        statement = statement_of(doc, refs)
        for ent in doc.ents:
            tag = tag_of(ent)
            span = answer_span(ent)
            key = normalize(span.text)
            if tag is None or not key or key in seen or not askable(span, tag):
                continue
            seen.add(key)
            root = span.root
            prep = root.head.lower_ if root.dep_ == "pobj" and root.head.dep_ == "prep" else ""
            is_dated = tag == "date" and years_in(span.text)
            mentions.append(
                Mention(
                    sentence=sentence.index,
                    answer=span.text,
                    tag=tag,
                    label=ent.label_,
                    cloze=make_cloze(doc, span, refs),
                    statement=statement,
                    question=make_question(span, tag, refs),
                    prep=prep,
                    in_quote=in_quotes(doc, span.start_char),
                    event=event_phrase(span, refs) if is_dated else None,
                    weight=weight_of(tag, span.text, counts[key]),
                )
            )
    return mentions


def role_phrase(person: Span) -> str | None:
    """The role the sentence gives a person: an apposition or the words before the name."""
    root = person.root
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i and not child.ent_type_:
            tokens = list(child.subtree)
            cut = next((t.i for t in tokens if t.dep_ in ("cc", "relcl", "acl")), None)
            if cut is not None:
                tokens = [t for t in tokens if t.i < cut]
            text = render(tokens, {}).strip(" ,")
            if 1 <= len(text.split()) <= 14:
                return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    words: list[Token] = []
    index = person.start - 1
    doc = person.doc
    while index >= 0:
        token = doc[index]
        if token.tag_ in ("NN", "NNP", "NNPS", "JJ") or (token.ent_type_ and token.lower_ != "the"):
            if token.tag_ == "POS":
                break
            words.insert(0, token)
            index -= 1
            continue
        if token.lower_ in ("of", "for") and token.ent_type_:
            words.insert(0, token)
            index -= 1
            continue
        break
    while words and words[-1].text in TITLES and len(words) > 1 and words[-2].text not in TITLES:
        if any(w.tag_ == "NN" for w in words[:-1]):
            words.pop()
        else:
            break
    if not words or not any(w.tag_ in ("NN", "NNP") for w in words):
        return None
    if len(words) == 1 and words[0].text not in TITLES and words[0].tag_ != "NN":
        return None
    text = " ".join(w.text for w in words)
    if words[0].i == 0 and words[0].tag_ in ("NN", "JJ", "NNS") and not words[0].ent_type_:
        text = text[:1].lower() + text[1:]
    return text if len(words) <= 10 else None


KINSHIP_WORDS = (
    "son daughter wife husband brother sister father mother uncle aunt cousin friend "
    "child nephew niece grandson granddaughter widow heir successor"
)
KINSHIP = frozenset(KINSHIP_WORDS.split())


def is_role_text(role: str) -> bool:
    """A role reads as words and says something alone: not "son" without "of whom"."""
    if any(c in role for c in "/[]()=;") or any(c.isdigit() for c in role):
        return False
    if not re.search(r"[a-z]{3}", role):
        return False
    words = role.lower().split()
    return not (words[-1] in KINSHIP and "of" not in words)


def find_roles(docs: Sequence[Doc], sentences: Sequence[Sentence]) -> list[Role]:
    """People with a role, the first role per person."""
    roles: dict[str, Role] = {}
    for doc, sentence in zip(docs, sentences, strict=True):
        past = any(t.tag_ == "VBD" for t in doc)
        for ent in doc.ents:
            if ent.label_ != "PERSON" or ent.text in roles or in_quotes(doc, ent.start_char):
                continue
            role = role_phrase(ent)
            if role and normalize(role) != normalize(ent.text) and is_role_text(role):
                roles[ent.text] = Role(sentence.index, ent.text, role, past)
    return list(roles.values())


def find_quotes(docs: Sequence[Doc], sentences: Sequence[Sentence]) -> list[Quote]:
    """Sentences "“...,” said X" and "X said: “...”" with a named speaker."""
    quotes: list[Quote] = []
    for doc, sentence in zip(docs, sentences, strict=True):
        match = re.search(r"[“\"]([^”\"]{20,300}?)[,.]?[”\"]", doc.text)
        if not match:
            continue
        for token in doc:
            if token.lemma_ not in SPEECH_VERBS:
                continue
            subject = find_subject(token)
            if subject is None or subject.ent_type_ != "PERSON":
                continue
            ent = next(e for e in doc.ents if e.start <= subject.i < e.end)
            words = match.group(1).split()
            if 4 <= len(words) <= 40:
                quote = match.group(1).rstrip(",. ")
                quotes.append(Quote(sentence.index, ent.text, quote, token.tag_ == "VBD"))
            break
    return quotes
