"""Glossary: entries, linking in article text, glossary and term pages, bad input."""

from __future__ import annotations

import json
import posixpath

import pytest

from conftest import BuildResult, SiteProject, text_of

ARTICLE = "coalition-ukraine-2025-04-10"


def resolve(page: str, href: str) -> str:
    target = posixpath.normpath(posixpath.join(page, href.split("#")[0]))
    return "" if target == "." else target + "/"


ENTRIES = {
    "force-de-reassurance": """
        fr:
          term: force de réassurance
          aliases: [forces de réassurance]
          short: Force déployée pour rassurer un pays et dissuader une attaque.
          definition: |
            Une **force de réassurance** est déployée loin du front.

            Second paragraphe.
        en:
          term: reassurance force
          aliases: [reassurance forces]
          short: A force deployed to reassure a country and deter an attack.
          definition: A **reassurance force** is deployed away from the front line.
        related: [cessez-le-feu]
        """,
    "cessez-le-feu": """
        fr: {term: cessez-le-feu, short: Arrêt des combats convenu entre les parties., definition: Arrêt des combats.}
        en: {term: ceasefire, short: A halt to the fighting agreed by the parties., definition: A halt.}
        """,
    "etat-major": """
        fr: {term: état-major, short: Direction militaire., definition: Direction.}
        en: {term: general staff, short: Military leadership., definition: Leadership.}
        """,
    "ecart": """
        fr: {term: écart, short: Une différence., definition: Différence.}
        en: {term: gap, short: A difference., definition: Difference.}
        """,
    "zone-tampon": """
        fr: {term: Zone tampon, short: Zone entre deux armées., definition: Zone.}
        en: {term: buffer zone, short: Area between two armies., definition: Area.}
        """,
    "dissuasion": """
        fr: {term: dissuasion, aliases: [dissuader], short: Empêcher une attaque par la menace., definition: Dissuasion.}
        en: {term: deterrence, aliases: [deter], short: Preventing an attack by threat., definition: Deterrence.}
        """,
}


def glossary_project(project: SiteProject, **options: str) -> SiteProject:
    for entry_id, text in ENTRIES.items():
        project.write(f"glossary/{entry_id}.yml", text)
    project.write_config(**options)
    return project


def refs(page, kind: str = "term") -> list:
    return page.css(f"a.ex-ref--{kind}")


# -- the example site --------------------------------------------------------------------


@pytest.mark.parametrize("page, term_page", [
    (f"fr/explications/{ARTICLE}/", "fr/glossaire/force-de-reassurance/"),
    (f"en/explainers/{ARTICLE}/", "en/glossary/reassurance-force/"),
])
def test_seed_first_reassurance_force_links_to_term_page(example_site: BuildResult, page, term_page):
    html = example_site.html(page)
    links = [a for a in refs(html) if resolve(page, a.attributes["href"]) == term_page]
    assert len(links) == 1
    # The first mention, in the second paragraph, is the linked one.
    paragraph = html.css(".ex-body p")[1]
    assert links[0] in paragraph.css("a.ex-ref--term")
    assert "réassurance" in links[0].text() or "reassurance" in links[0].text()


def test_example_glossary_has_ten_entries_in_both_languages(example_site: BuildResult):
    fr = example_site.html("fr/glossaire/").css(".ex-glossary-list dt a")
    en = example_site.html("en/glossary/").css(".ex-glossary-list dt a")
    assert len(fr) >= 10 and len(fr) == len(en)


def test_example_article_has_key_terms(example_site: BuildResult):
    page = f"fr/explications/{ARTICLE}/"
    html = example_site.html(page)
    linked = [resolve(page, a.attributes["href"]) for a in refs(html)]
    key_terms = [resolve(page, a.attributes["href"]) for a in html.css(".ex-key-terms a.ex-chip")]
    assert key_terms == linked
    assert "fr/glossaire/force-de-reassurance/" in key_terms


# -- matching ----------------------------------------------------------------------------


def test_guillemets_inside_a_term_still_match(project: SiteProject):
    glossary_project(project)
    project.article("a", "fr", "Les détails de cette force de « réassurance » demeurent flous.")
    result = project.build()
    links = refs(result.html("fr/explications/a/"))
    assert [text_of(a) for a in links] == ["force de « réassurance »"]
    assert text_of(result.html("fr/explications/a/").css_first(".ex-body p")) == \
        "Les détails de cette force de « réassurance » demeurent flous."


