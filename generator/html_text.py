"""HTML as the passes over its text read it: one tag grammar, one set of void elements.

Linking and typography edit an article's HTML text in place, keeping every
other byte: they walk it token by token with ``tokens`` rather than build a
tree. Search entries are read from lexbor's tree (generator/search.py) and
use the same void elements.
"""

from __future__ import annotations

import re
from typing import Iterator

#: Comments, doctypes, CDATA sections, processing instructions, and tags. Text is
#: whatever lies between two matches, so a lone "<" that opens no tag stays text,
#: as in a browser.
TAG = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?.*?\?>"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
#: Elements with no content and no end tag (the HTML standard's list).
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
#: Inside these "<" need not open a tag: only their own end tag ends them.
RAW_TEXT = frozenset("script style textarea".split())
RAW_END = {name: re.compile(rf"</{name}\s*>", re.I) for name in RAW_TEXT}

TEXT, ELEMENT, OTHER, RAW = "text", "element", "other", "raw"


#: What ``tokens`` yields: (kind, start, end, raw, name, closing, attributes). ``kind`` is
#: TEXT, ELEMENT (a start or end tag), OTHER (a comment, doctype…) or RAW (a raw-text
#: element's content); ``name`` is an element's name in lower case, ``attributes`` what
#: follows it in its tag ("" for other kinds). Plain tuples: typesetting walks every
#: page's tokens, and a named tuple made it 40 % slower.
Token = tuple[str, int, int, str, str, bool, str]


def tokens(html: str) -> Iterator[Token]:
    """Every token of ``html``, in order; their ``raw`` parts joined give ``html`` back."""
    position, size = 0, len(html)
    while position < size:
        found = TAG.search(html, position)
        stop = found.start() if found else size
        if stop > position:
            yield (TEXT, position, stop, html[position:stop], "", False, "")
        if found is None:
            return
        position = found.end()
        name = found.group(2)
        if name is None:
            yield (OTHER, found.start(), position, found.group(0), "", False, "")
            continue
        lower, closing = name.lower(), bool(found.group(1))
        yield (ELEMENT, found.start(), position, found.group(0), lower, closing,
               found.group(3) or "")
        if lower in RAW_TEXT and not closing:
            # In <script> "a<b" is no tag and a quote need not close: jump to the end tag.
            end = RAW_END[lower].search(html, position)
            stop = end.start() if end else size
            if stop > position:
                yield (RAW, position, stop, html[position:stop], "", False, "")
            position = stop
