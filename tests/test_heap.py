"""The garbage collector during a build: paused while the content is read,
the content frozen (out of collections) while pages are built, and the
collector left as it was found when the build ends, whether it succeeds or fails."""

from __future__ import annotations

import gc
import json
import textwrap
from pathlib import Path

import pytest
from mkdocs.__main__ import cli
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import SiteProject
from generator.heap import collections_paused, unfreeze
from generator.mixed_language import keep_word_tables_in

# Records what the collector looks like while MkDocs renders the pages, and can
# make the build fail there.
HOOKS = '''
import gc, json, os
from pathlib import Path

def on_env(env, config, files):
    Path(os.environ["HEAP_RECORD"]).write_text(json.dumps(
        {"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}))
    if os.environ.get("HEAP_FAIL"):
        raise RuntimeError("a hook fails mid-build")
    return env
'''


@pytest.fixture
def collector_restored():
    """Whatever a test does, the next one finds the collector as usual, and the
    mixed-language check deciding with wordfreq's lists (an in-process build points
    it at the project's word tables)."""
    yield
    gc.enable()
    gc.unfreeze()
    keep_word_tables_in(None)


def test_collections_wait_inside_the_block_and_resume_after(collector_restored):
    assert gc.isenabled()
    with collections_paused():
        assert not gc.isenabled()
        with collections_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "an inner block does not resume collections early"
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled(collector_restored):
    gc.disable()
    with collections_paused():
        pass
    assert not gc.isenabled()


def test_freeze_keeps_what_the_block_made_out_of_collections(collector_restored):
    gc.unfreeze()
    with collections_paused(freeze=True):
        kept = [[n] for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)
    # Frozen objects are out of every generation a collection visits.
    assert not any(item is kept[0] for item in gc.get_objects())
    unfreeze()
    assert gc.get_freeze_count() == 0


def test_an_error_in_the_block_resumes_collections_and_freezes_nothing(collector_restored):
    gc.unfreeze()
    with pytest.raises(ValueError):
        with collections_paused(freeze=True):
            raise ValueError("bad content")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def _project(tmp_path: Path, parallel: str) -> SiteProject:
    project = SiteProject(tmp_path / "project")
    project.copy_example_content()
    project.write_config(parallel=parallel)
    (project.root / "hooks.py").write_text(textwrap.dedent(HOOKS), encoding="utf-8")
    with open(project.root / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("hooks:\n  - hooks.py\n")
    return project


@pytest.mark.parametrize("parallel", ["true", "false"])
def test_a_build_freezes_its_content_while_it_runs_and_thaws_it_after(
        tmp_path: Path, monkeypatch, collector_restored, parallel):
    record = tmp_path / "heap.json"
    monkeypatch.setenv("HEAP_RECORD", str(record))
    project = _project(tmp_path, parallel)
    gc.unfreeze()
    build(load_config(str(project.root / "mkdocs.yml")))
    during = json.loads(record.read_text())
    assert during["enabled"]
    # The example content alone is tens of thousands of objects.
    assert during["frozen"] > 10_000
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert (project.root / "site" / "fr" / "index.html").is_file()


@pytest.mark.parametrize("parallel", ["true", "false"])
def test_a_failing_build_thaws_its_content_too(tmp_path: Path, monkeypatch, collector_restored,
                                              parallel):
    monkeypatch.setenv("HEAP_RECORD", str(tmp_path / "heap.json"))
    monkeypatch.setenv("HEAP_FAIL", "1")
    project = _project(tmp_path, parallel)
    gc.unfreeze()
    with pytest.raises(RuntimeError, match="a hook fails mid-build"):
        build(load_config(str(project.root / "mkdocs.yml")))
    assert json.loads((tmp_path / "heap.json").read_text())["frozen"] > 10_000
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_the_mkdocs_command_freezes_everything_right_before_it_exits(
        tmp_path: Path, monkeypatch, collector_restored):
    """Python's last collection, at exit, then has nothing to visit."""
    monkeypatch.setenv("HEAP_RECORD", str(tmp_path / "heap.json"))
    project = _project(tmp_path, "false")
    gc.unfreeze()
    cli.main(["build", "-q", "-f", str(project.root / "mkdocs.yml")], standalone_mode=False)
    assert gc.get_freeze_count() > 10_000
