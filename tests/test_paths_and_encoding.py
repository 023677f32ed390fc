"""Paths and encodings an editor can get wrong, or a hostile contributor can try.

Ids, slugs and file names that would climb out of the output folder are refused with one
``path:line:col: error:`` line each; symbolic links inside content/ are never followed; a
build writes nothing outside its ``site/`` folder. Files that are not UTF-8 are reported
where the bad byte is; a BOM, CRLF or CR line endings, decomposed accents and zero-width
characters are read as an editor means them.
"""

from __future__ import annotations

import os
import time
import unicodedata
from pathlib import Path

import pytest

from conftest import TERM_FILE, BuildResult, SiteProject, text_of, tree_changes, tree_snapshot
from generator.settings import DEFAULT_CACHE_FOLDER as DEFAULT_FOLDER

FRONTMATTER = "---\ntitle: Titre\nlang: fr\ndate: 2025-04-10\nsummary: Résumé.\n{extra}---\n\n{body}\n"

def article_text(body: str = "Texte.", extra: str = "") -> str:
    return FRONTMATTER.format(extra=extra, body=body)


@pytest.fixture
def nested(tmp_path: Path) -> SiteProject:
    """A project a few folders down ``tmp_path``, so that any '../' escape stays in view."""
    return SiteProject(tmp_path / "one" / "two" / "project")


def build_watched(project: SiteProject, watched: Path, **kwargs) -> BuildResult:
    """Build, and check nothing outside the project's site/ and its document cache
    (generator/cache.py) was created, changed or removed."""
    cache = project.root / DEFAULT_FOLDER
    cache.mkdir(parents=True, exist_ok=True)
    skipped = (project.root / "site", cache)
    before = tree_snapshot(watched, *skipped)
    result = project.build(check=False, **kwargs)
    assert "Traceback" not in result.stderr, result.stderr
    after = tree_snapshot(watched, *skipped)
    assert after == before, tree_changes(before, after)
    return result


# -- ids, slugs and names --------------------------------------------------------------------

BAD_SLUGS = ["../../x", "/etc", "..", "a/../../../b", "..\\\\..\\\\x", "%2e%2e", "x/y", "C:/x"]


def test_slugs_that_leave_the_output_are_refused(nested: SiteProject, tmp_path: Path):
    for index, slug in enumerate(BAD_SLUGS):
        nested.write(f"articles/a{index}/fr.md", article_text(extra=f'slug: "{slug}"\n'))
    result = build_watched(nested, tmp_path)
    assert result.returncode != 0
    shown = {index: repr(slug.replace("\\\\", "\\")) for index, slug in enumerate(BAD_SLUGS)}
    assert result.error_lines == [
        f"content/articles/a{index}/fr.md:6:7: error: 'slug' must be lowercase letters, digits "
        f"and inner hyphens, not {shown[index]}" for index in range(len(BAD_SLUGS))]
    assert not (nested.root / "site").exists()


def test_unsafe_folder_and_file_names_are_refused(nested: SiteProject, tmp_path: Path):
    for folder in ("a..b", "Mon article", "Majuscule", "fin."):
        nested.write(f"articles/{folder}/fr.md", article_text())
    nested.write("glossary/Bad Name.yml", TERM_FILE.format(fr="a", en="a"))
    nested.write("participants/Upper.yml", "kind: country\niso: FR\n")
    result = build_watched(nested, tmp_path)
    assert result.returncode != 0
    safe = "is not a safe id: use lowercase letters, digits and inner hyphens"
    assert result.error_lines == [
        f"content/articles/Majuscule:1:1: error: article folder name 'Majuscule' {safe}",
        f"content/articles/Mon article:1:1: error: article folder name 'Mon article' {safe}",
        f"content/articles/a..b:1:1: error: article folder name 'a..b' {safe}",
        f"content/articles/fin.:1:1: error: article folder name 'fin.' {safe}",
        "content/glossary/Bad Name.yml:1:1: error: 'Bad Name' is not a safe id: name the file "
        "with lowercase letters, digits and inner hyphens",
        "content/participants/Upper.yml:1:1: error: 'Upper' is not a safe id: name the file "
        "with lowercase letters, digits and inner hyphens",
    ]


