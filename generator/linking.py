"""One matcher for glossary terms and participants, and the HTML pass that links them.

Every form (term, alias, participant name, and the forms generator.inflect makes
from them) of every language goes into one Aho–Corasick automaton per page
language, so a page is scanned once whatever the glossary size. The automaton
ignores case, composed/decomposed accents, apostrophe style, no-break spaces and
guillemets inside a form: the seed's « cette force de « réassurance » » finds
*force de réassurance*.

Then the rules that tell a mention from the same words used otherwise, in two
steps. Before the leftmost-longest choice: case (participants are proper nouns,
acronyms are capitals). After it, reading the words around each match
(``Matcher.rejected``): longer names, hyphenated compounds, language names,
capitals named as places, determiners, a term capitalised inside a name. Phrases
that are never a mention (an entry's ``exclude``, the site's ``never_link``) take
part in the choice, so that nothing inside them is linked, and are then dropped.

Links are never made inside code, links, headings, attributes or
``[words](nolink:)``: the HTML is walked token by token and only text outside
those elements is matched. The text inside them is still read as context, so
linking twice decides the same.
"""

from __future__ import annotations

import bisect
import html
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator, NamedTuple

import ahocorasick

from .inflect import (KNOWN_WORD, country_adjectives, demonym_inflections, language_names,
                      SMALL_LIST_FLOOR, common_zipf, strip_accents, surname,
                      term_inflections, zipf)
from .model import Participant, ParticipantKind, SiteContent, TargetRef
from .html_text import RAW_END, RAW_TEXT, TAG, VOID
from .typography import text_writer, unescape_text

# -- normalisation ------------------------------------------------------------------

_QUOTES = "«»“”„‟\"‹›"
_APOSTROPHES = "’‘ʼ′`´"
_HYPHENS = "\u2010\u2011"
#: One-to-one replacements, so positions survive: every kind of space and
#: every guillemet becomes a plain space, every apostrophe a straight one.
_TABLE = {ord(c): " " for c in _QUOTES + "\t\n\r\f\v\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u205f\u3000"}
_TABLE.update({ord(c): "'" for c in _APOSTROPHES})
_TABLE.update({ord(c): "-" for c in _HYPHENS})
_REPLACEMENTS = tuple((chr(code), replacement) for code, replacement in _TABLE.items())


def _one_to_one(text: str) -> str:
    """``text.translate(_TABLE)``, faster: str.translate looks up every character of
    non-ASCII text in a dict; a search per character to replace runs in C (memchr)
    and most are absent: a fourth of the time of one pattern's walk through the text."""
    for char, replacement in _REPLACEMENTS:
        if char in text:
            text = text.replace(char, replacement)
    return text
_SPACE_RUN = re.compile(r" {2,}")
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


