"""Study and progress in real Chromium: keyboard-only studying, the teacher's statistics."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from quizapp import storage
from tests.conftest import BROWSER_PASSWORD, add_user, log_in
from tests.test_browser_pages import DESKTOP, PHONE, serious_violations

pytestmark = pytest.mark.browser
PASSWORD = BROWSER_PASSWORD


@pytest.fixture
def seed(live_db):
    """The seed article and its enabled items in rank order."""
    (article,) = storage.list_articles(live_db)
    return article, storage.items_for_article(live_db, article["id"])


def test_student_studies_ten_cards_with_the_keyboard(page, live_db, seed):
    article, items = seed
    user = add_user(live_db, "kira")
    errors: list[str] = []
    # Script errors and CSP refusals; failed loads are checked by URL (no favicon exists).
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error" and not msg.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on(
        "response",
        lambda r: (
            errors.append(r.url) if r.status >= 400 and not r.url.endswith("/favicon.ico") else None
        ),
    )
    log_in(page, "kira")
    page.goto(f"/articles/{article['slug']}/study")
    studied = []
    for _ in range(10):
        back = page.locator("#card-back")
        expect(back).to_be_hidden()
        item_id = page.locator("input[name=item_id]").input_value()
        page.keyboard.press("Space")
        expect(back).to_be_visible()
        expect(page.locator("#ratings")).to_be_visible()
        with page.expect_navigation():
            page.keyboard.press("3")
        studied.append(item_id)
    assert studied == [item.id for item in items[:10]]  # new cards in rank order
    rows = list(
        live_db.query("SELECT item_id, rating, source FROM reviews WHERE user_id = ?", [user])
    )
    assert len(rows) == 10 and {r["rating"] for r in rows} == {3}
    assert {r["source"] for r in rows} == {"study"}
    page.goto("/progress")
    row = page.locator(f'tr[data-slug="{article["slug"]}"]')
    expect(row.locator("td.seen")).to_have_text(f"10 of {len(items)}")
    expect(row.locator("td.right")).to_have_text("100%")
    expect(row.locator("td.due")).to_have_text("10")  # Good on a new card: due in 10 minutes
    expect(page.locator("svg#reviews rect.bar")).to_have_count(30)
    assert errors == []


# Three students, three items (1 right, 0 wrong), inserted through storage:
#          i0  i1  i2
#     A     1   1   1
#     B     1   1   0
#     C     1   0   0
# Facility: i0 3/3 = 100%, i1 2/3 = 67%, i2 1/3 = 33%.
# Discrimination (x = item, y = share right on the other two):
#   i0: x does not vary -> undefined, shown as a dash.
#   i1: x = [1,1,0], y = [1, .5, .5]; dx = [1/3,1/3,-2/3], dy = [1/3,-1/6,-1/6]
#       Sxy = 1/9 - 1/18 + 1/9 = 1/6; Sxx = 2/3; Syy = 1/6; r = (1/6)/sqrt(1/9) = +0.50
#   i2: x = [1,0,0], y = [1, 1, .5]; dx = [2/3,-1/3,-1/3], dy = [1/6,1/6,-1/3]
#       Sxy = 1/9 - 1/18 + 1/9 = 1/6; Sxx = 2/3; Syy = 1/6; r = +0.50
GRID = {"ann": (1, 1, 1), "ben": (1, 1, 0), "cal": (1, 0, 0)}


def response_for(item: dict, right: int):
    if right:
        return item.answer
    if item.kind in ("mcq", "true_false"):
        return next(choice for choice in item.choices if choice != item.answer)
    return "no idea"


def test_teacher_sees_item_statistics_after_three_students(page, live_db, seed):
    article, items = seed
    asked = items[:3]
    for name, scores in GRID.items():
        user = add_user(live_db, name)
        ids = [item.id for item in asked]
        attempt = storage.create_attempt(live_db, article["id"], user, ids, ["cloze"])
        for item, right in zip(asked, scores, strict=True):
            storage.save_answer(
                live_db, attempt, user, item.id, response_for(item, right), bool(right), 4.0
            )
        storage.finish_attempt(live_db, attempt)
    add_user(live_db, "tess", "teacher")
    log_in(page, "tess")
    page.goto(f"/teach/articles/{article['slug']}/stats")
    expect(page.locator("#score-summary")).to_have_text("3 attempts, mean score 67%.")
    expected = [("100%", "—"), ("67%", "+0.50"), ("33%", "+0.50")]
    for item, (facility, discrimination) in zip(asked, expected, strict=True):
        row = page.locator(f"#stats-{item.id}")
        expect(row.locator("td.facility")).to_have_text(facility)
        expect(row.locator("td.discrimination")).to_have_text(discrimination)
        expect(row.locator("td").first).to_have_text("3")
    expect(page.locator("#item-stats tbody tr")).to_have_count(3)  # only answered items
    unanswered = f"{len(items) - 3} of {len(items)} items have no answers yet."
    expect(page.locator("#unanswered")).to_have_text(unanswered)
    expect(page.locator("svg#scores rect.bar")).to_have_count(10)


def test_study_works_without_javascript(browser, live_server, live_db, seed):
    article, items = seed
    add_user(live_db, "nojs")
    context = browser.new_context(java_script_enabled=False, base_url=live_server)
    page = context.new_page()
    try:
        log_in(page, "nojs")
        page.goto(f"/articles/{article['slug']}/study")
        expect(page.locator("#card-back")).to_be_hidden()
        page.click("#show-answer")
        expect(page.locator("#card-back")).to_be_visible()
        expect(page.locator("#show-answer")).to_be_hidden()
        page.get_by_role("button", name=re.compile(r"^Easy")).click()
        expect(page.locator("input[name=item_id]")).to_have_value(items[1].id)
        card = storage.get_card(
            live_db, storage.get_user_by_name(live_db, "nojs")["id"], items[0].id
        )
        assert card is not None and card["reps"] == 1
    finally:
        context.close()


def test_again_hard_good_and_easy_look_different(page, live_db, seed):
    article, _ = seed
    add_user(live_db, "rita")
    log_in(page, "rita")
    page.goto(f"/articles/{article['slug']}/study")
    page.keyboard.press("Space")
    buttons = page.locator("#ratings button")
    expect(buttons).to_have_count(4)
    looks = buttons.evaluate_all(
        "bs => bs.map(b => getComputedStyle(b).backgroundColor + '|' + getComputedStyle(b).color)"
    )
    assert len(set(looks)) == 4, looks


def test_the_rating_buttons_and_their_intervals_are_readable(page, live_db, seed):
    article, _ = seed
    add_user(live_db, "rita")
    log_in(page, "rita")
    page.goto(f"/articles/{article['slug']}/study")
    page.keyboard.press("Space")  # axe checks only what is shown: the ratings after the flip
    expect(page.locator("#ratings .interval")).to_have_count(4)
    axe = Axe()
    for size, scheme in ((PHONE, "light"), (DESKTOP, "light"), (DESKTOP, "dark")):
        page.set_viewport_size(size)
        page.emulate_media(color_scheme=scheme)
        assert serious_violations(axe, page) == [], (size, scheme)
