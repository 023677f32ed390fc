"""Whether a word belongs to another language: word frequencies, and the tables of
foreign-looking words made from them.

:func:`wordfreq.zipf_frequency` gives, for each language, log10 of occurrences per
billion words (Zipf scale: 7 for "the", 3 for a word met about once per million words,
0 for an unknown word). A part is foreign when it is rare in the page language *and*
clearly more frequent in the other one (see the thresholds below). wordfreq ships its
data inside the package: no network, no download. Lookups are cached, since an article
repeats its words.

Thresholds (measured with wordfreq 3.1.1; values are ``zipf(lang)/zipf(other)``)
--------------------------------------------------------------------------------
``RARE_IN_LANG = 3.0`` — the word is met less than about once per million words
of the page language. Ordinary borrowings are above it and are never flagged
however English they look: week 4.83, leader 4.45, start 4.01, manager 4.21,
leadership 3.70, email 3.70 in French; café 3.75, rendezvous 3.32, naïve 3.07
in English. Under it, and left to the two other rules: willingness 0.00,
peacekeeping 0.00, ceasefire 0.00, deadline 2.81 in French; dissuasion 1.44,
nucléaire 0.00, milieu 2.90 in English.

``CLEAR_MARGIN = 1.5`` — the other language uses the word at least ~30 times as
often (1.5 on a log10 scale). Common loans stay under it (deadline 2.81/4.12,
briefing 2.92/3.74, shutdown 2.41/3.62 in French). The rare French words of the seed article are all
rarer still in English (composeraient 1.25/0.00, démilitariser 1.38/0.00,
dissuasion 3.17/1.44, stagner 2.90/1.10) and so are the rare English words of
its translation (backstop 2.60/1.63, deterrence 2.99/0.00, deadlock 2.97/0.00).
Cognates are close in both (interposition 2.30/1.88, naïve 3.07/3.61,
rendezvous 3.32/2.35): a margin of 1.0 would already pass them; 1.5 keeps a
safety gap. Over the Debian word lists (wfrench, wbritish), 1.5 instead of 1.0
about halves the words of a list flagged in its own language (730 → 377 of
341,048 French words, 659 → 383 of 62,815 English ones; most of them are in
fact loans listed by both: "breakfast" in wfrench, "milieu" in wbritish),
while the share of ordinary foreign words (Zipf ≥ 3 in their own language,
absent from the other list) that is caught goes from 0.88 to 0.78 for English
in French and from 0.97 to 0.96 for French in English. A margin of 2.0 would
drop "dissuasion" in English (1.73).

``COMMON_IN_OTHER = 2.5`` — the word must be a real word of the other language,
so that a rare word or typo of the page language, present as noise in the
other language's data, is not reported. 2.5 rather than 3.0 keeps
"dissuasion" (3.17 in French) comfortably in and adds mostly true foreign
words (orchestras, lorries, croûtons, débutante…).

On the seed article (``content/articles/coalition-ukraine-2025-04-10``) this
reports exactly one word: "willingness" in ``fr.md`` (0.00 in French, 3.82 in
English); ``en.md`` gives nothing (its closest calls are backstop 2.60/1.63 and
demilitarising 0.00/0.00, which fail the margin).

Memory
------
wordfreq's "best" lists for French and English (its "large" ones, down to Zipf
1.0) take about 67 MB once loaded, and 0.3 s to load. The "small" ones take
7 MB but stop at Zipf 3.0, so they cannot tell the values that the margin and
COMMON_IN_OTHER compare below 3.0: "deadline" in French (2.81/4.12, not
reported) would read 0.00/4.12 and be reported, and on a generated site of
1,000 articles 30 more names (Amélie, Loïc, Renée) were reported in English.
The check keeps the "best" lists.

For French and English the package ships the table below, made from those lists
(generator/word_tables.py, ``make word-tables``, which also holds the alias check's
frequent words): the check does not load wordfreq's lists for them, and reports the
same words. Other language pairs ask wordfreq, through a table kept in the build cache.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import word_tables

if TYPE_CHECKING:
    from ..cache import BuildCache

#: A part rarer than this in the page language (Zipf) may be foreign.
RARE_IN_LANG = 3.0
#: … and is foreign when at least this much more frequent in the other language…
CLEAR_MARGIN = 1.5
#: … where it is at least this frequent (a real word there, not noise).
COMMON_IN_OTHER = 2.5


@lru_cache(maxsize=1 << 16)
def _zipf(word: str, lang: str) -> float:
    # Imported when first needed: wordfreq brings langcodes' and ftfy's tables
    # (a tenth of a second, some megabytes), which a build whose word tables are
    # kept in the build cache never needs.
    from wordfreq import zipf_frequency
    return zipf_frequency(word, lang)


@lru_cache(maxsize=1 << 16)
def looks_foreign(word: str, lang: str, other_langs: tuple[str, ...]) -> str | None:
    """The other language ``word`` (folded) belongs to, or None."""
    table = _table(lang, other_langs)
    if table is not None:
        return table.get(word.casefold())
    return _by_frequencies(word, lang, other_langs)


def _by_frequencies(word: str, lang: str, other_langs: tuple[str, ...]) -> str | None:
    """``looks_foreign`` decided with wordfreq's lists."""
    here = _zipf(word, lang)
    if here >= RARE_IN_LANG:
        return None
    best: str | None = None
    best_zipf = 0.0
    for other in other_langs:
        there = _zipf(word, other)
        if there >= COMMON_IN_OTHER and there - here >= CLEAR_MARGIN and there > best_zipf:
            best, best_zipf = other, there
    return best


