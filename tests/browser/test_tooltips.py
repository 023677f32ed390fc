"""In a real browser: glossary-term tooltips and participant cards (overrides/assets/explainer/).

Contract: an inline ``a.ex-ref[aria-describedby]`` points to a ``.ex-tip[role=tooltip]``
(hidden), shown by explainer.js on hover and focus; it is hoverable, dismissible with
Escape, and persistent (WCAG 2.2 SC 1.4.13), one at a time, and the page stays offline.
"""

from __future__ import annotations

import glob
import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

ARTICLE = "coalition-ukraine-2025-04-10"
FR_PAGE = f"fr/explications/{ARTICLE}/"
EN_PAGE = f"en/explainers/{ARTICLE}/"
FIRST_FR_TERM = "force-de-reassurance"
HIDE_DELAY_MS = 150   # explainer.js grace delay between a link and its tip
MAX_TIP_WIDTH = 440   # 22rem at Material's 20px root font size


def folded(text: str) -> str:
    return " ".join(text.split())


def short_definition(site_root: Path, entry: str, lang: str) -> str:
    data = yaml.safe_load((site_root / "content" / "glossary" / f"{entry}.yml").read_text("utf-8"))
    return folded(data[lang]["short"])


def tip_for(page, link):
    tip_id = link.get_attribute("aria-describedby")
    assert tip_id, "term link without aria-describedby"
    return page.locator(f'[id="{tip_id}"]'), tip_id


def first_term_link(page):
    """The link of « force de réassurance », the explainer's central term."""
    return page.locator(f'a.ex-ref--term[href$="glossaire/{FIRST_FR_TERM}/"]').first


def is_focused(link) -> bool:
    return link.evaluate("el => el === document.activeElement")