def test_names_that_look_like_paths_make_safe_urls(nested: SiteProject, tmp_path: Path):
    """Term and participant URLs come from their text: '../../' in it goes nowhere."""
    nested.write("articles/a/fr.md", article_text(
        "Le ../../../../evasion et /etc/passwd, puis C:\\\\Windows."))
    nested.write("glossary/evasion.yml", TERM_FILE.format(fr="'../../../../evasion'", en="'../../escape'"))
    nested.write("participants/passwd.yml",
                 "kind: organisation\nname: {fr: /etc/passwd, en: /etc/passwd}\n")
    nested.write("participants/windows.yml",
                 "kind: organisation\nname: {fr: 'C:\\Windows', en: 'C:\\Windows'}\n")
    result = build_watched(nested, tmp_path)
    assert result.returncode == 0, result.stderr
    built = set(result.pages())
    assert {"fr/glossaire/evasion/index.html", "en/glossary/escape/index.html",
            "fr/acteurs/etc-passwd/index.html", "fr/acteurs/c-windows/index.html"} <= built
    links = {text_of(a): a.attributes["href"] for a in result.html("fr/explications/a/").css("a.ex-ref")}
    assert links == {"../../../../evasion": "../../glossaire/evasion/",
                     "/etc/passwd": "../../acteurs/etc-passwd/",
                     "C:\\Windows": "../../acteurs/c-windows/"}


# -- symbolic links ---------------------------------------------------------------------------


def test_symbolic_links_inside_content_are_not_followed(nested: SiteProject, tmp_path: Path):
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    secret = article_text("Secret du dehors.")
    (outside / "fr.md").write_text(secret, encoding="utf-8")
    (outside / "folder" / "fr.md").write_text(secret, encoding="utf-8")
    (outside / "term.yml").write_text(TERM_FILE.format(fr="secret", en="secret"), encoding="utf-8")
    (outside / "who.yml").write_text("kind: country\niso: FR\n", encoding="utf-8")
    nested.article("ok", "fr", "Texte.")
    (nested.content / "articles" / "file-link").mkdir()
    os.symlink(outside / "fr.md", nested.content / "articles" / "file-link" / "fr.md")
    os.symlink(outside / "folder", nested.content / "articles" / "folder-link")
    (nested.content / "glossary").mkdir()
    os.symlink(outside / "term.yml", nested.content / "glossary" / "term-link.yml")
    (nested.content / "participants").mkdir()
    os.symlink(outside / "who.yml", nested.content / "participants" / "who-link.yml")
    # A link pointing nowhere is reported too, never a traceback.
    os.symlink(tmp_path / "missing.yml", nested.content / "glossary" / "dangling.yml")
    result = build_watched(nested, tmp_path)
    assert result.returncode != 0
    assert result.error_lines == [
        "content/articles/file-link/fr.md:1:1: error: symbolic links are not read: copy the file "
        "into content/",
        "content/articles/folder-link:1:1: error: symbolic links are not read: copy the folder "
        "into content/",
        "content/glossary/dangling.yml:1:1: error: symbolic links are not read: copy the file "
        "into content/",
        "content/glossary/term-link.yml:1:1: error: symbolic links are not read: copy the file "
        "into content/",
        "content/participants/who-link.yml:1:1: error: symbolic links are not read: copy the "
        "file into content/",
    ]
    assert "Secret" not in result.stderr


# -- encodings and line endings ------------------------------------------------------------------


def test_a_file_that_is_not_utf8_is_reported_where_the_byte_is(nested: SiteProject, tmp_path: Path):
    # Columns count characters, as an editor shows them: "é" before the bad byte is one.
    nested.write_bytes("articles/a/fr.md", "---\ntitle: Café ".encode() + b"\xe9t\xe9\n---\nx\n")
    nested.write_bytes("articles/b/fr.md", b"\xef\xbb\xbf---\xff\n")  # after a BOM
    nested.write_bytes("articles/c/fr.md", b"---\r\ntitle: T\r\nlang: fr\r\n\x80\r\n")  # CRLF
    nested.write_bytes("glossary/g.yml", b"fr:\n  term: caf\xe9\n")
    result = build_watched(nested, tmp_path)
    assert result.returncode != 0
    assert result.error_lines == [
        "content/articles/a/fr.md:2:13: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8",
        "content/articles/b/fr.md:1:4: error: file is not valid UTF-8 (byte 0xff); save it as UTF-8",
        "content/articles/c/fr.md:4:1: error: file is not valid UTF-8 (byte 0x80); save it as UTF-8",
        "content/glossary/g.yml:2:12: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8",
    ]


