"""True/false items: the sentence as written, or with a same-type entity swapped in."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from questions.distractors import Pools, in_pool, pick_distractors
from questions.facts import Mention
from questions.kinds.base import Analysis, Candidate, make_item, mention_fact, rng_for
from questions.lexicon import (
    IRREGULAR_PLURALS,
    NAMING_BEFORE_AFTER,
    ONE_ANOTHER,
    OPPOSITES,
    SAME_NUMBER_WORDS,
    is_name_like,
)
from questions.nlp import years_in

# Swapping these gives a statement that is clearly false; places and groups often overlap
# (a capital stands for its country), and the model mixes the kinds of organisations, things
# and works (a group for a book), so those only make true statements.
FALSIFIABLE = frozenset({"date", "number", "person"})
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


SPELLED = {w[0]: v for v, w in SAME_NUMBER_WORDS.items()}
BRACKET_AFTER = re.compile(r"^\s*[^\W\d]{0,12}\.?\s*\(\s*(?:about |c\. |~)?[\d.,]")
# "out of 589,457 inhabitants 325,000 ...": a swapped part may outgrow its whole.
PART_OF_WHOLE = re.compile(r"\b(?:out of|of (?:the|its|their)) [\d,.]+\d")
DIGITS = re.compile(r"\d[\d,.]*")
WORD = re.compile(r"\w+")


def standing_alone(text: str, part: str, words: bool = True) -> int:
    """Where part first stands alone in text: -1 if nowhere. Never right after a digit, "."
    or "," nor right before a digit or "." or "," then a digit; with words, not inside a word
    either (after or before a letter or "_"). A scan, not a pattern made of part, so the re
    module's cache keeps the patterns it holds."""

    def glued(char: str) -> bool:
        return char.isdigit() or (words and (char.isalnum() or char == "_"))

    start = text.find(part)
    while start >= 0:
        end = start + len(part)
        before = text[start - 1] if start else " "
        after = text[end : end + 2]
        number_after = after[:1] in ".," and after[1:2].isdigit()
        if not (before in ".," or glued(before) or glued(after[:1]) or number_after):
            return start
        start = text.find(part, start + 1)
    return -1


def number_stated_twice(statement: str, answer: str) -> bool:
    """The sentence gives the number again ('36 km (37 mi)', '16 times ... about 16', 'two ...
    diatomic'), so a swapped value would contradict the rest of the statement."""
    start = standing_alone(statement, answer)
    if start < 0:
        return True
    before, after = statement[:start], statement[start + len(answer) :]
    if before.count("(") > before.count(")") or BRACKET_AFTER.match(after):
        return True
    values = [v.rstrip(".,") for v in DIGITS.findall(answer)]
    values += [SPELLED[w] for w in answer.lower().split() if w in SPELLED]
    rest = before + " " + after
    words = set(WORD.findall(rest.lower()))
    for value in values:
        if standing_alone(rest, value, words=False) >= 0:
            return True
        if any(w in words for w in SAME_NUMBER_WORDS.get(value, ())):
            return True
    return False


COUNT_LIST = re.compile(
    r"\b((?i:two|three|four|five|six|seven|eight|nine|ten))\b[^.;:]{0,60}?"
    r"(?:[A-Z][\w'-]*(?: [A-Z][\w'-]*)*, )*[A-Z][\w'-]*(?: [A-Z][\w'-]*)* and [A-Z]"
)


# "three sectors: homes, roads and plants": a count, then a colon and that many things.
COLON_LIST = re.compile(r"^[^.;:]{0,60}:\s*([^.;:]+)")


def counts_a_list(statement: str, answer: str) -> bool:
    """True when the answer is a count word followed by names ("three tutors, A, B and C"),
    by a colon and as many things ("three sectors: homes, roads and plants") or by "one ...,
    another ..., a third ...": a swapped count would contradict the list."""
    match = COUNT_LIST.search(statement)
    if match is not None and match.group(1).lower() == answer.strip().lower():
        return True
    tail = statement.split(answer, 1)[1] if answer in statement else ""
    word = answer.strip().lower()
    count = SPELLED.get(word, word)
    listed = COLON_LIST.match(tail)
    if listed and count.isdigit():
        members = re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", listed.group(1))
        if len([m for m in members if m.strip()]) == int(count):
            return True
    return bool(ONE_ANOTHER.search(tail))


def keeps_year_order(statement: str, answer: str, wrong: str) -> bool:
    """A swapped year stays on the same side of every other year in the sentence."""
    right, new = years_in(answer), years_in(wrong)
    if not right or not new:
        return True
    others = years_in(statement.replace(answer, " ", 1))
    return all((o < right[0]) == (o < new[0]) and o != new[0] for o in others if o != right[0])


def in_name_list(statement: str, answer: str) -> bool:
    """True when the answer is one name of a list ("A, B and C", "A and B")."""
    at = statement.find(answer)
    if at < 0:
        return False
    before, after = statement[:at], statement[at + len(answer) :]
    listed_before = re.search(r"[A-Z][\w’'-]*\)?,? (?:and|or) $|[A-Z][\w’'-]*\)?, $", before)
    listed_after = re.search(r"^(?: \([^)]*\))?,? (?:and|or) [A-Z]|^(?: \([^)]*\))?, [A-Z]", after)
    return bool(listed_before or listed_after)


