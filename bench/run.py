#!/usr/bin/env python3
"""Build benchmark: the explainer plugin against plain Material, and edit-reload latency.

Usage, from the repository root once ``make setup`` has run (``make bench`` runs the
default matrix):

    .venv/bin/python bench/run.py [--sizes N:K:P ...] [--runs R] [--quick]

    --sizes N:K:P ...  sites to measure: N bilingual articles, K glossary entries,
                       P participants (default: 100:500:200 1000:500:200
                       2500:500:200 1000:50:200 1000:5000:200)
    --runs R           paired builds per size (default 3)
    --quick            smoke run: one site 20:50:20, one run, one reload
    --keep DIR         write the generated sites into DIR and keep them (default:
                       a temporary folder, deleted at the end)
    --generate-only    only write the sites (with --keep: for profiling by hand)
    --skip-reload      do not measure edit-reload
    --output DIR       where every build writes its site (emptied before each
                       build); default: a temporary folder in /dev/shm when that
                       is a RAM file system, else each project's own site/

What it does, per size:

1. Writes synthetic content into a fresh folder: ``plugin/`` (``content/`` with
   articles of ~800 words per language drawn from the sentence pool in
   ``bench/pools.py``, with terms and participants mentioned; glossary entries;
   participants of every kind, countries by real ISO code) and ``baseline/``
   (the same article bodies, the glossary and participant texts and the index
   pages as plain Markdown pages, so both sites have the same page count).
   The smallest size is checked with ``explainer check`` (must exit 0).
2. Builds (a) the plugin site once with no document cache (the first build,
   which parses every content file and writes ``.cache/``), then the paired
   runs: (a) the plugin site warm (the repository's mkdocs.yml with share cards off, absolute
   ``custom_dir``; it finds the first build's cache), (b) the baseline (plain Material, same theme and search
   settings, no explainer plugin, a short explicit ``nav``) and (a1) the plugin site cold
   (``cache: false``), in rotation,
   each as a fresh ``python -m mkdocs build -q``; wall time from start to exit,
   CPU time (user + system, the worker's included), peak memory (see
   ``build``). The sites are written to memory (``--output``): writing the
   3,409 pages of N=1000 to this kind of virtual disk took the same baseline
   build from 0.8 to 4.8 s of system time (0.3 to 0.4 s in memory), the
   disk's noise and not the generators' work.
3. On the 1000:500:200 site (or the first size when that one is not measured),
   runs ``mkdocs serve --dirty`` (live reload on), appends a sentence to one article's
   ``fr.md`` and polls the served page every 50 ms until the sentence appears;
   the time from the save to the new page, three times, median.

It prints the command line, a timestamp and a Markdown table, and writes the
same report to ``bench/latest.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import yaml
from babel import Locale
from wordfreq import zipf_frequency

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import pools  # noqa: E402
from generator.linking import normalize  # noqa: E402
from generator.model import ArticleFrontmatter, ArticleVersion  # noqa: E402
from generator.plan import section_segments, slugify  # noqa: E402
from generator.translation import fingerprint  # noqa: E402

DEFAULT_SIZES = [(100, 500, 200), (1000, 500, 200), (2500, 500, 200), (1000, 50, 200), (1000, 5000, 200)]
QUICK_SIZES = [(20, 50, 20)]
RELOAD_SIZE = (1000, 500, 200)
LANGS = ("fr", "en")
WORDS_PER_ARTICLE = 800
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
NO_CACHE_CONFIG = "mkdocs-no-cache.yml"


# == synthetic content =================================================================

VOWELS = set("aeiouyhàâäéèêëîïôöùûüœæå" + "aeiouyhàâäéèêëîïôöùûüœæå".upper())


def starts_with_vowel(text: str) -> bool:
    return text[:1] in VOWELS


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fr_phrases(name: str, article: str) -> tuple[str, str, str]:
    """« la France », « de la France », « à la France » for an article le/la/l’/les/''."""
    if article == "le":
        return f"le {name}", f"du {name}", f"au {name}"
    if article == "la":
        return f"la {name}", f"de la {name}", f"à la {name}"
    if article == "l’":
        return f"l’{name}", f"de l’{name}", f"à l’{name}"
    if article == "les":
        return f"les {name}", f"des {name}", f"aux {name}"
    return name, (f"d’{name}" if starts_with_vowel(name) else f"de {name}"), f"à {name}"


_NO_ARTICLE = {"Chypre", "Cuba", "Madagascar", "Malte", "Monaco", "Singapour", "Israël", "Jersey",
               "Guernesey", "Taïwan", "Hong Kong", "Macao", "Porto Rico", "Oman", "Djibouti",
               "Maurice", "Nauru", "Tuvalu", "Kiribati", "Aruba", "Curaçao", "Anguilla", "Montserrat",
               "Bahreïn", "Tonga", "Guam", "Gibraltar", "Andorre", "Antigua-et-Barbuda",
               "Trinité-et-Tobago", "Bosnie-Herzégovine", "Samoa", "Palaos", "Fidji"}
_MASCULINE_E = {"Mexique", "Cambodge", "Mozambique", "Zimbabwe", "Belize", "Suriname", "Bangladesh"}
_SINGULAR_S = {"Honduras", "Laos", "Belarus"}
_ENGLISH_THE = {"States", "Kingdom", "Republic", "Islands", "Netherlands", "Philippines", "Bahamas",
                "Emirates", "Maldives", "Seychelles", "Comoros", "Union", "Nations", "Gambia",
                "Territories", "Territory"}


def fr_country_article(name: str) -> str:
    first = name.split()[0].split("-")[0]
    if name in _NO_ARTICLE or first in ("Saint", "Sainte", "Sao", "São", "Île"):
        return ""
    if (first.endswith("s") and name not in _SINGULAR_S) or first in ("Îles", "États", "Émirats"):
        return "les"
    if starts_with_vowel(name):
        return "l’"
    if name.endswith("e") and name not in _MASCULINE_E:
        return "la"
    return "le"


def en_country(name: str) -> str:
    return f"the {name}" if _ENGLISH_THE & set(name.replace("-", " ").split()) else name


class Forms:
    """Every term, alias and name written so far, per language, as the matcher keys them:
    the validator refuses a form that names two things."""

    def __init__(self) -> None:
        self.keys: dict[str, set[str]] = {lang: set() for lang in LANGS}

    def free(self, forms: dict[str, list[str]]) -> bool:
        for lang, texts in forms.items():
            keys = [normalize(t) for t in texts]
            if any(k in self.keys[lang] for k in keys):
                return False
        return True

    def take(self, forms: dict[str, list[str]]) -> None:
        for lang, texts in forms.items():
            self.keys[lang].update(normalize(t) for t in texts)


@dataclass
class Term:
    id: str
    text: dict[str, str]            # headword per language
    aliases: dict[str, list[str]]
    gender: str
    data: dict = field(default_factory=dict)

    def values(self, lang: str, index: int) -> dict[str, str]:
        term = self.text[lang]
        if lang == "fr":
            if starts_with_vowel(term):
                le, de, a = f"l’{term}", f"de l’{term}", f"à l’{term}"
            elif self.gender == "m":
                le, de, a = f"le {term}", f"du {term}", f"au {term}"
            else:
                le, de, a = f"la {term}", f"de la {term}", f"à la {term}"
            return {f"T{index}": term, f"Tcap{index}": cap(term), f"leT{index}": le,
                    f"dT{index}": de, f"aT{index}": a}
        return {f"T{index}": term, f"Tcap{index}": cap(term), f"theT{index}": f"the {term}"}


@dataclass
class Who:
    id: str
    kind: str
    name: dict[str, str]            # display name per language
    fr: tuple[str, str, str]        # nominative, after « de », after « à »
    en: str
    data: dict = field(default_factory=dict)

    def values(self, lang: str, slot: str) -> dict[str, str]:
        if lang == "fr":
            return {slot: self.fr[0], f"d{slot}": self.fr[1], f"a{slot}": self.fr[2]}
        return {slot: self.en}


def country_codes() -> list[str]:
    """Two-letter CLDR territories, in babel's order, that are real countries or
    areas: named in both languages and with a vendored flag (no XA, ZZ, EZ…)."""
    en, fr = Locale("en").territories, Locale("fr").territories
    flags = REPO / "generator" / "flags"
    return [code for code in en if len(code) == 2 and code.isalpha() and code in fr
            and (flags / f"{code.lower()}.svg").is_file()]


def common_word(text: str) -> bool:
    word = text.lower()
    return zipf_frequency(word, "fr") >= 2.0 or zipf_frequency(word, "en") >= 2.0


def unique_id(base: str, taken: set[str]) -> str:
    base = base[:70].strip("-") or "x"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def make_participants(count: int, rng: random.Random, forms: Forms) -> list[Who]:
    codes = country_codes()
    n_countries = min(round(count * 0.45), len(codes))
    n_groups = min(round(count * 0.10), len(pools.GROUP_TYPES) * len(pools.GROUP_CITIES)) if n_countries >= 3 else 0
    n_orgs = round(count * 0.15)
    taken: set[str] = set()
    people: list[Who] = []
    fr_names, en_names = Locale("fr").territories, Locale("en").territories

    countries: list[Who] = []
    for code in codes:  # babel's order, no code twice
        if len(countries) == n_countries:
            break
        fr_name, en_name = fr_names[code], en_names[code]
        names = {"fr": [fr_name], "en": [en_name]}
        if not forms.free(names):
            continue
        forms.take(names)
        data: dict = {"kind": "country", "iso": code}
        capital = pools.CAPITALS.get(code)
        if capital and forms.free({"fr": [capital[0]], "en": [capital[1]]}):
            forms.take({"fr": [capital[0]], "en": [capital[1]]})
            data["aliases"] = {"fr": [capital[0]], "en": [capital[1]]}
        nominative = fr_phrases(fr_name, fr_country_article(fr_name))
        data["description"] = {
            "fr": f"{cap(nominative[0])} participe aux discussions sur la sécurité régionale et suit "
                  "de près les négociations en cours.",
            "en": f"{cap(en_country(en_name))} takes part in the talks on regional security and is "
                  "following the ongoing negotiations closely."}
        countries.append(Who(unique_id(slugify(en_name), taken), "country",
                             {"fr": fr_name, "en": en_name}, nominative, en_country(en_name), data))
    people += countries

    organisations: list[Who] = []
    combos = [(t, q, d) for t in pools.ORG_TYPES for q in pools.ORG_QUALIFIERS for d in pools.ORG_DOMAINS]
    rng.shuffle(combos)
    stop = {"de", "du", "des", "la", "le", "les", "pour", "l’", "et", "of", "the", "for"}
    for (kind_fr, gender, kind_en), (q_m, q_f, q_en), (d_fr, d_en) in combos:
        if len(organisations) == n_orgs:
            break
        fr_name = f"{kind_fr} {q_m if gender == 'm' else q_f} {d_fr}"
        en_name = f"{q_en} {d_en} {kind_en}"
        names = {"fr": [fr_name], "en": [en_name]}
        if not forms.free(names):
            continue
        forms.take(names)
        data = {"kind": "organisation", "name": {"fr": fr_name, "en": en_name}}
        abbreviation = {}
        for lang, name in (("fr", fr_name), ("en", en_name)):
            words = [w.split("’")[-1] for w in name.split() if w not in stop]
            abbreviation[lang] = "".join(w[0].upper() for w in words if w)
        if not any(map(common_word, abbreviation.values())) \
                and forms.free({k: [v] for k, v in abbreviation.items()}):
            forms.take({k: [v] for k, v in abbreviation.items()})
            data["abbreviation"] = abbreviation
        article = "l’" if starts_with_vowel(kind_fr) else ("le" if gender == "m" else "la")
        nominative = fr_phrases(fr_name, article)
        data["description"] = {
            "fr": f"{cap(nominative[0])} réunit des États membres autour de questions de coopération "
                  "et publie chaque année un rapport très suivi.",
            "en": f"The {en_name} brings member states together on cooperation issues and publishes a "
                  "closely watched annual report."}
        organisations.append(Who(unique_id(slugify(en_name), taken), "organisation",
                                 {"fr": fr_name, "en": en_name}, nominative, f"the {en_name}", data))
    people += organisations

    groups: list[Who] = []
    combos2 = [(g, c) for g in pools.GROUP_TYPES for c in pools.GROUP_CITIES]
    rng.shuffle(combos2)
    for (g_fr, g_en), (c_fr, c_en) in combos2:
        if len(groups) == n_groups:
            break
        fr_name, en_name = g_fr.format(c_fr), g_en.format(c_en)
        names = {"fr": [fr_name], "en": [en_name]}
        if not forms.free(names):
            continue
        forms.take(names)
        members = rng.sample(countries, 3)
        listed_fr = f"{members[0].fr[0]}, {members[1].fr[0]} et {members[2].fr[0]}"
        listed_en = f"{members[0].en}, {members[1].en} and {members[2].en}"
        data = {"kind": "group", "name": {"fr": fr_name, "en": en_name},
                "members": [m.id for m in members],
                "description": {
                    "fr": f"Le {fr_name} réunit {listed_fr}, qui coordonnent leurs positions dans les "
                          "négociations.",
                    "en": f"The {en_name} brings together {listed_en}, which coordinate their positions "
                          "in the negotiations."}}
        groups.append(Who(unique_id(slugify(en_name), taken), "group", {"fr": fr_name, "en": en_name},
                          fr_phrases(fr_name, "le"), f"the {en_name}", data))
    people += groups

    persons: list[Who] = []
    combos3 = [(f, l) for f in pools.FIRST_NAMES for l in pools.LAST_NAMES]
    rng.shuffle(combos3)
    affiliations = countries + organisations
    for first, last in combos3:
        if len(persons) == count - len(people):  # persons take up what is left
            break
        name = f"{first} {last}"
        if not forms.free({"fr": [name], "en": [name]}):
            continue
        forms.take({"fr": [name], "en": [name]})
        role_fr, role_en = rng.choice(pools.ROLES)
        data = {"kind": "person", "name": name, "role": {"fr": role_fr, "en": role_en},
                "affiliation": rng.choice(affiliations).id}
        if forms.free({"fr": [last], "en": [last]}):
            forms.take({"fr": [last], "en": [last]})
            data["aliases"] = {"fr": [last], "en": [last]}
        data["description"] = {
            "fr": f"{name}, {role_fr}, figure parmi les principaux interlocuteurs dans les négociations "
                  "en cours.",
            "en": f"{name}, {role_en}, is among the main interlocutors in the ongoing negotiations."}
        persons.append(Who(unique_id(slugify(name), taken), "person", {"fr": name, "en": name},
                           fr_phrases(name, ""), name, data))
    people += persons
    if len(people) != count:
        raise SystemExit(f"could only make {len(people)} of {count} participants")
    return people


def _variants(text: str) -> list[str]:
    """American spellings, as editors add them to aliases."""
    swaps = (("defence", "defense"), ("neighbourhood", "neighborhood"), ("programme", "program"),
             ("isation", "ization"))
    out = []
    for old, new in swaps:
        if old in text:
            out.append(text.replace(old, new))
    return out


def make_terms(count: int, rng: random.Random, forms: Forms) -> list[Term]:
    kinds = {
        "single": list(pools.SINGLES),
        "noun-adj": [(n, a) for n in pools.NOUNS for a in pools.ADJECTIVES],
        "noun-comp": [(n, c) for n in pools.NOUNS for c in pools.COMPLEMENTS],
        "noun-adj-comp": [(n, a, c) for n in pools.NOUNS for a in pools.ADJECTIVES for c in pools.COMPLEMENTS],
    }
    weights = {"single": 0.08, "noun-adj": 0.37, "noun-comp": 0.30, "noun-adj-comp": 0.25}
    for items in kinds.values():
        rng.shuffle(items)
    iterators = {kind: iter(items) for kind, items in kinds.items()}
    terms: list[Term] = []
    taken: set[str] = set()
    while len(terms) < count:
        live = [k for k in iterators if iterators[k] is not None]
        if not live:
            raise SystemExit(f"the term pools only make {len(terms)} entries")
        kind = rng.choices(live, weights=[weights[k] for k in live])[0]
        item = next(iterators[kind], None)
        if item is None:
            iterators[kind] = None
            continue
        if kind == "single":
            fr, gender, fr_aliases, en, en_aliases = item
        else:
            noun, *rest = item
            n_fr, n_fr_pl, gender, n_en, n_en_pl = noun
            fr_words, fr_pl_words, en_words = [n_fr], [n_fr_pl], []
            for part in rest:
                if len(part) == 5:  # adjective
                    m, f, mpl, fpl, a_en = part
                    fr_words.append(m if gender == "m" else f)
                    fr_pl_words.append(mpl if gender == "m" else fpl)
                    en_words.append(a_en)
                else:  # complement
                    fr_words.append(part[0])
                    fr_pl_words.append(part[0])
                    en_words.append(part[1])
            fr, en = " ".join(fr_words), " ".join(en_words + [n_en])
            fr_aliases, en_aliases = [" ".join(fr_pl_words)], [" ".join(en_words + [n_en_pl])]
        en_aliases = en_aliases + [v for form in (en, *en_aliases) for v in _variants(form)]
        fr_aliases = [a for a in dict.fromkeys(fr_aliases) if normalize(a) != normalize(fr)]
        en_aliases = [a for a in dict.fromkeys(en_aliases) if normalize(a) != normalize(en)]
        entry_forms = {"fr": [fr, *fr_aliases], "en": [en, *en_aliases]}
        if not fr_aliases or not forms.free(entry_forms):
            continue
        forms.take(entry_forms)
        term = Term(unique_id(slugify(fr), taken), {"fr": fr, "en": en},
                    {"fr": fr_aliases, "en": en_aliases}, gender)
        texts = {}
        for lang in LANGS:
            word = term.text[lang]
            short_fr, short_en = rng.choice(pools.SHORT)
            fill = {"term": word,
                    "un": "un" if gender == "m" else "une",
                    "a": "an" if word[:1].lower() in "aeiou" else "a",
                    "le": "le" if gender == "m" else "la",
                    "Leterm": cap(term.values("fr", 0)["leT0"]),
                    "Theterm": f"The {word}"}
            first = pools.DEFINITION[0][LANGS.index(lang)]
            second = rng.choice(pools.DEFINITION[1:])[LANGS.index(lang)]
            texts[lang] = {"term": word, "aliases": term.aliases[lang],
                           "short": (short_fr if lang == "fr" else short_en).format(**fill),
                           "definition": first.format(**fill) + "\n\n" + second.format(**fill) + "\n"}
        term.data = {**texts}
        if terms and rng.random() < 0.7:
            term.data["related"] = [t.id for t in rng.sample(terms, min(len(terms), rng.randint(1, 3)))]
        if rng.random() < 0.5:
            term.data["sources"] = [{"title": f"Lexique : {fr}",
                                     "url": f"https://www.example.org/lexique/{term.id}"}]
        terms.append(term)
    return terms


def cycle(items: list, rng: random.Random):
    items = list(items)
    rng.shuffle(items)
    while True:
        yield from items


def fill(template: str, lang: str, terms, wheres, whos) -> str:
    """Format one pool text with the article's next terms and participants."""
    values: dict[str, str] = {}
    if "T0" in template or "Tcap0" in template:
        values.update(next(terms).values(lang, 0))
    if "P0" in template:
        first = next(wheres)
        values.update(first.values(lang, "P0"))
        if "P1" in template:
            second = next(wheres)
            while second is first:
                second = next(wheres)
            values.update(second.values(lang, "P1"))
    if "S0" in template:
        values.update(next(whos).values(lang, "S0"))
    return template.format(**values)


