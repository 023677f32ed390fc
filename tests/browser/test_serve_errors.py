"""Under a real `mkdocs serve`, content errors are a page in the browser, and the live
reload replaces it with the site as soon as the file is fixed (issue 23)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import SiteProject

_QUALITY = str(Path(__file__).resolve().parent.parent / "quality")
if _QUALITY not in sys.path:
    sys.path.insert(0, _QUALITY)

from quality_support import AXE_JS, tool  # noqa: E402

RELOAD_MS = 90_000  # a rebuild on a machine shared with other test runs
BROKEN = """---
title: Deuxième explication
lang: fr
date: 2025-13-45
summary: Résumé.
---

Un texte sur la défense européenne.
"""
FIXED = BROKEN.replace("2025-13-45", "2025-04-11")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(params=[(), ("--dirty",)], ids=["serve", "serve-dirty"])
def serving(tmp_path: Path, request):
    """``(project, base_url, log)``: a site whose article 'b' has a bad date, under
    `mkdocs serve` (live reload on; and with --dirty: rebuilds of what an edit affects)
    on a free port."""
    project = SiteProject(tmp_path / "site")
    project.article("a", "fr", "Un premier texte.", title="Première explication")
    article = project.content / "articles" / "b" / "fr.md"
    article.parent.mkdir(parents=True)
    article.write_text(BROKEN, encoding="utf-8")
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as stream:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *request.param, "-a", f"127.0.0.1:{port}"],
            cwd=project.root, stdout=stream, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        deadline = time.monotonic() + 120
        while "Serving on" not in log.read_text(encoding="utf-8"):
            assert process.poll() is None, f"mkdocs serve stopped:\n{log.read_text(encoding='utf-8')}"
            assert time.monotonic() < deadline, f"mkdocs serve never served:\n{log.read_text()}"
            time.sleep(0.2)
        yield project, f"http://127.0.0.1:{port}/", log
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_errors_are_shown_then_the_fixed_site_replaces_them(serving, tab):
    project, base, log = serving
    page = tab.page
    article = project.content / "articles" / "b" / "fr.md"

    tab.goto(base + "fr/")
    assert page.evaluate("document.documentElement.lang") == "fr"
    expect(page.locator("h1")).to_have_text("Le site ne peut pas être construit")
    error = page.locator("li.ex-error")
    expect(error).to_have_count(1)
    expect(error.locator(".ex-position")).to_have_text("content/articles/b/fr.md:4:7")
    expect(error.locator(".ex-message")).to_contain_text("invalid date '2025-13-45'")
    expect(error.locator(".ex-source")).to_contain_text("date: 2025-13-45")
    # Accessible as the site's pages are: no serious or critical axe-core finding.
    page.add_script_tag(path=str(tool(AXE_JS)))
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ["violations"]}))
        .violations.filter(v => ["serious", "critical"].includes(v.impact)).map(v => v.id)""")
    assert found == []
    # The root and the English home say it in English.
    tab.goto(base + "en/")
    expect(page.locator("h1")).to_have_text("The site cannot be built")
    tab.goto(base + "fr/")

    article.write_text(FIXED, encoding="utf-8")
    # No navigation by the test: the live reload brings the site back by itself.
    expect(page.locator(".ex-content-errors")).to_have_count(0, timeout=RELOAD_MS)
    expect(page.get_by_role("link", name="Deuxième explication").first).to_be_visible()

    # On an article's page, a new error replaces that page (in its language), and the fix
    # brings the page back.
    tab.goto(base + "fr/explications/b/")
    expect(page.locator("h1")).to_have_text("Deuxième explication")
    article.write_text(BROKEN, encoding="utf-8")
    expect(page.locator("h1")).to_have_text("Le site ne peut pas être construit", timeout=RELOAD_MS)
    expect(page.locator("li.ex-error .ex-position")).to_have_text("content/articles/b/fr.md:4:7")
    article.write_text(FIXED, encoding="utf-8")
    expect(page.locator("h1")).to_have_text("Deuxième explication", timeout=RELOAD_MS)
    # Every page the error page stood in for is itself again (--dirty too).
    tab.goto(base + "fr/explications/a/")
    expect(page.locator("h1")).to_have_text("Première explication")
    tab.assert_clean()

    # An address with no page yet gets the error page as MkDocs' 404, without MkDocs' live
    # reload: the page asks for its address again, and shows what is there once fixed.
    article.write_text(BROKEN, encoding="utf-8")
    expect(page.locator("h1")).to_have_text("Le site ne peut pas être construit", timeout=RELOAD_MS)
    response = page.goto(base + "fr/explications/c/")
    assert response is not None and response.status == 404
    expect(page.locator("li.ex-error .ex-position")).to_have_text("content/articles/b/fr.md:4:7")
    project.article("c", "fr", "Un troisième texte.", title="Troisième explication")
    article.write_text(FIXED, encoding="utf-8")
    expect(page.locator("h1")).to_have_text("Troisième explication", timeout=RELOAD_MS)
    served = log.read_text(encoding="utf-8")
    assert "Traceback" not in served and "appear stuck" not in served, served


def test_a_build_still_fails_with_the_diagnostics(tmp_path: Path):
    project = SiteProject(tmp_path / "site")
    project.write("articles/b/fr.md", BROKEN)
    result = project.build(check=False)
    assert result.returncode != 0
    assert result.error_lines == ["content/articles/b/fr.md:4:7: error: invalid date '2025-13-45': "
                                  "month must be in 1..12"]
    assert not (result.site / "fr" / "index.html").exists()
