"""Translation staleness: a translation records a fingerprint of the original it was made from.

The fingerprint covers what a translator translates (title, summary, body,
key facts, open questions, timeline events, participants' roles and quotes),
not bookkeeping fields, so fixing a date or a slug does not mark every
translation stale.
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache

from .model import Article, ArticleVersion
from .source_edit import with_frontmatter_key

FIELD = "source_fingerprint"


def fingerprint(version: ArticleVersion) -> str:
    meta = version.meta
    parts = [meta.title, meta.summary, version.body.strip(), *meta.key_facts, *meta.unknowns,
             *(item.event for item in meta.timeline)]
    for item in meta.participants:
        parts.extend([item.id, item.role or "", *item.quotes])
    return _fingerprint(tuple(parts))


@lru_cache(maxsize=8192)
def _fingerprint(parts: tuple[str, ...]) -> str:
    # Kept for the process: every build asks for each original's, and a preview's
    # rebuild asks with the very same strings (their hashes are kept with them).
    text = unicodedata.normalize("NFC", "\n\x1f\n".join(parts))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def is_stale(article: Article, version: ArticleVersion) -> bool:
    """True when ``version`` translates an original that changed since."""
    source = version.meta.translation_of
    if source is None or source not in article.versions:
        return False
    recorded = version.meta.source_fingerprint
    return recorded is not None and recorded != fingerprint(article.versions[source])


def with_fingerprint(text: str, value: str) -> str:
    """The file ``text`` with its frontmatter's fingerprint set to ``value``.

    Only that one key changes (or a line is added at the end of the frontmatter),
    so the editor's formatting, comments, line ends and BOM survive; see
    generator/source_edit.py, which finds the frontmatter with the YAML parser.
    """
    return with_frontmatter_key(text, FIELD, value)
