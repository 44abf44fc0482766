"""Feedback once: an explanation only where it adds something, accepted answers without the
grader's noise; the same on the feedback page, the result page, flashcards and Anki backs."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from questions import Article, Item
from quizapp import storage
from quizapp.export import ExportItem
from quizapp.export.anki import item_fields
from quizapp.feedback import alternatives_to_show, explanation_to_show

SENTENCE = "The Ukraine crisis broke out in 2014, and sanctions followed."


@pytest.mark.parametrize(
    ("explanation", "shown"),
    [
        (SENTENCE, ""),
        ("The Ukraine crisis broke out in 2014.", ""),  # a shorter copy of the sentence
        ("", ""),
        ("Russia annexed Crimea that spring.", "Russia annexed Crimea that spring."),
    ],
)
def test_an_explanation_shows_only_when_it_adds_something(explanation, shown):
    assert explanation_to_show(explanation, SENTENCE) == shown


def test_accepted_answers_leave_out_what_the_grader_forgives_anyway():
    assert alternatives_to_show("2014", ["2014", "in 2014", "In 2014."]) == []
    assert alternatives_to_show("Neil Armstrong", ["Armstrong", "armstrong", "Neil Armstrong"]) == [
        "Armstrong"
    ]
    assert alternatives_to_show(["a", "b"], ["x"]) == []


ITEM = Item(
    id="u1", kind="short_answer", prompt="When did the Ukraine crisis break out?",
    answer="2014", accepted=("2014", "in 2014"), source_sentence=SENTENCE, explanation=SENTENCE,
)  # fmt: skip


def test_feedback_and_result_pages_say_the_sentence_once(client, db):
    storage.save_article(db, Article("Crisis", "crisis", ("Before it. " + SENTENCE,), (ITEM,)))
    location = client.post(
        "/articles/crisis/quiz", data={"length": "10", "kinds": ["short_answer"]}
    )
    attempt = re.fullmatch(r"/quiz/([\w-]+)/1", location.location)[1]
    client.post(f"/quiz/{attempt}/1", data={"item_id": "u1", "response": "1990"})
    page = client.get(f"/quiz/{attempt}/1/feedback").get_data(as_text=True)
    main = page[page.index("<main") :]
    assert main.count("sanctions followed") == 1 and "<mark>" in main
    assert "Also accepted" not in main  # "in 2014" is forgiven anyway
    result = client.get(f"/quiz/{attempt}/result").get_data(as_text=True)
    assert result.count("sanctions followed") == 1 and "in <strong>2014</strong>," in result


def test_anki_backs_leave_out_a_repeated_explanation_and_forgiven_answers():
    fields = item_fields(ExportItem(item=ITEM, updated=datetime.now(UTC)), "Crisis")
    # prompt, answer, other accepted answers, source, explanation, article
    assert fields[2] == "" and "sanctions followed" in fields[3] and fields[4] == ""


def test_an_explanation_keeps_its_lines_escaped_on_every_page(client, db, login):
    lines = ["1612: the <b>Ashby</b> flood", "1698: Farrow & Sons open the tannery"]
    item = Item(
        id="t1", kind="timeline", prompt="Put these events in order, earliest first.",
        answer=("the Ashby flood", "the tannery"), choices=("the tannery", "the Ashby flood"),
        explanation="\r\n".join(lines),  # as a teacher's edit box sends it
    )  # fmt: skip
    storage.save_article(db, Article("Ashby", "ashby", ("In 1612 the Ashby flooded.",), (item,)))
    student = login("stu", client=client)
    location = student.post("/articles/ashby/quiz", data={"length": "10", "kinds": ["timeline"]})
    attempt = re.fullmatch(r"/quiz/([\w-]+)/1", location.location)[1]
    student.post(f"/quiz/{attempt}/1", data={"item_id": "t1", "pos-0": "1", "pos-1": "2"})
    flipped = {"item_id": "t1", "reps": "1"}  # the quiz answer made the card
    pages = [
        student.get(f"/quiz/{attempt}/1/feedback"),
        student.get(f"/quiz/{attempt}/result"),
        student.post("/articles/ashby/study", data=flipped),
    ]
    paragraphs = (
        "<p>1612: the &lt;b&gt;Ashby&lt;/b&gt; flood</p>"
        "<p>1698: Farrow &amp; Sons open the tannery</p>"
    )
    for response in pages:
        html = re.sub(r">\s+<", "><", response.get_data(as_text=True))
        assert paragraphs in html, response.request.path