# -- the table of foreign-looking words ----------------------------------------------
#
# Deciding with wordfreq's lists means holding them: about 67 MB, and 0.5 s to
# load, per build. Yet for a site's language pair, the words that look
# foreign are a fixed set: every one is frequent in another language
# (COMMON_IN_OTHER), so it is among the first ~700 frequency buckets of that
# language's list. ``make_table`` asks ``_by_frequencies`` about each of those
# words once and keeps the ones it reports, a dict of some 40,000 words
# (about 4 MB), in the cache folder; later builds read that file instead of
# the lists.
#
# Why a lookup in the table gives ``_by_frequencies``' answer. For a language
# wordfreq reads simply (its regex tokenizer, NFC, plain case folding: French,
# English, German, Spanish, Russian…), a part (letters and digits, no
# apostrophe or hyphen, and parts with a digit are never asked about) is one
# token, ``NFC(part).casefold()`` — which is ``part.casefold()``, parts being
# NFC already (``detection._fold``) — and wordfreq's frequency of the part is that of
# the token, in every language. A part is reported only when, in some other
# language, that token has Zipf ≥ COMMON_IN_OTHER: its bucket is then among
# those ``make_table`` reads, where the same question about the token got the
# same answer. A pair with any other language (Chinese, Turkish, Arabic…)
# gets no table and asks wordfreq every time. ``tests/test_mixed_language_table.py``
# compares both on the example content and a sample of wordfreq's lists.

_TABLE_CACHE: "BuildCache | None" = None
_TABLES: dict[tuple[str, tuple[str, ...]], dict[str, str] | None] = {}
#: Frequency buckets (centibels below 1) that can hold a word of Zipf ≥ COMMON_IN_OTHER,
#: with a margin for wordfreq's rounding: the table keeps only what ``_by_frequencies`` reports.
_LAST_BUCKET = round((9 - COMMON_IN_OTHER) * 100) + 10


def keep_word_tables_in(cache: "BuildCache | None") -> None:
    """Decide with a table of foreign-looking words kept in the build ``cache`` (made
    from wordfreq's lists on first use), or, with None, with wordfreq's lists."""
    global _TABLE_CACHE
    if cache is not _TABLE_CACHE:
        _TABLE_CACHE = cache
        _TABLES.clear()
        _SHIPPED.clear()
        looks_foreign.cache_clear()


#: Read the tables the package ships (generator/word_tables.py) for the pairs it has.
USE_SHIPPED = True
_SHIPPED: dict[tuple[str, tuple[str, ...]], dict[str, str] | None] = {}


def thresholds() -> dict[str, float]:
    """What a table of foreign-looking words depends on, besides wordfreq's data."""
    return {"rare_in_lang": RARE_IN_LANG, "clear_margin": CLEAR_MARGIN,
            "common_in_other": COMMON_IN_OTHER, "last_bucket": _LAST_BUCKET}


def _table(lang: str, others: tuple[str, ...]) -> dict[str, str] | None:
    key = (lang, others)
    if USE_SHIPPED:
        if key not in _SHIPPED:
            _SHIPPED[key] = word_tables.foreign(lang, others, thresholds())
        if _SHIPPED[key] is not None:
            return _SHIPPED[key]
    if word_tables.wordfreq_missing(f"the mixed-language check of '{lang}' text"):
        return {}  # nothing can be decided: nothing is reported
    if _TABLE_CACHE is None or not _TABLE_CACHE.enabled:
        return None
    if key not in _TABLES:
        def decode(value: dict) -> dict[str, str] | None:
            words = value["words"]
            if words is not None and not all(isinstance(k, str) and isinstance(v, str)
                                             for k, v in words.items()):
                raise ValueError("malformed table")
            return words

        # Keyed on what a table depends on: this module (thresholds, rules) and the
        # languages; wordfreq's version is in the cache's stamp.
        _TABLES[key] = _TABLE_CACHE.get("word-tables", f"{lang}:{','.join(others)}", decode,
                                        lambda: make_table(lang, others),
                                        lambda words: {"words": words})
    return _TABLES[key]


def make_table(lang: str, others: tuple[str, ...]) -> dict[str, str] | None:
    """Every word ``_by_frequencies`` reports in a ``lang`` text; None when a
    language of the pair is not one wordfreq reads simply (see above)."""
    from wordfreq import get_frequency_list
    from wordfreq.language_info import get_language_info

    for code in (lang, *others):
        info = get_language_info(code)
        if (info["tokenizer"] != "regex" or info["normal_form"] != "NFC" or info["remove_marks"]
                or info["dotless_i"] or info["diacritics_under"] or info["transliteration"]):
            return None
    table: dict[str, str] = {}
    for other in others:
        for bucket in get_frequency_list(other)[: _LAST_BUCKET + 1]:
            for word in bucket:
                if word not in table:
                    found = _by_frequencies(word, lang, others)
                    if found is not None:
                        table[word] = found
    return table


def release_tables() -> None:
    """Let go of the shipped tables of foreign-looking words, and of what was looked up in
    them: a one-off build, once its text is checked (the next check reads them again)."""
    _SHIPPED.clear()
    looks_foreign.cache_clear()
    word_tables.release()


def release_word_lists() -> None:
    """Let go of wordfreq's loaded lists (about 67 MB) once a build has checked its
    text; the next check loads them again. A one-off build calls this; a preview
    server does not, since it checks again at every save."""
    wordfreq = sys.modules.get("wordfreq")
    if wordfreq is not None:  # else nothing was loaded
        wordfreq.get_frequency_dict.cache_clear()
        wordfreq.get_frequency_list.cache_clear()
