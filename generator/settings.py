"""The site's options, read once and shared by the plugin and the CLI.

``generator.config.load_settings`` makes them from MkDocs' own configuration
loader (``mkdocs.yml``, with MkDocs' defaults and validation), so ``explainer
check`` and ``mkdocs build`` always read the same folder with the same options.
Nothing here imports MkDocs: another front end only has to fill this in.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Relative to the folder of mkdocs.yml, as Material's plugins keep their caches.
DEFAULT_CACHE_FOLDER = ".cache/plugin/explainer"


@dataclass(frozen=True)
class Publisher:
    """The organisation that publishes the site, named once in mkdocs.yml: the
    ``publisher`` of every explainer's JSON-LD."""

    name: str
    url: str | None = None
    #: An http(s) address of the logo, or a file beside mkdocs.yml (published with
    #: the site: see ``logo_site_path``).
    logo: str | None = None
    #: The logo file when ``logo`` names one (resolved against the project's folder).
    logo_file: Path | None = None

    @property
    def logo_site_path(self) -> str | None:
        """Where a logo file is published in the site."""
        if self.logo_file is None:
            return None
        return f"assets/explainer/publisher-logo{self.logo_file.suffix.lower()}"


@dataclass(frozen=True)
class Settings:
    #: The project's folder (where mkdocs.yml is): diagnostics are relative to it.
    root: Path
    #: Where the editors' articles/, glossary/ and participants/ are.
    content_dir: Path
    #: The site's languages, the first being the default (root page, x-default).
    languages: tuple[str, ...] = ("fr", "en")
    #: Site language → CLDR locale for its dates and formats, where the language alone
    #: does not say which: {"en": "en_GB"} writes "10 April 2025" (CLDR's "en" is
    #: American English: "April 10, 2025"). Languages not listed use their own code.
    locales: dict[str, str] = field(default_factory=dict)
    #: "first": link the first mention of each entry on a page; "all": every mention.
    link: str = "first"
    #: Phrases never linked on this site, in any language, nor any part of them
    #: (« en français », "Paris Match").
    never_link: tuple[str, ...] = ()
    #: Images from other hosts in article bodies: "allow", "warn" (the default: the
    #: offline bundle replaces them) or "error".
    remote_media: str = "warn"
    #: Accepted borrowings the mixed-language check does not report.
    allow_words: tuple[str, ...] = ()
    #: Build for reading from file:// with no network.
    offline: bool = False
    #: The build cache's folder, or None for no cache.
    cache_dir: Path | None = None
    #: Markdown extensions and their options, as the site converts pages.
    markdown_extensions: tuple[Any, ...] = ()
    markdown_configs: dict[str, Any] = field(default_factory=dict)
    site_url: str | None = None
    site_name: str = ""
    directory_urls: bool = True
    #: A share card (og:image, 1200×630 PNG) per explainer and language.
    share_cards: bool = True
    #: Who publishes the site (JSON-LD), or None.
    publisher: Publisher | None = None

    @property
    def link_first_only(self) -> bool:
        return self.link == "first"

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def cache_inside_content(self) -> bool:
        """Whether the cache folder would be inside the content folder, where nothing
        but explicit scaffolding commands may write."""
        return (self.cache_dir is not None
                and self.cache_dir.resolve().is_relative_to(self.content_dir.resolve()))

    def digest(self) -> str:
        """What every output of a build depends on among the options (for cache stamps)."""
        shown = {
            "languages": self.languages, "locales": self.locales, "link": self.link, "never_link": sorted(self.never_link), "remote_media": self.remote_media,
            "allow_words": sorted(self.allow_words),
            "offline": self.offline, "markdown": [_name(ext) for ext in self.markdown_extensions],
            # Not the site's address: `mkdocs serve` sets its own, so a stamp with it made
            # every switch between serve and build a first build. Only pages show it, and
            # finished and rendered pages are keyed on it (finish.py, rendered.py).
            "markdown_configs": self.markdown_configs,
            "site_name": self.site_name, "directory_urls": self.directory_urls,
            "share_cards": self.share_cards,
            # As written, not where its logo file is: a moved project keeps its cache.
            "publisher": (None if self.publisher is None else
                          [self.publisher.name, self.publisher.url, self.publisher.logo]),
        }
        text = json.dumps(shown, sort_keys=True, default=repr, ensure_ascii=False)
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _name(extension: Any) -> str:
    return extension if isinstance(extension, str) else f"{type(extension).__module__}.{type(extension).__qualname__}"
