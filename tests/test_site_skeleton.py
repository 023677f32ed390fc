"""The example site: bilingual pages, languages, translation links, navigation."""

from __future__ import annotations

import posixpath

from conftest import SEED, BuildResult, text_of

ARTICLE = "coalition-ukraine-2025-04-10"
FR_PAGE = f"fr/explications/{ARTICLE}/"
EN_PAGE = f"en/explainers/{ARTICLE}/"


def resolve(page: str, href: str) -> str:
    """The site path a relative ``href`` on ``page`` points to."""
    target = posixpath.normpath(posixpath.join(page, href.split("#")[0]))
    return "" if target == "." else target + "/"


def seed_paragraphs() -> tuple[str, list[str]]:
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[0], lines[1:]


def test_each_language_version_is_built_with_its_own_lang(example_site: BuildResult):
    assert example_site.html(FR_PAGE).css_first("html").attributes["lang"] == "fr"
    assert example_site.html(EN_PAGE).css_first("html").attributes["lang"] == "en"


def test_french_page_keeps_the_seed_text_verbatim(example_site: BuildResult):
    title, paragraphs = seed_paragraphs()
    page = example_site.html(FR_PAGE)
    assert text_of(page.css_first("article h1")) == " ".join(title.split())
    body = [text_of(p) for p in page.css(".ex-body p")]
    assert body == [" ".join(p.split()) for p in paragraphs]


def test_english_translation_is_complete(example_site: BuildResult):
    _, paragraphs = seed_paragraphs()
    page = example_site.html(EN_PAGE)
    body = [text_of(p) for p in page.css(".ex-body p")]
    assert len(body) == len(paragraphs)
    assert "reassurance force" in body[1]
    assert "Lecornu" in body[2]


def test_dates_are_formatted_by_cldr_for_the_page_language(example_site: BuildResult):
    fr = example_site.html(FR_PAGE).css_first(".ex-byline time")
    en = example_site.html(EN_PAGE).css_first(".ex-byline time")
    assert (fr.text(), fr.attributes["datetime"]) == ("10 avril 2025", "2025-04-10")
    assert (en.text(), en.attributes["datetime"]) == ("April 10, 2025", "2025-04-10")


def test_material_ui_strings_follow_the_page_language(example_site: BuildResult):
    fr = example_site.html(FR_PAGE)
    en = example_site.html(EN_PAGE)
    assert fr.css_first("input.md-search__input").attributes["placeholder"] == "Rechercher"
    assert en.css_first("input.md-search__input").attributes["placeholder"] == "Search"
    assert fr.css_first('button[type="reset"]').attributes["aria-label"] == "Effacer"
    assert en.css_first('button[type="reset"]').attributes["aria-label"] == "Clear"


def test_our_ui_strings_come_from_the_page_catalog(example_site: BuildResult):
    fr_crumbs = [text_of(a) for a in example_site.html(FR_PAGE).css(".ex-breadcrumb a")]
    assert fr_crumbs == ["Accueil", "Explications"]
    en_crumbs = [text_of(a) for a in example_site.html(EN_PAGE).css(".ex-breadcrumb a")]
    assert en_crumbs == ["Home", "Explainers"]
    assert "2 min de lecture" in text_of(example_site.html(FR_PAGE).css_first(".ex-byline"))
    assert "Translated from French" in text_of(example_site.html(EN_PAGE).css_first(".ex-byline"))


def test_language_switcher_links_resolve_to_each_other(example_site: BuildResult):
    fr_links = example_site.html(FR_PAGE).css(".ex-translations a")
    en_links = example_site.html(EN_PAGE).css(".ex-translations a")
    assert [a.attributes["hreflang"] for a in fr_links] == ["en"]
    assert [a.attributes["hreflang"] for a in en_links] == ["fr"]
    assert resolve(FR_PAGE, fr_links[0].attributes["href"]) == EN_PAGE
    assert resolve(EN_PAGE, en_links[0].attributes["href"]) == FR_PAGE
    assert text_of(fr_links[0]) == "Read in English"
    assert text_of(en_links[0]) == "Lire en français"
    # Material's header menu lists the same translations.
    header = example_site.html(FR_PAGE).css(".md-select__link")
    assert {a.attributes["hreflang"]: resolve(FR_PAGE, a.attributes["href"]) for a in header} == {
        "fr": FR_PAGE, "en": EN_PAGE}


def test_hreflang_alternates_and_x_default(example_site: BuildResult):
    base = "https://explainer.example.org/"
    for page in (FR_PAGE, EN_PAGE):
        links = {link.attributes["hreflang"]: link.attributes["href"]
                 for link in example_site.html(page).css('head link[rel="alternate"][hreflang]')}
        assert links == {"fr": base + FR_PAGE, "en": base + EN_PAGE, "x-default": base + FR_PAGE}


def test_navigation_is_short_and_per_language(example_site: BuildResult):
    for page, lang in ((FR_PAGE, "fr"), (EN_PAGE, "en"), ("fr/", "fr"), ("en/", "en")):
        targets = {resolve(page, a.attributes["href"])
                   for a in example_site.html(page).css("nav.md-nav--primary a.md-nav__link")
                   if a.attributes.get("href")}
        assert targets, page
        assert all(target.startswith(f"{lang}/") for target in targets), (page, targets)
        assert not any(ARTICLE in target for target in targets), (page, targets)


def test_root_page_offers_each_language(example_site: BuildResult):
    root = example_site.html("")
    choices = root.css(".ex-language-choice a")
    assert {a.attributes["hreflang"]: resolve("", a.attributes["href"]) for a in choices} == {
        "fr": "fr/", "en": "en/"}
    assert [text_of(a.css_first(".ex-language-choice__name")) for a in choices] == ["Français", "English"]


#: The example's explainers, newest first.
EXAMPLE_ARTICLES = ["paris-summit-2025-09-05", "alaska-summit-2025-08-17", "istanbul-talks-2025-05-17",
                    ARTICLE, "ceasefire-proposal-2025-03-19"]


def test_home_pages_lead_with_the_newest_explainer_then_the_others_newest_first(
        example_site: BuildResult):
    for home, section in (("fr/", "explications"), ("en/", "explainers")):
        links = [resolve(home, a.attributes["href"])
                 for a in example_site.html(home).css(".ex-lead-story__title a, .ex-story-card a")]
        assert links == [f"{home}{section}/{article}/" for article in EXAMPLE_ARTICLES]
