"""Accessibility: axe-core in Chromium on one page of every kind, in both languages.

axe-core (tests/tools, pinned in package-lock.json) is injected into each page of the
example site once it has loaded (Material's and our scripts have run), and ``axe.run()``
checks the whole document with its default rules (WCAG 2.0-2.2 A/AA and best practices).
Any violation of impact serious or critical fails, unless tests/quality/quality_exceptions.py
accepts it; lesser ones are printed. Shown tooltips are checked too (WCAG 4.1.2).

This file lives with the browser tests for their fixtures (one Playwright per process); the
page list and the exception list are shared with tests/quality (validity and links).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

_QUALITY = str(Path(__file__).resolve().parent.parent / "quality")
if _QUALITY not in sys.path:
    sys.path.insert(0, _QUALITY)

from quality_exceptions import allowed  # noqa: E402
from quality_support import ARTICLES, AXE_JS, LIVING, PAGES, page_file, tool  # noqa: E402
from newsroom import newsroom  # noqa: E402,F401 (the session fixture)

FAILING = {"serious", "critical"}

RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, help: v.help, impact: v.impact,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), impact: n.impact || v.impact,
                              html: n.html, summary: n.failureSummary || ""})),
  }));
}"""


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(tool(AXE_JS)))
    return page.evaluate(RUN_AXE)


def failures(violations: list[dict], page_path: str) -> list[str]:
    """Serious and critical findings not in the exception list, one line each; prints the rest."""
    failing, minor = [], []
    for violation in violations:
        for node in violation["nodes"]:
            line = (f"{node['impact']} {violation['id']} ({violation['help']}) at {node['target']}: "
                    f"{' / '.join(node['summary'].split(chr(10))[1:3]).strip()} "
                    f"[{' '.join(node['html'].split())[:160]}]")
            if node["impact"] not in FAILING:
                minor.append(line)
            elif allowed("axe", violation["id"], node["target"], page_path) is None:
                failing.append(line)
    if minor:
        print(f"\n{page_path}: lesser axe findings (not failing):\n  " + "\n  ".join(minor))
    return failing


def assert_accessible(tab, page_path: str) -> None:
    found = failures(axe_violations(tab.page), page_path)
    assert not found, f"axe-core on {page_path}:\n  " + "\n  ".join(found)
    tab.assert_clean()


@pytest.mark.parametrize("url_path", PAGES, ids=lambda p: p or "root")
def test_page_has_no_serious_accessibility_violation(example_server, tab, url_path):
    tab.goto(example_server.url(url_path))
    assert_accessible(tab, page_file(url_path))


@pytest.mark.parametrize("url_path", LIVING)
def test_living_explainer_has_no_serious_accessibility_violation(newsroom, serve_site, tab, url_path):
    """A correction notice, the update history (opened) and the byline, on the newsroom
    test site (tests/newsroom.py): the example site's explainers have none yet."""
    tab.goto(serve_site(newsroom.site).url(url_path))
    history = tab.page.locator("details.ex-updates summary")
    if "garanties" in url_path:  # the explainer with updates
        history.click()
        expect(tab.page.locator(".ex-updates__list")).to_be_visible()
    else:
        expect(history).to_have_count(0)
    assert_accessible(tab, page_file(url_path))


@pytest.mark.parametrize("kind", ["term", "participant"])
@pytest.mark.parametrize("url_path", ARTICLES, ids=lambda p: p.split("/")[0])
def test_shown_tooltip_has_no_serious_accessibility_violation(example_server, tab, url_path, kind):
    """WCAG 4.1.2 with a tip on screen: the focused link, its tip and the page around them."""
    tab.goto(example_server.url(url_path))
    page = tab.page
    link = page.locator(f"a.ex-ref--{kind}[aria-describedby]").first
    tip = page.locator(f'[id="{link.get_attribute("aria-describedby")}"]')
    link.focus()
    expect(tip).to_be_visible()
    assert tip.get_attribute("role") == "tooltip"
    assert_accessible(tab, page_file(url_path))
    expect(tip).to_be_visible()   # still the state that axe saw


def test_axe_reports_what_it_should(example_server, tab):
    """The check itself: on a page made broken on purpose, axe finds and reports it."""
    tab.goto(example_server.url(PAGES[1]))
    tab.page.evaluate("""() => {
      const img = document.createElement('img');
      img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
      document.querySelector('article').append(img);
      document.documentElement.removeAttribute('lang');
    }""")
    found = failures(axe_violations(tab.page), "broken on purpose")
    assert any(" image-alt " in f" {line}" for line in found), found
    assert any(" html-has-lang " in f" {line}" for line in found), found
