"""Search indexes: the plugin's pages indexed fast, one index per language.

Material's search plugin reads every page's HTML with a pure-Python parser,
which costs more than a quarter of a large build: the plugin's pages are rich
HTML. So they are excluded from Material's indexing and indexed here, from a
tree that lexbor builds in C, with the entries Material would make of them:
the search front end reads them as before. Material still indexes any other
page (the editors' own Markdown pages).

:func:`page_entries` follows Material 9.x (``material/plugins/search/plugin.py``:
its ``Parser`` and ``SearchIndex.create_entry_for_section``) rule for rule,
quirks included but one (excluded elements, below), and the tests hold it to
Material's output byte for byte wherever that one does not apply:

- a section starts at each h1-h6 heading that has an id, located at
  ``url#id``; the first has no anchor; a page that does not open with an
  h1 with an id gets a preface section; a heading nested in an element ends
  its section with that element (back to the section open around it);
- a section's title is its heading's text without a headerlink permalink
  (and the text of any heading of the same level met while the section
  lasts, as in Material); a section without title takes the page's title;
- the text keeps the tags p, code, pre, li, ol, ul, sub and sup, drops such
  an element when it holds only whitespace (looking from the first tag of
  that name in the section, as Material does), folds whitespace outside
  ``pre`` (a text node of only whitespace, no-break spaces included, is one
  space, and only after something else; newlines in text are spaces), and
  is HTML-escaped (``&``, ``<``, ``>``);
- script, style and object elements are skipped (by tag name, as in
  Material), and so are elements with ``data-search-exclude`` or
  ``class="linenodiv"``, each with its whole subtree; a heading in them
  still starts a section (without text), as in Material.

The one deliberate difference: Material compares the elements it skips by
tag name (its ``Element`` objects are equal when their tags are), so while an
excluded ``<div>`` is open, the first ``</div>``, a nested div's, ends the
exclusion and the rest of it is indexed. The explainers' tooltips are a
``div`` of ``div`` marked ``data-search-exclude``: Material would index every
tooltip but the first into the article's first section, as if it were the
article's text (and spend time on it). Here they are left out, as the
attribute means; pages without an excluded element holding one of its own
name get exactly Material's entries.

Where this reads HTML differently from Material's parser, it is HTML that the
plugin's pages never hold: markup an HTML parser repairs (a block inside a
``<p>``, end tags out of order), since lexbor builds the HTML standard's tree
where Material follows the tags as written (the pages come from the plugin's
templates and from Markdown cleaned by nh3, which writes well-formed HTML);
markup in ``<textarea>`` or ``<template>``; a repeated attribute (the first
counts, not the last); upper-case ``DATA-SEARCH-EXCLUDE``. Material also
segments Chinese text when jieba is installed; it is not a dependency here.

The index files, per language, are written by ``generator.search_index``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from .html_text import VOID as HTML_VOID

#: Tags Material keeps in the text (as ``<p>`` … ``</p>``).
KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements whose content is never indexed.
SKIP = frozenset({"object", "script", "style"})
#: Material's list of void elements: they play no part at all, not even as
#: the first element of a page.
VOID = HTML_VOID | {"param"}  # Material's list: the standard's and the obsolete <param>

_LEADING_NEWLINE = re.compile(r"(<(?:pre|listing|textarea)\b[^>]*>)\n", re.IGNORECASE)
_TAG_NAME = re.compile(r"<([a-zA-Z][^\s/>]*)")
#: Elements that change how the text inside them is indexed, kept tags aside;
#: and those whose text lexbor writes out as is (never read from their HTML).
_HARD = HEADINGS | SKIP | {"pre", "listing", "textarea", "template", "title", "xmp", "iframe",
                           "noembed", "noframes", "plaintext", "noscript"}
#: HTML drops a newline right after their start tag, Python's html.parser keeps it.
_NEWLINE_DROPPED = frozenset({"pre", "listing", "textarea"})
#: Elements that need a closer look when entered or left.
_RARE = HEADINGS | _NEWLINE_DROPPED | SKIP | {"a"}
_OPENING = {tag: f"<{tag}>" for tag in KEEP}
#: Tags in lexbor's HTML of an element: (slash, name) for each tag, None for comments.
_TAGS = re.compile(r'<(/?)([a-zA-Z][^\s/>]*)(?:[^>"]|"[^"]*")*>|<!--.*?-->', re.DOTALL)
_INFINITY = float("inf")
#: What an open element is, for its end (plain ints: this loop runs for every
#: element of every page): script, style or object (its content skipped); a
#: headerlink permalink (left out of titles); excluded from search.
SKIPPED, HEADERLINK, EXCLUDED = 1, 2, 4
_ANY_HEADING = ", ".join(sorted(HEADINGS))

#: The search boost of an explainer's sections: every entry of an article page
#: but its first (Material's search reads a ``boost`` in each entry). Material
#: ranks a page's first entry above its sections: after lunr's score it
#: multiplies the first entry's by 1 + (1 + f)² and a section's by 1 + f², f
#: the share of the query's terms found, a ratio of 5/2 for a query of one word
#: and never above φ² ≈ 2.62. What an explainer says about a word is mostly in
#: its sections (key facts, what we don't know yet, key terms with their names
#: and short definitions), while glossary and participant pages are short,
#: their text in their first entry: unboosted, a participant page that names
#: the word once in its description outranks the explainer that discusses it.
#: A boost above that ratio, 3, ranks an explainer's section above an equally
#: good match in another page's first entry. The explainer's first entry (its
#: title, dek and text) keeps Material's weight: a glossary entry with the word
#: in its title is not pushed down by every explainer with it in its title
#: (by a section headed with the word only).
EXPLAINER_SECTION_BOOST = 3

#: The search separator the plugin sets when the site sets none. Material's
#: default, ``[\s\-]+``, keeps punctuation inside words: "reassurance" in
#: “reassurance force”, or « OTAN » in « l’OTAN », would never match. This one
#: also splits at no-break and narrow no-break spaces (French typography puts
#: them before « : ; ! ? »), the quotes and apostrophes of both languages and
#: common punctuation; a full stop only when no digit follows (keeps 2.5).
#: The index's search worker reads it as a JavaScript regular expression.
SEARCH_SEPARATOR = r"""[\s\u00a0\u202f\u200b\-_,:;!?=\[\](){}"'“”‘’«»/]+|\.(?!\d)|&[lg]t;"""


class _Section:
    __slots__ = ("depth", "excluded", "id", "tag", "text", "title")

    def __init__(self, tag: str, depth: float, excluded: bool = False) -> None:
        self.tag = tag
        self.depth = depth
        self.title: list[str] = []
        self.text: list[str] = []
        self.id: str | None = None
        self.excluded = excluded


def _escape(text: str) -> str:
    """html.escape(text, quote=False), without its work on plain text."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _tags_marked(html: str, markers: tuple[str, ...]) -> tuple[set[str], int]:
    """Names of the start tags that may hold one of ``markers``, and how many times they occur.

    Asking lexbor for every element's attributes would cost more than the
    rest: only elements of these names are asked.
    """
    names: set[str] = set()
    count = 0
    for marker in markers:
        position = html.find(marker)
        while position != -1:
            count += 1
            # Every tag name since the last '>': the marker's own tag, even
            # when an attribute before it holds a '<'.
            start = html.rfind(">", 0, position) + 1
            names.update(name.lower() for name in _TAG_NAME.findall(html, start, position))
            position = html.find(marker, position + len(marker))
    return names, count


def _add_pieces(items: list[str], text: str, in_pre: int, title: bool) -> None:
    """Material's handle_data for each text node in ``text`` (separated by NUL)."""
    pieces = text.split("\x00")
    if not (in_pre or title or any(map(str.isspace, pieces))):
        # No whitespace to fold: the same as one text node.
        text = "".join(pieces)
        if text:
            items.append(_escape(text.replace("\n", " ")))
        return
    for piece in pieces:
        if not piece:
            continue
        if in_pre:
            items.append(_escape(piece))
        elif piece.isspace():
            # Whitespace folds to one space, outside <pre>, but in titles.
            if title or not items or not items[-1].isspace():
                items.append(" ")
        else:
            items.append(_escape(piece.replace("\n", " ")))


def _close_kept(items: list[str], tag: str) -> None:
    """Material's handling of a kept end tag: drop the element if it holds only whitespace.

    Like Material, look from the *first* opening tag of that name in the
    list, so only an empty element with nothing but whitespace after it goes.
    """
    try:
        index = items.index(_OPENING[tag])
    except ValueError:  # Material would fail here; keep the closing tag
        items.append(f"</{tag}>")
        return
    for position in range(index + 1, len(items)):
        if not items[position].isspace():
            items.append(f"</{tag}>")
            return
    del items[index:]


def _content_kind(node: Any, hard: frozenset[str] | set[str]) -> int:
    """0: the element holds only text and inline markup; 1: kept tags too; 2: more."""
    kind = 0
    iterator = node.traverse()
    next(iterator)  # the node itself
    for descendant in iterator:
        tag = descendant.tag
        if tag in hard:
            return 2
        if tag in KEEP:
            kind = 1
    return kind


def _add_html(items: list[str] | None, kept: list[str], html: str, in_pre: int,
              title: bool) -> None:
    """Material's handling of lexbor's HTML of an element's content, kept tags and text only.

    lexbor writes text escaped as Material escapes it (``&``, ``<``, ``>``),
    but for no-break spaces; ``items`` takes the text (None: left out),
    ``kept`` the kept tags.
    """
    parts = _TAGS.split(html)
    last = len(parts) - 1
    for index in range(0, len(parts), 3):
        text = parts[index]
        if text and items is not None:
            if "&nbsp;" in text:
                text = text.replace("&nbsp;", "\xa0")
            if in_pre:
                items.append(text)
            elif text.isspace():
                if title or not items or not items[-1].isspace():
                    items.append(" ")
            else:
                items.append(text.replace("\n", " ") if "\n" in text else text)
        if index < last:
            tag = parts[index + 2]
            if tag in KEEP:
                if parts[index + 1]:
                    _close_kept(kept, tag)
                else:
                    kept.append(_OPENING[tag])


def sections(html: str) -> list[_Section]:
    """The page's sections, as Material's ``Parser`` divides them (excluded ones included).

    Material's parser follows the start tags, end tags and text of the
    source; this walks lexbor's tree of the same HTML, entering and leaving
    each element where Material sees its start and end tags. A subtree of
    nothing but text and inline markup is read at once: its text nodes in
    order.
    """
    return _sections(html, False)


def _sections(html: str, newlines_doubled: bool) -> list[_Section]:
    # A whole document with its body opened first: what comes first stays in
    # the body (a leading <style> would go to the head), in document order.
    body = LexborHTMLParser("<body>" + html).body
    # Only elements of these names can be excluded (data-search-exclude,
    # class="linenodiv"): only those are asked for their attributes.
    excludable, markers = _tags_marked(html, ("data-search-exclude", "linenodiv"))
    # Elements that stop reading an element's content at once (see below).
    hard = _HARD | excludable
    # In a heading, a headerlink permalink's text is left out of the title.
    hard_in_title = hard | {"a"}
    # Elements that need a closer look when entered or left (not kept tags alone).
    rare = _RARE | excludable
    # Content is skipped while a script, style or object element is open (by
    # tag name, as in Material) or an excluded element is open: the element
    # itself, with its whole subtree. (Material compares its skipped elements
    # by tag name, so the first end tag of that name, a nested element's,
    # ends its exclusion: not followed here, see the module's docstring.)
    open_skip = 0
    open_excluded = 0

    data: list[_Section] = []
    section: _Section | None = None
    # What Material finds in its stack of open elements: heading tags, <pre>,
    # headerlink permalinks, and whether a skipped or excluded element is open.
    open_headings = {"h1": 0, "h2": 0, "h3": 0, "h4": 0, "h5": 0, "h6": 0}
    in_pre = 0
    in_headerlink = 0
    skipping = False
    # Where text goes: the section's text, or its title inside its heading
    # (None there in a permalink, and before the first section).
    title = False
    items: list[str] | None = None
    # Open elements: (node, tag, what the element is: SKIPPED, HEADERLINK,
    # EXCLUDED, or several).
    stack: list[tuple[Any, str, int]] = []
    depth = 0
    node = body.child if body is not None else None

    while node is not None:
        tag = node.tag
        if tag == "-text":
            if not skipping:
                text = node.text_content
                if text:
                    if section is None:
                        section = _Section("hx", 0)
                        data.append(section)
                        items = section.text
                    # _add_pieces for one text node, written out: this runs
                    # for every text node of every page.
                    if items is None:
                        pass  # a permalink's text
                    elif in_pre:
                        items.append(_escape(text))
                    elif text.isspace():
                        if title or not items or not items[-1].isspace():
                            items.append(" ")
                    else:
                        items.append(_escape(text.replace("\n", " ")))
            following = node.next
            if following is not None:
                node = following
                continue
        elif tag and tag[0] != "-" and tag not in VOID:
            depth += 1
            flags = 0
            if tag in rare:
                attributes = None
                if tag in HEADINGS:
                    open_headings[tag] += 1
                    attributes = node.attributes
                    if "id" in attributes:
                        if tag != "h1" and not data:
                            data.append(_Section("hx", depth))
                        section = _Section(tag, depth, "data-search-exclude" in attributes)
                        if data:
                            section.id = attributes["id"]
                        data.append(section)
                elif tag == "a":
                    attributes = node.attributes
                    if attributes.get("class") == "headerlink":
                        in_headerlink += 1
                        flags = HEADERLINK
                elif tag in _NEWLINE_DROPPED:
                    if not newlines_doubled:
                        if "\n" in html and _LEADING_NEWLINE.search(html):
                            # HTML drops a newline right after <pre> (and
                            # <listing>, <textarea>), Python's html.parser
                            # keeps it: parse again with it doubled.
                            return _sections(_LEADING_NEWLINE.sub("\\1\n\n", html), True)
                        newlines_doubled = True
                    if tag == "pre":
                        in_pre += 1
                if section is None:
                    section = _Section("hx", 0)
                    data.append(section)
                if open_headings.get(section.tag):
                    title = True
                    items = None if in_headerlink else section.title
                else:
                    title = False
                    items = section.text
                if tag in SKIP:
                    open_skip += 1
                    flags |= SKIPPED
                    skipping = True
                if tag in excludable:
                    if attributes is None:
                        attributes = node.attributes
                    if ("data-search-exclude" in attributes
                            or attributes.get("class") == "linenodiv"):
                        open_excluded += 1
                        flags |= EXCLUDED
                        markers -= 1
                        skipping = True
                if not skipping and tag in KEEP:
                    # Kept in the title even in a permalink, as Material does.
                    (section.title if title else section.text).append(_OPENING[tag])
            else:
                if section is None:
                    section = _Section("hx", 0)
                    data.append(section)
                    items = section.text
                if tag in KEEP and not skipping:
                    (section.title if title else section.text).append(_OPENING[tag])
            stack.append((node, tag, flags))
            # An element's end switches sections (see below) only when the
            # current section's heading is deeper than the element's children.
            if skipping:
                # Only headings count here (they start sections, as in
                # Material): go in only for them.
                child = node.child if (section.depth > depth + 1
                                       or node.css_first(_ANY_HEADING) is not None) else None
            elif (section.depth > depth + 1
                  or (kind := _content_kind(node, hard_in_title if title else hard)) == 2):
                # Its end may switch sections (see below), or it holds more than
                # text, inline markup and kept tags: go in.
                child = node.child
            elif kind:
                # Text, inline markup and kept tags: read from its HTML.
                child = None
                _add_html(items, section.title if title else section.text, node.inner_html,
                          in_pre, title)
            else:
                # Nothing but text and inline markup: all its text nodes at once.
                child = None
                if items is not None:
                    text = node.text(True, "\x00")
                    if not text:
                        pass
                    elif in_pre or title or "\x00" in text:
                        _add_pieces(items, text, in_pre, title)
                    elif not text.isspace():
                        # One text node, the usual case.
                        if "\n" in text:
                            text = text.replace("\n", " ")
                        if "&" in text or "<" in text or ">" in text:
                            text = escape(text, quote=False)
                        items.append(text)
                    elif not items or not items[-1].isspace():
                        items.append(" ")
            if child is not None:
                node = child
                continue
        else:
            # Comments and void elements play no part.
            following = node.next
            if following is not None:
                node = following
                continue
        # Leave elements until one has a next sibling (Material's handle_endtag).
        following = None
        while following is None and stack:
            switched = False
            if section.depth > depth:
                # A heading nested in an element: back to the section that
                # was open around that element (Material's rule).
                for previous in reversed(data):
                    if previous.depth <= depth:
                        section.depth = _INFINITY
                        section = previous
                        switched = True
                        break
            node, tag, flags = stack.pop()
            depth -= 1
            if tag in rare:
                if tag in open_headings:
                    open_headings[tag] -= 1
                elif tag == "pre":
                    in_pre -= 1
                if flags & HEADERLINK:
                    in_headerlink -= 1
                if flags & (SKIPPED | EXCLUDED):
                    # Material's handle_endtag returns there: no end tag kept.
                    if flags & SKIPPED:
                        open_skip -= 1
                    if flags & EXCLUDED:
                        open_excluded -= 1
                    skipping = bool(open_skip or open_excluded)
                    if not markers and not skipping and hard is not _HARD:
                        # No element left to exclude: elements of these
                        # names are plain ones from here on.
                        hard = _HARD
                        hard_in_title = _HARD | {"a"}
                switched = True
            if switched:
                if open_headings.get(section.tag):
                    title = True
                    items = None if in_headerlink else section.title
                else:
                    title = False
                    items = section.text
            if tag in KEEP and not flags & (SKIPPED | EXCLUDED) and not skipping:
                _close_kept(section.title if title else section.text, tag)
            following = node.next
        node = following
    return data


#: What ``page_entries`` reads of a page's meta.
SEARCH_META = ("tags", "search")


def page_entries(html: str, url: str, title: str, meta: Mapping[str, Any] | None = None,
                 section_boost: float | None = None) -> list[dict[str, Any]]:
    """Material's search entries for a page: its final HTML, its URL and its title.

    From the page's ``meta``, as Material: ``tags`` and ``search.boost`` go
    into every entry of the page. Without a ``search.boost``, a
    ``section_boost`` goes into every entry but the first (the page's
    sections, to Material's search).
    """
    meta = meta or {}
    tags = meta.get("tags")
    search = meta.get("search") or {}
    entries = []
    tag_names = None
    if isinstance(tags, list):
        tag_names = [str(name) for name in tags
                     if name and isinstance(name, (str, int, float, bool))]
    for section in sections(html):
        if section.excluded:
            continue
        location = f"{url}#{section.id}" if section.id else url
        entry: dict[str, Any] = {
            "location": location,
            "title": "".join(section.title).strip() if section.title else str(title).strip(),
            "text": "".join(section.text).strip(),
        }
        if tag_names is not None:
            entry["tags"] = list(tag_names)
        if "boost" in search:
            entry["boost"] = search["boost"]
        elif section_boost is not None and entries:
            entry["boost"] = section_boost
        entries.append(entry)
    return entries