class NormalizedText:
    """A matching key of a text, and the way back to positions in the text."""

    __slots__ = ("text", "_starts", "_ends", "_breaks", "_shifts", "same_positions")

    def __init__(self, original: str):
        self._starts: list[int] | None = None
        self._ends: list[int] | None = None
        #: Whether every position of ``text`` is the same in the original.
        self.same_positions = False
        folded = original.casefold()
        if (len(folded) == len(original) and unicodedata.is_normalized("NFC", original)
                and not any(c in original for c in _ZERO_WIDTH)):
            self._fast(_one_to_one(folded))
        else:
            self._slow(original)

    def _fast(self, text: str) -> None:
        # Collapsing runs of spaces is the only length change; remember where.
        pieces, breaks, shifts, removed, last = [], [], [], 0, 0
        # Runs found with str.find, not a pattern: a two-space search skips ahead in C.
        run_start = text.find("  ")
        if run_start < 0:
            self.text, self._breaks, self._shifts, self.same_positions = text, [], [], True
            return
        size = len(text)
        while run_start >= 0:
            run_end = run_start + 2
            while run_end < size and text[run_end] == " ":
                run_end += 1
            pieces.append(text[last:run_start + 1])
            removed += run_end - run_start - 1
            breaks.append(run_start + 1 - (removed - (run_end - run_start - 1)))
            shifts.append(removed)
            last = run_end
            run_start = text.find("  ", run_end)
        pieces.append(text[last:])
        self.text = "".join(pieces)
        self._breaks, self._shifts = breaks, shifts

    def _slow(self, original: str) -> None:
        # Decomposed accents, expanding case folds (ß → ss), zero-width
        # characters: walk clusters and keep an explicit position map.
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        i, n = 0, len(original)
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(original[j]):
                j += 1
            cluster = original[i:j]
            if cluster[0] in _ZERO_WIDTH:
                i = j
                continue
            piece = unicodedata.normalize("NFC", cluster).casefold().translate(_TABLE)
            for char in piece:
                if char == " " and out and out[-1] == " ":
                    ends[-1] = j
                    continue
                out.append(char)
                starts.append(i)
                ends.append(j)
            i = j
        self.text = "".join(out)
        self._starts, self._ends = starts, ends
        self._breaks, self._shifts = [], []

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the normalised ``[start, end)``."""
        if self._starts is not None and self._ends is not None:
            return self._starts[start], self._ends[end - 1]
        # Each end moves by the spaces removed before it; the end's search starts
        # where the start's ended.
        breaks, shifts = self._breaks, self._shifts
        first = bisect.bisect_right(breaks, start)
        last = bisect.bisect_right(breaks, end - 1, first)
        return (start + (shifts[first - 1] if first else 0),
                end + (shifts[last - 1] if last else 0))


@lru_cache(maxsize=1 << 16)
def normalize(form: str) -> str:
    """The key a form is matched by."""
    return NormalizedText(form).text.strip()


#: Joins an article's text nodes for one matcher pass. No form contains it
#: (Matcher leaves such forms out) and it is neither a letter nor a space,
#: so a match never spans two nodes and word boundaries stay where they were.
#: Rules that read the words around a match see through it (inline markup).
_NODE_SEPARATOR = "\x00"
#: Joins text nodes with a block boundary between them (a paragraph, a list item):
#: rules that read the words around a match stop there.
_BLOCK_SEPARATOR = "\x01"


# -- forms -------------------------------------------------------------------------


#: The target of the site's never-link phrases: they are matched, then dropped.
NEVER = TargetRef("never", "")


@dataclass(frozen=True)
class Form:
    text: str
    lang: str
    target: TargetRef
    #: Where the form comes from: "term", "alias", "name", "abbreviation", a generated
    #: form ("plural of …", "surname", "adjective (CLDR)", "without accents"…), or
    #: "exclude" / "never_link" for phrases that are never a mention.
    rule: str = "form"
    #: "seat": a capital or seat of power, not linked as a place (« réunis à Paris »);
    #: "adjective": a demonym (« britannique », "Polish").
    role: str = ""
    #: The entry's link mode: "auto" or "with_determiner".
    mode: str = "auto"
    generated: bool = False

    @property
    def blocks(self) -> bool:
        """A phrase that is never a mention: it is matched only to hide what it contains."""
        return self.rule in ("exclude", "never_link")

    def digest_key(self) -> tuple:
        return (self.target.kind, self.target.id, self.lang, self.text, self.rule, self.role,
                self.mode)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-’'.]+", strip_accents(text).casefold()) if w]


def _shares_start(a: list[str], b: list[str]) -> bool:
    return any(x[:4] == y[:4] if min(len(x), len(y)) >= 4 else x == y for x in a for y in b)


def _is_adjective(text: str, lang: str, country: bool) -> bool:
    if text.casefold() in language_names(lang):
        return True
    if " " in text or not text.isalpha():
        return False
    if lang == "fr":
        return text[:1].islower()
    return country and text.endswith(("ish", "ese", "ian", "ians", "an", "ans", "ch"))


def _participant_roles(participant: Participant) -> dict[tuple[str, str], str]:
    """The role of each alias: "adjective" (a demonym), "seat" (a capital or a seat of
    power: a capitalised alias of a country or organisation that shares no word start
    with its names or demonyms, « Paris », « Maison-Blanche », "Kremlin"), or ""."""
    country = participant.kind is ParticipantKind.COUNTRY
    roles: dict[tuple[str, str], str] = {}
    own: list[str] = [w for name in participant.names.values() for w in _words(name)]
    for lang, aliases in participant.aliases.items():
        for alias in aliases:
            if _is_adjective(alias, lang, country):
                roles[(lang, alias)] = "adjective"
                own.extend(_words(alias))
    if participant.kind not in (ParticipantKind.COUNTRY, ParticipantKind.ORGANISATION):
        return roles
    for lang, aliases in participant.aliases.items():
        for alias in aliases:
            if (lang, alias) in roles or not alias[:1].isupper() or alias.isupper():
                continue
            if not _shares_start(_words(alias), own):
                roles[(lang, alias)] = "seat"
    return roles


def _variants(form: Form, participant: bool) -> list[Form]:
    """The same form without hyphens (« Maison Blanche »); for names, without accents
    (« Orban », « Etats-Unis ») and an abbreviation with dots ("U.S."); for glossary
    terms, without accents when no word of it is then another word (« reassurance »,
    not « cote » for « côte »)."""
    variants: dict[str, str] = {}
    stripped = strip_accents(form.text)
    if stripped != form.text and (participant or all(
            zipf(word, form.lang) < KNOWN_WORD for word, original in
            zip(stripped.split(" "), form.text.split(" ")) if word != original)):
        variants[stripped] = "without accents"
    for text in [form.text, *variants]:
        if re.search(r"\w-\w", text):
            variants.setdefault(re.sub(r"(?<=\w)-(?=\w)", " ", text), "without hyphens")
    if participant and form.text.isalpha() and form.text.isupper() and 2 <= len(form.text) <= 4:
        variants[".".join(form.text) + "."] = "with dots"
    return [Form(text, form.lang, form.target, f"{form.rule}, {rule}", form.role, form.mode, True)
            for text, rule in sorted(variants.items()) if text != form.text]


def site_forms(content: SiteContent, never_link: Iterable[str] = (),
               generate: bool = True) -> list[Form]:
    """Every term, alias and participant name of the site, in every language, then
    the forms generated from them (see generator.inflect; not with ``generate``
    False: generating asks wordfreq, whose lists take 70 MB), then the phrases
    that are never linked (entries' ``exclude``, the site's ``never_link``)."""
    written: list[Form] = []
    generated: list[Form] = []
    blocking: list[Form] = []
    for entry in content.glossary.values():
        if entry.link == "explicit":
            continue
        target = TargetRef("term", entry.id)
        for lang in entry.texts:
            text = entry.texts[lang]
            for rule, value in (("term", text.term), *(("alias", a) for a in text.aliases)):
                form = Form(value, lang, target, rule, "", entry.link)
                written.append(form)
                if not generate:
                    continue
                for inflected in term_inflections(value, lang):
                    generated.append(Form(inflected, lang, target, f"inflection of '{value}'",
                                          "", entry.link, True))
                generated.extend(_variants(form, False))
            blocking.extend(Form(p, lang, target, "exclude") for p in entry.excluded(lang))
    for participant in content.participants.values():
        if participant.link == "explicit":
            continue
        target = TargetRef("participant", participant.id)
        roles = _participant_roles(participant)
        languages = tuple(participant.names)
        for lang in participant.names:
            own = [Form(participant.names[lang], lang, target, "name", "", participant.link)]
            if lang in participant.abbreviation:
                own.append(Form(participant.abbreviation[lang], lang, target, "abbreviation", "",
                                participant.link))
            own.extend(Form(alias, lang, target, "alias", roles.get((lang, alias), ""),
                            participant.link) for alias in participant.aliases.get(lang, []))
            written.extend(own)
            blocking.extend(Form(p, lang, target, "exclude") for p in participant.excluded(lang))
            if not generate:
                continue
            extra: list[Form] = []
            if participant.kind is ParticipantKind.PERSON:
                found = surname(participant.names[lang], languages)
                if found:
                    extra.append(Form(found, lang, target, "surname", "", participant.link, True))
            if participant.kind is ParticipantKind.COUNTRY and participant.iso:
                for adjective in country_adjectives(participant.iso, lang):
                    extra.append(Form(adjective, lang, target, "adjective (CLDR)", "adjective",
                                      participant.link, True))
            for form in own + extra:
                if form.role == "adjective":
                    extra.extend(Form(w, lang, target, f"inflection of '{form.text}'", "adjective",
                                      participant.link, True)
                                 for w in demonym_inflections(form.text, lang))
            generated.extend(extra)
            for form in own + extra:
                generated.extend(_variants(form, True))
    # A generated form never takes a written form's place, and is dropped when it
    # would stand for two entries (two people called Dan).
    taken = {(form.lang, normalize(form.text)) for form in written}
    owners: dict[tuple[str, str], set[TargetRef]] = {}
    for form in generated:
        owners.setdefault((form.lang, normalize(form.text)), set()).add(form.target)
    kept, seen = [], set(taken)
    for form in generated:
        key = (form.lang, normalize(form.text))
        if key in seen or len(owners[key]) > 1:
            continue
        seen.add(key)
        kept.append(form)
    never = [Form(phrase, lang, NEVER, "never_link")
             for phrase in never_link for lang in content.languages]
    return written + kept + blocking + never


def form_warnings(content: SiteContent, never_link: Iterable[str] = ()) -> list[tuple[TargetRef, str, str]]:
    """What ``explainer check`` says about the forms: ``(entry, language, message)``
    for a form that stands for two entries (a generated one, which is then left out,
    or the same words in two languages), and for a form that is also a frequent
    word of its language (linked by mistake where it means something else)."""
    warnings: list[tuple[TargetRef, str, str]] = []
    forms = site_forms(content, never_link)
    written = [f for f in forms if not f.generated and not f.blocks]
    by_key: dict[str, dict[TargetRef, Form]] = {}
    for form in written:
        by_key.setdefault(normalize(form.text), {}).setdefault(form.target, form)
    for key, owners in sorted(by_key.items()):
        if len(owners) > 1:
            (first, one), (second, other) = sorted(owners.items(), key=lambda i: (i[0].kind, i[0].id))[:2]
            warnings.append((second, other.lang,
                             f"'{other.text}' ({other.lang}) also names {first.kind} '{first.id}' "
                             f"('{one.text}', {one.lang}): on a page in one language, that "
                             "language's entry wins; check it is the one meant"))
    generated: dict[tuple[str, str], set[TargetRef]] = {}
    taken = {(f.lang, normalize(f.text)) for f in written}
    for entry in content.participants.values():
        if entry.kind is ParticipantKind.PERSON and entry.link != "explicit":
            for lang, name in entry.names.items():
                found = surname(name, tuple(entry.names))
                if found and (lang, normalize(found)) not in taken:
                    generated.setdefault((lang, found), set()).add(TargetRef("participant", entry.id))
    for (lang, text), owners in sorted(generated.items()):
        if len(owners) > 1:
            ids = sorted(t.id for t in owners)
            for target in sorted(owners, key=lambda t: t.id):
                warnings.append((target, lang, f"the surname '{text}' ({lang}) would name "
                                 f"{' and '.join(ids)}: it links to neither; add it as an "
                                 "alias of the one it means"))
    for form in written:
        if " " in form.text or form.rule in ("name", "abbreviation") or form.role:
            continue
        frequency = common_zipf(form.text, form.lang)
        if form.target.kind == "term" and form.mode == "auto" and frequency >= FREQUENT_TERM:
            warnings.append((form.target, form.lang, (
                f"'{form.text}' ({form.lang}) is a frequent word of its language: check "
                "that articles use it in the glossary's sense, or add exclude phrases, or "
                "set link: with_determiner")))
        elif form.target.kind == "participant" and frequency >= FREQUENT_NAME:
            warnings.append((form.target, form.lang, (
                f"'{form.text}' ({form.lang}) is also a frequent word, '{form.text.casefold()}': "
                "it links only as written (capitalised), but at the start of a sentence "
                "or in a name of something else it may be wrong; add exclude phrases "
                "where it is")))
    return warnings


#: Zipf frequencies above which ``explainer check`` says a form is a common word.
FREQUENT_TERM = 5.2
FREQUENT_NAME = 4.5


# -- matching ----------------------------------------------------------------------


#: What ``_cased`` changes besides NFC: every character ``_one_to_one`` replaces, the
#: zero-width ones, and spaces it collapses or strips.
_CASED_CHANGES = re.compile("[" + re.escape(_QUOTES + _APOSTROPHES + _HYPHENS + _ZERO_WIDTH)
                            + r"\t\n\r\f\v\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u205f\u3000]|  ")


@lru_cache(maxsize=1 << 14)  # a page names the same people again and again
def _cased(text: str) -> str:
    """A text as written, for comparing case: NFC, spaces and apostrophes unified."""
    if text.isascii() and text.isalpha():
        return text
    if (text and not text[0].isspace() and not text[-1].isspace()
            and unicodedata.is_normalized("NFC", text) and not _CASED_CHANGES.search(text)):
        return text  # most names ("Emmanuel Macron"): nothing to unify
    if any(c in text for c in _ZERO_WIDTH):
        text = "".join(c for c in text if c not in _ZERO_WIDTH)
    return _SPACE_RUN.sub(" ", _one_to_one(unicodedata.normalize("NFC", text))).strip()


@dataclass(frozen=True, slots=True)
class _Entry:
    form: Form
    cased: str
    foreign: str | None
    acronym: bool
    #: ``form.blocks`` and ``form.target.kind == "participant"``, read for every match.
    blocks: bool = False
    participant: bool = False
    #: ``(form.target.kind, form.target.id)``
    ident: tuple[str, str] = ("", "")
    #: ``form.mode == "with_determiner"``, no space in ``cased``, ``cased`` begins in
    #: lower case: what the rules ask of every match.
    determiner: bool = False
    one_word: bool = False
    lower_initial: bool = False
    #: ``form.target``, ``form.text``, ``form.rule``, ``form.role``: what a match reads
    #: of its form, kept here so that it reads one object, not two.
    target: TargetRef = NEVER
    text: str = ""
    rule: str = ""
    role: str = ""

    @property
    def cased_match(self) -> bool:
        """Whether the words must be written in a given case to match."""
        return self.acronym or self.participant


class _Found(NamedTuple):
    start: int  # in the text as given
    end: int
    entry: _Entry
    key: str


#: Makes a named tuple from a plain tuple, ``_new_tuple(_Found, (…))``, without the
#: named tuple's own ``__new__``, which is Python code: matches and mentions are made
#: by the thousand.
_new_tuple = tuple.__new__
_intern = sys.intern


#: A foreign form this frequent (Zipf) in the page's language is one of its words.
FOREIGN_COMMON = 3.5
#: A capitalised word before a name, rarer than this, is part of a longer name (East
#: Germany); at the start of a sentence, only a rare one ("Yesterday Moscow said").
#: (Every threshold here is read from wordfreq's small lists: see ``common_zipf``; "rare"
#: is a word outside them.)
COMMON_WORD = 5.5
RARE_WORD = SMALL_LIST_FLOOR

_TITLES = frozenset("""
president vice prime minister premier chancellor foreign defence defense secretary deputy
ambassador senator governor general king queen prince princess pope mr mrs ms dr sir lord lady
commission commissioner council parliament ministry government army navy air embassy supreme
speaker leader chief finance interior trade economy central national senate house congress
treasury department force forces navy court
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december i
président présidente chancelier chancelière ministre m mme sénat assemblée parlement congrès
gouvernement conseil commission ministère armée cour
""".split())
_DETERMINERS = {
    "fr": frozenset("""le la les l un une des du de d au aux ce cet cette ces son sa ses leur leurs
                       notre nos votre vos mon ma mes chaque toute tout toutes tous quel quelle
                       quels quelles aucun aucune plusieurs certains certaines""".split()),
    "en": frozenset("""the a an this that these those its their his her our your my any each every
                       no another some such whose""".split()),
}
_PRENOMINAL = frozenset("""nouvelle nouvel nouveau nouvelles nouveaux grande grand grandes grands
    vaste vastes large première premier dernière dernier seconde second deuxième troisième
    prochaine véritable vraie même autre petite éventuelle longue énième""".split())
_PLACE = {"fr": frozenset("à dans depuis vers".split()),
          "en": frozenset("in near outside inside into around across within throughout".split())}
_CITY_NOUNS = frozenset("""maire mairie habitants rues banlieue centre aéroport université mur
    traité métro gare port région accords accord mémorandum protocole conférence sommet
    mayor residents inhabitants streets suburbs outskirts center airport university wall
    treaty metro station region memorandum protocol conference summit""".split())
_LANGUAGE_PREPOSITIONS = frozenset("en in into".split())
_LIST_WORDS = frozenset("et ou puis and or then".split())
_SPEAKING = frozenset("speak speaks spoke speaking spoken translated translate fluent".split())
_SPEAKING_STEMS = {"fr": ("parl", "tradui")}
_AFTER_LANGUAGE = frozenset("""and or to through then by with for from on at as but while before
    after during instead only too rather is was are were in of""".split())
_TITLE_AFTER_TERM = frozenset("minister ministers ministry secretary department committee".split())
_OPENING = "«“„‘\"'([‹ \u00a0\u202f\u2009"
_QUOTE_OPENERS = "«“„‘\"("


def _common(key: str, lang: str) -> bool:
    """Whether ``key`` is a common word or phrase of ``lang`` (``zipf >= FOREIGN_COMMON``).

    wordfreq is asked about a phrase only when each of its words is that common: a
    phrase is never more frequent than one of its words (wordfreq combines them as
    1/f = 1/f1 + 1/f2 + …), and words recur from form to form where phrases do not,
    so their answers are mostly cached. Punctuation alone ("-" in "Congo - Kinshasa")
    is no word to wordfreq: it makes no token, and counts for nothing."""
    words = [word for word in key.split(" ") if any(c.isalnum() for c in word)]
    if len(words) > 1 and any(common_zipf(word, lang) < FOREIGN_COMMON for word in words):
        return False
    return common_zipf(key, lang) >= FOREIGN_COMMON


class Matcher:
    """All forms of all languages, for pages written in ``lang``."""

    def __init__(self, lang: str, forms: Iterable[Form], never_link: Iterable[str] = ()):
        self.lang = lang
        forms = [*forms, *(Form(phrase, lang, NEVER, "never_link") for phrase in never_link)]
        own_keys = {normalize(form.text) for form in forms if form.lang == lang}
        chosen: dict[str, list[_Entry]] = {}
        for form in sorted(forms, key=lambda f: (f.lang != lang, f.generated)):
            key = normalize(form.text)
            if not key or _NODE_SEPARATOR in key or _BLOCK_SEPARATOR in key:
                continue
            foreign = None if form.lang == lang else form.lang
            if foreign is not None:
                # The page language's own form wins over a foreign one; a foreign form
                # that is short or a common word of the page's language is not matched
                # (the French « eu » is not the English "EU").
                if (key in own_keys or form.blocks
                        or sum(c.isalpha() for c in key) < 3 or _common(key, lang)):
                    continue
            entries = chosen.setdefault(key, [])
            cased = _cased(form.text)
            if any(e.form.target == form.target and e.cased == cased for e in entries):
                continue
            if entries and entries[0].form.target != form.target and not form.blocks:
                continue  # one key, one entry: the first (validation reports the clash)
            letters = [c for c in cased if c.isalpha()]
            entries.append(_Entry(form, cased, foreign, len(letters) >= 2 and cased.isupper(),
                                  form.blocks, form.target.kind == "participant",
                                  (form.target.kind, form.target.id),
                                  form.mode == "with_determiner", " " not in cased,
                                  cased[:1].islower(), form.target, form.text, form.rule,
                                  form.role))
        self._automaton = ahocorasick.Automaton()
        for key, entries in chosen.items():
            # The entry a match in any case stands for (a glossary form), else None:
            # the words' case is then checked against each entry.
            any_case = entries[0] if len(entries) == 1 and not entries[0].cased_match else None
            self._automaton.add_word(key, (len(key), key, tuple(entries), any_case))
        self.size = len(chosen)
        self._languages = language_names(lang)
        if self.size:
            self._automaton.make_automaton()

    # -- finding --------------------------------------------------------------------

    def spans(self, text: str, first_only: bool = False,
              linkable: list[tuple[int, int]] | None = None,
              ) -> list[tuple[int, int, TargetRef, str | None]]:
        """Leftmost-longest, whole-word, non-overlapping matches in ``text``, as
        ``(start, end, target, foreign_lang)`` in the text as given; with
        ``first_only``, only the first match of each target."""
        return [(start, end, found.entry.form.target, found.entry.foreign)
                for start, end, found in self.found(text, first_only, linkable)]

    def found(self, text: str, first_only: bool = False,
              linkable: list[tuple[int, int]] | None = None,
              rejected: list[tuple[int, int, "_Found", str]] | None = None,
              ) -> list[tuple[int, int, "_Found"]]:
        """``spans``, with the entry and form each match is for. ``linkable``: the
        ranges of ``text`` a match may be in (the rest is only read as context).
        ``rejected`` collects the matches the rules turned down, with the reason."""
        if not self.size or not text:
            return []
        normalized = NormalizedText(text)
        selected = self._selected(normalized, text)
        kept = []
        area, areas = 0, len(linkable) if linkable is not None else 0
        for index, found in enumerate(selected):
            if found.entry.blocks:
                continue
            if linkable is not None:
                # The ranges and the matches both go forward: the range a match may
                # be in is the last that starts at or before it.
                while area + 1 < areas and linkable[area + 1][0] <= found.start:
                    area += 1
                if not (areas and linkable[area][0] <= found.start
                        and found.end <= linkable[area][1]):
                    continue
            reason = self.rejected(text, selected, index)
            if reason is None:
                kept.append(found)
            elif rejected is not None:
                rejected.append((found.start, found.end, found, reason))
        if first_only:
            seen: set[tuple[str, str]] = set()
            kept = [f for f in kept if f.entry.ident not in seen and not seen.add(f.entry.ident)]
        if not any(mark in text for mark in _QUOTE_MARKS):
            return [(found.start, found.end, found) for found in kept]
        out = []
        search = _QUOTE_MARK.search
        for found in kept:
            start, end = found.start, found.end
            if search(text, start, end):  # a quote mark inside: keep it paired
                start, end = _balance_quotes(text, start, end)
            out.append((start, end, found))
        return out

    def targets(self, text: str) -> set[TargetRef]:
        """The targets ``spans`` would report, without their positions."""
        return {target for _, _, target, _ in self.spans(text)}

    def _selected(self, normalized: NormalizedText, text: str) -> list[_Found]:
        """Leftmost-longest, whole-word, non-overlapping candidates whose case fits."""
        key = normalized.text
        last = len(key) - 1
        candidates = []
        append = candidates.append
        for end_index, value in self._automaton.iter(key):
            length = value[0]
            start = end_index - length + 1
            if start > 0 and key[start - 1].isalnum():
                continue
            if end_index < last and key[end_index + 1].isalnum():
                continue
            append((start, -length, value))
        # (start, -length) never ties (one key is found once where it ends), so the
        # values are never compared.
        candidates.sort()
        # The case is checked as the choice reaches a candidate: a candidate whose
        # case does not fit is passed over as if never found, and the many that an
        # earlier choice covers are never checked.
        selected, position = [], 0
        same = normalized.same_positions
        span = normalized.span
        for start, length, (_, form_key, entries, entry) in candidates:
            if start < position:
                continue
            end = start - length
            original_start, original_end = (start, end) if same else span(start, end)
            if entry is None:
                written = _cased(text[original_start:original_end])
                for entry in entries:
                    if _case_fits(entry, written):
                        break
                else:
                    continue
            selected.append(_new_tuple(_Found, (original_start, original_end, entry, form_key)))
            position = end
        return selected

    # -- the rules ------------------------------------------------------------------

    def rejected(self, text: str, selected: list[_Found], index: int) -> str | None:
        """Why the selected match at ``index`` is not a mention, or None if it is."""
        found = selected[index]
        start, end, entry, _ = found
        lang = self.lang
        if entry.determiner and not _after_determiner(text, start, lang):
            return "no determiner before it"
        compound = _compound(text, start, end)
        if compound:
            partner = _neighbour(selected, index, compound)
            if not (partner is not None and self._name(found) and self._name(partner)):
                return "part of a hyphenated compound"
        # The rules run for every match: the words around are read only by the rules
        # that need them (reading a word costs more than most rules), and a word is
        # checked for capitals only once it is capitalised.
        written = text[start:end]
        after = _word_after(text, end) if end < len(text) and text[end] in _SPACES_OR_NODE else ""
        if entry.participant:
            role = entry.role
            # A French demonym follows its noun and may precede a name (« le ministre
            # ukrainien Dmytro Kuleba », « le Sénat américain »): not part of a name.
            french_adjective = role == "adjective" and lang == "fr"
            if (not french_adjective and after and after[:1].isupper() and len(after) > 1
                    and not (_all_caps(written) and _all_caps(after))
                    and after.casefold() not in _TITLES and not _starts_match(selected, index + 1, text, end)):
                return "inside a longer name"
            before = _word_before(text, start) if (
                role == "seat" or not french_adjective and entry.one_word) else ""
            # A full name is specific enough: "Republican Donald Trump".
            if (not french_adjective and entry.one_word and before
                    and before[:1].isupper() and not (_all_caps(written) and _all_caps(before))
                    and before.casefold() not in _TITLES
                    and common_zipf(before, lang) < (RARE_WORD if _sentence_start(
                        text, _start_of_word_before(text, start), quotes=False)
                        else COMMON_WORD)
                    and not _ends_match(selected, index - 1, text, start)):
                return "inside a longer name"
            if found.key in self._languages and self._language_use(text, found):
                return "a language name"
            if role == "seat":
                if _place(text, start, before, lang):
                    return "a place"
                if _all_caps(written) and not entry.acronym and _dateline(text, end):
                    return "a dateline"
        else:
            if (entry.lower_initial and not entry.acronym and written[:1].isupper()
                    and not _all_caps(written) and not _sentence_start(text, start)):
                return "capitalised: part of a name"
            if after and after.casefold() in _TITLE_AFTER_TERM:
                return "part of a title"
        return None

    def _name(self, found: _Found) -> bool:
        """A participant's name (not a demonym or a language): a compound of two names
        links both ("US-China")."""
        return (found.entry.form.target.kind == "participant" and found.entry.form.role != "adjective"
                and found.key not in self._languages)

    def _language_use(self, text: str, found: _Found) -> bool:
        """« en allemand », "in Polish", "in German, English and Russian": a language."""
        before = _word_before(text, found.start)
        low = before.casefold()
        if low in _SPEAKING or low.startswith(_SPEAKING_STEMS.get(self.lang, ())):
            return True  # « il parle russe », "speaks Russian", « traduit de l’allemand »
        written = text[found.start:found.end]
        if self.lang == "fr" and written[:1].islower() and (
                low in ("le", "du") or _ELIDED.search(_context_before(text, found.start))):
            return True  # « le russe », « de l’allemand »: people are « les Russes »
        window = text[max(0, found.start - 80):found.start].replace(_NODE_SEPARATOR, "")
        tokens = re.findall(r"[^\W\d_]+|[^\w\s]", window.split(_BLOCK_SEPARATOR)[-1])
        for token in reversed(tokens[-12:]):
            low = token.casefold()
            if low in _LANGUAGE_PREPOSITIONS:
                break
            if low in _LIST_WORDS or low == "," or low in self._languages:
                continue
            return False
        else:
            return False
        if self.lang == "en":
            after = _word_after(text, found.end)
            if after and after[:1].islower() and after.casefold() not in _AFTER_LANGUAGE:
                return False  # "in Russian hands": an adjective
        return True


def _case_fits(entry: _Entry, written: str) -> bool:
    """Participants are proper nouns: as written, capitalised at the start of a
    sentence, or in capitals. Acronyms (OTAN, GDP) only in capitals. Other glossary
    forms in any case."""
    if entry.acronym:
        return written == entry.cased
    if not entry.participant and not entry.blocks:
        return True
    cased = entry.cased
    if entry.blocks and entry.form.target is NEVER:
        return True
    return (written == cased or written == cased[:1].upper() + cased[1:]
            or written == cased.upper())


def _all_caps(word: str) -> bool:
    return len(word) > 1 and word.isupper() and sum(c.isalpha() for c in word) >= 2


_SPACES = " \u00a0\u202f\u2009\t\n"
_SPACES_OR_NODE = _SPACES + _NODE_SEPARATOR
_ELIDED = re.compile(r"(?<![^\W\d_])([^\W\d_]{1,2})['’]$")
_AFTER = re.compile(r"[ \u00a0\u202f\u2009\t\n]+([^\W\d_]+)")


def _context_before(text: str, position: int) -> str:
    return text[max(0, position - 60):position].replace(_NODE_SEPARATOR, "")


def _letter(char: str) -> bool:
    return char.isalpha() or unicodedata.combining(char) > 0


def _word_before(text: str, position: int) -> str:
    """The word just before ``position``, with only spaces between (or "" ): never across
    punctuation or a block."""
    if not position or text[position - 1] not in _SPACES_OR_NODE:
        return ""
    low = max(0, position - 60)
    if text.find(_NODE_SEPARATOR, low, position) < 0:
        # No inline markup in reach: read the text itself, as the context below would be.
        end = position
        while end > low and text[end - 1] in _SPACES:
            end -= 1
        start = end
        while start > low and (text[start - 1].isalpha() or unicodedata.combining(text[start - 1])):
            start -= 1
        return text[start:end]
    context = _context_before(text, position)
    end = len(context)
    while end and context[end - 1] in _SPACES:
        end -= 1
    if end == len(context):
        return ""
    start = end
    while start and _letter(context[start - 1]):
        start -= 1
    return context[start:end]


def _start_of_word_before(text: str, position: int) -> int:
    """Where the last word before ``position`` starts (across spaces, punctuation and
    inline markup, not across a block)."""
    index = position
    low = max(0, position - 60)
    while index > low and not _letter(text[index - 1]):
        if text[index - 1] == _BLOCK_SEPARATOR or text[index - 1].isdigit():
            return position
        index -= 1
    end = index
    while index > low and (_letter(text[index - 1])):
        index -= 1
    return index if index < end else position


def _word_after(text: str, position: int) -> str:
    if position >= len(text) or text[position] not in _SPACES_OR_NODE:
        return ""
    if text.find(_NODE_SEPARATOR, position, position + 60) < 0:
        found = _AFTER.match(text, position, position + 60)
        return found.group(1) if found else ""
    found = _AFTER.match(text[position:position + 60].replace(_NODE_SEPARATOR, ""))
    return found.group(1) if found else ""


def _sentence_start(text: str, position: int, quotes: bool = True) -> bool:
    """At the start of a sentence, a block, or (with ``quotes``) a quotation
    (“Ceasefire now”)."""
    context = _context_before(text, position)
    before = context.rstrip(_OPENING)
    if quotes and any(c in _QUOTE_OPENERS for c in context[len(before):]):
        return True
    return not before or before[-1] in ".!?…:;—–" + _BLOCK_SEPARATOR


def _after_determiner(text: str, position: int, lang: str) -> bool:
    context = _context_before(text, position)
    elided = _ELIDED.search(context)
    determiners = _DETERMINERS.get(lang, frozenset())
    if elided:
        return elided.group(1).casefold() in determiners
    before = _word_before(text, position)
    if not before:
        return False
    low = before.casefold()
    if low in determiners:
        return True
    if lang == "en" and re.search(r"(?:['’]s|s['’])[ \u00a0]+$", context):
        return True  # Russia's offensive
    earlier = _word_before(text, _start_of_word_before(text, position))
    if lang == "fr":
        return low in _PRENOMINAL and earlier.casefold() in determiners
    return earlier.casefold() in determiners  # a new offensive


def _words_before(text: str, position: int, count: int) -> list[str]:
    """Up to ``count`` words before ``position``, nearest first, with only spaces between."""
    words = []
    for _ in range(count):
        word = _word_before(text, position)
        if not word:
            break
        words.append(word)
        position = _start_of_word_before(text, position)
    return words


#: French words after which « à Paris » is a place: verbs of being, going or meeting
#: (« réunis à Paris », « il était à Moscou », « s’est rendu à Kyiv ») and nouns of
#: events and offices (« un sommet à Washington », « l’ambassade à Pékin »). Elsewhere
#: « à » is more often « à » of giving (« une concession à Washington »).
_PRESENCE = ("réuni", "basé", "install", "situé", "né", "née", "arrivé", "tenu", "organisé",
             "rassemblé", "retrouvé", "domicilié", "vit", "vivent", "habite", "est", "était",
             "étaient", "sont", "sera", "seront", "été", "être", "trouv", "séjourn", "rest",
             "rendu", "allé", "venu", "retourn", "rentr", "sommet", "réunion", "conférence",
             "rencontre", "visite", "voyage", "déplacement", "manifest", "rassemblement",
             "attentat", "attaque", "explosion", "ambassade", "consulat", "siège", "bureau",
             "correspondant", "envoyé", "défilé", "cérémonie")


def _place(text: str, start: int, before: str, lang: str) -> bool:
    """A capital named as a place: after a preposition of place (in English; in
    French « à » only opens a place at the start of a clause, « À Kyiv, on… »,
    « Certains, à Varsovie », or after a verb of presence, « réunis à Paris »: else
    it is « à » of giving, « une concession à Washington »), or as a city, after
    "mayor of", « maire (libéral) de »."""
    if not before:
        return False
    low = before.casefold()
    if low in _PLACE.get(lang, ()) and not (lang == "fr" and low == "à"):
        return True
    if lang == "fr" and low in ("à", "a"):
        if before == "A" or before == "À":
            return True
        word_start = _start_of_word_before(text, start)
        if _sentence_start(text, word_start) or _context_before(text, word_start).rstrip()[-1:] in (",", "("):
            return True
        earlier = _word_before(text, word_start).casefold()
        return bool(earlier) and earlier.startswith(_PRESENCE)
    if low in ("de", "of", "du", "d"):
        earlier = _words_before(text, _start_of_word_before(text, start), 2)
        return any(word.casefold() in _CITY_NOUNS for word in earlier)
    return False


def _compound(text: str, start: int, end: int) -> str:
    """"left" or "right" when the match is one side of a hyphenated compound."""
    if start >= 2 and text[start - 1] in "-\u2010\u2011" and text[start - 2].isalpha():
        return "left"
    if end + 1 < len(text) and text[end] in "-\u2010\u2011" and text[end + 1].isalpha():
        return "right"
    return ""


def _neighbour(selected: list[_Found], index: int, side: str) -> _Found | None:
    found = selected[index]
    if side == "left" and index > 0 and selected[index - 1].end == found.start - 1:
        return selected[index - 1]
    if side == "right" and index + 1 < len(selected) and selected[index + 1].start == found.end + 1:
        return selected[index + 1]
    return None


def _starts_match(selected: list[_Found], index: int, text: str, end: int) -> bool:
    if index >= len(selected):
        return False
    between = text[end:selected[index].start].replace(_NODE_SEPARATOR, "")
    return not between.strip()


def _ends_match(selected: list[_Found], index: int, text: str, start: int) -> bool:
    if index < 0:
        return False
    between = text[selected[index].end:start].replace(_NODE_SEPARATOR, "")
    return not between.strip()


def _dateline(text: str, end: int) -> bool:
    rest = text[end:end + 8].replace(_NODE_SEPARATOR, "").lstrip(" \u00a0\u202f")
    return rest[:1] in ("—", "–", "-", ",", "(")


_QUOTE_PAIRS = (("«", "»"), ("“", "”"), ("‹", "›"))
_INNER_SPACES = " \u00a0\u202f"
_QUOTE_MARKS = "".join(opening + closing for opening, closing in _QUOTE_PAIRS)
_QUOTE_MARK = re.compile("[" + _QUOTE_MARKS + "]")


def _balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Keep quote marks paired inside a link.

    « force de « réassurance » » matches up to « réassurance: take in the closing
    guillemet; “reassurance” force matches from reassurance”: take in the opening one.
    """
    inner = text[start:end]
    for opening, closing in _QUOTE_PAIRS:
        if inner.count(opening) > inner.count(closing):
            rest = end
            while rest < len(text) and text[rest] in _INNER_SPACES:
                rest += 1
            if rest < len(text) and text[rest] == closing:
                end = rest + 1
        elif inner.count(closing) > inner.count(opening):
            before = start
            while before > 0 and text[before - 1] in _INNER_SPACES:
                before -= 1
            if before > 0 and text[before - 1] == opening:
                start = before - 1
    return start, end


