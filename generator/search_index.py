"""Search index files: the whole site's, and one per language.

Readers of the French site must get French results with French stemming, so
the entries are also split by the language folder of their page and written
beside each language's pages (``fr/search/search_index.json``); each page's
search base points at its language folder, where Material's search looks for
the index. Entries are serialized once per page (``encode_entries``) and
joined into index files at the end of the build: no index is parsed back.
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


_LOCATION = b'{"location":"'


def encode_entries(entries: Iterable[dict[str, Any]]) -> bytes:
    """A page's entries as JSON array items joined by commas, "location" first in each."""
    return b",".join(_dumps(entry) for entry in entries)


class SearchEntries:
    """The entries of the plugin's pages, kept per page as JSON, on disk.

    A page's entries are serialized once, when the page is indexed, and
    joined into index files at the end of the build: no index is parsed
    back. They wait in an anonymous temporary file, not in memory: on a
    large site they weigh tens of megabytes, all held to the end of the
    build, when its memory peaks. Pages that a ``--dirty`` rebuild skips
    keep their entries from the build before.
    """

    def __init__(self) -> None:
        self._pages: dict[Any, tuple[str, int, int]] = {}  # url, offset and size in the spool
        self._spool: BinaryIO | None = None
        self._end = 0

    def add(self, key: Any, url: str, entries: bytes) -> None:
        """Keep a page's entries, as ``encode_entries`` made them."""
        if self._spool is None:
            self._spool = tempfile.TemporaryFile(prefix="explainer-search-")
        self._spool.seek(self._end)
        self._spool.write(entries)
        self._pages[key] = (url, self._end, len(entries))
        self._end += len(entries)

    def keep_only(self, keys: Iterable[Any]) -> None:
        """Forget pages that no longer exist (and, when most of the spool is
        entries replaced by later rebuilds of a preview, let it go)."""
        self._pages = {key: self._pages[key] for key in keys if key in self._pages}
        live = sum(size for _, _, size in self._pages.values())
        if self._spool is not None and self._end > 2 * live + (1 << 20):
            kept = [(key, url, self._read(offset, size))
                    for key, (url, offset, size) in self._pages.items()]
            self._spool.close()
            self._spool, self._end, self._pages = None, 0, {}
            for key, url, entries in kept:
                self.add(key, url, entries)

    def _read(self, offset: int, size: int) -> bytes:
        assert self._spool is not None
        self._spool.seek(offset)
        return self._spool.read(size)

    def pages(self, keys: Iterable[Any]) -> Iterator[tuple[str, bytes]]:
        """(url, entries as JSON array items) of the given pages that were indexed, in that order."""
        for key in keys:
            page = self._pages.get(key)
            if page is not None and page[2]:
                yield page[0], self._read(page[1], page[2])


def index_files(config: dict[str, Any], pages: Callable[[], Iterable[tuple[str, bytes]]],
                others: Iterable[dict[str, Any]],
                languages: Iterable[str]) -> Iterator[tuple[str, Iterator[bytes]]]:
    """The JSON of each index, as pieces to write one after the other: ``""`` the
    whole site's, ``"fr/"`` the French pages' …

    ``pages()`` gives (url, entries as JSON array items), once per index,
    ``others`` Material's entries for the other pages, with site-wide
    locations. A language's index holds the entries under its folder, with
    locations relative to it, and Material's config with that language
    alone (for its stemmer). Write each index's pieces before asking for the
    next index: they are made as they are written, never joined into one
    string (on a large site each index is tens of megabytes, and the
    build's peak memory is at this point).
    """
    others = list(others)
    yield "", _document(_dumps(config), itertools.chain(
        map(_dumps, others), (chunk for _, chunk in pages())))
    for lang in languages:
        prefix = f"{lang}/"
        relative = _LOCATION + prefix.encode("utf-8")
        theirs = [_dumps({**entry, "location": entry["location"][len(prefix):]})
                  for entry in others if entry.get("location", "").startswith(prefix)]
        # All of a page's entries start with its URL: one replace relocates them.
        ours = (chunk.replace(relative, _LOCATION) for url, chunk in pages() if url.startswith(prefix))
        yield prefix, _document(_dumps({**config, "lang": [lang]}), itertools.chain(theirs, ours))


def _document(config: bytes, chunks: Iterable[bytes]) -> Iterator[bytes]:
    yield b'{"config":'
    yield config
    yield b',"docs":['
    for number, chunk in enumerate(chunks):
        if number:
            yield b","
        yield chunk
    yield b"]}"
