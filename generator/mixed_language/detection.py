"""Which words of a text, and which of its paragraphs, are in another language.

The text is masked first (:mod:`.masking`); then, on the mask:

1. **Cut words.** A word is a run of letters and digits joined by apostrophes
   (’ or ') and hyphens. Words with a digit (``F-35``, ``G7``) are skipped. The
   allow list (case-insensitive) is checked on the whole word (``week-end``)
   and on each part. Then the word is cut at apostrophes — « l’Ukraine »,
   "d'assurer": the elided l’, d’, qu’ fall under the length rule and the word
   after them is checked (so is a long elided word, jusqu’ or lorsqu’, common
   French, and an English word before ``'s``: "country's") — and at hyphens,
   each part being checked on its own (cessez / le / feu).
   Parts shorter than 4 letters are skipped: they are function words or
   shared by both languages (« on », « an », "son", "pour"/"pour").
2. **Leave proper nouns alone.** A word with a capital letter is a name
   (Washington, Lecornu, OTAN, iPhone, États-Unis) unless it is the first word
   of a sentence, where it is checked in lower case. "First word of a sentence"
   is read on the mask: only spaces, opening quotes/brackets and emphasis marks
   stand between it and the start of a block (paragraph, heading, list item,
   quote, table cell) or a ``. ! ? …`` (closing quotes allowed in between), or
   a colon followed by an opening quote (« a affirmé : « La … »). A capitalised
   sentence-initial word that the same text also writes capitalised
   mid-sentence is a name too ("Macron said …" when "… said Macron" is there
   too). All-caps or inner-capital words are names wherever they are.
3. **Decide** whether each remaining part looks foreign (:mod:`.frequencies`).

A field or a paragraph where most words are foreign is "untranslated"
(:func:`untranslated`), reported once rather than word by word.

Speed
-----
Most articles hold no foreign word. A prefilter (``_nothing_to_report``) proves
it from the runs of letters of the raw text, without masking; the other
articles are masked and only the tokens that can matter are examined
(``_checked``). ``tests/test_mixed_language_fast_paths.py`` compares both with
examining every token (``_exhaustive``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from .frequencies import looks_foreign
from .masking import mask

#: Parts shorter than this are never checked.
MIN_LETTERS = 4


@dataclass(frozen=True)
class ForeignWord:
    offset: int  # character offset in the text given
    word: str  # as written
    lang: str  # the language it looks like, e.g. "en"


# -- words and sentences -------------------------------------------------------------

_APOSTROPHES = "'’ʼ"
_HYPHENS = "-\u2010\u2011"
_JOINERS = re.escape(_APOSTROPHES + _HYPHENS)  # escaped: a bare "-" would make a range
#: A word character: a letter or digit, but not a joiner. ʼ (U+02BC, a modifier
#: letter) is one of Python's word characters, yet it joins like an apostrophe;
#: left in, it would make "willingnessʼ" one run, a word no frequency list holds.
_LETTER = rf"[^\W_{_JOINERS}]"
_WORD = re.compile(rf"{_LETTER}+(?:[{_JOINERS}]{_LETTER}+)*")
_PART = re.compile(rf"[^{_JOINERS}]+")
_HAS_DIGIT = re.compile(r"\d")

#: Between a sentence start and its first word: spaces, opening quotes and
#: brackets, emphasis, list bullets, heading and quote marks, dialogue dashes.
_OPENERS = frozenset(" \t\r«“‘„‹\"'([{*_~-–—#>")
_QUOTES = frozenset("«“‘„‹\"'")
#: Between a sentence end and the next sentence: closing quotes and brackets.
_CLOSERS = frozenset(" \t\r»”’›\"')]}*_~")
_SENTENCE_END = frozenset(".!?…")


def _sentence_initial(masked: str, start: int, block_starts: frozenset[int]) -> bool:
    i = start - 1
    saw_quote = False
    while i >= 0:
        c = masked[i]
        if c == "\n":
            if i + 1 in block_starts:
                return True
            # a hard-wrapped paragraph: the sentence may have ended on the line before
        elif c in _OPENERS:
            saw_quote = saw_quote or c in _QUOTES
        else:
            break
        i -= 1
    else:
        return True  # start of the text
    c = masked[i]
    if c in _SENTENCE_END or c == "|":
        return True
    if c == ":" and saw_quote:  # a affirmé : « La …
        return True
    while i >= 0 and masked[i] in _CLOSERS:  # « … fin. » Ensuite ; "…end." Then
        i -= 1
    return i >= 0 and masked[i] in _SENTENCE_END


@lru_cache(maxsize=1 << 16)
def _fold(word: str) -> str:
    """The form looked up and compared: NFC, lower case, straight apostrophe."""
    word = unicodedata.normalize("NFC", word).lower()
    for apostrophe in _APOSTROPHES[1:]:
        word = word.replace(apostrophe, "'")
    return word.replace("\u2010", "-").replace("\u2011", "-")


@lru_cache(maxsize=1 << 16)
def _parts(token: str) -> tuple[tuple[int, str], ...]:
    """``token`` cut at apostrophes and hyphens: (offset in the token, part)."""
    return tuple((p.start(), p.group(0)) for p in _PART.finditer(token))


@lru_cache(maxsize=16)
def _folded(allow: tuple[str, ...] | frozenset[str]) -> frozenset[str]:
    # A site passes the same few thousand names and terms for every article:
    # fold them once, not once per article.
    return frozenset(_fold(a.strip()) for a in allow)


def foreign_words(
    text: str, lang: str, other_langs: Sequence[str], allow: Iterable[str] = ()
) -> list[ForeignWord]:
    """Words of ``text`` (written in ``lang``) that look like one of ``other_langs``."""
    others = tuple(dict.fromkeys(o for o in other_langs if o != lang))
    if not others or not text:
        return []
    allowed = _folded(allow if isinstance(allow, frozenset) else tuple(allow))
    if _nothing_to_report(text, lang, others, allowed):
        return []
    return _checked(text, lang, others, allowed)


# -- the prefilter ---------------------------------------------------------------------
#
# Most articles have no foreign word at all, and for them masking and the
# sentence logic are wasted work. ``_nothing_to_report`` proves cheaply that
# ``_checked`` would return nothing; when it cannot, ``_checked`` runs.
#
# Why it is sound. A part is reported only when ``_suspicious(part)``: its
# folded form is not allowed and looks foreign; every other rule (digits, the
# allow list on whole words, names, sentence starts) only drops parts. So it is
# enough that every part checked is, as a string, a run of MIN_LETTERS or more
# word characters (``_LETTER``) of the raw text, and that none of those runs is
# suspicious:
#
# * A part is a maximal run of word characters of the mask: ``_WORD`` is greedy
#   and starts after a non-word character, and cutting a token at apostrophes
#   and hyphens (``_PART``) leaves exactly its runs. Parts shorter than
#   MIN_LETTERS are never checked.
# * The mask has the length of the text, and each of its characters is the
#   text's own or a blank (space, or a kept newline). A run of the mask is
#   therefore made of word characters of the text; it is a whole run of the
#   text unless a blanked stretch starts or ends *inside* a run of the text.
# * No blanked stretch ends inside a run: whole lines end with their newline;
#   an admonition keyword ends before a character outside ``[\w-]`` (greedy,
#   last in its pattern); every ``masking._INLINE`` alternative ends with a non-word
#   character (``>``, ``)``, ``]``, a backtick, ``;``, ``}``) or, for URLs and
#   e-mail addresses, greedily before one, or at the end of the text.
# * Only a bare URL can start inside a run. Whole lines and admonitions start
#   at a line start, the markup alternatives with ``<``, a backtick, ``(``,
#   ``[``, ``&`` or ``{``. An e-mail address cannot: if one matched at ``p``
#   after a word character, ``[\w.+-]+@…`` matches at ``p - 1`` too, and
#   ``finditer`` would have blanked from there. Likewise a URL scheme after an
#   ASCII letter starts at that letter. What is left, ``www.`` or ``mailto:``
#   after any word character, or a scheme after a digit or a non-ASCII letter,
#   is what ``_CUT`` looks for in the raw text (a match on the line mask is one
#   on the text: these characters are never blanks); such a text goes to
#   ``_checked``.
# * No normalisation is applied to the text before cutting runs: decomposed
#   accents (NFD) end a run in the raw text exactly as in the mask, since
#   combining marks are not word characters; each run is then folded with the
#   same ``_fold`` as a part (NFC, lower case), which also covers capitalised
#   sentence-initial words, checked in lower case.
# * Runs are read chunk by chunk, a chunk being what ``str.split()`` separates:
#   whitespace is never a word character, so each run of the text lies within
#   one chunk, and is a run of that chunk. Chunks repeat from article to
#   article ("negotiations,"), so those found free of suspicious runs are
#   remembered, per page language and allow list, and most articles cost a
#   split and a set comparison.

_RUN = re.compile(rf"{_LETTER}{{{MIN_LETTERS},}}")
_URL_HINTS = ("www.", "mailto:", "://")  # not "@": an e-mail address never cuts a run
_CUT = re.compile(r"[^\W_](?=www\.|mailto:)|(?![A-Za-z])[^\W_](?=[A-Za-z][A-Za-z0-9+.-]*://)")
#: Chunks remembered per context, at most (then forgotten, and learnt again).
_MAX_KNOWN = 1 << 17


@lru_cache(maxsize=4)  # the site's languages, for this build's allow list and the last one
def _known(lang: str, others: tuple[str, ...], allowed: frozenset[str]) -> tuple[set[str], set[str]]:
    """Chunks known to hold no suspicious run: of MIN_LETTERS or more (the prefilter's
    question); of any length (``_checked``'s)."""
    return set(), set()


def _suspicious(run: str, lang: str, others: tuple[str, ...], allowed: frozenset[str]) -> bool:
    folded = _fold(run)
    return folded not in allowed and looks_foreign(folded, lang, others) is not None


def _nothing_to_report(text: str, lang: str, others: tuple[str, ...],
                       allowed: frozenset[str]) -> bool:
    """True when ``_checked`` would find nothing in ``text`` (see the proof above)."""
    if any(hint in text for hint in _URL_HINTS) and _CUT.search(text):
        return False
    clean = _known(lang, others, allowed)[0]
    chunks = text.split()
    if clean.issuperset(chunks):
        return True
    if len(clean) > _MAX_KNOWN:
        clean.clear()
    for chunk in set(chunks).difference(clean):
        for run in _RUN.findall(chunk):
            if _suspicious(run, lang, others, allowed):
                return False
        clean.add(chunk)
    return True


def _checked(text: str, lang: str, others: tuple[str, ...],
             allowed: frozenset[str]) -> list[ForeignWord]:
    """The full check: mask, cut words, leave names alone, decide with frequencies.

    Only the tokens that can matter are examined. A report needs a part (a run
    of the mask, of MIN_LETTERS or more) whose folded form is suspicious, and a
    name only matters when it is one of those forms. So the tokens holding a
    run of the mask that folds to one of them are the only ones that can add a
    report or a relevant name; they are examined, in text order, by the same
    ``_examine`` as in :func:`_exhaustive`, and the others would add nothing
    that ``_decide`` keeps. Runs are read chunk by chunk, as in the prefilter;
    a chunk with no suspicious run at all (of any length) holds none of them.
    """
    masked, block_starts = mask(text)
    plain = _known(lang, others, allowed)[1]
    if len(plain) > _MAX_KNOWN:
        plain.clear()
    forms: set[str] = set()  # folded forms that can be reported
    runs: list[str] = []  # the runs of chunks that hold a suspicious run
    for chunk in set(masked.split()).difference(plain):
        chunk_runs = _ANY_RUN.findall(chunk)
        dirty = False
        for run in chunk_runs:
            if _suspicious(run, lang, others, allowed):
                dirty = True
                if len(run) >= MIN_LETTERS:
                    forms.add(_fold(run))
        if dirty:
            runs.extend(chunk_runs)
        else:
            plain.add(chunk)
    if not forms:
        return []
    starts: set[int] = set()
    for run in set(runs):
        if _fold(run) not in forms:
            continue
        at = masked.find(run)
        while at >= 0:
            end = at + len(run)
            # A whole run only; whole runs cannot overlap, so the search goes on at its end.
            if not (at and _WORD_CHAR.match(masked, at - 1)) and not _WORD_CHAR.match(masked, end):
                starts.add(_token_start(masked, at))
            at = masked.find(run, end)
    candidates: list[tuple[int, str, bool]] = []
    names: set[str] = set()
    for start in sorted(starts):
        token = _WORD.match(masked, start)
        assert token is not None
        _examine(token.group(0), start, masked, block_starts, allowed, candidates, names)
    return _decide(candidates, names, lang, others, allowed)


def _exhaustive(text: str, lang: str, others: tuple[str, ...],
                allowed: frozenset[str]) -> list[ForeignWord]:
    """Every token of the text examined: what :func:`_checked` and the prefilter must
    return (the tests compare them)."""
    masked, block_starts = mask(text)
    candidates: list[tuple[int, str, bool]] = []
    names: set[str] = set()
    for match in _WORD.finditer(masked):
        _examine(match.group(0), match.start(), masked, block_starts, allowed, candidates, names)
    return _decide(candidates, names, lang, others, allowed)


_ANY_RUN = re.compile(rf"{_LETTER}+")
_WORD_CHAR = re.compile(_LETTER)
_JOINER_CHARS = frozenset(_APOSTROPHES + _HYPHENS)


def _token_start(masked: str, at: int) -> int:
    """Where the ``_WORD`` token holding the run that starts at ``at`` starts.

    ``_WORD`` is greedy, so its tokens are the longest chains of runs joined by
    one apostrophe or hyphen each: step back over such joins.
    """
    while at >= 2 and masked[at - 1] in _JOINER_CHARS and _WORD_CHAR.match(masked, at - 2):
        at -= 2
        while at and _WORD_CHAR.match(masked, at - 1):
            at -= 1
    return at


def _examine(token: str, start: int, masked: str, block_starts: frozenset[int],
             allowed: frozenset[str], candidates: list[tuple[int, str, bool]],
             names: set[str]) -> None:
    """Add the parts of one token to check (offset, part, capitalised at a sentence start)
    to ``candidates``, and the names it shows (capitalised mid-sentence) to ``names``."""
    if len(token) < MIN_LETTERS or _HAS_DIGIT.search(token):
        return
    if allowed and _fold(token) in allowed:
        return
    parts = _parts(token)
    # A capital after an apostrophe or a hyphen makes a name: l'Ukraine,
    # États-Unis, Royaume-Uni; no part of it is checked.
    if len(parts) > 1 and any(not part.islower() for _, part in parts[1:]):
        names.update(_fold(part) for _, part in parts if not part.islower())
        return
    for index, (relative, part) in enumerate(parts):
        if len(part) < MIN_LETTERS:
            continue
        if part.islower():
            candidates.append((start + relative, part, False))
        elif (
            index == 0
            and part[1:].islower()
            and _sentence_initial(masked, start, block_starts)
        ):
            candidates.append((start + relative, part, True))
        else:
            names.add(_fold(part))  # capitalised mid-sentence, all-caps, inner capital


def _decide(candidates: list[tuple[int, str, bool]], names: set[str], lang: str,
            others: tuple[str, ...], allowed: frozenset[str]) -> list[ForeignWord]:
    found: list[ForeignWord] = []
    for offset, part, capitalised in candidates:
        folded = _fold(part)
        if folded in allowed or (capitalised and folded in names):
            continue
        other = looks_foreign(folded, lang, others)
        if other is not None:
            found.append(ForeignWord(offset=offset, word=part, lang=other))
    return found



def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``, for diagnostics."""
    if not 0 <= offset <= len(text):
        raise ValueError(f"offset {offset} outside a text of {len(text)} characters")
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


# -- untranslated: a whole field or paragraph in another language ---------------------

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
#: At least this many foreign words, and this share of the words checked, make a
#: field or a paragraph "untranslated" (reported once) rather than words to look at.
UNTRANSLATED_WORDS = 3
UNTRANSLATED_SHARE = 0.5


def _lowercase_words(text: str) -> int:
    """The words of ``text`` the check reads as words (not names): runs of MIN_LETTERS
    or more letters starting with a lower-case letter, or any run after a sentence end."""
    return sum(1 for run in _RUN.finditer(text) if not run.group()[0].isupper()) + \
        len(re.findall(r"(?:^|[.!?]\s+)[A-ZÀ-Þ]", text))


def untranslated(text: str, found: Sequence[ForeignWord], minimum: int = UNTRANSLATED_WORDS,
                 ) -> list[tuple[int, int, list[ForeignWord]]]:
    """The paragraphs of ``text`` (one for a short field) mostly in another language:
    (start, end, its foreign words), for the words of each to be reported once."""
    if len(found) < minimum:
        return []
    spans, start = [], 0
    for gap in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(text)))
    result = []
    for begin, end in spans:
        inside = [f for f in found if begin <= f.offset < end]
        if len(inside) >= minimum and \
                len(inside) >= UNTRANSLATED_SHARE * max(1, _lowercase_words(text[begin:end])):
            result.append((begin, end, inside))
    return result
