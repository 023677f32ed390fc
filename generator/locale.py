"""Locale services for one page language: CLDR data from babel, UI strings from gettext.

MkDocs installs one gettext catalog per build (``theme.locale``); a bilingual
single build needs the catalog of each page's own language, so catalogs are
loaded here per language and handed to templates per page.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
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
        parsed = Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return parsed.language == code.split("_")[0]  # 'und' parses as en_US


#: A BCP 47 primary language subtag, as the site's folders, file names and URLs use it:
#: two or three lowercase letters ('fr', 'en', 'ast'). Region and script subtags
#: ('pt-BR', 'zh-Hant') are not supported: pages, catalogs and search use the language alone.
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}")
#: Codes that are not languages of a text ('und' undetermined, 'mul', 'zxx', 'mis').
_NOT_LANGUAGES = frozenset({"und", "mul", "zxx", "mis"})


def check_languages(tags: object) -> list[str]:
    """What is wrong with a site's ``languages`` option: one message per problem
    (an empty list when it is fine). Each must be a BCP 47 language code that
    CLDR (through babel) knows, such as 'fr' or 'en', listed once; at least one."""
    if isinstance(tags, str) or not isinstance(tags, (list, tuple)):
        return [f"'languages' must be a list of language codes such as [fr, en], "
                f"not {tags!r:.60}"]
    if not tags:
        return ["'languages' is empty: list the site's languages, the first being the "
                "default, such as [fr, en]"]
    problems, seen = [], set()
    for tag in tags:
        if not isinstance(tag, str):
            problems.append(f"'languages': {tag!r:.40} is not a language code such as 'fr'")
            continue
        shown = repr(tag)[1:-1][:40]
        if not LANGUAGE_TAG.fullmatch(tag):
            lower = tag.split("-")[0].split("_")[0].lower()
            hint = (f" (did you mean '{lower}'?)"
                    if LANGUAGE_TAG.fullmatch(lower) and is_known_language(lower) else "")
            problems.append(f"'languages': '{shown}' is not a language code: use a BCP 47 "
                            f"language subtag of two or three lowercase letters such as 'fr' "
                            f"or 'en'{hint}")
        elif tag in _NOT_LANGUAGES or not is_known_language(tag):
            problems.append(f"'languages': '{shown}' is not a language CLDR knows")
        elif tag in seen:
            problems.append(f"'languages': '{tag}' is listed twice")
        seen.add(tag)
    return problems


def check_locales(locales: object, languages: list) -> list[str]:
    """What is wrong with a site's ``locales`` option (site language → CLDR locale such
    as ``en_GB`` or ``en-GB``): one message per problem, an empty list when it is fine."""
    if not isinstance(locales, dict):
        return [f"'locales' must map site languages to locales, such as {{en: en_GB}}, "
                f"not {locales!r:.60}"]
    problems = []
    for lang, tag in locales.items():
        if lang not in languages:
            problems.append(f"'locales': '{str(lang)[:40]}' is not one of the site's languages")
            continue
        try:
            parsed = Locale.parse(str(tag).replace("-", "_"))
        except (UnknownLocaleError, ValueError, TypeError):
            problems.append(f"'locales': '{str(tag)[:40]}' is not a locale CLDR knows "
                            f"(such as en_GB or en_US)")
            continue
        if parsed.language != lang:
            problems.append(f"'locales': '{str(tag)[:40]}' is not a locale of '{lang}'")
    return problems


@lru_cache(maxsize=4096)
def format_date(value: _dt.date, lang: str, format: str = "long") -> str:
    """``10 avril 2025`` / ``April 10, 2025`` / ``10 April 2025``: CLDR's long date for
    ``lang``, a language (``fr``) or a locale (``en_GB``)."""
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


def format_list(items: list[str], lang: str) -> str:
    """``A, B et C`` / ``A, B and C``: CLDR's list pattern for ``lang`` (a language or a locale)."""
    from babel.lists import format_list as _babel_format_list

    return _babel_format_list(list(items), style="standard", locale=locale(lang)) if items else ""