def test_bom_crlf_and_cr_files_build(nested: SiteProject, tmp_path: Path):
    bom = b"\xef\xbb\xbf"
    nested.write_bytes("articles/a/fr.md", bom + article_text(
        "Une force de réassurance.\n\nEt [l’entrée](term:force).", extra="key_facts:\n  - Un fait.\n"
    ).replace("\n", "\r\n").encode())
    nested.write_bytes("articles/a/en.md", (article_text(
        "A reassurance force.", extra="translation_of: fr\n").replace("lang: fr", "lang: en")
    ).replace("\n", "\r").encode())
    nested.write_bytes("glossary/force.yml", bom + TERM_FILE.format(
        fr="force de réassurance", en="reassurance force").replace("\n", "\r\n").encode())
    nested.write_bytes("participants/france.yml", bom + b"kind: country\r\niso: FR\r\n")
    result = build_watched(nested, tmp_path)
    assert result.returncode == 0, result.stderr
    html = result.html("fr/explications/a/")
    assert text_of(html.css_first(".ex-article h1")) == "Titre"
    assert text_of(html.css_first(".ex-key-facts li")) == "Un fait."
    links = [(text_of(a), a.attributes["href"]) for a in html.css(".ex-body a.ex-ref")]
    assert links == [("force de réassurance", "../../glossaire/force-de-reassurance/"),
                     ("l’entrée", "../../glossaire/force-de-reassurance/")]
    en = result.html("en/explainers/a/")
    assert [text_of(a) for a in en.css(".ex-body a.ex-ref")] == ["reassurance force"]
    assert "\ufeff" not in (result.site / "fr/explications/a/index.html").read_text(encoding="utf-8")


def test_crlf_files_report_exact_positions(project: SiteProject):
    frontmatter = "---\r\ntitle: Titre\r\nlang: fr\r\ndate: 10/04/2025\r\nsummary: Résumé.\r\n---\r\n"
    project.write_bytes("articles/a/fr.md", (frontmatter + "\r\nTexte.\r\n").encode())
    cr_only = "---\rtitle: Titre\rlang: fr\rdate: 2025-04-10\rsummary: Résumé.\r---\r\r"
    project.write_bytes("articles/b/fr.md", (cr_only + "Premier.\r\rSecond, voir [x](term:inconnu).\r").encode())
    project.write_bytes("articles/c/fr.md", (
        "---\r\ntitle: Titre\r\nlang: fr\r\ndate: 2025-04-10\r\nsummary: Résumé.\r\n---\r\n"
        "\r\n\r\nLigne.\r\nEt [é](who:personne).\r\n").encode())
    result = project.build(check=False)
    assert "Traceback" not in result.stderr
    assert result.error_lines == [
        "content/articles/a/fr.md:4:7: error: 'date' must be a date written YYYY-MM-DD, not '10/04/2025'",
        "content/articles/b/fr.md:10:18: error: unknown glossary entry 'inconnu'",
        "content/articles/c/fr.md:10:8: error: unknown participant 'personne'",
    ]


