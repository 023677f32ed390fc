"""The home page that sells the work, and an explainer on paper.

Home (a site of four explainers, tests/quality/newsroom_site.py): the newest explainer leads
(headline, dek, date, key facts, flags), the others follow as cards, newest first, the whole
card a link; nothing scrolls sideways at 390 and 1280 px; axe finds nothing serious.
Print (the example, with print media emulated as Chromium prints): the site's chrome is gone,
the key facts stay, and every tooltip of the text is printed as a note at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

_QUALITY = str(Path(__file__).resolve().parent.parent / "quality")
if _QUALITY not in sys.path:
    sys.path.insert(0, _QUALITY)

from newsroom_site import NEWEST_FIRST, build_newsroom  # noqa: E402
from quality_support import ARTICLES  # noqa: E402
from test_accessibility import assert_accessible  # noqa: E402

WIDTHS = (390, 1280)
HOMES = {"fr": ("fr/", "explications"), "en": ("en/", "explainers")}
#: What a printed page shows none of.
CHROME = (".md-header", ".md-tabs", ".md-sidebar", ".md-search", ".md-footer", ".md-top",
          ".ex-breadcrumb", ".ex-translations", ".ex-key-terms", "button")

VISIBLE = """selector => [...document.querySelectorAll(selector)].filter(e =>
    e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden').length"""


@pytest.fixture(scope="module")
def newsroom_server(tmp_path_factory, serve_site):
    return serve_site(build_newsroom(tmp_path_factory.mktemp("newsroom")).site)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", HOMES)
def test_home_leads_with_the_newest_then_cards(newsroom_server, tab, lang, width):
    home, section = HOMES[lang]
    page = tab.page
    page.set_viewport_size({"width": width, "height": 900})
    tab.goto(newsroom_server.url(home))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if width > 390:  # on a phone, the sidebar is Material's menu drawer, off screen
        expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    lead = page.locator(".ex-lead-story")
    assert lead.locator("h2 a").evaluate("a => a.href") == newsroom_server.url(
        f"{lang}/{section}/{NEWEST_FIRST[0]}/")
    for part in (".ex-kicker", ".ex-lead-story__dek", "time", ".ex-flags img"):
        expect(lead.locator(part).first).to_be_visible()
    flags = lead.locator(".ex-flags img").evaluate_all("i => i.map(e => e.alt)")
    # The four it lists, then the two its text names; each flag named.
    assert len(flags) == 6 and all(flags), flags
    cards = page.locator(".ex-story-card")
    assert cards.locator("h3 a").evaluate_all("a => a.map(e => e.href)") == [
        newsroom_server.url(f"{lang}/{section}/{article}/") for article in NEWEST_FIRST[1:]]
    for index in range(cards.count()):
        card = cards.nth(index)
        for part in ("time", ".ex-story-card__dek", ".ex-flags img"):
            expect(card.locator(part).first).to_be_visible()
    # Columns on a desktop, one card a row on a phone.
    lefts = cards.evaluate_all("c => c.map(e => Math.round(e.getBoundingClientRect().left))")
    assert (len(set(lefts)) == 1) == (width == 390), lefts
    tab.assert_clean()


def test_a_card_is_a_link_all_over(newsroom_server, tab):
    page = tab.page
    tab.goto(newsroom_server.url("en/"))
    # A click (or tap) on the card's summary, not on its title, follows the title's link.
    box = page.locator(".ex-story-card .ex-story-card__dek").first.bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.url == newsroom_server.url(f"en/explainers/{NEWEST_FIRST[1]}/")
    tab.assert_clean()


@pytest.mark.parametrize("home", ["fr/", "en/"])
def test_home_has_no_serious_accessibility_violation(newsroom_server, tab, home):
    tab.goto(newsroom_server.url(home))
    assert_accessible(tab, home + "index.html")


@pytest.mark.parametrize("url_path", ARTICLES, ids=lambda p: p.split("/")[0])
def test_printed_explainer_keeps_key_facts_and_notes_definitions(example_server, tab, url_path):
    page = tab.page
    tab.goto(example_server.url(url_path))
    terms = page.locator(".ex-body a.ex-ref").evaluate_all(
        "links => [...new Set(links.map(a => a.getAttribute('aria-describedby')))]")
    assert len(terms) > 10
    # On screen: no notes, and the chrome is there.
    assert page.evaluate(VISIBLE, ".ex-tips__title, .ex-tip") == 0
    assert page.evaluate(VISIBLE, ".md-header") == 1
    page.emulate_media(media="print")
    for selector in CHROME:
        assert page.evaluate(VISIBLE, selector) == 0, f"{selector} is printed"
    for selector in (".ex-headline", ".ex-dek", ".ex-key-facts li", ".ex-body", ".ex-timeline"):
        expect(page.locator(selector).first).to_be_visible()
    title = page.locator(".ex-tips__title")
    expect(title).to_be_visible()
    assert title.inner_text() == "Notes"
    # Every linked word has its note, after the text, in the order the words first appear.
    notes = page.locator(".ex-tip").evaluate_all("tips => tips.map(t => t.id)")
    assert notes == terms
    body_end = page.locator(".ex-body").evaluate("b => b.getBoundingClientRect().bottom")
    for tip_id in terms:
        note = page.locator(f"[id='{tip_id}']")
        expect(note).to_be_visible()
        assert note.evaluate("n => n.getBoundingClientRect().top") > body_end
        assert len(note.inner_text().strip()) > 20, f"{tip_id} is printed without its definition"
    tab.assert_clean()
