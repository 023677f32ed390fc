"""Atom feeds: one per language, of the latest explainers, and one per dossier and language.

Built with ElementTree so that every title and summary is escaped as XML;
dates are the articles' own, so the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import posixpath
import xml.etree.ElementTree as ET

from . import locale
from .dossiers import dossier_articles
from .dossiers import feed_path as dossier_feed_path
from .plan import PageKind, PlannedPage, SitePlan, slugify
from .xml_chars import xml_text

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


def feed_path(lang: str) -> str:
    return f"{lang}/feed.xml"


def _stamp(day: _dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _href(page: PlannedPage, folder: str, site_url: str | None) -> str:
    if site_url:
        return site_url.rstrip("/") + "/" + page.url
    # Relative to the feed itself, which Atom readers resolve against its URL.
    return posixpath.relpath(page.url or ".", folder) + ("/" if page.url.endswith("/") else "")


def atom_feed(plan: SitePlan, lang: str, site_name: str, site_url: str | None,
              limit: int = 50) -> bytes:
    """The latest explainers in ``lang``."""
    return _feed(plan.articles(lang)[:limit], lang, feed_path(lang), plan.pages[("home", lang)],
                 f"{site_name} · {locale.gettext(lang, 'Latest explainers')}",
                 f"urn:explainer:{slugify(site_name) or 'site'}:{lang}", site_name, site_url)


def dossier_feed(plan: SitePlan, dossier_page: PlannedPage, site_name: str,
                 site_url: str | None, limit: int = 50) -> bytes:
    """A dossier's explainers in its page's language."""
    lang = dossier_page.lang
    articles = dossier_articles(plan, dossier_page.dossier.id, lang)[:limit]
    return _feed(articles, lang, dossier_feed_path(dossier_page), dossier_page,
                 f"{site_name} · {dossier_page.title}",
                 f"urn:explainer:{slugify(site_name) or 'site'}:dossier:{dossier_page.dossier.id}:{lang}",
                 site_name, site_url)


def site_feeds(plan: SitePlan, site_name: str, site_url: str | None) -> dict[str, bytes]:
    """Site path → feed: each language's, and each dossier's in each language."""
    feeds = {feed_path(lang): atom_feed(plan, lang, site_name, site_url) for lang in plan.languages}
    for page in plan.pages.values():
        if page.kind is PageKind.DOSSIER:
            feeds[dossier_feed_path(page)] = dossier_feed(plan, page, site_name, site_url)
    return feeds


def _feed(articles: list[PlannedPage], lang: str, path: str, alternate: PlannedPage, title: str,
          urn: str, site_name: str, site_url: str | None) -> bytes:
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang})
    folder = posixpath.dirname(path)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        # Every text and attribute goes through xml_text: editors write them.
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}",
                                {name: xml_text(value) for name, value in attrs.items()})
        if text is not None:
            element.text = xml_text(text)
        return element

    feed_url = (site_url.rstrip("/") + "/" + path) if site_url else None
    sub(feed, "id", feed_url or urn)
    sub(feed, "title", title)
    dates = [page.version.last_changed for page in articles if page.version]
    sub(feed, "updated", _stamp(max(dates)) if dates else "1970-01-01T00:00:00Z")
    sub(sub(feed, "author"), "name", site_name)
    sub(feed, "link", rel="alternate", type="text/html", hreflang=lang,
        href=_href(alternate, folder, site_url))
    if feed_url:
        sub(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    for page in articles:
        assert page.version is not None
        meta = page.version.meta
        entry = sub(feed, "entry")
        href = _href(page, folder, site_url)
        sub(entry, "id", href if site_url else f"urn:explainer:{page.article.id if page.article else ''}:{lang}")
        sub(entry, "title", meta.title)
        sub(entry, "link", rel="alternate", type="text/html", href=href)
        sub(entry, "published", _stamp(meta.date))
        sub(entry, "updated", _stamp(page.version.last_changed))
        sub(entry, "summary", meta.summary)
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"
