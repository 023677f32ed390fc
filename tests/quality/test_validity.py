"""HTML validity: the Nu HTML Checker (vnu.jar) on every page of the example site.

One JVM run checks every built page (the JVM is slow to start, the pages are fast); each
page kind of both languages gets its own test, the other pages one test together. Any error
fails unless quality_exceptions.py accepts it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from quality_exceptions import EXCEPTIONS, TOOLS, Allowed, allowed
from quality_support import LIVING, PAGES, VNU_JAR, java, page_file, tool
from newsroom import newsroom  # noqa: F401 (the session fixture)


def _relative(url: str, site: Path) -> str:
    path = Path(unquote(urlsplit(url).path)).resolve()
    try:
        return path.relative_to(site.resolve()).as_posix()
    except ValueError:
        return url


class VnuReport:
    def __init__(self, site: Path, pages: list[str], messages: list[dict]):
        self.site = site
        self.pages = pages
        self.messages = messages
        self.used: set[Allowed] = set()
        self.findings: dict[str, list[str]] = {}   # page -> unaccepted errors
        for message in messages:
            page = _relative(message.get("url", ""), site)
            text = message.get("message", "")
            extract = message.get("extract", "")
            if message.get("type") == "error":
                entry = allowed("vnu", text, extract, page)
                if entry is not None:
                    self.used.add(entry)
                    continue
            # Errors, and "non-document-error" (the checker could not read the file).
            self.findings.setdefault(page, []).append(
                f"{page}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: "
                f"{message.get('type')}: {text}\n      {' '.join(extract.split())}")

    def errors_in(self, pages: list[str]) -> list[str]:
        return [line for page in pages for line in self.findings.get(page, [])]


def _vnu(site: Path, pages: list[str]) -> VnuReport:
    command = [java(), "-jar", str(tool(VNU_JAR)), "--format", "json", "--errors-only",
               "--stdout", *pages]
    proc = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=300)
    # Exit status 1 only says that errors were found; the JSON says which.
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar gave no JSON report (exit {proc.returncode}):\n"
                    f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}", pytrace=False)
    return VnuReport(site, pages, report.get("messages", []))


@pytest.fixture(scope="module")
def vnu(example_site) -> VnuReport:
    return _vnu(example_site.site, sorted(example_site.pages()))


@pytest.fixture(scope="module")
def vnu_living(newsroom) -> VnuReport:
    return _vnu(newsroom.site, [page_file(path) for path in LIVING])


def _fail_on(errors: list[str]) -> None:
    assert not errors, "Nu HTML Checker errors:\n  " + "\n  ".join(errors)


@pytest.mark.parametrize("url_path", PAGES, ids=lambda p: p or "root")
def test_page_is_valid_html(vnu, url_path):
    page = page_file(url_path)
    assert page in vnu.pages, f"{page} was not built"
    _fail_on(vnu.errors_in([page]))


@pytest.mark.parametrize("url_path", LIVING)
def test_living_explainer_is_valid_html(vnu_living, url_path):
    _fail_on(vnu_living.errors_in([page_file(url_path)]))


def test_every_other_page_is_valid_html(vnu):
    others = [page for page in vnu.pages if page not in {page_file(p) for p in PAGES}]
    assert len(others) > 20, f"too few pages built: {others}"
    _fail_on(vnu.errors_in(others) + vnu.errors_in(
        [page for page in vnu.findings if page not in vnu.pages]))


def test_every_vnu_exception_is_still_needed(vnu):
    stale = [entry for entry in EXCEPTIONS if entry.tool == "vnu" and entry not in vnu.used]
    assert not stale, f"exceptions that no longer match anything (remove them): {stale}"


def test_exception_list_is_short_and_justified():
    assert len(EXCEPTIONS) <= 6, "the exception list is for a few problems of Material only"
    for entry in EXCEPTIONS:
        assert entry.tool in TOOLS, entry
        assert entry.rule, entry
        assert len(entry.reason) > 40, f"give a real reason: {entry}"
