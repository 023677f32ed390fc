"""The site as data, computed once: which pages exist, in which language, at which URL,
and what every article mentions.

The plan is pure data built from validated content, before any page is
finished: every cross-page fact (who mentions whom, backlinks, indexes) is here,
so that finishing a page needs nothing but the plan, the page and its HTML, in
any order. Renderers and the MkDocs adapter only read it; nothing here renders
pages or touches files (but the build cache).
"""

from __future__ import annotations

import heapq
import html
import itertools
import json
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable
from enum import Enum

from . import locale, reading
from .cache import BuildCache, digest
from .convert import Converted, Converter
from .linking import Form, Matcher, Mention, find_mentions, mentions_from_json, site_forms
from .settings import Publisher, Settings
from .translation import is_stale
from .mixed_language import release_word_lists
from .model import (
    SAFE_ID_RE,
    Article,
    ArticleVersion,
    Author,
    Dossier,
    GlossaryEntry,
    Participant,
    SiteContent,
    TargetRef,
)


class PageKind(str, Enum):
    ROOT = "root"
    HOME = "home"
    EXPLAINERS = "explainers"
    ARTICLE = "article"
    GLOSSARY = "glossary"
    TERM = "term"
    PARTICIPANTS = "participants"
    PARTICIPANT = "participant"
    DOSSIERS = "dossiers"
    DOSSIER = "dossier"
    AUTHOR = "author"
    NOT_FOUND = "not_found"


