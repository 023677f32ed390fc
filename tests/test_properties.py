"""Properties of the linking pass (and of linking followed by typesetting) on hostile input.

``generator.linking.link_html`` runs over every article body an editor writes. Whatever
the text or markup, it must never raise, never change what a reader sees (it only wraps
text in links), never link inside code, links, headings or attribute values, never nest
links, and (linking every mention) find nothing more to do on its own output. HTML is
parsed with selectolax (lexbor, an HTML5 parser, as a browser would) to compare input and
output. Reading content (load + validate) must report, never raise, whatever the files hold.
"""

from __future__ import annotations

import html
import itertools
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from selectolax.lexbor import LexborHTMLParser

from generator.diagnostics import Diagnostics
from generator.linking import Form, Matcher, explicit_references, link_html
from generator.model import TargetRef
from generator.sanitize import clean_body
from generator.typography import typeset
from generator.validate import validate_site

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

FORCE = TargetRef("term", "force-de-reassurance")
CEASEFIRE = TargetRef("term", "cessez-le-feu")
EMERGENCY = TargetRef("term", "etat-d-urgence")
GREY_ZONE = TargetRef("term", "zone-grise")
STAFF = TargetRef("term", "etat-major")
STREET = TargetRef("term", "strasse")
NATO = TargetRef("participant", "otan")
LECORNU = TargetRef("participant", "sebastien-lecornu")

FORMS = [
    Form("force de réassurance", "fr", FORCE),
    Form("forces de réassurance", "fr", FORCE),
    Form("reassurance force", "en", FORCE),           # a foreign form on French pages
    Form("cessez-le-feu", "fr", CEASEFIRE),
    Form("État d’urgence", "fr", EMERGENCY),          # accent, curly apostrophe
    Form("« zone grise »", "fr", GREY_ZONE),          # guillemets inside the form
    Form("e\u0301tat-major", "fr", STAFF),            # written decomposed (NFD)
    Form("Straße", "fr", STREET),                     # case folding expands (ß → ss)
    Form("l'OTAN", "fr", NATO),                       # straight apostrophe
    Form("OTAN", "fr", NATO),
    Form("Sébastien Lecornu", "fr", LECORNU),
    Form("Lecornu", "fr", LECORNU),
]
MATCHER = Matcher("fr", FORMS)

#: Pieces that make matches, near-matches and normalisation edge cases frequent.
FRAGMENTS = [
    "force de réassurance", "FORCE DE RÉASSURANCE", "force de « réassurance »",
    "« force de réassurance »", "force\u00a0de\u202fréassurance", "force de re\u0301assurance",
    "forces de réassurance", "force de\u200b réassurance", "force de\u00adréassurance",
    "reassurance force", "“reassurance” force", "cessez-le-feu", "cessez\u2011le\u2011feu",
    "état d'urgence", "ÉTAT D’URGENCE", "État d‘urgence", "zone grise", "« zone grise »",
    "état-major", "ÉTAT-MAJOR", "e\u0301tat-major", "straße", "STRASSE", "strasse",
    "l'OTAN", "l’OTAN", "L’otan", "OTAN", "OTANs", "Sébastien Lecornu", "Se\u0301bastien  Lecornu",
    "Lecornu", "lecornu’s", "«", "»", "“", "”", "‹", "›", "'", "’", "-", "\u00a0", "\u202f",
    "\u200b", "\u200d", "\ufeff", "\u0301", "\u0327", "ß", "ẞ", "İ", "ﬁ", "\r", "\n", "\r\n",
    "\t", " ", "  ", "&", "<", ">", '"', ";", ":", "!", "?", "a", "é", "1", "\x00",
]
_TEXT = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(FRAGMENTS)), max_size=14).map("".join)
#: Entity references, as Markdown and editors write them in HTML (CR and NUL included).
_ENTITIES = st.sampled_from(["&amp;", "&lt;", "&gt;", "&quot;", "&#x27;", "&nbsp;", "&eacute;",
                             "&#13;", "&#0;", "&#x202F;", "&laquo;", "&raquo;", "&rsquo;",
                             "&#233;", "&notin;", "&amp;lt;", "&#1;", "&#x7F;", "&#xFFFE;", "&not"])


