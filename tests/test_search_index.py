"""The plugin indexes its own pages for search, with the entries Material's search would make.

Material's search plugin parses each page's HTML in pure Python; the plugin's pages skip it
and are indexed by ``generator.search`` instead, from a lexbor tree. These tests hold the
two to the same entries, byte for byte: on every page of built sites (what the page held
when it was indexed, recorded by a hook), on hand-written HTML that reaches each of
Material's rules, and on random HTML. Then the index files: the whole site's and one per
language, also after a ``--dirty`` rebuild.

One difference is deliberate: an element marked ``data-search-exclude`` is left out whole,
where Material's parser ends the exclusion at the first end tag of the same name (see
``intended``). Pages with such nested markup are held to Material's parser with that one
rule mended; all others to Material's parser as it is.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
import textwrap
from html import escape
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import material.plugins.search.plugin as material_search
import pytest
from material.plugins.search.plugin import SearchIndex
from selectolax.lexbor import LexborHTMLParser

from conftest import REPO, BuildResult, SiteProject
from generator.search import EXPLAINER_SECTION_BOOST, page_entries
from generator.search_ranking import REFERENCE_BOOST
from generator.search_index import SearchEntries, encode_entries, index_files

ARTICLE = "coalition-ukraine-2025-04-10"
ARTICLE_URL = re.compile(r"(fr/explications|en/explainers)/[^/]+/$")
#: The root, each language's home and indexes: no search result (generator.search_ranking).
NAVIGATION_URL = re.compile(
    r"((fr|en)/((explications|explainers|glossaire|glossary|acteurs|participants|dossiers|topics)/)?)?$")
TERM_URL = re.compile(r"(fr/glossaire|en/glossary)/[^/]+/$")
PARTICIPANT_URL = re.compile(r"(fr/(acteurs|dossiers|auteurs)|en/(participants|topics|authors))/[^/]+/$")
DEFINITION = {"fr": "Définition", "en": "Definition"}


def ranked(url: str, entries: list[dict]) -> list[dict] | None:
    """A page's entries as the plugin writes them: ranked for readers. An explainer's
    sections are boosted (all entries but its first); every entry of a glossary or
    participant page is boosted down, a definition's first is tagged as one; navigation
    pages are no results."""
    if NAVIGATION_URL.match(url):
        return None
    if ARTICLE_URL.match(url):
        return [{**entry, "boost": EXPLAINER_SECTION_BOOST} if number else entry
                for number, entry in enumerate(entries)]
    if TERM_URL.match(url) or PARTICIPANT_URL.match(url):
        label = DEFINITION[url[:2]] if TERM_URL.match(url) else None
        return [{**entry, "boost": REFERENCE_BOOST,
                 **({"tags": [*entry.get("tags", []), label]} if label and not number else {})}
                for number, entry in enumerate(entries)]
    return entries


def material(html: str, url: str = "page/", title: str = "Page", meta: dict | None = None) -> list[dict]:
    """What Material's own search plugin makes of a page."""
    meta = dict(meta or {})
    # The plugin's pages are excluded from Material's indexing; ask for it here all the same.
    meta["search"] = {key: value for key, value in (meta.get("search") or {}).items()
                      if key != "exclude"}
    index = SearchIndex()
    index.add_entry_from_context(SimpleNamespace(content=html, url=url, title=title,
                                                 meta=meta, toc=[]))
    return index.entries


def ours(html: str, url: str = "page/", title: str = "Page", meta: dict | None = None,
         section_boost: float | None = None) -> list[dict]:
    return page_entries(html, url, title, meta, section_boost)


# Where we differ from Material, on purpose. Material's parser keeps the elements it skips
# in a set, but its Element objects compare and hash by tag name alone: the first end tag
# of the excluded element's name, a nested element's, takes it out of the set, and the rest
# of it is indexed. The explainers' tooltips are a <div data-search-exclude> of <div>s, so
# Material would index every tooltip but the first into the article's first section, as if
# it were the article's text. We leave out the whole subtree, as data-search-exclude means.


class _SkippedElements:
    """Material's set of skipped elements, holding excluded elements as themselves.

    Script, style and object elements stay skipped by tag name, as Material means them.
    """

    def __init__(self, names):
        self.names = frozenset(names)
        self.excluded: list = []

    def add(self, element) -> None:
        self.excluded.append(element)

    def remove(self, element) -> None:
        self.excluded = [e for e in self.excluded if e is not element]

    def __contains__(self, element) -> bool:
        return element.tag in self.names or any(e is element for e in self.excluded)

    def intersection(self, context) -> list:
        return [element for element in context if element in self]


