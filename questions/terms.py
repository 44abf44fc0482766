"""Key terms: the concepts an article returns to ("corporal punishment", "junior partner").

Candidates are spaCy's noun chunks with a common noun at their head, stripped of determiners,
possessives and numbers; a term's salience is the number of sentences that use it, more for a
term of several words (a single common noun must also be defined in the article). The topic
itself (every content word in the title) is no term to ask. Each key term becomes a mention
tagged "term" in the sentence that defines it ("X is a ...", "known as X", "called X"), else in
the most central sentence that uses it, so the usual kinds (cloze, mcq with other key terms as
choices) ask it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Span

from questions.facts import Mention, Sentence, in_quotes, make_cloze, statement_of
from questions.syntax import Replacements

LEADING_POS = frozenset({"DET", "PRON", "NUM", "PUNCT", "CCONJ", "PART", "ADV"})
MIN_SENTENCES = 2
MIN_SINGLE_SENTENCES = 4
MAX_TERM_WORDS = 4
TERMS_PER_WORDS = 250
DEFINING_VERBS = frozenset({"be", "refer", "call", "define", "know", "mean", "describe"})
DEFINING_CUE = re.compile(r"\b(?:known as|called|referred to as|defined as|termed)\s*$", re.I)


def term_span(chunk: Span) -> Span | None:
    """The chunk without leading determiners, possessives, numbers; None if no term."""
    start = chunk.start
    doc = chunk.doc
    while start < chunk.end and (
        doc[start].pos_ in LEADING_POS
        or doc[start].tag_ in ("PRP$", "POS", "WDT", "WP$")
        or doc[start].is_stop  # "many", "several", "other" countries
    ):
        start += 1
    span = doc[start : chunk.end]
    if not span or len(span.text) < 3:
        return None
    glued_before = span.start > 0 and doc[span.start - 1].text in "-–"
    glued_after = span.end < len(doc) and doc[span.end].text[:1] in "-–"
    if (glued_before and not doc[span.start - 1].whitespace_) or (
        glued_after and not span[-1].whitespace_
    ):
        return None  # part of a hyphenated word ("Co" of "Co-teaching")
    if not span or span.root.pos_ != "NOUN" or len(span) > MAX_TERM_WORDS:
        return None
    if any(t.ent_type_ or t.pos_ == "PROPN" or not t.is_alpha and t.text != "-" for t in span):
        return None
    if all(t.is_stop for t in span):
        return None
    return span


def term_key(span: Span) -> str:
    """Lower-case lemmas: 'the schools' and 'school' are one term."""
    return " ".join(t.lemma_.lower() for t in span)


def defines(span: Span) -> bool:
    """The sentence defines the term: it follows 'known as', 'called', 'referred to as', or
    it is the subject of 'is a ...' / 'refers to' / 'means' with nothing hanging on it ('An
    example of X is' defines no 'example')."""
    before = span.doc[max(0, span.start - 4) : span.start].text
    if DEFINING_CUE.search(before):
        return True
    root = span.root
    if root.dep_ not in ("nsubj", "nsubjpass") or root.head.lemma_ not in DEFINING_VERBS:
        return False
    if any(child.dep_ == "prep" for child in root.children):
        return False
    complements = [c for c in root.head.children if c.dep_ in ("attr", "prep", "dobj")]
    return any(
        c.dep_ != "attr" or any(d.lower_ in ("a", "an") for d in c.children) for c in complements
    )


def term_uses(docs: Sequence[Doc]) -> dict[str, list[Span]]:
    """Every noun chunk that can be a key term, by its term key."""
    uses: dict[str, list[Span]] = defaultdict(list)
    for doc in docs:
        for chunk in doc.noun_chunks:
            span = term_span(chunk)
            if span is not None:
                uses[term_key(span)].append(span)
    return uses


def choose_terms(
    title: str, uses: Mapping[str, list[Span]], words: int
) -> list[tuple[str, list[Span]]]:
    """The most salient terms (used in most sentences, longer first), not the article's own
    topic, a single word only where the article defines it; with their defining uses."""
    title_words = {w.lower() for w in re.findall(r"[\w’'-]+", title)}
    sentence_count = Counter({key: len({id(s.doc) for s in spans}) for key, spans in uses.items()})

    def salience(key: str) -> float:
        count = sentence_count[key]
        words_in_term = len(key.split())
        return count * (1 + 0.5 * (words_in_term - 1))

    chosen = []
    for key in sorted(uses, key=lambda k: (-salience(k), k)):
        spans = uses[key]
        content = {t.lemma_.lower() for t in spans[0] if not t.is_stop}
        surface = {t.lower_ for t in spans[0] if not t.is_stop}
        if content <= title_words or surface <= title_words:
            continue  # the article's own topic
        single = len(key.split()) == 1
        defined = [s for s in spans if defines(s)]
        if sentence_count[key] < (MIN_SINGLE_SENTENCES if single else MIN_SENTENCES):
            continue
        if single and not defined:
            continue  # a common noun alone ("way", "part") is a term only where defined
        chosen.append((key, defined or spans))
        if len(chosen) >= max(3, words // TERMS_PER_WORDS):
            break
    return chosen


def find_terms(
    title: str,
    docs: Sequence[Doc],
    sentences: Sequence[Sentence],
    replacements: Sequence[Replacements],
    centrality: Sequence[float],
    words: int,
) -> list[Mention]:
    """Mentions of the article's key terms, each in its defining or most central sentence,
    outside a quotation where the article has one."""
    chosen = choose_terms(title, term_uses(docs), words)
    doc_index = {id(doc): n for n, doc in enumerate(docs)}
    mentions = []
    for _key, spans in chosen:
        # The writer's own sentence before a quotation (the quoted words are the speaker's).
        span = max(
            spans,
            key=lambda s: (
                not in_quotes(s.doc, s.start_char),
                centrality[doc_index[id(s.doc)]],
                -s.start,
            ),
        )
        index = doc_index[id(span.doc)]
        doc, refs = docs[index], replacements[index]
        mentions.append(term_mention(doc, span, refs, sentences[index].index))
    return mentions


def term_mention(
    doc: Doc,
    span: Span,
    refs: Replacements,
    sentence: int,
    question: str | None = None,
    also: tuple[str, ...] = (),
) -> Mention:
    """A mention tagged "term": a key term (label TERM) or, with the question that asks for
    it, a name the article gives to what it describes (label DEFINED)."""
    return Mention(
        sentence=sentence,
        answer=span.text,
        tag="term",
        label="DEFINED" if question else "TERM",
        cloze=make_cloze(doc, span, refs),
        statement=statement_of(doc, refs),
        question=question,
        prep="",
        in_quote=in_quotes(doc, span.start_char),
        event=None,
        also=also,
    )
