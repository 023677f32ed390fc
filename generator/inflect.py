"""Forms an editor does not have to type: inflections, demonyms, surnames, variants.

Small rules, not a morphology library: French and English plurals and feminines
of glossary terms and of demonyms, the adjectives of a country from CLDR (through
babel), a person's surname, and the same form without accents or hyphens. A
generated word is kept only when wordfreq knows it in that language, so a rule
that misfires (« britannic ») makes nothing. Editors still add what the rules
miss (verb forms, irregular plurals) as aliases.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from babel import Locale
from babel.languages import get_official_languages

#: Below this Zipf frequency a generated word is taken not to exist in the language.
KNOWN_WORD = 1.5


def known_word(word: str, lang: str) -> bool:
    from wordfreq import zipf_frequency  # only when forms are made: importing it takes 0.1 s

    return zipf_frequency(word.casefold(), lang) >= KNOWN_WORD


@lru_cache(maxsize=1 << 16)
def zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word.casefold(), lang)
    except (LookupError, ValueError):
        return 0.0


#: wordfreq's "small" lists hold exactly the words of Zipf 3.01 and up (used at least once per
#: million words), each with the frequency its large lists give: checked for French and
#: English. They take 6 MB, where the large lists take 71 MB and 0.7 s to load.
SMALL_LIST_FLOOR = 3.01


@lru_cache(maxsize=1 << 16)
def common_zipf(word: str, lang: str) -> float:
    """``zipf`` where it is at least ``SMALL_LIST_FLOOR``, 0 below: for comparisons with
    thresholds from that floor up. Linking asks it about the words of every article, after
    the forms are made and the large lists let go (loading them again for it doubled a
    cold build's peak of wordfreq data)."""
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word.casefold(), lang, wordlist="small")
    except LookupError:  # no small list for this language: the large one answers
        return zipf(word, lang)
    except ValueError:
        return 0.0


# Asked again for every form on every build (3,700 at K=500: 0.3 s of a preview rebuild).
@lru_cache(maxsize=1 << 16)
def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


# -- French -------------------------------------------------------------------------

def _fr_plural(word: str) -> str:
    if word[-1:] in ("s", "x", "z"):
        return word
    if word.endswith("al"):
        return word[:-2] + "aux"
    if word.endswith(("eau", "au", "eu")):
        return word + "x"
    return word + "s"


def _fr_singulars(word: str) -> list[str]:
    out = [word]
    if word.endswith("aux"):
        out.append(word[:-3] + "al")
    if word.endswith(("s", "x")) and not word.endswith(("ais", "ois", "ss")) and len(word) > 3:
        out.append(word[:-1])
    return out


def _fr_feminine(word: str) -> str:
    if word.endswith("e"):
        return word
    for masculine, feminine in (("ien", "ienne"), ("on", "onne"), ("ec", "ecque"), ("c", "que"),
                                ("if", "ive"), ("eux", "euse"), ("er", "ère"), ("el", "elle")):
        if word.endswith(masculine):
            return word[:-len(masculine)] + feminine
    return word + "e"


def _fr_masculines(word: str) -> list[str]:
    out = [word]
    for feminine, masculine in (("ienne", "ien"), ("onne", "on"), ("rque", "rc"), ("ecque", "ec"),
                                ("ive", "if"), ("euse", "eux"), ("ère", "er"), ("elle", "el"),
                                ("aise", "ais"), ("oise", "ois"), ("ande", "and"), ("aine", "ain"),
                                ("ine", "in"), ("ée", "é"), ("ente", "ent"), ("ante", "ant")):
        if word.endswith(feminine) and len(word) > len(feminine) + 1:
            out.append(word[:-len(feminine)] + masculine)
            break
    return out


def _fr_family(word: str, feminine: bool) -> set[str]:
    """Every number (and with ``feminine``, gender) of a French noun or adjective."""
    bases = {m for s in _fr_singulars(word) for m in (_fr_masculines(s) if feminine else [s])}
    family = set(bases)
    if feminine:
        family |= {_fr_feminine(b) for b in bases}
    family |= {_fr_plural(w) for w in family}
    return family


# -- English ------------------------------------------------------------------------

