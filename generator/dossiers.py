"""Dossiers: topics that gather explainers, and what a dossier's page shows.

A dossier's page lists its explainers newest first, merges their timelines
into one (in date order), and names the participants and key terms its
explainers share, from the plan's record of what each explainer refers to.
"""

from __future__ import annotations

import datetime as _dt
import posixpath
from dataclasses import dataclass

from .model import TargetRef
from .plan import PageKind, PlannedPage, SitePlan


@dataclass(frozen=True)
class TimelineItem:
    """One dated event of a dossier's timeline, with the explainer it comes from."""

    date: _dt.date
    event: str
    source: PlannedPage


def feed_path(dossier_page: PlannedPage) -> str:
    """The dossier's own Atom feed, beside its page."""
    return posixpath.dirname(dossier_page.src_uri) + "/feed.xml"


def dossier_articles(plan: SitePlan, dossier_id: str, lang: str) -> list[PlannedPage]:
    """The dossier's explainers readable in ``lang``, newest first."""
    return [page for page in plan.articles(lang)
            if page.article is not None and dossier_id in page.article.dossiers]


def dossier_pages(plan: SitePlan, lang: str) -> list[PlannedPage]:
    """The site's dossiers in ``lang``: the one with the latest explainer first."""
    pages = [plan.pages[("dossier", dossier_id, lang)] for dossier_id in plan.content.dossiers]

    def latest(page: PlannedPage) -> tuple:
        articles = dossier_articles(plan, page.dossier.id, lang)
        newest = max((a.version.last_changed for a in articles), default=_dt.date.min)
        return (-newest.toordinal(), page.title.casefold(), page.dossier.id)

    return sorted(pages, key=latest)


def dossiers_of(plan: SitePlan, page: PlannedPage) -> list[PlannedPage]:
    """The dossier pages, in the page's language, an explainer belongs to."""
    if page.article is None:
        return []
    return [plan.pages[key] for dossier_id in page.article.dossiers
            if (key := ("dossier", dossier_id, page.lang)) in plan.pages]


def merged_timeline(articles: list[PlannedPage]) -> list[TimelineItem]:
    """Every dated event of ``articles``' timelines in date order (oldest first); on
    the same day, the older explainer's first; an event told alike by two explainers once."""
    items: dict[tuple[_dt.date, str], TimelineItem] = {}
    for page in reversed(articles):  # oldest explainer first: it keeps a shared event
        for event in page.version.meta.timeline:
            items.setdefault((event.date, " ".join(event.event.split()).casefold()),
                             TimelineItem(event.date, event.event, page))
    order = {page.key: index for index, page in enumerate(reversed(articles))}
    return sorted(items.values(), key=lambda item: (item.date, order[item.source.key]))


def shared_references(plan: SitePlan, articles: list[PlannedPage]) -> list[tuple[PlannedPage, int]]:
    """The participant and glossary pages the dossier's explainers share: referred to by
    at least two of them (by the one, in a dossier of one), most shared first, each with
    how many explainers refer to it."""
    counts: dict[TargetRef, int] = {}
    for page in articles:
        for target in plan.references(page):
            counts[target] = counts.get(target, 0) + 1
    needed = min(2, len(articles))
    shared = []
    for target, count in counts.items():
        page = plan.target_page(target, articles[0].lang) if count >= needed else None
        if page is not None:
            shared.append((page, count))
    return sorted(shared, key=lambda item: (-item[1], item[0].title.casefold()))


def split_shared(shared: list[tuple[PlannedPage, int]]) -> tuple[list, list]:
    """``shared_references`` as (participants, key terms)."""
    return ([item for item in shared if item[0].kind is PageKind.PARTICIPANT],
            [item for item in shared if item[0].kind is PageKind.TERM])