def tab_to(page, link, limit: int = 200) -> None:
    """Press Tab from the top of the page until ``link`` has the keyboard focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if is_focused(link):
            return
    pytest.fail(f"{link} never received the focus after {limit} Tab presses")


@pytest.fixture
def fr_article(example_server, tab):
    tab.goto(example_server.url(FR_PAGE))
    return tab


def test_reassurance_force_is_linked_once_with_its_tip(fr_article):
    link = fr_article.page.locator(f'a.ex-ref--term[href$="glossaire/{FIRST_FR_TERM}/"]')
    assert link.count() == 1
    assert link.get_attribute("href").endswith(f"glossaire/{FIRST_FR_TERM}/")
    assert link.get_attribute("aria-describedby") == f"ex-tip-term-{FIRST_FR_TERM}"
    fr_article.assert_clean()


def test_term_description_is_the_short_definition(fr_article, example_site):
    page = fr_article.page
    link = first_term_link(page)
    tip, tip_id = tip_for(page, link)
    assert tip.count() == 1, f"no single element with id {tip_id}"
    assert tip.get_attribute("role") == "tooltip"
    assert "ex-tip" in tip.get_attribute("class").split()
    entry = tip_id.removeprefix("ex-tip-term-")
    short = short_definition(example_site.root, entry, "fr")
    assert short
    # Before any interaction (as without JavaScript) and while shown.
    expect(tip).to_be_hidden()
    expect(link).to_have_accessible_description(short)
    link.focus()
    expect(tip).to_be_visible()
    expect(link).to_have_accessible_description(short)
    fr_article.assert_clean()


def test_hover_shows_the_tip_which_is_hoverable_and_hides_on_leave(fr_article, example_site):
    page = fr_article.page
    link = first_term_link(page)
    tip, tip_id = tip_for(page, link)
    short = short_definition(example_site.root, tip_id.removeprefix("ex-tip-term-"), "fr")

    expect(tip).to_be_hidden()
    # Mid-viewport, so there is room below; point at the link's last line box (a link
    # can wrap), which the tip sits under.
    link.evaluate("el => el.scrollIntoView({block: 'center'})")
    spot = link.evaluate("""el => { const r = [...el.getClientRects()].pop();
                                    return {x: r.left + r.width / 2, y: r.bottom - 3}; }""")
    page.mouse.move(spot["x"], spot["y"])
    expect(tip).to_be_visible()
    assert folded(tip.locator(".ex-tip__text").inner_text()) == short != ""

    # Placed just below the link, inside the viewport, at most ~22rem wide.
    link_box, tip_box = link.bounding_box(), tip.bounding_box()
    viewport = page.viewport_size
    assert link_box["y"] + link_box["height"] <= tip_box["y"] <= link_box["y"] + link_box["height"] + 20
    assert 0 <= tip_box["x"] and tip_box["x"] + tip_box["width"] <= viewport["width"]
    assert tip_box["width"] <= MAX_TIP_WIDTH + 1

    # Hoverable: the pointer goes down from the link, across the gap, onto the tip,
    # and rests there longer than the grace delay; the tip stays.
    x = min(max(spot["x"], tip_box["x"] + 5), tip_box["x"] + tip_box["width"] - 5)
    page.mouse.move(x, tip_box["y"] + 10, steps=6)
    page.wait_for_timeout(HIDE_DELAY_MS * 3)
    expect(tip).to_be_visible()

    # Leaving both the link and the tip hides it.
    page.mouse.move(viewport["width"] - 5, viewport["height"] - 5, steps=4)
    expect(tip).to_be_hidden()
    fr_article.assert_clean()


def test_keyboard_focus_shows_the_tip_and_escape_dismisses_it(fr_article):
    page = fr_article.page
    link = first_term_link(page)
    tip, _ = tip_for(page, link)

    tab_to(page, link)
    expect(tip).to_be_visible()
    ring = link.evaluate("el => { const s = getComputedStyle(el);"
                         " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert ring[0] not in ("none", "hidden") and ring[1] >= 1, f"no visible focus ring: {ring}"

    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    assert is_focused(link), "Escape must not move the focus"

    # Dismissed, not disabled: focusing again shows it again.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert is_focused(link)
    expect(tip).to_be_visible()

    # Leaving with the keyboard hides it.
    page.keyboard.press("Tab")
    expect(tip).to_be_hidden()
    fr_article.assert_clean()


def test_only_one_tip_is_visible_at_a_time(fr_article):
    page = fr_article.page
    links = page.locator("a.ex-ref[aria-describedby]")
    first = links.first
    first_tip, first_id = tip_for(page, first)
    other = page.locator(f'a.ex-ref[aria-describedby]:not([aria-describedby="{first_id}"])').first
    other_tip, _ = tip_for(page, other)

    first.hover()
    expect(first_tip).to_be_visible()
    other.hover()
    expect(other_tip).to_be_visible()
    expect(first_tip).to_be_hidden()
    assert page.locator(".ex-tip:visible").count() == 1
    fr_article.assert_clean()


def test_tip_flips_above_a_link_at_the_bottom_of_the_viewport(fr_article):
    page = fr_article.page
    link = page.locator("a.ex-ref--term").last
    tip, _ = tip_for(page, link)
    link.evaluate("el => window.scrollBy(0, el.getBoundingClientRect().bottom - (innerHeight - 12))")
    link_box = link.bounding_box()
    assert link_box["y"] + link_box["height"] > page.viewport_size["height"] - 40, link_box
    link.hover()
    expect(tip).to_be_visible()
    tip_box = tip.bounding_box()
    assert tip_box["y"] + tip_box["height"] <= link_box["y"] + 1
    assert tip_box["y"] >= 0
    fr_article.assert_clean()


@pytest.mark.parametrize("page_path", [FR_PAGE, EN_PAGE])
def test_every_reference_has_a_working_tip_on_a_narrow_screen(example_server, tab, page_path):
    page = tab.page
    page.set_viewport_size({"width": 360, "height": 640})
    tab.goto(example_server.url(page_path))
    links = page.locator("article a.ex-ref")
    assert links.count() > 0, "no term or participant link on the page"
    seen = set()
    for index in range(links.count()):
        link = links.nth(index)
        tip, tip_id = tip_for(page, link)
        assert tip.count() == 1, f"{tip_id} is missing or not unique"
        assert tip.get_attribute("role") == "tooltip", tip_id
        link.focus()
        expect(tip).to_be_visible()
        assert folded(tip.inner_text()), f"{tip_id} is empty"
        box = tip.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (tip_id, box)
        assert page.locator(".ex-tip:visible").count() == 1
        seen.add(tip_id)
    page.keyboard.press("Escape")
    expect(page.locator(".ex-tip:visible")).to_have_count(0)
    assert seen
    tab.assert_clean()


# -- contrast (WCAG AA) in Material's light and dark schemes ----------------------------

CONTRAST_JS = """
(els) => {
  const parse = (c) => {
    const n = c.match(/[\\d.]+/g).map(Number);
    return {r: n[0], g: n[1], b: n[2], a: n.length > 3 ? n[3] : 1};
  };
  const over = (fg, bg) => ({r: fg.r * fg.a + bg.r * (1 - fg.a),
                             g: fg.g * fg.a + bg.g * (1 - fg.a),
                             b: fg.b * fg.a + bg.b * (1 - fg.a), a: 1});
  const lum = (c) => {
    const ch = [c.r, c.g, c.b].map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const page = parse(getComputedStyle(document.body).backgroundColor);
  const pageBg = over(page, {r: 255, g: 255, b: 255, a: 1});
  const [tip, link] = els;
  const tipBg = over(parse(getComputedStyle(tip).backgroundColor), pageBg);
  const out = {};
  for (const el of tip.querySelectorAll("*")) {
    if (!el.childNodes.length || ![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
      continue;
    let bg = tipBg;  // composite the backgrounds from the tip down to the element
    const chain = [];
    for (let node = el; node && node !== tip; node = node.parentElement) chain.unshift(node);
    for (const node of chain) bg = over(parse(getComputedStyle(node).backgroundColor), bg);
    out[el.className || el.tagName] = ratio(over(parse(getComputedStyle(el).color), bg), bg);
  }
  out["focus ring"] = ratio(over(parse(getComputedStyle(link).outlineColor), pageBg), pageBg);
  return out;
}
"""


@pytest.mark.parametrize("kind", ["term", "participant"])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_tip_text_and_focus_ring_have_enough_contrast(fr_article, example_site, example_server,
                                                       scheme, kind):
    page = fr_article.page
    palettes = glob.glob(str(example_site.site / "assets/stylesheets/palette.*.min.css"))
    assert palettes, "Material's palette stylesheet is missing from the build"
    page.add_style_tag(url=example_server.url(
        Path(palettes[0]).relative_to(example_site.site).as_posix()))
    page.evaluate("""scheme => {
        document.body.setAttribute('data-md-color-scheme', scheme);
        document.body.setAttribute('data-md-color-primary', 'indigo');
        document.body.setAttribute('data-md-color-accent', 'indigo'); }""", scheme)
    link = page.locator(f"a.ex-ref--{kind}").first
    tip, _ = tip_for(page, link)
    tab_to(page, link)
    expect(tip).to_be_visible()
    ratios = page.evaluate(CONTRAST_JS, [tip.element_handle(), link.element_handle()])
    assert any(re.search("ex-tip__(text|title)", name) for name in ratios), ratios
    too_low = {name: round(value, 2) for name, value in ratios.items()
               if value < (3 if name == "focus ring" else 4.5)}
    assert not too_low, f"{scheme}, {kind}: contrast below WCAG AA: {too_low} (all: {ratios})"
    fr_article.assert_clean()
