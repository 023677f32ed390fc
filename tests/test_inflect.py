"""Generated forms (generator.inflect): small rules, checked against wordfreq."""

from __future__ import annotations

import pytest

from generator.inflect import (country_adjectives, demonym_inflections, surname,
                               term_inflections)


@pytest.mark.parametrize("text, lang, expected", [
    ("force de réassurance", "fr", {"forces de réassurance"}),
    ("zone grise", "fr", {"zones grises"}),
    ("belligérant", "fr", {"belligérante", "belligérantes", "belligérants"}),
    ("droits de douane", "fr", {"droit de douane"}),
    ("cessez-le-feu", "fr", set()),            # hyphenated: left to editors
    ("article 5", "fr", set()),                # digits: left alone
    ("security guarantee", "en", {"security guarantees"}),
    ("tariff", "en", {"tariffs"}),
    ("army", "en", {"armies"}),
    ("GDP", "en", set()),                      # an acronym
])
def test_term_inflections(text, lang, expected):
    assert set(term_inflections(text, lang)) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("britanniques", "fr", {"britannique"}),
    ("français", "fr", {"française", "françaises"}),
    ("turc", "fr", {"turque", "turques", "turcs"}),
    ("ukrainien", "fr", {"ukrainienne", "ukrainiennes", "ukrainiens"}),
    ("russes", "fr", {"russe"}),
    ("Hungarian", "en", {"Hungarians"}),
    ("British", "en", set()),
])
def test_demonym_inflections_make_only_real_words(text, lang, expected):
    assert set(demonym_inflections(text, lang)) == expected


def test_country_adjectives_come_from_cldr_when_the_language_is_the_country():
    assert country_adjectives("DE", "fr") == ("allemand",)
    assert country_adjectives("PL", "en") == ("Polish",)
    assert country_adjectives("GB", "fr") == ()   # « anglais » is not the UK's adjective
    assert country_adjectives("US", "en") == ()
    assert "russe" not in country_adjectives("UA", "fr")


@pytest.mark.parametrize("name, expected", [
    ("Nicușor Dan", "Dan"), ("Ursula von der Leyen", "von der Leyen"),
    ("Marine Le Pen", "Le Pen"), ("Theresa May", None), ("Madonna", None),
])
def test_surnames(name, expected):
    assert surname(name, ("fr", "en")) == expected


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_small_word_lists_answer_every_threshold_from_their_floor(lang):
    """Linking reads wordfreq's small lists (``common_zipf``) for thresholds of
    ``SMALL_LIST_FLOOR`` and up: they must hold every word of the large lists that
    frequent, with the same frequency, and nothing rarer."""
    import math

    from wordfreq import get_frequency_dict

    from generator.inflect import SMALL_LIST_FLOOR, common_zipf, zipf

    small, large = get_frequency_dict(lang, "small"), get_frequency_dict(lang, "large")
    assert len(small) > 20_000
    for word, frequency in large.items():
        if word in small:
            assert small[word] == frequency, word
        else:
            assert round(math.log10(frequency) + 9, 2) < SMALL_LIST_FLOOR, word
    for word in ("maison", "président", "the", "government", "xyzzyq"):
        assert common_zipf(word, lang) == (zipf(word, lang) if zipf(word, lang) >= SMALL_LIST_FLOOR
                                           else 0.0)
