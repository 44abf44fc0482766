"""What every item kind shares: the analysed article, candidates, accepted answers, rng."""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from questions.answers import accepted_for
from questions.distractors import Pools, full_name_words
from questions.facts import Mention, Quote, Role, Sentence
from questions.lexicon import HEDGE, has_words
from questions.model import SENTENCE_KINDS, Answer, Item, make_item_id

KIND_DIFFICULTY = {
    "true_false": 0.2,
    "mcq": 0.35,
    "matching": 0.45,
    "cloze": 0.5,
    "timeline": 0.55,
    "short_answer": 0.65,
}
TAG_DIFFICULTY = {"date": 0.1, "number": 0.1, "person": 0.0, "org": 0.05, "group": -0.1}


WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Analysis:
    """An article's sentences and facts: everything the kinds make items from."""

    slug: str
    title: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    roles: tuple[Role, ...]
    quotes: tuple[Quote, ...]
    pools: Pools
    lower_words: frozenset[str] = frozenset()  # words the article writes in lower case
    # Sentences whose subject pronoun points nowhere, with that pronoun.
    orphans: Mapping[int, str] = field(default_factory=dict)
    commands: frozenset[int] = frozenset()  # sentences in the imperative
    fragments: frozenset[int] = frozenset()  # sentences without a verb, numbered list items

    @functools.cached_property
    def name_words(self) -> frozenset[str]:
        """Words of the article's full names of people, found once per article."""
        return full_name_words(self.mentions)

    @functools.cached_property
    def _word_sentences(self) -> dict[str, set[int]]:
        """For each word, the sentences that write it (an index built once per article)."""
        index: dict[str, set[int]] = {}
        for n, sentence in enumerate(self.sentences):
            for word in WORDS.findall(sentence.text):
                index.setdefault(word, set()).add(n)
        return index

    def sentences_naming(self, names: tuple[str, ...]) -> int:
        """In how many sentences the article writes any of the names as whole words."""
        found: set[int] = set()
        for name in names:
            words = WORDS.findall(name)
            if not words:
                continue
            # Only the sentences holding every word of the name can hold the name.
            maybe = set.intersection(*(self._word_sentences.get(w, set()) for w in words))
            found |= {n for n in maybe if has_words(self.sentences[n].text, name)}
        return len(found)


@dataclass(frozen=True)
class Candidate:
    """An item before ranking, with the fact it asks about (candidates of one fact are one
    choice for the selection)."""

    item: Item
    fact: str


def rng_for(*parts: object) -> random.Random:
    """A random generator seeded from the parts (string seeds are stable across runs)."""
    return random.Random("|".join(str(p) for p in parts))


def mention_fact(mention: Mention) -> str:
    """Key of the fact a mention asks: its sentence and its answer."""
    return f"{mention.sentence}:{mention.answer.casefold()}"


def difficulty(kind: str, tag: str, answer: str, sentence: str, extra: float = 0.0) -> float:
    """Estimated difficulty 0..1: kind, answer type, answer and sentence length."""
    value = KIND_DIFFICULTY.get(kind, 0.5) + TAG_DIFFICULTY.get(tag, 0.0) + extra
    value += min(len(answer.split()), 6) * 0.02 + min(len(sentence.split()), 50) * 0.002
    return round(min(max(value, 0.05), 0.95), 2)


# Connectives also set off inside a sentence ("The port, on the other hand, faces east").
SET_OFF = (
    "However", "Moreover", "Therefore", "Nevertheless", "Nonetheless", "Meanwhile",
    "In contrast", "By contrast", "On the other hand", "In turn",
)  # fmt: skip
CONNECTIVE = re.compile(
    rf"^(?:{'|'.join(SET_OFF)}|Furthermore|Consequently|Thus|Hence|In the meantime|"
    r"As a result|For example|For instance|In addition|Additionally|Also|Finally|Indeed|"
    r"Instead|Still|Besides|Accordingly|Subsequently|Likewise|Similarly|Either way|"
    r"In any case|In any event|Even so|Anyway|First|Firstly|Second|Secondly|Third|Thirdly|"
    r"Lastly|For one|For starters|To begin with|Last but not least|Above all|After all|"
    r"Of course|In fact|In other words|That said|Then again|In short|Unsurprisingly|"
    r"Not surprisingly)(?:, however)?,\s+"
    r"|^(?:And|But|Yet|Or),?\s+(?=\w)"  # a conjunction joining the sentence to the one before
)


INNER_CONNECTIVE = re.compile(
    rf", (?:{'|'.join(w.lower() for w in SET_OFF)}|though|for example|for instance),(?= )"
    r"| (?:for example|for instance)(?= [a-z])(?!,)"  # "When did Hull for example have ...?"
)


def without_connective(prompt: str) -> str:
    """A sentence lifted from its paragraph without the word that tied it to the one before
    ("However, ...", "As a result, ...", "But ...", "The port, however, ..."): asked alone,
    that word points at nothing."""
    for _ in range(2):  # "And, last but not least, ...": a conjunction, then a connective
        match = CONNECTIVE.match(prompt)
        if match is None or match.end() >= len(prompt):
            break
        prompt = prompt[match.end() :]
        prompt = prompt[:1].upper() + prompt[1:] if prompt[:1].islower() else prompt
    return INNER_CONNECTIVE.sub("", prompt)


def make_item(
    analysis: Analysis,
    kind: str,
    prompt: str,
    answer: Answer,
    *,
    sentence: int,
    tag: str,
    accepted: tuple[str, ...] = (),
    choices: tuple[object, ...] = (),
    explanation: str = "",
    level: float | None = None,
) -> Item:
    """An item with its stable id; the score is set by ranking."""
    source = analysis.sentences[sentence].text
    if kind in SENTENCE_KINDS and not prompt.endswith("?"):
        prompt = without_connective(prompt)
    elif prompt.endswith("?"):  # a question made from the parse keeps no inner connective
        prompt = INNER_CONNECTIVE.sub("", prompt)
    text_answer = answer if isinstance(answer, str) else " ".join(map(str, answer))
    return Item(
        id=make_item_id(analysis.slug, kind, source if kind != "timeline" else prompt, answer),
        kind=kind,
        prompt=prompt,
        answer=answer,
        accepted=accepted,
        choices=choices,
        source_sentence=source,
        sentence_index=sentence,
        explanation=explanation or source,
        tags=(tag,),
        difficulty=level if level is not None else difficulty(kind, tag, text_answer, source),
    )


def mention_candidate(analysis: Analysis, kind: str, prompt: str, mention: Mention) -> Candidate:
    """A typed-answer candidate (cloze, short answer) asking for a mention's answer; the
    bracket the sentence puts right after the answer ('219,000 (around 34%)', '15 km (9
    miles)') says it another way, so it is right too."""
    accepted = accepted_for(mention.answer, mention.tag, mention.prep)
    accepted = (*accepted, *(form for name in mention.also for form in accepted_for(name, "term")))
    source = analysis.sentences[mention.sentence].text
    gloss = None
    if mention.tag in ("number", "date") and "(" in source:
        gloss = re.search(rf"{re.escape(mention.answer)}\s*\(([^()]{{1,30}})\)", source)
    if gloss:
        other = HEDGE.sub("", gloss.group(1).strip())
        accepted = (*accepted, *accepted_for(other, mention.tag))
    item = make_item(
        analysis,
        kind,
        prompt,
        mention.answer,
        sentence=mention.sentence,
        tag=mention.tag,
        accepted=tuple(dict.fromkeys(accepted)),
    )
    return Candidate(item, mention_fact(mention))
