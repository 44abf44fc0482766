"""The teacher's pages in real Chromium: a titled article, reviewing many items by keyboard."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from quizapp import storage
from tests.conftest import add_user, log_in
from tests.test_browser_pages import DESKTOP, PHONE, serious_violations

pytestmark = pytest.mark.browser
DATA = Path(__file__).resolve().parent / "data"
FIRST_PARAGRAPH = "Nikola Tesla (10 July 1856 – 7 January 1943) was a Serbian-American inventor."


def test_a_title_typed_on_the_form_names_the_article_everywhere(page, live_db):
    add_user(live_db, "tess", role="teacher")
    log_in(page, "tess")
    page.goto("/teach")
    text = FIRST_PARAGRAPH + "\n\n" + (DATA / "warsaw.txt").read_text().split("\n", 1)[1]
    page.fill("#text", text)
    page.click("text=Add and generate questions")
    expect(page.locator("#add-error")).to_contain_text("type a title")
    expect(page.locator("#add-error")).to_be_in_viewport()  # at the top, where the eye is
    page.fill("#title", "Tesla and Warsaw")
    page.click("text=Add and generate questions")
    page.wait_for_url(re.compile(r"/teach/articles/tesla-and-warsaw$"), timeout=60_000)
    expect(page.locator(".flash")).to_contain_text("Added “Tesla and Warsaw” with")
    expect(page.locator("h1")).to_contain_text("Tesla and Warsaw")  # and "draft"
    page.goto("/")
    expect(page.locator(".cards h2").first).to_contain_text("Tesla and Warsaw")


def test_review_filters_bulk_disables_by_keyboard_and_keeps_the_place(page, live_db):
    (article,) = storage.list_articles(live_db)
    add_user(live_db, "tess", role="teacher")
    log_in(page, "tess")
    page.goto(f"/teach/articles/{article['slug']}")
    page.select_option("#kind", "cloze")
    page.click("form.filters >> text=Filter")
    expect(page.locator("#item-range")).to_contain_text("matching")
    url = page.url.split("#")[0]  # the filtered page, back to which every action returns
    cards = page.locator(".items > li")
    assert cards.count() > 2 and all(
        t == "cloze" for t in cards.locator(".tag").first.all_inner_texts()
    )
    ticked = []
    for n in (0, 1):  # tick two items with the keyboard
        box = cards.nth(n).locator("input[type=checkbox]")
        box.focus()
        page.keyboard.press("Space")
        expect(box).to_be_checked()
        ticked.append(cards.nth(n).get_attribute("id").removeprefix("item-"))
    page.locator("text=Disable ticked").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda u: u.split("#")[0] == url)
    expect(page.locator(".flash")).to_have_text("2 items disabled.")
    expect(page.locator("#kind")).to_have_value("cloze")  # the filter is kept
    rows = storage.get_items(live_db, ticked)
    assert all(not r.enabled and not r.edited for r in rows.values())
    # Delete asks first and comes back to the same filtered page, at the place.
    third = cards.nth(2).get_attribute("id")
    cards.nth(2).locator("text=Delete…").click()
    expect(page.locator("h1")).to_have_text("Delete this item?")
    page.click("text=Delete the item")
    page.wait_for_url(lambda u: u.split("#")[0] == url)
    expect(page.locator(".flash")).to_have_text("Item deleted.")
    expect(page.locator(f"#{third}")).to_have_count(0)


def test_disabled_items_read_clearly_and_say_they_are_off(page, live_db):
    (article,) = storage.list_articles(live_db)
    items = storage.items_for_article(live_db, article["id"])
    storage.set_items_enabled(live_db, article["id"], [item.id for item in items[1::2]], False)
    add_user(live_db, "tess", role="teacher")
    log_in(page, "tess")
    page.goto(f"/teach/articles/{article['slug']}")
    off, on = page.locator(".item.disabled").first, page.locator(".item:not(.disabled)").first
    # Marked by its look and a label, not by fading its text (which failed contrast).
    expect(off.locator(".tag.off")).to_be_visible()
    look = "e => [getComputedStyle(e).opacity, getComputedStyle(e).backgroundColor]"
    (opacity, background), (_, enabled_background) = off.evaluate(look), on.evaluate(look)
    assert opacity == "1" and background != enabled_background
    axe = Axe()
    for size, scheme in ((PHONE, "light"), (DESKTOP, "light"), (DESKTOP, "dark")):
        page.set_viewport_size(size)
        page.emulate_media(color_scheme=scheme)
        assert serious_violations(axe, page) == [], (size, scheme)
