"""Who mentions what: collected while article pages are linked, read once all are.

This is the second phase of the build, as in Material's tags plugin: each
article page records the terms and participants it links (phase one), and
glossary and participant pages list their backlinks only after every article
has been seen (phase two).
"""

from __future__ import annotations

from collections import defaultdict

from .model import TargetRef
from .plan import PlannedPage, SitePlan


class References:
    def __init__(self, plan: SitePlan):
        self.plan = plan
        self._by_page: dict[tuple[str, ...], list[TargetRef]] = {}
        self._by_target: dict[TargetRef, set[tuple[str, ...]]] = defaultdict(set)

    def record(self, page: PlannedPage, targets: list[TargetRef]) -> None:
        for old in self._by_page.get(page.key, ()):
            self._by_target[old].discard(page.key)
        self._by_page[page.key] = list(targets)
        for target in targets:
            self._by_target[target].add(page.key)

    def recorded(self) -> dict[tuple[str, ...], list[TargetRef]]:
        """What every page recorded, by page key (to hand to another process)."""
        return self._by_page

    def restore(self, recorded: dict[tuple[str, ...], list[TargetRef]]) -> None:
        """Take what ``recorded`` returned (in another process) as this collection's."""
        if recorded is self._by_page:
            return
        self._by_page, self._by_target = {}, defaultdict(set)
        for key, targets in recorded.items():
            self._by_page[key] = list(targets)
            for target in targets:
                self._by_target[target].add(key)

    def used_by(self, page: PlannedPage) -> list[TargetRef]:
        return self._by_page.get(page.key, [])

    def used_by_key(self, key: tuple[str, ...]) -> list[TargetRef]:
        return self._by_page.get(key, [])

    def pages_of(self, article_id: str) -> list[tuple[str, ...]]:
        """Keys of the recorded pages of one article, in any language."""
        return [key for key in self._by_page if key[:2] == ("article", article_id)]

    def articles_using(self, target: TargetRef, lang: str) -> list[PlannedPage]:
        """Article pages in ``lang`` that link ``target``, newest first."""
        # Sorting the few pages that use the target, not scanning every article:
        # a glossary of thousands of terms stays linear in the site size.
        pages = [self.plan.pages[key] for key in self._by_target.get(target, ())
                 if key[-1] == lang and key in self.plan.pages]
        return sorted(pages, key=self.plan.article_rank)
