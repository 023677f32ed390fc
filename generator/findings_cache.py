"""What the copy desk found in each article text, kept between builds.

Two of the copy desk's checks read every article text on every build: which
terms and participants it names (a multi-pattern match over the Markdown), and
which of its words look foreign (the mixed-language check). Together they cost
about 0.6 ms per text: 1.2 s of the worker's 7.8 s at 1,000 explainers, 3 s at
2,500, for texts that mostly have not changed since the last build.

Both are functions of the text and of what the whole site shares: the forms of
its terms and names, its languages, the allowed words, the code and wordfreq's
word lists. So the findings are kept in one pickle file in the cache folder,
keyed on each text's digest and stamped with everything shared: an edited
glossary or a new allowed word drops them all, an edited article only its own.
Like the document cache, it is only a shortcut (see generator.document_cache):
the warnings are the same with or without it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from .document_cache import KeptEntries, code_stamp, digest

FILE_NAME = "findings.pickle"

Value = TypeVar("Value")


@lru_cache(maxsize=1)
def _code() -> tuple[str, ...]:
    """The code the findings depend on, and the packages whose data they read."""
    here = Path(__file__).parent
    modules = ("editorial.py", "linking.py", "mixed_language.py", "model.py", "findings_cache.py")
    return code_stamp(tuple(here / module for module in modules),
                      ("pyahocorasick", "wordfreq"))


def site_stamp(forms: Iterable[Any], languages: tuple[str, ...],
               allow_words: Iterable[str]) -> tuple[str, ...]:
    """Everything the findings of every text depend on but the text itself."""
    shared = hashlib.blake2b(digest_size=16)
    shared.update(repr((sorted(map(repr, forms)), languages, sorted(allow_words))).encode())
    return (*_code(), shared.hexdigest())


class Findings(KeptEntries):
    """The findings of one site's texts, as earlier builds made them (none without a folder)."""

    def __init__(self, folder: Path | None, stamp: tuple[str, ...]) -> None:
        super().__init__(folder / FILE_NAME if folder is not None else None, stamp)

    def get(self, check: str, text: str, compute: Callable[[], Value], *context: Hashable) -> Value:
        """What ``check`` found in ``text`` (with ``context``, e.g. its language): kept,
        or computed now and kept for the next build."""
        key = (check, *context, digest(text.encode("utf-8", "surrogatepass")))
        if key in self.used:
            return self.used[key]
        if key in self.kept:
            value = self.used[key] = self.kept[key]
            return value
        value = self.used[key] = compute()
        self.changed = True
        return value
