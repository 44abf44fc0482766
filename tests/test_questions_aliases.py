"""questions/aliases: the other forms the article itself gives a name in (a bracketed
acronym, '(also ...)', a longer name holding a short one, a second spelling)."""

from __future__ import annotations

import pytest

import questions
from questions.aliases import (
    acronym_pairs,
    article_acronyms,
    article_aliases,
    bracket_pairs,
    bracketed_spellings,
    company_forms,
    ending_names,
    fuller_names,
    of_place_forms,
    repeated_glosses,
    same_spelling,
    term_acronyms,
    titled_forms,
    type_word_forms,
    with_head_nouns,
    without_middle_names,
)
from tests.question_helpers import mention


def test_a_one_word_name_also_accepts_the_one_longer_name_holding_it() -> None:
    pairs = fuller_names([mention("Dalton"), mention("John Dalton"), mention("Boyle")])
    assert ("Dalton", "John Dalton") in pairs
    assert not [p for p in pairs if p[0] == "Boyle"]
    two = fuller_names([mention("Khan"), mention("Kublai Khan"), mention("Ogödei Khan")])
    assert two == []  # two longer names: "Khan" names neither


def test_a_name_also_accepts_its_acronym_when_the_article_writes_it() -> None:
    texts = ["The US is worried.", "The United States has a plan."]
    assert ("United States", "US") in article_acronyms(["United States"], texts)
    assert article_acronyms(["Western Union"], texts) == []
    assert ("United Nations", "UN") in article_acronyms(["United Nations"], texts)


def test_an_acronym_accepts_the_one_name_it_stands_for() -> None:
    texts = ["She joined Harbour Night Live in 2005.", "At HNL she wrote sketches."]
    pairs = acronym_pairs(article_acronyms(["Harbour Night Live"], texts))
    assert ("Harbour Night Live", "HNL") in pairs and {name for name, _ in pairs} == {
        "Harbour Night Live"
    }
    names = ["Harbour Night Live", "Hull Naval League"]
    two = acronym_pairs(article_acronyms(names, [*texts, "HNL twice."]))
    assert two == []  # one acronym, two names: it names neither
    assert article_aliases([], texts) == {}  # no mentions, no names to expand
    assert ("LA", "Los Angeles") in article_acronyms(["LA"], ["She moved to LA."])


def test_a_person_is_right_with_the_title_the_article_gives_them() -> None:
    people = [mention("Fell"), mention("Nora Fell"), mention("Ada Lund")]
    pairs = titled_forms(people, ["The case went to Judge Nora Fell in May."])
    assert ("Fell", "Judge Fell") in pairs and ("Nora Fell", "Judge Nora Fell") in pairs
    assert not [p for p in pairs if p[0] == "Ada Lund"]


def test_a_one_word_name_is_right_as_the_one_longer_name_ending_in_it() -> None:
    names = [mention(n, "org") for n in ("Marwick", "Tobias Marwick", "Union", "Soviet Union")]
    names += [mention("European Union", "org"), mention("France", "place")]
    names.append(mention("New France", "place"))
    assert ending_names(names) == [  # "Union" ends two; a place is no short name
        ("Marwick", "Tobias Marwick"),
        ("Tobias Marwick", "Marwick"),
    ]


def test_a_name_is_right_as_the_one_longer_name_it_ends_after_of() -> None:
    names = [mention(n, "org") for n in ("Harbour Security", "Office of Harbour Security")]
    names.append(mention("Board of Trade", "org"))  # "Trade" is no name the article uses
    assert ending_names(names) == [
        ("Harbour Security", "Office of Harbour Security"),
        ("Office of Harbour Security", "Harbour Security"),
    ]


def test_short_team_names_and_everyday_abbreviations_accept_their_long_forms() -> None:
    texts = ["The AFC champion Denver Broncos won.", "The Broncos took an early lead."]
    pairs = fuller_names([mention("Broncos", "thing")], texts)
    assert ("Broncos", "Denver Broncos") in pairs
    assert ("U.S.", "United States") in article_acronyms(["U.S."], ["CBS broadcast it."])


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Ögedei Khan", "Ogödei Khan", True),
        ("Russia", "Prussia", False),
        ("Australia", "Austria", False),
        ("TEU", "TFEU", False),
    ],
)
def test_spelling_variants_are_not_other_names(a, b, same):
    assert same_spelling(a, b) is same


