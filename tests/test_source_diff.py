"""`explainer diff`: what changed in the original since the translation, from git history
or from the snapshot `translate` and `reviewed` keep; and the stale notice naming it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SiteProject

#: git and the CLI read no configuration from outside the test's folder.
ENV = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
       "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
       "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
ORIGINAL = """---
title: Le titre
lang: fr
date: 2025-04-10
summary: Le résumé.
key_facts:
  - Premier fait.
  - Second fait.
---

Premier paragraphe sur la défense.

Deuxième paragraphe, qui va changer.

## Un intertitre

Troisième paragraphe, qui partira.

Quatrième paragraphe.
"""


def run(project: SiteProject, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=project.root, capture_output=True, text=True, timeout=120, env=ENV)


def explainer(project: SiteProject, *args: str) -> subprocess.CompletedProcess:
    return run(project, sys.executable, "-m", "generator.cli", *args)


def git(project: SiteProject, *args: str) -> None:
    done = run(project, "git", *args)
    assert done.returncode == 0, done.stderr


def edit_original(project: SiteProject) -> None:
    path = project.content / "articles/a/fr.md"
    text = path.read_text(encoding="utf-8")
    text = (text.replace("qui va changer", "qui a changé").replace("Le résumé.", "Le nouveau résumé.")
            .replace("Troisième paragraphe, qui partira.\n\n", "")
            .replace("  - Second fait.", "  - Second fait, précisé."))
    path.write_text(text, encoding="utf-8")


EXPECTED_DIFF = [
    "--- fr.md as translated",
    "+++ fr.md now",
    "@@ `summary` @@",
    "- Le résumé.",
    "+ Le nouveau résumé.",
    "@@ `key_facts` @@",
    "  Premier fait.",
    "- Second fait.",
    "+ Second fait, précisé.",
    "@@ paragraph 2, fr.md line 13: changed @@",
    "- Deuxième paragraphe, qui va changer.",
    "+ Deuxième paragraphe, qui a changé.",
    "@@ paragraph 4 of the translated version: removed @@",
    "- Troisième paragraphe, qui partira.",
]
STALE = ("content/articles/a/en.md:7:21: warning: en.md is stale: paragraph 2, 1 paragraph removed, "
         "`summary` and `key_facts` changed in fr.md since translation (see 'explainer diff a "
         "--lang en'; once updated, run 'explainer reviewed a --lang en')")


def stale_lines(project: SiteProject) -> list[str]:
    return [line for line in explainer(project, "check").stdout.splitlines() if "is stale" in line]


def test_diff_from_git_history(project: SiteProject):
    project.write("articles/a/fr.md", ORIGINAL)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "The original")
    assert explainer(project, "translate", "a", "--to", "en").returncode == 0
    git(project, "add", "content")
    git(project, "commit", "-qm", "The translation")
    edit_original(project)
    git(project, "commit", "-qam", "The original, edited")
    # Git alone: the snapshot `translate` kept is not needed.
    shutil.rmtree(project.root / ".explainer")

    done = explainer(project, "diff", "a", "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("content/articles/a/fr.md: paragraph 2, 1 paragraph removed, `summary` "
                               "and `key_facts` changed since en.md was translated from it (commit ")
    assert lines[0].endswith(") The original)")
    assert lines[1:] == EXPECTED_DIFF
    assert stale_lines(project) == [STALE]

    # Reviewed: up to date, nothing stale.
    assert explainer(project, "reviewed", "a", "--lang", "en").returncode == 0
    done = explainer(project, "diff", "a", "--lang", "en")
    assert done.stdout.splitlines() == ["content/articles/a/en.md is up to date with fr.md"]
    assert stale_lines(project) == []


def test_diff_from_the_snapshot_without_git(project: SiteProject):
    project.write("articles/a/fr.md", ORIGINAL)
    assert explainer(project, "translate", "a", "--to", "en").returncode == 0
    snapshots = sorted((project.root / ".explainer" / "originals" / "a").iterdir())
    assert len(snapshots) == 1 and snapshots[0].read_text(encoding="utf-8") == ORIGINAL
    edit_original(project)

    done = explainer(project, "diff", "a", "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].endswith(f"(.explainer/originals/a/{snapshots[0].name})")
    assert lines[1:] == EXPECTED_DIFF
    assert stale_lines(project) == [STALE]
    # The snapshots are never published.
    site = project.build().site
    assert not [path for path in site.rglob("*") if ".explainer" in path.parts]


def test_without_the_old_text_the_diff_says_why_and_check_keeps_the_plain_notice(project: SiteProject):
    project.write("articles/a/fr.md", ORIGINAL)
    assert explainer(project, "translate", "a", "--to", "en").returncode == 0
    shutil.rmtree(project.root / ".explainer")
    edit_original(project)
    done = explainer(project, "diff", "a", "--lang", "en")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "explainer: error: the fr.md that content/articles/a/en.md was translated from (fingerprint "
        f"{_recorded(project)}) is neither in the git history nor in .explainer/originals/"]
    assert stale_lines(project) == [
        "content/articles/a/en.md:7:21: warning: en.md is stale: fr.md changed since translation "
        "(once updated, run 'explainer reviewed a --lang en')"]
    assert explainer(project, "diff", "a", "--lang", "fr").stderr.strip() == (
        "explainer: error: articles/a/fr.md is not a translation")


def _recorded(project: SiteProject) -> str:
    text = (project.content / "articles/a/en.md").read_text(encoding="utf-8")
    return next(line.split(": ")[1] for line in text.splitlines()
                if line.startswith("source_fingerprint: "))
