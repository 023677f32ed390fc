"""Editor workflow: explainer check, staleness round trip, parity, scaffolding, schemas."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


from conftest import REPO, SiteProject, explainer, text_of

from generator import schema


def lines(proc: subprocess.CompletedProcess) -> list[str]:
    return [line for line in proc.stdout.splitlines() if ": error: " in line or ": warning: " in line]


def bilingual(project: SiteProject, fr_body: str = "Un texte.", en_body: str = "A text.") -> None:
    project.article("a", "fr", fr_body)
    project.article("a", "en", en_body, translation_of="fr")


def test_check_exit_codes_and_summary(project: SiteProject):
    bilingual(project)
    proc = explainer(project, "check")
    # The translation records no fingerprint yet: one warning, exit 0; --strict fails.
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[-1] == "explainer check: 0 errors, 1 warning"
    assert explainer(project, "check", "--strict").returncode == 1
    project.article("b", "fr", "Texte.").write_text("---\ntitle: [\n---\n")
    proc = explainer(project, "check")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr


def test_staleness_round_trip(project: SiteProject):
    bilingual(project)
    assert explainer(project, "reviewed", "a", "--lang", "en").returncode == 0
    assert lines(explainer(project, "check")) == []
    assert not project.build().html("en/explainers/a/").css(".ex-notice--stale")

    original = project.content / "articles/a/fr.md"
    original.write_text(original.read_text().replace("Un texte.", "Un texte corrigé."))
    found = lines(explainer(project, "check"))
    # `reviewed` kept the original as it was: the notice names what changed since.
    assert found == ["content/articles/a/en.md:7:21: warning: en.md is stale: paragraph 1 changed "
                     "in fr.md since translation (see 'explainer diff a --lang en'; once updated, "
                     "run 'explainer reviewed a --lang en')"]
    notice = project.build().html("en/explainers/a/").css_first(".ex-notice--stale")
    assert "may be out of date" in text_of(notice)
    assert not project.build().html("fr/explications/a/").css(".ex-notice--stale")

    translation = project.content / "articles/a/en.md"
    before = translation.read_text()
    assert explainer(project, "reviewed", "a", "--lang", "en").returncode == 0
    after = translation.read_text()
    assert lines(explainer(project, "check")) == []
    # Only the fingerprint line changed.
    changed = [(x, y) for x, y in zip(before.splitlines(), after.splitlines()) if x != y]
    assert len(changed) == 1 and changed[0][0].startswith("source_fingerprint:")
    assert not project.build().html("en/explainers/a/").css(".ex-notice--stale")


def test_fingerprint_ignores_bookkeeping_fields(project: SiteProject):
    bilingual(project)
    explainer(project, "reviewed", "a", "--lang", "en")
    original = project.content / "articles/a/fr.md"
    original.write_text(original.read_text().replace("date: 2025-04-10", "date: 2025-04-11"))
    assert lines(explainer(project, "check")) == []


def test_missing_language_is_a_warning_and_a_notice(project: SiteProject):
    project.article("solo", "fr", "Seulement en français.", title="Solitaire")
    found = lines(explainer(project, "check"))
    assert found == ["content/articles/solo/fr.md:1:1: warning: article 'solo' has no 'en' version; "
                     "the en site lists it in fr with a notice"]
    html = project.build().html("en/")
    item = html.css_first(".ex-article-list--untranslated li")
    link = item.css_first("a")
    assert (text_of(link), link.attributes["lang"]) == ("Solitaire", "fr")
    assert text_of(item.css_first(".ex-notice")) == "Available in French only."


def test_parity_report(project: SiteProject):
    project.write("glossary/cessez-le-feu.yml", """
        fr: {term: cessez-le-feu, short: Arrêt., definition: Arrêt.}
        en: {term: ceasefire, short: Halt., definition: Halt.}
        """)
    project.write("participants/russia.yml", "kind: country\niso: RU\n")
    project.article("a", "fr", "## Titre\n\nLe cessez-le-feu et la Russie.")
    project.article("a", "en", "Russia only.", translation_of="fr")
    explainer(project, "reviewed", "a", "--lang", "en")
    assert lines(explainer(project, "check")) == [
        "content/articles/a/en.md:1:1: warning: en.md has 0 heading(s) but fr.md has 1",
        "content/articles/a/en.md:1:1: warning: term 'ceasefire' appears in fr.md but not in en.md",
    ]


def test_unused_entries_are_warnings(project: SiteProject):
    project.write("glossary/treve.yml", """
        fr: {term: trêve, short: Pause., definition: Pause.}
        en: {term: truce, short: Pause., definition: Pause.}
        """)
    project.write("participants/chile.yml", "kind: country\niso: CL\n")
    project.article("a", "fr", "Rien.")
    found = [line for line in lines(explainer(project, "check")) if "not used" in line or "not mentioned" in line]
    assert found == [
        "content/glossary/treve.yml:1:1: warning: glossary entry 'treve' is not used by any article",
        "content/participants/chile.yml:1:1: warning: participant 'chile' is not mentioned by any article",
    ]


# -- scaffolding ----------------------------------------------------------------------------


def test_scaffolding_creates_valid_files_and_never_overwrites(project: SiteProject):
    assert explainer(project, "new", "article", "tregua", "--title", "Trêve").returncode == 0
    assert explainer(project, "new", "term", "treve").returncode == 0
    assert explainer(project, "new", "participant", "chile", "--kind", "country", "--iso", "CL").returncode == 0
    created = project.content / "articles/tregua/fr.md"
    before = created.read_text()
    again = explainer(project, "new", "article", "tregua")
    assert again.returncode == 1
    assert "already exists; nothing was written" in again.stderr
    assert created.read_text() == before
    assert explainer(project, "translate", "tregua", "--to", "en").returncode == 0
    translation = project.content / "articles/tregua/en.md"
    assert "translation_of: fr" in translation.read_text()
    again = explainer(project, "translate", "tregua", "--to", "en")
    assert again.returncode == 1 and "already exists" in again.stderr
    # Everything scaffolded validates; the only remarks are editorial.
    errors = [line for line in lines(explainer(project, "check")) if ": error: " in line]
    assert errors == []
    assert explainer(project, "new", "article", "../escape").returncode == 1
    assert not (project.root / "escape").exists()


def test_scaffolding_dossiers_and_authors(project: SiteProject):
    project.article("a", "fr", "Texte.")
    assert explainer(project, "new", "dossier", "guerre-en-ukraine").returncode == 0
    assert explainer(project, "new", "author", "marie-dupont").returncode == 0
    dossier = project.content / "dossiers/guerre-en-ukraine.yml"
    author = project.content / "authors/marie-dupont.yml"
    before = dossier.read_text(), author.read_text()
    assert "name: Marie Dupont" in before[1]
    for what, ident in (("dossier", "guerre-en-ukraine"), ("author", "marie-dupont")):
        again = explainer(project, "new", what, ident)
        assert again.returncode == 1 and "already exists; nothing was written" in again.stderr
    assert (dossier.read_text(), author.read_text()) == before
    # They validate; what is left to write is reported, an error under --strict.
    found = lines(explainer(project, "check"))
    assert not [line for line in found if ": error: " in line]
    assert ("content/dossiers/guerre-en-ukraine.yml:2:10: warning: 'fr.title' is not yet written: "
            "it is the placeholder of 'explainer new dossier'") in found
    assert ("content/authors/marie-dupont.yml:3:9: warning: 'fr.role' is not yet written: it is "
            "the placeholder of 'explainer new author'") in found
    strict = lines(explainer(project, "check", "--strict"))
    assert any("authors/marie-dupont.yml:5:9: error: 'en.role' is not yet written" in line
               for line in strict)


def test_translate_records_the_fingerprint(project: SiteProject):
    project.article("a", "fr", "Texte à traduire.")
    explainer(project, "translate", "a", "--to", "en")
    found = lines(explainer(project, "check"))
    assert not [line for line in found if "stale" in line or "fingerprint" in line]
    # Until it is translated, the copied French text is flagged in the English file.
    assert any("content/articles/a/en.md:12:1: warning: 'Texte' looks French in an English text"
               in line for line in found)


# -- schemas ----------------------------------------------------------------------------------


def test_committed_schemas_are_up_to_date(tmp_path: Path):
    written = schema.write_schemas(tmp_path, ("fr", "en"))
    for path in written:
        assert (REPO / "schemas" / path.name).read_text() == path.read_text(), (
            f"schemas/{path.name} is outdated: run 'explainer schema'")


def test_schema_validates_the_example_glossary_shape():
    data = json.loads((REPO / "schemas" / "glossary-entry.schema.json").read_text())
    assert data["required"] == ["fr", "en"]
    assert data["properties"]["fr"]["$ref"] == "#/$defs/TermText"
    article = json.loads((REPO / "schemas" / "article.schema.json").read_text())
    assert set(article["required"]) == {"title", "lang", "date", "summary"}


def test_example_site_check_reports_the_seed_english_word():
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "check"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0
    path = REPO / "content/articles/coalition-ukraine-2025-04-10/fr.md"
    line_number, line = next((n, text) for n, text in enumerate(path.read_text().splitlines(), 1)
                             if "willingness" in text)
    column = line.index("willingness") + 1
    assert proc.stdout.splitlines() == [
        f"content/articles/coalition-ukraine-2025-04-10/fr.md:{line_number}:{column}: warning: "
        "'willingness' looks English in a French text (if it is an accepted borrowing, add it to "
        "the plugin's allow_words)",
        "explainer check: 0 errors, 1 warning",
    ]


def test_allow_words_silences_an_accepted_borrowing(project: SiteProject):
    project.article("a", "fr", "Les pays ont manifesté leur willingness.")
    assert any("willingness" in line for line in lines(explainer(project, "check")))
    project.write_config(allow_words="[willingness]")
    assert not any("willingness" in line for line in lines(explainer(project, "check")))
