"""How worth asking a fact is: features from the whole article and a small fitted model.

A fact is a sentence and an answer in it. Its features say how central the sentence is
(LexRank over the article's sentences, its place in its paragraph), how salient the answer is
(how often the article returns to it, its relation to the title), and what kind of fact it is
(a definition, a cause, a first or largest, a list member). The weights are fitted on what
readers chose to ask about whole articles (questions/training/, rebuilt with
`python -m questions.training`); the model is a logistic regression stored as plain numbers in
questions/data/worth-model.json, so nothing beyond NumPy runs here.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span

from questions.facts import Sentence, mention_key
from questions.kinds.base import Candidate
from questions.model import AGGREGATE_KINDS

MODEL_PATH = Path(__file__).resolve().parent / "data" / "worth-model.json"
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
SIMILARITY_THRESHOLD = 0.1
DAMPING = 0.85
TAG_FEATURES = ("date", "person", "org", "place", "number", "group", "event", "term")
CAUSE = re.compile(
    r"\b(?:because|due to|as a result|result(?:ed|s)? in|led to|lead to|leads to|caus(?:e|es|ed)"
    r"|therefore|thus|consequently|so that|in order to|allow(?:s|ed)?|enabl(?:e|es|ed))\b",
    re.I,
)
DEFINITION = re.compile(
    r"\b(?:is|are|was|were) (?:a|an|the) |\b(?:known as|referred to as|refers to|defined as|"
    r"called|consists? of|means)\b",
    re.I,
)
SALIENT_WORDS = frozenset(
    {"first", "last", "only", "main", "largest", "biggest", "major", "most", "key", "principal"}
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "appos"})


@dataclass(frozen=True)
class Fact:
    """What an item asks: an answer in a sentence, with the answer's type."""

    sentence: int
    answer: str
    tag: str


def content_lemmas(doc: Doc) -> list[str]:
    """Lower-case lemmas of the content words of a parsed sentence."""
    return [
        t.lemma_.lower()
        for t in doc
        if t.pos_ in CONTENT_POS and not t.is_stop and (t.is_alpha or t.like_num)
    ]


def lexrank(docs: Sequence[Doc]) -> list[float]:
    """Sentence centrality (Erkan and Radev's LexRank): stationary distribution of a random walk
    over sentences linked by TF-IDF cosine similarity above a threshold, times the count of
    sentences (so the mean is 1)."""
    bags = [Counter(content_lemmas(doc)) for doc in docs]
    n = len(bags)
    if n < 2:
        return [1.0] * n
    vocabulary = {w: i for i, w in enumerate(sorted({w for bag in bags for w in bag}))}
    if not vocabulary:
        return [1.0] * n
    matrix = np.zeros((n, len(vocabulary)))
    for row, bag in enumerate(bags):
        for word, count in bag.items():
            matrix[row, vocabulary[word]] = count
    document_frequency = (matrix > 0).sum(axis=0)
    matrix *= np.log(n / document_frequency)
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    matrix /= norms[:, None]
    similar = (matrix @ matrix.T) > SIMILARITY_THRESHOLD
    np.fill_diagonal(similar, False)  # a sentence does not vote for itself
    links = similar.astype(float)
    degree = links.sum(axis=1)
    links[degree == 0] = 1.0 / n  # a sentence like no other passes its vote to all alike
    links /= links.sum(axis=1)[:, None]
    scores = np.full(n, 1.0 / n)
    for _ in range(50):
        updated = (1 - DAMPING) / n + DAMPING * (links.T @ scores)
        if np.abs(updated - scores).sum() < 1e-9:
            scores = updated
            break
        scores = updated
    return [float(s) * n for s in scores]


def find_span(doc: Doc, answer: str) -> Span | None:
    """The answer's tokens in its sentence (first occurrence), or None."""
    start = doc.text.find(answer)
    if start < 0:
        start = doc.text.casefold().find(answer.casefold())
    if start < 0:
        return None
    return doc.char_span(start, start + len(answer), alignment_mode="expand")


def in_list(span: Span) -> bool:
    """The answer is one item of a coordination ('A, B and C')."""
    root = span.root
    return root.dep_ == "conj" or any(child.dep_ == "conj" for child in root.children)


def span_role(span: Span) -> str:
    """The answer's role in its clause: subject, object, adjunct or other."""
    root = span.root
    dep = root.dep_
    if dep in SUBJECT_DEPS:
        return "subject"
    if dep in OBJECT_DEPS:
        return "object"
    if dep == "pobj":
        return "adjunct"
    return "other"


