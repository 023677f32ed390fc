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
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator, NamedTuple

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

    def spans(self, text: str) -> list[tuple[int, int, TargetRef, str | None]]:
        """Leftmost-longest, whole-word, non-overlapping matches in ``text``, as
        ``(start, end, target, foreign_lang)`` in the text as given."""
        if not self.size or not text:
            return []
        normalized = NormalizedText(text)
        quoted = any(mark in text for mark in _QUOTE_MARKS)
        selected = self._selected(normalized.text)
        spans = []
        for start, end, target, foreign in selected:
            original_start, original_end = normalized.span(start, end)
            if quoted:
                original_start, original_end = _balance_quotes(text, original_start, original_end)
            spans.append((original_start, original_end, target, foreign))
        return spans

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


class Mention(NamedTuple):
    """One mention of a term or participant in an article's HTML body.

    ``node`` is the raw span of the text node the words are in (of the whole
    ``<a href="term:…">…</a>`` for an explicit link); ``start`` and ``end`` are
    the words' span in that node's text, as a parser reads it (for an explicit
    link, the raw span of the link's inner HTML in the body). A named tuple: a
    warm build reads a site's mentions back from the build cache (94,000 at
    1,000 explainers), and a tuple is made five times faster than a frozen
    dataclass.
    """

    target: TargetRef
    node: tuple[int, int]
    start: int
    end: int
    #: The words as written (the form that matched).
    text: str
    #: Language of the matched form when it is not the page's language.
    foreign_lang: str | None = None
    #: Written by the editor as ``[words](term:id)`` or ``[words](who:id)``.
    explicit: bool = False
    #: The first mention of its target on the page, in document order.
    first: bool = False

    def linked(self, first_only: bool) -> bool:
        """Whether the page links this mention: explicit links always, others when
        every mention links or when it is the first of its target."""
        return self.explicit or self.first or not first_only

    def to_json(self) -> list:
        return [self.target.kind, self.target.id, *self.node, self.start, self.end, self.text,
                self.foreign_lang, self.explicit, self.first]


def mentions_from_json(items: list) -> tuple[Mention, ...]:
    """What ``Mention.to_json`` wrote, checked: anything else raises."""
    targets: dict[tuple[str, str], TargetRef] = {}
    mentions = []
    for kind, ident, node_start, node_end, start, end, text, foreign, explicit, first in items:
        target = targets.get((kind, ident))
        if target is None:
            if not (isinstance(kind, str) and isinstance(ident, str)):
                raise ValueError("malformed mention")
            target = targets[(kind, ident)] = TargetRef(kind, ident)
        if not (type(node_start) is type(node_end) is type(start) is type(end) is int
                and isinstance(text, str) and (foreign is None or isinstance(foreign, str))
                and type(explicit) is type(first) is bool):
            raise ValueError("malformed mention")
        mentions.append(Mention(target, (node_start, node_end), start, end, text, foreign,
                                explicit, first))
    return tuple(mentions)


#: Joins an article's text nodes for one matcher pass. No form contains it
#: (Matcher leaves such forms out) and it is neither a letter nor a space,
#: so a match never spans two nodes and word boundaries stay where they were.
_NODE_SEPARATOR = "\x00"


def find_mentions(source: str, matcher: Matcher,
                  known: Callable[[TargetRef], bool]) -> list[Mention]:
    """Every mention in an HTML fragment, in document order.

    Never inside code, links, headings, attributes or raw-text elements: the HTML
    is walked token by token and only text outside those is matched.
    """
    skip: list[str] = []
    explicit: tuple[TargetRef, int, int] | None = None  # target, <a> start, inner start
    # In document order: (node span, text) of a linkable text node, or
    # (link span, None, target, inner span) of an explicit link.
    texts: list[str] = []
    nodes: list[tuple[tuple[int, int], str | None, TargetRef | None, tuple[int, int] | None]] = []

    for token in _TOKEN.finditer(source):
        raw = token.group(0)
        name = token.group(2)
        if explicit is not None:
            if name and name.lower() == "a" and token.group(1):
                target, begin, inner = explicit
                nodes.append(((begin, token.end()), None, target, (inner, token.start())))
                explicit = None
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
                        explicit = (target, token.start(), token.end())
                        continue
            if lower in NO_LINK and lower not in _VOID and not raw.endswith("/>"):
                if closing:
                    if skip and skip[-1] == lower:
                        skip.pop()
                else:
                    skip.append(lower)
            continue
        if not skip and not raw.startswith("<"):
            text = unescape_text(raw)
            texts.append(text)
            nodes.append(((token.start(), token.end()), text, None, None))
    # An unclosed explicit link mentions nothing: its text stays as it was.

    # One matcher pass over every text node (a call per node cost more than
    # the matching itself), the matches then dealt back to their nodes.
    found: list[list[tuple[int, int, TargetRef, str | None]]] = [[] for _ in texts]
    if texts and matcher.size:
        starts: list[int] = []
        position = 0
        for text in texts:
            starts.append(position)
            position += len(text) + len(_NODE_SEPARATOR)
        for start, end, target, foreign in matcher.spans(_NODE_SEPARATOR.join(texts)):
            node = bisect.bisect_right(starts, start) - 1
            base = starts[node]
            found[node].append((start - base, end - base, target, foreign))

    mentions: list[Mention] = []
    seen: set[TargetRef] = set()
    node_index = 0
    for span, text, target, inner in nodes:
        if text is None:
            assert target is not None and inner is not None
            mentions.append(Mention(target, span, inner[0], inner[1], unescape_text(
                _TAGS.sub("", source[inner[0]:inner[1]])), None, True, target not in seen))
            seen.add(target)
            continue
        for start, end, target, foreign in found[node_index]:
            mentions.append(Mention(target, span, start, end, text[start:end], foreign, False,
                                    target not in seen))
            seen.add(target)
        node_index += 1
    return mentions


_TAGS = re.compile(r"<[^>]*>")


def apply_links(source: str, mentions: Iterable[Mention], render: LinkRenderer,
                first_only: bool = True) -> str:
    """``source`` with the mentions it links rendered as links (see ``Mention.linked``)."""
    out: list[str] = []
    position = 0  # in source
    node: tuple[int, int] | None = None
    pieces: list[str] = []
    text_position = 0
    text = ""
    write: Callable[[str], str] = str

    def close_node() -> None:
        nonlocal position
        assert node is not None
        pieces.append(write(text[text_position:]))
        out.append("".join(pieces))
        position = node[1]

    for mention in mentions:
        if not mention.linked(first_only):
            continue
        if mention.explicit:
            if node is not None:
                close_node()
                node = None
            out.append(source[position:mention.node[0]])
            out.append(render(mention.target, source[mention.start:mention.end], None, True))
            position = mention.node[1]
            continue
        if mention.node != node:
            if node is not None:
                close_node()
            node = mention.node
            out.append(source[position:node[0]])
            raw = source[node[0]:node[1]]
            text, write, pieces, text_position = unescape_text(raw), text_writer(raw), [], 0
        pieces.append(write(text[text_position:mention.start]))
        pieces.append(render(mention.target, write(text[mention.start:mention.end]),
                             mention.foreign_lang, False))
        text_position = mention.end
    if node is not None:
        close_node()
    out.append(source[position:])
    return "".join(out)


def link_html(source: str, matcher: Matcher, render: LinkRenderer,
              known: Callable[[TargetRef], bool], first_only: bool = True) -> str:
    """Link the terms and participants of an HTML fragment (find, then apply)."""
    return apply_links(source, find_mentions(source, matcher, known), render, first_only)
