"""Render planned pages to HTML through small Jinja2 templates in ``overrides/explainer/``.

One Jinja environment per language, each with that language's gettext catalog
installed, so ``{{ _("Key terms") }}`` is French on French pages and English on
English pages within a single build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

import jinja2
from markupsafe import Markup

from . import locale
from .plan import PageKind, PlannedPage, SitePlan

TEMPLATE_PREFIX = "explainer/"


class Renderer:
    """Renders the content area of every generated page."""

    def __init__(self, plan: SitePlan, template_dirs: Iterable[Path | str]):
        self.plan = plan
        self.template_dirs = [str(d) for d in template_dirs]
        self._environments: dict[str, jinja2.Environment] = {}

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
            env.globals["language_name"] = locale.language_name
            env.globals["gettext_in"] = locale.gettext
            self._environments[lang] = env
        return env

    def _render(self, template: str, page: PlannedPage, **context: Any) -> str:
        env = self.environment(page.lang)

        def url(target: PlannedPage, anchor: str = "") -> str:
            return self.plan.relative_url(page, target, anchor)

        return env.get_template(TEMPLATE_PREFIX + template).render(
            page=page, plan=self.plan, url=url, lang=page.lang, **context)

    def article(self, page: PlannedPage, body_html: str) -> str:
        return self._render("article.html", page, body=Markup(body_html))

    def home(self, page: PlannedPage) -> str:
        return self._render("home.html", page, articles=self.plan.articles(page.lang))

    def explainers(self, page: PlannedPage) -> str:
        return self._render("explainers.html", page, articles=self.plan.articles(page.lang))

    def root(self, page: PlannedPage) -> str:
        homes = [self.plan.pages[("home", lang)] for lang in self.plan.languages]
        return self._render("root.html", page, homes=homes)

    def content(self, page: PlannedPage, body_html: str = "") -> str:
        """The whole content area of ``page``."""
        if page.kind is PageKind.ARTICLE:
            return self.article(page, body_html)
        return getattr(self, page.kind.value)(page)
