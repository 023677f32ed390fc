"""The build cache: a warm build writes exactly what a cold one does, takes unchanged
work from the cache, and a damaged, foreign or tampered cache changes nothing and
runs nothing."""

from __future__ import annotations

import json
import os
import shutil
import pickle
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SiteProject, build_example, site_files
from generator.cache import FILE_NAME, BuildCache
from generator.settings import DEFAULT_CACHE_FOLDER


def cache_file(project: SiteProject) -> Path:
    return project.root / DEFAULT_CACHE_FOLDER / FILE_NAME


def namespaces(project: SiteProject) -> dict[str, int]:
    with sqlite3.connect(cache_file(project)) as db:
        return dict(db.execute("SELECT namespace, count(*) FROM entries GROUP BY namespace"))


#: Python that writes the name of every template rendered to templates.txt.
RECORD_TEMPLATES = """
import jinja2

render = jinja2.Template.render

def recorded(self, *args, **kwargs):
    with open("templates.txt", "a", encoding="utf-8") as names:
        names.write(f"{self.name}\\n")
    return render(self, *args, **kwargs)

jinja2.Template.render = recorded
"""

#: Loaded as a hook: a build that converts any article fails.
NO_CONVERSION = """
import generator.convert

def refuse(*args, **kwargs):
    raise RuntimeError("made again although the build cache has it")

generator.convert.Converter.__call__ = refuse
"""

#: Loaded as a hook: a warm build that converted or finished any page again fails, and
#: the name of every template rendered is written to templates.txt.
NOTHING_AGAIN = NO_CONVERSION + """
import generator.render

generator.render.Renderer.content = refuse
""" + RECORD_TEMPLATES


def add_hook(project: SiteProject, name: str, code: str) -> None:
    (project.root / name).write_text(code, encoding="utf-8")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"hooks:\n  - {name}\n",
                      encoding="utf-8")


