"""What `mkdocs serve` keeps from one rebuild to the next must not go stale."""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator.plugin import CompiledTemplates


def _environment(folder: Path, cache: CompiledTemplates) -> jinja2.Environment:
    # MkDocs makes a new environment for every build; the cache outlives it.
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=cache)


def test_compiled_templates_are_reused_until_their_source_changes(tmp_path: Path):
    template = tmp_path / "page.html"
    template.write_text("<p>{{ word }} one</p>", encoding="utf-8")
    cache = CompiledTemplates()
    compiled: list[str] = []
    dump = cache.dump_bytecode

    def counting_dump(bucket):
        compiled.append(bucket.key)
        dump(bucket)

    cache.dump_bytecode = counting_dump  # type: ignore[method-assign]

    assert _environment(tmp_path, cache).get_template("page.html").render(word="a") == "<p>a one</p>"
    assert len(compiled) == 1
    # A rebuild: a new environment, the same source, no compilation.
    assert _environment(tmp_path, cache).get_template("page.html").render(word="b") == "<p>b one</p>"
    assert len(compiled) == 1
    # An edited template is compiled again and shows the edit.
    template.write_text("<p>{{ word }} two</p>", encoding="utf-8")
    assert _environment(tmp_path, cache).get_template("page.html").render(word="c") == "<p>c two</p>"
    assert len(compiled) == 2
