"""The build cache: what earlier builds made, keyed on the digest of its inputs.

One SQLite file (by default ``.cache/plugin/explainer/cache.sqlite``, as
Material's plugins keep theirs under ``.cache/plugin/``) holds every namespace:
documents read, articles converted and linked, finished pages, the copy desk's
findings, definitions as HTML. SQLite because a build asks for entries one at
a time and never needs the whole file in memory (finished pages of a site of
1,000 explainers are about 100 MB), writes in one transaction, and survives a
build stopped halfway. Values are JSON text (rendered pages: their text as it is):
nothing read back can run code.

The cache is only ever a shortcut. A stamp (this code and its templates, the
versions of the libraries the output depends on, the site's settings) guards
the whole file: another stamp empties it. A missing, malformed, truncated or
foreign file, or an entry whose value does not decode, is ignored with one
INFO line and made anew; the site is the same with or without it. The one
pruning rule: a whole build keeps only the entries it used.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sqlite3
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, TypeVar

from .logs import notes

FILE_NAME = "cache.sqlite"
#: The layout of the file's tables: part of every stamp.
SCHEMA = 2
#: Namespaces a preview server does not keep in memory between rebuilds: finished
#: and rendered pages (tens of megabytes; a rebuild finishes only the pages an edit touched).
NOT_IN_MEMORY = frozenset({"pages", "rendered"})
#: New entries are written once they hold this many characters. They are held, then
#: copied into SQLite: at N=1000 a first build's peak RSS was 285 MB with 16 MB, 233 with
#: 4 MB and 223 with 1 MB. Such a build writes 170 MB, so about 170 commits; two first
#: builds with each setting took 34.6 and 49.0 s against 38.5 and 41.4 s: within this
#: machine's noise.
FLUSH_AT = 1 << 20
#: The libraries whose versions change what the build makes from the same sources.
PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2", "babel",
            "nh3", "pyahocorasick", "PyYAML", "python-frontmatter", "wordfreq", "selectolax")

Value = TypeVar("Value")


def digest(*parts: str | bytes) -> str:
    """A 128-bit BLAKE2b digest of ``parts`` (fast; no collisions in practice)."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        hasher.update(b"\x1f")
    return hasher.hexdigest()


@lru_cache(maxsize=8)
def code_stamp(template_dirs: tuple[str, ...] = ()) -> str:
    """This package's code and data, the templates and the libraries' versions."""
    here = Path(__file__).parent
    hasher = hashlib.blake2b(digest_size=16)
    # Material's own theme is in the stamp by its version: walking its 10,000 icons took
    # 0.5 s of every build.
    material = importlib.util.find_spec("material")
    installed = [Path(p).resolve() for p in (material.submodule_search_locations or [])
                 ] if material is not None else []
    folders = [here, *(Path(folder) for folder in template_dirs
                       if not any(Path(folder).resolve().is_relative_to(p) for p in installed))]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".html", ".po", ".xml", ".js", ".css", ".json"):
                hasher.update(str(path.relative_to(folder)).encode())
                hasher.update(path.read_bytes())
    for package in PACKAGES:
        try:
            hasher.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            hasher.update(f"{package}=?".encode())
    return hasher.hexdigest()


