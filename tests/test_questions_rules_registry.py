"""Every registered rule, by id: it has a docstring and kinds, and rejects its example item
(and, where natural, keeps a near twin); every mention rule flags its example mention and
keeps a twin; --explain reports rule ids."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

import pytest

from questions.distractors import build_pools
from questions.facts import Mention, Sentence
from questions.kinds.base import Analysis
from questions.model import KINDS, Item
from questions.rules import (
    DISTRACTOR_ORDER,
    MENTION_ORDER,
    ORDER,
    REGISTRY,
    judge,
    mention_rejection,
    rejection,
    rules_for,
)
from tests.question_helpers import item

SOURCE = "China launched the Dongfanghong-1 satellite in 1970, entering the space club."
SENTENCES = (
    "Zhang Rou defected to the Mongol forces in 1213.",
    "Shi Tianze defected to the Mongol forces in 1213.",
    "The castle houses the Centre for Contemporary Art.",
    "It was the first satellite of the Oxygen programme.",
    "“We will fly again,” Ivo Marsh, a pilot, said.",
    "Marsh has flown since 1990.",
)


def mention(sentence: int, answer: str, tag: str) -> Mention:
    text = SENTENCES[sentence]
    return Mention(
        sentence, answer, tag, "", text.replace(answer, "_____"), text, None, "", False, None
    )


MENTIONS = (
    mention(0, "Zhang Rou", "person"),
    mention(1, "Shi Tianze", "person"),
    mention(2, "Centre for Contemporary Art", "org"),
)
ANALYSIS = Analysis(
    slug="oxygen",
    title="Oxygen",
    sentences=tuple(Sentence(i, i, s) for i, s in enumerate(SENTENCES)),
    mentions=MENTIONS,
    roles=(),
    quotes=(),
    pools=build_pools(MENTIONS, list(SENTENCES)),
    orphans={3: "It"},
)


def short(prompt: str, answer: str = "1970", **fields) -> Item:
    """A short-answer item from SOURCE unless told otherwise."""
    fields.setdefault("source_sentence", SOURCE)
    fields.setdefault("accepted", (answer,))
    return Item(id="x", kind=fields.pop("kind", "short_answer"), prompt=prompt, answer=answer,
                **fields)  # fmt: skip


def at(index: int, made: Item) -> Item:
    return Item(**{**made.__dict__, "sentence_index": index})


MCQ_CHOICES = ("1970", "1971", "1969", "1972")
# rule id -> (an item it rejects, a near twin it keeps)
EXAMPLES: dict[str, tuple[Item, Item]] = {
    "source_length": (
        short("When did China launch it?", source_sentence="In 1970."),
        short("When did China launch the Dongfanghong-1 satellite?"),
    ),
    "question_sentence": (
        short(
            "When did China launch it?",
            source_sentence=SOURCE.replace("China launched", "Did China launch").replace(".", "?"),
        ),
        short("When did China launch the Dongfanghong-1 satellite?"),
    ),
    "colon_ending": (
        short("When did China write its plan?", source_sentence="In 1970 China wrote its plan:"),
        short("When did China launch the Dongfanghong-1 satellite?"),
    ),
    "role_question": (
        short(
            "According to the article, who was Ada Berg?",
            "dam engineer",
            kind="mcq",
            tags=("role",),
        ),
        short("Who built the first dam?", "Ada Berg", kind="mcq", tags=("person",)),
    ),
    "link_or_handle": (
        item("Where is www.example.com hosted since _____?", "1999"),
        item("Where is the example site hosted since _____?", "1999"),
    ),
    "unbalanced_brackets": (
        item("_____) and Zhang Rou attacked the Song.", "Chagaan (Tsagaan"),
        item("_____ and Zhang Rou attacked the Song.", "Chagaan (Tsagaan)"),
    ),
    "foreign_script": (
        item("“Dà Yuán” (大元) is from a sentence in the _____.", "Commentaries"),
        item("“Dà Yuán” is from a sentence in the _____.", "Commentaries"),
    ),
    "mostly_non_letters": (
        item("1, 2, 3, 4, 5, 6, 7, 8 and _____ = 45.", "9"),
        item("The numbers one to eight and _____ add up to 45.", "9"),
    ),
    "answer_too_long": (
        item("He said _____.", " ".join(["word"] * 15)),
        item("He said _____.", " ".join(["word"] * 14)),
    ),
    "contains_answer": (
        short("When, in 1970, did China launch the satellite?"),
        short("When did China launch the satellite?"),
    ),
    "dangling_reference": (
        short("When did it launch the Dongfanghong-1 satellite?"),
        short("When did China launch the Dongfanghong-1 satellite?"),
    ),
    "pointing_word": (
        item("Then the _____ was the only way out.", "pass"),
        item("In 1840 the _____ was the only way out.", "pass"),
    ),
    "lost_antecedent": (
        short(
            "How many Protestants represent 2% of its population?",
            "2%",
            source_sentence="Protestants in modern France represent 2% of its population.",
        ),
        short(
            "How many Protestants in France represent 2% of its population?",
            "2%",
            source_sentence="Protestants in modern France represent 2% of its population.",
        ),
    ),  # fmt: skip
    "quote_fragment": (
        short("Who said “we stand ready to work?"),
        short("Who said “we stand ready to work”?"),
    ),
    "lost_exponent": (
        item("The galaxy holds 4 × 1010 _____.", "stars"),
        item("The galaxy holds many billions of _____.", "stars"),
    ),
    "doubled_word": (
        short("When did did China launch the satellite?"),
        short("When did China launch the satellite?"),
    ),
    "stray_punctuation": (
        short("When did China launch the satellite , ?"),
        short("When did China launch the satellite?"),
    ),
    "blank_comma_verb": (
        item("The _____, dates back to the 17th century.", "Wilanów Park"),
        item("The _____ dates back to the 17th century.", "Wilanów Park"),
    ),
    "double_preposition": (
        short("What must not slacken in on account of such assurances?"),
        short("What must not slacken on account of such assurances?"),
    ),
    "question_too_short": (short("When was it?"), short("When was the satellite launched?")),
    "one_blank": (
        item("China launched _____ in _____.", "Dongfanghong-1"),
        item("China launched _____ in 1970.", "Dongfanghong-1"),
    ),
    "half_name": (
        item("_____ I was imprisoned in the Tower.", "Charles"),
        item("King _____ was imprisoned in the Tower.", "Charles I"),
    ),
    "four_choices": (
        short(
            "Which year did China launch it?", kind="mcq", choices=("1970", "1970", "1969", "1971")
        ),
        short("Which year did China launch it?", kind="mcq", choices=MCQ_CHOICES),
    ),  # fmt: skip
    "minor_speaker": (
        short("Who said: “The castle will stand”?", "Ada Berg"),  # named nowhere else
        short("Who said: “We will fly again”?", "Ivo Marsh"),  # named again in another
    ),
    "trivial": (
        short("What gas do we breathe?", "oxygen"),
        short("What gas do we breathe out?", "carbon dioxide"),
    ),
    "blank_glossed": (
        item("L'Église à la Nouvelle-Amsterdam (the French church in _____)", "New Amsterdam"),
        item("The church stood in _____ until 1700, as records (Smith 1990) show.", "New York"),
    ),
    "name_completion": (
        item("The paintings came from Adolf _____'s collection in Linz.", "Hitler", tag="person"),
        item("The paintings came from _____'s collection in Linz.", "Adolf Hitler", tag="person"),
    ),
    "related_word": (
        item("Beijing wanted the _____ program to beat China's rivals.", "Chinese", "mcq"),
        item("Beijing wanted the _____ program to beat Moscow's rivals.", "Chinese", "mcq"),
    ),
    "unnamed_referent": (
        short("When did the building open?", "1965", tags=("date",)),
        short("When did the Palace of Culture open?", "1965", tags=("date",)),
    ),
    "unnamed_asked": (
        short("When did they petition the Crown?", "1700"),
        short("When did the Huguenots petition the Crown?", "1700"),
    ),
    "unresolved_start": (
        item("They sailed to _____ in 1620.", "Holland"),
        item("The Pilgrims sailed to _____ in 1620.", "Holland"),
    ),
    "bracket_fragment": (
        short("When did Kublai impose the name Great Yuan (Chinese: 大元; pinyin?", "1271"),
        short("When did Kublai impose the name Great Yuan?", "1271"),
    ),
    "bare_relative": (
        short("Where do the people live who regard themselves as Huguenots?", "Alsace"),
        short("Where do the people live, who regard themselves as Huguenots?", "Alsace"),
    ),
    "who_was_no_person": (
        short("Who was established in 1816 in Warsaw?", "University of Warsaw", tags=("org",)),
        short("Who was crowned in 1816 in Warsaw?", "Nicholas I", tags=("person",)),
    ),
    "two_dates": (
        short("Where was oxygen found by Scheele in 1773 or earlier in 1774?", "Uppsala"),
        short("Where was oxygen found by Scheele in 1773?", "Uppsala"),
    ),
    "who_did_no_person": (
        short("Who did Manning lead in interceptions?", "the NFL", tags=("org",)),
        short("Who did Manning lead in interceptions?", "Peyton", tags=("person",)),
    ),
    "long_figure": (
        item("Its population was _____ in 2010.", "1,178,914", tag="number"),
        item("Its population was _____ in 2010.", "1,700,000", tag="number"),
    ),
    "type_noun_answer": (
        item("The _____ runs 500 projects a year.", "Centre", tag="org"),
        item("The _____ runs 500 projects a year.", "Centre for Art", tag="org"),
    ),
    "formula_answer": (
        item("Concentrated _____ burns fast.", "O2", tag="org"),
        item("Water's formula was _____.", "HO", tag="org"),
    ),
    "who_for_place": (
        short("Who sent an envoy to Rome in 1300?", "China", tags=("place",)),
        short("Who sent an envoy to Rome in 1300?", "Kublai Khan", tags=("person",)),
    ),
    "nationality_blank": (
        item("It was an _____ football game.", "American", tag="group"),
        item("It was a football game of the _____.", "Americans", tag="group"),
    ),
    "lower_case_name": (
        item("The notable ones are the world's _____ and more.", "first Museum", tag="org"),
        item("The notable ones are the world's first _____ and more.", "Museum", tag="org"),
    ),
    "relative_date": (
        item("In _____, Russia and China announced a plan.", "this year", tag="date"),
        item("In _____, Russia and China announced a plan.", "2023", tag="date"),
    ),
    "number_without_amount": (
        item("_____ 500 people came to the hall.", "More than", tag="number"),
        item("_____ people came to the hall.", "More than 500", tag="number"),
    ),
    "date_without_year": (
        item("The treaty was signed on _____.", "December 22", tag="date"),
        item("The treaty was signed on _____.", "December 22, 1689", tag="date"),
    ),
    "frequency_answer": (
        item("He was made to wake at _____ for prayers.", "four every morning"),
        item("He was made to wake at _____ for prayers.", "four"),
    ),
    "list_member": (
        item("Liu Heima and _____ served Ogödei Khan.", "Shi Tianze", tag="person"),
        item("_____ served Ogödei Khan.", "Shi Tianze", tag="person"),
    ),
    "blank_speaker": (
        item("“The dam will hold,” _____ told reporters in Oslo.", "Ada Berg", tag="person"),
        item("_____ argued that the dam would hold for a century.", "Ada Berg", tag="person"),
    ),
    "quoted_statement": (
        item("“The dam will hold for now,” Ada Berg said.", "True", kind="true_false"),
        item("Ada Berg said that the dam would hold for a century.", "True", kind="true_false"),
    ),
    "writer_statement": (
        item("I do not blame people who joined the club in 1990.", "True", kind="true_false"),
        item("Ada Berg did not blame people who joined the club.", "True", kind="true_false"),
    ),
    "counted_blank": (
        item("He threw a league-leading _____ total touchdowns (35 passing, 10 rushing).", "45"),
        item("He threw _____ total touchdowns (35 passing, 10 rushing).", "44"),
    ),
    "unnamed_setting": (
        item("There are over 100 species of trees and _____ avenues.", "four"),
        item("There are over 100 species of trees and _____ avenues in Łazienki Park.", "four"),
    ),
    "glued_names": (
        short(
            "When did Bran sail to North America Great Britain's colonies?",
            "1620",
            source_sentence="Bran sailed to North America in 1620, to Great Britain's colonies.",
        ),
        short(
            "When did Bran sail to North America?",
            "1620",
            source_sentence="Bran sailed to North America in 1620, to Great Britain's colonies.",
        ),
    ),  # fmt: skip
    "open_description": (
        item("_____ was a Norse sailor who lived in Iceland.", "Bran Hale"),
        item("Bran Hale was a Norse sailor who lived in _____.", "Iceland"),
    ),
    "lookalike": (
        item("It was then known as Boschwick, now known as _____.", "Bushwick", tag="place"),
        item("It was then known as Breuckelen, now known as _____.", "Bushwick", tag="place"),
    ),
    "short_name": (
        short("How many projects does the Centre run?", "500"),
        short("How many projects does the Centre for Contemporary Art run?", "500"),
    ),
    "orphan": (
        at(3, item("It was the first satellite of the _____ programme.", "Oxygen")),
        at(2, item("The castle houses the _____.", "Centre for Contemporary Art")),
    ),
    "shared_deed": (
        at(0, item("_____ defected to the Mongol forces in 1213.", "Zhang Rou", tag="person")),
        at(2, item("The castle houses the _____.", "Centre for Contemporary Art")),
    ),
}


def test_every_registered_rule_has_an_example() -> None:
    assert set(EXAMPLES) == set(ORDER)
    assert set(EXAMPLES) | set(MENTION_EXAMPLES) | set(DISTRACTOR_EXAMPLES) == set(REGISTRY)


@pytest.mark.parametrize("rule_id", ORDER)
def test_rule_has_an_id_kinds_a_stage_and_a_reason(rule_id: str) -> None:
    rule = REGISTRY[rule_id]
    assert rule.id == rule_id
    assert rule.kinds and rule.kinds <= set(KINDS)
    assert rule.stage == "item"
    assert len(rule.reason.split()) >= 4  # the docstring, said in words


@pytest.mark.parametrize("rule_id", ORDER)
def test_rule_rejects_its_example_and_keeps_its_twin(rule_id: str) -> None:
    bad, good = EXAMPLES[rule_id]
    assert judge(rule_id, bad, ANALYSIS), f"{rule_id} let through {bad.prompt!r}"
    assert judge(rule_id, good, ANALYSIS) is None, judge(rule_id, good, ANALYSIS)


@pytest.mark.parametrize("rule_id", ORDER)
def test_rule_skips_kinds_it_does_not_apply_to(rule_id: str) -> None:
    bad, _ = EXAMPLES[rule_id]
    rule = REGISTRY[rule_id]
    for kind in set(KINDS) - rule.kinds:
        other = Item(**{**bad.__dict__, "kind": kind})
        assert judge(rule_id, other, ANALYSIS) is None


def test_rejection_names_the_first_rule_in_order() -> None:
    bad, _ = EXAMPLES["doubled_word"]
    both = Item(**{**bad.__dict__, "source_sentence": "Too short."})
    assert rejection(both, rules_for(ANALYSIS))[0] == "source_length"
    assert rejection(bad, rules_for(ANALYSIS))[0] == "doubled_word"


@pytest.mark.parametrize(
    ("prompt", "points"),
    [
        ("The road to either, by the shortest way, is _____ miles.", True),
        ("Either the Senate or the _____ may propose a law.", False),
        ("Mayor _____ has promised precisely that.", True),
        ("The _____ said that the Earth is round.", False),
        ("Four years ago the last boats left the harbour at _____.", False),
        ("Now the split runs across the _____.", True),
        ("Nowhere else did the _____ grow so fast.", False),
        ("As discussed in the previous paragraph, most teams use _____.", True),
        ("The examples above show a tension between _____ and speed.", True),
        ("The chapter on rivers begins with _____.", False),
        ("The following year the club moved to _____.", False),
    ],
)
def test_pointing_words_are_judged_where_they_stand(prompt: str, points: bool) -> None:
    assert (judge("pointing_word", item(prompt, "answer")) is not None) is points


def test_time_counted_from_the_article_s_day_is_judged_where_time_is_asked() -> None:
    assert judge(
        "pointing_word", item("_____ years ago the last boats left.", "Four", tag="number")
    )
    statement = item("A year ago the town built a bridge.", "True", kind="true_false")
    assert judge("pointing_word", statement)


# --- Mention rules: which mentions a kind may ask, judged before the kind makers ------------

M_SENTENCES = (
    "Moscow and Paris signed the treaty in 1920.",
    "The Centre opened in 1930, and the centre grew.",
    "Anna Berg said that the Earth's crust is thin.",
    "Anna Berg built the first dam; she was born in Paris.",
    "Otto Lind studied the Earth's mantle.",
    "Karl Moe weighed the Earth's core.",
    "They sailed to North America in 1624; as well as Great Britain's colonies.",
    "Rome built roads, and Rome built walls.",
    *(f"Anna Berg drew the plans of dam {n}." for n in range(2, 6)),
    "Keep the plans of the dam in Paris.",
    "A survey of the dam in 1990 found cracks.",
    "The dam burst in 1990.",
    "Four chairs of the dam in Paris.",
)


def said(
    sentence: int, answer: str, tag: str, question=None, in_quote=False, event=None
) -> Mention:
    text = M_SENTENCES[sentence]
    cloze = text.replace(answer, "_____", 1)
    return Mention(sentence, answer, tag, "", cloze, text, question, "", in_quote, event)


PARIS = said(0, "Paris", "place")
TREATY = said(0, "1920", "date", question="When did Moscow and Paris sign the treaty?")
ANNA = said(3, "Anna Berg", "person", question="Who built the first dam?")
LIND = said(4, "Otto Lind", "person")  # no cue in the article that Lind is a person
EARTH = said(4, "Earth", "place")
M_MENTIONS = (
    PARIS,
    said(0, "Moscow", "place"),
    TREATY,
    said(1, "Centre", "org"),
    said(2, "Earth", "place", in_quote=True),
    said(2, "Anna Berg", "person"),
    ANNA,
    *(said(n, "Anna Berg", "person") for n in range(8, 12)),
    said(3, "Paris", "place"),
    EARTH,
    said(5, "Earth", "place"),
    LIND,
    said(5, "Karl Moe", "person"),
)
M_ANALYSIS = Analysis(
    slug="dams",
    title="Dams",
    sentences=tuple(Sentence(i, 0, s) for i, s in enumerate(M_SENTENCES)),
    mentions=M_MENTIONS,
    roles=(),
    quotes=(),
    pools=build_pools(M_MENTIONS, list(M_SENTENCES)),
    lower_words=frozenset({"centre"}),
    commands=frozenset({12}),
    fragments=frozenset({15}),
)
# mention rule id -> (a mention it flags, a near twin it keeps)
MENTION_EXAMPLES: dict[str, tuple[Mention, Mention]] = {
    "no_question": (PARIS, TREATY),
    "unreliable_type": (PARIS, TREATY),
    "in_quote": (M_MENTIONS[4], EARTH),
    "command": (said(12, "Paris", "place"), PARIS),
    "fragment": (said(15, "Paris", "place"), PARIS),
    "doubtful_person": (LIND, ANNA),
    "person_not_in_pool": (LIND, ANNA),
    "person_not_subject": (said(3, "Anna Berg", "person"), ANNA),
    "generic_word": (M_MENTIONS[3], PARIS),
    "other_place_named": (PARIS, EARTH),
    "everywhere": (EARTH, PARIS),
    "protagonist": (ANNA, LIND),  # Anna Berg in six of the twelve sentences, Lind in one
    "passing_name": (said(5, "Karl Moe", "person"), ANNA),  # in LONG_ANALYSIS: Moe once
    "answer_not_once": (said(7, "Rome", "place"), said(4, "Otto Lind", "person")),
    "event_without_subject": (
        said(1, "1930", "date", event="The building opened"),
        said(6, "1624", "date", event="[The settlers] sailed to North America"),
    ),
    "glued_event": (
        said(6, "1624", "date", event="They sailed to North America Great Britain's colonies"),
        said(6, "1624", "date", event="They sailed to North America"),
    ),
    "date_of_a_report": (said(13, "1990", "date"), said(14, "1990", "date")),
    "event_with_object_pronoun": (
        said(6, "1624", "date", event="Ships sailed it to North America"),
        said(6, "1624", "date", event="Ships sailed to North America"),
    ),
    "event_with_another_date": (
        said(6, "1624", "date", event="Ships built in 1590 sailed to North America"),
        said(6, "1624", "date", event="Ships built in Bristol sailed to North America"),
    ),
}


@pytest.mark.parametrize(
    "event",
    ["Its founder sailed to North America", "This pact between Paris and Moscow broke down",
     "Centre staff moved north"],
)  # fmt: skip
def test_an_event_must_name_its_subject_itself(event: str) -> None:
    """An opening pronoun or "This" names no subject, whatever names follow; nor does a first
    word the article writes in lower case elsewhere ("centre")."""
    assert REGISTRY["event_without_subject"].flags(M_ANALYSIS, said(6, "1624", "date", event=event))


def test_a_title_before_the_blank_is_part_of_a_name_unless_a_person_is_asked() -> None:
    street = item("The bank stood at 80 Queen _____.", "Street East", tag="person")
    assert judge("name_completion", street) is not None
    council = item("The plan went to the King _____ for a vote.", "County Council", tag="org")
    king = item("The plan went to King _____ for his seal.", "Harald", tag="person")
    assert judge("name_completion", council) is not None
    assert judge("name_completion", king) is None


def test_every_mention_rule_has_an_example() -> None:
    assert set(MENTION_EXAMPLES) == set(MENTION_ORDER)


@pytest.mark.parametrize("rule_id", MENTION_ORDER)
def test_mention_rule_has_an_id_kinds_a_stage_and_a_reason(rule_id: str) -> None:
    rule = REGISTRY[rule_id]
    assert rule.id == rule_id and rule.flags is not None
    assert rule.kinds and rule.kinds <= set(KINDS)
    assert rule.stage == "mention"
    assert len(rule.reason.split()) >= 4


# The same article, long enough that a name written once is a passing one.
LONG_ANALYSIS = replace(
    M_ANALYSIS,
    sentences=M_ANALYSIS.sentences
    + tuple(Sentence(i, 1, "The river ran on.") for i in range(len(M_SENTENCES), 45)),
)
MENTION_ANALYSES = {"passing_name": LONG_ANALYSIS}


@pytest.mark.parametrize("rule_id", MENTION_ORDER)
def test_mention_rule_flags_its_example_and_keeps_its_twin(rule_id: str) -> None:
    flagged, kept = MENTION_EXAMPLES[rule_id]
    rule = REGISTRY[rule_id]
    analysis = MENTION_ANALYSES.get(rule_id, M_ANALYSIS)
    assert rule.flags(analysis, flagged) is True, flagged
    assert rule.flags(analysis, kept) is False, kept


def test_a_name_written_once_is_passing_only_in_a_long_article() -> None:
    once = said(5, "Karl Moe", "person")
    assert REGISTRY["passing_name"].flags(LONG_ANALYSIS, once)
    assert not REGISTRY["passing_name"].flags(M_ANALYSIS, once)


@pytest.mark.parametrize("rule_id", MENTION_ORDER)
def test_mention_rule_names_itself_only_for_its_kinds(rule_id: str) -> None:
    flagged, _ = MENTION_EXAMPLES[rule_id]
    rule = REGISTRY[rule_id]
    analysis = MENTION_ANALYSES.get(rule_id, M_ANALYSIS)
    for kind in KINDS:
        refused = mention_rejection(analysis, flagged, kind)
        if kind in rule.kinds:
            assert refused is not None  # this rule or one before it in MENTION_ORDER
            assert MENTION_ORDER.index(refused[0]) <= MENTION_ORDER.index(rule_id)
        else:
            assert refused is None or refused[0] != rule_id


REASONS_SCRIPT = """
from questions.model import Item
from questions.rules import judge
made = Item(id="x", kind="cloze", prompt="Yuri Gagarin, the cosmonaut Gagarin, and _____ flew.",
            answer="Yuri Gagarin", accepted=("Gagarin", "Yuri Gagarin", "Yuri", "Gagarins"),
            source_sentence="Yuri Gagarin flew.")
