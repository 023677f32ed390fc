"""A head start on annotation: what an article names that the site has no entry for.

Four kinds of candidates, found in the article's title, summary and text:
countries (their CLDR names and adjectives, through babel), capitalised names
of two words or more (people, organisations), expressions in quotes (« … »,
“…”, "…") and noun phrases written more than once. What a form of an existing
glossary entry or participant already matches (generated forms included: the
linker's own list) is left out. Each candidate comes with the id and the kind
``explainer new`` would create it with, its count and its lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import locale
from .inflect import country_adjectives, demonym_inflections, strip_accents, surname, zipf
from .linking import normalize
from .model import ArticleVersion

#: CLDR's two-letter codes that are not countries (the EU, the UN, the euro area,
#: pseudo-regions): an organisation is not scaffolded as a country.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})
#: A word at least this frequent (wordfreq's Zipf scale) that starts a sentence is not
#: part of a name ("Le", "Selon", "Président"); a name with one is an organisation.
COMMON_WORD = 5.0
#: A word at least this frequent does not start or end a noun phrase (« est », "this");
#: "peace" (5.0), « sécurité » (5.2) do.
FUNCTION_WORD = 5.6
#: Words that may join the words of a name or of a noun phrase.
JOINING = {"fr": {"de", "du", "des", "d'", "d’", "la", "le", "l'", "l’", "à", "au", "aux", "et"},
           "en": {"of", "the", "for", "and", "on"}}
#: Words that may stand between the capitalised words of one name.
PARTICLES = {"de", "du", "des", "d'", "d’", "von", "van", "der", "den", "di", "da", "del", "of", "the",
             "al", "bin", "ben"}
#: A word, or a French elision on its own (« d’ », « l’ », « qu’ »): « bases d’une » is two
#: words and an elision, so that « une » is seen as the common word it is.
_WORD = re.compile(r"(?:[cdjlmnst]|qu)['’](?=[^\W\d_])|[^\W\d_]+(?:-[^\W\d_]+)*(?:['’][^\W\d_]+)?",
                   re.IGNORECASE)
_QUOTED = re.compile(r"«\s*([^«»]{2,80}?)\s*»|“([^“”]{2,80}?)”|\"([^\"]{2,80}?)\"")
_MARKUP = re.compile(r"\]\([^)]*\)|<[^>]*>|\{[^}]*\}|https?://\S+|[*_`#>\[\]]")
#: A quoted passage longer than this is a quotation, not a term.
MAX_QUOTED_WORDS = 5
#: The longest noun phrase looked for.
MAX_PHRASE_WORDS = 4


@dataclass
class Candidate:
    kind: str  # "country", "person", "organisation" or "term"
    identifier: str
    text: str  # as first written
    source: str  # what found it: "CLDR", "capitalised name", "quoted", "repeated phrase"
    iso: str | None = None
    lines: list[int] = field(default_factory=list)
    forms: dict[str, int] = field(default_factory=dict)  # form → count

    @property
    def count(self) -> int:
        return sum(self.forms.values())

    @property
    def usefulness(self) -> int:
        # Names and countries are what readers look up first; a phrase once quoted is
        # already marked by the writer as a term.
        bonus = {"CLDR": 2, "capitalised name": 2, "quoted": 1}.get(self.source, 0)
        return self.count + bonus

    @property
    def entry(self) -> str:
        return "term" if self.kind == "term" else "participant"


def slug(text: str) -> str:
    """The id ``explainer new`` would be given: « force de réassurance » → force-de-reassurance."""
    folded = strip_accents(unicodedata.normalize("NFC", text)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


@dataclass
class Block:
    """A paragraph's lines joined (a phrase may run over a line break), and where each starts."""

    text: str = ""
    starts: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, line number)

    def add(self, number: int, line: str) -> None:
        if self.text:
            self.text += " "
        self.starts.append((len(self.text), number))
        self.text += line

    def line(self, offset: int) -> int:
        return next(number for start, number in reversed(self.starts) if start <= offset)