@pytest.fixture(scope="module")
def cold(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The example site built without a cache."""
    result = build_example(tmp_path_factory.mktemp("cold"), cache="false")
    assert not (result.root / ".cache").exists()
    return site_files(result.site)


def test_a_warm_build_takes_every_page_from_the_cache_and_writes_the_same_bytes(
        project: SiteProject, cold: dict[str, bytes]):
    project.copy_example_content()
    first = project.build()
    assert site_files(first.site) == cold
    kept = namespaces(project)
    # Every version of the example's five explainers; every page as rendered, and no
    # finished page (a warm build takes the rendered ones).
    assert kept["articles"] == 10 and kept["documents"] >= 28 and kept["rendered"] >= 50
    assert "pages" not in kept
    # With a hook (another plugin), pages are finished, kept, and rendered again.
    add_hook(project, "nothing_again.py", "")
    assert site_files(project.build().site) == cold
    assert namespaces(project)["pages"] == kept["rendered"] and "rendered" not in namespaces(project)
    (project.root / "nothing_again.py").write_text(NOTHING_AGAIN, encoding="utf-8")
    warm = project.build()
    assert site_files(warm.site) == cold
    # With the hook, another plugin: the pages were rendered with the site's templates
    # again (see generator/rendered.py), as the page files (site_files) show.
    rendered = (project.root / "templates.txt").read_text(encoding="utf-8").split()
    assert rendered.count("main.html") >= 50


#: `mkdocs build` with the name of every template rendered written to templates.txt.
RECORDING_BUILD = RECORD_TEMPLATES + """
import sys
from mkdocs.__main__ import cli

sys.argv = ["mkdocs", "build", "-q"]
cli()
"""


def test_a_warm_build_writes_every_page_as_it_was_rendered(project: SiteProject,
                                                          cold: dict[str, bytes]):
    project.copy_example_content()
    project.build()
    recorded = project.root / "templates.txt"
    warm = subprocess.run([sys.executable, "-c", RECORDING_BUILD], cwd=project.root,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert warm.returncode == 0, warm.stderr
    assert site_files(project.root / "site") == cold
    names = recorded.read_text(encoding="utf-8").split()
    # No page went through Material's templates: each was written as kept.
    assert "main.html" not in names
    assert names.count("explainer/rendered.html") >= 50


def test_a_project_moved_to_another_folder_keeps_its_cache(project: SiteProject,
                                                            cold: dict[str, bytes],
                                                            tmp_path: Path):
    """The cache's keys are made of what the content says, not of where its files are:
    moved to another folder (or with its cache restored in another checkout), a project
    converts no article again and writes every page as it was rendered."""
    project.copy_example_content()
    project.build()
    moved = tmp_path / "elsewhere" / "project"
    shutil.copytree(project.root, moved)
    shutil.rmtree(project.root)
    warm = subprocess.run([sys.executable, "-c", NO_CONVERSION + RECORDING_BUILD], cwd=moved,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert warm.returncode == 0, warm.stderr
    assert site_files(moved / "site") == cold
    names = (moved / "templates.txt").read_text(encoding="utf-8").split()
    assert "main.html" not in names
    assert names.count("explainer/rendered.html") >= 50


def test_an_edited_article_is_converted_again_and_its_old_entries_leave(project: SiteProject):
    project.copy_example_content()
    project.build()
    before = namespaces(project)
    article = project.content / "articles" / "coalition-ukraine-2025-04-10" / "en.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nA new closing line.\n",
                       encoding="utf-8")
    result = project.build()
    page = result.html("en/explainers/coalition-ukraine-2025-04-10/")
    assert "A new closing line." in page.css_first(".ex-body").text()
    # Pruned: one entry per article version and per file, as before the edit.
    assert namespaces(project)["articles"] == before["articles"]
    assert namespaces(project)["documents"] == before["documents"]


PAYLOAD_MARK = "pickle-payload-ran"


class Payload:
    """What a crafted pickle would run when loaded."""

    def __reduce__(self):
        return (Path(PAYLOAD_MARK).touch, ())


def tamper(project: SiteProject, how: str) -> None:
    file = cache_file(project)
    if how == "pickle instead of the database":
        file.write_bytes(pickle.dumps(Payload()))
        for extra in file.parent.glob(FILE_NAME + "-*"):
            extra.unlink()
    elif how == "truncated":
        data = file.read_bytes()
        file.write_bytes(data[: len(data) // 3])
    elif how == "another stamp":
        with sqlite3.connect(file) as db:
            db.execute("UPDATE stamp SET value = 'other code'")
            db.execute("UPDATE entries SET value = '[\"<p>from other code</p>\", null]' "
                       "WHERE namespace = 'pages'")
    elif how == "malformed json":
        with sqlite3.connect(file) as db:
            db.execute("UPDATE entries SET value = substr(value, 1, length(value) / 2)")
    elif how == "well-formed values of the wrong shape":
        with sqlite3.connect(file) as db:
            db.execute("UPDATE entries SET value = '{\"a\": [1, 2]}'")
    elif how == "articles whose mentions do not read":
        with sqlite3.connect(file) as db:
            for key, value in db.execute(
                    "SELECT key, value FROM entries WHERE namespace = 'articles'").fetchall():
                html, toc, _, words = json.loads(value)
                db.execute("UPDATE entries SET value = ? WHERE namespace = 'articles' AND key = ?",
                           (json.dumps([html, toc, '[[1, 2, "x"]]', words]), key))
            db.execute("DELETE FROM entries WHERE namespace = 'pages'")
    elif how == "a pickle in every value":
        with sqlite3.connect(file) as db:
            db.execute("UPDATE entries SET value = ?", (pickle.dumps(Payload()),))
    else:
        raise AssertionError(how)


@pytest.mark.parametrize("how", ["pickle instead of the database", "truncated", "another stamp",
                                 "malformed json", "well-formed values of the wrong shape",
                                 "articles whose mentions do not read",
                                 "a pickle in every value"])
def test_a_damaged_or_tampered_cache_changes_nothing_and_runs_nothing(
        project: SiteProject, cold: dict[str, bytes], how: str):
    project.copy_example_content()
    project.build()
    tamper(project, how)
    result = project.build()
    assert site_files(result.site) == cold
    assert not (project.root / PAYLOAD_MARK).exists()
    assert "Traceback" not in result.stderr
    # And the next build has a sound cache again.
    assert namespaces(project)["rendered"] >= 50


def test_cache_false_keeps_nothing_and_an_unusable_cache_folder_fails_nothing(
        project: SiteProject, cold: dict[str, bytes]):
    project.copy_example_content()
    (project.root / "blocker").write_text("a file where the cache folder would be")
    project.write_config(cache_dir="blocker/cache")
    result = project.build()
    assert site_files(result.site) == cold
    assert "ignoring the build cache" in result.stderr


def test_entries_a_build_did_not_use_leave_the_cache(tmp_path: Path):
    first = BuildCache(tmp_path, "stamp")
    assert first.get("n", "a", str, lambda: "A", str) == "A"
    assert first.get("n", "b", str, lambda: "B", str) == "B"
    first.save()
    first.close()
    second = BuildCache(tmp_path, "stamp")
    assert second.get("n", "a", str, lambda: "made again", str) == "A"
    second.save(prune=False)  # a preview's partial rebuild keeps the rest
    second.close()
    third = BuildCache(tmp_path, "stamp")
    assert third.get("n", "b", str, lambda: "made again", str) == "B"
    third.save()  # a whole build: 'a' goes
    third.close()
    fourth = BuildCache(tmp_path, "stamp")
    assert fourth.get("n", "a", str, lambda: "made again", str) == "made again"
    assert fourth.get("n", "b", str, lambda: "made again", str) == "B"
    fourth.close()
    assert BuildCache(tmp_path, "other").get("n", "b", str, lambda: "new", str) == "new"


#: Another plugin's thread, busy with babel's locale cache for the whole build (the
#: forked worker of earlier versions inherited such a lock held and waited forever).
BUSY_THREAD = """
import threading, time
import babel.localedata

stop = threading.Event()

def busy():
    while not stop.is_set():
        with babel.localedata._cache_lock:
            time.sleep(0.001)

def on_files(files, config):
    threading.Thread(target=busy, daemon=True).start()
    return files

def on_post_build(config):
    stop.set()
"""


def test_a_build_with_another_plugins_thread_running_finishes(project: SiteProject,
                                                             cold: dict[str, bytes]):
    project.copy_example_content()
    project.write_config(cache="false")
    add_hook(project, "busy_thread.py", BUSY_THREAD)
    result = project.build()  # the fixture's build has a timeout
    assert site_files(result.site) == cold


def test_problems_found_in_cached_documents_are_reported_at_the_same_places(
        project: SiteProject):
    project.copy_example_content()
    entry = sorted((project.content / "glossary").glob("*.yml"))[0]
    entry.write_text(entry.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    article = project.content / "articles" / "coalition-ukraine-2025-04-10" / "en.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "title:", "titel: x\ntitle:", 1), encoding="utf-8")

    def problems(result) -> list[str]:
        return sorted(line.split("-  ", 1)[-1] for line in result.stderr.splitlines()
                      if ": error: " in line or ": warning: " in line)

    first = project.build(check=False)
    assert first.returncode == 1
    expected = problems(first)
    assert any("colour" in line and ":" in line.split(": ")[0] for line in expected), expected
    assert any("titel" in line for line in expected), expected
    assert namespaces(project)["documents"] >= 28  # kept, though the build failed
    second = project.build(check=False)
    assert problems(second) == expected


@pytest.mark.parametrize("old, new", [("", "copyright: Rendered again\n"),
                                      ("", "repo_url: https://example.org/newsroom/site\n"),
                                      ("  font: false\n", "  font: false\n  features: [navigation.top]\n"),
                                      ("", "extra_css: [assets/newsroom.css]\n"),
                                      ("", "site_url: https://news.example.net/explained/\n")])
def test_a_change_templates_read_renders_every_page_again(project: SiteProject, old: str,
                                                          new: str):
    """MkDocs' configuration as the templates read it is part of a rendered page's key:
    after a change there, the warm build writes what a build without a cache does."""
    project.copy_example_content()
    project.build()
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1) if old else text + new, encoding="utf-8")
    warm = site_files(project.build().site)
    shutil.rmtree(project.root / DEFAULT_CACHE_FOLDER)
    assert warm == site_files(project.build().site)


def test_a_new_site_address_finishes_the_pages_again_and_converts_nothing_again(
        project: SiteProject):
    """The site's address is not in the cache's stamp (`mkdocs serve` sets its own): after
    a change, what does not show it (converted and linked articles) is taken from the
    cache, and finished pages, which show it, are made again. With a hook, so that pages
    are finished from the cache, not rendered from it."""
    project.copy_example_content()
    add_hook(project, "no_conversion.py", "")
    project.build()
    (project.root / "no_conversion.py").write_text(NO_CONVERSION, encoding="utf-8")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "site_url: https://news.example.net/explained/\n", encoding="utf-8")
    warm = site_files(project.build().site)
    assert sum(b"https://news.example.net/explained/" in data for data in warm.values()) >= 10
    (project.root / "no_conversion.py").write_text("", encoding="utf-8")
    shutil.rmtree(project.root / DEFAULT_CACHE_FOLDER)
    assert warm == site_files(project.build().site)
