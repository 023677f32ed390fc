"""Copy-desk checks on validated content: what a careful editor would flag before publishing.

Everything here is a warning: the site still builds (``--strict`` makes them
fail). Rules: every article in every language, translations not stale, the
same terms, participants, quotes and headings in each language version,
every glossary entry and participant used somewhere.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from pathlib import Path

from . import locale
from .cache import BuildCache, digest
from .linking import site_forms
from .diagnostics import Diagnostic, Diagnostics
from .load import SourceDocument
from .mixed_language import (UNTRANSLATED_WORDS, ForeignWord, foreign_words, keep_word_tables_in,
                             line_column, untranslated)
from .model import Article, ArticleVersion, SiteContent, TargetRef
from .plan import SitePlan
from .settings import Settings
from .scaffold import TRANSLATE_NOTE, is_placeholder
from .source_diff import stale_changes
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
            what = stale_changes(diagnostics.root, article.versions[source],
                                 version.meta.source_fingerprint)
            diagnostics.warning(doc.position("source_fingerprint"),
                                f"{version.path.name} is stale: " + (
                                    f"{what} changed in {source}.md since translation (see "
                                    f"'explainer diff {article.id} --lang {version.lang}'; "
                                    if what else f"{source}.md changed since translation (")
                                + f"once updated, run '{command}')")


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


def _check_living(article: Article, documents: dict[Path, SourceDocument],
                  diagnostics: Diagnostics) -> None:
    """Each update and correction is told in every language: matched by date between
    the original and each translation."""
    original = article.original
    if original is None:
        return
    for version in article.versions.values():
        if version is original or version.path not in documents:
            continue
        doc = documents[version.path]
        for key, what in (("updates", "an update"), ("corrections", "a correction")):
            theirs = {note.date for note in getattr(original.meta, key)}
            mine = getattr(version.meta, key)
            for day in sorted(theirs - {note.date for note in mine}):
                diagnostics.warning(doc.key_position(key) if mine else doc.position(),
                                    f"{original.path.name} has {what} dated {day.isoformat()} that "
                                    f"{version.path.name} lacks; add it to '{key}' here")
            for index, note in enumerate(mine):
                if note.date not in theirs:
                    diagnostics.warning(doc.position(key, index, "date"),
                                        f"{what[0].upper() + what[1:]} dated {note.date.isoformat()} "
                                        f"is not in {original.path.name}; add it to '{key}' there")


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


def _language_words(lang: str) -> tuple[str, str]:
    """("an English", "English") for "en"."""
    name = locale.language_name(lang, "en")
    return ("an " if name[:1] in "AEIOU" else "a ") + name, name


#: Words an editor marked as another language's: ``*réassurance*{lang=fr}`` (attr_list)
#: or ``<span lang="fr">…</span>``; they are expected.
_MARKED = re.compile(r"""(\*{1,2}|_{1,2})([^\n]+?)\1\{:?[^}\n]*\blang=["']?[A-Za-z-]+["']?[^}\n]*\}"""
                     r"""|<(\w+)\b[^>]*\blang=["']?[A-Za-z-]+["']?[^>]*>.*?</\3>""", re.S)


def _marked_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _MARKED.finditer(text)] if "lang=" in text else []


def _report_foreign(findings, text: str, lang: str, where, what: str,
                    diagnostics: Diagnostics, minimum: int) -> None:
    """``findings`` in ``text`` (written in ``lang``): a paragraph or field mostly in
    another language once, as untranslated; other words one by one. ``where(offset)``
    is the position of an offset of ``text``; ``what`` names it ("" for an article's text)."""
    marked = _marked_spans(text)
    if marked:
        findings = [f for f in findings if not any(a <= f.offset < b for a, b in marked)]
    once = untranslated(text, findings, minimum)
    taken = {id(f) for _, _, inside in once for f in inside}
    a_language, language = _language_words(lang)
    for begin, _end, inside in once:
        other = locale.language_name(inside[0].lang, "en")
        subject = f"'{what}'" if what else "this paragraph"
        diagnostics.warning(where(begin + len(text[begin:]) - len(text[begin:].lstrip())),
                            f"{subject} is in {other}, not {language}: not yet translated "
                            f"({len(inside)} {other} words)")
    for found in findings:
        if id(found) in taken:
            continue
        place = f"the {language} '{what}'" if what else f"{a_language} text"
        diagnostics.warning(
            where(found.offset),
            f"'{found.word}' looks {locale.language_name(found.lang, 'en')} in {place} (if it is "
            "an accepted borrowing, add it to the plugin's allow_words)")


