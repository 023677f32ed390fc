"""Read ``content/`` into source documents that remember where every value came from.

Markdown files are split with python-frontmatter; the YAML is then composed into
nodes, so that each value keeps its line and column *in the file*
(python-frontmatter's own error marks count lines inside the frontmatter block,
which is off by the opening ``---`` line), and the data is built from those
nodes: no value an editor writes makes reading raise instead of report.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import frontmatter
import yaml

from .cache import digest as cache_digest
from .diagnostics import Diagnostics, Position
from .xml_chars import NOT_XML

if TYPE_CHECKING:
    from .cache import BuildCache

KeyPath = tuple[Any, ...]
_NEWLINE = re.compile(r"\r\n|\r|\n")


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


class _ValueProblem(yaml.MarkedYAMLError):
    """Well-formed YAML whose value cannot be built (``2025-02-30``, a 5,000-digit number)."""


class _ReportsValues:
    """Values that cannot be built are reported with their position, and read on as
    the text they are written with: the rest of the file is still checked (a bad
    date and a mistyped field name are both reported)."""

    value_problems: list[tuple[yaml.Mark, str]]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as exc:
            if not isinstance(node, yaml.ScalarNode):
                raise
            what = "date" if node.tag == "tag:yaml.org,2002:timestamp" else "value"
            value = str(node.value)
            shown = value if len(value) <= 40 else value[:37] + "..."
            problems = self.__dict__.setdefault("value_problems", [])
            problems.append((node.start_mark, f"invalid {what} '{shown}': {exc}"))
            self.recursive_objects.pop(node, None)
            self.constructed_objects[node] = value
            return value


class _PositionedLoader(_ReportsValues, yaml.SafeLoader):
    """SafeLoader that reports values it cannot build with their position."""

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        if not self.check_event(yaml.AliasEvent):
            return super().compose_node(parent, index)
        alias = self.peek_event()
        node = super().compose_node(parent, index)
        # The anchor's node, placed where the alias is written, so that a problem
        # in an aliased value is reported there; its children stay shared.
        value = list(node.value) if isinstance(node.value, list) else node.value
        if isinstance(node, yaml.ScalarNode):
            return yaml.ScalarNode(node.tag, value, alias.start_mark, alias.end_mark, node.style)
        return type(node)(node.tag, value, alias.start_mark, alias.end_mark, node.flow_style)



def _decode(raw: bytes, display: str, diagnostics: Diagnostics) -> str | None:
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # What comes before the first bad byte is valid: count lines and characters
        # (not bytes) in it, as an editor shows them.
        lines = _NEWLINE.split(raw[: exc.start].decode("utf-8"))
        diagnostics.error(
            Position(display, len(lines), len(lines[-1]) + 1),
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _walk(root: yaml.Node, offset: int, doc: SourceDocument, diagnostics: Diagnostics) -> None:
    """Record where every value and key is written.

    Iterative, and each node once: an alias is the very node of its anchor, so
    following them again would make a few lines of nested aliases ("billion
    laughs") cost exponential time and memory.
    """
    seen_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, KeyPath]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        doc.positions[path] = (node.start_mark.line + 1 + offset, node.start_mark.column + 1)
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            children = []
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue  # a list or mapping as a key: refused when the data is built
                key = key_node.value
                where = (key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
                if key in seen:
                    diagnostics.error(Position(doc.display_path, *where), f"duplicate key '{key}'")
                seen.add(key)
                doc.key_positions[path + (key,)] = where
                children.append((value_node, path + (key,)))
            stack.extend(reversed(children))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed([(item, path + (index,)) for index, item in enumerate(node.value)]))


class _FastLoader(_ReportsValues, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser, for the common case: reading thousands of entries with the
    pure-Python parser is most of a large site's validation time. Text with
    anchors, and any text libyaml refuses, is read again by ``_PositionedLoader``,
    whose positions and messages editors see."""


_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s]")

_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
#: Scalars built by SafeLoader's own constructor for their tag, with no state.
_SCALARS = frozenset("tag:yaml.org,2002:" + kind
                     for kind in ("str", "null", "bool", "int", "float", "timestamp"))


