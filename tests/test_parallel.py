"""The plugin's work in a forked worker: the same site as in one process,
and a worker that fails or dies never loses a page."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import REPO, SiteProject
from generator import parallel
from generator.mixed_language import keep_word_tables_in
from generator.parallel import Worker
from generator import render
from generator.render import ARTICLE_TEMPLATES, TEMPLATE_PREFIX, reads_variable


def collect(job: int) -> int:
    """Phase one: what the worker keeps of a job; records it where it runs."""
    seen.append((job, os.getpid()))
    return job * 10


def finish(kept: int) -> tuple[int, int, int]:
    """Phase two: needs every collected job (like a backlink list)."""
    return kept + 1, len(seen), os.getpid()


seen: list[tuple[int, int]] = []


@pytest.fixture(autouse=True)
def fresh_records():
    seen.clear()


def summary() -> tuple[int, int]:
    return len(seen), os.getpid()


def test_the_worker_collects_then_finishes_every_job_in_another_process():
    worker = Worker(collect, finish, summary, last=lambda: ("last", os.getpid()))
    assert worker.start()
    kept = [worker.send(f"k{i}", i) for i in range(200)]
    assert kept == list(range(200))  # kept here as sent: the worker collects them
    assert seen == []
    count, where = worker.no_more_jobs()
    assert (count, where != os.getpid()) == (200, True)
    results = [worker.result(f"k{i}") for i in range(200)]
    assert [value for value, _, _ in results] == [i * 10 + 1 for i in range(200)]
    assert {(collected, pid) for _, collected, pid in results} == {(200, where)}
    assert worker.pid == where
    assert worker.last() == ("last", where)
    assert worker.pid is None  # reaped
    assert worker.stopped is None
    assert seen == []  # nothing was done here


def sent(worker: Worker, count: int) -> Worker:
    """``worker``, started, with jobs 0 … count-1 sent and no more to come."""
    assert worker.start()
    for i in range(count):
        worker.send(i, i)
    worker.no_more_jobs()
    return worker


def test_results_asked_out_of_order_or_skipped():
    worker = sent(Worker(collect, finish), 10)
    assert worker.result(7)[0] == 71
    assert worker.result(2)[0] == 21  # received while waiting for 7, kept
    assert worker.result(9)[0] == 91
    with pytest.raises(KeyError):
        worker.result(10)
    assert worker.last() is None  # reads the skipped results on its way
    assert worker.pid is None
    assert seen == []
    assert worker.result(3)[0] == 31
    assert worker.result(8)[0] == 81


def test_a_result_failing_in_the_worker_fails_here_with_its_own_error():
    def fragile(kept: int) -> int:
        if kept == 30:
            raise ValueError(f"bad job {kept}")
        return kept

    worker = sent(Worker(collect, fragile), 6)
    assert [worker.result(i) for i in range(3)] == [0, 10, 20]
    with pytest.raises(ValueError, match="bad job 30"):
        worker.result(3)
    assert [worker.result(i) for i in (4, 5)] == [40, 50]
    assert worker.last() is None


def test_a_collect_failing_in_the_worker_fails_here_with_its_own_error():
    parent = os.getpid()

    def fragile(job: int) -> int:
        if job == 4:
            raise ValueError("cannot link job 4")
        return collect(job)

    worker = Worker(fragile, finish)
    assert worker.start()
    with pytest.raises(ValueError, match="cannot link job 4"):
        for i in range(10):
            worker.send(i, i)
        worker.no_more_jobs()
    # Everything sent before was collected again here, in order.
    assert [job for job, pid in seen if pid == parent] == [0, 1, 2, 3]


@pytest.mark.parametrize("dies_in", ["collect", "finish"])
def test_a_worker_that_dies_leaves_everything_to_this_process(dies_in):
    parent = os.getpid()

    def kill_worker():
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)

    def mortal_collect(job: int) -> int:
        if dies_in == "collect" and job == 5:
            kill_worker()
        return collect(job)

    def mortal_finish(kept: int):
        if dies_in == "finish" and kept == 50:
            kill_worker()
        return finish(kept)

    worker = Worker(mortal_collect, mortal_finish, summary, last=lambda: os.getpid())
    assert worker.start()
    for i in range(10):
        worker.send(i, i)
    count, _ = worker.no_more_jobs()
    assert count == 10
    results = [worker.result(i) for i in range(10)]
    assert [value for value, _, _ in results] == [i * 10 + 1 for i in range(10)]
    if dies_in == "finish":
        assert all(pid != parent for _, _, pid in results[:5])
        # Finished here, once collected here again; what the worker had
        # collected of the others came back from no_more_jobs (summary).
        assert [(collected, pid) for _, collected, pid in results[5:]] == [(5, parent)] * 5
    else:
        assert [(collected, pid) for _, collected, pid in results] == [(10, parent)] * 10
    assert worker.pid is None
    assert worker.last() == parent
    assert worker.stopped == {"collect": "it did not finish collecting: killed by signal 9",
                              "finish": "it went away: killed by signal 9"}[dies_in]


def test_a_job_that_cannot_be_pickled_leaves_everything_to_this_process():
    parent = os.getpid()
    worker = Worker(lambda job: collect(job[0]), finish, summary)
    assert worker.start()
    assert worker.send(0, (0, "plain")) == (0, "plain")  # sent, not collected here
    assert worker.send(1, (1, lambda: None)) == 10  # cannot go: collected here, with 0 again
    assert worker.pid is None
    assert worker.stopped.startswith("a job could not be pickled for it (1)")
    assert worker.send(2, (2, "plain")) == 20
    assert worker.no_more_jobs() == (3, parent)
    assert [worker.result(i)[0] for i in range(3)] == [1, 11, 21]
    assert [job for job, pid in seen if pid == parent] == [0, 1, 2]


def test_without_fork_everything_is_done_here_as_it_comes(monkeypatch):
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    worker = Worker(collect, finish, summary, last=lambda: "last")
    assert not worker.start()
    assert [worker.send(i, i) for i in range(3)] == [0, 10, 20]  # collected at once
    assert worker.no_more_jobs() == (3, os.getpid())
    assert [worker.result(i) for i in range(3)] == [(1, 3, os.getpid()), (11, 3, os.getpid()),
                                                    (21, 3, os.getpid())]
    assert worker.last() == "last"


def test_closing_early_stops_the_worker():
    worker = sent(Worker(collect, finish), 20_000)
    pid = worker.pid
    assert worker.result(0)[0] == 1
    worker.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped: no zombie left behind


def even(kept: int) -> bool:
    """Jobs 0, 2, 4…, whose result would need only their own collecting."""
    return kept % 20 == 0


def test_independent_jobs_are_finished_while_the_worker_waits_for_jobs():
    worker = Worker(collect, finish, summary, independent=even)
    assert worker.start()
    for i in range(10):
        worker.send(i, i)
    time.sleep(1)  # nothing to collect: the worker finishes the even jobs meanwhile
    for i in range(10, 20):
        worker.send(i, i)
    count, where = worker.no_more_jobs()
    assert count == 20
    results = [worker.result(i) for i in range(20)]
    assert [value for value, _, _ in results] == [i * 10 + 1 for i in range(20)]
    assert {pid for _, _, pid in results} == {where}
    # finish() counts what the worker had collected when it ran.
    early = {i for i, (_, collected, _) in enumerate(results) if collected < 20}
    assert {0, 2, 4, 6, 8} <= early
    assert all(i % 2 == 0 for i in early)
    assert worker.last() is None
    assert seen == []


def test_results_finished_early_are_held_up_to_a_limit(monkeypatch):
    monkeypatch.setattr(parallel, "AHEAD_BYTES", 1)  # read by the forked worker
    worker = Worker(collect, finish, independent=even)
    assert worker.start()
    for i in range(10):
        worker.send(i, i)
    time.sleep(1)
    for i in range(10, 20):
        worker.send(i, i)
    worker.no_more_jobs()
    results = [worker.result(i) for i in range(20)]
    assert [i for i, (_, collected, _) in enumerate(results) if collected < 20] == [0]
    worker.last()


def test_a_job_failing_early_in_the_worker_fails_here_with_its_own_error():
    def fragile(kept: int) -> int:
        if kept == 20:
            raise ValueError("bad job 2")
        return finish(kept)

    worker = Worker(collect, fragile, independent=even)
    assert worker.start()
    for i in range(5):
        worker.send(i, i)
    time.sleep(1)
    worker.no_more_jobs()
    assert [worker.result(i)[0] for i in range(2)] == [1, 11]
    with pytest.raises(ValueError, match="bad job 2"):
        worker.result(2)
    assert [worker.result(i)[0] for i in (3, 4)] == [31, 41]
    worker.last()


def test_large_results_all_reach_this_process_before_the_worker_ends():
    """Records bigger than the pipe, from every step: none is left behind when the
    worker exits, however far ahead of this process it ran."""
    big = "x" * (3 * parallel.PIPE_SIZE)
    worker = Worker(collect, lambda kept: (kept, big, os.getpid()), lambda: (big, os.getpid()),
                    last=lambda: (big, os.getpid()), independent=even)
    assert worker.start()
    for i in range(6):
        worker.send(i, i)
    time.sleep(0.5)
    value, where = worker.no_more_jobs()
    assert value == big and where != os.getpid()
    time.sleep(0.5)  # the worker runs ahead while this process waits
    assert [worker.result(i) for i in range(6)] == [(i * 10, big, where) for i in range(6)]
    assert worker.last() == (big, where)
    assert worker.stopped is None


def late_and_bulky(kept: int) -> bool:
    return kept >= 20


def test_early_results_past_the_limit_leave_room_for_the_others(monkeypatch):
    """Jobs 2… finished early fill the limit; jobs 0 and 1, made after them, still go."""
    monkeypatch.setattr(parallel, "AHEAD_BYTES", 200)
    worker = Worker(collect, lambda kept: (kept, "y" * 150), independent=late_and_bulky)
    assert worker.start()
    for i in range(6):
        worker.send(i, i)
    time.sleep(1)
    signal.alarm(30)  # a stalled worker fails the test rather than hang it
    try:
        worker.no_more_jobs()
        assert [worker.result(i) for i in range(6)] == [(i * 10, "y" * 150) for i in range(6)]
        worker.last()
    finally:
        signal.alarm(0)
    assert worker.stopped is None


def test_records_are_read_whole_and_waiting_ones_are_seen():
    read_end, write_end = os.pipe()
    incoming = parallel._Incoming(read_end)
    assert not incoming.waiting()
    sizes = [0, 1, 7, parallel.PIPE_SIZE // 3, 2 * parallel.PIPE_SIZE + 5, 3, 100_000]
    records = [bytes([n % 251]) * size for n, size in enumerate(sizes)]

    def write_all():
        for record in records:
            parallel._write_record(write_end, record)
        os.close(write_end)

    writer = threading.Thread(target=write_all)
    writer.start()
    assert [incoming.read() for _ in records] == records
    writer.join()
    assert incoming.waiting()  # the end of the pipe: read() returns at once
    assert incoming.read() is None
    assert incoming.waiting()
    os.close(read_end)


def test_a_record_already_read_with_another_is_waiting():
    read_end, write_end = os.pipe()
    incoming = parallel._Incoming(read_end)
    parallel._write_record(write_end, b"one")
    parallel._write_record(write_end, b"two")
    assert incoming.waiting()
    assert incoming.read() == b"one"  # both came in one read
    assert incoming.waiting()
    assert incoming.read() == b"two"
    assert not incoming.waiting()
    os.close(write_end)
    os.close(read_end)


def site_files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def example_project(root: Path, **options: str) -> SiteProject:
    """The repository's example content, to build with the given plugin options."""
    project = SiteProject(root)
    project.copy_example_content()
    project.write_config(site_url="https://explainer.example.org/", **options)
    return project


