"""Hostile content never becomes markup: a real build of tests/hostile_content.py, parsed.

Every field an editor writes (article frontmatter and body, glossary entries, participants)
holds markup that would run script if printed raw, a ``</script>`` that would end a JSON-LD
block, ``javascript:`` URLs, a right-to-left override and zero-width characters. After a
real ``mkdocs build``, every page is parsed as a browser would (selectolax/lexbor) and must
hold no script but the ones a clean build has, no event-handler attribute, no
``javascript:`` URL; the JSON-LD, feeds and sitemap must parse and carry the text as text.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import BuildResult, SiteProject
from hostile_content import (
    ARTICLE,
    GROUP,
    HOSTILE,
    ORGANISATION,
    PAYLOAD,
    PERSON,
    QUOTE,
    SCRIPT,
    TERM,
    TITLES,
    build_hostile_site,
)

SITE_NAME = "Explainer test site"
ATOM = "{http://www.w3.org/2005/Atom}"
ARTICLE_PAGES = {"fr": f"fr/explications/{ARTICLE}/", "en": f"en/explainers/{ARTICLE}/"}
#: Attributes holding a URL a browser may follow or load.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href", "poster",
                  "background", "cite", "srcset", "ping", "manifest", "codebase")
#: Elements editors' content must never bring into the content area.
FORBIDDEN_IN_CONTENT = ("script", "iframe", "frame", "object", "embed", "applet", "form", "base",
                        "meta", "link", "style", "template", "noscript", "svg", "math")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_hostile_site(tmp_path_factory.mktemp("hostile"))


def parse(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def script_signature(node) -> tuple[str, str]:
    """What a script is, for comparing a hostile build with a clean one."""
    attributes = node.attributes
    if "src" in attributes:
        return "src", posixpath.basename(attributes["src"] or "")
    if attributes.get("type") == "application/ld+json":
        return "json-ld", ""
    if attributes.get("id") == "__config":
        return "config", attributes.get("type") or ""
    return "inline", node.text()


@pytest.fixture(scope="module")
def known_scripts(example_site: BuildResult) -> set[tuple[str, str]]:
    """Every kind of script a clean build has: Material's, ours, JSON-LD, Material's bootstraps."""
    found = set()
    for path in html_files(example_site.site):
        found.update(script_signature(node) for node in parse(path).css("script"))
    return found


def fold(text: str) -> str:
    """Text up to spacing: French typography adds and narrows spaces, nothing else."""
    return "".join(text.replace("’", "'").split())


def url_scheme(value: str) -> str:
    """The scheme a browser would read: it ignores ASCII whitespace and controls in it."""
    cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else ""


# -- every page ------------------------------------------------------------------------------


def test_hostile_site_builds_every_page(hostile: BuildResult):
    pages = set(hostile.pages())
    assert {f"{ARTICLE_PAGES['fr']}index.html", f"{ARTICLE_PAGES['en']}index.html"} <= pages
    assert any(p.startswith("fr/glossaire/terme-") for p in pages), sorted(pages)
    assert any(p.startswith("en/participants/personne-") for p in pages), sorted(pages)


def test_no_script_but_the_known_ones(hostile: BuildResult, known_scripts):
    unknown = []
    for path in html_files(hostile.site):
        for node in parse(path).css("script"):
            if script_signature(node) not in known_scripts:
                unknown.append((path.relative_to(hostile.site).as_posix(), node.html[:200]))
    assert unknown == []


def test_no_event_handler_attribute_anywhere(hostile: BuildResult):
    found = []
    for path in html_files(hostile.site):
        for node in parse(path).root.traverse():
            for name in node.attributes or {}:
                if name.lower().startswith("on"):
                    found.append((path.relative_to(hostile.site).as_posix(), node.tag, name))
    assert found == []


def test_no_script_url_anywhere(hostile: BuildResult):
    found = []
    for path in html_files(hostile.site):
        for node in parse(path).root.traverse():
            for name, value in (node.attributes or {}).items():
                if name.lower() not in URL_ATTRIBUTES or value is None:
                    continue
                scheme = url_scheme(value)
                if scheme in ("javascript", "vbscript") or (scheme == "data" and node.tag != "img"):
                    found.append((path.relative_to(hostile.site).as_posix(), node.tag, name, value))
    assert found == []


def test_no_active_element_in_the_content_area(hostile: BuildResult):
    found = []
    for path in html_files(hostile.site):
        content = parse(path).css_first(".md-content")
        if content is None:
            continue
        for tag in FORBIDDEN_IN_CONTENT:
            found.extend((path.relative_to(hostile.site).as_posix(), node.html[:120])
                         for node in content.css(tag) if tag != "script"
                         or node.attributes.get("type") != "application/ld+json")
    assert found == []


def test_content_cannot_take_the_ids_of_the_page(hostile: BuildResult):
    """An element with the id of Material's config or of a tooltip, or a window global
    (explainer.js's __explainerTips) would be found in their place ("DOM clobbering")."""
    duplicates, clobbering = [], []
    for path in html_files(hostile.site):
        tree = parse(path)
        ids = [node.attributes.get("id") for node in tree.css("[id]")]
        duplicates.extend((path.name, i) for i in {i for i in ids if ids.count(i) > 1})
        body = tree.css_first(".ex-body")
        if body is not None:
            clobbering.extend(node.attributes["id"] for node in body.css("[id]")
                              if node.attributes["id"].startswith(("__", "ex-tip-")))
        config = tree.css_first("#__config")
        assert config is not None and config.tag == "script", path
    assert duplicates == []
    assert clobbering == []


def test_every_json_ld_block_parses_and_stays_closed(hostile: BuildResult):
    blocks = 0
    for path in html_files(hostile.site):
        raw = path.read_text(encoding="utf-8")
        for node in parse(path).css('script[type="application/ld+json"]'):
            text = node.text()
            assert "</script" not in text.lower()
            json.loads(text)  # a block cut short by '</script>' would not parse
            blocks += 1
        # In the file itself: only the closing tag ends a script element.
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S):
            assert "<" not in block, path
    assert blocks >= 6