@pytest.mark.parametrize("variant", [
    "FORCE DE RÉASSURANCE",                       # case
    "force de re\u0301assurance",                 # decomposed accent (NFD)
    "force\u00a0de\u202fréassurance",              # no-break spaces
    "forces de réassurance",                      # alias
])
def test_matching_ignores_case_accents_form_and_spaces(project: SiteProject, variant: str):
    glossary_project(project)
    project.article("a", "fr", f"Le débat sur la {variant} continue.")
    links = refs(project.build().html("fr/explications/a/"))
    assert len(links) == 1
    assert links[0].attributes["href"].endswith("glossaire/force-de-reassurance/")


def test_apostrophe_styles_match(project: SiteProject):
    project.write("glossary/otan.yml", """
        fr: {term: "aujourd'hui", short: Ce jour., definition: Ce jour.}
        en: {term: today, short: This day., definition: This day.}
        """)
    project.article("a", "fr", "Il est question d’aujourd’hui et d'aujourd'hui.", )
    project.write_config(link="all")
    links = refs(project.build().html("fr/explications/a/"))
    # Both spellings link; French typography then prints both with ’.
    assert [text_of(a) for a in links] == ["aujourd’hui", "aujourd’hui"]


def test_never_links_inside_code_links_headings_or_attributes(project: SiteProject):
    glossary_project(project, link="all")
    project.article("a", "fr", """
        ## Le cessez-le-feu en question

        Un `cessez-le-feu` de code, un [cessez-le-feu](https://example.org/) lien,
        ![cessez-le-feu](image.png) et <abbr title="cessez-le-feu">CLF</abbr>.

            cessez-le-feu dans un bloc de code

        Enfin un cessez-le-feu libre.
        """)
    html = project.build().html("fr/explications/a/")
    links = refs(html)
    assert [text_of(a) for a in links] == ["cessez-le-feu"]
    assert links[0].parent.text().startswith("Enfin")
    assert html.css_first(".ex-body img").attributes["alt"] == "cessez-le-feu"
    assert html.css_first(".ex-body abbr").attributes["title"] == "cessez-le-feu"
    assert not html.css(".ex-body h2 a.ex-ref, .ex-body code a, .ex-body pre a")


def test_only_first_occurrence_by_default_and_all_when_configured(project: SiteProject):
    glossary_project(project)
    project.article("a", "fr", "Un cessez-le-feu, puis un autre cessez-le-feu.")
    assert len(refs(project.build().html("fr/explications/a/"))) == 1
    project.write_config(link="all")
    assert len(refs(project.build().html("fr/explications/a/"))) == 2


def test_explicit_annotation_forces_a_link(project: SiteProject):
    glossary_project(project)
    project.article("a", "fr", "Les ministres veulent [ce dispositif](term:force-de-reassurance) rapidement.")
    links = refs(project.build().html("fr/explications/a/"))
    assert [text_of(a) for a in links] == ["ce dispositif"]
    assert links[0].attributes["href"].endswith("glossaire/force-de-reassurance/")


def test_foreign_term_is_marked_with_its_language(project: SiteProject):
    glossary_project(project)
    project.article("a", "fr", "Texte.")
    project.article("a", "en", "The French call it a « force de réassurance », a reassurance force.",
                    translation_of="fr")
    links = refs(project.build().html("en/explainers/a/"))
    assert [(text_of(a), a.attributes.get("lang")) for a in links] == [
        ("force de réassurance", "fr")]
    assert links[0].attributes["href"].endswith("glossary/reassurance-force/")


def test_tooltip_holds_the_short_definition_in_the_page_language(project: SiteProject):
    glossary_project(project)
    project.article("a", "fr", "Un cessez-le-feu.")
    project.article("a", "en", "A ceasefire.", translation_of="fr")
    result = project.build()
    for page, short in (("fr/explications/a/", "Arrêt des combats convenu entre les parties."),
                        ("en/explainers/a/", "A halt to the fighting agreed by the parties.")):
        html = result.html(page)
        link = refs(html)[0]
        tip = html.css_first(f'#{link.attributes["aria-describedby"]}')
        assert tip.attributes["role"] == "tooltip"
        assert text_of(tip.css_first(".ex-tip__text")) == short


# -- pages ---------------------------------------------------------------------------------


def test_glossary_index_follows_french_collation(project: SiteProject):
    glossary_project(project)
    project.article("a", "fr", "Texte.")
    html = project.build().html("fr/glossaire/")
    terms = [text_of(a) for a in html.css(".ex-glossary-list dt a")]
    assert terms == ["cessez-le-feu", "dissuasion", "écart", "état-major", "force de réassurance",
                     "Zone tampon"]
    letters = [text_of(a) for a in html.css(".ex-letters a")]
    assert letters == ["C", "D", "E", "F", "Z"]
    e_section = html.css_first("#letter-E").parent
    assert [text_of(a) for a in e_section.css("dt a")] == ["écart", "état-major"]


