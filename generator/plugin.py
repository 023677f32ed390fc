"""The ``explainer`` MkDocs plugin: a thin adapter from MkDocs events to the core.

The core (load → validate → plan → link → render) knows nothing of MkDocs;
this module only feeds it MkDocs' configuration and files and hands its
output back as generated files, page content and template context.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import posixpath
import re
import sys
import threading
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import heap, locale
from .config import ExplainerConfig
from .diagnostics import Diagnostics, Level
from .model import SiteContent
from .plan import PageKind, PlannedPage, SitePlan, plan_site
from .editorial import mentioned
from .feeds import atom_feed, feed_path
from .incremental import Snapshot, affected_pages, snapshot
from .references import References
from .render import Renderer
from .parallel import Worker, can_fork
from .search import (EXPLAINER_SECTION_BOOST, SEARCH_META, SEARCH_SEPARATOR, SearchEntries,
                     encode_entries, index_files, page_entries)
from .document_cache import DEFAULT_FOLDER, inside_content
from .mixed_language import make_word_tables_ahead, wait_for_word_tables
from .validate import CopyDesk, read_site, release_caches

log = logging.getLogger("mkdocs.plugins.explainer")

#: Editors' source folders: the plugin reads them itself, MkDocs must not
#: publish them as pages or copy them as-is.
SOURCE_FOLDERS = ("articles/", "glossary/", "participants/")


#: Vendored from the npm package iframe-worker (MIT): Web Workers from file://.
OFFLINE_SHIM = "assets/explainer/vendor/iframe-worker-shim.js"


class PlannedFile(File):
    """A generated page that knows whether the last edit affected it.

    MkDocs' ``--dirty`` builds skip files that report no modification; an
    in-memory file always reports one, so previews would rebuild everything.
    """

    modified: bool = True

    def is_modified(self) -> bool:
        return self.modified


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's compiled templates, kept across `mkdocs serve` rebuilds.

    MkDocs makes a new Jinja environment for every build, so every rebuild
    compiled Material's templates again (about half a second). Jinja checks
    each template's source checksum before using its code: an edited
    template is compiled anew.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


@dataclass(frozen=True)
class PageJob:
    """What the plugin's two phases need of one page, taken from MkDocs' page
    (small and picklable: it may go to the worker)."""

    key: tuple[str, ...]  # the planned page's
    body: str  # an article's body: as converted by MkDocs, then as linked (phase one)
    url: str
    title: str
    meta: dict  # what search reads of the page's meta (SEARCH_META)
    indexed: bool  # whether to make the page's search entries


#: From this many articles on, a build whose mixed-language word tables are not
#: kept yet has them made ahead (see _collect_content). Making them takes about
#: 3 s of CPU; a smaller site may never need them (a quick scan often proves an
#: article has no foreign word), and its whole build is shorter than that.
ARTICLES_FOR_TABLES_AHEAD = 200


def _article_count(content_dir: Path) -> int:
    try:
        return sum(1 for entry in os.scandir(content_dir / "articles") if entry.is_dir())
    except OSError:
        return 0


#: What Material's search strips from every page after indexing it (its
#: ``on_page_context``), without the optional leading space: a pattern that starts
#: with a literal is searched for far faster (0.01 ms on an explainer's 19 KB of
#: content, against 0.28 ms for Material's own).
MATERIAL_SEARCH_ATTRIBUTE = re.compile(r"data-search-\w+=\"[^\"]+\"")


def _skip_material_search_no_ops(config: MkDocsConfig) -> None:
    """Have Material's search pass over the pages on which its ``on_page_context``
    would do nothing.

    On each page that handler indexes the page unless its meta excludes it, then
    runs a regular expression over the whole content to strip ``data-search-*``
    attributes. The plugin's pages are excluded (this plugin indexes them), and
    hold no such attribute with a value: on them the handler changes nothing, yet
    its expression took 0.7 s of a 10 s build of 1,000 explainers. It is kept
    in its place among the page_context handlers, so every other plugin sees the
    page as before.
    """
    handlers = config.plugins.events["page_context"]
    for number, handler in enumerate(handlers):
        if (getattr(handler, "__name__", None) != "on_page_context"
                or getattr(handler, "__self__", None) is not config.plugins.get("material/search")):
            continue

        @functools.wraps(handler)
        def on_page_context(context, *, page: Page, config: MkDocsConfig, nav: Navigation,
                            _material=handler):
            if ((page.meta.get("search") or {}).get("exclude")
                    and not MATERIAL_SEARCH_ATTRIBUTE.search(page.content or "")):
                return context
            return _material(context, page=page, config=config, nav=nav)

        handlers[number] = on_page_context
        origins = getattr(config.plugins, "_event_origins", None)
        if isinstance(origins, dict):
            # MkDocs names the running plugin after it (files generated, logs).
            origins[on_page_context] = origins.get(handler, "material/search")
        return


class ContentError(PluginError):
    """Content problems were reported; the build cannot go on."""


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.plan: SitePlan | None = None
        self.renderer: Renderer | None = None
        self.navigation: dict[str, Navigation] = {}
        # Kept across rebuilds under `mkdocs serve` (this plugin has on_startup).
        self.dirty = False
        self.serving = False
        self.compiled_templates = CompiledTemplates()
        self.snapshot: Snapshot | None = None
        self.references: References | None = None
        self.affected: set[tuple[str, ...]] | None = None
        # The search entries of the plugin's pages; a dirty rebuild keeps
        # those of the pages it does not rebuild.
        self.search_entries = SearchEntries()
        # The plugin's work on each page (see generator/parallel.py).
        self.worker: Worker[PageJob, tuple[str, bytes | None]] | None = None
        # Whether this build's work on pages goes to a forked worker.
        self.forking = False
        self.reading: tuple = ()  # what read_site was given
        # The content's warnings, when the worker runs the copy desk's checks:
        # all are reported at the end of the build (on_post_build).
        self.diagnostics: Diagnostics | None = None
        self.copy_desk: CopyDesk | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve`
        # rebuilds, which is what lets a dirty rebuild reuse the last one.
        self.dirty = dirty
        self.serving = command == "serve"

    # -- collect ----------------------------------------------------------------

    @event_priority(100)  # before material/search, which fills in its own default separator
    def _prepare_material_search(self, config: MkDocsConfig) -> MkDocsConfig:
        search = self._material_search(config)
        if search is not None:
            if not search.config.get("separator"):
                search.config["separator"] = SEARCH_SEPARATOR
            _skip_material_search_no_ops(config)
        return config

    def _collect_content(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.offline:
            self._configure_offline(config)
        content_dir = Path(self.config.content_dir or config.docs_dir)
        languages = tuple(self.config.languages)
        diagnostics = Diagnostics(root=Path(config.config_file_path or ".").resolve().parent)
        cache_dir = diagnostics.root / self.config.cache_dir if self.config.cache else None
        if cache_dir is not None and inside_content(cache_dir, content_dir):
            raise PluginError(f"explainer: cache_dir '{self.config.cache_dir}' is inside the "
                              f"content folder; choose a folder outside it (the default is "
                              f"{DEFAULT_FOLDER})")
        self.reading = (content_dir, languages, diagnostics.root, tuple(self.config.allow_words),
                        cache_dir)
        # Not while other threads run (`mkdocs serve --clean` announces a plain
        # build, then rebuilds beside its server's threads): a forked child has
        # only this thread, and a lock another one held stays locked in it.
        self.forking = (not self.serving and self.config.parallel and can_fork()
                        and threading.active_count() == 1)
        if (self.forking and cache_dir is not None
                and _article_count(content_dir) >= ARTICLES_FOR_TABLES_AHEAD):
            # The second core is idle until the worker starts: a first build
            # makes the mixed-language check's word tables there meanwhile.
            make_word_tables_ahead(cache_dir, languages)
        # The content and its plan live to the end of the build: no collection
        # visits them, while they are made or after (see generator/heap.py).
        with heap.collections_paused(freeze=True):
            content, diagnostics, copy_desk = read_site(
                content_dir, languages, diagnostics, tuple(self.config.allow_words), cache_dir,
                documents_from_cache=not (self.serving and self.snapshot is not None))
            if self.forking and not diagnostics.errors:
                # Warnings wait for the copy desk's, which the worker runs last.
                self.diagnostics, self.copy_desk = diagnostics, copy_desk
            else:
                if copy_desk is not None:
                    diagnostics.extend(copy_desk.run())
                self._report(diagnostics)
                if not self.serving:
                    release_caches()  # a preview keeps them for the next save
            self.plan = plan_site(content, directory_urls=config.use_directory_urls)
            self.renderer = Renderer(self.plan, config.theme.dirs, site_url=config.site_url,
                                     link_first_only=self.config.link == "first",
                                     cache_dir=cache_dir)
            self._plan_rebuild(content, config)
        # The plugin builds its own short navigation (on_nav); without a nav in
        # the config MkDocs would first build one listing every page. Pages
        # outside it are expected here, not worth a log line each.
        config.nav = ["index.md"]
        config.validation.nav.omitted_files = logging.DEBUG
        # Material only draws its language menu when this list is non-empty;
        # it is refilled with each page's own translations in on_page_context.
        config.extra["alternate"] = []
        return config

    on_config = CombinedEvent(_prepare_material_search, _collect_content)

    def _configure_offline(self, config: MkDocsConfig) -> None:
        # file:// has no directory index pages, and browsers refuse workers
        # from file://: Material's search then runs in an iframe through the
        # iframe-worker shim, vendored here (Material's own offline plugin
        # would load it from a CDN).
        config.use_directory_urls = False
        polyfills = config.extra.get("polyfills") or []
        if OFFLINE_SHIM not in polyfills:
            config.extra["polyfills"] = [*polyfills, OFFLINE_SHIM]
        features = config.theme.get("features") or []
        config.theme["features"] = [f for f in features if f != "navigation.instant"]

    def _plan_rebuild(self, content: SiteContent, config: MkDocsConfig) -> None:
        """Under `serve --dirty`, work out which pages the last edit affects."""
        assert self.plan is not None and self.renderer is not None
        self.affected = None
        if not self.serving:  # no next build in this process to compare with
            return
        current = snapshot(content, (dict(self.config), config.use_directory_urls, config.site_url))
        if self.dirty and self.references is not None and self.snapshot is not None:
            # Articles not rebuilt keep what they mentioned last time.
            self.references.plan = self.plan
            self.renderer.references = self.references
            changed = {a for a in current.articles if self.snapshot.articles.get(a) != current.articles[a]}
            mentions = {}
            for article_id in changed:
                before = {t for key in self.references.pages_of(article_id)
                          for t in self.references.used_by_key(key)}
                after = {t for lang, version in content.articles[article_id].versions.items()
                         for t in mentioned(version, self.renderer.matcher(lang))}
                mentions[article_id] = before | after
            self.affected = affected_pages(self.snapshot, current, self.plan, mentions)
        self.snapshot = current
        self.references = self.renderer.references

    def _report(self, diagnostics: Diagnostics) -> None:
        for diagnostic in diagnostics:
            if diagnostic.level is Level.ERROR:
                # Exactly one 'path:line:col: error: message' line each, no
                # logger prefix, so editors and their tools can jump to it.
                print(diagnostic, file=sys.stderr)
            else:
                # Through the logger so that `mkdocs build --strict` counts it.
                log.warning(str(diagnostic))
        if diagnostics.errors:
            raise ContentError(f"content has {diagnostics.summary()}; nothing was built")

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.plan is not None
        for file in list(files):
            if file.src_uri.startswith(SOURCE_FOLDERS):
                files.remove(file)
        for page in self.plan.pages.values():
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            body = page.version.body if page.version is not None else ""
            generated = PlannedFile.generated(config, page.src_uri, content=body)
            generated.modified = self.affected is None or page.key in self.affected
            files.append(generated)
        assert self.renderer is not None
        for path, svg in self.renderer.flag_files().items():
            files.append(File.generated(config, path, content=svg))
        for lang in self.plan.languages:
            files.append(File.generated(config, feed_path(lang), content=atom_feed(
                self.plan, lang, config.site_name, config.site_url)))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.plan is not None
        for lang in self.plan.languages:
            items = [files.get_file_from_path(p.src_uri).page for p in self.plan.nav(lang)]
            self.navigation[lang] = Navigation([p for p in items if p is not None],
                                               [p for p in items if p is not None])
        # Articles are reached from the home and index pages, not by
        # previous/next links that would cross languages.
        for page in nav.pages:
            page.previous_page = page.next_page = None
        self._start_worker()
        return self.navigation[self.plan.default_language]

    def _start_worker(self) -> None:
        """Right before MkDocs reads the first page: the plugin's work can start.

        During `mkdocs build` it goes to a forked worker on another core (see
        generator/parallel.py): it links each article as MkDocs converts it,
        runs the copy desk's checks, then finishes every page ahead of MkDocs
        writing it. It finishes an explainer as soon as it is linked, whenever
        it has nothing to link, unless an override of the article templates
        reads the backlinks (Renderer.articles_need_references). Not under
        `serve`, whose threads make forking unsafe and whose rebuilds are
        small; then, or with `parallel: false`, the same work is done here, as
        each step comes.
        """
        assert self.renderer is not None
        independent = (self._article if self.forking and not self.renderer.articles_need_references()
                       else None)
        self.worker = Worker(self._collect, self._finish, self._collected, self._last, independent)
        if self.forking and self.worker.start():
            log.debug("the plugin's work on pages goes to worker process %d", self.worker.pid)
            # The worker has the files read, with every value's position; should
            # it stop, _copy_desk reads them again rather than keep them here.
            self.copy_desk = None
        if self.forking:
            release_caches()

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        planned = self._planned(page)
        if planned is not None:
            # MkDocs' theme environment does not autoescape, and Material prints
            # the title and description raw (in <title>, meta tags, the nav):
            # hand it text that is already escaped.
            page.meta.update(title=html.escape(planned.title), lang=planned.lang)
            # The sitemap's lastmod comes from the content, not the build's date:
            # an article's own date, for other pages the newest article's.
            if planned.version is not None:
                meta = planned.version.meta
                page.update_date = (meta.updated or meta.date).isoformat()
            elif self.plan is not None and self.plan.newest_date() is not None:
                page.update_date = self.plan.newest_date().isoformat()
            if planned.description:
                page.meta["description"] = html.escape(planned.description)
            if self._material_search(config) is not None:
                # Material's search would parse the page's HTML in pure
                # Python; on_page_context indexes it much faster instead.
                page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        planned = self._planned(page)
        if planned is None:
            return html
        assert self.worker is not None
        meta = {key: page.meta[key] for key in SEARCH_META if key in page.meta}
        job = PageJob(planned.key, html, page.url, str(page.meta.get("title", page.title)),
                      meta, indexed=self._material_search(config) is not None)
        # Phase one (_collect): an article is linked and records what it
        # mentions. The page's content is the linked body, or, while the
        # worker links it, MkDocs' own until on_page_context.
        return self.worker.send(planned.key, job).body

    def _collect(self, job: PageJob) -> PageJob:
        assert self.plan is not None and self.renderer is not None
        planned = self.plan.pages[job.key]
        if planned.kind is not PageKind.ARTICLE:
            # Index, glossary and participant pages list backlinks, known
            # only once every article is linked: see _finish.
            return job
        if self.copy_desk is not None:
            self.copy_desk.article(job.key[1])  # the worker checks as it goes
        return replace(job, body=self.renderer.link_article(planned, job.body))

    def _article(self, job: PageJob) -> bool:
        """An explainer's page needs only its own linking: the worker may finish it
        early (see Renderer.articles_need_references)."""
        assert self.plan is not None
        return self.plan.pages[job.key].kind is PageKind.ARTICLE

    def _collected(self) -> object:
        """What phase one recorded (for this process, should it finish pages itself)."""
        assert self.renderer is not None
        if self.forking:
            # Every article is checked: phase two can have the memory of the
            # mixed-language check's word lists.
            release_caches()
        return self.renderer.collected()

    def _last(self) -> list:
        """After the last page, in whichever process finished the pages: keep the
        definitions it converted, then the copy desk's warnings."""
        if self.renderer is not None:
            # A preview's rebuild renders only what an edit touched: keep the rest too.
            self.renderer.conversions.save(prune=self.affected is None)
        return self._copy_desk()

    def _copy_desk(self) -> list:
        """The copy desk's warnings, when the worker runs them (last: nothing waits for them)."""
        if self.copy_desk is None and self.diagnostics is not None:
            # This process finishes what a stopped worker did not.
            content_dir, languages, root, allow_words, cache_dir = self.reading
            _, _, self.copy_desk = read_site(content_dir, languages, Diagnostics(root=root),
                                             allow_words, cache_dir)
        return self.copy_desk.run() if self.copy_desk is not None else []

    def _finish(self, job: PageJob) -> tuple[str, bytes | None]:
        """Phase two of one page: its whole content, and its search entries
        (Material skips the plugin's pages, see on_page_markdown)."""
        assert self.plan is not None and self.renderer is not None
        planned = self.plan.pages[job.key]
        content = self.renderer.content(planned, job.body)
        if not job.indexed:
            return content, None
        # An explainer's key facts, key terms… are sections: see EXPLAINER_SECTION_BOOST.
        boost = EXPLAINER_SECTION_BOOST if planned.kind is PageKind.ARTICLE else None
        return content, encode_entries(page_entries(content, job.url, job.title, job.meta,
                                                    section_boost=boost))

    # -- resolve ----------------------------------------------------------------------

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # MkDocs converts every page's Markdown before on_env, and renders
        # templates (and Material's search index) after it: from here on every
        # article is linked, and each page is finished as it is written
        # (on_page_context), never all of them at once.
        if self.serving:
            env.bytecode_cache = self.compiled_templates
        assert self.worker is not None and self.renderer is not None
        self.renderer.restore(self.worker.no_more_jobs())
        env.globals["explainer_alternates"] = lambda page: self._alternates(config, page)
        env.globals["explainer_x_default"] = lambda page: self._x_default(config, self._planned(page))
        return env

    # -- per-page template context -------------------------------------------------

    # Before material/search (priority 0) and any other plugin at the default
    # priority: this finishes the plugin's pages, which they should see whole,
    # and indexes them for search before material/search strips the
    # data-search-* attributes the indexing needs.
    @event_priority(10)
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        planned = self._planned(page)
        if planned is not None:
            # Phase two, page by page: every article is linked by now.
            assert self.worker is not None
            content, entries = self.worker.result(planned.key)
            page.content = content
            if entries is not None:
                self.search_entries.add(planned.key, page.url, entries)
        lang = planned.lang if planned else (self.plan.default_language if self.plan else "en")
        catalog = locale.translations(lang)
        context.update(_=catalog.gettext, gettext=catalog.gettext, ngettext=catalog.ngettext)
        if lang in self.navigation:
            context["nav"] = self.navigation[lang]
        alternates = self._alternates(config, page)
        # MkDocs renders pages one at a time, so the page's own translations
        # can stand in Material's site-wide language menu while it renders.
        config.extra["alternate"] = alternates
        if planned is not None and planned.kind is not PageKind.ROOT:
            # Material looks for its search index under `base`: point each
            # page at its language folder, where that language's index is.
            # (A trailing slash: URL resolution drops a last segment without one.)
            context["base_url"] = posixpath.join(context.get("base_url") or ".", lang) + "/"
        context["explainer"] = {"page": planned, "lang": lang, "alternates": alternates,
                                "og_locale": locale.ogp_locale(lang),
                                "og_alternates": [locale.ogp_locale(a["lang"]) for a in alternates
                                                  if a["lang"] != lang],
                                "feed": feed_path(lang),
                                "feed_title": locale.gettext(lang, "Latest explainers"),
                                "x_default": self._x_default(config, planned)}
        return context

    def _stop_worker(self) -> None:
        """Stop and reap this process's children: the worker, and the process making
        the word tables ahead (if it has not been waited for already)."""
        if self.worker is not None:
            self.worker.close()
            self.worker = None
        wait_for_word_tables()

    def on_shutdown(self) -> None:
        # MkDocs runs this once, right before the `mkdocs` command exits.
        heap.freeze_before_exit()

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_worker()
        heap.unfreeze()

    @event_priority(-100)  # last: every other plugin has seen the page's content
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # MkDocs keeps every page's content to the end of the build, though
        # nothing reads it once the page is written: a site of thousands of
        # explainers would hold all their HTML at once. The plugin's pages let
        # it go (the search index has its entries by now).
        if self._planned(page) is not None:
            page.content = None
        return output

    # -- finish ---------------------------------------------------------------------------

    @event_priority(-50)  # after material/search has written the site-wide index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            self._end_build(config)
        finally:
            # The build's work is done: what it read may be collected again.
            heap.unfreeze()

    def _end_build(self, config: MkDocsConfig) -> None:
        assert self.worker is not None
        warnings = self.worker.last()
        if self.worker.stopped:
            log.info("the plugin's worker process stopped (%s); the build process did the rest "
                     "of its work", self.worker.stopped)
        self._stop_worker()
        if self.diagnostics is not None:
            # Before MkDocs counts warnings for --strict, which it does after this event.
            self.diagnostics.extend(warnings)
            self._report(self.diagnostics)
            self.diagnostics = self.copy_desk = None
        search = self._material_search(config)
        if self.plan is None or search is None:
            return
        # The whole site's index again, with the plugin's pages, and each
        # language's, from the entries kept as pages were indexed: no index
        # is read back.
        keys = [page.key for page in self.plan.pages.values()]
        self.search_entries.keep_only(keys)
        material = search.search_index
        # The configuration Material writes (SearchIndex.generate_search_index).
        index_config = {key: material.config[key] for key in ("lang", "separator", "pipeline", "fields")}
        site_dir = Path(config.site_dir)
        files = index_files(index_config, lambda: self.search_entries.pages(keys),
                            material.entries, self.plan.languages)
        for prefix, pieces in files:
            folder = site_dir / prefix / "search"
            folder.mkdir(parents=True, exist_ok=True)
            with open(folder / "search_index.json", "wb") as out:
                if not self.config.offline:
                    out.writelines(pieces)
                    continue
                # From file:// Material reads the index as a script, not with fetch.
                with open(folder / "search_index.js", "wb") as script:
                    script.write(b"var __index = ")
                    for piece in pieces:
                        out.write(piece)
                        script.write(piece)

    # -- helpers ---------------------------------------------------------------------

    def _alternates(self, config: MkDocsConfig, page: Page) -> list[dict]:
        """The page in each language (itself included), with x-default, for links and sitemaps."""
        planned = self._planned(page)
        if planned is None or not planned.is_translated:
            return []
        alternates = [{"name": locale.language_name(code), "lang": code,
                       "link": self._link(config, other), "href": other.url or "./",
                       "current": other is planned}
                      for code, other in sorted(planned.translations.items())]
        return alternates

    @staticmethod
    def _material_search(config: MkDocsConfig):
        """Material's search plugin, when this build has it on."""
        search = config.plugins.get("material/search")
        if search is None or not search.config.get("enabled", True):
            return None
        return search

    def _planned(self, page: Page) -> PlannedPage | None:
        return self.plan.by_src_uri.get(page.file.src_uri) if self.plan else None

    def _link(self, config: MkDocsConfig, target: PlannedPage) -> str:
        """Absolute when the site URL is known (hreflang wants it), else root-relative."""
        if config.site_url:
            return config.site_url.rstrip("/") + "/" + target.url
        return target.url or "./"

    def _x_default(self, config: MkDocsConfig, planned: PlannedPage | None) -> str | None:
        if planned is None or not planned.is_translated or self.plan is None:
            return None
        default = planned.translations.get(self.plan.default_language)
        if planned.kind in (PageKind.HOME, PageKind.ROOT):
            default = self.plan.page("root")
        return self._link(config, default) if default else None
