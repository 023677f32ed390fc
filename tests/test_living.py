"""Living explainers on a real build: updates ("Updated on …" and its history),
corrections as a visible notice, dateModified in the JSON-LD and the feeds, and the
copy desk's warning when one language tells an update the other does not."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from conftest import BuildResult, SiteProject, text_of
from newsroom import SITE_URL, newsroom, write_newsroom  # noqa: F401 (the session fixture)

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def news_article(html) -> dict:
    found = [json.loads(node.text()) for node in html.css('script[type="application/ld+json"]')]
    return next(item for item in found if item.get("@type") == "NewsArticle")


def test_updates_show_as_a_history_under_updated_on(newsroom: BuildResult):
    html = newsroom.html("fr/explications/garanties/")
    details = html.css_first("details.ex-updates")
    assert text_of(details.css_first("summary")) == "Mis à jour le 9 mai 2025"
    items = details.css(".ex-updates__list li")
    assert [item.css_first("time").attributes["datetime"] for item in items] == ["2025-05-09", "2025-05-05"]
    assert text_of(items[1]) == "5 mai 2025 Ajout de la réaction de la Russie."
    en = newsroom.html("en/explainers/garanties/").css_first("details.ex-updates summary")
    assert text_of(en) == "Updated on May 9, 2025"


def test_corrections_are_a_visible_notice(newsroom: BuildResult):
    html = newsroom.html("en/explainers/garanties/")
    notice = html.css_first(".ex-article__header .ex-notice--correction")
    assert notice is not None and notice.tag == "aside"
    assert text_of(notice.css_first("h2")) == "Correction"
    assert text_of(notice.css_first("li")) == "May 6, 2025 The meeting was in Paris, not London."
    # Not folded away: no <details> around it.
    assert all(node.tag != "details" for node in _ancestors(notice))
    assert newsroom.html("fr/explications/coalition/").css_first(".ex-notice--correction") is None


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def test_date_modified_in_json_ld_and_feeds(newsroom: BuildResult):
    data = news_article(newsroom.html("fr/explications/garanties/"))
    assert data["datePublished"] == "2025-05-02"
    assert data["dateModified"] == "2025-05-09"  # the latest of its updates and corrections
    assert "dateModified" not in news_article(newsroom.html("fr/explications/coalition/"))
    assert news_article(newsroom.html("fr/explications/treve/"))["dateModified"] == "2025-06-03"
    assert "dateModified" not in news_article(newsroom.html("en/explainers/treve/"))
    for path in ("fr/feed.xml", "fr/dossiers/guerre-en-ukraine/feed.xml"):
        feed = ET.parse(newsroom.site / path).getroot()
        entries = {entry.find("a:link", ATOM).get("href"): entry for entry in feed.findall("a:entry", ATOM)}
        entry = entries[SITE_URL + "fr/explications/garanties/"]
        assert entry.find("a:published", ATOM).text == "2025-05-02T00:00:00Z"
        assert entry.find("a:updated", ATOM).text == "2025-05-09T00:00:00Z"
        coalition = entries[SITE_URL + "fr/explications/coalition/"]
        assert coalition.find("a:updated", ATOM).text == "2025-04-10T00:00:00Z"
    head = newsroom.html("fr/explications/garanties/").css_first('meta[property="article:modified_time"]')
    assert head.attributes["content"] == "2025-05-09"


def test_copy_desk_warns_when_a_language_lacks_an_update_or_correction(newsroom: BuildResult):
    assert ("content/articles/treve/en.md:2:1: warning: fr.md has an update dated 2025-06-03 that "
            "en.md lacks; add it to 'updates' here") in newsroom.stderr
    assert "garanties/en.md" not in " ".join(line for line in newsroom.stderr.splitlines()
                                             if "update" in line or "correction" in line)


def test_copy_desk_matches_corrections_by_date(project: SiteProject):
    write_newsroom(project)
    path = project.content / "articles" / "garanties" / "en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("2025-05-06", "2025-05-07"), encoding="utf-8")
    result = project.build()
    lines = [line for line in result.stderr.splitlines() if "correction" in line]
    assert any(line.endswith("content/articles/garanties/en.md:14:1: warning: fr.md has a correction "
                             "dated 2025-05-06 that en.md lacks; add it to 'corrections' here")
               for line in lines), lines
    assert any(line.endswith("content/articles/garanties/en.md:15:12: warning: A correction dated "
                             "2025-05-07 is not in fr.md; add it to 'corrections' there")
               for line in lines), lines


def test_malformed_update_dates_and_empty_text_are_reported_at_once(project: SiteProject):
    path = project.article("a", "fr", "Texte.")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "summary: Résumé.", "summary: Résumé.\nupdates:\n  - {date: 2025-02-30, text: Un ajout.}\n"
                            "  - {date: 2025-05-02, text: ''}\ncorrections:\n  - {date: demain, text: X}"),
        encoding="utf-8")
    result = project.build(check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.error_lines == [
        "content/articles/a/fr.md:7:12: error: invalid date '2025-02-30': day is out of range for month",
        "content/articles/a/fr.md:8:30: error: 'updates.1.text' must not be empty",
        "content/articles/a/fr.md:10:12: error: 'corrections.0.date' must be a date written YYYY-MM-DD, "
        "not 'demain'",
    ]