PUNCTUATION = re.compile(r"[^\w\s]")


def word_string(text: str) -> str:
    """The text's words, case-folded, between single spaces and with a space at each end, so
    that " curie " is found in "... honoured Marie Curie." and "Curie's prize"."""
    words = PUNCTUATION.sub(" ", mention_key(text)).split()
    return f" {' '.join(words)} "


@dataclass(frozen=True)
class ArticleContext:
    """What the features of every fact of one article share, computed once."""

    sentences: tuple[Sentence, ...]
    docs: tuple[Doc, ...]
    centrality: tuple[float, ...]
    centrality_rank: tuple[float, ...]
    paragraph_sizes: dict[int, int]
    paragraph_starts: dict[int, int]
    paragraphs: int
    title_lemmas: frozenset[str]
    normalized: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=dict, compare=False)

    @classmethod
    def build(
        cls, title: str, sentences: Sequence[Sentence], docs: Sequence[Doc]
    ) -> ArticleContext:
        """Centrality, paragraph layout and title words of an article."""
        centrality = lexrank(docs)
        order = sorted(range(len(centrality)), key=lambda i: centrality[i])
        rank = [0.0] * len(centrality)
        for position, index in enumerate(order):
            rank[index] = position / max(1, len(order) - 1)
        sizes = Counter(s.paragraph for s in sentences)
        starts: dict[int, int] = {}
        for s in sentences:
            starts.setdefault(s.paragraph, s.index)
        title_words = {w.lower() for w in re.findall(r"[\w’'-]+", title) if len(w) > 3}
        return cls(
            sentences=tuple(sentences),
            docs=tuple(docs),
            centrality=tuple(centrality),
            centrality_rank=tuple(rank),
            paragraph_sizes=dict(sizes),
            paragraph_starts=starts,
            paragraphs=max(1, len(sizes)),
            title_lemmas=frozenset(title_words),
            normalized=tuple(word_string(s.text) for s in sentences),
        )

    def answer_count(self, answer: str) -> int:
        """In how many sentences the article writes the answer (its last word for a name)."""
        key = mention_key(answer)
        if key not in self.counts:
            needle = word_string(key)
            self.counts[key] = sum(needle in text for text in self.normalized) if key else 0
        return self.counts[key]


def commonness(answer: str) -> float:
    """How common the answer is in English at large, on wordfreq's Zipf scale over 8 (0 for
    a number or date): "France" 0.62, "Lyon" 0.48, a clerk named once 0. A name everyone
    knows is guessed from the sentence around it ("the wine regions of _____"): over reads 1-19,
    names of Zipf 5 or more were acceptable 17% of the time, those under 4 37%."""
    if not answer or any(c.isdigit() for c in answer):
        return 0.0
    from wordfreq import zipf_frequency  # its word lists load once, on first use

    return zipf_frequency(answer, "en") / 8


def fact_features(context: ArticleContext, fact: Fact) -> dict[str, float]:
    """The features of one fact, by name."""
    sentence = context.sentences[fact.sentence]
    doc = context.docs[fact.sentence]
    size = context.paragraph_sizes[sentence.paragraph]
    offset = fact.sentence - context.paragraph_starts[sentence.paragraph]
    text = sentence.text
    words = len(text.split())
    span = find_span(doc, fact.answer)
    role = span_role(span) if span is not None else "other"
    answer_words = {w.lower() for w in re.findall(r"[\w’'-]+", fact.answer)}
    sentence_lemmas = set(content_lemmas(doc))
    last = fact.answer.split()[-1] if fact.answer.split() else ""
    count = context.answer_count(fact.answer)
    if fact.tag == "person" and last and last != fact.answer:
        count = max(count, context.answer_count(last))
    features = {
        "centrality": math.log(context.centrality[fact.sentence] + 1e-3),
        "centrality_rank": context.centrality_rank[fact.sentence],
        "first_in_paragraph": float(offset == 0),
        "position_in_paragraph": offset / max(1, size - 1),
        "position_in_article": sentence.paragraph / context.paragraphs,
        "sentence_words": math.log(words + 1),
        "sentence_entities": math.log1p(len(doc.ents)),
        "sentence_title_overlap": len(context.title_lemmas & sentence_lemmas)
        / max(1, len(context.title_lemmas)),
        "sentence_definition": float(bool(DEFINITION.search(text))),
        "sentence_cause": float(bool(CAUSE.search(text))),
        "sentence_salient_word": float(
            bool(SALIENT_WORDS & {t.lower_ for t in doc})
            or any(t.tag_ in ("JJS", "RBS") for t in doc)
        ),
        "answer_mentions": math.log1p(count),
        # Not features of the asked model (FEATURES); the acceptability model's.
        "answer_share": count / len(context.sentences),
        "answer_common": commonness(fact.answer),
        "answer_title_overlap": float(bool(answer_words & context.title_lemmas)),
        "answer_words": min(len(fact.answer.split()), 8) / 8,
        "answer_in_list": float(span is not None and in_list(span)),
        "answer_subject": float(role == "subject"),
        "answer_object": float(role == "object"),
        "answer_adjunct": float(role == "adjunct"),
        "answer_year_only": float(fact.tag == "date" and bool(re.fullmatch(r"\d{4}", fact.answer))),
        "answer_decade_or_range": float(
            fact.tag == "date" and bool(re.search(r"\d0s\b|–|-| to | and |between", fact.answer))
        ),
    }
    for tag in TAG_FEATURES:
        features[f"tag_{tag}"] = float(fact.tag == tag)
    return features