class _IntendedParser(material_search.Parser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.skip = _SkippedElements(self.skip)


def intended(html: str, url: str = "page/", title: str = "Page", meta: dict | None = None) -> list[dict]:
    """What Material's search plugin makes of a page, with excluded elements left out whole."""
    with mock.patch.object(material_search, "Parser", _IntendedParser):
        return material(html, url, title, meta)


def nested_exclusion(html: str) -> bool:
    """Whether an excluded element holds an element of its own name: only there do
    ``material`` and ``intended`` part ways."""
    tree = LexborHTMLParser(html)
    return any(len(element.css(element.tag)) > 1  # css() counts the element itself
               for element in tree.css('[data-search-exclude], [class="linenodiv"]'))


# -- every page of built sites ----------------------------------------------------------------

#: A hook that records each page as the plugin indexes it (after it, before Material's search).
RECORDER = '''
import json
from mkdocs.plugins import event_priority

PAGES = []

@event_priority(5)
def on_page_context(context, page, config, nav):
    PAGES.append({"content": page.content, "url": page.url, "title": page.title,
                  "meta": page.meta, "src_uri": page.file.src_uri})

def on_post_build(config):
    with open("pages.json", "w", encoding="utf-8") as stream:
        json.dump(PAGES, stream, ensure_ascii=False, default=str)
'''


def record_pages(project: SiteProject) -> tuple[BuildResult, list[dict]]:
    (project.root / "recorder.py").write_text(RECORDER, encoding="utf-8")
    with (project.root / "mkdocs.yml").open("a", encoding="utf-8") as stream:
        stream.write("hooks:\n  - recorder.py\n")
    result = project.build()
    pages = json.loads((project.root / "pages.json").read_text(encoding="utf-8"))
    return result, pages


def index(site: Path, prefix: str = "") -> dict:
    return json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))


def assert_same_as_material(result: BuildResult, pages: list[dict]) -> int:
    """Every page as Material would index it (with excluded elements left out whole);
    how many pages hold nested excluded markup, where Material itself would not."""
    docs = index(result.site)["docs"]
    # Pages not found (robots: noindex) are in no index.
    plugin_pages = [page for page in pages if page["meta"].get("search", {}).get("exclude")
                    and not page["meta"].get("robots")]
    assert plugin_pages, "no page was indexed by the plugin"
    nested = 0
    for page in plugin_pages:
        title = str(page["meta"].get("title", page["title"]))
        reference = intended(page["content"], page["url"], title, page["meta"])
        if nested_exclusion(page["content"]):
            nested += 1
        else:
            assert material(page["content"], page["url"], title, page["meta"]) == reference, page["url"]
        boost = EXPLAINER_SECTION_BOOST if ARTICLE_URL.match(page["url"]) else None
        # page_entries (with an explainer's section boost) makes Material's entries…
        assert ours(page["content"], page["url"], title, page["meta"], boost) == (
            ranked(page["url"], reference) if boost else reference), page["url"]
        expected = ranked(page["url"], reference)
        if expected is None:  # …no result: in no index
            assert not [doc for doc in docs if doc["location"].split("#")[0] == page["url"]]
            continue
        # …and they are in the site's index, ranked for readers, in a row.
        start = docs.index(expected[0])
        assert docs[start:start + len(expected)] == expected, page["url"]
    return nested


def own_page(project: SiteProject, relative: str, text: str) -> None:
    """A page of the editors' own: in a docs folder of its own, since nothing in the
    content folder is published as it is (content_dir then names the sources)."""
    path = project.root / "docs" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "content_dir:" not in text:
        text = text.replace("docs_dir: content", "docs_dir: docs").replace(
            "      languages: [fr, en]\n", "      languages: [fr, en]\n      content_dir: content\n")
        config.write_text(text, encoding="utf-8")



@pytest.fixture(scope="module")
def example_recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, list[dict]]:
    project = SiteProject(tmp_path_factory.mktemp("search-example"))
    project.copy_example_content()
    project.write_config(site_url="https://explainer.example.org/")
    # A page of the editors' own, indexed by Material's search as before.
    own_page(project, "fr/a-propos.md", """
        # À propos

        Une page écrite à la main, **indexée** par Material.
        """)
    return record_pages(project)


def test_example_site_pages_are_indexed_as_material_would(example_recorded):
    result, pages = example_recorded
    # Each explainer in each language holds its tooltips; every other page is compared
    # with Material as is.
    explainers = [page for page in pages if ARTICLE_URL.match(page["url"])]
    assert len(explainers) >= 10
    assert assert_same_as_material(result, pages) == len(explainers)