@dataclass
class ArticleFiles:
    id: str
    text: dict[str, str]       # whole file per language
    title: dict[str, str]
    summary: dict[str, str]
    body: dict[str, str]
    words: dict[str, int]


def make_article(index: int, n_articles: int, terms: list[Term], places: list[Who],
                 persons: list[Who], rng: random.Random) -> ArticleFiles:
    # Round-robin first, so that every entry is mentioned somewhere (no
    # "unused" warnings), then a few popular ones, as in real news.
    n_terms = min(8, max(3, math.ceil(len(terms) / n_articles)))
    n_places = min(4, max(2, math.ceil(len(places) / n_articles)))
    n_persons = min(3, max(1, math.ceil(len(persons) / n_articles)))
    chosen_terms = [terms[(index * n_terms + j) % len(terms)] for j in range(n_terms)]
    chosen_terms += [terms[int(len(terms) * rng.random() ** 3)] for _ in range(2)]
    chosen_places = [places[(index * n_places + j) % len(places)] for j in range(n_places)]
    chosen_places.append(places[int(len(places) * rng.random() ** 3)])
    chosen_persons = [persons[(index * n_persons + j) % len(persons)] for j in range(n_persons)]
    chosen_persons.append(persons[int(len(persons) * rng.random() ** 3)])
    chosen_terms = list({t.id: t for t in chosen_terms}.values())
    chosen_places = list({p.id: p for p in chosen_places}.values())
    chosen_persons = list({p.id: p for p in chosen_persons}.values())
    if len(chosen_places) < 2:
        chosen_places.append(next(p for p in places if p is not chosen_places[0]))
    seed = rng.random()

    def streams():
        local = random.Random(seed)
        return (cycle(chosen_terms, local), cycle(chosen_places, local), cycle(chosen_persons, local))

    # Both languages draw the same templates and the same fillers, in the same order.
    order = list(range(len(pools.SENTENCES)))
    rng.shuffle(order)
    speaker = chosen_persons[0]
    quote = rng.choice(pools.QUOTES)
    quote_text = {"fr": f"« {quote[0]} », a déclaré {speaker.name['fr']}.",
                  "en": f"“{quote[1]},” said {speaker.name['en']}."}
    streams_by_lang = {lang: streams() for lang in LANGS}
    sentences: dict[str, list[str]] = {lang: [] for lang in LANGS}
    words = {lang: len(quote_text[lang].split()) for lang in LANGS}
    position = 0
    while min(words.values()) < WORDS_PER_ARTICLE:
        pair = pools.SENTENCES[order[position % len(order)]]
        position += 1
        for i, lang in enumerate(LANGS):
            sentence = cap(fill(pair[i], lang, *streams_by_lang[lang]))
            sentences[lang].append(sentence)
            words[lang] += len(sentence.split())
    # Paragraphs of 3 to 5 sentences, the quote after the second, two headings.
    sizes, left = [], len(sentences["fr"])
    while left > 0:
        sizes.append(min(left, rng.randint(3, 5)))
        left -= sizes[-1]
    headings = dict(zip((2, 5), rng.sample(pools.HEADINGS, 2)))
    bodies = {}
    for i, lang in enumerate(LANGS):
        blocks, start = [], 0
        for p, size in enumerate(sizes):
            if p in headings:
                blocks.append("## " + headings[p][i])
            blocks.append(" ".join(sentences[lang][start:start + size]))
            start += size
            if p == 1:
                blocks.append(quote_text[lang])
        bodies[lang] = "\n\n".join(blocks) + "\n"

    article_id = f"{slugify(chosen_terms[0].text['en'])[:50].strip('-')}-{index + 1:05d}"
    date = dt.date(2023, 1, 1) + dt.timedelta(days=index * 1000 // max(n_articles, 1))
    meta_streams = {lang: streams() for lang in LANGS}
    title_pair, summary_pair = rng.choice(pools.TITLES), rng.choice(pools.SUMMARIES)
    roles = rng.sample(pools.ARTICLE_ROLES, 3)
    others = [p for p in chosen_places[:2]]
    metas: dict[str, dict] = {}
    for i, lang in enumerate(LANGS):
        t, w, s = meta_streams[lang]
        meta: dict = {"title": cap(fill(title_pair[i], lang, t, w, s)), "lang": lang, "date": date}
        if lang != "fr":
            meta["translation_of"] = "fr"
        meta["summary"] = cap(fill(summary_pair[i], lang, t, w, s))
        meta["participants"] = [
            {"id": speaker.id, "role": roles[0][i], "quotes": [quote[i]]},
            *({"id": who.id, "role": roles[k + 1][i]} for k, who in enumerate(others))]
        meta["key_facts"] = [cap(fill(fact[i], lang, t, w, s)) for fact in pools.KEY_FACTS]
        meta["unknowns"] = [cap(fill(u[i], lang, t, w, s)) for u in pools.UNKNOWNS]
        meta["timeline"] = [{"date": date, "event": cap(fill(pools.TIMELINE[0][i], lang, t, w, s))}]
        meta["sources"] = [{"title": ("Dépêche de l’agence" if lang == "fr" else "Agency dispatch"),
                            "url": f"https://www.example.org/depeches/{article_id}",
                            "publisher": "Agence Exemple"}]
        metas[lang] = meta
    original = ArticleVersion(article_id=article_id, lang="fr", path=Path("fr.md"), display_path="fr.md",
                              meta=ArticleFrontmatter.model_validate(metas["fr"]), body=bodies["fr"],
                              body_line=1)
    metas["en"]["source_fingerprint"] = fingerprint(original)
    files = {lang: "---\n" + "\n".join(yaml_lines(metas[lang])) + "\n---\n\n" + bodies[lang]
             for lang in LANGS}
    return ArticleFiles(article_id, files, {lang: metas[lang]["title"] for lang in LANGS},
                        {lang: metas[lang]["summary"] for lang in LANGS}, bodies,
                        {lang: len(bodies[lang].split()) for lang in LANGS})


def yaml_scalar(value) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, int)):
        return str(value)
    raise TypeError(value)


