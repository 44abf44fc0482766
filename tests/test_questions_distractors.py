"""questions/distractors: wrong answers of the answer's type and shape, never from its own
sentence, near dates and numbers that keep their shape and size."""

from __future__ import annotations

import random
import re
from types import SimpleNamespace

import pytest

from questions.distractors import (
    actors,
    beyond_total,
    build_pools,
    by_span,
    impossible_share,
    named_in_prompt,
    near_dates,
    near_numbers,
    pick_distractors,
    shift_years,
    similar_size,
    year_span,
)
from questions.facts import Mention
from questions.pipeline import analyse


def mention(answer: str, tag: str, sentence: int, label: str = "ORG", question=None):
    return Mention(sentence, answer, tag, label, "", "", question, "", False, None)


def actor(answer: str, sentence: int) -> Mention:
    """A person who acts in the article (a subject question asks for them): one an mcq may
    offer as a wrong answer."""
    return mention(answer, "person", sentence, "PERSON", "Who led the fleet?")


def test_distractors_match_type_and_shape_and_skip_variants():
    pool = [
        mention("European Space Agency", "org", 0),
        mention("ESA", "org", 1),
        mention("NASA", "org", 2),
        mention("CNSA", "org", 3),
        mention("ILRS", "org", 4),
        mention("Roscosmos", "org", 5),
        mention("1957", "date", 6, "DATE"),
    ]
    answer = pool[2]
    for seed in range(5):
        wrong = pick_distractors(answer, build_pools(pool), random.Random(seed))
        assert len(wrong) == 3 and "NASA" not in wrong
        assert set(wrong) <= {"ESA", "CNSA", "ILRS"}, wrong  # acronyms for an acronym
    year = pick_distractors(pool[6], build_pools(pool), random.Random(1))
    assert len(year) == 3 and all(re.fullmatch(r"\d{4}", y) and y != "1957" for y in year)


def test_distractors_never_come_from_the_same_sentence():
    pool = [
        actor(name, 0 if i < 2 else i)
        for i, name in enumerate(
            [
                "Yuri Gagarin",
                "Sergei Korolev",
                "Neil Armstrong",
                "Sally Ride",
                "Valentina Tereshkova",
                "John Glenn",
            ]
        )
    ]
    for seed in range(5):
        wrong = pick_distractors(pool[0], build_pools(pool), random.Random(seed))
        assert "Sergei Korolev" not in wrong and "Yuri Gagarin" not in wrong


@pytest.mark.parametrize(
    ("answer", "pattern"),
    [
        ("1970", r"\d{4}"),
        ("the 2030s", r"the \d{3}0s"),
        ("between 2027 and 2033", r"between \d{4} and \d{4}"),
        ("25 November 2022", r"25 November \d{4}"),
        ("1961-64", r"19\d\d-\d{2}"),
    ],
)
def test_near_dates_keep_the_shape(answer, pattern):
    near = near_dates(answer, random.Random(3), 3)
    assert len(set(near)) == 3 and answer not in near
    assert all(re.fullmatch(pattern, date) for date in near), near


def test_a_shifted_range_keeps_its_end_after_its_start():
    assert shift_years("1961-64", 6) == "1967-70"
    assert shift_years("the 1995–98 seasons", 6) == "the 2001–04 seasons"
    assert shift_years("1995-98", 3) == "1998-2001"
    assert shift_years("from 1970 to 1975", 2) == "from 1972 to 1977"


def test_a_person_named_with_the_same_people_elsewhere_is_no_wrong_answer():
    pool = [
        actor("Liu Heima", 0),
        actor("Ogodei Khan", 0),
        actor("Zhang Rou", 1),  # named with Ogodei Khan elsewhere
        actor("Ogodei Khan", 1),
        *[
            actor(n, i + 2)
            for i, n in enumerate(["Marco Polo", "Yan Shi", "Shi Gang", "Li Tan", "Wang Wei"])
        ],
    ]
    for seed in range(6):
        wrong = pick_distractors(pool[0], build_pools(pool), random.Random(seed))
        assert "Zhang Rou" not in wrong and len(wrong) == 3


def test_wrong_people_are_treated_as_people_in_the_article():
    texts = [
        "Kabaty Woods and Czerniaków Lake are nature reserves in Warsaw.",
        "Maria Curie, who was born in Warsaw, studied radioactivity.",
        "Marie de' lived in Florence.",
        "Pierre Curie married a fellow scientist.",
        "Frederic Chopin wrote many mazurkas.",
    ]
    pool = [
        mention("Kabaty Woods", "person", 0, "PERSON"),
        mention("Czerniaków Lake", "person", 0, "PERSON"),
        mention("Maria Curie", "person", 1, "PERSON"),
        mention("Marie de'", "person", 2, "PERSON"),
        mention("Pierre Curie", "person", 3, "PERSON"),
    ]
    texts.append("Curie studied in Paris, where he met her.")
    pool.append(mention("Curie", "person", 5, "PERSON"))
    names = {a for v in build_pools(pool, texts).by_key.values() for a, _ in v}
    assert names == {"Maria Curie", "Pierre Curie"}
    assert {a for v in build_pools(pool).by_key.values() for a, _ in v} >= {"Kabaty Woods"}


