"""Phase two ahead in a forked worker: same results as one process, and a
worker that fails or dies never loses a result."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from conftest import SiteProject
from generator import parallel
from generator.parallel import Ahead


def square(job: int) -> tuple[int, int]:
    return job * job, os.getpid()


def test_worker_computes_every_result_in_another_process():
    ahead = Ahead(square, [(f"k{i}", i) for i in range(200)])
    assert ahead.start()
    results = [ahead.result(f"k{i}") for i in range(200)]
    assert [value for value, _ in results] == [i * i for i in range(200)]
    assert {pid for _, pid in results} == {ahead_pid(results)}
    assert ahead_pid(results) != os.getpid()
    assert ahead.pid is None  # reaped once the last result came in


def ahead_pid(results):
    return results[0][1]


def test_results_asked_out_of_order_or_skipped():
    ahead = Ahead(square, [(i, i) for i in range(10)])
    assert ahead.start()
    assert ahead.result(7)[0] == 49
    assert ahead.result(2)[0] == 4  # received while waiting for 7, kept
    assert ahead.result(9)[0] == 81
    with pytest.raises(KeyError):
        ahead.result(10)
    ahead.close()
    assert ahead.result(3)[0] == 9  # after close: computed here
    assert ahead.result(3)[1] == os.getpid()


def test_a_job_failing_in_the_worker_fails_here_with_its_own_error():
    def compute(job: int) -> int:
        if job == 3:
            raise ValueError(f"bad job {job}")
        return job

    ahead = Ahead(compute, [(i, i) for i in range(6)])
    assert ahead.start()
    assert [ahead.result(i) for i in range(3)] == [0, 1, 2]
    with pytest.raises(ValueError, match="bad job 3"):
        ahead.result(3)
    assert [ahead.result(i) for i in (4, 5)] == [4, 5]


def test_a_worker_that_dies_leaves_the_rest_to_this_process():
    def compute(job: int) -> tuple[int, int]:
        if job == 5 and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return job, os.getpid()

    parent = os.getpid()
    ahead = Ahead(compute, [(i, i) for i in range(10)])
    assert ahead.start()
    results = [ahead.result(i) for i in range(10)]
    assert [value for value, _ in results] == list(range(10))
    assert all(pid != parent for _, pid in results[:5])
    assert all(pid == parent for _, pid in results[5:])
    assert ahead.pid is None


def test_without_fork_everything_is_computed_here(monkeypatch):
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    ahead = Ahead(square, [(i, i) for i in range(3)])
    assert not ahead.start()
    assert [ahead.result(i) for i in range(3)] == [(0, os.getpid()), (1, os.getpid()), (4, os.getpid())]


def test_closing_early_stops_the_worker():
    ahead = Ahead(square, [(i, i) for i in range(100_000)])
    assert ahead.start()
    pid = ahead.pid
    assert ahead.result(0)[0] == 0
    ahead.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped: no zombie left behind


def site_files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_a_build_with_the_worker_writes_exactly_what_one_process_writes(tmp_path: Path):
    one = SiteProject(tmp_path / "one")
    one.copy_example_content()
    one.write_config(site_url="https://explainer.example.org/", parallel="false")
    two = SiteProject(tmp_path / "two")
    two.copy_example_content()
    two.write_config(site_url="https://explainer.example.org/")
    serial = one.build("--verbose")
    forked = two.build("--verbose")
    assert "ahead in worker process" not in serial.stderr
    assert "ahead in worker process" in forked.stderr
    serial_files, forked_files = site_files(serial.site), site_files(forked.site)
    assert sorted(serial_files) == sorted(forked_files)
    different = [name for name in serial_files if serial_files[name] != forked_files[name]]
    assert different == []
    # And the pages are whole: a French explainer with its linked body and cards.
    page = forked.html("fr/explications/coalition-ukraine-2025-04-10/")
    assert page.css("article a[href]")
