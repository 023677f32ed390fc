"""What the page-quality checks look at, and where their tools are.

The tools (axe-core, vnu.jar) come from the npm registry through tests/tools/install.sh,
which `make test` runs before pytest. A missing tool fails the tests, never skips them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
TOOLS = REPO / "tests" / "tools"
AXE_JS = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = "run `make tools` (bash tests/tools/install.sh, as root on a fresh machine)"

ARTICLE = "coalition-ukraine-2025-04-10"

# One page of every kind, in both languages (URL paths relative to the site root).
PAGES: tuple[str, ...] = (
    "",                                           # root: language choice
    "fr/", "en/",                                 # home
    f"fr/explications/{ARTICLE}/", f"en/explainers/{ARTICLE}/",   # article
    "fr/glossaire/", "en/glossary/",              # glossary index
    "fr/glossaire/force-de-reassurance/", "en/glossary/reassurance-force/",   # term
    "fr/acteurs/", "en/participants/",            # participants index
    "fr/acteurs/sebastien-lecornu/", "en/participants/sebastien-lecornu/",    # participant
    "fr/acteurs/etats-baltes/", "en/participants/estonia/",                   # group, member
    "fr/dossiers/", "en/topics/",                 # dossiers index
    "fr/dossiers/guerre-en-ukraine/", "en/topics/war-in-ukraine/",           # dossier
    "fr/auteurs/claire-morel/", "en/authors/hannah-reid/",                   # author
    "fr/404/", "en/404/", "404.html",             # pages not found: per language, root
)
#: Pages of the newsroom test site (tests/newsroom.py) with what the example site does not
#: show yet: a correction, updates, bylines with a translator.
LIVING: tuple[str, ...] = ("fr/explications/garanties/", "en/explainers/garanties/",
                           "en/explainers/coalition/")
ARTICLES: tuple[str, ...] = (f"fr/explications/{ARTICLE}/", f"en/explainers/{ARTICLE}/")


def page_file(url_path: str) -> str:
    """'fr/glossaire/' -> 'fr/glossaire/index.html' (the built file, relative to the site)."""
    return url_path + "index.html" if url_path.endswith("/") or url_path == "" else url_path


def tool(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(f"{path.relative_to(REPO)} is missing: {INSTALL_HINT}", pytrace=False)
    return path


def java() -> str:
    found = shutil.which("java")
    if found is None:
        pytest.fail(f"java is missing (the Nu HTML Checker needs Java 11+): {INSTALL_HINT}",
                    pytrace=False)
    return found
