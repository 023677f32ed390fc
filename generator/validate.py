"""Turn loaded documents into validated content, reporting every problem.

Per-file rules come from the pydantic models; cross-file rules (one original
per article, languages, ids) live here. Problems become diagnostics with a
file position; nothing raises for bad content.
"""

from __future__ import annotations

import dataclasses
import difflib
import reprlib
import unicodedata
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import locale
from .aliases import check_aliases
from .cache import BuildCache, code_stamp
from .diagnostics import Diagnostic, Diagnostics, Level, did_you_mean
from .linking import explicit_references, normalize
from .load import (SourceDocument, discover_content, documents_cached_in, load_markdown,
                   load_yaml, release_read_cache, report_stray)
from .mixed_language import release_tables, release_word_lists
from .settings import Settings
from .model import (
    LANGUAGE_RE,
    SAFE_ID,
    SAFE_ID_RE,
    Article,
    ArticleFrontmatter,
    ArticleVersion,
    Author,
    AuthorFields,
    AuthorText,
    Dossier,
    DossierText,
    GlossaryEntry,
    GlossaryEntryFields,
    Participant,
    ParticipantFile,
    ParticipantKind,
    SiteContent,
    TargetRef,
    TermText,
    reserved_name_problem,
)

Model = TypeVar("Model", bound=BaseModel)

_TYPE_NAMES = {
    "date_type": "a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "a date written YYYY-MM-DD, without a time",
    "string_type": "text",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of 'field: value' lines",
    "int_type": "a whole number",
}


def _pattern_rule(pattern: str) -> str:
    """What a field constrained by ``pattern`` (see generator.model) must look like."""
    if pattern == SAFE_ID:
        return "lowercase letters, digits and inner hyphens"
    if pattern.startswith("^https?://"):
        return "an http:// or https:// address (other schemes such as javascript: are refused)"
    if pattern == r"^[0-9a-f]{16}$":
        return "16 lowercase hexadecimal digits (written by 'explainer translate')"
    if pattern == r"^[A-Za-z]{2}$":
        return "a two-letter ISO 3166-1 code"
    return f"text matching {pattern}"


#: Bounded repr: YAML aliases can make a short file hold a list of 9**9 items.
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother = 3, 60, 60
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = _REPR.maxfrozenset = 4


