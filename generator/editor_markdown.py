"""Editors' Markdown outside article bodies (glossary definitions), as safe HTML.

Python-Markdown costs about 0.6 ms a text however short, since a whole pipeline of
processors runs for each document: a glossary of K entries has 2K definitions, six
seconds of a build at K = 5000, though few of them change from one build to the
next. ``Conversions`` keeps each conversion in the build cache and converts
only the texts it has not seen.
"""

from __future__ import annotations

from functools import lru_cache

import markdown as markdown_lib
from markupsafe import Markup

from .cache import BuildCache, digest
from .sanitize import clean_body


def markdown_to_html(text: str) -> Markup:
    """Editors' Markdown in definitions and descriptions; raw HTML is escaped.

    Words of another language are marked with an attribute list: ``*réassurance*{lang=fr}``.

    Markdown's own link and image syntax still writes any URL (``[x](javascript:…)``):
    the result goes through the article bodies' sanitizer too.
    """
    converter = _markdown_converter()
    converter.reset()
    return Markup(clean_body(converter.convert(text)))


@lru_cache(maxsize=1)
def _markdown_converter() -> markdown_lib.Markdown:
    # Building a converter costs far more than converting one definition: a
    # glossary of thousands of entries reuses one (reset before each use).
    converter = markdown_lib.Markdown(extensions=["smarty", "attr_list"], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


class Conversions:
    """``markdown_to_html`` for one build, through the build cache ("definitions"):
    a text converted by an earlier build is not converted again."""

    def __init__(self, cache: BuildCache | None = None) -> None:
        self.cache = cache or BuildCache(None, "")
        self._used: dict[str, Markup] = {}

    def __call__(self, text: str) -> Markup:
        html = self._used.get(text)
        if html is None:
            html = self._used[text] = Markup(self.cache.get(
                "definitions", digest(text), _text, lambda: str(markdown_to_html(text)), str))
        return html


def _text(item: object) -> str:
    if not isinstance(item, str):
        raise ValueError("malformed definition")
    return item
