"""For readers, at a phone's width (390 px) and a desktop's (1280 px): no page scrolls
sideways, an explainer is a column without the site's sidebar, short enough on a phone,
with a dark headline; the pages not found speak each language and lead back."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

_QUALITY = str(Path(__file__).resolve().parent.parent / "quality")
if _QUALITY not in sys.path:
    sys.path.insert(0, _QUALITY)

from quality_support import ARTICLES, PAGES  # noqa: E402

FR_ARTICLE, EN_ARTICLE = ARTICLES
WIDTHS = (390, 1280)
#: The seed explainer at 390 px, in CSS pixels (7,350 before the reader layout).
MAX_ARTICLE_HEIGHT = 5500


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("url_path", PAGES, ids=lambda p: p or "root")
def test_no_page_scrolls_sideways(example_server, tab, url_path, width):
    page = tab.page
    page.set_viewport_size({"width": width, "height": 800})
    tab.goto(example_server.url(url_path))
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{url_path} is {scroll_width} px wide at {width} px"
    tab.assert_clean()


@pytest.mark.parametrize("url_path", ARTICLES)
def test_explainer_fits_a_phone(example_server, tab, url_path):
    page = tab.page
    page.set_viewport_size({"width": 390, "height": 844})
    tab.goto(example_server.url(url_path))
    # Every image loaded (flags and the map load lazily), as when read to the end.
    page.evaluate("""() => Promise.all([...document.images].map(i => {
        i.loading = 'eager'; return i.decode().catch(() => null); }))""")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= MAX_ARTICLE_HEIGHT, f"{url_path}: {height} px"


def test_explainer_has_a_breadcrumb_not_the_sidebar(example_server, tab):
    page = tab.page
    tab.goto(example_server.url(FR_ARTICLE))
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    crumbs = page.locator("nav.ex-breadcrumb a")
    assert crumbs.all_inner_texts() == ["Accueil", "Explications"]
    headline = page.locator("h1.ex-headline")
    weight, colour, body = headline.evaluate("""h => [getComputedStyle(h).fontWeight,
        getComputedStyle(h).color, getComputedStyle(document.querySelector('.ex-body p')).color]""")
    assert int(weight) >= 700
    assert colour == body, "the headline is not in the text's colour"
    # Key facts come first, the reference lists after the text.
    order = page.evaluate("""() => [...document.querySelectorAll(
        '.ex-key-facts, .ex-body, .ex-cards, .ex-key-terms')].map(e => e.className)""")
    assert order == ["ex-key-facts", "ex-body", "ex-cards", "ex-key-terms"]
    assert "min de lecture" in page.locator(".ex-byline").inner_text()
    tab.assert_clean()


@pytest.mark.parametrize("lang, title, home", [("fr", "Page introuvable", "Accueil"),
                                                ("en", "Page not found", "Home")])
def test_each_language_has_its_page_not_found(example_server, tab, lang, title, home):
    page = tab.page
    tab.goto(example_server.url(f"{lang}/404/"))
    assert page.evaluate("document.documentElement.lang") == lang
    expect(page.locator("h1")).to_have_text(title)
    assert "Made with" not in page.locator(".md-footer").inner_text()
    link = page.locator(".ex-not-found__links a", has_text=home)
    with page.expect_navigation():
        link.click()
    assert page.url == example_server.url(f"{lang}/")
    tab.assert_clean()


def test_a_page_not_found_holds_at_any_address(example_server, tab):
    """Served by a server for a missing address deep in the site, its styles and links
    still resolve (its <base>)."""
    page = tab.page
    body = (Path(example_server.root) / "fr/404/index.html").read_bytes()
    missing = example_server.url("fr/explications/nulle-part/plus-loin/")
    page.route(missing, lambda route: route.fulfill(status=404, body=body,
                                                     content_type="text/html; charset=utf-8"))
    page.goto(missing)
    header = page.locator(".md-header").evaluate("h => getComputedStyle(h).position")
    assert header in ("sticky", "fixed"), "Material's stylesheet did not load"
    href = page.locator(".ex-not-found__links a").first.evaluate("a => a.href")
    assert href == example_server.url("fr/")


def test_root_page_not_found_speaks_every_language(example_server, tab):
    page = tab.page
    tab.goto(example_server.url("404.html"))
    parts = page.locator("h1 span[lang]")
    assert parts.evaluate_all("s => s.map(e => [e.lang, e.textContent])") == [
        ["fr", "Page introuvable"], ["en", "Page not found"]]
    links = page.locator(".ex-language-choice a")
    assert links.evaluate_all("a => a.map(e => e.href)") == [
        example_server.url("fr/"), example_server.url("en/")]
    assert "Made with" not in page.locator("body").inner_text()
    tab.assert_clean()


@pytest.mark.parametrize("url_path, lang", [("fr/", "fr"), ("en/", "en"), ("", None)])
def test_the_footer_is_the_sites_own_in_the_page_language(example_server, tab, url_path, lang):
    page = tab.page
    tab.goto(example_server.url(url_path))
    footer = page.locator(".md-footer")
    assert "Material for MkDocs" not in footer.inner_text()
    langs = page.locator(".md-footer nav.ex-footer").evaluate_all("n => n.map(e => e.lang)")
    assert langs == ([lang] if lang else ["fr", "en"])
