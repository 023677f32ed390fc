"""Shared fixtures: real sites built with the real plugin in temporary folders."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
#: The French source text the example article was written from (kept verbatim in it).
SEED = FIXTURES / "coalition-ukraine-2025-04-10.fr.txt"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

#: A glossary entry in both languages, its terms to fill in.
TERM_FILE = """\
fr:
  term: {fr}
  short: Court.
  definition: Définition.
en:
  term: {en}
  short: Short.
  definition: Definition.
"""


MKDOCS_YML = """\
site_name: Explainer test site
{site_url}docs_dir: content
site_dir: site
use_directory_urls: {directory_urls}
theme:
  name: material
  custom_dir: {overrides}
  language: fr
  font: false
plugins:
  - search:
      lang: [fr, en]
  - explainer:
      languages: [fr, en]
{plugin_options}"""


@dataclass
class BuildResult:
    root: Path
    returncode: int
    stdout: str
    stderr: str

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, url_path: str) -> HTMLParser:
        """Parse the page at ``url_path`` ('fr/explications/x/' or a file path)."""
        path = self.site / url_path
        if url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        assert path.is_file(), f"{url_path} was not built; site has: {sorted(self.pages())[:20]}"
        return HTMLParser(path.read_text(encoding="utf-8"))

    def pages(self) -> list[str]:
        return [p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html")]

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if ": error: " in line]


class SiteProject:
    """A throwaway site: its own content/ and mkdocs.yml, built with the real plugin."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.content.mkdir(parents=True, exist_ok=True)
        (self.content / "articles").mkdir(exist_ok=True)
        self.write_config()

    def write_config(self, *, site_url: str | None = None, directory_urls: bool = True,
                     **plugin_options: str) -> None:
        options = "".join(f"      {key}: {value}\n" for key, value in plugin_options.items())
        (self.root / "mkdocs.yml").write_text(MKDOCS_YML.format(
            overrides=REPO / "overrides", plugin_options=options,
            site_url=f"site_url: {site_url}\n" if site_url else "",
            directory_urls=str(directory_urls).lower()), encoding="utf-8")

    def write(self, relative: str, text: str) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def write_bytes(self, relative: str, data: bytes) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def article(self, article_id: str, lang: str, body: str, *, title: str | None = None,
                date: str = "2025-04-10", translation_of: str | None = None) -> Path:
        """Write one article file with valid frontmatter around ``body`` (a title and a
        summary in its language: the copy desk reads every field's language)."""
        title = title or ("Title" if lang == "en" else "Titre")
        summary = "Summary." if lang == "en" else "Résumé."
        head = [f"title: {title}", f"lang: {lang}", f"date: {date}", f"summary: {summary}"]
        if translation_of:
            head.append(f"translation_of: {translation_of}")
        text = "---\n" + "\n".join(head) + "\n---\n\n" + textwrap.dedent(body).strip() + "\n"
        path = self.content / "articles" / article_id / f"{lang}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def copy_example_content(self) -> None:
        shutil.rmtree(self.content)
        shutil.copytree(REPO / "content", self.content)

    def build(self, *args: str, check: bool = True) -> BuildResult:
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", *args],
            cwd=self.root, capture_output=True, text=True, timeout=300,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        result = BuildResult(self.root, proc.returncode, proc.stdout, proc.stderr)
        if check:
            assert proc.returncode == 0, f"build failed:\n{proc.stderr}"
            assert "Traceback" not in proc.stderr, proc.stderr
        return result


def explainer(project: SiteProject, *args: str, timeout: float = 120,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The editors' command, ``explainer ARGS``, run in the project's folder."""
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=project.root,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def project(tmp_path: Path) -> SiteProject:
    return SiteProject(tmp_path / "project")


def build_example(root: Path, **plugin_options: str) -> BuildResult:
    """The repository's own example content built in ``root`` with these plugin options."""
    site = SiteProject(root)
    site.copy_example_content()
    site.write_config(**plugin_options)
    return site.build()


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The repository's own example content, built once for the session."""
    return build_example(tmp_path_factory.mktemp("example"), site_url="https://explainer.example.org/")


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site: two builds compare equal."""
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def tree_snapshot(root: Path, *skip: Path) -> dict[str, tuple]:
    """Every path under ``root`` but those in ``skip`` (links not followed): its kind, and
    for a file its size and content hash, for a link its target, for both their time.
    Two snapshots compare equal when nothing was created, changed or removed; a folder's
    own time is left out, since it changes when entries come and go (those are seen)."""
    found: dict[str, tuple] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d not in skip]
        for name in dirs + files:
            path = here / name
            info = path.lstat()
            regular = stat.S_ISREG(info.st_mode)
            found[path.relative_to(root).as_posix()] = (
                stat.S_IFMT(info.st_mode),
                info.st_size if regular else 0,
                hashlib.sha256(path.read_bytes()).hexdigest() if regular else "",
                os.readlink(path) if stat.S_ISLNK(info.st_mode) else "",
                0 if stat.S_ISDIR(info.st_mode) else info.st_mtime_ns)
    return found


def tree_changes(before: dict[str, tuple], after: dict[str, tuple]) -> dict[str, list[str]]:
    """What differs between two ``tree_snapshot`` results, for an assertion's message."""
    return {"created": sorted(set(after) - set(before)),
            "removed": sorted(set(before) - set(after)),
            "changed": sorted(k for k in set(before) & set(after) if before[k] != after[k])}


def text_of(node) -> str:
    """Visible text of a node with whitespace folded (no-break spaces included)."""
    return " ".join(node.text(deep=True, separator="").split())
