"""Participants: CLDR names, flags, cards, pages with exact backlinks, bad input."""

from __future__ import annotations

import json
import posixpath

import pytest

from conftest import BuildResult, SiteProject, build_example, text_of

ARTICLE = "coalition-ukraine-2025-04-10"
FR_ARTICLE = f"fr/explications/{ARTICLE}/"
EN_ARTICLE = f"en/explainers/{ARTICLE}/"


@pytest.fixture(scope="module")
def example_everything_linked(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_example(tmp_path_factory.mktemp("example-all"), link="all")


def resolve(page: str, href: str) -> str:
    target = posixpath.normpath(posixpath.join(page, href.split("#")[0]))
    return "" if target == "." else target + ("/" if not posixpath.splitext(target)[1] else "")


def cards(html) -> dict[str, object]:
    return {text_of(card.css_first(".ex-card__name")): card for card in html.css(".ex-cards .ex-card")}


# -- the example site ------------------------------------------------------------------------


def test_country_names_come_from_cldr_in_both_languages(example_site: BuildResult):
    fr, en = cards(example_site.html(FR_ARTICLE)), cards(example_site.html(EN_ARTICLE))
    assert {"Royaume-Uni", "États-Unis", "Pays-Bas", "Finlande", "Russie"} <= set(fr)
    assert {"United Kingdom", "United States", "Netherlands", "Finland", "Russia"} <= set(en)
    assert text_of(example_site.html("fr/acteurs/royaume-uni/").css_first("h1")) == "Royaume-Uni"
    assert text_of(example_site.html("en/participants/united-kingdom/").css_first("h1")) == "United Kingdom"


@pytest.mark.parametrize("page, word, target", [
    (FR_ARTICLE, "Moscou", "fr/acteurs/russie/"),
    (EN_ARTICLE, "Moscow", "en/participants/russia/"),
])
def test_metonym_links_to_the_country(example_everything_linked: BuildResult, page, word, target):
    # With link: first the country's first mention is an earlier « russe »; every
    # mention is linked here, so the capital's own link shows.
    links = [a for a in example_everything_linked.html(page).css("a.ex-ref--participant")
             if text_of(a) == word]
    assert links
    assert {resolve(page, link.attributes["href"]) for link in links} == {target}


def test_group_card_lists_its_three_members(example_site: BuildResult):
    group = cards(example_site.html(FR_ARTICLE))["États baltes"]
    members = [text_of(li) for li in group.css(".ex-card__members li")]
    assert members == ["Estonie", "Lettonie", "Lituanie"]
    en_group = cards(example_site.html(EN_ARTICLE))["Baltic states"]
    assert [text_of(li) for li in en_group.css(".ex-card__members li")] == ["Estonia", "Latvia", "Lithuania"]


def test_cards_show_flags_kind_role_and_quote(example_site: BuildResult):
    html = example_site.html(FR_ARTICLE)
    france = cards(html)["France"]
    flag = france.css_first("img.ex-avatar--flag")
    path = resolve(FR_ARTICLE, flag.attributes["src"])
    assert path == "assets/explainer/flags/fr.svg"
    assert (example_site.site / path).read_text().startswith("<svg")
    assert flag.attributes["alt"] == ""
    assert text_of(france.css_first(".ex-card__kind")) == "Pays"
    lecornu = cards(html)["Sébastien Lecornu"]
    assert text_of(lecornu.css_first(".ex-avatar--initials")) == "SL"
    assert "ministre français des Armées" in text_of(lecornu.css_first(".ex-card__kind"))
    assert text_of(lecornu.css_first(".ex-card__quote")).startswith("La véritable garantie de sécurité")
    en_lecornu = cards(example_site.html(EN_ARTICLE))["Sébastien Lecornu"]
    assert "French Minister for the Armed Forces" in text_of(en_lecornu.css_first(".ex-card__kind"))


def test_no_remote_images(example_site: BuildResult):
    for page in example_site.pages():
        for img in example_site.html(page).css("img"):
            assert "://" not in img.attributes.get("src", ""), (page, img.attributes)


def test_article_json_ld_mentions_participants(example_site: BuildResult):
    data = json.loads(example_site.html(FR_ARTICLE).css_first('script[type="application/ld+json"]').text())
    assert data["@type"] == "NewsArticle"
    types = {m["name"]: m["@type"] for m in data["mentions"]}
    assert types["Sébastien Lecornu"] == "Person"
    assert types["France"] == "Country"
    assert types["Coalition internationale en soutien à l’Ukraine"] == "Organization"


def test_participants_index_is_grouped_by_kind(example_site: BuildResult):
    html = example_site.html("fr/acteurs/")
    headings = [text_of(h) for h in html.css(".ex-kind h2")]
    assert headings == ["Pays", "Personnes", "Organisations", "Groupes"]


# -- backlinks on a purpose-built site ---------------------------------------------------------

PARTICIPANTS = {
    "russia": "kind: country\niso: RU\naliases: {fr: [Moscou], en: [Moscow]}\n",
    "france": "kind: country\niso: FR\n",
    "finland": "kind: country\niso: FI\n",
    "estonia": "kind: country\niso: EE\n",
    "latvia": "kind: country\niso: LV\n",
    "lithuania": "kind: country\niso: LT\n",
    "baltic-states": ("kind: group\nname: {fr: États baltes, en: Baltic states}\n"
                      "members: [estonia, latvia, lithuania]\n"),
    "jean-dupont": ("kind: person\nname: Jean Dupont\naffiliation: france\n"
                    "role: {fr: porte-parole, en: spokesman}\n"),
}


def participants_project(project: SiteProject) -> SiteProject:
    for pid, text in PARTICIPANTS.items():
        project.write(f"participants/{pid}.yml", text)
    return project


def test_participant_pages_list_exactly_the_articles_that_mention_them(project: SiteProject):
    participants_project(project)
    project.article("moscow", "fr", "Moscou a répondu.", title="Moscou répond", date="2025-01-01")
    project.article("listed", "fr", "Rien de plus.", title="Liste", date="2025-02-01")
    listed = project.content / "articles/listed/fr.md"
    listed.write_text(listed.read_text().replace(
        "summary: Résumé.", "summary: Résumé.\nparticipants:\n  - id: france\n    role: Hôte."))
    project.article("both", "fr", "La Russie et la France.", title="Les deux", date="2025-03-01")
    result = project.build()

    def articles(page: str) -> list[str]:
        return [resolve(page, a.attributes["href"])
                for a in result.html(page).css(".ex-appearance-list > li > a")]

    assert articles("fr/acteurs/russie/") == ["fr/explications/both/", "fr/explications/moscow/"]
    assert articles("fr/acteurs/france/") == ["fr/explications/both/", "fr/explications/listed/"]
    assert articles("fr/acteurs/finlande/") == []
    roles = [text_of(p) for p in result.html("fr/acteurs/france/").css(".ex-appearance__role")]
    assert roles == ["Hôte."]


def test_person_page_shows_affiliation_and_group_page_members(project: SiteProject):
    participants_project(project)
    project.article("a", "fr", "Jean Dupont parle.")
    result = project.build()
    person = result.html("fr/acteurs/jean-dupont/")
    link = person.css_first(".ex-affiliation a")
    assert resolve("fr/acteurs/jean-dupont/", link.attributes["href"]) == "fr/acteurs/france/"
    group = result.html("fr/acteurs/etats-baltes/")
    assert [text_of(li) for li in group.css(".ex-members li")] == ["Estonie", "Lettonie", "Lituanie"]
    estonia = result.html("fr/acteurs/estonie/")
    assert [text_of(a) for a in estonia.css(".ex-groups a")] == ["États baltes"]


# -- bad input -----------------------------------------------------------------------------------


def test_participant_bad_input(project: SiteProject):
    project.article("a", "fr", "Texte.")
    a = project.content / "articles/a/fr.md"
    a.write_text(a.read_text().replace(
        "summary: Résumé.", "summary: Résumé.\nparticipants:\n  - id: frnace"))
    project.write("participants/france.yml", "kind: country\niso: FR\naliases: {fr: [Paris]}\n")
    project.write("participants/nowhere.yml", "kind: country\niso: XQ\n")
    project.write("participants/baltics.yml",
                  "kind: group\nname: {fr: Baltes, en: Baltics}\nmembers: [estonia]\n")
    project.write("participants/someone.yml",
                  "kind: person\nname: Quelqu’un\nrole: {fr: maire, en: mayor}\naffiliation: frances\n")
    project.write("participants/city.yml",
                  "kind: organisation\nname: {fr: Mairie, en: City hall}\naliases: {fr: [Paris]}\n")
    result = project.build(check=False)
    assert result.returncode != 0
    assert result.error_lines == [
        "content/articles/a/fr.md:7:9: error: unknown participant 'frnace' (did you mean 'france'?)",
        "content/participants/baltics.yml:3:11: error: unknown participant 'estonia' in 'members'",
        "content/participants/france.yml:3:16: error: 'Paris' already names participant 'city' "
        "(content/participants/city.yml:3:16); a form may name one entry only",
        "content/participants/nowhere.yml:2:6: error: unknown ISO 3166 country code 'XQ'",
        "content/participants/someone.yml:4:14: error: unknown participant 'frances' in 'affiliation' "
        "(did you mean 'france'?)",
    ]


# -- membership through a group ------------------------------------------------------------------


def test_members_count_the_explainers_of_their_groups(example_site: BuildResult):
    """The seed article lists the Baltic states: Estonia, Latvia and Lithuania are in it."""
    index = example_site.html("fr/acteurs/")
    counts = {text_of(li.css_first("a")): text_of(li.css_first(".ex-count"))
              for li in index.css(".ex-participant-list li")}
    assert counts["Estonie"] == counts["Lettonie"] == counts["Lituanie"] == "1 explication"
    estonia = example_site.html("fr/acteurs/estonie/")
    assert [text_of(a) for a in estonia.css(".ex-appearance-list > li > a")] == [
        text_of(example_site.html(FR_ARTICLE).css_first("h1"))]
    assert "États baltes" in text_of(estonia.css_first(".ex-appearance__through"))
    assert text_of(estonia.css_first(".ex-appearance__role")) == "Prêts à engager des troupes."
    facts = dict(zip([text_of(dt) for dt in estonia.css(".ex-infobox__facts dt")],
                     [text_of(dd) for dd in estonia.css(".ex-infobox__facts dd")]))
    assert facts["Membre de"] == "États baltes" and facts["Dans nos explications"] == "1 explication"


def test_an_edit_rebuilds_the_pages_of_the_members_of_a_group_it_names():
    """Under `mkdocs serve --dirty`: the seed article lists the Baltic states, so an edit
    to it rebuilds Estonia's page too (it lists the explainers of its group)."""
    from conftest import REPO
    from generator.diagnostics import Diagnostics
    from generator.incremental import affected_pages, references_by_article, snapshot
    from generator.plan import plan_site
    from generator.settings import Settings
    from generator.validate import read_site

    settings = Settings(root=REPO, content_dir=REPO / "content")
    content, diagnostics, _ = read_site(settings.content_dir, settings.languages,
                                        Diagnostics(root=REPO))
    plan = plan_site(content, settings=settings)
    before = snapshot(content)
    after = snapshot(content)
    after.articles[ARTICLE] = "edited"
    keys = affected_pages(before, after, plan, references_by_article(plan))
    assert ("participant", "baltic-states", "fr") in keys
    assert {("participant", "estonia", "fr"), ("participant", "lithuania", "en")} <= keys