class _Unusual(Exception):
    """A node ``_build`` leaves to PyYAML's constructor (merge keys, sets, custom tags…)."""


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: KeyPath, offset: int,
           doc: SourceDocument, diagnostics: Diagnostics) -> Any:
    """``_walk`` and ``construct_document`` in one pass, for what content files hold.

    Plain mappings, lists and scalars of the standard tags; the same positions,
    duplicate-key reports (a mapping's keys before its values, as ``_walk``) and
    data. Anything else raises (``_Unusual``, or the error of a value that
    cannot be built), and the caller starts again with ``_walk`` and PyYAML.
    Text without anchors has no aliases, so every node is met once.
    """
    mark = node.start_mark
    doc.positions[path] = (mark.line + 1 + offset, mark.column + 1)
    kind = type(node)
    if kind is yaml.ScalarNode:
        return _scalar(loader, node)
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        return [_build(loader, item, path + (index,), offset, doc, diagnostics)
                for index, item in enumerate(node.value)]
    if kind is not yaml.MappingNode or node.tag != _MAP:
        raise _Unusual
    seen: set[str] = set()
    children = []
    for key_node, value_node in node.value:
        if type(key_node) is not yaml.ScalarNode:
            raise _Unusual  # refused by PyYAML: it reports it
        key = key_node.value
        key_mark = key_node.start_mark
        where = (key_mark.line + 1 + offset, key_mark.column + 1)
        if key in seen:
            diagnostics.error(Position(doc.display_path, *where), f"duplicate key '{key}'")
        seen.add(key)
        child = path + (key,)
        doc.key_positions[child] = where
        children.append((_scalar(loader, key_node), value_node, child))
    return {key: _build(loader, value_node, child, offset, doc, diagnostics)
            for key, value_node, child in children}


def _scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag not in _SCALARS:  # merge keys, '=' keys, binary, custom tags
        raise _Unusual
    return loader.yaml_constructors[tag](loader, node)


