"""The student quiz flow through Flask's test client: setup, questions, feedback, score, retake."""

from __future__ import annotations

import re

import pytest

from questions import Article, Item
from quizapp import create_app, schedule, storage

PARAGRAPHS = (
    "Apollo 11 landed on the Moon in 1969. Neil Armstrong was its commander.",
    "The Soviet Union launched Sputnik 1 in 1957. Yuri Gagarin flew in 1961.",
)
ITEMS = (
    Item(id="cloze1", kind="cloze", prompt="Apollo 11 landed on the _____ in 1969.",
         answer="Moon", accepted=("Moon",), source_sentence="Apollo 11 landed on the Moon in 1969.",
         explanation="Apollo 11 landed on the Moon."),
    Item(id="mcq1", kind="mcq", prompt="Who was the commander of Apollo 11?",
         answer="Neil Armstrong",
         choices=("Yuri Gagarin", "Neil Armstrong", "Buzz Aldrin", "Sputnik"),
         source_sentence="Neil Armstrong was its commander."),
    Item(id="tf1", kind="true_false", prompt="Sputnik 1 was launched in 1957.", answer="True",
         choices=("True", "False"), source_sentence="The Soviet Union launched Sputnik 1 in 1957."),
    Item(id="short1", kind="short_answer", prompt="When did Yuri Gagarin fly?", answer="1961",
         accepted=("1961", "in 1961"), source_sentence="Yuri Gagarin flew in 1961."),
    Item(id="time1", kind="timeline", prompt="Put these events in order, earliest first.",
         answer=("Sputnik 1", "Gagarin flies", "Apollo 11"),
         choices=("Apollo 11", "Sputnik 1", "Gagarin flies")),
    Item(id="match1", kind="matching", prompt="Match each person with their role.",
         answer=(("Armstrong", "commander"), ("Gagarin", "cosmonaut")),
         choices=("cosmonaut", "commander")),
)  # fmt: skip


@pytest.fixture
def article_id(db):
    return storage.save_article(db, Article("Space <race>", "space-race", PARAGRAPHS, ITEMS))


