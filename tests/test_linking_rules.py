"""Linking you can trust, on real builds: names are told from words, editors can
prevent a link (``[words](nolink:)``, ``exclude``, the ``never_link`` option) and see
every automatic link with the rule that made it (``explainer links``)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import BuildResult, SiteProject, text_of

FR = "fr/explications/regles/"
EN = "en/explainers/regles/"

FR_BODY = """
Selon le Washington Post, les États-Unis hésitent.

Le communiqué, rédigé en français, a été lu par le président français.

Kyiv réclame une posture offensive ; l’offensive russe se poursuit.

Le ministre britannique et les Premiers ministres britanniques ont parlé.

Le [Royaume-Uni](nolink:) n’est pas lié ici, mais le Royaume-Uni l’est plus loin.

La France info a diffusé un reportage ; la France insoumise a réagi ; la France a répondu.

La réunion n’a eu lieu qu’après l’accord de l’Union européenne.

Une trêve est évoquée ; cette [trêve](term:treve) serait la première.
"""

EN_BODY = """
According to the Washington Post, the United States is hesitating.

The Union agreed on new tariffs. Britain stays outside the customs union, and “it
gives us time”, said an official.

The EU and the US signed the text.
"""


def links(result: BuildResult, page: str) -> list[tuple[str, str]]:
    """(words, target) of every automatic link in the article's body."""
    body = result.html(page).css_first(".ex-body")
    return [(text_of(a), a.attributes.get("aria-describedby", "").removeprefix("ex-tip-"))
            for a in body.css("a.ex-ref")]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteProject:
    project = SiteProject(tmp_path_factory.mktemp("rules"))
    project.copy_example_content()
    france = project.content / "participants" / "france.yml"
    france.write_text(france.read_text(encoding="utf-8")
                      + "exclude:\n  fr: [France info]\n", encoding="utf-8")
    states = project.content / "participants" / "united-states.yml"
    states.write_text(states.read_text(encoding="utf-8").replace(
        "en: [Washington]", "en: [Washington, US]"), encoding="utf-8")
    project.write("participants/european-union.yml", """
        kind: organisation
        name: {fr: Union européenne, en: European Union}
        abbreviation: {fr: UE, en: EU}
        aliases: {fr: [Union], en: [Union]}
        description: {fr: L’Union européenne., en: The European Union.}
        """)
    project.write("glossary/treve.yml", """
        fr: {term: trêve, short: Un arrêt des combats., definition: Un arrêt des combats.}
        en: {term: truce, short: A pause in fighting., definition: A pause in fighting.}
        link: explicit
        """)
    project.article("regles", "fr", FR_BODY)
    project.article("regles", "en", EN_BODY, translation_of="fr")
    project.write_config(link="all", never_link='["France insoumise"]')
    return project


@pytest.fixture(scope="module")
def built(site: SiteProject) -> BuildResult:
    return site.build()


def test_a_newspaper_named_after_a_capital_is_not_the_country(built: BuildResult):
    for page in (FR, EN):
        found = links(built, page)
        assert ("Washington", "participant-united-states") not in found
        assert not any("Washington" in words for words, _ in found)
        assert ("États-Unis" if page == FR else "United States",
                "participant-united-states") in found


def test_a_language_name_is_not_the_country(built: BuildResult):
    found = links(built, FR)
    # « rédigé en français »: the language; « le président français »: France.
    assert [words for words, target in found if target == "participant-france"].count("français") == 1


def test_an_adjective_is_not_the_glossary_noun(built: BuildResult):
    found = links(built, FR)
    offensive = [words for words, target in found if target == "term-offensive"]
    assert offensive == ["offensive"]  # « l’offensive russe », not « une posture offensive »
    body = text_of(built.html(FR).css_first(".ex-body"))
    assert "une posture offensive" in body


def test_a_singular_demonym_links_like_the_plural(built: BuildResult):
    found = links(built, FR)
    assert ("britannique", "participant-united-kingdom") in found
    assert ("britanniques", "participant-united-kingdom") in found