def _check_mixed_language(site: SiteContent, version: ArticleVersion | SourceDocument,
                          allow: frozenset[str], allow_digest: str, diagnostics: Diagnostics,
                          cache: BuildCache, marked=None) -> None:
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

    def where(offset: int):
        line, column = line_column(body, offset)
        return diagnostics.at(version.path, version.body_line + line - 1, column)

    if findings and marked is not None:
        findings = [found for found in findings if not marked(found.word)]
    _report_foreign(findings, body, lang, where, "", diagnostics, UNTRANSLATED_WORDS)


def _field_position(doc: SourceDocument, key: tuple, text: str, offset: int,
                    lines: dict[Path, list[str]]):
    """Where ``offset`` of the value at ``key`` is in the file: exact for a value on
    one line (plain or quoted), else where the value starts."""
    base = doc.position(*key)
    if "\n" in text[:offset]:
        return base
    if doc.path not in lines:
        try:
            lines[doc.path] = doc.path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeError):
            lines[doc.path] = []
    source = lines[doc.path]
    if base.line - 1 >= len(source):
        return base
    written = source[base.line - 1][base.column - 1:]
    if written.startswith(text[:offset]):
        return dataclasses.replace(base, column=base.column + offset)
    if written[:1] in "\"'" and written[1:].startswith(text[:offset]):
        return dataclasses.replace(base, column=base.column + 1 + offset)
    return base


def _article_fields(meta) -> list[tuple[tuple, str]]:
    """Every human-language field of an article's frontmatter: (key path, text)."""
    fields: list[tuple[tuple, str]] = [(("title",), meta.title), (("summary",), meta.summary)]
    fields += [(("key_facts", i), text) for i, text in enumerate(meta.key_facts)]
    fields += [(("unknowns", i), text) for i, text in enumerate(meta.unknowns)]
    fields += [(("timeline", i, "event"), item.event) for i, item in enumerate(meta.timeline)]
    fields += [((key, i, "text"), note.text) for key in ("updates", "corrections")
               for i, note in enumerate(getattr(meta, key))]
    for i, item in enumerate(meta.participants):
        if item.role:
            fields.append((("participants", i, "role"), item.role))
        fields += [(("participants", i, "quotes", j), quote) for j, quote in enumerate(item.quotes)]
    return fields


def _entry_fields(site: SiteContent) -> list[tuple[Path, str, tuple, str]]:
    """Every human-language field of the glossary and the participants:
    (file, language, key path, text)."""
    fields: list[tuple[Path, str, tuple, str]] = []
    for entry in site.glossary.values():
        for lang, text in entry.texts.items():
            fields += [(entry.path, lang, (lang, key), getattr(text, key))
                       for key in ("term", "short", "definition")]
    for participant in site.participants.values():
        if participant.kind.value != "country" and isinstance(participant.names, dict) \
                and participant.kind.value != "person":
            fields += [(participant.path, lang, ("name", lang), name)
                       for lang, name in participant.names.items()]
        for key in ("role", "description"):
            fields += [(participant.path, lang, (key, lang), text)
                       for lang, text in getattr(participant, key).items()]
    for item, keys in [*((dossier, ("title", "summary", "intro")) for dossier in site.dossiers.values()),
                       *((author, ("role", "bio")) for author in site.authors.values())]:
        fields += [(item.path, lang, (lang, key), getattr(text, key))
                   for lang, text in item.texts.items() for key in keys if getattr(text, key)]
    return fields