# -- explicit references -----------------------------------------------------------

#: Editors force a link with an ordinary Markdown link: ``[text](term:id)``
#: for a glossary entry, ``[text](who:id)`` for a participant.
SCHEMES = {"term": "term", "who": "participant"}
EXPLICIT_IN_MARKDOWN = re.compile(r"\]\(\s*<?(term|who):([^)\s>]*)>?\s*\)")
_EXPLICIT_HREF = re.compile(r"^(term|who):(.*)$")


@dataclass(frozen=True)
class ExplicitReference:
    target: TargetRef
    offset: int  # character offset in the Markdown source


def explicit_references(markdown: str) -> Iterator[ExplicitReference]:
    for found in EXPLICIT_IN_MARKDOWN.finditer(markdown):
        yield ExplicitReference(TargetRef(SCHEMES[found.group(1)], found.group(2)),
                                found.start(1))


# -- the HTML pass -----------------------------------------------------------------

_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
#: Text inside these is never linked.
NO_LINK = frozenset("a code pre kbd samp var script style textarea button select option "
                    "svg math h1 h2 h3 h4 h5 h6 title label".split())
#: ``render(target, inner_html, foreign_lang, explicit) -> html``
LinkRenderer = Callable[[TargetRef, str, "str | None", bool], str]


