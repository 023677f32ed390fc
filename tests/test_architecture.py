"""The shape of the code: a core that never imports MkDocs or Material, a thin plugin,
no home-made process runtime, nothing read back from disk that could run code."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

GENERATOR = REPO / "generator"
#: The only modules that may import MkDocs or Material: the adapter, its options,
#: the compatibility module, and the CLI's offline build (through mkdocs.commands).
ADAPTERS = {"plugin.py", "config.py", "material_compat.py", "cli.py"}


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def core_modules() -> dict[str, Path]:
    """Every module of the core by its dotted name, in the package and its subpackages
    (folders with an ``__init__.py``: ``maps/refresh.py`` is a maintainer's script)."""
    modules = {}
    for path in sorted(GENERATOR.rglob("*.py")):
        package = path.parent.relative_to(GENERATOR).parts
        if path.parent != GENERATOR and not (path.parent / "__init__.py").is_file():
            continue
        if not package and path.name in ADAPTERS:
            continue
        name = ".".join(("generator", *package, *([] if path.stem == "__init__" else [path.stem])))
        modules[name] = path
    return modules


def test_the_core_has_its_subpackages():
    assert "generator.mixed_language.detection" in core_modules()


def test_no_module_of_the_core_imports_mkdocs_or_material():
    offenders = {}
    for name, path in core_modules().items():
        found = {imported_name for imported_name in imported(path)
                 if imported_name.split(".")[0] in ("mkdocs", "material")}
        if found:
            offenders[name] = sorted(found)
    assert offenders == {}


def test_the_core_really_runs_without_mkdocs(tmp_path: Path):
    """Import every core module with MkDocs and Material made unimportable."""
    import subprocess
    import sys
    modules = sorted(core_modules())
    code = ("import sys\n"
            "class Refuse:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] in ('mkdocs', 'material'):\n"
            "            raise ImportError('the core imported ' + name)\n"
            "sys.meta_path.insert(0, Refuse())\n"
            + "".join(f"import {name}\n" for name in modules))
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_the_plugin_only_wires_events():
    lines = (GENERATOR / "plugin.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 250


def test_no_pickle_and_no_fork_in_the_generator():
    for path in sorted(GENERATOR.rglob("*.py")):
        names = imported(path)
        text = path.read_text(encoding="utf-8")
        assert "pickle" not in names and "marshal" not in names, path.name
        assert "os.fork" not in text and "pickle" not in text, path.name
