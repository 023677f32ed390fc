"""The home page of each language: the newest explainer as the lead (headline, dek, date,
key facts, flags of the countries involved), then a card for each other explainer, newest
first; the explainers not yet translated after them. Parsed output of real builds."""

from __future__ import annotations

from conftest import SiteProject, text_of

RUSSIA = "kind: country\niso: RU\n"
FRANCE = "kind: country\niso: FR\n"


def article(project: SiteProject, article_id: str, date: str, body: str, facts: int = 0) -> None:
    key_facts = "".join(f"  - Fait numéro {n}.\n" for n in range(facts))
    project.write(f"articles/{article_id}/fr.md",
                  f"---\ntitle: Titre {article_id}\nlang: fr\ndate: {date}\nsummary: Résumé {article_id}.\n"
                  + (f"key_facts:\n{key_facts}" if facts else "") + f"---\n\n{body}\n")


def flags(node) -> list[str]:
    return [img.attributes["alt"] for img in node.css(".ex-flags img")]


def test_home_leads_with_the_newest_then_cards_newest_first(project: SiteProject):
    project.write("participants/russia.yml", RUSSIA)
    project.write("participants/france.yml", FRANCE)
    article(project, "ancien", "2025-01-05", "La France.")
    article(project, "nouveau", "2025-03-01", "La Russie et la France.", facts=5)
    article(project, "moyen", "2025-02-10", "Un texte.")
    project.article("solo", "en", "An English text.", title="Only English", date="2025-04-01")
    home = project.build().html("fr/")
    lead = home.css_first(".ex-lead-story")
    assert text_of(lead.css_first("h2")) == "Titre nouveau"
    assert text_of(lead.css_first(".ex-dek")) == "Résumé nouveau."
    assert lead.css_first("time").attributes["datetime"] == "2025-03-01"
    assert [text_of(li) for li in lead.css(".ex-key-facts li")] == [
        "Fait numéro 0.", "Fait numéro 1.", "Fait numéro 2."], "the first three key facts"
    assert flags(lead) == ["Russie", "France"]
    cards = home.css(".ex-story-card")
    assert [text_of(card.css_first("h3")) for card in cards] == ["Titre moyen", "Titre ancien"]
    assert [flags(card) for card in cards] == [[], ["France"]]
    assert [text_of(card.css_first(".ex-story-card__dek")) for card in cards] == [
        "Résumé moyen.", "Résumé ancien."]
    # The English original not yet in French comes after, marked with its language.
    untranslated = home.css_first(".ex-article-list--untranslated a")
    assert (text_of(untranslated), untranslated.attributes["lang"]) == ("Only English", "en")
    # One landmark heading for the page, then headings in order.
    levels = [node.tag for node in home.css(".md-content h1, .md-content h2, .md-content h3")]
    assert levels[0] == "h1" and levels.count("h1") == 1


def test_home_without_explainers_says_so(project: SiteProject):
    project.article("solo", "fr", "Un texte.", title="Seul")
    home = project.build().html("en/")
    assert home.css_first(".ex-lead-story") is None and home.css(".ex-story-card") == []
    assert "No explainer has been published in this language yet." in text_of(home.body)


def test_home_flags_follow_an_edit_of_a_text_with_the_build_cache(project: SiteProject):
    project.write("participants/russia.yml", RUSSIA)
    project.write("participants/france.yml", FRANCE)
    article(project, "nouveau", "2025-03-01", "La France.")
    assert flags(project.build().html("fr/").css_first(".ex-lead-story")) == ["France"]
    article(project, "nouveau", "2025-03-01", "La France et la Russie.")
    assert flags(project.build().html("fr/").css_first(".ex-lead-story")) == ["France", "Russie"]
