"""The same content builds to the same bytes: whatever the order files were created in,
the process's hash seed, or the locale, with SOURCE_DATE_EPOCH fixed.

MkDocs takes the date of pages without one of their own (the sitemap's <lastmod>, the
gzip header of sitemap.xml.gz) from SOURCE_DATE_EPOCH, the reproducible-builds
convention; the generator's own dates (article pages' lastmod, feeds) come from the
content. Every output file is compared byte for byte.
"""

from __future__ import annotations

import gzip
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import REPO, BuildResult, SiteProject, site_files

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
EPOCH = "1893456000"  # 2030-01-01T00:00:00Z, not the date of any article


def copy_content(project: SiteProject, *, reverse: bool) -> None:
    """The example content, its files (glossary and participants too) created in a given order."""
    shutil.rmtree(project.content)
    source = REPO / "content"
    files = sorted(path for path in source.rglob("*") if path.is_file())
    for path in reversed(files) if reverse else files:
        target = project.content / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())


def build(root: Path, monkeypatch: pytest.MonkeyPatch, *, reverse: bool, locale: str,
          hash_seed: str) -> BuildResult:
    project = SiteProject(root)
    copy_content(project, reverse=reverse)
    project.write_config(site_url="https://explainer.example.org/")
    with monkeypatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", EPOCH)
        env.setenv("LANG", locale)
        env.setenv("LC_ALL", locale)
        env.setenv("PYTHONHASHSEED", hash_seed)
        return project.build()


def assert_same_site(first: BuildResult, second: BuildResult) -> None:
    one, two = site_files(first.site), site_files(second.site)
    assert sorted(one) == sorted(two), {"only in first": sorted(set(one) - set(two)),
                                        "only in second": sorted(set(two) - set(one))}
    differing = [name for name in one if one[name] != two[name]]
    assert differing == [], f"{len(differing)} files differ: {differing}"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    with pytest.MonkeyPatch.context() as monkeypatch:
        return build(tmp_path_factory.mktemp("first"), monkeypatch, reverse=False, locale="C",
                     hash_seed="1")


def test_file_creation_order_and_hash_seed_change_nothing(reference, tmp_path, monkeypatch):
    second = build(tmp_path / "second", monkeypatch, reverse=True, locale="C", hash_seed="2")
    assert_same_site(reference, second)


def test_locale_changes_nothing(reference, tmp_path, monkeypatch):
    # If fr_FR.UTF-8 is not installed, the C library falls back and Python still runs in
    # UTF-8 mode; setting it is what an editor's shell would do either way.
    french = build(tmp_path / "french", monkeypatch, reverse=False, locale="fr_FR.UTF-8",
                   hash_seed="3")
    assert_same_site(reference, french)


def test_dates_come_from_content_or_source_date_epoch(reference):
    urls = ET.parse(reference.site / "sitemap.xml").getroot()
    lastmod = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in urls}
    articles = {url: day for url, day in lastmod.items() if "/coalition-ukraine-2025-04-10/" in url}
    assert sorted(articles) == ["https://explainer.example.org/en/explainers/coalition-ukraine-2025-04-10/",
                                "https://explainer.example.org/fr/explications/coalition-ukraine-2025-04-10/"]
    assert set(articles.values()) == {"2025-04-10"}  # the article's own date
    explainers = {url for url in lastmod if re.search(r"/(explications|explainers)/[^/]+/$", url)}
    assert len(explainers) == 10 and explainers >= set(articles)
    others = {day for url, day in lastmod.items() if url not in explainers}
    # Pages without a date of their own (indexes, glossary, participants): the newest
    # article's (its last update: the Paris summit's of 9 September), so the sitemap
    # does not change with the build's date.
    assert others == {"2025-09-09"}
    with gzip.open(reference.site / "sitemap.xml.gz") as stream:
        assert stream.read() == (reference.site / "sitemap.xml").read_bytes()
    feed = (reference.site / "fr" / "feed.xml").read_text(encoding="utf-8")
    assert "<updated>2025-04-10T00:00:00Z</updated>" in feed
