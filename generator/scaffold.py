"""Explicit scaffolding: new articles, entries, participants and translations.

The only code that writes into ``content/``. Files are created with exclusive
creation, so an existing file is never overwritten, whatever happens.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import yaml

from .model import SAFE_ID_RE, Article, ParticipantKind, reserved_name_problem
from .translation import FIELD, fingerprint


class ScaffoldError(Exception):
    """The request cannot be carried out; the message says why."""


def _create(path: Path, text: str) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; nothing was written") from None
    except OSError as exc:
        raise ScaffoldError(f"cannot create {path}: {exc.strerror or exc}") from None
    return path


def _check_id(identifier: str) -> None:
    problem = reserved_name_problem(identifier)
    if problem:
        raise ScaffoldError(problem)
    if not SAFE_ID_RE.match(identifier):
        raise ScaffoldError(f"'{identifier}' is not a safe id: use lowercase letters, digits and "
                            "inner hyphens")


def _frontmatter(data: dict) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100) + "---\n"


def new_article(content_dir: Path, identifier: str, lang: str, title: str | None = None,
                today: _dt.date | None = None) -> Path:
    _check_id(identifier)
    data = {"title": title or "Headline of the explainer", "lang": lang,
            "date": today or _dt.date.today(), "summary": "One or two sentences for lists and previews."}
    body = "First paragraph of the explainer.\n"
    return _create(content_dir / "articles" / identifier / f"{lang}.md", _frontmatter(data) + "\n" + body)


def new_term(content_dir: Path, identifier: str, languages: tuple[str, ...]) -> Path:
    _check_id(identifier)
    data = {lang: {"term": identifier.replace("-", " "), "aliases": [],
                   "short": "One sentence, shown in tooltips.",
                   "definition": "The full definition, in Markdown.\n"} for lang in languages}
    data["related"] = []
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return _create(content_dir / "glossary" / f"{identifier}.yml", text)


def new_participant(content_dir: Path, identifier: str, kind: ParticipantKind,
                    languages: tuple[str, ...], iso: str | None = None) -> Path:
    _check_id(identifier)
    data: dict = {"kind": kind.value}
    per_language = {lang: identifier.replace("-", " ").title() for lang in languages}
    if kind is ParticipantKind.COUNTRY:
        data["iso"] = (iso or "XX").upper()
    elif kind is ParticipantKind.PERSON:
        data.update(name=identifier.replace("-", " ").title(), role={lang: "role" for lang in languages},
                    affiliation="country-or-organisation-id")
    else:
        data["name"] = per_language
        if kind is ParticipantKind.GROUP:
            data["members"] = []
    data["aliases"] = {lang: [] for lang in languages}
    data["description"] = {lang: "One neutral sentence." for lang in languages}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return _create(content_dir / "participants" / f"{identifier}.yml", text)


def new_translation(article: Article, target_lang: str) -> Path:
    """``<lang>.md`` prefilled from the original, recording the original's fingerprint."""
    original = article.original
    if original is None:
        raise ScaffoldError(f"article '{article.id}' has no original to translate")
    if target_lang in article.versions:
        raise ScaffoldError(f"{article.versions[target_lang].path} already exists; nothing was written")
    meta = original.meta
    data: dict = {"title": meta.title, "lang": target_lang, "date": meta.date, "summary": meta.summary,
                  "translation_of": original.lang, FIELD: fingerprint(original)}
    if meta.participants:
        data["participants"] = [item.model_dump(exclude_defaults=True) for item in meta.participants]
    note = (f"<!-- Translate from {original.lang}.md: title, summary, roles, quotes and this text. "
            f"Remove this comment when done. -->\n\n")
    return _create(article.folder / f"{target_lang}.md",
                   _frontmatter(data) + "\n" + note + original.body.strip() + "\n")