class Mention(NamedTuple):
    """One mention of a term or participant in an article's HTML body.

    ``node`` is the raw span of the text node the words are in (of the whole
    ``<a href="term:…">…</a>`` for an explicit link); ``start`` and ``end`` are
    the words' span in that node's text, as a parser reads it (for an explicit
    link, the raw span of the link's inner HTML in the body). A named tuple: a
    warm build reads a site's mentions back from the build cache (94,000 at
    1,000 explainers), and a tuple is made five times faster than a frozen
    dataclass.
    """

    target: TargetRef
    node: tuple[int, int]
    start: int
    end: int
    #: The words as written (the form that matched).
    text: str
    #: Language of the matched form when it is not the page's language.
    foreign_lang: str | None = None
    #: Written by the editor as ``[words](term:id)`` or ``[words](who:id)``.
    explicit: bool = False
    #: The first mention of its target on the page, in document order.
    first: bool = False
    #: The entry's form that matched, as the entry writes it ("" for explicit links).
    form: str = ""
    #: Where that form comes from: "term", "alias", "surname", "inflection of …".
    rule: str = ""

    def linked(self, first_only: bool) -> bool:
        """Whether the page links this mention: explicit links always, others when
        every mention links or when it is the first of its target."""
        return self.explicit or self.first or not first_only

    def to_json(self) -> list:
        return [self.target.kind, self.target.id, *self.node, self.start, self.end, self.text,
                self.foreign_lang, self.explicit, self.first, self.form, self.rule]