def start(client, length="all", kinds=None):
    response = client.post(
        "/articles/space-race/quiz",
        data={"length": length, "kinds": kinds or [i.kind for i in ITEMS]},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    match = re.fullmatch(r"/quiz/([\w-]+)/1", response.location)
    assert match
    return match[1]


def at(client, attempt, item_id):
    """The question number of item_id in the attempt (quizzes are shuffled)."""
    with storage.open_db(client.application.config["DATABASE"]) as db:
        return storage.get_attempt(db, attempt)["item_ids"].index(item_id) + 1


def shown(client, attempt, number):
    page = client.get(f"/quiz/{attempt}/{number}").get_data(as_text=True)
    return re.search(r'name="shown" value="([^"]+)"', page)[1], page


def answer(client, attempt, number, item_id, **fields):
    """Post an answer to question `number` (None: the question that asks item_id)."""
    number = number or at(client, attempt, item_id)
    token, _ = shown(client, attempt, number)
    return client.post(
        f"/quiz/{attempt}/{number}", data={"item_id": item_id, "shown": token, **fields}
    )


def test_home_has_quiz_button(client, article_id):
    page = client.get("/").get_data(as_text=True)
    assert "/articles/space-race/quiz" in page and "Space &lt;race&gt;" in page
    assert 'href="/articles/space-race/deck.apkg"' in page
    assert 'href="/export/quizapp.apkg"' in page


def test_setup_page_lists_kinds_with_counts(client, article_id):
    page = client.get("/articles/space-race/quiz").get_data(as_text=True)
    assert "Multiple choice (1)" in page and "Matching (1)" in page
    assert page.count('type="checkbox"') == 6


def test_setup_needs_a_kind(client, article_id):
    response = client.post("/articles/space-race/quiz", data={"length": "10"})
    assert "Pick at least one kind" in response.get_data(as_text=True)


def test_missing_article_and_attempt_are_404(client, article_id):
    assert client.get("/articles/nope/quiz").status_code == 404
    assert client.get("/quiz/nope/1").status_code == 404
    attempt = start(client)
    assert client.get(f"/quiz/{attempt}/7").status_code == 404
    assert client.get(f"/quiz/{attempt}/0").status_code == 404
    huge = 10**30  # beyond SQLite's integers: was a bare 500
    for url in (f"/quiz/{attempt}/{huge}", f"/quiz/{attempt}/{huge}/feedback"):
        response = client.get(url)
        assert response.status_code == 404 and "Not found" in response.get_data(as_text=True)
    assert client.post(f"/quiz/{attempt}/{huge}", data={"item_id": "x"}).status_code == 404


def test_attempt_fixes_the_chosen_items(client, db, article_id):
    attempt = start(client, kinds=["cloze", "mcq", "timeline"])
    assert sorted(storage.get_attempt(db, attempt)["item_ids"]) == ["cloze1", "mcq1", "time1"]
    attempt = start(client, length="10")
    assert sorted(storage.get_attempt(db, attempt)["item_ids"]) == sorted(i.id for i in ITEMS)


def test_question_shows_right_input(client, article_id):
    attempt = start(client)
    pages = {i.id: shown(client, attempt, at(client, attempt, i.id))[1] for i in ITEMS}
    assert "Question 1 of 6" in shown(client, attempt, 1)[1]
    assert 'type="text"' in pages["cloze1"]
    assert pages["mcq1"].count('type="radio"') == 4 and "<legend" in pages["mcq1"]
    assert pages["tf1"].count('type="radio"') == 2
    assert 'name="response"' in pages["short1"] and 'type="text"' in pages["short1"]
    assert pages["time1"].count("<select") == 3 and 'name="pos-2"' in pages["time1"]
    assert pages["match1"].count("<select") == 2 and "Armstrong" in pages["match1"]
    # The source sentence is not shown before answering.
    assert "Neil Armstrong was its commander." not in pages["mcq1"]


def test_full_quiz(client, db, article_id):
    attempt = start(client)
    answer(client, attempt, None, "cloze1", response="the moon")
    page = client.get(f"/quiz/{attempt}/{at(client, attempt, 'cloze1')}/feedback").get_data(
        as_text=True
    )
    assert "✓ Right" in page
    assert "<mark>Apollo 11 landed on the <strong>Moon</strong> in 1969.</mark>" in page
    assert "Neil Armstrong was its commander." in page  # the whole paragraph
    answer(client, attempt, None, "mcq1", response="Buzz Aldrin")
    page = client.get(f"/quiz/{attempt}/{at(client, attempt, 'mcq1')}/feedback").get_data(
        as_text=True
    )
    assert "Not quite" in page and "Neil Armstrong" in page
    answer(client, attempt, None, "tf1", response="True")
    answer(client, attempt, None, "short1", response="in 1961")
    answer(client, attempt, None, "time1", **{"pos-0": "3", "pos-1": "1", "pos-2": "2"})
    answer(client, attempt, None, "match1", **{"match-0": "cosmonaut", "match-1": "commander"})
    page = client.get(f"/quiz/{attempt}/{at(client, attempt, 'match1')}/feedback")
    assert "Not quite" in page.get_data(as_text=True)
    assert "See your score" in client.get(f"/quiz/{attempt}/6/feedback").get_data(as_text=True)
    rows = storage.answers_for_attempt(db, attempt)
    assert {k: v["correct"] for k, v in rows.items()} == {
        "cloze1": 1, "mcq1": 0, "tf1": 1, "short1": 1, "time1": 1, "match1": 0,
    }  # fmt: skip
    assert all(0 <= row["seconds"] < 60 for row in rows.values())
    assert rows["time1"]["response"] == '["Sputnik 1", "Gagarin flies", "Apollo 11"]'
    page = client.get(f"/quiz/{attempt}/result").get_data(as_text=True)
    assert "Your score: 4 of 6" in page and "Retake the 2 I missed" in page
    assert storage.get_attempt(db, attempt)["finished"]
    response = client.post(f"/quiz/{attempt}/retake")
    retake = re.fullmatch(r"/quiz/([\w-]+)/1", response.location)[1]
    assert sorted(storage.get_attempt(db, retake)["item_ids"]) == ["match1", "mcq1"]


def test_answer_counts_once(client, db, article_id):
    attempt = start(client, kinds=["cloze"])
    token, _ = shown(client, attempt, 1)
    data = {"item_id": "cloze1", "shown": token}
    first = client.post(f"/quiz/{attempt}/1", data={**data, "response": "Mars"})
    second = client.post(f"/quiz/{attempt}/1", data={**data, "response": "Moon"})
    assert first.location == second.location == f"/quiz/{attempt}/1/feedback"
    rows = storage.answers_for_attempt(db, attempt)
    assert len(rows) == 1 and rows["cloze1"]["response"] == "Mars"
    assert "Not quite" in client.get(second.location).get_data(as_text=True)
    # Going back to an answered question shows its feedback, not the form again.
    assert client.get(f"/quiz/{attempt}/1").location.endswith("/1/feedback")


def test_incomplete_answers_ask_again(client, db, article_id):
    attempt = start(client)
    assert "Type an answer" in answer(client, attempt, None, "cloze1").get_data(as_text=True)
    assert "Choose one" in answer(client, attempt, None, "mcq1", response="Mars").get_data(
        as_text=True
    )
    page = answer(client, attempt, None, "time1", **{"pos-0": "1", "pos-1": "1", "pos-2": "2"})
    assert "different position" in page.get_data(as_text=True)
    page = answer(client, attempt, None, "match1", **{"match-0": "cosmonaut"})
    assert "every row" in page.get_data(as_text=True)
    assert storage.answers_for_attempt(db, attempt) == {}


def test_skip_counts_as_wrong(client, db, article_id):
    attempt = start(client)
    answer(client, attempt, None, "time1", skip="1")
    assert storage.answers_for_attempt(db, attempt)["time1"]["correct"] == 0
    page = client.get(f"/quiz/{attempt}/{at(client, attempt, 'time1')}/feedback").get_data(
        as_text=True
    )
    assert "Not quite" in page and "Sputnik 1" in page


def test_answer_for_other_item_is_400(client, article_id, db):
    attempt = start(client, kinds=["cloze"])
    assert answer(client, attempt, 1, "mcq1", response="x").status_code == 400
    assert answer(client, attempt, 1, "nonsense", response="x").status_code == 400
    assert storage.answers_for_attempt(db, attempt) == {}


def test_other_peoples_attempts_are_hidden(app, client, db, article_id, login):
    attempt = start(client)
    assert app.test_client().get(f"/quiz/{attempt}/1").status_code == 404
    ada, bob = login("ada"), login("bob")
    mine = start(ada)
    assert storage.get_attempt(db, mine)["user_id"] is not None
    assert bob.get(f"/quiz/{mine}/1").status_code == 404
    assert bob.post(f"/quiz/{mine}/1", data={"item_id": "cloze1"}).status_code == 404


def test_logged_in_answer_feeds_schedule(client, db, article_id, login):
    login("ada", client=client)
    user_id = storage.get_user_by_name(db, "ada")["id"]
    attempt = start(client)
    answer(client, attempt, None, "cloze1", response="Mars")
    assert storage.get_card(db, user_id, "cloze1") is not None


def test_answer_and_schedule_are_one_transaction(client, db, article_id, monkeypatch, login):
    """If the schedule update fails, the answer is not stored either (the student can send
    it again) instead of an answer whose card never moved."""
    login("ada", client=client)
    attempt = start(client)

    def broken(*args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(schedule, "review_item", broken)
    assert answer(client, attempt, None, "cloze1", response="Mars").status_code == 500
    assert storage.answers_for_attempt(db, attempt) == {}
    monkeypatch.undo()
    assert answer(client, attempt, None, "cloze1", response="Mars").status_code == 302
    assert len(storage.answers_for_attempt(db, attempt)) == 1


def test_forged_timer_is_ignored(client, db, article_id):
    attempt = start(client)
    number = at(client, attempt, "cloze1")
    client.post(
        f"/quiz/{attempt}/{number}", data={"item_id": "cloze1", "shown": "x", "response": "Moon"}
    )
    assert storage.answers_for_attempt(db, attempt)["cloze1"]["seconds"] is None


def test_quiz_post_without_csrf_is_400(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "c.db"), "SECRET_KEY": "k"})
    with storage.open_db(app.config["DATABASE"]) as db:
        storage.save_article(db, Article("Space", "space-race", PARAGRAPHS, ITEMS))
    response = app.test_client().post("/articles/space-race/quiz", data={"length": "10"})
    assert response.status_code == 400


