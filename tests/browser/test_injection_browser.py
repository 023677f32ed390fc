"""In Chromium: the hostile site (tests/hostile_content.py) runs no script of its own.

Its pages are served on 127.0.0.1 and opened in both languages; every term and
participant link is hovered and focused so that its tooltip shows. Any ``alert()``
would open a dialog: none may, no console or page error may be logged, and no request
may leave 127.0.0.1. Tooltips show the hostile text as text.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import BuildResult
from hostile_content import ARTICLE, PERSON, SCRIPT, TERM, build_hostile_site

SECTIONS = {"fr": ("explications", "glossaire", "acteurs"), "en": ("explainers", "glossary", "participants")}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_hostile_site(tmp_path_factory.mktemp("hostile-browser"))


@pytest.fixture(scope="module")
def hostile_server(hostile_site, serve_site):
    return serve_site(hostile_site.site)


def pages_of(site: BuildResult, lang: str) -> list[str]:
    """The article, glossary, term, participant list and participant pages in ``lang``."""
    explainers, glossary, participants = SECTIONS[lang]
    built = sorted(page.removesuffix("index.html") for page in site.pages())
    chosen = [f"{lang}/{explainers}/{ARTICLE}/", f"{lang}/{glossary}/", f"{lang}/{participants}/"]
    chosen += [page for page in built if page.count("/") == 3 and
               page.startswith((f"{lang}/{glossary}/", f"{lang}/{participants}/"))]
    assert len(chosen) == 7, built  # 1 term, 3 participants
    return chosen


def watch_dialogs(page) -> list[str]:
    dialogs: list[str] = []

    def record(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    return dialogs


def real_errors(tab) -> list[str]:
    """Console and page errors, but the 404 of ``<img src="x">``: the sanitizer keeps that
    harmless relative image of the ``"><img src=x onerror=…>`` payload, minus its handler."""
    return [error for error in tab.errors
            if not (error.startswith("Failed to load resource") and error.endswith("/x)"))]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_hostile_pages_run_no_script(hostile_site, hostile_server, tab, lang):
    page = tab.page
    dialogs = watch_dialogs(page)
    hovered = 0
    for path in pages_of(hostile_site, lang):
        tab.goto(hostile_server.url(path))
        page.wait_for_load_state("load")
        links = page.locator("a.ex-ref")
        for index in range(links.count()):
            link = links.nth(index)
            tip = page.locator(f'[id="{link.get_attribute("aria-describedby")}"]')
            link.scroll_into_view_if_needed()
            link.hover()
            expect(tip).to_be_visible()
            assert tip.locator("script, iframe, object, embed, svg").count() == 0
            page.mouse.move(0, 0)
            link.focus()
            expect(tip).to_be_visible()
            page.keyboard.press("Escape")
            hovered += 1
        # Whatever ran on the page, nothing defined a global from the payloads.
        assert page.evaluate("typeof window.alert") == "function"
    assert hovered >= 6, "the article's term and participant links were not all found"
    page.wait_for_timeout(100)  # let any late handler fire
    assert dialogs == []
    assert real_errors(tab) == []
    tab.assert_no_external_request()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_tooltips_show_hostile_text_as_text(hostile_server, tab, lang):
    page = tab.page
    dialogs = watch_dialogs(page)
    explainers = SECTIONS[lang][0]
    tab.goto(hostile_server.url(f"{lang}/{explainers}/{ARTICLE}/"))
    term = page.locator("a.ex-ref--term").first
    term.hover()
    tip = page.locator(f'[id="{term.get_attribute("aria-describedby")}"]')
    expect(tip).to_be_visible()
    assert SCRIPT in tip.inner_text()
    # The headword is drawn by CSS from data-title: text, whatever it holds.
    title = tip.evaluate("el => getComputedStyle(el, '::before').content")
    assert TERM[lang] in title, title
    person = page.locator("a.ex-ref--participant", has_text=PERSON.split()[0]).first
    person.hover()
    card = page.locator(f'[id="{person.get_attribute("aria-describedby")}"]')
    expect(card).to_be_visible()
    assert PERSON in card.inner_text()
    assert SCRIPT in card.inner_text()
    assert dialogs == []
    assert real_errors(tab) == []
    tab.assert_no_external_request()
