"""Render planned pages to HTML through small Jinja2 templates in ``overrides/explainer/``.

One Jinja environment per language, each with that language's gettext catalog
installed, so ``{{ _("Key terms") }}`` is French on French pages and English on
English pages within a single build.
"""

from __future__ import annotations

import json
import unicodedata
from itertools import groupby
from pathlib import Path
from typing import Any, Iterable

import jinja2
import markdown as markdown_lib
from markupsafe import Markup

from . import locale
from .linking import Form, Matcher, link_html
from .model import TargetRef
from .plan import PageKind, PlannedPage, SitePlan
from .references import References

TEMPLATE_PREFIX = "explainer/"


def collation_key(text: str) -> tuple[str, str]:
    """Dictionary order: accents and case only break ties, so 'é' sorts with 'e'.

    CLDR's root collation orders French and English this way; babel ships no
    collator, so the primary key is the text with its accents stripped.
    """
    base = "".join(c for c in unicodedata.normalize("NFD", text.casefold())
                   if not unicodedata.combining(c))
    return base, text


def index_letter(text: str) -> str:
    base = collation_key(text)[0].lstrip(" «“\"'’-")
    letter = base[:1].upper()
    return letter if letter.isalpha() else "#"


def markdown_to_html(text: str) -> Markup:
    """Editors' Markdown in definitions and descriptions; raw HTML is escaped."""
    converter = markdown_lib.Markdown(extensions=["smarty"], output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return Markup(converter.convert(text))


def json_ld(data: Any) -> Markup:
    """JSON for a <script type="application/ld+json">, safe against '</script>'."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


class Renderer:
    """Renders the content area of every generated page."""

    def __init__(self, plan: SitePlan, template_dirs: Iterable[Path | str],
                 site_url: str | None = None, link_first_only: bool = True):
        self.plan = plan
        self.template_dirs = [str(d) for d in template_dirs]
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.link_first_only = link_first_only
        self.references = References(plan)
        self._environments: dict[str, jinja2.Environment] = {}
        self._matchers: dict[str, Matcher] = {}

    # -- environments and matchers ---------------------------------------------------

    def environment(self, lang: str) -> jinja2.Environment:
        env = self._environments.get(lang)
        if env is None:
            env = jinja2.Environment(
                loader=jinja2.FileSystemLoader(self.template_dirs),
                autoescape=True,
                extensions=["jinja2.ext.i18n"],
                trim_blocks=True,
                lstrip_blocks=True,
                undefined=jinja2.StrictUndefined,
            )
            env.install_gettext_translations(locale.translations(lang), newstyle=True)
            env.filters["date"] = lambda value, fmt="long": locale.format_date(value, lang, fmt)
            env.filters["json_ld"] = json_ld
            env.filters["markdown"] = markdown_to_html
            env.globals["language_name"] = locale.language_name
            env.globals["gettext_in"] = locale.gettext
            self._environments[lang] = env
        return env

    def matcher(self, lang: str) -> Matcher:
        matcher = self._matchers.get(lang)
        if matcher is None:
            forms = []
            for entry in self.plan.content.glossary.values():
                target = TargetRef("term", entry.id)
                for form_lang in entry.texts:
                    forms.extend(Form(text, form_lang, target) for text in entry.forms(form_lang))
            matcher = self._matchers[lang] = Matcher(lang, forms)
        return matcher

    def known(self, target: TargetRef) -> bool:
        return self.plan.target_page(target, self.plan.default_language) is not None

    # -- rendering --------------------------------------------------------------------

    def _context(self, page: PlannedPage) -> dict[str, Any]:
        def url(target: PlannedPage, anchor: str = "") -> str:
            return self.plan.relative_url(page, target, anchor)

        def absolute(target: PlannedPage) -> str | None:
            return self.site_url + target.url if self.site_url else None

        return {"page": page, "plan": self.plan, "url": url, "absolute_url": absolute,
                "lang": page.lang, "references": self.references}

    def _render(self, template: str, page: PlannedPage, **context: Any) -> str:
        env = self.environment(page.lang)
        return env.get_template(TEMPLATE_PREFIX + template).render(**self._context(page), **context)

    def article(self, page: PlannedPage, body_html: str) -> str:
        """Phase one: link the body, record what it uses, render the article."""
        env = self.environment(page.lang)
        reference = env.get_template(TEMPLATE_PREFIX + "partials/reference.html")
        context = self._context(page)

        def render_link(target: TargetRef, inner: str, foreign_lang: str | None,
                        explicit: bool) -> str:
            target_page = self.plan.target_page(target, page.lang)
            return reference.render(**context, target=target, target_page=target_page,
                                    inner=Markup(inner), foreign_lang=foreign_lang,
                                    explicit=explicit)

        linked = link_html(body_html, self.matcher(page.lang), render_link, self.known,
                           first_only=self.link_first_only)
        self.references.record(page, linked.used)
        targets = [(t, self.plan.target_page(t, page.lang)) for t in linked.used]
        terms = [(t, p) for t, p in targets if t.kind == "term" and p is not None]
        return self._render("article.html", page, body=Markup(linked.html),
                            used=targets, terms=terms)

    def home(self, page: PlannedPage) -> str:
        return self._render("home.html", page, articles=self.plan.articles(page.lang))

    def explainers(self, page: PlannedPage) -> str:
        return self._render("explainers.html", page, articles=self.plan.articles(page.lang))

    def root(self, page: PlannedPage) -> str:
        homes = [self.plan.pages[("home", lang)] for lang in self.plan.languages]
        return self._render("root.html", page, homes=homes)

    def glossary(self, page: PlannedPage) -> str:
        terms = [self.plan.pages[("term", entry_id, page.lang)]
                 for entry_id in self.plan.content.glossary]
        terms.sort(key=lambda term: collation_key(term.entry.texts[page.lang].term))
        letters = [(letter, list(group)) for letter, group in
                   groupby(terms, key=lambda term: index_letter(term.entry.texts[page.lang].term))]
        return self._render("glossary.html", page, letters=letters, terms=terms)

    def term(self, page: PlannedPage) -> str:
        """Phase two: needs every article's references."""
        assert page.entry is not None
        entry = page.entry
        target = TargetRef("term", entry.id)
        related = [self.plan.pages[("term", ref, page.lang)] for ref in entry.related
                   if ("term", ref, page.lang) in self.plan.pages]
        return self._render("term.html", page, entry=entry, text=entry.texts[page.lang],
                            related=related,
                            backlinks=self.references.articles_using(target, page.lang))

    def content(self, page: PlannedPage, body_html: str = "") -> str:
        """The whole content area of ``page``."""
        if page.kind is PageKind.ARTICLE:
            return self.article(page, body_html)
        return getattr(self, page.kind.value)(page)
