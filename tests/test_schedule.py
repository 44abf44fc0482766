"""The study schedule: FSRS cards stored per student and item, the study queue, quiz answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Card, Rating, Scheduler

from questions import Article, Item
from quizapp import schedule, storage

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def mem():
    """An in-memory database with one article of five cloze items and one student."""
    database = storage.open_db(":memory:")
    items = tuple(
        Item(id=f"item{n}", kind="cloze", prompt=f"Fact _____ {n}.", answer=str(n))
        for n in range(5)
    )
    article_id = storage.save_article(database, Article("Facts", "facts", ("x",), items))
    user_id = storage.create_user(database, "ada", "hash", "student")
    yield database, user_id, article_id
    database.close()


def due_of(database, user_id, item_id) -> datetime:
    return datetime.fromisoformat(storage.get_card(database, user_id, item_id)["due"])


def review_count(database, user_id) -> int:
    return database.execute("SELECT count(*) FROM reviews WHERE user_id = ?", [user_id]).fetchone()[
        0
    ]


def test_good_three_times_is_due_later_each_time(mem):
    database, user, _ = mem
    when, intervals = T0, []
    for _ in range(3):
        assert schedule.review_item(database, user, "item0", 3, when=when)
        due = due_of(database, user, "item0")
        intervals.append(due - when)
        when = due  # review when it falls due
    assert intervals[0] < intervals[1] < intervals[2]
    assert intervals[2] >= timedelta(days=1)


def test_again_makes_it_due_within_the_day(mem):
    database, user, _ = mem
    when = T0
    for _ in range(4):  # graduate the card to review state first
        schedule.review_item(database, user, "item0", 3, when=when)
        when = due_of(database, user, "item0")
    assert due_of(database, user, "item0") - when >= timedelta(0)
    schedule.review_item(database, user, "item0", 1, when=when)
    assert due_of(database, user, "item0") - when < timedelta(days=1)
    schedule.review_item(database, user, "item1", 1, when=T0)
    assert due_of(database, user, "item1") - T0 <= timedelta(minutes=10)


def test_stored_card_matches_fsrs_run_directly(mem):
    """Reloading the card between reviews gives what fsrs computes in memory."""
    database, user, _ = mem
    scheduler = Scheduler(desired_retention=0.9, enable_fuzzing=False)
    card = Card(card_id=1, due=T0)
    when = T0
    for rating in (3, 3, 2, 1, 3, 4):
        card, _ = scheduler.review_card(card, Rating(rating), review_datetime=when)
        schedule.review_item(database, user, "item2", rating, when=when)
        stored = json.loads(storage.get_card(database, user, "item2")["state"])
        assert datetime.fromisoformat(stored["due"]) == card.due
        assert stored["stability"] == pytest.approx(card.stability)
        assert stored["difficulty"] == pytest.approx(card.difficulty)
        when = card.due + timedelta(hours=1)


def test_double_posted_rating_counts_once(mem):
    database, user, _ = mem
    assert schedule.review_item(database, user, "item0", 3, expected_reps=0, when=T0)
    assert not schedule.review_item(database, user, "item0", 3, expected_reps=0, when=T0)
    assert storage.get_card(database, user, "item0")["reps"] == 1
    assert review_count(database, user) == 1
    assert schedule.review_item(database, user, "item0", 3, expected_reps=1, when=T0)
    assert review_count(database, user) == 2


def test_rejects_bad_rating(mem):
    database, user, _ = mem
    with pytest.raises(ValueError):
        schedule.review_item(database, user, "item0", 5, when=T0)


def test_queue_due_first_then_new_in_rank_order(mem):
    database, user, article = mem
    queue = schedule.next_card(database, user, article, now=T0)
    assert queue.item.id == "item0" and queue.new_count == 5 and queue.due_count == 0
    schedule.review_item(database, user, "item3", 3, when=T0)  # due at T0 + 10 min
    later = T0 + timedelta(minutes=30)
    queue = schedule.next_card(database, user, article, now=later)
    assert queue.item.id == "item3" and queue.due_count == 1 and queue.reps == 1
    assert queue.new_count == 4


def test_daily_new_limit_and_nothing_due_until(mem):
    database, user, article = mem
    for n in range(2):
        item = schedule.next_card(database, user, article, now=T0, new_limit=2).item
        assert item.id == f"item{n}"
        schedule.review_item(database, user, item.id, 4, when=T0)  # Easy: due in days
    queue = schedule.next_card(database, user, article, now=T0, new_limit=2)
    assert queue.item is None and queue.new_count == 0
    assert queue.next_due == datetime(2026, 3, 3, tzinfo=UTC)  # new cards again tomorrow
    queue = schedule.next_card(database, user, article, now=T0 + timedelta(days=1), new_limit=2)
    assert queue.item.id == "item2" and queue.new_count == 2


def test_nothing_due_reports_earliest_due_card(mem):
    database, user, article = mem
    for n in range(5):
        schedule.review_item(database, user, f"item{n}", 4, when=T0 + timedelta(minutes=n))
    queue = schedule.next_card(database, user, article, now=T0 + timedelta(minutes=5))
    assert queue.item is None and queue.seen == 5 and queue.total == 5
    assert queue.next_due == due_of(database, user, "item0")
    assert queue.next_due > T0 + timedelta(days=1)


def test_learning_cards_are_shown_ahead_when_nothing_else(mem):
    database, user, article = mem
    for n in range(5):
        schedule.review_item(database, user, f"item{n}", 4, when=T0)
    schedule.review_item(database, user, "item0", 1, expected_reps=1, when=T0)  # due in 10 min
    queue = schedule.next_card(database, user, article, now=T0 + timedelta(seconds=5))
    assert queue.item.id == "item0" and queue.due_count == 0


def test_quiz_answers_feed_the_schedule(mem):
    database, user, _ = mem
    schedule.record_quiz_answer(database, user, "item0", False, when=T0)
    schedule.record_quiz_answer(database, user, "item1", True, when=T0)
    assert due_of(database, user, "item0") - T0 <= timedelta(minutes=1)
    assert due_of(database, user, "item1") - T0 == timedelta(minutes=10)
    rows = list(database.query("SELECT item_id, rating, source FROM reviews ORDER BY item_id"))
    assert rows == [
        {"item_id": "item0", "rating": 1, "source": "quiz"},
        {"item_id": "item1", "rating": 3, "source": "quiz"},
    ]


def test_naive_times_are_utc(mem):
    database, user, _ = mem
    schedule.record_quiz_answer(database, user, "item0", True, when=T0.replace(tzinfo=None))
    assert due_of(database, user, "item0") == T0 + timedelta(minutes=10)


def test_desired_retention_comes_from_config(app, db):
    items = (Item(id="x1", kind="cloze", prompt="_____ x.", answer="x"),)
    storage.save_article(db, Article("X", "x", ("x",), items))
    user = storage.create_user(db, "bob", "hash", "student")

    def interval_after_easy(retention: float) -> timedelta:
        db.execute("DELETE FROM cards")
        app.config["STUDY_DESIRED_RETENTION"] = retention
        with app.app_context():
            schedule.review_item(db, user, "x1", 4, when=T0)
        return due_of(db, user, "x1") - T0

    assert interval_after_easy(0.97) < interval_after_easy(0.9) < interval_after_easy(0.8)


def test_card_ids_are_stable_and_distinct():
    assert schedule.card_id_for(1, "abc") == schedule.card_id_for(1, "abc")
    assert schedule.card_id_for(1, "abc") != schedule.card_id_for(2, "abc")
    assert 0 < schedule.card_id_for(1, "abc") < 2**63


def test_format_interval():
    assert schedule.format_interval(timedelta(seconds=30)) == "<1 min"
    assert schedule.format_interval(timedelta(minutes=10)) == "10 min"
    assert schedule.format_interval(timedelta(hours=5)) == "5 h"
    assert schedule.format_interval(timedelta(days=3)) == "3 d"
    assert schedule.format_interval(timedelta(days=400)) == "1.1 y"


def test_migrations_apply_twice(tmp_path):
    path = tmp_path / "twice.db"
    storage.open_db(path).close()
    database = storage.open_db(path)
    assert {"cards", "reviews"} <= set(database.table_names())
    database.close()
