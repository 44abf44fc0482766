"""Plausible date distractors and self-consistent false statements, on small hand-made texts."""

from questions.dates import life_spans, outside_life, plausible_date
from questions.kinds.true_false import counts_a_list, keeps_year_order


def test_far_year_is_implausible():
    assert plausible_date("1525", "1521", "He was excommunicated in _____.")
    assert not plausible_date("1483", "1521", "He was excommunicated in _____.")


def test_decade_answer_allows_neighbouring_decades():
    cloze = "Crewed landings are hoped for in the _____."
    assert plausible_date("2040s", "2030s", cloze)
    assert not plausible_date("1960s", "2030s", cloze)


def test_planned_event_gets_no_earlier_year():
    cloze = "The launch is planned for _____."
    assert not plausible_date("2022", "2026", cloze)
    assert plausible_date("2028", "2026", cloze)


def test_sequence_order_is_kept():
    cloze = "He went to school in Magdeburg in 1497 and in Eisenach in _____."
    assert not plausible_date("1495", "1498", cloze)
    assert plausible_date("1500", "1498", cloze)


def test_count_before_a_list_of_names_is_not_swapped():
    statement = "He had three tutors, John Smith, Anne Lee and Carl Brown."
    assert counts_a_list(statement, "three")
    assert counts_a_list("Two brothers, Abel and Cain, quarrelled.", "Two")
    assert not counts_a_list("He wrote three books about Rome.", "three")


def test_swapped_year_keeps_order_with_other_years():
    statement = "In 1705 the church opened, followed by a school in 1715."
    assert keeps_year_order(statement, "1715", "1712")
    assert not keeps_year_order(statement, "1715", "1702")


def test_no_year_outside_a_given_life():
    spans = life_spans(["Martin Luther (1483–1546) was a German professor."])
    assert spans == [(1483, 1546)]
    assert outside_life("1483", "1521", spans)
    assert outside_life("1550", "1521", spans)
    assert not outside_life("1517", "1521", spans)
    assert not outside_life("1470", "1460", spans)  # the event is not within the life