def test_impossible_dates_and_odd_yaml_are_errors_not_tracebacks(project: SiteProject):
    """YAML reads 2025-02-30 as a date and fails building it: a line, not a traceback."""
    project.write("articles/a/fr.md", article_text().replace("2025-04-10", "2025-02-30"))
    project.write("articles/b/fr.md", "---\ntitle: Titre\n")  # never closed
    project.write("articles/c/fr.md", "---\n? [a, b]\n: c\n---\nTexte.\n")  # a list as a key
    project.write("articles/d/fr.md", article_text(extra="content: x\nhandler: y\n"))
    project.write("articles/e/fr.md", article_text(extra="key_facts: [" + "9" * 5000 + "]\n"))
    project.write("articles/f/fr.md", "---\n- une\n- liste\n---\nTexte.\n")
    project.write_bytes("articles/g/fr.md", b"---\ntitle: Ti\x1ftre\n---\n")
    result = project.build(check=False)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.error_lines == [
        "content/articles/a/fr.md:4:7: error: invalid date '2025-02-30': day is out of range for month",
        "content/articles/b/fr.md:1:1: error: the frontmatter is not closed: end it with a '---' line",
        "content/articles/c/fr.md:2:3: error: invalid YAML: found unhashable key",
        "content/articles/d/fr.md:6:1: error: unknown field 'content'",
        "content/articles/d/fr.md:7:1: error: unknown field 'handler'",
        f"content/articles/e/fr.md:6:13: error: invalid value '{'9' * 37}...': Exceeds the limit "
        "(4300 digits) for integer string conversion: value has 5000 digits; use "
        "sys.set_int_max_str_digits() to increase the limit",
        "content/articles/f/fr.md:2:1: error: frontmatter must be a mapping of 'field: value' lines",
        "content/articles/g/fr.md:2:10: error: invalid YAML: unacceptable character #x001f: "
        "special characters are not allowed",
    ]


def test_nested_yaml_aliases_cost_nothing(project: SiteProject):
    """A dozen lines of aliases ('billion laughs') must not take exponential time or memory."""
    levels = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 12)]
    project.write("articles/a/fr.md", article_text(extra="\n".join(levels) + "\nkey_facts: *l11\n"
                                                   "title2: *l11\n"))
    project.write("glossary/g.yml", "\n".join(levels) + "\nfr: *l11\nen: {term: *l11}\n")
    started = time.monotonic()
    result = project.build(check=False)
    assert time.monotonic() - started < 30  # 9**12 items if the aliases were expanded
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "content/articles/a/fr.md:6:1: error: unknown field 'l0'" in result.error_lines
    assert len([line for line in result.error_lines if "'key_facts." in line]) == 9
    assert "content/glossary/g.yml:13:5: error: 'fr' must be a mapping with term, short, definition" \
        in result.error_lines


# -- Unicode in text ---------------------------------------------------------------------------


def test_decomposed_accents_link_both_ways(project: SiteProject):
    nfd = unicodedata.normalize("NFD", "force de réassurance")
    project.article("a", "fr", f"Une {nfd} et une zone démilitarisée.")
    project.write("glossary/force.yml", TERM_FILE.format(fr="force de réassurance", en="reassurance force"))
    project.write("glossary/zone.yml", TERM_FILE.format(
        fr=unicodedata.normalize("NFD", "zone démilitarisée"), en="demilitarised zone"))
    result = project.build()
    html = result.html("fr/explications/a/")
    links = [(a.text(), a.attributes["href"]) for a in html.css(".ex-body a.ex-ref")]
    assert links == [(nfd, "../../glossaire/force-de-reassurance/"),
                     ("zone démilitarisée", "../../glossaire/zone-demilitarisee/")]


ZERO_WIDTH_CASES = ["force de\u200b réassurance", "force\u200b de réassurance", "force de réas\u200bsurance",
                    "force de réassurance\u200d", "\ufeffforce de réassurance", "force de\u00ad réassurance",
                    "force\u2060de réassurance"]


def test_zero_width_characters_inside_a_term(project: SiteProject):
    for index, written in enumerate(ZERO_WIDTH_CASES):
        project.article(f"a{index}", "fr", f"Une {written} prête.")
    project.write("glossary/force.yml", TERM_FILE.format(fr="force de réassurance", en="reassurance force"))
    result = project.build()
    linked = []
    for index, written in enumerate(ZERO_WIDTH_CASES):
        body = result.html(f"fr/explications/a{index}/").css_first(".ex-body")
        assert body.text(deep=True).strip() == f"Une {written} prête.", written
        for link in body.css("a.ex-ref"):  # linked or not, but never cut in the wrong place
            shown = "".join(c for c in link.text() if c not in "\u200b\u200d\u2060\ufeff\u00ad")
            assert shown in ("force de réassurance", "forcede réassurance"), link.html
            assert link.text().strip("\u200b\u200d\u2060\ufeff\u00ad") == link.text(), link.html
            assert link.attributes["href"] == "../../glossaire/force-de-reassurance/"
            linked.append(written)
    # Zero-width characters are invisible to the matcher: every form is found.
    assert linked == ZERO_WIDTH_CASES[:-1]