def _report_xml_characters(doc: SourceDocument, diagnostics: Diagnostics) -> None:
    """A warning for each text value holding a character XML 1.0 does not allow
    (written with a YAML escape, "\\x01" or "\\uFFFE"): feeds leave it out."""
    seen: set[int] = set()
    stack: list[tuple[Any, KeyPath]] = [(doc.data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            found = NOT_XML.search(value)
            if found is not None:
                name = ".".join(str(part) for part in path) or "value"
                diagnostics.warning(
                    doc.position(*path),
                    f"'{name}' holds the character U+{ord(found.group()):04X}, which XML does "
                    "not allow: feeds leave it out; remove the escape that writes it")
        elif isinstance(value, (dict, list)) and id(value) not in seen:
            seen.add(id(value))  # an alias is the very same object: once
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend(reversed([(item, path + (key,)) for key, item in items]))


#: Where a quoted value starts on a line: after 'key: ' or '- ' (its quote is group 2).
_QUOTED_VALUE = re.compile(r"""^(\s*(?:-\s+)*(?:[^\s#'"\[{][^#]*?:\s+)?)(["'])""")


def _closing_quote(line: str, start: int) -> int:
    """Where the quote opened at ``line[start]`` closes on this line, or -1."""
    quote, at = line[start], start + 1
    while at < len(line):
        char = line[at]
        if quote == '"' and char == "\\":
            at += 2
            continue
        if char == quote:
            if quote == "'" and line[at + 1:at + 2] == "'":  # '' is a quote inside
                at += 2
                continue
            return at
        at += 1
    return -1


def _unclosed_quote(lines: list[str], last: int) -> tuple[int, int, str] | None:
    """The first quoted value, up to line ``last`` (0-based), whose quote does not
    close on its own line: (line, column, quote), 0-based."""
    for number, line in enumerate(lines[: last + 1]):
        found = _QUOTED_VALUE.match(line)
        if found is not None and _closing_quote(line, found.end(2) - 1) < 0:
            return number, found.end(2) - 1, found.group(2)
    return None


def _plain_words(exc: yaml.YAMLError, text: str) -> tuple[int, int, str] | None:
    """The usual YAML mistakes in plain words, where they are: (line, column, message),
    0-based; None when the parser's own message is all there is to say."""
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    mark = getattr(exc, "problem_mark", None)
    start = getattr(exc, "context_mark", None)
    if mark is None:
        return None
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    if "expected <block end>" in problem or "end of stream" in problem or "quoted scalar" in context:
        unclosed = _unclosed_quote(lines, mark.line)
        if unclosed is not None:
            number, column, quote = unclosed
            return number, column, (f"this quote is never closed: end the text with {quote} on "
                                    f"the same line")
        before = line[:mark.column].rstrip()
        if before[-1:] in "\"'" and _QUOTED_VALUE.match(line):
            return mark.line, mark.column, ("text after the closing quote: put the whole value "
                                            "in quotes, or none of it")
    if ("expected ',' or ']'" in problem or "expected ',' or '}'" in problem) and start is not None:
        bracket, closing = ("[", "]") if "']'" in problem else ("{", "}")
        what = "list" if bracket == "[" else "mapping"
        return start.line, start.column, (f"this {what} '{bracket}' is never closed: end it with "
                                          f"'{closing}', or put the value in quotes if the "
                                          f"'{bracket}' is text")
    if "mapping values are not allowed" in problem:
        previous = next((lines[n] for n in range(mark.line - 1, -1, -1) if lines[n].strip()), "")
        indent = len(line) - len(line.lstrip(" "))
        if previous and indent > len(previous) - len(previous.lstrip(" ")) \
                and not previous.rstrip().endswith(":"):
            return mark.line, indent, ("this line is indented more than the one before: "
                                       "fields of the same level start in the same column")
        return mark.line, mark.column, "a ': ' inside a value: put the whole value in quotes"
    if "'\\t'" in problem or "\t" in problem:
        return mark.line, mark.column, "a tab: YAML indents with spaces only"
    if "could not find expected ':'" in problem:
        where = start or mark
        return where.line, where.column, ("a line without 'field: value': add ': ' after the "
                                          "field name, or join this line to the one before")
    return None


def _yaml_error(exc: yaml.YAMLError, display: str, offset: int, text: str) -> tuple[Position, str]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    message = problem if isinstance(exc, _ValueProblem) else f"invalid YAML: {problem}"
    plain = None if isinstance(exc, _ValueProblem) else _plain_words(exc, text)
    if plain is not None:
        line, column, words = plain
        if mark is not None and (mark.line, mark.column) != (line, column):
            problem = f"{problem}, at line {mark.line + 1 + offset}"
        return Position(display, line + 1 + offset, column + 1), f"{words} (YAML: {problem})"
    if mark is not None:
        return Position(display, mark.line + 1 + offset, mark.column + 1), message
    if isinstance(exc, yaml.reader.ReaderError):  # a control character: where it is
        lines = text[: exc.position].split("\n")
        return Position(display, len(lines) + offset, len(lines[-1]) + 1), message
    return Position(display, 1 + offset, 1), message


_NO_DATA = object()


def _report_values(loader: Any, offset: int, doc: SourceDocument, diagnostics: Diagnostics) -> None:
    """The values ``loader`` could not build (read on as their text), one error each."""
    for mark, message in loader.__dict__.get("value_problems", ()):
        diagnostics.error(Position(doc.display_path, mark.line + 1 + offset, mark.column + 1), message)


def _parse_yaml(text: str, offset: int, doc: SourceDocument, diagnostics: Diagnostics) -> Any:
    """The data of ``text``, its positions recorded in ``doc``; ``_NO_DATA`` after an error."""
    if "&" not in text or not _ANCHOR.search(text):  # no "&": no anchor, no scan
        fast = _FastLoader(text)
        try:
            node = fast.get_single_node()
            if node is None:
                return None
            checked = Diagnostics(root=diagnostics.root)
            try:
                data = _build(fast, node, (), offset, doc, checked)
            except Exception:  # whatever it is, PyYAML's own path below decides
                doc.positions.clear()
                doc.key_positions.clear()
                checked = Diagnostics(root=diagnostics.root)
                _walk(node, offset, doc, checked)
                data = fast.construct_document(node)
                _report_values(fast, offset, doc, checked)
        except (yaml.YAMLError, RecursionError):
            doc.positions.clear()
            doc.key_positions.clear()
        else:
            diagnostics.extend(checked.items)
            return data
        finally:
            fast.dispose()
    loader = None
    try:
        loader = _PositionedLoader(text)
        node = loader.get_single_node()
        if node is None:
            return None
        _walk(node, offset, doc, diagnostics)
        data = loader.construct_document(node)
        _report_values(loader, offset, doc, diagnostics)
        return data
    except yaml.YAMLError as exc:
        diagnostics.error(*_yaml_error(exc, doc.display_path, offset, text))
        return _NO_DATA
    except RecursionError:
        diagnostics.error(Position(doc.display_path, 1 + offset, 1),
                          "invalid YAML: lists or mappings nested too deeply")
        return _NO_DATA
    finally:
        if loader is not None:
            loader.dispose()


#: (loader, path, display path) → (mtime_ns, size, document, its diagnostics).
#: ``mkdocs serve`` rebuilds in the same process: an unchanged file is not
#: read and parsed again.
_READ_CACHE: dict[tuple[str, Path, str], tuple[int, int, "SourceDocument | None", list]] = {}
#: Documents read by earlier builds, while ``documents_cached_in`` is in effect.
_DISK_CACHE: "BuildCache | None" = None


def release_read_cache() -> None:
    """Forget every file read: a one-off build will not read them again."""
    _READ_CACHE.clear()


@contextmanager
def documents_cached_in(cache: "BuildCache | None"):
    """Within this block, files read are looked up in, and added to, the build
    ``cache`` ("documents", keyed on each file's bytes). ``None``: no cache."""
    global _DISK_CACHE
    previous = _DISK_CACHE
    _DISK_CACHE = cache if cache is not None and cache.enabled else None
    try:
        yield
    finally:
        _DISK_CACHE = previous


def _cached(loader):
    def load(path: Path, diagnostics: Diagnostics) -> SourceDocument | None:
        display = diagnostics.relative(path)
        try:
            status = path.stat()
            key = (loader.__name__, path, display)
            hit = _READ_CACHE.get(key)
            if hit is not None and hit[:2] == (status.st_mtime_ns, status.st_size):
                diagnostics.extend(hit[3])
                return hit[2]
            raw = path.read_bytes()
        except OSError as exc:
            diagnostics.error(Position(display, 1, 1), f"cannot read the file: {exc.strerror}")
            return None
        # Keyed on the path shown, relative to the project: a build (absolute
        # paths) and `explainer check` (relative ones) share the cache.
        # document_codec imports this module: imported here, not at the top.
        from .document_codec import compact_positions, decode_document, encode_document

        def read() -> tuple[SourceDocument | None, list]:
            reported = Diagnostics(root=diagnostics.root)
            document = loader(raw, path, display, reported)
            if document is not None:  # as a document read back from the cache has them
                compact_positions(document)
            return document, reported.items

        if _DISK_CACHE is None:
            document, reported_items = read()
        else:
            document, reported_items = _DISK_CACHE.get(
                "documents", cache_digest(loader.__name__, display, raw),
                lambda item: decode_document(item, path), read, encode_document)
        diagnostics.extend(reported_items)
        if len(_READ_CACHE) > 100_000:
            _READ_CACHE.clear()
        _READ_CACHE[key] = (status.st_mtime_ns, status.st_size, document, list(reported_items))
        return document

    load.__doc__ = loader.__doc__
    load.__name__ = loader.__name__
    return load


@_cached
def load_markdown(raw: bytes, path: Path, display: str,
                  diagnostics: Diagnostics) -> SourceDocument | None:
    """A Markdown file with YAML frontmatter, or None after reporting why not."""
    text = _decode(raw, display, diagnostics)
    if text is None:
        return None
    doc = SourceDocument(path=path, display_path=display, data={})
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        diagnostics.error(Position(display, 1, 1),
                          "missing frontmatter: the file must start with a '---' line")
        return None
    try:
        block, body = handler.split(text)
    except ValueError:  # an opening '---' line and no closing one
        diagnostics.error(Position(display, 1, 1),
                          "the frontmatter is not closed: end it with a '---' line")
        return None
    # The block starts on the line after the opening '---'.
    offset = text[: text.index(block)].count("\n") if block else 1
    data = _parse_yaml(block, offset, doc, diagnostics)
    if data is _NO_DATA:
        return None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        diagnostics.error(doc.position(), "frontmatter must be a mapping of 'field: value' lines")
        return None
    doc.data = data
    if "\\" in block:  # only a YAML escape writes such characters
        _report_xml_characters(doc, diagnostics)
    # As python-frontmatter does, the body is stripped; find where its first line really is.
    doc.body = body.strip()
    after_block = text.index(block) + len(block) if block else 0
    closing_end = text.find("\n", after_block + 1)
    start = text.find(doc.body[:1], closing_end + 1) if doc.body else -1
    doc.body_line = text.count("\n", 0, start) + 1 if start >= 0 else offset + block.count("\n") + 2
    doc.positions.setdefault((), (1, 1))
    return doc


@_cached
def load_yaml(raw: bytes, path: Path, display: str,
              diagnostics: Diagnostics) -> SourceDocument | None:
    """A plain YAML file (glossary entries, participants)."""
    text = _decode(raw, display, diagnostics)
    if text is None:
        return None
    doc = SourceDocument(path=path, display_path=display, data={})
    data = _parse_yaml(text, 0, doc, diagnostics)
    if data is _NO_DATA:
        return None
    if not isinstance(data, dict):
        diagnostics.error(Position(display, 1, 1), "expected a mapping of 'field: value' lines")
        return None
    doc.data = data
    doc.positions[()] = (1, 1)
    if "\\" in text:  # only a YAML escape writes such characters
        _report_xml_characters(doc, diagnostics)
    return doc


# -- finding the files of content/ ---------------------------------------------------------

#: The folders of ``content/`` that hold sources, and what each holds.
SOURCE_FOLDERS = ("articles", "glossary", "participants", "dossiers", "authors")
ENTRY_SUFFIXES = (".yml", ".yaml")

_SPECIAL_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                  (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


@dataclass
class ContentFiles:
    """Every file under ``content/``, sorted into sources and the rest.

    Found by ``discover_content`` without following a link or opening a file:
    symbolic links and special files (named pipes, sockets, devices) are
    reported, never read.
    """

    content_dir: Path
    #: ``articles/`` is a real folder.
    has_articles: bool = False
    #: Each article folder and the ``.md`` files in it (their names are checked when read).
    articles: dict[Path, list[Path]] = field(default_factory=dict)
    glossary: list[Path] = field(default_factory=list)
    participants: list[Path] = field(default_factory=list)
    dossiers: list[Path] = field(default_factory=list)
    authors: list[Path] = field(default_factory=list)
    #: Regular files that are not sources: never read, never published.
    stray: list[Path] = field(default_factory=list)


def _kind(mode: int) -> str | None:
    """What a special file is, or None for a regular file or a folder."""
    for test, name in _SPECIAL_KINDS:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else "not a regular file"


def _display(diagnostics: Diagnostics, path: Path) -> Position:
    """Where a link or special file is: its own path, not where a link points
    (``Diagnostics.at`` may resolve links)."""
    parent = diagnostics.relative(path.parent)
    return Position(path.name if parent == "." else f"{parent}/{path.name}")


def discover_content(content_dir: Path, diagnostics: Diagnostics) -> ContentFiles:
    """Walk ``content_dir`` once, with ``lstat`` only: one error for each symbolic
    link (the source folders themselves included) and each special file, which are
    never followed nor opened (a named pipe would block a reader for ever); the
    sources sorted by folder; every other regular file in ``stray``.

    Hidden files (a name starting with '.') are neither sources nor reported as
    stray (MkDocs publishes none); a hidden link or special file is still refused.
    """
    found = ContentFiles(content_dir=content_dir)
    # (folder, where it is: () for content/ itself, ("articles",), ("articles", id)
    # or ("glossary",)…, None deeper or in a folder that holds no sources, hidden).
    stack: list[tuple[Path, tuple[str, ...] | None, bool]] = [(content_dir, (), False)]
    while stack:
        folder, where, in_hidden = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listed = sorted(entries, key=lambda entry: entry.name)
        except OSError as exc:
            if folder != content_dir:  # a missing content folder is reported by its reader
                diagnostics.error(_display(diagnostics, folder),
                                  f"cannot read the folder: {exc.strerror or exc}")
            continue
        folders: list[tuple[Path, tuple[str, ...] | None, bool]] = []
        for entry in listed:
            path = Path(entry.path)
            try:
                # The kind the folder listing gives (no system call), else lstat's.
                if entry.is_symlink():
                    mode = stat.S_IFLNK
                elif entry.is_dir(follow_symlinks=False):
                    mode = stat.S_IFDIR
                elif entry.is_file(follow_symlinks=False):
                    mode = stat.S_IFREG
                else:
                    mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                diagnostics.error(_display(diagnostics, path),
                                  f"cannot read the file: {exc.strerror or exc}")
                continue
            if stat.S_ISLNK(mode):
                what = "folder" if os.path.isdir(entry.path) else "file"  # False when looping
                diagnostics.error(_display(diagnostics, path),
                                  f"symbolic links are not read: copy the {what} into "
                                  f"{content_dir.name}/")
                continue
            special = _kind(mode)
            if special is not None:
                diagnostics.error(_display(diagnostics, path),
                                  f"{special} is not read: {content_dir.name}/ holds regular "
                                  "files and folders only")
                continue
            hidden = in_hidden or entry.name.startswith(".")
            if stat.S_ISDIR(mode):
                child: tuple[str, ...] | None = None
                if hidden:
                    pass
                elif where == () and entry.name in SOURCE_FOLDERS:
                    child = (entry.name,)
                    found.has_articles = found.has_articles or entry.name == "articles"
                elif where == ("articles",):
                    child = ("articles", entry.name)
                    found.articles[path] = []
                folders.append((path, child, hidden))
            elif hidden:
                continue
            elif where is not None and len(where) == 2 and entry.name.endswith(".md"):
                found.articles[folder].append(path)
            elif where == ("glossary",) and path.suffix in ENTRY_SUFFIXES:
                found.glossary.append(path)
            elif where == ("participants",) and path.suffix in ENTRY_SUFFIXES:
                found.participants.append(path)
            elif where == ("dossiers",) and path.suffix in ENTRY_SUFFIXES:
                found.dossiers.append(path)
            elif where == ("authors",) and path.suffix in ENTRY_SUFFIXES:
                found.authors.append(path)
            else:
                found.stray.append(path)
        stack.extend(reversed(folders))
    found.stray.sort()
    return found


def report_stray(files: ContentFiles, diagnostics: Diagnostics) -> list[Path]:
    """One warning per file of ``content/`` that is not a source; returns them."""
    top = files.content_dir.name
    for path in files.stray:
        diagnostics.warning(
            _display(diagnostics, path),
            f"'{path.name}' is not a source file and is not published: {top}/ holds only "
            f"articles/<id>/<lang>.md, glossary/<id>.yml, participants/<id>.yml, "
            f"dossiers/<id>.yml and authors/<id>.yml; keep "
            f"other files (notes, images, pages) outside {top}/")
    return files.stray


def stray_files(content_dir: Path, diagnostics: Diagnostics) -> list[Path]:
    """Every regular file under ``content_dir`` that is not a source, each with a
    warning (and an error for each link or special file): what a build must not publish."""
    return report_stray(discover_content(Path(content_dir), diagnostics), diagnostics)