def _describe(value: Any) -> str:
    text = _REPR.repr(value) if isinstance(value, (list, tuple, dict, set, frozenset)) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def validate_model(model: type[Model], doc: SourceDocument, data: dict[str, Any],
                   diagnostics: Diagnostics, *prefix: Any) -> Model | None:
    """Build ``model`` from ``data``, turning each pydantic error into a diagnostic."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # A value YAML could not build (2025-02-30) is reported where it is read,
        # and read on as text: not a second time here.
        reported = {d.position for d in diagnostics.errors if d.position.path == doc.display_path}
        errors = exc.errors()
        # A mistyped field ('shrot') is one problem, not also a missing 'short'.
        missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
        misspelt = set()
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "extra_forbidden":
                close = difflib.get_close_matches(str(loc[-1]), sorted(model.model_fields), n=1,
                                                  cutoff=0.6) if len(loc) == 1 else []
                if close and (*loc[:-1], close[0]) in missing:
                    misspelt.add((*loc[:-1], close[0]))
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] not in ("missing", "extra_forbidden") \
                    and doc.position(*prefix, *loc) in reported:
                continue
            if error["type"] == "missing" and loc in misspelt:
                continue
            name = ".".join(str(part) for part in (*prefix, *loc))
            kind = error["type"]
            if kind == "missing":
                diagnostics.error(doc.position(*prefix, *loc[:-1]),
                                  f"missing required field '{name}'")
            elif kind == "extra_forbidden":
                parent = model
                known = list(parent.model_fields) if len(loc) == 1 else []
                diagnostics.error(doc.key_position(*prefix, *loc),
                                  f"unknown field '{name}'{did_you_mean(str(loc[-1]), known)}")
            elif kind in _TYPE_NAMES or kind.startswith("date"):
                expected = _TYPE_NAMES.get(kind, "a date written YYYY-MM-DD")
                diagnostics.error(doc.position(*prefix, *loc),
                                  f"'{name}' must be {expected}, not {_describe(error.get('input'))}")
            elif kind == "string_too_short":
                diagnostics.error(doc.position(*prefix, *loc), f"'{name}' must not be empty")
            elif kind == "string_pattern_mismatch":
                rule = _pattern_rule(str((error.get("ctx") or {}).get("pattern", "")))
                diagnostics.error(
                    doc.position(*prefix, *loc),
                    f"'{name}' must be {rule}, not {_describe(error.get('input'))}")
            else:
                diagnostics.error(doc.position(*prefix, *loc), f"'{name}': {error['msg']}")
        return None


#: Each article file's frontmatter as last validated: (the document, the errors reading
#: it reported, the model or None, what validating it reported). A preview server's
#: rebuild gets the very same document for an unchanged file (see load._cached), and
#: validating 2,000 frontmatters again made tens of thousands of new objects per save
#: for the garbage collector to scan.
_FRONTMATTER: dict[Path, tuple[SourceDocument, frozenset, ArticleFrontmatter | None, tuple]] = {}


def _frontmatter(doc: SourceDocument, read: list[Diagnostic],
                 diagnostics: Diagnostics) -> ArticleFrontmatter | None:
    """``validate_model`` of an article file's frontmatter, kept while its document is;
    ``read``: what reading the file reported (not reported again: see validate_model)."""
    kept = _FRONTMATTER.get(doc.path)
    if kept is None or kept[0] is not doc or kept[1] != frozenset(read):
        reported = Diagnostics(root=diagnostics.root, items=list(read))
        meta = validate_model(ArticleFrontmatter, doc, doc.data, reported)
        kept = _FRONTMATTER[doc.path] = (doc, frozenset(read), meta,
                                         tuple(reported.items[len(read):]))
    diagnostics.extend(kept[3])
    # A model of its own for each build: a field set on one build's cannot reach the next's.
    return kept[2].model_copy() if kept[2] is not None else None


def _read_article(folder: Path, files: list[Path], languages: tuple[str, ...],
                  diagnostics: Diagnostics, documents: dict[Path, SourceDocument]) -> Article | None:
    """The ``.md`` files of one article folder (found by ``load.discover_content``)."""
    article_id = folder.name
    if reserved_name_problem(article_id):
        diagnostics.error(diagnostics.at(folder),
                          f"article folder name {reserved_name_problem(article_id)}")
        return None
    if not SAFE_ID_RE.match(article_id):
        diagnostics.error(
            diagnostics.at(folder),
            f"article folder name '{article_id}' is not a safe id: use lowercase letters, "
            "digits and inner hyphens")
        return None
    article = Article(id=article_id, folder=folder)
    for path in files:
        stem = path.stem
        if stem not in languages:
            diagnostics.error(
                diagnostics.at(path),
                f"unknown language '{stem}' in file name; site languages: "
                f"{', '.join(languages)}{did_you_mean(stem, languages)}")
            continue
        start = len(diagnostics.items)
        doc = load_markdown(path, diagnostics)
        if doc is None:
            continue
        documents[path] = doc
        read = [d for d in diagnostics.items[start:]
                if d.level is Level.ERROR and d.position.path == doc.display_path]
        meta = _frontmatter(doc, read, diagnostics)
        if meta is None:
            continue
        if meta.lang not in languages:
            hint = did_you_mean(meta.lang, languages)
            shape = "" if LANGUAGE_RE.match(meta.lang) else " (use a language code such as 'fr')"
            diagnostics.error(doc.position("lang"),
                              f"unknown language '{meta.lang}'; site languages: "
                              f"{', '.join(languages)}{hint}{shape}")
            continue
        if meta.lang != stem:
            diagnostics.error(doc.position("lang"),
                              f"'lang' is '{meta.lang}' but the file is {path.name}; "
                              f"rename the file or set 'lang: {stem}'")
            continue
        if meta.translation_of is not None:
            if meta.translation_of == meta.lang:
                diagnostics.error(doc.position("translation_of"),
                                  "'translation_of' names this file's own language")
                continue
            if meta.translation_of not in languages:
                diagnostics.error(doc.position("translation_of"),
                                  f"unknown language '{meta.translation_of}'"
                                  f"{did_you_mean(meta.translation_of, languages)}")
                continue
        article.versions[stem] = ArticleVersion(
            article_id=article_id, lang=stem, path=path, display_path=doc.display_path,
            meta=meta, body=doc.body, body_line=doc.body_line)
    return article


def _check_article(article: Article, diagnostics: Diagnostics) -> bool:
    if not article.versions:
        return False
    originals = [v for v in article.versions.values() if v.is_original]
    if not originals:
        first = next(iter(article.versions.values()))
        diagnostics.error(diagnostics.at(first.path),
                          f"article '{article.id}' has no original: one file must have no "
                          "'translation_of' field")
        return False
    if len(originals) > 1:
        for extra in originals[1:]:
            diagnostics.error(diagnostics.at(extra.path),
                              f"article '{article.id}' has two originals ({originals[0].path.name} "
                              f"and {extra.path.name}); mark the translation with "
                              f"'translation_of: {originals[0].lang}'")
        return False
    ok = True
    for version in article.versions.values():
        source = version.meta.translation_of
        if source is not None and source not in article.versions:
            diagnostics.error(diagnostics.at(version.path),
                              f"'translation_of: {source}' but there is no {source}.md in "
                              f"articles/{article.id}/")
            ok = False
    return ok


def _entry_files(files: list[Path], diagnostics: Diagnostics) -> list[Path]:
    """The ``.yml`` files of glossary/ or participants/ (``load.discover_content``)
    whose names are safe ids."""
    paths = []
    for path in files:
        if reserved_name_problem(path.stem):
            diagnostics.error(diagnostics.at(path), f"file name {reserved_name_problem(path.stem)}")
            continue
        if not SAFE_ID_RE.match(path.stem):
            diagnostics.error(diagnostics.at(path),
                              f"'{path.stem}' is not a safe id: name the file with lowercase "
                              "letters, digits and inner hyphens")
            continue
        paths.append(path)
    return paths


def _read_glossary(files: list[Path], languages: tuple[str, ...], diagnostics: Diagnostics,
                   read: set[str]) -> dict[str, tuple[GlossaryEntry, SourceDocument]]:
    """The sound entries; ``read`` gets the id of every entry file, sound or not
    (a reference to an entry with its own error is not reported again)."""
    entries: dict[str, tuple[GlossaryEntry, SourceDocument]] = {}
    for path in _entry_files(files, diagnostics):
        read.add(path.stem)
        doc = load_yaml(path, diagnostics)
        if doc is None:
            continue
        errors_before = len(diagnostics.errors)
        common = {k: v for k, v in doc.data.items() if k not in languages}
        known = [*languages, *GlossaryEntryFields.model_fields]
        for key in list(common):
            if key not in GlossaryEntryFields.model_fields:
                diagnostics.error(doc.key_position(key),
                                  f"unknown field '{key}'{did_you_mean(str(key), known)}")
                del common[key]
        fields = validate_model(GlossaryEntryFields, doc, common, diagnostics)
        texts: dict[str, TermText] = {}
        for lang in languages:
            if lang not in doc.data:
                diagnostics.error(doc.position(), f"glossary entry '{path.stem}' has no '{lang}' version")
                continue
            value = doc.data[lang]
            if not isinstance(value, dict):
                diagnostics.error(doc.position(lang), f"'{lang}' must be a mapping with term, short, definition")
                continue
            text = validate_model(TermText, doc, value, diagnostics, lang)
            if text is not None:
                texts[lang] = text
        if fields is None or len(diagnostics.errors) > errors_before:
            continue
        entries[path.stem] = (GlossaryEntry(
            id=path.stem, path=path, display_path=doc.display_path, texts=texts,
            related=fields.related, sources=fields.sources, link=fields.link), doc)
    return entries


#: (language, form, the file it is written in, its key path there): the position
#: is only looked up for a report, which most forms never need.
NamedForms = list[tuple[str, str, SourceDocument, tuple]]


def _glossary_forms(entry: GlossaryEntry, doc: SourceDocument) -> NamedForms:
    forms: NamedForms = []
    for lang, text in entry.texts.items():
        forms.append((lang, text.term, doc, (lang, "term")))
        forms.extend((lang, alias, doc, (lang, "aliases", i)) for i, alias in enumerate(text.aliases))
    return forms


def _participant_forms(participant: Participant, doc: SourceDocument) -> NamedForms:
    forms: NamedForms = []
    for lang, name in participant.names.items():
        where = ("iso",) if participant.kind is ParticipantKind.COUNTRY else ("name",)
        forms.append((lang, name, doc, where))
        if lang in participant.abbreviation:
            forms.append((lang, participant.abbreviation[lang], doc, ("abbreviation", lang)))
        forms.extend((lang, alias, doc, ("aliases", lang, i))
                     for i, alias in enumerate(participant.aliases.get(lang, [])))
    return forms


def _check_forms(named: dict[TargetRef, NamedForms], diagnostics: Diagnostics) -> set[TargetRef]:
    """A term, alias or name may stand for one thing only, per language; returns the failing ones.

    Glossary entries and participants share one matcher, so they share this rule.
    """
    failing: set[TargetRef] = set()
    owners: dict[tuple[str, str], tuple[TargetRef, SourceDocument, tuple]] = {}
    for target in sorted(named, key=lambda t: (t.kind, t.id)):
        for lang, form, doc, where in named[target]:
            key = (lang, normalize(form))
            owner = owners.get(key)
            if owner is None:
                owners[key] = (target, doc, where)
            elif owner[0] != target:
                what = "glossary entry" if owner[0].kind == "term" else "participant"
                diagnostics.error(doc.position(*where),
                                  f"'{form}' already names {what} '{owner[0].id}' "
                                  f"({owner[1].position(*owner[2])}); a form may name one entry only")
                failing.add(target)
    return failing


_KIND_FIELDS = {
    ParticipantKind.COUNTRY: {"iso"},
    ParticipantKind.PERSON: {"name", "role", "affiliation"},
    ParticipantKind.ORGANISATION: {"name", "abbreviation"},
    ParticipantKind.GROUP: {"name", "members"},
}
_SPECIFIC_FIELDS = set().union(*_KIND_FIELDS.values())


def _per_language(doc: SourceDocument, key: str, value: dict | None, languages: tuple[str, ...],
                  diagnostics: Diagnostics, required: bool) -> dict[str, str]:
    value = value or {}
    for lang in value:
        if lang not in languages:
            diagnostics.error(doc.key_position(key, lang),
                              f"unknown language '{lang}' in '{key}'{did_you_mean(str(lang), languages)}")
    if required:
        for lang in languages:
            if lang not in value:
                diagnostics.error(doc.position(key), f"'{key}' has no '{lang}' version")
    return {lang: text for lang, text in value.items() if lang in languages}


def _read_participants(files: list[Path], languages: tuple[str, ...], diagnostics: Diagnostics,
                       read: set[str]) -> dict[str, tuple[Participant, SourceDocument]]:
    """The sound participants; ``read`` gets the id of every participant file."""
    participants: dict[str, tuple[Participant, SourceDocument]] = {}
    countries = locale.territory_codes()
    for path in _entry_files(files, diagnostics):
        read.add(path.stem)
        doc = load_yaml(path, diagnostics)
        if doc is None:
            continue
        errors_before = len(diagnostics.errors)
        data = validate_model(ParticipantFile, doc, doc.data, diagnostics)
        if data is None:
            continue
        kind = data.kind
        for key in sorted(_SPECIFIC_FIELDS - _KIND_FIELDS[kind]):
            if getattr(data, key):
                diagnostics.error(doc.key_position(key), f"'{key}' does not apply to a {kind.value}")
        names: dict[str, str] = {}
        if kind is ParticipantKind.COUNTRY:
            if data.name is not None:
                diagnostics.error(doc.key_position("name"),
                                  "a country's name comes from CLDR by its 'iso' code; remove 'name'")
            if data.iso is None:
                diagnostics.error(doc.position(), "missing required field 'iso' (ISO 3166-1 code, e.g. FR)")
            elif data.iso.upper() not in countries:
                diagnostics.error(doc.position("iso"), f"unknown ISO 3166 country code '{data.iso}'"
                                                       f"{did_you_mean(data.iso.upper(), countries)}")
            else:
                names = {lang: locale.territory_name(data.iso, lang) or data.iso for lang in languages}
        elif kind is ParticipantKind.PERSON:
            if not isinstance(data.name, str):
                diagnostics.error(doc.position("name") if data.name else doc.position(),
                                  "a person needs 'name': their name as one text")
            else:
                names = {lang: data.name for lang in languages}
        else:
            if not isinstance(data.name, dict):
                diagnostics.error(doc.position("name") if data.name else doc.position(),
                                  f"a {kind.value} needs 'name' per language, e.g. 'name: {{fr: …, en: …}}'")
            else:
                names = _per_language(doc, "name", data.name, languages, diagnostics, required=True)
        if kind is ParticipantKind.PERSON:
            role = _per_language(doc, "role", data.role, languages, diagnostics, required=True)
        else:
            role = {}
        if kind is ParticipantKind.GROUP and not data.members:
            diagnostics.error(doc.position(), "a group needs 'members': ids of its member participants")
        aliases = {lang: list(forms) for lang, forms in data.aliases.items() if lang in languages}
        _per_language(doc, "aliases", data.aliases, languages, diagnostics, required=False)
        if len(diagnostics.errors) > errors_before:
            continue
        participants[path.stem] = (Participant(
            id=path.stem, kind=kind, path=path, display_path=doc.display_path, names=names,
            iso=data.iso.upper() if data.iso else None,
            abbreviation=_per_language(doc, "abbreviation", data.abbreviation, languages, diagnostics, False),
            role=role, affiliation=data.affiliation, members=list(data.members), aliases=aliases,
            description=_per_language(doc, "description", data.description, languages, diagnostics, False),
            exclude={lang: list(phrases) for lang, phrases in data.exclude.items() if lang in languages},
            link=data.link,
        ), doc)
    return participants


def _check_participant_links(participants: dict[str, tuple[Participant, SourceDocument]],
                             read: set[str], diagnostics: Diagnostics) -> set[str]:
    failing: set[str] = set()
    for pid, (participant, doc) in sorted(participants.items()):
        if participant.affiliation is not None:
            other = participants.get(participant.affiliation)
            if other is None and participant.affiliation in read:
                pass  # its file has its own error
            elif other is None:
                diagnostics.error(doc.position("affiliation"),
                                  f"unknown participant '{participant.affiliation}' in 'affiliation'"
                                  f"{did_you_mean(participant.affiliation, participants)}")
                failing.add(pid)
            elif other[0].kind not in (ParticipantKind.COUNTRY, ParticipantKind.ORGANISATION):
                diagnostics.error(doc.position("affiliation"),
                                  f"'{participant.affiliation}' is a {other[0].kind.value}; a person is "
                                  "affiliated to a country or an organisation")
                failing.add(pid)
        for index, member in enumerate(participant.members):
            if member not in read:
                diagnostics.error(doc.position("members", index),
                                  f"unknown participant '{member}' in 'members'"
                                  f"{did_you_mean(member, participants)}")
                failing.add(pid)
            elif member == pid:
                diagnostics.error(doc.position("members", index), "a group cannot be its own member")
                failing.add(pid)
    return failing


def _check_article_participants(site: SiteContent, docs: dict[Path, SourceDocument],
                                read_ids: set[str], diagnostics: Diagnostics) -> None:
    for article in site.articles.values():
        for version in article.versions.values():
            doc = docs[version.path]
            seen: set[str] = set()
            body_key = None  # normalised only when there are quotes to look for
            for index, listed in enumerate(version.meta.participants):
                if listed.id not in read_ids:
                    diagnostics.error(doc.position("participants", index, "id"),
                                      f"unknown participant '{listed.id}'"
                                      f"{did_you_mean(listed.id, read_ids)}")
                elif listed.id in seen:
                    diagnostics.error(doc.position("participants", index, "id"),
                                      f"participant '{listed.id}' is listed twice")
                seen.add(listed.id)
                for q, quote in enumerate(listed.quotes):
                    if _written_in(quote, version.body):
                        continue
                    if body_key is None:
                        body_key = normalize(version.body)
                    if normalize(quote) not in body_key:
                        diagnostics.warning(doc.position("participants", index, "quotes", q),
                                            "quote not found in the article text")


def _written_in(quote: str, body: str) -> bool:
    """``quote`` is in ``body`` as written, so its matching key is in the body's.

    A shortcut for the usual case, a quote copied from the text: normalising a
    whole body is most of the cost of this check. Normalisation works character
    by character, or by clusters (a character and the combining marks after it)
    in text that is not NFC, so an NFC quote found where the body's clusters
    start and end normalises to a part of the body's key (the tests check this
    on hostile text). Otherwise the check normalises both.
    """
    if not quote or unicodedata.combining(quote[0]) or not unicodedata.is_normalized("NFC", quote):
        return False
    at = body.find(quote)
    while at >= 0:
        end = at + len(quote)
        if end == len(body) or not unicodedata.combining(body[end]):
            return True
        at = body.find(quote, at + 1)
    return False


def _check_related(glossary: dict[str, tuple[GlossaryEntry, SourceDocument]], read: set[str],
                   diagnostics: Diagnostics) -> None:
    for entry_id, (entry, doc) in sorted(glossary.items()):
        for index, ref in enumerate(entry.related):
            if ref not in read:
                diagnostics.error(doc.position("related", index),
                                  f"unknown glossary entry '{ref}' in 'related'"
                                  f"{did_you_mean(ref, read)}")
            elif ref == entry_id:
                diagnostics.error(doc.position("related", index), "an entry cannot be related to itself")


def _read_texts(files: list[Path], languages: tuple[str, ...], diagnostics: Diagnostics,
                read: set[str], documents: dict[Path, SourceDocument], what: str,
                text_model: type[Model],
                common_model: type[BaseModel] | None = None):
    """Files of one text per language (``fr: {…}``, ``en: {…}``) and, with
    ``common_model``, fields beside them: (id → (common fields, texts, document))
    of the sound ones; ``read`` gets the id of every file, sound or not."""
    found: dict[str, tuple[BaseModel | None, dict[str, Model], SourceDocument]] = {}
    shape = ", ".join(text_model.model_fields)
    for path in _entry_files(files, diagnostics):
        read.add(path.stem)
        doc = load_yaml(path, diagnostics)
        if doc is None:
            continue
        errors_before = len(diagnostics.errors)
        common = {key: value for key, value in doc.data.items() if key not in languages}
        fields = None
        if common_model is not None:  # it reports unknown fields, with a close one
            fields = validate_model(common_model, doc, common, diagnostics)
        else:
            for key in common:
                diagnostics.error(doc.key_position(key),
                                  f"unknown field '{key}'{did_you_mean(str(key), languages)}")
        texts: dict[str, Model] = {}
        for lang in languages:
            value = doc.data.get(lang)
            if value is None:
                diagnostics.error(doc.position(), f"{what} '{path.stem}' has no '{lang}' version")
            elif not isinstance(value, dict):
                diagnostics.error(doc.position(lang), f"'{lang}' must be a mapping with {shape}")
            elif (text := validate_model(text_model, doc, value, diagnostics, lang)) is not None:
                texts[lang] = text
        if len(diagnostics.errors) == errors_before:
            found[path.stem] = (fields, texts, doc)
            documents[path] = doc  # the copy desk reports positions in them
    return found


def _read_dossiers(files: list[Path], languages: tuple[str, ...], diagnostics: Diagnostics,
                   read: set[str], documents: dict[Path, SourceDocument]) -> dict[str, Dossier]:
    return {key: Dossier(id=key, path=doc.path, display_path=doc.display_path, texts=texts)
            for key, (_, texts, doc) in _read_texts(files, languages, diagnostics, read, documents,
                                                    "dossier", DossierText).items()}


def _read_authors(files: list[Path], languages: tuple[str, ...], diagnostics: Diagnostics,
                  read: set[str], documents: dict[Path, SourceDocument]) -> dict[str, Author]:
    return {key: Author(id=key, path=doc.path, display_path=doc.display_path,
                        name=fields.name, texts=texts)
            for key, (fields, texts, doc) in _read_texts(files, languages, diagnostics, read, documents,
                                                         "author", AuthorText, AuthorFields).items()}


#: Article fields that name other files: the field, what it names, the ids read.
_ARTICLE_LINKS = (("dossiers", "dossier"), ("authors", "author"), ("translators", "author"))


def _check_article_links(site: SiteContent, docs: dict[Path, SourceDocument],
                         read: dict[str, set[str]], diagnostics: Diagnostics) -> None:
    """Dossiers, authors and translators named in articles exist, each once; translators
    are on translations only; a translation that repeats its original's dossiers or
    authors agrees with them (it inherits them)."""
    for article in site.articles.values():
        original = article.original
        for version in article.versions.values():
            doc = docs[version.path]
            meta = version.meta
            for key, what in _ARTICLE_LINKS:
                ids = getattr(meta, key)
                for index, ident in enumerate(ids):
                    if ident not in read[what]:
                        diagnostics.error(doc.position(key, index), f"unknown {what} '{ident}'"
                                                                    f"{did_you_mean(ident, read[what])}")
                    elif ident in ids[:index]:
                        diagnostics.error(doc.position(key, index), f"{what} '{ident}' is listed twice")
            if version.is_original:
                if meta.translators:
                    diagnostics.error(doc.key_position("translators"),
                                      "'translators' belongs on a translation; who wrote the "
                                      "original goes in 'authors'")
                continue
            for key in ("dossiers", "authors"):
                mine, theirs = getattr(meta, key), getattr(original.meta, key) if original else []
                if mine and original is not None and mine != theirs:
                    shown = ", ".join(theirs) or "none"
                    diagnostics.error(doc.position(key),
                                      f"'{key}' differs from {original.path.name} ({shown}): a "
                                      f"translation inherits its original's {key}; remove the "
                                      "field here or make it agree")


def _check_references(site: SiteContent, known: dict[str, set[str]],
                      diagnostics: Diagnostics) -> None:
    """Explicit ``[text](term:id)`` links in article bodies must name something that exists.

    ``known`` holds every id that was read, valid or not, so that an entry with
    its own error is not reported a second time as unknown here.
    """
    for article in site.articles.values():
        for version in article.versions.values():
            for ref in explicit_references(version.body):
                pool = known.get(ref.target.kind, {})
                if ref.target.id in pool:
                    continue
                before = version.body[: ref.offset]
                line = version.body_line + before.count("\n")
                column = ref.offset - (before.rfind("\n") + 1) + 1
                what = "glossary entry" if ref.target.kind == "term" else "participant"
                diagnostics.error(diagnostics.at(version.path, line, column),
                                  f"unknown {what} '{ref.target.id}'{did_you_mean(ref.target.id, pool)}")


def release_caches() -> None:
    """Let go of what only a preview server's next rebuild would reuse: the files
    read (with every value's position) and wordfreq's lists (about 67 MB).

    A one-off build calls this once its content is checked: the memory is
    better spent on pages."""
    from .editorial import release_findings

    release_read_cache()
    release_word_lists()
    release_tables()
    release_findings()
    _FRONTMATTER.clear()


def open_cache(settings: Settings, template_dirs: tuple[str, ...] = (),
               memo: dict | None = None) -> BuildCache:
    """The build cache of ``settings`` (one that keeps nothing without a cache folder;
    ``memo``: what a preview server keeps in memory between rebuilds)."""
    return BuildCache(settings.cache_dir, f"{code_stamp(template_dirs)}:{settings.digest()}",
                      memo)


def check_site(settings: Settings, cache: BuildCache | None = None,
               diagnostics: Diagnostics | None = None, strict: bool = False):
    """Everything ``explainer check`` reports: the content read and validated, then,
    when it is sound, planned and through the copy desk. With errors, the copy
    desk's checks that need no plan still run on what was read soundly (languages,
    staleness, headings, mixed language): warnings are reported with the errors.
    ``strict``: text left as the scaffolding wrote it is an error, not a warning.
    Returns (content, plan or None, diagnostics)."""
    from .editorial import CopyDesk
    from .plan import plan_site

    diagnostics = diagnostics or Diagnostics(root=settings.root)
    site, diagnostics, documents = read_site(settings.content_dir, settings.languages,
                                             diagnostics, cache)
    if documents is None:
        return site, None, diagnostics
    if diagnostics.errors:
        # The article files left out (an error in them or in another version) are
        # still read for the language of their text.
        admitted = {v.path for a in site.articles.values() for v in a.versions.values()}
        loose = [doc for path, doc in sorted(documents.items())
                 if path not in admitted and path.suffix == ".md"
                 and path.stem in settings.languages]
        diagnostics.extend(CopyDesk(None, documents, settings, cache, content=site,
                                    loose=loose, strict=strict).run())
        return site, None, _one_line_each(diagnostics)
    plan = plan_site(site, settings=settings, cache=cache)
    diagnostics.extend(CopyDesk(plan, documents, settings, cache, strict=strict).run())
    return site, plan, _one_line_each(diagnostics)


def validate_site(content_dir: Path, languages: tuple[str, ...],
                  diagnostics: Diagnostics | None = None,
                  allow_words: tuple[str, ...] = (),
                  cache_dir: Path | None = None) -> tuple[SiteContent, Diagnostics]:
    """Read and validate all of ``content_dir``; returns what is usable and what is wrong."""
    root = diagnostics.root if diagnostics is not None else Path(content_dir).parent
    settings = Settings(root=root, content_dir=Path(content_dir), languages=tuple(languages),
                        allow_words=tuple(allow_words), cache_dir=cache_dir)
    cache = open_cache(settings)
    try:
        site, _, diagnostics = check_site(settings, cache, diagnostics)
        cache.save()
    finally:
        cache.close()
    return site, diagnostics


def read_site(content_dir: Path, languages: tuple[str, ...],
              diagnostics: Diagnostics | None = None,
              cache: BuildCache | None = None,
              ) -> tuple[SiteContent, Diagnostics, dict[Path, SourceDocument] | None]:
    """The content of ``content_dir`` (what was read soundly), what is wrong with it,
    and the documents read (None without an articles folder). Files unchanged since
    an earlier build are taken from ``cache``."""
    with documents_cached_in(cache):
        return _read_site(Path(content_dir), languages, diagnostics, cache)


def _read_site(content_dir: Path, languages: tuple[str, ...], diagnostics: Diagnostics | None,
               cache: BuildCache | None = None,
               ) -> tuple[SiteContent, Diagnostics, dict[Path, SourceDocument] | None]:
    diagnostics = diagnostics or Diagnostics(root=content_dir.parent)
    site = SiteContent(languages=languages)
    # Links and special files are refused there, files that are not sources warned about.
    files = discover_content(content_dir, diagnostics)
    report_stray(files, diagnostics)
    if not files.has_articles:
        if not (content_dir / "articles").is_symlink():  # else reported as a link
            diagnostics.error(diagnostics.at(content_dir), "no 'articles' folder in the content folder")
        return site, _one_line_each(diagnostics), None
    slugs: dict[tuple[str, str], ArticleVersion] = {}
    documents: dict[Path, SourceDocument] = {}
    for folder, article_files in sorted(files.articles.items()):
        errors_before = len(diagnostics.errors)
        article = _read_article(folder, article_files, languages, diagnostics, documents)
        if article is None or len(diagnostics.errors) > errors_before:
            # A file that failed to read would only cause knock-on reports
            # ("no original") about the files that did read.
            continue
        if not _check_article(article, diagnostics):
            continue
        for version in article.versions.values():
            key = (version.lang, version.slug)
            if key in slugs:
                diagnostics.error(diagnostics.at(version.path),
                                  f"slug '{version.slug}' is already used by "
                                  f"{slugs[key].display_path}")
                continue
            slugs[key] = version
        site.articles[article.id] = article

    for gone in _FRONTMATTER.keys() - documents.keys():  # deleted or renamed files
        del _FRONTMATTER[gone]

    # Every entry file read, sound or not: a reference to one with its own error
    # is not reported again.
    read_terms: set[str] = set()
    read_participants: set[str] = set()
    glossary = _read_glossary(files.glossary, languages, diagnostics, read_terms)
    participants = _read_participants(files.participants, languages, diagnostics, read_participants)
    failing_links = _check_participant_links(participants, read_participants, diagnostics)
    named = {TargetRef("term", key): _glossary_forms(*value) for key, value in glossary.items()}
    named.update({TargetRef("participant", key): _participant_forms(*value)
                  for key, value in participants.items()})
    failing = _check_forms(named, diagnostics)
    # The entries' files too: the copy desk reports positions in them.
    documents.update((entry.path, doc) for entry, doc in glossary.values())
    documents.update((participant.path, doc) for participant, doc in participants.values())
    check_aliases(glossary, participants, diagnostics, cache)
    _check_related(glossary, read_terms, diagnostics)
    site.glossary = {key: entry for key, (entry, _) in glossary.items()
                     if TargetRef("term", key) not in failing}
    site.participants = {key: value for key, (value, _) in participants.items()
                         if TargetRef("participant", key) not in failing and key not in failing_links}
    _check_references(site, {"term": read_terms, "participant": read_participants}, diagnostics)
    _check_article_participants(site, documents, read_participants, diagnostics)
    read_ids: dict[str, set[str]] = {"dossier": set(), "author": set()}
    site.dossiers = _read_dossiers(files.dossiers, languages, diagnostics, read_ids["dossier"],
                                   documents)
    site.authors = _read_authors(files.authors, languages, diagnostics, read_ids["author"],
                                 documents)
    _check_article_links(site, documents, read_ids, diagnostics)
    return site, _one_line_each(diagnostics), documents


def _shown(char: str) -> str:
    """A character as a message line may hold it: controls, line breaks and invisible
    format characters (bidi overrides, zero-width) escaped, spaces kept."""
    if char.isprintable() or unicodedata.category(char) == "Zs":
        return char
    return repr(char)[1:-1]


def _one_line_each(diagnostics: Diagnostics) -> Diagnostics:
    """Messages quote what editors wrote (keys, terms, names): keep each diagnostic one
    ``path:line:col: level: message`` line, whatever they hold."""
    for index, item in enumerate(diagnostics.items):
        if not item.message.isprintable():
            message = "".join(_shown(char) for char in item.message)
            diagnostics.items[index] = dataclasses.replace(item, message=message)
    return diagnostics
