"""Words of the other language inside a page: « ont manifesté leur willingness ».

An article is written in one language (``fr``); an editor must be warned when a
word of another site language (``en``) slipped into it, with its position.

Approach
--------
1. **Mask what is not prose.** The Markdown body is copied into a string of the
   same length in which code (fenced, indented, inline spans, ``<pre>``,
   ``<code>``, ``<script>``, ``<style>``), HTML comments, tags and their
   attributes, entities, URLs (bare, autolinks, the ``(url "title")`` part of
   ``[label](url)`` links and images, ``[id]`` of reference links, reference
   definitions), footnote markers, attribute lists and MkDocs admonition
   keywords (``!!! warning``) are blanked with spaces. Newlines are kept, so
   every offset in the mask is an offset in the text, and lines stay lines.
2. **Cut words.** A word is a run of letters and digits joined by apostrophes
   (’ or ') and hyphens. Words with a digit (``F-35``, ``G7``) are skipped. The
   allow list (case-insensitive) is checked on the whole word (``week-end``)
   and on each part. Then the word is cut at apostrophes — « l’Ukraine »,
   "d'assurer": the elided l’, d’, qu’ fall under the length rule and the word
   after them is checked (so is a long elided word, jusqu’ or lorsqu’, common
   French, and an English word before ``'s``: "country's") — and at hyphens,
   each part being checked on its own (cessez / le / feu).
   Parts shorter than 4 letters are skipped: they are function words or
   shared by both languages (« on », « an », "son", "pour"/"pour").
3. **Leave proper nouns alone.** A word with a capital letter is a name
   (Washington, Lecornu, OTAN, iPhone, États-Unis) unless it is the first word
   of a sentence, where it is checked in lower case. "First word of a sentence"
   is read on the mask: only spaces, opening quotes/brackets and emphasis marks
   stand between it and the start of a block (paragraph, heading, list item,
   quote, table cell) or a ``. ! ? …`` (closing quotes allowed in between), or
   a colon followed by an opening quote (« a affirmé : « La … »). A capitalised
   sentence-initial word that the same text also writes capitalised
   mid-sentence is a name too ("Macron said …" when "… said Macron" is there
   too). All-caps or inner-capital words are names wherever they are.
4. **Decide with word frequencies.** :func:`wordfreq.zipf_frequency` gives, for
   each language, log10 of occurrences per billion words (Zipf scale: 7 for
   "the", 3 for a word met about once per million words, 0 for an unknown
   word). A part is foreign when it is rare in the page language *and* clearly
   more frequent in the other one (see the thresholds below). wordfreq ships
   its data inside the package: no network, no download. Lookups are cached,
   since an article repeats its words.

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

Known limits: a loan that is rare in the page language and common in the
other is reported (milieu 2.90/5.20, ambiance, détente, déjà in English) —
put it in ``allow``; a name that only appears at the start of sentences is
checked like a word: "Hegseth a déclaré" passes (wordfreq barely knows it),
"Macron said …" in English is reported (macron 2.95 in English, 4.87 in
French) unless "Macron" also appears mid-sentence;
indented code is not recognised inside list items; a whole quotation in the
other language is reported word by word, which is the intended warning.

Speed and memory
----------------
Most articles hold no foreign word. A prefilter (``_nothing_to_report``) proves
it from the runs of letters of the raw text, without masking; the other
articles are masked and only the tokens that can matter are examined
(``_checked``). ``tests/test_mixed_language_fast_paths.py`` compares both with
examining every token (``_exhaustive``).

wordfreq's "best" lists for French and English (its "large" ones, down to Zipf
1.0) take about 67 MB once loaded, and 0.3 s to load. The "small" ones take
7 MB but stop at Zipf 3.0, so they cannot tell the values that the margin and
COMMON_IN_OTHER compare below 3.0: "deadline" in French (2.81/4.12, not
reported) would read 0.00/4.12 and be reported, and on a generated site of
1,000 articles 30 more names (Amélie, Loïc, Renée) were reported in English.
The check keeps the "best" lists.

For French and English the package ships the table below, made from those lists
(generator/word_tables.py, ``make word-tables``): the check does not load wordfreq's
lists for them, and reports the same words. Other language pairs ask wordfreq.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

from . import word_tables

if TYPE_CHECKING:
    from .cache import BuildCache

#: A part rarer than this in the page language (Zipf) may be foreign.
RARE_IN_LANG = 3.0
#: … and is foreign when at least this much more frequent in the other language…
CLEAR_MARGIN = 1.5
#: … where it is at least this frequent (a real word there, not noise).
COMMON_IN_OTHER = 2.5
#: Parts shorter than this are never checked.
MIN_LETTERS = 4


@dataclass(frozen=True)
class ForeignWord:
    offset: int  # character offset in the text given
    word: str  # as written
    lang: str  # the language it looks like, e.g. "en"


# -- masking: everything that is not prose becomes spaces ---------------------------

_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_REFERENCE_DEFINITION = re.compile(r"^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\S")
#: MkDocs admonitions, details and content tabs: the type is a keyword
#: ("warning", "tip"), not prose; the optional quoted title is prose and stays.
_ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?|===!?)[ \t]*[\w-]*(?:[ \t]+[\w-]+)*")
_SNIPPET = re.compile(r"^[ \t]*-{1,3}8<-{1,3}")
_BLOCK_MARKER = re.compile(r"^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|>|\||[-*+][ \t]|\d{1,9}[.)][ \t])")
_SETEXT_OR_RULE = re.compile(r"^[ \t]{0,3}(?:=+|-+|\*+|_+)[ \t]*$")

#: Inline constructs that are not prose, each starting with ``<``, a backtick,
#: ``(``, ``[``, ``&`` or ``{``…
_INLINE_MARKUP = r"""
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
    | &(?:\#[0-9]+|\#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);    # entities
    | \{:?[ \t]*[#.:][^}\n]*\}                                  # attribute lists
"""
#: … and addresses, starting with a letter, a digit, ``.``, ``+`` or ``-``. As no
#: address can start where markup does, at most one of the two sets of
#: alternatives matches at a given place, and their order does not matter.
_INLINE_ADDRESSES = r"""
      (?:[A-Za-z][A-Za-z0-9+.-]*://|www\.|mailto:)[^\s<>"'`]+   # bare URLs
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                              # e-mail addresses
"""
#: Trying the addresses at every letter is most of the masking time, so a text
#: with none of their marks (``://``, ``www.``, ``mailto:``, ``@``: no address
#: can match without one) is searched with the markup only, which the leading
#: lookahead lets the regex engine skip to quickly. Both give the same matches.
_ADDRESS_MARKS = ("://", "www.", "mailto:", "@")
_INLINE_MARKUP_ONLY = re.compile(rf"(?=[<`(\[&{{])(?:{_INLINE_MARKUP})", re.VERBOSE | re.DOTALL)
_INLINE = re.compile(rf"(?=[<`(\[&{{])(?:{_INLINE_MARKUP})|{_INLINE_ADDRESSES}",
                     re.VERBOSE | re.DOTALL)


_NOT_NEWLINE = re.compile(r"[^\n]")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def _blank(segment: str) -> str:
    return _NOT_NEWLINE.sub(" ", segment)


def _indent(line: str) -> int:
    width = 0
    for c in line:
        if c == " ":
            width += 1
        elif c == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _mask(text: str) -> tuple[str, frozenset[int]]:
    """The prose of ``text``, same length, and the offsets of lines that start a block."""
    lines = _LINE.findall(text)  # "\n" only, as line_column counts
    out: list[str] = []
    block_starts: set[int] = set()
    fence: str | None = None  # the opening fence while inside a fenced block
    previous_blank = True  # the line before was blank (or there was none)
    previous_closes_block = False  # … or was a heading / rule / table row
    in_code = False  # inside an indented code block
    in_container = False  # in a list item or an admonition, whose body is indented
    offset = 0
    for line in lines:
        content = line.rstrip("\r\n")
        blank = not content.strip()
        if fence is not None:
            out.append(_blank(line))
            closing = content.strip()
            if closing and set(closing) == {fence[0]} and len(closing) >= len(fence):
                fence = None
                previous_blank, previous_closes_block = True, True
            offset += len(line)
            continue
        opening = _FENCE_OPEN.match(content)
        if opening and not (opening.group(1)[0] == "`" and "`" in content[opening.end():]):
            fence = opening.group(1)
            in_code = False
            out.append(_blank(line))
            offset += len(line)
            continue
        if blank:
            out.append(line)
            previous_blank, previous_closes_block = True, False
            offset += len(line)
            continue
        indented = _indent(content) >= 4
        admonition = _ADMONITION.match(content)
        if _LIST_ITEM.match(content) or admonition:
            in_container = True
        elif previous_blank and not indented:
            in_container = False  # a paragraph after the list or admonition ends it
        # Indented code cannot interrupt a paragraph and, in a list item or an
        # admonition, the same indentation means a further paragraph of it.
        if indented and not in_container and (previous_blank or in_code):
            in_code = True
            out.append(_blank(line))
            previous_blank, previous_closes_block = False, False
            offset += len(line)
            continue
        in_code = False
        if _REFERENCE_DEFINITION.match(content) or _SNIPPET.match(content):
            out.append(_blank(line))
            previous_blank, previous_closes_block = True, False
            offset += len(line)
            continue
        if admonition:
            line = _blank(line[: admonition.end()]) + line[admonition.end():]
        marker = _BLOCK_MARKER.match(content)
        if previous_blank or previous_closes_block or marker or admonition:
            block_starts.add(offset)
        previous_closes_block = bool(
            (marker and marker.group(0).lstrip()[:1] in "#|") or _SETEXT_OR_RULE.match(content)
        )
        previous_blank = False
        out.append(line)
        offset += len(line)
    masked = "".join(out)
    pieces: list[str] = []
    last = 0
    inline = _INLINE if any(mark in masked for mark in _ADDRESS_MARKS) else _INLINE_MARKUP_ONLY
    for match in inline.finditer(masked):
        pieces.append(masked[last : match.start()])
        pieces.append(_blank(match.group(0)))
        last = match.end()
    pieces.append(masked[last:])
    return "".join(pieces), frozenset(block_starts)


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


@lru_cache(maxsize=1 << 16)
def _zipf(word: str, lang: str) -> float:
    # Imported when first needed: wordfreq brings langcodes' and ftfy's tables
    # (a tenth of a second, some megabytes), which a build whose word tables are
    # kept in the build cache never needs.
    from wordfreq import zipf_frequency
    return zipf_frequency(word, lang)


@lru_cache(maxsize=1 << 16)
def _looks_foreign(word: str, lang: str, other_langs: tuple[str, ...]) -> str | None:
    """The other language ``word`` (folded) belongs to, or None."""
    table = _table(lang, other_langs)
    if table is not None:
        return table.get(word.casefold())
    return _by_frequencies(word, lang, other_langs)


def _by_frequencies(word: str, lang: str, other_langs: tuple[str, ...]) -> str | None:
    """``_looks_foreign`` decided with wordfreq's lists."""
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
#   last in its pattern); every ``_INLINE`` alternative ends with a non-word
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
    return folded not in allowed and _looks_foreign(folded, lang, others) is not None


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
    masked, block_starts = _mask(text)
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
    masked, block_starts = _mask(text)
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
        other = _looks_foreign(folded, lang, others)
        if other is not None:
            found.append(ForeignWord(offset=offset, word=part, lang=other))
    return found


# -- the table of foreign-looking words ----------------------------------------------
#
# Deciding with wordfreq's lists means holding them: about 67 MB, and 0.5 s to
# load, per build. Yet for a site's language pair, the words that look
# foreign are a fixed set: every one is frequent in another language
# (COMMON_IN_OTHER), so it is among the first ~700 frequency buckets of that
# language's list. ``_make_table`` asks ``_by_frequencies`` about each of those
# words once and keeps the ones it reports, a dict of some 40,000 words
# (about 4 MB), in the cache folder; later builds read that file instead of
# the lists.
#
# Why a lookup in the table gives ``_by_frequencies``' answer. For a language
# wordfreq reads simply (its regex tokenizer, NFC, plain case folding: French,
# English, German, Spanish, Russian…), a part (letters and digits, no
# apostrophe or hyphen, and parts with a digit are never asked about) is one
# token, ``NFC(part).casefold()`` — which is ``part.casefold()``, parts being
# NFC already (``_fold``) — and wordfreq's frequency of the part is that of
# the token, in every language. A part is reported only when, in some other
# language, that token has Zipf ≥ COMMON_IN_OTHER: its bucket is then among
# those ``_make_table`` reads, where the same question about the token got the
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
        _looks_foreign.cache_clear()


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
                                        lambda: _make_table(lang, others),
                                        lambda words: {"words": words})
    return _TABLES[key]


def _make_table(lang: str, others: tuple[str, ...]) -> dict[str, str] | None:
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


def release_word_lists() -> None:
    """Let go of wordfreq's loaded lists (about 67 MB) once a build has checked its
    text; the next check loads them again. A one-off build calls this; a preview
    server does not, since it checks again at every save."""
    wordfreq = sys.modules.get("wordfreq")
    if wordfreq is not None:  # else nothing was loaded
        wordfreq.get_frequency_dict.cache_clear()
        wordfreq.get_frequency_list.cache_clear()


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