def mentions_from_json(items: list) -> tuple[Mention, ...]:
    """What ``Mention.to_json`` wrote, checked: anything else raises."""
    targets: dict[tuple[str, str], TargetRef] = {}
    mentions = []
    for item in items:
        (kind, ident, node_start, node_end, start, end, text, foreign, explicit, first,
         form, rule) = item
        target = targets.get((kind, ident))
        if target is None:
            if not (isinstance(kind, str) and isinstance(ident, str)):
                raise ValueError("malformed mention")
            target = targets[(kind, ident)] = TargetRef(kind, ident)
        if not (type(node_start) is type(node_end) is type(start) is type(end) is int
                and isinstance(text, str) and (foreign is None or isinstance(foreign, str))
                and type(explicit) is type(first) is bool
                and isinstance(form, str) and isinstance(rule, str)):
            raise ValueError("malformed mention")
        mentions.append(Mention(target, (node_start, node_end), start, end, text, foreign,
                                explicit, first, form, rule))
    return tuple(mentions)


#: Elements whose boundaries end a run of text (the words around a match stop there).
_BLOCKS = frozenset("""address article aside blockquote br caption dd details div dl dt figcaption
    figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td
    tfoot th thead tr ul""".split())
#: Text never read, not even as the context of a match.
_UNREAD = frozenset("script style textarea svg math title select option button".split())
#: ``[words](nolink:)`` in Markdown: the converter makes it this span, never linked.
NOLINK_CLASS = "ex-nolink"
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


