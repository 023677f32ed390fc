"""A preview's rebuild keeps what it checked of unchanged files: what it reports after
an edit must be what checking the edited site from scratch reports."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from conftest import SiteProject, site_files
from generator.settings import Settings
from generator.validate import check_site, open_cache, release_caches

#: A sentence in English in a French text: the copy desk reports its words.
ENGLISH = "\n\nThe government confirmed the deadline would be extended again next week.\n"


def _check(project: SiteProject, memo: dict | None) -> tuple[object, list[str]]:
    """What a build reports: with ``memo``, as a preview server's rebuild does (its
    memo and this process's kept reads); without, from scratch and with no cache."""
    if memo is None:
        release_caches()
    settings = Settings(root=project.root, content_dir=project.content, languages=("fr", "en"),
                        cache_dir=project.root / ".cache" if memo is not None else None)
    cache = open_cache(settings, (), memo)
    try:
        _, plan, diagnostics = check_site(settings, cache)
        cache.save(prune=False)
    finally:
        cache.close()
    return plan, [str(item) for item in diagnostics.items]


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def served(tmp_path: Path):
    """The example site, checked once as a preview server's first build."""
    project = SiteProject(tmp_path / "site")
    project.copy_example_content()
    memo: dict = {}
    _check(project, memo)
    yield project, memo
    release_caches()


def test_a_rebuild_after_an_edit_reports_what_a_whole_check_does(served):
    project, memo = served
    article = project.content / "articles" / "istanbul-talks-2025-05-17" / "fr.md"
    _append(article, ENGLISH)
    plan, rebuilt = _check(project, memo)
    assert plan is not None
    assert any("istanbul-talks-2025-05-17/fr.md" in line and "English" in line for line in rebuilt)
    assert rebuilt == _check(project, None)[1]
    # And again, the edit undone: the warning goes.
    article.write_text(article.read_text(encoding="utf-8").replace(ENGLISH, ""), encoding="utf-8")
    _, rebuilt = _check(project, memo)
    assert not any("istanbul-talks-2025-05-17/fr.md" in line and "English" in line
                   for line in rebuilt)
    assert rebuilt == _check(project, None)[1]


def test_an_edit_that_introduces_an_error_is_reported_and_its_fix_too(served):
    project, memo = served
    article = project.content / "articles" / "istanbul-talks-2025-05-17" / "fr.md"
    original = article.read_text(encoding="utf-8")
    article.write_text(original.replace("lang: fr", "lang: fr\ncolour: blue", 1),
                       encoding="utf-8")
    plan, rebuilt = _check(project, memo)
    assert plan is None, rebuilt
    assert any("unknown field 'colour'" in line for line in rebuilt), rebuilt
    assert rebuilt == _check(project, None)[1]
    article.write_text(original + "\n", encoding="utf-8")
    plan, rebuilt = _check(project, memo)
    assert plan is not None and not any(": error:" in line for line in rebuilt)
    assert rebuilt == _check(project, None)[1]


def test_an_error_in_an_unchanged_file_is_still_reported_once_after_another_edit(served):
    """A value YAML cannot build is reported where it is read, not again as invalid
    frontmatter; kept from one rebuild to the next, it stays so."""
    project, memo = served
    broken = project.content / "articles" / "istanbul-talks-2025-05-17" / "fr.md"
    text = broken.read_text(encoding="utf-8")
    date = next(line for line in text.splitlines() if line.startswith("date: "))
    broken.write_text(text.replace(date, "date: 2025-02-30", 1), encoding="utf-8")
    _, first = _check(project, memo)
    assert len([line for line in first if "2025-02-30" in line]) == 1, first
    _append(project.content / "articles" / "paris-summit-2025-09-05" / "fr.md", ENGLISH)
    _, rebuilt = _check(project, memo)
    assert len([line for line in rebuilt if "2025-02-30" in line]) == 1, rebuilt
    assert rebuilt == _check(project, None)[1]


def test_kept_findings_follow_the_site_they_were_made_for(served):
    """An unchanged article's findings depend on the rest of the site: a glossary
    entry whose English alias is the word the copy desk flagged makes it expected."""
    project, memo = served
    _, before = _check(project, memo)
    assert any("'willingness' looks English" in line for line in before)
    entry = project.content / "glossary" / "cessez-le-feu.yml"
    text = entry.read_text(encoding="utf-8")
    assert "    - cessez le feu\n" in text
    entry.write_text(text.replace("    - cessez le feu\n", "    - cessez le feu\n    - willingness\n", 1),
                     encoding="utf-8")
    _, rebuilt = _check(project, memo)
    assert rebuilt == _check(project, None)[1]
    assert not any("'willingness' looks English" in line for line in rebuilt)


#: As `mkdocs serve --dirty` does, in one process: a whole build, then each edit of
#: argv (file, text appended) followed by a dirty rebuild into site/, each rebuild's
#: content lines (warnings and errors) after a "--- rebuild" line on stdout.
SERVE_EDITS = """
import logging, os, sys
os.environ["NO_MKDOCS_2_WARNING"] = "1"
from mkdocs.commands.build import build
from mkdocs.config import load_config

lines = []
class Keep(logging.Handler):
    def emit(self, record):
        lines.append(record.getMessage())
logging.getLogger("mkdocs.plugins.explainer.content").addHandler(Keep())
config = load_config("mkdocs.yml", site_dir="site")
config.plugins.on_startup(command="serve", dirty=True)
build(config, dirty=False)
for path, text in zip(sys.argv[1::2], sys.argv[2::2]):
    with open(path, "a", encoding="utf-8") as stream:
        stream.write(text)
    plugins, lines[:] = config.plugins, []
    config = load_config("mkdocs.yml", site_dir="site")
    config.plugins = plugins
    build(config, dirty=True)
    print("--- rebuild")
    print("\\n".join(lines))
"""


def test_a_served_rebuild_after_an_edit_equals_a_whole_build_of_the_edited_site(tmp_path: Path):
    import subprocess
    import sys

    project = SiteProject(tmp_path / "served")
    project.copy_example_content()
    article = "content/articles/istanbul-talks-2025-05-17/fr.md"
    result = subprocess.run([sys.executable, "-c", SERVE_EDITS, article, ENGLISH],
                            cwd=project.root, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    served = result.stdout.split("--- rebuild\n")[-1].splitlines()
    assert any("istanbul-talks-2025-05-17/fr.md" in line and "English" in line for line in served)

    whole = SiteProject(tmp_path / "whole")
    whole.copy_example_content()
    (whole.root / article).write_text((project.root / article).read_text(encoding="utf-8"),
                                      encoding="utf-8")
    built = whole.build()
    assert sorted(served) == sorted(line.split("WARNING -  ", 1)[-1]
                                    for line in built.stderr.splitlines() if ": warning: " in line)
    # The whole site, every page the rebuild left as it was too (the gzip header of
    # the sitemap holds the time it was written: compared unzipped).
    served_files, whole_files = site_files(project.root / "site"), site_files(whole.root / "site")
    for files in (served_files, whole_files):
        files["sitemap.xml.gz"] = gzip.decompress(files["sitemap.xml.gz"])
    assert served_files.keys() == whole_files.keys()
    assert [path for path in served_files if served_files[path] != whole_files[path]] == []
