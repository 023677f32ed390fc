"""The shortcuts of the mixed-language check give exactly what examining every word gives.

``foreign_words`` first proves, when it can, that a text has nothing to report
(``_nothing_to_report``: its runs of letters, chunk by chunk), and otherwise
examines only the tokens that can matter (``_checked``). ``_exhaustive``
examines every token, as the check always did. Masking, in turn, uses a
markup-only pattern when a text holds no address. These tests compare them on
many generated texts, built from fragments that make the awkward cases
frequent: markup of every kind, addresses glued to words, decomposed accents,
capitals at sentence starts, foreign words next to names.
"""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from generator import mixed_language as ml
from generator.mixed_language import detection, masking
from generator.cache import BuildCache


@pytest.fixture(scope="module", autouse=True, params=["wordfreq lists", "word table"])
def decided_with(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Every comparison twice: deciding with wordfreq's lists, then with the table of
    foreign-looking words, which only answers for whole runs of letters (ʼ once made
    "willingnessʼ" one run: the lists found the word in it, the table did not)."""
    folder = tmp_path_factory.mktemp("word-tables") if request.param == "word table" else None
    ml.keep_word_tables_in(BuildCache(folder, "stamp") if folder is not None else None)
    yield request.param
    ml.keep_word_tables_in(None)


SETTINGS = settings(max_examples=400, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: The inline pattern as first written, alternatives in their original order.
ORIGINAL_INLINE = re.compile(
    r"""
      <(?P<raw>script|style|pre|code)\b[^>]*>.*?</(?P=raw)\s*>   # raw blocks, whole
    | <!--.*?(?:-->|\Z)                                        # HTML comments
    | (?<!`)(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)(?P=ticks)(?!`)   # code spans
    | <(?:[A-Za-z][A-Za-z0-9+.-]*:|www\.)[^\s<>]*>              # autolinks
    | </?[A-Za-z][A-Za-z0-9:-]*                                 # tags, attributes,
        (?:\s(?:[^<>"'\n]|\n(?![ \t]*\n)|"[^"]*"|'[^']*')*)?/?>  # within a paragraph
    | (?<=\])\((?:<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)          # link/image destination
        (?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?\s*\)        # … and its title
    | (?<=\])\[[^\]\n]*\]                                       # [label][reference]
    | \[\^[^\]\n]+\]                                            # footnote markers
    | (?:[A-Za-z][A-Za-z0-9+.-]*://|www\.|mailto:)[^\s<>"'`]+   # bare URLs
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                              # e-mail addresses
    | &(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);    # entities
    | \{:?[ \t]*[#.:][^}\n]*\}                                  # attribute lists
    """,
    re.VERBOSE | re.DOTALL,
)

WORDS = [
    # foreign in French, and their capitalised forms
    "willingness", "Willingness", "peacekeeping", "Peacekeeping", "groundwork", "deadline",
    # foreign in English
    "dissuasion", "Dissuasion", "nucléaire", "nucle\u0301aire", "Agnès", "Agne\u0300s", "Frédéric",
    # ordinary words of both languages, names, short words
    "les", "ministres", "the", "ministers", "said", "a", "déclaré", "week", "leader", "Macron",
    "Washington", "OTAN", "iPhone", "McDonald", "États", "Unis", "Ukraine", "Stalling", "keeping",
    "peace", "İstanbul", "ẞtraße", "ﬁnance", "Ǆemal", "Ωmega", "가나다라",
    "\u1100\u1161\u1102\u1161",  # Hangul as conjoining jamo (NFC composes them)
    "F", "35", "G7", "x2", "2025", "_", "__init__",
]
MARKUP = [
    " ", "  ", "\n", "\n\n", "\r\n", "\t", "    ", ". ", "! ", "? ", "… ", ": « ", " » ", "“", "”",
    "’", "'", "-", "\u2011", "ʼ", "—", ", ", "; ", "(", ")", "[", "]", "](", "][", "[^1]", "{: .x}",
    "*", "_", "**", "`", "``", "```\n", "~~~\n", "<", ">", "</", "<span class=\"x\">", "</span>",
    "<code>", "</code>", "<!-- ", " -->", "&amp;", "&nbsp;", "&#233;", "&", "#", "## ", "> ",
    "| ", "- ", "1. ", "!!! warning ", "??? note ", "=== ", "--8<-- ", "[ref]: ", "---\n",
    "===\n", "@", ".", "+", "/", ":", "://", "www.", "mailto:", "http://", "https://x.org/",
    "a@b.org", "www.example.org", "é", "\u0301", "\u200b", "\u00a0", "\u202f", "1",
]
#: Glued to what comes next: addresses that start in the middle of a word.
GLUED = ["www.example.org", "mailto:a@b.c", "http://x.org", "h-t+t.p://x.org", "@b.org",
         "x@b.org", "1www.x", "éhttp://x", "3http://x", "_http://x"]

TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKUP),
                          st.sampled_from(GLUED), st.text(max_size=6)),
                max_size=40).map("".join)
LANGS = st.sampled_from([("fr", ("en",)), ("en", ("fr",))])
ALLOW = st.lists(st.sampled_from(["", "willingness", "Groundwork", "peace-keeping", "AGNÈS",
                                  "Frédéric", "nucléaire", "les ministres"]),
                 max_size=3).map(tuple)


def _exhaustive(text: str, lang: str, others: tuple[str, ...],
                allow: tuple[str, ...]) -> list[ml.ForeignWord]:
    if not text:
        return []
    return detection._exhaustive(text, lang, others, detection._folded(allow))


@SETTINGS
@given(text=TEXT, langs=LANGS, allow=ALLOW)
@example(text="willingnessʼ", langs=("fr", ("en",)), allow=())  # U+02BC, a modifier letter
@example(text="Leur ʼwillingnessʼʼs", langs=("fr", ("en",)), allow=())
def test_foreign_words_equal_every_word_examined(text: str, langs, allow) -> None:
    lang, others = langs
    expected = _exhaustive(text, lang, others, allow)
    assert ml.foreign_words(text, lang, list(others), allow) == expected
    allowed = detection._folded(allow)
    if text:
        # Each shortcut on its own, not only their combination.
        assert detection._checked(text, lang, others, allowed) == expected
        if detection._nothing_to_report(text, lang, others, allowed):
            assert expected == []


@SETTINGS
@given(text=TEXT, langs=LANGS)
@example(text="willingnessʼ", langs=("fr", ("en",)))
def test_decomposed_text_equals_every_word_examined(text: str, langs) -> None:
    # Not that NFD and NFC texts give the same findings (offsets differ), but that the
    # shortcuts agree with the exhaustive check on decomposed text as well.
    lang, others = langs
    decomposed = unicodedata.normalize("NFD", text)
    assert ml.foreign_words(decomposed, lang, others) == _exhaustive(decomposed, lang, others, ())


@SETTINGS
@given(text=TEXT)
def test_inline_patterns_find_what_the_original_pattern_finds(text: str) -> None:
    spans = [m.span() for m in ORIGINAL_INLINE.finditer(text)]
    assert [m.span() for m in masking._INLINE.finditer(text)] == spans
    if not any(mark in text for mark in masking._ADDRESS_MARKS):
        assert [m.span() for m in masking._INLINE_MARKUP_ONLY.finditer(text)] == spans


def test_addresses_glued_to_a_word_are_checked_in_full() -> None:
    # The mask cuts "willingness" out of "willingnesswww…": the raw text has no such run,
    # so the prefilter must leave these texts to the full check.
    for text in ("Leur willingnesswww.example.org est là.",
                 "Leur willingnessmailto:a@b.c est là.",
                 "Leur (willingnesswww.x.org/willingness) est là."):
        found = ml.foreign_words(text, "fr", ["en"])
        assert [f.word for f in found] == ["willingness"]
        assert found == _exhaustive(text, "fr", ("en",), ())
        assert not detection._nothing_to_report(text, "fr", ("en",), detection._folded(()))
    # A scheme glued after a non-ASCII letter or a digit: cut too, whatever it leaves.
    for text in ("Leur willingness\u00e9http://x.org/a.", "Leur \u00e9willingness3http://x.org."):
        assert ml.foreign_words(text, "fr", ["en"]) == _exhaustive(text, "fr", ("en",), ())
        assert not detection._nothing_to_report(text, "fr", ("en",), detection._folded(()))


def test_whitespace_is_never_part_of_a_word() -> None:
    # The prefilter reads runs chunk by chunk (str.split): sound only if this holds.
    word = re.compile(detection._LETTER)
    assert not [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and word.match(c)]


def test_a_text_with_no_foreign_word_is_not_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(text: str):
        raise AssertionError("masked")

    monkeypatch.setattr(detection, "mask", unexpected)
    text = "Les ministres se sont réunis à Paris.\n\nIls ont parlé de la force de réassurance."
    assert ml.foreign_words(text, "fr", ["en"]) == []
    with pytest.raises(AssertionError, match="masked"):
        ml.foreign_words(text + " Leur willingness.", "fr", ["en"])
