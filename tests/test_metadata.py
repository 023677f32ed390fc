"""Publisher metadata on parsed output: canonical, hreflang, sitemap, Open Graph, JSON-LD, feeds."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from conftest import BuildResult, SiteProject, text_of

BASE = "https://explainer.example.org/"
ARTICLE = "coalition-ukraine-2025-04-10"
FR_PAGE = f"fr/explications/{ARTICLE}/"
EN_PAGE = f"en/explainers/{ARTICLE}/"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def meta(html, name: str) -> list[str]:
    return [m.attributes["content"] for m in html.css(f'meta[property="{name}"], meta[name="{name}"]')]


def test_canonical_url(example_site: BuildResult):
    for page in (FR_PAGE, EN_PAGE, "fr/glossaire/", "en/participants/russia/"):
        assert example_site.html(page).css_first('link[rel="canonical"]').attributes["href"] == BASE + page


def test_sitemap_has_hreflang_alternates(example_site: BuildResult):
    root = ET.parse(example_site.site / "sitemap.xml").getroot()
    entries = {url.find("s:loc", SITEMAP).text: {
        link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP)}
        for url in root.findall("s:url", SITEMAP)}
    assert entries[BASE + FR_PAGE] == {"fr": BASE + FR_PAGE, "en": BASE + EN_PAGE, "x-default": BASE + FR_PAGE}
    assert entries[BASE + EN_PAGE] == entries[BASE + FR_PAGE]
    assert entries[BASE + "en/"]["x-default"] == BASE
    lastmod = [url.find("s:lastmod", SITEMAP).text for url in root.findall("s:url", SITEMAP)
               if url.find("s:loc", SITEMAP).text == BASE + FR_PAGE]
    assert lastmod == ["2025-04-10"]


def test_open_graph_and_twitter_tags(example_site: BuildResult):
    fr, en = example_site.html(FR_PAGE), example_site.html(EN_PAGE)
    assert meta(fr, "og:locale") == ["fr_FR"] and meta(fr, "og:locale:alternate") == ["en_US"]
    assert meta(en, "og:locale") == ["en_US"] and meta(en, "og:locale:alternate") == ["fr_FR"]
    assert meta(fr, "og:type") == ["article"]
    assert meta(fr, "og:url") == [BASE + FR_PAGE]
    assert meta(en, "og:title")[0].startswith("Cooperation among Ukraine’s allies")
    assert meta(en, "og:description")[0].startswith("Meeting in Brussels")
    assert meta(fr, "article:published_time") == ["2025-04-10"]
    assert meta(fr, "twitter:card") == ["summary_large_image"]  # the share card (test_share_cards)
    assert meta(example_site.html("fr/glossaire/"), "twitter:card") == ["summary"]
    assert meta(example_site.html("fr/glossaire/"), "og:type") == ["website"]


def test_news_article_json_ld_links_translations(example_site: BuildResult):
    def data(page):
        return json.loads(example_site.html(page).css_first('script[type="application/ld+json"]').text())

    fr, en = data(FR_PAGE), data(EN_PAGE)
    assert (fr["@type"], fr["inLanguage"], fr["datePublished"]) == ("NewsArticle", "fr", "2025-04-10")
    assert fr["headline"].startswith("Coopération des alliés")
    assert fr["workTranslation"] == [{"@type": "NewsArticle", "headline": en["headline"],
                                      "inLanguage": "en", "url": BASE + EN_PAGE}]
    assert en["translationOfWork"] == {"@type": "NewsArticle", "headline": fr["headline"],
                                       "inLanguage": "fr", "url": BASE + FR_PAGE}
    assert "translationOfWork" not in fr and "workTranslation" not in en
    assert {m["@type"] for m in fr["mentions"]} >= {"Country", "Person", "Organization", "DefinedTerm"}


def test_atom_feed_per_language(example_site: BuildResult):
    for lang, page, title in (("fr", FR_PAGE, "Coopération"), ("en", EN_PAGE, "Cooperation")):
        head = example_site.html(page).css_first('link[rel="alternate"][type="application/atom+xml"]')
        assert head is not None
        feed = ET.parse(example_site.site / lang / "feed.xml").getroot()
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        entries = feed.findall("a:entry", ATOM)
        # Every explainer of the example, newest first.
        published = [entry.find("a:published", ATOM).text for entry in entries]
        assert len(entries) == 5 and published == sorted(published, reverse=True)
        seed = next(entry for entry in entries
                    if entry.find("a:link", ATOM).get("href") == BASE + page)
        assert seed.find("a:title", ATOM).text.startswith(title)
        assert seed.find("a:published", ATOM).text == "2025-04-10T00:00:00Z"


def test_feed_escapes_markup(project: SiteProject):
    project.article("a", "fr", "Texte.", title='"<b>Titre</b> & co"')
    project.write_config(site_url="https://example.org/")
    result = project.build()
    feed = ET.parse(result.site / "fr" / "feed.xml").getroot()
    assert feed.find("a:entry/a:title", ATOM).text == "<b>Titre</b> & co"


def test_explainer_sections_render_in_the_page_language(example_site: BuildResult):
    fr, en = example_site.html(FR_PAGE), example_site.html(EN_PAGE)
    assert text_of(fr.css_first("#ex-key-facts-title")) == "L’essentiel"
    assert text_of(en.css_first("#ex-key-facts-title")) == "Key facts"
    assert text_of(fr.css_first("#ex-unknowns-title")) == "Ce que l’on ne sait pas encore"
    assert text_of(en.css_first("#ex-unknowns-title")) == "What we don’t know yet"
    unknowns = [text_of(li) for li in en.css(".ex-unknowns li")]
    assert any("size and composition" in item for item in unknowns)
    assert any("deployed" in item for item in unknowns)
    assert text_of(fr.css_first(".ex-timeline time")) == "10 avril 2025"


def test_explainer_sections_are_absent_when_not_given(project: SiteProject):
    project.article("a", "fr", "Texte.")
    html = project.build().html("fr/explications/a/")
    for section in (".ex-key-facts", ".ex-unknowns", ".ex-timeline", ".ex-sources"):
        assert html.css_first(section) is None


def test_sources_accept_only_http_urls(project: SiteProject):
    path = project.article("a", "fr", "Texte.")
    path.write_text(path.read_text().replace(
        "summary: Résumé.", "summary: Résumé.\nsources:\n  - title: X\n    url: javascript:alert(1)"))
    result = project.build(check=False)
    assert result.returncode != 0
    assert len(result.error_lines) == 1
    assert result.error_lines[0].startswith("content/articles/a/fr.md:8:10: error: 'sources.0.url'")