def test_home_pages_the_articles(client, db):
    # 65 articles, newest first, 30 a page: three pages, each article on exactly one.
    for n in range(65):
        storage.save_article(db, Article(f"Article {n:02d}", f"article-{n:02d}", ("x",), ()))
    pages = [client.get(f"/?page={p}").get_data(as_text=True) for p in (1, 2, 3)]
    titles = [re.findall(r"<h2>Article (\d+)</h2>", page) for page in pages]
    assert [len(t) for t in titles] == [30, 30, 5]
    assert [int(n) for t in titles for n in t] == list(range(64, -1, -1))
    assert "Articles 1–30 of 65" in pages[0] and 'href="/?page=2"' in pages[0]
    assert "Page 3 of 3" in pages[2] and 'href="/?page=4"' not in pages[2]


def test_setup_offers_to_continue_an_unfinished_quiz(client, article_id):
    assert "Continue it" not in client.get("/articles/space-race/quiz").get_data(as_text=True)
    attempt = start(client, kinds=["cloze", "mcq"])
    answer(client, attempt, None, "cloze1", response="moon")
    page = client.get("/articles/space-race/quiz").get_data(as_text=True)
    assert "1 of 2" in page and f'href="/quiz/{attempt}/2"' in page
    answer(client, attempt, None, "mcq1", response="Neil Armstrong")
    assert "Continue it" not in client.get("/articles/space-race/quiz").get_data(as_text=True)
    # Another visitor (no session) is not offered someone else's quiz.
    other = client.application.test_client()
    assert "Continue it" not in other.get("/articles/space-race/quiz").get_data(as_text=True)


def test_one_blank_style_on_question_feedback_and_result(client, article_id):
    attempt = start(client, kinds=["cloze"])
    blank = '<span class="blank"><span class="visually-hidden">blank</span></span>'
    question = shown(client, attempt, 1)[1]
    assert f"Apollo 11 landed on the {blank} in 1969." in question and "_____" not in question
    answer(client, attempt, 1, "cloze1", response="Mars")
    for url in (f"/quiz/{attempt}/1/feedback", f"/quiz/{attempt}/result"):
        page = client.get(url).get_data(as_text=True)
        assert blank in page and "_____" not in page and "▁" not in page