def test_nolink_keeps_the_words_and_makes_no_link(built: BuildResult):
    body = built.html(FR).css_first(".ex-body")
    kept = body.css("span.ex-nolink")
    assert [text_of(span) for span in kept] == ["Royaume-Uni"]
    assert not body.css('a[href^="nolink"]')
    found = links(built, FR)
    assert found.count(("Royaume-Uni", "participant-united-kingdom")) == 1


def test_exclude_and_never_link_keep_phrases_unlinked(built: BuildResult):
    found = [words for words, target in links(built, FR) if target == "participant-france"]
    # « France info » (the entry's exclude), « France insoumise » (the site's never_link):
    # only « la France a répondu » is France.
    assert found.count("France") == 1


def test_an_explicit_only_entry_links_only_where_the_editor_says(built: BuildResult):
    body = built.html(FR).css_first(".ex-body")
    truce = [text_of(a) for a in body.css("a.ex-ref")
             if a.attributes.get("aria-describedby") == "ex-tip-term-treve"]
    assert truce == ["trêve"]  # the explicit one; « Une trêve est évoquée » stays text


def test_names_are_case_sensitive_and_terms_are_not(built: BuildResult):
    en = links(built, EN)
    assert ("Union", "participant-european-union") in en       # "The Union agreed"
    assert [w for w, t in en if t == "participant-european-union"] == ["Union", "EU"]
    assert ("us", "participant-united-states") not in en
    assert ("US", "participant-united-states") in en
    fr = links(built, FR)
    # « n’a eu lieu »: the French verb, not the English "EU".
    assert not any(words.casefold() == "eu" for words, _ in fr)
    assert ("Union européenne", "participant-european-union") in fr


def test_links_command_prints_every_link_with_its_rule(site: SiteProject, built: BuildResult):
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "links", "regles", "--lang", "fr"],
                          cwd=site.root, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.splitlines()[0].startswith("regles (fr), link: all: ")
    assert "[britannique]" in out
    assert "participant united-kingdom: form 'britannique', inflection of 'britanniques'" in out
    assert "term offensive: form 'offensive', term" in out
    assert "[Washington]" not in out
    why = subprocess.run([sys.executable, "-m", "generator.cli", "links", "regles", "--rejected"],
                         cwd=site.root, capture_output=True, text=True, timeout=120)
    assert why.returncode == 0, why.stderr
    assert "[Washington] Post" in why.stdout
    assert "participant united-states: form 'Washington': inside a longer name" in why.stdout
    assert "term offensive: form 'offensive': no determiner before it" in why.stdout
    assert "participant france: form 'français': a language name" in why.stdout
    unknown = subprocess.run([sys.executable, "-m", "generator.cli", "links", "nope"],
                             cwd=site.root, capture_output=True, text=True, timeout=120)
    assert unknown.returncode == 1 and "unknown article 'nope'" in unknown.stderr


def test_check_warns_about_shared_surnames_and_frequent_words(project: SiteProject):
    project.copy_example_content()
    for ident, first in (("ana-dan", "Ana"), ("nicusor-dan", "Nicușor")):
        project.write(f"participants/{ident}.yml", f"""
            kind: person
            name: {first} Dan
            role: {{fr: maire, en: mayor}}
            description: {{fr: Un maire., en: A mayor.}}
            """)
    project.write("glossary/guerre.yml", """
        fr: {term: guerre, short: Un conflit armé., definition: Un conflit armé.}
        en: {term: war, short: An armed conflict., definition: An armed conflict.}
        """)
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "check"], cwd=project.root,
                          capture_output=True, text=True, timeout=120)
    assert "the surname 'Dan' (fr) would name ana-dan and nicusor-dan" in proc.stdout
    assert "content/glossary/guerre.yml:1:1: warning: 'war' (en) is a frequent word" in proc.stdout
    assert "'army'" not in proc.stdout  # frequent, but not that frequent
