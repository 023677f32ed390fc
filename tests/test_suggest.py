"""`explainer suggest`: candidate participants and terms found in an article and not yet in
the site, with counts and lines; `--write` scaffolds the chosen ones, never overwriting."""

from __future__ import annotations

import subprocess
import sys

from conftest import SEED, SiteProject


def explainer(project: SiteProject, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=project.root,
                          capture_output=True, text=True, timeout=120)


def listed(project: SiteProject, *args: str) -> list[str]:
    done = explainer(project, "suggest", *args)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def seeded(project: SiteProject) -> None:
    """The French source text of the example explainer, with one participant and one term
    of it already in the site."""
    project.article("a", "fr", SEED.read_text(encoding="utf-8"), title="La coalition")
    project.write("participants/ukraine.yml", "kind: country\niso: UA\n")
    project.write("glossary/cessez-le-feu.yml", """
        fr: {term: cessez-le-feu, short: Arrêt des combats., definition: Arrêt des combats.}
        en: {term: ceasefire, short: A halt to fighting., definition: A halt to fighting.}
        """)


def test_countries_names_quoted_and_repeated_phrases_with_counts_and_lines(project: SiteProject):
    seeded(project)
    lines = listed(project, "a")
    assert lines[0] == ("content/articles/a/fr.md: 9 candidates not yet in the site, "
                        "the most useful first")
    assert lines[1:10] == [
        "   1. participant russia (country, RU, CLDR): russe ×2, Russie ×1, Russes ×1; "
        "lines 8, 10, 11, 13",
        "   2. participant france (country, FR, CLDR): France ×2, français ×2; lines 10, 11, 16",
        "   3. participant united-kingdom (country, GB, CLDR): Royaume-Uni ×2; lines 10, 16",
        "   4. participant sebastien-lecornu (person, capitalised name): Sébastien Lecornu ×1, "
        "Lecornu ×1; lines 11, 12",
        "   5. term reassurance (term, quoted): réassurance ×2; lines 13, 16",
        "   6. participant united-states (country, US, CLDR): États-Unis ×1; line 15",
        "   7. participant netherlands (country, NL, CLDR): Pays-Bas ×1; line 16",
        "   8. term armee-ukrainienne (term, repeated phrase): armée ukrainienne ×2; lines 11, 13",
        "   9. term force-de-reassurance (term, quoted): force de réassurance ×1; line 11",
    ]
    # What the site has (Ukraine and its adjectives, « cessez-le-feu ») is not suggested.
    assert not [line for line in lines if "ukraine " in line or "cessez" in line]
    assert lines[10] == ("scaffold them: explainer suggest a --lang fr --write "
                         "russia,france,united-kingdom (or --write all)")


def test_english_names_organisations_and_phrases(project: SiteProject):
    project.article("talks", "en", """
        Keir Starmer met Emmanuel Macron. The peace talks stalled in March.

        According to the Prime Minister, the “coalition of the willing” will meet again, and the
        peace talks would resume.

        Security guarantees were discussed at the North Atlantic Treaty Organization; security
        guarantees matter.
        """, title="Peace talks")
    found = {line.split(". ", 1)[1].split(":")[0] for line in listed(project, "talks")[1:-1]}
    assert found == {
        "term peace-talks (term, repeated phrase)",
        "participant emmanuel-macron (person, capitalised name)",
        "participant keir-starmer (person, capitalised name)",
        "participant prime-minister (organisation, capitalised name)",
        "participant north-atlantic-treaty-organization (organisation, capitalised name)",
        "term coalition-of-the-willing (term, quoted)",
        "term security-guarantees (term, repeated phrase)",
    }
    first = listed(project, "talks")[1]
    assert first == "   1. term peace-talks (term, repeated phrase): peace talks ×3; lines 2, 8, 11"


def test_write_scaffolds_the_chosen_ones_and_never_overwrites(project: SiteProject):
    seeded(project)
    mine = ("# An editor's entry under the id a candidate would take: kept as it is.\n"
            "fr: {term: contre-assurance, short: Une assurance., definition: Une assurance.}\n"
            "en: {term: counter-insurance, short: An insurance., definition: An insurance.}\n")
    taken = project.write("glossary/reassurance.yml", mine)
    done = explainer(project, "suggest", "a", "--write", "france,sebastien-lecornu,reassurance")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"created {project.content / 'participants' / 'france.yml'}",
        f"created {project.content / 'participants' / 'sebastien-lecornu.yml'}"]
    assert done.stderr.splitlines() == [
        f"explainer: error: {taken} already exists; nothing was written"]
    assert taken.read_text(encoding="utf-8") == mine
    taken.unlink()
    person = (project.content / "participants" / "sebastien-lecornu.yml").read_text(encoding="utf-8")
    assert person.startswith("kind: person\nname: Sébastien Lecornu\n")
    assert "iso: FR" in (project.content / "participants" / "france.yml").read_text(encoding="utf-8")

    # What was written is in the site: no longer suggested, and the site checks without error.
    lines = listed(project, "a")
    assert not [line for line in lines if "france" in line or "sebastien-lecornu" in line]
    assert explainer(project, "check").stdout.splitlines()[-1].startswith("explainer check: 0 errors")

    # A name that is not a candidate: nothing is written (exit status 2, as a usage error).
    done = explainer(project, "suggest", "a", "--write", "russia,france,rusia-x")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "explainer: error: 'france' is already in the site",
        "explainer: error: 'rusia-x' is not a candidate of this article (did you mean 'russia'?)"]
    assert not (project.content / "participants" / "russia.yml").exists()

    done = explainer(project, "suggest", "a", "--write", "all")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == len(lines) - 2
    assert listed(project, "a")[0] == ("content/articles/a/fr.md: 0 candidates not yet in the "
                                       "site, the most useful first")
