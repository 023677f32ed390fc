"""In a real browser: the in-page language link leads to the translation, offline."""

from __future__ import annotations

ARTICLE = "coalition-ukraine-2025-04-10"
FR_PAGE = f"fr/explications/{ARTICLE}/"
EN_PAGE = f"en/explainers/{ARTICLE}/"


def test_read_in_english_link_opens_the_english_page(example_server, tab):
    page = tab.page
    tab.goto(example_server.url(FR_PAGE))
    assert page.evaluate("document.documentElement.lang") == "fr"

    link = page.locator('.ex-translations a[hreflang="en"]')
    assert link.count() == 1
    with page.expect_navigation(wait_until="load"):
        link.click()

    assert page.url == example_server.url(EN_PAGE)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator('.ex-translations a[hreflang="fr"]').count() == 1
    # The hreflang alternates are still in the live document (explainer.js only hides
    # them from Material's sitemap look-up while the page loads).
    hreflangs = page.eval_on_selector_all(
        'head link[rel="alternate"][hreflang]', "links => links.map(l => l.hreflang)")
    assert sorted(hreflangs) == ["en", "fr", "x-default"]
    tab.assert_no_external_request()
    tab.assert_no_console_error()
