"""French micro-typography on rendered HTML: narrow no-break spaces, apostrophes, units.

It works on the HTML that Markdown produced rather than on the Markdown source,
because only there can code spans, code blocks and attributes be told apart
from prose for certain; a space inserted before the ``:`` of a code sample or of
a ``title="…"`` would change what the reader copies or what the browser does.
It uses the standard library only and never imports MkDocs, so the plugin, the
``explainer`` command and the tests all call the very same function.

Every edit is a space substitution, a space insertion or ``'`` becoming ``’``:
the letters a reader sees never change. Rules are written so that their own
output satisfies them again, which makes :func:`typeset` idempotent (a page may
be typeset twice, e.g. once by a template filter and once by the plugin).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable
from html import escape, unescape

from .html_text import OTHER, RAW, TEXT, tokens

__all__ = ["typeset", "unescape_text", "text_writer"]

NNBSP = "\u202f"  # espace fine insécable
NBSP = "\u00a0"

# Text inside these is shown verbatim (or is not text at all): never edited.
_VERBATIM = frozenset("code pre kbd samp var script style textarea".split())
# Tags that do not interrupt a line of text: the characters on either side of
# them are neighbours, so « <a>force</a> » is one run of prose. Any other tag
# (p, li, br, td, img, …) ends the run and nothing is inserted across it.
_INLINE = frozenset(
    "a abbr b bdi bdo cite code data dfn del em font i ins kbd mark nobr q s samp small "
    "span strong sub sup time u var".split()
)

# The spaces these rules own: ordinary, no-break, thin and narrow no-break.
# Newlines and tabs are left alone: replacing them would change line structure
# in ways the "only spaces change" guarantee does not cover.
_S = "[ \u00a0\u2009\u202f]"
_UNITS = (
    r"%|‰|€|\$|£|°C|km|cm|mm|kg|min|m|g|t|h|s"
    r"|millions|milliards|milliers|million|milliard|millier"
)

# One pass over the text. Every match begins by consuming one character of
# _FIRST, so the regex engine skips from candidate to candidate in C; the
# branches then dispatch on that character and what lies before it with
# fixed-width lookbehinds, cheapest rejections first: an ordinary space
# between two words fails after two checks. On a 5,700-word page this scans in
# 0.7 ms, against 7 ms for one alternative per rule tried at every position.
# The final empty group names the rule (``m.lastindex``); _typeset_line turns
# the match into the span to replace. Rules accept their own output (a narrow
# space is a space like any other), which is what makes a second pass a no-op.
_FIRST = "[ \u00a0\u2009\u202f«»;:!?']"
_CLOSE = r"(?=»|;(?!\w))"  # "a;b" glued to a word is left alone: URLs, code-like text
_ASK = r"(?=[?!](?!\w))"  # never inside "?q=1"
# Only when a space or the end follows: keeps 10:30, http://, 1:2. A mark
# counts as a space, since one may be inserted before it: ":;" must get the same
# answer as ":\u202f;" or a second pass would not agree with the first.
_COLON = r"(?=:(?:[\s;:!?»]|\Z))"
_RULES = re.compile(
    _FIRST + "(?:"
    # a run of spaces starts here (its first space is consumed)...
    rf"(?<={_S})(?:"
    # ...and ends before a mark: spaces before ;:!?» become one narrow space,
    # except between "?" and "!" ("?!" keeps one space before the first)
    rf"(?={_S}*[»;:?!])(?:"
    rf"(?<=[^\s?!(\[]{_S}){_S}*(?:{_CLOSE}(?P<close>)|{_ASK}(?P<ask>)|{_COLON}(?P<colon>))"
    rf"|(?<=[?!(\[]{_S}){_S}*(?:{_CLOSE}(?P<close_>)|{_COLON}(?P<colon_>))"
    ")"
    # ...or follows a number: before a unit, no-break space; between digit
    # groups (1 to 3 digits, one space, exactly 3 digits: not "2025 300"),
    # narrow no-break space
    rf"|(?<=\d{_S})(?:{_S}*(?=(?:{_UNITS})(?!\w))(?P<unit>)"
    rf"|(?<!\d{{4}}{_S})(?=\d{{3}}(?!\d))(?P<group>))"
    ")"
    # any other first character: one failed check rejects all these for a space
    rf"|(?<=[«»;:!?'])(?:"
    # « then spaces or none, unless nothing visible follows (end, newline)
    rf"(?<=«){_S}*(?=\S)(?P<open>)"
    # letter ' letter: l'OTAN, aujourd'hui (not 'quotes', not 90's)
    r"|(?<=[^\W\d_]')(?=[^\W\d_])(?P<apos>)"
    # a mark with no space at all before it; after « the space belongs to
    # the « rule, so "«»" gets one space, not two
    rf"|(?:(?<=[^\s«]»)|(?<=[^\s«];)(?!\w))(?P<close0>)"
    rf"|(?<=[^\s?!(\[«][?!])(?!\w)(?P<ask0>)"
    rf"|(?<=[^\s«]:)(?=[\s;:!?»]|\Z)(?P<colon0>)"
    ")"
    ")"
)
_REPLACEMENT_BY_NAME = {
    "open": NNBSP, "close": NNBSP, "ask": NNBSP, "colon": NNBSP,
    "close_": NNBSP, "colon_": NNBSP,
    "close0": NNBSP, "ask0": NNBSP, "colon0": NNBSP,
    "apos": "’", "unit": NBSP, "group": NNBSP,
}
# Indexed by m.lastindex, which is cheaper than m.lastgroup in the hot loop.
_REPLACEMENT = [""] * (_RULES.groups + 1)
# What the match means: 0 replace the match, 1 insert before the mark it
# consumed, 2 replace what follows the « it consumed.
_ACTION = [0] * (_RULES.groups + 1)
for _name, _index in _RULES.groupindex.items():
    _REPLACEMENT[_index] = _REPLACEMENT_BY_NAME[_name]
    _ACTION[_index] = 1 if _name in ("close0", "ask0", "colon0") else 2 if _name == "open" else 0
del _name, _index


# -- text nodes, read and written back as an HTML parser sees them -------------------------
# html.unescape drops numeric references to control characters and noncharacters
# (&#1;, &#x7F;, &#xFFFE;), which an HTML parser keeps; and a CR written &#13; must
# stay a reference, since an HTML parser reads a raw CR as a line feed. Re-escaping
# with the standard library alone would change such characters in every text node
# an edit touches.
_KEPT_CHARREF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
#: Where each CR of a text node comes from: itself, or a character reference.
_CR_SOURCE = re.compile(r"\r|&#(?:[xX]0*[dD](?![0-9a-fA-F])|0*13(?![0-9]));?")


def _kept_by_parsers(number: int) -> bool:
    return (0x01 <= number <= 0x08 or number == 0x0B or 0x0E <= number <= 0x1F or number == 0x7F
            or 0xFDD0 <= number <= 0xFDEF or (number <= 0x10FFFF and number & 0xFFFE == 0xFFFE))


def _keep_charref(match: re.Match) -> str:
    number = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    return chr(number) if _kept_by_parsers(number) else match.group(0)


def unescape_text(raw: str) -> str:
    """The characters of the HTML text ``raw`` (outside raw-text elements), CRs as written."""
    if "&" not in raw:
        return raw
    return unescape(_KEPT_CHARREF.sub(_keep_charref, raw))


def _escape(text: str) -> str:
    return escape(text, quote=False)


def text_writer(raw: str) -> Callable[[str], str]:
    """Escapes the text of ``raw`` back to HTML, piece after piece in order, so that an
    HTML parser reads every character as it read it from ``raw``."""
    if "\r" not in raw and "&#" not in raw:
        return _escape
    referenced = [found.group(0) != "\r" for found in _CR_SOURCE.finditer(raw)]
    if not any(referenced):
        return _escape
    sources = iter(referenced)

    def write(text: str) -> str:
        escaped = escape(text, quote=False)
        if "\r" not in escaped:
            return escaped
        return "".join(("&#13;" if next(sources, False) else "\r") if char == "\r" else char
                       for char in escaped)

    return write


def _is_french(lang: str) -> bool:
    lang = lang.strip().lower()
    return lang == "fr" or lang.startswith(("fr-", "fr_"))


def _typeset_line(nodes: list[tuple[int, str, bool]], out: list[str]) -> bool:
    """Typeset one line of text split by inline tags: ``(index in out, text, editable)``.

    The texts are scanned joined, so that « <a>force</a> » or l'<a>OTAN</a> are
    seen as the reader sees them, but each edit must fall inside one editable
    node. A space missing at the border between two nodes belongs to the node
    holding the mark that asks for it (the one ending with « for the space
    after it, the one starting with ;:!?» for the space before it), so that it
    is inserted once, outside the link, never inside code. A run of spaces that
    straddles a border is left alone: splitting it would not be stable.
    Returns whether any text changed.
    """
    if not any(editable for _, _, editable in nodes):
        return False  # a code block: nothing to scan for
    texts = [text for _, text, _ in nodes]
    line = texts[0] if len(texts) == 1 else "".join(texts)
    if line.isspace():
        return False  # the newline between two blocks
    first = _RULES.search(line)
    if first is None:
        return False  # most lines: nothing to do, and nothing to set up for it
    ends: list[int] = []
    position = 0
    for text in texts:
        position += len(text)
        ends.append(position)
    single = len(nodes) == 1
    edits: list[list[tuple[int, int, str]]] = [[] for _ in nodes]
    for m in _RULES.finditer(line, first.start()):
        start, end = m.span()
        action = _ACTION[m.lastindex]
        if action == 1:
            end = start
        elif action == 2:
            start += 1
        replacement = _REPLACEMENT[m.lastindex]
        if end - start == 1 and line[start] == replacement:
            continue  # already right, e.g. on a second pass
        if single:
            owner = 0
        else:
            # The node holding the character at start; for « that is the « itself.
            owner = bisect_right(ends, start - 1 if action == 2 and start == end else start)
            if not nodes[owner][2] or end > ends[owner]:
                continue
        edits[owner].append((start, end, replacement))
    changed = False
    for owner, changes in enumerate(edits):
        if not changes:
            continue
        text = texts[owner]
        base = ends[owner] - len(text)
        pieces: list[str] = []
        done = 0
        for start, end, replacement in changes:
            pieces.append(text[done:start - base])
            pieces.append(replacement)
            done = end - base
        pieces.append(text[done:])
        out[nodes[owner][0]] = text_writer(out[nodes[owner][0]])("".join(pieces))
        changed = True
    return changed


def typeset(html: str, lang: str) -> str:
    """French micro-typography on rendered HTML text; other languages are returned unchanged."""
    if not _is_french(lang):
        return html

    out: list[str] = []
    lines: list[list[tuple[int, str, bool]]] = []
    line: list[tuple[int, str, bool]] = []  # text nodes since the last non-inline tag
    verbatim: list[str] = []  # open verbatim elements, innermost last
    for kind, _, _, raw, lower, closing, _ in tokens(html):
        if kind is TEXT:
            line.append((len(out), unescape_text(raw), not verbatim))
            out.append(raw)
            continue
        out.append(raw)
        if kind is OTHER:  # comment, doctype, CDATA
            if not raw.startswith("<!--") and line:
                lines.append(line)
                line = []
            continue
        if kind is RAW:
            continue
        if lower not in _INLINE and line:
            lines.append(line)
            line = []
        if lower in _VERBATIM and not raw.endswith("/>"):
            if not closing:
                verbatim.append(lower)
            elif lower in verbatim:
                # Close the innermost element of that name, and any left open inside it.
                del verbatim[len(verbatim) - 1 - verbatim[::-1].index(lower):]
    if line:
        lines.append(line)

    changed = False
    for line in lines:
        if _typeset_line(line, out):
            changed = True
    return "".join(out) if changed else html
