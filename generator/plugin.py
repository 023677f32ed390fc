"""The ``explainer`` MkDocs plugin: MkDocs events → core calls, nothing else.

The core (load → validate → plan → finish) knows nothing of MkDocs. Here the site is
read and planned when MkDocs has its configuration, the planned pages are handed to
MkDocs as generated files with the plan's HTML, and each is finished as MkDocs renders it.
"""

from __future__ import annotations

import logging
import os
import posixpath

from .config import ExplainerConfig, prepare_config, settings_errors, settings_from  # 1st: see config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .cache import BuildCache
from .diagnostics import report
from .feeds import site_feeds
from .finish import Finisher, template_context
from .incremental import Previews
from .material_compat import (ConvertedPage, PlannedFile, generated_file, material_search, tag_pages,
                              write_search_indexes)
from .plan import PageKind, PlannedPage, SitePlan, alternates, page_meta, x_default
from .rendered import RenderedPages, nav_digest, theme_digest, toc_items
from .render import CompiledTemplates, Renderer
from .search import SEARCH_META
from .search_index import SearchEntries
from .serve_errors import ErrorSite
from .settings import Settings
from .validate import check_site, open_cache, release_caches

log = get_plugin_logger("explainer")  # its own notes; content diagnostics: see logs.py


class ContentError(PluginError):
    """Content problems were reported; the build cannot go on."""


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.plan: SitePlan | None = None
        self.finisher: Finisher | None = None
        self.cache: BuildCache | None = None
        self.navigation: dict[str, Navigation] = {}
        self.rendered: RenderedPages | None = None
        # Kept across rebuilds under `mkdocs serve` (this plugin has on_startup).
        self.dirty = self.serving = False
        self.compiled_templates = CompiledTemplates()
        self.previews, self.memo = Previews(), {}
        self.affected: set[tuple[str, ...]] | None = None
        self.search_entries = SearchEntries()  # a dirty rebuild keeps those it skips
        self.error_site, self.error_pages = ErrorSite(), {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds.
        self.dirty = dirty
        self.serving = command == "serve"

    @event_priority(100)  # first: refusals, packaged theme, search and offline settings
    def _prepare(self, config: MkDocsConfig) -> MkDocsConfig:
        with settings_errors():
            prepare_config(config, self.config)
        return config

    def _plan_site(self, config: MkDocsConfig) -> MkDocsConfig:
        with settings_errors():
            settings = self.settings = settings_from(config, self.config)
        self.cache = open_cache(settings, tuple(config.theme.dirs), self.memo if self.serving else None)
        content, plan, diagnostics = check_site(settings, self.cache, strict=bool(config.strict))
        # One 'path:line:col: level: message' line each; --strict counts warnings (logs.py).
        if report(diagnostics) and not self.serving:
            raise ContentError(f"content has {diagnostics.summary()}; nothing was built")
        if plan is None:  # a preview shows the errors in the browser until a save fixes them
            self.error_pages = self.error_site.pages(diagnostics, settings.languages, self.plan,
                                                     config.theme.dirs, config.use_directory_urls)
            self.plan, self.affected, self.previews.snapshot = None, set(), None  # next: all pages
            return config
        if not self.serving:
            release_caches()  # a preview keeps them for the next save
        self.plan = plan
        renderer = Renderer(plan, config.theme.dirs, site_url=settings.site_url, cache=self.cache,
                            link_first_only=settings.link_first_only, site_name=settings.site_name)
        self.finisher = Finisher(plan, renderer, self.cache)
        # Under `serve --dirty`, only the pages the last edit affects are rebuilt.
        self.affected = (self.previews.affected(content, plan, (dict(self.config), settings.digest()),
                                                self.dirty) if self.serving else None)
        log.debug("%d pages planned, %s rebuilt", len(plan.pages),
                  "all" if self.affected is None else len(self.affected))
        # Our own short nav (on_nav): else MkDocs lists every page; no log line per page left out.
        config.nav = ["index.md"]
        config.validation.nav.omitted_files = logging.DEBUG
        # Material draws its language menu when this is non-empty (see on_page_context).
        config.extra["alternate"] = []
        return config

    on_config = CombinedEvent(_prepare, _plan_site)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.settings is not None
        # content/ holds sources, not pages: nothing in it is published as it is
        # (reading it warned about every file that is not a source).
        content = os.path.abspath(self.settings.content_dir)
        for file in list(files):
            if (file.generated_by is None and file.abs_src_path is not None
                    and os.path.abspath(file.abs_src_path).startswith(content + os.sep)):
                files.remove(file)
        if self.plan is None:  # the error pages of a preview, and no theme page needing a plan
            config.theme.static_templates.difference_update({"404.html", "sitemap.xml"})
            return Files([*files, *(File.generated(config, path, content=html)
                                    for path, html in self.error_pages.items())])
        assert self.finisher is not None
        for page in self.plan.pages.values():
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            generated = PlannedFile.generated(config, page.src_uri, content="")
            generated.modified = self.affected is None or page.key in self.affected
            ConvertedPage(None, generated, config).converted = self.plan.bodies.get(page.key)
            files.append(generated)
        for path, data in self.finisher.renderer.asset_files().items():
            files.append(generated_file(config, path, data))
        for file in tag_pages(config, self.plan.languages):  # with Material's tags plugin
            files.append(file)
        for path, feed in site_feeds(self.plan, config.site_name, config.site_url).items():
            files.append(File.generated(config, path, content=feed))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.plan is None:
            return nav
        for lang in self.plan.languages:
            items = [files.get_file_from_path(p.src_uri).page for p in self.plan.nav(lang)]
            items = [page for page in items if page is not None]
            self.navigation[lang] = Navigation(items, items)
        self.rendered = RenderedPages(self.cache, theme_digest(config, config.plugins), {
            lang: nav_digest((t.title, t.url) for t in self.plan.nav(lang)) for lang in self.navigation})
        self.finisher.keep = not self.rendered.enabled
        # Articles are reached from home and index pages, not by previous/next across languages.
        for page in nav.pages:
            page.previous_page = page.next_page = None
        return self.navigation[self.plan.default_language]

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        planned = self._planned(page)
        if planned is None:
            return markdown
        meta, update_date = page_meta(self.plan, planned)
        page.meta.update(meta)
        if update_date is not None:
            page.update_date = update_date
        if material_search(config) is not None:
            # Material's search would parse the page in pure Python; on_page_context is faster.
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # The template is chosen before on_page_context: a page whose rendered output is
        # kept is written with RENDERED_TEMPLATE (generator/rendered.py).
        planned, title = self._planned(page), str(page.meta.get("title", page.title))
        if planned is not None and self.rendered is not None and self.rendered.enabled:
            finished = self.finisher.key(planned, html, page.url, title, self._search_meta(page),
                                         material_search(config) is not None)
            self.rendered.choose_template(page.file.src_uri, finished, planned.lang, page.url,
                                          title, page.meta, toc_items(page.toc))
        return html

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if self.serving:
            env.bytecode_cache = self.compiled_templates
        site_url = config.site_url
        env.globals["explainer_alternates"] = lambda page: alternates(
            self.plan, self._planned(page), site_url)
        env.globals["explainer_x_default"] = lambda page: x_default(
            self.plan, self._planned(page), site_url)
        return env

    # Before material/search and other plugins (priority 0): they see the pages finished, and
    # indexing them comes before material/search strips data-search-* attributes.
    @event_priority(10)
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        assert self.plan is not None and self.finisher is not None
        planned, source = self._planned(page), page.file.src_uri
        if planned is not None:
            kept, entries = self.rendered.take(source, page.meta, context)
            if not kept:
                finished = self.finisher.finish(planned, page.content or "", page.url,
                                                str(page.meta.get("title", page.title)),
                                                self._search_meta(page), material_search(config) is not None)
                page.content, entries = finished.content, finished.entries
                self.rendered.finished(source, entries)
            if entries is not None:
                self.search_entries.add(planned.key, page.url, entries)
            if kept:  # written as it was rendered (generator/rendered.py)
                return context
        lang = planned.lang if planned else self.plan.language_or_default(page.meta.get("lang"))
        context.update(template_context(self.plan, planned, lang, config.site_url, page.meta))
        if lang in self.navigation:
            context["nav"] = self.navigation[lang]
        # MkDocs renders pages one at a time, so the page's own translations
        # can stand in Material's site-wide language menu while it renders.
        config.extra["alternate"] = context["explainer"]["alternates"]
        if (planned.kind is not PageKind.ROOT if planned else page.file.src_uri.startswith(lang + "/")):
            # Material looks for its search index under `base`: point each page
            # in a language folder (tag pages too) at it, where that language's index is.
            # (A trailing slash: URL resolution drops a last segment without one.)
            context["base_url"] = posixpath.join(context.get("base_url") or ".", lang) + "/"
        return context

    @event_priority(-100)  # last: every other plugin has seen the page's content
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # MkDocs keeps every page's content to the end, though nothing reads it now.
        if self._planned(page) is not None:
            page.content = None
            self.rendered.keep(page.file.src_uri, output)
        return output

    @event_priority(-50)  # after material/search has written the site-wide index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.plan is not None and self.settings is not None:
            keys = [page.key for page in self.plan.pages.values()]
            self.search_entries.keep_only(keys)
            write_search_indexes(config, lambda: self.search_entries.pages(keys),
                                 self.plan.languages, self.settings.offline)
            self.previews.remove_gone(config.site_dir)  # a preview's deleted or renamed pages
        if self.cache is not None:  # a preview's rebuild finishes only what an edit touched
            self.cache.save(prune=self.affected is None)
            self.cache.close()

    def on_build_error(self, *, error: Exception) -> None:
        if self.cache is not None:  # what was made is right whatever failed: kept
            self.cache.save(prune=False)
            self.cache.close()

    @staticmethod
    def _search_meta(page: Page) -> dict:
        return {key: page.meta[key] for key in SEARCH_META if key in page.meta}

    def _planned(self, page: Page) -> PlannedPage | None:
        return self.plan.by_src_uri.get(page.file.src_uri) if self.plan else None
