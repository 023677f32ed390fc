"""The copy desk, second edition: every problem once, with warnings beside errors;
YAML errors in plain words where they are; machine-readable reports."""

from __future__ import annotations

import json
import subprocess

from conftest import SiteProject, explainer


def reported(proc: subprocess.CompletedProcess) -> list[str]:
    return [line for line in proc.stdout.splitlines() if ": error: " in line or ": warning: " in line]


TERM = """\
fr:
  term: {fr}
  short: Courte définition.
  definition: Définition.
en:
  term: {en}
  short: A short definition.
  definition: A definition.
related: {related}
"""


def _term(project: SiteProject, entry_id: str, fr: str, en: str, related: str = "[]") -> None:
    project.write(f"glossary/{entry_id}.yml", TERM.format(fr=fr, en=en, related=related))


# -- all problems, once each -------------------------------------------------------------------


def test_bad_date_and_mistyped_field_are_both_reported(project: SiteProject):
    path = project.article("a", "fr", "Un texte.")
    path.write_text(path.read_text().replace("date: 2025-04-10", "date: 2025-13-45\ntitel: x"))
    proc = explainer(project, "check")
    assert reported(proc) == [
        "content/articles/a/fr.md:4:7: error: invalid date '2025-13-45': month must be in 1..12",
        "content/articles/a/fr.md:5:1: error: unknown field 'titel' (did you mean 'title'?)",
    ]
    assert proc.stdout.splitlines()[-1] == "explainer check: 2 errors, 0 warnings"
    assert proc.returncode == 1


def test_warnings_are_reported_beside_errors(project: SiteProject):
    # An error in one article; another has no English version and an English word.
    project.article("a", "fr", "Un texte.").write_text("---\ntitle: [\n---\n")
    project.article("b", "fr", "Les pays ont manifesté leur willingness.")
    proc = explainer(project, "check")
    found = reported(proc)
    assert [line for line in found if ": error: " in line] == [
        line for line in found if line.startswith("content/articles/a/fr.md")]
    assert "content/articles/b/fr.md:1:1: warning: article 'b' has no 'en' version; the en site " \
           "lists it in fr with a notice" in found
    assert any(line.startswith("content/articles/b/fr.md:8:29:") and "'willingness' looks English" in line
               for line in found)
    assert proc.stdout.splitlines()[-1] == "explainer check: 1 error, 2 warnings"
    # A build stops with the same summary.
    result = project.build(check=False)
    assert "content has 1 error, 2 warnings; nothing was built" in result.stderr


def test_the_text_of_a_file_with_an_error_is_still_read(project: SiteProject):
    path = project.article("a", "fr", "Les pays ont manifesté leur willingness.")
    path.write_text(path.read_text().replace("summary: Résumé.", "summary: Résumé.\nsumary: x"))
    found = reported(explainer(project, "check"))
    assert found[0] == "content/articles/a/fr.md:6:1: error: unknown field 'sumary' (did you mean 'summary'?)"
    assert "'willingness' looks English in a French text" in found[1]
    assert len(found) == 2


def test_a_mistyped_glossary_field_is_one_error_not_a_cascade(project: SiteProject):
    project.article("a", "fr", "La dissuasion et la riposte.")
    _term(project, "dissuasion", "dissuasion", "deterrence")
    for index in range(7):
        _term(project, f"riposte-{index}", f"riposte {index}", f"response {index}", "[dissuasion]")
    broken = project.content / "glossary/dissuasion.yml"
    broken.write_text(broken.read_text().replace("  short: Courte", "  shrot: Courte"))
    proc = explainer(project, "check")
    errors = [line for line in reported(proc) if ": error: " in line]
    assert errors == [
        "content/glossary/dissuasion.yml:3:3: error: unknown field 'fr.shrot' (did you mean 'short'?)"]