def slugify(text: str) -> str:
    """ASCII URL segment of a term: 'cessez-le-feu', 'reassurance-force'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def section_segments(lang: str) -> dict[str, str]:
    """URL segments of the sections, translatable (msgctxt "url segment") so that
    each language reads naturally: /fr/explications/…, /en/explainers/…."""
    return {
        "explainers": locale.pgettext(lang, "url segment", "explainers"),
        "glossary": locale.pgettext(lang, "url segment", "glossary"),
        "participants": locale.pgettext(lang, "url segment", "participants"),
        "dossiers": locale.pgettext(lang, "url segment", "topics"),
        "authors": locale.pgettext(lang, "url segment", "authors"),
    }


@dataclass(eq=False)
class PlannedPage:
    key: tuple[str, ...]
    kind: PageKind
    lang: str
    src_uri: str
    url: str
    title: str
    description: str = ""
    article: Article | None = None
    version: ArticleVersion | None = None
    entry: GlossaryEntry | None = None
    participant: Participant | None = None
    dossier: Dossier | None = None
    author: Author | None = None
    #: A translation whose original changed since it was made.
    stale: bool = False
    #: The same page in every language it exists in, this one included.
    translations: dict[str, "PlannedPage"] = field(default_factory=dict)

    @property
    def is_translated(self) -> bool:
        return len(self.translations) > 1


#: How many related explainers an explainer ends with.
RELATED_LIMIT = 3
#: What more explainers of a language than this refer to says little about which to
#: read next (the country they are all about), and weighing it too would make the
#: ranking quadratic in the site's size.
RELATED_COMMON = 25


@dataclass(frozen=True)
class Related:
    """An explainer to read next, and what it shares with the one being read (the
    terms and participants, the most telling first)."""

    page: PlannedPage
    shared: tuple[TargetRef, ...]


@dataclass
class SitePlan:
    content: SiteContent
    directory_urls: bool = True
    pages: dict[tuple[str, ...], PlannedPage] = field(default_factory=dict)
    by_src_uri: dict[str, PlannedPage] = field(default_factory=dict)
    #: Every article page's body as HTML (converted once: see generator.convert).
    bodies: dict[tuple[str, ...], Converted] = field(default_factory=dict, repr=False)
    #: Every mention in every article page's body, in document order.
    mentions: "Mentions" = field(default_factory=lambda: Mentions(), repr=False)
    _by_target: dict[TargetRef, set[tuple[str, ...]]] = field(default_factory=dict, repr=False)
    _matchers: dict[str, Matcher] = field(default_factory=dict, repr=False)
    #: Site language → CLDR locale of its dates (Settings.locales).
    locales: dict[str, str] = field(default_factory=dict)
    #: The site's phrases never linked (Settings.never_link).
    never_link: tuple[str, ...] = ()
    #: A share card per article page (Settings.share_cards).
    share_cards: bool = False
    #: Who publishes the site (Settings.publisher).
    publisher: Publisher | None = None
    _articles: dict[str, list[PlannedPage]] = field(default_factory=dict, repr=False)
    _ranks: dict[tuple[str, ...], int] = field(default_factory=dict, repr=False)
    _cache: dict[str, object] = field(default_factory=dict, repr=False)
    _related: dict[tuple[str, ...], list["Related"]] = field(default_factory=dict, repr=False)
    _by_target_lang: dict[tuple[TargetRef, str], list[tuple[str, ...]]] = field(
        default_factory=dict, repr=False)
    _references: dict[tuple[str, ...], tuple[list[TargetRef], tuple[TargetRef, ...]]] = field(
        default_factory=dict, repr=False)

    @property
    def languages(self) -> tuple[str, ...]:
        return self.content.languages

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def language_or_default(self, lang: object) -> str:
        """``lang`` when it is one of the site's languages (a page's meta), else the default."""
        return lang if isinstance(lang, str) and lang in self.languages else self.default_language

    def locale_of(self, lang: str) -> str:
        """The CLDR locale of a site language's dates: ``en_GB``, or the language itself."""
        return self.locales.get(lang, lang)

    def add(self, page: PlannedPage) -> PlannedPage:
        self.pages[page.key] = page
        self.by_src_uri[page.src_uri] = page
        return page

    def page(self, *key: str) -> PlannedPage | None:
        return self.pages.get(tuple(key))

    def url_for(self, src_uri: str) -> str:
        """The URL MkDocs gives ``src_uri`` (``a/b/index.md`` → ``a/b/`` or ``a/b/index.html``)."""
        stem = src_uri[: -len(".md")]
        if self.directory_urls:
            return "" if stem == "index" else stem[: -len("index")]
        return stem + ".html"

    def relative_url(self, source: PlannedPage, target: PlannedPage, anchor: str = "") -> str:
        """Link from ``source`` to ``target`` that works on a server and from ``file://``."""
        path = _relative_path(posixpath.dirname(source.src_uri), target.src_uri, self.directory_urls)
        return path + (f"#{anchor}" if anchor else "")

    def nav(self, lang: str) -> list[PlannedPage]:
        """The short, per-language navigation: section pages only, never every article."""
        keys = [("home", lang), ("explainers", lang), ("dossiers", lang), ("glossary", lang),
                ("participants", lang)]
        return [self.pages[key] for key in keys if key in self.pages]

    def articles(self, lang: str) -> list[PlannedPage]:
        """Article pages readable in ``lang``, newest first (computed once per language)."""
        pages = self._articles.get(lang)
        if pages is None:
            pages = [self.pages[("article", article.id, lang)]
                     for article in self.content.articles_newest_first()
                     if ("article", article.id, lang) in self.pages]
            self._articles[lang] = pages
        return pages

    def newest_date(self):
        """The newest article date (its last update if any), or None without articles."""
        if "newest" not in self._cache:
            dates = [version.last_changed
                     for article in self.content.articles.values()
                     for version in article.versions.values()]
            self._cache["newest"] = max(dates) if dates else None
        return self._cache["newest"]

    def article_rank(self, page: PlannedPage) -> int:
        """Position of an article page in its language's newest-first list."""
        if not self._ranks:
            for lang in self.languages:
                self._ranks.update({p.key: i for i, p in enumerate(self.articles(lang))})
        return self._ranks[page.key]

    def asset_url(self, source: PlannedPage, path: str) -> str:
        """Link from ``source`` to a static file at ``path`` (from the site root)."""
        return _relpath(path, posixpath.dirname(source.src_uri))

    def untranslated(self, lang: str) -> list[PlannedPage]:
        """Originals of articles with no ``lang`` version, newest first: listed with a notice."""
        pages = []
        for article in self.content.articles_newest_first():
            if lang not in article.versions and article.original is not None:
                pages.append(self.pages[("article", article.id, article.original.lang)])
        return pages

    def target_page(self, target: TargetRef, lang: str) -> PlannedPage | None:
        """The page a linked term or participant goes to, in ``lang``."""
        return self.pages.get((target.kind, target.id, lang))

    # -- mentions ------------------------------------------------------------------------

    def matcher(self, lang: str) -> Matcher:
        """Every term and name of the site, for text written in ``lang``."""
        matcher = self._matchers.get(lang)
        if matcher is None:
            key = (lang, self.forms_digest())
            matcher = _MATCHERS.get(key)
            if matcher is None:
                if len(_MATCHERS) >= 2 * len(self.languages):
                    _MATCHERS.clear()
                matcher = _MATCHERS[key] = Matcher(lang, self.forms())
            self._matchers[lang] = matcher
        return matcher

    def forms_digest(self) -> str:
        """``_forms_digest`` of this plan (computed once)."""
        if "forms_digest" not in self._cache:
            self._cache["forms_digest"] = _forms_digest(self)
        return self._cache["forms_digest"]  # type: ignore[return-value]

    def forms(self) -> list[Form]:
        """Every form of the site, generated ones included (computed once)."""
        if "forms" not in self._cache:
            self._cache["forms"] = site_forms(self.content, self.never_link)
            # Only generating forms reads wordfreq's lists (about 60 MB): let go before
            # the articles are converted, or a cold build's memory peaks with both.
            release_word_lists()
        return self._cache["forms"]  # type: ignore[return-value]

    def known(self, target: TargetRef) -> bool:
        return self.target_page(target, self.default_language) is not None

    def mentioned(self, page: PlannedPage) -> list[TargetRef]:
        """What the body of an article page mentions, each target once, in order."""
        return self.mentions.targets(page.key)

    def references(self, page: PlannedPage) -> list[TargetRef]:
        """What an article page refers to: what its body mentions, then the
        participants its frontmatter lists."""
        # Asked for each article page by several steps of every build (indexing, the
        # copy desk, the preview's affected pages, maps): listed once per plan, while
        # the page's mentions are the same (found again, they are a new list).
        mentioned = self.mentioned(page)
        kept = self._references.get(page.key)
        if kept is None or kept[0] is not mentioned:
            listed = page.version.meta.participants if page.version is not None else []
            kept = self._references[page.key] = (mentioned, tuple(dict.fromkeys(
                [*mentioned, *(TargetRef("participant", item.id) for item in listed)])))
        return list(kept[1])

    def articles_using(self, target: TargetRef, lang: str) -> list[PlannedPage]:
        """Article pages in ``lang`` that refer to ``target``, newest first."""
        # Sorting the few pages that use the target, not scanning every article:
        # a glossary of thousands of terms stays linear in the site size.
        pages = [self.pages[key] for key in self._by_target.get(target, ()) if key[-1] == lang]
        return sorted(pages, key=self.article_rank)

    def groups_of(self, participant_id: str) -> list[str]:
        """Ids of the groups that list ``participant_id`` among their members."""
        return [other.id for other in self.content.participants.values()
                if participant_id in other.members]

    def articles_involving(self, target: TargetRef, lang: str) -> list[PlannedPage]:
        """Article pages in ``lang`` that refer to ``target`` or, for a participant, to a
        group it is a member of (the Baltic states stand for Estonia), newest first."""
        keys = set(self._by_target.get(target, ()))
        if target.kind == "participant":
            for group in self.groups_of(target.id):
                keys.update(self._by_target.get(TargetRef("participant", group), ()))
        return sorted((self.pages[key] for key in keys if key[-1] == lang), key=self.article_rank)

    def related(self, page: PlannedPage) -> list["Related"]:
        """Up to ``RELATED_LIMIT`` other explainers in ``page``'s language that share the
        most with it, each with what it shares, the most telling first.

        What an explainer refers to (``references``: what its text mentions, the
        participants it lists) is weighed by its rarity among the explainers of that
        language: sharing a term two explainers use says more than sharing the
        country every explainer is about. What more than ``RELATED_COMMON`` of them
        refer to is left out. Ties go to the newest, then by id."""
        if page.kind is not PageKind.ARTICLE:
            return []
        found = self._related.get(page.key)
        if found is None:
            found = self._related[page.key] = self._rank_related(page)
        return found

    def _rank_related(self, page: PlannedPage) -> list["Related"]:
        if not self._by_target_lang:
            for target, keys in self._by_target.items():
                for key in keys:
                    self._by_target_lang.setdefault((target, key[-1]), []).append(key)
        if "newness" not in self._cache:  # ties: the newest, then by id
            self._cache["newness"] = {key: (-p.article.date.toordinal(), p.article.id)
                                      for key, p in self.pages.items() if p.kind is PageKind.ARTICLE}
        newness = self._cache["newness"]
        shared: dict[tuple[str, ...], list[TargetRef]] = {}
        scores: dict[tuple[str, ...], float] = {}
        weights: dict[TargetRef, float] = {}
        for target in self.references(page):
            using = self._by_target_lang.get((target, page.lang), ())
            if len(using) > RELATED_COMMON:
                continue
            weight = weights[target] = 1 / len(using)
            for key in using:
                if key != page.key:
                    shared.setdefault(key, []).append(target)
                    scores[key] = scores.get(key, 0) + weight

        # Scores summed as the targets come, and the dates looked up once per site: asking
        # each candidate's article for its date took 1 s of a warm build at N=1000.
        order = {target: i for i, target in enumerate(weights)}
        return [Related(self.pages[key],
                        tuple(sorted(shared[key], key=lambda t: (-weights[t], order[t]))))
                for key in heapq.nsmallest(RELATED_LIMIT, shared,
                                           key=lambda key: (-scores[key], newness[key]))]

    def _index_references(self) -> None:
        self._by_target, self._related, self._by_target_lang = {}, {}, {}
        for page in self.pages.values():
            if page.kind is PageKind.ARTICLE:
                for target in self.references(page):
                    self._by_target.setdefault(target, set()).add(page.key)


