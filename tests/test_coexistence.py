"""Material's features and common plugins beside the explainer: each one either works, or
the build stops with ONE configuration error that says what to do instead (never a silent
half-site). And what runs the plugin: MkDocs 1.x and ProperDocs, never MkDocs 2 or Zensical.

Every case is a real `mkdocs build` of a small site (tests/conftest.py's SiteProject) with
the real plugin and, where the case is another plugin, the real package (Material's own
plugins; mkdocstrings and mkdocs-static-i18n are test extras, pinned in constraints.txt).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import REPO, SiteProject, text_of


def configure(project: SiteProject, *, plugins: str = "", features: tuple[str, ...] = (),
              extra: str = "", custom_dir: str | None = None) -> None:
    """mkdocs.yml with ``plugins`` (YAML list items) before the explainer's, theme
    ``features``, ``extra`` top-level YAML, and no custom_dir unless one is given."""
    feature_lines = "".join(f"    - {feature}\n" for feature in features)
    (project.root / "mkdocs.yml").write_text(
        "site_name: Coexistence\n"
        "site_url: https://explainer.example.org/\n"
        "docs_dir: content\n"
        "theme:\n"
        "  name: material\n"
        "  language: fr\n"
        "  font: false\n"
        + (f"  custom_dir: {custom_dir}\n" if custom_dir else "")
        + (f"  features:\n{feature_lines}" if features else "")
        + "plugins:\n"
        "  - search:\n"
        "      lang: [fr, en]\n"
        + plugins
        + "  - explainer:\n"
        "      languages: [fr, en]\n"
        + extra, encoding="utf-8")


def two_articles(project: SiteProject, *, fr_tags: str = "", en_tags: str = "") -> None:
    project.write("articles/a/fr.md", f"""
        ---
        title: Un titre
        lang: fr
        date: 2025-04-10
        summary: Résumé.
        {fr_tags}
        ---

        Un texte en français.
        """)
    project.write("articles/a/en.md", f"""
        ---
        title: A title
        lang: en
        date: 2025-04-10
        summary: Summary.
        translation_of: fr
        {en_tags}
        ---

        A text in English.
        """)


def refused(project: SiteProject) -> str:
    """The build's one error line; it must have stopped before writing any page."""
    result = project.build(check=False)
    assert result.returncode != 0, "the build went on"
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, result.stderr
    assert not (project.root / "site" / "fr").exists(), "pages were written"
    return errors[0]


# -- refused, with what to do instead -------------------------------------------------------

def test_navigation_instant_is_refused(project: SiteProject):
    # Tried in Chromium: Material fetches sitemap.xml beside the page's `base`, which the
    # explainer points at the language folder (fr/sitemap.xml: 404), so every click was a
    # full load. With a sitemap there, pages load instantly but keep the header: the
    # language menu still offered the previous page's translations (see docs/ecosystem.md).
    two_articles(project)
    configure(project, features=("navigation.instant", "navigation.instant.progress"))
    line = refused(project)
    assert "explainer: Material's 'navigation.instant' and 'navigation.instant.progress' " \
           "cannot work on an explainer site" in line
    assert line.endswith("remove them from theme.features")


def test_a_nav_written_in_mkdocs_yml_is_refused(project: SiteProject):
    two_articles(project)
    configure(project, extra="nav:\n  - index.md\n")
    line = refused(project)
    assert "explainer: 'nav' is set, and the explainer would replace it" in line
    assert line.endswith("its own navigation per language: remove 'nav'")


def test_explainer_check_refuses_the_same_config(project: SiteProject):
    two_articles(project)
    configure(project, extra="nav:\n  - index.md\n")
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "check"], cwd=project.root,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert proc.stderr.strip().splitlines() == [
        "explainer: error: mkdocs.yml: 'nav' is set, and the explainer would replace it with its "
        "own navigation per language: remove 'nav'"]


