"""What the article names or defines, asked in a question of its own: "What is X called?".

A sentence that gives a name to a description ("This slow sinking of a coast ... is called
subsidence", "the cold lower layer, which is called the hypolimnion", "The process by which
... is known as erosion") or defines a term by its class and what sets it apart ("A
palindrome is a word that reads the same backwards and forwards") holds a fact a teacher
asks: the name for the idea. The parse finds the naming verb (call, name, term,
know as, refer to as, define as) in the passive with the description as its subject, in a
relative clause on it or as a participle after it; or a copula whose complement is an
indefinite noun phrase with something that sets it apart. Each becomes a mention tagged
"term" whose question asks for the name, so short answer, cloze and mcq can ask it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from questions.facts import Mention, Sentence
from questions.lexicon import (
    CLASS_NOUNS,
    DEMONSTRATIVES,
    NAMING_AS_VERBS,
    NAMING_VERBS,
    RELATIVE_WORDS,
    TENSED_BE,
)
from questions.syntax import Replacements, render
from questions.terms import term_mention

# What sets a class apart in a definition: a clause or a phrase on it.
MODIFIER_DEPS = frozenset({"relcl", "acl", "prep"})
MAX_ANSWER_TOKENS = 5
MIN_DESCRIPTION_WORDS = 3
MAX_DESCRIPTION_WORDS = 28


def name_span(complement: Token) -> Span | None:
    """The name a naming verb gives: the complement's noun phrase without its determiner,
    cut before any clause the parse hung on it; None when it is no short noun phrase."""
    doc = complement.doc
    tokens = [t for t in complement.subtree if t.i <= complement.i or t.dep_ in ("compound",)]
    start = min(t.i for t in tokens)
    end = complement.i + 1
    # "the Cup of Arlen": a name goes on through "of" and the name after it.
    of = [c for c in complement.children if c.dep_ == "prep" and c.lower_ == "of"]
    if complement.pos_ == "PROPN" and of and of[0].i == end:
        names = [g for g in of[0].children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
        if names and names[0].left_edge.i == end + 1:
            end = names[0].i + 1
    while start < end and doc[start].pos_ in ("DET", "PUNCT") or doc[start].tag_ == "PRP$":
        start += 1
    span = doc[start:end]
    if not span or len(span) > MAX_ANSWER_TOKENS or not (span[0].is_alpha and span[-1].is_alpha):
        return None
    if not any(t.pos_ in ("NOUN", "PROPN", "ADJ") for t in span):
        return None
    if any(t.pos_ in ("PRON", "NUM", "ADV") or not (t.is_alpha or t.text in "-’'") for t in span):
        return None
    if any(t.ent_type_ in ("PERSON", "ORDINAL") for t in span):
        return None  # "called Mr Brand", "called the first true novel": no name for an idea
    return span


def naming_complement(verb: Token) -> Token | None:
    """The name a passive naming verb gives: 'called X' (X an object predicate) or 'known
    as X', 'referred to as X'."""
    if verb.lemma_ in NAMING_VERBS:
        for child in verb.children:
            if child.dep_ in ("oprd", "attr", "dobj", "xcomp") and child.i > verb.i:
                return child
    if verb.lemma_ in NAMING_AS_VERBS:
        preps = [c for c in verb.children if c.dep_ == "prep"]
        if verb.lemma_ == "refer":  # "referred to as X"
            preps = [g for p in preps if p.lower_ == "to" for g in p.children if g.dep_ == "prep"]
        for prep in preps:
            if prep.lower_ == "as":
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                return objects[0] if objects else None
    return None


def description_tokens(verb: Token) -> tuple[list[Token], str] | None:
    """The described thing and the tensed 'be' the question needs, for the three places a
    naming verb stands: the sentence's passive verb, a relative clause, a participle."""
    doc = verb.doc
    aux = [c for c in verb.children if c.dep_ == "auxpass"]
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if verb.dep_ == "ROOT" and aux and subjects and aux[0].lower_ in TENSED_BE:
        if subjects[0].pos_ != "NOUN":
            return None  # "Ann Brand was called ...": a name described, not a thing named
        start = min(s.left_edge.i for s in subjects)
        return list(doc[start : aux[0].i]), aux[0].lower_
    if verb.dep_ == "relcl" and aux and aux[0].lower_ in TENSED_BE:
        head = verb.head
        tokens = [t for t in head.subtree if t.i < verb.left_edge.i]
        while tokens and tokens[-1].dep_ == "punct":
            tokens.pop()
        if head.pos_ != "NOUN" or not tokens or tokens[-1].i != head.i:
            return None  # the name is given to the noun right before it, or the parse erred
        return tokens, aux[0].lower_
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.i > verb.head.i:
        head = verb.head
        tokens = [t for t in head.subtree if t.i < verb.left_edge.i]
        while tokens and tokens[-1].dep_ == "punct":
            tokens.pop()
        if head.pos_ != "NOUN" or not tokens or tokens[-1].i != head.i:
            return None
        return tokens, "are" if head.tag_ in ("NNS", "NNPS") else "is"
    return None


