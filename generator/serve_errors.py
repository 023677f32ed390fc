"""The error site of a preview: under ``mkdocs serve``, content with errors is
published as a page listing them, not as a failed build.

A failed build leaves the browser waiting on the old site ("the server will
appear stuck") with the problems only in the terminal. Instead the preview
writes one page, in each language, at the addresses a reader may be on: the
root, every language's home, ``404.html`` and every page of the last site that
built. MkDocs' preview injects its live-reload script into every HTML page it
serves, so the save that fixes the last error replaces this page with the site.
``mkdocs build`` never gets here: it fails with the diagnostics.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Diagnostics, Level
from .render import _refreshed, _translations

TEMPLATE = "explainer/content-errors.html"


@dataclass(frozen=True)
class Problem:
    """One diagnostic as the error page shows it."""

    position: str
    level: str
    message: str
    source: str | None  # the line the position is on, as the file has it
    column: int


def _source_line(root: Path | None, diagnostic: Diagnostic) -> str | None:
    if root is None:
        return None
    try:
        with (root / diagnostic.position.path).open(encoding="utf-8-sig", errors="replace") as stream:
            for number, line in enumerate(stream, 1):
                if number == diagnostic.position.line:
                    return line.rstrip("\r\n").expandtabs(4) or None
    except OSError:  # a folder, a vanished file, a position outside the content
        return None
    return None


def problems(diagnostics: Diagnostics) -> list[Problem]:
    """The errors, then the warnings, each in file, line and column order."""
    ordered = sorted(diagnostics, key=lambda d: (d.level is not Level.ERROR, d))
    return [Problem(str(d.position), d.level.value, d.message, _source_line(diagnostics.root, d),
                    d.position.column) for d in ordered]


def page_file(src_uri: str, use_directory_urls: bool) -> str:
    """Where MkDocs writes the page of ``src_uri`` ('fr/explications/x.md')."""
    stem = src_uri.removesuffix(".md")
    if not use_directory_urls or posixpath.basename(stem) == "index":
        return stem + ".html"
    return stem + "/index.html"


class ErrorSite:
    """Remembers the addresses of the last site that built, for the next error page."""

    def __init__(self) -> None:
        self.addresses: dict[str, str] = {}  # page file → its language

    def pages(self, diagnostics: Diagnostics, languages: tuple[str, ...], last_plan,
              template_dirs, use_directory_urls: bool) -> dict[str, str]:
        """Page file → the error page in that page's language."""
        if last_plan is not None:
            self.addresses = {page_file(page.src_uri, use_directory_urls): page.lang
                              for page in last_plan.pages.values()}
        default = languages[0]
        addresses = {**self.addresses, "index.html": default, "404.html": default,
                     **{f"{lang}/index.html": lang for lang in languages}}
        listed = problems(diagnostics)
        rendered = {lang: render(listed, lang, template_dirs) for lang in set(addresses.values())}
        return {path: rendered[lang] for path, lang in sorted(addresses.items())}


def render(listed: list[Problem], lang: str, template_dirs) -> str:
    template = _refreshed(tuple(template_dirs)).get_template(TEMPLATE)
    errors = sum(1 for problem in listed if problem.level == "error")
    return template.render(**_translations(lang), lang=lang, problems=listed, errors=errors,
                           warnings=len(listed) - errors)
