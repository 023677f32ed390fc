"""In a real browser: search from a page returns pages of that page's language only."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

ARTICLE = "coalition-ukraine-2025-04-10"


def search(tab, url: str, query: str) -> list[str]:
    page = tab.page
    tab.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    items = page.locator(".md-search-result__item > a")
    items.first.wait_for(state="attached")
    return [urlsplit(href).path for href in
            page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")]


@pytest.mark.parametrize("start, query, lang, expected", [
    (f"en/explainers/{ARTICLE}/", "reassurance", "en", f"/en/explainers/{ARTICLE}/"),
    (f"fr/explications/{ARTICLE}/", "réassurance", "fr", f"/fr/explications/{ARTICLE}/"),
    # Stemming in the page's language: "forces" finds "force".
    ("en/", "ceasefires", "en", "/en/glossary/ceasefire/"),
])
def test_search_returns_only_the_page_language(example_server, tab, start, query, lang, expected):
    paths = search(tab, example_server.url(start), query)
    assert paths, "no search result"
    assert all(path.startswith(f"/{lang}/") for path in paths), paths
    assert expected in paths
    tab.assert_clean()