def test_tooltips_are_not_indexed(example_recorded):
    result, pages = example_recorded
    docs = index(result.site)["docs"]
    articles = [page for page in pages if f"/{ARTICLE}/" in page["url"]]
    assert len(articles) == 2
    for page in articles:
        tree = LexborHTMLParser(page["content"])
        assert len(tree.css(".ex-tips[data-search-exclude] > .ex-tip")) > 2
        entries = [doc for doc in docs if doc["location"].startswith(page["url"])]
        text = " ".join(doc["text"] for doc in entries)
        # A participant's description is shown in its tooltip only (its card gives its role).
        descriptions = [node.text() for node in tree.css(".ex-tip--participant .ex-tip__text")]
        assert len(descriptions) > 2
        for description in descriptions:
            assert escape(description, quote=False) not in text, page["url"]
        # Left out whole, and nothing else: the entries are those of the page without them.
        content, title = page["content"], str(page["meta"].get("title", page["title"]))
        start = content.index('<div class="ex-tips" data-search-exclude')
        depth = 0
        for tag in re.finditer(r"<(/?)div\b[^>]*>", content[start:]):
            depth += -1 if tag[1] else 1
            if not depth:
                end = start + tag.end()
                break
        assert ours(content[:start] + content[end:], page["url"], title, page["meta"]) == \
            ours(content, page["url"], title, page["meta"])


def test_the_sections_of_explainers_are_boosted_in_search(example_recorded):
    result, pages = example_recorded
    docs = index(result.site)["docs"]
    articles = {page["url"] for page in pages if ARTICLE_URL.match(page["url"])}
    sections = [doc for doc in docs if doc["location"].split("#")[0] in articles
                and "#" in doc["location"]]
    assert any(doc["location"].endswith("#ex-key-terms-title") for doc in sections)
    references = [doc for doc in docs
                  if TERM_URL.match(url := doc["location"].split("#")[0]) or PARTICIPANT_URL.match(url)]
    assert len(references) > 40
    for doc in docs:
        expected = (EXPLAINER_SECTION_BOOST if doc in sections
                    else REFERENCE_BOOST if doc in references else None)
        assert doc.get("boost") == expected, doc["location"]


def test_navigation_pages_are_no_search_result(example_recorded):
    result, pages = example_recorded
    navigation = {page["url"] for page in pages if NAVIGATION_URL.match(page["url"])}
    assert navigation == {"", "fr/", "en/", "fr/explications/", "en/explainers/", "fr/glossaire/",
                          "en/glossary/", "fr/acteurs/", "en/participants/", "fr/dossiers/", "en/topics/"}
    for prefix in ("", "fr", "en"):
        locations = {doc["location"].split("#")[0] for doc in index(result.site, prefix)["docs"]}
        relative = {url[len(prefix) + 1:] if prefix else url for url in navigation
                    if url.startswith(prefix)}
        assert not locations & relative, prefix


def test_definitions_are_labelled_in_search(example_recorded):
    result, _ = example_recorded
    for lang, folder in (("fr", "glossaire/"), ("en", "glossary/")):
        docs = index(result.site, lang)["docs"]
        tagged = {doc["location"] for doc in docs if DEFINITION[lang] in doc.get("tags", [])}
        terms = {doc["location"] for doc in docs
                 if doc["location"].startswith(folder) and "#" not in doc["location"]}
        assert len(terms) >= 15 and tagged == terms, lang


HTML_BODY = """
Un paragraphe avec `du code`, H<sub>2</sub>O et x<sup>2</sup>, &amp; des entités : &lt;b&gt; &nbsp;!

<div class="encadre">
<h2 id="encadre">Un encadré</h2>
<p>Dans l’encadré.</p>
</div>

Après l’encadré.

<pre>
première ligne
    indentée

</pre>

    bloc de code
      indenté

- liste

    - imbriquée
    - <span> </span>

<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1 <em>un</em></td></tr></tbody></table>

<details><summary>Résumé</summary><p>Détail.</p></details>

### Un titre <code>avec code</code> { #titre-code }

<p></p><ul><li> </li></ul>

#### Quatrième niveau

Fin\u00a0: « guillemets ».
"""


def test_rich_article_bodies_are_indexed_as_material_would(project: SiteProject):
    project.article("riche", "fr", HTML_BODY, title="Titre & « guillemets »")
    project.article("riche", "en", "Plain *English* text.\n\n## A heading\n\nMore.",
                    title="Title <b>", translation_of="fr")
    result, pages = record_pages(project)
    assert_same_as_material(result, pages)


# -- hand-written pages: each of Material's rules ----------------------------------------------