def test_a_lower_case_term_and_its_acronym_accept_each_other():
    texts = [
        "It fixes carbon with ribulose bisphosphate (RuBP) in the stroma.",
        "Cells store molecules of adenosine triphosphate (ATP) too.",
        "The city of Paris (France) and a method (see below).",
        "Muscles burn Creatine phosphate (CP) in the first seconds of a sprint.",
        "Each dock answers to a harbour safety officer (HSO; see chapter 4).",
    ]
    assert term_acronyms(texts) == [
        ("ribulose bisphosphate", "RuBP"),
        ("adenosine triphosphate", "ATP"),
        ("Creatine phosphate", "CP"),
        ("harbour safety officer", "HSO"),
    ]


def test_bracket_pairs_are_acronyms_or_also() -> None:
    pairs = bracket_pairs(
        ["The Arctic Survey Office (ASO) met at Daidu (also Dadu) and Leeds (NFC)."]
    )
    assert ("Arctic Survey Office", "ASO") in pairs
    assert ("Daidu", "Dadu") in pairs
    assert all(alt != "NFC" for _, alt in pairs)


def test_a_name_nested_in_a_longer_one_is_the_full_name() -> None:
    people = [mention("Hopper"), mention("Grace Hopper"), mention("Grace Hopper Award")]
    assert ("Hopper", "Grace Hopper") in fuller_names(people)


def test_a_name_glossed_the_same_way_twice_is_one_thing() -> None:
    texts = [
        "Then Kitab al-Tawil (Book of Tides) appeared in 1021.",
        "The Kitab al-Tawil (Book of Tides) describes the sea.",
        "He lived in Leeds (Yorkshire) for a year, and later in Leeds (Yorkshire) again.",
        "The Treaty on Fishing Rights (TFR) and the Treaty on Fishing Rights (TFR) differ.",
    ]
    assert repeated_glosses(texts) == [("Kitab al-Tawil", "Book of Tides")]


def test_a_hyphenated_word_may_give_a_letter_per_part() -> None:
    pairs = bracket_pairs(["The Harbour Ledger-Gazette (HLG) and the Ledger-Gazette (LX) print."])
    assert ("Harbour Ledger-Gazette", "HLG") in pairs
    assert all(alt != "LX" for _, alt in pairs)


def test_same_spelling_keeps_different_names_apart() -> None:
    assert same_spelling("Ögedei", "Ogödei Khan", person=True)
    assert same_spelling("Ögedei Khan", "Ogödei Khan")
    assert not same_spelling("Edict of Nantes", "Edict of Alès")
    assert not same_spelling("Louis XIII", "Louis XIV")
    assert not same_spelling("Mongolia", "Mongol Empire")
    assert not same_spelling("Ögedei", "Ogödei Khan")  # not a person: no one-word form
    assert not same_spelling("Edwards", "Edward Hale", person=True)  # a surname of its own


def test_a_name_without_its_middle_names_is_the_same_person_when_the_article_writes_it():
    people = [mention("Ada King Lovelace"), mention("Ada Lovelace"), mention("Ada Byron King")]
    assert without_middle_names(people) == [("Ada King Lovelace", "Ada Lovelace")]
    aliases = article_aliases(people, ["Ada King Lovelace wrote it. Ada Lovelace smiled."])
    assert "Ada Lovelace" in aliases["ada king lovelace"]
    assert "Ada King Lovelace" in aliases["ada lovelace"]


def test_article_aliases_map_both_ways() -> None:
    aliases = article_aliases((), ["The Arctic Survey Office (ASO) met."])
    assert "ASO" in aliases["arctic survey office"]
    assert "Arctic Survey Office" in aliases["aso"]


def test_a_longer_name_holding_a_short_one_is_another_form_of_it() -> None:
    bible = fuller_names([mention("Bible", "work"), mention("Tyndale Bible", "work")])
    assert bible == []  # a specific Bible is no other name for the Bible
    philo = fuller_names([mention("Philo", "place"), mention("Philo of Byzantium", "org")])
    assert ("Philo", "Philo of Byzantium") in philo
    team = fuller_names([mention("49ers", "org")], ["The San Francisco 49ers won."])
    assert ("49ers", "San Francisco 49ers") in team
    texts = ["Frédéric Chopin was born near Warsaw.", "Chopin left at twenty."]
    assert ("Chopin", "Frédéric Chopin") in fuller_names([mention("Chopin")], texts)