@dataclass(frozen=True)
class MentionsText:
    """An article's mentions as the build cache keeps them (JSON text), with what they
    refer to read once, when the entry is decoded: a preview server keeps the decoded
    entry, and reading 2,000 texts' targets again took 0.4 s of every rebuild."""

    text: str
    targets: tuple[TargetRef, ...]


def _targets_of(text: str) -> tuple[TargetRef, ...]:
    """What the mentions of ``text`` refer to, each once; ValueError if it does not read."""
    items = json.loads(text)
    targets = tuple(dict.fromkeys(TargetRef(kind, ident) for kind, ident, *_ in items
                                  if isinstance(kind, str) and isinstance(ident, str)))
    if len(items) and not targets:
        raise ValueError("mentions without targets")
    return targets


class Mentions:
    """Every article page's mentions, by page key.

    Those read back from the build cache stay JSON text until a page asks for
    them: a warm build finishes most pages from the cache and needs only what
    each article refers to (kept decoded), not each of its 94,000 mentions at
    1,000 explainers (a second of CPU to decode, 30 MB to hold).
    """

    def __init__(self) -> None:
        self._kept: dict[tuple[str, ...], tuple[Mention, ...] | str] = {}
        self._targets: dict[tuple[str, ...], list[TargetRef]] = {}
        #: Finds a page's mentions again, should what the cache kept not read.
        self.refind: Callable[[tuple[str, ...]], tuple[Mention, ...]] | None = None

    def record(self, key: tuple[str, ...], mentions: "tuple[Mention, ...] | MentionsText") -> None:
        """Keep ``mentions``, or their JSON text as the build cache kept it (``Mention.to_json``
        of each, its targets checked when decoded, whole when asked for)."""
        if isinstance(mentions, MentionsText):
            self._kept[key], self._targets[key] = mentions.text, list(mentions.targets)
        else:
            self._kept[key] = mentions
            self._targets[key] = list(dict.fromkeys(mention.target for mention in mentions))

    def __setitem__(self, key: tuple[str, ...], mentions: tuple[Mention, ...]) -> None:
        self.record(key, mentions)

    def __getitem__(self, key: tuple[str, ...]) -> tuple[Mention, ...]:
        mentions = self._kept[key]
        if isinstance(mentions, str):
            try:
                mentions = mentions_from_json(json.loads(mentions))
            except (ValueError, TypeError):
                if self.refind is None:
                    raise KeyError(key) from None
                mentions = self.refind(key)
                self._targets[key] = list(dict.fromkeys(m.target for m in mentions))
            self._kept[key] = mentions
        return mentions

    def get(self, key: tuple[str, ...], default=()) -> tuple[Mention, ...]:
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        return key in self._kept

    def targets(self, key: tuple[str, ...]) -> list[TargetRef]:
        return self._targets.get(key, [])


