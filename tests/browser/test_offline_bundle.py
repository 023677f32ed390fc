"""The offline bundle and the single-file explainer, opened from file:// with the network blocked."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

ARTICLE = "coalition-ukraine-2025-04-10"


def bundle(out: Path, *args: str, epoch: str | None = None, cwd: Path = REPO,
           check: bool = True) -> subprocess.CompletedProcess:
    out.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "bundle", *args, "--out", str(out)],
                          cwd=cwd, capture_output=True, text=True, timeout=300, env=env)
    assert "Traceback" not in proc.stderr, proc.stderr
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("bundle")
    archive = tmp / "site.zip"
    bundle(archive)
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp)  # everything is in one folder, named as the zip
    return tmp / "site"


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("single") / f"{ARTICLE}.fr.html"
    bundle(out, "--article", ARTICLE, "--lang", "fr", "--single-file")
    return out


def test_bundle_search_language_switch_and_tooltips_offline(unzipped: Path, tab):
    page = tab.page
    tab.goto((unzipped / "fr" / "explications" / ARTICLE / "index.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == "fr"

    # A term's tooltip.
    link = page.locator('a.ex-ref--term[href*="force-de-reassurance"]').first
    link.hover()
    tip = page.locator("#" + link.get_attribute("aria-describedby"))
    tip.wait_for(state="visible")

    # Search, in French only, from file://.
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("réassurance")
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(state="attached")
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all("/fr/" in href for href in hrefs), hrefs
    page.keyboard.press("Escape")

    # Language switch to the English page, still from file://.
    with page.expect_navigation():
        page.locator('.ex-translations a[hreflang="en"]').click()
    assert page.url.endswith(f"/en/explainers/{ARTICLE}/index.html")
    assert page.evaluate("document.documentElement.lang") == "en"
    # Participant hover card on the English page.
    person = page.locator("a.ex-ref--participant").first
    person.hover()
    page.locator("#" + person.get_attribute("aria-describedby")).wait_for(state="visible")
    tab.assert_clean()


def test_single_file_works_alone_offline(single: Path, tab, tmp_path: Path):
    # Alone in an empty folder: nothing else to load.
    alone = tmp_path / single.name
    alone.write_bytes(single.read_bytes())
    page = tab.page
    tab.goto(alone.as_uri())
    link = page.locator('a.ex-ref--term[href*="force-de-reassurance"]').first
    link.focus()
    page.locator("#" + link.get_attribute("aria-describedby")).wait_for(state="visible")
    assert page.locator(".ex-key-terms .ex-chip").count() >= 5
    flags = page.locator(".ex-cards img.ex-avatar--flag")
    assert flags.count() >= 8
    assert all(src.startswith("data:image/svg+xml") for src in
               flags.evaluate_all("imgs => imgs.map(i => i.getAttribute('src'))"))
    widths = flags.evaluate_all("imgs => Promise.all(imgs.map(i => i.decode().then(() => i.naturalWidth)))")
    assert all(width > 0 for width in widths)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.reload()
    assert [url for url in requested if url != alone.as_uri()] == []
    tab.assert_clean()


def test_bundles_are_reproducible(tmp_path: Path):
    def digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    first, second = tmp_path / "a" / "site.zip", tmp_path / "b" / "site.zip"
    bundle(first)
    bundle(second)
    assert digest(first) == digest(second)
    with zipfile.ZipFile(first) as zipped:
        names = zipped.namelist()
        assert names == sorted(names)
        # The newest explainer's date: the last update of the example's Paris summit.
        assert {info.date_time for info in zipped.infolist()} == {(2025, 9, 9, 0, 0, 0)}
    one, two = tmp_path / "a" / "one.html", tmp_path / "b" / "two.html"
    bundle(one, "--article", ARTICLE, "--lang", "en", "--single-file")
    bundle(two, "--article", ARTICLE, "--lang", "en", "--single-file")
    assert digest(one) == digest(two)


def test_source_date_epoch_is_honoured(tmp_path: Path):
    archive = tmp_path / "site.zip"
    bundle(archive, epoch="1700000000")
    with zipfile.ZipFile(archive) as zipped:
        assert {info.date_time for info in zipped.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_failed_bundle_keeps_the_previous_one(project, tmp_path: Path):
    project.article("a", "fr", "Texte.")
    good = tmp_path / "out" / "site.zip"
    bundle(good, cwd=project.root)
    before = good.read_bytes()
    project.article("b", "fr", "Texte.").write_text("---\ntitle: [\n---\n")
    proc = bundle(good, cwd=project.root, check=False)
    assert proc.returncode != 0
    assert "content/articles/b/fr.md:" in proc.stderr
    assert good.read_bytes() == before
    assert [p.name for p in good.parent.iterdir()] == ["site.zip"]
