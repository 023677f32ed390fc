"""Users see Material's end-of-life notice; only the test suite's own builds hide it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SiteProject

NOTICE = "Material for MkDocs reaches end of life"


def without_the_switch() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in {"NO_MKDOCS_2_WARNING", "MAKEFLAGS"}}


def test_the_makefile_does_not_hide_the_notice_from_site_and_serve():
    # Ask make for the variable as its recipes would see it, without running any target.
    proc = subprocess.run(
        ["make", "-s", "--no-print-directory",
         "--eval", 'explainer-show-env: ; @echo "[$${NO_MKDOCS_2_WARNING-}]"', "explainer-show-env"],
        cwd=REPO, env=without_the_switch(), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_a_user_build_prints_the_notice(tmp_path: Path):
    site = SiteProject(tmp_path / "project")
    site.article("essai", "fr", "Un texte court.")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    proc = subprocess.run([str(mkdocs), "build"], cwd=site.root, env=without_the_switch(),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert NOTICE in proc.stderr
    assert "May 5, 2027" in proc.stderr


def test_the_test_suite_hides_it_for_its_own_builds(project: SiteProject):
    project.article("essai", "fr", "Un texte court.")
    assert os.environ.get("NO_MKDOCS_2_WARNING")
    assert NOTICE not in project.build().stderr