CASES = {
    "empty": "",
    "text only": "just some text\n",
    "first h1 has no anchor": '<h1 id="t">T</h1><p>x</p><h2 id="b">B</h2><p>y</p>',
    "first h2 gets a preface": '<h2 id="a">A</h2><p>x</p>',
    "leading whitespace opens the preface": '\n<h1 id="t">T</h1><p>x</p>',
    "heading without id": "<h2>No id</h2><p>text</p>",
    "nested headings": ('<article><header><h1>Title</h1><p>dek</p></header>'
                        '<section><h2 id="a">A</h2><p>in a</p></section><p>after a</p>'
                        '<div><div><h3 id="b">B</h3><p>in b</p></div><p>after b</p></div>'
                        '<h2 id="c">C</h2><p>in c</p></article><p>end</p>'),
    "heading of the same level without id joins the title": (
        '<h2 id="a">A</h2><p>x</p><h2>B</h2><p>y</p>'),
    "excluded elements": ('<p>keep</p><div data-search-exclude><p>gone</p></div>'
                          '<p>kept</p><span data-search-exclude="">gone too</span>'),
    "excluded heading drops its section": (
        '<h2 id="a">A</h2><p>a</p><h2 id="b" data-search-exclude>B</h2><p>b</p>'
        '<h2 id="c">C</h2><p>c</p>'),
    "heading inside an excluded element": (
        '<p>x</p><div data-search-exclude><h2 id="h">Hidden</h2><p>h</p></div><p>y</p>'),
    "excluded element of another name inside": (
        '<div data-search-exclude><span data-search-exclude>a</span><p>b</p></div><p>after</p>'),
    "excluded element inside an element of its name": (
        '<div><p>a</p><div data-search-exclude><p>gone</p></div><p>kept</p></div><p>after</p>'),
    "script, style, object": ('<p>a</p><script>var x = "<p>no</p>";</script>'
                              '<style>p { color: red }</style><object><p>no</p></object><p>b</p>'),
    "line numbers": ('<table class="highlighttable"><tr><td class="linenos"><div class="linenodiv">'
                     '<pre>1\n2</pre></div></td><td class="code"><div class="highlight"><pre>'
                     '<span></span><code>a = 1\nb = 2\n</code></pre></div></td></tr></table>'),
    "pre keeps whitespace": "<p>before</p><pre><code>line 1\n    indented\n\n  </code></pre><p>after</p>",
    "newline after pre": "<pre>\nfirst line\n</pre><pre>\n\ntwo newlines</pre>",
    "headerlink": ('<h2 id="x">Title<a class="headerlink" href="#x" title="Permanent link">¶</a></h2>'
                   '<p>text <a class="headerlink" href="#x">¶</a></p>'),
    "only a headerlink": '<h2 id="x"><a class="headerlink" href="#x">¶</a></h2><p>t</p>',
    "entities": "<p>a &amp; b &lt;tag&gt; &quot;q&quot; &#39;s&#39; caf&eacute; &copy &nbsp; x</p>",
    "empty kept tags": "<p></p><ul><li> </li><li>\n</li></ul><p>x</p><p> </p><ol></ol><sub></sub>",
    "empty kept tag after a full one": "<p>x</p><p></p><p>  </p>",
    "kept tags in titles": '<h2 id="k"><code>code</code> title<sup>2</sup></h2><p><code></code></p>',
    "whitespace folding": ("<p>a\n<em>b</em>\n\n<strong> </strong>c  d\td</p>\n\n\n<p>\u00a0</p>"
                           "<span>x</span>\u00a0<span>y</span>\u202f<span>z</span>"),
    "comments and void elements": "<p>a<!-- c -->b<br>c<img src='x.png' alt='i'>d<br/>e</p><hr><p>f</p>",
    "tables and lists": ("<table><tr><td>1</td><td>2</td></tr></table><ul><li>a<ul><li>b</li></ul>"
                         "</li></ul><dl><dt>t</dt><dd>d</dd></dl>"),
    "svg": '<p>x<svg viewBox="0 0 1 1"><title>icon</title><path d="M0 0"/></svg>y</p>',
}


@pytest.mark.parametrize("html", CASES.values(), ids=CASES.keys())
def test_hand_written_pages(html: str):
    assert not nested_exclusion(html)
    assert ours(html, "p/", "Page &amp; title") == material(html, "p/", "Page &amp; title")