def test_a_participant_with_an_error_still_exists_for_articles(project: SiteProject):
    project.write("participants/france.yml", "kind: country\niso: FRA\n")
    for article_id in ("a", "b", "c"):
        path = project.article(article_id, "fr", "La France.")
        path.write_text(path.read_text().replace("summary: Résumé.",
                                                 "summary: Résumé.\nparticipants:\n  - id: france"))
    project.write("participants/europe.yml",
                  "kind: group\nname: {fr: Europe, en: Europe}\nmembers: [france]\n")
    errors = [line for line in reported(explainer(project, "check")) if ": error: " in line]
    assert errors == [
        "content/participants/france.yml:2:6: error: 'iso' must be a two-letter ISO 3166-1 code, "
        "not 'FRA'"]


def test_order_is_file_line_column(project: SiteProject):
    project.article("b", "fr", "Texte.").write_text("---\ntitle: [\n---\n")
    path = project.article("a", "fr", "Texte.")
    path.write_text(path.read_text().replace("lang: fr", "lang: fr\nzzz: 1\naaa: 2"))
    found = reported(explainer(project, "check"))
    keys = []
    for line in found:
        path_, line_, column, _ = line.split(":", 3)
        keys.append((path_, int(line_), int(column)))
    assert keys == sorted(keys) and len(keys) == 3


def test_json_and_github_formats(project: SiteProject):
    path = project.article("a", "fr", "Un texte, avec willingness.")
    path.write_text(path.read_text().replace("summary: Résumé.", "summary: Résumé.\nsumary: 1,2%"))
    proc = explainer(project, "check", "--format", "json")
    assert proc.returncode == 1
    items = [json.loads(line) for line in proc.stdout.splitlines()]
    assert items[0] == {"path": "content/articles/a/fr.md", "line": 6, "column": 1, "level": "error",
                        "message": "unknown field 'sumary' (did you mean 'summary'?)"}
    assert [item["level"] for item in items] == ["error", "warning"]
    assert set(items[1]) == {"path", "line", "column", "level", "message"}
    proc = explainer(project, "check", "--format", "github")
    lines = proc.stdout.splitlines()
    assert lines[0] == ("::error file=content/articles/a/fr.md,line=6,col=1::"
                        "unknown field 'sumary' (did you mean 'summary'?)")
    assert lines[1].startswith("::warning file=content/articles/a/fr.md,line=")
    assert lines[-1] == "::notice::explainer check: 1 error, 1 warning"


# -- YAML errors in plain words, where the problem is -------------------------------------------

YAML_CASES = {
    "unclosed-quote": (
        'title: "Titre\nlang: fr\ndate: 2025-04-10\nsummary: "Résumé."\n',
        "2:8: error: this quote is never closed: end the text with \" on the same line "
        "(YAML: expected <block end>, but found '<scalar>', at line 5)"),
    "colon-in-value": (
        "title: Trêve : ce qui change\nlang: fr\ndate: 2025-04-10\nsummary: Résumé.\n",
        "2:14: error: a ': ' inside a value: put the whole value in quotes "
        "(YAML: mapping values are not allowed here)"),
    "colon-in-value-tight": (
        "title: Trêve: ce qui change\nlang: fr\ndate: 2025-04-10\nsummary: Résumé.\n",
        "2:13: error: a ': ' inside a value: put the whole value in quotes "
        "(YAML: mapping values are not allowed here)"),
    "over-indented": (
        "title: Titre\n  lang: fr\ndate: 2025-04-10\nsummary: Résumé.\n",
        "3:3: error: this line is indented more than the one before: fields of the same level "
        "start in the same column (YAML: mapping values are not allowed here, at line 3)"),
    "tab": (
        "title: Titre\n\tlang: fr\ndate: 2025-04-10\nsummary: Résumé.\n",
        "3:1: error: a tab: YAML indents with spaces only "
        "(YAML: found character '\\t' that cannot start any token)"),
    "text-after-quote": (
        'title: "Titre" suite\nlang: fr\ndate: 2025-04-10\nsummary: Résumé.\n',
        "2:16: error: text after the closing quote: put the whole value in quotes, or none of it "
        "(YAML: expected <block end>, but found '<scalar>')"),
}


