"""The few things that depend on MkDocs' and Material for MkDocs' internals, guarded by
their versions.

Material's search plugin indexes pages in ``on_page_context`` and writes one
site-wide index in ``on_post_build``. The explainer indexes its own pages
(generator.search), per language; here it reads Material's search
configuration and entries, and lets Material's handler pass over the pages
on which it would do nothing.

Here too: what runs the plugin (MkDocs 1.x or ProperDocs, nothing else), which
of Material's features and other plugins can share a site with it
(``check_coexistence``), and the theme folder the package ships.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterable

import mkdocs


def runner_problem(version: str | None = None, modules=None) -> str | None:
    """Why what runs the plugin cannot run it, if it cannot (MkDocs 2, Zensical)."""
    version = mkdocs.__version__ if version is None else version
    modules = sys.modules if modules is None else modules
    if "zensical" in modules:
        return ("Zensical cannot run the explainer plugin (it ignores plugins it does not list, "
                "and builds one language per project): build with MkDocs 1.6 or ProperDocs")
    major = version.split(".")[0]
    if major.isdigit() and int(major) >= 2:
        return (f"MkDocs {version} cannot run the explainer plugin (MkDocs 2 has no plugin "
                f"API): install MkDocs 1.6 ('mkdocs>=1.6,<2') or ProperDocs")
    return None


# Before any other MkDocs import: under MkDocs 2 they would fail with a less clear message.
if (_RUNNER := runner_problem()) is not None:
    raise ImportError(f"explainer: {_RUNNER}")

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402

from . import locale
from .convert import Converted
from .finish import TRANSLATIONS_META
from .search import SEARCH_SEPARATOR
from .search_index import index_files

#: The Material releases whose search internals this module was written against.
SUPPORTED = (9, 8)


def material_version() -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in metadata.version("mkdocs-material").split(".")[:2])
    except (metadata.PackageNotFoundError, ValueError):
        return ()


def material_search(config: MkDocsConfig) -> Any | None:
    """Material's search plugin, when this build has it on."""
    search = config.plugins.get("material/search")
    if search is None or not search.config.get("enabled", True):
        return None
    return search


#: What Material's search strips from every page after indexing it (its
#: ``on_page_context``), without the optional leading space: a pattern that starts
#: with a literal is searched for far faster (0.01 ms on an explainer's 19 KB of
#: content, against 0.28 ms for Material's own).
MATERIAL_SEARCH_ATTRIBUTE = re.compile(r"data-search-\w+=\"[^\"]+\"")


def prepare_search(config: MkDocsConfig) -> None:
    """Before Material's search reads its options: the explainer's word separator,
    and its page handler skipped where it would do nothing."""
    search = material_search(config)
    if search is None:
        return
    if not search.config.get("separator"):
        search.config["separator"] = SEARCH_SEPARATOR
    if material_version()[:1] == SUPPORTED[:1]:
        _skip_search_no_ops(config, search)


def _skip_search_no_ops(config: MkDocsConfig, search: Any) -> None:
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
                or getattr(handler, "__self__", None) is not search):
            continue

        @functools.wraps(handler)
        def on_page_context(context, *, page, config, nav, _material=handler):
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


def write_search_indexes(config: MkDocsConfig, pages, languages: Iterable[str],
                         offline: bool) -> None:
    """The whole site's index again, with the plugin's pages, and each language's.

    ``pages()`` gives (url, entries as JSON array items) of the plugin's pages;
    Material's own entries are those of the other pages. No index is read back.
    """
    search = material_search(config)
    if search is None:
        return
    material = search.search_index
    # The configuration Material writes (SearchIndex.generate_search_index).
    index_config = {key: material.config[key] for key in ("lang", "separator", "pipeline", "fields")}
    site_dir = Path(config.site_dir)
    for prefix, pieces in index_files(index_config, pages, material.entries, languages):
        folder = site_dir / prefix / "search"
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "search_index.json", "wb") as out:
            if not offline:
                out.writelines(pieces)
                continue
            # From file:// Material reads the index as a script, not with fetch.
            with open(folder / "search_index.js", "wb") as script:
                script.write(b"var __index = ")
                for piece in pieces:
                    out.write(piece)
                    script.write(piece)


