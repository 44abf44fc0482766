"""Progress pages through the test client: the student's own page, the teacher's statistics."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from questions import Article, Item
from quizapp import schedule, storage
from tests.conftest import add_user

ITEMS = (
    Item(id="q1", kind="cloze", prompt="Gagarin flew in _____.", answer="1961"),
    Item(
        id="q2",
        kind="mcq",
        prompt="Who walked on the Moon first?",
        answer="Armstrong",
        choices=("Aldrin", "Armstrong", "Collins", "Gagarin"),
    ),
    Item(id="q3", kind="short_answer", prompt="Which mission landed first?", answer="Apollo 11"),
)
# The grid of tests/test_stats.py: q3 has negative discrimination, q2's distractor Aldrin
# drew two of four answers.
GRID = {"s1": (1, 1, 0), "s2": (1, 1, 1), "s3": (1, 0, 1), "s4": (0, 0, 1)}
Q2 = {"s1": "Armstrong", "s2": "Armstrong", "s3": "Aldrin", "s4": "Aldrin"}


def make_user(db, name: str, role: str = "student") -> int:
    return add_user(db, name, role)


def page(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def article_id(db):
    return storage.save_article(db, Article("Space <race>", "space", ("x",), ITEMS))


def answer_quizzes(db, article_id: int) -> None:
    """Each student of GRID takes one quiz of the three items, through storage."""
    for name, scores in GRID.items():
        user = make_user(db, name)
        attempt = storage.create_attempt(db, article_id, user, ["q1", "q2", "q3"], ["cloze"])
        for item_id, right in zip(("q1", "q2", "q3"), scores, strict=True):
            response = Q2[name] if item_id == "q2" else "x"
            storage.save_answer(db, attempt, user, item_id, response, bool(right), 3.0)
        storage.finish_attempt(db, attempt)


def test_progress_needs_login(client):
    response = client.get("/progress")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_student_sees_seen_right_mastered_and_due(client, db, article_id, login, noon):
    user = make_user(db, "ada")
    now = schedule.utcnow()
    schedule.review_item(db, user, "q1", 3, when=now)  # right, due in 10 minutes
    schedule.review_item(db, user, "q2", 1, when=now)  # wrong, due in a minute
    # q3 was learnt long ago: Easy, then Easy again when due, twice -> stability over 21 days.
    when = now - timedelta(days=400)
    for _ in range(3):
        schedule.review_item(db, user, "q3", 4, when=when)
        when = datetime_of_due(db, user, "q3")
    login("ada", client=client)
    html = page(client.get("/progress"))
    row = re.search(r'<tr data-slug="space">(.*?)</tr>', html, re.S).group(1)
    assert "Space &lt;race&gt;" in row
    assert re.search(r'class="num seen">3 of 3<', row)
    assert re.search(r'class="num right">80%<', row)  # 4 of 5 reviews rated above Again
    assert re.search(r'class="num mastered">1<', row)
    assert re.search(r'class="num due">2<', row)  # q1 and q2 are due today
    assert html.count("<svg") == 2 and "Reviews per day" in html
    assert "style=" not in html


def datetime_of_due(db, user, item_id):
    return datetime.fromisoformat(storage.get_card(db, user, item_id)["due"])


def test_student_page_without_reviews_says_no_data(client, db, article_id, login):
    login("bob", client=client)
    html = page(client.get("/progress"))
    assert re.search(r'class="num seen">0 of 3<', html)
    assert html.count("No data yet") >= 2


def test_article_stats_is_for_teachers_only(client, db, article_id, login):
    login("stu", client=client)
    assert client.get("/teach/articles/space/stats").status_code == 403
    client.post("/auth/logout")
    assert client.get("/teach/articles/space/stats").status_code == 302


def test_teacher_sees_item_statistics(client, db, article_id, login):
    answer_quizzes(db, article_id)
    login("teach", "teacher", client=client)
    html = page(client.get("/teach/articles/space/stats"))
    assert "4 attempts, mean score 67%" in html  # (2 + 3 + 2 + 1) right of 4 x 3 asked
    q1 = re.search(r'<tr id="stats-q1"[^>]*>(.*?)</tr>', html, re.S).group(1)
    q3 = re.search(r'<tr id="stats-q3"[^>]*>(.*?)</tr>', html, re.S).group(1)
    assert re.search(r'class="num facility">75%<', q1)
    assert re.search(r'class="num discrimination">\+0.33<', q1)
    assert re.search(r'class="num discrimination">-0.52<', q3)
    assert re.search(r'<tr id="stats-q3" class="flagged"', html)
    assert "Aldrin: 2" in html and "Armstrong: 2" in html
    flagged = re.search(r'<ul id="flagged-items">(.*?)</ul>', html, re.S).group(1)
    assert "Which mission landed first?" in flagged and "Negative discrimination" in flagged
    assert "Gagarin flew" not in flagged
    assert html.count("<svg") == 1 and "style=" not in html


def test_article_stats_missing_article_is_404(client, db, login):
    login("teach", "teacher", client=client)
    assert client.get("/teach/articles/nope/stats").status_code == 404


def test_article_stats_without_answers(client, db, article_id, login):
    login("teach", "teacher", client=client)
    html = page(client.get("/teach/articles/space/stats"))
    assert "No quiz attempts yet" in html and "flagged-items" not in html


def test_article_stats_pages_the_answered_items(client, db, login):
    # 120 items, the first 60 and item 119 answered by three students (item 119 always wrong,
    # so it is flagged): 61 answered rows over two pages, the flag listed on every page.
    items = tuple(
        Item(id=f"i{n:03d}", kind="cloze", prompt=f"Question number {n} _____.", answer="x")
        for n in range(120)
    )
    article_id = storage.save_article(db, Article("Long", "long", ("x",), items))
    answered = [f"i{n:03d}" for n in range(60)] + ["i119"]
    for name in ("s1", "s2", "s3"):
        user = make_user(db, name)
        attempt = storage.create_attempt(db, article_id, user, answered, ["cloze"])
        for item_id in answered:
            storage.save_answer(db, attempt, user, item_id, "x", item_id != "i119", 2.0)
    login("teach", "teacher", client=client)
    first = page(client.get("/teach/articles/long/stats"))
    assert first.count('<tr id="stats-') == 50 and 'id="stats-i049"' in first
    assert "Page 1 of 2" in first and "/teach/articles/long/stats?page=2" in first
    assert "59 of 120 items have no answers yet." in first
    flagged = re.search(r'<ul id="flagged-items">(.*?)</ul>', first, re.S).group(1)
    assert "Question number 119" in flagged
    second = page(client.get("/teach/articles/long/stats?page=2"))
    rows = re.findall(r'<tr id="stats-(i\d+)"', second)
    assert rows == [f"i{n:03d}" for n in range(50, 60)] + ["i119"]
    assert "Page 2 of 2" in second and "?page=1" in second and "?page=3" not in second
    # Out of range or not a number: the nearest page, never an error.
    assert "Page 2 of 2" in page(client.get("/teach/articles/long/stats?page=99"))
    assert "Page 1 of 2" in page(client.get("/teach/articles/long/stats?page=x"))


def test_only_students_answers_count(app, client, db, article_id, login):
    """Anonymous visitors and a teacher trying the quiz out change no teacher's figure (issue
    15: six anonymous quizzes had raised eight "items to check" flags)."""
    answer_quizzes(db, article_id)
    login("teach", "teacher", client=client)
    urls = (
        "/teach/articles/space/stats",
        "/teach/articles/space/results",
        "/teach/articles/space",
    )
    before = [page(client.get(url)) for url in urls]
    teacher_id = storage.get_user_by_name(db, "teach")["id"]
    for user in (None, None, None, teacher_id):
        attempt = storage.create_attempt(db, article_id, user, ["q1", "q2", "q3"], ["cloze"])
        for item_id in ("q1", "q2", "q3"):
            storage.save_answer(db, attempt, user, item_id, "Gagarin", item_id == "q3", 1.0)
        storage.finish_attempt(db, attempt)
    after = [page(client.get(url)) for url in urls]
    # The pages differ only in their CSRF tokens.
    strip = lambda html: re.sub(r'value="[^"]{40,}"', "", html)  # noqa: E731
    assert [strip(html) for html in after] == [strip(html) for html in before]
    assert "4 attempts, mean score 67%" in after[0]


def test_a_students_home_shows_the_last_score_and_cards_due(client, db, login, noon):
    items = tuple(
        Item(id=f"h{n}", kind="cloze", prompt=f"Fact _____ {n}.", answer=f"a{n}",
             source_sentence=f"Fact a{n} {n}.")
        for n in range(3)
    )  # fmt: skip
    article_id = storage.save_article(db, Article("Home", "home", ("Text.",), items))
    login("ada", client=client)
    user_id = storage.get_user_by_name(db, "ada")["id"]
    assert "Last quiz" not in client.get("/").get_data(as_text=True)
    attempt = storage.create_attempt(db, article_id, user_id, ["h0", "h1", "h2"], ["cloze"])
    for n, right in ((0, True), (1, False)):
        storage.save_answer(db, attempt, user_id, f"h{n}", "x", right, 1.0)
        schedule.record_quiz_answer(db, user_id, f"h{n}", right)
    page = client.get("/").get_data(as_text=True)
    assert "Last quiz: <strong>1 of 3</strong>" in page
    assert "<strong>2</strong> cards due" in page  # both in learning steps today
    other = client.application.test_client()
    assert "Last quiz" not in other.get("/").get_data(as_text=True)
