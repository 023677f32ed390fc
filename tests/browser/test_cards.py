"""In a real browser, with the network blocked: the participant card grid renders with its flags."""

from __future__ import annotations

import struct
import zlib

ARTICLE = "coalition-ukraine-2025-04-10"


def png_colours(data: bytes) -> int:
    """How many distinct pixel values a screenshot has (a blank one has one)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, position = [], 8
    while position < len(data):
        length = struct.unpack(">I", data[position:position + 4])[0]
        kind = data[position + 4:position + 8]
        if kind == b"IDAT":
            chunks.append(data[position + 8:position + 8 + length])
        position += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = len(raw) // height
    return len({raw[row * stride + 1:(row + 1) * stride] for row in range(0, height, 7)})


def test_card_grid_renders_with_flags_offline(example_server, tab, tmp_path):
    page = tab.page
    tab.goto(example_server.url(f"fr/explications/{ARTICLE}/"))
    grid = page.locator(".ex-cards__grid")
    grid.scroll_into_view_if_needed()
    flags = page.locator(".ex-cards img.ex-avatar--flag")
    assert flags.count() >= 8
    # Every flag is a local SVG that decoded (a broken image has no natural size).
    # (They load lazily: ask for them now, as scrolling would.)
    sizes = flags.evaluate_all("""imgs => Promise.all(imgs.map(i => {
        i.loading = 'eager';
        return i.decode().then(() => [i.complete, i.naturalWidth, i.currentSrc],
                               () => [false, 0, i.currentSrc || i.src]);
    }))""")
    for complete, width, source in sizes:
        assert complete and width > 0, source
        assert source.startswith(example_server.base_url), source
    # Cards sit side by side on a desktop screen.
    columns = grid.evaluate("g => getComputedStyle(g).gridTemplateColumns.split(' ').length")
    assert columns >= 2
    shot = grid.screenshot(path=str(tmp_path / "cards.png"))
    assert png_colours(shot) > 20
    names = page.locator(".ex-cards .ex-card__name").all_inner_texts()
    assert "Royaume-Uni" in names and "États baltes" in names
    tab.assert_clean()
