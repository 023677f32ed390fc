"""One matcher for glossary terms and participants, and the HTML pass that links them.

Every form (term, alias, participant name) of every language goes into one
Aho–Corasick automaton per page language, so a page is scanned once whatever
the glossary size. Matching ignores case, composed/decomposed accents,
apostrophe style, no-break spaces and guillemets inside a form: the seed's
« cette force de « réassurance » » finds *force de réassurance*.

Links are never made inside code, links, headings, or attributes: the HTML is
walked token by token and only text outside those elements is scanned.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Iterator

import ahocorasick

from .model import SiteContent, TargetRef
from .typography import text_writer, unescape_text

# -- normalisation ------------------------------------------------------------------

_QUOTES = "«»“”„‟\"‹›"
_APOSTROPHES = "’‘ʼ′`´"
_HYPHENS = "\u2010\u2011"
#: One-to-one replacements, so positions survive: every kind of space and
#: every guillemet becomes a plain space, every apostrophe a straight one.
_TABLE = {ord(c): " " for c in _QUOTES + "\t\n\r\f\v\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u205f\u3000"}
_TABLE.update({ord(c): "'" for c in _APOSTROPHES})
_TABLE.update({ord(c): "-" for c in _HYPHENS})
_TO_SPACE = re.compile("[" + re.escape(_QUOTES + "\t\n\r\f\v\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u205f\u3000") + "]")
_TO_APOSTROPHE = re.compile("[" + re.escape(_APOSTROPHES) + "]")
_TO_HYPHEN = re.compile("[" + re.escape(_HYPHENS) + "]")


def _one_to_one(text: str) -> str:
    """``text.translate(_TABLE)``, faster: str.translate looks up every character of
    non-ASCII text in a dict, while these patterns scan in C and rarely match."""
    text = _TO_SPACE.sub(" ", text)
    text = _TO_APOSTROPHE.sub("'", text)
    return _TO_HYPHEN.sub("-", text)
_SPACE_RUN = re.compile(r" {2,}")
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


class NormalizedText:
    """A matching key of a text, and the way back to positions in the text."""

    __slots__ = ("text", "_starts", "_ends", "_breaks", "_shifts")

    def __init__(self, original: str):
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        folded = original.casefold()
        if (len(folded) == len(original) and unicodedata.is_normalized("NFC", original)
                and not any(c in original for c in _ZERO_WIDTH)):
            self._fast(_one_to_one(folded))
        else:
            self._slow(original)

    def _fast(self, text: str) -> None:
        # Collapsing runs of spaces is the only length change; remember where.
        pieces, breaks, shifts, removed, last = [], [], [], 0, 0
        for run in _SPACE_RUN.finditer(text):
            pieces.append(text[last:run.start() + 1])
            removed += run.end() - run.start() - 1
            breaks.append(run.start() + 1 - (removed - (run.end() - run.start() - 1)))
            shifts.append(removed)
            last = run.end()
        pieces.append(text[last:])
        self.text = "".join(pieces)
        self._breaks, self._shifts = breaks, shifts

    def _slow(self, original: str) -> None:
        # Decomposed accents, expanding case folds (ß → ss), zero-width
        # characters: walk clusters and keep an explicit position map.
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        i, n = 0, len(original)
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(original[j]):
                j += 1
            cluster = original[i:j]
            if cluster[0] in _ZERO_WIDTH:
                i = j
                continue
            piece = unicodedata.normalize("NFC", cluster).casefold().translate(_TABLE)
            for char in piece:
                if char == " " and out and out[-1] == " ":
                    ends[-1] = j
                    continue
                out.append(char)
                starts.append(i)
                ends.append(j)
            i = j
        self.text = "".join(out)
        self._starts, self._ends = starts, ends
        self._breaks, self._shifts = [], []

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the normalised ``[start, end)``."""
        if self._starts is not None and self._ends is not None:
            return self._starts[start], self._ends[end - 1]
        return self._original(start), self._original(end - 1) + 1

    def _original(self, position: int) -> int:
        index = bisect.bisect_right(self._breaks, position)
        return position + (self._shifts[index - 1] if index else 0)


@lru_cache(maxsize=1 << 16)
def normalize(form: str) -> str:
    """The key a form is matched by."""
    return NormalizedText(form).text.strip()


# -- matching ----------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    target: TargetRef
    #: Language of the matched form when it is not the page's language.
    foreign_lang: str | None = None


@dataclass(frozen=True)
class Form:
    text: str
    lang: str
    target: TargetRef


