"""The findings of the page-quality checks that are accepted, each with its reason.

Only for problems that come from Material for MkDocs itself and that our overrides cannot
fix (markup outside any template block, behaviour of Material's bundle). Anything in our
own templates (overrides/explainer/, overrides/partials/, overrides/main.html) or CSS is
fixed there instead. Keep this list short; a vnu entry that matches nothing any more fails
tests/quality/test_validity.py, so it goes once Material fixes the problem.

Used by tests/browser/test_accessibility.py (axe-core: it needs the browser fixtures),
tests/quality/test_validity.py (the Nu HTML Checker) and tests/quality/test_links.py.

An entry matches a finding when the tool is the same, ``rule`` matches the axe rule id, the
Nu checker's message or the link problem (a regular expression, searched), ``where`` the
element (axe: the CSS selector of the node; vnu: the source extract; links: the tag) and
``pages`` the page path relative to the site root ('fr/acteurs/x/index.html'); an empty
pattern matches anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOOLS = {"axe", "vnu", "links"}


@dataclass(frozen=True)
class Allowed:
    tool: str
    rule: str
    where: str
    pages: str
    reason: str

    def matches(self, tool: str, rule: str, where: str, page: str) -> bool:
        return (tool == self.tool
                and re.search(self.rule, rule) is not None
                and (not self.where or re.search(self.where, where) is not None)
                and (not self.pages or re.search(self.pages, page) is not None))


EXCEPTIONS: tuple[Allowed, ...] = (
    Allowed(
        tool="vnu",
        rule=r"^Attribute “autocomplete” is only allowed when the input type is ",
        where=r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"',
        pages="",
        reason=(
            "Material 9.8.2 base.html writes its two hidden state checkboxes #__drawer and "
            "#__search with autocomplete=\"off\" (so that a browser does not restore an open "
            "drawer or search on reload) outside any template block: only copying the whole "
            "base.html into overrides/ would remove it. An invalid attribute with no effect "
            "on users or assistive technologies (the inputs are display: none)."),
    ),
)


def allowed(tool: str, rule: str, where: str = "", page: str = "") -> Allowed | None:
    """The exception that accepts this finding, or None."""
    for entry in EXCEPTIONS:
        if entry.matches(tool, rule, where, page):
            return entry
    return None
