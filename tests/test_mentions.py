"""One record of what every article mentions, in the plan: the links a finished page
makes are exactly the plan's linked mentions, in either link mode, and backlinks,
the copy desk and JSON-LD read the same record."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from selectolax.lexbor import LexborHTMLParser

from conftest import REPO, SiteProject
from generator.convert import Converter
from generator.diagnostics import Diagnostics
from generator.linking import find_mentions, normalize, site_forms
from generator.plan import plan_site
from generator.render import Renderer
from generator.settings import Settings
from generator.validate import read_site

ARTICLE = "coalition-ukraine-2025-04-10"


@lru_cache(maxsize=1)
def example():
    settings = Settings(root=REPO, content_dir=REPO / "content",
                        markdown_extensions=("toc", "tables", "fenced_code", "attr_list",
                                             "md_in_html"))
    content, diagnostics, _ = read_site(settings.content_dir, settings.languages,
                                        Diagnostics(root=REPO))
    assert not diagnostics.errors
    return settings, plan_site(content, settings=settings)


def words_of(lang: str) -> list[str]:
    _, plan = example()
    return sorted({form.text for form in site_forms(plan.content) if form.lang == lang})


#: Markdown around the words: places where nothing may be linked, and places where
#: the words are ordinary text.
WRAPPERS = ["{}", "{}", "{}", "**{}**", "*{}*", "`{}`", "[{}](https://example.org/)",
            "## {}\n\n", "<span>{}</span>", "https://example.org/{}", "« {} »", "{}s",
            "l’{}", "{}-franco", "[{}](term:force-de-reassurance)", "[{}](who:france)",
            "\n\n```\n{}\n```\n\n", "\n\n> {}\n\n", "\n\n- {}\n", "{}.", "{},"]
FILLER = ["le", "et", "la", "les alliés", "Paris", "donc", "the", "and", "week",
          "\n\n", " — ", "2025"]


@st.composite
def article_text(draw, lang: str) -> str:
    words = words_of(lang) + words_of("en" if lang == "fr" else "fr")[:20]
    pieces = []
    for _ in range(draw(st.integers(1, 30))):
        if draw(st.booleans()):
            word = draw(st.sampled_from(words))
            if draw(st.integers(0, 4)) == 0:
                word = word.upper()
            pieces.append(draw(st.sampled_from(WRAPPERS)).format(word))
        else:
            pieces.append(draw(st.sampled_from(FILLER)))
    return " ".join(pieces)


def links_in(content: str) -> list[tuple[str, str]]:
    """(aria-describedby, folded words) of every link the page's body makes."""
    body = LexborHTMLParser(content).css_first(".ex-body")
    return [(a.attributes.get("aria-describedby"), normalize(a.text(deep=True)))
            for a in body.css("a.ex-ref")]


