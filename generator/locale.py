"""Locale services for one page language: CLDR data from babel, UI strings from gettext.

MkDocs installs one gettext catalog per build (``theme.locale``); a bilingual
single build needs the catalog of each page's own language, so catalogs are
loaded here per language and handed to templates per page.
"""

from __future__ import annotations

import datetime as _dt
import io
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "explainer"


@lru_cache(maxsize=None)
def translations(lang: str) -> NullTranslations:
    """The UI catalog for ``lang``, read from its ``.po`` file.

    Reading the ``.po`` source (rather than a compiled ``.mo``) means an edited
    catalog is used at once, with no compile step to forget.
    """
    po_path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.exists():
        return NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def gettext(lang: str, message: str) -> str:
    return translations(lang).gettext(message)


def pgettext(lang: str, context: str, message: str) -> str:
    return translations(lang).pgettext(context, message)


@lru_cache(maxsize=None)
def locale(lang: str) -> Locale:
    return Locale.parse(lang)


def is_known_language(code: str) -> bool:
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


@lru_cache(maxsize=4096)
def format_date(value: _dt.date, lang: str, format: str = "long") -> str:
    """``10 avril 2025`` / ``April 10, 2025``: CLDR's long date for the language."""
    return _babel_format_date(value, format=format, locale=locale(lang))


@lru_cache(maxsize=None)
def language_name(code: str, in_lang: str | None = None, title: bool = True) -> str:
    """A language's CLDR name in ``in_lang`` (default: in itself).

    ``title`` capitalises it for a label ("Français"); mid-sentence French keeps
    CLDR's lowercase ("traduit du français").
    """
    name = locale(code).get_display_name(in_lang or code) or code
    return name[:1].upper() + name[1:] if title else name


def territory_name(iso: str, lang: str) -> str | None:
    """CLDR name of an ISO 3166 territory in ``lang``, or None for an unknown code."""
    return locale(lang).territories.get(iso.upper())


def territory_codes() -> frozenset[str]:
    """Two-letter ISO 3166 codes CLDR knows (regions such as '150' excluded)."""
    return frozenset(code for code in locale("en").territories if code.isalpha() and len(code) == 2)


@lru_cache(maxsize=None)
def ogp_locale(lang: str) -> str:
    """``fr_FR``-style locale for Open Graph, from CLDR's likely subtags."""
    from babel.core import get_global

    subtags = get_global("likely_subtags").get(lang, "")
    territory = subtags.split("_")[-1] if subtags.count("_") >= 1 else None
    return f"{lang}_{territory}" if territory and territory.isupper() else lang
