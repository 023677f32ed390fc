"""Typed content models: what an editor may write, and the site they make up.

Pydantic models describe each file's fields (and give editors a JSON Schema);
the dataclasses below them are the validated content the rest of the
generator works from. Nothing here knows about MkDocs.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, Literal, Optional, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

#: Ids and slugs become URL segments and folder names: nothing that could
#: climb out of the output folder, no case games, no spaces.
SAFE_ID = r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$"
#: Names Windows keeps for devices, in any case and with any extension: a folder
#: or file named so (``con/``, ``nul.html``) cannot be created there, so a site or
#: an offline bundle holding one cannot be copied or unzipped on Windows.
WINDOWS_RESERVED_RE = re.compile(r"^(?:con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(?:\..*)?$",
                                 re.IGNORECASE)
#: SAFE_ID, and not a name Windows reserves (see ``reserved_name_problem``).
SAFE_ID_RE = re.compile(r"^(?!(?:con|prn|aux|nul|com[1-9]|lpt[1-9])$)" + SAFE_ID[1:])
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")


def reserved_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be an id or a slug on Windows, or None."""
    if not WINDOWS_RESERVED_RE.match(name):
        return None
    return (f"'{name}' is a name Windows reserves for a device (con, prn, aux, nul, com1-com9, "
            "lpt1-lpt9): the site could not be copied or unzipped there; choose another")


def _not_reserved(value: str) -> str:
    problem = reserved_name_problem(value)
    if problem:
        raise PydanticCustomError("reserved_name", problem.replace("{", "{{").replace("}", "}}"))
    return value


NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=SAFE_ID), AfterValidator(_not_reserved)]
StrictDate = Annotated[_dt.date, Field(strict=True)]
#: How an entry's forms are linked: "auto" wherever they are mentioned, "explicit"
#: only where an editor writes ``[words](term:id)`` or ``[words](who:id)``,
#: "with_determiner" only after a determiner (« l’offensive », "the offensive"), for
#: words that are also something else (« une posture offensive »).
LinkMode = Literal["auto", "explicit", "with_determiner"]


class TimelineEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: StrictDate = Field(description="YYYY-MM-DD.")
    event: NonEmpty


class DatedNote(BaseModel):
    """An update or a correction of an explainer: when, and one line on what changed."""

    model_config = ConfigDict(extra="forbid")

    date: StrictDate = Field(description="YYYY-MM-DD.")
    text: NonEmpty = Field(description="One line, in this file's language.")


class ArticleSource(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: NonEmpty
    url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$")] = Field(
        description="An http(s) address; other schemes (javascript:, data:) are refused.")
    publisher: Optional[NonEmpty] = None


class ArticleFrontmatter(BaseModel):
    """The YAML block at the top of ``content/articles/<id>/<lang>.md``."""

    model_config = ConfigDict(extra="forbid", title="Explainer article frontmatter")

    title: NonEmpty = Field(description="Headline of this language version.")
    lang: NonEmpty = Field(description="Language of this file, e.g. 'fr'; must match the file name.")
    date: StrictDate = Field(description="Publication date, YYYY-MM-DD.")
    summary: NonEmpty = Field(description="One or two sentences shown under the headline and in lists.")
    translation_of: Optional[NonEmpty] = Field(
        default=None,
        description="Language of the original this file translates; absent on the original.")
    slug: Optional[Slug] = Field(
        default=None, description="URL segment for this language; defaults to the article id.")
    updated: Optional[StrictDate] = Field(default=None, description="Date of the last substantive update.")
    source_fingerprint: Optional[Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]] = Field(
        default=None,
        description="Translations: fingerprint of the original they were made from; set by "
                    "'explainer translate' and 'explainer reviewed'.")
    participants: list["ArticleParticipant"] = Field(
        default_factory=list, description="Who is involved, with their role here and their quotes.")
    key_facts: list[NonEmpty] = Field(default_factory=list, description="The essentials, one line each.")
    unknowns: list[NonEmpty] = Field(default_factory=list, description="What we don't know yet.")
    timeline: list[TimelineEvent] = Field(default_factory=list, description="Dated events, oldest first.")
    sources: list[ArticleSource] = Field(default_factory=list, description="Where the facts come from.")
    tags: list[NonEmpty] = Field(
        default_factory=list,
        description="Tags of this language version, in its language; shown with Material's "
                    "tags plugin ('plugins: - tags'), each language with its own tag page.")
    dossiers: list[Slug] = Field(
        default_factory=list,
        description="Ids of the dossiers (content/dossiers/<id>.yml) this explainer belongs to; "
                    "written on the original, which translations inherit.")
    authors: list[Slug] = Field(
        default_factory=list,
        description="Ids of the authors (content/authors/<id>.yml) who wrote the original; "
                    "translations inherit them.")
    translators: list[Slug] = Field(
        default_factory=list,
        description="Translations only: ids of the authors who translated this version.")
    updates: list[DatedNote] = Field(
        default_factory=list,
        description="What changed since publication, one dated line each, in this language.")
    corrections: list[DatedNote] = Field(
        default_factory=list,
        description="What was wrong and is now corrected, one dated line each, in this language.")


