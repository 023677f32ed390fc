"""A static map of the countries an explainer involves: an SVG drawn from the vendored
world map (generator/maps/world.json, from the npm package @svg-maps/world, CC BY 4.0:
``make map`` refreshes it), cropped to those countries with their neighbours around.

The SVG has no text (it is shown as an <img> whose alt text, in the page's language,
names the countries), so one file serves every language of an explainer.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

WORLD = Path(__file__).parent / "maps" / "world.json"
#: Material's indigo for the countries involved (4.5:1 and above against the grey and
#: the white borders), light grey for the others, on a pale sea.
INVOLVED, OTHER, SEA, BORDER = "#3f51b5", "#d4d4d8", "#eef2f7", "#ffffff"
#: Room around the countries involved, as a share of their extent; and the least extent
#: shown, in map units (the whole map is 1010 wide), so that one small country is not
#: all the map shows.
MARGIN, LEAST = 0.25, 120.0
#: Points across the map's width: outlines are drawn to that grid (about a pixel of a
#: column-wide image), islands smaller than a step left out.
DETAIL = 700


#: Zoom levels per doubling of the view's width: the grid step is rounded down to a power
#: of 2**(1/LEVELS), so maps of about the same extent share their outlines, drawn once per
#: process (``_outline``). Drawing every country's rings anew for each map took 55 ms a map
#: (N=300 benchmark site, 600 maps: 17 s of a 21 s cold build); with the shared outlines the
#: 600 maps take under a second. An outline is at most 19 % finer than DETAIL asks.
LEVELS = 4


def _ring(ring: list[float], step: float) -> str:
    points: list[tuple[int, int]] = []
    for i in range(0, len(ring) - 1, 2):
        point = (round(ring[i] / step), round(ring[i + 1] / step))
        if not points or points[-1] != point:
            points.append(point)
    if len(set(points)) < 3:
        return ""
    return "M" + " ".join(f"{x} {y}" for x, y in points) + "Z"


@lru_cache(maxsize=1)
def world() -> dict:
    return json.loads(WORLD.read_text(encoding="utf-8"))


def _box(rings: list[list[float]]) -> tuple[float, float, float, float]:
    xs = [x for ring in rings for x in ring[0::2]]
    ys = [y for ring in rings for y in ring[1::2]]
    return min(xs), min(ys), max(xs), max(ys)


@lru_cache(maxsize=1)
def _boxes() -> dict[str, tuple[float, float, float, float]]:
    return {code: _box(rings) for code, rings in world()["countries"].items()}


#: (country, zoom level) → its outline, for this process (see ``outlines``).
_OUTLINES: dict[tuple[str, int], str] = {}


def _outline(code: str, level: int) -> str:
    """The path of country ``code`` on the grid of zoom ``level`` ("" when it is smaller
    than a step)."""
    outline = _OUTLINES.get((code, level))
    if outline is None:
        step = 2 ** (level / LEVELS)
        outline = _OUTLINES[code, level] = " ".join(
            d for d in (_ring(ring, step) for ring in world()["countries"][code]) if d)
    return outline


def _level(width: float) -> int:
    return math.floor(LEVELS * math.log2(width / DETAIL))


def _shown(left: float, top: float, width: float, height: float) -> Iterator[str]:
    """The countries a view shows (their box meets it)."""
    bounds = _boxes()
    for code in sorted(world()["countries"]):
        bx0, by0, bx1, by1 = bounds[code]
        if not (bx1 < left or bx0 > left + width or by1 < top or by0 > top + height):
            yield code


def outlines_needed(maps: Iterable[tuple[str, ...]]) -> list[tuple[str, int]]:
    """The (country, zoom level) outlines the maps of ``maps`` (their codes) are drawn
    with, found without drawing them."""
    needed = set()
    for codes in maps:
        view = _view(codes)
        if view is not None:
            level = _level(view[3])
            needed.update((code, level) for code in _shown(*view[1:]))
    return sorted(needed)


def outlines(needed: Iterable[tuple[str, int]]) -> dict[str, str]:
    """The outlines ``needed`` as "code:level" → path (what the build cache keeps: drawing
    them took 0.8 s of a warm build of 1,000 explainers, and a map is drawn when written)."""
    return {f"{code}:{level}": _outline(code, level) for code, level in needed}


def use_outlines(kept: dict[str, str]) -> None:
    """Take outlines made by ``outlines`` (in an earlier build) instead of drawing them."""
    for name, outline in kept.items():
        code, level = name.split(":")
        _OUTLINES[code, int(level)] = outline


def known(iso: str) -> bool:
    return iso.upper() in world()["countries"]


def map_height(svg: bytes) -> int:
    """The height of a map drawn 800 wide (for its <img>'s room before it loads)."""
    return int(svg.split(b'height="', 2)[1].split(b'"', 1)[0])


def _view(codes: tuple[str, ...]) -> tuple[list[str], float, float, float, float] | None:
    """The countries of ``codes`` on the map and the view around them (left, top, width,
    height, in map units), or None when none is known."""
    countries = world()["countries"]
    involved = sorted({code.upper() for code in codes if code.upper() in countries})
    if not involved:
        return None
    bounds = _boxes()
    boxes = [bounds[code] for code in involved]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    width, height = max(x1 - x0, LEAST), max(y1 - y0, LEAST * 0.6)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    width, height = width * (1 + 2 * MARGIN), height * (1 + 2 * MARGIN)
    # Not taller than wide: a phone shows it whole.
    height = min(max(height, width * 0.5), width)
    # Within the world map: a view of countries far apart is at most the whole of it.
    world_width, world_height = (float(v) for v in world()["viewBox"].split()[2:])
    width, height = min(width, world_width), min(height, world_height)
    left = min(max(cx - width / 2, 0.0), world_width - width)
    top = min(max(cy - height / 2, 0.0), world_height - height)
    return involved, left, top, width, height


def drawn_height(codes: tuple[str, ...]) -> int | None:
    """``map_height`` of the map of ``codes`` without drawing it (None: no map)."""
    view = _view(codes)
    return None if view is None else _drawn_height(view[3], view[4])


def _drawn_height(width: float, height: float) -> int:
    """The height of a view ``width`` × ``height`` drawn 800 wide."""
    return int(f"{800 * height / width:.0f}")


def map_svg(codes: tuple[str, ...]) -> bytes | None:
    """The map of the countries ``codes`` (ISO 3166 alpha-2), or None when none is known."""
    view = _view(codes)
    if view is None:
        return None
    involved, left, top, width, height = view
    level = _level(width)
    step = 2 ** (level / LEVELS)
    paths = []
    for code in _shown(left, top, width, height):
        d = _outline(code, level)
        if not d:
            continue
        fill = INVOLVED if code in involved else OTHER
        paths.append(f'<path fill="{fill}" d="{d}"/>')
    view = f"{left:.1f} {top:.1f} {width:.1f} {height:.1f}"
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view}" '
           f'width="800" height="{_drawn_height(width, height)}">'
           f'<rect x="{left:.1f}" y="{top:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{SEA}"/>'
           f'<g transform="scale({step:.4f})" stroke="{BORDER}" stroke-width="{width / step / 400:.2f}" '
           f'stroke-linejoin="round">'
           + "".join(paths) + "</g></svg>")
    return svg.encode("utf-8")
