"""What an edit affects, for fast previews (``mkdocs serve --dirty``).

A full build re-renders thousands of pages; after one article is saved only
its own pages, the lists of explainers, the glossary and participant pages
of what it mentions (before and after the edit) and the explainers that
mention the same (their related reading) can change. Anything
else (a glossary entry, a participant, the options) affects every page.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from dataclasses import dataclass, field

from .model import SiteContent, TargetRef
from .plan import PageKind, SitePlan


def _digest(*parts: object) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(repr(part).encode("utf-8"))
        hasher.update(b"\x1f")
    return hasher.hexdigest()


@dataclass
class Snapshot:
    """The inputs of one build: shared ones reduced to a digest; each article's as
    they are (compared, never hashed: an unchanged text is the very string the last
    build held, and digesting 2,000 texts took a tenth of a second of every save)."""

    shared: str
    articles: dict[str, object] = field(default_factory=dict)
    #: Each article's frontmatter alone (what other pages show of it: titles, dates, roles).
    metas: dict[str, object] = field(default_factory=dict)


def snapshot(content: SiteContent, options: object = None) -> Snapshot:
    shared = _digest(content.languages, options,
                     sorted((k, repr(v.texts), v.related, repr(v.sources)) for k, v in content.glossary.items()),
                     sorted((k, repr(v)) for k, v in content.participants.items()),
                     sorted((k, repr(v)) for k, v in content.dossiers.items()),
                     sorted((k, repr(v)) for k, v in content.authors.items()))
    articles: dict[str, object] = {}
    metas: dict[str, object] = {}
    for article in content.articles.values():
        # As JSON text: nothing a later step does to the models can change what was kept.
        versions = tuple(sorted((lang, version.body, version.meta.model_dump_json())
                                for lang, version in article.versions.items()))
        articles[article.id] = versions
        metas[article.id] = tuple((lang, meta) for lang, _, meta in versions)
    return Snapshot(shared, articles, metas)


#: Rebuilt after any edit to an article: the lists of explainers, and the pages of the
#: site's navigation (MkDocs gives a page it does not rebuild no title: every rebuilt
#: page's menu would show "None" for the glossary and the participants).
ALWAYS = frozenset({PageKind.HOME, PageKind.EXPLAINERS, PageKind.ROOT, PageKind.DOSSIERS,
                    PageKind.DOSSIER, PageKind.AUTHOR, PageKind.GLOSSARY, PageKind.PARTICIPANTS})


def affected_pages(previous: Snapshot | None, current: Snapshot, plan: SitePlan,
                   mentions: dict[str, set[TargetRef]]) -> set[tuple[str, ...]] | None:
    """Keys of the pages to rebuild, or None for all of them.

    ``mentions`` maps each changed article to what it mentions, before and
    after the edit.
    """
    if previous is None or previous.shared != current.shared:
        return None
    changed = {article_id for article_id in previous.articles.keys() | current.articles.keys()
               if previous.articles.get(article_id) != current.articles.get(article_id)}
    if not changed:
        return set()
    keys: set[tuple[str, ...]] = set()
    for page in plan.pages.values():
        if page.kind in ALWAYS:
            keys.add(page.key)
        elif page.kind is PageKind.ARTICLE and page.article and page.article.id in changed:
            keys.add(page.key)
    for article_id in changed:
        for target in mentions.get(article_id, ()):
            # A group's members list its explainers too (Plan.articles_involving).
            group = plan.content.participants.get(target.id) if target.kind == "participant" else None
            ids = [target.id, *(group.members if group is not None else ())]
            keys.update(key for lang in plan.languages for each in ids
                        if (key := (target.kind, each, lang)) in plan.pages)
            # Their related reading: what the edit shares with them may rank it anew.
            keys.update(page.key for lang in plan.languages
                        for page in plan.articles_using(target, lang))
    return keys


def references_by_article(plan: SitePlan) -> dict[str, set[TargetRef]]:
    """What each article refers to, in any language (from the plan's mentions)."""
    referred: dict[str, set[TargetRef]] = {}
    for page in plan.pages.values():
        if page.kind is PageKind.ARTICLE and page.article is not None:
            referred.setdefault(page.article.id, set()).update(plan.references(page))
    return referred


class Previews:
    """What a preview server's rebuilds remember of the last build."""

    def __init__(self) -> None:
        self.snapshot: Snapshot | None = None
        self.referred: dict[str, set[TargetRef]] = {}  # what each article referred to
        self.outputs: set[str] = set()  # the files the last build's pages were written to
        #: Pages of the last build gone from this one (a deleted or renamed article).
        self.gone: set[str] = set()

    def affected(self, content: SiteContent, plan: SitePlan, options: object,
                 dirty: bool) -> set[tuple[str, ...]] | None:
        """Keys of the pages to rebuild after an edit (None: all of them)."""
        current = snapshot(content, options)
        referred = references_by_article(plan)
        affected = None
        if dirty and self.snapshot is not None:
            previous, changed = self.snapshot.articles, {}
            for article in previous.keys() | current.articles.keys():
                if previous.get(article) != current.articles.get(article):
                    before, after = self.referred.get(article, set()), referred.get(article, set())
                    # Text edited, what it refers to and what other pages show of it
                    # unchanged: only its own pages (and the lists) change. Else the pages
                    # of what it refers to, and the related reading of those that share it
                    # (about 250 pages of the N=1000 benchmark for one saved sentence).
                    text_only = (before == after and self.snapshot.metas.get(article)
                                 == current.metas.get(article))
                    changed[article] = set() if text_only else before | after
            affected = affected_pages(self.snapshot, current, plan, changed)
        self.snapshot, self.referred = current, referred
        outputs = {page.src_uri[: -len(".md")] + ".html" for page in plan.pages.values()}
        self.gone, self.outputs = self.outputs - outputs, outputs
        return affected

    def remove_gone(self, site_dir: str | Path) -> None:
        """Delete what the pages gone since the last build left in ``site_dir`` (a preview
        would serve a deleted or renamed article until restarted)."""
        for output in sorted(self.gone):
            path = Path(site_dir, *output.split("/"))
            path.unlink(missing_ok=True)
            try:
                path.parent.rmdir()  # its folder, when nothing else is in it
            except OSError:
                pass
        self.gone = set()
