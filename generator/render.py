"""Render planned pages to HTML through small Jinja2 templates in ``overrides/explainer/``.

One Jinja environment per language, each with that language's gettext catalog
installed, so ``{{ _("Key terms") }}`` is French on French pages and English on
English pages within a single build.
"""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import groupby
from pathlib import Path
from typing import Any, Callable, Iterable

import jinja2
import jinja2.bccache
from markupsafe import Markup

from . import authors, dossiers, linked_data, locale, reading, share_card, worldmap
from .cache import BuildCache, digest
from .editor_markdown import Conversions, markdown_to_html
from .linking import apply_links
from .model import ArticleParticipant, Participant, ParticipantKind, TargetRef
from .plan import PageKind, PlannedPage, Related, SitePlan
from .typography import typeset

TEMPLATE_PREFIX = "explainer/"
SHARE_CARD_TEMPLATE = TEMPLATE_PREFIX + "share-card.svg"


FLAGS_DIR = Path(__file__).parent / "flags"
FLAG_ASSET = "assets/explainer/flags/{code}.svg"
MAP_ASSET = "assets/explainer/maps/{article}.svg"
#: How many of the terms and participants a related explainer shares are named.
RELATED_REASONS = 3


@dataclass(frozen=True)
class Card:
    """A participant as shown on one article: with its role there and its quotes."""

    participant: Participant
    page: PlannedPage
    role: str | None
    quotes: tuple[str, ...]


#: Around a slot: noncharacters, which no typographic rule reads as a space or a mark.
_SLOT_OPEN, _SLOT_CLOSE = "\ufdd0", "\ufdd1"


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


@jinja2.pass_context
def _markdown_filter(context: jinja2.runtime.Context, text: str) -> Markup:
    """``| markdown``: through the build's kept conversions when the page has them."""
    return context.get("convert_markdown", markdown_to_html)(text)


def json_ld(data: Any) -> Markup:
    """JSON for a <script type="application/ld+json">, safe against '</script>'."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


@jinja2.pass_context
def _date_filter(context: jinja2.runtime.Context, value, fmt: str = "long") -> str:
    return locale.format_date(value, context["plan"].locale_of(context["lang"]), fmt)


@lru_cache(maxsize=8)
def _environment(template_dirs: tuple[str, ...]) -> jinja2.Environment:
    """One environment for every language, kept for the process.

    Templates compile once (not once per language, nor once per rebuild under
    ``mkdocs serve``: see ``_refreshed``); the page's own catalog arrives with
    each render (see ``_translations``).
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(list(template_dirs)),
        # Jinja's auto_reload stats the template file at every get_template,
        # includes too: tens of stats per page. Freshness is checked once per
        # build instead (_refreshed).
        auto_reload=False,
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.install_null_translations(newstyle=True)
    env.filters["date"] = _date_filter
    env.filters["json_ld"] = json_ld
    env.filters["markdown"] = _markdown_filter
    env.globals["language_name"] = locale.language_name
    env.globals["gettext_in"] = locale.gettext
    return env


def _refreshed(template_dirs: tuple[str, ...]) -> jinja2.Environment:
    """The process's environment, its compiled templates dropped if a file changed since."""
    env = _environment(template_dirs)
    cache = env.cache
    if cache is not None and not all(template.is_up_to_date for template in cache.values()):
        cache.clear()
    return env


