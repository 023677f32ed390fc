"""Atom feeds, one per language, of the latest explainers.

Built with ElementTree so that every title and summary is escaped as XML;
dates are the articles' own, so the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import posixpath
import xml.etree.ElementTree as ET

from . import locale
from .plan import PlannedPage, SitePlan, slugify
from .xml_chars import xml_text

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


def feed_path(lang: str) -> str:
    return f"{lang}/feed.xml"


def _stamp(day: _dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _href(page: PlannedPage, lang: str, site_url: str | None) -> str:
    if site_url:
        return site_url.rstrip("/") + "/" + page.url
    # Relative to the feed itself, which Atom readers resolve against its URL.
    return posixpath.relpath(page.url or ".", lang) + ("/" if page.url.endswith("/") else "")


def atom_feed(plan: SitePlan, lang: str, site_name: str, site_url: str | None,
              limit: int = 50) -> bytes:
    articles = plan.articles(lang)[:limit]
    home = plan.pages[("home", lang)]
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        # Every text and attribute goes through xml_text: editors write them.
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}",
                                {name: xml_text(value) for name, value in attrs.items()})
        if text is not None:
            element.text = xml_text(text)
        return element

    feed_url = (site_url.rstrip("/") + "/" + feed_path(lang)) if site_url else None
    sub(feed, "id", feed_url or f"urn:explainer:{slugify(site_name) or 'site'}:{lang}")
    sub(feed, "title", f"{site_name} · {locale.gettext(lang, 'Latest explainers')}")
    dates = [page.version.meta.updated or page.version.meta.date for page in articles if page.version]
    sub(feed, "updated", _stamp(max(dates)) if dates else "1970-01-01T00:00:00Z")
    sub(sub(feed, "author"), "name", site_name)
    sub(feed, "link", rel="alternate", type="text/html", hreflang=lang,
        href=_href(home, lang, site_url))
    if feed_url:
        sub(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    for page in articles:
        assert page.version is not None
        meta = page.version.meta
        entry = sub(feed, "entry")
        href = _href(page, lang, site_url)
        sub(entry, "id", href if site_url else f"urn:explainer:{page.article.id if page.article else ''}:{lang}")
        sub(entry, "title", meta.title)
        sub(entry, "link", rel="alternate", type="text/html", href=href)
        sub(entry, "published", _stamp(meta.date))
        sub(entry, "updated", _stamp(meta.updated or meta.date))
        sub(entry, "summary", meta.summary)
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"