# Hits come from the links a page repeats (31,000 of 101,000 calls at N=1000): every page
# has its own folder, so pairs are not shared between pages. 65,536 entries held 23 MB of
# one-off pairs for the same hits as these 4,096.
@lru_cache(maxsize=1 << 12)
def _relpath(path: str, base: str) -> str:
    """``posixpath.relpath`` for the plan's own paths (relative, normalised, no ``..``).

    posixpath.relpath makes both paths absolute against the working directory
    first; pages compute tens of links each, so this stays on plain strings.
    """
    parts = path.split("/") if path else []
    base_parts = base.split("/") if base else []
    common = 0
    for mine, theirs in zip(parts, base_parts):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(base_parts) - common) + parts[common:]) or "."


def _relative_path(base: str, target_src_uri: str, directory_urls: bool) -> str:
    path = _relpath(target_src_uri[: -len(".md")], base)
    if directory_urls:
        path = posixpath.dirname(path) if path.endswith("index") else path
        return "./" if path in ("", ".") else path + "/"
    return path + ".html"


def _free_src_uri(plan: SitePlan, folder: str, name: str, identifier: str) -> str:
    """A page path in ``folder`` named after ``name`` (readable URLs in each language),
    falling back to the id, then to numbered ids, when taken or unsafe. The numbers go
    on as far as needed: the pages planned so far are finite, so one is always free."""
    slug = slugify(name)
    candidates = itertools.chain([slug] if SAFE_ID_RE.match(slug) else [], [identifier],
                                 (f"{identifier}-{n}" for n in itertools.count(2)))
    for candidate in candidates:
        src_uri = f"{folder}/{candidate}/index.md"
        if src_uri not in plan.by_src_uri:
            return src_uri
    raise AssertionError("unreachable: itertools.count never ends")


