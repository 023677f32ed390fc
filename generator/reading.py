"""What a reader is told before reading: how long an article is, and whether it
needs a table of contents. Functions of the article's own text only."""

from __future__ import annotations

import re

#: Words a minute for news prose read on screen (French and English alike: the
#: estimate is rounded to the minute, finer rates would not change it).
WORDS_PER_MINUTE = 220
#: An article this long, with this many sections, gets a table of contents;
#: shorter ones are read top to bottom and the contents would only repeat them.
LONG_ARTICLE_WORDS = 1200
LONG_ARTICLE_SECTIONS = 3

_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
#: Markdown that is no word of the text: link targets, attribute lists, HTML tags.
_MARKUP = re.compile(r"\]\([^)]*\)|\{[^}\n]*\}|<[^>\n]*>")


def word_count(markdown: str) -> int:
    """Words of an article's Markdown body, link addresses and tags left out."""
    return len(_WORD.findall(_MARKUP.sub(" ", markdown)))


def reading_minutes(words: int) -> int:
    """Whole minutes to read ``words`` (at least one)."""
    return max(1, round(words / WORDS_PER_MINUTE))


def sections(toc: list[dict]) -> int:
    """Headings in a Python-Markdown ``toc_tokens`` list, at every level."""
    return sum(1 + sections(item.get("children", [])) for item in toc)


def is_long(words: int, toc: list[dict]) -> bool:
    return words >= LONG_ARTICLE_WORDS and sections(toc) >= LONG_ARTICLE_SECTIONS