def test_yaml_errors_in_plain_words_where_they_are(project: SiteProject):
    for name, (frontmatter, _) in YAML_CASES.items():
        project.write(f"articles/{name}/fr.md", "---\n" + frontmatter + "---\n\nTexte.\n")
    found = [line for line in reported(explainer(project, "check")) if ": error: " in line]
    expected = sorted(f"content/articles/{name}/fr.md:{message}"
                      for name, (_, message) in YAML_CASES.items())
    assert found == expected
    result = project.build(check=False)
    assert result.error_lines == expected


# -- scaffolding asks for what it cannot guess; what it leaves is "not yet written" ------------


def test_new_participant_asks_for_its_kind_and_country_code(project: SiteProject):
    proc = explainer(project, "new", "participant", "nato")
    assert proc.returncode == 1
    assert "what is 'nato'? say it with --kind (country, person, organisation, group)" in proc.stderr
    assert not (project.content / "participants/nato.yml").exists()
    proc = explainer(project, "new", "participant", "nato", "--kind", "country")
    assert "which country is 'nato'? give its ISO 3166-1 code with --iso" in proc.stderr
    assert not (project.content / "participants/nato.yml").exists()
    # A country's id that is its name is enough.
    assert explainer(project, "new", "participant", "france", "--kind", "country").returncode == 0
    assert "iso: FR\n" in (project.content / "participants/france.yml").read_text()
    assert explainer(project, "new", "participant", "nato", "--kind", "organisation").returncode == 0


def test_new_term_writes_the_term_as_given(project: SiteProject):
    proc = explainer(project, "new", "term", "depenses-militaires", "--term", "dépenses militaires")
    assert proc.returncode == 0, proc.stderr
    text = (project.content / "glossary/depenses-militaires.yml").read_text()
    assert "fr:\n  term: dépenses militaires\n" in text


def test_what_the_scaffolding_wrote_is_not_yet_written(project: SiteProject):
    assert explainer(project, "new", "article", "treve", "--title", "Trêve").returncode == 0
    assert explainer(project, "new", "term", "treve", "--term", "trêve").returncode == 0
    assert explainer(project, "new", "participant", "lecornu", "--kind", "person").returncode == 0
    assert explainer(project, "translate", "treve", "--to", "en").returncode == 0
    proc = explainer(project, "check")
    assert proc.returncode == 0
    found = reported(proc)
    expected = [
        "content/articles/treve/en.md:2:8: warning: 'title' is not yet translated: it is the same "
        "as in fr.md",
        "content/articles/treve/en.md:5:10: warning: 'summary' is not yet written: it is the "
        "placeholder of 'explainer new'",
        "content/articles/treve/fr.md:5:10: warning: 'summary' is not yet written: it is the "
        "placeholder of 'explainer new'",
        "content/articles/treve/fr.md:8:1: warning: the text is not yet written: it is the "
        "placeholder of 'explainer new'",
        "content/glossary/treve.yml:4:10: warning: 'fr.short' is not yet written: it is the "
        "placeholder of 'explainer new term'",
        "content/glossary/treve.yml:9:9: warning: 'en.term' is not yet translated: it is the "
        "placeholder of 'explainer new term'",
        "content/participants/lecornu.yml:4:7: warning: 'role.fr' is not yet written: it is the "
        "placeholder of 'explainer new participant'",
    ]
    for line in expected:
        assert line in found
    assert any(line.startswith("content/articles/treve/en.md:") and "the note of 'explainer "
               "translate' is still there" in line for line in found)
    # Not a French text with English words: the placeholder is reported once.
    assert not any("looks English" in line for line in found if "treve/fr.md" in line)
    strict = explainer(project, "check", "--strict")
    assert strict.returncode == 1
    assert [line.replace(": error: ", ": warning: ") for line in reported(strict)
            if ": error: " in line] == [line for line in found if "not yet" in line]
    # A strict build stops on them as errors; a build without --strict goes through.
    result = project.build("--strict", check=False)
    assert result.returncode != 0
    assert "content/articles/treve/fr.md:5:10: error: 'summary' is not yet written" in result.stderr
    project.build()


# -- the language of every field -----------------------------------------------------------------

