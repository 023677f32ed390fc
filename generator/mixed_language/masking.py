"""What the mixed-language check does not read: everything in Markdown that is not prose.

The Markdown body is copied into a string of the same length in which code (fenced,
indented, inline spans, ``<pre>``, ``<code>``, ``<script>``, ``<style>``), HTML
comments, tags and their attributes, entities, URLs (bare, autolinks, the
``(url "title")`` part of ``[label](url)`` links and images, ``[id]`` of reference
links, reference definitions), footnote markers, attribute lists and MkDocs
admonition keywords (``!!! warning``) are blanked with spaces. Newlines are kept, so
every offset in the mask is an offset in the text, and lines stay lines.

Known limit: indented code is not recognised inside list items.
"""

from __future__ import annotations

import re

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


def mask(text: str) -> tuple[str, frozenset[int]]:
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