def test_config_json_parses_on_every_page(hostile: BuildResult):
    for path in html_files(hostile.site):
        node = parse(path).css_first("script#__config")
        assert node is not None, path
        json.loads(node.text())


# -- the hostile text is shown as text -----------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_article_title_is_text_in_title_h1_and_json_ld(hostile: BuildResult, lang):
    html = hostile.html(ARTICLE_PAGES[lang])
    assert html.css_first("title").text() == f"{TITLES[lang]} - {SITE_NAME}"
    assert fold(html.css_first(".ex-article h1").text()) == fold(TITLES[lang])
    for meta in ('meta[property="og:title"]', 'meta[name="twitter:title"]'):
        assert html.css_first(meta).attributes["content"] == TITLES[lang]
    assert html.css_first('meta[name="description"]').attributes["content"] == f"Résumé {PAYLOAD}"
    data = json.loads(html.css_first('script[type="application/ld+json"]').text())
    assert data["headline"] == TITLES[lang]
    assert data["description"] == f"Résumé {PAYLOAD}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_frontmatter_fields_are_text(hostile: BuildResult, lang):
    html = hostile.html(ARTICLE_PAGES[lang])
    assert fold(html.css_first(".ex-dek").text()) == fold(f"Résumé {PAYLOAD}")
    assert [fold(li.text()) for li in html.css(".ex-key-facts li")] == \
        [fold(f"Fait {value}") for value in HOSTILE]
    assert [fold(li.text()) for li in html.css(".ex-unknowns li")] == \
        [fold(f"Inconnu {value}") for value in HOSTILE]
    assert fold(html.css_first(".ex-timeline li span").text()) == fold(f"Événement {PAYLOAD}")
    assert fold(html.css_first(".ex-card__role").text()) == fold(f"Rôle {PAYLOAD}")
    assert fold(html.css_first(".ex-card__quote").text()) == fold(QUOTE)
    source = html.css_first(".ex-sources li")
    assert fold(source.text()) == fold(f"Source {PAYLOAD}, Éditeur {PAYLOAD}")
    assert source.css_first("a").attributes["href"] == "https://example.org/?a=1&b=2"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_body_text_and_links_are_text(hostile: BuildResult, lang):
    html = hostile.html(ARTICLE_PAGES[lang])
    body = html.css_first(".ex-body")
    assert fold(PAYLOAD) in fold(body.text())
    texts = {fold(a.text()) for a in body.css("a.ex-ref")}
    assert fold(TERM[lang]) in texts
    assert {fold(PERSON), fold(GROUP[lang])} <= texts
    # Zero-width characters at the end of a name stay outside its link, nothing else differs.
    assert fold(ORGANISATION[lang]).rstrip("\u200b\u200d\ufeff") in texts
    # Markdown links to javascript: lose their address, keep their text.
    for text in ("md js", "md js upper", "md js angle", "raw js link", "mixed case", "tab inside"):
        anchors = [a for a in body.css("a") if a.text() == text]
        assert len(anchors) == 1, text
        assert "href" not in anchors[0].attributes, anchors[0].html


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_tooltips_hold_hostile_text_as_text(hostile: BuildResult, lang):
    html = hostile.html(ARTICLE_PAGES[lang])
    term_tip = html.css_first(".ex-tip--term")
    assert term_tip.attributes["data-title"] == TERM[lang]
    assert fold(term_tip.text()) == fold(f"Court {PAYLOAD}")
    assert [node.tag for node in term_tip.traverse(include_text=False)] == ["div", "p"]
    for tip in html.css(".ex-tip--participant"):
        assert SCRIPT in tip.text()
        assert tip.css("script, img:not(.ex-avatar), svg") == []