#: Vendored from the npm package iframe-worker (MIT): Web Workers from file://.
OFFLINE_SHIM = "assets/explainer/vendor/iframe-worker-shim.js"


def configure_offline(config: MkDocsConfig) -> None:
    """Material's theme set for reading from file://.

    file:// has no directory index pages, and browsers refuse workers from
    file://: Material's search then runs in an iframe through the
    iframe-worker shim, vendored here (Material's own offline plugin would
    load it from a CDN). Instant navigation needs a server.
    """
    config.use_directory_urls = False
    polyfills = config.extra.get("polyfills") or []
    if OFFLINE_SHIM not in polyfills:
        config.extra["polyfills"] = [*polyfills, OFFLINE_SHIM]
    features = config.theme.get("features") or []
    config.theme["features"] = [f for f in features if f != "navigation.instant"]


#: The theme the package ships (page templates, partials, CSS, scripts): the package
#: generator.theme in an installed wheel, the repository's overrides/ folder in a checkout.
PACKAGED_THEME_CANDIDATES = (Path(__file__).resolve().parent / "theme",
                             Path(__file__).resolve().parent.parent / "overrides")


def packaged_theme() -> Path | None:
    for folder in PACKAGED_THEME_CANDIDATES:
        if (folder / "explainer" / "article.html").is_file():
            return folder
    return None


def use_packaged_theme(config: MkDocsConfig) -> None:
    """The package's theme folder among the theme's, after the site's custom_dir and before
    Material's, unless one of them already is it (a custom_dir that points at it)."""
    folder = packaged_theme()
    dirs = config.theme.dirs
    if folder is None or any(_same_folder(folder, d) for d in dirs):
        return
    dirs.insert(1 if config.theme.custom_dir else 0, str(folder))


