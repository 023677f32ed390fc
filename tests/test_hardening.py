"""Hardening (issue "[4/8] Hardening"): one regression test per finding.

Each test sets up what a careless or hostile contributor can leave in a project and
runs the real command (``explainer`` in a subprocess, or ``mkdocs build``), then reads
its output: one ``path:line:col: level: message`` line per problem, never a traceback,
never a hang, nothing written where it should not be.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import frontmatter
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

import pytest

from conftest import TERM_FILE, SiteProject, explainer

#: One diagnostic: a path, a position, a level and a message, on one printable line.
DIAGNOSTIC = re.compile(r"^[^\x00-\x1f\x7f]+:\d+:\d+: (error|warning): [^\x00-\x1f\x7f]+$")


def reports(proc: subprocess.CompletedProcess) -> list[str]:
    """The diagnostic lines of ``explainer check`` (its last line is the summary)."""
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    out = proc.stdout.splitlines()
    assert out and out[-1].startswith("explainer check: "), proc.stdout
    return out[:-1]


def bilingual(project: SiteProject) -> None:
    project.article("a", "fr", "Un texte.")
    project.article("a", "en", "A text.", translation_of="fr")


# -- 1. symbolic links, special files and files that are not sources ----------------------------


def test_links_anywhere_special_files_and_stray_files(project: SiteProject, tmp_path: Path):
    project.article("a", "fr", "Texte.")
    outside = tmp_path / "outside"
    (outside / "glossary").mkdir(parents=True)
    (outside / "glossary" / "secret.yml").write_text(TERM_FILE.format(fr="secret", en="secret"))
    # A source folder that is itself a link, a link elsewhere, a named pipe where a
    # glossary entry would be (reading it would block for ever), and stray files.
    os.symlink(outside / "glossary", project.content / "glossary")
    (project.content / "participants").mkdir()
    os.mkfifo(project.content / "participants" / "pipe.yml")
    os.symlink(outside, project.content / "assets-link")
    project.write("notes.md", "Notes de travail.\n")
    project.write("evil.html", "<script>alert(1)</script>\n")
    project.write("assets/style.css", "body {}\n")
    project.write("fr/index.md", "# Accueil\n")
    project.write("articles/a/photo.jpg", "jpeg")
    project.write(".DS_Store", "hidden: not published, not reported")
    proc = explainer(project, "check", timeout=60)
    assert proc.returncode == 1
    stray = ("is not a source file and is not published: content/ holds only "
             "articles/<id>/<lang>.md, glossary/<id>.yml, participants/<id>.yml, "
             "dossiers/<id>.yml and authors/<id>.yml; keep other "
             "files (notes, images, pages) outside content/")
    assert reports(proc) == [
        # The copy desk's warnings are reported beside the errors.
        "content/articles/a/fr.md:1:1: warning: article 'a' has no 'en' version; the en site lists "
        "it in fr with a notice",
        f"content/articles/a/photo.jpg:1:1: warning: 'photo.jpg' {stray}",
        "content/assets-link:1:1: error: symbolic links are not read: copy the folder into content/",
        f"content/assets/style.css:1:1: warning: 'style.css' {stray}",
        f"content/evil.html:1:1: warning: 'evil.html' {stray}",
        f"content/fr/index.md:1:1: warning: 'index.md' {stray}",
        "content/glossary:1:1: error: symbolic links are not read: copy the folder into content/",
        f"content/notes.md:1:1: warning: 'notes.md' {stray}",
        "content/participants/pipe.yml:1:1: error: a named pipe (FIFO) is not read: content/ holds "
        "regular files and folders only",
    ]
    assert "secret" not in proc.stdout


# -- 4. names that would forge a diagnostic line ------------------------------------------------


def test_control_characters_in_names_cannot_forge_lines(project: SiteProject):
    project.article("a", "fr", "Texte.")
    forged = "x\ncontent/articles/a/fr.md:1:1: error: forged"
    project.write(f"{forged}.md", "stray")
    project.write("glossary/\x1b[31mred\x1b[0m.yml", TERM_FILE.format(fr="a", en="a"))
    os.makedirs(project.content / "articles" / "b\rc")
    (project.content / "articles" / "b\rc" / "fr.md").write_text("---\ntitle: [\n---\n")
    proc = explainer(project, "check")
    found = reports(proc)
    assert all(DIAGNOSTIC.match(line) for line in found), found
    # Three problems, and the copy desk's one remark about a, reported beside the errors.
    assert len(found) == 4
    assert [line for line in found if line.startswith("content/articles/a/fr.md")] == [
        "content/articles/a/fr.md:1:1: warning: article 'a' has no 'en' version; the en site lists "
        "it in fr with a notice"]
    assert "\x1b" not in proc.stdout + proc.stderr
    assert any(line.startswith(r"content/x\ncontent/articles/a/fr.md:1:1: error: forged.md:1:1: "
                               "warning: ") for line in found), found
    assert any(line.startswith(r"content/glossary/\x1b[31mred\x1b[0m.yml:1:1: error: ")
               for line in found), found
    assert any(line.startswith(r"content/articles/b\rc:1:1: error: ") for line in found), found


# -- 2. explainer reviewed edits one line, nothing else ------------------------------------------


def test_reviewed_changes_only_the_fingerprint(project: SiteProject):
    project.article("a", "fr", "Un texte.", title="Titre")
    translation = ("---\r\n"
                   "title: Title  # the headline\r\n"
                   "lang: en\r\n"
                   "date: 2025-04-10\r\n"
                   "summary: |\r\n"
                   "  First line.\r\n"
                   "  ...\r\n"
                   "  ---\r\n"
                   "  Last line.\r\n"
                   "translation_of: fr\r\n"
                   "---\r\n"
                   "\r\n"
                   "A text.\r\n")
    path = project.content / "articles" / "a" / "en.md"
    path.write_bytes(b"\xef\xbb\xbf" + translation.encode("utf-8"))
    proc = explainer(project, "reviewed", "a", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf")
    text = after[3:].decode("utf-8")
    fingerprint = re.search(r"source_fingerprint: ([0-9a-f]{16})\r\n", text)
    assert fingerprint, text
    # One line added, just before the closing '---', and every other byte as it was.
    assert text == translation.replace(
        "translation_of: fr\r\n---", f"translation_of: fr\r\n{fingerprint.group(0)}---")
    assert reports(explainer(project, "check")) == []
    # Run again: the same line is replaced in place, the file does not change.
    assert explainer(project, "reviewed", "a", "--lang", "en").returncode == 0
    assert path.read_bytes() == after
    assert sorted(p.name for p in path.parent.iterdir()) == ["en.md", "fr.md"]  # no temporary left


# -- 3. characters XML forbids, written with YAML escapes -----------------------------------------


def test_every_xml_file_parses_whatever_the_escapes(project: SiteProject):
    # Double-quoted YAML escapes write characters XML 1.0 does not allow.
    project.write("articles/a/fr.md", '---\ntitle: "Titre \\x01\\x02 fin"\nlang: fr\n'
                  'date: 2025-04-10\nsummary: "Résumé \\uFFFE et \\e."\n---\n\nTexte.\n')
    project.write("articles/b/fr.md", '---\ntitle: Titre\nlang: fr\ndate: 2025-04-11\n'
                  'summary: Résumé.\nkey_facts: ["un \\0 fait"]\n---\n\nTexte.\n')
    project.write("glossary/g.yml", TERM_FILE.format(fr='"terme \\b"', en="term"))
    project.article("c", "fr", "Un terme.")
    result = project.build(check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    xml_files = sorted(result.site.rglob("*.xml"))
    assert {p.relative_to(result.site).as_posix() for p in xml_files} >= {
        "fr/feed.xml", "en/feed.xml", "sitemap.xml"}
    for path in xml_files:
        ET.parse(path)  # raises on an ill-formed document
    feed = ET.parse(result.site / "fr" / "feed.xml").getroot()
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Titre  fin" in titles
    found = reports(explainer(project, "check"))
    dropped = "which XML does not allow: feeds leave it out; remove the escape that writes it"
    assert [line for line in found if "XML" in line] == [
        f"content/articles/a/fr.md:2:8: warning: 'title' holds the character U+0001, {dropped}",
        f"content/articles/a/fr.md:5:10: warning: 'summary' holds the character U+FFFE, {dropped}",
        f"content/articles/b/fr.md:6:13: warning: 'key_facts.0' holds the character U+0000, {dropped}",
        f"content/glossary/g.yml:2:9: warning: 'fr.term' holds the character U+0008, {dropped}",
    ]


# -- 5. one line, not a traceback, for every wrong option ------------------------------------------


def one_error(proc: subprocess.CompletedProcess, status: int = 1) -> str:
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    assert proc.returncode == status, (proc.returncode, proc.stderr)
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("explainer: error: "), proc.stderr
    return lines[0].removeprefix("explainer: error: ")


def test_wrong_options_are_one_line_each(project: SiteProject, tmp_path: Path):
    project.article("a", "fr", "Texte.")
    (project.root / "folder").mkdir()
    (project.root / "file").write_text("x")

    def files() -> list[Path]:  # but the document cache, which a bundle's check may write
        return sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if ".cache" not in p.parts)

    before = files()
    assert one_error(explainer(project, "bundle", "--out", "folder")) == (
        "--out 'folder' is a folder: give a file name, such as 'folder/explainer-site.zip'")
    assert one_error(explainer(project, "bundle", "--out", "file/site.zip")) == (
        "--out 'file/site.zip': 'file' is a file, not a folder")
    assert one_error(explainer(project, "bundle", "--out", "/proc/site.zip")).startswith(
        "cannot write /proc/site.zip: ")
    assert one_error(explainer(project, "bundle", "--single-file"), status=2) == (
        "--single-file needs --article ID (the whole site is bundled as a zip)")
    for epoch in ("abc", "-1", "4354819200", "99999999999999999999"):
        assert one_error(explainer(project, "bundle", env={"SOURCE_DATE_EPOCH": epoch})).startswith(
            "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, at most "
            "4354819198 (the end of 2107, the last date a zip file can hold), not ")
    assert one_error(explainer(project, "new", "article", "x", "--lang", "../../../x")) == (
        "'../../../x' is not a site language (fr, en)")
    assert files() == before
    config = (project.root / "mkdocs.yml").read_text()
    for languages, message in [
            ("[fr, xx]", "'languages': 'xx' is not a language CLDR knows"),
            ("[]", "'languages' is empty: list the site's languages, the first being the default, "
                   "such as [fr, en]"),
            ('["../x"]', "'languages': '../x' is not a language code: use a BCP 47 language "
                         "subtag of two or three lowercase letters such as 'fr' or 'en'")]:
        (project.root / "mkdocs.yml").write_text(
            config.replace("languages: [fr, en]", f"languages: {languages}"))
        for command in (["check"], ["new", "term", "x"]):
            assert one_error(explainer(project, *command)) == f"mkdocs.yml: {message}"
    assert files() == before


def test_check_languages():
    from generator.locale import check_languages  # here: a missing name fails this test only

    assert check_languages(["fr", "en"]) == check_languages(["de"]) == []
    assert check_languages(["fr", "xx"]) == ["'languages': 'xx' is not a language CLDR knows"]
    assert len(check_languages([])) == len(check_languages("fr")) == len(check_languages(None)) == 1
    assert len(check_languages(["../x", "FR", "und", "fr", "fr", 3])) == 5


# -- 8. the offline bundle: temporary files, one folder, no other host ------------------------------


def dead_pid() -> int:
    """The number of a process that has ended."""
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_offline_bundle_cleans_up_unzips_in_one_folder_and_calls_no_other_host(
        project: SiteProject, tmp_path: Path):
    project.article("a", "fr", "Une carte : ![Carte du front](https://evil.example/carte.png)\n\n"
                               "Et <img src=\"http://tracker.example/pixel.gif\" alt=\"\">.")
    out = tmp_path / "dist" / "site.zip"
    out.parent.mkdir()
    # What a killed run leaves (its process is gone): removed by the next run.
    stale = dead_pid()
    (out.parent / f"site.zip.partial-{stale}-abcd1234").write_bytes(b"PK half a zip")
    (out.parent / f"explainer-build.partial-{stale}-abcd1234" / "site").mkdir(parents=True)
    (out.parent / "keep.txt").write_text("not ours")
    proc = explainer(project, "bundle", "--out", str(out), env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in out.parent.iterdir()) == ["keep.txt", "site.zip"]
    remote = ("would load from another host: the offline bundle shows its alt text instead, "
              "linked to it")
    assert [line for line in proc.stderr.splitlines() if remote in line] == [
        f"content/articles/a/fr.md:8:31: warning: image 'https://evil.example/carte.png' {remote}",
        f"content/articles/a/fr.md:10:14: warning: image 'http://tracker.example/pixel.gif' {remote}",
    ]
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert names and all(name.startswith("site/") for name in names), names[:5]
        page = archive.read("site/fr/explications/a/index.html").decode("utf-8")
    tree = LexborHTMLParser(page)
    assert [img.attributes.get("src") for img in tree.css(".ex-body img")] == []
    assert [(a.text(), a.attributes["href"]) for a in tree.css(".ex-body a.ex-remote-image")] == [
        ("Carte du front", "https://evil.example/carte.png"),
        ("http://tracker.example/pixel.gif", "http://tracker.example/pixel.gif")]
    # A run stopped with SIGTERM removes its temporary files on the way out.
    started = subprocess.Popen([sys.executable, "-m", "generator.cli", "bundle", "--out", str(out)],
                               cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    partial = []
    for _ in range(600):
        partial = [p for p in out.parent.iterdir() if ".partial-" in p.name]
        if partial or started.poll() is not None:
            break
        time.sleep(0.05)
    assert partial, "the bundle made no temporary folder beside its output"
    started.terminate()
    _, err = started.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert sorted(p.name for p in out.parent.iterdir()) == ["keep.txt", "site.zip"]


# -- 6. names Windows reserves --------------------------------------------------------------------


def test_windows_reserved_names_are_refused_as_ids_and_slugs(project: SiteProject):
    project.article("con", "fr", "Texte.")
    project.article("Nul", "fr", "Texte.")
    project.write("articles/a/fr.md", "---\ntitle: Titre\nlang: fr\ndate: 2025-04-10\n"
                  "summary: Résumé.\nslug: prn\n---\n\nTexte.\n")
    project.write("glossary/aux.yml", TERM_FILE.format(fr="aux", en="aux"))
    project.write("participants/com1.yml", "kind: country\niso: FR\n")
    project.write("participants/LPT9.yaml", "kind: country\niso: GB\n")
    reserved = ("is a name Windows reserves for a device (con, prn, aux, nul, com1-com9, "
                "lpt1-lpt9): the site could not be copied or unzipped there; choose another")
    assert reports(explainer(project, "check")) == [
        f"content/articles/Nul:1:1: error: article folder name 'Nul' {reserved}",
        f"content/articles/a/fr.md:6:7: error: 'slug': 'prn' {reserved}",
        f"content/articles/con:1:1: error: article folder name 'con' {reserved}",
        f"content/glossary/aux.yml:1:1: error: file name 'aux' {reserved}",
        f"content/participants/LPT9.yaml:1:1: error: file name 'LPT9' {reserved}",
        f"content/participants/com1.yml:1:1: error: file name 'com1' {reserved}",
    ]
    assert one_error(explainer(project, "new", "term", "nul")) == f"'nul' {reserved}"
    assert not (project.content / "glossary" / "nul.yml").exists()


# -- 7. aliases that would link the wrong words ----------------------------------------------------


def test_aliases_that_would_link_everywhere_are_warned_about(project: SiteProject):
    project.article("a", "fr", "Paris et Washington aux pourparlers.")
    project.write("glossary/pourparlers.yml", """\
        fr:
          term: pourparlers
          aliases: [négociations, aux, "de la", X, "2025"]
          short: Court.
          definition: Définition.
        en:
          term: talks
          aliases: [the, negotiations]
          short: Short.
          definition: Definition.
        """)
    project.write("participants/united-states.yml", """\
        kind: country
        iso: US
        aliases:
          fr: [Washington]
          en: [Washington, US, "-"]
        """)
    project.write("participants/france.yml", "kind: country\niso: FR\naliases: {fr: [Paris], en: [Paris]}\n")
    found = [line for line in reports(explainer(project, "check")) if "alias '" in line]
    frequent = "it would be linked all over the text, whatever its case; remove it or write a longer form"
    assert found == [
        f"content/glossary/pourparlers.yml:3:27: warning: alias 'aux' is one of the most frequent "
        f"words in 'fr' text (Zipf 6.3): {frequent}",
        f"content/glossary/pourparlers.yml:3:32: warning: alias 'de la' is one of the most "
        f"frequent words in 'fr' text (Zipf 7.2): {frequent}",
        "content/glossary/pourparlers.yml:3:41: warning: alias 'X' is a single letter: it would "
        "be linked all over the text; remove it or write a longer form",
        "content/glossary/pourparlers.yml:3:44: warning: alias '2025' has no letter: it would link "
        "every such number or sign in the text; remove it",
        f"content/glossary/pourparlers.yml:8:13: warning: alias 'the' is one of the most frequent "
        f"words in 'en' text (Zipf 7.7): {frequent}",
        f"content/participants/united-states.yml:5:20: warning: alias 'US' is one of the most "
        f"frequent words in 'en' text (Zipf 6.0): {frequent}",
        "content/participants/united-states.yml:5:24: warning: alias '-' has no letter: it would "
        "link every such number or sign in the text; remove it",
    ]


# -- 2 (more). the frontmatter edit on any frontmatter -----------------------------------------------

LINES = st.lists(st.sampled_from(["texte", "---", "...", "- x", "a: b", "# pas un commentaire",
                                  "source_fingerprint: non", "'", "« guillemets »"]),
                 min_size=1, max_size=4)


def _loaded(text: str):
    """The frontmatter's data as generator.load reads it (BOM, line ends, split)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    block, _ = frontmatter.YAMLHandler().split(text)
    return yaml.safe_load(block)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(values=st.lists(st.tuples(st.sampled_from(["|", "|-", "|+", ">", "plain"]), LINES),
                       min_size=1, max_size=4),
       existing=st.sampled_from([None, "abc", "0123456789abcdef  # noté"]),
       position=st.integers(0, 4), newline=st.sampled_from(["\n", "\r\n", "\r"]),
       bom=st.booleans())
