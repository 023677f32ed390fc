"""Bylines, authors and the publisher on a real build: "By …" and "Translated by …"
under the headline, a page per author and language listing their explainers, and the
NewsArticle JSON-LD's author, translator, publisher and dateModified (parsed). Then
what editors get wrong in dossiers, authors and bylines: one line each, all at once."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import BuildResult, SiteProject, text_of
from newsroom import SITE_URL, newsroom, write_newsroom  # noqa: F401 (the session fixture)


def ld(html, kind: str) -> dict:
    found = [json.loads(node.text()) for node in html.css('script[type="application/ld+json"]')]
    return next(item for item in found if item.get("@type") == kind)


def test_byline_under_the_headline(newsroom: BuildResult):
    fr = newsroom.html("fr/explications/garanties/")
    credits = fr.css_first(".ex-article__header .ex-credits")
    assert text_of(credits) == "Par Marie Dupont et John Smith"  # CLDR's list pattern
    assert [a.attributes["href"] for a in credits.css("a")] == [
        "../../auteurs/marie-dupont/", "../../auteurs/john-smith/"]
    # The headline comes first, then the byline.
    header = fr.css_first(".ex-article__header").html
    assert header.index("ex-headline") < header.index("ex-credits")
    en = newsroom.html("en/explainers/coalition/").css_first(".ex-credits")
    # A translation inherits its original's authors, and names its own translators.
    assert text_of(en) == "By Marie Dupont · Translated by John Smith"
    assert text_of(newsroom.html("en/explainers/treve/").css_first(".ex-credits")) == "By Marie Dupont"


def test_author_pages_list_their_explainers(newsroom: BuildResult):
    fr = newsroom.html("fr/auteurs/marie-dupont/")
    assert text_of(fr.css_first("h1")) == "Marie Dupont"
    assert text_of(fr.css_first(".ex-author__role")) == "Correspondante défense · Le Journal"
    assert text_of(fr.css_first(".ex-dek")) == "Elle suit les questions de défense européenne."
    written = [text_of(a) for a in fr.css("section:first-of-type .ex-appearance-list a")]
    assert written == ["Vers un cessez-le-feu", "Les garanties de sécurité", "La coalition se réunit"]
    en = newsroom.html("en/authors/john-smith/")
    sections = {text_of(s.css_first("h2")): [text_of(a) for a in s.css("li a")] for s in en.css("section")}
    assert sections == {"Explainers by John Smith": ["Security guarantees"],
                        "Translated by John Smith": ["Security guarantees", "The coalition meets"]}
    person = ld(en, "ProfilePage")["mainEntity"]
    assert person == {"@type": "Person", "name": "John Smith", "jobTitle": "Translator",
                      "url": SITE_URL + "en/authors/john-smith/",
                      "worksFor": {"@type": "Organization", "name": "Le Journal",
                                   "url": "https://journal.example.org/",
                                   "logo": {"@type": "ImageObject",
                                            "url": SITE_URL + "assets/explainer/publisher-logo.svg"}}}


def test_news_article_json_ld_credits(newsroom: BuildResult):
    data = ld(newsroom.html("en/explainers/coalition/"), "NewsArticle")
    assert data["author"] == [{"@type": "Person", "name": "Marie Dupont", "jobTitle": "Defence correspondent",
                               "url": SITE_URL + "en/authors/marie-dupont/"}]
    assert data["translator"] == [{"@type": "Person", "name": "John Smith", "jobTitle": "Translator",
                                   "url": SITE_URL + "en/authors/john-smith/"}]
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == "Le Journal"
    assert publisher["logo"] == {"@type": "ImageObject",
                                 "url": SITE_URL + "assets/explainer/publisher-logo.svg"}
    # The logo is published with the site, and the page loads it from nowhere else.
    assert (newsroom.site / "assets/explainer/publisher-logo.svg").read_text().startswith("<svg")
    fr = ld(newsroom.html("fr/explications/garanties/"), "NewsArticle")
    assert [who["name"] for who in fr["author"]] == ["Marie Dupont", "John Smith"]
    assert "translator" not in fr
    assert fr["dateModified"] == "2025-05-09"


def test_no_byline_and_no_publisher_when_not_given(project: SiteProject):
    project.article("a", "fr", "Texte.")
    result = project.build()
    html = result.html("fr/explications/a/")
    assert html.css_first(".ex-credits") is None
    data = ld(html, "NewsArticle")
    assert not {"author", "translator", "publisher", "dateModified"} & set(data)


def explainer_check(project: SiteProject) -> list[str]:
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "check"], cwd=project.root,
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    assert proc.returncode == 1
    return [line for line in proc.stdout.splitlines() if ": error: " in line]


def test_bad_references_and_files_are_reported_all_at_once(project: SiteProject):
    write_newsroom(project)
    fr = project.content / "articles" / "coalition" / "fr.md"
    fr.write_text(fr.read_text(encoding="utf-8").replace(
        "dossiers: [guerre-en-ukraine]", "dossiers: [guerre-en-ukrain, diplomatie, diplomatie]\n"
                                         "translators: [john-smith]").replace(
        "authors: [marie-dupont]", "authors: [marie-dupond]"), encoding="utf-8")
    en = project.content / "articles" / "garanties" / "en.md"
    en.write_text(en.read_text(encoding="utf-8").replace(
        "translation_of: fr", "translation_of: fr\ndossiers: [diplomatie]"), encoding="utf-8")
    project.write("dossiers/paix.yml", "fr: {title: Paix, summary: La paix., intro: La paix.}\n")
    project.write("authors/anne.yml", "nme: Anne\nfr: {role: Journaliste}\nen: Journalist\n")
    assert explainer_check(project) == [
        "content/articles/coalition/fr.md:6:12: error: unknown dossier 'guerre-en-ukrain' "
        "(did you mean 'guerre-en-ukraine'?)",
        "content/articles/coalition/fr.md:6:42: error: dossier 'diplomatie' is listed twice",
        "content/articles/coalition/fr.md:7:1: error: 'translators' belongs on a translation; who "
        "wrote the original goes in 'authors'",
        "content/articles/coalition/fr.md:8:11: error: unknown author 'marie-dupond' (did you mean "
        "'marie-dupont'?)",
        "content/articles/garanties/en.md:7:11: error: 'dossiers' differs from fr.md "
        "(guerre-en-ukraine): a translation inherits its original's dossiers; remove the field "
        "here or make it agree",
        "content/authors/anne.yml:1:1: error: unknown field 'nme' (did you mean 'name'?)",
        "content/authors/anne.yml:3:5: error: 'en' must be a mapping with role, bio",
        "content/dossiers/paix.yml:1:1: error: dossier 'paix' has no 'en' version",
    ]


def test_publisher_needs_a_name_and_a_logo_that_exists(project: SiteProject):
    project.article("a", "fr", "Texte.")
    project.write_config(publisher="{url: 'https://journal.example.org/'}")
    result = project.build(check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "'publisher' needs a 'name'" in result.stderr
    project.write_config(publisher="{name: Le Journal, logo: missing.png}")
    result = project.build(check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert ("publisher 'logo' 'missing.png' is neither an http(s) address nor a file in the "
            "project's folder") in result.stderr


def test_a_logo_address_is_used_as_it_is_and_a_logo_file_needs_the_site_url(tmp_path):
    from generator.authors import publisher_ld
    from generator.model import SiteContent
    from generator.plan import SitePlan
    from generator.settings import Publisher

    plan = SitePlan(content=SiteContent(languages=("fr", "en")))
    plan.publisher = Publisher(name="Le Journal", logo="https://cdn.example.org/logo.png")
    assert publisher_ld(plan, None) == {"@type": "Organization", "name": "Le Journal",
                                        "logo": {"@type": "ImageObject",
                                                 "url": "https://cdn.example.org/logo.png"}}
    logo = tmp_path / "logo.PNG"
    logo.write_bytes(b"\x89PNG")
    plan.publisher = Publisher(name="Le Journal", logo="logo.PNG", logo_file=logo)
    assert "logo" not in publisher_ld(plan, None)  # no absolute address to give
    assert publisher_ld(plan, "https://news.example.org")["logo"]["url"] == \
        "https://news.example.org/assets/explainer/publisher-logo.png"
    plan.publisher = None
    assert publisher_ld(plan, "https://news.example.org") is None
