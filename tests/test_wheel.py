"""The wheel alone is the plugin: built, installed in a fresh virtual environment, it builds
the example site.

The wheel is built from a copy of the package's files (pyproject.toml, README.md,
generator/, and overrides/, which the wheel ships as generator/theme/) with `pip wheel --no-deps`, which fetches the build backend (setuptools) itself.
The environment is a new `python -m venv --without-pip`, with no access to this one's
packages (so not to the editable install either), filled by this environment's pip through
`--python` with the wheel and its dependencies at the versions of constraints.txt (from
pip's cache after `make setup`: about 10 s). Its own `mkdocs` then builds a copy of the
example (mkdocs.yml, content/ and the logo in assets/ only: no overrides/ folder, no custom_dir) outside the
repository, with the theme the wheel ships.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "generator"
THEME = REPO / "overrides"   # shipped as generator/theme
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc")
PAGES = [
    "index.html",
    "fr/index.html", "en/index.html",
    "fr/explications/coalition-ukraine-2025-04-10/index.html",
    "en/explainers/coalition-ukraine-2025-04-10/index.html",
    "fr/glossaire/force-de-reassurance/index.html", "en/glossary/reassurance-force/index.html",
    "fr/acteurs/sebastien-lecornu/index.html", "en/participants/sebastien-lecornu/index.html",
    "fr/search/search_index.json", "en/search/search_index.json",
    "assets/explainer/flags/fr.svg", "assets/explainer/publisher-logo.svg",
    "fr/dossiers/guerre-en-ukraine/index.html", "en/authors/claire-morel/index.html",
]


def run(args: list, *, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["NO_MKDOCS_2_WARNING"] = "1"
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert proc.returncode == 0, f"{args[:3]} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


def package_files() -> set[str]:
    """Every file of the package folder and of the theme, as the wheel names them."""
    def files(folder: Path) -> list[Path]:
        return [p for p in folder.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
    return ({p.relative_to(REPO).as_posix() for p in files(PACKAGE)}
            | {"generator/theme/" + p.relative_to(THEME).as_posix() for p in files(THEME)})


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(PACKAGE, source / "generator", ignore=IGNORED)
    shutil.copytree(THEME, source / "overrides", ignore=IGNORED)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", base / "dist",
         source], cwd=base)
    [built] = (base / "dist").glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("venv") / "env"
    run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv.parent)
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet",
         "-c", REPO / "constraints.txt", wheel], cwd=venv.parent)
    return venv


def test_the_wheel_is_named_mkdocs_explainer(wheel: Path):
    assert wheel.name.startswith("mkdocs_explainer-")
    with zipfile.ZipFile(wheel) as archive:
        [metadata] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        fields = Parser().parsestr(archive.read(metadata).decode())
        [entry_points] = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
        entries = archive.read(entry_points).decode()
    assert fields["Name"] == "mkdocs-explainer"
    requires = fields.get_all("Requires-Dist")
    assert any(r.replace(" ", "").startswith("mkdocs-material<10,>=9.8")
               or r.replace(" ", "").startswith("mkdocs-material>=9.8") for r in requires), requires
    # wordfreq: the linker's generated forms ask it which words a language knows.
    assert any(r.startswith("wordfreq") and "extra" not in r for r in requires), requires
    assert "[mkdocs.plugins]\nexplainer = generator.plugin:ExplainerPlugin" in entries
    assert "[console_scripts]\nexplainer = generator.cli:main" in entries


def test_the_wheel_holds_every_file_of_the_package(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    missing = sorted(package_files() - names)
    assert missing == [], "package files left out of the wheel (add them to package-data)"
    # The data files the plugin reads at run time, named so that a glob change shows here.
    for name in ("generator/locales/explainer.pot", "generator/locales/fr/LC_MESSAGES/explainer.po",
                 "generator/locales/en/LC_MESSAGES/explainer.po", "generator/flags/LICENSE",
                 "generator/flags/README.md", "generator/flags/fr.svg", "generator/flags/gb.svg",
                 "generator/__init__.py", "generator/mixed_language/__init__.py",
                 "generator/mixed_language/detection.py", "generator/theme/main.html",
                 "generator/theme/explainer/article.html", "generator/theme/partials/language.html",
                 "generator/theme/assets/explainer/explainer.js",
                 "generator/theme/assets/explainer/vendor/iframe-worker-shim.js",
                 "generator/word_tables/word-tables.json", "generator/word_tables/README.md",
                 "generator/maps/world.json", "generator/maps/LICENSE.md"):
        assert name in names


def test_the_installed_wheel_builds_the_example(installed: Path, tmp_path: Path):
    bin_dir = installed / "bin"
    where = run([bin_dir / "python", "-c", "import generator.plugin as p; print(p.__file__)"],
                cwd=tmp_path).stdout.strip()
    assert Path(where).is_relative_to(installed), f"the plugin came from {where}"
    assert not (bin_dir / "pip").exists()   # filled from outside: nothing else in it

    site = tmp_path / "example"
    site.mkdir()
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "custom_dir" not in config
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO / "content", site / "content")
    shutil.copytree(REPO / "assets", site / "assets")  # the publisher's logo, which mkdocs.yml names
    run([bin_dir / "mkdocs", "build"], cwd=site)
    built = site / "site"
    missing = [page for page in PAGES if not (built / page).is_file()]
    assert missing == []
    assert len(list(built.rglob("*.html"))) > 50
    assert (built / "assets/explainer/vendor/iframe-worker-shim.js").is_file()
    assert (built / "assets/explainer/explainer.js").is_file()
    # The pages were made from the wheel's theme: its stylesheet and script are linked.
    home = (built / "fr/index.html").read_text(encoding="utf-8")
    assert "assets/explainer/explainer.css" in home and "assets/explainer/explainer.js" in home

    # The console script of the wheel runs the same checks.
    check = run([bin_dir / "explainer", "check"], cwd=site)
    assert "0 errors" in check.stdout + check.stderr
    assert "'willingness' looks English in a French text" in check.stdout
    assert "needs wordfreq" not in check.stdout + check.stderr
