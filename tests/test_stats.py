"""Item statistics against values computed by hand on a small fixture."""

from __future__ import annotations

import math
import random
from datetime import date

import pytest

from quizapp import stats
from quizapp.storage import StoredItem


def item_of(**fields) -> StoredItem:
    """A stored item with just what the statistics read."""
    return StoredItem(prompt="", **{**fields, "choices": tuple(fields.get("choices", ()))})


# Four students, three items; first answers (1 right, 0 wrong):
#
#          q1  q2  q3
#     s1    1   1   0
#     s2    1   1   1
#     s3    1   0   1
#     s4    0   0   1
#
# Facility: q1 3/4 = 0.75, q2 2/4 = 0.5, q3 3/4 = 0.75.
#
# Discrimination, x = item score, y = share right on the student's two other items:
# q1: x = [1,1,1,0], y = [.5, 1, .5, .5]; mean x = .75, mean y = .625
#     dx = [.25,.25,.25,-.75], dy = [-.125,.375,-.125,-.125]
#     Sxy = -.03125 + .09375 - .03125 + .09375 = .125; Sxx = .75; Syy = 3(.015625)+.140625 = .1875
#     r = .125 / sqrt(.75 * .1875) = .125 / .375 = 1/3
# q2: x = [1,1,0,0], y = [.5, 1, 1, .5]; mean x = .5, mean y = .75
#     dx = [.5,.5,-.5,-.5], dy = [-.25,.25,.25,-.25]; Sxy = -.125+.125-.125+.125 = 0 -> r = 0
# q3: x = [0,1,1,1], y = [1, 1, .5, 0]; mean x = .75, mean y = .625
#     dx = [-.75,.25,.25,.25], dy = [.375,.375,-.125,-.625]
#     Sxy = -.28125 + .09375 - .03125 - .15625 = -.375; Sxx = .75
#     Syy = .140625 + .140625 + .015625 + .390625 = .6875
#     r = -.375 / sqrt(.75 * .6875) = -.375 / .7180703 = -0.5222330
GRID = {"s1": (1, 1, 0), "s2": (1, 1, 1), "s3": (1, 0, 1), "s4": (0, 0, 1)}
# q2 is multiple choice; the key is "Armstrong". s3 and s4 chose "Aldrin".
Q2_RESPONSES = {"s1": "Armstrong", "s2": "Armstrong", "s3": "Aldrin", "s4": "Aldrin"}
ITEMS = [
    item_of(id="q1", kind="cloze", answer="1969", choices=[]),
    item_of(
        id="q2",
        kind="mcq",
        answer="Armstrong",
        choices=["Aldrin", "Armstrong", "Collins", "Gagarin"],
    ),
    item_of(id="q3", kind="short_answer", answer="Apollo 11", choices=[]),
]


def fixture_answers() -> list[dict]:
    rows = []
    for student, scores in GRID.items():
        for item_id, right in zip(("q1", "q2", "q3"), scores, strict=True):
            response = Q2_RESPONSES[student] if item_id == "q2" else "x"
            rows.append(
                {"student": student, "item_id": item_id, "correct": right, "response": response}
            )
    # A later retry by s4 is practice: it must not change the first-answer statistics.
    rows.append({"student": "s4", "item_id": "q1", "correct": 1, "response": "1969"})
    rows.append({"student": "s4", "item_id": "q2", "correct": 1, "response": "Armstrong"})
    return rows


@pytest.fixture
def by_id():
    return {row.item_id: row for row in stats.item_statistics(ITEMS, fixture_answers())}


def test_facility_by_hand(by_id):
    assert by_id["q1"].facility == pytest.approx(0.75)
    assert by_id["q2"].facility == pytest.approx(0.5)
    assert by_id["q3"].facility == pytest.approx(0.75)
    assert {row.students for row in by_id.values()} == {4}


def test_discrimination_by_hand(by_id):
    assert by_id["q1"].discrimination == pytest.approx(1 / 3)
    assert by_id["q2"].discrimination == pytest.approx(0.0, abs=1e-12)
    assert by_id["q3"].discrimination == pytest.approx(-0.5222330, abs=1e-6)


def test_distractor_counts(by_id):
    assert by_id["q2"].choices == (
        ("Aldrin", 2, False),
        ("Armstrong", 2, True),
        ("Collins", 0, False),
        ("Gagarin", 0, False),
    )
    assert by_id["q1"].choices == ()


def test_negative_discrimination_is_flagged(by_id):
    assert by_id["q1"].flags == () and by_id["q2"].flags == ()
    assert len(by_id["q3"].flags) == 1 and "Negative discrimination" in by_id["q3"].flags[0]