def definition_tokens(be: Token) -> tuple[list[Token], Token, str] | None:
    """'A palindrome is a word that reads the same backwards ...': the class with what sets
    it apart (an indefinite complement with a clause or phrase on it), the defined term (a
    common noun as subject) and the tensed 'be'."""
    if be.lemma_ != "be" or be.dep_ != "ROOT" or be.lower_ not in TENSED_BE:
        return None
    subjects = [c for c in be.children if c.dep_ == "nsubj"]
    attrs = [c for c in be.children if c.dep_ == "attr"]
    if len(subjects) != 1 or len(attrs) != 1:
        return None
    subject, attr = subjects[0], attrs[0]
    if subject.pos_ != "NOUN" or attr.pos_ != "NOUN" or attr.i < be.i:
        return None
    if (subject.tag_ == "NNS") != (attr.tag_ == "NNS") and attr.lemma_ not in CLASS_NOUNS:
        return None  # "Nurses are an integral part of ...": a role, no class
    if any(c.dep_ in ("advmod", "neg") for c in be.children):
        return None  # "Hockey is also a growing sport ...": one of several, or not
    if not any(c.lower_ in ("a", "an") for c in attr.children if c.dep_ == "det"):
        return None
    if not any(c.dep_ in MODIFIER_DEPS for c in attr.children):
        return None
    tokens = [t for t in attr.subtree]
    while tokens and tokens[-1].dep_ == "punct":
        tokens.pop()
    # The question asks about the class: its number, the sentence's tense.
    past = be.lower_ in ("was", "were")
    plural = attr.tag_ in ("NNS", "NNPS")
    return tokens, subject, ("were" if plural else "was") if past else ("are" if plural else "is")


def unresolved(token: Token, replacements: Replacements) -> bool:
    """A pronoun in the description that points outside it ('his invention'); 'its' in a
    clause on the described thing ('a body of ice that moves under its own weight') and
    'which', 'that' are the description's own."""
    if token.pos_ != "PRON" or token.i in replacements or token.tag_ in ("WDT", "WP"):
        return False
    return not own_pronoun(token)


def own_pronoun(token: Token) -> bool:
    """'its' in a clause on the described thing points to that thing."""
    own = token.tag_ == "PRP$" and token.lower_ in ("its", "their")
    return own and any(a.dep_ in ("relcl", "acl") for a in token.ancestors)


def describes_alone(tokens: list[Token], replacements: Replacements) -> bool:
    """The tokens are a noun phrase that says what it describes without the sentences
    around it: no unresolved pronoun, no clause or name given inside it, no count or rank
    against what came before ("three small wars", "a third group", "an exception"), not
    "the ones that ..."."""
    if any(unresolved(t, replacements) for t in tokens):
        return False
    if tokens[0].dep_ in ("nsubj", "nsubjpass") and tokens[0].tag_ == "WDT":
        return False
    if any(t.dep_ == "ROOT" or t.lemma_ in NAMING_VERBS for t in tokens):
        return False
    if tokens[0].like_num or tokens[0].pos_ == "NUM":
        return False
    if any(t.ent_type_ == "ORDINAL" or t.lower_ in RELATIVE_WORDS for t in tokens[:3]):
        return False
    head = max(tokens, key=lambda t: t.head not in tokens or t.head == t)
    return head.lemma_ != "one"


def in_question(first: Token, text: str) -> str:
    """The description's first word as it reads after 'What is': 'the' for a demonstrative,
    lower case unless a name or an acronym."""
    if first.lower_ in DEMONSTRATIVES and first.dep_ == "det":
        return "the" + text[len(first.text) :]
    name = first.pos_ == "PROPN" and not (first.i == 0 and not first.ent_type_)
    if name or (len(first.text) > 1 and first.text.isupper()):
        return text
    return text[:1].lower() + text[1:]