@dataclass
class ArticleVersion:
    """One language version of an article, validated."""

    article_id: str
    lang: str
    # Not in the repr (nor in the other models' below): the build cache's keys digest
    # reprs of the content (the forms every article is linked with, what every page
    # shows of the site), and a project moved to another folder, or a cache restored in
    # another checkout, keeps its cache. display_path, from the project's root, stays in.
    path: Path = field(repr=False)
    display_path: str
    meta: ArticleFrontmatter
    body: str
    body_line: int

    @property
    def is_original(self) -> bool:
        return self.meta.translation_of is None

    @property
    def slug(self) -> str:
        return self.meta.slug or self.article_id

    @property
    def modified(self) -> _dt.date | None:
        """The last date it changed after publication: its ``updated`` date, its
        latest update or correction; None when it never did."""
        meta = self.meta
        dates = [day for day in (meta.updated, *(note.date for note in meta.updates),
                                 *(note.date for note in meta.corrections))
                 if day is not None and day > meta.date]
        return max(dates, default=None)

    @property
    def last_changed(self) -> _dt.date:
        return self.modified or self.meta.date


@dataclass
class Article:
    """An explainer: the original and its translations, keyed by language."""

    id: str
    folder: Path
    versions: dict[str, ArticleVersion] = field(default_factory=dict)

    @property
    def original(self) -> ArticleVersion | None:
        return next((v for v in self.versions.values() if v.is_original), None)

    @property
    def date(self) -> _dt.date:
        version = self.original or next(iter(self.versions.values()))
        return version.meta.date

    @property
    def dossiers(self) -> list[str]:
        """The dossiers it belongs to: the original's (translations inherit them)."""
        version = self.original or next(iter(self.versions.values()))
        return list(version.meta.dossiers)

    @property
    def authors(self) -> list[str]:
        """Who wrote it: the original's authors (translations inherit them)."""
        version = self.original or next(iter(self.versions.values()))
        return list(version.meta.authors)


@dataclass
class SiteContent:
    """Everything read from ``content/`` that passed validation."""

    languages: tuple[str, ...]
    articles: dict[str, Article] = field(default_factory=dict)
    glossary: dict[str, "GlossaryEntry"] = field(default_factory=dict)
    participants: dict[str, "Participant"] = field(default_factory=dict)
    dossiers: dict[str, "Dossier"] = field(default_factory=dict)
    authors: dict[str, "Author"] = field(default_factory=dict)

    def articles_newest_first(self) -> list[Article]:
        return sorted(self.articles.values(), key=lambda a: (a.date, a.id), reverse=True)


class Source(BaseModel):
    """A reference for a glossary entry: where a reader can learn more."""

    model_config = ConfigDict(extra="forbid")

    title: NonEmpty
    url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$")] = Field(
        description="An http(s) address; other schemes (javascript:, data:) are refused.")


class TermText(BaseModel):
    """A glossary entry in one language."""

    model_config = ConfigDict(extra="forbid", title="Glossary entry, one language")

    term: NonEmpty = Field(description="The headword, e.g. 'force de réassurance'.")
    aliases: list[NonEmpty] = Field(
        default_factory=list,
        description="Other forms that link to the entry: plurals, verb forms, abbreviations. "
                    "Case, accents written composed or decomposed, apostrophe style, "
                    "no-break spaces and guillemets are matched already.")
    exclude: list[NonEmpty] = Field(
        default_factory=list,
        description="Phrases that contain a form but do not mean the entry (« tour de table »): "
                    "never linked, nor any part of them.")
    short: NonEmpty = Field(description="One sentence, shown in tooltips.")
    definition: NonEmpty = Field(description="The full definition, in Markdown.")


class GlossaryEntryFields(BaseModel):
    """Language-independent fields of ``content/glossary/<id>.yml``."""

    model_config = ConfigDict(extra="forbid")

    related: list[Slug] = Field(default_factory=list, description="Ids of related entries.")
    sources: list[Source] = Field(default_factory=list)
    link: LinkMode = Field(default="auto", description=(
        "auto: link every form where it is mentioned; explicit: only [words](term:id); "
        "with_determiner: only after a determiner (for a word that is also an adjective)."))


@dataclass
class GlossaryEntry:
    id: str
    path: Path = field(repr=False)  # not in the repr: see ArticleVersion.path
    display_path: str
    texts: dict[str, TermText]
    related: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    link: str = "auto"

    def excluded(self, lang: str) -> list[str]:
        return list(self.texts[lang].exclude)

    def forms(self, lang: str) -> list[str]:
        text = self.texts[lang]
        return [text.term, *text.aliases]


@dataclass(frozen=True)
class TargetRef:
    """Something text can link to: a glossary entry or a participant."""

    kind: str  # "term" | "participant"
    id: str

    @property
    def dom_id(self) -> str:
        return f"ex-tip-{self.kind}-{self.id}"


PerLanguage = dict[str, NonEmpty]


