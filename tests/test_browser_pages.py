"""Every page of the URL map in Chromium, as a student and as a teacher: none is wider than
a 390 px phone, and axe-core finds no serious or critical accessibility violation at phone or
desktop width (and in the dark colour scheme at desktop width), and Tab reaches every control.

The pages come from app.url_map, so a new route is visited without touching this file; a rule
whose arguments this file cannot fill fails the test until a value is added to ARGS below.
Routes that answer with something other than HTML (downloads, JSON) are left out by their
content type.
"""

from __future__ import annotations

import itertools
import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import url_for

from questions import Article, Item
from quizapp import schedule, storage
from tests.conftest import add_user, log_in

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SERIOUS = {"serious", "critical"}
SHOTS = os.environ.get("QUIZAPP_PAGE_SHOTS")


def sample_items(db, article_id: int) -> list[storage.StoredItem]:
    """One item of each kind, the one with the longest text of its kind (the widest)."""
    best: dict[str, tuple[int, storage.StoredItem]] = {}
    for item in storage.items_for_article(db, article_id):
        size = len(str(item.answer)) + len(str(item.choices)) + len(item.prompt)
        if item.kind not in best or size > best[item.kind][0]:
            best[item.kind] = (size, item)
    return [item for _, item in best.values()]


def page_args(db, user_id: int) -> dict[str, list]:
    """Values for every URL argument: real ids from the live database, made for this user."""
    (article,) = storage.list_articles(db)
    items = sample_items(db, article["id"])
    ids = [item.id for item in items]
    fresh = storage.create_attempt(db, article["id"], user_id, ids, [i.kind for i in items])
    done = storage.create_attempt(db, article["id"], user_id, ids, [i.kind for i in items])
    for n, item in enumerate(items):
        right = n % 2 == 0
        storage.save_answer(db, done, user_id, item.id, "x", right, 3.0)
        schedule.record_quiz_answer(db, user_id, item.id, right)
    job = storage.create_generation_job(db, user_id, "a-long-article.txt")
    return {
        "slug": [article["slug"]],
        "attempt_id": [fresh, done],
        "number": list(range(1, len(items) + 1)),
        "item_id": ids,
        "job_id": [job],
        "fmt": ["csv"],
        "filename": ["style.css"],
        "action": [],  # POST only
    }


def page_urls(app, args: dict[str, list]) -> list[str]:
    """Every GET URL of the app's URL map, with each combination of argument values."""
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint == "static":
                continue
            missing = rule.arguments - set(args)
            assert not missing, f"{rule.rule}: add values for {missing} to page_args"
            names = sorted(rule.arguments)
            for values in itertools.product(*(args[name] for name in names)):
                urls.append(url_for(rule.endpoint, **dict(zip(names, values, strict=True))))
    return urls


