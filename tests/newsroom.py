"""A small newsroom site for the dossier, living-explainer and byline tests: three
explainers in two dossiers, two authors, updates and corrections, a publisher.

Import ``newsroom`` (a session fixture) into a test module to use the one build.
"""

from __future__ import annotations

import pytest

from conftest import BuildResult, SiteProject

SITE_URL = "https://news.example.org/"
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="60"><rect width="60" height="60"/></svg>\n'

GLOSSARY = {
    "cessez-le-feu.yml": """
        fr: {term: cessez-le-feu, short: Arrêt des combats., definition: Arrêt des combats convenu.}
        en: {term: ceasefire, short: A halt to the fighting., definition: An agreed halt to the fighting.}
        """,
    "force-de-reassurance.yml": """
        fr: {term: force de réassurance, short: Troupes alliées déployées après une trêve., definition: Des troupes alliées.}
        en: {term: reassurance force, short: Allied troops deployed after a truce., definition: Allied troops.}
        """,
}
PARTICIPANTS = {"france.yml": "kind: country\niso: FR\n", "ukraine.yml": "kind: country\niso: UA\n",
                "russia.yml": "kind: country\niso: RU\n",
                "united-kingdom.yml": "kind: country\niso: GB\n"}
DOSSIERS = {
    "guerre-en-ukraine.yml": """
        fr:
          title: Guerre en Ukraine
          summary: La guerre et la recherche d’une paix durable.
          intro: Nos explications sur la guerre en **Ukraine**.
        en:
          title: War in Ukraine
          summary: The war and the search for a lasting peace.
          intro: Our explainers on the war in **Ukraine**.
        """,
    "diplomatie.yml": """
        fr: {title: Diplomatie, summary: Les négociations entre États., intro: Les négociations.}
        en: {title: Diplomacy, summary: Negotiations between states., intro: The negotiations.}
        """,
}
AUTHORS = {
    "marie-dupont.yml": """
        name: Marie Dupont
        fr: {role: Correspondante défense, bio: Elle suit les questions de défense européenne.}
        en: {role: Defence correspondent, bio: She covers European defence.}
        """,
    "john-smith.yml": """
        name: John Smith
        fr: {role: Traducteur}
        en: {role: Translator}
        """,
}

#: (id, date, dossiers, {lang: (title, extra frontmatter, body)})
ARTICLES = [
    ("coalition", "2025-04-10", ["guerre-en-ukraine"], {
        "fr": ("La coalition se réunit", "authors: [marie-dupont]\ntimeline:\n"
               "  - {date: 2025-04-10, event: Réunion de la coalition à Bruxelles.}\n"
               "  - {date: 2025-03-02, event: Sommet de Londres.}\n",
               "La France et le Royaume-Uni préparent une force de réassurance pour l’Ukraine."),
        "en": ("The coalition meets", "translators: [john-smith]\ntimeline:\n"
               "  - {date: 2025-04-10, event: The coalition meets in Brussels.}\n"
               "  - {date: 2025-03-02, event: The London summit.}\n",
               "France and the United Kingdom prepare a reassurance force for Ukraine."),
    }),
    ("garanties", "2025-05-02", ["guerre-en-ukraine"], {
        "fr": ("Les garanties de sécurité", "authors: [marie-dupont, john-smith]\ntimeline:\n"
               "  - {date: 2025-05-01, event: Accord sur les garanties.}\n"
               "  - {date: 2025-04-20, event: Rencontre des chefs d’état-major.}\n"
               "updates:\n  - {date: 2025-05-05, text: Ajout de la réaction de la Russie.}\n"
               "  - {date: 2025-05-09, text: Précisions sur le calendrier.}\n"
               "corrections:\n  - {date: 2025-05-06, text: La réunion avait lieu à Paris et non à Londres.}\n",
               "La France et l’Ukraine discutent d’une force de réassurance ; la Russie refuse."),
        "en": ("Security guarantees", "translators: [john-smith]\ntimeline:\n"
               "  - {date: 2025-05-01, event: Agreement on the guarantees.}\n"
               "  - {date: 2025-04-20, event: The chiefs of staff meet.}\n"
               "updates:\n  - {date: 2025-05-05, text: Russia’s reaction added.}\n"
               "  - {date: 2025-05-09, text: Details of the timetable.}\n"
               "corrections:\n  - {date: 2025-05-06, text: 'The meeting was in Paris, not London.'}\n",
               "France and Ukraine discuss a reassurance force; Russia refuses."),
    }),
    ("treve", "2025-06-01", ["guerre-en-ukraine", "diplomatie"], {
        "fr": ("Vers un cessez-le-feu", "authors: [marie-dupont]\ntimeline:\n"
               "  - {date: 2025-03-15, event: Première proposition de trêve.}\n"
               "updates:\n  - {date: 2025-06-03, text: Réponse de Moscou.}\n",
               "La Russie et l’Ukraine parlent d’un cessez-le-feu."),
        "en": ("Towards a ceasefire", "timeline:\n"
               "  - {date: 2025-03-15, event: A first truce proposal.}\n",
               "Russia and Ukraine talk about a ceasefire."),
    }),
]


def write_newsroom(project: SiteProject, *, publisher: bool = True) -> None:
    for folder, files in (("glossary", GLOSSARY), ("participants", PARTICIPANTS),
                          ("dossiers", DOSSIERS), ("authors", AUTHORS)):
        for name, text in files.items():
            project.write(f"{folder}/{name}", text)
    for article_id, date, dossiers, versions in ARTICLES:
        for lang, (title, extra, body) in versions.items():
            head = [f"title: {title}", f"lang: {lang}", f"date: {date}",
                    f"summary: {'Résumé.' if lang == 'fr' else 'Summary.'}"]
            if lang == "fr":
                head.append(f"dossiers: [{', '.join(dossiers)}]")
            else:
                head.append("translation_of: fr")
            text = "---\n" + "\n".join(head) + "\n" + extra + "---\n\n" + body + "\n"
            path = project.content / "articles" / article_id / f"{lang}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    (project.root / "assets").mkdir(exist_ok=True)
    (project.root / "assets" / "logo.svg").write_text(LOGO, encoding="utf-8")
    options = {"publisher": "{name: Le Journal, url: 'https://journal.example.org/', "
                            "logo: assets/logo.svg}"} if publisher else {}
    project.write_config(site_url=SITE_URL, **options)


@pytest.fixture(scope="session")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = SiteProject(tmp_path_factory.mktemp("newsroom") / "project")
    write_newsroom(project)
    return project.build()
