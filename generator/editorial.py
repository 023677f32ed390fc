"""Copy-desk checks on validated content: what a careful editor would flag before publishing.

Everything here is a warning: the site still builds (``--strict`` makes them
fail). Rules: every article in every language, translations not stale, the
same terms, participants, quotes and headings in each language version,
every glossary entry and participant used somewhere.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from . import locale
from .cache import BuildCache, digest
from .diagnostics import Diagnostic, Diagnostics
from .linking import site_forms
from .load import SourceDocument
from .mixed_language import ForeignWord, foreign_words, keep_word_tables_in, line_column
from .model import Article, ArticleVersion, SiteContent, TargetRef
from .plan import SitePlan
from .settings import Settings
from .scaffold import TRANSLATE_NOTE, is_placeholder
from .translation import is_stale

_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)


def _without_fences(body: str) -> str:
    # Most bodies have no fenced block: no need to run the pattern over them.
    return _FENCE.sub("", body) if "```" in body or "~~~" in body else body


def _name(site: SiteContent, target: TargetRef, lang: str) -> str:
    if target.kind == "term" and target.id in site.glossary:
        return f"term '{site.glossary[target.id].texts[lang].term}'"
    if target.id in site.participants:
        return f"participant '{site.participants[target.id].names[lang]}'"
    return f"'{target.id}'"


def _check_languages(site: SiteContent, article: Article, diagnostics: Diagnostics) -> None:
    original = article.original
    if original is None:
        return
    for lang in site.languages:
        if lang not in article.versions:
            diagnostics.warning(diagnostics.at(original.path),
                                f"article '{article.id}' has no '{lang}' version; the {lang} site "
                                f"lists it in {original.lang} with a notice")


def _check_staleness(article: Article, documents: dict[Path, SourceDocument],
                     diagnostics: Diagnostics) -> None:
    for version in article.versions.values():
        source = version.meta.translation_of
        if source is None or source not in article.versions:
            continue
        doc = documents[version.path]
        command = f"explainer reviewed {article.id} --lang {version.lang}"
        if version.meta.source_fingerprint is None:
            diagnostics.warning(doc.position(), f"{version.path.name} records no source_fingerprint, "
                                                f"so its staleness is unknown; run '{command}'")
        elif is_stale(article, version):
            diagnostics.warning(doc.position("source_fingerprint"),
                                f"{version.path.name} is stale: {source}.md changed since translation "
                                f"(once updated, run '{command}')")


def _check_parity(site: SiteContent, article: Article, found: dict[str, set[TargetRef]],
                  documents: dict[Path, SourceDocument], diagnostics: Diagnostics) -> None:
    original = article.original
    if original is None:
        return
    for version in article.versions.values():
        if version is original:
            continue
        doc = documents[version.path]
        missing = found[original.lang] - found[version.lang]
        extra = found[version.lang] - found[original.lang]
        headings = (_headings(original.body), _headings(version.body))
        if not (missing or extra or headings[0] != headings[1]):
            where = None  # resolving the path costs system calls: only to report something
        else:
            where = diagnostics.at(version.path)
        for target in sorted(missing, key=lambda t: (t.kind, t.id)):
            diagnostics.warning(where, f"{_name(site, target, version.lang)} appears in "
                                       f"{original.lang}.md but not in {version.lang}.md")
        for target in sorted(extra, key=lambda t: (t.kind, t.id)):
            diagnostics.warning(where, f"{_name(site, target, version.lang)} appears in "
                                       f"{version.lang}.md but not in {original.lang}.md")
        quotes = {item.id: len(item.quotes) for item in original.meta.participants}
        for index, item in enumerate(version.meta.participants):
            if item.id in quotes and quotes[item.id] != len(item.quotes):
                diagnostics.warning(doc.position("participants", index),
                                    f"'{item.id}' has {len(item.quotes)} quote(s) here but "
                                    f"{quotes[item.id]} in {original.lang}.md")
        if headings[0] != headings[1]:
            diagnostics.warning(where, f"{version.lang}.md has {headings[1]} heading(s) but "
                                       f"{original.lang}.md has {headings[0]}")


def _headings(body: str) -> int:
    return len(_HEADING.findall(_without_fences(body)))


def _check_unused(site: SiteContent, used: set[TargetRef], diagnostics: Diagnostics) -> None:
    for entry_id, entry in sorted(site.glossary.items()):
        if TargetRef("term", entry_id) not in used:
            diagnostics.warning(diagnostics.at(entry.path),
                                f"glossary entry '{entry_id}' is not used by any article")
    member_of_used = {member for pid, p in site.participants.items()
                      if TargetRef("participant", pid) in used for member in p.members}
    affiliated = {p.affiliation for pid, p in site.participants.items()
                  if TargetRef("participant", pid) in used and p.affiliation}
    for pid, participant in sorted(site.participants.items()):
        if TargetRef("participant", pid) not in used and pid not in member_of_used | affiliated:
            diagnostics.warning(diagnostics.at(participant.path),
                                f"participant '{pid}' is not mentioned by any article")


@lru_cache(maxsize=8192)
def _foreign_words(body: str, lang: str, others: tuple[str, ...],
                   allow: frozenset[str]) -> tuple:
    # Kept for the process: `mkdocs serve` rebuilds check unchanged articles again.
    return tuple(foreign_words(body, lang, others, allow))


def _check_mixed_language(site: SiteContent, version: ArticleVersion | SourceDocument,
                          allow: frozenset[str], allow_digest: str, diagnostics: Diagnostics,
                          cache: BuildCache) -> None:
    """The body of an article ``version`` (or of an article file that was not
    admitted, its language from its name) read for words of another language."""
    lang = version.lang if isinstance(version, ArticleVersion) else version.path.stem
    others = tuple(other for other in site.languages if other != lang)
    body = version.body
    # Kept between builds: the check reads every article text on every build.
    key = digest(allow_digest, lang, *others, body)
    findings = cache.get("foreign-words", key,
                         lambda items: [ForeignWord(int(o), str(w), str(l)) for o, w, l in items],
                         lambda: _foreign_words(body, lang, others, allow),
                         lambda found: [[f.offset, f.word, f.lang] for f in found])
    for found in findings:
        line, column = line_column(body, found.offset)
        text_language = locale.language_name(lang, "en")
        article = "an" if text_language[:1] in "AEIOU" else "a"
        diagnostics.warning(
            diagnostics.at(version.path, version.body_line + line - 1, column),
            f"'{found.word}' looks {locale.language_name(found.lang, 'en')} in {article} "
            f"{text_language} text (if it is an accepted borrowing, add it to the plugin's "
            "allow_words)")


def _unwritten(diagnostics: Diagnostics, strict: bool, position, message: str) -> None:
    """Text the scaffolding wrote, left as it was: a warning, an error under --strict."""
    (diagnostics.error if strict else diagnostics.warning)(position, message)


def _check_article_unwritten(site: SiteContent, article: Article,
                             documents: dict[Path, SourceDocument], strict: bool,
                             diagnostics: Diagnostics) -> None:
    original = article.original
    for version in article.versions.values():
        doc = documents.get(version.path)
        if doc is None:
            continue
        meta = version.meta
        for key in ("title", "summary"):
            if is_placeholder(getattr(meta, key)):
                _unwritten(diagnostics, strict, doc.position(key),
                           f"'{key}' is not yet written: it is the placeholder of 'explainer new'")
            elif (original is not None and version is not original
                  and getattr(meta, key) == getattr(original.meta, key)):
                _unwritten(diagnostics, strict, doc.position(key),
                           f"'{key}' is not yet translated: it is the same as in {original.lang}.md")
        if is_placeholder(version.body):
            _unwritten(diagnostics, strict, diagnostics.at(version.path, version.body_line),
                       "the text is not yet written: it is the placeholder of 'explainer new'")
        at = version.body.find(TRANSLATE_NOTE)
        if at >= 0:
            line, column = line_column(version.body, at)
            _unwritten(diagnostics, strict,
                       diagnostics.at(version.path, version.body_line + line - 1, column),
                       "the text is not yet translated: the note of 'explainer translate' is "
                       "still there (remove it when done)")


def _check_entries_unwritten(site: SiteContent, documents: dict[Path, SourceDocument],
                             strict: bool, diagnostics: Diagnostics) -> None:
    for entry in site.glossary.values():
        doc = documents.get(entry.path)
        for lang, text in entry.texts.items():
            for key in ("term", "short", "definition"):
                if is_placeholder(getattr(text, key)):
                    where = doc.position(lang, key) if doc else diagnostics.at(entry.path)
                    done = "translated" if key == "term" else "written"
                    _unwritten(diagnostics, strict, where,
                               f"'{lang}.{key}' is not yet {done}: it is the placeholder of "
                               "'explainer new term'")
    for participant in site.participants.values():
        doc = documents.get(participant.path)
        for key in ("role", "description"):
            for lang, text in getattr(participant, key).items():
                if is_placeholder(text):
                    where = doc.position(key, lang) if doc else diagnostics.at(participant.path)
                    _unwritten(diagnostics, strict, where,
                               f"'{key}.{lang}' is not yet written: it is the placeholder of "
                               "'explainer new participant'")


class CopyDesk:
    """The copy desk's checks on content that is otherwise sound: per article
    (languages, staleness, parity, mixed language), then site-wide (unused
    entries). What an article mentions is the plan's record, the one linking
    and backlinks read. They only ever warn."""

    def __init__(self, plan: SitePlan | None, documents: dict[Path, SourceDocument],
                 settings: Settings, cache: BuildCache | None = None,
                 content: SiteContent | None = None,
                 loose: list[SourceDocument] = (), strict: bool = False) -> None:
        """Without a plan (the content has errors), only the checks that need none
        run, on ``content``: what was read soundly, and the text of the ``loose``
        article files (read, but with an error in them or in another version)."""
        self.plan, self.documents, self.loose = plan, documents, list(loose)
        #: Text left as the scaffolding wrote it is an error under --strict.
        self.strict = strict
        self.content = plan.content if plan is not None else content
        assert self.content is not None
        self.cache = cache or BuildCache(None, "")
        self.diagnostics = Diagnostics(root=settings.root)
        keep_word_tables_in(self.cache)
        forms = [form.text for form in site_forms(self.content)]
        # Terms and names of any language are expected anywhere (a French term
        # quoted in English is marked, not wrong).
        # A frozenset keeps its hash: thousands of forms are not hashed again per article.
        self._allow = frozenset({*settings.allow_words, *forms})
        self._allow_digest = digest(repr(sorted(self._allow)))

    def run(self) -> list[Diagnostic]:
        site, diagnostics, used = self.content, self.diagnostics, set()
        plan = self.plan
        for article in site.articles.values():
            if plan is None:  # what an article mentions is the plan's: not compared
                found = {lang: set() for lang in article.versions}
            else:
                found = {lang: set(plan.references(plan.pages[("article", article.id, lang)]))
                         for lang in article.versions}
            used.update(*found.values())
            _check_languages(site, article, diagnostics)
            _check_staleness(article, self.documents, diagnostics)
            _check_parity(site, article, found, self.documents, diagnostics)
            _check_article_unwritten(site, article, self.documents, self.strict, diagnostics)
            for version in article.versions.values():
                if is_placeholder(version.body):
                    continue
                _check_mixed_language(site, version, self._allow, self._allow_digest,
                                      diagnostics, self.cache)
        _check_entries_unwritten(site, self.documents, self.strict, diagnostics)
        for doc in self.loose:
            _check_mixed_language(site, doc, self._allow, self._allow_digest, diagnostics, self.cache)
        if plan is not None:  # else some articles may be missing: nothing to say
            _check_unused(site, used, diagnostics)
        return diagnostics.items