def test_a_head_noun_and_an_of_place_the_article_writes_are_other_forms() -> None:
    assert ("Song", "Song dynasty") in with_head_nouns(["Song"], ["They fought the Song dynasty."])
    texts = ["Stadtholder William III of Orange opposed Louis XIV.", "William formed a league."]
    pairs = of_place_forms([mention("William"), mention("William III")], texts)
    assert ("William", "William of Orange") in pairs
    assert ("William III", "William III of Orange") in pairs
    body = [mention("Art Museum", "org"), mention("Museum", "org")]
    pairs = of_place_forms(body, ["The Art Museum of Leeds bought the Museum of Light."])
    assert pairs == [("Art Museum", "Art Museum of Leeds")]


def test_acronyms_and_bracketed_spellings_the_article_writes() -> None:
    mvp = article_acronyms(["NFL Most Valuable Player"], ["He was named MVP."])
    assert ("NFL Most Valuable Player", "NFL MVP") in mvp
    assert ("U.S.", "USA") in article_acronyms(["U.S."], ["CBS broadcast it in the U.S."])
    spelled = bracketed_spellings(
        ["François Villion"], ["The arrival of François Villion (Viljoen)."]
    )
    assert ("François Villion", "Viljoen") in spelled


def test_a_building_named_after_a_person_is_no_form_of_the_persons_name():
    text = (
        "Museum\n\nAlbert Hall opened in London in 1871 as a concert venue. Albert supported "
        "the new museum of art in 1852. The prince Albert died in 1861 at Windsor. Queen "
        "Victoria mourned Albert for many years after 1861."
    )
    albert = [i for i in questions.generate(text, all_items=True).items if i.answer == "Albert"]
    assert albert and all("Albert Hall" not in i.accepted for i in albert)


def test_a_surname_also_accepts_each_way_the_article_writes_that_person_in_full() -> None:
    people = [mention("Tolliver"), mention("J. R. Tolliver"), mention("John R. Tolliver")]
    assert {long for short, long in fuller_names(people) if short == "Tolliver"} == {
        "J. R. Tolliver",
        "John R. Tolliver",
    }
    # Two people who share a family name: the surname alone names neither.
    others = [mention("Lund"), mention("Ana Lund"), mention("Bea Lund")]
    assert not [pair for pair in fuller_names(others) if pair[0] == "Lund"]


def test_two_spellings_of_one_name_keep_its_surname_accepted() -> None:
    text = (
        "Poets\n\nMohammad Tarin was a poet and teacher of the northern valleys. "
        "In 1930 Muhammad Tarin outlined a plan for a school for girls in the north-west. "
        "Ana Lund and Bea Lund ran the school before him.\n"
    )
    items = questions.generate(text, all_items=True).items
    typed = [i for i in items if i.kind in ("cloze", "short_answer") and "Tarin" in i.answer]
    assert typed, [(i.kind, i.answer) for i in items]
    for asked in typed:
        assert "Tarin" in asked.accepted and not {"Mohammad", "Muhammad"} & set(asked.accepted)


def test_a_name_is_right_with_or_without_its_type_word() -> None:
    texts = ["The Red Sea is red in places.", "Traditionally the Unity Party won the west."]
    pairs = type_word_forms(["Ashby River", "Red Sea", "Unity", "Holy Roman Empire"], texts)
    assert ("Ashby River", "Ashby") in pairs
    assert ("Unity", "Unity Party") in pairs
    # 'Red' is a word the article writes in lower case; 'Holy Roman' names no empire alone.
    assert not [p for p in pairs if p[0] in ("Red Sea", "Holy Roman Empire")]


def test_a_company_is_right_without_its_legal_form_and_initials() -> None:
    assert company_forms(["H. Farrow, Ltd.", "Acme Inc.", "Farrow Tea Shops"]) == [
        ("H. Farrow, Ltd.", "H. Farrow"),
        ("H. Farrow, Ltd.", "Farrow"),
        ("Acme Inc.", "Acme"),
    ]