def _escaped(text: str) -> str:
    return html.escape(text, quote=False)


def _attribute(text: str) -> str:
    return html.escape(text, quote=True)


@st.composite
def _inline(draw, depth: int = 0) -> str:
    """Inline HTML: text, entities, code, links, emphasis, with term text in attributes."""
    pieces = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(
            ["text", "text", "text", "entity", "code", "a", "em", "span", "br", "img", "comment"]))
        if kind == "text":
            pieces.append(_escaped(draw(_TEXT)))
        elif kind == "entity":
            pieces.append(draw(_ENTITIES))
        elif kind == "code":
            pieces.append(f"<code>{_escaped(draw(_TEXT))}</code>")
        elif kind == "a" and depth < 2:
            href = draw(st.sampled_from(["https://example.org/", "#x", "term:force-de-reassurance",
                                         "who:otan", "force de réassurance"]))
            pieces.append(f'<a href="{_attribute(href)}" title="{_attribute(draw(_TEXT))}">'
                          f"{_escaped(draw(_TEXT))}</a>")
        elif kind in ("em", "span") and depth < 2:
            attribute = f' data-x="{_attribute(draw(_TEXT))}"' if kind == "span" else ""
            pieces.append(f"<{kind}{attribute}>{draw(_inline(depth + 1))}</{kind}>")
        elif kind == "br":
            pieces.append("<br>")
        elif kind == "img":
            pieces.append(f'<img alt="{_attribute(draw(_TEXT))}" src="x.png">')
        elif kind == "comment":
            pieces.append(f"<!-- {_escaped(draw(_TEXT)).replace('-', '=').replace('>', ')')} -->")
    return "".join(pieces)


@st.composite
def _document(draw) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["p", "p", "p", "h2", "pre", "li"]))
        if kind == "p":
            blocks.append(f"<p>{draw(_inline())}</p>")
        elif kind == "h2":
            blocks.append(f'<h2 id="{_attribute(draw(_TEXT))}">{draw(_inline())}</h2>')
        elif kind == "pre":
            blocks.append(f"<pre><code>{_escaped(draw(_TEXT))}</code></pre>")
        else:
            blocks.append(f"<ul><li>{draw(_inline())}</li></ul>")
    return "\n".join(blocks)


#: Tag soup as an editor could paste it into a Markdown body; the pipeline cleans it with
#: the sanitizer before linking, as generator.render does.
_SOUP = st.lists(st.one_of(_TEXT, _ENTITIES, st.sampled_from([
    "<p>", "</p>", "<code>", "</code>", "<a href='term:otan'>", '<a href="https://x.org/">',
    "<a href=javascript:alert(1)>", "</a>", "<h2>", "</h2>", "<h3 title='l’OTAN'>", "</h3>",
    "<pre>", "</pre>", "<script>", "</script>", "<style>", "</style>", "<em>", "</em>",
    "<img src=x onerror=alert(1)>", "<!--", "-->", "<b title='force de réassurance'>", "</b>",
    "<textarea>", "</textarea>", "<svg><title>OTAN</title></svg>", "<table><tr><td>", "</td>",
    "<", ">", '"', "'", "=", "/", "<br/>", "<![CDATA[", "]]>", "<?x ?>", "<!DOCTYPE html>",
])), max_size=24).map("".join)


# -- helpers -------------------------------------------------------------------------------


def render(target: TargetRef, inner: str, foreign_lang: str | None, explicit: bool) -> str:
    return f'<a class="ex-ref">{inner}</a>'


def unknown(target: TargetRef) -> bool:
    return False


def known(target: TargetRef) -> bool:
    return True


def link(source: str, *, first_only: bool = True, is_known=unknown) -> str:
    return link_html(source, MATCHER, render, is_known, first_only=first_only)


def parse(fragment: str):
    return LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{fragment}</body></html>")


def visible(fragment: str) -> str:
    body = parse(fragment).body
    return body.text(deep=True) if body is not None else ""


def ancestors(node) -> list[str]:
    tags = []
    parent = node.parent
    while parent is not None and parent.tag != "body":
        tags.append(parent.tag)
        parent = parent.parent
    return tags


