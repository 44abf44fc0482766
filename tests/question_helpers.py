"""Hand-made items and mentions for the generator tests: an item from its prompt, answer and
sentence; a stand-in mention; one rule's verdict; an entity of a parsed sentence."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

from spacy.tokens import Span

from questions import rules
from questions.facts import answer_span, tag_of
from questions.model import Item
from questions.nlp import parse


def item(prompt: str, answer: str, kind: str = "cloze", source: str = "", tag: str = "") -> Item:
    """An item whose source sentence is the prompt with its blank filled, unless given."""
    return Item(
        id="x",
        kind=kind,
        prompt=prompt,
        answer=answer,
        accepted=(answer,),
        source_sentence=source or prompt.replace("_____", answer),
        tags=(tag,) if tag else (),
    )


def judge(check: str | Callable[[Item], str | None], item: Item) -> str | None:
    """A rule's reason for rejecting the item (None when it passes or does not apply to the
    item's kind); `check` is a registered rule's id or an article rule's bound check."""
    return rules.judge(check, item) if isinstance(check, str) else check(item)


def theme_reason(theme: str, item: Item) -> str | None:
    """The reason of the first rule of one theme ('form', 'shape') that rejects the item."""
    refused = rules.theme_rejection(theme, item)
    return refused[1] if refused else None


def mention(answer: str, tag: str = "person", sentence: int = 0) -> SimpleNamespace:
    """A stand-in mention: only its answer, tag and sentence index."""
    return SimpleNamespace(answer=answer, tag=tag, sentence=sentence)


def answer_in(sentence: str, answer: str) -> tuple[Span, str]:
    """The entity of the parsed sentence whose answer text is `answer`, and its tag."""
    (doc,) = parse([sentence])
    for ent in doc.ents:
        span = answer_span(ent)
        if span.text == answer:
            tag = tag_of(ent)
            assert tag is not None, (answer, ent.label_)
            return span, tag
    raise AssertionError(f"no entity {answer!r} in {[e.text for e in doc.ents]}")
