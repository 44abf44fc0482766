"""Turn an article into ranked items."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from questions.model import KINDS, Article, ArticleError, Item, make_item_id, slugify
from questions.nlp import get_nlp

Progress = Callable[[int, int], None]


def split_article(text: str) -> tuple[str, list[str]]:
    """Return the title (first non-empty line) and the paragraphs of a plain-text article."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise ArticleError("The article is empty.")
    return lines[0], lines[1:]


def generate(
    text: str,
    *,
    title: str | None = None,
    kinds: Iterable[str] | None = None,
    max_items: int | None = None,
    progress: Progress | None = None,
) -> Article:
    """Generate items from an article's text, best first."""
    head, paragraphs = split_article(text)
    title = title or head
    slug = slugify(title)
    wanted = set(kinds or KINDS)
    nlp = get_nlp()
    items: list[Item] = []
    for index, doc in enumerate(nlp.pipe(paragraphs)):
        if progress:
            progress(index + 1, len(paragraphs))
        if "cloze" not in wanted:
            continue
        for sent in doc.sents:
            for ent in sent.ents[:1]:
                prompt = sent.text.replace(ent.text, "_____", 1)
                items.append(
                    Item(
                        id=make_item_id(slug, "cloze", sent.text, ent.text),
                        kind="cloze",
                        prompt=prompt,
                        answer=ent.text,
                        accepted=(ent.text,),
                        source_sentence=sent.text,
                        sentence_index=index,
                        tags=(ent.label_.lower(),),
                    )
                )
    if max_items is not None:
        items = items[:max_items]
    return Article(title=title, slug=slug, paragraphs=tuple(paragraphs), items=tuple(items))
