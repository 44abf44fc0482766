"""The web app in real Chromium: a student's quiz, a teacher's upload and edit, access, CSRF.

The live database holds the seed article made by the current generators, so the tests never
depend on item texts: they read each item's answer from the database to answer it right, and
answer wrong on purpose. Set QUIZAPP_SCREENSHOTS=1 to refresh the README's screenshots in docs/
(a question, its feedback, the result page, progress and the review page, at desktop and phone
width).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from questions import Article, Item
from quizapp import storage
from tests.conftest import BROWSER_PASSWORD, add_user, log_in
from tests.server_helpers import Worker
from tests.test_browser_pages import DESKTOP, PHONE, serious_violations

pytestmark = pytest.mark.browser
PASSWORD = BROWSER_PASSWORD
ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def answer_question(page, item: dict, right: bool) -> None:
    """Fill in the current question's inputs, right or deliberately wrong."""
    kind, answer, choices = item.kind, item.answer, item.choices
    if kind in ("mcq", "true_false"):
        target = answer if right else next(c for c in choices if c != answer)
        for radio in page.locator("input[name=response]").all():
            if radio.get_attribute("value") == target:
                radio.check()
    elif kind in ("cloze", "short_answer"):
        page.fill("#response", answer if right else "qqq wrong answer 98765")
    elif kind == "timeline":
        for i, event in enumerate(choices):
            place = answer.index(event) + 1
            page.select_option(f"#pos-{i}", str(place if right else len(answer) + 1 - place))
    elif kind == "matching":
        rights = [pair[1] for pair in answer]
        for i, value in enumerate(rights if right else rights[1:] + rights[:1]):
            page.select_option(f"#match-{i}", value)
    page.click("text=Check answer")


def test_student_quiz_feedback_score_and_retake(page, live_db):
    (article,) = storage.list_articles(live_db)
    page.goto("/")
    page.click(f"a[href='/articles/{article['slug']}/quiz']")
    expect(page.locator("input[name=length][value='10']")).to_be_checked()
    page.click("text=Start the quiz")
    missed = []
    for number in range(1, 11):
        expect(page.locator(".progress")).to_have_text(f"Question {number} of 10")
        item_id = page.locator("input[name=item_id]").input_value()
        item = storage.get_items(live_db, [item_id])[item_id]
        right = number % 3 != 0  # 3, 6 and 9 wrong on purpose
        answer_question(page, item, right)
        expect(page.locator("#verdict")).to_have_text("✓ Right" if right else "✗ Not quite")
        if item.source_sentence:
            expect(page.locator("blockquote.source mark")).to_be_visible()
        if not right:
            missed.append(item_id)
        page.click("#next")
    expect(page.locator("h1")).to_have_text("Your score: 7 of 10")
    expect(page.locator(".mistakes > li")).to_have_count(3)
    page.click("text=Retake the 3 I missed")
    seen = []
    for number in range(1, 4):
        expect(page.locator(".progress")).to_have_text(f"Question {number} of 3")
        item_id = page.locator("input[name=item_id]").input_value()
        seen.append(item_id)
        answer_question(page, storage.get_items(live_db, [item_id])[item_id], right=True)
        page.click("#next")
    assert seen == missed
    expect(page.locator("h1")).to_have_text("Your score: 3 of 3")


