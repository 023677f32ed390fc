"""Share cards (generator/share_card.py): one 1200×630 PNG per explainer and language,
named by og:image, twitter:image and the NewsArticle's image; its text inside the
picture; the same bytes every build, made once and then read from the build cache."""

from __future__ import annotations

import dataclasses
import json
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import jinja2
import pytest

from conftest import REPO, BuildResult, SiteProject
from generator import share_card
from generator.cache import BuildCache

BASE = "https://explainer.example.org/"
ARTICLE = "coalition-ukraine-2025-04-10"
PAGES = {"fr": f"fr/explications/{ARTICLE}/", "en": f"en/explainers/{ARTICLE}/"}
CARD = "assets/explainer/cards/{article}-{lang}.png"


def meta(html, name: str) -> list[str]:
    return [m.attributes["content"] for m in html.css(f'meta[property="{name}"], meta[name="{name}"]')]


def json_ld(html) -> dict:
    return json.loads(html.css_first('script[type="application/ld+json"]').text())


def png_pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and rows (RGBA) of a non-interlaced 8-bit RGBA PNG, as resvg writes."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, data, header = 8, b"", None
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        chunk = png[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            data += chunk
        position += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert (depth, colour, interlace) == (8, 6, 0), header
    raw, stride, rows, previous = zlib.decompress(data), width * 4, [], bytearray(width * 4)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - 4] if x >= 4 else 0
            up, corner = previous[x], previous[x - 4] if x >= 4 else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                guess = left + up - corner
                near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up),
                           (abs(guess - corner), 2, corner))[2]
                line[x] = (line[x] + near) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def card_svg(text: share_card.CardText) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(REPO / "overrides")),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template("explainer/share-card.svg").render(share_card.layout(text))


def test_each_explainer_has_a_share_card_per_language(example_site: BuildResult):
    cards = {}
    for lang, page in PAGES.items():
        html = example_site.html(page)
        url = BASE + CARD.format(article=ARTICLE, lang=lang)
        assert meta(html, "og:image") == [url] and meta(html, "twitter:image") == [url]
        assert meta(html, "og:image:width") == ["1200"] and meta(html, "og:image:height") == ["630"]
        assert meta(html, "twitter:card") == ["summary_large_image"]
        assert meta(html, "og:image:alt") == meta(html, "og:title")
        assert json_ld(html)["image"] == url
        cards[lang] = (example_site.site / CARD.format(article=ARTICLE, lang=lang)).read_bytes()
        width, height, _ = png_pixels(cards[lang])
        assert (width, height) == (1200, 630)
    assert cards["fr"] != cards["en"], "each language has its own card"
    # Pages that are not explainers have none.
    for page in ("fr/", "fr/glossaire/", "en/participants/russia/"):
        html = example_site.html(page)
        assert meta(html, "og:image") == [] and meta(html, "twitter:card") == ["summary"]


def test_card_shows_headline_date_site_and_flags():
    text = share_card.CardText(title="Allies & <friends>",
                               date="10 April 2025", site_name="The Explainer", lang="en",
                               flags=("fr", "gb", "us", "zz"))
    svg = card_svg(text)
    assert ">Allies &amp; &lt;friends&gt;<" in svg
    assert ">10 April 2025<" in svg and ">The Explainer<" in svg and 'xml:lang="en"' in svg
    # Three flags (there is no "zz"), each with its own ids.
    assert svg.count('preserveAspectRatio="xMidYMid slice"') == 3
    for code in ("fr", "gb", "us"):
        assert f'id="flag-{code}-flag-icons-{code}"' in svg
    assert "+" not in svg.split("</text>")[-1], "no count of further flags"
    many = share_card.CardText(title="T", date="d", site_name="s", lang="fr",
                               flags=tuple(["fr", "de", "it", "es", "pt", "nl", "be", "lu",
                                            "at", "pl", "cz", "sk", "hu", "ro"]))
    assert ">+2<" in card_svg(many)


def test_long_headline_is_wrapped_inside_the_card():
    words = "Anticonstitutionnellement, les négociations intergouvernementales " * 6
    size, lines = share_card.title_lines(words.strip())
    assert size == share_card.TITLE_SIZES[-1][0] and len(lines) == share_card.TITLE_SIZES[-1][1]
    assert lines[-1].endswith(" …")
    assert all(share_card.text_width(line, size) <= share_card.TEXT_WIDTH for line in lines)
    for title in ("W" * 300, "https://example.org/" + "a-very-long-address/" * 20):
        size, lines = share_card.title_lines(title)
        assert all(share_card.text_width(line, size) <= share_card.TEXT_WIDTH for line in lines)
    short_size, short_lines = share_card.title_lines("Ceasefire: what we know")
    assert (short_size, short_lines) == (share_card.TITLE_SIZES[0][0], ["Ceasefire: what we know"])
    # Drawn: nothing but the white background in the right margin, under the top band.
    text = share_card.CardText(title="Wwwwwwww " * 14 + "M" * 40, date="1 January 2026",
                               site_name="Explainer", lang="en", flags=("fr",) * 15)
    width, height, rows = png_pixels(share_card.rasterize(card_svg(text)))
    margin = width - 64
    for y in range(20, height):
        assert set(rows[y][margin * 4:]) == {255}, f"something drawn in the right margin at y={y}"
    drawn = sum(1 for y in range(150, 420) if set(rows[y][72 * 4:margin * 4]) != {255})
    assert drawn > 150, "the headline is drawn"


