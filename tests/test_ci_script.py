""".ci/run tests a fresh clone in an empty temporary folder, and fails when make test fails.

`make` is replaced by a stand-in on PATH that reports where it ran and what sat beside that
clone, then exits with the status it is given: the clone, the folder and the exit status are
.ci/run's own work, and no test suite runs twice.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

FAKE_MAKE = """#!/bin/sh
echo "ran: make $*"
echo "cwd: $(pwd)"
echo "beside: $(ls -A .. | tr '\\n' ' ')"
echo "seed: $(test -f tests/fixtures/coalition-ukraine-2025-04-10.fr.txt && echo yes || echo no)"
exit "${FAKE_MAKE_EXIT:-0}"
"""


def run_ci(tmp_path: Path, exit_status: int) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    make = bin_dir / "make"
    make.write_text(FAKE_MAKE, encoding="utf-8")
    make.chmod(make.stat().st_mode | stat.S_IXUSR)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "FAKE_MAKE_EXIT": str(exit_status)}
    proc = subprocess.run(["bash", str(REPO / ".ci" / "run")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    report = dict(line.split(": ", 1) for line in proc.stdout.splitlines() if ": " in line)
    return proc, report


def test_make_test_runs_in_a_fresh_clone_with_nothing_beside_it(tmp_path: Path):
    proc, report = run_ci(tmp_path, 0)
    assert proc.returncode == 0, proc.stderr
    assert report["ran"] == "make test"
    clone = Path(report["cwd"])
    assert clone.name == "explainer" and clone.resolve() != REPO.resolve()
    assert REPO.resolve() not in clone.resolve().parents
    assert report["beside"].split() == ["explainer"]
    assert report["seed"] == "yes"
    assert not clone.parent.exists(), "the temporary folder was left behind"


@pytest.mark.parametrize("status", [1, 2])
def test_a_failing_make_test_fails_the_script(tmp_path: Path, status: int):
    proc, report = run_ci(tmp_path, status)
    assert proc.returncode == status
    assert not Path(report["cwd"]).parent.exists()
