"""True/false items: the sentence as written, its claim turned round, or another person in."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from questions.distractors import Pools, in_pool, pick_distractors
from questions.facts import Mention
from questions.kinds.base import Analysis, Candidate, make_item, mention_fact, rng_for
from questions.lexicon import (
    IRREGULAR_PLURALS,
    NEGATIVE_WORDS,
    NUMBER_VALUES,
    OPPOSITES,
    YEAR,
    is_name_like,
)

# Swapping a person gives a statement that is clearly false; places and groups often overlap
# (a capital stands for its country), and the model mixes the kinds of organisations, things
# and works (a group for a book), so those only make true statements. Nor numbers and dates:
# in reads 1-17 a swapped count was an acceptable false statement 5 times in 56 ("a crew of
# five" for four, "two ferries a day" for three), a swapped date 0 times in 10, against 28
# of 68 swapped people and 26 of 48 turned claims (lexicon.OPPOSITE_PAIRS).
FALSIFIABLE = frozenset({"person"})
NEXT_NAME = re.compile(r"^\s*[A-Z][\w’'-]")
NAME_BEFORE = re.compile(r"[A-Z][\w’'-]*\s*$")


def stands_alone(statement: str, answer: str) -> bool:
    """True when answer is written once and no capitalised word touches it (a whole name,
    not part of a longer one: "mother Catherine de' Medici")."""
    start = statement.find(answer)
    if start < 0 or statement.count(answer) != 1:
        return False
    before, after = statement[:start], statement[start + len(answer) :]
    return not NEXT_NAME.match(after) and not (before.strip() and NAME_BEFORE.search(before))


def in_name_list(statement: str, answer: str) -> bool:
    """True when the answer is one name of a list ("A, B and C", "A and B")."""
    at = statement.find(answer)
    if at < 0:
        return False
    before, after = statement[:at], statement[at + len(answer) :]
    listed_before = re.search(r"[A-Z][\w’'-]*\)?,? (?:and|or) $|[A-Z][\w’'-]*\)?, $", before)
    listed_after = re.search(r"^(?: \([^)]*\))?,? (?:and|or) [A-Z]|^(?: \([^)]*\))?, [A-Z]", after)
    return bool(listed_before or listed_after)


NEGATION = re.compile(rf"\b(?:{'|'.join(sorted(NEGATIVE_WORDS))})\b|n[’']t\b", re.I)


def swappable(mention: Mention, wrong: str, pools: Pools) -> bool:
    """A same-shape swap: a whole person's name for one with as many words, both names; never
    in a denial ("No one has yet crossed the lake like Ada Berg": Otto Lind may have)."""
    if not stands_alone(mention.statement, mention.answer) or NEGATION.search(mention.statement):
        return False
    if mention.tag != "person":
        return False
    if in_name_list(mention.statement, mention.answer):
        return False  # "Liu Heima and Ariq Böke served ...": the article is silent, not against
    if FEMALE.search(mention.statement):
        return False  # "her research ... the first female recipient": a man swapped in shows
    # "... and Joseph Priestley in 1774, but Priestley is often given priority": a swapped
    # name leaves the person's other mention behind, and the statement betrays itself.
    rest = re.findall(r"[\w’'-]+", mention.statement.replace(mention.answer, " ", 1))
    if any(w in rest for w in mention.answer.split() if w[:1].isupper() and len(w) > 2):
        return False
    return (
        in_pool(mention, pools)
        and len(wrong.split()) == len(mention.answer.split())
        and is_name_like(wrong)
    )


FEMALE = re.compile(
    r"\b(?:she|her|hers|herself|female|woman|women|mother|daughter|wife|sister|queen|"
    r"empress|princess|widow|actress)\b",
    re.I,
)
CONTENT_WORD = re.compile(r"\b[A-Za-z][a-z-]{2,}\b")


def also_true_of(statement: str, answer: str, wrong: str, sentences: Sequence[str]) -> bool:
    """True when a sentence naming the swapped-in person says much the same of them ("Zhang
    Rou defected to the Mongols" when both men did): the false statement may be true."""
    names = {w.lower() for w in f"{answer} {wrong}".split()}

    def words(text: str) -> set[str]:
        return {w.lower() for w in CONTENT_WORD.findall(text)} - STOP_WORDS - names

    said = words(statement.replace(answer, " "))
    return any(wrong in s and len(said & words(s)) >= 2 for s in sentences)


def same_place_in_a_sentence(prep: str, wrong: str, sentences: Sequence[str]) -> bool:
    """A person swapped in after "under" or "by" must stand there somewhere in the article
    ("under Marco Polo" makes a merchant a ruler: absurd, so false at a glance)."""
    if not prep:
        return True
    pattern = re.compile(rf"\b{re.escape(prep)}\s+(?:the\s+\w+\s+)?{re.escape(wrong)}", re.I)
    return any(pattern.search(s) for s in sentences)


LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]+(?![\w’'-])")  # a whole word: not "Blower", "high-rise"
# Set phrases whose word is no claim: "more and more", "grew up", "grew out of", "two or
# more", "no more", "any more", "once more", "the general public", "without more information";
# a motion, not a trend ("ash falling back to the sea", "fell down", "fell apart"); "more" standing
# for a noun before a verb ("more will join" turns to no English with "less").
FIXED_AFTER = frozenset(
    ["and", "up", "out", "off", "back", "down", "apart", "will", "would", "can", "could",
     "may", "might", "should", "must", "are", "were", "have", "had"]
)  # fmt: skip
FIXED_BEFORE = frozenset(["or", "no", "any", "once", "general", "without"])
# A claim under a supposition ("Even if the ferry had been faster, ...") is no claim the
# article makes, so turning it round makes no plain falsehood.
HYPOTHETICAL = re.compile(r"\b(?:if|unless)\b", re.I)
# Words that end the noun phrase after "more" ("more came in than", "more than").
PHRASE_ENDS = frozenset({"than", "came", "were", "was", "are", "is", "have", "had", "in", "of"})


def is_plural(word: str) -> bool:
    """A count noun's plural by its ending ("years", "people"), not "serious" or "class"."""
    return word in IRREGULAR_PLURALS or (
        word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))
    )


