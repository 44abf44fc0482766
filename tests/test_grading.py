"""Grading: tolerant of form (case, punctuation, articles, typos, spellings), strict on facts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.grading import grade, match_text, normalize
from tests.questions_fixtures import generated


def text_item(answer: str, accepted: tuple[str, ...] = (), kind: str = "short_answer") -> dict:
    return {"kind": kind, "answer": answer, "accepted": list(accepted)}


@pytest.mark.parametrize(
    ("response", "answer", "accepted", "right"),
    [
        ("neil armstrong", "Neil Armstrong", (), True),
        ("Neil Armstrong.", "Neil Armstrong", (), True),
        ("the Moon", "Moon", (), True),
        ("Moon", "the Moon", (), True),
        ("Armstrnog", "Armstrong", (), True),  # one transposition: a typo
        ("Gagrin", "Gagarin", (), True),
        ("Armstrong", "Neil Armstrong", ("Armstrong",), True),  # accepted alternative
        ("Buzz Aldrin", "Neil Armstrong", ("Armstrong",), False),
        ("in 1970", "1970", (), True),
        ("1970", "in 1970", (), True),
        ("1971", "1970", (), False),  # a different year is not a typo
        ("two", "2", (), True),
        ("2", "two", (), True),
        ("three", "2", (), False),
        ("twenty-one", "21", (), True),
        ("1,000", "1000", (), True),
        ("one thousand", "1,000", (), True),
        ("1.5 million", "1,500,000", (), True),
        ("July 20, 1969", "20 July 1969", (), True),
        ("1969-07-20", "20 July 1969", (), True),
        ("on 20th July 1969", "July 20, 1969", (), True),
        ("21 July 1969", "20 July 1969", (), False),
        ("26 April", "April 26", (), True),  # day and month in either order
        ("April 26th", "26 April", (), True),
        ("on 3 Sept", "September 3", (), True),
        ("27 April", "April 26", (), False),
        ("Mach 2021", "March 2021", (), True),  # a month one typo off, next to a year
        ("26 Apirl", "April 26", (), True),
        ("Agust 1945", "August 1945", (), True),
        ("Mach 2021", "May 2021", (), False),
        ("Mach 2", "March 2", (), False),  # a speed, not a date
        ("U.S.", "US", (), True),
        ("30%", "30 percent", (), True),
        ("nearly half", "almost half", (), True),
        ("from 1621 to 1629", "1621 to 1629", (), True),
        ("from 1620 to 1629", "1621 to 1629", (), False),
        ("nearly 40", "almost 50", (), False),
        ("30 per cent", "30%", (), True),
        ("31%", "30 percent", (), False),
        ("Zurich", "Zürich", (), True),
        ("Apollo-11", "Apollo 11", (), True),
        ("Apollo 12", "Apollo 11", (), False),
        ("cat", "car", (), False),  # short words get no typo allowance
        ("Joan", "John", (), False),
        ("Tereshkova", "Tereshkvoa", (), True),
        ("Mare Tranquilitatis", "Mare Tranquillitatis", (), True),
        ("Aldrin", "Allen", (), False),
        ("Mill Street", "Hill Street", (), False),  # each word has its own allowance
        ("Neil Armstrnog", "Neil Armstrong", (), True),
        ("Gagarinn Yuri", "Yuri Gagarin", (), False),
        ("", "Moon", (), False),
        ("   ", "Moon", (), False),
    ],
)
def test_text_answers(response, answer, accepted, right):
    assert grade(text_item(answer, accepted), response).correct is right


def test_typo_is_noted():
    result = match_text("Armstrnog", ["Armstrong"])
    assert result.correct and "spelling" in result.note
    assert match_text("Armstrong", ["Armstrong"]).note == ""


@pytest.mark.parametrize("kind", ["mcq", "true_false"])
def test_choice_answers(kind):
    item = {"kind": kind, "answer": "True", "choices": ["True", "False"]}
    assert grade(item, "True").correct
    assert not grade(item, "False").correct
    assert not grade(item, "").correct
    assert not grade(item, "true").correct  # a choice is picked, not typed


def test_choice_must_be_exact():
    item = {"kind": "mcq", "answer": "the Moon", "choices": ["Moon", "the Moon", "Mars", "Venus"]}
    assert grade(item, "the Moon").correct
    assert not grade(item, "Moon").correct


def test_timeline_partial_credit():
    item = {"kind": "timeline", "answer": ["a", "b", "c", "d"], "choices": ["c", "a", "d", "b"]}
    assert grade(item, ["a", "b", "c", "d"]).correct
    result = grade(item, ["a", "b", "d", "c"])
    assert not result.correct and result.credit == 0.5 and "2 of 4" in result.note
    assert grade(item, ["d", "c", "b", "a"]).credit == 0


def test_matching_all_or_nothing():
    item = {
        "kind": "matching",
        "answer": [["Armstrong", "commander"], ["Aldrin", "pilot"]],
        "choices": ["pilot", "commander"],
    }
    assert grade(item, ["commander", "pilot"]).correct
    result = grade(item, ["pilot", "commander"])
    assert not result.correct and result.credit == 0


def test_a_partly_right_answer_is_noted_in_its_kinds_words():
    timeline = {"kind": "timeline", "answer": ["a", "b", "c", "d"], "choices": ["c", "a", "d", "b"]}
    assert grade(timeline, ["a", "b", "d", "c"]).note == "2 of 4 in the right place."
    matching = {
        "kind": "matching",
        "answer": [["Armstrong", "commander"], ["Aldrin", "pilot"], ["Gagarin", "cosmonaut"]],
        "choices": ["pilot", "cosmonaut", "commander"],
    }
    assert grade(matching, ["commander", "cosmonaut", "pilot"]).note == "1 of 3 matched correctly."


def test_unknown_kind():
    with pytest.raises(ValueError, match="Unknown item kind"):
        grade({"kind": "essay", "answer": "x"}, "x")


answers = st.text(min_size=1, max_size=40).filter(lambda s: s.strip())


@given(answers)
def test_exact_answer_always_right(answer):
    assert grade(text_item(answer), answer).correct


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzAEIOU ,.!", min_size=1, max_size=30))
def test_case_and_punctuation_never_matter(answer):
    assert grade(text_item(answer), f"  {answer.upper()}!?").correct == bool(normalize(answer))


@given(st.integers(min_value=0, max_value=10**9))
def test_other_number_is_wrong(number):
    assert grade(text_item(str(number)), str(number)).correct
    assert not grade(text_item(str(number)), str(number + 1)).correct


@given(st.lists(st.text(min_size=1, max_size=8), min_size=2, max_size=6, unique=True))
def test_timeline_right_order_is_right(events):
    item = {"kind": "timeline", "answer": events, "choices": list(reversed(events))}
    assert grade(item, events).correct
    assert not grade(item, list(reversed(events))).correct


def test_real_items_grade_their_own_answers(seed_article):
    """On the generated seed items: every answer and accepted answer is right, and no other
    choice of a multiple-choice item is."""
    for item in (i.to_dict() for i in seed_article.items):
        if item["kind"] in ("cloze", "short_answer"):
            for text in [item["answer"], *item["accepted"]]:
                assert grade(item, text).correct, (item["id"], text)
        elif item["kind"] in ("mcq", "true_false"):
            assert grade(item, item["answer"]).correct
            for choice in item["choices"]:
                assert grade(item, choice).correct is (choice == item["answer"])
        elif item["kind"] == "timeline":
            assert grade(item, item["answer"]).correct
        else:
            assert grade(item, [pair[1] for pair in item["answer"]]).correct


def test_real_distractors_are_not_accepted_as_typed():
    """Typing an MCQ distractor into the matching short answer or cloze item is wrong."""
    seed_article = generated("seed")  # every item: the curated set asks each fact once
    by_answer = {}
    for item in seed_article.items:
        if item.kind in ("cloze", "short_answer"):
            by_answer.setdefault(item.answer, item.to_dict())
    checked = 0
    for item in seed_article.items:
        if item.kind == "mcq" and item.answer in by_answer:
            for choice in item.choices:
                if choice != item.answer and normalize(choice) != normalize(item.answer):
                    assert not grade(by_answer[item.answer], choice).correct, (item.id, choice)
                    checked += 1
    assert checked
