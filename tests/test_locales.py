"""Locale per language: a site says which English (``locales: {en: en_GB}``) and its
dates follow; French pages are unchanged; bad locales are reported."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import BuildResult, SiteProject, build_example, text_of
from generator import locale

ARTICLE = "coalition-ukraine-2025-04-10"
EN_PAGE = f"en/explainers/{ARTICLE}/"
FR_PAGE = f"fr/explications/{ARTICLE}/"
DAY = dt.date(2025, 4, 10)


def test_a_locale_sets_the_date_order():
    assert locale.format_date(DAY, "en") == "April 10, 2025"
    assert locale.format_date(DAY, "en_US") == "April 10, 2025"
    assert locale.format_date(DAY, "en_GB") == "10 April 2025"
    assert locale.format_date(DAY, "fr") == "10 avril 2025"


@pytest.mark.parametrize("locales, fragment", [
    ({"en": "en_GB"}, None),
    ({"en": "en-GB"}, None),
    ({"en": "fr_FR"}, "is not a locale of 'en'"),
    ({"en": "xx_QQ"}, "is not a locale CLDR knows"),
    ({"de": "de_AT"}, "is not one of the site's languages"),
    (["en_GB"], "must map site languages"),
])
def test_bad_locales_are_reported(locales, fragment):
    problems = locale.check_locales(locales, ["fr", "en"])
    if fragment is None:
        assert problems == []
    else:
        assert len(problems) == 1 and fragment in problems[0], problems


@pytest.fixture(scope="module")
def british(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_example(tmp_path_factory.mktemp("british"), locales="{en: en-GB}")


def test_british_english_dates(british: BuildResult):
    english = british.html(EN_PAGE)
    assert text_of(english.css_first(".ex-byline time")) == "10 April 2025"
    assert english.css_first('meta[property="og:locale"]').attributes["content"] == "en_GB"
    french = british.html(FR_PAGE)
    assert text_of(french.css_first(".ex-byline time")) == "10 avril 2025"
    alternates = [m.attributes["content"] for m in french.css('meta[property="og:locale:alternate"]')]
    assert alternates == ["en_GB"]


def test_a_locale_of_another_language_stops_the_build(tmp_path):
    site = SiteProject(tmp_path)
    site.copy_example_content()
    site.write_config(locales="{en: fr_FR}")
    result = site.build(check=False)
    assert result.returncode != 0
    assert "'fr_FR' is not a locale of 'en'" in result.stderr