def yaml_lines(data: dict, indent: int = 0) -> list[str]:
    """Block YAML, written directly (PyYAML's emitter is too slow for thousands of files)."""
    pad, out = " " * indent, []
    for key, value in data.items():
        if isinstance(value, dict):
            out.append(f"{pad}{key}:")
            out += yaml_lines(value, indent + 2)
        elif isinstance(value, list):
            if not value:
                out.append(f"{pad}{key}: []")
                continue
            out.append(f"{pad}{key}:")
            for item in value:
                if isinstance(item, dict):
                    sub = yaml_lines(item, indent + 4)
                    out.append(f"{pad}  - {sub[0].lstrip()}")
                    out += sub[1:]
                else:
                    out.append(f"{pad}  - {yaml_scalar(item)}")
        else:
            out.append(f"{pad}{key}: {yaml_scalar(value)}")
    return out


_MADE: set[Path] = set()


def write(path: Path, text: str) -> None:
    if path.parent not in _MADE:
        path.parent.mkdir(parents=True, exist_ok=True)
        _MADE.add(path.parent)
    path.write_text(text, encoding="utf-8")


def repo_config() -> dict:
    return yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))


@dataclass
class Site:
    size: tuple[int, int, int]
    root: Path
    plugin: Path
    baseline: Path
    articles: list[ArticleFiles]
    pages_expected: int
    seconds: float
    words: float


