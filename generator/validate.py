"""Turn loaded documents into validated content, reporting every problem.

Per-file rules come from the pydantic models; cross-file rules (one original
per article, languages, ids) live here. Problems become diagnostics with a
file position; nothing raises for bad content.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostics, did_you_mean
from .load import SourceDocument, load_markdown
from .model import (
    LANGUAGE_RE,
    SAFE_ID_RE,
    Article,
    ArticleFrontmatter,
    ArticleVersion,
    SiteContent,
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


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def validate_model(model: type[Model], doc: SourceDocument, data: dict[str, Any],
                   diagnostics: Diagnostics, *prefix: Any) -> Model | None:
    """Build ``model`` from ``data``, turning each pydantic error into a diagnostic."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            name = ".".join(str(part) for part in loc)
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
                diagnostics.error(
                    doc.position(*prefix, *loc),
                    f"'{name}' must be lowercase letters, digits and inner hyphens, "
                    f"not {_describe(error.get('input'))}")
            else:
                diagnostics.error(doc.position(*prefix, *loc), f"'{name}': {error['msg']}")
        return None


def _read_article(folder: Path, languages: tuple[str, ...],
                  diagnostics: Diagnostics) -> Article | None:
    article_id = folder.name
    if not SAFE_ID_RE.match(article_id):
        diagnostics.error(
            diagnostics.at(folder),
            f"article folder name '{article_id}' is not a safe id: use lowercase letters, "
            "digits and inner hyphens")
        return None
    article = Article(id=article_id, folder=folder)
    for path in sorted(folder.iterdir()):
        if path.is_dir() or path.suffix != ".md":
            continue
        if path.is_symlink():
            diagnostics.error(diagnostics.at(path), "symbolic links are not read: copy the file into content/")
            continue
        stem = path.stem
        if stem not in languages:
            diagnostics.error(
                diagnostics.at(path),
                f"unknown language '{stem}' in file name; site languages: "
                f"{', '.join(languages)}{did_you_mean(stem, languages)}")
            continue
        doc = load_markdown(path, diagnostics)
        if doc is None:
            continue
        meta = validate_model(ArticleFrontmatter, doc, doc.data, diagnostics)
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


def validate_site(content_dir: Path, languages: tuple[str, ...],
                  diagnostics: Diagnostics | None = None) -> tuple[SiteContent, Diagnostics]:
    """Read and validate all of ``content_dir``; returns what is usable and what is wrong."""
    content_dir = Path(content_dir)
    diagnostics = diagnostics or Diagnostics(root=content_dir.parent)
    site = SiteContent(languages=languages)
    articles_dir = content_dir / "articles"
    if not articles_dir.is_dir():
        diagnostics.error(diagnostics.at(content_dir), "no 'articles' folder in the content folder")
        return site, diagnostics
    slugs: dict[tuple[str, str], ArticleVersion] = {}
    for folder in sorted(p for p in articles_dir.iterdir() if p.is_dir()):
        errors_before = len(diagnostics.errors)
        article = _read_article(folder, languages, diagnostics)
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
    return site, diagnostics
