"""What a build prints: content diagnostics start with their path (after MkDocs' level,
for warnings), the explainer's own notes with ``explainer: `` as MkDocs' plugin logger
prefixes them (generator/logs.py)."""

from __future__ import annotations

import logging
import re

from mkdocs.plugins import get_plugin_logger

from conftest import SiteProject
from generator import logs

#: MkDocs' level column, as its formatter writes it when stderr is not a terminal.
LEVEL = r"(?P<level>[A-Z]+) +-  "
PATH_FIRST = r"content/[^:\s]+:\d+:\d+: (?:error|warning): \S"


class Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_the_core_notes_are_what_get_plugin_logger_writes():
    logger = logging.getLogger(logs.PLUGIN_LOGGER)
    kept, level = Kept(), logger.level
    logger.addHandler(kept)
    logger.setLevel(logging.DEBUG)
    try:
        get_plugin_logger("explainer").info("ignoring the build cache (%s)", "locked")
        logs.notes.info("ignoring the build cache (%s)", "locked")
    finally:
        logger.removeHandler(kept)
        logger.setLevel(level)
    plugin, core = [(r.name, r.levelno, r.getMessage()) for r in kept.records]
    assert plugin == core == (logs.PLUGIN_LOGGER, logging.INFO,
                              "explainer: ignoring the build cache (locked)")


def test_a_build_prints_diagnostics_path_first_and_notes_prefixed(project: SiteProject):
    project.copy_example_content()
    entry = sorted((project.content / "glossary").glob("*.yml"))[0]
    entry.write_text(entry.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    # A file where the build cache's folder should be: the cache is ignored, with a note.
    (project.root / ".cache" / "plugin").mkdir(parents=True)
    (project.root / ".cache" / "plugin" / "explainer").write_text("not a folder", encoding="utf-8")

    result = project.build(check=False)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    errors = [line for line in lines if ": error: " in line]
    warnings = [line for line in lines if ": warning: " in line]
    notes = [line for line in lines if "the build cache" in line]
    # Errors bare on stderr: the line is the diagnostic, nothing before the path.
    assert len(errors) == 1 and re.fullmatch(
        rf"content/glossary/{re.escape(entry.name)}:\d+:1: error: unknown field 'colour'",
        errors[0]), errors
    # Warnings go through MkDocs' logger (so --strict counts them): its level, then the path.
    assert any("'willingness' looks English" in line for line in warnings), warnings
    for line in warnings:
        assert re.fullmatch(LEVEL + PATH_FIRST + ".*", line), line
        assert "explainer:" not in line
    assert len(notes) == 1 and re.fullmatch(
        LEVEL + r"explainer: ignoring the build cache \S+ \(.+\)", notes[0]), notes
    assert notes[0].startswith("INFO ")


def test_strict_builds_count_the_content_warnings(project: SiteProject):
    # The content logger is MkDocs' own child: its warnings stop a --strict build.
    project.article("a", "fr", "Les pays ont manifesté leur willingness de soutenir l’Ukraine.")
    assert project.build().returncode == 0
    result = project.build("--strict", check=False)
    assert result.returncode == 1
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert any("'willingness' looks English" in line for line in warnings), result.stderr
    assert all(re.fullmatch(LEVEL + PATH_FIRST + ".*", line) for line in warnings), warnings
    assert f"Aborted with {len(warnings)} warnings in strict mode" in result.stderr + result.stdout