def generate(size: tuple[int, int, int], root: Path, seed: int = 2025) -> Site:
    n, k, p = size
    started = time.perf_counter()
    rng = random.Random(f"{seed}:{n}:{k}:{p}")
    forms = Forms()
    people = make_participants(p, rng, forms)
    terms = make_terms(k, rng, forms)
    places = [who for who in people if who.kind != "person"]
    persons = [who for who in people if who.kind == "person"]
    articles = [make_article(i, n, terms, places, persons, rng) for i in range(n)]

    plugin, baseline = root / "plugin", root / "baseline"
    for folder in (plugin, baseline):
        if folder.exists():
            shutil.rmtree(folder)
    _MADE.clear()
    content = plugin / "content"
    for article in articles:
        for lang in LANGS:
            write(content / "articles" / article.id / f"{lang}.md", article.text[lang])
    for term in terms:
        write(content / "glossary" / f"{term.id}.yml", "\n".join(yaml_lines(term.data)) + "\n")
    for who in people:
        write(content / "participants" / f"{who.id}.yml", "\n".join(yaml_lines(who.data)) + "\n")
    config = repo_config()
    config.update(docs_dir="content", site_dir="site")
    # Share cards off: plain Material draws no picture per page, and 2,000 PNGs would
    # measure resvg, not the generator (their cost: docs/performance.md#share-cards).
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "explainer" in entry:
            entry["explainer"] = {**(entry["explainer"] or {}), "share_cards": False}
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    write(plugin / "mkdocs.yml", yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    shutil.copytree(REPO / "assets", plugin / "assets")  # the publisher's logo, named by mkdocs.yml
    # The same site built cold: no build cache read or written.
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "explainer" in entry:
            entry["explainer"] = {**(entry["explainer"] or {}), "cache": False}
    write(plugin / NO_CACHE_CONFIG, yaml.safe_dump(config, allow_unicode=True, sort_keys=False))

    # The baseline: the same texts as plain pages, laid out like the plugin's.
    docs = baseline / "docs"
    segments = {lang: section_segments(lang) for lang in LANGS}
    index_pages = {"index.md": "# Explainer\n\n[Français](fr/index.md) · [English](en/index.md)\n"}
    for lang in LANGS:
        s = segments[lang]
        index_pages[f"{lang}/index.md"] = "# Accueil\n\nLes dernières explications.\n" if lang == "fr" \
            else "# Home\n\nThe latest explainers.\n"
        index_pages[f"{lang}/{s['explainers']}/index.md"] = "# Explications\n" if lang == "fr" else "# Explainers\n"
        index_pages[f"{lang}/{s['glossary']}/index.md"] = "# Glossaire\n" if lang == "fr" else "# Glossary\n"
        index_pages[f"{lang}/{s['participants']}/index.md"] = "# Participants\n" if lang == "fr" else "# Who’s involved\n"
    for path, text in index_pages.items():
        write(docs / path, text)
    for article in articles:
        for lang in LANGS:
            write(docs / lang / segments[lang]["explainers"] / f"{article.id}.md",
                  f"# {article.title[lang]}\n\n{article.summary[lang]}\n\n{article.body[lang]}")
    for term in terms:
        for lang in LANGS:
            text = term.data[lang]
            write(docs / lang / segments[lang]["glossary"] / f"{term.id}.md",
                  f"# {cap(text['term'])}\n\n{text['short']}\n\n{text['definition']}")
    for who in people:
        for lang in LANGS:
            write(docs / lang / segments[lang]["participants"] / f"{who.id}.md",
                  f"# {cap(who.name[lang])}\n\n{who.data['description'][lang]}\n")
    base = repo_config()
    base.update(site_name="Explainer baseline", docs_dir="docs", site_dir="site")
    base["theme"].pop("custom_dir", None)
    base["plugins"] = [plugin_entry for plugin_entry in base["plugins"]
                       if not (isinstance(plugin_entry, dict) and "explainer" in plugin_entry)
                       and plugin_entry != "explainer"]
    s = segments["fr"]
    base["nav"] = [{"Accueil": "index.md"}, {"Français": "fr/index.md"}, {"English": "en/index.md"},
                   {"Explications": f"fr/{s['explainers']}/index.md"},
                   {"Glossaire": f"fr/{s['glossary']}/index.md"},
                   {"Participants": f"fr/{s['participants']}/index.md"}]
    write(baseline / "mkdocs.yml", yaml.safe_dump(base, allow_unicode=True, sort_keys=False))

    expected = 1 + 4 * len(LANGS) + len(LANGS) * (n + k + p)
    words = statistics.mean(a.words[lang] for a in articles for lang in LANGS)
    return Site(size, root, plugin, baseline, articles, expected, time.perf_counter() - started, words)


# == measurements ======================================================================

@dataclass
class Build:
    seconds: float
    rss_mb: float  # peak memory of the build: its RSS plus its worker's private memory
    pages: int
    worker_mb: float = 0.0  # the worker's peak private memory
    cpu_seconds: float = 0.0  # user + system time of the build and its worker


def _children(pid: int) -> list[int]:
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    found = []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as listing:
                found += [int(child) for child in listing.read().split()]
        except OSError:
            pass
    return found


def _descendants(pid: int) -> list[int]:
    below = _children(pid)
    return [*below, *(grandchild for child in below for grandchild in _descendants(child))]


def _proc_kb(pid: int, name: str, fields: tuple[str, ...]) -> int:
    total = 0
    try:
        with open(f"/proc/{pid}/{name}") as lines:
            for line in lines:
                if line.startswith(fields):
                    total += int(line.split()[1])
    except OSError:
        pass
    return total


def _private_kb(pid: int) -> int:
    """Memory only this process maps (not shared with the process it was forked
    from): what a worker adds to the build's footprint."""
    return _proc_kb(pid, "smaps_rollup", ("Private_Clean:", "Private_Dirty:"))


RAM_DISK = Path("/dev/shm")


def in_memory_folder() -> Path | None:
    """A fresh folder in /dev/shm when that is a RAM file system (tmpfs), else None."""
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:
            on_tmpfs = any(fields[1] == str(RAM_DISK) and fields[2] == "tmpfs"
                           for fields in (line.split() for line in mounts) if len(fields) > 2)
    except OSError:
        return None
    return Path(tempfile.mkdtemp(prefix="explainer-bench-sites-", dir=RAM_DISK)) if on_tmpfs else None


def count_pages(site_dir: Path) -> int:
    return sum(1 for path in site_dir.rglob("*.html") if path.name != "404.html")


TIME = shutil.which("time", path="/usr/bin:/bin")


def build(project: Path, log: Path, config_args: tuple[str, ...] = (),
          site_dir: Path | None = None) -> Build:
    """One fresh ``python -m mkdocs build -q``: wall time, CPU time and the build's peak memory.

    CPU time is the user and system time wait4 reports for the command: with
    GNU time in front, time's own children, the build process and the worker
    it forks and reaps. Unlike wall time, it does not depend on whether a
    second core was free.

    The build process's peak RSS comes from GNU time (``%M``) when it is
    installed: the rusage of a child spawned from this process would count
    this process's own memory, which the child shares until it execs (Linux
    keeps the higher mark). A worker the build forks (``parallel``) shares
    the build's memory too, and rusage keeps only the larger of the two
    peaks: while there is a worker, the build's RSS plus the worker's private
    memory is sampled from /proc every 100 ms, and the peak is the larger of
    that sum's highest sample and the build process's own peak.
    """
    site_dir = site_dir or project / "site"
    shutil.rmtree(site_dir, ignore_errors=True)
    rss_file = log.with_suffix(".rss")
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site_dir), *config_args]
    if TIME:
        command = [TIME, "-f", "%M", "-o", str(rss_file), *command]
    worker_kb = together_kb = builder_peak_kb = 0
    with log.open("wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=project, stdout=out, stderr=subprocess.STDOUT, env=ENV)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            for builder in _children(proc.pid) if TIME else [proc.pid]:
                workers = _descendants(builder)
                if workers:
                    private = sum(_private_kb(w) for w in workers)
                    worker_kb = max(worker_kb, private)
                    together_kb = max(together_kb, private + _proc_kb(builder, "status", ("VmRSS:",)))
                    builder_peak_kb = max(builder_peak_kb, _proc_kb(builder, "status", ("VmHWM:",)))
            time.sleep(0.1)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"build failed in {project} (exit {proc.returncode}):\n{tail}")
    peak_kb = int(rss_file.read_text().split()[-1]) if TIME else usage.ru_maxrss
    if worker_kb:
        # rusage's peak may be the worker's RSS: the build's own, from /proc.
        peak_kb = max(together_kb, builder_peak_kb)
    result = Build(seconds, peak_kb / 1024, count_pages(site_dir), worker_kb / 1024,
                   usage.ru_utime + usage.ru_stime)
    shutil.rmtree(site_dir, ignore_errors=True)
    return result


