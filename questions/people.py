"""People in an article: the role the text gives them and what they said."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from questions.facts import Quote, Role, Sentence, in_quotes, mention_key
from questions.lexicon import NUMBER_WORDS, SPEECH_VERBS, TITLES
from questions.nlp import doc_text
from questions.syntax import find_subject, render


def role_phrase(person: Span) -> str | None:
    """The role the sentence gives a person: an apposition or the words before the name."""
    apposition = apposition_role(person)
    if apposition is not None:
        return apposition
    words = without_trailing_titles(words_before(person))
    if not words or not any(w.tag_ in ("NN", "NNP") for w in words):
        return None
    if len(words) == 1 and words[0].text not in TITLES and words[0].tag_ != "NN":
        return None
    text = " ".join(w.text for w in words)
    if words[0].i == 0 and words[0].tag_ in ("NN", "JJ", "NNS") and not words[0].ent_type_:
        text = text[:1].lower() + text[1:]
    return text if len(words) <= 10 else None


# Relative pronouns and determiners: "which", "who", "whose", "that" open a clause.
RELATIVE = frozenset({"WDT", "WP", "WP$"})


def apposition_role(person: Span) -> str | None:
    """The role an apposition after the name gives ("Yuri Gagarin, a Soviet pilot"), cut
    before a conjunction or a clause ("chief engineer at Harbourworks, which ..."), without its
    article; None when there is none."""
    root = person.root
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i and not child.ent_type_:
            tokens = list(child.subtree)
            cut = next(
                (t.i for t in tokens if t.dep_ in ("cc", "relcl", "acl") or t.tag_ in RELATIVE),
                None,
            )
            if cut is not None:
                tokens = [t for t in tokens if t.i < cut]
            text = render(tokens, {}).strip(" ,")
            if 1 <= len(text.split()) <= 14:
                return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    return None


def words_before(person: Span) -> list[Token]:
    """The nouns, adjectives and names right before a name ("Soviet cosmonaut", "Duke of
    Mainz"), up to a possessive or any other word."""
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
    return words


def without_trailing_titles(words: list[Token]) -> list[Token]:
    """The words without the titles right before the name ("physicist Professor"), as long
    as a common noun stays."""
    words = list(words)
    while words and words[-1].text in TITLES and len(words) > 1 and words[-2].text not in TITLES:
        if any(w.tag_ == "NN" for w in words[:-1]):
            words.pop()
        else:
            break
    return words


KINSHIP_WORDS = (
    "son daughter wife husband brother sister father mother uncle aunt cousin friend "
    "child nephew niece grandson granddaughter grandfather grandmother grandchild widow "
    "widower heir successor predecessor ancestor descendant stepson stepdaughter teammate "
    "colleague partner rival"
)
KINSHIP = frozenset(KINSHIP_WORDS.split())
# Words a count starts with ("two Duke" is a count, not a role).
COUNT_WORDS = frozenset([*NUMBER_WORDS[1:11], "many", "several"])


def is_role_text(role: str) -> bool:
    """A role reads as words and says something alone: not "son" without "of whom"."""
    if any(c in role for c in "/[]()=;") or any(c.isdigit() for c in role):
        return False
    if not re.search(r"[a-z]{3}", role):
        return False
    original = role.split()
    if len(original) <= 2 and original[0].islower() and original[-1][:1].isupper():
        return False  # "southern Duke" of "the southern Duke Yansheng Kong Zhu": a cut title
    words = role.lower().split()
    if words[0] in COUNT_WORDS:
        return False  # "two Duke": a count, not a role
    return not ((words[-1] in KINSHIP or "fellow" in words) and "of" not in words)


def find_roles(docs: Sequence[Doc], sentences: Sequence[Sentence]) -> list[Role]:
    """People with a role, the first role per person."""
    roles: dict[str, Role] = {}
    for doc, sentence in zip(docs, sentences, strict=True):
        past = any(t.tag_ == "VBD" for t in doc)
        for ent in doc.ents:
            if ent.label_ != "PERSON" or ent.text in roles or in_quotes(doc, ent.start_char):
                continue
            role = role_phrase(ent)
            if role and mention_key(role) != mention_key(ent.text) and is_role_text(role):
                roles[ent.text] = Role(sentence.index, ent.text, role, past)
    text = " ".join(doc_text(doc).lower() for doc in docs)
    # A role the article gives more than once ("quarterback") does not single anyone out.
    return [r for r in roles.values() if count_words(text, r.role.lower()) == 1]


def count_words(text: str, words: str) -> int:
    """How often words occur in text as whole words."""
    return len(re.findall(rf"(?<!\w){re.escape(words)}(?!\w)", text))


def find_quotes(docs: Sequence[Doc], sentences: Sequence[Sentence]) -> list[Quote]:
    """Sentences "“...,” said X" and "X said: “...”" with a named speaker."""
    quotes: list[Quote] = []
    for doc, sentence in zip(docs, sentences, strict=True):
        match = re.search(r"[“\"]([^”\"]{20,300}?)[,.]?[”\"]", doc_text(doc))
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