def test_term_and_participant_pages_show_text(hostile: BuildResult):
    for lang, glossary, participants in (("fr", "glossaire", "acteurs"), ("en", "glossary", "participants")):
        term = next(p for p in hostile.pages() if p.startswith(f"{lang}/{glossary}/term"))
        html = parse(hostile.site / term)
        expected = TERM[lang][:1].upper() + TERM[lang][1:]
        assert html.css_first("title").text() == f"{expected} - {SITE_NAME}"
        assert html.css_first(".md-content h1").text() == TERM[lang]
        definition = html.css_first(".ex-definition")
        assert SCRIPT in definition.text()
        assert definition.css("script, img[src^='javascript'], iframe, form") == []
        data = json.loads(html.css_first('script[type="application/ld+json"]').text())
        assert data["name"] == TERM[lang]
        person = next(p for p in hostile.pages() if p.startswith(f"{lang}/{participants}/personne"))
        html = parse(hostile.site / person)
        assert html.css_first("title").text() == f"{PERSON} - {SITE_NAME}"
        assert html.css_first(".md-content h1").text() == PERSON
        assert fold(html.css_first(".ex-dek").text()) == fold(f"Description {PAYLOAD}")


def test_dossier_author_and_living_texts_are_text(hostile: BuildResult):
    for lang, dossiers, authors, article in (("fr", "dossiers", "auteurs", ARTICLE_PAGES["fr"]),
                                             ("en", "topics", "authors", ARTICLE_PAGES["en"])):
        # Their paths come from the title and the name, made safe.
        folder = next(p for p in hostile.pages() if p.startswith(f"{lang}/{dossiers}/dossier-script"))
        dossier = parse(hostile.site / folder)
        assert fold(dossier.css_first(".md-content h1").text()) == fold(f"Dossier {PAYLOAD}")
        intro = dossier.css_first(".ex-dossier__intro")
        assert SCRIPT in intro.text()
        assert intro.css("script, img[src^='javascript'], iframe, form") == []
        author = parse(hostile.site / next(p for p in hostile.pages()
                                           if p.startswith(f"{lang}/{authors}/auteur-script")))
        assert fold(author.css_first(".md-content h1").text()) == fold(f"Auteur {PAYLOAD}")
        assert fold(author.css_first(".ex-dek").text()) == fold(f"Bio {PAYLOAD}")
        page = parse(hostile.site / article / "index.html")
        assert fold(page.css_first(".ex-credits a").text()) == fold(f"Auteur {PAYLOAD}")
        assert fold(page.css_first(".ex-corrections li span").text()) == fold(f"Correction {PAYLOAD}")
        assert fold(page.css_first(".ex-updates__list li span").text()) == fold(f"Mise à jour {PAYLOAD}")
        feed = ET.parse(hostile.site / posixpath.dirname(folder) / "feed.xml").getroot()
        assert feed.findtext(f"{ATOM}title").endswith(f"Dossier {PAYLOAD}")


