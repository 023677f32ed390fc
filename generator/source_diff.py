"""What changed in an original since its translation was made or reviewed.

A translation records the fingerprint of the original it translates (see
translation.py). The original as it was then is found again by that
fingerprint: in the project's git history (``git log`` of the file, each
version fingerprinted until one matches), else in the snapshots that
``explainer translate`` and ``explainer reviewed`` keep in ``.explainer/originals/``
at the project's root (outside the content folder: never published). The two
states are compared paragraph by paragraph, and frontmatter field by field,
over what the fingerprint covers.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import pydantic
import yaml

from .model import ArticleFrontmatter, ArticleVersion
from .translation import fingerprint

SNAPSHOTS = Path(".explainer") / "originals"
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
#: The frontmatter fields a translator translates, in the order the diff shows them.
FIELDS = ("title", "summary", "key_facts", "unknowns", "timeline", "participants")


@dataclass(frozen=True)
class Paragraph:
    number: int
    line: int  # in the file
    text: str


@dataclass(frozen=True)
class Translatable:
    """An original reduced to what its translation translates."""

    fields: dict[str, tuple[str, ...]]
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Found:
    """The original as a translation's fingerprint records it, and where it came from."""

    old: Translatable
    origin: str  # "commit 1a2b3c4 (2025-04-10) Message" or the snapshot's path


def paragraphs(body: str, first_line: int) -> tuple[Paragraph, ...]:
    found, line, number = [], first_line, 0
    for block in _BLANK_LINES.split(body):
        if block.strip():
            number += 1
            leading = len(block) - len(block.lstrip("\n"))
            found.append(Paragraph(number, line + leading, block.strip("\n")))
        line += block.count("\n") + 2  # the block, then the blank line after it
    return tuple(found)


def translatable(version: ArticleVersion) -> Translatable:
    meta = version.meta
    people = []
    for item in meta.participants:
        people.append(f"{item.id}: {item.role}" if item.role else item.id)
        people.extend(f"{item.id} quoted: {quote}" for quote in item.quotes)
    fields = {"title": (meta.title,), "summary": (meta.summary,), "key_facts": tuple(meta.key_facts),
              "unknowns": tuple(meta.unknowns),
              "timeline": tuple(f"{item.date}: {item.event}" for item in meta.timeline),
              "participants": tuple(people)}
    return Translatable(fields, paragraphs(version.body, version.body_line))


