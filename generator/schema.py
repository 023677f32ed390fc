"""JSON Schemas of the content files, generated from the models, for editors' YAML tooling."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .model import (ArticleFrontmatter, AuthorFields, AuthorText, DossierText, GlossaryEntryFields,
                    ParticipantFile, TermText)


def article_schema() -> dict[str, Any]:
    return ArticleFrontmatter.model_json_schema()


def _per_language_schema(title: str, what: str, languages: tuple[str, ...],
                         text: type[BaseModel], common: type[BaseModel] | None = None) -> dict[str, Any]:
    """A file with one ``text`` per language (``fr: {…}``) and ``common`` fields beside them."""
    fields = common.model_json_schema() if common is not None else {"properties": {}}
    name = text.__name__
    defs = {**fields.pop("$defs", {}), name: text.model_json_schema()}
    properties = {lang: {"$ref": f"#/$defs/{name}", "description": f"The {what} in '{lang}'."}
                  for lang in languages}
    properties.update(fields["properties"])
    return {"title": title, "type": "object", "properties": properties,
            "required": [*languages, *fields.get("required", [])], "additionalProperties": False,
            "$defs": defs}


def glossary_schema(languages: tuple[str, ...]) -> dict[str, Any]:
    return _per_language_schema("Explainer glossary entry", "entry", languages, TermText,
                                GlossaryEntryFields)


def dossier_schema(languages: tuple[str, ...]) -> dict[str, Any]:
    return _per_language_schema("Explainer dossier", "dossier", languages, DossierText)


def author_schema(languages: tuple[str, ...]) -> dict[str, Any]:
    return _per_language_schema("Explainer author", "author", languages, AuthorText, AuthorFields)


def participant_schema() -> dict[str, Any]:
    return ParticipantFile.model_json_schema()


def schemas(languages: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    return {
        "article.schema.json": article_schema(),
        "glossary-entry.schema.json": glossary_schema(languages),
        "participant.schema.json": participant_schema(),
        "dossier.schema.json": dossier_schema(languages),
        "author.schema.json": author_schema(languages),
    }


def write_schemas(folder: Path, languages: tuple[str, ...]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in schemas(languages).items():
        path = folder / name
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                        encoding="utf-8")
        written.append(path)
    return written