FEATURES: tuple[str, ...] = (
    "centrality",
    "centrality_rank",
    "first_in_paragraph",
    "position_in_paragraph",
    "position_in_article",
    "sentence_words",
    "sentence_entities",
    "sentence_title_overlap",
    "sentence_definition",
    "sentence_cause",
    "sentence_salient_word",
    "answer_mentions",
    "answer_title_overlap",
    "answer_words",
    "answer_in_list",
    "answer_subject",
    "answer_object",
    "answer_adjunct",
    "answer_year_only",
    "answer_decade_or_range",
    *(f"tag_{tag}" for tag in TAG_FEATURES),
)


@dataclass(frozen=True)
class WorthModel:
    """A logistic regression over standardised features. With `clip`, a standardised value
    is held within +-clip: a feature the training rows rarely show (a kind read six times)
    moves the estimate as far as a common one at most, not tens of standard deviations."""

    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    clip: float = 0.0  # 0: no clipping

    def probability(self, features: dict[str, float]) -> float:
        """The estimated chance that a reader asks this fact."""
        z = self.intercept
        clip = self.clip or math.inf
        for name, mean, scale, weight in zip(
            self.features, self.means, self.scales, self.weights, strict=True
        ):
            z += weight * min(clip, max(-clip, (features.get(name, 0.0) - mean) / scale))
        return 1 / (1 + math.exp(-z))

    def to_json(self) -> str:
        """The model as the JSON file questions/data/worth-model.json holds."""
        data = {
            "features": list(self.features),
            "means": [round(m, 6) for m in self.means],
            "scales": [round(s, 6) for s in self.scales],
            "weights": [round(w, 6) for w in self.weights],
            "intercept": round(self.intercept, 6),
        }
        if self.clip:
            data["clip"] = self.clip
        return json.dumps(data, indent=1) + "\n"