def check(site: Site) -> str:
    explainer = Path(sys.executable).with_name("explainer")
    proc = subprocess.run([str(explainer), "-f", str(site.plugin / "mkdocs.yml"), "check"],
                          capture_output=True, text=True, env=ENV)
    summary = (proc.stdout.strip().splitlines() or [""])[-1].removeprefix("explainer check: ")
    if proc.returncode != 0:
        print(proc.stdout[-5000:], proc.stderr[-2000:], sep="\n")
    assert proc.returncode == 0, f"explainer check failed on {site.plugin}: {summary}"
    return summary


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=300) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def stop(proc: subprocess.Popen) -> str:
    """Ctrl-C first (mkdocs serve then deletes its temporary site), then terminate, then kill;
    returns the signal that ended it."""
    if proc.poll() is not None:
        return "already stopped"
    for name, action, wait in (("SIGINT", lambda: proc.send_signal(signal.SIGINT), 60),
                               ("SIGTERM", proc.terminate, 10), ("SIGKILL", proc.kill, 10)):
        action()
        try:
            proc.wait(timeout=wait)
            return name
        except subprocess.TimeoutExpired:
            continue
    return "still running"


def measure_reload(site: Site, repeats: int, log: Path, baseline: bool = False) -> list[float]:
    """Edit-reload of the plugin's site, or with ``baseline`` of plain Material's."""
    article = site.articles[len(site.articles) // 2]
    project = site.baseline if baseline else site.plugin
    source = (site.baseline / "docs" / "fr" / section_segments("fr")["explainers"] / f"{article.id}.md"
              if baseline else site.plugin / "content" / "articles" / article.id / "fr.md")
    original = source.read_bytes()
    port = free_port()
    url = f"http://127.0.0.1:{port}/fr/{section_segments('fr')['explainers']}/{article.id}/"
    times: list[float] = []
    # mkdocs serve builds into a temporary mkdocs_* folder and deletes it on Ctrl-C;
    # remember which exist, to remove ours should it be left behind.
    temporary = Path(tempfile.gettempdir())
    before = set(temporary.glob("mkdocs_*"))
    with log.open("wb") as out:
        # --dirty: the plugin then rebuilds only what the edit affects.
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                cwd=project, stdout=out, stderr=subprocess.STDOUT, env=ENV)
        try:
            deadline = time.monotonic() + 900
            while fetch(url) is None:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"mkdocs serve did not serve {url}; see {log}")
                time.sleep(0.2)
            for number in range(repeats):
                sentence = pools.RELOAD_SENTENCES[0].format(pools.RELOAD_MARKERS[number])
                needle = sentence.rstrip(".")
                time.sleep(1.0)  # let the server settle
                assert needle not in (fetch(url) or ""), "the marker sentence is already there"
                with source.open("a", encoding="utf-8") as handle:
                    handle.write("\n" + sentence + "\n")
                saved = time.perf_counter()
                while True:
                    page = fetch(url)
                    if page is not None and needle in page:
                        break
                    if proc.poll() is not None or time.perf_counter() - saved > 900:
                        raise SystemExit(f"the edit never showed up at {url}; see {log}")
                    time.sleep(0.05)
                times.append(time.perf_counter() - saved)
                print(f"  reload {number + 1}/{repeats}: {times[-1]:.2f} s", flush=True)
        finally:
            how = stop(proc)
            source.write_bytes(original)
            if how != "SIGINT":
                print(f"  mkdocs serve stopped by {how}", flush=True)
            for folder in set(temporary.glob("mkdocs_*")) - before:
                if (folder / "fr" / section_segments("fr")["explainers"] / article.id).is_dir():
                    shutil.rmtree(folder, ignore_errors=True)
                    print(f"  removed {folder}, left behind by mkdocs serve", flush=True)
    return times