def test_distractor_pulling_more_than_the_key_is_flagged():
    item = item_of(id="m", kind="mcq", answer="A", choices=["A", "B", "C", "D"])
    responses = ["A", "B", "B", "B", "C"]
    rows = [
        {"student": f"s{n}", "item_id": "m", "correct": int(r == "A"), "response": r}
        for n, r in enumerate(responses)
    ]
    (result,) = stats.item_statistics([item], rows)
    assert result.facility == pytest.approx(0.2)
    assert result.discrimination is None  # nobody answered another item
    assert len(result.flags) == 1 and "\u201cB\u201d drew 3 answers against 1" in result.flags[0]


def test_few_students_are_never_flagged():
    item = item_of(id="c", kind="cloze", answer="x", choices=[])
    rows = [{"student": "s1", "item_id": "c", "correct": 0, "response": "y"}]
    (result,) = stats.item_statistics([item], rows)
    assert result.facility == 0 and result.flags == ()
    assert stats.item_statistics([item], [])[0].facility is None


def test_very_low_facility_on_other_kinds_is_flagged():
    item = item_of(id="c", kind="cloze", answer="x", choices=[])
    rows = [{"student": f"s{n}", "item_id": "c", "correct": 0, "response": "y"} for n in range(5)]
    (result,) = stats.item_statistics([item], rows)
    assert result.flags and "Very low facility" in result.flags[0]


def test_stale_responses_count_as_other():
    counts = stats.choice_counts(["A", "B"], "A", ["A", " B ", "Z", None])
    assert counts == (("A", 1, True), ("B", 1, False), ("(other)", 2, False))


def test_pearson_matches_textbook_example():
    # x = 1..5, y = 2,4,5,4,5: Sxy = 6, Sxx = 10, Syy = 6 -> r = 6 / sqrt(60) = 0.7745967
    assert stats.pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]) == pytest.approx(6 / math.sqrt(60))
    assert stats.pearson([1, 1, 1], [1, 2, 3]) is None


def test_attempt_scores_and_histogram():
    assert stats.attempt_score(10, 10, 7) == pytest.approx(0.7)
    assert stats.attempt_score(10, 4, 4) == pytest.approx(0.4)  # unanswered items count wrong
    assert stats.attempt_score(None, 0, 0) == 0
    assert stats.histogram([0, 0.05, 0.3, 0.7, 0.99, 1.0], bins=10) == [
        2,
        0,
        0,
        1,
        0,
        0,
        0,
        1,
        0,
        2,
    ]


def test_daily_series_fills_missing_days():
    rows = [
        {"day": "2026-03-01", "reviews": 4, "n_right": 3},
        {"day": "2026-03-03", "reviews": 2, "n_right": 0},
    ]
    labels, counts, accuracy = stats.daily_series(rows, date(2026, 3, 1), 4)
    assert labels == ["03-01", "03-02", "03-03", "03-04"]
    assert counts == [4, 0, 2, 0]
    assert accuracy == [0.75, None, 0.0, None]


def test_item_statistics_agree_with_the_per_item_functions():
    # A larger random class: item_statistics (one pass) gives what facility() and
    # discrimination() give item by item, in any order of the rows' items.
    rng = random.Random(7)
    items = [
        item_of(id=f"i{n}", kind="mcq" if n % 3 == 0 else "cloze", answer="A", choices="AB")
        for n in range(30)
    ]
    rows = []
    for s in range(25):
        for item in rng.sample(items, rng.randint(1, 12)):
            right = int(rng.random() < 0.6)
            rows.append(
                {
                    "student": f"s{s}",
                    "item_id": item.id,
                    "correct": right,
                    "response": "AB"[1 - right],
                }
            )
    matrix = stats.score_matrix(stats.first_answers(rows))
    for result in stats.item_statistics(items, rows):
        assert result.facility == stats.facility(matrix, result.item_id)
        assert result.discrimination == stats.discrimination(matrix, result.item_id)
        assert result.students == sum(result.item_id in scores for scores in matrix.values())


def test_page_statistics_are_the_slice_and_the_flags_of_the_whole_list():
    items = [item_of(id=f"i{n}", kind="cloze", answer="x", choices=[]) for n in range(12)]
    # i0..i3 answered by four students, always wrong on i3 and i9 (flagged: very low
    # facility); i4..i11 by one student only (never flagged).
    rows = [
        {"student": f"s{s}", "item_id": f"i{n}", "correct": int(n not in (3, 9)), "response": "x"}
        for s in range(4)
        for n in (0, 1, 2, 3, 9)
    ] + [{"student": "s9", "item_id": f"i{n}", "correct": 0, "response": "y"} for n in range(12)]
    everything = list(zip(items, stats.item_statistics(items, rows), strict=True))
    ids = [item.id for item in items]
    assert stats.items_to_show(ids, rows, 5, 10) == ["i0", "i1", "i2", "i3"] + ids[5:10]
    page, flagged = stats.page_statistics(items, rows, set(ids[5:10]))
    assert page == everything[5:10]
    assert flagged == [row for row in everything if row[1].flags]
    assert [item.id for item, _ in flagged] == ["i3", "i9"]
