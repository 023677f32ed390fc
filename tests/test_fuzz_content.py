"""A hostile-tree fuzzer: ``explainer check`` on whole content folders hypothesis makes up.

Each tree mixes what editors and attackers leave in ``content/``: random file and folder
names (unicode, line breaks, terminal escapes, bytes that are not UTF-8, names Windows
reserves), files in UTF-8, UTF-8 with a BOM, latin-1 or UTF-16 with any line ends,
frontmatter and YAML that are right, wrong or broken, symbolic links (inside, outside,
dangling, looping), named pipes, devices and stray files. On every tree the check must:

- exit with 0 or 1, without a traceback, and never hang (a named pipe must not be opened);
- print only ``path:line:col: error|warning: message`` lines, each one printable line
  (no control character, nothing a UTF-8 terminal cannot show), then its summary, whose
  counts match the lines;
- write nothing outside the project, and change nothing in ``content/``.

The default run checks ``EXPLAINER_FUZZ_EXAMPLES`` trees (300) in this process (a
subprocess per tree would take most of the time starting Python), and a handful more
through the real command line. ``EXPLAINER_FUZZ_EXAMPLES=5000`` runs the long one.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import tree_changes, tree_snapshot
from generator import cli

EXAMPLES = int(os.environ.get("EXPLAINER_FUZZ_EXAMPLES", "300"))
#: A check on a tree of a few dozen files takes well under a second; a hang is caught here.
TIMEOUT = 30

DIAGNOSTIC = re.compile(r"^[^\x00-\x1f\x7f]+:\d+:\d+: (error|warning): [^\x00-\x1f\x7f]*$")
SUMMARY = re.compile(r"^explainer check: (\d+) errors?, (\d+) warnings?$")

CONFIG = """\
site_name: Fuzz
docs_dir: content
theme:
  name: material
plugins:
  - explainer:
      languages: [fr, en]
      cache: {cache}
