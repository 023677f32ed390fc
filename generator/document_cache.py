"""Documents read by earlier builds, kept on disk and keyed on each file's bytes.

Reading ``content/`` is mostly YAML with every value's position: about a second
at a thousand articles, on the build process before MkDocs reads its first
page, where nothing else can run. Most files are unchanged from one build to
the next, so each document read (data, body, positions) and what reading it
reported are kept in one pickle file (by default
``.cache/plugin/explainer/documents.pickle``, as Material's plugins keep theirs
under ``.cache/plugin/``). A file whose bytes hash to the same digest is not
parsed again.

The cache is only ever a shortcut. A missing, unreadable or corrupt file, or one
written by other code (see ``_stamp``), is ignored and written again; the
build never fails because of it, and its output is the same with or without it.
Only entries this build used are written back, so deleted files drop out; the
file is replaced atomically, so a build stopped halfway or running next to
another leaves a whole file. ``read_kept`` and ``keep`` do the same for any
value kept in the cache folder (the mixed-language check's word tables).
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: Relative to the folder of mkdocs.yml (the plugin's ``cache_dir`` option).
DEFAULT_FOLDER = ".cache/plugin/explainer"
FILE_NAME = "documents.pickle"

#: (loader name, path relative to the project)
Key = tuple[str, str]


def inside_content(folder: Path, content_dir: Path) -> bool:
    """Whether a cache ``folder`` would be inside the content folder, where nothing but
    explicit scaffolding commands may write."""
    return folder.resolve().is_relative_to(content_dir.resolve())


def digest(raw: bytes) -> bytes:
    """What identifies a file's bytes (a 128-bit BLAKE2b hash: fast, no collisions in practice)."""
    return hashlib.blake2b(raw, digest_size=16).digest()


def code_stamp(sources: tuple[Path, ...], packages: tuple[str, ...]) -> tuple[str, ...]:
    """What a kept value depends on: a hash of the ``sources`` that made it and the
    installed versions of ``packages`` (a stamp for ``read_kept`` and ``keep``)."""
    code = hashlib.blake2b(digest_size=16)
    for source in sources:
        code.update(source.read_bytes())
    versions = []
    for package in packages:
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=?")
    return (code.hexdigest(), *versions)


@lru_cache(maxsize=1)
def _stamp() -> tuple[str, ...]:
    """The code a cached document depends on: reading (``load``), the objects pickled
    (``diagnostics``), the YAML libraries and Python. Any change drops the cache."""
    here = Path(__file__).parent
    modules = tuple(here / module for module in ("load.py", "diagnostics.py", "document_cache.py"))
    return (*code_stamp(modules, ("PyYAML", "python-frontmatter")), sys.version)


def read_kept(file: Path, stamp: tuple) -> Any | None:
    """What ``keep`` wrote to ``file`` with ``stamp``; None when missing, damaged or
    written with another stamp (other code, other data)."""
    try:
        with file.open("rb") as stream:
            kept_stamp, value = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a cache is never worth failing a build
        log.debug("explainer: ignoring the cache file %s: %s", file, exc)
        return None
    return value if kept_stamp == stamp else None


def keep(file: Path, stamp: tuple, value: Any) -> bool:
    """Write ``value`` to ``file`` atomically; False (and an info line) when it cannot be."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.stem}-")
        try:
            os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide it from a team's other users
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((stamp, value), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, file)
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception as exc:  # a read-only checkout, a full disk: build on
        log.info("explainer: could not write the cache file %s: %s", file, exc)
        return False
    return True


class KeptEntries:
    """Entries kept in one ``file`` between builds under ``stamp``: what earlier builds
    made (``kept``), and what this one used (``used``), the only entries ``save``
    writes back, so that those no build asks for any more drop out. Without a file,
    nothing is read or written."""

    def __init__(self, file: Path | None, stamp: tuple) -> None:
        self.file, self.stamp = file, stamp
        self.used: dict[Any, Any] = {}
        self.changed = False  # an entry was made or replaced
        entries = read_kept(file, stamp) if file is not None else None
        self.kept: dict[Any, Any] = entries if isinstance(entries, dict) else {}

    def save(self) -> None:
        """Write what this build used, when it differs from what was kept."""
        if self.file is None or (not self.changed and len(self.used) == len(self.kept)):
            return
        if keep(self.file, self.stamp, self.used):
            self.kept, self.changed = dict(self.used), False


class DocumentCache(KeptEntries):
    """The documents of one content folder, as earlier builds read them."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder / FILE_NAME, _stamp())

    def get(self, key: Key, file_digest: bytes) -> Any | None:
        """What was kept for ``key`` when its bytes had ``file_digest``, or None."""
        entry = self.kept.get(key)
        if entry is None or entry[0] != file_digest:
            return None
        self.used[key] = entry
        return entry[1]

    def put(self, key: Key, file_digest: bytes, value: Any) -> None:
        self.used[key] = (file_digest, value)
        self.changed = True