def _blocks(version: ArticleVersion, raw: str) -> list[Block]:
    """What the article says: title, summary, then the body's paragraphs, without
    Markdown's marks and addresses."""
    blocks = []
    file_lines = raw.splitlines()
    for value in (version.meta.title, version.meta.summary):
        block = Block()
        block.add(next((i for i, line in enumerate(file_lines, 1) if value in line), 1), value)
        blocks.append(block)
    block = Block()
    for offset, line in enumerate(version.body.splitlines()):
        if line.strip():
            block.add(version.body_line + offset, _MARKUP.sub(" ", line).strip())
        elif block.text:
            blocks.append(block)
            block = Block()
    if block.text:
        blocks.append(block)
    return blocks


def _common(word: str, lang: str, threshold: float = COMMON_WORD) -> bool:
    return zipf(word.casefold(), lang) >= threshold


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip(" «“\"'(")
    return not before or before[-1] in ".!?:;"


class _Found:
    def __init__(self, known: set[str]) -> None:
        self.known = known
        self.by_id: dict[tuple[str, str], Candidate] = {}

    def is_known(self, text: str, name: bool) -> bool:
        key = normalize(text)
        if key in self.known:
            return True
        padded = f" {key} "
        # Inside a known form (« réassurance » of « force de réassurance »); for a name, a
        # known form inside it too ("President Macron"; but « armée ukrainienne » is a term).
        return any(padded in f" {form} " or (name and f" {form} " in padded)
                   for form in self.known if " " in form or len(form) > 3)

    def add(self, kind: str, text: str, line: int, source: str, identifier: str | None = None,
            iso: str | None = None, form: str | None = None) -> None:
        identifier = identifier or slug(text)
        if not identifier or self.is_known(form or text, kind != "term"):
            return
        entry = "term" if kind == "term" else "participant"
        candidate = self.by_id.setdefault((entry, identifier),
                                          Candidate(kind, identifier, text, source, iso))
        shown = form or text
        candidate.forms[shown] = candidate.forms.get(shown, 0) + 1
        if line not in candidate.lines:
            candidate.lines.append(line)


def _countries(lines, lang: str, found: _Found) -> None:
    names: dict[str, tuple[str, str]] = {}  # a form → (iso, the country's name)
    for code in sorted(locale.territory_codes() - NOT_COUNTRIES):
        name = locale.territory_name(code, lang)
        if not name:
            continue
        names[name] = (code, name)
        for adjective in country_adjectives(code, lang):
            for form in (adjective, *demonym_inflections(adjective, lang)):
                names.setdefault(form, (code, name))
    if not names:
        return
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r")(?![\w-])", re.IGNORECASE)
    lowered = {form.casefold(): value for form, value in names.items()}
    for block in lines:
        text = block.text
        for match in pattern.finditer(text):
            number = block.line(match.start())
            written = match.group(1)
            code, name = lowered[written.casefold()]
            if written[:1].islower() and written.casefold() == name.casefold():
                continue  # « la france » is not written; a lowercase country name is a word
            # The site's countries have English ids (france, united-kingdom), whatever the text.
            found.add("country", name, number, "CLDR", slug(locale.territory_name(code, "en") or name),
                      code, written)


def _names(lines, lang: str, found: _Found, countries: set[str]) -> None:
    joining = PARTICLES
    for block in lines:
        text = block.text
        words = list(_WORD.finditer(text))
        run: list[re.Match] = []
        for match in [*words, None]:
            word = match.group(0) if match else ""
            adjacent = match is not None and (not run or text[run[-1].end():match.start()].strip() == "")
            if match is not None and adjacent and (word[:1].isupper() or (run and word.casefold() in joining)):
                run.append(match)
                continue
            _name_run(run, block, lang, found, countries, joining)
            run = [match] if match is not None and word[:1].isupper() else []


def _name_run(run, block: Block, lang: str, found: _Found, countries: set[str],
              joining: set[str]) -> None:
    text = block.text
    while run and (run[0].group(0).casefold() in joining
                   or _sentence_start(text, run[0].start()) and _common(run[0].group(0), lang)):
        run = run[1:]  # "Selon", "Le": a capital at the start of a sentence
    while run and run[-1].group(0).casefold() in joining:
        run = run[:-1]
    capitalised = [m for m in run if m.group(0)[:1].isupper()]
    if len(capitalised) < 2:
        return
    name = text[run[0].start():run[-1].end()]
    if name in countries:
        return
    common = any(_common(m.group(0), lang) for m in capitalised)
    kind = "organisation" if common or len(capitalised) > 3 else "person"
    found.add(kind, name, block.line(run[0].start()), "capitalised name")


