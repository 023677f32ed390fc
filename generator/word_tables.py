"""The French and English word tables the package ships, made from wordfreq's lists.

The mixed-language check (generator/mixed_language/) and the alias check
(generator/aliases.py) only need two small things from wordfreq for a French and
English site: the words that look foreign in a French text and in an English one
(``mixed_language.frequencies.make_table``: some 64,000 words), and each language's most
frequent words (``aliases._make_frequent``: some 2,000). They are kept here as package data,
``word_tables/word-tables.json``, so that the checks need not load wordfreq's lists (1.5 s
and 71 MB) nor make their tables on a fresh build cache. wordfreq answers other language
pairs, and the linker (generator/inflect.py).

The file records the wordfreq version and the thresholds it was made with; when the
check's thresholds change, the shipped tables no longer apply (the check falls back to
wordfreq) until ``make word-tables`` makes them again. wordfreq's data is under the
Creative Commons Attribution-ShareAlike 4.0 licence: see ``word_tables/README.md``.

    python -m generator.word_tables      (what ``make word-tables`` runs)
"""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from .logs import notes

FILE = Path(__file__).parent / "word_tables" / "word-tables.json"
#: The language pairs shipped: (page language, other languages).
PAIRS = (("fr", ("en",)), ("en", ("fr",)))
#: What installs wordfreq, should it be missing.
EXTRA = "pip install wordfreq"

_WARNED: set[str] = set()


def wordfreq_missing(check: str) -> bool:
    """True, with one warning per ``check`` for the whole process, when wordfreq is not
    installed: the check cannot decide, and reports nothing."""
    if importlib.util.find_spec("wordfreq") is not None:
        return False
    if check not in _WARNED:
        _WARNED.add(check)
        notes.warning("%s needs wordfreq, which is not installed (%s); it reports "
                      "nothing meanwhile", check, EXTRA)
    return True


@lru_cache(maxsize=1)
def _load() -> dict[str, Any] | None:
    try:
        data = json.loads(FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


_CHECKED: dict[tuple[int, type], dict | None] = {}


def release() -> None:
    """Let go of the tables read (about 9 MB): a one-off build, once its text is checked."""
    _load.cache_clear()
    _CHECKED.clear()


def _words(table: object, kind: type) -> dict | None:
    """``table`` when it maps words to ``kind`` values, else None (checked once a process:
    the alias check asks for its language's table once per alias)."""
    key = (id(table), kind)
    if key not in _CHECKED:
        _CHECKED[key] = _checked_words(table, kind)
    return _CHECKED[key]


def _checked_words(table: object, kind: type) -> dict | None:
    if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, kind) and not isinstance(v, bool)
            for k, v in table.items()):
        return None
    return table


def foreign(lang: str, others: tuple[str, ...], thresholds: dict[str, float]) -> dict[str, str] | None:
    """The shipped table of foreign-looking words of a ``lang`` text, if it was made with
    ``thresholds`` (else None: the check asks wordfreq)."""
    data = _load()
    if data is None or data.get("thresholds") != thresholds:
        return None
    return _words((data.get("foreign") or {}).get(f"{lang}:{','.join(others)}"), str)


def frequent(lang: str, threshold: float) -> dict[str, float] | None:
    """The shipped most frequent words of ``lang`` with their Zipf frequency (None if
    not shipped, or made with another threshold)."""
    data = _load()
    if data is None or data.get("frequent_threshold") != threshold:
        return None
    return _words((data.get("frequent") or {}).get(lang), (int, float))


def make() -> dict[str, Any]:
    """The tables, made from wordfreq's lists (needs wordfreq)."""
    from importlib import metadata

    from . import aliases
    from .mixed_language import frequencies

    return {
        "source": f"wordfreq {metadata.version('wordfreq')} (https://github.com/rspeer/wordfreq), "
                  "data under CC BY-SA 4.0: see README.md beside this file",
        "thresholds": frequencies.thresholds(),
        "frequent_threshold": aliases.FREQUENT,
        "foreign": {f"{lang}:{','.join(others)}": frequencies.make_table(lang, others)
                    for lang, others in PAIRS},
        "frequent": {lang: aliases._make_frequent(lang) for lang, _ in PAIRS},
    }


def write(path: Path = FILE) -> None:
    """The tables as JSON, one word a line, sorted: a rebuild shows as a readable diff."""
    text = json.dumps(make(), ensure_ascii=False, sort_keys=True, indent=0)
    path.write_text(text + "\n", encoding="utf-8")
    _load.cache_clear()
    _CHECKED.clear()


if __name__ == "__main__":
    write()
    print(f"wrote {FILE.relative_to(Path.cwd()) if FILE.is_relative_to(Path.cwd()) else FILE}")
