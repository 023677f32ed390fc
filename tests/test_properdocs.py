"""ProperDocs, the maintained continuation of MkDocs 1.x, builds the same site as MkDocs.

The repository's example (mkdocs.yml, content/, overrides/) is copied twice into a temporary
folder and built once with `properdocs build -f mkdocs.yml` and once with `mkdocs build`, each
in its own copy (the plugin's cache folder is not shared). Every output file must be the same,
byte for byte, except the `<meta name="generator">` tag, which names the tool that built
the page. ProperDocs reads `properdocs.yml` first and falls back to `mkdocs.yml` with an
info note; `-f mkdocs.yml` keeps one configuration file for both tools without the note.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, site_files

GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')
EXAMPLE = ("mkdocs.yml", "content", "overrides", "assets")  # assets/: the publisher's logo


def copy_example(root: Path) -> Path:
    root.mkdir(parents=True)
    for name in EXAMPLE:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    return root


def build(tool: str, root: Path) -> subprocess.CompletedProcess:
    executable = Path(sys.executable).with_name(tool)
    assert executable.is_file(), f"{tool} is not installed beside {sys.executable}"
    args = [str(executable), "build"] + (["-f", "mkdocs.yml"] if tool == "properdocs" else [])
    # Same build date for both, so that the sitemap's dates cannot differ across midnight.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1744243200"}
    proc = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"{tool} build failed:\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def normalised(data: bytes) -> bytes:
    return GENERATOR_META.sub(b'<meta name="generator" content="*">', data)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("properdocs")
    proper = copy_example(base / "properdocs")
    plain = copy_example(base / "mkdocs")
    proper_proc = build("properdocs", proper)
    plain_proc = build("mkdocs", plain)
    return (site_files(proper / "site"), proper_proc), (site_files(plain / "site"), plain_proc)


def test_properdocs_builds_every_file_mkdocs_builds(two_builds):
    (proper, _), (plain, _) = two_builds
    assert sum(name.endswith(".html") for name in plain) > 50
    assert sorted(proper) == sorted(plain)


def test_every_file_is_identical_but_the_generator_tag(two_builds):
    (proper, _), (plain, _) = two_builds
    different = [name for name in plain if normalised(proper[name]) != normalised(plain[name])]
    assert different == []


def test_the_pages_name_the_tool_that_built_them(two_builds):
    (proper, _), (plain, _) = two_builds
    page = "fr/explications/coalition-ukraine-2025-04-10/index.html"
    assert GENERATOR_META.search(proper[page]).group().startswith(
        b'<meta name="generator" content="mkdocs-ProperDocs 1.6.')
    assert GENERATOR_META.search(plain[page]).group().startswith(
        b'<meta name="generator" content="mkdocs-1.6.')
    # Only that tag differs: the raw bytes do differ, so the normalisation above is needed.
    assert proper[page] != plain[page]


def test_both_report_the_same_content_warnings(two_builds):
    (_, proper_proc), (_, plain_proc) = two_builds

    def warnings(stderr: str) -> list[str]:
        return [line for line in stderr.splitlines() if ": warning: " in line]

    assert warnings(proper_proc.stderr) == warnings(plain_proc.stderr)
    assert any("'willingness'" in line for line in warnings(plain_proc.stderr))
