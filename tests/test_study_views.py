"""Study mode through the test client: login, flip, rate, double posts, the done page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from questions import Article, Item
from quizapp import create_app, schedule, storage

ITEMS = (
    Item(
        id="c1",
        kind="cloze",
        prompt="Gagarin flew in _____.",
        answer="1961",
        accepted=("1961",),
        source_sentence="Gagarin flew in 1961.",
    ),
    Item(
        id="m1",
        kind="mcq",
        prompt="Who walked on the Moon first?",
        answer="Armstrong",
        choices=("Aldrin", "Armstrong", "<b>Collins</b>", "Gagarin"),
        source_sentence="Armstrong walked first.",
    ),
    Item(
        id="t1",
        kind="timeline",
        prompt="Put these events in order, earliest first.",
        answer=["Sputnik", "Vostok 1", "Apollo 11"],
        choices=("Apollo 11", "Sputnik", "Vostok 1"),
    ),
    Item(
        id="p1",
        kind="matching",
        prompt="Match each person with their role.",
        answer=[["Armstrong", "commander"], ["Collins", "pilot"]],
        choices=("pilot", "commander"),
    ),
)


@pytest.fixture
def student(db, client, login):
    """A logged-in student and a four-item article."""
    storage.save_article(db, Article("Space race", "space", ("x",), ITEMS))
    login("stu", client=client)
    return storage.get_user_by_name(db, "stu")["id"]


def page(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def shown_card(html: str) -> tuple[str, str]:
    item_id = re.search(r'name="item_id" type="hidden" value="([^"]+)"', html)
    reps = re.search(r'name="reps" type="hidden" value="(\d+)"', html)
    return item_id.group(1), reps.group(1)


def test_study_needs_login(client, db):
    storage.save_article(db, Article("Space race", "space", ("x",), ITEMS))
    response = client.get("/articles/space/study")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_missing_article_is_404(client, student):
    assert client.get("/articles/nope/study").status_code == 404


def test_front_hides_the_back_until_flipped(client, student):
    html = page(client.get("/articles/space/study"))
    assert 'Gagarin flew in <span class="blank">' in html and "_____" not in html
    assert re.search(r'id="card-back"[^>]*hidden', html)
    assert re.search(r'id="ratings"[^>]*hidden', html)
    assert 'src="/static/study.js"' in html and "style=" not in html
    item_id, reps = shown_card(html)
    assert (item_id, reps) == ("c1", "0")
    flipped = page(client.post("/articles/space/study", data={"item_id": "c1", "reps": "0"}))
    assert not re.search(r'id="card-back"[^>]*hidden', flipped)
    assert "<mark>1961</mark>" in flipped  # the source sentence with the answer marked
    assert re.search(r'id="flip-actions"[^>]*hidden', flipped)
    for label in ("Again", "Hard", "Good", "Easy"):
        assert label in flipped


def test_rating_moves_to_the_next_card_and_is_stored(client, student, db):
    response = client.post(
        "/articles/space/study", data={"item_id": "c1", "reps": "0", "rating": 3}
    )
    assert response.status_code == 302
    html = page(client.get("/articles/space/study"))
    assert shown_card(html) == ("m1", "0")
    assert "&lt;b&gt;Collins&lt;/b&gt;" in html  # choices are escaped
    card = storage.get_card(db, student, "c1")
    assert card["reps"] == 1
    rows = list(db.query("SELECT rating, source FROM reviews WHERE user_id = ?", [student]))
    assert rows == [{"rating": 3, "source": "study"}]


def test_double_posted_rating_counts_once(client, student, db):
    form = {"item_id": "c1", "reps": "0", "rating": 3}
    client.post("/articles/space/study", data=form)
    again = client.post("/articles/space/study", data=form, follow_redirects=True)
    assert "already rated" in page(again)
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 1


@pytest.mark.parametrize(
    "form",
    [
        {"item_id": "c1", "reps": "0", "rating": "9"},
        {"item_id": "c1", "reps": "-1", "rating": "3"},
        {"item_id": "c1", "rating": "3"},
        {"item_id": "zzz", "reps": "0", "rating": "3"},
    ],
)
def test_bad_posts_get_a_message_not_a_crash(client, student, db, form):
    html = page(client.post("/articles/space/study", data=form, follow_redirects=True))
    assert "flash-error" in html
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0


def test_item_of_another_article_is_refused(client, student, db):
    other = Item(id="o1", kind="cloze", prompt="_____ x.", answer="x")
    storage.save_article(db, Article("Other", "other", ("x",), (other,)))
    html = page(
        client.post(
            "/articles/space/study",
            data={"item_id": "o1", "reps": "0", "rating": "3"},
            follow_redirects=True,
        )
    )
    assert "not part of this article" in html
    assert storage.get_card(db, student, "o1") is None


def test_all_kinds_render_front_and_back(client, student):
    seen = []
    for _ in ITEMS:
        html = page(client.get("/articles/space/study"))
        item_id, reps = shown_card(html)
        seen.append(item_id)
        back = page(client.post("/articles/space/study", data={"item_id": item_id, "reps": reps}))
        if item_id == "t1":
            assert re.search(r"<li>Sputnik</li>\s*<li>Vostok 1</li>\s*<li>Apollo 11</li>", back)
        if item_id == "p1":
            assert re.search(r"<th scope=\"row\">Collins</th><td>pilot</td>", back)
        client.post("/articles/space/study", data={"item_id": item_id, "reps": reps, "rating": 4})
    assert seen == ["c1", "m1", "t1", "p1"]
    done = page(client.get("/articles/space/study"))
    assert "Nothing due until" in done and "4 of 4 cards seen" in done


def test_daily_new_limit_comes_from_config(app, client, student, noon):
    app.config["STUDY_NEW_PER_DAY"] = 1
    client.post("/articles/space/study", data={"item_id": "c1", "reps": "0", "rating": 4})
    html = page(client.get("/articles/space/study"))
    assert "Nothing due until" in html and "00:00 UTC" in html


def study_counts(html: str) -> str:
    """The header line above the card, as read."""
    line = re.search(r'<p class="progress" id="study-counts">(.*?)</p>', html, re.S)[1]
    return " ".join(re.sub(r"<[^>]+>", "", line).split())


def test_the_header_says_which_card_it_shows_and_counts_it(app, client, student, monkeypatch, noon):
    html = page(client.get("/articles/space/study"))
    assert (
        study_counts(html)
        == "New card · 0 due and 4 new left today, this one included · 0 of 4 seen"
    )
    app.config["STUDY_NEW_PER_DAY"] = 1
    client.post("/articles/space/study", data={"item_id": "c1", "reps": "0", "rating": 1})
    html = page(client.get("/articles/space/study"))  # "Again": back in a minute, shown now
    assert study_counts(html) == (
        "Learning card, shown a few minutes early: nothing else is due · 1 of 4 seen"
    )
    monkeypatch.setattr(schedule, "utcnow", lambda: noon + timedelta(minutes=30))
    html = page(client.get("/articles/space/study"))
    assert (
        study_counts(html)
        == "Due card · 1 due and 0 new left today, this one included · 1 of 4 seen"
    )


def test_csrf_is_checked(app, client, student, db):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(
        "/articles/space/study", data={"item_id": "c1", "reps": "0", "rating": "3"}
    )
    assert response.status_code == 400
    assert db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0


def test_article_without_items_says_so(client, student, db):
    storage.save_article(db, Article("Empty", "empty", ("x",), ()))
    html = page(client.get("/articles/empty/study"))
    assert "no cards to study yet" in html and 'href="/"' in html


def test_schedule_survives_a_restart(app, client, student, login):
    client.post("/articles/space/study", data={"item_id": "c1", "reps": "0", "rating": 3})
    other = login("stu", client=create_app(dict(app.config)).test_client())
    assert shown_card(page(other.get("/articles/space/study"))) == ("m1", "0")
