"""Glossary definitions converted from Markdown once, then kept between builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SiteProject, text_of
from generator import editor_markdown
from generator.cache import BuildCache
from generator.editor_markdown import Conversions, markdown_to_html
from test_glossary import glossary_project

TEXTS = [
    "Une **force de réassurance** est déployée loin du front.\n\nSecond paragraphe.",
    "Les « garanties » -- dit-on -- l'emportent...",
    "<script>alert(1)</script> [lien](javascript:alert(1)) et *accent*",
]


def test_conversions_are_markdown_to_html(tmp_path: Path):
    conversions = Conversions(BuildCache(tmp_path, "stamp"))
    for text in TEXTS:
        assert conversions(text) == markdown_to_html(text)
    # Markdown and the sanitizer did run: emphasis is made, script and the URL are gone.
    assert "<strong>force de réassurance</strong>" in conversions(TEXTS[0])
    assert "<script>" not in conversions(TEXTS[2]) and "javascript:" not in conversions(TEXTS[2])


def test_a_kept_conversion_is_read_back_not_converted_again(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch):
    first = Conversions(BuildCache(tmp_path, "stamp"))
    expected = [str(first(text)) for text in TEXTS]
    first.cache.save()

    def refuse(text: str):
        raise AssertionError(f"converted again: {text!r}")
    monkeypatch.setattr(editor_markdown, "markdown_to_html", refuse)
    second = Conversions(BuildCache(tmp_path, "stamp"))
    assert [str(second(text)) for text in TEXTS] == expected


def test_without_a_folder_nothing_is_written(tmp_path: Path):
    conversions = Conversions(BuildCache(None, "stamp"))
    assert conversions(TEXTS[0]) == markdown_to_html(TEXTS[0])
    conversions.cache.save()
    assert not list(tmp_path.iterdir())


# -- in builds ---------------------------------------------------------------------------------

TERM_PAGE = "fr/glossaire/force-de-reassurance/"


def definition(project: SiteProject, result=None) -> str:
    result = result or project.build()
    return result.html(TERM_PAGE).css_first(".ex-definition").html


def test_builds_use_kept_definitions_until_the_text_changes(project: SiteProject):
    glossary_project(project)
    project.article("a", "fr", "La force de réassurance.")
    first = project.build()
    before = first.html(TERM_PAGE).css_first(".ex-definition")
    assert text_of(before.css_first("strong")) == "force de réassurance"
    # An edited definition is converted again.
    entry = project.content / "glossary" / "force-de-reassurance.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace(
        "Second paragraphe.", "Un *autre* paragraphe."), encoding="utf-8")
    html = definition(project)
    assert "<em>autre</em>" in html and "Second paragraphe." not in html


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
