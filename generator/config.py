"""Options of the ``explainer`` MkDocs plugin (``plugins: - explainer: ...``)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .document_cache import DEFAULT_FOLDER


class ExplainerConfig(Config):
    #: Folder of articles, glossary and participants; defaults to ``docs_dir``
    #: so that ``mkdocs serve`` watches it and rebuilds on every edit.
    content_dir = c.Optional(c.Dir(exists=True))
    #: Site languages; the first is the default (root page, ``x-default``).
    languages = c.ListOfItems(c.Type(str), default=["fr", "en"])
    #: Link the first mention of each term or participant on a page ("first"),
    #: or every mention ("all").
    link = c.Choice(("first", "all"), default="first")
    #: Accepted borrowings the mixed-language check should not report ("week-end").
    allow_words = c.ListOfItems(c.Type(str), default=[])
    #: Build for reading from ``file://`` with no network (the offline bundle):
    #: file URLs, search without a server, no instant navigation.
    offline = c.Type(bool, default=False)
    #: During `mkdocs build`, do the plugin's work on pages (linking articles,
    #: the copy desk's checks, then cards, tooltips, backlinks, typography and
    #: search entries) in a forked process on a second core, while MkDocs
    #: converts and writes pages. Off, under `serve`, on macOS, or where fork or
    #: a second core is missing, all is done in one process.
    parallel = c.Type(bool, default=True)
    #: Keep what reading ``content/`` found in each file (data, positions,
    #: problems) in ``cache_dir``, so that files unchanged since the last build
    #: are not parsed again, and the mixed-language check's table of words that
    #: look foreign (instead of wordfreq's lists, about 67 MB), what the copy
    #: desk's checks found in each article text, and the glossary definitions
    #: as HTML (converted again only when edited). Only ever a
    #: shortcut: the site and its warnings are the same without.
    cache = c.Type(bool, default=True)
    #: Relative to the folder of mkdocs.yml, as Material's plugins' caches.
    cache_dir = c.Type(str, default=DEFAULT_FOLDER)
