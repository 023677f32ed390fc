"""An article's Markdown → clean HTML and its table of contents, as the site converts pages.

The plan needs every article's HTML before any page is finished: what each
article mentions is read from it (the same exclusions as linking: code, links,
headings, attributes, raw HTML). The plugin then hands this HTML to MkDocs in
place of converting the Markdown again, so a build converts each article once,
and a warm build not at all (the plan keeps the result in the build cache).

Python-Markdown with the site's extensions and their options, as MkDocs
configures it; MkDocs' own additions only rewrite links to other ``.md`` files
and record anchors, and an article, published away from its source folder, has
no such links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import markdown as markdown_lib

from .reading import word_count
from .sanitize import clean_body
from .settings import Settings


@dataclass(frozen=True)
class Converted:
    html: str
    #: Python-Markdown's ``toc_tokens`` (plain data: the adapter makes MkDocs' toc of it).
    toc: list[dict[str, Any]]
    #: Words of the Markdown (``reading.word_count``): its reading time, and whether it is long.
    words: int = 0


class Converter:
    """One Python-Markdown instance for every article of a build (reset between them:
    making one costs more than converting a short article)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._markdown: markdown_lib.Markdown | None = None

    def __call__(self, text: str) -> Converted:
        if self._markdown is None:
            self._markdown = markdown_lib.Markdown(
                extensions=list(self._settings.markdown_extensions),
                extension_configs=dict(self._settings.markdown_configs))
        md = self._markdown
        md.reset()
        html = md.convert(text)
        return Converted(_nolink(clean_body(html)), list(getattr(md, "toc_tokens", [])),
                         word_count(text))


#: ``[words](nolink:)``: the editor's way to keep words from being linked. The
#: sanitizer keeps the scheme; the link becomes a plain span that linking skips.
_NOLINK = re.compile(r"""<a\s+href=(?:"nolink:[^"]*"|'nolink:[^']*')[^>]*>(.*?)</a>""", re.S | re.I)


def _nolink(html: str) -> str:
    if "nolink:" not in html:
        return html
    return _NOLINK.sub(r'<span class="ex-nolink">\1</span>', html)
