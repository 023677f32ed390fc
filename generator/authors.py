"""Bylines: who wrote and who translated an explainer, their pages, and the
credits of an explainer's JSON-LD (author, translator, publisher)."""

from __future__ import annotations

from typing import Any, Callable

from .plan import PlannedPage, SitePlan

#: A planned page → its absolute address, or None when the site's URL is unknown.
Absolute = Callable[[PlannedPage], "str | None"]


def people(plan: SitePlan, ids: list[str], lang: str) -> list[PlannedPage]:
    """The author pages of ``ids`` in ``lang``, in the order written."""
    return [plan.pages[key] for ident in ids if (key := ("author", ident, lang)) in plan.pages]


def byline(plan: SitePlan, page: PlannedPage) -> tuple[list[PlannedPage], list[PlannedPage]]:
    """(authors, translators) of an explainer page: the original's authors (a
    translation inherits them) and this version's own translators."""
    if page.article is None or page.version is None:
        return [], []
    return (people(plan, page.article.authors, page.lang),
            people(plan, page.version.meta.translators, page.lang))


def author_articles(plan: SitePlan, author_id: str, lang: str
                    ) -> tuple[list[PlannedPage], list[PlannedPage]]:
    """(written, translated): the explainers in ``lang`` an author wrote and those
    they translated, newest first."""
    written = [page for page in plan.articles(lang)
               if page.article is not None and author_id in page.article.authors]
    translated = [page for page in plan.articles(lang)
                  if page.version is not None and author_id in page.version.meta.translators]
    return written, translated


def _person(page: PlannedPage, absolute: Absolute) -> dict[str, Any]:
    person: dict[str, Any] = {"@type": "Person", "name": page.author.name,
                              "jobTitle": page.author.texts[page.lang].role}
    if absolute(page):
        person["url"] = absolute(page)
    return person


def publisher_ld(plan: SitePlan, site_url: str | None) -> dict[str, Any] | None:
    """The site's publisher as a schema.org Organization, its logo an ImageObject."""
    publisher = plan.publisher
    if publisher is None:
        return None
    data: dict[str, Any] = {"@type": "Organization", "name": publisher.name}
    if publisher.url:
        data["url"] = publisher.url
    logo = publisher.logo if publisher.logo_file is None else None
    if publisher.logo_site_path and site_url:
        logo = site_url.rstrip("/") + "/" + publisher.logo_site_path
    if logo:
        data["logo"] = {"@type": "ImageObject", "url": logo}
    return data


def credits_ld(plan: SitePlan, page: PlannedPage, absolute: Absolute,
               site_url: str | None) -> dict[str, Any]:
    """What an explainer's NewsArticle JSON-LD says of who made it: ``author``,
    ``translator``, ``publisher`` (only those known)."""
    authors, translators = byline(plan, page)
    data: dict[str, Any] = {}
    if authors:
        data["author"] = [_person(who, absolute) for who in authors]
    if translators:
        data["translator"] = [_person(who, absolute) for who in translators]
    publisher = publisher_ld(plan, site_url)
    if publisher is not None:
        data["publisher"] = publisher
    return data
