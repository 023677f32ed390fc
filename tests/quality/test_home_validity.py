"""HTML validity of the home pages with cards and of explainers with a share card: the Nu
HTML Checker on a site of four explainers (tests/quality/newsroom_site.py), both languages.
The example site has one explainer, so its home has no cards (tests/quality/test_validity.py)."""

from __future__ import annotations

import json
import subprocess

import pytest

from newsroom_site import NEWEST_FIRST, build_newsroom
from quality_exceptions import allowed
from quality_support import VNU_JAR, java, tool

PAGES = ("fr/index.html", "en/index.html", f"fr/explications/{NEWEST_FIRST[0]}/index.html",
         f"en/explainers/{NEWEST_FIRST[0]}/index.html")


@pytest.fixture(scope="module")
def findings(tmp_path_factory) -> dict[str, list[str]]:
    site = build_newsroom(tmp_path_factory.mktemp("newsroom")).site
    command = [java(), "-jar", str(tool(VNU_JAR)), "--format", "json", "--errors-only",
               "--stdout", *PAGES]
    proc = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(proc.stdout).get("messages", [])
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar gave no JSON report (exit {proc.returncode}):\n"
                    f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}", pytrace=False)
    found: dict[str, list[str]] = {}
    for message in messages:
        page = next((p for p in PAGES if message.get("url", "").endswith(p)), message.get("url", "?"))
        if allowed("vnu", message.get("message", ""), message.get("extract", ""), page) is None:
            found.setdefault(page, []).append(
                f"{page}:{message.get('lastLine', '?')}: {message.get('type')}: {message.get('message')}")
    return found


@pytest.mark.parametrize("page", PAGES)
def test_page_is_valid_html(findings, page):
    assert findings.get(page, []) == [], "Nu HTML Checker errors:\n  " + "\n  ".join(findings[page])


def test_every_finding_belongs_to_a_checked_page(findings):
    assert set(findings) <= set(PAGES), findings