@dataclass(frozen=True)
class Rejection:
    """Words that a form matched but a rule turned down (``explainer links --rejected``)."""

    target: TargetRef
    text: str
    form: str
    reason: str
    before: str
    after: str


def find_mentions(source: str, matcher: Matcher,
                  known: Callable[[TargetRef], bool],
                  rejections: list[Rejection] | None = None) -> list[Mention]:
    """Every mention in an HTML fragment, in document order.

    Never inside code, links, headings, attributes, raw-text elements or
    ``span.ex-nolink``: the HTML is walked token by token and only text outside
    those is matched. The text inside them is still read as the words around a
    match, so a link made by an earlier pass changes no decision.
    """
    skip: list[str] = []
    explicit: tuple[TargetRef, int, int] | None = None  # target, <a> start, inner start
    # In document order: (node span, text) of a linkable text node, or
    # (link span, None, target, inner span) of an explicit link.
    nodes: list[tuple[tuple[int, int], str | None, TargetRef | None, tuple[int, int] | None]] = []
    # Every text read, linkable or not, joined for one matcher pass, each after a
    # separator; where each linkable text starts and ends in the joined text.
    pieces: list[str] = []
    joined_size = 0
    starts: list[int] = []
    ranges: list[tuple[int, int]] = []
    texts: list[str] = []
    block = True

    # The tokens of generator.html_text.tokens, walked here without a generator:
    # tags are TAG's matches, text is what lies between them, and a raw-text
    # element's content (never read) is jumped over.
    position, size = 0, len(source)
    tags = TAG.finditer(source)
    while True:
        tag = next(tags, None)
        stop = tag.start() if tag is not None else size
        if stop > position:  # a text
            linkable = explicit is None and not skip
            if linkable or explicit is not None or not _UNREAD.intersection(skip):
                text = unescape_text(source[position:stop])
                pieces.append(_BLOCK_SEPARATOR if block else _NODE_SEPARATOR)  # one character
                pieces.append(text)
                text_start = joined_size + 1
                joined_size = text_start + len(text)
                block = False
                if linkable:
                    starts.append(text_start)
                    ranges.append((text_start, joined_size))
                    texts.append(text)
                    nodes.append(((position, stop), text, None, None))
        if tag is None:
            break
        start, end = stop, tag.end()
        position = end
        name = tag.group(2)
        if name is None:  # a comment, a doctype…
            continue
        lower = name.lower()
        closing = bool(tag.group(1))
        if lower in RAW_TEXT and not closing:
            raw_end = RAW_END[lower].search(source, position)
            position = raw_end.start() if raw_end else size
            tags = TAG.finditer(source, position)
        if explicit is not None:
            if lower == "a" and closing:
                target, begin, inner = explicit
                nodes.append(((begin, end), None, target, (inner, start)))
                explicit = None
            elif lower in _BLOCKS:
                block = True
            continue
        if lower in _BLOCKS:
            block = True
        if lower == "a" and not closing:
            href = _HREF.search(tag.group(3) or "")
            value = html.unescape(next((g for g in href.groups() if g is not None), "")) if href else ""
            scheme = _EXPLICIT_HREF.match(value.strip())
            if scheme:
                target = TargetRef(SCHEMES[scheme.group(1)], scheme.group(2))
                if known(target):
                    explicit = (target, start, end)
                    continue
        if lower == "span" and source[end - 2:end] != "/>":
            if closing:
                if skip and skip[-1] == "span":
                    skip.pop()
                continue
            classes = _CLASS.search(tag.group(3) or "")
            value = next((g for g in classes.groups() if g is not None), "") if classes else ""
            if skip and skip[-1] == "span" or NOLINK_CLASS in value.split():
                skip.append("span")
            continue
        if lower in NO_LINK and lower not in VOID and source[end - 2:end] != "/>":
            if closing:
                if skip and skip[-1] == lower:
                    skip.pop()
            else:
                skip.append(lower)
    # An unclosed explicit link mentions nothing: its text stays as it was.

    # One matcher pass over every text read (a call per node cost more than the
    # matching itself), the matches then dealt back to their nodes.
    found: list[list[tuple[int, int, _Found]]] = [[] for _ in texts]
    if texts and matcher.size:
        joined = "".join(pieces)
        turned_down: list[tuple[int, int, _Found, str]] | None = [] if rejections is not None else None
        for start, end, match in matcher.found(joined, linkable=ranges, rejected=turned_down):
            node = bisect.bisect_right(starts, start) - 1
            base = starts[node]
            found[node].append((start - base, end - base, match))
        if turned_down:
            visible = joined.replace(_NODE_SEPARATOR, "").replace(_BLOCK_SEPARATOR, " ")
        for start, end, match, reason in turned_down or ():
            begin = start - joined.count(_NODE_SEPARATOR, 0, start)
            stop = begin + len(joined[start:end].replace(_NODE_SEPARATOR, ""))
            rejections.append(Rejection(match.entry.form.target, visible[begin:stop],
                                        match.entry.form.text, reason,
                                        visible[max(0, begin - 60):begin], visible[stop:stop + 60]))

    mentions: list[Mention] = []
    # Targets seen, as (kind, id): a plain tuple hashes in C, a TargetRef in Python.
    seen: set[tuple[str, str]] = set()
    node_index = 0
    for span, text, target, inner in nodes:
        if text is None:
            assert target is not None and inner is not None
            ident = (target.kind, target.id)
            mentions.append(Mention(target, span, inner[0], inner[1], unescape_text(
                _TAGS.sub("", source[inner[0]:inner[1]])), None, True, ident not in seen))
            seen.add(ident)
            continue
        for start, end, match in found[node_index]:
            entry = match.entry
            # Interned: the same few thousand words are found over and over (94,000
            # mentions at N=1000), and every build keeps them all to the end.
            mentions.append(_new_tuple(Mention, (entry.target, span, start, end,
                                                 _intern(text[start:end]),
                                                 entry.foreign, False, entry.ident not in seen,
                                                 entry.text, entry.rule)))
            seen.add(entry.ident)
        node_index += 1
    return mentions


