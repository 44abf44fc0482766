"""Teacher pages: access, adding articles, reviewing and editing items, results."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from markupsafe import escape

import questions
from questions import Article, Item
from quizapp import storage
from quizapp.views.teach import REJECTED_SHOWN
from tests.conftest import post_job

DATA = Path(__file__).resolve().parent / "data"
ITEMS = (
    Item(id="c1", kind="cloze", prompt="_____ flew in 1961.", answer="Gagarin",
         accepted=("Gagarin",), source_sentence="Gagarin flew in 1961."),
    Item(id="q1", kind="mcq", prompt="Who flew in 1961?", answer="Gagarin",
         choices=("Gagarin", "Armstrong", "Aldrin", "Collins")),
    Item(id="t1", kind="timeline", prompt="Put these events in order, earliest first.",
         answer=("Sputnik", "Vostok", "Apollo"), choices=("Apollo", "Sputnik", "Vostok")),
    Item(id="m1", kind="matching", prompt="Match each person with their role.",
         answer=(("Armstrong", "commander"), ("Gagarin", "cosmonaut")),
         choices=("cosmonaut", "commander")),
)  # fmt: skip
TEXT = "Gagarin flew in 1961. Armstrong walked on the Moon in 1969."


@pytest.fixture
def teacher(db, login):
    storage.save_article(db, Article("Space", "space", (TEXT,), ITEMS))
    return login("tea", "teacher")


TEACHER_PAGES = [
    ("get", "/teach"),
    ("post", "/teach/articles"),
    ("get", "/teach/articles/space"),
    ("get", "/teach/items/c1/edit"),
    ("post", "/teach/items/c1/disable"),
    ("post", "/teach/articles/space/regenerate"),
    ("get", "/teach/articles/space/delete"),
    ("get", "/teach/articles/space/results"),
]


@pytest.mark.parametrize(("method", "url"), TEACHER_PAGES)
def test_students_and_visitors_are_refused(app, db, client, method, url, login):
    storage.save_article(db, Article("Space", "space", (TEXT,), ITEMS))
    response = getattr(client, method)(url)
    assert response.status_code == 302 and "/auth/login" in response.location
    student = login("stu")
    assert getattr(student, method)(url).status_code == 403
    assert storage.get_items(db, ["c1"])["c1"].enabled == 1


@pytest.mark.parametrize(
    "url",
    ["/teach/articles/nope", "/teach/items/nope/edit", "/teach/articles/nope/results",
     "/teach/articles/nope/delete"],
)  # fmt: skip
def test_missing_things_are_404(teacher, url):
    assert teacher.get(url).status_code == 404


def test_nav_shows_teach_link(teacher):
    assert 'href="/teach"' in teacher.get("/").get_data(as_text=True)


def test_add_article_by_upload(teacher, db):
    data = (DATA / "warsaw.txt").read_bytes()
    response = post_job(
        teacher, "/teach/articles", data={"upload": (io.BytesIO(data), "warsaw.txt")},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert response.status_code == 302
    article = storage.get_article(db, "warsaw")
    assert article["source"] == "warsaw.txt"
    assert response.location == "/teach/articles/warsaw"
    items = storage.items_for_article(db, article["id"])
    every = storage.items_for_article(db, article["id"], include_disabled=True)
    page = teacher.get(response.location).get_data(as_text=True)
    # The curated items are on; the other candidates wait, off, for the teacher.
    assert 0 < len(items) < len(every) and f"{len(items)} of {len(every)} items asked" in page


def test_add_article_by_paste(teacher, db):
    response = post_job(teacher, "/teach/articles", data={"text": f"Space race\n\n{TEXT}"})
    assert response.status_code == 302
    assert storage.get_article(db, "space-race")["source"] == "pasted"


PARAGRAPH_FIRST = (
    "Nikola Tesla (10 July 1856 – 7 January 1943) was an inventor. He worked for Edison in 1884."
    "\n\nTesla moved to New York in 1884. He died in 1943."
)


def test_a_typed_title_names_the_article_and_keeps_the_first_paragraph(teacher, db):
    data = {"title": "  Nikola   Tesla ", "text": PARAGRAPH_FIRST}
    response = post_job(teacher, "/teach/articles", data=data)
    assert response.location == "/teach/articles/nikola-tesla"
    article = storage.get_article(db, "nikola-tesla")
    assert article["title"] == "Nikola Tesla" and "was an inventor" in article["text"]
    page = teacher.get(response.location).get_data(as_text=True)
    assert "Added “Nikola Tesla” with" in page


def test_a_paragraph_first_paste_asks_for_a_title_above_the_articles(teacher, db):
    response = teacher.post("/teach/articles", data={"text": PARAGRAPH_FIRST})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and storage.get_article(db, "nikola-tesla") is None
    assert page.index("Could not add the article") < page.index("<table")
    assert "type a title" in page and 'href="#add"' in page


def test_an_upload_without_a_title_line_is_named_by_its_file(teacher, db):
    upload = (io.BytesIO(PARAGRAPH_FIRST.encode()), "nikola_tesla.txt")
    response = post_job(
        teacher, "/teach/articles", data={"upload": upload}, content_type="multipart/form-data"
    )
    assert response.location == "/teach/articles/nikola-tesla"
    assert storage.get_article(db, "nikola-tesla")["title"] == "Nikola tesla"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Paste the article"),
        ({"text": f"Space\n\n{TEXT}"}, "exists already"),
        ({"upload": (io.BytesIO(b"x"), "notes.pdf")}, "Upload a .txt, .md or .html"),
        ({"upload": (io.BytesIO(b"\x00\x01binary"), "a.txt")}, "binary"),
    ],
)
def test_add_article_errors(teacher, db, data, message):
    count = len(storage.list_articles(db))
    response = post_job(teacher, "/teach/articles", data=data, content_type="multipart/form-data")
    # A form's mistake comes back with the form; the article's, on its job's page.
    assert response.status_code == (200 if message in ("exists already", "binary") else 400)
    assert message in response.get_data(as_text=True)
    assert len(storage.list_articles(db)) == count


@pytest.mark.parametrize("content", [b"", b" \r\n\n "])
def test_an_empty_file_is_called_empty_and_the_form_keeps_what_was_typed(teacher, db, content):
    data = {
        "title": "The Ashby valley",
        "text": "The Ashby River flooded in 1612.",
        "upload": (io.BytesIO(content), "ashby.txt"),
    }
    response = teacher.post("/teach/articles", data=data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and storage.get_article(db, "the-ashby-valley") is None
    assert "The chosen file “ashby.txt” is empty" in page and "Paste the article" not in page
    assert 'value="The Ashby valley"' in page  # the title and text typed are still there
    assert "The Ashby River flooded in 1612.</textarea>" in page


def test_edit_item(teacher, db):
    page = teacher.get("/teach/items/c1/edit").get_data(as_text=True)
    assert "_____ flew in 1961." in page
    response = teacher.post(
        "/teach/items/c1/edit",
        data={"prompt": "In 1961 _____ flew.", "answer": "Yuri Gagarin",
              "accepted": "Gagarin", "enabled": "y"},
    )  # fmt: skip
    assert response.status_code == 302
    item = storage.get_items(db, ["c1"])["c1"]
    assert item.prompt == "In 1961 _____ flew." and item.edited == 1
    assert item.accepted == ("Yuri Gagarin", "Gagarin")


@pytest.mark.parametrize(
    ("item_id", "data", "message"),
    [
        ("c1", {"prompt": "No blank here", "answer": "x"}, "exactly one blank"),
        ("q1", {"prompt": "Who?", "answer": "Tereshkova", "choices": "Gagarin\nAldrin"},
         "must be the answer"),
        ("t1", {"prompt": "Order", "answer": "A\nB", "choices": "A\nC"}, "same events"),
        ("m1", {"prompt": "Match", "answer": "Armstrong commander", "choices": "x"},
         "left = right"),
    ],
)  # fmt: skip
def test_edit_item_errors(teacher, db, item_id, data, message):
    response = teacher.post(f"/teach/items/{item_id}/edit", data=data)
    assert message in response.get_data(as_text=True)
    assert storage.get_items(db, [item_id])[item_id].edited == 0


def test_edit_matching_and_timeline(teacher, db):
    teacher.post(
        "/teach/items/m1/edit",
        data={"prompt": "Match them.", "answer": "Armstrong = pilot\nGagarin = cosmonaut",
              "choices": "cosmonaut\npilot", "enabled": "y"},
    )  # fmt: skip
    assert storage.get_items(db, ["m1"])["m1"].answer == [
        ["Armstrong", "pilot"], ["Gagarin", "cosmonaut"],
    ]  # fmt: skip
    teacher.post(
        "/teach/items/t1/edit",
        data={"prompt": "Order!", "answer": "Sputnik\nApollo", "choices": "Apollo\nSputnik"},
    )
    item = storage.get_items(db, ["t1"])["t1"]
    assert item.answer == ["Sputnik", "Apollo"] and item.enabled == 0


def test_disable_enable_delete_item(teacher, db):
    teacher.post("/teach/items/q1/disable")
    assert storage.get_items(db, ["q1"])["q1"].enabled == 0
    teacher.post("/teach/items/q1/enable")
    assert storage.get_items(db, ["q1"])["q1"].enabled == 1
    teacher.post("/teach/items/q1/delete")
    assert storage.get_items(db, ["q1"])["q1"].deleted == 1
    assert teacher.get("/teach/items/q1/edit").status_code == 404


def test_regenerate_keeps_edited(teacher, db):
    teacher.post("/teach/items/c1/edit", data={"prompt": "Edited _____.", "answer": "Gagarin"})
    response = post_job(teacher, "/teach/articles/space/regenerate", follow_redirects=True)
    assert "Regenerated" in response.get_data(as_text=True)
    assert storage.get_items(db, ["c1"])["c1"].prompt == "Edited _____."
    assert "q1" not in storage.get_items(db, ["q1"])  # unedited, never answered: replaced


def test_delete_article_asks_first(teacher, db):
    page = teacher.get("/teach/articles/space/delete").get_data(as_text=True)
    assert "Delete “Space”?" in page
    assert storage.get_article(db, "space") is not None
    response = post_job(teacher, "/teach/articles/space/delete")
    assert response.location == "/teach"
    assert storage.get_article(db, "space") is None
    assert db.execute("SELECT count(*) FROM items WHERE article_id = 1").fetchone()[0] == 4


def test_results(app, teacher, db, login):
    student = login("stu")
    for response in ("Gagarin", "Armstrong"):
        location = student.post(
            "/articles/space/quiz", data={"length": "all", "kinds": ["cloze", "timeline"]}
        ).location
        attempt = storage.get_attempt(db, location.split("/")[2])
        number = attempt["item_ids"].index("c1") + 1
        student.post(
            f"/quiz/{attempt['id']}/{number}", data={"item_id": "c1", "response": response}
        )
    page = teacher.get("/teach/articles/space/results").get_data(as_text=True)
    assert '<th scope="row">stu</th>' in page
    # Best 50% (1 of 2 asked), last 0%; item c1 answered right 1 time of 2: 50%.
    assert page.count(">50%<") == 2 and page.count(">0%<") == 1


def test_adding_an_article_only_queues_it_and_its_job_page_stores_it(app, teacher, db):
    data = (DATA / "warsaw.txt").read_bytes()
    response = teacher.post(
        "/teach/articles", data={"upload": (io.BytesIO(data), "warsaw.txt")},
        content_type="multipart/form-data",
    )  # fmt: skip
    assert response.status_code == 302 and "/teach/jobs/" in response.location
    job_id = response.location.rsplit("/", 1)[1]
    assert storage.get_generation_job(db, job_id)["name"] == "warsaw.txt"
    assert storage.get_article(db, "warsaw") is None  # stored by the job page, not the worker
    done = teacher.get(response.location)
    assert done.status_code == 302 and done.location == "/teach/articles/warsaw"
    assert storage.get_generation_job(db, job_id)["name"] == "Warsaw"  # the article's title
    assert "Added “Warsaw”" in teacher.get(done.location).get_data(as_text=True)
    items = storage.items_for_article(db, storage.get_article(db, "warsaw")["id"])
    again = teacher.get(response.location)  # a second visit stores nothing more
    assert again.location == "/teach/articles/warsaw" and storage.count_articles(db) == 2
    assert storage.items_for_article(db, storage.get_article(db, "warsaw")["id"]) == items


def test_a_failed_job_shows_its_error(app, teacher, db):
    response = teacher.post("/teach/articles", data={"text": f"Space\n\n{TEXT}"})
    page = teacher.get(response.location).get_data(as_text=True)
    assert "Could not add “Space”" in page and "exists already" in page
    assert "job.js" not in page


def test_a_failed_jobs_tab_title_says_it_failed(app, teacher, db):
    response = teacher.post("/teach/articles", data={"text": f"Space\n\n{TEXT}"})
    page = teacher.get(response.location).get_data(as_text=True)
    title = re.search(r"<title>(.*)</title>", page)[1]
    assert title == "Could not add “Space” · quizapp" and "Generating" not in title


def test_jobs_are_private(app, teacher, db, login):
    location = teacher.post("/teach/articles", data={"text": f"Space\n\n{TEXT}"}).location
    other = login("tom", "teacher")
    assert other.get(location).status_code == 404
    assert teacher.get("/teach/jobs/nope").status_code == 404


def test_a_job_no_worker_has_taken_says_so_and_keeps_checking(teacher, db, caplog):
    user_id = storage.get_user_by_name(db, "tea")["id"]
    job_id = storage.create_generation_job(db, user_id, "long.txt")
    page = teacher.get(f"/teach/jobs/{job_id}").get_data(as_text=True)
    assert "Waiting to start…" in page and 'src="/static/job.js"' in page
    assert "Check again" in page and "http-equiv" not in page  # no meta refresh (axe)
    # In a teacher's words: the command that runs a worker is for the log, not this page.
    assert "quizapp worker" not in page and "generation worker" not in page
    assert "quizapp worker" not in caplog.text


def test_a_job_waiting_long_tells_the_teacher_and_the_log_the_hint(teacher, db, caplog):
    user_id = storage.get_user_by_name(db, "tea")["id"]
    job_id = storage.create_generation_job(db, user_id, "long.txt")
    db.execute("UPDATE generation_jobs SET created = '2020-01-01T00:00:00+00:00'")
    db.conn.commit()
    for _ in range(2):
        page = teacher.get(f"/teach/jobs/{job_id}").get_data(as_text=True)
        assert "tell whoever runs quizapp" in page and "quizapp worker" not in page
    hints = [r for r in caplog.records if "quizapp worker" in r.getMessage()]
    assert len(hints) == 1 and hints[0].levelname == "WARNING" and job_id in hints[0].getMessage()


def test_generate_buttons_announce_progress(teacher):
    page = teacher.get("/teach").get_data(as_text=True)
    assert 'src="/static/busy.js"' in page and 'data-busy="Generating questions' in page
    assert 'class="busy meta" role="status"' in page
    script = teacher.get("/static/busy.js")
    assert script.status_code == 200 and b"data" in script.data
    script.close()


def test_results_page_the_answered_items(app, db, login):
    # 130 items; a student answers the first 55 and a deleted one: 55 rows over two pages,
    # deleted items left out, the rest counted as unanswered.
    items = tuple(
        Item(id=f"i{n:03d}", kind="cloze", prompt=f"Question number {n} _____.", answer="x")
        for n in range(130)
    )
    article_id = storage.save_article(db, Article("Long", "long", ("x",), items))
    student = storage.create_user(db, "stu", "x", "student")
    answered = [f"i{n:03d}" for n in range(55)] + ["i129"]
    attempt = storage.create_attempt(db, article_id, student, answered, ["cloze"])
    for item_id in answered:
        storage.save_answer(db, attempt, student, item_id, "x", True, 1.0)
    storage.delete_item(db, "i129")
    teacher = login("tea", "teacher")
    first = teacher.get("/teach/articles/long/results").get_data(as_text=True)
    assert first.count("/teach/items/i") == 50 and "Question number 49 " in first
    assert "Answered items 1–50 of 55" in first and "?page=2" in first
    assert "74 of 129 items have no answers yet." in first
    second = teacher.get("/teach/articles/long/results?page=2").get_data(as_text=True)
    assert second.count("/teach/items/i") == 5 and "Question number 54 " in second
    assert "Question number 129" not in first + second


def test_review_links_every_lms_format(teacher, db):
    page = teacher.get("/teach/articles/space").get_data(as_text=True)
    for fmt in ("gift", "xml", "csv", "json"):
        assert f'href="/articles/space/export.{fmt}"' in page


# Review at scale: paging, filters, search, bulk changes that keep the teacher's place.


@pytest.fixture
def big(teacher, db):
    """An article of 120 items: even ones fill in the blank, odd ones multiple choice."""
    items = tuple(
        Item(id=f"b{n:03d}", kind="cloze" if n % 2 == 0 else "mcq",
             prompt=f"Big question number {n} _____.", answer=f"answer {n}",
             choices=() if n % 2 == 0 else (f"answer {n}", "x", "y", "z"),
             source_sentence=f"Sentence {n}.")
        for n in range(120)
    )  # fmt: skip
    storage.save_article(db, Article("Big", "big", ("Text.",), items))
    return teacher


def item_ids_on(page: str) -> list[str]:
    return re.findall(r'id="item-(b\d+)"', page)


def test_review_pages_filters_and_searches(big, db):
    first = big.get("/teach/articles/big").get_data(as_text=True)
    assert item_ids_on(first) == [f"b{n:03d}" for n in range(50)]
    assert "Items 1–50 of 120" in first and "/teach/articles/big?page=2" in first
    third = big.get("/teach/articles/big?page=3").get_data(as_text=True)
    assert item_ids_on(third) == [f"b{n:03d}" for n in range(100, 120)]
    mcq = big.get("/teach/articles/big?kind=mcq&page=2").get_data(as_text=True)
    assert item_ids_on(mcq) == [f"b{n:03d}" for n in range(101, 120, 2)]
    assert "Items 51–60 of 60 matching" in mcq
    found = big.get("/teach/articles/big?q=number+77+").get_data(as_text=True)
    assert item_ids_on(found) == ["b077"]
    assert item_ids_on(big.get("/teach/articles/big?q=100%25").get_data(as_text=True)) == []
    storage.set_items_enabled(db, 2, ["b003", "b004"], False)
    big.post(
        "/teach/items/b005/edit",
        data={"prompt": "Edited _____.", "answer": "answer 5", "enabled": "y"},
    )
    off = big.get("/teach/articles/big?state=disabled").get_data(as_text=True)
    assert item_ids_on(off) == ["b003", "b004"]
    edited = big.get("/teach/articles/big?edited=y").get_data(as_text=True)
    assert item_ids_on(edited) == ["b005"]
    # Nonsense filters are ignored rather than failing.
    assert big.get("/teach/articles/big?kind=nope&page=x").status_code == 200


def test_review_filters_the_items_the_statistics_flag(big, db):
    for n in range(3):  # three students all wrong on b010: very low facility, flagged
        student = storage.create_user(db, f"student{n}", "hash", "student")
        attempt = storage.create_attempt(db, 2, student, ["b010", "b012"], ["cloze"])
        storage.save_answer(db, attempt, student, "b010", "wrong", False, 2.0)
        storage.save_answer(db, attempt, student, "b012", "answer 12", True, 2.0)
    page = big.get("/teach/articles/big?flagged=y").get_data(as_text=True)
    assert item_ids_on(page) == ["b010"]


def test_disable_keeps_the_place_and_is_not_an_edit(big, db):
    back = "/teach/articles/big?kind=mcq&page=2"
    response = big.post("/teach/items/b101/disable", data={"back": back})
    assert response.location == back + "#item-b101"
    item = storage.get_items(db, ["b101"])["b101"]
    assert item.enabled == 0 and item.edited == 0
    # Somewhere else than the article's review page is not followed.
    response = big.post("/teach/items/b101/enable", data={"back": "https://evil.example/"})
    assert response.location == "/teach/articles/big#item-b101"
    response = big.post("/teach/items/b101/enable", data={"back": "/teach/articles/bigger?x"})
    assert response.location == "/teach/articles/big#item-b101"


def test_bulk_disable_and_enable(big, db):
    back = "/teach/articles/big?page=2"
    data = {"item_ids": ["b050", "b051", "b052"], "action": "disable", "back": back}
    response = big.post("/teach/articles/big/items", data=data)
    assert response.location == back
    rows = storage.get_items(db, ["b050", "b051", "b052", "b053"])
    assert [rows[i].enabled for i in sorted(rows)] == [0, 0, 0, 1]
    assert not any(row.edited for row in rows.values())
    page = big.get(back).get_data(as_text=True)
    assert "3 items disabled." in page and "117 of 120 items asked" in page
    big.post("/teach/articles/big/items", data={**data, "action": "enable"})
    assert all(r.enabled for r in storage.get_items(db, ["b050", "b051", "b052"]).values())


def test_edit_keeps_the_place(big, db):
    back = "/teach/articles/big?kind=cloze&page=2"
    page = big.get("/teach/articles/big?kind=cloze&page=2").get_data(as_text=True)
    assert "/teach/items/b100/edit?back=/teach/articles/big?kind%3Dcloze%26page%3D2" in page
    form = big.get(f"/teach/items/b100/edit?back={quote(back)}").get_data(as_text=True)
    assert f'href="{back}#item-b100">Cancel' in form.replace("&amp;", "&")
    data = {"prompt": "Edited _____.", "answer": "answer 100", "enabled": "y", "back": back}
    response = big.post("/teach/items/b100/edit", data=data)
    assert response.location == back + "#item-b100"


def test_delete_asks_first_and_keeps_the_place(big, db):
    back = "/teach/articles/big?page=3"
    page = big.get(f"/teach/items/b110/delete?back={back}").get_data(as_text=True)
    assert "Delete this item?" in page and "Big question number 110" in page
    assert f'href="{back}#item-b110">Keep it' in page
    other = big.get("/teach/items/b110/delete?back=/teach/articles/bigger").get_data(as_text=True)
    assert 'href="/teach/articles/big#item-b110">Keep it' in other
    assert storage.get_items(db, ["b110"])["b110"].deleted == 0
    response = big.post("/teach/items/b110/delete", data={"back": back})
    assert response.location == back
    assert storage.get_items(db, ["b110"])["b110"].deleted == 1


def test_a_teachers_disable_outlives_regeneration(teacher, db):
    text = (DATA / "warsaw.txt").read_text()
    post_job(teacher, "/teach/articles", data={"text": text})
    article = storage.get_article(db, "warsaw")
    first, second = storage.items_for_article(db, article["id"])[:2]
    teacher.post(f"/teach/items/{first.id}/disable")
    storage.set_items_enabled(db, article["id"], [second.id], False)
    storage.set_items_enabled(db, article["id"], [second.id], True)  # enabled again
    post_job(teacher, "/teach/articles/warsaw/regenerate")
    rows = storage.get_items(db, [first.id, second.id])
    assert rows[first.id].enabled == 0 and rows[first.id].edited == 0
    assert rows[second.id].enabled == 1


def test_an_article_without_items_is_not_added_and_the_teacher_is_told(app, teacher, db):
    text = "Some thoughts\n\nI like it here. It is nice and calm, and so are you."
    response = post_job(teacher, "/teach/articles", data={"text": text})
    page = response.get_data(as_text=True)
    assert "Could not add “Some thoughts”" in page
    assert "No questions could be made from “Some thoughts”" in page
    assert storage.get_article(db, "some-thoughts") is None


NOT_SELECTED = "not selected for the default set"


def test_review_says_why_not_for_dropped_and_unselected_items(teacher, db):
    post_job(teacher, "/teach/articles", data={"text": (DATA / "warsaw.txt").read_text()})
    article = storage.get_article(db, "warsaw")
    post_job(teacher, "/teach/articles/warsaw/regenerate")
    # The job carries the generator's rejections (explain=True) into storage, in its order.
    title = article["title"]
    generated = questions.generate(
        f"{title}\n\n{article['text']}", title=title, all_items=True, explain=True
    )
    stored = storage.rejections_for_article(db, article["id"])
    assert stored and stored == [
        dataclasses.replace(r, answer=json.loads(json.dumps(r.answer))) for r in generated.rejected
    ]
    page = teacher.get("/teach/articles/warsaw").get_data(as_text=True)
    assert "Dropped by the generator (why not)" in page and "<details" in page
    for rejection in stored[:REJECTED_SHOWN]:
        assert f"<code>{escape(rejection.rule)}</code>: {escape(rejection.reason)}" in page

    # Disabled items the generator left out of its default set say so; one the teacher
    # disabled does not.
    disabled = teacher.get("/teach/articles/warsaw?state=disabled").get_data(as_text=True)
    unselected = [
        i for i in storage.items_for_article(db, article["id"], include_disabled=True)
        if not i.enabled
    ][:50]  # fmt: skip
    assert unselected and all(i.curated is False for i in unselected)
    assert disabled.count(NOT_SELECTED) == len(unselected)
    chosen = storage.items_for_article(db, article["id"])[0]
    teacher.post(f"/teach/items/{chosen.id}/disable")
    disabled = teacher.get("/teach/articles/warsaw?state=disabled").get_data(as_text=True)
    assert f'id="item-{chosen.id}"' in disabled
    assert disabled.count(NOT_SELECTED) == min(len(unselected), 49)
