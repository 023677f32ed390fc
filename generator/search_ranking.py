"""What a reader's search returns first: the explainers that discuss the words, then
the glossary's definition and the profiles of those involved; pages that only lead
elsewhere (the root, each language's home and indexes) are no result at all.

Material's search (lunr) scores an entry by its fields, the title weighing a
thousand times its text, multiplies the score by the entry's ``boost`` and orders
the pages by their best entry. A glossary entry holds its term in its title and a
participant page its name, so on their own they outrank every explainer that
only uses the word in its text, by about the title's weight. Their entries are
boosted down by more than that (``REFERENCE_BOOST``): whatever their match,
they come after every explainer that matches at all, and among themselves they
keep lunr's order. Explainers keep their own weights (``EXPLAINER_SECTION_BOOST``).

A definition is labelled as one: its first entry carries the tag "Definition" in the
page's language, which Material's results show as a chip under the title.
The lists of explainers on glossary and participant pages, and an explainer's
related reading, are titles of other pages, not what the page is about: they are
marked ``data-search-exclude`` in the templates.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import locale
from .plan import PageKind, PlannedPage
from .search import EXPLAINER_SECTION_BOOST, page_entries

#: Pages that are not search results: they list or lead to the pages that are.
NOT_RESULTS = frozenset({PageKind.ROOT, PageKind.HOME, PageKind.EXPLAINERS, PageKind.GLOSSARY,
                         PageKind.PARTICIPANTS, PageKind.DOSSIERS, PageKind.NOT_FOUND})

#: The boost of every entry of a glossary or participant page: below a
#: thousandth (the title's weight in Material's index), so that an explainer's
#: weakest match, a word once in its text, still ranks above a definition that
#: holds the word in its title.
REFERENCE_BOOST = 0.0001

#: Pages that explain nothing themselves but a dossier's introduction or who an author is:
#: found, after the explainers.
REFERENCES = frozenset({PageKind.TERM, PageKind.PARTICIPANT, PageKind.DOSSIER, PageKind.AUTHOR})


def search_entries(page: PlannedPage, html: str, url: str, title: str,
                   meta: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The search entries of a finished page, ranked for readers; None for a page
    that is no search result."""
    if page.kind in NOT_RESULTS:
        return None
    if page.kind is PageKind.ARTICLE:
        return page_entries(html, url, title, meta, section_boost=EXPLAINER_SECTION_BOOST)
    entries = page_entries(html, url, title, meta)
    if page.kind in REFERENCES and "boost" not in (meta.get("search") or {}):
        label = locale.gettext(page.lang, "Definition") if page.kind is PageKind.TERM else None
        for entry in entries:
            entry["boost"] = REFERENCE_BOOST
        if label is not None and entries:
            entries[0]["tags"] = [*entries[0].get("tags", ()), label]
    return entries