"""

# -- names ---------------------------------------------------------------------------------------

NAMES = st.one_of(
    st.sampled_from([
        "a", "b", "x-y", "ukraine", "france", "con", "NUL", "aux.yml", "lpt1", "Majuscule",
        "a..b", "fin.", "-a", "a_b", "é", "deux mots", ".hidden", "..x", "x\ny", "x\r",
        "\x1b[31mred\x1b[0m", "\u202eevil", "zero\u200bwidth", "caf\udce9", "\udcff\udcfe",
        "a" * 120, "é" * 60, "tab\there", "quote'\"", "back\\slash", "x:1:1: error: forged",
    ]),
    st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
            min_size=1, max_size=12),
)
FILE_NAMES = st.one_of(
    st.sampled_from(["fr.md", "en.md", "de.md", "xx.md", "FR.md", "fr.markdown", "index.md",
                     "notes.md", "evil.html", "style.css", "x.yml", "x.yaml", "x.json", "con.yml",
                     "term.yml", "who.yml", "image.png", ".fr.md", "fr.md~", "fr.md\n"]),
    st.builds(lambda stem, suffix: stem + suffix, NAMES, st.sampled_from([".md", ".yml", "", ".txt"])),
)
FOLDERS = st.sampled_from(["", "articles", "articles/{id}", "articles/{id}", "articles/{id}",
                           "glossary", "glossary", "participants", "participants",
                           "articles/{id}/sub", "assets", "fr", "glossary/sub", ".git"])


def fits(name: str) -> bool:
    """Whether the file system can hold ``name`` (at most 255 bytes, no '/' or NUL)."""
    if name in ("", ".", "..") or "/" in name or "\x00" in name:
        return False
    return len(os.fsencode(name)) <= 255


# -- contents ------------------------------------------------------------------------------------

TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["Titre", "Résumé.", "", " ", "\u202e", "<script>alert(1)</script>",
                     "[x](term:inconnu)", "![img](https://evil.example/x.png)", "{{ 7*7 }}",
                     "a\x01b", "\ufffe", "\x85", "---", "...", "a: b", "- x", "&a *a",
                     "9" * 5000]),
)
DATES = st.one_of(st.dates().map(str), st.sampled_from(["2025-02-30", "10/04/2025", "2025", ""]),
                  st.dates())
LANGS = st.sampled_from(["fr", "en", "de", "xx", "FR", "", "../x"])
IDS = st.one_of(NAMES, st.sampled_from(["a", "b", "france", "ukraine", "con"]))
SCALARS = st.one_of(TEXT, st.integers(), st.booleans(), st.none(), DATES, st.floats())
ANY = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)


def fields(required: dict, optional: dict) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(required, optional=optional).flatmap(
        lambda data: st.dictionaries(st.text(max_size=10), ANY, max_size=2).map(
            lambda extra: {**data, **extra} if extra and data else data))


ARTICLE = fields(
    {"title": TEXT, "lang": LANGS, "date": DATES, "summary": TEXT},
    {"translation_of": LANGS, "slug": IDS, "updated": DATES, "source_fingerprint": TEXT,
     "participants": st.lists(st.fixed_dictionaries({"id": IDS}, optional={
         "role": TEXT, "quotes": st.lists(TEXT, max_size=2)}), max_size=2),
     "key_facts": st.lists(TEXT, max_size=2), "unknowns": st.lists(TEXT, max_size=2),
     "timeline": st.lists(st.fixed_dictionaries({"date": DATES, "event": TEXT}), max_size=2),
     "sources": st.lists(st.fixed_dictionaries({"title": TEXT, "url": st.sampled_from(
         ["https://example.org/", "javascript:alert(1)", "x"])}), max_size=2)})
TERM_TEXT = st.fixed_dictionaries({"term": TEXT, "short": TEXT, "definition": TEXT},
                                  optional={"aliases": st.lists(TEXT, max_size=3)})
GLOSSARY = fields({"fr": TERM_TEXT, "en": TERM_TEXT},
                  {"related": st.lists(IDS, max_size=2), "sources": ANY})
PARTICIPANT = fields(
    {"kind": st.sampled_from(["country", "person", "organisation", "group", "planet"])},
    {"iso": st.sampled_from(["FR", "GB", "XX", "fr", "F"]), "name": st.one_of(TEXT, st.fixed_dictionaries(
        {"fr": TEXT, "en": TEXT})), "members": st.lists(IDS, max_size=2), "affiliation": IDS,
     "role": st.fixed_dictionaries({"fr": TEXT}), "aliases": st.fixed_dictionaries(
         {"fr": st.lists(TEXT, max_size=2)}, optional={"en": st.lists(TEXT, max_size=2)}),
     "description": ANY})

BODY = st.lists(st.one_of(TEXT, st.sampled_from([
    "Un texte.", "[le ministre](who:france)", "[x](term:a)", "<img src=x onerror=alert(1)>",
    "# Titre", "```\ncode\n```", "\x00", "\x1b[2J", "---"])), max_size=4).map("\n\n".join)


def dump(data: object) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return "x: 1\n"


@st.composite
def broken(draw, text: str) -> str:
    """``text`` as it is, or damaged: cut short, a character inserted, tabs, an anchor."""
    how = draw(st.sampled_from(["keep", "keep", "cut", "insert", "tabs", "alias"]))
    if how == "cut" and text:
        return text[: draw(st.integers(0, len(text)))]
    if how == "insert":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.sampled_from(["[", "{", ":", "'", '"', "\t", "&a ", "*a", "!!python/object ",
                                                  "\x01", "\\", "\n---\n", "\n...\n", "? "])) + text[at:]
    if how == "tabs":
        return text.replace("  ", "\t")
    if how == "alias":
        return "base: &a [x, y]\n" + text + "more: *a\n"
    return text


@st.composite
def markdown_file(draw) -> str:
    head = draw(broken(dump(draw(ARTICLE))))
    shape = draw(st.sampled_from(["normal", "normal", "normal", "unclosed", "none", "dots", "empty"]))
    body = draw(BODY)
    if shape == "unclosed":
        return f"---\n{head}"
    if shape == "none":
        return head + body
    if shape == "dots":
        return f"---\n{head}...\n{body}"
    if shape == "empty":
        return f"---\n---\n{body}"
    return f"---\n{head}---\n\n{body}\n"


@st.composite
def file_bytes(draw, folder: str, name: str) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=200))
    if name.endswith(".md") or (folder.startswith("articles") and draw(st.booleans())):
        text = draw(markdown_file())
    elif folder.startswith("glossary"):
        text = draw(broken(dump(draw(GLOSSARY))))
    elif folder.startswith("participants"):
        text = draw(broken(dump(draw(PARTICIPANT))))
    else:
        text = draw(TEXT)
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    text = text.replace("\n", newline)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "latin-1", "utf-16"]))
    return text.encode(encoding, errors="replace")


KINDS = st.sampled_from(["file"] * 8 + ["dir", "link-in", "link-out", "link-dangling",
                                        "link-loop", "fifo", "socket", "device"])


def sound_article(lang: str, body: str, title: str, extra: str = "") -> bytes:
    return (f"---\ntitle: {dump(title).strip() or 'x'}\nlang: {lang}\ndate: 2025-04-10\n"
            f"summary: Résumé.\n{extra}---\n\n{body}\n").encode("utf-8")


@st.composite
def sound_site(draw) -> list[tuple[str, str, str, bytes]]:
    """A site that reads without errors but for what hostile text does to it, so that the
    copy desk's checks (parity, staleness, the mixed-language check) run on it too."""
    fr_body, en_body = draw(BODY), draw(BODY)
    title = draw(st.sampled_from(["Titre", "Un titre « cité »"]))
    aliases = draw(st.lists(st.sampled_from(["trêves", "la", "X", "2025", "cessez-le-feu"]), max_size=2,
                            unique=True))
    term = ("fr:\n  term: trêve\n  aliases: " + dump(aliases).strip() + "\n  short: Pause.\n"
            "  definition: Pause.\nen:\n  term: truce\n  short: Pause.\n  definition: Pause.\n")
    return [
        ("articles/a", "fr.md", "file", sound_article("fr", f"Une trêve. {fr_body}", title)),
        ("articles/a", "en.md", "file", sound_article(
            "en", f"A truce. {en_body}", "Title",
            draw(st.sampled_from(["translation_of: fr\n",
                                  "translation_of: fr\nsource_fingerprint: 0123456789abcdef\n"])))),
        ("glossary", "treve.yml", "file", term.encode("utf-8")),
        ("participants", "france.yml", "file",
         "kind: country\niso: FR\naliases: {fr: [Paris], en: [Paris]}\n".encode("utf-8")),
    ]