def _link_translations(pages: list[PlannedPage]) -> None:
    by_lang = {page.lang: page for page in pages}
    for page in pages:
        page.translations = by_lang


def plan_site(content: SiteContent, directory_urls: bool = True, *,
              settings: Settings | None = None, cache: BuildCache | None = None) -> SitePlan:
    """Plan every page of the site in one pass over the content; with ``settings``,
    convert every article and record what it mentions (through ``cache``)."""
    plan = _plan_pages(content, settings.directory_urls if settings else directory_urls)
    if settings is not None:
        plan.locales = dict(settings.locales)
        plan.share_cards = settings.share_cards
        plan.publisher = settings.publisher
        _plan_articles(plan, settings, cache or BuildCache(None, ""))
    return plan


#: The matchers of the sites planned in this process, by language and ``_forms_digest``:
#: a preview server's rebuild after an article is saved reuses them (making them took
#: 0.4 s of each rebuild at K=500).
_MATCHERS: dict[tuple[str, str], Matcher] = {}


def _forms_digest(plan: SitePlan) -> str:
    """What every article's mentions depend on besides its text: what the site's forms
    are made from (the forms generated from them also depend on the code and the
    libraries, which the cache's stamp holds). Not the forms themselves: generating
    them loads wordfreq's lists, which a warm build never needs."""
    content = plan.content
    return digest(repr(plan.languages), repr(sorted(plan.never_link)),
                  repr(sorted((key, repr(entry)) for key, entry in content.glossary.items())),
                  repr(sorted((key, repr(who)) for key, who in content.participants.items())))


def _plan_articles(plan: SitePlan, settings: Settings, cache: BuildCache) -> None:
    """Every article page's HTML and mentions, from the cache where its text and the
    site's forms are unchanged."""
    convert = Converter(settings)
    if plan.never_link != settings.never_link:
        plan.never_link, plan._matchers = settings.never_link, {}
        plan._cache.pop("forms_digest", None)
        plan._cache.pop("forms", None)
    forms = plan.forms_digest()
    plan.mentions.refind = lambda key: tuple(find_mentions(plan.bodies[key].html,
                                                           plan.matcher(key[-1]), plan.known))

    def encode(value: tuple[Converted, tuple[Mention, ...] | MentionsText]) -> list:
        converted, mentions = value
        if isinstance(mentions, MentionsText):
            mentions = mentions.text
        else:
            mentions = json.dumps([mention.to_json() for mention in mentions],
                                  ensure_ascii=False, separators=(",", ":"))
        return [converted.html, converted.toc, mentions, converted.words]

    def decode(item: list) -> tuple[Converted, MentionsText]:
        html, toc, mentions, words = item
        if not (isinstance(html, str) and isinstance(toc, list) and isinstance(mentions, str)
                and isinstance(words, int)):
            raise ValueError("malformed article")
        # An entry whose mentions do not read is a miss: found again by make().
        return Converted(html, toc, words), MentionsText(mentions, _targets_of(mentions))

    for page in plan.pages.values():
        if page.kind is not PageKind.ARTICLE or page.version is None:
            continue
        body = page.version.body

        def make(body: str = body, lang: str = page.lang) -> tuple[Converted, tuple[Mention, ...]]:
            converted = convert(body)
            return converted, tuple(find_mentions(converted.html, plan.matcher(lang), plan.known))

        key = digest(forms, page.lang, body)
        plan.bodies[page.key], mentions = cache.get("articles", key, decode, make, encode)
        plan.mentions.record(page.key, mentions)
    plan._index_references()