def test_teacher_uploads_edits_and_sees_the_edit(page, live_db):
    add_user(live_db, "tess", role="teacher")
    log_in(page, "tess")
    page.click("nav >> text=Teach")
    page.set_input_files("#upload", str(DATA / "warsaw.txt"))
    page.click("text=Add and generate questions")
    page.wait_for_url(re.compile(r"/teach/articles/warsaw$"), timeout=60_000)
    expect(page.locator("h1")).to_have_text("Warsaw draft")
    page.click("text=Publish for students")
    expect(page.locator(".flash")).to_have_text("Published: students can see it.")
    expect(page.locator("h1")).to_have_text("Warsaw")
    first = page.locator(".items > li").first
    first.locator("text=Edit").click()
    prompt = page.locator("#prompt")
    edited = prompt.input_value() + " (checked by Tess)"
    prompt.fill(edited)
    page.click("text=Save item")
    expect(page.locator(".flash")).to_have_text("Item saved.")
    item_id = first.get_attribute("id").removeprefix("item-")
    kind = storage.get_items(live_db, [item_id])[item_id].kind
    page.goto("/articles/warsaw/quiz")
    for box in page.locator("input[name=kinds]").all():
        box.set_checked(box.get_attribute("value") == kind)
    page.check("input[name=length][value=all]")
    page.click("text=Start the quiz")
    attempt = re.search(r"/quiz/([\w-]+)/1$", page.url)[1]
    number = storage.get_attempt(live_db, attempt)["item_ids"].index(item_id) + 1
    page.goto(f"/quiz/{attempt}/{number}")
    expect(page.locator("form.question .prompt")).to_contain_text("(checked by Tess)")


def test_student_refused_teacher_pages_and_csrf_enforced(page, live_db):
    add_user(live_db, "stan")
    page.goto("/auth/login")
    # A form posted without its CSRF token is rejected.
    page.evaluate("document.querySelector('input[name=csrf_token]').remove()")
    page.fill("#username", "stan")
    page.fill("#password", PASSWORD)
    page.click("form.narrow >> text=Log in")
    expect(page.locator("h1")).to_contain_text("400")
    expect(page.locator("main")).to_contain_text("CSRF")
    log_in(page, "stan")
    expect(page.locator("nav")).not_to_contain_text("Teach")
    response = page.goto("/teach")
    assert response.status == 403
    expect(page.locator("main")).to_contain_text("for teachers")
    assert page.goto("/teach/articles/from-the-moon-to-mars").status == 403