@st.composite
def trees(draw) -> list[tuple[str, str, str, bytes]]:
    """(folder, name, kind, bytes) entries; folders are made as needed."""
    article_ids = draw(st.lists(st.one_of(st.sampled_from(["a", "b", "con", "A"]), NAMES),
                                min_size=1, max_size=3))
    entries = draw(sound_site()) if draw(st.booleans()) else []
    for _ in range(draw(st.integers(0, 14 if not entries else 4))):
        folder = draw(FOLDERS).format(id=draw(st.sampled_from(article_ids)))
        name = draw(FILE_NAMES)
        kind = draw(KINDS)
        payload = draw(file_bytes(folder, name)) if kind == "file" else b""
        entries.append((folder, name, kind, payload))
    return entries


# -- running one tree ------------------------------------------------------------------------------


def make_tree(root: Path, entries: list[tuple[str, str, str, bytes]], outside: Path) -> None:
    content = root / "content"
    for sub in ("articles", "glossary", "participants"):
        (content / sub).mkdir(parents=True, exist_ok=True)
    for folder, name, kind, payload in entries:
        parts = [part for part in folder.split("/") if part]
        if not all(fits(part) for part in parts) or not fits(name):
            continue
        parent = content.joinpath(*parts)
        path = parent / name
        try:
            parent.mkdir(parents=True, exist_ok=True)
            if os.path.lexists(path):
                continue
            if kind == "file":
                path.write_bytes(payload)
            elif kind == "dir":
                path.mkdir()
            elif kind == "link-in":
                os.symlink(content / "articles", path)
            elif kind == "link-out":
                os.symlink(outside / ("folder" if name.endswith(("a", "b")) else "secret.md"), path)
            elif kind == "link-dangling":
                os.symlink(outside / "missing", path)
            elif kind == "link-loop":
                os.symlink(path, path)
            elif kind == "fifo":
                os.mkfifo(path)
            elif kind == "socket":
                with socket.socket(socket.AF_UNIX) as unix:
                    unix.bind(str(path))
            elif kind == "device":
                os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # /dev/null's numbers
        except (OSError, ValueError):
            continue  # a name or kind this file system refuses: not part of the tree


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang("explainer check did not finish")


