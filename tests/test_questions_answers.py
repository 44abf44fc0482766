"""questions/answers: the named answer-form rules (each by its id), and accepted_for on the
everyday forms of names, numbers and dates."""

from __future__ import annotations

import pytest

from questions.answers import ANSWER_FORMS, Asked, accepted_for, normalize, roman_value

# --- questions/answers: one example each answer-form rule gives forms for, one it does not ----

FORM_EXAMPLES = {
    "without_article": (Asked("the Moon", "place"), ["Moon"]),
    "slash_parts": (Asked("Harbour Quarter/Old Town", "place"), ["Harbour Quarter", "Old Town"]),
    "surname": (Asked("Leonardo da Vinci", "person"), ["da Vinci", "Vinci", "Leonardo"]),
    "last_two_names": (Asked("Landgrave Edmund Bellinger", "person"), ["Edmund Bellinger"]),
    "hyphenated_surname": (Asked("Maria Skłodowska-Curie", "person"), ["Curie", "Maria Curie"]),
    "name_before_of_place": (Asked("Philo of Byzantium", "person"), ["Philo"]),
    "building_short_name": (Asked("Wojciech Bogusławski Theatre", "org"), ["Bogusławski Theatre"]),
    "other_date_order": (Asked("February 7, 2016", "date"), ["7 February 2016"]),
    "range_forms": (Asked("between 1621 and 1629", "date"), ["1621-1629", "1621 to 1629"]),
    "year_of_full_date": (Asked("31 December 1687", "date"), ["1687"]),
    "of_name_reversed": (Asked("University of Warsaw", "org"), ["Warsaw University"]),
    "without_head_noun": (Asked("Song dynasty China", "org"), ["Song", "Song China"]),
    "common_other_names": (Asked("World War II", "event"), ["Second World War"]),
    "team_nickname": (Asked("New Orleans Saints", "org"), ["Saints"]),
    "without_leading_acronym": (Asked("NFL Most Valuable Player", "org"), ["Most Valuable Player"]),
    "without_nationality": (
        Asked("Chinese Ministry of National Defense", "org"),
        ["Ministry of National Defense"],
    ),
    "roman_numeral_as_number": (Asked("Super Bowl XXXVII", "event"), ["Super Bowl 37"]),
    "abbreviation_spelled_out": (
        Asked("US Space Command", "org"),
        ["United States Space Command", "Space Command"],
    ),
    "share_as_percent": (Asked("three-quarters", "number"), ["75%"]),
    "saint_spelled_out": (Asked("St Ninian", "org"), ["Saint Ninian", "Ninian"]),
    "percent_forms": (Asked("30 percent", "number"), ["30%", "30 per cent"]),
    "fraction_forms": (Asked("5½ km", "number"), ["5.5 km", "5 1/2 km"]),
    "with_preposition": (Asked("1970", "date", "in"), ["in 1970"]),
    "without_date_preposition": (Asked("in 1970", "date"), ["1970"]),
    "year_span_forms": (Asked("1271–1368", "date"), ["1271-1368", "1271 to 1368"]),
    "decades_in_full": (Asked("the 60s and 70s", "date"), ["the 1960s and 1970s"]),
    "without_hedge": (Asked("about 15 kilometres", "number"), ["15 kilometres"]),
    "org_without_the": (Asked("The Royal Society", "org"), ["Royal Society"]),
    "counted_forms": (Asked("27 punts", "number"), ["27", "punts"]),
    "dotted_acronym": (Asked("U.S.", "place"), ["US"]),
}
# An answer each rule leaves alone: another shape, or a tag it does not apply to.
FORM_NON_EXAMPLES = {
    "without_article": Asked("Moon", "place"),
    "slash_parts": Asked("input/output", "term"),
    "surname": Asked("Louis XIV", "person"),
    "last_two_names": Asked("Kate Ray", "person"),
    "hyphenated_surname": Asked("Skłodowska-Curie", "person"),
    "name_before_of_place": Asked("Bank of England", "org"),
    "building_short_name": Asked("National Football League", "org"),
    "other_date_order": Asked("Smith 7, 2016", "date"),
    "range_forms": Asked("1621", "date"),
    "decades_in_full": Asked("1990s", "date"),
    "year_of_full_date": Asked("1687", "date"),
    "of_name_reversed": Asked("University of the Arts", "org"),
    "without_head_noun": Asked("Anna River", "person"),
    "common_other_names": Asked("World War III", "event"),
    "team_nickname": Asked("United States", "place"),
    "without_leading_acronym": Asked("NFL draft pick", "org"),
    "without_nationality": Asked("Chinese Ministry", "org"),
    "roman_numeral_as_number": Asked("Louis XIV", "person"),
    "abbreviation_spelled_out": Asked("US Army", "org"),
    "share_as_percent": Asked("three-quarters", "thing"),
    "saint_spelled_out": Asked("Stan Lee", "person"),
    "percent_forms": Asked("30", "number"),
    "fraction_forms": Asked("5.5", "number"),
    "with_preposition": Asked("1970", "date"),
    "without_date_preposition": Asked("1970", "date"),
    "year_span_forms": Asked("1271", "date"),
    "without_hedge": Asked("15 kilometres", "number"),
    "org_without_the": Asked("The Royal Society", "event"),
    "counted_forms": Asked("27", "number"),
    "dotted_acronym": Asked("US", "place"),
}
RULES = {rule.id: rule for rule in ANSWER_FORMS}