def test_a_build_with_the_worker_writes_exactly_what_one_process_writes(tmp_path: Path):
    one = example_project(tmp_path / "one", parallel="false")
    two = example_project(tmp_path / "two")
    serial = one.build("--verbose")
    forked = two.build("--verbose")
    assert "goes to worker process" not in serial.stderr
    assert "goes to worker process" in forked.stderr
    serial_files, forked_files = site_files(serial.site), site_files(forked.site)
    assert sorted(serial_files) == sorted(forked_files)
    different = [name for name in serial_files if serial_files[name] != forked_files[name]]
    assert different == []
    # And the pages are whole: a French explainer with its linked body and cards.
    page = forked.html("fr/explications/coalition-ukraine-2025-04-10/")
    assert page.css("article a[href]")


@pytest.mark.parametrize("parallel", ["true", "false"])
def test_content_warnings_reach_the_log_once_and_fail_strict_builds(project: SiteProject, parallel):
    project.write_config(parallel=parallel)
    project.write("glossary/treve.yml", """
        fr: {term: trêve, short: Pause., definition: Pause.}
        en: {term: truce, short: Pause., definition: Pause.}
        """)
    project.article("a", "fr", "Les alliés montrent leur willingness.")
    unused = "content/glossary/treve.yml:1:1: warning: glossary entry 'treve' is not used by any article"
    foreign = "'willingness' looks English in a French text"
    built = project.build()
    assert [line for line in built.stderr.splitlines() if unused in line] == [
        f"WARNING -  {unused}"]
    assert sum(foreign in line for line in built.stderr.splitlines()) == 1
    assert built.html("fr/").css("main")
    strict = project.build("--strict", check=False)
    assert strict.returncode == 1
    # The two, and "article 'a' has no 'en' version".
    assert "Aborted with 3 warnings in strict mode" in strict.stdout + strict.stderr


