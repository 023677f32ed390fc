"""Documents read from ``content/`` as plain JSON data, for the build cache.

YAML gives more than JSON holds: keys that are not strings, dates, sets,
binary. Each such value is a one-key object naming its type; nothing decoded
here can be anything but data (no class is looked up by name), and anything
unexpected raises, which the cache takes as a miss.
"""

from __future__ import annotations

import base64
import datetime
import json
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Level, Position
from .load import SourceDocument


def encode_value(value: Any, seen: set[int] | None = None) -> Any:
    """``value`` as JSON data. A container met twice (a YAML alias) raises: written out
    whole, nine nested aliases of nine items each would be 9**9 values, and such a
    document is simply not kept."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if seen is None:
        seen = set()
    if isinstance(value, (dict, list, tuple, set, frozenset)):
        if id(value) in seen:
            raise TypeError("a value met twice (a YAML alias) is not kept")
        seen.add(id(value))
    if isinstance(value, dict):
        return {"m": [[encode_value(k, seen), encode_value(v, seen)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        return [encode_value(item, seen) for item in value]
    if isinstance(value, datetime.datetime):
        return {"t": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"d": value.isoformat()}
    if isinstance(value, (set, frozenset)):
        return {"s": [encode_value(item, seen) for item in value]}
    if isinstance(value, bytes):
        return {"b": base64.b64encode(value).decode("ascii")}
    raise TypeError(f"cannot keep a {type(value).__name__}")


def _key(value: Any) -> Any:
    """A decoded mapping key or set item: hashable (YAML keys may be sequences)."""
    return tuple(_key(item) for item in value) if isinstance(value, list) else value


def decode_value(item: Any) -> Any:
    if item is None or isinstance(item, (bool, int, float, str)):
        return item
    if isinstance(item, list):
        return [decode_value(part) for part in item]
    if isinstance(item, dict) and len(item) == 1:
        (tag, value), = item.items()
        if tag == "m":
            return {_key(decode_value(k)): decode_value(v) for k, v in value}
        if tag == "t":
            return datetime.datetime.fromisoformat(value)
        if tag == "d":
            return datetime.date.fromisoformat(value)
        if tag == "s":
            return {_key(decode_value(part)) for part in value}
        if tag == "b":
            return base64.b64decode(value, validate=True)
    raise ValueError("not a kept value")


def _positions(positions: dict) -> str:
    """Positions as a JSON text of their own, read only when one is asked for."""
    if isinstance(positions, LazyPositions) and positions._text is not None:
        return positions._text  # still the text it was made of
    return json.dumps([[[encode_value(part) for part in path], line, column]
                       for path, (line, column) in positions.items()],
                      ensure_ascii=False, separators=(",", ":"))


def _read_positions(text: str) -> dict:
    return {tuple(_key(decode_value(part)) for part in path): (int(line), int(column))
            for path, line, column in json.loads(text)}


class LazyPositions(dict):
    """A document's positions, decoded on first use.

    Most documents have nothing to report, and their positions (a tuple per
    value) were a sixth of a warm build's memory at 1,000 explainers (18 MB),
    and their decoding a tenth of its reading time.
    """

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        super().__init__()
        if not isinstance(text, str):
            raise ValueError("not kept positions")
        self._text: str | None = text

    def _filled(self) -> "LazyPositions":
        if self._text is not None:
            text, self._text = self._text, None
            self.update(_read_positions(text))
        return self

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self._filled(), key)

    def __getitem__(self, key):
        return dict.__getitem__(self._filled(), key)

    def get(self, key, default=None):
        return dict.get(self._filled(), key, default)

    def __iter__(self):
        return dict.__iter__(self._filled())

    def __len__(self) -> int:
        return dict.__len__(self._filled())

    def items(self):
        return dict.items(self._filled())

    def keys(self):
        return dict.keys(self._filled())

    def values(self):
        return dict.values(self._filled())


def compact_positions(document: SourceDocument) -> None:
    """Keep ``document``'s positions as text until one is asked for, as if read back
    from the build cache (see ``LazyPositions``): a build without a cache, too,
    peaked with every position of every file in memory."""
    document.positions = LazyPositions(_positions(document.positions))
    document.key_positions = LazyPositions(_positions(document.key_positions))


def encode_document(value: tuple[SourceDocument | None, list[Diagnostic]]) -> list:
    document, reported = value
    problems = [[d.position.path, d.position.line, d.position.column, d.level.value, d.message]
                for d in reported]
    if document is None:
        return [None, problems]
    return [[document.display_path, encode_value(document.data), document.body,
             document.body_line, _positions(document.positions),
             _positions(document.key_positions)], problems]


def decode_document(item: list, path: Path) -> tuple[SourceDocument | None, list[Diagnostic]]:
    kept, problems = item
    reported = [Diagnostic(Position(str(p), int(line), int(column)), Level(level), str(message))
                for p, line, column, level, message in problems]
    if kept is None:
        return None, reported
    display, data, body, body_line, positions, key_positions = kept
    data = decode_value(data)
    if not isinstance(data, dict) or not isinstance(body, str):
        raise ValueError("not a kept document")
    return SourceDocument(path, str(display), data, body, int(body_line),
                          LazyPositions(positions), LazyPositions(key_positions)), reported