def test_materials_offline_plugin_is_refused_for_the_explainers_offline_option(
        project: SiteProject):
    two_articles(project)
    configure(project, plugins="  - offline\n")
    line = refused(project)
    assert "explainer: Material's 'offline' plugin cannot make" in line
    assert "set the explainer plugin's 'offline: true' option or run 'explainer bundle'" in line


def test_a_disabled_plugin_is_not_refused(project: SiteProject):
    two_articles(project)
    configure(project, plugins="  - offline:\n      enabled: false\n")
    result = project.build()
    assert (result.site / "fr" / "explications" / "a" / "index.html").is_file()


def test_materials_blog_plugin_is_refused_before_it_writes_into_content(project: SiteProject):
    two_articles(project)
    configure(project, plugins="  - blog\n")
    line = refused(project)
    assert "explainer: Material's 'blog' plugin builds posts in one language" in line
    assert "publish posts as explainer articles (content/articles/<id>/<lang>.md)" in line
    # Material's blog plugin creates content/blog/index.md in its on_config: it never ran.
    assert not (project.content / "blog").exists()


def test_mkdocs_static_i18n_is_refused(project: SiteProject):
    two_articles(project)
    configure(project, plugins="  - i18n:\n      languages:\n"
                               "        - {locale: fr, name: Français, default: true}\n"
                               "        - {locale: en, name: English}\n")
    line = refused(project)
    assert "explainer: the 'i18n' plugin (mkdocs-static-i18n) cannot run with the explainer" in line
    assert "list the languages in the explainer plugin's 'languages' option" in line


def test_mkdocstrings_is_refused(project: SiteProject):
    two_articles(project)
    configure(project, plugins="  - mkdocstrings\n")
    line = refused(project)
    assert "explainer: 'mkdocstrings' renders '::: identifier' blocks" in line
    assert "build API documentation as a separate site" in line


def test_every_refusal_is_reported_at_once(project: SiteProject):
    two_articles(project)
    configure(project, plugins="  - blog\n  - offline\n", features=("navigation.instant",),
              extra="nav:\n  - index.md\n")
    line = refused(project)
    for words in ("'navigation.instant'", "'nav' is set", "'blog' plugin", "'offline' plugin"):
        assert words in line


# -- working beside the explainer -----------------------------------------------------------

def test_tags_in_an_article_and_a_tag_page_per_language(project: SiteProject):
    two_articles(project, fr_tags="tags: [Défense, Ukraine]", en_tags="tags: [Defence, Ukraine]")
    configure(project, plugins="  - tags\n")
    result = project.build()
    article = result.html("fr/explications/a/")
    assert [text_of(tag) for tag in article.css(".md-tags .md-tag")] == ["Défense", "Ukraine"]
    # Each article's tags lead to its own language's tag page.
    assert [a.attributes["href"] for a in article.css(".md-tags a.md-tag")] == [
        "../../etiquettes/#tag:défense", "../../etiquettes/#tag:ukraine"]
    english = result.html("en/explainers/a/")
    assert [a.attributes["href"] for a in english.css(".md-tags a.md-tag")] == [
        "../../tags/#tag:defence", "../../tags/#tag:ukraine"]

    french_tags = result.html("fr/etiquettes/")
    assert french_tags.css_first("html").attributes["lang"] == "fr"
    assert text_of(french_tags.css_first("article h1")) == "Étiquettes"
    listed = {a.attributes["href"] for a in french_tags.css("article a")}
    assert listed == {"../explications/a/"}   # the French article only
    english_tags = result.html("en/tags/")
    assert english_tags.css_first("html").attributes["lang"] == "en"
    assert {a.attributes["href"] for a in english_tags.css("article a")} == {"../explainers/a/"}
    # The page's navigation is its language's.
    assert "All explainers" in text_of(english_tags.css_first("nav.md-nav"))
    # Each is the other's translation: the language menu and the hreflang links.
    assert [(a.attributes["href"], a.attributes.get("aria-current"))
            for a in french_tags.css(".md-select__link")] == [("../../en/tags/", None),
                                                              ("./", "page")]
    assert {link.attributes["hreflang"]: link.attributes["href"] for link in
            english_tags.css("link[rel=alternate][hreflang]")} == {
        "en": "https://explainer.example.org/en/tags/",
        "fr": "https://explainer.example.org/fr/etiquettes/"}
    # Its search reads its language's index, as the explainer's own pages do.
    for page, base in ((french_tags, "../../fr/"), (english_tags, "../../en/")):
        assert json.loads(page.css_first("script#__config").text())["base"] == base


