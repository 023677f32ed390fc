"""JSON Schemas of the content files, generated from the models, for editors' YAML tooling."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import ArticleFrontmatter, GlossaryEntryFields, ParticipantFile, TermText


def article_schema() -> dict[str, Any]:
    return ArticleFrontmatter.model_json_schema()


def glossary_schema(languages: tuple[str, ...]) -> dict[str, Any]:
    common = GlossaryEntryFields.model_json_schema()
    term = TermText.model_json_schema()
    defs = {**common.pop("$defs", {}), "TermText": term}
    properties = {lang: {"$ref": "#/$defs/TermText", "description": f"The entry in '{lang}'."}
                  for lang in languages}
    properties.update(common["properties"])
    return {"title": "Explainer glossary entry", "type": "object", "properties": properties,
            "required": list(languages), "additionalProperties": False, "$defs": defs}


def participant_schema() -> dict[str, Any]:
    return ParticipantFile.model_json_schema()


def schemas(languages: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    return {
        "article.schema.json": article_schema(),
        "glossary-entry.schema.json": glossary_schema(languages),
        "participant.schema.json": participant_schema(),
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
