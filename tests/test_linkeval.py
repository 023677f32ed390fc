"""The link evaluation scorer (linkeval/run.py) can fail: on a tiny corpus whose
gold the plugin cannot match exactly, it reports exactly the expected false
positive and false negative, from a real build's HTML."""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
RUN = REPO / "linkeval" / "run.py"


def load_scorer():
    spec = importlib.util.spec_from_file_location("linkeval_run", RUN)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    write(corpus, "participants/france.yml", """
        kind: country
        iso: FR
        aliases: {fr: [Paris], en: [Paris]}
        description: {fr: La France., en: France.}
        """)
    write(corpus, "glossary/cessez-le-feu.yml", """
        fr: {term: cessez-le-feu, short: Arrêt des combats., definition: Arrêt des combats.}
        en: {term: ceasefire, short: A halt to fighting., definition: A halt to fighting.}
        """)
    # « Paris » is the city there, not France: the plugin cannot tell and links it (one
    # false positive). "l'Hexagone" is France, but no form of the entry says so (one false
    # negative). A no-break space and a typographic apostrophe test the alignment.
    write(corpus, "articles/essai/fr.md", """
        ---
        title: Essai
        lang: fr
        date: 2025-04-10
        summary: Résumé.
        ---

        Paris accueille les touristes, la\u00a0[[France|participant:france]] propose un [[cessez-le-feu|term:cessez-le-feu]].

        L’[[Hexagone|participant:france]] insiste : un [[cessez-le-feu|term:cessez-le-feu]] durable.
        """)
    return corpus


def test_reports_exactly_the_false_positive_and_false_negative(tiny_corpus: Path) -> None:
    proc = subprocess.run([sys.executable, str(RUN), "--corpus", str(tiny_corpus), "--json"],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["corpus"]["gold_mentions"] == 4
    assert report["alignment_problems"] == []

    every = report["modes"]["all"]
    assert every["scores"]["fr/all"] == {
        "expected": 4, "tp": 3, "fp": 1, "fn": 1, "precision": 0.75, "recall": 0.75}
    assert every["scores"]["fr/term"]["tp"] == 2 and every["scores"]["fr/term"]["fp"] == 0
    [fp] = every["false_positives"]
    assert (fp["entry"], fp["text"], fp["reason"]) == ("participant:france", "Paris", "not a mention")
    assert "⟦Paris⟧ accueille" in fp["context"]
    [fn] = every["false_negatives"]
    assert (fn["entry"], fn["text"], fn["reason"]) == ("participant:france", "Hexagone", "not linked")
    assert every["boundary_mismatches"] == []

    # With link: first, "Paris" takes France's only link: the expected first mention,
    # "France", is missed, and the term's second mention is not expected.
    first = report["modes"]["first"]
    assert {k: first["scores"]["fr/all"][k] for k in ("expected", "tp", "fp", "fn")} == {
        "expected": 2, "tp": 1, "fp": 1, "fn": 1}
    assert [f["text"] for f in first["false_positives"]] == ["Paris"]
    assert [f["text"] for f in first["false_negatives"]] == ["France"]


def test_markers_are_stripped_with_their_positions() -> None:
    scorer = load_scorer()
    text, gold = scorer.strip_markers("la [[France|who:france]] et l’[[OTAN|participant:nato]].", "x")
    assert text == "la France et l’OTAN."
    assert [(g.start, g.end, g.kind, g.id) for g in gold] == [
        (3, 9, "participant", "france"), (15, 19, "participant", "nato")]
    with pytest.raises(scorer.CorpusError):
        scorer.strip_markers("la [[France|pays:france]]", "x")


def test_the_scorer_does_not_import_the_generator() -> None:
    tree = ast.parse(RUN.read_text(encoding="utf-8"))
    modules = {alias.name.split(".")[0] for node in ast.walk(tree)
               if isinstance(node, ast.Import) for alias in node.names}
    modules |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom)}
    assert "generator" not in modules
