"""Finishing a page: a pure function of the plan, the page and its converted HTML.

The content area (through ``render.Renderer``: templates, links, cards,
typography) and the page's search entries. Nothing depends on which pages were
finished before, so any page can be finished first, and a page whose inputs
are unchanged since the last build is taken from the build cache ("pages"),
search entries included.

A page's inputs are what the site shares (glossary, participants, every
article's frontmatter, the settings and code in the cache's stamp), and its
own: an article's text; the articles that refer to a glossary entry or a
participant; the counts on the participants' index; what a dossier's
explainers refer to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping
from urllib.parse import urlsplit

from . import locale, share_card
from .cache import BuildCache, digest
from .dossiers import dossier_articles
from .dossiers import feed_path as dossier_feed_path
from .feeds import feed_path
from .model import TargetRef
from .plan import PageKind, PlannedPage, SitePlan, alternates, url_alternates, x_default
from .render import Renderer
from .search_ranking import search_entries
from .search_index import encode_entries


@dataclass(frozen=True)
class Finished:
    content: str
    #: The page's search entries as JSON array items, or None when not indexed.
    entries: bytes | None


def shared_digest(plan: SitePlan) -> str:
    """What every page may show of the whole site (the settings are in the cache's stamp,
    but for the site's address: see ``Finisher``)."""
    content = plan.content
    articles = [(page.key, page.src_uri, page.stale, page.version.meta.model_dump_json())
                for page in plan.pages.values()
                if page.kind is PageKind.ARTICLE and page.version is not None]
    return digest(repr(content.languages),
                  repr(sorted((key, repr(entry)) for key, entry in content.glossary.items())),
                  repr(sorted((key, repr(who)) for key, who in content.participants.items())),
                  repr(sorted((key, repr(dossier)) for key, dossier in content.dossiers.items())),
                  repr(sorted((key, repr(author)) for key, author in content.authors.items())),
                  repr(articles))


class Finisher:
    def __init__(self, plan: SitePlan, renderer: Renderer, cache: BuildCache | None = None):
        self.plan, self.renderer = plan, renderer
        self.cache = cache or BuildCache(None, "")
        self._shared = (digest(shared_digest(plan), renderer.site_url or "")
                        if self.cache.enabled else "")
        self._counts: str | None = None
        self._keys: dict[tuple, str] = {}
        #: Whether finished pages are kept: not when the pages as rendered are (see
        #: generator/rendered.py), which the next build takes instead; writing both cost
        #: a first build 200 MB at 2,500 explainers, and the next build 7 s to prune them.
        self.keep = True

    def _own(self, page: PlannedPage, body: str) -> str:
        """What only this page shows, beyond what the site shares."""
        plan = self.plan
        if page.kind is PageKind.ARTICLE:
            # Its related reading depends on what the other explainers' texts mention.
            return repr((body, [(item.page.key, item.shared) for item in plan.related(page)]))
        if page.kind in (PageKind.TERM, PageKind.PARTICIPANT):
            target = (TargetRef("term", page.entry.id) if page.entry is not None
                      else TargetRef("participant", page.participant.id))
            return repr([p.key for p in plan.articles_involving(target, page.lang)])
        if page.kind is PageKind.HOME:
            # The flags of the explainers it shows: those their texts mention too.
            return repr([(p.key, plan.mentioned(p)) for p in plan.articles(page.lang)])
        if page.kind is PageKind.DOSSIER:  # what its explainers share
            return repr([(p.key, plan.references(p))
                         for p in dossier_articles(plan, page.dossier.id, page.lang)])
        if page.kind is PageKind.PARTICIPANTS:
            if self._counts is None:
                self._counts = repr(sorted((repr(t), sorted(keys))
                                           for t, keys in plan._by_target.items()))
            return self._counts
        return ""

    def finish(self, page: PlannedPage, body: str, url: str, title: str,
               meta: Mapping[str, Any], indexed: bool) -> Finished:
        def make() -> Finished:
            content = self.renderer.content(page, body)
            entries = search_entries(page, content, url, title, meta) if indexed else None
            return Finished(content, None if entries is None else encode_entries(entries))

        if not self.cache.enabled or not self.keep:
            return make()
        return self.cache.get("pages", self.key(page, body, url, title, meta, indexed),
                              _decode, make, _encode)

    def key(self, page: PlannedPage, body: str, url: str, title: str,
            meta: Mapping[str, Any], indexed: bool) -> str:
        """The digest of everything the finished page is made from (found once a build:
        the related reading it holds took 0.8 s at 1,000 explainers)."""
        arguments = (page.key, hash(body), url, title, repr(sorted(meta.items())), indexed)
        key = self._keys.get(arguments)
        if key is None:
            key = self._keys[arguments] = digest(
                self._shared, repr(page.key), page.src_uri, url, title, arguments[4],
                str(indexed), self._own(page, body))
        return key


def _encode(done: Finished) -> list:
    return [done.content, None if done.entries is None else done.entries.decode("utf-8")]


def _decode(item: list) -> Finished:
    content, entries = item
    if not isinstance(content, str) or not isinstance(entries, (str, type(None))):
        raise ValueError("malformed page")
    return Finished(content, None if entries is None else entries.encode("utf-8"))


#: The meta key in which a page outside the plan names its translations ({lang: URL}).
TRANSLATIONS_META = "explainer_translations"


def template_context(plan: SitePlan, page: PlannedPage | None, lang: str,
                     site_url: str | None, meta: dict | None = None) -> dict[str, Any]:
    """What the theme's templates (overrides/main.html…) read of the page: the
    catalog of its language, and ``explainer``. A page outside the plan may name its
    translations in its ``meta`` (``TRANSLATIONS_META``: the tag pages)."""
    catalog = locale.translations(lang)
    languages = (alternates(plan, page, site_url) if page is not None
                 else url_alternates((meta or {}).get(TRANSLATIONS_META), lang, site_url))
    explainer = {"page": page, "lang": lang, "alternates": languages,
                 "og_locale": locale.ogp_locale(plan.locale_of(lang)),
                 "og_alternates": [locale.ogp_locale(plan.locale_of(a["lang"])) for a in languages
                                   if a["lang"] != lang],
                 "feed": feed_path(lang),
                 "feed_title": locale.gettext(lang, "Latest explainers"),
                 "dossier_feed": (dossier_feed_path(page) if page is not None
                                  and page.kind is PageKind.DOSSIER else None),
                 "x_default": x_default(plan, page, site_url),
                 "footer": footer(plan, page, lang),
                 "base": not_found_base(plan, page, site_url),
                 "share_card": share_card.card_url(plan, page, site_url)}
    return {"_": catalog.gettext, "gettext": catalog.gettext, "ngettext": catalog.ngettext,
            "explainer": explainer}


def footer(plan: SitePlan, page: PlannedPage | None, lang: str) -> list[dict[str, Any]]:
    """The site's own footer links, in the page's language; on the language-choice
    root page, in each language (each part marked with its ``lang``)."""
    langs = plan.languages if page is not None and page.kind is PageKind.ROOT else (lang,)
    parts = []
    for code in langs:
        links = [{"title": target.title, "href": target.url or "./"} for target in plan.nav(code)]
        links.append({"title": locale.gettext(code, "Feed (Atom)"), "href": feed_path(code)})
        parts.append({"lang": code, "label": locale.gettext(code, "Site footer"), "links": links})
    return parts


def not_found_base(plan: SitePlan, page: PlannedPage | None, site_url: str | None) -> str | None:
    """A "page not found" is served at whatever address was missing: its <base> is its own
    address (on the site's host), so that its relative links and styles hold there. Not
    in an offline build (file:// serves no error page, and has no host root)."""
    if page is None or page.kind is not PageKind.NOT_FOUND or not plan.directory_urls:
        return None
    root = urlsplit(site_url).path if site_url else "/"
    return root.rstrip("/") + "/" + page.url