related = Item(id="y", kind="cloze", prompt="Mongols, Mongolian and Mongolic armies took _____.",
               answer="Mongolia", source_sentence="The Mongols took Mongolia.")
print(judge("contains_answer", made), judge("related_word", related))
"""


def test_explain_reasons_are_the_same_whatever_the_hash_seed() -> None:
    """contains_answer and related_word name the same form on every run (no set order)."""
    reasons = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", REASONS_SCRIPT], capture_output=True, text=True, env=env,
            check=True, timeout=60,
        )  # fmt: skip
        reasons.add(result.stdout)
    assert len(reasons) == 1, reasons
    assert "None" not in reasons.pop()


# --- Distractor rules: which wrong answers a choice may offer -------------------------------

D_SENTENCES = (
    "Olaf Berg sent Ivo Marsh to the south in 1260.",
    "Olaf Berg and Tom Reed served together for years.",
    "Saul Pike rebelled against the court in 1262.",
)


def d_mention(sentence: int, answer: str, tag: str, cloze: str = "") -> Mention:
    text = cloze.replace("_____", answer) if cloze else D_SENTENCES[sentence]
    blank = cloze or text.replace(answer, "_____")
    return Mention(sentence, answer, tag, "", blank, text, None, "", False, None)


D_MENTIONS = (
    d_mention(0, "Olaf Berg", "person"),
    d_mention(0, "Ivo Marsh", "person"),
    d_mention(1, "Olaf Berg", "person"),
    d_mention(1, "Tom Reed", "person"),
    d_mention(2, "Saul Pike", "person"),
)
D_POOLS = build_pools(D_MENTIONS, list(D_SENTENCES))
GAMES = d_mention(0, "13", "number", "The team won _____ games of a 16-game schedule.")
SHARE = d_mention(0, "54.8%", "number", "The party won _____ of the vote.")
KING = d_mention(0, "Karl Vane IV", "person", "_____ built the palace by the lake.")
SENT = d_mention(0, "Ivo Marsh", "person", "[Olaf Berg] sent _____ to the south in 1260.")
RAID = d_mention(0, "1262", "date", "Saul Pike rebelled against the court in _____.")
# A year that picks one of a series: the article gives the 1258 and 1266 councils, not 1263.
COUNCIL = replace(
    d_mention(0, "1262", "date", "Olaf Berg lost the _____ council."), series="council"
)
COUNCILS = tuple(
    replace(d_mention(n, year, "date", f"The {year} council met."), series="council")
    for n, year in enumerate(("1258", "1266"))
) + (d_mention(2, "1263", "date", "Saul Pike rebelled in 1263."),)


def who(answer: str, question: str | None) -> Mention:
    return Mention(0, answer, "person", "", "", "", question, "", False, None)


ACTORS = (who("Saul Pike", "Who rebelled against the court?"), who("Ivo Marsh", None))
# Pools for the rules that read the article's life spans or the people who act in it.
EXAMPLE_POOLS = {
    "outside_the_life": build_pools((), ["Saul Pike (1230–1290) rebelled at last."]),
    "not_an_actor": build_pools(ACTORS),
    "not_of_the_series": build_pools(COUNCILS),
}
# Ada Lund is "she" twice, Tom Reed "he" twice, Saul Pike once only (not enough to tell).
PRONOUN_TEXTS = [
    "Ada Lund sailed north.", "She mapped the coast.", "Tom Reed stayed home.",
    "He wrote letters.", "Ada Lund came back.", "She sold her maps.", "Tom Reed bought them.",
    "He was pleased.", "Saul Pike watched.", "He said nothing.", "Ivo Marsh paid Ada Lund.",
]  # fmt: skip
PRONOUN_MENTIONS = tuple(
    d_mention(i, name, "person", text.replace(name, "_____"))
    for i, text in enumerate(PRONOUN_TEXTS)
    for name in ("Ada Lund", "Tom Reed", "Saul Pike", "Ivo Marsh")
    if name in text
)
EXAMPLE_POOLS["other_pronoun"] = build_pools(PRONOUN_MENTIONS, PRONOUN_TEXTS)
HIS_MAP = d_mention(0, "Tom Reed", "person", "_____ drew his own map of the coast.")
# rule id -> (the mention asked, a wrong answer the rule turns down, one it keeps)
DISTRACTOR_EXAMPLES: dict[str, tuple[Mention, str, str]] = {
    "named_with_the_actors": (D_MENTIONS[1], "Tom Reed", "Saul Pike"),
    "count_of_another_size": (GAMES, "44", "11"),
    "past_the_total": (GAMES, "19", "11"),
    "share_over_whole": (SHARE, "154.8%", "44.8%"),
    "bare_first_name": (KING, "William", "Henry IV"),
    "named_in_the_question": (SENT, "Olaf Berg", "Saul Pike"),
    "implausible_date": (RAID, "1100", "1265"),
    "outside_the_life": (RAID, "1290", "1270"),
    "not_of_the_series": (COUNCIL, "1263", "1266"),
    "not_an_actor": (who("Tom Reed", "Who built the hall?"), "Ivo Marsh", "Saul Pike"),
    "other_pronoun": (HIS_MAP, "Ada Lund", "Saul Pike"),
}


def test_every_distractor_rule_has_an_example() -> None:
    assert set(DISTRACTOR_EXAMPLES) == set(DISTRACTOR_ORDER)


@pytest.mark.parametrize("rule_id", DISTRACTOR_ORDER)
def test_distractor_rule_has_an_id_kinds_a_stage_and_a_reason(rule_id: str) -> None:
    rule = REGISTRY[rule_id]
    assert rule.id == rule_id and rule.unfit is not None
    assert rule.kinds and rule.kinds <= set(KINDS)
    assert rule.stage == "distractor"
    assert len(rule.reason.split()) >= 4


@pytest.mark.parametrize("rule_id", DISTRACTOR_ORDER)
def test_distractor_rule_turns_down_its_example_and_keeps_its_twin(rule_id: str) -> None:
    asked, unfit, fit = DISTRACTOR_EXAMPLES[rule_id]
    rule = REGISTRY[rule_id]
    pools = EXAMPLE_POOLS.get(rule_id, D_POOLS)
    assert rule.unfit(unfit, asked, pools) is True, unfit
    assert rule.unfit(fit, asked, pools) is False, fit


def test_the_article_gives_a_person_a_pronoun_only_on_enough_evidence() -> None:
    pools = EXAMPLE_POOLS["other_pronoun"]
    assert pools.pronouns["ada lund"] == "she" and pools.pronouns["reed"] == "he"
    assert "saul pike" not in pools.pronouns and "ivo marsh" not in pools.pronouns


def test_sentences_naming_counts_whole_names_and_their_initials() -> None:
    texts = [
        "Ada Berg sailed from Bergen.",
        "The Northern Harbour Board paid Berg.",
        "The NHB met in Bergen.",
        "Bergen harbour froze.",
    ]
    analysis = replace(M_ANALYSIS, sentences=tuple(Sentence(i, 0, t) for i, t in enumerate(texts)))
    assert analysis.sentences_naming(("Berg",)) == 2
    assert analysis.sentences_naming(("Bergen",)) == 3
    assert analysis.sentences_naming(("Northern Harbour Board", "NHB")) == 2
    assert analysis.sentences_naming(("Harbour Board Northern",)) == 0
