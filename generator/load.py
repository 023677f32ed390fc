"""Read ``content/`` into source documents that remember where every value came from.

Markdown files are split with python-frontmatter; the YAML is then composed a
second time into nodes so that each value keeps its line and column *in the
file* (python-frontmatter's own error marks count lines inside the
frontmatter block, which is off by the opening ``---`` line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .diagnostics import Diagnostics, Position

KeyPath = tuple[Any, ...]


@dataclass
class SourceDocument:
    """One file of ``content/``: its data, its Markdown body and positions."""

    path: Path
    display_path: str
    data: dict[str, Any]
    body: str = ""
    body_line: int = 1
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def position(self, *key: Any) -> Position:
        """Where the value at ``key`` starts; falls back to its nearest parent."""
        path: KeyPath = tuple(key)
        while path:
            if path in self.positions:
                return Position(self.display_path, *self.positions[path])
            path = path[:-1]
        return Position(self.display_path, *self.positions.get((), (1, 1)))

    def key_position(self, *key: Any) -> Position:
        """Where the key itself is written (for 'unknown field' reports)."""
        spot = self.key_positions.get(tuple(key))
        return Position(self.display_path, *spot) if spot else self.position(*key)


class _PositionedLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys instead of keeping the last one."""


def _read_text(path: Path, display: str, diagnostics: Diagnostics) -> str | None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        diagnostics.error(
            Position(display, line, column),
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _walk(node: yaml.Node, path: KeyPath, offset: int, doc: SourceDocument,
          diagnostics: Diagnostics) -> None:
    doc.positions[path] = (node.start_mark.line + 1 + offset, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                diagnostics.error(
                    Position(doc.display_path, key_node.start_mark.line + 1 + offset,
                             key_node.start_mark.column + 1),
                    f"duplicate key '{key}'",
                )
            seen.add(key)
            doc.key_positions[path + (key,)] = (
                key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
            _walk(value_node, path + (key,), offset, doc, diagnostics)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), offset, doc, diagnostics)


def _yaml_error(exc: yaml.YAMLError, display: str, offset: int) -> tuple[Position, str]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is None:
        return Position(display, 1 + offset, 1), f"invalid YAML: {problem}"
    return (Position(display, mark.line + 1 + offset, mark.column + 1),
            f"invalid YAML: {problem}")


def _parse_yaml(text: str, offset: int, doc: SourceDocument,
                diagnostics: Diagnostics) -> bool:
    try:
        node = yaml.compose(text, Loader=_PositionedLoader)
    except yaml.YAMLError as exc:
        diagnostics.error(*_yaml_error(exc, doc.display_path, offset))
        return False
    if node is not None:
        _walk(node, (), offset, doc, diagnostics)
    return True


def load_markdown(path: Path, diagnostics: Diagnostics) -> SourceDocument | None:
    """A Markdown file with YAML frontmatter, or None after reporting why not."""
    display = diagnostics.relative(path)
    text = _read_text(path, display, diagnostics)
    if text is None:
        return None
    doc = SourceDocument(path=path, display_path=display, data={})
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        diagnostics.error(Position(display, 1, 1),
                          "missing frontmatter: the file must start with a '---' line")
        return None
    block, body = handler.split(text)
    # The block starts on the line after the opening '---'.
    offset = text[: text.index(block)].count("\n") if block else 1
    if not _parse_yaml(block, offset, doc, diagnostics):
        return None
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:  # pragma: no cover - composed above already
        diagnostics.error(*_yaml_error(exc, display, offset))
        return None
    if not isinstance(post.metadata, dict):
        diagnostics.error(Position(display, 1 + offset, 1),
                          "frontmatter must be a mapping of 'field: value' lines")
        return None
    doc.data = dict(post.metadata)
    doc.body = post.content
    # python-frontmatter strips the body; find where its first line really is.
    after_block = text.index(block) + len(block) if block else 0
    closing_end = text.find("\n", after_block + 1)
    start = text.find(post.content[:1], closing_end + 1) if post.content else -1
    doc.body_line = text.count("\n", 0, start) + 1 if start >= 0 else offset + block.count("\n") + 2
    doc.positions.setdefault((), (1, 1))
    return doc


def load_yaml(path: Path, diagnostics: Diagnostics) -> SourceDocument | None:
    """A plain YAML file (glossary entries, participants)."""
    display = diagnostics.relative(path)
    text = _read_text(path, display, diagnostics)
    if text is None:
        return None
    doc = SourceDocument(path=path, display_path=display, data={})
    if not _parse_yaml(text, 0, doc, diagnostics):
        return None
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        diagnostics.error(Position(display, 1, 1), "expected a mapping of 'field: value' lines")
        return None
    doc.data = data
    doc.positions[()] = (1, 1)
    return doc