def _plan_pages(content: SiteContent, directory_urls: bool) -> SitePlan:
    plan = SitePlan(content=content, directory_urls=directory_urls)

    def add(key: tuple[str, ...], kind: PageKind, lang: str, src_uri: str, title: str,
            **extra) -> PlannedPage:
        return plan.add(PlannedPage(key=key, kind=kind, lang=lang, src_uri=src_uri,
                                    url=plan.url_for(src_uri), title=title, **extra))

    # The language-choice page speaks every language: its title too.
    root = add(("root",), PageKind.ROOT, plan.default_language, "index.md",
               " · ".join(locale.gettext(lang, "Explainers") for lang in plan.languages))
    homes, indexes = [], []
    segments = {lang: section_segments(lang) for lang in plan.languages}
    for lang in plan.languages:
        homes.append(add(("home", lang), PageKind.HOME, lang, f"{lang}/index.md",
                         locale.gettext(lang, "Home")))
        indexes.append(add(("explainers", lang), PageKind.EXPLAINERS, lang,
                           f"{lang}/{segments[lang]['explainers']}/index.md",
                           locale.gettext(lang, "All explainers")))
    _link_translations(homes)
    _link_translations(indexes)
    root.translations = {page.lang: page for page in homes}
    # Each language's "page not found" (a server's error page for that language's
    # folder; the root 404.html speaks every language: see Renderer.root_not_found).
    _link_translations([add(("not_found", lang), PageKind.NOT_FOUND, lang, f"{lang}/404/index.md",
                            locale.gettext(lang, "Page not found"))
                        for lang in plan.languages])

    for article in content.articles_newest_first():
        versions = []
        for lang, version in sorted(article.versions.items()):
            versions.append(add(
                ("article", article.id, lang), PageKind.ARTICLE, lang,
                f"{lang}/{segments[lang]['explainers']}/{version.slug}/index.md",
                version.meta.title, description=version.meta.summary,
                article=article, version=version, stale=is_stale(article, version)))
        _link_translations(versions)

    glossary_indexes = [
        add(("glossary", lang), PageKind.GLOSSARY, lang, f"{lang}/{segments[lang]['glossary']}/index.md",
            locale.gettext(lang, "Glossary"))
        for lang in plan.languages]
    _link_translations(glossary_indexes)
    for entry in content.glossary.values():
        versions = []
        for lang in plan.languages:
            text = entry.texts[lang]
            versions.append(add(
                ("term", entry.id, lang), PageKind.TERM, lang,
                _free_src_uri(plan, f"{lang}/{segments[lang]['glossary']}", text.term, entry.id),
                text.term[:1].upper() + text.term[1:], description=text.short, entry=entry))
        _link_translations(versions)

    participant_indexes = [
        add(("participants", lang), PageKind.PARTICIPANTS, lang,
            f"{lang}/{segments[lang]['participants']}/index.md", locale.gettext(lang, "Who’s involved"))
        for lang in plan.languages]
    _link_translations(participant_indexes)
    for participant in content.participants.values():
        versions = []
        for lang in plan.languages:
            name = participant.names[lang]
            versions.append(add(("participant", participant.id, lang), PageKind.PARTICIPANT, lang,
                                _free_src_uri(plan, f"{lang}/{segments[lang]['participants']}",
                                              name, participant.id),
                                name[:1].upper() + name[1:],
                                description=participant.description.get(lang, ""),
                                participant=participant))
        _link_translations(versions)
    _plan_dossiers_and_authors(plan, segments, add)
    return plan