def test_tags_without_the_tags_plugin_are_accepted_and_make_no_page(project: SiteProject):
    two_articles(project, fr_tags="tags: [Défense]")
    configure(project)
    result = project.build()
    assert result.error_lines == []
    assert result.html("fr/explications/a/").css(".md-tags") == []
    assert not (result.site / "fr" / "etiquettes").exists()


def test_materials_privacy_plugin_works(project: SiteProject):
    # The explainer's pages load nothing from another host. Privacy would download what
    # Material's own bundle refers to on unpkg.com (Mermaid, a polyfill): excluded here, so
    # that the test needs no network (without one, privacy only warns about them).
    two_articles(project)
    configure(project, plugins="  - privacy:\n      assets_exclude: ['unpkg.com/*']\n")
    result = project.build()
    assert "unpkg" not in result.stderr and "External file" not in result.stderr
    page = result.html("fr/explications/a/")
    assert text_of(page.css_first("article h1")) == "Un titre"
    for node in page.css("script[src], link[rel=stylesheet], img[src]"):
        source = node.attributes.get("src") or node.attributes.get("href") or ""
        assert not source.startswith(("http:", "https:", "//")), source


# -- the theme the package ships ------------------------------------------------------------

def test_a_site_needs_no_custom_dir(project: SiteProject):
    two_articles(project)
    configure(project)
    result = project.build()
    page = result.html("fr/explications/a/")
    assert page.css_first("link[href$='assets/explainer/explainer.css']") is not None
    assert (result.site / "assets" / "explainer" / "explainer.js").is_file()


def test_a_custom_dir_comes_before_the_packaged_theme(project: SiteProject):
    two_articles(project)
    custom = project.root / "custom"
    (custom / "explainer").mkdir(parents=True)
    original = (REPO / "overrides" / "explainer" / "article.html").read_text(encoding="utf-8")
    (custom / "explainer" / "article.html").write_text(
        '<p id="site-own-template"></p>\n' + original, encoding="utf-8")
    configure(project, custom_dir=str(custom))
    result = project.build()
    assert result.html("fr/explications/a/").css_first("#site-own-template") is not None
    assert (result.site / "assets" / "explainer" / "explainer.css").is_file()


# -- what runs the plugin -------------------------------------------------------------------

@pytest.mark.parametrize("setup, words", [
    ("import mkdocs; mkdocs.__version__ = '2.0.0'",
     "explainer: MkDocs 2.0.0 cannot run the explainer plugin (MkDocs 2 has no plugin API)"),
    ("import sys, types; sys.modules['zensical'] = types.ModuleType('zensical')",
     "explainer: Zensical cannot run the explainer plugin"),
])
def test_the_plugin_refuses_what_cannot_run_it_in_one_line(setup: str, words: str):
    proc = subprocess.run([sys.executable, "-c", f"{setup}\nimport generator.plugin"],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError: ") and words in last, proc.stderr


def test_mkdocs_1_and_properdocs_are_accepted():
    from generator.material_compat import runner_problem
    assert runner_problem("1.6.1", {}) is None
    assert runner_problem("1.6.7", {"properdocs": object()}) is None   # ProperDocs' own number
    assert "install MkDocs 1.6" in runner_problem("2.1", {})
