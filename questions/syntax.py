"""Wh-questions and event phrases from the dependency parse of one sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from spacy.tokens import Doc, Span, Token

from questions.lexicon import (
    LIST_MARKER,
    NEGATIVE_WORDS,
    NOT_DENIABLE,
    OPINION_VERBS,
    SPEECH_VERBS,
)
from questions.nlp import years_in

SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Children of the clause's verb that carry a separate thought; questions and events omit them.
DROP_DEPS = frozenset(
    {"advcl", "conj", "cc", "punct", "mark", "parataxis", "intj", "dep", "meta", "preconj"}
)
# Commas left next to each other, or before the end, once phrases are taken out.
ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|etc)\.)$")
LOOSE_COMMAS = re.compile(r"\s*,(?:\s*,)+")
# Sentence adverbs that link to the text around and make no sense in a lone question.
DISCOURSE_WORDS = (
    "however though therefore thus also meanwhile nevertheless moreover furthermore "
    "consequently instead hence accordingly finally previously subsequently then"
)
DISCOURSE_ADVERBS = frozenset(DISCOURSE_WORDS.split())
COPULAS = frozenset({"be", "become", "remain", "seem"})
# Verbs of a state, not an event: "In 2014 the town had 45,000 people" dates no happening.
STATIVE_VERBS = frozenset({"be", "have", "remain", "seem", "contain", "consist", "include"})
# What a verb needs to say what happened: "supported" needs whom, "said" what was said.
COMPLEMENT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative"})
NAME_LABELS = frozenset(
    [
        "PERSON",
        "ORG",
        "GPE",
        "LOC",
        "NORP",
        "FAC",
        "PRODUCT",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
    ]
)
FACT_MARKERS = frozenset({"after", "before", "when", "since", "because", "as", "while", "until"})
DO_SUPPORT = {"VBD": "did", "VBZ": "does", "VBP": "do"}
PRONOUNS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "him",
        "her",
        "them",
        "his",
        "hers",
        "its",
        "their",
        "theirs",
        "this",
        "that",
        "these",
        "those",
        "we",
        "our",
        "i",
        "you",
    ]
)
WHEN_PREPS = frozenset({"in", "on", "during", "by", "at", "around", "circa", "c."})
WHERE_PREPS = frozenset({"in", "at", "near", "on", "inside", "outside"})
# A resolved reference: its first token index -> (end token index, text that replaces it).
Replacements = Mapping[int, tuple[int, str]]
VAGUE_SUBJECT = re.compile(
    r"^(?:(?:the|all)\s+(?:two|three|four|both)\s+|both\s+|these\s+|those\s+)(?:\S+\s+){0,2}\S+$",
    re.I,
)


def attachment_verb(token: Token) -> Token | None:
    """The verb a phrase hangs from, climbing prepositions ("in 1970" -> "launched")."""
    node = token
    while node.dep_ in ("pobj", "prep", "pcomp", "npadvmod", "tmod") and node.head is not node:
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            break
    verb = node if node.pos_ in ("VERB", "AUX") else node.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def clause_head(verb: Token) -> Token | None:
    """The main-clause verb over verb (through open complements), or None in a subclause."""
    while verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        if verb.head.lemma_ in COPULAS:
            return None  # "became one of four teams to have made": a misparse, no question
        verb = verb.head
    if verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT"):
        return verb
    # A subordinate clause of time or cause states a fact of its own ("after X broke out").
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"} | {verb.head.lower_}
    has_subject = any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    if verb.dep_ in ("advcl", "pcomp") and has_subject and marks & FACT_MARKERS:
        return verb
    return None


def find_subject(verb: Token) -> Token | None:
    """The subject of verb, inherited from the first conjunct when verb has none."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return find_subject(verb.head)
    return None


