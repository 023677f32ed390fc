"""The map of an explainer's countries (generator/worldmap.py): cropped to them, no text,
from the vendored map (generator/maps/, CC BY 4.0), one file per explainer."""

from __future__ import annotations

import re

from conftest import BuildResult, text_of
from generator import worldmap

ARTICLE = "coalition-ukraine-2025-04-10"


def fills(svg: bytes) -> list[str]:
    return re.findall(rb'<path fill="(#[0-9a-f]{6})"', svg)


def test_a_map_is_cropped_to_its_countries_and_neighbours():
    svg = worldmap.map_svg(("FR",))
    assert svg.startswith(b"<svg") and b"<text" not in svg
    colours = fills(svg)
    assert colours.count(worldmap.INVOLVED.encode()) == 1
    assert 3 < len(colours) < 60, "neighbours, not the world"
    world = worldmap.map_svg(("FR", "US", "RU"))
    assert len(fills(world)) > 150
    width, height = (float(v) for v in world.split(b'viewBox="')[1].split(b'"')[0].split()[2:])
    assert width <= 1010 and height <= 666


def test_unknown_codes_make_no_map():
    assert worldmap.map_svg(("QQ",)) is None
    assert not worldmap.known("QQ") and worldmap.known("fr")


def test_the_seed_explainer_has_its_map(example_site: BuildResult):
    page = f"fr/explications/{ARTICLE}/"
    img = example_site.html(page).css_first(".ex-map img")
    alt = img.attributes["alt"]
    assert alt.startswith("Carte des pays de cette explication")
    # The countries it lists, and those of the groups it lists (the Baltic states).
    for name in ("France", "Royaume-Uni", "Ukraine", "Russie", "Estonie", "Lituanie"):
        assert name in alt
    svg = (example_site.site / "assets/explainer/maps" / f"{ARTICLE}.svg").read_bytes()
    assert fills(svg).count(worldmap.INVOLVED.encode()) == 10
    assert int(img.attributes["height"]) == worldmap.map_height(svg)
    english = example_site.html(f"en/explainers/{ARTICLE}/").css_first(".ex-map img")
    assert english.attributes["src"].endswith(f"maps/{ARTICLE}.svg")
    assert "Map of the countries in this explainer: Estonia" in english.attributes["alt"]
    assert text_of(example_site.html(page).css_first(".ex-map")) == ""


def test_maps_drawn_from_kept_outlines_are_the_same():
    """The build cache keeps the outlines maps are drawn with ("map-outlines"): every
    country's name reads back, and a map drawn from them is the map drawn anew."""
    from generator.render import _outlines_from_cache

    maps = [("FR",), ("FR", "US", "RU"), ("UA", "PL"), ("US", "UM")]
    needed = worldmap.outlines_needed(maps)
    every_level = [(code, level) for code in worldmap.world()["countries"]
                   for level in {level for _, level in needed}]
    kept = _outlines_from_cache(worldmap.outlines(every_level))
    drawn = [worldmap.map_svg(codes) for codes in maps]
    worldmap._OUTLINES.clear()
    worldmap.use_outlines(kept)
    assert [worldmap.map_svg(codes) for codes in maps] == drawn
    assert len(worldmap._OUTLINES) == len(every_level)  # none drawn again
