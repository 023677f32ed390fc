"""The test suite, the benchmark and the build files need nothing outside the repository.

CI runs the suite in a fresh clone in an empty temporary folder (.ci/run), so a test that
reads a file beside the checkout (such as a shared seeds folder) fails there. This test
finds such references before CI does, in every text file of tests/, bench/, .ci/ and the
Makefile:

- text: '../shared', 'shared/seeds', a quoted 'shared' path part, and absolute paths
  of a particular machine (/work/, /home/, /root/, /Users/, /mnt/, /srv/);
- Makefile, .ci/ and shell scripts: any '..' path (nothing there has a reason to leave
  the repository);
- Python: paths built from ``Path(__file__)`` (through ``.parent``, ``.parents[n]``,
  ``/ '..'``, ``os.path.dirname`` and names assigned from them) that end outside the
  repository, such as ``REPO.parent / 'shared'``.

This file is left out of the walk: its own examples below would match.
"""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCANNED = ("tests", "bench", ".ci", "Makefile")
SKIPPED_DIRS = {"node_modules", "__pycache__", ".pytest_cache", ".hypothesis"}

TEXT_PATTERNS = [
    (re.compile(r"(?<![\w.])\.\.[/\\]+shared\b"), "'../shared' (a folder beside the repository)"),
    (re.compile(r"\bshared[/\\]seeds\b"), "'shared/seeds' (a folder beside the repository)"),
    (re.compile(r"""["']shared["']"""), "a path part 'shared' (a folder beside the repository)"),
    (re.compile(r"(?<![\w.:/-])/(?:work|home|root|Users|mnt|srv)/"),
     "an absolute path of one machine"),
]
# In the Makefile, .ci/ and shell scripts: '..' as a path part, or `cd ..`.
PARENT_PATH = re.compile(r"(?:^|[\s'\"=/$({])\.\.(?:[/\\]|\s|$|['\")])")
# A script's own folder, then '..' parts: allowed while they stay in the repository.
SCRIPT_FOLDER_UP = re.compile(r"""\$\(\s*dirname\s+"?\$(?:0|\{BASH_SOURCE\[0\]\})"?\s*\)((?:/\.\.)+)""")


def scanned_files() -> list[Path]:
    files: list[Path] = []
    for name in SCANNED:
        top = REPO / name
        if top.is_file():
            files.append(top)
            continue
        for folder, dirs, names in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
            files.extend(Path(folder) / n for n in sorted(names))
    return [f for f in files if f.resolve() != Path(__file__).resolve()]


def is_build_script(path: Path, repo: Path) -> bool:
    relative = path.relative_to(repo).as_posix()
    return relative == "Makefile" or relative.startswith(".ci/") or path.suffix == ".sh"


# -- Python: where paths built from __file__ end ---------------------------------------------

class _PathEvaluator:
    """Follows the simple ways a test file names a folder relative to itself."""

    def __init__(self, file: Path):
        self.file = file
        self.names: dict[str, Path] = {}

    def value(self, node: ast.AST) -> Path | None:
        if isinstance(node, ast.Name):
            if node.id == "__file__":
                return self.file
            return self.names.get(node.id)
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in {"Path", "PurePath", "abspath", "realpath"} and len(node.args) == 1:
                return self.value(node.args[0])
            if name == "dirname" and len(node.args) == 1:
                inner = self.value(node.args[0])
                return None if inner is None else inner.parent
            if name in {"resolve", "absolute"} and isinstance(func, ast.Attribute):
                return self.value(func.value)
            if name == "join" and node.args:
                base = self.value(node.args[0])
                parts = [a.value for a in node.args[1:]
                         if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if base is None or len(parts) != len(node.args) - 1:
                    return None
                return Path(os.path.normpath(base.joinpath(*parts)))
            return None
        if isinstance(node, ast.Attribute) and node.attr == "parent":
            inner = self.value(node.value)
            return None if inner is None else inner.parent
        if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute)
                and node.value.attr == "parents" and isinstance(node.slice, ast.Constant)
                and isinstance(node.slice.value, int)):
            inner = self.value(node.value.value)
            if inner is None:
                return None
            n = node.slice.value
            return inner.parents[n] if n < len(inner.parents) else Path(inner.anchor)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            left = self.value(node.left)
            right = node.right
            if left is not None and isinstance(right, ast.Constant) and isinstance(right.value, str):
                return Path(os.path.normpath(left / right.value))
        return None