KILL_WORKER_HOOK = """
import os, signal, time

seen = 0
build_process = os.getpid()


def on_config(config):
    # The worker takes its time over each page, so that it is surely still
    # at work when it is killed.
    plugin = config.plugins["explainer"]
    finish = plugin._finish

    def slow_finish(job):
        if os.getpid() != build_process:
            time.sleep(0.05)
        return finish(job)

    plugin._finish = slow_finish
    return config


def on_page_{event}(value, page, config, **_):
    global seen
    seen += 1
    worker = config.plugins["explainer"].worker
    if seen == 5 and worker is not None and worker.pid:
        os.kill(worker.pid, signal.SIGKILL)
    return value
"""


@pytest.mark.parametrize("event", ["content", "context"])
def test_a_build_whose_worker_is_killed_writes_the_same_site(tmp_path: Path, event):
    """Killed while linking articles (on_page_content) or while finishing pages."""
    one = example_project(tmp_path / "one", parallel="false")
    killed = example_project(tmp_path / "killed")
    (killed.root / "kill_worker.py").write_text(KILL_WORKER_HOOK.format(event=event))
    config = killed.root / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - kill_worker.py\n")
    serial, rescued = one.build(), killed.build()
    stopped = [line for line in rescued.stderr.splitlines() if "worker process stopped" in line]
    assert len(stopped) == 1 and "killed by signal 9" in stopped[0]
    if event == "context":  # while finishing pages: results stopped coming
        assert "stopped (it went away: killed by signal 9)" in stopped[0]
    serial_files, rescued_files = site_files(serial.site), site_files(rescued.site)
    assert sorted(serial_files) == sorted(rescued_files)
    assert [name for name in serial_files if serial_files[name] != rescued_files[name]] == []
    # Backlinks made after the worker stopped are whole: a term page lists the explainer.
    term = rescued.html("en/glossary/reassurance-force/")
    assert term.css("a[href*='explainers/coalition-ukraine-2025-04-10']")