def phrase(tokens: list[Token], replacements: Replacements) -> str | None:
    """The description as it reads inside a question, or None when it does not stand alone,
    cuts a quotation in half, or is too short or too long to ask by."""
    if not tokens or not describes_alone(tokens, replacements):
        return None
    own = {k: v for k, v in replacements.items() if not own_pronoun(tokens[0].doc[k])}
    text = render(tokens, own)
    if tokens[0].i not in own:
        text = in_question(tokens[0], text)
    if sum(text.count(q) for q in '“”"') % 2:
        return None
    content = [t for t in tokens if t.is_alpha and not t.is_stop]
    if len(content) < MIN_DESCRIPTION_WORDS or len(text.split()) > MAX_DESCRIPTION_WORDS:
        return None
    return text


def term_of(subject: Token) -> Span | None:
    """The defined term: the subject's noun phrase without determiner, a few words long."""
    doc = subject.doc
    start = subject.left_edge.i
    while start < subject.i and doc[start].pos_ in ("DET", "PUNCT"):
        start += 1
    if any(t.dep_ in ("prep", "relcl", "acl", "appos") for t in subject.children):
        return None  # "The study of rocks is a ...": the subject is a description itself
    if any(t.dep_ == "det" and t.lower_ in DEMONSTRATIVES | {"the"} for t in subject.children):
        return None  # "This law is ...", "The treaty is a response to ...": not a class
    span = doc[start : subject.i + 1]
    if len(span) > MAX_ANSWER_TOKENS or not all(t.is_alpha or t.text == "-" for t in span):
        return None
    return span


def other_names(span: Span) -> tuple[str, ...]:
    """What the sentence gives as the same name: 'tarns, or corrie lakes', 'known as X or
    Y', 'gneiss (or banded rock)'."""
    doc = span.doc
    root = span.root
    names = [
        c
        for c in root.children
        if c.dep_ == "conj"
        and c.i > root.i
        and any(t.lower_ == "or" for t in doc[root.i + 1 : c.i])
        and c.pos_ in ("NOUN", "PROPN")
    ]
    found = [
        doc[c.left_edge.i if c.left_edge.pos_ != "DET" else c.left_edge.i + 1 : c.i + 1]
        for c in names
    ]
    end = span.end
    if end + 2 < len(doc) and doc[end].text == "(":
        close = next((t.i for t in doc[end + 1 : end + 6] if t.text == ")"), None)
        inner = doc[end + 1 : close] if close else None
        if inner is not None and inner and inner[0].lower_ == "or":
            inner = inner[1:]
        if inner and all(t.is_alpha or t.text == "-" for t in inner):
            found.append(inner)
    return tuple(s.text for s in found if 0 < len(s) <= MAX_ANSWER_TOKENS)


def named_in(doc: Doc, replacements: Replacements) -> Iterator[tuple[Span, str]]:
    """(name, question) for each thing the sentence names or defines."""
    for token in doc:
        if token.pos_ == "VERB" and token.lemma_ in NAMING_VERBS | NAMING_AS_VERBS:
            complement = naming_complement(token)
            found = description_tokens(token) if complement is not None else None
            if complement is None or found is None:
                continue
            span = name_span(complement)
            described, be = found
            text = phrase(described, replacements)
            if span is None or text is None or span.start < (described[-1].i if described else 0):
                continue
            if described[0].lower_ in ("a", "an") and any(t.pos_ == "PROPN" for t in span):
                continue  # "a news channel called Orbit": one of a class, not its name
            ending = "called" if token.lemma_ in NAMING_VERBS else "known as"
            yield span, f"What {be} {text} {ending}?"
        elif token.dep_ == "ROOT":
            found_definition = definition_tokens(token)
            if found_definition is None:
                continue
            described, subject, be = found_definition
            span = term_of(subject)
            text = phrase(described, replacements)
            if span is not None and text is not None:
                yield span, f"What {be} {text} called?"


def find_definitions(
    title: str,
    docs: Sequence[Doc],
    sentences: Sequence[Sentence],
    replacements: Sequence[Replacements],
) -> list[Mention]:
    """A mention tagged 'term' with its question for each name the article gives to a
    description; none whose answer is the article's own topic."""
    title_words = {w.lower() for w in title.split()}
    title_words |= {w.removesuffix("s") for w in title_words}  # "Glaciers" is about a glacier
    mentions = []
    for doc, sentence, refs in zip(docs, sentences, replacements, strict=True):
        for span, question in named_in(doc, refs):
            if {t.lemma_.lower() for t in span if not t.is_stop} <= title_words:
                continue
            if span.text.casefold() in question.casefold():
                continue
            mentions.append(
                term_mention(doc, span, refs, sentence.index, question, other_names(span))
            )
    return mentions
