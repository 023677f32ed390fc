"""The README stays a short guide for people who build and edit a site, and its links work."""

from __future__ import annotations

import re

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
MAKEFILE = (REPO / "Makefile").read_text(encoding="utf-8")


def anchor(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_readme_is_short():
    # About 14 KB, with room for a few more rows; architecture and performance go in docs/.
    assert len(README.encode("utf-8")) <= 15 * 1024


def test_relative_links_and_anchors_resolve():
    anchors = {anchor(h) for h in re.findall(r"^#{1,6} (.+)$", README, re.MULTILINE)}
    prose = re.sub(r"```.*?```", "", README, flags=re.DOTALL)
    prose = re.sub(r"`[^`]*`", "", prose)
    for target in re.findall(r"\]\(([^)\s]+)\)", prose):
        if target.startswith(("http://", "https://")):
            continue
        path, _, fragment = target.partition("#")
        if path:
            assert (REPO / path).is_file(), f"README links to a missing file: {target}"
        else:
            assert fragment in anchors, f"README links to a missing section: {target}"


def test_every_make_target_it_names_exists():
    targets = set(re.findall(r"^([\w-]+):", MAKEFILE, re.MULTILINE))
    named = set(re.findall(r"`make ([\w-]+)", README))
    assert named and named <= targets, named - targets


def test_the_moved_sections_are_linked():
    for doc in ("docs/architecture.md", "docs/performance.md"):
        assert f"]({doc})" in README
    assert "## Material end of life and MkDocs 2.0" in README