def test_frontmatter_edit_changes_only_its_key(values, existing, position, newline, bom):
    from generator.source_edit import with_frontmatter_key  # a new module: this test only

    entries = []  # the lines of each top-level key
    for index, (style, text) in enumerate(values):
        if style == "plain":
            entries.append([f"k{index}: " + '"' + " ".join(text).replace('"', "'") + '"'])
        else:
            entries.append([f"k{index}: {style}", *("  " + line for line in text)])
    if existing is not None:
        entries.insert(min(position, len(entries)), [f"source_fingerprint: {existing}"])
    lines = [line for entry in entries for line in entry]
    text = ("\ufeff" if bom else "") + newline.join(["---", *lines, "---", "", "Le texte.", ""])
    before = _loaded(text)
    after_text = with_frontmatter_key(text, "source_fingerprint", "fedcba9876543210")
    after = _loaded(after_text)
    assert after == {**before, "source_fingerprint": "fedcba9876543210"}
    assert after_text.startswith("\ufeff") == bom
    assert after_text.endswith(newline + "Le texte." + newline)
    # Only the key's own line differs; every other line, and its line end, is as it was.
    old, new = after_text.split(newline), text.split(newline)
    changed = [line for line in old if line not in new]
    assert changed == ["source_fingerprint: fedcba9876543210" + (
        "  # noté" if existing and "#" in existing else "")]
    assert len(old) == len(new) + (0 if existing is not None else 1)