#: Excluded elements holding elements of their own name, and their entries: left out whole,
#: where Material ends the exclusion at the first end tag of that name (see ``intended``).
NESTED_EXCLUSIONS = {
    "nested element of the excluded tag": (
        '<div data-search-exclude><div>gone</div><p>indexed by Material</p></div><p>after</p>',
        [{"location": "p/", "title": "Page", "text": "<p>after</p>"}]),
    "tooltips": (
        ('<h1 id="t">Title</h1><p>text</p>\n<div class="ex-tips" data-search-exclude>\n'
         '<div class="ex-tip" role="tooltip" hidden><p>first</p></div>\n'
         '<div class="ex-tip" role="tooltip" hidden><div class="ex-tip__card"><div>'
         '<p>second</p></div></div><p>third</p></div>\n'
         '<div class="ex-tip" role="tooltip" hidden><p>fourth</p></div>\n</div>\n'
         '<p>after the tooltips</p><h2 id="s">Section</h2><p>more</p>'),
        [{"location": "p/", "title": "Title", "text": "<p>text</p> <p>after the tooltips</p>"},
         {"location": "p/#s", "title": "Section", "text": "<p>more</p>"}]),
    "excluded element in an excluded element of its name": (
        '<div data-search-exclude><div data-search-exclude>a</div>b</div><p>c</p>',
        [{"location": "p/", "title": "Page", "text": "<p>c</p>"}]),
    "nested list in an excluded list item": (
        '<ul><li data-search-exclude>a<ul><li>b</li></ul>c</li><li>d</li></ul>',
        [{"location": "p/", "title": "Page", "text": "<ul><li>d</li></ul>"}]),
    "heading in an excluded element, after a nested one": (
        '<p>x</p><div data-search-exclude><div>a</div><h2 id="h">Hidden</h2><p>h</p></div><p>y</p>',
        # The heading still starts a section, without title or text, as in Material.
        [{"location": "p/", "title": "Page", "text": "<p>x</p><p>y</p>"},
         {"location": "p/#h", "title": "Page", "text": ""}]),
}


@pytest.mark.parametrize("html, expected", NESTED_EXCLUSIONS.values(), ids=NESTED_EXCLUSIONS.keys())
def test_excluded_elements_are_left_out_whole(html: str, expected: list[dict]):
    assert nested_exclusion(html)
    assert ours(html, "p/", "Page") == expected == intended(html, "p/", "Page")
    # Material itself indexes part of the excluded element, or fails on it.
    try:
        assert material(html, "p/", "Page") != expected
    except ValueError:
        pass


def test_rules_spelled_out():
    html = ('<h1>Title <a class="headerlink" href="#">¶</a></h1><p>Intro &amp; <em>more</em>\n'
            'text</p><div data-search-exclude><p>hidden</p></div>'
            '<h2 id="s">Section</h2><ul><li></li><li>item</li></ul><pre>a\n  b</pre>')
    # An h1 without id is text of the first section, which takes the page's title;
    # empty kept elements go; whitespace folds outside <pre>.
    expected = [
        {"location": "fr/x/", "title": "Titre", "text": "Title ¶<p>Intro &amp; more text</p>"},
        {"location": "fr/x/#s", "title": "Section", "text": "<ul><li>item</li></ul><pre>a\n  b</pre>"},
    ]
    assert ours(html, "fr/x/", "Titre") == expected == material(html, "fr/x/", "Titre")


def test_section_boost():
    html = '<h1 id="t">T</h1><p>lead</p><h2 id="a">A</h2><p>x</p><h2 id="b">B</h2><p>y</p>'
    entries = page_entries(html, "p/", "P", None, section_boost=3)
    assert [entry.get("boost") for entry in entries] == [None, 3, 3]
    assert [{k: v for k, v in entry.items() if k != "boost"} for entry in entries] == material(html, "p/", "P")
    # A boost in the page's meta goes into every entry, as in Material.
    meta = {"search": {"boost": 2}}
    assert page_entries(html, "p/", "P", meta, section_boost=3) == material(html, "p/", "P", meta)


def test_tags_and_boost_from_the_page_meta():
    meta = {"tags": ["a", 1, "", None, ["x"]], "search": {"boost": 2, "exclude": True}}
    entries = ours('<h2 id="a">A</h2><p>x</p>', "p/", "P", meta)
    assert entries == material('<h2 id="a">A</h2><p>x</p>', "p/", "P", meta)
    assert all(entry["tags"] == ["a", "1"] and entry["boost"] == 2 for entry in entries)


# -- random pages ---------------------------------------------------------------------------------


