"""A site with several explainers (the example's first one and three short ones, each in French
and English, on different dates): what a home page leads with and lists as cards."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parent.parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

from conftest import BuildResult, SiteProject  # noqa: E402

#: (id, date, French title and summary, English title and summary, participants), newest first.
EXTRA = (
    ("sommet-otan-2025-06-25", "2025-06-25",
     ("Sommet de l’OTAN à La Haye : les alliés s’engagent à porter leurs dépenses de défense à 5 % du PIB",
      "Réunis aux Pays-Bas, les dirigeants de l’Alliance adoptent un objectif de dépenses inédit."),
     ("NATO summit in The Hague: allies commit to raising defence spending to 5% of GDP",
      "Meeting in the Netherlands, the Alliance’s leaders adopt an unprecedented spending target."),
     ("netherlands", "united-states", "france", "united-kingdom")),
    ("cessez-le-feu-2025-05-12", "2025-05-12",
     ("Cessez-le-feu : ce que l’on sait des négociations",
      "Les discussions entre la Russie et l’Ukraine reprennent, sans garantie de résultat."),
     ("Ceasefire: what we know about the talks",
      "Talks between Russia and Ukraine resume, with no guarantee of an outcome."),
     ("russia", "ukraine")),
    ("pays-baltes-2025-03-02", "2025-03-02",
     ("Les pays baltes renforcent leurs frontières",
      "L’Estonie, la Lettonie et la Lituanie investissent dans une ligne de défense commune."),
     ("The Baltic states strengthen their borders",
      "Estonia, Latvia and Lithuania invest in a common defence line."),
     ("baltic-states", "finland")),
)
#: Article ids, newest first (the example's explainer is of 10 April 2025).
NEWEST_FIRST = ("sommet-otan-2025-06-25", "cessez-le-feu-2025-05-12",
                "coalition-ukraine-2025-04-10", "pays-baltes-2025-03-02")


def build_newsroom(root: Path) -> BuildResult:
    site = SiteProject(root)
    site.copy_example_content()
    # The example's first explainer only: the dates below are placed around it.
    for folder in (site.content / "articles").iterdir():
        if folder.name != "coalition-ukraine-2025-04-10":
            shutil.rmtree(folder)
    site.write_config(site_url="https://explainer.example.org/", locales="{en: en_GB}")
    for article_id, date, fr, en, participants in EXTRA:
        listed = "".join(f"  - id: {who}\n" for who in participants)
        for lang, (title, summary), body in (
                ("fr", fr, "La Russie et l’Ukraine. La France et le Royaume-Uni."),
                ("en", en, "Russia and Ukraine. France and the United Kingdom.")):
            # The translations record no fingerprint: a warning each, no error.
            origin = "translation_of: fr\n" if lang == "en" else ""
            site.write(f"articles/{article_id}/{lang}.md",
                       f'---\ntitle: "{title}"\nlang: {lang}\ndate: {date}\n{origin}'
                       f'summary: "{summary}"\nparticipants:\n{listed}---\n\n{body}\n')
    return site.build()
