"""Share cards: the 1200×630 picture a link to an explainer shows where it is shared
(``og:image``), with its headline, date, the site's name and the participants' flags.

The card is an SVG made by a small Jinja2 template (``overrides/explainer/share-card.svg``)
and rasterized by resvg (``resvg-py``, a wheel with no system library) with the vendored
Inter font only (``generator/fonts/``): the machine's fonts are never read, so the same
inputs give the same PNG bytes on any machine. SVG has no line breaking: the headline is
wrapped here, measured with the font's own advance widths (fontTools).

Flags are put in the card's SVG as nested ``<svg>`` elements, not ``<image>``: resvg
parses every image anew with its own font database (about 35 ms a flag; a whole card
with ten nested flags draws in about 40 ms).
"""

from __future__ import annotations

import base64
import dataclasses
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable

from markupsafe import Markup

from .cache import BuildCache, digest
from .plan import PageKind, PlannedPage, SitePlan
from .xml_chars import xml_text

WIDTH, HEIGHT = 1200, 630
#: Where an explainer's card is published, per language.
CARD_ASSET = "assets/explainer/cards/{article}-{lang}.png"
FONTS_DIR = Path(__file__).parent / "fonts"
BOLD, REGULAR = FONTS_DIR / "Inter_700Bold.ttf", FONTS_DIR / "Inter_400Regular.ttf"
FLAGS_DIR = Path(__file__).parent / "flags"
#: The headline's column: the card's width less its margins.
TEXT_WIDTH = WIDTH - 2 * 72
#: Headline sizes tried in turn, each with the most lines it may take.
TITLE_SIZES = ((64, 3), (56, 4), (48, 4), (42, 5))
#: Flags on one row at the bottom (more are counted: "+3").
MAX_FLAGS = 12
NAMESPACE = "share-cards"


@dataclass(frozen=True)
class CardText:
    """What a card shows."""

    title: str
    date: str
    site_name: str
    lang: str
    #: ISO 3166 codes (lowercase) of the flags, in order.
    flags: tuple[str, ...] = ()


@lru_cache(maxsize=2)
def _metrics(font: Path) -> tuple[dict[int, int], float]:
    """Advance width of each character, and the font's units per em."""
    from fontTools.ttLib import TTFont  # read once a build, only when cards are made

    with TTFont(font, lazy=True) as face:
        widths = face["hmtx"].metrics
        advances = {code: widths[glyph][0] for code, glyph in face.getBestCmap().items()}
        return advances, float(face["head"].unitsPerEm)


def text_width(text: str, size: float, font: Path = BOLD) -> float:
    """The width of ``text`` in pixels, set in ``font`` at ``size`` (without kerning,
    which only ever narrows a Latin line a little)."""
    advances, units = _metrics(font)
    fallback = advances.get(ord("M"), units)
    return sum(advances.get(ord(char), fallback) for char in text) * size / units


def _pieces(word: str, size: float, width: float, font: Path) -> list[str]:
    """A word wider than a line (an address, a long compound), cut where it must be."""
    if text_width(word, size, font) <= width:
        return [word]
    pieces, piece = [], ""
    for char in word:
        if piece and text_width(piece + char, size, font) > width:
            pieces.append(piece)
            piece = char
        else:
            piece += char
    return [*pieces, piece]


def wrap(text: str, size: float, width: float = TEXT_WIDTH, font: Path = BOLD) -> list[str]:
    """``text`` in lines no wider than ``width``."""
    lines: list[str] = []
    line = ""
    for word in (piece for whole in text.split() for piece in _pieces(whole, size, width, font)):
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size, font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def title_lines(title: str) -> tuple[int, list[str]]:
    """The headline's size and lines: the largest size it fits in; at the smallest, the
    lines it fits in, the last one ending with an ellipsis."""
    for size, most in TITLE_SIZES:
        lines = wrap(title, size)
        if len(lines) <= most:
            return size, lines
    size, most = TITLE_SIZES[-1]
    lines = wrap(title, size)[:most]
    last = lines[-1]
    while last and text_width(last + " …", size) > TEXT_WIDTH:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = last + " …"
    return size, lines