def test_no_worker_is_forked_while_other_threads_run(tmp_path: Path):
    """`mkdocs serve --clean` rebuilds as a plain build beside its server's threads;
    a forked child would have only the forking thread, and any lock another one held.
    (That a plain build forks is shown above, in a process of its own.)"""
    project = example_project(tmp_path / "site")
    config = load_config(str(project.root / "mkdocs.yml"))
    plugin = config.plugins["explainer"]
    release = threading.Event()
    thread = threading.Thread(target=release.wait, daemon=True)
    thread.start()
    try:
        build(config)
    finally:
        release.set()
        keep_word_tables_in(None)  # an in-process build points the check at the project's tables
    assert plugin.config.parallel and parallel.can_fork()
    assert plugin.forking is False
    assert (project.root / "site" / "fr" / "index.html").is_file()


#: An override of the article template that shows how many explainers name France:
#: known only once every article is linked.
COUNTING_ARTICLE = """
{% set who = plan.content.participants["france"] %}
<p class="ex-count">{{ references.articles_using(member_target(who), lang) | length }}</p>
"""


SLOW_PAGES = """
import time

def on_page_markdown(markdown, **_):
    time.sleep(0.1)
"""


def test_articles_that_read_references_are_finished_once_every_article_is_linked(tmp_path: Path):
    """Explainers are finished early (as soon as linked) only when their templates
    cannot see other articles' links; an override that lists backlinks waits."""
    sites = {}
    for parallel_option in ("true", "false"):
        project = SiteProject(tmp_path / parallel_option)
        project.write_config(parallel=parallel_option)
        project.write("participants/france.yml", "kind: country\niso: FR\n")
        for number in range(12):
            names = "La France en parle." if number % 3 else "Rien à signaler."
            project.article(f"a{number:02}", "fr", f"{names}\n\n" + "Une phrase de plus. " * 200)
        overrides = project.root / "overrides"
        shutil.copytree(REPO / "overrides", overrides)
        article = overrides / "explainer" / "article.html"
        article.write_text(article.read_text(encoding="utf-8") + COUNTING_ARTICLE,
                           encoding="utf-8")
        # MkDocs takes its time over each page: the worker has idle moments.
        (project.root / "slow.py").write_text(SLOW_PAGES, encoding="utf-8")
        config = project.root / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            str(REPO / "overrides"), str(overrides)) + "hooks:\n  - slow.py\n", encoding="utf-8")
        result = project.build()
        if parallel_option == "true":
            # Again, with the word tables kept: the first build's copy desk makes
            # them while the first explainer is linked, and jobs pile up meanwhile.
            result = project.build()
        counts = [result.html(f"fr/explications/a{number:02}/").css_first(".ex-count").text()
                  for number in range(12)]
        assert counts == ["8"] * 12
        sites[parallel_option] = site_files(result.site)
    assert sites["true"] == sites["false"]


def test_what_the_article_templates_read_is_found_through_their_includes():
    def env(templates: dict[str, str]) -> jinja2.Environment:
        return jinja2.Environment(loader=jinja2.DictLoader(templates))

    # The templates as shipped: explainers can be finished as soon as they are linked.
    shipped = render._environment((str(REPO / "overrides"),))
    assert not reads_variable(shipped, [TEMPLATE_PREFIX + name for name in ARTICLE_TEMPLATES],
                              "references")
    assert reads_variable(shipped, [TEMPLATE_PREFIX + "participants.html"], "references")
    # Through includes, imports and loops of them, not through what a template sets itself.
    assert reads_variable(env({"a": "{% include 'b' %}", "b": "{% import 'c' as c %}",
                               "c": "{{ references }}"}), ["a"], "references")
    assert not reads_variable(env({"a": "{% include 'b' %}{% include 'a' %}",
                                   "b": "{% set references = 1 %}{{ references }}"}),
                              ["a"], "references")
    # A name computed as the page renders cannot be followed.
    assert reads_variable(env({"a": "{% include name %}"}), ["a"], "references")