def test_no_near_numbers_for_a_record():
    assert near_numbers("12–4", random.Random(1), 3) == []
    assert near_numbers("49ers", random.Random(1), 3) == []
    assert near_numbers("42 Quay", random.Random(1), 3) == []  # a number in a name
    assert near_numbers("75,000 to 100,000", random.Random(1), 3) == []
    assert near_numbers("six to nine percent", random.Random(1), 3) == []
    assert near_numbers("four to 9 percent", random.Random(1), 3) == []
    assert near_numbers("six percent", random.Random(1), 3)  # one number: near ones exist
    assert len(near_numbers("517 yards", random.Random(1), 3)) == 3


def test_no_share_over_a_hundred_percent_beside_a_share():
    assert impossible_share("154.8%", "54.8%")
    assert not impossible_share("44.8%", "54.8%")
    assert not impossible_share("154", "54")


def test_wrong_numbers_stay_near_the_answers_size() -> None:
    assert similar_size("15", "13")
    assert not similar_size("44", "13")
    assert similar_size("six", "four")
    assert similar_size("many", "13")  # no number: nothing to compare


def test_counted_nouns_stay_near_their_value() -> None:
    for seed in range(20):
        for value in near_numbers("47 years", random.Random(seed), 3):
            assert 20 <= int(value.split()[0]) <= 100
    bare = {v for s in range(20) for v in near_numbers("8", random.Random(s), 3)}
    assert "80" not in bare and {"4", "16"} <= bare  # ten times shows where it came from


def test_a_measurement_keeps_its_scale() -> None:
    for seed in range(20):
        made = near_numbers("1.764 m", random.Random(seed), 3)
        assert len(made) == 3 and len(set(made)) == 3
        for value in made:
            assert 1.4 < float(value.split()[0]) < 2.1 and value != "1.764 m"
    assert len(set(near_numbers("2.5%", random.Random(3), 3))) == 3


def test_made_up_dates_stay_in_the_article_span() -> None:
    span = year_span(["February 2022", "1957", "by 2035"])
    assert span == (1957, 2035)
    values = ["February 2037", "February 2019", "February 2041", "February 1950"]
    assert by_span(values, span) == ["February 2019", "February 1950", "February 2037"]
    assert by_span(values, (2000, 2022)) == ["February 2019", "February 1950"]


def test_no_decade_that_reads_as_a_century() -> None:
    for seed in range(20):
        dates = near_dates("1620s", random.Random(seed), 6)
        assert dates and not any(d.endswith("00s") for d in dates)


def test_no_wrong_count_past_the_sentences_total_nor_beside_an_open_bound() -> None:
    schedule = "the seventh team to win _____ games since the league moved to a 16-game schedule"
    assert beyond_total("at least 19", "at least 15", schedule)
    assert not beyond_total("at least 12", "at least 15", schedule)
    bounded = SimpleNamespace(tag="number", answer="more than 350,000", sentence=0, cloze="_____")
    assert pick_distractors(bounded, None, random.Random(1)) == []


def test_no_wrong_answer_named_in_the_prompt() -> None:
    assert named_in_prompt("Mark Khan", "[Mark Khan] granted his brother _____ land.")
    assert not named_in_prompt("Zora Bell", "[Mark Khan] granted his brother _____ land.")


def test_actors_are_answers_of_subject_questions() -> None:
    def mention(answer: str, question: str | None) -> SimpleNamespace:
        return SimpleNamespace(tag="person", answer=answer, question=question)

    doers = actors(
        [
            mention("Bran Hale", "Who built the dam?"),
            mention("Olaf Berg", "Who did Bran Hale marry?"),
            mention("Ida Lund", None),
        ]
    )
    assert doers == frozenset({"bran hale"})


def test_the_article_is_dated_by_its_latest_past_event_not_its_plans() -> None:
    text = [
        "The harbour opened in 1998.",
        "A second pier was finished in 2016.",
        "The council is planning a third pier for 2031.",
        "It hopes to be open again in 2029.",
    ]
    analysis, _ = analyse("Harbour", text)
    assert analysis.pools.present == 2016
    year = next(m for m in analysis.mentions if m.answer == "1998")
    choices = pick_distractors(year, analysis.pools, random.Random(1), count=6, kind="mcq")
    assert choices and all(int(c) <= 2016 for c in choices), choices
