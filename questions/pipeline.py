"""Turn an article into ranked items: clean, split, parse once, find facts, make, filter, rank."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from questions.aliases import article_aliases, person_key
from questions.clean import clean_article
from questions.definitions import find_definitions
from questions.distractors import build_pools, is_variant
from questions.facts import Mention, Sentence, find_mentions, mention_key
from questions.kinds import KIND_MAKERS, Analysis, Candidate
from questions.model import (
    KINDS,
    MAX_TEXT_CHARS,
    Article,
    ArticleError,
    Item,
    Rejection,
    slugify,
)
from questions.nlp import parse, split_sentences
from questions.people import find_quotes, find_roles
from questions.references import (
    orphan_pronouns,
    resolve_references,
    topic_person,
    topic_place,
)
from questions.rules import mention_rejection, rejection, rules_for
from questions.selection import order_items
from questions.syntax import is_command, is_fragment
from questions.terms import find_terms
from questions.title import choose_title
from questions.worth import ArticleContext, make_scorer

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 64


def split_body(paragraphs: Iterable[str]) -> list[Sentence]:
    """Sentences of the body, split per paragraph with pysbd."""
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        for text in split_sentences(paragraph):
            sentences.append(Sentence(len(sentences), number, text))
    return sentences


def analyse(
    title: str, paragraphs: list[str], progress: Progress | None = None
) -> tuple[Analysis, ArticleContext]:
    """Parse every sentence once and collect the article's facts, with what the worth
    estimate needs of the parse."""
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
    person = topic_person(title, docs)
    references = resolve_references(docs, sentences, person, topic_place(title, docs))
    context = ArticleContext.build(title, sentences, docs)
    words = sum(len(p.split()) for p in paragraphs)
    terms = find_terms(title, docs, sentences, references, context.centrality, words)
    defined = find_definitions(title, docs, sentences, references)
    named = {(m.sentence, m.answer.casefold()) for m in defined}
    terms = [t for t in terms if (t.sentence, t.answer.casefold()) not in named]
    mentions = (*find_mentions(docs, sentences, references), *terms, *defined)
    analysis = Analysis(
        slug=slugify(title),
        title=title,
        sentences=tuple(sentences),
        mentions=mentions,
        pools=build_pools(mentions, [s.text for s in sentences]),
        roles=tuple(find_roles(docs, sentences)),
        quotes=tuple(find_quotes(docs, sentences)),
        lower_words=lower_words,
        orphans=orphan_pronouns(docs, references, person, title.casefold()),
        commands=frozenset(i for i, doc in enumerate(docs) if is_command(doc)),
        fragments=frozenset(i for i, doc in enumerate(docs) if is_fragment(doc)),
    )
    return analysis, context


def shared_name_words(analysis: Analysis) -> frozenset[str]:
    """Last words of two or more of the article's names ("Khan" of Kublai Khan and Ogödei
    Khan): a family name or title that names no one alone. "Thomas" of Demaryius Thomas and
    Thomas Davis still names the first: a surname is the only one-word form accepted."""
    # Full names only: "Kublai" beside "Kublai Khan" is one person's name, not a shared word.
    people = {
        person_key(m.answer) for m in analysis.mentions if m.tag == "person" and " " in m.answer
    }
    counts = Counter(last for last, _initial in people)
    return frozenset(word for word, count in counts.items() if count > 1)


def other_name_words(analysis: Analysis) -> frozenset[str]:
    """Words that cannot stand alone for one person: any word of two or more full names
    ('Kong' of Kong Zhu and Kong Duanyou) or a word the article writes in lower case."""
    names = {m.answer for m in analysis.mentions if m.tag == "person" and " " in m.answer}
    # A word of two spellings of one person's name ('Tarin' of Mohammad and Muhammad Tarin)
    # belongs to that person alone.
    words_of = {(person_key(n), w) for n in names for w in set(n.split())}
    counts = Counter(word for _key, word in words_of)
    lower = {w for name in names for w in name.split() if w.lower() in analysis.lower_words}
    return frozenset({w for w, n in counts.items() if n > 1} | lower)


def without_shared_words(
    item: Item, shared: frozenset[str], name_words: frozenset[str] = frozenset()
) -> Item:
    """A one-word alternative that is part of several names names no one: not accepted. A
    person whose last word is such a family name or title is named by the rest ('Möngke'
    of 'Möngke Khan'), unless the rest is a word of other names too or a common word the
    article writes in lower case ('Great' of 'Great Khan', 'Kong' of the Kong dukes)."""
    accepted = [a for a in item.accepted if a == item.answer or a not in shared]
    words = item.answer.split() if isinstance(item.answer, str) else []
    if item.tags[:1] == ("person",) and len(words) > 1 and words[-1] in shared:
        given = " ".join(words[:-1])
        if given not in shared and given not in name_words and given not in accepted:
            accepted.append(given)
    return item if tuple(accepted) == item.accepted else replace(item, accepted=tuple(accepted))


TYPED_KINDS = ("cloze", "short_answer")


def with_aliases(item: Item, aliases: Mapping[str, tuple[str, ...]]) -> Item:
    """A typed answer also accepts the other forms the article writes the name in."""
    if item.kind not in TYPED_KINDS or not isinstance(item.answer, str):
        return item
    extra = aliases.get(mention_key(item.answer), ())
    if not extra:
        return item
    return replace(item, accepted=tuple(dict.fromkeys([*item.accepted, *extra])))


FRAGMENT_TAGS = frozenset({"org", "place", "thing", "event", "work", "law", "group"})
NOT_NAME_WORDS = frozenset({"The", "A", "An", "In", "On", "At", "By", "Of"})


def written_alone(fragment: str, text: str) -> bool:
    """The article writes the fragment as a name of its own somewhere, not only inside a
    longer name ('Media' only ever in 'Virgin Media'; 'America' only in 'Radio Corporation
    of America')."""
    for match in re.finditer(rf"(?<![\w’'-]){re.escape(fragment)}(?![\w’'-])", text):
        before = text[: match.start()].split()[-2:]
        after = text[match.end() :].split()[:1]
        opener = len(before) < 2 or before[0][-1:] in ".!?"  # a capital that starts a sentence
        capital = bool(before) and before[-1][:1].isupper() and before[-1] not in NOT_NAME_WORDS
        # A sentence's first word is a name word unless the article also writes it in lower case.
        common = opener and capital and re.search(rf"\b{re.escape(before[-1].lower())}\b", text)
        joined_before = capital and not common
        via_of = len(before) == 2 and before[-1] in ("of", "de", "the") and before[0][:1].isupper()
        joined_after = bool(after) and after[0][:1].isupper() and after[0][-1:] not in ",.;:"
        if not (joined_before or via_of or joined_after):
            return True
    return False


def alone_in(fragment: str, text: str, seen: dict[str, bool]) -> bool:
    """written_alone, looked up once per fragment."""
    if fragment not in seen:
        seen[fragment] = written_alone(fragment, text)
    return seen[fragment]


def without_unwritten_fragments(item: Item, text: str, seen: dict[str, bool]) -> Item:
    """A shorter form of a name ('Sports' of 'Setanta Sports') is accepted only where the
    article itself uses it alone (`seen` keeps the answers already looked up)."""
    if item.tags[:1] == () or item.tags[0] not in FRAGMENT_TAGS or not isinstance(item.answer, str):
        return item
    answer_words = set(item.answer.split())
    kept = tuple(
        a
        for a in item.accepted
        if a == item.answer
        or not set(a.split()) < answer_words
        or not a[:1].isupper()
        or alone_in(a, text, seen)
    )
    return item if kept == item.accepted else replace(item, accepted=kept)


def askable_mentions(
    analysis: Analysis, kind: str, rejected: list[Rejection] | None = None
) -> tuple[Mention, ...]:
    """The mentions a kind may ask: those no mention rule of the kind flags; the others go to
    `rejected` (when given) with the rule's id and its reason."""
    kept = []
    for mention in analysis.mentions:
        refused = mention_rejection(analysis, mention, kind)
        if refused is None:
            kept.append(mention)
        elif rejected is not None:
            rule, reason = refused
            rejected.append(Rejection(rule, reason, kind, mention.cloze, mention.answer))
    return tuple(kept)


def make_candidates(
    analysis: Analysis, kinds: Iterable[str], rejected: list[Rejection] | None = None
) -> list[Candidate]:
    """Every kind's candidates that pass all rules; those that do not go to `rejected`
    (when given) with the rule's id and its reason."""
    is_variant.cache_clear()  # kept for one article's kinds, never carried to the next
    rules = rules_for(analysis)
    shared = shared_name_words(analysis)
    common = other_name_words(analysis)
    aliases = article_aliases(analysis.mentions, [s.text for s in analysis.sentences])
    text = " ".join(s.text for s in analysis.sentences)
    alone: dict[str, bool] = {}
    candidates = []
    for kind in kinds:
        asked = askable_mentions(analysis, kind, rejected)
        for candidate in KIND_MAKERS[kind](analysis, asked):
            item = with_aliases(candidate.item, aliases)
            refused = rejection(item, rules)
            if refused is not None and rejected is not None:
                rule, reason = refused
                rejected.append(Rejection(rule, reason, item.kind, item.prompt, item.answer))
            if refused is None:
                item = without_shared_words(item, shared, common)
                item = without_unwritten_fragments(item, text, alone)
                candidates.append(replace(candidate, item=item))
    return candidates


def generate(
    text: str,
    *,
    title: str | None = None,
    kinds: Iterable[str] | None = None,
    max_items: int | None = None,
    progress: Progress | None = None,
    filename: str = "",
    all_items: bool = False,
    explain: bool = False,
) -> Article:
    """Generate items from an article's text, best first: the curated set worth asking, or
    with `all_items` every candidate (the others marked not selected). The title is `title`,
    else the text's heading line, else the first sentence's subject, else the file name.
    With `explain` the article also carries every candidate a rule rejected, and why."""
    if len(text) > MAX_TEXT_CHARS:
        raise ArticleError(
            f"The article has {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}. "
            "Split it into parts."
        )
    head, paragraphs = clean_article(text)
    title = choose_title(title, head, paragraphs, filename)
    wanted = [k for k in KINDS if kinds is None or k in set(kinds)]
    unknown = sorted(set(kinds or ()) - set(KINDS))
    if unknown:
        raise ArticleError(f"Unknown item kind {', '.join(unknown)}; choose from {KINDS}.")
    analysis, context = analyse(title, paragraphs, progress)
    scorer = make_scorer(context)
    rejected: list[Rejection] = []
    items = order_items(
        make_candidates(analysis, wanted, rejected if explain else None),
        scorer.acceptability,
        analysis.sentences,
        sum(len(p.split()) for p in paragraphs),
    )
    if not all_items:
        items = [item for item in items if item.selected]
    if max_items is not None:
        items = items[:max_items]
    if progress:
        progress(len(analysis.sentences) + 1, len(analysis.sentences) + 1)
    return Article(
        title=title,
        slug=analysis.slug,
        paragraphs=tuple(paragraphs),
        items=tuple(items),
        rejected=tuple(rejected),
    )