def counted(word: str) -> bool:
    """A count before "more" or "less" ("five more", "20 more"; not a year, "In 1990 more")."""
    return (word.replace(",", "").isdigit() and not YEAR.fullmatch(word)) or word in NUMBER_VALUES


def noun_phrase_after(text: str, most: int = 3) -> list[str]:
    """The first few lower-case words after a word, up to punctuation or a verb-like word:
    where a plural would show that "more" counts things ("more ferry tickets")."""
    words = []
    for word in text.split()[:most]:
        bare = word.rstrip(",.;:")
        if not bare.isalpha() or not bare.islower() or bare in PHRASE_ENDS:
            break
        words.append(bare)
        if bare != word:
            break
    return words


def no_claim(word: str, previous: str, following: str) -> bool:
    """True when the word, between the words before and after it, makes no claim to turn: a
    set phrase ("more and more", "two or more") or "opposed to" (no "supported to")."""
    if following in FIXED_AFTER or previous in FIXED_BEFORE:
        return True
    return word == "opposed" and following == "to"  # "opposed to the tax"


def opposite_statement(statement: str) -> tuple[str, str, str] | None:
    """The statement with its first word that has a plain opposite turned into it ("Prices
    rose in 1990" -> "Prices fell in 1990"), with the word and its opposite; None in a denial,
    a supposition ("even if"), a quotation or brackets, or when the opposite is already
    written there."""
    if NEGATION.search(statement) or HYPOTHETICAL.search(statement):
        return None
    if any(q in statement for q in '“”"'):
        return None
    written = set(LOWER_WORD.findall(statement))
    for match in LOWER_WORD.finditer(statement):
        word = match.group()
        opposite = OPPOSITES.get(word)
        if opposite is None or opposite in written or statement.count(word) != 1:
            continue
        before, after = statement[: match.start()], statement[match.end() :]
        previous = before.split()[-1].lower() if before.split() else ""
        following = after.split()[0].lower().strip(",.;:") if after.split() else ""
        if before.count("(") > before.count(")") or no_claim(word, previous, following):
            continue
        if word in ("more", "less") and counted(previous):
            continue  # "five more sailors drowned": more of them, no amount to turn
        if word == "more" and any(is_plural(w) for w in noun_phrase_after(after)):
            opposite = "fewer"  # "more ferry tickets" -> "fewer ...", not "less ..."
        if previous in ("a", "an"):  # "an older brother" -> "a younger brother"
            article = "an" if opposite[0] in "aeiou" else "a"
            before = before[: before.lower().rfind(previous)] + article + " "
        return f"{before}{opposite}{after}", word, opposite
    return None