def _surnames(lines, lang: str, found: _Found) -> None:
    """A person named in full is then often named by surname alone (« a affirmé Lecornu »):
    counted with the name, as the linker links it."""
    people = [c for c in found.by_id.values() if c.kind == "person"]
    for person in people:
        alone = surname(person.text, (lang,))
        if not alone:
            continue
        pattern = re.compile(r"(?<![\w-])" + re.escape(alone) + r"(?![\w-])")
        for block in lines:
            full = [m.span() for m in re.finditer(re.escape(person.text), block.text)]
            for match in pattern.finditer(block.text):
                if not any(start <= match.start() < end for start, end in full):
                    number = block.line(match.start())
                    person.forms[alone] = person.forms.get(alone, 0) + 1
                    if number not in person.lines:
                        person.lines.append(number)


def _quoted(lines, lang: str, found: _Found) -> None:
    for block in lines:
        for match in _QUOTED.finditer(block.text):
            number = block.line(match.start())
            quoted = next(group for group in match.groups() if group).strip(" .,;:!?")
            words = _WORD.findall(quoted)
            if not words or len(words) > MAX_QUOTED_WORDS:
                continue
            found.add("term", quoted, number, "quoted")


def _adjacent(text: str, run: list[re.Match]) -> bool:
    return all(text[a.end():b.start()] in ("", " ") for a, b in zip(run, run[1:]))


def _phrases(lines, lang: str, found: _Found) -> None:
    joining = JOINING.get(lang, set())
    seen: dict[str, list[tuple[int, str]]] = {}
    for block in lines:
        text = block.text
        words = list(_WORD.finditer(text))
        for size in range(2, MAX_PHRASE_WORDS + 1):
            for start in range(len(words) - size + 1):
                run = words[start:start + size]
                phrase = [m.group(0) for m in run]
                first, last = phrase[0], phrase[-1]
                # Lowercase words; the first may have a sentence's capital.
                if not all(w.islower() for w in phrase[1:]) or not _adjacent(text, run) or not (
                        first.islower() or _sentence_start(text, run[0].start())):
                    continue
                first = first.casefold()
                if (first in joining or last in joining or _common(first, lang, FUNCTION_WORD)
                        or _common(last, lang, FUNCTION_WORD)):
                    continue
                if any(w not in joining and _common(w, lang, FUNCTION_WORD) for w in phrase[1:-1]):
                    continue
                written = first + text[run[0].end():run[-1].end()]
                seen.setdefault(normalize(written), []).append((block.line(run[0].start()), written))
    repeated = {phrase: where for phrase, where in seen.items() if len(where) >= 2}
    for phrase, where in repeated.items():
        # A phrase inside a longer one written as often says no more.
        if any(phrase != longer and f" {phrase} " in f" {longer} " and len(other) >= len(where)
               for longer, other in repeated.items()):
            continue
        for number, text in where:
            found.add("term", where[0][1], number, "repeated phrase", form=text)


def suggestions(version: ArticleVersion, raw: str, known_forms: set[str]) -> list[Candidate]:
    """What ``version`` names that no form in ``known_forms`` (normalised) matches, the
    most useful first (count, then kind), each once."""
    lang = version.lang
    lines = _blocks(version, raw)
    found = _Found(known_forms)
    _countries(lines, lang, found)
    country_names = {c.text for c in found.by_id.values()} | {
        form for c in found.by_id.values() for form in c.forms}
    _names(lines, lang, found, country_names)
    _surnames(lines, lang, found)
    _quoted(lines, lang, found)
    _phrases(lines, lang, found)
    candidates = list(found.by_id.values())
    for candidate in candidates:
        candidate.lines.sort()
    candidates.sort(key=lambda c: (-c.usefulness, c.lines[0], c.identifier))
    return candidates