def _check_field(site: SiteContent, doc: SourceDocument, lang: str, key: tuple, text: str,
                 allow: frozenset[str], diagnostics: Diagnostics, lines: dict,
                 marked=None) -> None:
    if is_placeholder(text):
        return  # reported as not yet written
    others = tuple(other for other in site.languages if other != lang)
    findings = _foreign_words(text, lang, others, allow)
    if findings and marked is not None:
        findings = [found for found in findings if not marked(found.word)]
    if findings:
        _report_foreign(findings, text, lang,
                        lambda offset: _field_position(doc, key, text, offset, lines),
                        ".".join(str(part) for part in key), diagnostics, 2)


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
    for what, items, keys in (("dossier", site.dossiers, ("title", "summary", "intro")),
                              ("author", site.authors, ("role",))):
        for item in items.values():
            doc = documents.get(item.path)
            for lang, text in item.texts.items():
                for key in keys:
                    if is_placeholder(getattr(text, key)):
                        where = doc.position(lang, key) if doc else diagnostics.at(item.path)
                        _unwritten(diagnostics, strict, where,
                                   f"'{lang}.{key}' is not yet written: it is the placeholder of "
                                   f"'explainer new {what}'")


#: An image from another host in Markdown (``![alt](https://…)``) or in raw HTML.
_REMOTE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?(https?:)?//|<img\b[^>]*\ssrc\s*=\s*[\"']?(https?:)?//",
                           re.I)


def _check_remote_media(version: ArticleVersion, level: str, diagnostics: Diagnostics) -> None:
    """One line per image an article loads from another host (``remote_media``)."""
    for found in _REMOTE_IMAGE.finditer(version.body):
        line, column = line_column(version.body, found.start())
        where = diagnostics.at(version.path, version.body_line + line - 1, column)
        message = ("this image is loaded from another host: readers' browsers call it, and the "
                   "offline bundle replaces it with its alt text; copy it into the site, or set "
                   "the plugin's remote_media to 'allow'")
        if level == "error":
            diagnostics.error(where, message)
        else:
            diagnostics.warning(where, message)


@dataclasses.dataclass(frozen=True)
class _Findings:
    """One article's findings, in the order the copy desk reports them: before its
    staleness, after it, and its remote images (reported after every article's)."""

    before: tuple[Diagnostic, ...]
    after: tuple[Diagnostic, ...]
    remote: tuple[Diagnostic, ...]
    #: What its pages refer to (the entries used: see ``_check_unused``).
    used: frozenset[TargetRef]


#: Article id → (the site's key, its documents, its findings): see ``CopyDesk.run``.
#: The documents are held, so that comparing them by identity cannot be fooled by
#: a new object at the address of a freed one.
_KEPT: dict[str, tuple[str, tuple[SourceDocument | None, ...], _Findings]] = {}


