"""Explicit scaffolding: new articles, entries, participants, dossiers, authors and translations.

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


#: What the scaffolding writes where an editor must write: ``explainer check``
#: reports each one left as "not yet written" (an error under --strict).
HEADLINE = "Headline of the explainer"
SUMMARY = "One or two sentences for lists and previews."
FIRST_PARAGRAPH = "First paragraph of the explainer."
SHORT = "One sentence, shown in tooltips."
DEFINITION = "The full definition, in Markdown."
DESCRIPTION = "One neutral sentence."
ROLE = "Their role, in a few words."
DOSSIER_TITLE = "Name of the dossier"
DOSSIER_SUMMARY = "One sentence, shown in lists and previews."
DOSSIER_INTRO = "The introduction at the top of the dossier's page, in Markdown."
NEWSROOM_ROLE = "Their job in the newsroom."
#: The term of a glossary entry in the languages it was not given in.
TERM_TO_TRANSLATE = "to translate: "
PLACEHOLDERS = frozenset({HEADLINE, SUMMARY, FIRST_PARAGRAPH, SHORT, DEFINITION, DESCRIPTION, ROLE,
                          DOSSIER_TITLE, DOSSIER_SUMMARY, DOSSIER_INTRO, NEWSROOM_ROLE})
#: The note ``explainer translate`` puts above the copied text.
TRANSLATE_NOTE = "Remove this comment when done."


def is_placeholder(text: object) -> bool:
    """``text`` is what the scaffolding wrote, left as it was."""
    return isinstance(text, str) and (text.strip() in PLACEHOLDERS
                                      or text.startswith(TERM_TO_TRANSLATE))


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
    data = {"title": title or HEADLINE, "lang": lang,
            "date": today or _dt.date.today(), "summary": SUMMARY}
    body = FIRST_PARAGRAPH + "\n"
    return _create(content_dir / "articles" / identifier / f"{lang}.md", _frontmatter(data) + "\n" + body)


def new_term(content_dir: Path, identifier: str, languages: tuple[str, ...],
             term: str | None = None, lang: str | None = None) -> Path:
    """A glossary entry: ``term`` (default: the id, hyphens as spaces) in ``lang`` (the
    first language by default); in the other languages a term to translate."""
    _check_id(identifier)
    lang = lang or languages[0]
    term = " ".join((term or identifier.replace("-", " ")).split())
    if not term:
        raise ScaffoldError("--term must not be empty")
    data = {other: {"term": term if other == lang else TERM_TO_TRANSLATE + term, "aliases": [],
                    "short": SHORT, "definition": DEFINITION + "\n"} for other in languages}
    data["related"] = []
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return _create(content_dir / "glossary" / f"{identifier}.yml", text)


def country_code(identifier: str) -> str | None:
    """The ISO 3166 code whose CLDR name, in any of a few languages, is ``identifier``
    ('france', 'united-kingdom', 'cote-d-ivoire'), or None."""
    from . import locale
    from .linking import normalize

    wanted = normalize(identifier.replace("-", " "))
    codes = locale.territory_codes()
    for lang in ("en", "fr", "de", "es", "it"):
        for code in sorted(codes):
            name = locale.territory_name(code, lang) or ""
            if normalize(" ".join(name.replace("-", " ").replace("’", " ").replace("'", " ").split())) \
                    == wanted:
                return code
    return None


def new_participant(content_dir: Path, identifier: str, kind: ParticipantKind | None,
                    languages: tuple[str, ...], iso: str | None = None,
                    name: str | None = None) -> Path:
    """A participant file. What cannot be guessed is asked for: the kind, always;
    a country's ISO code when its id is not a country's name. ``name``: as written,
    accents and all (default: the id, hyphens as spaces, capitalised)."""
    _check_id(identifier)
    if kind is None:
        raise ScaffoldError(f"what is '{identifier}'? say it with --kind "
                            f"({', '.join(k.value for k in ParticipantKind)})")
    data: dict = {"kind": kind.value}
    name = " ".join(name.split()) if name and name.strip() else identifier.replace("-", " ").title()
    per_language = {lang: name for lang in languages}
    if kind is ParticipantKind.COUNTRY:
        from . import locale

        code = (iso or country_code(identifier) or "").upper()
        if not code:
            raise ScaffoldError(f"which country is '{identifier}'? give its ISO 3166-1 code "
                                "with --iso (e.g. --iso FR)")
        if code not in locale.territory_codes():
            raise ScaffoldError(f"'{iso}' is not an ISO 3166-1 country code (e.g. FR, GB, UA)")
        data["iso"] = code
    elif kind is ParticipantKind.PERSON:
        data.update(name=name, role={lang: ROLE for lang in languages})
    else:
        data["name"] = per_language
        if kind is ParticipantKind.GROUP:
            data["members"] = []
    data["aliases"] = {lang: [] for lang in languages}
    data["description"] = {lang: DESCRIPTION for lang in languages}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return _create(content_dir / "participants" / f"{identifier}.yml", text)


def new_dossier(content_dir: Path, identifier: str, languages: tuple[str, ...]) -> Path:
    """A dossier file, its title, summary and intro to write in each language."""
    _check_id(identifier)
    data = {lang: {"title": DOSSIER_TITLE, "summary": DOSSIER_SUMMARY, "intro": DOSSIER_INTRO + "\n"}
            for lang in languages}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return _create(content_dir / "dossiers" / f"{identifier}.yml", text)


def new_author(content_dir: Path, identifier: str, languages: tuple[str, ...]) -> Path:
    """An author file: their name (from the id until written), their role per language."""
    _check_id(identifier)
    data: dict = {"name": identifier.replace("-", " ").title()}
    data.update({lang: {"role": NEWSROOM_ROLE} for lang in languages})
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return _create(content_dir / "authors" / f"{identifier}.yml", text)


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
            f"{TRANSLATE_NOTE} -->\n\n")
    return _create(article.folder / f"{target_lang}.md",
                   _frontmatter(data) + "\n" + note + original.body.strip() + "\n")
