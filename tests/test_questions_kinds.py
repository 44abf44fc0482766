"""Each item kind on small texts: properties, not generator output."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

import questions
from questions.clean import clean_article
from questions.kinds.base import without_connective
from questions.kinds.matching import thin_pair
from questions.kinds.true_false import (
    NEGATION,
    also_true_of,
    in_name_list,
    opposite_statement,
    same_place_in_a_sentence,
    stands_alone,
    swappable,
)
from questions.pipeline import analyse
from questions.rules.mentions import MCQ_TAGS, everywhere, glued, names_its_subject

SMALL = """Space Firsts

The Soviet Union launched Sputnik 1 in 1957. Yuri Gagarin, a Soviet cosmonaut, flew into \
space in 1961. China launched the Dongfanghong-1 satellite in 1970. NASA landed Apollo 11 on \
the Moon in 1969. Neil Armstrong, the mission commander, walked on the Moon in July 1969. \
The European Space Agency (ESA) was founded in 1975. Valentina Tereshkova, a Soviet engineer, \
flew in 1963. Sally Ride, an American physicist, flew on the Space Shuttle in 1983. \
The Space Shuttle carried 355 people into orbit. Three astronauts died in the Apollo 1 fire \
in 1967. Sergei Korolev designed the Vostok rocket.
"""


@pytest.fixture(scope="module")
def small():
    return questions.generate(SMALL, all_items=True)


def of_kind(article, kind):
    items = [i for i in article.items if i.kind == kind]
    assert items, f"no {kind} items"
    return items


def test_all_kinds_from_a_small_text(small):
    assert {i.kind for i in small.items} == set(questions.KINDS)


def test_cloze_blank_restores_the_sentence(small):
    for item in of_kind(small, "cloze"):
        assert item.prompt.count("_____") == 1
        restored = item.prompt.replace("_____", item.answer)
        unglossed = re.sub(r"(?<=\w) \([^()]*\)", "", item.source_sentence)
        assert restored in (item.source_sentence, unglossed) or "[" in item.prompt
        assert item.answer in item.accepted


def test_mcq_has_four_distinct_choices_of_the_answers_type(small):
    for item in of_kind(small, "mcq"):
        assert len(set(item.choices)) == 4 and item.answer in item.choices
        if item.tags[0] == "date":
            assert all(re.search(r"\d{4}", c) for c in item.choices)


def test_true_false_key_matches_the_article(small):
    for item in of_kind(small, "true_false"):
        assert item.choices == ("True", "False")
        plain = item.prompt.replace("[", "").replace("]", "")
        if item.answer == "True":
            assert item.prompt == item.source_sentence or "[" in item.prompt
        else:
            assert plain != item.source_sentence
            assert item.explanation.startswith("The article says")


def test_short_answer_is_a_wh_question_with_base_verb_after_did(small):
    items = of_kind(small, "short_answer")
    for item in items:
        assert re.match(r"^(Who|What|When|Where|How many)\b", item.prompt), item.prompt
        assert item.prompt.endswith("?") and item.answer not in item.prompt
    did = [i for i in items if re.match(r"^When did ", i.prompt)]
    assert did
    for item in did:
        verb = item.prompt.split()[3:]
        assert not any(w.endswith("ed") and w in ("launched", "landed") for w in verb[:2])


def test_short_answer_accepts_in_year_and_surname():
    items = of_kind(
        questions.generate(SMALL, all_items=True, kinds=["short_answer"]), "short_answer"
    )
    dated = [i for i in items if i.tags[0] == "date" and re.fullmatch(r"\d{4}", i.answer)]
    assert any(f"in {i.answer}" in i.accepted for i in dated)
    people = [i for i in items if i.tags[0] == "person" and " " in i.answer]
    assert people and all(i.answer.split()[-1] in i.accepted for i in people)


def test_timeline_answer_is_in_date_order(small):
    for item in of_kind(small, "timeline"):
        assert 3 <= len(item.answer) <= 5
        assert sorted(item.choices) == sorted(item.answer) and list(item.choices) != item.answer
        years = [int(re.search(r"\d{4}", line).group()) for line in item.explanation.split("\n")]
        assert years == sorted(years)


def test_matching_pairs_people_with_roles_from_the_text(small):
    roles = [i for i in of_kind(small, "matching") if "role" in i.prompt]
    assert roles
    for left, right in roles[0].answer:
        sentence = next(s for s in SMALL.split(". ") if left in s)
        assert right in sentence
    assert sorted(r for _, r in roles[0].answer) == sorted(roles[0].choices)


def test_kinds_option_limits_the_kinds(small):
    article = questions.generate(SMALL, all_items=True, kinds=["cloze", "timeline"])
    assert {i.kind for i in article.items} == {"cloze", "timeline"}


def test_max_items_keeps_the_best(small):
    top = questions.generate(SMALL, all_items=True, max_items=5)
    assert [i.id for i in top.items] == [i.id for i in small.items[:5]]


def test_progress_reaches_the_total():
    calls = []
    questions.generate(
        SMALL, all_items=True, progress=lambda step, total: calls.append((step, total))
    )
    assert calls and calls[-1][0] == calls[-1][1]


def test_mcq_only_on_types_with_reliable_wrong_answers(small):
    tags = {i.tags[0] for i in of_kind(small, "mcq")}
    assert tags <= MCQ_TAGS | {"role"}, tags


@pytest.mark.parametrize(
    ("statement", "answer", "alone"),
    [
        ("Yuri Gagarin flew in 1961.", "Yuri Gagarin", True),
        ("He was raised by his mother Catherine de' Medici in Paris.", "Catherine de'", False),
        ("The painting went to Adolf Hitler's collection.", "Hitler", False),
        ("It flew in 1961 and in 1961 again.", "1961", False),
    ],
)
def test_false_statements_swap_only_whole_names(statement, answer, alone):
    assert stands_alone(statement, answer) is alone


def test_short_answer_asks_no_context_free_role():
    article = questions.generate(SMALL, all_items=True, kinds=["short_answer"])
    assert not [i for i in article.items if re.match(r"Who (?:was|is) the ", i.prompt)]


KHANS = """The Khans