def test_every_answer_form_rule_has_an_id_a_docstring_and_examples():
    assert len(RULES) == len(ANSWER_FORMS)  # ids are unique
    assert set(RULES) == set(FORM_EXAMPLES) == set(FORM_NON_EXAMPLES)
    assert all((rule.forms.__doc__ or "").strip() for rule in ANSWER_FORMS)


@pytest.mark.parametrize("rule_id", sorted(FORM_EXAMPLES))
def test_answer_form_rule_gives_its_forms(rule_id):
    rule = RULES[rule_id]
    asked, forms = FORM_EXAMPLES[rule_id]
    assert rule.applies(asked)
    assert set(forms) <= set(rule.forms(asked))
    # accepted_for keeps every form a rule gives, after the answer itself.
    accepted = accepted_for(asked.answer, asked.tag, asked.prep)
    assert accepted[0] == asked.answer and set(forms) <= set(accepted)


@pytest.mark.parametrize("rule_id", sorted(FORM_NON_EXAMPLES))
def test_answer_form_rule_leaves_other_answers_alone(rule_id):
    rule = RULES[rule_id]
    asked = FORM_NON_EXAMPLES[rule_id]
    assert not rule.applies(asked) or set(rule.forms(asked)) <= {asked.answer}


def test_accepted_forms_are_distinct_and_never_empty():
    for asked, _ in FORM_EXAMPLES.values():
        accepted = accepted_for(asked.answer, asked.tag, asked.prep)
        assert len(set(accepted)) == len(accepted) and all(accepted)


def test_a_unit_is_spelled_out_or_abbreviated_in_every_form():
    """The unit respelling runs over the forms the rules gave: "about 60 km" -> "60 km" ->
    "60 kilometres"; not for answers that are no number."""
    assert {"60 kilometres", "60 kilometers"} <= set(accepted_for("about 60 km", "number"))
    assert "15 km" in accepted_for("about 15 kilometres", "number")
    assert "60 kilometres" not in accepted_for("60 km", "thing")


# --- accepted_for on everyday forms of names, numbers and dates --------------------------


def test_typed_answers_accept_the_natural_short_forms() -> None:
    assert {"Curie", "Maria Curie"} <= set(accepted_for("Maria Skłodowska-Curie", "person"))
    assert "Philo" in accepted_for("Philo of Byzantium", "person")
    assert "Bogusławski Theatre" in accepted_for("Wojciech Bogusławski Theatre", "org")
    assert "7 February 2016" in accepted_for("February 7, 2016", "date")
    assert "May 3, 2013" in accepted_for("3 May 2013", "date")