def random_html(rng: random.Random, depth: int = 0) -> str:
    """Well-formed HTML of every kind Material's parser treats apart, nested at random."""
    texts = [" ", "\n", "  \n  ", "\u00a0", "word", "a &amp; b", "x &lt; y", "line\nbreak", "\t"]

    def inline(level: int) -> str:
        out = []
        for _ in range(rng.randint(0, 4)):
            kind = rng.choice(["text", "text", "text", "span", "em", "code", "sub", "a",
                               "headerlink", "excluded", "br", "img", "comment"])
            if kind == "text":
                out.append(rng.choice(texts))
            elif kind == "br":
                out.append("<br>")
            elif kind == "img":
                out.append('<img src="x.png" alt="">')
            elif kind == "comment":
                out.append("<!-- c -->")
            elif level < 3:
                inner = inline(level + 1).replace("<a ", "<span ").replace("</a>", "</span>")
                if kind == "a":
                    out.append(f'<a href="#">{inner}</a>')
                elif kind == "headerlink":
                    out.append(f'<a class="headerlink" href="#">{inner}</a>')
                elif kind == "excluded":
                    out.append(f"<span data-search-exclude>{inline(level + 1)}</span>")
                else:
                    out.append(f"<{kind}>{inline(level + 1)}</{kind}>")
        return "".join(out)

    out = []
    for _ in range(rng.randint(1, 6)):
        kind = rng.choice(["p", "p", "heading", "heading", "div", "section", "list", "pre",
                           "excluded", "script", "space", "linenodiv"])
        if depth > 4 and kind in ("div", "section", "list", "excluded", "linenodiv"):
            kind = "p"
        if kind == "p":
            out.append(f"<p>{inline(0)}</p>")
        elif kind == "heading":
            level = rng.choice("1234")
            anchor = f' id="h{rng.randint(0, 999)}"' if rng.random() < 0.7 else ""
            out.append(f"<h{level}{anchor}>{inline(0)}</h{level}>")
        elif kind == "list":
            tag = rng.choice(["ul", "ol"])
            items = "".join(f"<li>{inline(0) if rng.random() < 0.6 else random_html(rng, depth + 1)}</li>"
                            for _ in range(rng.randint(0, 3)))
            out.append(f"<{tag}>{items}</{tag}>")
        elif kind == "pre":
            out.append(f"<pre>{rng.choice(['', chr(10)])}<code>{inline(0)}\n  x</code></pre>")
        elif kind == "excluded":
            out.append(f"<div data-search-exclude>{random_html(rng, depth + 1)}</div>")
        elif kind == "linenodiv":
            out.append(f'<div class="linenodiv">{random_html(rng, depth + 1)}</div>')
        elif kind == "script":
            out.append('<script type="application/ld+json">{"a": "<p>x</p>"}</script>')
        elif kind == "space":
            out.append(rng.choice(["\n", "  ", "\n  "]))
        else:
            out.append(f"<{kind}>{random_html(rng, depth + 1)}</{kind}>")
    return "".join(out)


def test_random_pages():
    # About two pages in three hold an excluded element with one of its name inside.
    compared = nested = 0
    for seed in range(1000):
        html = random_html(random.Random(seed))
        try:
            expected = intended(html)
        except ValueError:
            continue  # Material's parser fails on some of these (a kept tag closed in another section)
        assert ours(html) == expected, html
        compared += 1
        if nested_exclusion(html):
            nested += 1
        else:
            assert material(html) == expected, html
    assert compared > 900
    assert nested > 300 and compared - nested > 250, (nested, compared)


# -- the index files ------------------------------------------------------------------------------


def test_each_language_has_its_own_index(example_recorded):
    result, pages = example_recorded
    site = index(result.site)
    assert site["config"]["lang"] == ["fr", "en"]
    locations = [doc["location"] for doc in site["docs"]]
    assert len(locations) == len(set(locations))
    for lang, other in (("fr", "en"), ("en", "fr")):
        part = index(result.site, lang)
        assert part["config"] == {**site["config"], "lang": [lang]}
        # That language's entries, in the site's order, located from its folder.
        expected = [{**doc, "location": doc["location"][len(lang) + 1:]}
                    for doc in site["docs"] if doc["location"].startswith(f"{lang}/")]
        assert part["docs"] == expected
        assert not any(doc["location"].startswith(f"{other}/") for doc in part["docs"])
        # Every page of that language is there, but navigation pages and pages not found.
        urls = {doc["location"].split("#")[0] for doc in part["docs"]}
        for page in pages:
            unsearched = page["meta"].get("robots") or NAVIGATION_URL.match(page["url"])
            if page["url"].startswith(f"{lang}/") and not unsearched:
                assert page["url"][len(lang) + 1:] in urls, page["url"]
            elif unsearched:
                assert page["url"][len(lang) + 1:] not in urls, page["url"]
    assert any(doc["location"].startswith(f"explications/{ARTICLE}/#")
               for doc in index(result.site, "fr")["docs"])
    # The root page, which only leads to each language, is in no index.
    assert "" not in locations


def test_pages_of_the_editors_own_stay_indexed_by_material(example_recorded):
    result, pages = example_recorded
    page = next(page for page in pages if page["src_uri"] == "fr/a-propos.md")
    assert not page["meta"].get("search")
    site = index(result.site)
    entries = [doc for doc in site["docs"] if doc["location"].startswith("fr/a-propos/")]
    assert entries and "indexée" in entries[0]["text"]
    assert [doc for doc in index(result.site, "fr")["docs"]
            if doc["location"].startswith("a-propos/")] == [
        {**doc, "location": doc["location"][len("fr/"):]} for doc in entries]


