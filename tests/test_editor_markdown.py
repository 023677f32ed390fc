"""Glossary definitions converted from Markdown once, then kept between builds."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from conftest import SiteProject, text_of
from generator import editor_markdown
from generator.document_cache import DEFAULT_FOLDER
from generator.editor_markdown import FILE_NAME, Conversions, markdown_to_html
from test_glossary import glossary_project

TEXTS = [
    "Une **force de réassurance** est déployée loin du front.\n\nSecond paragraphe.",
    "Les « garanties » -- dit-on -- l'emportent...",
    "<script>alert(1)</script> [lien](javascript:alert(1)) et *accent*",
]


def test_conversions_are_markdown_to_html(tmp_path: Path):
    conversions = Conversions(tmp_path)
    for text in TEXTS:
        assert conversions(text) == markdown_to_html(text)
    # Markdown and the sanitizer did run: emphasis is made, script and the URL are gone.
    assert "<strong>force de réassurance</strong>" in conversions(TEXTS[0])
    assert "<script>" not in conversions(TEXTS[2]) and "javascript:" not in conversions(TEXTS[2])


def test_a_saved_conversion_is_read_back_not_converted_again(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch):
    first = Conversions(tmp_path)
    expected = [str(first(text)) for text in TEXTS]
    first.save()
    assert (tmp_path / FILE_NAME).is_file()

    def refuse(text: str):
        raise AssertionError(f"converted again: {text!r}")
    monkeypatch.setattr(editor_markdown, "markdown_to_html", refuse)
    second = Conversions(tmp_path)
    assert [str(second(text)) for text in TEXTS] == expected


def test_a_whole_build_keeps_only_what_it_used_and_a_preview_adds(tmp_path: Path):
    first = Conversions(tmp_path)
    for text in TEXTS:
        first(text)
    first.save()
    kept = lambda: pickle.loads((tmp_path / FILE_NAME).read_bytes())[1]  # noqa: E731
    assert set(kept()) == set(TEXTS)

    preview = Conversions(tmp_path)
    preview("Nouveau texte.")
    preview.save(prune=False)
    assert set(kept()) == {*TEXTS, "Nouveau texte."}

    whole = Conversions(tmp_path)
    whole(TEXTS[0])
    whole.save(prune=True)
    assert set(kept()) == {TEXTS[0]}


def test_nothing_new_writes_nothing(tmp_path: Path):
    first = Conversions(tmp_path)
    first(TEXTS[0])
    first.save()
    written = (tmp_path / FILE_NAME).stat().st_mtime_ns
    again = Conversions(tmp_path)
    again(TEXTS[0])
    again.save()
    assert (tmp_path / FILE_NAME).stat().st_mtime_ns == written
    # Never asked for anything: not even read.
    Conversions(tmp_path).save()
    assert (tmp_path / FILE_NAME).stat().st_mtime_ns == written


@pytest.mark.parametrize("damage", ["other code", "not a pickle"])
def test_a_file_from_other_code_or_damaged_is_ignored(tmp_path: Path, damage: str):
    file = tmp_path / FILE_NAME
    if damage == "other code":
        file.write_bytes(pickle.dumps((("older code",), {TEXTS[0]: "<p>stale</p>"})))
    else:
        file.write_bytes(b"\x80\x05garbage")
    assert Conversions(tmp_path)(TEXTS[0]) == markdown_to_html(TEXTS[0])


def test_without_a_folder_nothing_is_written(tmp_path: Path):
    conversions = Conversions(None)
    assert conversions(TEXTS[0]) == markdown_to_html(TEXTS[0])
    conversions.save()
    assert not list(tmp_path.iterdir())


# -- in builds ---------------------------------------------------------------------------------

TERM_PAGE = "fr/glossaire/force-de-reassurance/"


def definition(project: SiteProject, result=None) -> str:
    result = result or project.build()
    return result.html(TERM_PAGE).css_first(".ex-definition").html


@pytest.mark.parametrize("parallel", ["true", "false"])
def test_builds_keep_definitions_and_use_them_until_the_text_changes(project: SiteProject,
                                                                     parallel: str):
    glossary_project(project, parallel=parallel)
    project.article("a", "fr", "La force de réassurance.")
    first = project.build()
    kept_file = project.root / DEFAULT_FOLDER / FILE_NAME
    stamp, kept = pickle.loads(kept_file.read_bytes())
    source = next(text for text in kept if text.startswith("Une **force de réassurance**"))
    assert "<strong>force de réassurance</strong>" in kept[source]
    before = first.html(TERM_PAGE).css_first(".ex-definition")
    assert text_of(before.css_first("strong")) == "force de réassurance"

    # What the next build shows comes from the kept file: mark it.
    kept[source] = "<p>Converted by an earlier build.</p>"
    kept_file.write_bytes(pickle.dumps((stamp, kept)))
    assert "Converted by an earlier build." in definition(project)

    # An edited definition is converted again, and the old text leaves the file.
    entry = project.content / "glossary" / "force-de-reassurance.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace(
        "Second paragraphe.", "Un *autre* paragraphe."), encoding="utf-8")
    html = definition(project)
    assert "<em>autre</em>" in html and "Converted by an earlier build." not in html
    _, kept = pickle.loads(kept_file.read_bytes())
    assert source not in kept
    assert any("Un *autre* paragraphe." in text for text in kept)


def test_a_build_with_kept_definitions_writes_the_same_pages(project: SiteProject,
                                                            tmp_path: Path):
    glossary_project(project)
    project.article("a", "fr", "La force de réassurance et le cessez-le-feu.")
    project.build()  # fills the cache
    warm = project.build()
    pages = sorted(page for page in warm.pages() if "glossaire" in page or "glossary" in page)
    assert len(pages) >= 12
    with_cache = {page: (warm.site / page).read_bytes() for page in pages}
    project.write_config(cache="false")
    cold = project.build()
    assert {page: (cold.site / page).read_bytes() for page in pages} == with_cache