def site_forms(content: SiteContent) -> list[Form]:
    """Every term, alias and participant name of the site, in every language."""
    forms = []
    for entry in content.glossary.values():
        target = TargetRef("term", entry.id)
        for lang in entry.texts:
            forms.extend(Form(text, lang, target) for text in entry.forms(lang))
    for participant in content.participants.values():
        target = TargetRef("participant", participant.id)
        for lang in participant.names:
            forms.extend(Form(text, lang, target) for text in participant.forms(lang))
    return forms


class Matcher:
    """All forms of all languages, for pages written in ``lang``."""

    def __init__(self, lang: str, forms: Iterable[Form]):
        self.lang = lang
        chosen: dict[str, tuple[TargetRef, str | None]] = {}
        for form in sorted(forms, key=lambda f: f.lang != lang):
            key = normalize(form.text)
            if not key or key in chosen or _NODE_SEPARATOR in key:
                continue  # the page language's own form wins over a foreign one
            chosen[key] = (form.target, None if form.lang == lang else form.lang)
        self._automaton = ahocorasick.Automaton()
        for key, (target, foreign) in chosen.items():
            self._automaton.add_word(key, (len(key), target, foreign))
        self.size = len(chosen)
        if self.size:
            self._automaton.make_automaton()

    def spans(self, text: str,
              first_only: bool = False) -> list[tuple[int, int, TargetRef, str | None]]:
        """Leftmost-longest, whole-word, non-overlapping matches in ``text``, as
        ``(start, end, target, foreign_lang)`` in the text as given; with
        ``first_only``, only the first match of each target."""
        if not self.size or not text:
            return []
        normalized = NormalizedText(text)
        quoted = any(mark in text for mark in _QUOTE_MARKS)
        selected = self._selected(normalized.text)
        if first_only:
            # An article names the same people and terms again and again: only
            # a first mention can be linked, so only those are mapped back.
            seen: set[TargetRef] = set()
            selected = [match for match in selected
                        if match[2] not in seen and not seen.add(match[2])]
        spans = []
        for start, end, target, foreign in selected:
            original_start, original_end = normalized.span(start, end)
            if quoted:
                original_start, original_end = _balance_quotes(text, original_start, original_end)
            spans.append((original_start, original_end, target, foreign))
        return spans

    def targets(self, text: str) -> set[TargetRef]:
        """The targets ``spans`` would report, without their positions: what editorial
        checks need, for less (no mapping back to the text, no quote balancing)."""
        if not self.size or not text:
            return set()
        return {target for _, _, target, _ in self._selected(NormalizedText(text).text)}

    def _selected(self, key: str) -> list[tuple[int, int, TargetRef, str | None]]:
        """Leftmost-longest, whole-word, non-overlapping matches in the normalised ``key``."""
        size = len(key)
        candidates = []
        for end_index, (length, target, foreign) in self._automaton.iter(key):
            start, end = end_index - length + 1, end_index + 1
            if start > 0 and key[start - 1].isalnum():
                continue
            if end < size and key[end].isalnum():
                continue
            candidates.append((start, -length, end, target, foreign))
        candidates.sort(key=lambda c: (c[0], c[1]))
        selected, position = [], 0
        for start, _, end, target, foreign in candidates:
            if start < position:
                continue
            selected.append((start, end, target, foreign))
            position = end
        return selected


_QUOTE_PAIRS = (("«", "»"), ("“", "”"), ("‹", "›"))
_INNER_SPACES = " \u00a0\u202f"
_QUOTE_MARKS = "".join(opening + closing for opening, closing in _QUOTE_PAIRS)


