"""A site whose every editor-written field is hostile, shared by the injection tests.

Not a test module: ``tests/test_injection.py`` and ``tests/browser/test_injection_browser.py``
build it (``write_hostile_site``) and check what reaches the pages. Every string is
something an editor could paste: markup that would run script if printed raw, a
``</script>`` that would end a JSON-LD block, ``javascript:`` URLs, a right-to-left
override and zero-width characters.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

#: Each one must come out as text, never as markup.
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAKOUT = '"><img src=x onerror=alert(1)>'
SCRIPT_BREAKOUT = "</script><script>alert(1)</script>"
SINGLE_QUOTE_BREAKOUT = "'><svg onload=alert(1)>"
TEMPLATE = "{{ 7*7 }}{% raw %}"
ENTITY = "&amp; &lt;b&gt;"
BIDI = "\u202egnp.exe"
ZERO_WIDTH = "zero\u200bwidth\u200d\ufeff"

HOSTILE = (SCRIPT, ATTRIBUTE_BREAKOUT, SCRIPT_BREAKOUT, SINGLE_QUOTE_BREAKOUT, TEMPLATE,
           ENTITY, BIDI, ZERO_WIDTH)
#: All of them in one string: what goes into every free-text field.
PAYLOAD = " ".join(HOSTILE)

ARTICLE = "hostile"
TITLES = {"fr": f"Titre {PAYLOAD}", "en": f"Title {PAYLOAD}"}
#: Glossary forms and participant names are matched in article text, so they are
#: hostile too, and the article bodies contain them (as text).
TERM = {"fr": f"terme {SCRIPT} piège", "en": f"term {SCRIPT} trap"}
TERM_ALIASES = {"fr": [f"alias {ATTRIBUTE_BREAKOUT}"], "en": [f"alias {ATTRIBUTE_BREAKOUT}"]}
PERSON = f"Personne {SINGLE_QUOTE_BREAKOUT} Nom"
PERSON_ALIAS = {"fr": [f"Alias {SCRIPT_BREAKOUT}"], "en": [f"Alias {SCRIPT_BREAKOUT}"]}
ORGANISATION = {"fr": f"organisation {BIDI} {ZERO_WIDTH}", "en": f"organisation {BIDI} {ZERO_WIDTH}"}
GROUP = {"fr": f"groupe {TEMPLATE} {ENTITY}", "en": f"group {TEMPLATE} {ENTITY}"}
QUOTE = f"Une citation {SCRIPT} avec {BIDI} dedans"

#: Raw HTML pasted into the article body: the sanitizer's job.
RAW_HTML = """\
<script>alert(1)</script>

"><img src=x onerror=alert(1)>

</script><script>alert(1)</script>

<p onclick="alert(1)" style="color:red" data-x="1">onclick paragraph</p>

<div onmouseover="alert(1)"><svg onload="alert(1)"><circle r="4"/></svg></div>

<iframe src="javascript:alert(1)"></iframe><object data="javascript:alert(1)"></object>
<embed src="javascript:alert(1)">

<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>

<a href="javascript:alert(1)">raw js link</a> <a href="JaVaScRiPt:alert(1)">mixed case</a>
<a href="java&#x09;script:alert(1)">tab inside</a> <a href=" javascript:alert(1)">leading space</a>
<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data url</a>
<a href="vbscript:msgbox(1)">vbscript</a> <a href="https://example.org/" onclick="alert(1)">onclick link</a>

<img src="javascript:alert(1)" alt="js img"> <img src="x" onerror="alert(1)" alt="onerror img">

<math><mi xlink:href="javascript:alert(1)">math</mi></math>

<base href="javascript:alert(1)//"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">
<link rel="stylesheet" href="javascript:alert(1)"><style>body{background:url(javascript:alert(1))}</style>

<template><script>alert(1)</script></template><noscript><img src=x onerror=alert(1)></noscript>

<!-- <script>alert(1)</script> -->

