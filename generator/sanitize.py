"""Article bodies are Markdown from many hands: keep their HTML to what an article needs.

Python-Markdown passes raw HTML through, so a pasted ``<script>`` or an
``onerror=`` attribute would reach readers. The rendered body is cleaned with
ammonia (through nh3) against an allowlist: article tags, harmless
attributes, and links that are web, mail or explicit term/participant ones.
"""

from __future__ import annotations

import re

import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul", "var",
}
ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
    "ol": {"start", "reversed"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
#: ``term:`` and ``who:`` are the editors' explicit links to glossary entries and participants.
#: ``nolink:`` marks words an editor keeps from being linked (generator.convert).
URL_SCHEMES = {"http", "https", "mailto", "term", "who", "nolink"}


#: Ids of the page around an article body: Material's (``__config``, ``__search``…), the
#: ``window.__explainerTips`` flag of explainer.js, and the generator's own tooltip and
#: section ids. An element of the body holding one would be found in their place by
#: ``getElementById`` or as a ``window`` property ("DOM clobbering"), steering the page's
#: scripts; such ids are dropped (Markdown's heading ids never look like these).
RESERVED_ID = re.compile(r"^(?:__|ex-tip-|ex-[a-z-]*-title$)", re.I)


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and RESERVED_ID.match(value.strip()):
        return None
    return value


def clean_body(html: str) -> str:
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel=None, strip_comments=True, attribute_filter=_keep_attribute)