# The innermost elements whose right edge passes the viewport: what to fix.
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > innerWidth + 1
    && ![...e.children].some(c => c.getBoundingClientRect().right > innerWidth + 1))
  .slice(0, 3)
  .map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)"""


def html_pages(page, urls: list[str]):
    """Visit each URL that answers with HTML, once per page it lands on; yields (url, status)."""
    landed = set()
    for url in urls:
        probe = page.request.get(url, max_redirects=0)
        if not probe.headers.get("content-type", "").startswith("text/html"):
            continue
        response = page.goto(url)
        if page.url in landed:  # a redirect to a page already checked
            continue
        landed.add(page.url)
        yield url, response.status


def serious_violations(axe: Axe, page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    results = axe.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results
        if v["impact"] in SERIOUS
    ]


@pytest.mark.parametrize("role", ["student", "teacher"])
def test_every_page_fits_a_phone_and_passes_axe(page, live_app, live_db, role):
    user_id = add_user(live_db, f"{role}1", role=role)
    urls = page_urls(live_app, page_args(live_db, user_id))
    axe = Axe()
    log_in(page, f"{role}1")
    too_wide, inaccessible, visited = [], [], 0
    page.set_viewport_size(PHONE)
    for url, status in html_pages(page, urls):
        assert status < 500, url
        visited += 1
        if SHOTS:  # QUIZAPP_PAGE_SHOTS=DIR keeps a screenshot of each page, to look at
            name = re.sub(r"\W+", "_", url).strip("_") or "home"
            page.screenshot(path=f"{SHOTS}/{role}-{name}.png", full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append((url, width, page.evaluate(WIDEST)))
        for size, scheme in ((PHONE, "light"), (DESKTOP, "light"), (DESKTOP, "dark")):
            page.set_viewport_size(size)
            page.emulate_media(color_scheme=scheme)  # the stylesheet has a dark palette too
            inaccessible += [
                f"{url} at {size['width']} px, {scheme}: {v}" for v in serious_violations(axe, page)
            ]
        page.emulate_media(color_scheme="light")
        page.set_viewport_size(PHONE)
    assert visited >= 20
    assert not too_wide, "\n".join(map(str, too_wide))
    assert not inaccessible, "\n".join(inaccessible)


def test_chart_labels_are_readable_on_a_phone(page, live_db):
    user_id = add_user(live_db, "chad")
    page_args(live_db, user_id)  # answers, so the charts have data
    page.set_viewport_size(PHONE)
    log_in(page, "chad")
    page.goto("/progress")
    heights = page.locator("svg.chart text").evaluate_all(
        "ts => ts.map(t => t.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 10  # px on screen; 11-unit labels drawn at 640 were 7


# Marks each visible control (a radio group counts once: arrow keys move inside it) and
# returns how many there are.
MARK_CONTROLS = """() => {
  const seen = new Set();
  let n = 0;
  for (const e of document.querySelectorAll(
      'a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    const box = e.getBoundingClientRect();
    if (e.disabled || !box.width || !box.height || e.closest('[hidden]')) continue;
    if (e.type === 'radio') { if (seen.has(e.name)) continue; seen.add(e.name); }
    e.dataset.control = String(n++);
  }
  return n;
}"""
# The control the focus is on (a radio stands for its group), or "".
FOCUSED = """() => {
  const e = document.activeElement;
  if (e && e.type === 'radio') {
    const first = document.querySelector(`input[name="${e.name}"][data-control]`);
    return first ? first.dataset.control : '';
  }
  return (e && e.dataset.control) || '';
}"""


@pytest.mark.parametrize("role", ["student", "teacher"])
def test_every_control_of_every_page_is_reached_by_tab(page, live_app, live_db, role):
    user_id = add_user(live_db, f"{role}1", role=role)
    urls = page_urls(live_app, page_args(live_db, user_id))
    log_in(page, f"{role}1")
    page.set_viewport_size(DESKTOP)
    missed = []
    for url, _ in html_pages(page, urls):
        total = page.evaluate(MARK_CONTROLS)
        reached = set()
        for _ in range(total + 5):  # the skip link and the browser's own stops come too
            page.keyboard.press("Tab")
            reached.add(page.evaluate(FOCUSED))
        reached.discard("")
        if len(reached) < total:
            missed.append((url, total - len(reached)))
    assert not missed


def test_long_words_wrap_on_a_phone(page, live_db):
    long = "https://example.org/" + "averyveryverylongpathsegment" * 4
    sentence = f"The report cited {long} twice."
    item = Item(
        id="long1", kind="mcq", prompt=f"Which address did the report cite ({long})?",
        answer=long, choices=(long, "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2, "x"),
        source_sentence=sentence,
    )  # fmt: skip
    storage.save_article(live_db, Article("Long words", "long-words", (sentence,), (item,)))
    add_user(live_db, "tess", role="teacher")
    log_in(page, "tess")
    page.set_viewport_size(PHONE)
    page.goto("/articles/long-words/quiz")
    page.click("text=Start the quiz")
    page.wait_for_url(re.compile(r"/quiz/[\w-]+/1$"))
    page.wait_for_load_state()  # the stylesheet too
    widths = [page.evaluate("document.documentElement.scrollWidth")]
    page.locator("input[name=response]").nth(1).check()
    page.click("text=Check answer")
    page.wait_for_url(re.compile(r"/feedback$"))
    page.wait_for_load_state()
    widths.append(page.evaluate("document.documentElement.scrollWidth"))
    page.click("#next")  # the result page, with the mistake
    page.wait_for_url(re.compile(r"/result$"))
    page.wait_for_load_state()
    widths.append(page.evaluate("document.documentElement.scrollWidth"))
    for url in ("/teach/articles/long-words", "/teach/items/long1/edit"):
        page.goto(url)
        widths.append(page.evaluate("document.documentElement.scrollWidth"))
    assert max(widths) <= PHONE["width"], widths