def safe_swap(
    mention: Mention, wrong: str, pools: Pools, naming: Callable[[str], list[str]]
) -> bool:
    """True when swapping wrong in for the answer makes a statement plainly false (a person
    of FALSIFIABLE; see swappable, also_true_of, same_place_in_a_sentence)."""
    return (
        mention.tag in FALSIFIABLE
        and swappable(mention, wrong, pools)
        and not also_true_of(mention.statement, mention.answer, wrong, naming(wrong))
        and same_place_in_a_sentence(mention.prep, wrong, naming(wrong))
    )


def make_true_false_items(analysis: Analysis, mentions: Sequence[Mention]) -> list[Candidate]:
    """The statements of each mention the true/false may ask (its mention rules in
    questions/rules/): the claim turned round and the claim as written when a word of it has
    a plain opposite; else false with a safe swap of another person; else the claim denied
    (when syntax.denial can) beside the claim as written."""
    candidates = []
    texts = [s.text for s in analysis.sentences]
    found: dict[str, list[str]] = {}

    def naming(name: str) -> list[str]:
        """The sentences that name someone (found once per name)."""
        if name not in found:
            found[name] = [t for t in texts if name in t]
        return found[name]

    for mention in mentions:
        said = analysis.sentences[mention.sentence].text
        turned = opposite_statement(mention.statement)
        if turned is not None:
            # The claim turned round is the fact's false statement, offered beside the true
            # one (the selection keeps the keys balanced): preferred to a swapped person,
            # whom readers accepted less often (READS.md, reads 12-13 and after read 17).
            why = f"The article says {turned[1]}, not {turned[2]}: {said}"
            candidates.append(statement_candidate(analysis, mention, turned[0], "False", why))
            candidates.append(statement_candidate(analysis, mention, mention.statement, "True", ""))
            continue
        wrong = []
        if mention.tag in FALSIFIABLE:  # only a person is swapped (safe_swap)
            rng = rng_for(f"{analysis.slug}|tf|{mention.sentence}|{mention.answer}")
            wrong = pick_distractors(
                mention, analysis.pools, rng, count=1, exclude=(analysis.title,), kind="true_false"
            )
        if wrong and safe_swap(mention, wrong[0], analysis.pools, naming):
            statement = mention.statement.replace(mention.answer, wrong[0], 1)
            why = f"The article says {mention.answer}, not {wrong[0]}: {said}"
            candidates.append(statement_candidate(analysis, mention, statement, "False", why))
            continue
        if mention.denied:
            # No word to turn and no one to swap: the claim denied is its false statement.
            why = f"The article says the opposite: {said}"
            candidates.append(statement_candidate(analysis, mention, mention.denied, "False", why))
        candidates.append(statement_candidate(analysis, mention, mention.statement, "True", ""))
    return candidates


def statement_candidate(
    analysis: Analysis, mention: Mention, statement: str, answer: str, explanation: str
) -> Candidate:
    """A true/false item of the mention's fact."""
    item = make_item(
        analysis,
        "true_false",
        statement,
        answer,
        sentence=mention.sentence,
        tag=mention.tag,
        accepted=(answer,),
        choices=("True", "False"),
        explanation=explanation,
    )
    return Candidate(item, mention_fact(mention))