#: A hook that records the pages reaching Material's search handler; with ``UNWRAP`` it
#: first puts Material's own handler back in place of the plugin's skipping one.
MATERIAL_REACHED = '''
import json
from mkdocs.plugins import event_priority

UNWRAP = {unwrap}
REACHED = []

@event_priority(-100)  # after material/search has made this build's index, and the plugin its skip
def on_config(config):
    search = config.plugins["material/search"]
    add = search.search_index.add_entry_from_context
    def recording(page):
        REACHED.append(page.file.src_uri)
        return add(page)
    search.search_index.add_entry_from_context = recording
    if UNWRAP:
        handlers = config.plugins.events["page_context"]
        handlers[:] = [handler.__wrapped__
                       if getattr(getattr(handler, "__wrapped__", None), "__self__", None) is search
                       else handler for handler in handlers]

def on_post_build(config):
    with open("reached.json", "w", encoding="utf-8") as stream:
        json.dump(REACHED, stream)
'''


def test_material_search_passes_over_only_the_pages_it_would_leave_alone(tmp_path: Path):
    """Material's search handler is skipped on the plugin's pages (excluded, no attribute it
    would strip): the site is the same, byte for byte, as with the handler run on every page."""
    sites, reached = {}, {}
    for unwrap in (False, True):
        project = SiteProject(tmp_path / f"unwrap-{unwrap}")
        project.copy_example_content()
        own_page(project, "fr/a-propos.md", "# À propos\n\nUne page écrite à la main.\n")
        # An override that gives the explainers an attribute Material strips.
        overrides = project.root / "overrides"
        shutil.copytree(REPO / "overrides", overrides)
        article = overrides / "explainer" / "article.html"
        article.write_text(article.read_text(encoding="utf-8").replace(
            '<article class="ex-article">', '<article class="ex-article" data-search-note="x">', 1),
            encoding="utf-8")
        config = project.root / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            str(REPO / "overrides"), str(overrides)) + "hooks:\n  - reached.py\n", encoding="utf-8")
        (project.root / "reached.py").write_text(MATERIAL_REACHED.format(unwrap=unwrap),
                                                 encoding="utf-8")
        result = project.build()
        sites[unwrap] = {path.relative_to(result.site): path.read_bytes()
                         for path in sorted(result.site.rglob("*")) if path.is_file()}
        reached[unwrap] = json.loads((project.root / "reached.json").read_text(encoding="utf-8"))
    articles = {f"{lang}/{section}/{path.name}/index.md"
                for lang, section in (("fr", "explications"), ("en", "explainers"))
                for path in (REPO / "content" / "articles").iterdir()}
    # Material's handler still sees the editors' own page and the pages it changes…
    assert set(reached[False]) == {"fr/a-propos.md", *articles}
    # …where it saw every page before.
    assert len(reached[True]) > 40 and set(reached[False]) < set(reached[True])
    assert sites[False] == sites[True]
    # It did strip the attribute, in both builds.
    for path in (Path("fr/explications", ARTICLE, "index.html"), Path("en/explainers", ARTICLE, "index.html")):
        tree = LexborHTMLParser(sites[False][path].decode("utf-8"))
        assert tree.css_first("article.ex-article") is not None
        assert tree.css_first("[data-search-note]") is None


def test_offline_indexes_are_scripts_too(project: SiteProject):
    project.article("a", "fr", "Texte **gras**.")
    project.write_config(offline="true")
    result = project.build()
    for prefix in ("", "fr"):
        data = (result.site / prefix / "search" / "search_index.json").read_text(encoding="utf-8")
        script = (result.site / prefix / "search" / "search_index.js").read_text(encoding="utf-8")
        assert script == f"var __index = {data}"
        assert json.loads(data)["docs"]


def test_index_files_join_entries_without_parsing_them_back():
    entries = SearchEntries()
    entries.add("fr-page", "fr/x/", encode_entries([{"location": "fr/x/", "title": "T", "text": "« é »"},
                                                    {"location": "fr/x/#a", "title": "A", "text": ""}]))
    entries.add("en-page", "en/y/", encode_entries([{"location": "en/y/", "title": "Y", "text": "\"q\""}]))
    entries.add("gone", "fr/z/", encode_entries([{"location": "fr/z/", "title": "Z", "text": ""}]))
    entries.add("empty", "fr/w/", encode_entries([]))
    entries.keep_only(["en-page", "fr-page", "empty"])
    config = {"lang": ["fr", "en"], "separator": "[\\s]+", "pipeline": [], "fields": {}}
    others = [{"location": "fr/about/", "title": "About", "text": "x"},
              {"location": "notes/", "title": "Notes", "text": "y"}]
    files = {prefix: b"".join(pieces) for prefix, pieces in
             index_files(config, lambda: entries.pages(["fr-page", "en-page", "empty"]), others,
                         ("fr", "en"))}
    assert sorted(files) == ["", "en/", "fr/"]
    whole = json.loads(files[""])
    assert whole == {"config": config, "docs": [*others,
        {"location": "fr/x/", "title": "T", "text": "« é »"},
        {"location": "fr/x/#a", "title": "A", "text": ""},
        {"location": "en/y/", "title": "Y", "text": "\"q\""}]}
    assert json.loads(files["fr/"]) == {"config": {**config, "lang": ["fr"]}, "docs": [
        {"location": "about/", "title": "About", "text": "x"},
        {"location": "x/", "title": "T", "text": "« é »"},
        {"location": "x/#a", "title": "A", "text": ""}]}
    assert json.loads(files["en/"])["docs"] == [{"location": "y/", "title": "Y", "text": "\"q\""}]
    assert "« é »".encode() in files["fr/"]