class BuildCache:
    """Entries by (namespace, key) in ``folder``, under ``stamp``; without a folder,
    nothing is read or kept."""

    def __init__(self, folder: Path | None, stamp: str, memo: dict | None = None) -> None:
        self.stamp = f"{SCHEMA}:{stamp}"
        # A preview server's rebuilds take what the last build used from memory, as
        # decoded: reading and decoding 4,000 entries took seconds of every save.
        self._memo = memo
        if memo is not None and memo.get("stamp") != self.stamp:
            memo.clear()
            memo["stamp"] = self.stamp
        self._db: sqlite3.Connection | None = None
        self._new: dict[tuple[str, str], str] = {}
        self._pending = 0  # characters in _new
        self._used: set[tuple[str, str]] = set()
        self._file = folder / FILE_NAME if folder is not None else None
        if self._file is not None:
            self._db = self._open(self._file)
            if self._db is None and self._file.is_file():
                # Not a database (damaged, truncated, or something else put there):
                # made anew, once.
                self._remove()
                self._db = self._open(self._file)

    def _remove(self) -> None:
        assert self._file is not None
        for path in (self._file, *self._file.parent.glob(FILE_NAME + "-*")):
            path.unlink(missing_ok=True)

    def _damaged(self, exc: Exception) -> None:
        """A database that fails as it is read is damaged: this build goes on without
        it, and the next makes it anew."""
        notes.info("ignoring the build cache (%s); building without it", exc)
        if self._db is not None:
            self._db.close()
            self._db = None
        try:
            self._remove()
        except OSError:
            pass

    def _open(self, file: Path) -> sqlite3.Connection | None:
        db = None
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(file, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")  # a reader never waits for a writer
            db.execute("CREATE TABLE IF NOT EXISTS stamp (value TEXT NOT NULL)")
            kept = db.execute("SELECT value FROM stamp").fetchall()
            if kept != [(self.stamp,)]:
                if kept:
                    notes.debug("the build cache was made by other code or settings; "
                                "starting it anew")
                with db:
                    db.execute("BEGIN")
                    db.execute("DROP TABLE IF EXISTS entries")
                    # A rowid table: values are large (a finished page is tens of
                    # kilobytes), which WITHOUT ROWID tables store badly; the unique
                    # index finds them, and counts them without reading them.
                    db.execute("CREATE TABLE entries (namespace TEXT NOT NULL, key TEXT NOT NULL, "
                               "value TEXT NOT NULL, UNIQUE (namespace, key))")
                    db.execute("DELETE FROM stamp")
                    db.execute("INSERT INTO stamp VALUES (?)", (self.stamp,))
            return db
        except (sqlite3.Error, OSError, ValueError) as exc:
            notes.info("ignoring the build cache %s (%s)", file, exc)
            if db is not None:
                db.close()
            return None

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def _read(self, namespace: str, key: str) -> str | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM entries WHERE namespace = ? AND key = ?",
                                   (namespace, key)).fetchone()
        except sqlite3.Error as exc:
            self._damaged(exc)
            return None
        return row[0] if row and isinstance(row[0], str) else None

    def has(self, namespace: str, key: str) -> bool:
        """Whether an entry is kept under ``key`` (not read: see ``take``)."""
        if (namespace, key) in self._new:
            return True
        if self._db is None:
            return False
        try:
            return self._db.execute("SELECT 1 FROM entries WHERE namespace = ? AND key = ?",
                                    (namespace, key)).fetchone() is not None
        except sqlite3.Error as exc:
            self._damaged(exc)
            return False

    def take(self, namespace: str, key: str, decode: Callable[[Any], Value],
             raw: bool = False) -> Value | None:
        """The value kept under ``key``, decoded, or None (missing or malformed); ``raw``:
        the text as kept is decoded, not JSON (see ``put``)."""
        entry = (namespace, key)
        text = self._new.get(entry) or self._read(namespace, key)
        if text is None:
            return None
        try:
            value = decode(text if raw else json.loads(text))
        except Exception as exc:  # a tampered or damaged entry: made anew
            notes.info("ignoring a malformed entry of the build cache (%s: %s)",
                       namespace, type(exc).__name__)
            return None
        self._used.add(entry)
        return value

    def put(self, namespace: str, key: str, data: Any, raw: bool = False) -> None:
        """Keep ``data`` (what JSON can hold) under ``key`` for the next build; ``raw``:
        ``data`` is text kept as it is (a rendered page: decoding it from a JSON string
        took 0.5 s of a warm build of 1,000 explainers)."""
        if self._db is None:
            return
        try:
            text = data if raw else json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError, RecursionError):  # not data JSON can hold: not kept
            return
        entry = (namespace, key)
        self._new[entry] = text
        self._used.add(entry)
        self._pending += len(text)
        if self._pending > FLUSH_AT:
            self._flush()

    def get(self, namespace: str, key: str, decode: Callable[[Any], Value],
            make: Callable[[], Value], encode: Callable[[Value], Any]) -> Value:
        """The value kept under ``key``, decoded; or ``make()``, kept for the next build."""
        entry = (namespace, key)
        memo = self._memo if namespace not in NOT_IN_MEMORY else None
        if memo is not None and entry in memo:
            self._used.add(entry)
            return memo[entry]
        value = self.take(namespace, key, decode)
        if value is None:
            value = make()
            try:
                data = encode(value)
            except (TypeError, ValueError, RecursionError):  # not data JSON can hold: not kept
                pass
            else:
                self.put(namespace, key, data)
        if memo is not None:
            memo[entry] = value
        return value

    def _flush(self) -> None:
        """Write the new entries so far (a first build's would be hundreds of megabytes
        held to its end: 390 MB more than a warm build's peak at 1,000 explainers)."""
        db, self._pending = self._db, 0
        if db is None or not self._new:
            return
        try:
            with db:
                db.execute("BEGIN")
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                               [(ns, key, value) for (ns, key), value in self._new.items()])
        except sqlite3.Error as exc:
            self._damaged(exc)
        self._new.clear()

    def save(self, prune: bool = True) -> None:
        """Write this build's new entries; with ``prune`` (a whole build), drop those
        it did not use. A preview's partial rebuild keeps the rest."""
        db = self._db
        if db is None:
            return
        try:
            if prune and not self._new:
                (count,), = db.execute("SELECT count(*) FROM entries").fetchall()
                prune = count != len(self._used)  # else every entry was used: nothing to drop
            if not self._new and not prune:
                return
            with db:
                db.execute("BEGIN")
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                               [(ns, key, value) for (ns, key), value in self._new.items()])
                if prune:
                    db.execute("CREATE TEMP TABLE IF NOT EXISTS used (namespace TEXT, key TEXT, "
                               "PRIMARY KEY (namespace, key)) WITHOUT ROWID")
                    db.execute("DELETE FROM used")
                    db.executemany("INSERT OR IGNORE INTO used VALUES (?, ?)", self._used)
                    db.execute("DELETE FROM entries WHERE (namespace, key) NOT IN "
                               "(SELECT namespace, key FROM used)")
        except sqlite3.Error as exc:
            self._damaged(exc)
        self._new.clear()
        if self._memo is not None:  # what this build did not use leaves memory
            kept = {entry: self._memo[entry] for entry in self._used if entry in self._memo}
            self._memo.clear()
            self._memo.update(kept, stamp=self.stamp)
        if prune:
            self._used.clear()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