<p id="__config">{"base": "javascript:alert(1)//", "features": [], "search": "x.js"}</p>
<span id="__explainerTips">ids that clobber the page's own globals and elements</span>
<span id="ex-tip-term-hostile-term">a fake tooltip</span>
"""

#: Markdown links with hostile destinations.
MARKDOWN_LINKS = """\
[md js](javascript:alert(1)) [md js upper](JAVASCRIPT:alert(1)) [md data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[md js angle](<javascript:alert(1)>) ![md img](javascript:alert(1))
"""


def _text(value: str) -> str:
    """``value`` as Markdown that shows exactly ``value``: ASCII punctuation as numeric
    character references, which Markdown and HTML both read as plain text."""
    return "".join(c if c.isalnum() or c == " " or ord(c) > 127 else f"&#{ord(c)};" for c in value)


def body(lang: str) -> str:
    return "\n\n".join([
        f"Texte {_text(PAYLOAD)} avec le {_text(TERM[lang])}, l’{_text(TERM_ALIASES[lang][0])}, "
        f"{_text(PERSON)}, {_text(PERSON_ALIAS[lang][0])}, {_text(ORGANISATION[lang])} "
        f"et {_text(GROUP[lang])}.",
        f"« {_text(QUOTE)} », a dit {_text(PERSON)}.",
        f"Un lien explicite : [{_text(PAYLOAD)}](term:hostile-term) et [qui](who:hostile-person).",
        f"## Intertitre {_text(PAYLOAD)}",
        f"## Intertitre brut {SCRIPT} {ATTRIBUTE_BREAKOUT}",
        RAW_HTML,
        MARKDOWN_LINKS,
        f"Bidi {BIDI} et {ZERO_WIDTH}, fin.",
    ]) + "\n"


def frontmatter(lang: str) -> dict:
    data = {
        "title": TITLES[lang],
        "lang": lang,
        "date": dt.date(2025, 4, 10),
        "summary": f"Résumé {PAYLOAD}",
        "key_facts": [f"Fait {value}" for value in HOSTILE],
        "unknowns": [f"Inconnu {value}" for value in HOSTILE],
        "timeline": [{"date": dt.date(2025, 4, 10), "event": f"Événement {PAYLOAD}"}],
        "participants": [
            {"id": "hostile-person", "role": f"Rôle {PAYLOAD}", "quotes": [QUOTE]},
            {"id": "hostile-organisation", "role": f"Rôle {PAYLOAD}"},
            {"id": "hostile-group"},
        ],
        "sources": [{"title": f"Source {PAYLOAD}", "url": "https://example.org/?a=1&b=2",
                     "publisher": f"Éditeur {PAYLOAD}"}],
    }
    data["updates"] = [{"date": dt.date(2025, 4, 12), "text": f"Mise à jour {PAYLOAD}"}]
    data["corrections"] = [{"date": dt.date(2025, 4, 11), "text": f"Correction {PAYLOAD}"}]
    if lang != "fr":
        data["translation_of"] = "fr"
        data["translators"] = ["hostile-author"]
    else:
        data["dossiers"] = ["hostile-dossier"]
        data["authors"] = ["hostile-author"]
    return data


def glossary_entry() -> dict:
    return {
        lang: {"term": TERM[lang], "aliases": TERM_ALIASES[lang], "short": f"Court {PAYLOAD}",
               "definition": f"Définition {PAYLOAD}\n\n{RAW_HTML}\n\n{MARKDOWN_LINKS}"}
        for lang in ("fr", "en")
    } | {"sources": [{"title": f"Source {PAYLOAD}", "url": "https://example.org/glossary"}]}


PARTICIPANTS = {
    "hostile-person": {
        "kind": "person", "name": PERSON,
        "role": {"fr": f"Fonction {PAYLOAD}", "en": f"Office {PAYLOAD}"},
        "affiliation": "hostile-organisation", "aliases": PERSON_ALIAS,
        "description": {"fr": f"Description {PAYLOAD}", "en": f"Description {PAYLOAD}"},
    },
    "hostile-organisation": {
        "kind": "organisation", "name": ORGANISATION,
        "abbreviation": {"fr": "<b>X", "en": "<i>Y"},
        "description": {"fr": f"Description {PAYLOAD}", "en": f"Description {PAYLOAD}"},
    },
    "hostile-group": {
        "kind": "group", "name": GROUP, "members": ["hostile-person", "hostile-organisation"],
        "description": {"fr": f"Description {PAYLOAD}", "en": f"Description {PAYLOAD}"},
    },
}


DOSSIER = {lang: {"title": f"Dossier {PAYLOAD}", "summary": f"Résumé {PAYLOAD}",
                  "intro": f"Intro {PAYLOAD}\n\n{RAW_HTML}\n\n{MARKDOWN_LINKS}"} for lang in ("fr", "en")}
AUTHOR = {"name": f"Auteur {PAYLOAD}"} | {lang: {"role": f"Rôle {PAYLOAD}", "bio": f"Bio {PAYLOAD}"}
                                          for lang in ("fr", "en")}


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def write_hostile_site(content: Path) -> None:
    """Write the hostile articles, glossary entry and participants into ``content``."""
    for lang in ("fr", "en"):
        path = content / "articles" / ARTICLE / f"{lang}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{dump(frontmatter(lang))}---\n\n{body(lang)}", encoding="utf-8")
    glossary = content / "glossary" / "hostile-term.yml"
    glossary.parent.mkdir(parents=True, exist_ok=True)
    glossary.write_text(dump(glossary_entry()), encoding="utf-8")
    for participant_id, data in PARTICIPANTS.items():
        path = content / "participants" / f"{participant_id}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(data), encoding="utf-8")
    for folder, name, data in (("dossiers", "hostile-dossier", DOSSIER), ("authors", "hostile-author", AUTHOR)):
        path = content / folder / f"{name}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(data), encoding="utf-8")


def build_hostile_site(root: Path):
    """The hostile content built with the real plugin in ``root``: a ``BuildResult``."""
    from conftest import SiteProject

    project = SiteProject(root)
    write_hostile_site(project.content)
    project.write_config(site_url="https://explainer.example.org/")
    return project.build()