def version_of(text: str, path: Path, lang: str) -> ArticleVersion | None:
    """An article file's text as a version (None when it does not parse: an old
    version can be broken)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    try:
        block, body = frontmatter.YAMLHandler().split(text)
        meta = ArticleFrontmatter.model_validate(yaml.safe_load(block) or {})
    except (ValueError, yaml.YAMLError, pydantic.ValidationError, TypeError):
        return None
    body = body.strip()
    start = text.find(body[:1], text.find("\n---", 3) + 4) if body else -1
    body_line = text.count("\n", 0, start) + 1 if start >= 0 else 1
    return ArticleVersion(article_id=path.parent.name, lang=lang, path=path, display_path=path.name,
                          meta=meta, body=body, body_line=body_line)


# -- where the old text is ------------------------------------------------------------------

def _git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], input=stdin, capture_output=True,
                              timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):  # no git, or a hung one
        return None
    return done.stdout if done.returncode == 0 else None


def _git_versions(path: Path):
    """(origin, text) of each committed version of ``path``, newest first."""
    folder = path.parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top is None:
        return
    root = Path(top.decode("utf-8", "surrogateescape").strip())
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return
    log = _git(root, "log", "--follow", "--name-only", "--format=%x1e%H%x1f%h%x1f%cs%x1f%s",
               "--", relative)
    if not log:
        return
    commits = []
    for record in log.decode("utf-8", "surrogateescape").split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        name = next((line for line in names.splitlines() if line.strip()), relative)
        full, short, day, subject = (head.split("\x1f") + ["", "", ""])[:4]
        commits.append((full, name, f"commit {short} ({day}) {subject}".strip()))
    if not commits:
        return
    # One process for every version's text.
    batch = _git(root, "cat-file", "--batch",
                 stdin="".join(f"{full}:{name}\n" for full, name, _ in commits).encode("utf-8",
                                                                                      "surrogateescape"))
    if batch is None:
        return
    at = 0
    for _, _, origin in commits:
        end = batch.index(b"\n", at)
        header = batch[at:end].split()
        at = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue  # missing (a deletion)
        size = int(header[2])
        yield origin, batch[at:at + size].decode("utf-8", "replace")
        at += size + 1


def snapshot_path(root: Path, article_id: str, value: str) -> Path:
    return root / SNAPSHOTS / article_id / f"{value}.md"


def keep_snapshot(root: Path, original: ArticleVersion) -> Path | None:
    """Keep the original's text under its fingerprint, for ``explainer diff`` without
    git. None when it cannot be written (the diff then has git alone)."""
    target = snapshot_path(root, original.article_id, fingerprint(original))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(original.path.read_bytes())
    except OSError:
        return None
    return target


#: (original's path, fingerprint) → what was found. Only hits are kept: the
#: translatable text behind a fingerprint never changes, while a miss may be found later.
_FOUND: dict[tuple[Path, str], Found] = {}


def _from_git(path: Path, lang: str, recorded: str) -> Found | None:
    for origin, text in _git_versions(path):
        version = version_of(text, path, lang)
        if version is not None and fingerprint(version) == recorded:
            return Found(translatable(version), origin)
    return None


def _from_snapshot(root: Path, path: Path, article_id: str, lang: str, recorded: str) -> Found | None:
    snapshot = snapshot_path(root, article_id, recorded)
    try:
        text = snapshot.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    version = version_of(text, path, lang)
    if version is None or fingerprint(version) != recorded:
        return None
    return Found(translatable(version), snapshot.relative_to(root).as_posix())


def recorded_original(root: Path, original: ArticleVersion, recorded: str,
                      git_first: bool = True) -> Found | None:
    """The original as ``recorded``. The two sources give the same text (the same
    fingerprint); ``git_first`` says which one ``explainer diff`` names, while the
    copy desk reads the snapshot first: a file, not processes, on every build."""
    key = (original.path, recorded)
    if key not in _FOUND:
        path, article_id, lang = original.path, original.article_id, original.lang
        if git_first:
            found = (_from_git(path, lang, recorded)
                     or _from_snapshot(root, path, article_id, lang, recorded))
        else:
            found = (_from_snapshot(root, path, article_id, lang, recorded)
                     or _from_git(path, lang, recorded))
        if found is None:
            return None
        if len(_FOUND) > 1024:
            _FOUND.clear()
        _FOUND[key] = found
    return _FOUND[key]


# -- comparing --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Changes:
    fields: tuple[str, ...]
    changed: tuple[int, ...]  # numbers of the paragraphs now, changed or added
    removed: tuple[int, ...]  # numbers of the paragraphs then, gone

    def __bool__(self) -> bool:
        return bool(self.fields or self.changed or self.removed)


def _opcodes(old: tuple[Paragraph, ...], new: tuple[Paragraph, ...]):
    matcher = difflib.SequenceMatcher(None, [p.text for p in old], [p.text for p in new],
                                      autojunk=False)
    return [op for op in matcher.get_opcodes() if op[0] != "equal"]


def changes(old: Translatable, new: Translatable) -> Changes:
    fields = tuple(name for name in FIELDS if old.fields.get(name) != new.fields.get(name))
    changed, removed = [], []
    for tag, i1, i2, j1, j2 in _opcodes(old.paragraphs, new.paragraphs):
        changed.extend(p.number for p in new.paragraphs[j1:j2])
        if tag == "delete":
            removed.extend(p.number for p in old.paragraphs[i1:i2])
    return Changes(fields, tuple(changed), tuple(removed))


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def described(found: Changes) -> str:
    """'paragraphs 3, 5 and `summary`' (what the stale notice names)."""
    parts = []
    if found.changed:
        numbers = [str(n) for n in found.changed]
        parts.append(("paragraph " if len(numbers) == 1 else "paragraphs ") + ", ".join(numbers))
    if found.removed:
        count = len(found.removed)
        parts.append(f"{count} paragraph{'s' if count != 1 else ''} removed")
    parts.extend(f"`{name}`" for name in found.fields)
    return _joined(parts) if parts else "nothing the translation translates"


def stale_changes(root: Path | None, original: ArticleVersion, recorded: str) -> str | None:
    """What the stale notice names, or None when the recorded original is not found."""
    if root is None:
        return None
    found = recorded_original(root, original, recorded, git_first=False)
    if found is None:
        return None
    return described(changes(found.old, translatable(original)))


def _quoted(sign: str, text: str) -> list[str]:
    return [f"{sign} {line}".rstrip() for line in text.splitlines() or [""]]


def diff_lines(old: Translatable, new: Translatable, name: str) -> list[str]:
    """A paragraph-level unified diff: each changed field, then each changed run of
    paragraphs with its numbers and line in ``name`` (the original's file name)."""
    lines = []
    for field in FIELDS:
        before, after = old.fields.get(field, ()), new.fields.get(field, ())
        if before == after:
            continue
        lines.append(f"@@ `{field}` @@")
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                lines.extend(f"  {item}" for item in before[i1:i2])
                continue
            for item in before[i1:i2]:
                lines.extend(_quoted("-", item))
            for item in after[j1:j2]:
                lines.extend(_quoted("+", item))
    for tag, i1, i2, j1, j2 in _opcodes(old.paragraphs, new.paragraphs):
        gone, come = old.paragraphs[i1:i2], new.paragraphs[j1:j2]
        if come:
            numbers = f"{come[0].number}" if len(come) == 1 else f"{come[0].number}-{come[-1].number}"
            what = {"replace": "changed", "insert": "added"}[tag]
            lines.append(f"@@ paragraph{'s' if len(come) > 1 else ''} {numbers}, {name} line "
                         f"{come[0].line}: {what} @@")
        else:
            numbers = f"{gone[0].number}" if len(gone) == 1 else f"{gone[0].number}-{gone[-1].number}"
            lines.append(f"@@ paragraph{'s' if len(gone) > 1 else ''} {numbers} of the translated "
                         f"version: removed @@")
        for paragraph in gone:
            lines.extend(_quoted("-", paragraph.text))
        for paragraph in come:
            lines.extend(_quoted("+", paragraph.text))
    return lines
