"""Rules from the fifth and sixth blind reads: pronouns that point nowhere, look-alike answers,
name particles, dates, accepted short forms, number sizes, glued events, true/false balance."""

from __future__ import annotations

import random

import pytest

import questions
from questions.dates import plausible_date
from questions.distractors import near_dates
from questions.facts import answer_span
from questions.model import Item
from questions.nlp import parse
from questions.references import orphan_pronouns
from questions.rules.pronouns import make_orphan_filter
from tests.question_helpers import item, judge


def orphans_of(*sentences: str, title: str = "") -> dict[int, str]:
    docs = list(parse(list(sentences), frozenset()))
    return orphan_pronouns(docs, [{} for _ in docs], None, title.casefold())


def test_subject_pronoun_with_nothing_before_it_is_an_orphan() -> None:
    found = orphans_of(
        "After petitioning the British Crown in 1697 for land, they prospered as farmers.",
        "Long integrated into Australian society, it is encouraged by the Society to grow.",
        "When the Huguenots reached the Cape, they founded a church.",
        "It is said that the king was ill.",
    )
    assert set(found) == {0, 1}
    assert found[0] == "they"


def test_it_after_a_sentence_about_the_title_is_the_title() -> None:
    found = orphans_of(
        "Oxygen is a chemical element with symbol O.",
        "It is a member of the chalcogen group.",
        title="Oxygen",
    )
    assert found == {}
    assert orphans_of("Lead is soft.", "It is a member of the chalcogen group.") == {1: "It"}


def test_orphan_filter_drops_items_that_still_show_the_pronoun() -> None:
    check = make_orphan_filter({3: "they"})
    shown = item("After petitioning in _____, they prospered.", "1697")
    shown = Item(**{**shown.__dict__, "sentence_index": 3})
    assert check(shown)
    asked = Item(**{**shown.__dict__, "prompt": "According to the article, who was Bellinger?"})
    assert check(asked) is None


def test_first_word_of_a_sentence_can_be_the_antecedent() -> None:
    assert (
        judge("dangling_reference", item("Priestley published his findings in _____.", "1775"))
        is None
    )
    assert judge("dangling_reference", item("The paper published his findings in _____.", "1775"))


def test_a_question_that_drops_the_name_its_pronoun_needs() -> None:
    source = "Approximately one million Protestants in modern France represent 2% of its people."
    bad = item("How many Protestants represent 2% of its people?", "one million", "mcq", source)
    assert judge("lost_antecedent", bad)
    kept = item(
        "How many Protestants in modern France represent 2% of its people?", "x", "mcq", source
    )
    assert judge("lost_antecedent", kept) is None


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        (
            item("Brooklyn, then known as Boschwick, in the area now known as _____.", "Bushwick"),
            item("Brooklyn, then known as Breuckelen, in the area now known as _____.", "Bushwick"),
        ),
        (
            item("It kept the name in French and several other _____ languages.", "European"),
            item("It kept the name in French and in _____.", "Spanish"),
        ),
    ],
)
def test_lookalike_answers_and_open_classes(bad: Item, good: Item) -> None:
    assert judge("lookalike", bad)
    assert judge("lookalike", good) is None


def test_blank_after_a_name_particle_completes_a_name() -> None:
    assert judge("name_completion", item("His mother Marie de' _____ ruled.", "Medici"))
    assert judge(
        "name_completion", item("A church called L'Église française à la _____.", "Nouvelle")
    )
    assert judge("name_completion", item("The priest _____ ruled.", "Guyard")) is None


def test_bracketed_life_span_cloze_says_nothing_of_its_shape() -> None:
    cloze = item("English chemist John Mayow (_____) refined it.", "1641–1679", tag="date")
    assert judge("blank_glossed", cloze)
    year = item("The Battle of Bach Dang (_____) was won.", "1288", tag="date")
    assert judge("blank_glossed", year) is None


def test_an_act_named_in_an_earlier_sentence() -> None:
    statement = item("One friend blamed the decision on his sadness.", "True", "true_false")
    assert judge("unresolved_start", statement)
    named = item("One friend blamed the decision to become a monk on fear.", "True", "true_false")
    assert judge("unresolved_start", named) is None


def test_approximate_year_gets_no_near_wrong_years() -> None:
    cloze = "_____, a French version of the Scriptures was prepared."
    assert not plausible_date("Around 1293", "Around 1294", cloze)
    assert not plausible_date("Around 1300", "Around 1294", cloze)
    assert plausible_date("Around 1320", "Around 1294", cloze)
    assert plausible_date("1297", "1294", cloze)


def test_overlapping_periods_are_both_partly_right_but_life_spans_are_not() -> None:
    cloze = "Three civil wars broke out _____."
    assert not plausible_date("between 1620 and 1628", "between 1621 and 1629", cloze)
    assert plausible_date("between 1609 and 1617", "between 1621 and 1629", cloze)
    assert plausible_date("1650–1688", "1641–1679", "John Mayow (_____) refined it.")


def test_no_decade_that_reads_as_a_century() -> None:
    for seed in range(20):
        dates = near_dates("1620s", random.Random(seed), 6)
        assert dates and not any(d.endswith("00s") for d in dates)


@pytest.mark.parametrize(
    ("sentence", "entity", "answer"),
    [
        ("Others settled another 21 miles north of the city.", "21 miles", "21 miles"),
        ("Numbers peaked near an estimated two million by 1562.", "two million", "two million"),
        ("Concentrated O2 will allow combustion to proceed rapidly.", "O2", "O2"),
    ],
)
def test_words_before_a_count_or_name_stay_out_of_the_answer(sentence, entity, answer) -> None:
    doc = next(iter(parse([sentence], frozenset())))
    spans = [answer_span(e).text for e in doc.ents]
    assert answer in spans, spans
    assert not any(s != entity and s.endswith(entity) for s in spans), spans


def test_generated_items_never_show_an_orphan_pronoun() -> None:
    text = (
        "Huguenots in America\n\n"
        "In 1628 the Huguenots founded a congregation in New Amsterdam. "
        "After petitioning the British Crown in 1697 for land in the Baronies, they prospered "
        "as planters on the Cooper River. "
        "Elie Prioleau arrived in Charleston in 1687 and founded its first church."
    )
    article = questions.generate(text, all_items=True)
    assert article.items
    assert not [i.prompt for i in article.items if " they prospered" in i.prompt]
