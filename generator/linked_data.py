"""An explainer's schema.org ``NewsArticle`` (JSON-LD): what search engines and news
aggregators read of it.

Made here rather than in the article's template: built in Jinja, with a dictionary
update per statement, it took a sixth of the template's time (0.7 s of a cold build of
1,000 explainers); the template prints it with the ``json_ld`` filter.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from . import authors
from .model import ParticipantKind, TargetRef
from .plan import PlannedPage, SitePlan

Absolute = Callable[[PlannedPage], "str | None"]

_PARTICIPANT_TYPES = {"country": "Country", "person": "Person"}


def article_ld(plan: SitePlan, page: PlannedPage, cards: Iterable[Any],
               terms: Iterable[tuple[TargetRef, PlannedPage]], absolute: Absolute,
               share_card: str | None, site_url: str | None) -> dict[str, Any]:
    """The NewsArticle of the explainer ``page``: its translations, who made it, and the
    participants (``cards``) and glossary terms (``terms``) it mentions."""
    assert page.version is not None
    meta, lang = page.version.meta, page.lang
    mentions: list[dict[str, Any]] = []
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": page.title,
        "description": meta.summary, "datePublished": meta.date.isoformat(), "inLanguage": lang,
        "mentions": mentions,
    }
    if page.version.modified:
        data["dateModified"] = page.version.modified.isoformat()
    data.update(authors.credits_ld(plan, page, absolute, site_url))
    for code, other in sorted(page.translations.items()):
        if other is page:
            continue
        work: dict[str, Any] = {"@type": "NewsArticle", "headline": other.title, "inLanguage": code}
        _add_url(work, absolute(other))
        if other.version is not None and other.version.is_original:
            data["translationOfWork"] = work
        else:
            data.setdefault("workTranslation", []).append(work)
    url = absolute(page)
    if url:
        data["url"] = data["mainEntityOfPage"] = url
    if share_card:
        data["image"] = share_card
    for card in cards:
        who = card.participant
        item = {"@type": _PARTICIPANT_TYPES.get(who.kind.value, "Organization"),
                "name": card.page.title}
        _add_url(item, absolute(card.page))
        if who.kind == ParticipantKind.PERSON and who.role.get(lang):
            item["jobTitle"] = who.role[lang]
        mentions.append(item)
    for _, term_page in terms:
        item = {"@type": "DefinedTerm", "name": term_page.entry.texts[lang].term}
        _add_url(item, absolute(term_page))
        mentions.append(item)
    return data


def _add_url(item: dict[str, Any], url: str | None) -> None:
    if url:
        item["url"] = url
