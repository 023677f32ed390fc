"""`make test` ends with one line that counts the tests and gives the whole duration."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO

SUMMARY = REPO / "tests" / "tools" / "summary.py"
# pytest's own closing line, which CI and people read: "=== 3 passed, 1 failed in 2.0s ===".
PYTEST_CLOSING = re.compile(r"^=+ (?P<what>.+) in (?P<seconds>[\d.]+)s(?: \(.+\))? =+$")


def run_summary(junit: Path, start: float, status: int) -> str:
    proc = subprocess.run([sys.executable, str(SUMMARY), str(junit), str(start), str(status)],
                          capture_output=True, text=True, check=True, timeout=60)
    assert proc.stdout.count("\n") == 1, proc.stdout
    return proc.stdout.strip()


def test_the_line_counts_a_real_pytest_run_and_the_whole_duration(tmp_path: Path):
    (tmp_path / "test_sample.py").write_text(
        "import pytest\n"
        "def test_ok(): pass\n"
        "def test_ok_too(): pass\n"
        "def test_bad(): assert False\n"
        "@pytest.mark.skip(reason='x')\n"
        "def test_skipped(): pass\n", encoding="utf-8")
    junit = tmp_path / "junit.xml"
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           f"--junitxml={junit}", str(tmp_path / "test_sample.py")],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    line = run_summary(junit, time.time() - 431, proc.returncode)
    assert line.startswith("==== make test: 2 passed, 1 failed, 1 skipped in 43")
    assert "(0:07:1" in line
    match = PYTEST_CLOSING.match(line)
    assert match and match["what"] == "make test: 2 passed, 1 failed, 1 skipped"


def test_a_clean_run_says_zero_failed(tmp_path: Path):
    junit = tmp_path / "junit.xml"
    junit.write_text('<testsuites><testsuite tests="5" failures="0" errors="0" skipped="0"/>'
                     "</testsuites>", encoding="utf-8")
    line = run_summary(junit, time.time() - 3, 0)
    assert re.fullmatch(r"==== make test: 5 passed, 0 failed in [345]s \(0:00:0[345]\) ====", line)


def test_errors_count_as_failed_and_a_missing_report_is_said(tmp_path: Path):
    junit = tmp_path / "junit.xml"
    junit.write_text('<testsuite tests="4" failures="1" errors="2" skipped="0"/>', encoding="utf-8")
    assert "1 passed, 3 failed in" in run_summary(junit, time.time(), 1)
    line = run_summary(tmp_path / "missing.xml", time.time(), 4)
    assert "make test: pytest exited with 4 before reporting any test in 0s" in line


def test_the_makefile_test_target_ends_with_the_summary():
    recipe = subprocess.run(["make", "-n", "--no-print-directory", "test"], cwd=REPO,
                            capture_output=True, text=True, timeout=60).stdout
    assert "--junitxml=" in recipe
    assert "tests/tools/summary.py" in recipe
    assert "exit $status" in recipe
