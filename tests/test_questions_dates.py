"""questions/dates: plausible wrong dates (near, in order, within a life the article gives)."""

from questions.dates import life_spans, outside_life, plausible_date


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


def test_no_year_outside_a_given_life():
    spans = life_spans(["Martin Luther (1483–1546) was a German professor."])
    assert spans == [(1483, 1546)]
    assert outside_life("1483", "1521", spans)
    assert outside_life("1550", "1521", spans)
    assert not outside_life("1517", "1521", spans)
    assert not outside_life("1470", "1460", spans)  # the event is not within the life


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


def test_a_planned_signing_and_an_earlier_bound_keep_wrong_dates_plausible():
    signed = "A program signed on _____ will create a lunar station."
    assert not plausible_date("25 November 2026", "25 November 2022", signed, present=2024)
    assert plausible_date("25 November 2020", "25 November 2022", signed, present=2024)
    cloze = "Scheele found it in _____ or earlier, and Priestley in 1774."
    assert not plausible_date("1777", "1773", cloze)
    assert plausible_date("1771", "1773", cloze)
