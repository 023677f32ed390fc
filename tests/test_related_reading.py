"""Related reading: each explainer ends with up to three other explainers in its language,
ranked by the terms and participants they share (the plan's mentions), with the reason shown."""

from __future__ import annotations

import posixpath

import pytest

from conftest import BuildResult, SiteProject, text_of

FRANCE = """
kind: country
iso: FR
description: {fr: La France., en: France.}
"""
UNITED_KINGDOM = """
kind: country
iso: GB
description: {fr: Le Royaume-Uni., en: The United Kingdom.}
"""
REASSURANCE = """
fr: {term: force de réassurance, short: Une force., definition: Une force multinationale.}
en: {term: reassurance force, short: A force., definition: A multinational force.}
"""
CEASEFIRE = """
fr: {term: cessez-le-feu, short: Un arrêt., definition: Un arrêt des combats.}
en: {term: ceasefire, short: A halt., definition: A halt to the fighting.}
"""

#: id → (date, French body). What they share with "a", weighed by rarity (1 / how many
#: explainers refer to it): b, the reassurance force (1/2) and the United Kingdom (1/2);
#: c, d and f the ceasefire (1/4 each: d and f are as new as each other, c older); e nothing.
ARTICLES = {
    "a": ("2025-04-10", "Une force de réassurance est préparée par la France et le "
                        "Royaume-Uni pour l’après cessez-le-feu."),
    "b": ("2025-04-01", "Le Royaume-Uni détaille la force de réassurance."),
    "c": ("2025-03-01", "Un cessez-le-feu est proposé."),
    "d": ("2025-05-01", "Le cessez-le-feu ne tient pas."),
    "e": ("2025-06-01", "Un texte qui ne parle de rien de connu."),
    "f": ("2025-05-01", "Un autre cessez-le-feu est discuté."),
}
ENGLISH = {
    "a": "A reassurance force is being prepared by France and the United Kingdom for after a ceasefire.",
    "b": "The United Kingdom sets out the reassurance force.",
}