# -- feeds, sitemap, search index -----------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_feed_parses_with_the_hostile_title_as_text(hostile: BuildResult, lang):
    feed = ET.parse(hostile.site / lang / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [TITLES[lang]]
    assert entries[0].findtext(f"{ATOM}summary") == f"Résumé {PAYLOAD}"


def test_sitemap_parses(hostile: BuildResult):
    urls = ET.parse(hostile.site / "sitemap.xml").getroot()
    with gzip.open(hostile.site / "sitemap.xml.gz") as stream:
        assert ET.parse(stream).getroot().tag == urls.tag
    locations = [node.text for node in urls.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"https://explainer.example.org/{ARTICLE_PAGES['fr']}" in locations


def test_search_indexes_parse(hostile: BuildResult):
    for path in ("search/search_index.json", "fr/search/search_index.json", "en/search/search_index.json"):
        index = json.loads((hostile.site / path).read_text(encoding="utf-8"))
        assert index["docs"], path


# -- URLs an editor writes: only http(s) ------------------------------------------------------


SOURCE_URLS = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
               "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
               'https://example.org/"><script>alert(1)</script>']


RULE = "must be an http:// or https:// address (other schemes such as javascript: are refused)"


def shown(url: str) -> str:
    """The value as the error line quotes it (validate._describe)."""
    text = repr(url)
    return text if len(text) <= 40 else text[:37] + "..."


def test_article_source_urls_must_be_http(project: SiteProject):
    sources = "".join(f"\n  - title: Source\n    url: {json.dumps(url)}" for url in SOURCE_URLS)
    project.article("a", "fr", "Texte.").write_text(
        project.content.joinpath("articles/a/fr.md").read_text(encoding="utf-8").replace(
            "summary: Résumé.", "summary: Résumé.\nsources:" + sources), encoding="utf-8")
    result = project.build(check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.error_lines == [
        f"content/articles/a/fr.md:{8 + 2 * index}:10: error: 'sources.{index}.url' {RULE}, "
        f"not {shown(url)}" for index, url in enumerate(SOURCE_URLS)]
    assert not (project.root / "site").exists()


def test_glossary_source_urls_must_be_http(project: SiteProject):
    project.article("a", "fr", "Texte.")
    sources = "".join(f"\n  - title: Source\n    url: {json.dumps(url)}" for url in SOURCE_URLS)
    project.write("glossary/g.yml", """
        fr: {term: g, short: Court., definition: Déf.}
        en: {term: g, short: Short., definition: Def.}
        sources:""" + sources.replace("\n", "\n        ") + "\n")
    result = project.build(check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.error_lines == [
        f"content/glossary/g.yml:{5 + 2 * index}:10: error: 'sources.{index}.url' {RULE}, "
        f"not {shown(url)}" for index, url in enumerate(SOURCE_URLS)]


# -- what editors write never breaks an error line -------------------------------------------


def test_error_lines_stay_one_line_whatever_the_keys_and_terms(project: SiteProject):
    project.write("articles/a/fr.md", """
        ---
        title: Titre
        lang: fr
        date: 2025-04-10
        summary: Résumé.
        "clé\\n/tmp/x.md:1:1: error: forged\\u202e": 1
        ---
        Texte.
        """)
    term = '{term: "terme\\nsecond\\u200b", short: Court., definition: Déf.}'
    project.write("glossary/a.yml", f"fr: {term}\nen: {{term: a, short: S., definition: D.}}\n")
    project.write("glossary/b.yml", f"fr: {term}\nen: {{term: b, short: S., definition: D.}}\n")
    result = project.build(check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.error_lines == [
        "content/articles/a/fr.md:6:1: error: unknown field "
        "'clé\\n/tmp/x.md:1:1: error: forged\\u202e'",
        "content/glossary/b.yml:1:12: error: 'terme\\nsecond\\u200b' already names glossary entry "
        "'a' (content/glossary/a.yml:1:12); a form may name one entry only",
    ]
    for line in result.stderr.splitlines():
        assert re.match(r"^(content/\S+:\d+:\d+: error: |INFO|WARNING|ERROR|Aborted|\s*$)", line), line