@settings(max_examples=75, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
@pytest.mark.parametrize("link", ["first", "all"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_links_a_page_makes_are_the_plans_linked_mentions(link: str, lang: str, data):
    settings_, plan = example()
    text = data.draw(article_text(lang))
    page = plan.page("article", ARTICLE, lang)
    converted = Converter(settings_)(text)
    mentions = tuple(find_mentions(converted.html, plan.matcher(lang), plan.known))
    original, plan.mentions[page.key] = plan.mentions[page.key], mentions
    try:
        renderer = Renderer(plan, [REPO / "overrides"], link_first_only=link == "first")
        content = renderer.content(page, converted.html)
    finally:
        plan.mentions[page.key] = original
    expected = [(m.target.dom_id, normalize(m.text)) for m in mentions
                if m.linked(link == "first")]
    assert links_in(content) == expected
    # Each target's first mention is marked once; with "first", each target links once.
    firsts = [m.target for m in mentions if m.first]
    assert len(firsts) == len(set(firsts)) == len({m.target for m in mentions})
    if link == "first":
        linked = [m.target for m in mentions if m.linked(True) and not m.explicit]
        assert len(linked) == len(set(linked))


def test_the_example_links_what_its_plan_records():
    _, plan = example()
    page = plan.page("article", ARTICLE, "fr")
    mentions = plan.mentions[page.key]
    assert len(mentions) > 40
    renderer = Renderer(plan, [REPO / "overrides"])
    content = renderer.content(page, plan.bodies[page.key].html)
    assert links_in(content) == [(m.target.dom_id, normalize(m.text))
                                 for m in mentions if m.linked(True)]


def test_a_term_only_in_a_heading_is_not_mentioned_and_so_is_reported_unused(
        project: SiteProject):
    """Headings are never linked, so a heading names nothing: no backlink, and the copy
    desk's "not used" says so (once, three definitions of "mentions" disagreed)."""
    project.write("glossary/treve.yml", """
        fr: {term: trêve, short: Pause., definition: Pause.}
        en: {term: truce, short: Pause., definition: Pause.}
        """)
    project.article("a", "fr", "## La trêve\n\nLe texte ne la nomme pas ailleurs.")
    project.article("a", "en", "## The truce\n\nThe text names it nowhere else.",
                    translation_of="fr")
    result = project.build()
    assert "glossary entry 'treve' is not used by any article" in result.stderr
    term = result.html("fr/glossaire/treve/")
    assert term.css_first(".ex-backlinks") is not None
    assert not term.css(".ex-backlinks a")
    article = result.html("fr/explications/a/")
    data = json.loads(article.css_first("script[type='application/ld+json']").text())
    assert data["mentions"] == []


def test_backlinks_and_json_ld_read_the_same_mentions(example_site):
    term = example_site.html("fr/glossaire/force-de-reassurance/")
    assert term.css(f".ex-backlinks a[href*='{ARTICLE}']")
    article = example_site.html(f"fr/explications/{ARTICLE}/")
    data = json.loads(article.css_first("script[type='application/ld+json']").text())
    names = {item["name"] for item in data["mentions"]}
    _, plan = example()
    page = plan.page("article", ARTICLE, "fr")
    terms = {plan.content.glossary[t.id].texts["fr"].term
             for t in plan.mentioned(page) if t.kind == "term"}
    assert terms and terms <= names


# -- one settings object -------------------------------------------------------------------

def run_check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", "check"], cwd=root,
                          capture_output=True, text=True, timeout=120,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


def run_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root,
                          capture_output=True, text=True, timeout=300,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


BROKEN = "---\ntitle: Titre\nlang: fr\ndate: 2025-13-45\nsummary: Résumé.\n---\n\nTexte.\n"


@pytest.mark.parametrize("layout", ["no docs_dir", "content_dir outside docs_dir"])
def test_explainer_check_and_mkdocs_build_read_the_same_folder(tmp_path: Path, layout: str):
    """MkDocs' default docs_dir is docs/: check must not fall back to content/."""
    root = tmp_path / "site"
    if layout == "no docs_dir":
        content, options = root / "docs", ""
        decoy = root / "content"
    else:
        (root / "pages").mkdir(parents=True)
        content, options = root / "editorial", "      content_dir: editorial\n"
        decoy = root / "pages"
        options = "      content_dir: editorial\n"
    (content / "articles" / "a").mkdir(parents=True)
    (content / "articles" / "a" / "fr.md").write_text(BROKEN, encoding="utf-8")
    # A sound decoy where a wrong default would look.
    (decoy / "articles" / "b").mkdir(parents=True, exist_ok=True)
    (decoy / "articles" / "b" / "fr.md").write_text(BROKEN.replace("2025-13-45", "2025-01-02"),
                                                    encoding="utf-8")
    docs = "docs_dir: pages\n" if layout != "no docs_dir" else ""
    (root / "mkdocs.yml").write_text(
        f"site_name: T\n{docs}theme:\n  name: material\n  custom_dir: {REPO / 'overrides'}\n"
        f"plugins:\n  - explainer:\n      languages: [fr, en]\n{options}", encoding="utf-8")
    checked, built = run_check(root), run_build(root)
    assert checked.returncode == 1 and built.returncode == 1, (checked.stderr, built.stderr)
    problem = f"{content.name}/articles/a/fr.md:4:7: error:"
    assert problem in checked.stdout + checked.stderr
    assert problem in built.stderr
