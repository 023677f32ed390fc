"""The French and English word tables the package ships (generator/word_tables/) are what
`make word-tables` would write from the installed wordfreq, the checks read them instead of
wordfreq, and they warn exactly as wordfreq's lists do."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO
from generator import aliases, mixed_language as ml, word_tables
from generator.mixed_language import frequencies


def test_the_shipped_tables_are_what_make_word_tables_writes():
    shipped = json.loads(word_tables.FILE.read_text(encoding="utf-8"))
    made = word_tables.make()
    assert shipped["thresholds"] == ml.thresholds()
    assert shipped["frequent_threshold"] == aliases.FREQUENT
    for pair in made["foreign"]:
        assert shipped["foreign"][pair] == made["foreign"][pair], f"run 'make word-tables' ({pair})"
    assert shipped["frequent"] == made["frequent"], "run 'make word-tables'"
    assert shipped["source"] == made["source"]
    assert shipped["foreign"]["fr:en"]["willingness"] == "en"
    assert 20_000 < len(shipped["foreign"]["fr:en"]) < 100_000
    # The licence of the data goes with it.
    note = (word_tables.FILE.parent / "README.md").read_text(encoding="utf-8")
    assert "Attribution-ShareAlike 4.0" in note and "Robyn Speer" in note and "SUBTLEX" in note


def test_the_checks_read_the_shipped_tables():
    ml.keep_word_tables_in(None)
    assert frequencies._table("fr", ("en",)) is word_tables.foreign("fr", ("en",), ml.thresholds())
    assert aliases._frequent("fr", None) is word_tables.frequent("fr", aliases.FREQUENT)
    assert aliases.alias_problem("aux", "fr") is not None


def test_other_thresholds_do_not_use_the_shipped_tables():
    assert word_tables.foreign("fr", ("en",), {**ml.thresholds(), "clear_margin": 1.0}) is None
    assert word_tables.frequent("fr", 5.5) is None
    assert word_tables.foreign("de", ("en",), ml.thresholds()) is None


# The checks on the example content: with the shipped tables, or with wordfreq alone (no
# shipped table, no build cache: every word asked of wordfreq's lists).
CHECK = """
import sys
if sys.argv[2] == 'wordfreq':
    from generator import word_tables
    from generator.mixed_language import frequencies
    frequencies.USE_SHIPPED = False
    word_tables.frequent = lambda lang, threshold: None
from pathlib import Path
from generator.settings import Settings
from generator.validate import check_site
settings = Settings(root=Path('.'), content_dir=Path(sys.argv[1]), languages=('fr', 'en'),
                    markdown_extensions=('toc', 'attr_list', 'md_in_html'))
_, _, diagnostics = check_site(settings)
for item in diagnostics:
    print(item)
"""


def test_the_shipped_tables_give_the_warnings_wordfreq_gives():
    def run(how: str) -> list[str]:
        proc = subprocess.run([sys.executable, "-c", CHECK, str(REPO / "content"), how],
                              cwd=REPO, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.splitlines()

    shipped, by_wordfreq = run("shipped"), run("wordfreq")
    assert any("'willingness' looks English" in line for line in shipped), shipped
    assert shipped == by_wordfreq


def test_a_pair_not_shipped_warns_once_without_wordfreq(monkeypatch, caplog):
    monkeypatch.setattr(word_tables.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(word_tables, "_WARNED", set())
    ml.keep_word_tables_in(None)
    assert frequencies.looks_foreign("willingness", "de", ("en",)) is None
    assert frequencies.looks_foreign("deadline", "de", ("en",)) is None
    assert aliases.alias_problem("und", "de") is None
    lines = [r.getMessage() for r in caplog.records if "needs wordfreq" in r.getMessage()]
    assert lines == [
        "explainer: the mixed-language check of 'de' text needs wordfreq, which is not installed "
        "(pip install wordfreq); it reports nothing meanwhile",
        "explainer: the check of 'de' aliases needs wordfreq, which is not installed "
        "(pip install wordfreq); it reports nothing meanwhile"]
    frequencies.looks_foreign.cache_clear()
    aliases._TABLES.pop("de", None)