@functools.cache
def load_model(path: Path = MODEL_PATH) -> WorthModel:
    """The fitted model shipped with the package."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return WorthModel(
        features=tuple(data["features"]),
        means=tuple(data["means"]),
        scales=tuple(data["scales"]),
        weights=tuple(data["weights"]),
        intercept=float(data["intercept"]),
        clip=float(data.get("clip", 0.0)),
    )


KIND_FEATURES = ("cloze", "mcq", "true_false", "short_answer", "timeline", "matching")
DEMONSTRATIVE = re.compile(r"\b(?:this|these|those|such|the latter|the former)\b", re.I)
PRONOUN_START = re.compile(r"^(?:he|she|it|they|his|her|its|their|this|these|there)\b", re.I)
DISCOURSE = re.compile(
    r"\b(?:also|however|similarly|earlier|later|thereafter|afterwards|instead|likewise|"
    r"again|another|other|further|still|then)\b",
    re.I,
)
# Which kind suits which answer: a year asked by mcq fares worse than by short answer, a
# person better in a cloze than in an mcq (reads 1-18: mcq on a year 28% acceptable, on a
# name 2%; cloze on a name 34%). One feature per pair, so the fit can tell them apart.
PAIRED_KINDS = ("cloze", "mcq", "true_false", "short_answer")
PAIRED_TAGS = ("number", "date", "person", "org", "place", "term")
KIND_TAG_FEATURES = tuple(f"{kind}_{tag}" for kind in PAIRED_KINDS for tag in PAIRED_TAGS)
ITEM_FEATURES: tuple[str, ...] = (
    *(f"kind_{kind}" for kind in KIND_FEATURES),
    *KIND_TAG_FEATURES,
    "answer_share",
    "answer_common",
    "prompt_words",
    "prompt_reference",
    "prompt_demonstrative",
    "prompt_pronoun_start",
    "prompt_discourse",
    "prompt_parentheses",
    "prompt_digits",
    "answer_digits",
    "answer_once",
    "answer_capitalised",
    "answer_chars",
    "asked_logit",
)


def item_features(
    item_kind: str, prompt: str, answer: str, fact_values: dict[str, float], asked: float
) -> dict[str, float]:
    """Features of an item beyond its fact: kind and what the prompt shows a student."""
    words = prompt.split()
    capitalised = [w for w in answer.split() if w[:1].isupper()]
    features = {f"kind_{kind}": float(item_kind == kind) for kind in KIND_FEATURES}
    for kind in PAIRED_KINDS:
        for tag in PAIRED_TAGS:
            paired = item_kind == kind and fact_values.get(f"tag_{tag}", 0.0) == 1.0
            features[f"{kind}_{tag}"] = float(paired)
    features.update(
        {
            "prompt_words": math.log(len(words) + 1),
            "prompt_reference": float("[" in prompt),
            "prompt_demonstrative": float(bool(DEMONSTRATIVE.search(prompt))),
            "prompt_pronoun_start": float(bool(PRONOUN_START.match(prompt))),
            "prompt_discourse": float(bool(DISCOURSE.search(prompt))),
            "prompt_parentheses": float("(" in prompt),
            "prompt_digits": min(sum(c.isdigit() for c in prompt), 12) / 12,
            "answer_digits": float(any(c.isdigit() for c in answer)),
            "answer_once": float(fact_values.get("answer_mentions", 0.0) <= math.log(2) + 1e-9),
            # A name in one sentence in eight is what the article is about: guessed, not
            # recalled (with answer_mentions, worth rises with mentions and then falls).
            "answer_share": fact_values.get("answer_share", 0.0),
            "answer_common": fact_values.get("answer_common", 0.0),
            "answer_capitalised": len(capitalised) / max(1, len(answer.split())),
            "answer_chars": min(len(answer), 60) / 60,
            "asked_logit": math.log(asked / (1 - asked)) if 0 < asked < 1 else 0.0,
        }
    )
    return features


ACCEPT_PATH = MODEL_PATH.with_name("accept-model.json")
ACCEPT_FEATURES: tuple[str, ...] = (*FEATURES, *ITEM_FEATURES)


def fact_of(candidate: Candidate) -> Fact | None:
    """The sentence and answer a candidate asks, or None for items over many facts."""
    item = candidate.item
    if item.kind in AGGREGATE_KINDS:
        return None
    tag = item.tags[0] if item.tags else "thing"
    head, _, rest = candidate.fact.partition(":")
    if head.isdigit() and rest:
        return Fact(int(head), rest, tag)
    if head == "role" and rest:
        return Fact(item.sentence_index, rest, "person")
    answer = item.answer if isinstance(item.answer, str) else ""
    return Fact(item.sentence_index, answer, tag)


@dataclass
class Scorer:
    """Estimates for the candidates of one article: the chance a reader asks the fact
    (fitted on readers' questions) and the chance a strict reader accepts the item (fitted
    on blind-read verdicts, with the first as one of its features)."""

    context: ArticleContext
    asked_model: WorthModel
    accept_model: WorthModel
    facts: dict[Fact, tuple[dict[str, float], float]] = field(default_factory=dict)

    def fact(self, fact: Fact) -> tuple[dict[str, float], float]:
        """The fact's features and its chance of being asked, computed once."""
        if fact not in self.facts:
            values = fact_features(self.context, fact)
            self.facts[fact] = values, self.asked_model.probability(values)
        return self.facts[fact]

    def features(self, candidate: Candidate, typical: float = 0.3) -> dict[str, float]:
        """Every feature of a candidate item, by name."""
        item = candidate.item
        fact = fact_of(candidate)
        values, asked = self.fact(fact) if fact is not None else ({}, typical)
        answer = item.answer if isinstance(item.answer, str) else ""
        if fact is not None and item.kind == "true_false":
            answer = fact.answer
        return {**values, **item_features(item.kind, item.prompt, answer, values, asked)}

    def acceptability(self, candidate: Candidate) -> float:
        """The estimated chance that a strict reader accepts the item."""
        return self.accept_model.probability(self.features(candidate))


def make_scorer(context: ArticleContext) -> Scorer:
    """A scorer with the models shipped in questions/data."""
    return Scorer(context, load_model(MODEL_PATH), load_model(ACCEPT_PATH))