def test_qualified_counts_and_dates_accept_the_bare_value() -> None:
    assert "2012" in accepted_for("early 2012", "date")
    assert "six" in accepted_for("only six", "number")


def test_accepted_counted_noun_and_dotted_acronym() -> None:
    assert {"27", "punts"} <= set(accepted_for("27 punts", "number"))
    assert "US" in accepted_for("U.S.", "place")
    assert accepted_for("Kate Ray", "person") == ("Kate Ray", "Ray")


def test_long_person_name_accepts_its_last_two_words() -> None:
    assert "Edmund Bellinger" in accepted_for("Landgrave Edmund Bellinger", "person")
    assert "la Queillerie" not in accepted_for("Maria de la Queillerie", "person")
    assert accepted_for("Louis XIV", "person") == ("Louis XIV",)


def test_surname_with_its_particle() -> None:
    accepted = accepted_for("Leonardo da Vinci", "person")
    assert "da Vinci" in accepted
    assert "Hale" in accepted_for("Bran Hale", "person")


def test_surname_alternative_is_no_roman_number():
    assert "XIV" not in accepted_for("Louis XIV", "person")
    assert "Gagarin" in accepted_for("Yuri Gagarin", "person")


def test_hedged_number_accepts_the_number_itself():
    assert "15 kilometres" in accepted_for("About 15 kilometres", "number")
    assert accepted_for("15 kilometres", "number")[:2] == ("15 kilometres", "15")


def test_names_accept_their_short_and_usual_forms() -> None:
    assert "William III" in accepted_for("Stadtholder William III", "person")
    assert "Leonardo" in accepted_for("Leonardo da Vinci", "person")
    assert "Warsaw University" in accepted_for("University of Warsaw", "org")
    assert "Saint Martin of Tours" in accepted_for("St. Martin of Tours", "org")
    assert "Song" in accepted_for("Song dynasty", "org")
    assert {"Song dynasty", "Song China"} <= set(accepted_for("Song dynasty China", "org"))
    assert "Ministry of National Defense" in accepted_for(
        "Chinese Ministry of National Defense", "org"
    )
    assert "Super Bowl 37" in accepted_for("Super Bowl XXXVII", "event")
    assert {"Space Command", "United States Space Command"} <= set(
        accepted_for("US Space Command", "org")
    )
    assert "Second World War" in accepted_for("World War II", "event")
    assert "Most Valuable Player" in accepted_for("NFL Most Valuable Player", "org")
    assert "American Revolution" in accepted_for("American Revolutionary War", "event")
    assert "Saints" in accepted_for("New Orleans Saints", "org")
    assert "States" not in accepted_for("United States", "place")
    assert "Arts" not in accepted_for("Upati Institute of Dramatic Arts", "org")


def test_numbers_and_dates_accept_their_other_spellings() -> None:
    assert {"1621-1629", "1621 to 1629"} <= set(accepted_for("between 1621 and 1629", "date"))
    assert "30%" in accepted_for("30 percent", "number")
    assert "30 percent" in accepted_for("30%", "number")
    assert {"5.5", "5 1/2"} <= set(accepted_for("5½", "number"))
    assert "60 kilometres" in accepted_for("about 60 km", "number")
    assert "15 km" in accepted_for("15 kilometres", "number")
    assert "1687" in accepted_for("31 December 1687", "date")
    assert "75%" in accepted_for("three-quarters", "number")


def test_roman_value() -> None:
    assert roman_value("XXXVII") == 37 and roman_value("XLIV") == 44


def test_normalize_is_idempotent_on_examples():
    for text in ["The Moon!", "20 July 1969", "two hundred", "U.S.A."]:
        assert normalize(normalize(text)) == normalize(text)