@lru_cache(maxsize=None)
def _translations(lang: str) -> dict[str, Any]:
    """``_``, ``gettext`` and ``ngettext`` for one language, as Jinja's newstyle
    gettext behaves: the message is trusted markup, its variables are escaped."""
    catalog = locale.translations(lang)

    def gettext(message: str, **variables: Any) -> str:
        text = Markup(catalog.gettext(message))
        return text % variables if variables else text

    def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
        variables.setdefault("num", num)
        return Markup(catalog.ngettext(singular, plural, num)) % variables

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's compiled templates, kept across `mkdocs serve` rebuilds.

    MkDocs makes a new Jinja environment for every build, so every rebuild
    compiled Material's templates again (about half a second). Jinja checks
    each template's source checksum before using its code: an edited
    template is compiled anew.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class Renderer:
    """Finishes the content area of every generated page: a function of the plan, the
    page and (for an article) its body's HTML. Nothing is gathered from one page to
    the next but memoised fragments (each a function of its key), so pages can be
    finished in any order with the same bytes."""

    def __init__(self, plan: SitePlan, template_dirs: Iterable[Path | str],
                 site_url: str | None = None, link_first_only: bool = True,
                 cache: BuildCache | None = None, site_name: str = ""):
        self.plan = plan
        self.site_name = site_name
        self.cache = cache or BuildCache(None, "")
        self.template_dirs = [str(d) for d in template_dirs]
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.link_first_only = link_first_only
        #: Definitions as HTML, kept in the build cache.
        self.conversions = Conversions(cache)
        self._environment = _refreshed(tuple(self.template_dirs))
        self._fragments: dict[tuple, Markup] = {}
        self._maps: dict[str, tuple[list[Participant], int | None]] = {}
        # Slots of the page being rendered (see _slot); the nonce keeps page text
        # from ever reading as a slot.
        self._slots: list[str] | None = None
        self._slot_nonce = secrets.token_hex(8)
        self._slot_pattern = re.compile(f"{_SLOT_OPEN}{self._slot_nonce}x([0-9]+){_SLOT_CLOSE}")

    def environment(self) -> jinja2.Environment:
        return self._environment

    # -- rendering --------------------------------------------------------------------

    def _context(self, page: PlannedPage) -> dict[str, Any]:
        def url(target: PlannedPage, anchor: str = "") -> str:
            return self.plan.relative_url(page, target, anchor)

        def absolute(target: PlannedPage) -> str | None:
            return self.site_url + target.url if self.site_url else None

        def flag_url(participant: Participant) -> str | None:
            if participant.iso is None:
                return None
            return self.plan.asset_url(page, FLAG_ASSET.format(code=participant.iso.lower()))

        def participant_page(participant_id: str) -> PlannedPage | None:
            return self.plan.pages.get(("participant", participant_id, page.lang))

        def tip(target: TargetRef, target_page: PlannedPage) -> Markup:
            # A tooltip shows the target alone; its only link is a flag's
            # (relative) address, so that is all that varies between articles.
            who = target_page.participant
            key = ("tip", target, page.lang, flag_url(who) if who is not None else None)
            return self._fragment(key, "partials/tip.html", page,
                                  target=target, target_page=target_page)

        def participant_card(card: Card) -> Markup:
            # Listed participants carry the article's role and quotes; the
            # links are relative, so the card's own address goes in the key
            # (pages the same distance away get the same card).
            key = ("card", card.participant.id, page.lang, card.role, card.quotes,
                   url(card.page), flag_url(card.participant))
            return self._fragment(key, "partials/participant-card.html", page, card=card)

        def names(pages: list[PlannedPage]) -> Markup:
            # "A, B and C" by CLDR, each name a link to the person's page.
            links = [str(Markup('<a href="{}">{}</a>').format(url(who), who.title)) for who in pages]
            return Markup(locale.format_list(links, self.plan.locale_of(page.lang)))

        return {**_translations(page.lang),
                "byline": lambda: authors.byline(self.plan, page), "names": names,
                "article_ld": lambda cards, terms: linked_data.article_ld(
                    self.plan, page, cards, terms, absolute,
                    share_card.card_url(self.plan, page, self.site_url), self.site_url),
                "dossiers_of": lambda: dossiers.dossiers_of(self.plan, page),
                "dossier_pages": lambda: dossiers.dossier_pages(self.plan, page.lang),
                "dossier_articles": lambda d: dossiers.dossier_articles(self.plan, d.dossier.id, page.lang),
                "page": page, "plan": self.plan, "url": url, "absolute_url": absolute,
                "share_card_url": lambda target: share_card.card_url(self.plan, target, self.site_url),
                "flag_countries": self.flag_countries,
                "lang": page.lang, "flag_url": flag_url,
                "participant_page": participant_page, "Kind": ParticipantKind,
                "member_target": lambda who: TargetRef("participant", who.id),
                "tip": tip, "participant_card": participant_card,
                "convert_markdown": self.conversions}

    def _fragment(self, key: tuple, template: str, page: PlannedPage, **context: Any) -> Markup:
        """A partial that many pages print alike (tooltips, cards): rendered and
        typeset once per build, then stood in for by a slot (see ``content``)."""
        html = self._fragments.get(key)
        if html is None:
            slots, self._slots = self._slots, None  # a fragment is whole, slot-free
            try:
                html = Markup(typeset(self._render(template, page, **context), page.lang))
            finally:
                self._slots = slots
            self._fragments[key] = html
        return self._slot(html)

    def _slot(self, html: str) -> Markup:
        """What stands for ``html``, already typeset, in the page being rendered.

        French typography scans every line of a page; the article body and the
        fragments are typeset on their own (each fragment once per build) and
        put in after the rest of the page is. They are whole blocks (div,
        article), and a typographic line never crosses a block's edge, so the
        result is the same as typesetting the whole page.
        """
        if self._slots is None:
            return Markup(html)
        self._slots.append(html)
        return Markup(f"{_SLOT_OPEN}{self._slot_nonce}x{len(self._slots) - 1}{_SLOT_CLOSE}")

    def _render(self, template: str, page: PlannedPage, **context: Any) -> str:
        env = self.environment()
        return env.get_template(TEMPLATE_PREFIX + template).render(**self._context(page), **context)

    def link_article(self, page: PlannedPage, body_html: str) -> str:
        """An article's body with the links the plan's mentions make."""
        env = self.environment()
        reference = env.get_template(TEMPLATE_PREFIX + "partials/reference.html")
        context = self._context(page)
        # The inline link template gets a small context of its own, without
        # the page: it is rendered once per build for all the articles that
        # link the same words to the same place (see render_link).
        link_context = {"url": context["url"], "lang": page.lang}

        def render_link(target: TargetRef, inner: str, foreign_lang: str | None,
                        explicit: bool) -> str:
            target_page = self.plan.target_page(target, page.lang)
            # The same words link to the same page from many articles: render
            # each (target, words, relative address) once per build.
            key = ("link", target, page.lang, inner, foreign_lang, explicit,
                   self.plan.relative_url(page, target_page) if target_page else None)
            html = self._fragments.get(key)
            if html is None:
                html = self._fragments[key] = reference.render(
                    link_context, target=target, target_page=target_page, inner=Markup(inner),
                    foreign_lang=foreign_lang, explicit=explicit)
            return html

        return apply_links(body_html, self.plan.mentions.get(page.key, ()), render_link,
                           first_only=self.link_first_only)

    def article(self, page: PlannedPage, linked_body: str) -> str:
        """The article around its linked body."""
        assert page.version is not None
        used = self.plan.mentioned(page)
        cards = self._cards(page, page.version.meta.participants, used)
        targets = [(t, self.plan.target_page(t, page.lang)) for t in used]
        terms = [(t, p) for t, p in targets if t.kind == "term" and p is not None]
        converted = self.plan.bodies.get(page.key)
        minutes = reading.reading_minutes(converted.words if converted is not None
                                          else reading.word_count(page.version.body))
        countries, height = self.article_map(page.article.id) if page.article is not None else ([], None)
        map_url = (self.plan.asset_url(page, MAP_ASSET.format(article=page.article.id))
                   if height else None)
        names = sorted((self.plan.pages[("participant", who.id, page.lang)].title for who in countries),
                       key=collation_key)
        return self._render("article.html", page, body=Markup(linked_body),
                            used=targets, terms=terms, cards=cards, reading_minutes=minutes,
                            related=self.plan.related(page), related_names=self.related_names,
                            map_url=map_url, map_countries=names,
                            map_height=height)

    def article_map(self, article_id: str) -> tuple[list[Participant], int | None]:
        """The countries of an explainer's map and the map's height (None without a map),
        found once per explainer for all its languages, without drawing the map."""
        found = self._maps.get(article_id)
        if found is None:
            countries = self.map_countries(article_id)
            height = worldmap.drawn_height(self._map_codes(countries)) if countries else None
            found = self._maps[article_id] = (countries, height)
        return found

    @staticmethod
    def _map_codes(countries: list[Participant]) -> tuple[str, ...]:
        return tuple(who.iso for who in countries if who.iso is not None)

    def related_names(self, related: Related, limit: int = RELATED_REASONS) -> list[str]:
        """What a related explainer is also about, as the reader knows it: a term as the
        glossary of the page's language writes it, a participant by its name as written
        in running text (« coalition internationale… », not the page title's capital)."""
        lang = related.page.lang
        names = []
        for target in related.shared[:limit]:
            target_page = self.plan.target_page(target, lang)
            if target_page is None:
                continue
            names.append(target_page.entry.texts[lang].term if target_page.entry is not None
                         else target_page.participant.names[lang])
        return names

    def map_countries(self, article_id: str) -> list[Participant]:
        """The countries an explainer involves, in any of its languages: those it names
        or lists, and the member countries of the groups it does (found on the map)."""
        found: dict[str, Participant] = {}
        participants = self.plan.content.participants
        keys = (("article", article_id, lang) for lang in sorted(self.plan.languages))
        for key in (key for key in keys if key in self.plan.pages):
            for target in self.plan.references(self.plan.pages[key]):
                who = participants.get(target.id) if target.kind == "participant" else None
                if who is None:
                    continue
                for each in [who, *(participants[m] for m in who.members if m in participants)]:
                    if (each.kind is ParticipantKind.COUNTRY and each.iso is not None
                            and worldmap.known(each.iso)):
                        found[each.id] = each
        return [found[key] for key in sorted(found)]

    def _cards(self, page: PlannedPage, listed: list[ArticleParticipant],
               linked: list[TargetRef]) -> list[Card]:
        """Participants listed in the frontmatter first, then those only mentioned."""
        cards: dict[str, Card] = {}
        for item in listed:
            target_page = self.plan.pages.get(("participant", item.id, page.lang))
            if target_page is not None and target_page.participant is not None:
                cards[item.id] = Card(target_page.participant, target_page, item.role,
                                      tuple(item.quotes))
        for target in linked:
            target_page = self.plan.target_page(target, page.lang)
            if (target.kind == "participant" and target.id not in cards and target_page is not None
                    and target_page.participant is not None):
                cards[target.id] = Card(target_page.participant, target_page, None, ())
        return list(cards.values())

    def home(self, page: PlannedPage) -> str:
        return self._render("home.html", page, articles=self.plan.articles(page.lang))

    def explainers(self, page: PlannedPage) -> str:
        return self._render("explainers.html", page, articles=self.plan.articles(page.lang))

    def root(self, page: PlannedPage) -> str:
        homes = [self.plan.pages[("home", lang)] for lang in self.plan.languages]
        return self._render("root.html", page, homes=homes)

    def not_found(self, page: PlannedPage) -> str:
        return self._render("not-found.html", page)

    def root_not_found(self) -> Markup:
        """The content of the site's root 404.html (a theme template, not a planned
        page): "page not found" in every language, each part marked with its language,
        linking to that language's home. Its links are relative to the site's root
        (404.html sets <base>: the page is served at any address)."""
        root = self.plan.pages[("root",)]
        homes = [self.plan.pages[("home", lang)] for lang in self.plan.languages]
        return Markup(typeset(self._render("not-found-root.html", root, homes=homes), root.lang))

    def glossary(self, page: PlannedPage) -> str:
        terms = [self.plan.pages[("term", entry_id, page.lang)]
                 for entry_id in self.plan.content.glossary]
        terms.sort(key=lambda term: collation_key(term.entry.texts[page.lang].term))
        letters = [(letter, list(group)) for letter, group in
                   groupby(terms, key=lambda term: index_letter(term.entry.texts[page.lang].term))]
        return self._render("glossary.html", page, letters=letters, terms=terms)

    def term(self, page: PlannedPage) -> str:
        assert page.entry is not None
        entry = page.entry
        target = TargetRef("term", entry.id)
        related = [self.plan.pages[("term", ref, page.lang)] for ref in entry.related
                   if ("term", ref, page.lang) in self.plan.pages]
        return self._render("term.html", page, entry=entry, text=entry.texts[page.lang],
                            related=related,
                            backlinks=self.plan.articles_using(target, page.lang))

    def participants(self, page: PlannedPage) -> str:
        groups = []
        for kind in ParticipantKind:
            members = [self.plan.pages[("participant", p.id, page.lang)]
                       for p in self.plan.content.participants.values() if p.kind is kind]
            members.sort(key=lambda member: collation_key(member.participant.names[page.lang]))
            if members:
                groups.append((kind, members))
        return self._render("participants.html", page, groups=groups)

    def participant(self, page: PlannedPage) -> str:
        """Lists every article mentioning the participant, with its role there."""
        assert page.participant is not None
        participant = page.participant
        target = TargetRef("participant", participant.id)
        groups = [self.plan.pages[("participant", group, page.lang)]
                  for group in self.plan.groups_of(participant.id)]
        direct = set(p.key for p in self.plan.articles_using(target, page.lang))
        appearances = []
        for article in self.plan.articles_involving(target, page.lang):
            assert article.version is not None
            # Its own role there; else the role of the group it is in there.
            through = None
            listed = next((item for item in article.version.meta.participants
                           if item.id == participant.id), None)
            if article.key not in direct:
                through = next(group for group in groups if article in self.plan.articles_using(
                    TargetRef("participant", group.participant.id), page.lang))
                listed = next((item for item in article.version.meta.participants
                               if item.id == through.participant.id), None)
            appearances.append((article, listed.role if listed else None,
                                tuple(listed.quotes) if listed and through is None else (), through))
        return self._render("participant.html", page, participant=participant,
                            appearances=appearances, groups=groups,
                            card=Card(participant, page, None, ()))

    def dossiers(self, page: PlannedPage) -> str:
        return self._render("dossiers.html", page)

    def dossier(self, page: PlannedPage) -> str:
        assert page.dossier is not None
        articles = dossiers.dossier_articles(self.plan, page.dossier.id, page.lang)
        participants, terms = dossiers.split_shared(dossiers.shared_references(self.plan, articles))
        return self._render("dossier.html", page, text=page.dossier.texts[page.lang],
                            articles=articles, timeline=dossiers.merged_timeline(articles),
                            shared_participants=participants, shared_terms=terms,
                            feed_url=self.plan.asset_url(page, dossiers.feed_path(page)))

    def author(self, page: PlannedPage) -> str:
        assert page.author is not None
        written, translated = authors.author_articles(self.plan, page.author.id, page.lang)
        return self._render("author.html", page, who=page.author, text=page.author.texts[page.lang],
                            written=written, translated=translated,
                            publisher=authors.publisher_ld(self.plan, self.site_url))

    def flag_countries(self, page: PlannedPage) -> list[Participant]:
        """The countries of an explainer's flags, in the order its participants come
        (listed, then mentioned; a group's members after it)."""
        assert page.version is not None
        found: dict[str, Participant] = {}
        participants = self.plan.content.participants
        for card in self._cards(page, page.version.meta.participants, self.plan.mentioned(page)):
            who = card.participant
            for each in [who, *(participants[m] for m in who.members if m in participants)]:
                if (each.kind is ParticipantKind.COUNTRY and each.iso is not None
                        and (FLAGS_DIR / f"{each.iso.lower()}.svg").is_file()):
                    found.setdefault(each.id, each)
        return list(found.values())

    def share_card_text(self, page: PlannedPage) -> share_card.CardText:
        """What an explainer's share card shows (see generator.share_card)."""
        assert page.version is not None
        return share_card.CardText(
            title=page.title, date=locale.format_date(page.version.meta.date,
                                                      self.plan.locale_of(page.lang), "long"),
            site_name=self.site_name, lang=page.lang,
            flags=tuple(who.iso.lower() for who in self.flag_countries(page) if who.iso))

    def share_card_png(self, page: PlannedPage, template_source: str) -> bytes:
        """An explainer's share card: read from the build cache, or laid out and drawn."""
        env, name = self.environment(), SHARE_CARD_TEMPLATE
        text = self.share_card_text(page)
        return share_card.card_png(
            share_card.card_key(text, template_source),
            lambda: env.get_template(name).render(share_card.layout(text)), self.cache)

    def asset_files(self) -> dict[str, bytes | Path | Callable[[], bytes]]:
        """Site path → the files the pages show (their bytes, the file to copy, or what makes
        the bytes): the flag of every country participant, the map of every explainer involving countries (see
        generator.worldmap) and, when the site makes them, every explainer's share card
        in each language (see generator.share_card), as what makes it when it is written;
        the publisher's logo file."""
        files: dict[str, bytes | Path | Callable[[], bytes]] = {}
        if self.plan.share_cards:
            env = self.environment()
            source = env.loader.get_source(env, SHARE_CARD_TEMPLATE)[0]
            for page in self.plan.pages.values():
                path = share_card.card_path(page)
                if path is not None:
                    files[path] = partial(self.share_card_png, page, source)
        maps = {}
        for article_id in self.plan.content.articles:
            countries, height = self.article_map(article_id)
            if height is not None:
                maps[article_id] = self._map_codes(countries)
        needed = worldmap.outlines_needed(maps.values())
        worldmap.use_outlines(self.cache.get(
            "map-outlines", digest(repr(needed)), _outlines_from_cache,
            lambda: worldmap.outlines(needed), lambda kept: kept))
        for article_id, codes in maps.items():
            # Drawn when MkDocs writes it, then let go: 1,000 maps would hold 200 MB.
            draw = partial(worldmap.map_svg, codes)
            draw.fingerprint = ("map", worldmap.__name__, draw.args)  # type: ignore[attr-defined]
            files[MAP_ASSET.format(article=article_id)] = draw
        for participant in self.plan.content.participants.values():
            if participant.iso is not None:
                source = FLAGS_DIR / f"{participant.iso.lower()}.svg"
                if source.is_file():
                    files[FLAG_ASSET.format(code=participant.iso.lower())] = source
        publisher = self.plan.publisher
        if publisher is not None and publisher.logo_file is not None:  # checked by config
            files[publisher.logo_site_path] = publisher.logo_file.read_bytes()
        return files

    def content(self, page: PlannedPage, body: str = "") -> str:
        """The whole content area of ``page``, typeset for its language (an article's
        from its body's HTML, as converted: see generator.convert)."""
        self._slots = slots = []
        try:
            if page.kind is PageKind.ARTICLE:
                linked = self.link_article(page, body)
                html = self.article(page, self._slot(typeset(linked, page.lang)))
            else:
                html = getattr(self, page.kind.value)(page)
        finally:
            self._slots = None
        html = typeset(html, page.lang)
        if not slots:
            return html
        return self._slot_pattern.sub(lambda found: slots[int(found.group(1))], html)


_OUTLINE_NAME = re.compile(r"[A-Z0-9-]+:-?[0-9]+")  # "code:level" (codes such as UM-DQ)


def _outlines_from_cache(kept: object) -> dict[str, str]:
    if not isinstance(kept, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                             and _OUTLINE_NAME.fullmatch(k) for k, v in kept.items()):
        raise ValueError("malformed outlines")
    return kept