# A date after "after", "by" or "since" opens a range: a year moved a little stays true.
NEGATION = re.compile(r"\b(?:not|never|no|nor|neither|none|cannot)\b|n[’']t\b", re.I)
OPEN_RANGE = frozenset(["after", "before", "by", "since", "until", "till", "from"])


def swappable(mention: Mention, wrong: str, pools: Pools) -> bool:
    """A same-shape swap: a whole person's name for one with as many words, both names; never
    in a denial ("No ship has yet crossed the lake in 95 minutes": in 190 it may still be
    true)."""
    if not stands_alone(mention.statement, mention.answer) or NEGATION.search(mention.statement):
        return False
    if mention.tag == "number" and (
        number_stated_twice(mention.statement, mention.answer)
        or number_stated_twice(mention.statement.replace(mention.answer, wrong, 1), wrong)
        or PART_OF_WHOLE.search(mention.statement)
    ):
        return False  # either value said again elsewhere: the false statement betrays itself
    if mention.tag == "date" and mention.prep in OPEN_RANGE:
        return False
    if mention.tag != "person":
        return True
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
# Set phrases whose word is no claim: "after all", "before long", "more and more", "grew up",
# "two or more", "no more", "Middle Eastern", "far north", "the general public", "without
# more information".
FIXED_AFTER = frozenset(["all", "long", "and", "up", "out", "off"])
FIXED_BEFORE = frozenset(["or", "no", "any", "once", "middle", "far", "near", "general", "without"])
# A claim under a supposition ("Even if he had found a larger audience, ...") is no claim the
# article makes, so turning it round makes no plain falsehood.
HYPOTHETICAL = re.compile(r"\b(?:if|unless)\b", re.I)


def is_plural(word: str) -> bool:
    """A count noun's plural by its ending ("years", "people"), not "serious" or "class"."""
    return word in IRREGULAR_PLURALS or (
        word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))
    )


def no_claim(word: str, previous: str, following: str) -> bool:
    """True when the word, between the words before and after it, makes no claim to turn: a
    set phrase ("after all", "two or more"), "after" that names ("named after his father"),
    "before" that places ("before a crowd"), "opposed to" (no "supported to"), or
    "before"/"after" with no object ("and, shortly after, left town": after what?)."""
    if following in FIXED_AFTER or previous in FIXED_BEFORE:
        return True
    if word == "after" and previous in NAMING_BEFORE_AFTER:
        return True
    if word == "opposed" and following == "to":
        return True  # "opposed to all forms" is no "supported to all forms"
    if word in ("before", "after") and following in ("a", "an"):
        return True  # "played before an English crowd": in front of, not earlier than
    return word in ("before", "after") and not following[:1].isalnum()


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
        if word == "more" and is_plural(following):
            opposite = "fewer"  # "more people" -> "fewer people", not "less people"
        if previous in ("a", "an"):  # "an older brother" -> "a younger brother"
            article = "an" if opposite[0] in "aeiou" else "a"
            before = before[: before.lower().rfind(previous)] + article + " "
        return f"{before}{opposite}{after}", word, opposite
    return None


def safe_swap(
    mention: Mention, wrong: str, pools: Pools, naming: Callable[[str], list[str]]
) -> bool:
    """True when swapping wrong in for the answer makes a statement plainly false (a date,
    number or person; see swappable, counts_a_list, keeps_year_order, also_true_of)."""
    return (
        mention.tag in FALSIFIABLE
        and swappable(mention, wrong, pools)
        and not counts_a_list(mention.statement, mention.answer)
        and keeps_year_order(mention.statement, mention.answer, wrong)
        and not (
            mention.tag == "person"
            and (
                also_true_of(mention.statement, mention.answer, wrong, naming(wrong))
                or not same_place_in_a_sentence(mention.prep, wrong, naming(wrong))
            )
        )
    )


def make_true_false_items(analysis: Analysis, mentions: Sequence[Mention]) -> list[Candidate]:
    """The statements of each mention the true/false may ask (its mention rules in
    questions/rules/): the claim turned round and the claim as written when a word of it has
    a plain opposite; else false with a safe same-type swap, or else true."""
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
            # one (the selection keeps the keys balanced): preferred to a swapped name or
            # date, which readers accepted less often (READS.md, reads 12-13).
            why = f"The article says {turned[1]}, not {turned[2]}: {said}"
            candidates.append(statement_candidate(analysis, mention, turned[0], "False", why))
            candidates.append(statement_candidate(analysis, mention, mention.statement, "True", ""))
            continue
        rng = rng_for(f"{analysis.slug}|tf|{mention.sentence}|{mention.answer}")
        wrong = pick_distractors(
            mention, analysis.pools, rng, count=1, exclude=(analysis.title,), kind="true_false"
        )
        if wrong and safe_swap(mention, wrong[0], analysis.pools, naming):
            statement = mention.statement.replace(mention.answer, wrong[0], 1)
            why = f"The article says {mention.answer}, not {wrong[0]}: {said}"
            candidates.append(statement_candidate(analysis, mention, statement, "False", why))
        else:
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
