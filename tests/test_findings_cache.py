"""The copy desk's findings kept between builds: read back for unchanged texts, made
again for edited ones or when anything the whole site shares changes, and the
warnings the same with or without them."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from conftest import SiteProject
from generator import findings_cache
from generator.diagnostics import Diagnostics
from generator.document_cache import DEFAULT_FOLDER
from generator.findings_cache import FILE_NAME, Findings, site_stamp
from generator.mixed_language import ForeignWord
from generator.validate import validate_site

LANGUAGES = ("fr", "en")
STAMP = site_stamp([], LANGUAGES, ())


def refuse() -> object:
    raise AssertionError("computed again although it was kept")


def test_findings_are_computed_once_and_read_back_by_the_next_build(tmp_path: Path):
    first = Findings(tmp_path, STAMP)
    assert first.get("mentions", "Un texte.", lambda: frozenset({"a"}), "fr") == frozenset({"a"})
    assert first.get("mentions", "Un texte.", refuse, "fr") == frozenset({"a"})
    # The same text in another context, or another check, is another finding.
    assert first.get("mentions", "Un texte.", lambda: frozenset(), "en") == frozenset()
    assert first.get("foreign", "Un texte.", lambda: (), "fr", ("en",)) == ()
    first.save()
    second = Findings(tmp_path, STAMP)
    assert second.get("mentions", "Un texte.", refuse, "fr") == frozenset({"a"})
    assert second.get("foreign", "Un texte.", refuse, "fr", ("en",)) == ()


def test_only_the_findings_a_build_used_are_kept(tmp_path: Path):
    first = Findings(tmp_path, STAMP)
    for text in ("un", "deux"):
        first.get("mentions", text, lambda: text, "fr")
    first.save()
    second = Findings(tmp_path, STAMP)
    assert second.get("mentions", "deux", refuse, "fr") == "deux"
    second.save()  # "un" was not used: it goes
    assert Findings(tmp_path, STAMP).get("mentions", "un", lambda: "again", "fr") == "again"


def test_nothing_is_written_when_nothing_changed(tmp_path: Path):
    first = Findings(tmp_path, STAMP)
    first.get("mentions", "un", lambda: 1, "fr")
    first.save()
    written = (tmp_path / FILE_NAME).stat().st_mtime_ns
    second = Findings(tmp_path, STAMP)
    second.get("mentions", "un", refuse, "fr")
    second.save()
    assert (tmp_path / FILE_NAME).stat().st_mtime_ns == written


@pytest.mark.parametrize("other", [
    site_stamp(["form"], LANGUAGES, ()),  # a new term or name
    site_stamp([], ("fr", "en", "de"), ()),  # a new language
    site_stamp([], LANGUAGES, ("willingness",)),  # a new allowed word
])
def test_findings_kept_for_another_site_are_not_used(tmp_path: Path, other: tuple):
    kept = Findings(tmp_path, STAMP)
    kept.get("mentions", "un", lambda: "old", "fr")
    kept.save()
    assert other != STAMP
    assert Findings(tmp_path, other).get("mentions", "un", lambda: "new", "fr") == "new"


def test_without_a_folder_nothing_is_written(tmp_path: Path):
    findings = Findings(None, STAMP)
    assert findings.get("mentions", "un", lambda: 1, "fr") == 1
    findings.save()
    assert list(tmp_path.iterdir()) == []


# -- real content -------------------------------------------------------------------------


def check(project: SiteProject, cache: Path | None) -> list[str]:
    _, diagnostics = validate_site(project.content, LANGUAGES, Diagnostics(root=project.root),
                                   cache_dir=cache)
    return [str(item) for item in diagnostics]


def test_the_example_reports_the_same_with_kept_findings(project: SiteProject,
                                                         monkeypatch: pytest.MonkeyPatch):
    project.copy_example_content()
    cache = project.root / DEFAULT_FOLDER
    without = check(project, None)
    assert any("looks English in a French text" in line for line in without), without
    assert check(project, cache) == without  # cold: computes, and keeps them
    assert (cache / FILE_NAME).is_file()
    # Warm: nothing is matched or checked again.
    monkeypatch.setattr(findings_cache.Findings, "get",
                        lambda self, check, text, compute, *context: self.kept[
                            (check, *context, findings_cache.digest(text.encode()))])
    assert check(project, cache) == without


def mixed_project(project: SiteProject) -> None:
    project.write("glossary/treve.yml", """
        fr: {term: trêve, short: Pause., definition: Pause.}
        en: {term: truce, short: Pause., definition: Pause.}
        """)
    project.article("a", "fr", "La trêve montre leur willingness.")


def warnings_of(stderr: str) -> list[str]:
    return sorted(line for line in stderr.splitlines() if ": warning: " in line)


def test_a_build_reads_kept_findings_and_makes_new_ones_for_edited_texts(project: SiteProject):
    mixed_project(project)
    first = warnings_of(project.build().stderr)
    assert any("'willingness' looks English" in line for line in first), first
    # Mark the kept finding: the next build reports it as kept.
    cache_file = project.root / DEFAULT_FOLDER / FILE_NAME
    stamp, kept = pickle.loads(cache_file.read_bytes())
    foreign = [key for key in kept if key[0] == "foreign"]
    assert len(foreign) == 1
    kept[foreign[0]] = (ForeignWord(3, "trêve", "en"),)
    cache_file.write_bytes(pickle.dumps((stamp, kept)))
    marked = warnings_of(project.build().stderr)
    assert any("'trêve' looks English" in line for line in marked), marked
    assert not any("willingness" in line for line in marked)
    # An edited text is checked again.
    project.article("a", "fr", "La trêve montre leur willingness, encore.")
    edited = warnings_of(project.build().stderr)
    assert any("'willingness' looks English" in line for line in edited), edited
    assert not any("'trêve' looks" in line for line in edited)


def test_kept_findings_go_when_the_glossary_changes(project: SiteProject):
    mixed_project(project)
    project.build()
    cache_file = project.root / DEFAULT_FOLDER / FILE_NAME
    stamp, kept = pickle.loads(cache_file.read_bytes())
    mentions = [key for key in kept if key[0] == "mentions"]
    assert [len(kept[key]) for key in mentions] == [1]
    # Mark the kept finding: the text names nothing.
    kept[mentions[0]] = frozenset()
    cache_file.write_bytes(pickle.dumps((stamp, kept)))
    unused = "glossary entry 'treve' is not used by any article"
    assert any(unused in line for line in warnings_of(project.build().stderr))
    # A new alias changes what any text may name: no kept finding is trusted.
    project.write("glossary/treve.yml", """
        fr: {term: trêve, aliases: [trêves], short: Pause., definition: Pause.}
        en: {term: truce, short: Pause., definition: Pause.}
        """)
    assert not any(unused in line for line in warnings_of(project.build().stderr))