class ParticipantKind(str, Enum):
    COUNTRY = "country"
    PERSON = "person"
    ORGANISATION = "organisation"
    GROUP = "group"


class ParticipantFile(BaseModel):
    """``content/participants/<id>.yml``. Which fields apply depends on ``kind``."""

    model_config = ConfigDict(extra="forbid", title="Explainer participant")

    kind: ParticipantKind = Field(description="country, person, organisation or group.")
    iso: Optional[Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")]] = Field(
        default=None, description="Countries: ISO 3166-1 alpha-2 code; the name comes from CLDR.")
    name: Optional[Union[NonEmpty, PerLanguage]] = Field(
        default=None,
        description="People: their name. Organisations and groups: the name per language.")
    abbreviation: Optional[PerLanguage] = Field(default=None, description="e.g. {fr: OTAN, en: NATO}.")
    role: Optional[PerLanguage] = Field(default=None, description="People: their office, per language.")
    affiliation: Optional[Slug] = Field(default=None, description="People: id of a country or organisation.")
    members: list[Slug] = Field(default_factory=list, description="Groups: ids of member participants.")
    aliases: dict[str, list[NonEmpty]] = Field(
        default_factory=dict, description="Per language, other names used in news text (« Moscou »).")
    description: PerLanguage = Field(default_factory=dict, description="One sentence per language.")
    exclude: dict[str, list[NonEmpty]] = Field(
        default_factory=dict,
        description="Per language, phrases that contain a name but do not mean this participant "
                    "(« Washington Post »): never linked, nor any part of them.")
    link: LinkMode = Field(default="auto", description=(
        "auto: link every name where it is mentioned; explicit: only [words](who:id); "
        "with_determiner: only after a determiner."))


@dataclass
class Participant:
    id: str
    kind: ParticipantKind
    path: Path = field(repr=False)  # not in the repr: see ArticleVersion.path
    display_path: str
    names: dict[str, str]
    iso: str | None = None
    abbreviation: dict[str, str] = field(default_factory=dict)
    role: dict[str, str] = field(default_factory=dict)
    affiliation: str | None = None
    members: list[str] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    exclude: dict[str, list[str]] = field(default_factory=dict)
    link: str = "auto"

    def excluded(self, lang: str) -> list[str]:
        return list(self.exclude.get(lang, []))

    def forms(self, lang: str) -> list[str]:
        forms = [self.names[lang]]
        if lang in self.abbreviation:
            forms.append(self.abbreviation[lang])
        return forms + list(self.aliases.get(lang, []))

    def initials(self, lang: str) -> str:
        if lang in self.abbreviation:
            return self.abbreviation[lang][:4]
        words = [w for w in re.split(r"[\s\-’']+", self.names[lang]) if w]
        # Proper names keep their capitals (Sébastien Lecornu → SL); lowercase
        # descriptive names use their significant words (coalition … → CIS).
        capitals = [w for w in words if w[:1].isupper()]
        chosen = capitals if len(capitals) >= 2 else [w for w in words if len(w) > 3]
        return "".join(w[0] for w in chosen[:3]).upper() or self.names[lang][:2].upper()


class ArticleParticipant(BaseModel):
    """An entry of an article's ``participants:`` list."""

    model_config = ConfigDict(extra="forbid")

    id: Slug = Field(description="Id of a participant in content/participants/.")
    role: Optional[NonEmpty] = Field(default=None, description="Their role or stance in this article.")
    quotes: list[NonEmpty] = Field(default_factory=list, description="Their words quoted in the article.")


class DossierText(BaseModel):
    """A dossier in one language."""

    model_config = ConfigDict(extra="forbid", title="Dossier, one language")

    title: NonEmpty = Field(description="The dossier's name, e.g. 'Guerre en Ukraine'.")
    summary: NonEmpty = Field(description="One sentence, shown in lists and previews.")
    intro: NonEmpty = Field(description="The introduction at the top of its page, in Markdown.")


@dataclass
class Dossier:
    """A topic that gathers explainers (``content/dossiers/<id>.yml``)."""

    id: str
    path: Path = field(repr=False)  # not in the repr: see ArticleVersion.path
    display_path: str
    texts: dict[str, DossierText]


class AuthorText(BaseModel):
    """An author in one language."""

    model_config = ConfigDict(extra="forbid", title="Author, one language")

    role: NonEmpty = Field(description="Their job in the newsroom, e.g. 'Defence correspondent'.")
    bio: Optional[NonEmpty] = Field(default=None, description="A sentence or two about them.")


class AuthorFields(BaseModel):
    """Language-independent fields of ``content/authors/<id>.yml``."""

    model_config = ConfigDict(extra="forbid")

    name: NonEmpty = Field(description="Their name, as printed in bylines.")


@dataclass
class Author:
    """A member of the newsroom who writes or translates explainers."""

    id: str
    path: Path = field(repr=False)  # not in the repr: see ArticleVersion.path
    display_path: str
    name: str
    texts: dict[str, AuthorText]


ArticleFrontmatter.model_rebuild()
