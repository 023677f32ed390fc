"""On a touch screen: a first tap on a term or participant opens its card in place, with a
link to read more; a second tap (or that link) follows the link; a tap elsewhere closes it.
Also from the single-file explainer, opened from file:// (see test_offline_bundle.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

REPO = Path(__file__).resolve().parent.parent.parent
ARTICLE = "coalition-ukraine-2025-04-10"
FR_PAGE = f"fr/explications/{ARTICLE}/"
EN_PAGE = f"en/explainers/{ARTICLE}/"


def check_tap_opens_then_follows(tab, kind: str, more: str) -> None:
    page = tab.page
    start = page.url
    link = page.locator(f".ex-body a.ex-ref--{kind}").first
    href = link.get_attribute("href")
    tip = page.locator("#" + link.get_attribute("aria-describedby"))
    link.scroll_into_view_if_needed()
    link.tap()
    expect(tip).to_be_visible()
    assert page.url == start, "the first tap followed the link"
    read_more = tip.locator(".ex-tip__more a")
    expect(read_more).to_have_text(more)
    assert read_more.get_attribute("href") == href
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    # A tap elsewhere closes the card (and follows nothing).
    page.locator("h1").first.tap()
    expect(tip).to_be_hidden()
    assert page.url == start
    # Opened again, the second tap on the link follows it.
    link.tap()
    expect(tip).to_be_visible()
    with page.expect_navigation():
        link.tap()
    assert page.url != start


@pytest.mark.parametrize("kind", ["term", "participant"])
def test_tap_opens_the_card_in_place_then_follows(example_server, phone, kind):
    phone.goto(example_server.url(FR_PAGE))
    check_tap_opens_then_follows(phone, kind, "En savoir plus")
    phone.assert_clean()


def test_read_more_in_the_card_follows_the_link(example_server, phone):
    phone.goto(example_server.url(EN_PAGE))
    page = phone.page
    link = page.locator(".ex-body a.ex-ref--term").first
    href = link.get_attribute("href")
    link.tap()
    more = page.locator(".ex-tip:visible .ex-tip__more a")
    expect(more).to_have_text("Read more")
    with page.expect_navigation():
        more.tap()
    assert page.url == urljoin(example_server.url(EN_PAGE), href)
    phone.assert_clean()


def test_mouse_hover_and_click_are_unchanged(example_server, tab):
    """No tap: a click on a link follows it at once, as before."""
    tab.goto(example_server.url(FR_PAGE))
    page = tab.page
    link = page.locator(".ex-body a.ex-ref--term").first
    link.hover()
    expect(page.locator("#" + link.get_attribute("aria-describedby"))).to_be_visible()
    expect(page.locator(".ex-tip__more")).to_have_count(0)
    with page.expect_navigation():
        link.click()
    tab.assert_clean()


def test_tap_works_in_the_single_file_which_fits_a_phone(phone, tmp_path):
    out = tmp_path / f"{ARTICLE}.fr.html"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "bundle", "--article", ARTICLE,
                           "--lang", "fr", "--single-file", "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr
    phone.goto(out.as_uri())
    page = phone.page
    # The single file fits a phone: nothing sticks out sideways (the language menu did).
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    link = page.locator(".ex-body a.ex-ref--term").first
    tip = page.locator("#" + link.get_attribute("aria-describedby"))
    link.tap()
    expect(tip).to_be_visible()
    expect(tip.locator(".ex-tip__more a")).to_have_text("En savoir plus")
    assert page.url == out.as_uri()
    phone.assert_clean()
