"""Item statistics in Moodle's terms, as pure functions over answer rows.

Which answers count: each student's *first* answer to each item (a student is a logged-in user,
or one anonymous attempt). Later answers to the same item are practice and are left out, as
Moodle's "first attempt" analysis does.

- Facility index F_i: the share of those first answers that are right (0..1; Moodle shows %).
- Discrimination index D_i: Moodle's item-versus-rest-of-test correlation. For every student s
  who answered item i and at least one other item, x_s = 1 if s got i right else 0, and
  y_s = the share of s's other items answered right (the rest of the test, so the item is not
  correlated with itself). D_i is Pearson's r between x and y:

      D_i = sum((x_s - mean x)(y_s - mean y)) / sqrt(sum((x_s - mean x)^2) sum((y_s - mean y)^2))

  With every student answering every item, y is the rest-of-test score divided by a constant,
  so this equals Moodle's r(item, total - item). Undefined (None) when x or y do not vary.
- Distractor counts: for multiple-choice items, how many first answers chose each choice.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from quizapp.kinds import kind_named
from quizapp.storage import StoredItem

# Below this many students an item is not flagged: a couple of answers say nothing.
MIN_STUDENTS = 3
# Multiple choice: facility below this while one distractor draws at least as many answers as
# the key suggests a wrong key or a misleading distractor.
LOW_FACILITY = 0.3
# Other kinds: facility below this suggests a wrong answer or missing accepted alternatives.
VERY_LOW_FACILITY = 0.2


@dataclass(frozen=True)
class ItemStats:
    """The statistics of one item."""

    item_id: str
    students: int
    facility: float | None
    discrimination: float | None
    choices: tuple[tuple[str, int, bool], ...]  # (choice, times chosen, is the answer)
    flags: tuple[str, ...]


def share(part: float, whole: float) -> float | None:
    """part / whole, or None when whole is 0."""
    return part / whole if whole else None


def first_answers(answers: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Mapping[str, Any]]]:
    """student -> item_id -> that student's first answer, from rows given oldest first."""
    firsts: dict[str, dict[str, Mapping[str, Any]]] = {}
    for row in answers:
        firsts.setdefault(row["student"], {}).setdefault(row["item_id"], row)
    return firsts


def score_matrix(
    firsts: Mapping[str, Mapping[str, Mapping[str, Any]]],
) -> dict[str, dict[str, int]]:
    """student -> item_id -> 1 or 0 for right or wrong first answers."""
    return {
        student: {item_id: 1 if row["correct"] else 0 for item_id, row in items.items()}
        for student, items in firsts.items()
    }


def facility(matrix: Mapping[str, Mapping[str, int]], item_id: str) -> float | None:
    """The share of students' first answers to item_id that are right (None: no answers)."""
    scores = [items[item_id] for items in matrix.values() if item_id in items]
    return share(sum(scores), len(scores))


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's correlation coefficient, or None when either side does not vary."""
    n = len(xs)
    if n < 2 or n != len(ys):
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


def discrimination(
    matrix: Mapping[str, Mapping[str, int]],
    item_id: str,
    totals: Mapping[str, int] | None = None,
) -> float | None:
    """Correlation of item_id's score with the share right on the rest of each student's items.

    totals (each student's right answers, from student_totals) saves summing per item.
    """
    totals = totals if totals is not None else student_totals(matrix)
    xs: list[float] = []
    ys: list[float] = []
    for student, items in matrix.items():
        if item_id in items and len(items) > 1:
            score = items[item_id]
            xs.append(score)
            ys.append((totals[student] - score) / (len(items) - 1))
    return pearson(xs, ys)


def student_totals(matrix: Mapping[str, Mapping[str, int]]) -> dict[str, int]:
    """Each student's number of right first answers."""
    return {student: sum(items.values()) for student, items in matrix.items()}


def choice_counts(
    choices: Sequence[str], answer: str, responses: Iterable[str | None]
) -> tuple[tuple[str, int, bool], ...]:
    """How often each choice was picked; anything else (blank, stale) counts as "(other)"."""
    counts = dict.fromkeys(choices, 0)
    other = 0
    for response in responses:
        key = (response or "").strip()
        if key in counts:
            counts[key] += 1
        else:
            other += 1
    rows = [(choice, count, choice == answer) for choice, count in counts.items()]
    if other:
        rows.append(("(other)", other, False))
    return tuple(rows)


def item_flags(
    picks_choice: bool,
    students: int,
    facility_index: float | None,
    discrimination_index: float | None,
    choices: Sequence[tuple[str, int, bool]],
) -> tuple[str, ...]:
    """Why an item looks broken (empty when it looks fine or has too few answers)."""
    if students < MIN_STUDENTS or facility_index is None:
        return ()
    flags = []
    if discrimination_index is not None and discrimination_index < 0:
        flags.append(
            "Negative discrimination: students who did well on the rest got this one wrong "
            "more often. Check the answer."
        )
    if picks_choice:
        right = sum(count for _, count, is_answer in choices if is_answer)
        pulls = [(count, choice) for choice, count, is_answer in choices if not is_answer]
        top_count, top_choice = max(pulls, default=(0, ""))
        if facility_index < LOW_FACILITY and top_count >= max(right, 1):
            flags.append(
                f"Low facility, and the distractor \u201c{top_choice}\u201d drew "
                f"{top_count} answers against {right} for the key. Check the key."
            )
    elif facility_index < VERY_LOW_FACILITY:
        flags.append("Very low facility: check the answer and the accepted alternatives.")
    return tuple(flags)


