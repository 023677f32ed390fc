"""Dossiers on a real build: a page per language (intro, explainers newest first, one
timeline merged in date order, the participants and terms they share), its own Atom
feed, its JSON-LD, the dossiers' index, navigation and the home page."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from conftest import BuildResult, text_of
from newsroom import SITE_URL, newsroom  # noqa: F401 (the session fixture)

ATOM = {"a": "http://www.w3.org/2005/Atom"}
FR = "fr/dossiers/guerre-en-ukraine/"
EN = "en/topics/war-in-ukraine/"


def json_ld(html) -> list[dict]:
    return [json.loads(node.text()) for node in html.css('script[type="application/ld+json"]')]


def test_a_dossier_page_per_language_with_its_intro(newsroom: BuildResult):
    fr, en = newsroom.html(FR), newsroom.html(EN)
    assert text_of(fr.css_first("h1")) == "Guerre en Ukraine"
    assert text_of(en.css_first("h1")) == "War in Ukraine"
    assert fr.css_first(".ex-dossier__intro strong").text() == "Ukraine"  # intro is Markdown
    assert text_of(en.css_first(".ex-dek")) == "The war and the search for a lasting peace."
    assert fr.css_first("html").attributes["lang"] == "fr"
    # Each links to the other (language menu, hreflang).
    assert SITE_URL + EN in [link.attributes["href"] for link in fr.css('link[rel="alternate"][hreflang="en"]')]


def test_explainers_newest_first(newsroom: BuildResult):
    titles = [text_of(a) for a in newsroom.html(FR).css(".ex-dossier__explainers .ex-article-list__title a")]
    assert titles == ["Vers un cessez-le-feu", "Les garanties de sécurité", "La coalition se réunit"]
    other = [text_of(a) for a in newsroom.html("en/topics/diplomacy/").css(".ex-article-list__title a")]
    assert other == ["Towards a ceasefire"]


def test_one_timeline_merged_in_date_order(newsroom: BuildResult):
    items = newsroom.html(FR).css(".ex-timeline__list > li")
    dates = [item.css_first("time").attributes["datetime"] for item in items]
    assert dates == ["2025-03-02", "2025-03-15", "2025-04-10", "2025-04-20", "2025-05-01"]
    assert dates == sorted(dates)
    # Each event says which explainer it comes from, and links to it.
    first = items[1].css_first(".ex-timeline__source")
    assert "Vers un cessez-le-feu" in text_of(first)
    assert first.attributes["href"] == "../../explications/treve/"
    en_events = [text_of(item.css_first("span")) for item in newsroom.html(EN).css(".ex-timeline__list > li")]
    assert en_events[0] == "The London summit."


def test_shared_participants_and_terms(newsroom: BuildResult):
    html = newsroom.html(FR)
    who = [text_of(a) for a in html.css(".ex-dossier__shared .ex-chip")]
    # Ukraine, France and Russia are in at least two of its explainers; the United
    # Kingdom in one only.
    assert set(who) == {"Ukraine", "France", "Russie"}
    assert who[0] == "Ukraine"  # in all three: first
    terms = [text_of(a) for a in html.css(".ex-key-terms .ex-chip")]
    assert terms == ["force de réassurance"]


def test_each_dossier_has_its_own_feed(newsroom: BuildResult):
    html = newsroom.html(FR)
    link = html.css_first(".ex-dossier__feed a")
    assert link.attributes["href"] == "feed.xml"
    # Feed readers find it in the head too, beside the language's feed.
    heads = [link.attributes["href"] for link in html.css('head link[type="application/atom+xml"]')]
    assert heads == ["../../feed.xml", "feed.xml"]
    for path, lang, count in ((FR, "fr", 3), (EN, "en", 3), ("fr/dossiers/diplomatie/", "fr", 1)):
        feed = ET.parse(newsroom.site / path / "feed.xml").getroot()
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert feed.find("a:id", ATOM).text == SITE_URL + path + "feed.xml"
        assert feed.find("a:link[@rel='alternate']", ATOM).get("href") == SITE_URL + path
        entries = feed.findall("a:entry", ATOM)
        assert len(entries) == count
    feed = ET.parse(newsroom.site / FR / "feed.xml").getroot()
    assert feed.find("a:title", ATOM).text.endswith("Guerre en Ukraine")
    links = [entry.find("a:link", ATOM).get("href") for entry in feed.findall("a:entry", ATOM)]
    assert links == [SITE_URL + f"fr/explications/{a}/" for a in ("treve", "garanties", "coalition")]
    assert feed.find("a:updated", ATOM).text == "2025-06-03T00:00:00Z"  # the latest update


def test_collection_page_json_ld(newsroom: BuildResult):
    data = [item for item in json_ld(newsroom.html(EN)) if item.get("@type") == "CollectionPage"]
    assert len(data) == 1
    page = data[0]
    assert page["name"] == "War in Ukraine" and page["inLanguage"] == "en"
    assert page["url"] == SITE_URL + EN
    parts = page["hasPart"]
    assert [part["headline"] for part in parts] == ["Towards a ceasefire", "Security guarantees",
                                                    "The coalition meets"]
    assert all(part["@type"] == "NewsArticle" for part in parts)
    assert parts[1]["url"] == SITE_URL + "en/explainers/garanties/"
    assert parts[1]["datePublished"] == "2025-05-02" and parts[1]["dateModified"] == "2025-05-09"


def test_index_navigation_home_and_article_show_dossiers(newsroom: BuildResult):
    index = newsroom.html("fr/dossiers/")
    # Both hold the latest explainer: then by title.
    assert [text_of(a) for a in index.css(".ex-dossier-list__title a")] == ["Diplomatie", "Guerre en Ukraine"]
    assert [text_of(p) for p in index.css(".ex-dossier-list__count")] == ["1 explication", "3 explications"]
    assert text_of(newsroom.html("en/topics/").css_first("h1")) == "Topics"
    nav = [text_of(a) for a in newsroom.html("fr/").css(".md-nav--primary .md-nav__link")]
    assert "Dossiers" in nav
    home = newsroom.html("en/").css_first(".ex-home-dossiers")
    assert home is not None
    assert [a.attributes["href"] for a in home.css(".ex-dossier-list__title a")] == [
        "topics/diplomacy/", "topics/war-in-ukraine/"]
    kicker = newsroom.html("fr/explications/treve/").css_first(".ex-kicker")
    assert [text_of(a) for a in kicker.css("a")] == ["Guerre en Ukraine", "Diplomatie"]
    assert text_of(kicker.css_first(".ex-kicker__label")) == "Dossiers :"


def test_a_site_without_dossiers_has_no_dossier_pages(project):
    project.article("a", "fr", "Texte.")
    result = project.build()
    assert not (result.site / "fr" / "dossiers").exists()
    assert result.html("fr/").css_first(".ex-home-dossiers") is None
    assert result.html("fr/explications/a/").css_first(".ex-kicker") is None