Kublai Khan founded the dynasty in 1271 after a long war in the north. \
Ogodei Khan conquered the Jin state in 1234 with a large army. \
Genghis Khan united the Mongol tribes in 1206 at a great assembly. \
Moscow and Beijing signed a treaty of friendship in 1950 after long talks.
"""


def test_no_one_word_alternative_shared_by_several_names():
    article = questions.generate(KHANS, all_items=True)
    people = [i for i in article.items if i.tags[0] == "person" and i.kind != "true_false"]
    assert people
    assert not [i for i in people if "Khan" in i.accepted]


def test_no_cloze_on_a_place_named_with_another_place():
    article = questions.generate(KHANS, all_items=True, kinds=["cloze"])
    assert article.items
    assert not [i for i in article.items if i.answer in ("Moscow", "Beijing")]


@pytest.mark.parametrize(
    ("event", "named"),
    [
        ("China launched the Dongfanghong-1 satellite", True),
        ("[Martin Luther’s] family moved to Mansfeld", True),
        ("The building opened", False),
        ("Two missions are planned", False),
        ("Casimir Pulaski was born here", False),
    ],
)
def test_timeline_events_name_their_subject(event, named):
    assert names_its_subject(event) is named


def test_here_is_the_place_the_article_is_about():
    text = "Warsaw\n\nWarsaw is the capital of Poland. Casimir Pulaski was born here in 1745.\n"
    prompts = [
        i.prompt for i in questions.generate(text, all_items=True).items if "1745" in str(i.answer)
    ]
    assert prompts and all("here" not in p and "Warsaw" in p for p in prompts), prompts


def test_a_place_named_all_through_the_article_is_background():
    line = "In {}, the chemist Anna Berg{} measured the air of Paris with a new tool."
    lines = [line.format(1900 + i, "ström" + "abcdefgh"[i]) for i in range(8)]
    analysis, _ = analyse(*clean_article("Air\n\n" + " ".join(lines) + "\n"))
    flags = {m.answer: everywhere(analysis, m) for m in analysis.mentions}
    assert flags["Paris"] is True
    assert flags["1900"] is False and flags["Anna Bergströma"] is False


def test_a_well_known_body_in_the_possessive_is_background():
    text = (
        "Rocks\n\nIn 1900, the chemist Anna Berg measured the Earth's crust with a new tool. "
        "In 1910, the geologist Otto Lind studied the Earth's mantle in Sweden. In 1920, the "
        "physicist Karl Moe weighed the Earth's core in Norway. Eva Holm studied rocks in 1930.\n"
    )
    analysis, _ = analyse(*clean_article(text))
    flags = {(m.answer, m.sentence): everywhere(analysis, m) for m in analysis.mentions}
    assert flags[("Earth", 0)] is True
    assert flags[("Sweden", 1)] is False and flags[("Anna Berg", 0)] is False


def test_a_dated_event_is_asked_in_the_past():
    text = (
        "Ships\n\nOn 31 December 1687 the first organised group of Huguenots set sail from the "
        "Netherlands to the Dutch East India Company post at the Cape of Good Hope.\n"
    )
    prompts = [
        i.prompt for i in questions.generate(text, all_items=True, kinds=["short_answer"]).items
    ]
    assert any(p.startswith("When did ") for p in prompts), prompts
    assert not any(p.startswith(("When do ", "When does ")) for p in prompts), prompts


def test_a_capitalised_common_noun_is_no_name():
    text = (
        "Gardens\n\nIn 1998 Irena Bajerska designed a terrace next to the Palace in Warsaw. "
        "Every palace in Poland had a garden of roses.\n"
    )
    answers = [
        i.answer
        for i in questions.generate(text, all_items=True, kinds=["cloze", "short_answer"]).items
    ]
    assert answers and "Palace" not in answers, answers


def test_no_cloze_on_a_nationality_named_with_a_place():
    text = (
        "Trade\n\nTraders in Beijing sold Chinese silk to many buyers. "
        "In 1961 the engineer Ivan Petrov designed a new rocket.\n"
    )
    answers = [i.answer for i in questions.generate(text, all_items=True, kinds=["cloze"]).items]
    assert "Beijing" in answers and "Chinese" not in answers, answers


def test_no_who_was_question_for_a_bare_role_or_a_place():
    text = (
        "Founders\n\nHassan al-Banna, the founder, opened a school in Cairo in 1928. "
        "Sayyid Qutb, an Egyptian author and educator, wrote in prison in 1954. "
        "Ali Shariati, an Iranian sociologist, taught in Mashhad in 1965. "
        "Ruhollah Khomeini, an Iranian cleric and leader, returned to Iran in 1979. "
        "Abul Ala Maududi, a Pakistani scholar and journalist, founded a party in 1941."
    )
    prompts = [i.prompt for i in questions.generate(text, all_items=True).items]
    assert not any(p.endswith("who was Hassan al-Banna?") for p in prompts)


def test_no_name_swap_that_leaves_the_persons_other_mention() -> None:
    statement = "Oxygen was found by Joseph Priestley, but Priestley is given priority."
    found = SimpleNamespace(tag="person", statement=statement, answer="Joseph Priestley")
    assert not swappable(found, "John Mayow", None)


def test_an_event_cut_from_its_clause_is_not_glued() -> None:
    source = "They sailed to North America in 1624; as well as Great Britain's colonies."
    assert glued("They sailed to North America Great Britain's colonies", source)
    assert not glued("They sailed to North America", source)


def test_a_swapped_in_person_who_did_the_same_makes_no_false_statement() -> None:
    sentences = ["Zhang Rou defected to Mongol forces in 1213.", "Zhang Rou built a fort."]
    statement = "Shi Tianze defected to Mongol forces upon their invasion."
    assert also_true_of(statement, "Shi Tianze", "Zhang Rou", sentences)
    assert not also_true_of(statement, "Shi Tianze", "Zhang Rou", sentences[1:])


def test_a_lifted_sentence_loses_the_word_that_tied_it_to_the_one_before() -> None:
    assert without_connective("However, despite the war, Moscow works on _____.").startswith(
        "Despite the war"
    )
    assert without_connective("As a result, China has one of the largest programs.") == (
        "China has one of the largest programs."
    )
    assert without_connective("Howevers, no.") == "Howevers, no."
    assert without_connective("But the river silted up.") == "The river silted up."
    assert without_connective("And to be clear, the dredgers failed.") == (
        "To be clear, the dredgers failed."
    )
    assert without_connective("For one, the board sold the dredger in _____.") == (
        "The board sold the dredger in _____."
    )
    assert without_connective("And, last but not least, the pier reopens in _____.") == (
        "The pier reopens in _____."
    )
    assert without_connective("Hull, for example, had _____ ferries.") == "Hull had _____ ferries."
    assert without_connective("Hull for example had _____ ferries.") == "Hull had _____ ferries."
    assert without_connective("Andrew Ball sold it.") == "Andrew Ball sold it."
    assert without_connective("Either way, the dredgers failed.") == "The dredgers failed."
    assert without_connective("Secondly, however, the dredgers failed.") == "The dredgers failed."
    assert without_connective("Second, the dredgers failed.") == "The dredgers failed."
    assert without_connective("The port, on the other hand, faces east.") == (
        "The port faces east."
    )
    assert without_connective("The port, though, faces _____.") == "The port faces _____."
    assert without_connective("Second World War dredgers failed.") == (
        "Second World War dredgers failed."
    )
    text = (
        "Paris\n\nThe Louvre Museum in Paris opened its doors in 1793. However, Napoleon "
        "Bonaparte renamed the Louvre Museum in 1803 after his own name."
    )
    prompts = [i.prompt for i in questions.generate(text, all_items=True).items]
    assert prompts and not [p for p in prompts if p.startswith("However")]


def test_thin_pair_is_a_rank_alone_or_a_glued_title() -> None:
    assert thin_pair("Kublai", "King")
    assert thin_pair("Kong Zhu", "southern Duke")
    assert thin_pair("King Louis", "ruler of France")
    assert not thin_pair("Philip", "Duke of Burgundy")
    assert not thin_pair("Marcus Crassus", "Roman general")
    assert not thin_pair("Joseph Priestley", "English chemist")


def test_no_false_statement_from_a_swap_the_sentence_makes_odd_or_true() -> None:
    her = "Maria Curie was known for her research and was the first female laureate."
    found = SimpleNamespace(tag="person", statement=her, answer="Maria Curie")
    assert not swappable(found, "Casimir Pulaski", None)
    assert in_name_list("Liu Heima and Shi Tianze served Ogödei Khan.", "Shi Tianze")
    assert not in_name_list("Shi Tianze served Ogödei Khan.", "Shi Tianze")
    han = ["Shi Tianze, Zhang Rou and Yan Shi, Han Chinese who served in the Jin dynasty."]
    assert also_true_of(
        "Shi Tianze was a Han Chinese who lived in the Jin dynasty.", "Shi Tianze", "Yan Shi", han
    )
    texts = ["Mongol rule was cosmopolitan under Kublai.", "Marco Polo visited the court."]
    assert not same_place_in_a_sentence("under", "Marco Polo", texts)
    assert same_place_in_a_sentence("under", "Kublai", texts)


def test_where_accepts_the_places_the_sentence_puts_it_in() -> None:
    text = (
        "Bowl\n\nThe final game was played at Levi's Stadium in Santa Clara, California, on "
        "February 7, 2016, before a crowd of fans from Denver and Charlotte."
    )
    items = [
        i for i in questions.generate(text, all_items=True).items if i.prompt.startswith("Where")
    ]
    assert items
    for found in items:
        assert len(found.accepted) > 1, found


def test_where_takes_no_place_named_before_the_answer() -> None:
    text = (
        "Settlers\n\nUpon their arrival in New Amsterdam, Huguenots were offered land directly "
        "across from Manhattan on Long Island for a permanent settlement in 1624."
    )
    asked = [
        i for i in questions.generate(text, all_items=True).items if i.prompt.startswith("Where")
    ]
    assert [i.answer for i in asked] == ["Long Island"]
    assert "New Amsterdam" not in asked[0].accepted


def test_a_bracket_after_the_answer_and_a_counted_noun_are_accepted_too() -> None:
    text = (
        "Warsaw\n\nIn 1939 the city's Jews numbered 219,000 (around 34%) of its people, "
        "according to the Polish census of Warsaw taken by Mayor Stefan Starzyński."
    )
    glossed = [i for i in questions.generate(text, all_items=True).items if i.answer == "219,000"]
    assert glossed and all("34%" in i.accepted for i in glossed if i.kind == "cloze")
    text = (
        "Defense\n\nThe Carolina Panthers defense gave up just 308 points during the 2015 season."
    )
    counted = [
        i for i in questions.generate(text, all_items=True).items if i.prompt.startswith("How many")
    ]
    assert counted and all("308 points" in i.accepted for i in counted if i.kind == "short_answer")


@pytest.mark.parametrize(
    ("statement", "denies"),
    [
        ("Not even Ada Berg has yet crossed the lake in 95 minutes.", True),
        ("The farmers did not move on, but Ada Berg formed three villages.", True),
        ("Ada Berg crossed the lake in 95 minutes.", False),
        ("Nothing stopped Ada Berg, who crossed in 95 minutes.", False),
    ],
)
def test_no_false_statement_is_made_of_a_denial(statement, denies):
    person = SimpleNamespace(statement=statement, answer="Ada Berg", tag="person", prep="")
    if denies:
        assert not swappable(person, "Otto Lind", pools=None)
    assert bool(NEGATION.search(statement)) is denies


@pytest.mark.parametrize(
    ("statement", "turned"),
    [
        ("The council cut fares to a lower level.", "The council cut fares to a higher level."),
        ("The council raised the issue in 1990.", None),  # "raised" is no plain opposite
        ("The general public voted in 1990.", None),
        ("He has an older brother in Leeds.", "He has a younger brother in Leeds."),
        ("The club moved to larger grounds.", "The club moved to smaller grounds."),
        ("The club moved north after the war.", None),  # compass and before/after turns: out
        ("The fares did not rise in 1990.", None),  # a denial
        ("“Fares rose,” she said.", None),  # a quotation
        ("Sales rose and fell in 1990.", None),  # the opposite is already there
        ("She grew up in Leeds.", None),
        ("Teams of two or more players met.", None),
        ("The town (larger than Leeds) met.", None),
        ("The Blower family built high-rise towers.", None),  # no word of its own turns
        ("In 1990 more people moved to Leeds.", "In 1990 fewer people moved to Leeds."),
        ("The ferry was more serious competition.", "The ferry was less serious competition."),
        ("Even if fares had been higher, the line would have closed.", None),  # a supposition
        ("Divers looked deep inside the wreck.", None),  # "outside the wreck" reads as nonsense
        ("Dock workers were allowed to strike.", None),  # "banned to strike" is no English
        ("The board met without more information.", None),
        ("The weary public asks why.", None),  # "public" as a noun
        ("Sailors opposed to the tax met.", None),  # "supported to the tax" is no English
        ("Sailors opposed the tax.", "Sailors supported the tax."),
        ("Ash kept falling back to the sea.", None),  # a motion, not a trend
        ("The mayor expects more will join.", None),  # "less will follow" is no English
        ("As more ferry tickets sold, fares rose.", "As fewer ferry tickets sold, fares rose."),
        ("At least five more sailors drowned at sea.", None),  # "five fewer" is no claim
    ],
)
def test_a_false_statement_turns_one_word_into_its_opposite(statement, turned):
    made = opposite_statement(statement)
    assert (made[0] if made else None) == turned


def test_a_fact_offers_its_true_statement_and_the_same_claim_turned_round():
    text = (
        "Harbour Fares\n\nThe Leeds Transit Board set higher harbour fares in 1990. "
        "The board was founded by Ada Berg in 1971. Ada Berg ran the board until 1985."
    )
    items = questions.generate(text, all_items=True).items
    statements = {i.prompt: i.answer for i in items if i.kind == "true_false"}
    source = "The Leeds Transit Board set higher harbour fares in 1990."
    assert statements.get(source.replace("higher", "lower")) == "False", statements
    turned = [i for i in items if i.prompt == source.replace("higher", "lower")]
    assert "higher, not lower" in turned[0].explanation


def test_a_swapped_count_makes_no_false_statement():
    text = (
        "Harbour Fleet\n\nThe Leeds Harbour Board owned 36 ferries when Ada Berg ran it. "
        "The Hull Harbour Board owned 12 cranes when Otto Lind ran it. The York Harbour Board "
        "owned 48 barges when Karl Moe ran it. The Leeds Harbour Board sold 20 tugs to the "
        "navy."
    )
    items = questions.generate(text, all_items=True).items
    statements = [i for i in items if i.kind == "true_false"]
    assert statements
    false = [i for i in statements if i.answer == "False"]
    counts = {"36", "12", "48", "20"}
    for item in false:
        source_counts = counts & set(item.source_sentence.replace(".", "").split())
        assert source_counts <= set(item.prompt.replace(".", "").split()), item.prompt


def test_a_claim_with_no_word_to_turn_and_no_one_to_swap_is_denied():
    text = "Harbour Works\n\nThe Leeds Harbour Board dredged the channel in 1990."
    items = questions.generate(text, all_items=True).items
    statements = {i.prompt: i for i in items if i.kind == "true_false"}
    denied = statements.get("The Leeds Harbour Board did not dredge the channel in 1990.")
    assert denied is not None and denied.answer == "False", statements
    assert "the opposite" in denied.explanation
    assert statements["The Leeds Harbour Board dredged the channel in 1990."].answer == "True"