def python_escapes(source: str, file: Path, repo: Path) -> list[tuple[int, str]]:
    """(line, text) of each path built from ``file``'s own place that ends outside ``repo``."""
    tree = ast.parse(source)
    evaluator = _PathEvaluator(file)
    found: list[tuple[int, str]] = []
    seen: set[int] = set()
    nodes = sorted((n for n in ast.walk(tree) if hasattr(n, "lineno")),
                   key=lambda n: (n.lineno, n.col_offset))
    for node in nodes:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            path = evaluator.value(node.value)
            if path is not None:
                evaluator.names[node.targets[0].id] = path
        if not isinstance(node, ast.expr) or node.lineno in seen \
                or isinstance(getattr(node, "ctx", None), ast.Store):
            continue
        path = evaluator.value(node)
        if path is not None and path != repo and repo not in path.parents:
            seen.add(node.lineno)
            found.append((node.lineno, ast.get_source_segment(source, node) or ""))
    return found


def _within(line: str, path: Path, repo: Path) -> str:
    """``line`` less each ``$(dirname "$0")/..`` that stays in the repository."""
    depth = len(path.parent.relative_to(repo).parts)

    def inside(match: re.Match) -> str:
        return "" if match.group(1).count("..") <= depth else match.group(0)

    return SCRIPT_FOLDER_UP.sub(inside, line)


def problems_in(path: Path, text: str, repo: Path) -> list[str]:
    relative = path.relative_to(repo).as_posix()
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        for pattern, why in TEXT_PATTERNS:
            if pattern.search(line):
                problems.append(f"{relative}:{number}: {why}: {line.strip()}")
        if is_build_script(path, repo) and PARENT_PATH.search(_within(line, path, repo)):
            problems.append(f"{relative}:{number}: a '..' path: {line.strip()}")
    if path.suffix == ".py":
        for number, segment in python_escapes(text, path, repo):
            problems.append(f"{relative}:{number}: a path outside the repository: {segment}")
    return problems


def test_nothing_references_a_path_outside_the_repository():
    problems: list[str] = []
    checked = 0
    for path in scanned_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue   # binary files (none today) hold no paths to check
        checked += 1
        problems.extend(problems_in(path, text, REPO))
    assert checked > 30, f"only {checked} files were checked: is the walk broken?"
    assert not problems, "files that reach outside the repository:\n" + "\n".join(problems)


def test_the_seed_text_is_read_from_the_repository():
    from conftest import SEED
    assert SEED.is_file()
    assert REPO in SEED.resolve().parents


# -- the checks themselves catch what they are for -------------------------------------------

FAKE_REPO = Path("/r/explainer")


@pytest.mark.parametrize(("relative", "text"), [
    ("tests/conftest.py", 'SEED = REPO.parent / "shared" / "seeds" / "x.fr.txt"\n'),
    ("tests/conftest.py",
     'REPO = Path(__file__).resolve().parent.parent\nSEED = REPO.parent / "seeds" / "x.txt"\n'),
    ("tests/quality/support.py", "ROOT = Path(__file__).resolve().parents[3]\n"),
    ("tests/a.py", 'DATA = Path(__file__).parent / ".." / ".." / "data"\n'),
    ("tests/a.py", 'HERE = os.path.dirname(os.path.abspath(__file__))\n'
                   'X = os.path.join(HERE, "..", "..", "x")\n'),
    ("bench/run.py", 'SEEDS = "../shared/seeds"\n'),
    ("tests/a.py", "OUT = '/work/main/.venv/bin/python'\n"),
    ("bench/latest.md", "- command: `/home/me/explainer/.venv/bin/python bench/run.py`\n"),
    ("Makefile", "seed:\n\tcp ../seeds/x.txt tests/\n"),
    (".ci/run", "cd ..\nmake test\n"),
    (".ci/run", 'cd "$(dirname "$0")/../.."\n'),
    ("tests/tools/install.sh", 'HERE="$(dirname "$0")/../../.."\n'),
])
def test_the_check_finds_paths_outside(relative: str, text: str):
    assert problems_in(FAKE_REPO / relative, text, FAKE_REPO)


@pytest.mark.parametrize(("relative", "text"), [
    ("tests/conftest.py", 'REPO = Path(__file__).resolve().parent.parent\n'
                          'SEED = REPO / "tests" / "fixtures" / "x.fr.txt"\n'),
    ("tests/quality/support.py", "REPO = Path(__file__).resolve().parent.parent.parent\n"),
    ("tests/quality/support.py", "REPO = Path(__file__).resolve().parents[2]\n"),
    ("tests/test_links.py", """assert resolve("a/b/", "../../c/") == "c/"\n"""),
    ("tests/test_injection.py", '"clé\\n/tmp/x.md:1:1: error: forged"\n'),
    ("tests/test_paths.py", 'BAD = ["../../x", "/etc", ".."]\n'),
    ("tests/hostile_content.py", '"""A site shared by the injection tests."""\n'),
    ("Makefile", "clean:\n\trm -rf site dist build .cache\n"),
    (".ci/run", 'cd "$(dirname "$0")/.."\nmake test\n'),
    ("tests/tools/install.sh", 'HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"\n'),
])
def test_the_check_passes_paths_inside(relative: str, text: str):
    assert problems_in(FAKE_REPO / relative, text, FAKE_REPO) == []