def is_ours(node) -> bool:
    return node.tag == "a" and node.attributes.get("class") == "ex-ref"


def elements(fragment: str) -> list:
    """Every element but the links the pass added, in document order."""
    body = parse(fragment).body
    return [node for node in body.traverse(include_text=False) if node is not body and not is_ours(node)] \
        if body is not None else []


NO_LINK = {"a", "code", "pre", "h2"}


def assert_only_wrapped(source: str, out: str) -> None:
    """``out`` is ``source`` with some text wrapped in ex-ref links, and nothing else."""
    assert visible(out) == visible(source)
    before, after = elements(source), elements(out)
    assert [(n.tag, n.attributes) for n in after] == [(n.tag, n.attributes) for n in before]
    for old, new in zip(before, after):
        if old.tag in NO_LINK:
            assert new.html == old.html, f"<{old.tag}> changed"
    for ours in parse(out).css("a.ex-ref"):
        inside = NO_LINK.intersection(ancestors(ours))
        assert not inside, f"a link inside <{inside.pop()}>: {out}"


def squeeze(text: str) -> str:
    """Visible text up to what typesetting may change: spaces and apostrophes."""
    return "".join(text.replace("’", "'").split())


# -- linking ------------------------------------------------------------------------------


@SETTINGS
@given(_TEXT)
def test_linking_any_text_only_wraps_it(text):
    source = f"<p>{_escaped(text)}</p>"
    for first_only in (True, False):
        out = link(source, first_only=first_only)
        assert_only_wrapped(source, out)


@SETTINGS
@given(_TEXT)
def test_linking_every_mention_is_idempotent(text):
    source = f"<p>{_escaped(text)}</p>"
    once = link(source, first_only=False)
    assert link(once, first_only=False) == once


@SETTINGS
@given(_document())
def test_linking_any_html_only_wraps_text_outside_no_link_zones(source):
    for first_only in (True, False):
        out = link(source, first_only=first_only)
        assert_only_wrapped(source, out)


@SETTINGS
@given(_document())
def test_linking_html_twice_never_nests_links(source):
    once = link(source, first_only=False)
    assert link(once, first_only=False) == once
    # Linking only first mentions is not idempotent by design (a second pass cannot tell
    # which target an existing link stands for, so it links the next mention), but a
    # second pass still only wraps text outside every link, never inside one.
    first = link(source)
    assert_only_wrapped(first, link(first))


@SETTINGS
@given(_document())
def test_explicit_links_keep_their_text(source):
    out = link_html(source, MATCHER, render, known)
    assert visible(out) == visible(source)
    for anchor in parse(out).css("a"):
        assert "a" not in ancestors(anchor), f"nested links: {out}"


@SETTINGS
@given(st.text())
def test_explicit_references_never_raise(markdown):
    for reference in explicit_references(markdown):
        assert markdown[reference.offset:].startswith(("term:", "who:"))


@SETTINGS
@given(st.lists(st.one_of(st.text(max_size=6), st.sampled_from(
    ["[x](term:", "[x](who:", ")", "<", ">", " ", "\n", "](", "term:a", "who:b", "\\"])), max_size=12)
    .map("".join))
def test_explicit_references_find_what_markdown_links_to(markdown):
    for reference in explicit_references(markdown):
        assert reference.target.kind in ("term", "participant")
        assert markdown[reference.offset:].startswith(("term:", "who:"))


@SETTINGS
@given(_SOUP)
def test_linking_sanitized_tag_soup_only_wraps_text(soup):
    cleaned = clean_body(soup)
    first = link(cleaned)
    assert_only_wrapped(cleaned, first)
    every = link(cleaned, first_only=False)
    assert_only_wrapped(cleaned, every)
    assert link(every, first_only=False) == every
    out = typeset(first, "fr")
    assert typeset(out, "fr") == out
    assert squeeze(visible(out)) == squeeze(visible(cleaned))


# -- linking then typesetting ------------------------------------------------------------------


