"""Options of the ``explainer`` MkDocs plugin (``plugins: - explainer: ...``), and the
core ``Settings`` made from them and from MkDocs' own configuration."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

# First: under MkDocs 2 it stops the import with one clear line (runner_problem).
from .material_compat import (check_coexistence, configure_offline, prepare_search,  # isort: skip
                              runner_problem, use_packaged_theme)
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .bundle import epoch_problem
from .locale import check_languages, check_locales
from .settings import DEFAULT_CACHE_FOLDER, Publisher, Settings


class PublisherConfig(Config):
    """``publisher: {name, url, logo}``: who publishes the site, for news search engines."""

    name = c.Optional(c.Type(str))
    #: The publisher's own site.
    url = c.Optional(c.URL())
    #: An http(s) address, or a file beside mkdocs.yml (``assets/logo.svg``), published
    #: with the site.
    logo = c.Optional(c.Type(str))


class ExplainerConfig(Config):
    #: Folder of articles, glossary and participants; defaults to ``docs_dir``
    #: so that ``mkdocs serve`` watches it and rebuilds on every edit.
    content_dir = c.Optional(c.Dir(exists=True))
    #: Site languages; the first is the default (root page, ``x-default``).
    languages = c.ListOfItems(c.Type(str), default=["fr", "en"])
    #: Site language → CLDR locale for dates and formats: ``{en: en_GB}`` for British
    #: English ("10 April 2025"); a language not listed uses its own code.
    locales = c.Type(dict, default={})
    #: Link the first mention of each term or participant on a page ("first"),
    #: or every mention ("all").
    link = c.Choice(("first", "all"), default="first")
    #: Phrases never linked anywhere on the site, nor any part of them: names
    #: that contain a participant's name (« Paris Match »), set phrases.
    never_link = c.ListOfItems(c.Type(str), default=[])
    #: Images from other hosts in article bodies: a reader's browser calls those hosts
    #: (the offline bundle replaces them with their alt text, linked).
    remote_media = c.Choice(("allow", "warn", "error"), default="warn")
    #: Accepted borrowings the mixed-language check should not report ("week-end").
    allow_words = c.ListOfItems(c.Type(str), default=[])
    #: Build for reading from ``file://`` with no network (the offline bundle):
    #: file URLs, search without a server, no instant navigation.
    offline = c.Type(bool, default=False)
    #: Once the plugin's work on pages went to a forked process; every build is
    #: now one process, and the build cache makes warm builds fast.
    parallel = c.Deprecated(message="the explainer plugin's 'parallel' option has no effect any "
                                    "more (builds run in one process); remove it")
    #: Keep what earlier builds made (documents read, articles converted and
    #: linked, finished pages, the copy desk's findings) in ``cache_dir``, keyed
    #: on the digest of their inputs. Only ever a shortcut: the site and its
    #: warnings are the same without.
    cache = c.Type(bool, default=True)
    #: Relative to the folder of mkdocs.yml, as Material's plugins' caches.
    cache_dir = c.Type(str, default=DEFAULT_CACHE_FOLDER)
    #: A share card per explainer and language: the picture (1200×630 PNG: headline,
    #: date, flags) a link to it shows where it is shared (og:image).
    share_cards = c.Type(bool, default=True)
    #: The site's publisher, named once: the ``publisher`` of every explainer's JSON-LD.
    publisher = c.SubConfig(PublisherConfig)


class SettingsError(Exception):
    """mkdocs.yml cannot be read, does not enable the plugin, or sets what cannot work."""


@contextlib.contextmanager
def settings_errors():
    """A SettingsError as MkDocs' one-line plugin error."""
    try:
        yield
    except SettingsError as exc:
        raise PluginError("explainer: " + "; ".join(exc.args)) from None


def prepare_config(config: MkDocsConfig, options: ExplainerConfig) -> None:
    """MkDocs' configuration made ready for the explainer, before any other plugin reads it
    (SettingsError: what runs the plugin, or a feature or plugin of mkdocs.yml, cannot
    work with it; one message each, saying what to do instead)."""
    problems = check_coexistence(config)
    runner = runner_problem()
    if runner or problems:
        raise SettingsError(*([runner] if runner else []), *problems)
    use_packaged_theme(config)
    prepare_search(config)
    if options.offline:
        configure_offline(config)  # it changes the URLs the plan makes


def settings_from(config: MkDocsConfig, options: ExplainerConfig) -> Settings:
    """The core's settings, from MkDocs' validated configuration and the plugin's options
    (SettingsError: one message per problem)."""
    problems = check_languages(list(options.languages))
    problems += check_locales(dict(options.locales), list(options.languages))
    epoch = epoch_problem(os.environ.get("SOURCE_DATE_EPOCH"), for_zip=False)
    if problems or epoch:
        raise SettingsError(*problems, *([epoch] if epoch else []))
    root = Path(config.config_file_path or ".").resolve().parent
    publisher = _publisher(options.publisher, root)
    settings = Settings(
        root=root,
        content_dir=Path(options.content_dir or config.docs_dir),
        languages=tuple(options.languages),
        locales={lang: tag.replace("-", "_") for lang, tag in dict(options.locales).items()},
        link=options.link,
        never_link=tuple(options.never_link),
        remote_media=options.remote_media,
        allow_words=tuple(options.allow_words),
        offline=bool(options.offline),
        cache_dir=root / options.cache_dir if options.cache else None,
        markdown_extensions=tuple(config.markdown_extensions),
        markdown_configs=dict(config.mdx_configs or {}),
        site_url=config.site_url or None,
        site_name=config.site_name or "",
        directory_urls=bool(config.use_directory_urls),
        share_cards=bool(options.share_cards),
        publisher=publisher,
    )
    if settings.cache_inside_content():
        raise SettingsError(f"cache_dir '{options.cache_dir}' is inside the content folder, "
                            f"where only sources belong; choose a folder outside it")
    return settings


def _publisher(options, root: Path) -> Publisher | None:
    """The ``publisher`` option (SettingsError: a logo that is neither an http(s)
    address nor a file beside mkdocs.yml)."""
    if not options or not any(options.values()):
        return None
    if not options.get("name"):
        raise SettingsError("'publisher' needs a 'name'")
    logo, logo_file = options.get("logo") or None, None
    if logo is not None and not logo.startswith(("https://", "http://")):
        candidate = (root / logo).resolve()
        if not candidate.is_relative_to(root) or not candidate.is_file():
            raise SettingsError(f"publisher 'logo' '{logo}' is neither an http(s) address nor a "
                                "file in the project's folder")
        logo_file = candidate
    return Publisher(name=options["name"], url=options.get("url") or None, logo=logo,
                     logo_file=logo_file)


def load_settings(config_file: Path) -> tuple[Settings, MkDocsConfig]:
    """Read ``config_file`` as ``mkdocs build`` does (MkDocs' loader, defaults and
    validation): the settings the plugin would have, and MkDocs' configuration."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        config = load_config(str(config_file))
    except (ConfigurationError, OSError) as exc:
        raise SettingsError(f"{config_file}: {str(exc).strip() or type(exc).__name__}") from None
    plugin = config.plugins.get("explainer")
    if plugin is None:
        raise SettingsError(f"{config_file} does not enable the explainer plugin")
    try:
        prepare_config(config, plugin.config)
        return settings_from(config, plugin.config), config
    except SettingsError as exc:
        raise SettingsError(*(f"{config_file}: {problem}" for problem in exc.args)) from None
