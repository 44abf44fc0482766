"""A hand-made item for the filter tests: the prompt, its answer, and the sentence it came from."""

from __future__ import annotations

from questions.model import Item


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