# -- mkdocs serve --dirty -------------------------------------------------------------------------

#: Builds as ``mkdocs serve --dirty`` does, in one process: a first build, then after an
#: edit a dirty one, with the same plugin instances (they have on_startup).
DIRTY_BUILDS = textwrap.dedent('''
    import pathlib, sys
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def configured():
        config = load_config(config_file="mkdocs.yml")
        return config

    config = configured()
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    article = pathlib.Path(sys.argv[1])
    article.write_text(article.read_text(encoding="utf-8").replace(
        "Texte de départ.", "Texte modifié, tout autre."), encoding="utf-8")
    build(configured(), dirty=True)
''')


def test_dirty_rebuild_keeps_the_entries_of_pages_it_does_not_rebuild(tmp_path: Path):
    def site(name: str) -> SiteProject:
        project = SiteProject(tmp_path / name)
        project.article("a", "fr", "Texte de départ.\n\n## Partie\n\nSuite.", title="Premier")
        project.article("b", "fr", "Un autre article.", title="Second")
        own_page(project, "notes.md", "# Notes\n\nUne page à part.\n")
        return project

    dirty = site("dirty")
    subprocess.run([sys.executable, "-c", DIRTY_BUILDS, "content/articles/a/fr.md"],
                   cwd=dirty.root, check=True, capture_output=True, text=True, timeout=300)
    clean = site("clean")
    clean.content.joinpath("articles/a/fr.md").write_text(
        dirty.content.joinpath("articles/a/fr.md").read_text(encoding="utf-8"), encoding="utf-8")
    built = clean.build()
    texts = [doc["text"] for doc in index(dirty.root / "site", "fr")["docs"]]
    assert any("Texte modifié" in text for text in texts)
    assert not any("Texte de départ" in text for text in texts)
    assert any("Un autre article" in text for text in texts)
    for prefix in ("", "fr"):
        assert index(dirty.root / "site", prefix) == index(built.site, prefix), prefix


def test_example_index_splits_words_at_quotes_and_apostrophes(example_site: BuildResult):
    # Material's default separator keeps punctuation inside words, so the body's
    # “reassurance force” or « l’OTAN » would never match "reassurance" or "OTAN".
    # The plugin's separator (the site sets none) reaches every language's index;
    # it is a regular expression that reads the same in JavaScript and in Python.
    for lang, text, word in (("en", "the “reassurance force” would", "reassurance"),
                             ("fr", "le rôle de « l’OTAN » ici", "OTAN")):
        separator = index(example_site.site, lang)["config"]["separator"]
        assert word in re.split(separator, text), (lang, separator)
    default = r"[\s\-]+"
    assert "reassurance" not in re.split(default, "the “reassurance force” would")


def test_a_site_separator_is_kept(project: SiteProject):
    project.article("a", "fr", "Texte.", title="Premier")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      lang: [fr, en]\n", "      lang: [fr, en]\n      separator: '[\\s]+'\n", 1), encoding="utf-8")
    built = project.build()
    assert index(built.site, "fr")["config"]["separator"] == r"[\s]+"


def test_entries_replaced_by_rebuilds_do_not_pile_up_in_the_spool():
    entries = SearchEntries()
    big = "x" * 200_000
    for rebuild in range(12):  # a preview rebuilding two pages again and again
        for key in ("a", "b"):
            entries.add(key, f"fr/{key}/", encode_entries([{"location": f"fr/{key}/",
                                                            "title": f"{rebuild}", "text": big}]))
        entries.keep_only(["a", "b"])
    assert entries._end < 3 * 2 * 200_000 + (1 << 20)  # compacted, not 12 rebuilds' worth
    pages = list(entries.pages(["b", "a"]))
    assert [url for url, _ in pages] == ["fr/b/", "fr/a/"]
    assert [json.loads(b"[" + chunk + b"]")[0]["title"] for _, chunk in pages] == ["11", "11"]
