"""Editors' Markdown outside article bodies (glossary definitions), as safe HTML.

Python-Markdown costs about 0.6 ms a text however short, since a whole pipeline of
processors runs for each document: a glossary of K entries has 2K definitions, six
seconds of a build at K = 5000, though few of them change from one build to the
next. ``Conversions`` keeps each conversion a build used in the cache folder and
converts only the texts it has not seen.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import markdown as markdown_lib
from markupsafe import Markup

from .document_cache import code_stamp, keep, read_kept
from .sanitize import clean_body

FILE_NAME = "markdown.pickle"


def markdown_to_html(text: str) -> Markup:
    """Editors' Markdown in definitions and descriptions; raw HTML is escaped.

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
    converter = markdown_lib.Markdown(extensions=["smarty"], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


@lru_cache(maxsize=1)
def _stamp() -> tuple[str, ...]:
    """What a kept conversion depends on: this module, the sanitizer, and the libraries."""
    here = Path(__file__).parent
    return ("markdown", *code_stamp((here / "editor_markdown.py", here / "sanitize.py"),
                                    ("Markdown", "nh3")))


class Conversions:
    """``markdown_to_html`` for one build, remembering conversions between builds.

    The kept file is read on first use, so a build process whose worker renders
    the glossary never reads it, and ``save`` writes it back from the process
    that converted. Without a folder, every text is converted.
    """

    def __init__(self, folder: Path | None) -> None:
        self.file = folder / FILE_NAME if folder is not None else None
        self._kept: dict[str, str] | None = None
        self._used: dict[str, str] = {}
        self._converted = 0  # texts this build converted (not found kept)

    def __call__(self, text: str) -> Markup:
        html = self._used.get(text)
        if html is None:
            if self._kept is None:
                kept = read_kept(self.file, _stamp()) if self.file is not None else None
                self._kept = kept if isinstance(kept, dict) else {}
            html = self._kept.get(text)
            if html is None:
                html = str(markdown_to_html(text))
                self._converted += 1
            self._used[text] = html
        return Markup(html)

    def save(self, prune: bool = True) -> None:
        """Keep what this build converted. With ``prune``, keep only the texts it used
        (a whole build: deleted and edited definitions drop out); without, add them
        to what was kept (a preview's rebuild renders only the pages an edit touched)."""
        if self.file is None or self._kept is None:
            return  # nothing was asked of it
        if prune:
            if not self._converted and len(self._used) == len(self._kept):
                return
            value = self._used
        else:
            if not self._converted:
                return
            value = {**self._kept, **self._used}
        if keep(self.file, _stamp(), value):
            self._kept, self._converted = dict(value), 0
