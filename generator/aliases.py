"""Aliases that would link the wrong words: a warning for each.

Glossary entries and participants are linked wherever one of their forms is
written, whatever its case. An alias that is a stopword or one of the most
frequent words of its language ("aux", "US" in English text, which reads "us"),
a single letter, or no letter at all ("-", "2025") would be linked all over the
articles. Frequencies come from wordfreq (Zipf scale: 6 is about once every
thousand words); its small lists are enough for the most frequent words.

Builds avoid loading wordfreq: the package ships the most frequent French and English
words (generator/word_tables.py); for other languages the few hundred most frequent
words are kept in the build cache, made from wordfreq.
"""

from __future__ import annotations

import math
import re
from . import word_tables
from .cache import BuildCache
from .diagnostics import Diagnostics

#: Zipf frequency from which a word is "very frequent": "monde" (5.96), "pays" (5.79)
#: and "Paris" (5.71) stay below; "aux" (6.32), "us" (6.04), "le" (7.35) are above.
FREQUENT = 6.0
_WORD = re.compile(r"\w+")


def _make_frequent(lang: str) -> dict[str, float]:
    """The words of ``lang`` with a Zipf frequency of at least ``FREQUENT`` - 1
    (enough to tell phrases of them apart too); empty for a language wordfreq lacks."""
    try:
        from wordfreq import top_n_list, zipf_frequency

        words = top_n_list(lang, 5000, wordlist="small")
    except Exception:  # a language wordfreq does not know: nothing is too frequent
        return {}
    table = {}
    for word in words:
        zipf = zipf_frequency(word, lang, wordlist="small")
        if zipf < FREQUENT - 1:
            break
        table[word] = zipf
    return table


_TABLES: dict[str, dict[str, float]] = {}


def _decode(value: dict) -> dict[str, float]:
    if not all(isinstance(k, str) and isinstance(v, (int, float)) for k, v in value.items()):
        raise ValueError("malformed table")
    return value


#: (language, build cache) pairs whose table was taken from, or given to, that cache.
_GIVEN: set[tuple[str, int]] = set()


def _frequent(lang: str, cache: BuildCache | None) -> dict[str, float]:
    shipped = word_tables.frequent(lang, FREQUENT)
    if shipped is not None:
        return shipped
    if cache is None or (lang, id(cache)) in _GIVEN:
        if lang not in _TABLES:
            if word_tables.wordfreq_missing(f"the check of '{lang}' aliases"):
                _TABLES[lang] = {}
            else:
                _TABLES[lang] = _make_frequent(lang)
    else:  # once per build: the build keeps it
        _GIVEN.add((lang, id(cache)))
        if word_tables.wordfreq_missing(f"the check of '{lang}' aliases"):
            _TABLES[lang] = {}
        else:
            _TABLES[lang] = cache.get("frequent-words", lang, _decode,
                                      lambda: _TABLES.get(lang) or _make_frequent(lang), dict)
    return _TABLES[lang]


def zipf(text: str, lang: str, cache: BuildCache | None = None) -> float:
    """wordfreq's Zipf frequency of ``text`` as far as very frequent words go (0 below):
    a phrase is as frequent as wordfreq combines its words (1/f = sum of 1/f_i)."""
    words = _WORD.findall(text.casefold())
    table = _frequent(lang, cache)
    if not words or any(word not in table for word in words):
        return 0.0
    inverse = sum(10 ** -table[word] for word in words)
    return -math.log10(inverse)


def alias_problem(alias: str, lang: str, cache: BuildCache | None = None) -> str | None:
    """Why ``alias`` would link the wrong words in ``lang`` text, or None."""
    letters = sum(1 for char in alias if char.isalpha())
    if letters == 0:
        return (f"alias '{alias}' has no letter: it would link every such number or sign "
                "in the text; remove it")
    if letters < 2:
        return (f"alias '{alias}' is a single letter: it would be linked all over the text; "
                "remove it or write a longer form")
    frequency = zipf(alias, lang, cache)
    if frequency >= FREQUENT:
        return (f"alias '{alias}' is one of the most frequent words in '{lang}' text (Zipf "
                f"{frequency:.1f}): it would be linked all over the text, whatever its case; "
                "remove it or write a longer form")
    return None


def check_aliases(glossary: dict, participants: dict, diagnostics: Diagnostics,
                  cache: BuildCache | None = None) -> None:
    """One warning per alias of ``glossary`` and ``participants`` (id → (entry,
    its SourceDocument), as generator.validate reads them) that ``alias_problem`` finds."""
    found: list[tuple[str, str, object, tuple]] = []
    for entry, doc in glossary.values():
        for lang, text in entry.texts.items():
            found.extend((lang, alias, doc, (lang, "aliases", index))
                         for index, alias in enumerate(text.aliases))
    for participant, doc in participants.values():
        for lang, aliases in participant.aliases.items():
            found.extend((lang, alias, doc, ("aliases", lang, index))
                         for index, alias in enumerate(aliases))
    for lang, alias, doc, where in found:
        problem = alias_problem(alias, lang, cache)
        if problem is not None:
            diagnostics.warning(doc.position(*where), problem)