def check_in_process(project: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIMEOUT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(["-f", str(project / "mkdocs.yml"), "check"])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return status, out.getvalue(), err.getvalue()


def check_subprocess(project: Path) -> tuple[int, str, str]:
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "check"], cwd=project,
                          capture_output=True, timeout=TIMEOUT + 30,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"})
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def assert_sound(status: int, stdout: str, stderr: str) -> None:
    assert status in (0, 1), (status, stdout, stderr)
    assert "Traceback" not in stdout + stderr, stderr
    assert stderr == "", stderr
    lines = stdout.split("\n")
    assert lines[-1] == "", repr(stdout[-200:])
    *reports, summary = lines[:-1]
    for line in reports:
        assert DIAGNOSTIC.match(line), repr(line)
        line.encode("utf-8")  # a name's undecodable bytes are escaped, not printed raw
    counts = SUMMARY.match(summary)
    assert counts, repr(summary)
    # (Which lines are errors cannot be told from the text alone: a file may be named
    # "x:1:1: error: y". The total can.)
    errors, warnings = int(counts.group(1)), int(counts.group(2))
    assert errors + warnings == len(reports), stdout
    assert status == (1 if errors else 0)


def run_tree(entries, cache: bool, runner) -> None:
    with tempfile.TemporaryDirectory(prefix="explainer-fuzz-") as temporary:
        base = Path(temporary)
        outside = base / "outside"
        (outside / "folder").mkdir(parents=True)
        (outside / "secret.md").write_text("---\ntitle: secret\n---\nsecret\n")
        (outside / "folder" / "fr.md").write_text("---\ntitle: secret\n---\nsecret\n")
        project = base / "project"
        project.mkdir()
        (project / "mkdocs.yml").write_text(CONFIG.format(cache=str(cache).lower()))
        make_tree(project, entries, outside)
        cache_dir = project / ".cache"
        before = tree_snapshot(base, cache_dir)
        status, stdout, stderr = runner(project)
        assert_sound(status, stdout, stderr)
        event(f"exit status {status}")
        assert "secret" not in stdout
        after = tree_snapshot(base, cache_dir)
        assert after == before, tree_changes(before, after)
        # Nothing but the cache folder was added to the project.
        assert sorted(p.name for p in project.iterdir()) in (
            ["content", "mkdocs.yml"], [".cache", "content", "mkdocs.yml"])


FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, print_blob=True,
                suppress_health_check=list(HealthCheck))


@FUZZ
@given(entries=trees(), cache=st.booleans())
def test_check_survives_hostile_trees(entries, cache):
    run_tree(entries, cache, check_in_process)


@settings(FUZZ, max_examples=6)
@given(entries=trees())
def test_check_survives_hostile_trees_from_the_command_line(entries):
    run_tree(entries, False, check_subprocess)


def test_fuzzer_makes_the_hostile_kinds():
    """The strategies do produce what the fuzzer is for (not only well-formed files)."""
    seen = set()

    @settings(max_examples=200, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(trees())
    def collect(entries):
        for folder, name, kind, payload in entries:
            seen.add(kind)
            if "\n" in name or "\x1b" in name:
                seen.add("control name")
            if payload.startswith((b"\xff\xfe", b"\xef\xbb\xbf")):
                seen.add("bom")

    collect()
    assert {"file", "fifo", "link-out", "link-dangling", "control name", "bom"} <= seen, seen