def answers_by_item(
    answers: Iterable[Mapping[str, Any]],
) -> dict[str, list[tuple[int, float | None, Any]]]:
    """item_id -> (score, share right on the student's other items or None, response) for each
    student's first answer, students in the order facility() and discrimination() visit them.

    One pass over the first answers, so statistics grow with the answers and the items, not
    with their product (10,000 items x 50 students took 0.2 s item by item).
    """
    firsts = first_answers(answers)
    matrix = score_matrix(firsts)
    totals = student_totals(matrix)
    by_item: dict[str, list[tuple[int, float | None, Any]]] = {}
    for student, scores in matrix.items():
        rest = len(scores) - 1
        for item_id, score in scores.items():
            other = (totals[student] - score) / rest if rest else None
            by_item.setdefault(item_id, []).append(
                (score, other, firsts[student][item_id]["response"])
            )
    return by_item


def statistics_of(item: StoredItem, seen: Sequence[tuple[int, float | None, Any]]) -> ItemStats:
    """One item's statistics from its entry of answers_by_item."""
    responses = [response for _, _, response in seen]
    choices: tuple[tuple[str, int, bool], ...] = ()
    picks_choice = kind_named(item.kind).picks_choice
    if picks_choice and isinstance(item.answer, str):
        choices = choice_counts([str(c) for c in item.choices], item.answer, responses)
    fac = share(sum(score for score, _, _ in seen), len(seen))
    disc = None
    if len(seen) > 1:
        pairs = [(score, other) for score, other, _ in seen if other is not None]
        disc = pearson([x for x, _ in pairs], [y for _, y in pairs])
    return ItemStats(
        item_id=item.id,
        students=len(responses),
        facility=fac,
        discrimination=disc,
        choices=choices,
        flags=item_flags(picks_choice, len(responses), fac, disc, choices),
    )


def item_statistics(
    items: Iterable[StoredItem], answers: Iterable[Mapping[str, Any]]
) -> list[ItemStats]:
    """Statistics for each item, from answer rows (student, item_id, correct, response)."""
    by_item = answers_by_item(answers)
    return [statistics_of(item, by_item.get(item.id, ())) for item in items]


Row = tuple[StoredItem, ItemStats]


def items_to_show(
    item_ids: Sequence[str], answers: Iterable[Mapping[str, Any]], start: int, stop: int
) -> list[str]:
    """The ids a page of statistics needs, in order: item_ids[start:stop], and every item with
    enough students to be flagged (items with fewer than MIN_STUDENTS never are)."""
    students = Counter(item_id for items in first_answers(answers).values() for item_id in items)
    return [
        item_id
        for index, item_id in enumerate(item_ids)
        if start <= index < stop or students[item_id] >= MIN_STUDENTS
    ]


def page_statistics(
    items: Sequence[StoredItem],
    answers: Iterable[Mapping[str, Any]],
    page_ids: Collection[str],
) -> tuple[list[Row], list[Row]]:
    """(item, statistics) for the items whose ids are in page_ids, and for every flagged item
    of the list; only those and the items with enough students to be flagged are computed."""
    by_item = answers_by_item(answers)
    rows: list[Row] = []
    flagged: list[Row] = []
    for item in items:
        seen = by_item.get(item.id, ())
        on_page = item.id in page_ids
        if on_page or len(seen) >= MIN_STUDENTS:
            item_stats = statistics_of(item, seen)
            if on_page:
                rows.append((item, item_stats))
            if item_stats.flags:
                flagged.append((item, item_stats))
    return rows, flagged


def attempt_score(asked: int | None, answered: int, right: int) -> float:
    """An attempt's score, 0..1: right answers over the items asked (or answered, if more)."""
    return right / max(asked or 0, answered, 1)


def histogram(values: Iterable[float], bins: int = 10) -> list[int]:
    """Counts of values in 0..1 over equal bins; 1.0 falls in the last bin."""
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, max(0, int(round(value * bins, 9))))] += 1
    return counts


def daily_series(
    rows: Iterable[Mapping[str, Any]], first_day: date, days: int
) -> tuple[list[str], list[int], list[float | None]]:
    """Day labels ("MM-DD"), reviews per day and share right per day (None: no reviews).

    rows carry day ("YYYY-MM-DD"), reviews and n_right, as storage.reviews_by_day gives them.
    """
    by_day = {row["day"]: row for row in rows}
    labels: list[str] = []
    counts: list[int] = []
    accuracy: list[float | None] = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        row = by_day.get(day.isoformat())
        labels.append(day.strftime("%m-%d"))
        counts.append(row["reviews"] if row else 0)
        accuracy.append(share(row["n_right"], row["reviews"]) if row else None)
    return labels, counts, accuracy