def _same_folder(a: Path, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


#: Plugins that cannot share a site with the explainer, by the module their class is in,
#: and what to do instead (one line each).
REFUSED_PLUGINS = {
    "material.plugins.blog": (
        "Material's 'blog' plugin builds posts in one language and outside the explainer's "
        "navigation: remove it, and publish posts as explainer articles "
        "(content/articles/<id>/<lang>.md)"),
    "material.plugins.offline": (
        "Material's 'offline' plugin cannot make the explainer's per-language search work from "
        "file:// (and loads its iframe shim from a CDN): remove it, and set the explainer "
        "plugin's 'offline: true' option or run 'explainer bundle'"),
    "mkdocs_static_i18n": (
        "the 'i18n' plugin (mkdocs-static-i18n) cannot run with the explainer, which makes every "
        "language's pages itself: remove it, and list the languages in the explainer plugin's "
        "'languages' option"),
    "mkdocstrings": (
        "'mkdocstrings' renders '::: identifier' blocks of Markdown pages, and an explainer site "
        "has none (the explainer converts its articles itself): remove it, and build API "
        "documentation as a separate site"),
}


def check_coexistence(config: MkDocsConfig) -> list[str]:
    """One line per Material feature or plugin in ``config`` that cannot work with the
    explainer, saying what to do instead. The others work (see docs/ecosystem.md)."""
    problems = []
    instant = sorted(f for f in config.theme.get("features") or []
                     if f == "navigation.instant" or f.startswith("navigation.instant."))
    if instant:
        problems.append(
            f"Material's {' and '.join(repr(f) for f in instant)} cannot work on an explainer "
            f"site (instant pages keep the header, so the language menu would keep the previous "
            f"page's translations): remove {'them' if len(instant) > 1 else 'it'} from "
            f"theme.features")
    if config.nav:
        problems.append("'nav' is set, and the explainer would replace it with its own "
                        "navigation per language: remove 'nav'")
    for plugin in config.plugins.values():
        module = type(plugin).__module__
        for prefix, problem in REFUSED_PLUGINS.items():
            if (module == prefix or module.startswith(prefix + ".")) and _enabled(plugin):
                problems.append(problem)
    return problems


def _enabled(plugin: Any) -> bool:
    try:
        return bool(plugin.config.get("enabled", True))
    except AttributeError:
        return True


def tag_pages(config: MkDocsConfig, languages: Iterable[str]) -> list[File]:
    """With Material's tags plugin on, one tag page per language (``fr/etiquettes/``,
    ``en/tags/``): its listing only gathers the pages of its own language folder
    (``scope: true``), so each article's tags link to its own language's page."""
    tags = config.plugins.get("material/tags")
    if tags is None or not _enabled(tags) or not tags.config.get("listings", True):
        return []
    directive = tags.config.get("listings_directive", "material/tags")
    # Not inside the f-string: pybabel (`make messages`) does not look into one.
    segments = {lang: locale.pgettext(lang, "url segment", "tags") for lang in languages}
    pages = {lang: File.generated(config, f"{lang}/{segments[lang]}.md", content="")
             for lang in languages}
    # Each names the others as its translations (the language menu, hreflang links).
    translations = json.dumps({lang: file.url for lang, file in pages.items()})
    for lang, file in pages.items():
        title = json.dumps(locale.gettext(lang, "Tags"))
        file.content_string = (f"---\ntitle: {title}\nlang: {lang}\n{TRANSLATIONS_META}: "
                               f"{translations}\n---\n\n<!-- {directive} {{ scope: true }} -->\n")
    return list(pages.values())


class _MadeOnWrite(File):
    """A generated file whose bytes are made when MkDocs writes it, then let go: the share
    cards (about 35 KB each, two per explainer) are never all in memory at once. MkDocs
    1.6 reads a generated file's bytes from ``_content`` (copy_file, content_bytes)."""

    make: Callable[[], bytes] | None = None
    #: What the bytes are made from (comparable), when ``make`` says it (see is_modified).
    fingerprint: object = None

    @property
    def _content(self) -> bytes:
        return self.make() if self.make is not None else b""

    @_content.setter
    def _content(self, value: object) -> None:
        pass  # made by ``make`` each time it is read

    def copy_file(self, dirty: bool = False) -> None:
        super().copy_file(dirty)
        if self.fingerprint is not None:
            _WRITTEN[self.abs_dest_path] = self.fingerprint

    def is_modified(self) -> bool:
        # Asked by `mkdocs serve --dirty` rebuilds only: rewritten when its bytes changed
        # (a preview's build cache keeps the cards in memory: making them again is a lookup).
        # A file whose inputs (``fingerprint``) are those this process last wrote it from
        # is not made again: redrawing 1,000 maps to compare them took 1 s of each rebuild.
        if (self.fingerprint is not None and _WRITTEN.get(self.abs_dest_path) == self.fingerprint
                and os.path.isfile(self.abs_dest_path)):
            return False
        try:
            with open(self.abs_dest_path, "rb") as written:
                return written.read() != self._content
        except OSError:
            return True


def generated_file(config: MkDocsConfig, path: str,
                   content: bytes | Path | Callable[[], bytes]) -> File:
    """A file the plugin publishes at ``path``: its bytes, the file to copy (copied again
    by a ``--dirty`` rebuild only when changed), or what makes them when written."""
    if isinstance(content, Path):
        return File.generated(config, path, abs_src_path=str(content))
    if not callable(content):
        return File.generated(config, path, content=content)
    file = _MadeOnWrite.generated(config, path, content=b"")
    file.make, file.fingerprint = content, getattr(content, "fingerprint", None)
    return file


#: Destination path → the fingerprint of the bytes this process last wrote there.
_WRITTEN: dict[str, object] = {}


class PlannedFile(File):
    """A generated page that knows whether the last edit affected it: ``--dirty`` builds
    skip unmodified files, and an in-memory file is always modified."""

    modified: bool = True

    def is_modified(self) -> bool:
        return self.modified


class ConvertedPage(Page):
    """A planned page: nothing for MkDocs to convert. An article's HTML and table of
    contents are the plan's; other pages are made whole when finished (this saves a
    Markdown converter per page: 1.5 s of CPU at 1,000 explainers)."""

    converted: Converted | None = None

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.converted.html if self.converted is not None else ""
        self.toc = get_toc(self.converted.toc if self.converted is not None else [])
        self.present_anchor_ids = set()
