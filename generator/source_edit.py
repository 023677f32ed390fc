"""In-place edits of content files that change only what they say.

``set_frontmatter_key`` sets one top-level key of a Markdown file's YAML
frontmatter: the key's own text is replaced (or a line added at the end of the
frontmatter), and every other byte stays as it was: the BOM, the line endings
(LF, CRLF or CR, even mixed), comments, block scalars and the body. Where the
frontmatter ends is found by the YAML parser, as the loader reads it, not by
looking for a line that merely looks like '---' or '...' (which a block scalar
may hold). The file is replaced atomically: a temporary file in the same folder,
then ``os.replace``, so that an interrupted edit leaves the old file whole.
"""

from __future__ import annotations

import bisect
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml

_LINE_END = re.compile(r"\r\n|\r|\n")


class SourceEditError(Exception):
    """The file cannot be edited safely; the message says why (nothing was written)."""


@dataclass
class _Lines:
    """Maps offsets in text whose line ends were made '\\n' back to the original text."""

    original_starts: list[int]
    normal_starts: list[int]

    @classmethod
    def of(cls, text: str) -> tuple["_Lines", str]:
        original, normal, parts = [0], [0], []
        at = 0
        for match in _LINE_END.finditer(text):
            parts.append(text[at:match.start()])
            at = match.end()
            original.append(at)
            normal.append(normal[-1] + len(parts[-1]) + 1)
        parts.append(text[at:])
        return cls(original, normal), "\n".join(parts)

    def original(self, offset: int) -> int:
        line = bisect.bisect_right(self.normal_starts, offset) - 1
        return self.original_starts[line] + offset - self.normal_starts[line]


def _newline(text: str) -> str:
    match = _LINE_END.search(text)
    return match.group(0) if match else "\n"


def _top_level_keys(block: str) -> dict[str, list[tuple[int, int]]]:
    """Each top-level key of the YAML ``block`` with the spans (start, end offsets
    in ``block``) from its key to the end of its value."""
    spans: dict[str, list[tuple[int, int]]] = {}
    depth, key, key_start, expecting_key, documents = 0, None, 0, True, 0
    try:
        for event in yaml.parse(block, Loader=yaml.SafeLoader):  # pure Python: exact marks
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise SourceEditError("the frontmatter holds a second YAML document "
                                          "(a '...' or '---' line)")
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent,
                                  yaml.DocumentEndEvent)):
                continue
            if depth == 0:
                if not isinstance(event, yaml.MappingStartEvent):
                    raise SourceEditError("the frontmatter is not a mapping of 'field: value' lines")
                depth = 1
                continue
            if depth == 1 and isinstance(event, yaml.MappingEndEvent):
                depth = 0
                continue
            if depth == 1 and expecting_key:
                if not isinstance(event, yaml.ScalarEvent):
                    raise SourceEditError("the frontmatter has a key that is not plain text")
                key, key_start, expecting_key = event.value, event.start_mark.index, False
                continue
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if depth == 1:  # the value of ``key`` is complete
                spans.setdefault(str(key), []).append((key_start, event.end_mark.index))
                expecting_key = True
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise SourceEditError(f"the frontmatter is not valid YAML{where}; fix what "
                              "'explainer check' reports first") from None
    return spans


#: python-frontmatter's boundary line, which the loader (generator/load.py) splits on.
_BOUNDARY = frontmatter.YAMLHandler.FM_BOUNDARY


def with_frontmatter_key(text: str, key: str, value: str) -> str:
    """``text`` (a whole Markdown file, BOM and line ends as read) with the top-level
    ``key`` of its frontmatter set to the YAML scalar ``value``, written as is."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) or _LINE_END.search(value):
        raise ValueError("a plain key and a one-line value")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    lines, normal = _Lines.of(body)
    # The frontmatter exactly as the loader reads it (python-frontmatter's split of
    # the text with '\n' line ends): from the opening '---' to the next line of dashes
    # at the start of a line; the YAML parser then finds each key in it, whatever
    # indented '---' or '...' lines its block scalars hold.
    opening = _BOUNDARY.match(normal)
    if opening is None:
        raise SourceEditError("the file has no frontmatter: it must start with a '---' line")
    closing = _BOUNDARY.search(normal, opening.end())
    if closing is None:
        raise SourceEditError("the frontmatter is not closed: end it with a '---' line")
    start = opening.end()
    spans = _top_level_keys(normal[start:closing.start()])
    found = spans.get(key, [])
    if len(found) > 1:
        raise SourceEditError(f"'{key}' is written {len(found)} times in the frontmatter")
    line = f"{key}: {value}"
    if found:
        first, last = (lines.original(start + offset) for offset in found[0])
        replaced = body[first:last]
        # A value that ends on the next line (a block) keeps its line end.
        ending = None
        for ending in _LINE_END.finditer(replaced):
            pass
        tail = replaced[ending.start():] if ending and ending.end() == len(replaced) else ""
        return bom + body[:first] + line + tail + body[last:]
    at = lines.original(closing.start())
    before = body[:at]
    newline = _newline(body)
    if before and not before.endswith(("\n", "\r")):
        line = newline + line
    return bom + before + line + newline + body[at:]


def set_frontmatter_key(path: Path, key: str, value: str) -> None:
    """Set ``key`` in the frontmatter of the UTF-8 file at ``path`` (see ``with_frontmatter_key``),
    replacing the file atomically and keeping its permissions."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SourceEditError("the file is not valid UTF-8") from None
    updated = with_frontmatter_key(text, key, value)
    if updated == text:
        return
    mode = path.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(updated.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