def test_page_paths_never_run_out():
    """1,000 entries whose terms take 'x', 'x-2'… 'x-999' left the entry 'x' without a page
    path (ValueError: no free page path) while explainer check said 0 errors."""
    from generator.model import SiteContent
    from generator.plan import PageKind, PlannedPage, SitePlan, _free_src_uri

    plan = SitePlan(content=SiteContent(languages=("fr",)))
    for uri in ["fr/glossaire/x/index.md",
                *(f"fr/glossaire/x-{n}/index.md" for n in range(2, 1000))]:
        plan.add(PlannedPage(key=("term", uri, "fr"), kind=PageKind.TERM, lang="fr",
                             src_uri=uri, url=uri, title="t"))
    assert _free_src_uri(plan, "fr/glossaire", "con", "x") == "fr/glossaire/x-1000/index.md"


@pytest.mark.parametrize("mode", ["allow", "warn", "error"])
def test_remote_media_option(project: SiteProject, mode: str):
    project.write_config(remote_media=mode)
    project.article("a", "fr", "Texte.\n\n![Carte](https://maps.example.org/carte.png)\n")
    result = project.build(check=False)
    problem = "content/articles/a/fr.md:10:1: {}: this image is loaded from another host"
    if mode == "allow":
        assert result.returncode == 0 and "another host" not in result.stderr
    elif mode == "warn":
        assert result.returncode == 0
        assert problem.format("warning") in result.stderr
    else:
        assert result.returncode == 1
        assert problem.format("error") in result.stderr