def _en_plural(word: str) -> str:
    if word.endswith("s"):
        return word
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return word[:-1] + "ies"
    if word.endswith(("x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def _en_family(word: str) -> set[str]:
    family = {word, _en_plural(word)}
    if word.endswith("ies"):
        family.add(word[:-3] + "y")
    elif word.endswith("s") and not word.endswith("ss"):
        family.add(word[:-1])
    return family


# -- what the site uses ---------------------------------------------------------------

_LINKING_WORDS = {"fr": {"de", "du", "des", "d'", "d’", "à", "au", "aux", "en", "pour", "contre", "sur"},
                  "en": {"of", "for", "to", "in", "on", "against", "with"}}


@lru_cache(maxsize=1 << 14)
def term_inflections(text: str, lang: str) -> tuple[str, ...]:
    """Other numbers (and French genders for -ant, -ent nouns) of a glossary form.

    Only lowercase words without digits or hyphens are inflected. French: the
    first word before « de », or both words of a two-word noun phrase (« zone
    grise » → « zones grises »). English: the first word before "of", else the last.
    """
    words = text.split(" ")
    if lang not in ("fr", "en") or any(not w.isalpha() or not w.islower() for w in words):
        return ()
    linking = next((i for i, w in enumerate(words) if w in _LINKING_WORDS[lang]), None)
    if lang == "fr":
        if linking is not None:
            heads = [0] if linking == 1 else []
        else:
            heads = list(range(len(words))) if len(words) <= 2 else []
        if not heads:
            return ()
        feminine = len(words) == 1 and words[0].endswith(("ant", "ent", "ante", "ente"))
        families = [_fr_family(words[i], feminine) for i in heads]
        out = set()
        if len(heads) == 1:
            for word in families[0]:
                out.add(" ".join(words[:heads[0]] + [word] + words[heads[0] + 1:]))
        else:  # two words agree in number: plural both or singular both
            plural = [_fr_plural(w) for w in words]
            singular = [min(_fr_singulars(w), key=len) if w.endswith(("s", "x")) else w for w in words]
            out.update({" ".join(plural), " ".join(singular)})
        changed = {form for form in out if form != text}
        return tuple(sorted(form for form in changed
                            if all(known_word(w, lang) for w in form.split(" "))))
    head = linking - 1 if linking else len(words) - 1
    if head < 0:
        return ()
    out = {" ".join(words[:head] + [w] + words[head + 1:]) for w in _en_family(words[head])}
    return tuple(sorted(form for form in out
                        if form != text and all(known_word(w, lang) for w in form.split(" "))))


@lru_cache(maxsize=1 << 14)
def demonym_inflections(text: str, lang: str) -> tuple[str, ...]:
    """The other numbers and genders of a demonym (« britanniques » → « britannique »;
    "Hungarian" → "Hungarians")."""
    if " " in text or "-" in text or not text.isalpha():
        return ()
    if lang == "fr":
        family = _fr_family(text.lower(), feminine=True)
        if text[:1].isupper():
            family = {w[:1].upper() + w[1:] for w in family}
    elif lang == "en":
        family = {text}
        if text.endswith(("an", "i")):
            family.add(text + "s")
        elif text.endswith(("ans", "is")):
            family.add(text[:-1])
    else:
        return ()
    return tuple(sorted(w for w in family if w != text and known_word(w, lang)))


def _folded(text: str) -> str:
    return strip_accents(text).casefold()


@lru_cache(maxsize=1024)
def country_adjectives(iso: str, lang: str) -> tuple[str, ...]:
    """The adjectives of a country that CLDR has: the name of its official
    language, when it is also the country's adjective (« allemand » for
    Allemagne, "Polish" for Poland: they share the start of the country's name;
    not « anglais » for the Royaume-Uni). French lowercase, English capitalised."""
    try:
        locale = Locale.parse(lang)
        country = locale.territories.get(iso.upper(), "")
        codes = get_official_languages(iso.upper(), de_facto=True)
    except Exception:  # an unknown language or territory: nothing to add
        return ()
    out = []
    for code in codes:
        name = locale.languages.get(code, "")
        if not name or " " in name or not country:
            continue
        if _folded(name)[:3] == _folded(country)[:3]:
            out.append(name)
    return tuple(out)


@lru_cache(maxsize=16)
def language_names(lang: str) -> frozenset[str]:
    """Names of languages in ``lang`` (CLDR), case-folded: « allemand », "german"."""
    try:
        names = Locale.parse(lang).languages.values()
    except Exception:
        return frozenset()
    return frozenset(name.casefold() for name in names if " " not in name)


_PARTICLES = {"de", "du", "des", "le", "la", "van", "von", "der", "den", "di", "da", "del", "dos",
              "ben", "bin", "al", "el", "ter", "zu"}
#: A generated surname that is a frequent word (Zipf) is left to editors ("May").
SURNAME_MAX_ZIPF = 4.8


@lru_cache(maxsize=1 << 14)
def surname(name: str, languages: tuple[str, ...]) -> str | None:
    """The surname of a person's name, to link on its own: from the first particle
    (« Ursula von der Leyen » → « von der Leyen »), else the last word."""
    words = name.split()
    if len(words) < 2:
        return None
    start = next((i for i, w in enumerate(words[1:], 1) if w.casefold() in _PARTICLES), len(words) - 1)
    found = " ".join(words[start:])
    letters = [c for c in found if c.isalpha()]
    if len(letters) < 3 or not found[:1].isupper() and start == len(words) - 1:
        return None
    if any(zipf(found, lang) >= SURNAME_MAX_ZIPF for lang in languages):
        return None
    return found