_TAGS = re.compile(r"<[^>]*>")


def apply_links(source: str, mentions: Iterable[Mention], render: LinkRenderer,
                first_only: bool = True) -> str:
    """``source`` with the mentions it links rendered as links (see ``Mention.linked``)."""
    out: list[str] = []
    position = 0  # in source
    node: tuple[int, int] | None = None
    pieces: list[str] = []
    text_position = 0
    text = ""
    write: Callable[[str], str] = str

    def close_node() -> None:
        nonlocal position
        assert node is not None
        pieces.append(write(text[text_position:]))
        out.append("".join(pieces))
        position = node[1]

    for mention in mentions:
        if not (mention.explicit or mention.first or not first_only):  # Mention.linked
            continue
        if mention.explicit:
            if node is not None:
                close_node()
                node = None
            out.append(source[position:mention.node[0]])
            out.append(render(mention.target, source[mention.start:mention.end], None, True))
            position = mention.node[1]
            continue
        if mention.node != node:
            if node is not None:
                close_node()
            node = mention.node
            out.append(source[position:node[0]])
            raw = source[node[0]:node[1]]
            text, write, pieces, text_position = unescape_text(raw), text_writer(raw), [], 0
        pieces.append(write(text[text_position:mention.start]))
        pieces.append(render(mention.target, write(text[mention.start:mention.end]),
                             mention.foreign_lang, False))
        text_position = mention.end
    if node is not None:
        close_node()
    out.append(source[position:])
    return "".join(out)


def link_html(source: str, matcher: Matcher, render: LinkRenderer,
              known: Callable[[TargetRef], bool], first_only: bool = True) -> str:
    """Link the terms and participants of an HTML fragment (find, then apply)."""
    return apply_links(source, find_mentions(source, matcher, known), render, first_only)