def _plan_dossiers_and_authors(plan: SitePlan, segments: dict[str, dict[str, str]], add) -> None:
    """A page per dossier and per author in each language, and the dossiers' index;
    none on a site without dossiers or authors."""
    content = plan.content
    if content.dossiers:
        _link_translations([
            add(("dossiers", lang), PageKind.DOSSIERS, lang,
                f"{lang}/{segments[lang]['dossiers']}/index.md", locale.gettext(lang, "Dossiers"))
            for lang in plan.languages])
    for dossier in content.dossiers.values():
        _link_translations([
            add(("dossier", dossier.id, lang), PageKind.DOSSIER, lang,
                _free_src_uri(plan, f"{lang}/{segments[lang]['dossiers']}",
                              dossier.texts[lang].title, dossier.id),
                dossier.texts[lang].title, description=dossier.texts[lang].summary, dossier=dossier)
            for lang in plan.languages])
    for author in content.authors.values():
        _link_translations([
            add(("author", author.id, lang), PageKind.AUTHOR, lang,
                _free_src_uri(plan, f"{lang}/{segments[lang]['authors']}", author.name, author.id),
                author.name, description=author.texts[lang].role, author=author)
            for lang in plan.languages])


def page_link(target: PlannedPage, site_url: str | None) -> str:
    """Absolute when the site URL is known (hreflang wants it), else root-relative."""
    if site_url:
        return site_url.rstrip("/") + "/" + target.url
    return target.url or "./"


def alternates(plan: SitePlan, page: PlannedPage | None, site_url: str | None) -> list[dict]:
    """The page in each language (itself included), for links and hreflang."""
    if page is None or not page.is_translated:
        return []
    return [{"name": locale.language_name(code), "lang": code, "link": page_link(other, site_url),
             "href": other.url or "./", "current": other is page}
            for code, other in sorted(page.translations.items())]


def url_alternates(urls: object, lang: str, site_url: str | None) -> list[dict]:
    """``alternates`` of a page outside the plan whose meta names its translations
    (``{lang: site-relative URL}``, a tag page's); [] for anything else."""
    if not (isinstance(urls, dict) and len(urls) > 1 and lang in urls
            and all(isinstance(k, str) and isinstance(v, str) for k, v in urls.items())):
        return []
    base = site_url.rstrip("/") + "/" if site_url else ""
    return [{"name": locale.language_name(code), "lang": code, "link": base + url if base else url or "./",
             "href": url or "./", "current": code == lang} for code, url in sorted(urls.items())]


def x_default(plan: SitePlan, page: PlannedPage | None, site_url: str | None) -> str | None:
    """The hreflang x-default of a translated page: the default language's, or the
    language-choice root page for home pages."""
    if page is None or not page.is_translated:
        return None
    default = page.translations.get(plan.default_language)
    if page.kind in (PageKind.HOME, PageKind.ROOT):
        default = plan.page("root")
    return page_link(default, site_url) if default else None


def page_meta(plan: SitePlan, page: PlannedPage) -> tuple[dict[str, object], str | None]:
    """What the theme reads of a page's meta, and the page's sitemap date.

    MkDocs' theme environment does not autoescape, and Material prints the title
    and description raw (in <title>, meta tags, the nav): the text is escaped
    here. The sitemap's lastmod comes from the content, not the build's date: an
    article's own date, for other pages the newest article's.
    """
    meta: dict = {"title": html.escape(page.title), "lang": page.lang}
    if page.kind is PageKind.ARTICLE and page.version is not None:
        # An explainer is read, not browsed: no site navigation beside it (a
        # breadcrumb leads back), and a table of contents only when it is long.
        converted = plan.bodies.get(page.key)
        long = converted is not None and reading.is_long(converted.words, converted.toc)
        meta["hide"] = ["navigation"] if long else ["navigation", "toc"]
    if page.kind is PageKind.HOME:
        meta["hide"] = ["navigation", "toc"]  # a front page, in one centred column
    if page.kind is PageKind.NOT_FOUND:
        meta["robots"] = "noindex"  # and out of the sitemap (overrides/sitemap.xml)
        meta["hide"] = ["toc"]
    if page.description:
        meta["description"] = html.escape(page.description)
    if page.version is not None and page.version.meta.tags:
        meta["tags"] = list(page.version.meta.tags)  # for Material's tags plugin
    if page.version is not None:
        date = page.version.last_changed
    else:
        date = plan.newest_date()
    return meta, date.isoformat() if date is not None else None
