"""The mixed-language check's table of foreign-looking words answers exactly as
wordfreq's lists do, is made once and kept, and survives damage."""

from __future__ import annotations

import pickle
import re
import unicodedata
from pathlib import Path

import pytest

from conftest import REPO, SEED, SiteProject
from generator import mixed_language as ml
from generator.document_cache import DEFAULT_FOLDER

PAIRS = [("fr", ("en",)), ("en", ("fr",))]


@pytest.fixture
def tables(tmp_path: Path):
    ml.keep_word_tables_in(tmp_path)
    yield tmp_path
    ml.wait_for_word_tables()
    ml.keep_word_tables_in(None)


def parts_of(text: str) -> set[str]:
    """Every part the check could ask about: runs of word characters, folded as it folds them."""
    return {ml._fold(run) for run in re.findall(r"[^\W\d_]{4,}", text)}


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
        folded = ml._fold(word)
        expected = ml._by_frequencies(folded, lang, others)
        if ml._looks_foreign(folded, lang, others) != expected:
            mismatches[word] = expected
    assert not mismatches, sorted(mismatches.items())[:20]
    table = ml._table(lang, others)
    assert table is not None and 10_000 < len(table) < 200_000
    if lang == "fr":  # the seed's one foreign word, found through the table
        assert table["willingness"] == "en"


def test_the_table_is_made_once_and_read_back(tables: Path, monkeypatch: pytest.MonkeyPatch):
    first = ml._table("fr", ("en",))
    files = sorted(tables.glob("foreign-words-fr-en.pickle"))
    assert len(files) == 1
    ml.keep_word_tables_in(None)
    ml.keep_word_tables_in(tables)

    def refuse(*args):
        raise AssertionError("the table was made again although it was kept")
    monkeypatch.setattr(ml, "_make_table", refuse)
    assert ml._table("fr", ("en",)) == first


def test_a_damaged_table_is_made_again(tables: Path):
    table_file = tables / "foreign-words-fr-en.pickle"
    table_file.write_bytes(b"\x80\x05 not a table")
    assert ml._looks_foreign("willingness", "fr", ("en",)) == "en"
    _, kept = pickle.loads(table_file.read_bytes())
    assert "willingness" in kept["words"]


def refuse_to_make(*args):
    raise AssertionError("this process made a table")


def test_tables_made_ahead_by_another_process_are_waited_for(tables: Path,
                                                             monkeypatch: pytest.MonkeyPatch):
    assert ml.make_word_tables_ahead(tables, ("fr", "en"))
    monkeypatch.setattr(ml, "_make_table", refuse_to_make)  # here, not in the forked maker
    assert ml._table("fr", ("en",))["willingness"] == "en"
    assert ml._MAKER is None  # waited for, and reaped
    assert ml._table("en", ("fr",)) is not None
    assert {p.name for p in tables.glob("foreign-words-*.pickle")} == {
        "foreign-words-fr-en.pickle", "foreign-words-en-fr.pickle"}


def test_nothing_is_made_ahead_when_the_tables_are_kept(tables: Path):
    ml._table("fr", ("en",))
    ml._table("en", ("fr",))
    assert not ml.make_word_tables_ahead(tables, ("fr", "en"))
    assert ml._MAKER is None
    assert not ml.make_word_tables_ahead(tables, ("fr",))  # one language: nothing to ask


def test_a_maker_that_fails_leaves_the_tables_to_the_check(tables: Path,
                                                           monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(ml, "_make_table", refuse_to_make)  # the forked maker fails
    assert ml.make_word_tables_ahead(tables, ("fr", "en"))
    monkeypatch.undo()
    assert ml._looks_foreign("willingness", "fr", ("en",)) == "en"  # made here instead
    assert (tables / "foreign-words-fr-en.pickle").is_file()


def test_a_pair_wordfreq_does_not_read_simply_gets_no_table(tables: Path):
    assert ml._table("tr", ("en",)) is None
    assert ml._table("zh", ("en",)) is None
    # Still decided, with the lists.
    assert ml._looks_foreign("willingness", "tr", ("en",)) == ml._by_frequencies(
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
    kept = with_cache.root / DEFAULT_FOLDER
    assert {p.name for p in kept.glob("foreign-words-*.pickle")} == {
        "foreign-words-fr-en.pickle", "foreign-words-en-fr.pickle"}
    assert warnings(with_cache.build()) == expected  # from the kept tables
    assert not (without.root / ".cache").exists()


#: Lowers the plugin's threshold for making tables ahead, as the build loads its hooks.
AHEAD_FROM_ONE_ARTICLE = '''
import generator.plugin
generator.plugin.ARTICLES_FOR_TABLES_AHEAD = 1
'''


@pytest.mark.parametrize("ahead", [True, False])
def test_a_large_first_build_makes_every_table_ahead(tmp_path: Path, ahead: bool):
    project = SiteProject(tmp_path / "site")
    project.article("a", "fr", "Leur willingness reste floue.")
    if ahead:
        (project.root / "ahead.py").write_text(AHEAD_FROM_ONE_ARTICLE, encoding="utf-8")
        with (project.root / "mkdocs.yml").open("a", encoding="utf-8") as stream:
            stream.write("hooks:\n  - ahead.py\n")
    result = project.build()
    assert "'willingness' looks English" in result.stderr
    kept = {p.name for p in (project.root / DEFAULT_FOLDER).glob("foreign-words-*.pickle")}
    # The check of a French text asks only for the French table; made ahead, both are
    # made, before anything is read (and a small site waits for no such thing).
    assert kept == ({"foreign-words-fr-en.pickle", "foreign-words-en-fr.pickle"} if ahead
                    else {"foreign-words-fr-en.pickle"})
