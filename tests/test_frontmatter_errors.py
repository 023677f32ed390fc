"""Bad frontmatter stops `mkdocs build` with one `path:line:col: error: message` line each."""

from __future__ import annotations

import pytest

from conftest import SiteProject

GOOD_EN = """
---
title: Title
lang: en
date: 2025-04-10
summary: Summary.
translation_of: fr
---
Text.
"""

CASES = {
    "malformed-yaml": (
        """
        ---
        title: Titre
        lang: fr
        date: 2025-04-10
        summary: [unclosed
        ---
        Texte.
        """,
        "content/articles/a/fr.md:5:10: error: this list '[' is never closed: end it with ']', or put "
        "the value in quotes if the '[' is text (YAML: expected ',' or ']', but got '<stream end>', "
        "at line 6)",
    ),
    "missing-title": (
        """
        ---
        lang: fr
        date: 2025-04-10
        summary: Résumé.
        ---
        Texte.
        """,
        "content/articles/a/fr.md:2:1: error: missing required field 'title'",
    ),
    "unknown-language": (
        """
        ---
        title: Titre
        lang: fre
        date: 2025-04-10
        summary: Résumé.
        ---
        Texte.
        """,
        "content/articles/a/fr.md:3:7: error: unknown language 'fre'; site languages: fr, en "
        "(did you mean 'fr'?)",
    ),
    "date-not-a-date": (
        """
        ---
        title: Titre
        lang: fr
        date: 10 avril 2025
        summary: Résumé.
        ---
        Texte.
        """,
        "content/articles/a/fr.md:4:7: error: 'date' must be a date written YYYY-MM-DD, "
        "not '10 avril 2025'",
    ),
    "unknown-field": (
        """
        ---
        title: Titre
        lang: fr
        date: 2025-04-10
        summary: Résumé.
        sumary: Résumé.
        ---
        Texte.
        """,
        "content/articles/a/fr.md:6:1: error: unknown field 'sumary' (did you mean 'summary'?)",
    ),
    "empty-title": (
        """
        ---
        title: ""
        lang: fr
        date: 2025-04-10
        summary: Résumé.
        ---
        Texte.
        """,
        "content/articles/a/fr.md:2:8: error: 'title' must not be empty",
    ),
    "title-not-text": (
        """
        ---
        title: [a, b]
        lang: fr
        date: 2025-04-10
        summary: Résumé.
        ---
        Texte.
        """,
        "content/articles/a/fr.md:2:8: error: 'title' must be text, not ['a', 'b']",
    ),
    "lang-disagrees-with-file-name": (
        """
        ---
        title: Titre
        lang: en
        date: 2025-04-10
        summary: Résumé.
        ---
        Texte.
        """,
        "content/articles/a/fr.md:3:7: error: 'lang' is 'en' but the file is fr.md; "
        "rename the file or set 'lang: fr'",
    ),
    "duplicate-key": (
        """
        ---
        title: Titre
        lang: fr
        title: Autre titre
        date: 2025-04-10
        summary: Résumé.
        ---
        Texte.
        """,
        "content/articles/a/fr.md:4:1: error: duplicate key 'title'",
    ),
    "no-frontmatter": (
        """
        Texte sans en-tête.
        """,
        "content/articles/a/fr.md:1:1: error: missing frontmatter: the file must start with a '---' line",
    ),
    "unsafe-slug": (
        """
        ---
        title: Titre
        lang: fr
        date: 2025-04-10
        summary: Résumé.
        slug: ../../etc
        ---
        Texte.
        """,
        "content/articles/a/fr.md:6:7: error: 'slug' must be lowercase letters, digits and "
        "inner hyphens, not '../../etc'",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_frontmatter_is_one_error_line(project: SiteProject, case: str):
    source, expected = CASES[case]
    project.write("articles/a/fr.md", source)
    project.write("articles/a/en.md", GOOD_EN)
    result = project.build(check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.error_lines == [expected]
    assert not (result.site / "fr" / "index.html").exists()


def test_file_that_is_not_utf8(project: SiteProject):
    project.write_bytes("articles/a/fr.md",
                        "---\ntitle: Caf\u00e9\n".encode("latin-1") + b"lang: fr\n---\n")
    project.write("articles/a/en.md", GOOD_EN)
    result = project.build(check=False)
    assert result.returncode != 0
    assert result.error_lines == [
        "content/articles/a/fr.md:2:11: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8"]


def test_unknown_language_file_name(project: SiteProject):
    project.write("articles/a/fr.md", GOOD_EN.replace("lang: en", "lang: fr")
                  .replace("translation_of: fr\n", ""))
    project.write("articles/a/de.md", GOOD_EN)
    result = project.build(check=False)
    assert result.error_lines == [
        "content/articles/a/de.md:1:1: error: unknown language 'de' in file name; "
        "site languages: fr, en"]


def test_two_originals(project: SiteProject):
    project.write("articles/a/fr.md", GOOD_EN.replace("lang: en", "lang: fr")
                  .replace("translation_of: fr\n", ""))
    project.write("articles/a/en.md", GOOD_EN.replace("translation_of: fr\n", ""))
    result = project.build(check=False)
    assert result.error_lines == [
        "content/articles/a/fr.md:1:1: error: article 'a' has two originals (en.md and fr.md); "
        "mark the translation with 'translation_of: en'"]


def test_every_problem_is_reported_not_only_the_first(project: SiteProject):
    project.write("articles/a/fr.md", CASES["missing-title"][0])
    project.write("articles/a/en.md", GOOD_EN)
    project.write("articles/b/fr.md", CASES["date-not-a-date"][0])
    project.write("articles/b/en.md", GOOD_EN)
    result = project.build(check=False)
    assert len(result.error_lines) == 2
    assert "content has 2 errors, 0 warnings" in result.stderr
