"""The mixed-language check's table of foreign-looking words answers exactly as
wordfreq's lists do, is made once and kept, and survives damage. (French and English
ship theirs: a build of the example keeps none.)"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from conftest import REPO, SEED, SiteProject
from generator import mixed_language as ml
from generator.mixed_language import detection, frequencies
from generator.cache import FILE_NAME, BuildCache
from generator.settings import DEFAULT_CACHE_FOLDER

PAIRS = [("fr", ("en",)), ("en", ("fr",))]


@pytest.fixture
def tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # The tables made from wordfreq and kept in the build cache, as for a pair the package
    # does not ship (tests/test_word_tables.py checks the shipped ones).
    monkeypatch.setattr(frequencies, "USE_SHIPPED", False)
    ml.keep_word_tables_in(BuildCache(tmp_path, "stamp"))
    yield tmp_path
    ml.keep_word_tables_in(None)


def kept_tables(folder: Path) -> set[str]:
    """The keys of the word tables kept in the build cache in ``folder``."""
    with sqlite3.connect(folder / FILE_NAME) as db:
        return {key for (key,) in db.execute(
            "SELECT key FROM entries WHERE namespace = 'word-tables'")}


def parts_of(text: str) -> set[str]:
    """Every part the check could ask about: runs of word characters, folded as it folds them."""
    return {detection._fold(run) for run in re.findall(r"[^\W\d_]{4,}", text)}


def sample_words() -> set[str]:
    """The example content and the seed, and a slice of both lists around every threshold."""
    from wordfreq import get_frequency_list
    words: set[str] = set()
    for path in [SEED, *sorted((REPO / "content").rglob("*.md")),
                 *sorted((REPO / "content").rglob("*.yml"))]:
        words |= parts_of(path.read_text(encoding="utf-8"))
    for lang in ("fr", "en"):
        buckets = get_frequency_list(lang)
        # Zipf 4.5 down to 1.0, across RARE_IN_LANG, COMMON_IN_OTHER and the margin.
        for index in range(450, min(len(buckets), 800)):
            words.update(buckets[index][::7])
    # Capitals, decomposed accents and case folds that differ from lower().
    words |= {"Willingness", unicodedata.normalize("NFD", "déjà"), "straße", "STRASSE",
              "ﬁnancement", "peacekeeping", "deadline", "milieu"}
    return words


@pytest.mark.parametrize("lang, others", PAIRS)
def test_the_table_answers_as_the_word_lists_do(tables: Path, lang: str, others):
    words = sample_words()
    assert len(words) > 20_000
    mismatches = {}
    for word in sorted(words):
        folded = detection._fold(word)
        expected = frequencies._by_frequencies(folded, lang, others)
        if frequencies.looks_foreign(folded, lang, others) != expected:
            mismatches[word] = expected
    assert not mismatches, sorted(mismatches.items())[:20]
    table = frequencies._table(lang, others)
    assert table is not None and 10_000 < len(table) < 200_000
    if lang == "fr":  # the seed's one foreign word, found through the table
        assert table["willingness"] == "en"


def test_the_table_is_made_once_and_read_back(tables: Path, monkeypatch: pytest.MonkeyPatch):
    cache = BuildCache(tables, "stamp")
    ml.keep_word_tables_in(cache)
    first = frequencies._table("fr", ("en",))
    cache.save()
    assert kept_tables(tables) == {"fr:en"}
    ml.keep_word_tables_in(BuildCache(tables, "stamp"))

    def refuse(*args):
        raise AssertionError("the table was made again although it was kept")
    monkeypatch.setattr(frequencies, "make_table", refuse)
    assert frequencies._table("fr", ("en",)) == first


def test_a_damaged_table_is_made_again(tables: Path):
    cache = BuildCache(tables, "stamp")
    ml.keep_word_tables_in(cache)
    frequencies._table("fr", ("en",))
    cache.save()
    cache.close()
    with sqlite3.connect(tables / FILE_NAME) as db:
        db.execute("UPDATE entries SET value = '{\"words\": {\"a\": 1}}' "
                   "WHERE namespace = 'word-tables'")
    ml.keep_word_tables_in(BuildCache(tables, "stamp"))
    assert frequencies.looks_foreign("willingness", "fr", ("en",)) == "en"


def test_a_pair_wordfreq_does_not_read_simply_gets_no_table(tables: Path):
    assert frequencies._table("tr", ("en",)) is None
    assert frequencies._table("zh", ("en",)) is None
    # Still decided, with the lists.
    assert frequencies.looks_foreign("willingness", "tr", ("en",)) == frequencies._by_frequencies(
        "willingness", "tr", ("en",))


def test_a_build_keeps_the_tables_and_warns_the_same_without_them(tmp_path: Path):
    with_cache = SiteProject(tmp_path / "with")
    with_cache.copy_example_content()
    without = SiteProject(tmp_path / "without")
    without.copy_example_content()
    without.write_config(cache="false")

    def warnings(result) -> list[str]:
        return sorted(line.split("WARNING", 1)[-1].strip(" -") for line in result.stderr.splitlines()
                      if "looks English" in line or "looks French" in line)

    expected = warnings(without.build())
    assert any("'willingness' looks English" in line for line in expected), expected
    assert warnings(with_cache.build()) == expected
    # French and English: the tables the package ships, none made or kept.
    assert kept_tables(with_cache.root / DEFAULT_CACHE_FOLDER) == set()
    assert warnings(with_cache.build()) == expected
    assert not (without.root / ".cache").exists()
