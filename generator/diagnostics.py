"""Content problems as compiler-style lines: ``path:line:col: level: message``.

Every problem an editor can cause is a :class:`Diagnostic`, never an exception
escaping to a traceback. Positions are 1-based and count lines in the file.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from enum import Enum
from pathlib import Path
from typing import Iterable, Iterator

from . import logs


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Position:
    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    position: Position
    level: Level
    message: str

    def __str__(self) -> str:
        # The whole line is made safe, the path too: a file or folder name can
        # hold a line break or a terminal escape as well as a message can.
        return one_line(f"{self.position}: {self.level.value}: {self.message}")


def _shown(char: str) -> str:
    if char.isprintable() or unicodedata.category(char) == "Zs":
        return char
    return repr(char)[1:-1]


def one_line(text: str) -> str:
    """``text`` as one line of a terminal: control characters (line breaks, escape
    sequences), invisible format characters (bidi overrides, zero-width), line
    separators and undecodable bytes of file names (surrogates) are written as
    Python escapes (``\\n``, ``\\x1b``, ``\\u202e``, ``\\udce9``), so that one report
    is always one line that cannot pass for another or colour the terminal."""
    if text.isprintable():
        return text
    return "".join(_shown(char) for char in text)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A `` (did you mean 'x'?)`` suffix, or '' when nothing is close."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@lru_cache(maxsize=1 << 16)
def _resolved(path: Path) -> Path:
    # Every file of content/ is shown relative to the same root, at every
    # rebuild of a preview: a resolve walks the path through the file system.
    return path.resolve()


@lru_cache(maxsize=16)
def _as_prefix(root: Path) -> str:
    """``root`` as the start of the paths under it."""
    text = str(root)
    return text if text.endswith(os.sep) else text + os.sep


@dataclass
class Diagnostics:
    """An ordered collection of diagnostics reported while reading a site."""

    root: Path | None = None
    items: list[Diagnostic] = field(default_factory=list)

    def relative(self, path: Path | str) -> str:
        path = path if isinstance(path, Path) else Path(path)
        if self.root is not None:
            # Found under the root as given: no walk through the file system.
            # A Path is normalised, so cutting its string is relative_to().as_posix()
            # without building the parts of both (a tenth of a second per 10,000 files).
            root, text = _as_prefix(self.root), str(path)
            if text.startswith(root):
                return text[len(root):].replace(os.sep, "/")
            try:
                return _resolved(path).relative_to(_resolved(self.root)).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def at(self, path: Path | str, line: int = 1, column: int = 1) -> Position:
        return Position(self.relative(path), line, column)

    def error(self, position: Position, message: str) -> None:
        self.items.append(Diagnostic(position, Level.ERROR, message))

    def warning(self, position: Position, message: str) -> None:
        self.items.append(Diagnostic(position, Level.WARNING, message))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level is Level.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level is Level.WARNING]

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items))

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.items)

    def summary(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"


def _github_escaped(text: str, property_value: bool = False) -> str:
    """GitHub's workflow-command escapes: '%', line breaks (and ':' ',' in properties)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def formatted(diagnostic: Diagnostic, style: str = "text") -> str:
    """One diagnostic as one line: ``text`` (``path:line:col: level: message``),
    ``json`` (an object with path, line, column, level, message) or ``github``
    (a GitHub Actions annotation, ``::error file=…,line=…,col=…::message``)."""
    position = diagnostic.position
    if style == "json":
        return json.dumps({"path": position.path, "line": position.line, "column": position.column,
                           "level": diagnostic.level.value, "message": diagnostic.message},
                          ensure_ascii=True)
    if style == "github":
        message = one_line(diagnostic.message)
        return (f"::{diagnostic.level.value} file={_github_escaped(one_line(position.path), True)},"
                f"line={position.line},col={position.column}::{_github_escaped(message)}")
    return str(diagnostic)


def report(diagnostics: "Diagnostics") -> bool:
    """Print errors as exactly one ``path:line:col: error: message`` line each on
    stderr (no logger prefix: editors and their tools jump to it), and log warnings
    on the content logger, unprefixed (a build's ``--strict`` counts them: see
    ``logs.py``); True when there are errors."""
    for diagnostic in diagnostics:
        if diagnostic.level is Level.ERROR:
            print(diagnostic, file=sys.stderr)
        else:
            logs.content.warning(str(diagnostic))
    return bool(diagnostics.errors)