def _balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Keep quote marks paired inside a link.

    « force de « réassurance » » matches up to « réassurance: take in the closing
    guillemet; “reassurance” force matches from reassurance”: take in the opening one.
    """
    inner = text[start:end]
    for opening, closing in _QUOTE_PAIRS:
        if inner.count(opening) > inner.count(closing):
            rest = end
            while rest < len(text) and text[rest] in _INNER_SPACES:
                rest += 1
            if rest < len(text) and text[rest] == closing:
                end = rest + 1
        elif inner.count(closing) > inner.count(opening):
            before = start
            while before > 0 and text[before - 1] in _INNER_SPACES:
                before -= 1
            if before > 0 and text[before - 1] == opening:
                start = before - 1
    return start, end


# -- explicit references -----------------------------------------------------------

#: Editors force a link with an ordinary Markdown link: ``[text](term:id)``
#: for a glossary entry, ``[text](who:id)`` for a participant.
SCHEMES = {"term": "term", "who": "participant"}
EXPLICIT_IN_MARKDOWN = re.compile(r"\]\(\s*<?(term|who):([^)\s>]*)>?\s*\)")
_EXPLICIT_HREF = re.compile(r"^(term|who):(.*)$")


@dataclass(frozen=True)
class ExplicitReference:
    target: TargetRef
    offset: int  # character offset in the Markdown source


def explicit_references(markdown: str) -> Iterator[ExplicitReference]:
    for found in EXPLICIT_IN_MARKDOWN.finditer(markdown):
        yield ExplicitReference(TargetRef(SCHEMES[found.group(1)], found.group(2)),
                                found.start(1))


# -- the HTML pass -----------------------------------------------------------------

_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|[^<]+|<",
    re.S,
)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
#: Text inside these is never linked.
NO_LINK = frozenset("a code pre kbd samp var script style textarea button select option "
                    "svg math h1 h2 h3 h4 h5 h6 title label".split())
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

#: ``render(target, inner_html, foreign_lang, explicit) -> html``
LinkRenderer = Callable[[TargetRef, str, "str | None", bool], str]


@dataclass
class LinkedHTML:
    html: str
    #: Targets in order of first appearance.
    used: list[TargetRef] = field(default_factory=list)


#: Joins an article's text nodes for one matcher pass. No form contains it
#: (Matcher leaves such forms out) and it is neither a letter nor a space,
#: so a match never spans two nodes and word boundaries stay where they were.
_NODE_SEPARATOR = "\x00"


def link_html(source: str, matcher: Matcher, render: LinkRenderer,
              known: Callable[[TargetRef], bool], first_only: bool = True) -> LinkedHTML:
    """Link the terms and participants of an HTML fragment."""
    out: list[str] = []
    skip: list[str] = []
    explicit: tuple[TargetRef, list[str]] | None = None
    # In document order: (index in out, text) of a linkable text node, or
    # (index in out, target) of an explicit link, rendered once all are known.
    slots: list[tuple[int, str | None, TargetRef | None, str | None]] = []

    for token in _TOKEN.finditer(source):
        raw = token.group(0)
        name = token.group(2)
        if explicit is not None:
            if name and name.lower() == "a" and token.group(1):
                target, inner = explicit
                slots.append((len(out), None, target, "".join(inner)))
                out.append("")
                explicit = None
            else:
                explicit[1].append(raw)
            continue
        if name:
            lower = name.lower()
            closing = bool(token.group(1))
            if not closing and lower == "a":
                href = _HREF.search(token.group(3) or "")
                value = html.unescape(next((g for g in href.groups() if g is not None), "")) if href else ""
                scheme = _EXPLICIT_HREF.match(value.strip())
                if scheme:
                    target = TargetRef(SCHEMES[scheme.group(1)], scheme.group(2))
                    if known(target):
                        explicit = (target, [])
                        continue
            if lower in NO_LINK and lower not in _VOID and not raw.endswith("/>"):
                if closing:
                    if skip and skip[-1] == lower:
                        skip.pop()
                else:
                    skip.append(lower)
            out.append(raw)
            continue
        if not skip and not raw.startswith("<"):
            slots.append((len(out), unescape_text(raw), None, None))
        out.append(raw)
    if explicit is not None:  # an unclosed explicit link: keep the text as it was
        out.append("".join(explicit[1]))

    # One matcher pass over every text node (a call per node cost more than
    # the matching itself), the matches then dealt back to their nodes.
    texts = [text for _, text, _, _ in slots if text is not None]
    found: list[list[Match]] = [[] for _ in texts]
    if texts and matcher.size:
        starts: list[int] = []
        position = 0
        for text in texts:
            starts.append(position)
            position += len(text) + len(_NODE_SEPARATOR)
        for start, end, target, foreign in matcher.spans(_NODE_SEPARATOR.join(texts), first_only):
            node = bisect.bisect_right(starts, start) - 1
            base = starts[node]
            found[node].append(Match(start - base, end - base, target, foreign))

    used: dict[TargetRef, None] = {}
    node = 0
    for index, text, target, inner in slots:
        if text is None:
            assert target is not None and inner is not None
            used.setdefault(target, None)
            out[index] = render(target, inner, None, True)
            continue
        matches = found[node]
        node += 1
        if not matches:
            continue
        raw = out[index]
        write = text_writer(raw)
        position = 0
        pieces: list[str] = []
        for match in matches:
            if first_only and match.target in used:
                continue
            used.setdefault(match.target, None)
            pieces.append(write(text[position:match.start]))
            pieces.append(render(match.target, write(text[match.start:match.end]),
                                 match.foreign_lang, False))
            position = match.end
        if pieces:
            pieces.append(write(text[position:]))
            out[index] = "".join(pieces)
    return LinkedHTML("".join(out), list(used))
