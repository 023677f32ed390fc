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


#: Builds as `mkdocs serve --dirty` does: one plugin instance, a first whole build, then a
#: dirty rebuild after an edit (here: the article 'b' deleted, and 'a' renamed by its slug).
SERVE_REBUILDS = """
import os, shutil, sys
os.environ["NO_MKDOCS_2_WARNING"] = "1"
from mkdocs.commands.build import build
from mkdocs.config import load_config

config = load_config("mkdocs.yml", site_dir="site")
config.plugins.on_startup(command="serve", dirty=True)
build(config, dirty=False)
shutil.rmtree("content/articles/b")
article = "content/articles/a/fr.md"
with open(article, encoding="utf-8") as stream:
    text = stream.read()
with open(article, "w", encoding="utf-8") as stream:
    stream.write(text.replace("title: Premier", "title: Premier\\nslug: renomme", 1))
plugins = config.plugins
config = load_config("mkdocs.yml", site_dir="site")
config.plugins = plugins
build(config, dirty=True)
"""


def test_a_preview_drops_the_pages_of_deleted_and_renamed_articles(tmp_path: Path):
    import subprocess
    import sys

    from conftest import SiteProject

    project = SiteProject(tmp_path / "site")
    project.article("a", "fr", "Texte.", title="Premier")
    project.article("b", "fr", "Autre texte.", title="Second")
    result = subprocess.run([sys.executable, "-c", SERVE_REBUILDS], cwd=project.root,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    site = project.root / "site" / "fr" / "explications"
    assert (site / "renomme" / "index.html").is_file()
    assert not (site / "a").exists()
    assert not (site / "b").exists()
    listing = (site / "index.html").read_text(encoding="utf-8")
    assert "Second" not in listing and "Premier" in listing
