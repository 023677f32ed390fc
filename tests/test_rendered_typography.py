"""French micro-typography on the built French pages; sources and other languages untouched."""

from __future__ import annotations

from conftest import REPO, BuildResult

ARTICLE = "coalition-ukraine-2025-04-10"
NNBSP = "\u202f"


def test_french_article_is_typeset(example_site: BuildResult):
    html = example_site.html(f"fr/explications/{ARTICLE}/")
    title = html.css_first("article h1").text()
    assert f"l’Ukraine{NNBSP}: Vers" in title
    quote = html.css(".ex-body p")[2].text()
    assert quote.startswith(f"«{NNBSP}La véritable garantie")
    assert f"le pays{NNBSP}»" in quote
    # Inside attributes and JSON-LD, nothing changes.
    description = html.css_first('meta[name="description"]').attributes["content"]
    assert NNBSP not in description
    assert NNBSP not in html.css_first('script[type="application/ld+json"]').text()


def test_english_article_and_sources_are_untouched(example_site: BuildResult):
    html = example_site.html(f"en/explainers/{ARTICLE}/")
    assert NNBSP not in html.css_first("article").text()
    source = (REPO / "content/articles" / ARTICLE / "fr.md").read_text(encoding="utf-8")
    assert NNBSP not in source
    assert "l’Ukraine : Vers" in source
