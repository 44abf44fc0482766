"""Turn an article into ranked items: clean, split, parse once, find facts, make, filter, rank."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from questions.clean import clean_article
from questions.distractors import build_pools
from questions.facts import Sentence, find_mentions
from questions.kinds import KIND_MAKERS, Analysis, Candidate
from questions.model import KINDS, Article, ArticleError, slugify
from questions.nlp import parse, split_sentences
from questions.people import find_quotes, find_roles
from questions.quality import item_filters, rank, rejection
from questions.references import resolve_references, topic_person

Progress = Callable[[int, int], None]
MAX_TEXT_CHARS = 600_000
PROGRESS_EVERY = 64


def split_body(paragraphs: Iterable[str]) -> list[Sentence]:
    """Sentences of the body, split per paragraph with pysbd."""
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        for text in split_sentences(paragraph):
            sentences.append(Sentence(len(sentences), number, text))
    return sentences


def analyse(title: str, paragraphs: list[str], progress: Progress | None = None) -> Analysis:
    """Parse every sentence once and collect the article's facts."""
    sentences = split_body(paragraphs)
    if not sentences:
        raise ArticleError("No sentences found in the article.")
    lower_words = frozenset(
        w.strip(".,;:!?()“”\"'’") for p in paragraphs for w in p.split() if w.islower()
    )
    total = len(sentences) + 1
    docs = []
    for doc in parse([s.text for s in sentences], lower_words):
        docs.append(doc)
        if progress and len(docs) % PROGRESS_EVERY == 0:
            progress(len(docs), total)
    references = resolve_references(docs, sentences, topic_person(title, docs))
    mentions = tuple(find_mentions(docs, sentences, references))
    return Analysis(
        slug=slugify(title),
        title=title,
        sentences=tuple(sentences),
        mentions=mentions,
        pools=build_pools(mentions),
        roles=tuple(find_roles(docs, sentences)),
        quotes=tuple(find_quotes(docs, sentences)),
    )


def make_candidates(analysis: Analysis, kinds: Iterable[str]) -> list[Candidate]:
    """Every kind's candidates that pass all filters."""
    filters = item_filters(analysis.title)
    candidates = []
    for kind in kinds:
        for candidate in KIND_MAKERS[kind](analysis):
            if rejection(candidate.item, filters) is None:
                candidates.append(candidate)
    return candidates


def generate(
    text: str,
    *,
    title: str | None = None,
    kinds: Iterable[str] | None = None,
    max_items: int | None = None,
    progress: Progress | None = None,
) -> Article:
    """Generate items from an article's text (first line the title), best first."""
    if len(text) > MAX_TEXT_CHARS:
        raise ArticleError(
            f"The article has {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}. "
            "Split it into parts."
        )
    head, paragraphs = clean_article(text)
    title = (title or head).strip() or head
    wanted = [k for k in KINDS if kinds is None or k in set(kinds)]
    unknown = sorted(set(kinds or ()) - set(KINDS))
    if unknown:
        raise ArticleError(f"Unknown item kind {', '.join(unknown)}; choose from {KINDS}.")
    analysis = analyse(title, paragraphs, progress)
    items = rank(make_candidates(analysis, wanted))
    if max_items is not None:
        items = items[:max_items]
    if progress:
        progress(len(analysis.sentences) + 1, len(analysis.sentences) + 1)
    return Article(
        title=title, slug=analysis.slug, paragraphs=tuple(paragraphs), items=tuple(items)
    )