@pytest.fixture(scope="module")
def ranked(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = SiteProject(tmp_path_factory.mktemp("related"))
    project.write("participants/france.yml", FRANCE)
    project.write("participants/royaume-uni.yml", UNITED_KINGDOM)
    project.write("glossary/force-de-reassurance.yml", REASSURANCE)
    project.write("glossary/cessez-le-feu.yml", CEASEFIRE)
    for article_id, (date, body) in ARTICLES.items():
        project.article(article_id, "fr", body, date=date, title=f"Titre {article_id}")
        if article_id in ENGLISH:
            project.article(article_id, "en", ENGLISH[article_id], date=date,
                            title=f"Title {article_id}", translation_of="fr")
    return project.build()


def related(result: BuildResult, page: str) -> list[tuple[str, str]]:
    """(the page a related item links to, its reason) for each item, in order."""
    html = result.html(page)
    items = html.css(".ex-related-reading .ex-related-reading__item")
    found = []
    for item in items:
        href = item.css_first("a").attributes["href"]
        target = posixpath.normpath(posixpath.join(page, href)) + "/"
        found.append((target, text_of(item.css_first(".ex-related-reading__reason"))))
    return found


def test_ranked_by_what_they_share_ties_to_the_newest_then_by_id(ranked):
    assert related(ranked, "fr/explications/a/") == [
        ("fr/explications/b/", "Traite aussi de : force de réassurance, Royaume-Uni"),
        ("fr/explications/d/", "Traite aussi de : cessez-le-feu"),
        ("fr/explications/f/", "Traite aussi de : cessez-le-feu"),
    ]
    # c shares as much as d and f but is older: the fourth, left out.
    assert related(ranked, "fr/explications/c/") == [
        ("fr/explications/d/", "Traite aussi de : cessez-le-feu"),
        ("fr/explications/f/", "Traite aussi de : cessez-le-feu"),
        ("fr/explications/a/", "Traite aussi de : cessez-le-feu"),
    ]


def test_only_explainers_of_the_same_language(ranked):
    assert related(ranked, "en/explainers/a/") == [
        ("en/explainers/b/", "Also about: reassurance force, United Kingdom")]
    # As telling as each other: in the order the page being read names them.
    assert related(ranked, "en/explainers/b/") == [
        ("en/explainers/a/", "Also about: United Kingdom, reassurance force")]


def test_an_explainer_sharing_nothing_has_no_related_reading(ranked):
    html = ranked.html("fr/explications/e/")
    assert html.css_first(".ex-related-reading") is None
    assert "e" not in {posixpath.basename(target.rstrip("/"))
                       for page in ("a", "b", "c", "d", "f")
                       for target, _ in related(ranked, f"fr/explications/{page}/")}


def test_the_section_is_titled_and_kept_out_of_search(ranked):
    section = ranked.html("en/explainers/a/").css_first("section.ex-related-reading")
    heading = section.css_first("h2")
    assert text_of(heading) == "Related reading"
    assert section.attributes["aria-labelledby"] == heading.attributes["id"]
    assert text_of(ranked.html("fr/explications/a/").css_first(".ex-related-reading h2")) == \
        "À lire aussi"
    index = (ranked.site / "en" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Related reading" not in index and "Also about" not in index


# -- the example site ---------------------------------------------------------------------

def test_every_example_explainer_ends_with_related_reading(example_site):
    for lang, section, prefix in (("fr", "explications", "Traite aussi de : "),
                                  ("en", "explainers", "Also about: ")):
        pages = sorted(path.parent.name for path in
                       (example_site.site / lang / section).glob("*/index.html"))
        assert len(pages) >= 5, pages
        for article in pages:
            page = f"{lang}/{section}/{article}/"
            items = related(example_site, page)
            assert 1 <= len(items) <= 3, page
            for target, reason in items:
                assert target.startswith(f"{lang}/{section}/") and target != page, (page, target)
                assert (example_site.site / target / "index.html").is_file(), target
                assert reason.startswith(prefix) and len(reason) > len(prefix), (page, reason)
    # The seed's closest explainer is the Paris summit: both name Sébastien Lecornu, and
    # deterrence and aggression, which no other explainer does.
    first_target, first_reason = related(example_site, "fr/explications/coalition-ukraine-2025-04-10/")[0]
    assert first_target == "fr/explications/paris-summit-2025-09-05/"
    assert "Sébastien Lecornu" in first_reason and "dissuasion" in first_reason


def test_what_most_explainers_share_is_left_out(tmp_path):
    """A country that more than RELATED_COMMON explainers name ranks nothing and is never
    given as a reason; a term two of them share still is."""
    from generator.diagnostics import Diagnostics
    from generator.plan import RELATED_COMMON, plan_site
    from generator.settings import Settings
    from generator.validate import read_site

    project = SiteProject(tmp_path / "common")
    project.write("participants/france.yml", FRANCE)
    project.write("glossary/cessez-le-feu.yml", CEASEFIRE)
    count = RELATED_COMMON + 1
    for number in range(count):
        body = "La France négocie." + (" Un cessez-le-feu est proposé." if number < 2 else "")
        project.article(f"x{number:02d}", "fr", body, date=f"2025-01-{number % 28 + 1:02d}")
    settings = Settings(root=project.root, content_dir=project.content)
    content, diagnostics, _ = read_site(settings.content_dir, settings.languages,
                                        Diagnostics(root=project.root))
    assert not diagnostics.errors
    plan = plan_site(content, settings=settings)
    related = {number: plan.related(plan.page("article", f"x{number:02d}", "fr"))
               for number in range(count)}
    assert [(item.page.article.id, [t.id for t in item.shared]) for item in related[0]] == [
        ("x01", ["cessez-le-feu"])]
    assert all(related[number] == [] for number in range(2, count))