_ID = re.compile(r'\bid="([^"]+)"')
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_HREF = re.compile(r'href="#([^"]+)"')


@lru_cache(maxsize=None)
def _flag_source(code: str) -> str | None:
    path = FLAGS_DIR / f"{code}.svg"
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    return re.sub(r"<\?xml[^>]*\?>", "", text).strip()


def flag_svg(code: str, x: float, y: float, width: float, height: float) -> Markup | None:
    """A vendored flag as a nested ``<svg>`` at (x, y), its ids made its own (two flags
    may both name a gradient ``a``)."""
    source = _flag_source(code)
    if source is None:
        return None
    prefix = f"flag-{code}-"
    source = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', source)
    source = _URL_REF.sub(lambda m: f"url(#{prefix}{m.group(1)})", source)
    source = _HREF.sub(lambda m: f'href="#{prefix}{m.group(1)}"', source)
    placed = (f'<svg x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}" '
              f'preserveAspectRatio="xMidYMid slice" ')
    return Markup(source.replace("<svg ", placed, 1))


def layout(card: CardText) -> dict:
    """What the card's template draws, placed (without the characters XML cannot hold:
    the SVG would not parse)."""
    card = dataclasses.replace(card, title=xml_text(card.title), date=xml_text(card.date),
                               site_name=xml_text(card.site_name))
    size, lines = title_lines(card.title)
    flags, x = [], 72.0
    drawn = [code for code in card.flags if _flag_source(code) is not None]
    for code in drawn[:MAX_FLAGS]:
        flags.append({"x": x, "svg": flag_svg(code, x, 498, 64, 48)})
        x += 80
    return {"card": card, "width": WIDTH, "height": HEIGHT, "title_size": size,
            "title_lines": lines, "line_height": round(size * 1.18),
            "flags": flags, "more_flags": max(0, len(drawn) - MAX_FLAGS), "more_x": x}


def rasterize(svg: str) -> bytes:
    """The PNG of ``svg``, drawn with the vendored fonts only."""
    import resvg_py  # loaded only by builds that make cards

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, skip_system_fonts=True,
                                       font_files=[str(BOLD), str(REGULAR)]))


@lru_cache(maxsize=1)
def renderer_stamp() -> str:
    """What besides the SVG decides the PNG: the fonts and resvg's version."""
    try:
        version = metadata.version("resvg-py")
    except metadata.PackageNotFoundError:
        version = "?"
    return digest(version, BOLD.read_bytes(), REGULAR.read_bytes())


def _png_from_cache(value: str) -> bytes:
    png = base64.b64decode(value, validate=True)
    if not png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError("not a PNG")
    return png


def card_key(text: CardText, template_source: str) -> str:
    """The digest of what a card is made from: its text, the template, the flags drawn,
    the fonts and resvg (this module's code is in the build cache's stamp). A warm build
    neither lays out nor draws a card."""
    flags = [_flag_source(code) or "" for code in text.flags]
    return digest(json.dumps(dataclasses.astuple(text), ensure_ascii=False), template_source,
                  *flags, renderer_stamp())


def card_png(key: str, make_svg: Callable[[], str], cache: BuildCache) -> bytes:
    """The card's PNG, kept in the build cache under ``key`` (see ``card_key``)."""
    return cache.get(NAMESPACE, key, decode=_png_from_cache,
                     make=lambda: rasterize(make_svg()),
                     encode=lambda png: base64.b64encode(png).decode("ascii"))


def card_path(page: PlannedPage) -> str | None:
    """Where ``page``'s share card is published (from the site's root): an explainer's,
    when the site makes them."""
    if page.kind is not PageKind.ARTICLE or page.article is None:
        return None
    return CARD_ASSET.format(article=page.article.id, lang=page.lang)


def card_url(plan: SitePlan, page: PlannedPage | None, site_url: str | None) -> str | None:
    """The address of ``page``'s share card: absolute on a site with an address (what
    sites that show it require), else relative to the page."""
    path = card_path(page) if page is not None and plan.share_cards else None
    if path is None:
        return None
    return site_url.rstrip("/") + "/" + path if site_url else plan.asset_url(page, path)