# == report ============================================================================

def versions() -> str:
    found = []
    for name in ("mkdocs", "mkdocs-material"):
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return ", ".join(found)


def table(rows: list[dict]) -> str:
    # "added ms/page" is the plugin's own cost per page, (a − b) / pages: the
    # figure the "about 0.5 ms per page on top of Material" target speaks of.
    lines = ["| N | K | P | pages a / b | wall a (s) | wall b (s) | ms/page a | ms/page b "
             "| added ms/page | peak memory a (MB) | peak RSS b (MB) | a/b median (min–max) "
             "| first a (s), no cache: a/b |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for row in rows:
        first = row["first"].seconds
        b = statistics.median(x.seconds for x in row["b"])
        lines += [line + f" {first:.2f}: {first / b:.2f} |"
                  for line in _row(row["size"], row["a"], row["b"])]
    return "\n".join(lines)


def _row(size: tuple[int, int, int], a: list[Build], b: list[Build]) -> list[str]:
    n, k, p = size
    wa, wb = statistics.median(x.seconds for x in a), statistics.median(x.seconds for x in b)
    ratios = [x.seconds / y.seconds for x, y in zip(a, b)]
    memory = f"{statistics.median(x.rss_mb for x in a):.0f}"
    if any(x.worker_mb for x in a):
        memory += f" (worker {statistics.median(x.worker_mb for x in a):.0f})"
    return [f"| {n} | {k} | {p} | {a[0].pages} / {b[0].pages} | {wa:.2f} | {wb:.2f} "
            f"| {1000 * wa / a[0].pages:.2f} | {1000 * wb / b[0].pages:.2f} "
            f"| {1000 * (wa - wb) / a[0].pages:.2f} "
            f"| {memory} | {statistics.median(x.rss_mb for x in b):.0f} "
            f"| {statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f}) |"]


def one_process_table(rows: list[dict]) -> str:
    """The plugin cold, ``cache: false`` (a1), against the same baseline runs."""
    lines = ["| N | K | P | pages a1 / b | wall a1 (s) | wall b (s) | ms/page a1 | ms/page b "
             "| added ms/page | peak RSS a1 (MB) | peak RSS b (MB) | a1/b median (min–max) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for row in rows:
        if row["a1"]:
            lines += _row(row["size"], row["a1"], row["b"])
    return "\n".join(lines)


def cpu_table(rows: list[dict]) -> str:
    """CPU time (user + system) per build, the worker's included, and its ratio per pair."""
    lines = ["| N | K | P | CPU a (s) | CPU b (s) | added CPU ms/page | CPU a/b median (min–max) "
             "| CPU a1 (s) | CPU a1/b median (min–max) |",
             "|---:|---:|---:|---:|---:|---:|---|---:|---|"]

    def ratios(x: list[Build], y: list[Build]) -> str:
        found = [one.cpu_seconds / other.cpu_seconds for one, other in zip(x, y)]
        return f"{statistics.median(found):.2f} ({min(found):.2f}–{max(found):.2f})"

    for row in rows:
        n, k, p = row["size"]
        a, b, a1 = row["a"], row["b"], row["a1"]
        ca, cb = (statistics.median(x.cpu_seconds for x in builds) for builds in (a, b))
        one = (f"{statistics.median(x.cpu_seconds for x in a1):.2f} | {ratios(a1, b)}"
               if a1 else "— | —")
        lines.append(f"| {n} | {k} | {p} | {ca:.2f} | {cb:.2f} "
                     f"| {1000 * (ca - cb) / a[0].pages:.2f} | {ratios(a, b)} | {one} |")
    return "\n".join(lines)


def parse_size(text: str) -> tuple[int, int, int]:
    try:
        n, k, p = (int(part) for part in text.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected N:K:P, e.g. 1000:500:200, not {text!r}")
    if n < 1 or k < 1 or p < 8:
        raise argparse.ArgumentTypeError("need N ≥ 1, K ≥ 1 and P ≥ 8")
    return n, k, p


def _raw(one: Build) -> str:
    return f"{one.seconds:.2f}/{one.cpu_seconds:.2f}/{one.rss_mb:.0f}"


def _terminated(signum, frame):
    raise SystemExit(f"stopped by signal {signum}")


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _terminated)  # clean up (server, temporary folder) on kill
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=parse_size, metavar="N:K:P")
    parser.add_argument("--runs", type=int)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--keep", type=Path, metavar="DIR")
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--skip-reload", action="store_true")
    parser.add_argument("--output", type=Path, metavar="DIR")
    parser.add_argument("--report", type=Path, metavar="FILE", default=HERE / "latest.md",
                        help="where the report is written (default: bench/latest.md)")
    args = parser.parse_args(argv)
    sizes = args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES)
    runs = args.runs or (1 if args.quick else 3)
    reload_repeats = 1 if args.quick else 3

    # Where the sites were kept (--keep) is this machine's business, not the report's.
    def shown_path(arg: str) -> str:
        path = Path(arg).absolute()
        return path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else "FILE"

    shown = [("DIR" if previous == "--keep" else shown_path(arg) if previous == "--report" else arg)
             for previous, arg in zip(["", *sys.argv], sys.argv)]
    # The interpreter as the repository sees it (.venv/bin/python), never this machine's path.
    python = Path(sys.executable).absolute()
    command = " ".join([python.relative_to(REPO).as_posix() if python.is_relative_to(REPO)
                        else python.name, *shown])
    stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    machine = (f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
               f"{versions()}")
    print(f"$ {command}\n# {stamp}\n# {machine}\n", flush=True)

    work = args.keep or Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    output = args.output or in_memory_folder()
    where = ("each project's site/" if output is None
             else "memory (tmpfs)" if output.parent == RAM_DISK else "`--output DIR`")
    report: list[str] = []
    try:
        sites = []
        for size in sizes:
            site = generate(size, work / "n{}-k{}-p{}".format(*size))
            sites.append(site)
            print(f"generated N={size[0]} K={size[1]} P={size[2]} in {site.seconds:.1f} s "
                  f"({site.words:.0f} words per article version) → {site.root}", flush=True)
        smallest = min(sites, key=lambda s: sum(s.size))
        summary = check(smallest)
        print(f"explainer check on N={smallest.size[0]} K={smallest.size[1]} P={smallest.size[2]}: "
              f"{summary}", flush=True)
        if args.generate_only:
            return 0

        rows = []
        for site in sites:
            n, k, p = site.size
            print(f"\nN={n} K={k} P={p}: {runs} paired run(s)", flush=True)
            row: dict = {"size": site.size, "a": [], "b": [], "a1": []}
            # The plugin's first build reads and makes everything (no build cache
            # yet, see generator/cache.py); the warm runs after it find the cache
            # it wrote, as an editor's or a CI's next build does.
            shutil.rmtree(site.plugin / ".cache", ignore_errors=True)
            site_dir = output / site.root.name if output else None
            row["first"] = build(site.plugin, site.root / "build-a-first.log", (), site_dir)
            print(f"  first a (no cache): {row['first'].seconds:.2f} s, "
                  f"{row['first'].rss_mb:.0f} MB", flush=True)
            # a warm (cache kept), b Material, a1 cold (no cache at all).
            variants = ("a", "b", "a1")
            for run in range(runs):
                order = variants if run % 2 == 0 else variants[::-1]
                for which in order:
                    project = site.baseline if which == "b" else site.plugin
                    config_args = ("-f", NO_CACHE_CONFIG) if which == "a1" else ()
                    result = build(project, site.root / f"build-{which}-{run}.log", config_args,
                                   site_dir)
                    row[which].append(result)
                    print(f"  run {run + 1} {which}: {result.seconds:.2f} s "
                          f"(CPU {result.cpu_seconds:.2f} s), {result.rss_mb:.0f} MB "
                          f"({result.worker_mb:.0f} MB worker), {result.pages} pages", flush=True)
            print(f"  pages: plugin {row['a'][0].pages} (expected {site.pages_expected}), "
                  f"baseline {row['b'][0].pages}", flush=True)
            if row["a"][0].pages != row["b"][0].pages:
                print("  warning: the two sites do not have the same number of pages", flush=True)
            rows.append(row)

        reload_times: list[float] = []
        material_reload: list[float] = []
        reload_site = next((s for s in sites if s.size == RELOAD_SIZE), sites[0])
        if not args.skip_reload:
            print(f"\nedit-reload on N={reload_site.size[0]} K={reload_site.size[1]} "
                  f"P={reload_site.size[2]} ({reload_repeats} edit(s))", flush=True)
            reload_times = measure_reload(reload_site, reload_repeats, reload_site.root / "serve.log")
            print("  the same with plain Material:", flush=True)
            material_reload = measure_reload(reload_site, reload_repeats,
                                             reload_site.root / "serve-material.log", baseline=True)

        report = [
            "# Explainer build benchmark", "",
            f"- command: `{command}`",
            f"- date: {stamp}",
            f"- machine: {machine}",
            "- a = the site with the explainer plugin (the repository's mkdocs.yml, share cards off), **warm**: "
            "content unchanged since the previous build, build cache kept; a1 = the same site "
            "**cold**, with `cache: false` (nothing read from or written to a cache); b = plain "
            "mkdocs-material, same theme and search settings, no plugin, a short explicit nav, the "
            "same article bodies and as many extra small pages (glossary, participants, indexes)",
            "- per size, first one build of a with no build cache (`.cache/` removed: everything "
            "is made, and the cache written), then "
            f"{runs} run(s) of a, b and a1 in rotation, each a fresh one-process `python -m mkdocs "
            f"build -q -d SITE` (a's find the build cache the first build wrote), SITE in "
            f"{where}; wall time median; peak memory (median): the build process's peak RSS "
            f"({'GNU time %M' if TIME else 'wait4'}); ratio a/b per pair, median (min–max)",
            f"- articles: ~{statistics.mean(s.words for s in sites):.0f} words per language version; "
            f"`explainer check` on the smallest size: {summary}",
            "", table(rows), "",
            "CPU time of the same builds (user + system): every build is one process, so CPU "
            "and wall time differ only by waiting.",
            "", cpu_table(rows), "",
        ]
        if any(row["a1"] for row in rows):
            report += [
                "The plugin cold (`cache: false`: every article converted and linked, every page "
                "finished), measured in the same runs against the same baseline builds:",
                "", one_process_table(rows), ""]
        if reload_times:
            report += [
                f"Edit-reload (`mkdocs serve --dirty`, live reload on, N={reload_site.size[0]} "
                f"K={reload_site.size[1]} P={reload_site.size[2]}): save of `fr.md` → new page "
                f"served, median {statistics.median(reload_times):.2f} s over {len(reload_times)} "
                f"edit(s) ({', '.join(f'{t:.2f}' for t in reload_times)} s; polled every 50 ms); "
                f"plain Material, the same edit to its page: median "
                f"{statistics.median(material_reload):.2f} s "
                f"({', '.join(f'{t:.2f}' for t in material_reload)} s).", ""]
        report += ["Raw runs (wall seconds/CPU seconds/MB):", ""]
        for row in rows:
            raw = f"first a {_raw(row['first'])}; " + "; ".join(
                f"a {_raw(x)}, b {_raw(y)}" + (f", a1 {_raw(z)}" if z else "")
                for x, y, z in itertools.zip_longest(row["a"], row["b"], row["a1"]))
            report.append("- N={} K={} P={}: ".format(*row["size"]) + raw)
        text = "\n".join(report) + "\n"
        print("\n" + text)
        args.report.write_text(text, encoding="utf-8")
        print(f"written to {args.report}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
        if output is not None and args.output is None:
            shutil.rmtree(output, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