def test_quiz_page_fits_phone_and_desktop_and_works_by_keyboard(page, live_db, tmp_path):
    (article,) = storage.list_articles(live_db)
    kinds = storage.kind_counts(live_db, article["id"])
    kind = next(k for k in ("mcq", "true_false", "cloze", "short_answer") if k in kinds)
    page.goto(f"/articles/{article['slug']}/quiz")
    for box in page.locator("input[name=kinds]").all():
        box.set_checked(box.get_attribute("value") == kind)
    page.click("text=Start the quiz")
    for name, width, height in (("desktop", 1280, 800), ("phone", 390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        # Nothing sticks out sideways, and the question and its button are on screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        expect(page.locator("text=Check answer")).to_be_in_viewport()
        page.screenshot(path=str(tmp_path / f"quiz-{name}.png"), full_page=True)
    # Keyboard only: Tab reaches the answers before the button; Space picks, Enter sends.
    page.set_viewport_size({"width": 1280, "height": 800})
    focused = "document.activeElement.name || document.activeElement.textContent.trim()"
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate(focused) == "response":
            break
    assert page.evaluate(focused) == "response"
    if kind in ("mcq", "true_false"):
        page.keyboard.press("Space")
    else:
        page.keyboard.type("x")
    while page.evaluate(focused) != "Check answer":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#verdict")).to_be_visible()


def test_an_articles_status_page_moves_on_by_itself(page, live_app, live_db, tmp_path):
    live_app.config["QUEUE_IMMEDIATE"] = False  # the real queue and a worker process
    add_user(live_db, "tara", role="teacher")
    log_in(page, "tara")
    page.goto("/teach")
    page.set_input_files("#upload", str(DATA / "warsaw.txt"))
    page.click("text=Add and generate questions")
    page.wait_for_url(re.compile(r"/teach/jobs/"))
    expect(page.locator("h1")).to_have_text("Generating questions…")
    expect(page.locator("[data-job-note]")).to_have_text(
        "Waiting to start… Other articles may be ahead of it."
    )
    # job.js checks the job and goes on to the article when it is ready, with its message.
    with Worker(live_app.config["DATABASE"], tmp_path / "worker.log"):
        page.wait_for_url(re.compile(r"/teach/articles/warsaw$"), timeout=300_000)
    expect(page.locator(".flash")).to_contain_text("Added “Warsaw”")


SHOT_SIZES = (("desktop", 1280, 800), ("phone", 390, 844))


def shoot(page, tmp_path, name: str) -> None:
    """Screenshots of the page at desktop and phone width; QUIZAPP_SCREENSHOTS=1 copies them
    into docs/ (the README shows them)."""
    page.wait_for_load_state()  # the stylesheet too
    for size, width, height in SHOT_SIZES:
        page.set_viewport_size({"width": width, "height": height})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shot = tmp_path / f"{name}-{size}.png"
        page.screenshot(path=str(shot))
        if os.environ.get("QUIZAPP_SCREENSHOTS"):
            shutil.copy(shot, ROOT / "docs" / shot.name)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_the_readme_pages_question_feedback_result_progress_review(
    page, live_app, live_db, tmp_path
):
    live_app.config["QUIZ_SEED"] = 14  # the same quiz each time the screenshots are made
    (article,) = storage.list_articles(live_db)
    add_user(live_db, "sam")
    log_in(page, "sam")
    page.goto(f"/articles/{article['slug']}/quiz")
    for box in page.locator("input[name=kinds]").all():
        kinds = ("mcq", "cloze", "true_false", "short_answer")  # ten or more in the seed
        box.set_checked(box.get_attribute("value") in kinds)
    page.click("text=Start the quiz")
    for number in range(1, 11):
        item_id = page.locator("input[name=item_id]").input_value()
        item = storage.get_items(live_db, [item_id])[item_id]
        if number == 1:
            shoot(page, tmp_path, "question")
        if number == 1 and item.kind in ("cloze", "short_answer"):
            page.fill("#response", "Moscow")  # a wrong answer a student might give
            page.click("text=Check answer")
        else:
            answer_question(page, item, right=number not in (1, 4))
        if number == 1:
            expect(page.locator("blockquote.source mark")).to_be_visible()
            shoot(page, tmp_path, "feedback")
        page.click("#next")
    expect(page.locator("h1")).to_have_text("Your score: 8 of 10")
    shoot(page, tmp_path, "result")
    page.goto("/progress")
    shoot(page, tmp_path, "progress")
    page.click("text=Log out")
    add_user(live_db, "tina", role="teacher")
    log_in(page, "tina")
    page.goto(f"/teach/articles/{article['slug']}")
    shoot(page, tmp_path, "review")


def test_new_quizzes_vary_and_feedback_says_the_sentence_once(page, live_db):
    (article,) = storage.list_articles(live_db)
    quizzes = []
    for _ in range(2):
        page.goto(f"/articles/{article['slug']}/quiz")
        page.click("text=Start the quiz")
        attempt = re.search(r"/quiz/([\w-]+)/1$", page.url)[1]
        quizzes.append(storage.get_attempt(live_db, attempt)["item_ids"])
    first, second = quizzes
    assert len(first) == len(second) == 10 and len(set(first) & set(second)) <= 5
    items = storage.get_items(live_db, first + second)
    for quiz in quizzes:
        assert len({items[i].kind for i in quiz}) >= 3
        assert len({items[i].source_sentence for i in quiz}) == 10
    # The second quiz's first question, answered wrong: its sentence shows once, highlighted.
    item = items[second[0]]
    answer_question(page, item, right=False)
    sentence = item.source_sentence
    if sentence and item.kind != "true_false":  # a true/false prompt is a sentence itself
        main = page.locator("main").inner_text()
        assert main.count(sentence) == 1
        expect(page.locator("blockquote.source mark")).to_be_visible()


# An invented article with a timeline and a matching item whose events hold long words (the
# width a phone's table column cannot go below) and whose explanations are one fact a line.
ASHBY_EVENTS = (
    "The Ashby River flooded the “Marlowcrossbridge” quarter for the first time on record",
    "H. Farrow, Ltd. opened the “Ashbyweirtannery” beside the Ashby weir",
    "The Marlow Cross bridge was rebuilt in stone after the second great flood",
    "The town council bought the tannery and turned it into a museum",
)
ASHBY_DATES = ("1612", "1698", "1744", "1902")
ASHBY_TIMELINE = Item(
    id="ashby-timeline", kind="timeline", prompt="Put these events in order, earliest first.",
    answer=ASHBY_EVENTS, choices=tuple(ASHBY_EVENTS[i] for i in (2, 0, 3, 1)),
    explanation="\n".join(f"{d}: {e}" for d, e in zip(ASHBY_DATES, ASHBY_EVENTS, strict=True)),
)  # fmt: skip
ASHBY_MATCHING = Item(
    id="ashby-matching", kind="matching", prompt="Match each event with its year.",
    answer=tuple(zip(ASHBY_EVENTS, ASHBY_DATES, strict=True)),
    choices=tuple(ASHBY_DATES[i] for i in (2, 0, 3, 1)),
    explanation="\n".join(f"{e}: {d}" for d, e in zip(ASHBY_DATES, ASHBY_EVENTS, strict=True)),
)  # fmt: skip


def ashby_feedback(page, live_db, kind: str) -> Item:
    """The invented article's item of this kind answered wrong, its feedback page open."""
    paragraph = " ".join(f"In {d}, {e}." for d, e in zip(ASHBY_DATES, ASHBY_EVENTS, strict=True))
    items = (ASHBY_TIMELINE, ASHBY_MATCHING)
    storage.save_article(live_db, Article("The Ashby valley", "ashby-valley", (paragraph,), items))
    page.goto("/articles/ashby-valley/quiz")
    for box in page.locator("input[name=kinds]").all():
        box.set_checked(box.get_attribute("value") == kind)
    page.click("text=Start the quiz")
    item = ASHBY_TIMELINE if kind == "timeline" else ASHBY_MATCHING
    answer_question(page, item, right=False)
    page.wait_for_url(re.compile(r"/feedback$"))
    page.wait_for_load_state()  # the stylesheet too
    return item


@pytest.mark.parametrize("kind", ["timeline", "matching"])
def test_place_by_place_feedback_fits_a_phone_in_a_named_region(page, live_db, kind):
    page.set_viewport_size(PHONE)
    ashby_feedback(page, live_db, kind)
    regions = page.locator(".table-wrap")
    expect(regions).to_have_count(1)
    # Every column is on screen: no cell reaches past the region's right edge on a phone.
    cut = regions.evaluate(
        """w => [...w.querySelectorAll('th, td')].filter(c =>
          c.getBoundingClientRect().right > w.getBoundingClientRect().right + 1).length"""
    )
    assert cut == 0 and regions.evaluate("w => w.scrollWidth <= w.clientWidth")
    # Where a table does scroll, the keyboard reaches it and a screen reader names it.
    expect(regions).to_have_attribute("tabindex", "0")
    expect(regions).to_have_attribute("role", "region")
    expect(regions).to_have_attribute("aria-label", re.compile(r"\w"))
    axe = Axe()
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        assert serious_violations(axe, page) == []


def test_question_pages_have_a_heading_one(page, live_db):
    (article,) = storage.list_articles(live_db)
    page.goto(f"/articles/{article['slug']}/quiz")
    page.click("text=Start the quiz")
    axe = Axe()
    for number in (1, 2):
        expect(page.locator("h1")).to_have_text(f"Question {number} of 10")
        violations = axe.run(page).response["violations"]
        assert "page-has-heading-one" not in [v["id"] for v in violations]
        item_id = page.locator("input[name=item_id]").input_value()
        answer_question(page, storage.get_items(live_db, [item_id])[item_id], right=True)
        page.click("#next")


@pytest.mark.parametrize("kind", ["timeline", "matching"])
def test_explanations_keep_their_lines_on_feedback_and_result(page, live_db, kind):
    item = ashby_feedback(page, live_db, kind)

    def shown_lines(selector: str) -> list[str]:
        return [line for line in page.locator(selector).inner_text().splitlines() if line]

    lines = item.explanation.split("\n")
    assert shown_lines(".feedback .explanation") == lines
    page.click("#next")
    page.wait_for_url(re.compile(r"/result$"))
    assert shown_lines(".mistakes .explanation") == lines