def release_findings() -> None:
    """Forget the findings kept for a preview's next rebuild."""
    _KEPT.clear()


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
        self.first_only = settings.link_first_only
        self.remote_media = settings.remote_media
        self._settings_digest = settings.digest()
        # Expected in a text: the forms of its own language, names (of any language,
        # and each capitalised word of a name of several: 'Sébastien' of 'Sébastien
        # Lecornu'), and on an article page the forms the linker marks as another
        # language's (lang=). Another language's term is not: 'backstop' in French.
        # The forms editors wrote (generating more would load wordfreq's lists).
        forms = site_forms(self.content, generate=False)
        names = {form.text for form in forms
                 if form.target.kind == "participant" and not form.generated}
        names |= {word for name in names if len(name.split()) > 1
                  for word in name.split() if word[:1].isupper()}
        # A frozenset keeps its hash: thousands of forms are not hashed again per article.
        self._allow = {lang: frozenset({*settings.allow_words, *names,
                                        *(form.text for form in forms if form.lang == lang)})
                       for lang in self.content.languages}
        self._allow_digest = {lang: digest(repr(sorted(words))) for lang, words in self._allow.items()}

    def _marked(self, article_id: str, lang: str):
        """A function that tells, for one article page, whether a word is in a mention
        the page links as another language's (lang=). The page's mentions are read
        only when asked (a warm build keeps them undecoded)."""
        words: list[frozenset[str]] = []

        def marked(word: str) -> bool:
            if self.plan is None:
                return False
            if not words:
                mentions = self.plan.mentions.get(("article", article_id, lang), ())
                words.append(frozenset(
                    part.casefold() for mention in mentions
                    if mention.foreign_lang and mention.linked(self.first_only)
                    for part in re.split(r"[\W_]+", mention.text) if part))
            return word.casefold() in words[0]
        return marked

    def _check_article_fields(self, article: Article, version: ArticleVersion, marked,
                              diagnostics: Diagnostics) -> None:
        doc = self.documents.get(version.path)
        if doc is None:
            return
        original = article.original
        lines: dict[Path, list[str]] = {}
        for key, text in _article_fields(version.meta):
            if (original is not None and version is not original and len(key) == 1
                    and text == getattr(original.meta, key[0])):
                continue  # reported as not yet translated
            _check_field(self.content, doc, version.lang, key, text, self._allow[version.lang],
                         diagnostics, lines, marked)

    def _article_findings(self, article: Article) -> _Findings:
        """What the checks of one article find but its staleness (which also depends
        on the originals recorded outside ``content/``: checked on every build)."""
        site, plan = self.content, self.plan
        if plan is None:  # what an article mentions is the plan's: not compared
            found = {lang: set() for lang in article.versions}
        else:
            found = {lang: set(plan.references(plan.pages[("article", article.id, lang)]))
                     for lang in article.versions}
        before = Diagnostics(root=self.diagnostics.root)
        after = Diagnostics(root=self.diagnostics.root)
        remote = Diagnostics(root=self.diagnostics.root)
        _check_languages(site, article, before)
        _check_parity(site, article, found, self.documents, after)
        _check_living(article, self.documents, after)
        _check_article_unwritten(site, article, self.documents, self.strict, after)
        for version in article.versions.values():
            marked = self._marked(article.id, version.lang)
            self._check_article_fields(article, version, marked, after)
            if is_placeholder(version.body):
                continue
            _check_mixed_language(site, version, self._allow[version.lang],
                                  self._allow_digest[version.lang], after, self.cache, marked)
        if self.remote_media != "allow":
            for version in article.versions.values():
                _check_remote_media(version, self.remote_media, remote)
        return _Findings(tuple(before.items), tuple(after.items), tuple(remote.items),
                         frozenset().union(*found.values()))

    def _site_key(self) -> str:
        """What every article's findings depend on besides its own files: the site's
        forms and names (what an article mentions and the words expected in it, the
        names of what it mentions), the settings (what its pages are converted with
        too), the root paths are shown from."""
        plan = self.plan
        assert plan is not None
        return digest(repr(self.diagnostics.root), repr(self.content.languages), repr(self.strict),
                      self._settings_digest, plan.forms_digest(), *self._allow_digest.values())

    def run(self) -> list[Diagnostic]:
        site, diagnostics, used = self.content, self.diagnostics, set()
        plan = self.plan
        # A preview's rebuilds keep each article's findings while its files (the very
        # documents read, which reading gives again while a file is unchanged) and
        # the site's facts are the same: at 1,000 explainers, checking every article
        # again was a second of every save.
        site_key = self._site_key() if plan is not None else None
        findings: list[_Findings] = []
        for article in site.articles.values():
            docs = tuple(self.documents.get(version.path) for version in article.versions.values())
            kept = _KEPT.get(article.id) if site_key is not None else None
            if (kept is not None and kept[0] == site_key and len(kept[1]) == len(docs)
                    and all(a is b for a, b in zip(kept[1], docs))):
                found = kept[2]
            else:
                found = self._article_findings(article)
                if site_key is not None and None not in docs:
                    _KEPT[article.id] = (site_key, docs, found)
            findings.append(found)
            used.update(found.used)
            diagnostics.extend(found.before)
            _check_staleness(article, self.documents, diagnostics)
            diagnostics.extend(found.after)
        if site_key is not None:
            for gone in _KEPT.keys() - site.articles.keys():
                del _KEPT[gone]
        _check_entries_unwritten(site, self.documents, self.strict, diagnostics)
        for found in findings:
            diagnostics.extend(found.remote)
        lines: dict[Path, list[str]] = {}
        for path, lang, key, text in _entry_fields(site):
            doc = self.documents.get(path)
            if doc is not None and lang in self._allow:
                _check_field(site, doc, lang, key, text, self._allow[lang], diagnostics, lines)
        for doc in self.loose:
            lang = doc.path.stem
            _check_mixed_language(site, doc, self._allow[lang], self._allow_digest[lang],
                                  diagnostics, self.cache)
        if plan is not None:  # else some articles may be missing: nothing to say
            _check_unused(site, used, diagnostics)
        return diagnostics.items