FR_PARAGRAPH = ("Les pays ont manifesté leur volonté de soutenir l’Ukraine dans la durée, "
                "selon plusieurs diplomates présents à la réunion.")


def test_every_field_is_read_for_its_language(project: SiteProject):
    path = project.article("a", "en", "A text about the meeting.")
    path.write_text(path.read_text().replace(
        "summary: Summary.",
        "summary: Summary.\nkey_facts:\n  - The leaders met with willingness and gardé calm.\n"
        "unknowns:\n  - Whether the plan survives.\n"
        "timeline:\n  - date: 2025-04-10\n    event: Réunion des ministres à Bruxelles\n"))
    project.write("glossary/treve.yml", TERM.format(fr="trêve", en="truce", related="[]").replace(
        "  short: A short definition.", "  short: A pause in the fighting, sans garanties."))
    project.write("participants/nato.yml",
                  "kind: organisation\nname: {fr: OTAN, en: NATO}\n"
                  "description:\n  fr: Alliance militaire.\n  en: A military alliance, toujours.\n")
    found = reported(explainer(project, "check"))
    assert "content/articles/a/en.md:7:42: warning: 'gardé' looks French in the English " \
           "'key_facts.0' (if it is an accepted borrowing, add it to the plugin's allow_words)" in found
    assert any(line.startswith("content/articles/a/en.md:12:") and "'timeline.0.event' is in "
               "French, not English: not yet translated" in line for line in found)
    assert any(line.startswith("content/glossary/treve.yml:7:") and "'garanties' looks French in "
               "the English 'en.short'" in line for line in found)
    assert any(line.startswith("content/participants/nato.yml:5:") and "'toujours' looks French "
               "in the English 'description.en'" in line for line in found)


def test_an_untranslated_paragraph_is_reported_once(project: SiteProject):
    project.article("a", "fr", f"{FR_PARAGRAPH}\n\nUn deuxième paragraphe.")
    project.article("a", "en", f"A first paragraph in English.\n\n{FR_PARAGRAPH}",
                    translation_of="fr")
    found = [line for line in reported(explainer(project, "check")) if "en.md" in line
             and ("looks French" in line or "not yet translated" in line)]
    assert found == ["content/articles/a/en.md:11:1: warning: this paragraph is in French, not "
                     "English: not yet translated (10 French words)"]


def test_other_languages_terms_are_not_silently_allowed(project: SiteProject):
    # 'peacekeeping' is an English alias of an entry that links only where an editor
    # says so: in French text it is an English word, no longer allowed as a form.
    project.write("glossary/maintien.yml", TERM.format(
        fr="maintien de la paix", en="peacekeeping", related="[]") + "link: explicit\n")
    project.article("a", "fr", "Le [maintien de la paix](term:maintien) est un peacekeeping.")
    found = reported(explainer(project, "check"))
    assert any("'peacekeeping' looks English in a French text" in line for line in found), found
    # Marked as English by the editor, it is expected.
    project.article("a", "fr", "Le [maintien de la paix](term:maintien) est un "
                               "*peacekeeping*{lang=en}.")
    found = reported(explainer(project, "check"))
    assert not any("peacekeeping" in line for line in found), found


def test_parts_of_a_participants_name_are_names(project: SiteProject):
    project.write("participants/sebastien-lecornu.yml",
                  "kind: person\nname: Sébastien Lecornu\nrole: {fr: ministre, en: minister}\n")
    project.article("a", "en", "Sébastien said the troops were ready. The minister agreed.")
    found = reported(explainer(project, "check"))
    assert not any("Sébastien" in line for line in found), found


def test_words_the_linker_marks_as_another_language_are_expected(project: SiteProject):
    project.write("glossary/maintien.yml", TERM.format(
        fr="maintien de la paix", en="peacekeeping", related="[]"))
    project.article("a", "fr", "Les alliés parlent de peacekeeping, pas de combat.")
    result = project.build()
    link = result.html("fr/explications/a/").css_first("a[lang=en]")
    assert link is not None and link.text() == "peacekeeping"
    found = reported(explainer(project, "check"))
    assert not any("peacekeeping" in line for line in found), found
