"""Per-language search indexes, in one build.

Material's search plugin writes one index for the whole site. Readers of the
French site must get French results with French stemming, so the index is
split by the language folder of each entry and written beside each
language's pages (``fr/search/search_index.json``); each page's search base
points at its language folder, where Material's search looks for the index.
"""

from __future__ import annotations

import copy
from typing import Any


def split_index(index: dict[str, Any], languages: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """One index per language: that language's entries, its stemmer, locations relative to it."""
    result = {}
    for lang in languages:
        prefix = f"{lang}/"
        config = copy.deepcopy(index.get("config", {}))
        config["lang"] = [lang]
        docs = []
        for doc in index.get("docs", []):
            location = doc.get("location", "")
            if location.startswith(prefix):
                docs.append({**doc, "location": location[len(prefix):]})
        result[lang] = {"config": config, "docs": docs}
    return result
