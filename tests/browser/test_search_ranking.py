"""Search that serves readers, measured on the example site in Material's own search:
the explainers that discuss a word come first, the glossary's definition is a distinct
result labelled as one, and no navigation page (home, indexes, the root) is a result.

The query set and its results, before and after, are in docs/search.md."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

EXPLAINERS = {"fr": "/fr/explications/", "en": "/en/explainers/"}
DEFINITION = {"fr": "Définition", "en": "Definition"}
#: Pages that lead to results and are none themselves.
NAVIGATION = {"/", "/fr/", "/en/", "/fr/explications/", "/en/explainers/", "/fr/glossaire/",
              "/en/glossary/", "/fr/acteurs/", "/en/participants/", "/fr/dossiers/", "/en/topics/"}

#: (language, query, the explainer expected first or None for any explainer, the
#: definition expected among the results or None). Written as readers type them.
QUERIES = [
    ("fr", "réassurance", None, "/fr/glossaire/force-de-reassurance/"),
    ("fr", "cessez-le-feu", None, "/fr/glossaire/cessez-le-feu/"),
    ("fr", "Lecornu", None, None),
    ("fr", "garanties de sécurité", None, "/fr/glossaire/garantie-de-securite/"),
    ("fr", "Istanbul", "/fr/explications/istanbul-talks-2025-05-17/", None),
    ("fr", "Poutine", None, None),
    ("en", "reassurance", None, "/en/glossary/reassurance-force/"),
    ("en", "ceasefire", None, "/en/glossary/ceasefire/"),
    ("en", "Lecornu", None, None),
    ("en", "security guarantees", None, "/en/glossary/security-guarantee/"),
    ("en", "prisoner exchange", "/en/explainers/istanbul-talks-2025-05-17/",
     "/en/glossary/prisoner-exchange/"),
    ("en", "Istanbul", "/en/explainers/istanbul-talks-2025-05-17/", None),
]


@dataclass(frozen=True)
class Result:
    path: str
    tags: tuple[str, ...]


def results(tab, url: str, query: str) -> list[Result]:
    """The results Material's search lists for ``query`` typed on the page at ``url``, one
    per page, in order (read once they stop changing: each key typed searches anew)."""
    page = tab.page
    tab.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    page.locator(".md-search-result__item > a").first.wait_for(state="attached")
    script = """items => items.map(item => [item.querySelector("a").href,
        [...item.querySelectorAll(":scope > a:first-child .md-tag")].map(tag => tag.textContent)])"""
    seen, deadline = None, time.monotonic() + 5
    while time.monotonic() < deadline:
        found = page.eval_on_selector_all(".md-search-result__list > .md-search-result__item", script)
        if found == seen:
            break
        seen = found
        page.wait_for_timeout(250)
    return [Result(urlsplit(href).path, tuple(tags)) for href, tags in seen or []]


@pytest.mark.parametrize("lang, query, first, definition", QUERIES,
                         ids=[f"{lang}-{query}" for lang, query, *_ in QUERIES])
def test_explainers_first_then_the_definition_and_no_navigation(example_server, tab, lang, query,
                                                                first, definition):
    found = results(tab, example_server.url(f"{lang}/"), query)
    paths = [result.path for result in found]
    assert paths, f"no result for {query!r}"
    assert paths[0].startswith(EXPLAINERS[lang]), paths
    if first is not None:
        assert paths[0] == first, paths
    assert not NAVIGATION & set(paths[:5]), paths
    assert not NAVIGATION & set(paths), paths
    # Every explainer found comes before every other page.
    kinds = [path.startswith(EXPLAINERS[lang]) for path in paths]
    assert kinds == sorted(kinds, reverse=True), paths
    labelled = [result.path for result in found if DEFINITION[lang] in result.tags]
    if definition is not None:
        # The entry of that term first among the definitions (its term is in its title).
        assert labelled[:1] == [definition], found
    # Only glossary entries are labelled as definitions.
    assert all("/glossaire/" in path or "/glossary/" in path for path in labelled), found
    tab.assert_clean()