def test_term_page_has_definition_equivalent_related_and_backlinks(project: SiteProject):
    glossary_project(project)
    project.article("uses", "fr", "Une force de réassurance.", title="Article qui l’emploie",
                    date="2025-04-10")
    project.article("uses", "en", "A reassurance force.", title="Article using it",
                    translation_of="fr")
    project.article("newer", "fr", "Les forces de réassurance.", title="Plus récent",
                    date="2025-05-01")
    project.article("other", "fr", "Rien à voir.", title="Sans rapport")
    result = project.build()
    page = "fr/glossaire/force-de-reassurance/"
    html = result.html(page)
    assert text_of(html.css_first("h1")) == "force de réassurance"
    assert html.css_first(".ex-definition strong").text() == "force de réassurance"
    assert len(html.css(".ex-definition p")) == 2
    equivalent = html.css_first(".ex-equivalents a")
    assert (text_of(equivalent), equivalent.attributes["lang"]) == ("reassurance force", "en")
    assert resolve(page, equivalent.attributes["href"]) == "en/glossary/reassurance-force/"
    related = [resolve(page, a.attributes["href"]) for a in html.css(".ex-related a")]
    assert related == ["fr/glossaire/cessez-le-feu/"]
    backlinks = [resolve(page, a.attributes["href"]) for a in html.css(".ex-backlinks a")]
    assert backlinks == ["fr/explications/newer/", "fr/explications/uses/"]
    en_backlinks = [a.attributes["href"] for a in result.html("en/glossary/reassurance-force/")
                    .css(".ex-backlinks a")]
    assert len(en_backlinks) == 1


def test_structured_data(project: SiteProject):
    glossary_project(project)
    project.article("a", "fr", "Texte.")
    project.write_config(site_url="https://example.org/")
    result = project.build()
    index = json.loads(result.html("fr/glossaire/").css_first(
        'script[type="application/ld+json"]').text())
    assert index["@type"] == "DefinedTermSet"
    assert index["inLanguage"] == "fr"
    assert {term["name"] for term in index["hasDefinedTerm"]} >= {"force de réassurance", "écart"}
    term = json.loads(result.html("en/glossary/reassurance-force/").css_first(
        'script[type="application/ld+json"]').text())
    assert term["@type"] == "DefinedTerm"
    assert term["name"] == "reassurance force"
    assert term["url"] == "https://example.org/en/glossary/reassurance-force/"
    assert term["inDefinedTermSet"]["@type"] == "DefinedTermSet"


# -- bad input -------------------------------------------------------------------------------


def test_unknown_explicit_reference_is_an_error_with_did_you_mean(project: SiteProject):
    glossary_project(project)
    project.article("a", "fr", "Une phrase.\n\nVoir [ceci](term:cesez-le-feu) ici.")
    result = project.build(check=False)
    assert result.returncode != 0
    assert result.error_lines == [
        "content/articles/a/fr.md:10:13: error: unknown glossary entry 'cesez-le-feu' "
        "(did you mean 'cessez-le-feu'?)"]


def test_glossary_bad_input(project: SiteProject):
    project.article("a", "fr", "Texte.")
    project.write("glossary/alpha.yml", """
        fr: {term: alpha, short: Un., definition: Un.}
        en: {term: alpha, short: One., definition: One.}
        related: [betta]
        """)
    project.write("glossary/beta.yml", """
        fr:
          term: bêta
          aliases: [Alpha]
          short: Deux.
          definition: Deux.
        en: {term: beta, short: Two., definition: Two.}
        """)
    project.write("glossary/gamma.yml", """
        fr: {term: gamma, short: Trois., definition: ""}
        """)
    result = project.build(check=False)
    assert result.returncode != 0
    assert result.error_lines == [
        "content/glossary/alpha.yml:3:11: error: unknown glossary entry 'betta' in 'related' "
        "(did you mean 'beta'?)",
        "content/glossary/beta.yml:3:13: error: 'Alpha' already names glossary entry 'alpha' "
        "(content/glossary/alpha.yml:1:12); a form may name one entry only",
        "content/glossary/gamma.yml:1:1: error: glossary entry 'gamma' has no 'en' version",
        "content/glossary/gamma.yml:1:46: error: 'fr.definition' must not be empty",
    ]
