"""``explainer``: editors' commands over the same core as the MkDocs plugin."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostics
from .validate import validate_site


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose '!ENV' and '!!python/name' tags we do not need."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_settings(config_file: Path) -> tuple[Path, tuple[str, ...]]:
    """Content folder and languages, as the plugin would read them from mkdocs.yml."""
    data: dict[str, Any] = {}
    if config_file.is_file():
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
    options: dict[str, Any] = {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "explainer" in plugin:
            options = plugin["explainer"] or {}
    root = config_file.parent
    content = options.get("content_dir") or data.get("docs_dir") or "content"
    languages = tuple(options.get("languages") or ("fr", "en"))
    return root / content, languages


def cmd_check(args: argparse.Namespace) -> int:
    config_file = Path(args.config)
    content_dir, languages = site_settings(config_file)
    diagnostics = Diagnostics(root=config_file.resolve().parent)
    _, diagnostics = validate_site(content_dir, languages, diagnostics)
    for diagnostic in diagnostics:
        print(diagnostic)
    print(f"explainer check: {diagnostics.summary()}", file=sys.stderr)
    failed = diagnostics.errors or (args.strict and diagnostics.warnings)
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="explainer", description=__doc__)
    parser.add_argument("-f", "--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate content/ and report every problem")
    check.add_argument("--strict", action="store_true", help="warnings count as errors")
    check.set_defaults(run=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
