"""Rendered pages: the theme's whole output of a page whose inputs are unchanged.

A warm build took every page's content from the build cache, yet rendered
Material's templates around each again: at 1,000 explainers that was two thirds
of the build's CPU time (7 of 10.5 s), more than plain Material spends on its own
Markdown. So the page as the theme rendered it is kept too (namespace
"rendered"), keyed on everything the templates read of it:

- the finished page's own key (``Finisher.key``: the site's content, the page's
  text and the facts it shows, the settings and code in the cache's stamp, which
  also holds the templates and the versions of MkDocs and Material);
- the page as MkDocs hands it to the theme: address, title, meta (its template
  too), table of contents (not ``update_date``: MkDocs sets it to the day of the
  build, and only the sitemap, which is not kept, shows it);
- the language's navigation, and MkDocs' configuration as the templates read it
  (``theme_digest``: theme options, extra, names and options of the plugins…).

Other plugins may put anything in a page's context or output, so rendered pages
are only kept when every plugin is one of ``KNOWN_PLUGINS``, whose page output
is a function of the above; with any other plugin (or a hook) the site is
rendered as before. A page taken from here is written with the template
``RENDERED_TEMPLATE``, which prints the kept output, or, when the entry turns out
unreadable, renders the page's own template as usual.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .cache import BuildCache, digest

NAMESPACE = "rendered"
#: The template (in the packaged theme) a page taken from the cache is written with.
RENDERED_TEMPLATE = "explainer/rendered.html"
#: Plugins whose effect on a page's output depends only on what the key holds.
KNOWN_PLUGINS = frozenset({"explainer", "search", "material/search"})
#: Keys of MkDocs' configuration that say where files are, not what a page shows.
_WHERE = frozenset({"config_file_path", "docs_dir", "site_dir", "watch", "dev_addr", "plugins",
                    "nav", "hooks"})
#: What an object's repr says of where it is in memory (varies from run to run).
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _stable(value: Any) -> str:
    """A JSON fallback for objects: their text without memory addresses."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
    if isinstance(value, Mapping):
        return json.dumps(dict(value), sort_keys=True, default=_stable)
    if isinstance(value, (set, frozenset)):
        return json.dumps(sorted(map(str, value)))
    return _ADDRESS.sub("", str(value))


def theme_digest(config: Mapping[str, Any], plugins: Mapping[str, Any]) -> str | None:
    """MkDocs' configuration as the theme's templates see it, or None when a plugin
    outside ``KNOWN_PLUGINS`` could change what they render."""
    if not set(plugins) <= KNOWN_PLUGINS:
        return None
    shown = {key: config[key] for key in config if key not in _WHERE}
    theme = config["theme"]
    shown["theme"] = {"name": getattr(theme, "name", None),
                      "options": dict(theme) if isinstance(theme, Mapping) else str(theme),
                      "static_templates": sorted(getattr(theme, "static_templates", ()))}
    shown["plugins"] = {name: dict(getattr(plugin, "config", {}) or {})
                        for name, plugin in plugins.items()}
    return digest(json.dumps(shown, sort_keys=True, default=_stable, ensure_ascii=False))


def nav_digest(items: Iterable[tuple[str | None, str]]) -> str:
    """A navigation as its (title, address) items."""
    return digest(json.dumps(list(items), ensure_ascii=False))


def toc_items(toc: Iterable[Any]) -> list:
    """A table of contents (MkDocs' AnchorLink items) as plain data."""
    return [[item.title, item.id, item.level, toc_items(item.children)] for item in toc]


class RenderedPages:
    """The rendered pages of one build (none kept when ``theme`` is None: see
    KNOWN_PLUGINS), ``navs`` the digest of each language's navigation."""

    def __init__(self, cache: BuildCache, theme: str | None, navs: Mapping[str, str]) -> None:
        self.cache, self.theme, self.navs = cache, theme, navs
        # Page source → [its key, its template, its search entries] until it is written.
        self._waiting: dict[str, list] = {}

    @property
    def enabled(self) -> bool:
        return self.theme is not None and self.cache.enabled

    def choose_template(self, source: str, finished: str, lang: str, url: str, title: str,
                        meta: dict[str, Any], toc: list) -> None:
        """Before the page's template is chosen: ``RENDERED_TEMPLATE`` (in its ``meta``)
        when its output is kept."""
        key = digest(self.theme or "", finished, self.navs.get(lang, ""), url, title,
                     json.dumps(meta, sort_keys=True, default=_stable, ensure_ascii=False),
                     json.dumps(toc, ensure_ascii=False))
        self._waiting[source] = [key, meta.get("template", "main.html"), None]
        if self.cache.has(NAMESPACE, key):
            meta["template"] = RENDERED_TEMPLATE

    def take(self, source: str, meta: Mapping[str, Any],
             context: dict[str, Any]) -> tuple[bool, bytes | None]:
        """Whether the page is written as kept (its output put in ``context``), and its
        kept search entries. A kept entry that does not read: rendered again."""
        waiting = self._waiting.get(source)
        if waiting is None:
            return False, None
        context["explainer_template"] = waiting[1]
        if meta.get("template") != RENDERED_TEMPLATE:
            return False, None
        kept = self.cache.take(NAMESPACE, waiting[0], _decode, raw=True)
        if kept is None:
            return False, None
        del self._waiting[source]
        context["explainer_rendered"] = kept[0]
        return True, kept[1]

    def finished(self, source: str, entries: bytes | None) -> None:
        """The page's search entries, as finished now."""
        if source in self._waiting:
            self._waiting[source][2] = entries

    def keep(self, source: str, output: str) -> None:
        """The page as rendered now: kept for the next build."""
        waiting = self._waiting.pop(source, None)
        if waiting is not None:
            entries = waiting[2]
            # A JSON line (the entries, the page's length: a cut entry does not read), then
            # the page as it is.
            head = json.dumps([None if entries is None else entries.decode("utf-8"), len(output)],
                              ensure_ascii=False)
            self.cache.put(NAMESPACE, waiting[0], f"{head}\n{output}", raw=True)


def _decode(text: str) -> tuple[str, bytes | None]:
    head, output = text.split("\n", 1)
    entries, length = json.loads(head)
    if not isinstance(entries, (str, type(None))) or length != len(output):
        raise ValueError("malformed rendered page")
    return output, None if entries is None else entries.encode("utf-8")