@SETTINGS
@given(_document())
def test_linked_html_typesets_without_changing_words(source):
    linked = link(source)
    out = typeset(linked, "fr")
    assert typeset(out, "fr") == out
    assert squeeze(visible(out)) == squeeze(visible(source))
    before, after = elements(linked), elements(out)
    assert [(n.tag, n.attributes) for n in after] == [(n.tag, n.attributes) for n in before]
    for old, new in zip(before, after):
        if old.tag in ("code", "pre"):
            assert new.html == old.html
    assert [squeeze(a.text()) for a in parse(out).css("a.ex-ref")] == \
        [squeeze(a.text()) for a in parse(linked).css("a.ex-ref")]


@SETTINGS
@given(st.text())
def test_typeset_never_raises_on_any_string(text):
    out = typeset(text, "fr")
    assert typeset(out, "fr") == out


# -- normalisation examples ---------------------------------------------------------------------


def linked_texts(source: str) -> list[str]:
    return [a.text() for a in parse(link(source, first_only=False)).css("a.ex-ref")]


def test_every_written_form_of_a_term_is_linked_with_its_own_text():
    cases = {
        "la force de « réassurance » est": "force de « réassurance »",
        "la FORCE DE RE\u0301ASSURANCE est": "FORCE DE RE\u0301ASSURANCE",
        "l’OTAN et": "l’OTAN",
        "une STRASSE": "STRASSE",
        "l’e\u0301tat-major": "e\u0301tat-major",
        unicodedata.normalize("NFD", "l’état-major"): unicodedata.normalize("NFD", "état-major"),
    }
    for text, expected in cases.items():
        assert linked_texts(f"<p>{_escaped(text)}</p>") == [expected], text


# -- reading content --------------------------------------------------------------------------

_YAML_PIECES = st.sampled_from([
    "---\n", "---", "\n", "\r\n", "\r", "title: ", "lang: fr", "lang: en", "date: 2025-04-10",
    "date: 2025-02-30", "summary: ", "translation_of: fr", "slug: ", "participants:", "  - id: x",
    "    quotes: [", "]", "[", "{", "}", ":", "- ", "  ", "? ", "&a ", "*a", "!!binary ", "!!python/none",
    "\ufeff", "\x00", "\x1f", "\t", "key_facts: ", "timeline:", "  - date: 2025-01-01",
    "    event: ", "[x](term:", "[y](who:", ")", "&", "<", "é", "e\u0301", "'", '"', "#", "|", ">",
    "9" * 30, "fr:", "en:", "  term: ", "  short: ", "  definition: ", "  aliases: [", "related: [",
    "sources:", "  - {title: t, url: ", "kind: person", "kind: country", "kind: group", "iso: ",
    "name: ", "members: [", "affiliation: ", "role:", "  fr: ", "  en: ", "aliases:", "description:",
])
_FILE = st.lists(st.one_of(_YAML_PIECES, st.text(max_size=4)), max_size=30).map("".join)
@pytest.fixture(scope="module")
def content_dirs(tmp_path_factory: pytest.TempPathFactory):
    """A fresh content folder per example (generator.load caches files by path and mtime)."""
    root = tmp_path_factory.mktemp("any-content")
    return (root / str(number) / "content" for number in itertools.count())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fr=_FILE, en=_FILE, entry=_FILE, participant=_FILE, tail=st.binary(max_size=12))
def test_reading_any_content_reports_and_never_raises(content_dirs, fr, en, entry, participant, tail):
    content_dir = next(content_dirs)
    files = {"articles/a/fr.md": fr.encode("utf-8", "surrogatepass"),
             "articles/a/en.md": en.encode("utf-8", "surrogatepass") + tail,
             "glossary/g.yml": entry.encode("utf-8", "surrogatepass"),
             "participants/p.yml": participant.encode("utf-8", "surrogatepass") + tail}
    for relative, data in files.items():
        path = content_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    _, diagnostics = validate_site(content_dir, ("fr", "en"), Diagnostics(root=content_dir.parent))
    for diagnostic in diagnostics:
        assert diagnostic.position.line >= 1 and diagnostic.position.column >= 1
        # One line each, whatever the keys and values quoted in it: no control, line
        # break or invisible format character (bidi override, zero width).
        assert all(c.isprintable() or unicodedata.category(c) == "Zs" for c in diagnostic.message)