def is_command(doc: Doc) -> bool:
    """True for a sentence in the imperative: its main verb in the base form with no subject
    and no auxiliary before it ("Keep your mind open", "Instead of buying, try waiting")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.tag_ != "VB":
        return False
    # It opens the sentence, or follows an opening phrase or an adverb ("Always keep ...").
    before = doc[root.i - 1] if root.i > 0 else None
    if before is not None and before.text not in (",", ";", ":") and before.dep_ != "advmod":
        return False
    return not any(c.dep_ in (*SUBJECT_DEPS, "expl", "aux", "auxpass") for c in root.children)


FRAGMENT_WORDS = 6  # a longer sentence without a verb is more likely one the parser misread


def is_fragment(doc: Doc) -> bool:
    """True for a sentence that states nothing: a short one with no verb at all ("Two of the
    harbour cranes.", a caption), or an item of a numbered list the sentence splitter cut out
    of its paragraph ("2. A dredger (a steam one).")."""
    if LIST_MARKER.match(doc.text):
        return True
    words = [t for t in doc if not t.is_punct]
    return len(words) <= FRAGMENT_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in doc)


def render(tokens: Iterable[Token], replacements: Replacements) -> str:
    """Join tokens with their own spacing, replacing resolved references.

    Where a dropped token stood between two kept ones, a space keeps the words apart.
    """
    out: list[str] = []
    skip_until = -1
    ordered = sorted(tokens, key=lambda t: t.i)
    kept = {t.i for t in ordered}
    for token in ordered:
        if token.i < skip_until:
            continue
        if token.i in replacements:
            end, text = replacements[token.i]
            last = token.doc[end - 1]
            gap = not last.whitespace_ and end not in kept
            out.append(text + (" " if gap else last.whitespace_))
            skip_until = end
            continue
        gap = not token.whitespace_ and token.i + 1 not in kept
        out.append(token.text + (" " if gap else token.whitespace_))
    return " ".join("".join(out).split())


def _subtree(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _phrase_for(span: Span, verb: Token) -> set[int] | None:
    """Token indices to remove for an adverbial answer (the prepositional phrase or the date)."""
    root = span.root
    ids = {t.i for t in span}
    if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head == verb:
        return _subtree(root.head)
    if root.dep_ == "prep" and root.head == verb:
        return _subtree(root)
    if root.dep_ in ("npadvmod", "tmod", "advmod", "pobj") and root.head == verb:
        return ids | _subtree(root)
    if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.dep_ == "advmod":
        adverb = root.head.head  # "Back in 1970"
        if adverb.head == verb:
            return _subtree(adverb)
    return None


def _leading_adjuncts(verb: Token, subject: Token | None) -> set[int]:
    """Sentence-initial adverbials before the subject ("However,", "For instance,")."""
    if subject is None:
        return set()
    drop: set[int] = set()
    for child in verb.children:
        if child.i < subject.left_edge.i and child.dep_ not in SUBJECT_DEPS:
            drop |= _subtree(child)
    return drop


def _clause_tokens(verb: Token, removed: set[int]) -> list[Token]:
    drop = set(removed)
    for child in verb.children:
        if child.dep_ == "punct" and _opens_apposition(child):
            continue  # "launched Sputnik 1 (in 1957), the first satellite": keep that comma
        if child.dep_ in DROP_DEPS or child.lower_ in DISCOURSE_ADVERBS:
            drop |= _subtree(child)
    return [t for t in verb.subtree if t.i not in drop]


def _keeps_bare_quotation(verb: Token) -> bool:
    """True when the clause quotes words whose quote marks hang on the verb: the question
    would keep the words and lose the marks ("... summed up the trip: “It is old meets
    new”" -> "Who summed up the trip It is old meets new?")."""
    for mark in (c for c in verb.children if c.dep_ == "punct" and c.is_quote):
        if mark.i + 1 >= len(mark.doc):
            continue
        quoted = mark.doc[mark.i + 1]
        holder = next((c for c in verb.children if quoted.i in _subtree(c)), None)
        if holder is not None and holder.dep_ not in DROP_DEPS:
            return True
    return False


def _opens_apposition(punct: Token) -> bool:
    """True for a comma right before an appositive phrase."""
    if punct.text != "," or punct.i + 1 >= len(punct.doc):
        return False
    following = punct.doc[punct.i + 1]
    return any(t.dep_ in ("appos", "dobj") for t in [following, *following.ancestors][:3])


def subject_text(subject: Token, replacements: Replacements) -> str | None:
    """The subject phrase, or None when it is a pronoun left unresolved."""
    start = subject.left_edge.i
    if start not in replacements and subject.i not in replacements:
        if subject.lower_ in PRONOUNS or subject.tag_ == "WP":
            return None
        if VAGUE_SUBJECT.match(subject.doc[start : subject.right_edge.i + 1].text):
            return None
    appositions: set[int] = set()
    for child in subject.children:
        if child.dep_ == "appos":
            appositions |= _subtree(child)
            appositions |= {t.i for t in subject.children if t.dep_ == "punct"}
    tokens = [t for t in subject.subtree if t.i not in appositions]
    tokens = [t for t in tokens if t.dep_ != "punct" or t.i != tokens[-1].i]
    text = render(tokens, replacements)
    first = tokens[0]
    common = first.ent_type_ not in NAME_LABELS and first.pos_ != "PROPN"
    article = first.lower_ in ("the", "a", "an")
    lower = article or (common and not first.text.isupper())
    if first.i == 0 and first.i not in replacements and lower:
        text = text[:1].lower() + text[1:]
    return text


def tidy(text: str) -> str:
    """Collapse commas left by removed phrases and trim punctuation at the ends."""
    text = " ".join(LOOSE_COMMAS.sub(",", text).replace(" ,", ",").split()).strip(" ,;:-–—")
    return text if ABBREVIATION_END.search(text) else text.rstrip(".")


def _finish(words: list[str]) -> str | None:
    text = tidy(" ".join(tidy(w) for w in words if w))
    if not text:
        return None
    return text[:1].upper() + text[1:] + "?"


def base_form(verb: Token) -> str:
    """The verb's base form, mending the lemmatizer's "readied" -> "readie"."""
    lemma = verb.lemma_
    if lemma.endswith("ie") and verb.lower_.endswith(("ied", "ies")) and len(lemma) > 3:
        return lemma[:-2] + "y"
    return lemma


def inverted_question(
    wh: str, verb: Token, removed: set[int], replacements: Replacements
) -> str | None:
    """Wh + auxiliary + subject + rest: "When did China launch the satellite?"."""
    subject = find_subject(verb)
    if subject is None:
        return None
    subj = subject_text(subject, replacements)
    if subj is None:
        return None
    removed = removed | _subtree(subject) | _leading_adjuncts(verb, subject)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    auxes = [a for a in auxes if a.lower_ != "to"]
    tokens = _clause_tokens(verb, removed)
    if auxes:
        aux = auxes[0]
        rest = [t for t in tokens if t.i != aux.i]
        front = aux.lower_
    elif verb.lemma_ == "be":
        rest = [t for t in tokens if t.i != verb.i]
        front = verb.lower_
    elif verb.tag_ in DO_SUPPORT or (verb.tag_ == "VBN" and verb.dep_ == "ROOT"):
        front = DO_SUPPORT.get(verb.tag_, "did")  # a root VBN without auxiliary is a past
        rest = tokens
    else:
        return None
    body = render(rest, replacements)
    if front in DO_SUPPORT.values():
        # The verb itself goes to its base form after do-support.
        body = render([t for t in rest if t.i < verb.i], replacements)
        after = render([t for t in rest if t.i > verb.i], replacements)
        body = " ".join(p for p in (body, base_form(verb), after) if p)
    if not body:
        return None
    return _finish([wh, front, subj, body])


def subject_question(wh: str, verb: Token, removed: set[int], replacements: Replacements) -> str:
    """Wh replaces the subject: "Who pulled out of the mission?"."""
    subject = find_subject(verb)
    drop = removed | (_subtree(subject) if subject is not None else set())
    drop |= _leading_adjuncts(verb, subject)
    tokens = _clause_tokens(verb, drop)
    return _finish([wh, render(tokens, replacements)]) or ""


def wh_word(tag: str, prep: str = "") -> str | None:
    """The question word for an answer of this type."""
    if tag == "date":
        return "When" if prep in WHEN_PREPS or not prep else None
    if tag == "place":
        return "Where" if prep in WHERE_PREPS else None
    return None


def make_question(span: Span, tag: str, replacements: Replacements) -> str | None:
    """A wh-question whose answer is span, or None when the parse gives no safe one."""
    root = span.root
    anchor = root.head if tag == "number" and root.dep_ == "nummod" else root
    attached = attachment_verb(anchor)
    verb = clause_head(attached) if attached is not None else None
    if attached is None or verb is None:
        return None
    if _keeps_bare_quotation(verb):
        return None
    ids = {t.i for t in span}
    whole = _subtree(root) - ids <= _dets(root)
    # A date or a count as subject or object has no "Who" or "What" ("2013 saw the release
    # of ...": not "What saw the release of ...?").
    named = tag not in ("date", "number")
    if named and whole and root.dep_ in SUBJECT_DEPS and root.head == verb:
        return asking_subject(span, tag, verb, replacements)
    if named and whole and root.dep_ == "dobj" and root.head == attached:
        return asking_object(span, tag, verb, attached, replacements)
    if tag in ("date", "place"):
        return asking_when_or_where(span, tag, verb, attached, replacements)
    if tag == "number" and root.dep_ == "nummod" and root.head.tag_ in ("NNS", "NNPS"):
        return asking_how_many(root.head, verb, attached, replacements)
    return None


def asking_subject(span: Span, tag: str, verb: Token, replacements: Replacements) -> str | None:
    """ "Who ...?" or "What ...?" for the clause's subject; None for a participle read as the
    main verb, a subject in a list, or a question under three words."""
    root = span.root
    if verb.tag_ == "VBN" and not any(c.dep_.startswith("aux") for c in verb.children):
        return None  # a participle read as the main verb
    if any(c.dep_ == "conj" for c in root.children) or _in_list(span):
        return None
    actor = tag in ("person", "org") or (root.ent_type_ in ("GPE", "NORP") and verb.lemma_ != "be")
    wh = "Who" if actor else "What"
    question = subject_question(wh, verb, {t.i for t in span}, replacements)
    return question if len(question.split()) >= 3 else None


def asking_object(
    span: Span, tag: str, verb: Token, attached: Token, replacements: Replacements
) -> str | None:
    """ "Who did ...?" or "What did ...?" for the verb's one direct object, not one in a list."""
    root = span.root
    if any(c.dep_ == "conj" for c in root.children) or root.dep_ == "conj":
        return None
    objects = [c for c in attached.children if c.dep_ in ("dobj", "oprd", "dative")]
    if len(objects) > 1 or _in_list(span):
        return None  # "proclaimed Khanbaliq the Great Capital": two objects, no clean question
    wh = "Who" if tag in ("person", "org") else "What"
    return inverted_question(wh, verb, _subtree(root), replacements)


def asking_when_or_where(
    span: Span, tag: str, verb: Token, attached: Token, replacements: Replacements
) -> str | None:
    """ "When did ...?" or "Where did ...?" for a date or place phrase the preposition allows;
    None when another date left in the question would make it ambiguous."""
    root = span.root
    phrase = _phrase_for(span, attached)
    if phrase is None:
        return None
    prep = root.head.lower_ if root.dep_ == "pobj" else ""
    if root.dep_ == "prep":
        prep = root.lower_
    wh = wh_word(tag, prep)
    if wh is None:
        return None
    if wh == "Where" and verb.lemma_ in ("include", "contain", "consist", "comprise"):
        return None  # "In Leeds, the clients include X": no "Where do ... include X?"
    question = inverted_question(wh, verb, phrase, replacements)
    others = [e.text for e in span.doc.ents if e.label_ == "DATE" and e.start != span.start]
    if question and tag == "date" and any(o in question for o in others):
        return None  # another date left in the question would make it ambiguous
    if question and tag == "date" and years_in(span.text):
        # "the group set sail ... in 1687": a dated event is past whatever the tagger says
        question = re.sub(r"^When (?:do|does) ", "When did ", question)
    return question


def asking_how_many(
    noun: Token, verb: Token, attached: Token, replacements: Replacements
) -> str | None:
    """ "How many ships ...?" for a count of the subject or the direct object; None for one
    of two counts ("one or at times two pilots") or when the question counts the same
    thing again ("How many members does a team with 10-12 members have?")."""
    counts = [t for t in noun.children if t.dep_ == "nummod"]
    if len(counts) != 1 or any(c.dep_ in ("conj", "cc") for c in counts[0].children):
        return None
    question = None
    if noun.dep_ in SUBJECT_DEPS and noun.head == verb == attached:
        question = subject_question(f"How many {noun.text}", verb, set(), replacements)
        question = question if len(question.split()) >= 4 else None
    elif noun.dep_ == "dobj" and noun.head == attached:
        modifiers = [t for t in noun.children if t.i < noun.i and t.dep_ in ("amod", "compound")]
        words = [t for m in modifiers for t in m.subtree] + [noun]
        wh = f"How many {render(words, replacements)}"
        question = inverted_question(wh, verb, _subtree(noun), replacements)
    counted_again = re.compile(rf"\d[\d,.–-]*\s+{re.escape(noun.text)}\b")
    return None if question is None or counted_again.search(question) else question


def _in_list(span: Span) -> bool:
    """True when the span is one item of a list ("A, B and C commanded ...")."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return (
        before in (",", "and", "or")
        or after in ("and", "or")
        or (after == "," and span.end + 1 < len(doc) and doc[span.end + 1].ent_type_ == span.label_)
    )


def _dets(token: Token) -> set[int]:
    return {t.i for t in token.subtree if t.dep_ in ("det", "punct") or t.tag_ == "``"}


def event_phrase(span: Span, replacements: Replacements, max_words: int = 18) -> str | None:
    """What happened at the date span, as a clause without the date ("China launched ..."),
    or None when the clause states a condition rather than an event, or would lose the
    object or complement its verb needs."""
    attached = attachment_verb(span.root)
    verb = clause_head(attached) if attached is not None else None
    if attached is None or verb is None:
        return None
    phrase = _phrase_for(span, attached)
    subject = find_subject(verb)
    if phrase is None or subject is None:
        return None
    subj = subject_text(subject, replacements)
    if subj is None:
        return None
    if verb.lemma_ in STATIVE_VERBS:
        return None
    removed = phrase | _subtree(subject) | _leading_adjuncts(verb, subject)
    tokens = _clause_tokens(verb, removed)
    kept = {t.i for t in tokens}
    if any(c.dep_ in COMPLEMENT_DEPS and c.i not in kept for c in verb.children):
        return None  # cutting the date out took the object with it: "governments supported"
    rest = render(tokens, replacements)
    text = tidy(f"{subj} {tidy(rest)}")
    words = text.split()
    if len(words) < 3 or len(words) > max_words:
        return None
    return text[:1].upper() + text[1:]


# Auxiliaries a denial may follow with "not": "was not", "has not", "will not". Not a modal
# of possibility ("may not" can still be true) nor a contraction ("'s not").
DENIABLE_AUXILIARIES = frozenset(
    {"is", "are", "was", "were", "has", "have", "had", "will", "did", "does", "do"}
)


def denial(doc: Doc, replacements: Replacements) -> str | None:
    """The sentence's claim denied by its main verb, with resolved references written in:
    "The probe was launched in 1970" -> "The probe was not launched in 1970", "Rome fell" ->
    "Rome did not fall". None where the denial would be no plain falsehood (deniable)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or not deniable(doc, root) or root.i in replacements:
        return None
    if pre_verb_adverb(root):  # "badly damaged", "was quickly rebuilt": the manner denied
        return None
    auxiliaries = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < root.i]
    if auxiliaries:
        first = auxiliaries[0]
        if first.lower_ not in DENIABLE_AUXILIARIES or first.i in replacements:
            return None
        change = {first.i: (first.i + 1, f"{first.text} not")}
    elif root.lemma_ == "be" and root.lower_ in DENIABLE_AUXILIARIES:
        change = {root.i: (root.i + 1, f"{root.text} not")}
    elif root.tag_ in DO_SUPPORT and root.pos_ == "VERB":
        change = {root.i: (root.i + 1, f"{DO_SUPPORT[root.tag_]} not {base_form(root)}")}
    else:
        return None
    marked = {k: (end, f"[{text}]") for k, (end, text) in replacements.items()}
    return render(list(doc), {**marked, **change})


def pre_verb_adverb(verb: Token) -> bool:
    """An adverb right before the verb ("badly damaged", "was quickly rebuilt"): "did not"
    has no place there, and "not quickly" denies the manner, not the deed."""
    return any(c.dep_ == "advmod" and c.i == verb.i - 1 for c in verb.children)


def deniable(doc: Doc, root: Token) -> bool:
    """The sentence makes one plain claim by its main verb: not already negative, hedged or
    partial (NOT_DENIABLE), not in quotation marks, with a subject that counts nothing
    ("five people"), no second verb joined to the main one ("opened fire and killed") and no
    remark or opinion ("X says ...")."""
    if root.pos_ not in ("VERB", "AUX") or root.lemma_ in SPEECH_VERBS | OPINION_VERBS:
        return False
    words = {t.lower_ for t in doc}
    if words & (NEGATIVE_WORDS | NOT_DENIABLE) or any(t.dep_ == "neg" for t in doc):
        return False
    if any(q in doc.text for q in '“”"') or any(t.lower_.endswith(("n't", "n’t")) for t in doc):
        return False
    children = list(root.children)
    if any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for c in children):
        return False
    subjects = [c for c in children if c.dep_ in SUBJECT_DEPS]
    # "Five people were not killed": a count denied may still leave some who were.
    return bool(subjects) and not any(t.like_num for s in subjects for t in s.subtree)
