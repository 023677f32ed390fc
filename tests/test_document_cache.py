"""The document cache: files unchanged since the last build are not parsed again,
and the site and the reports are the same with or without it."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SiteProject
from generator import document_cache, load
from generator.diagnostics import Diagnostics
from generator.document_cache import DEFAULT_FOLDER, FILE_NAME
from generator.validate import read_site, validate_site

LANGUAGES = ("fr", "en")


def pages_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix in {".html", ".json"}}


def example_with_problems(project: SiteProject) -> None:
    """The example content, plus a warning in one file and an error across two."""
    project.copy_example_content()
    glossary = sorted((project.content / "glossary").glob("*.yml"))[0]
    glossary.write_text(glossary.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")


def check(project: SiteProject, cache: Path | None) -> list[str]:
    diagnostics = Diagnostics(root=project.root)
    load.release_read_cache()  # as a new process would: only the disk cache remains
    _, diagnostics = validate_site(project.content, LANGUAGES, diagnostics, cache_dir=cache)
    return [str(item) for item in diagnostics]


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("a file was parsed although its bytes did not change")
    monkeypatch.setattr(load, "_parse_yaml", refuse)


def test_a_second_build_reads_unchanged_files_from_the_cache_and_writes_the_same_site(
        project: SiteProject):
    project.copy_example_content()
    first = project.build()
    cache_file = project.root / DEFAULT_FOLDER / FILE_NAME
    assert cache_file.is_file()
    before = pages_of(first.site)
    written = cache_file.stat().st_mtime_ns
    second = project.build()
    assert pages_of(second.site) == before
    # Nothing changed: the cache is not written again.
    assert cache_file.stat().st_mtime_ns == written


def test_reports_from_cached_documents_are_the_same_and_nothing_is_parsed_again(
        project: SiteProject, monkeypatch: pytest.MonkeyPatch):
    example_with_problems(project)
    cache = project.root / DEFAULT_FOLDER
    without = check(project, None)
    assert any(": warning: " in line or ": error: " in line for line in without), without
    assert not cache.exists()
    assert check(project, cache) == without  # cold: parses and fills the cache
    no_parsing(monkeypatch)
    assert check(project, cache) == without  # warm: every position from the cache


def test_an_edited_file_is_read_again_and_its_new_problem_reported_where_it_is(
        project: SiteProject):
    project.copy_example_content()
    cache = project.root / DEFAULT_FOLDER
    assert not [line for line in check(project, cache) if ": error: " in line]
    article = sorted((project.content / "articles").glob("*/fr.md"))[0]
    text = article.read_text(encoding="utf-8")
    # Same size, same modification time as far as a cache keyed on them could see.
    status = article.stat()
    edited = text.replace("\ndate: ", "\ndatE: ", 1)
    assert len(edited) == len(text)
    article.write_text(edited, encoding="utf-8")
    os.utime(article, ns=(status.st_atime_ns, status.st_mtime_ns))
    line = edited[: edited.index("datE: ")].count("\n") + 1
    errors = [item for item in check(project, cache) if ": error: " in item]
    relative = article.relative_to(project.root).as_posix()
    assert any(item.startswith(f"{relative}:{line}:1: error: ") and "datE" in item
               for item in errors), errors


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_cache_is_ignored_and_written_again(project: SiteProject, damage: bytes):
    project.copy_example_content()
    reference = project.build()
    expected = pages_of(reference.site)
    cache_file = project.root / DEFAULT_FOLDER / FILE_NAME
    cache_file.write_bytes(damage)
    rebuilt = project.build()
    assert pages_of(rebuilt.site) == expected
    stamp, entries = pickle.loads(cache_file.read_bytes())
    assert len(entries) >= 3 and stamp


def test_a_cache_written_by_other_code_is_not_used(project: SiteProject,
                                                   monkeypatch: pytest.MonkeyPatch):
    example_with_problems(project)
    cache = project.root / DEFAULT_FOLDER
    expected = check(project, cache)
    cache_file = cache / FILE_NAME
    stamp, entries = pickle.loads(cache_file.read_bytes())
    # The same keys and digests, but documents as an older reader might have made them.
    for key, (digest, (document, reported)) in entries.items():
        if document is not None:
            document.data = {}
    cache_file.write_bytes(pickle.dumps((("older code",), entries)))
    assert check(project, cache) == expected


def test_cache_false_writes_no_cache(project: SiteProject):
    project.copy_example_content()
    project.write_config(cache="false")
    project.build()
    assert not (project.root / ".cache").exists()


def test_an_unwritable_cache_folder_does_not_fail_the_build(project: SiteProject):
    project.copy_example_content()
    project.write_config(allow_words="[willingness]")  # the example's one warning
    # A file where the cache folder should be: it cannot be created.
    (project.root / ".cache").write_text("not a folder", encoding="utf-8")
    result = project.build("--strict")
    assert result.returncode == 0
    assert (result.site / "index.html").is_file()


def test_deleted_files_leave_the_cache(project: SiteProject):
    project.copy_example_content()
    cache = project.root / DEFAULT_FOLDER
    check(project, cache)
    _, entries = pickle.loads((cache / FILE_NAME).read_bytes())
    glossary = sorted((project.content / "glossary").glob("*.yml"))
    glossary[-1].unlink()
    check(project, cache)
    _, after = pickle.loads((cache / FILE_NAME).read_bytes())
    assert len(after) == len(entries) - 1
    assert not any(key[1].endswith("/" + glossary[-1].name) for key in after)


def test_a_cache_dir_inside_the_content_folder_is_refused(project: SiteProject):
    project.copy_example_content()
    project.write_config(cache_dir="content/.cache")
    before = sorted(p.relative_to(project.content) for p in project.content.rglob("*"))
    result = project.build(check=False)
    assert result.returncode != 0
    assert "cache_dir 'content/.cache' is inside the content folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(project.content) for p in project.content.rglob("*")) == before


def test_a_preview_rebuild_leaves_the_document_cache_alone(project: SiteProject,
                                                          monkeypatch: pytest.MonkeyPatch):
    """A preview keeps the files it read in memory; writing the whole cache again at
    every save would only slow it down (generator/plugin.py passes
    documents_from_cache=False after a preview's first build)."""
    project.copy_example_content()
    cache = project.root / DEFAULT_FOLDER
    check(project, cache)
    written = (cache / FILE_NAME).stat().st_mtime_ns
    article = sorted((project.content / "articles").glob("*/fr.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nUne phrase de plus.\n",
                       encoding="utf-8")

    def refuse(*args, **kwargs):
        raise AssertionError("the document cache was opened")
    monkeypatch.setattr(document_cache.DocumentCache, "__init__", refuse)
    site, diagnostics, _ = read_site(project.content, LANGUAGES, Diagnostics(root=project.root),
                                     (), cache, documents_from_cache=False)
    assert not diagnostics.errors and site.articles
    assert (cache / FILE_NAME).stat().st_mtime_ns == written


def test_explainer_check_and_the_build_share_the_cache(project: SiteProject):
    example_with_problems(project)

    def explainer_check() -> list[str]:
        proc = subprocess.run([sys.executable, "-m", "generator.cli", "check"], cwd=project.root,
                              capture_output=True, text=True, timeout=120)
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc.stdout.splitlines()

    cache_file = project.root / DEFAULT_FOLDER / FILE_NAME
    first = explainer_check()
    assert cache_file.is_file() and any(": error: " in line for line in first)
    written = cache_file.stat().st_mtime_ns
    assert explainer_check() == first  # from the cache, same reports
    project.build(check=False)
    assert cache_file.stat().st_mtime_ns == written  # every file was found there
    project.write_config(cache="false")
    assert explainer_check() == first