def test_cards_are_made_once_then_read_from_the_cache(tmp_path, monkeypatch):
    text = share_card.CardText(title="Titre", date="10 avril 2025", site_name="Site",
                               lang="fr", flags=("fr", "ua"))
    svg = card_svg(text)
    key = share_card.card_key(text, "template")
    first = BuildCache(tmp_path, "stamp")
    png = share_card.card_png(key, lambda: svg, first)
    first.save()
    first.close()
    assert png == share_card.rasterize(svg), "the same bytes every time"

    def never(svg: str) -> bytes:
        raise AssertionError("the card was drawn again")

    monkeypatch.setattr(share_card, "rasterize", never)
    again = BuildCache(tmp_path, "stamp")
    assert share_card.card_png(key, lambda: svg, again) == png
    # Another text, template or flag is another card.
    other = dataclasses.replace(text, flags=("ua", "fr"))
    assert len({key, share_card.card_key(other, "template"), share_card.card_key(text, "other")}) == 3
    again.close()


def test_a_damaged_cached_card_is_made_anew(tmp_path):
    text = share_card.CardText(title="Titre", date="d", site_name="s", lang="fr")
    svg = card_svg(text)
    cache = BuildCache(tmp_path, "stamp")
    key = share_card.card_key(text, "template")
    cache.get(share_card.NAMESPACE, key, decode=str, make=lambda: "bm90IGEgcG5n", encode=str)
    cache.save()
    cache.close()
    reopened = BuildCache(tmp_path, "stamp")
    assert share_card.card_png(key, lambda: svg, reopened) == share_card.rasterize(svg)
    reopened.close()


def test_cards_are_the_same_bytes_with_and_without_the_cache(project: SiteProject):
    project.copy_example_content()
    project.write_config(site_url=BASE)
    cold = project.build()
    paths = sorted((cold.site / "assets/explainer/cards").iterdir())
    first = {path.name: path.read_bytes() for path in paths}
    articles = sorted(path.name for path in (REPO / "content" / "articles").iterdir())
    assert ARTICLE in articles
    assert sorted(first) == sorted(f"{article}-{lang}.png" for article in articles for lang in ("en", "fr"))
    project.write_config(site_url=BASE, cache="false")
    uncached = project.build()
    assert {path.name: path.read_bytes()
            for path in (uncached.site / "assets/explainer/cards").iterdir()} == first
    # Published in the offline bundle too.
    bundle = project.root / "site.zip"
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "bundle", "--out", str(bundle)],
                          cwd=project.root, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(bundle) as archive:
        names = [name.split("/", 1)[1] for name in archive.namelist()]
    assert CARD.format(article=ARTICLE, lang="fr") in names


def test_without_a_site_address_the_card_is_linked_relatively(project: SiteProject):
    project.article("solo", "fr", "Un texte.", title="Seul")
    html = project.build().html("fr/explications/solo/")
    assert meta(html, "og:image") == ["../../../assets/explainer/cards/solo-fr.png"]
    assert json_ld(html)["image"] == "../../../assets/explainer/cards/solo-fr.png"
    assert (project.root / "site/assets/explainer/cards/solo-fr.png").is_file()


def test_share_cards_can_be_turned_off(project: SiteProject):
    project.article("solo", "fr", "Un texte.", title="Seul")
    project.write_config(site_url=BASE, share_cards="false")
    result = project.build()
    html = result.html("fr/explications/solo/")
    assert meta(html, "og:image") == [] and meta(html, "twitter:card") == ["summary"]
    assert "image" not in json_ld(html)
    assert not (result.site / "assets/explainer/cards").exists()


@pytest.mark.parametrize("value", ["maybe", "[]"])
def test_a_wrong_share_cards_value_is_one_line(project: SiteProject, value: str):
    project.article("solo", "fr", "Un texte.", title="Seul")
    project.write_config(share_cards=value)
    result = project.build(check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "share_cards" in result.stderr


#: `mkdocs serve --dirty`: one plugin instance, a whole build, then a dirty rebuild after
#: the title of 'a' is edited.
SERVE_REBUILD = """
import os
os.environ["NO_MKDOCS_2_WARNING"] = "1"
from mkdocs.commands.build import build
from mkdocs.config import load_config

config = load_config("mkdocs.yml", site_dir="site")
config.plugins.on_startup(command="serve", dirty=True)
build(config, dirty=False)
print(os.stat("site/assets/explainer/cards/b-fr.png").st_mtime_ns)
article = "content/articles/a/fr.md"
with open(article, encoding="utf-8") as stream:
    text = stream.read()
with open(article, "w", encoding="utf-8") as stream:
    stream.write(text.replace("title: Premier", "title: Premier titre revu", 1))
plugins = config.plugins
config = load_config("mkdocs.yml", site_dir="site")
config.plugins = plugins
build(config, dirty=True)
print(os.stat("site/assets/explainer/cards/b-fr.png").st_mtime_ns)
"""


def test_a_preview_redraws_the_card_of_an_edited_explainer_only(project: SiteProject):
    project.article("a", "fr", "Texte.", title="Premier")
    project.article("b", "fr", "Autre texte.", title="Second", date="2025-04-11")
    cards = project.root / "site" / "assets" / "explainer" / "cards"
    before = project.build().site / "assets/explainer/cards/a-fr.png"
    first = before.read_bytes()
    result = subprocess.run([sys.executable, "-c", SERVE_REBUILD], cwd=project.root,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    written = result.stdout.split()[-2:]
    assert written[0] == written[1], "the unchanged card was written again"
    assert (cards / "a-fr.png").read_bytes() != first, "the edited title's card is not redrawn"
