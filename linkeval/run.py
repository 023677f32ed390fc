"""Score the automatic linking of glossary terms and participants against a gold corpus.

Run from the repository root: ``.venv/bin/python linkeval/run.py`` (see linkeval/README.md).

The corpus (``linkeval/corpus/`` by default) is a content tree in the project's own formats,
whose article bodies mark every mention an editor would link:

    [[la France|participant:france]]   [[cessez-le-feu|term:cessez-le-feu]]

(``who:`` is accepted for ``participant:``). The scorer copies the corpus into a temporary
project, strips the markers, builds it with a real ``mkdocs build`` (Material and the explainer
plugin) once per link mode, reads the automatic links (``a.ex-ref``, target in
``aria-describedby="ex-tip-<kind>-<id>"``) from each article body in the built HTML, aligns them
with the gold spans by position in the body's visible text, and reports precision and recall.

It only builds sites and reads their HTML: nothing here imports the generator, so it keeps
working however the generator is written, as long as the link markup stays the same.
Exit status: 0 with a report (whatever the scores), 1 when the corpus is malformed or a build
fails.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = Path(__file__).resolve().parent / "corpus"
MODES = ("first", "all")
KINDS = ("term", "participant")

#: ``[[surface|kind:id]]``: the surface is the exact text of the mention as it reads.
MARKER = re.compile(r"\[\[([^\[\]|]+)\|(term|participant|who):([a-z0-9-]+)\]\]")
STRAY_MARKER = re.compile(r"\[\[|\]\]")
FRONTMATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*\r?\n", re.S)
EXPLICIT_LINK = re.compile(r"\]\(\s*<?(?:term|who):")
TIP_ID = re.compile(r"^ex-tip-(term|participant)-(.+)$")

MKDOCS_YML = """\
site_name: Link evaluation corpus
docs_dir: content
site_dir: site
theme:
  name: material
  custom_dir: {overrides}
  language: fr
  font: false
plugins:
  - search:
      lang: [fr, en]
  - explainer:
      languages: [fr, en]
      link: {mode}
"""

BLOCKS = frozenset("p li ul ol blockquote h1 h2 h3 h4 h5 h6 div table tr td th pre br hr dd dt".split())


class CorpusError(Exception):
    pass


# -- text folding --------------------------------------------------------------------

_SPACES = "\t\n\r\f\v\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u205f\u3000"
_FOLD = {ord(c): " " for c in _SPACES}
_FOLD.update({ord(c): "'" for c in "’‘ʼ′"})
_FOLD.update({ord(c): "-" for c in "\u2010\u2011"})
_DROP = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


@dataclass
class Folded:
    """A text with composed accents, plain spaces and apostrophes, and the way back.

    Typography (narrow no-break spaces, ’) and NFD files change the bytes of a text but not
    what it reads; folding both the source and the built page makes them comparable.
    ``starts[k]``/``ends[k]``: the original span of folded character ``k``;
    ``index[i]``: the folded position of original position ``i`` (length + 1 entries).
    """

    text: str
    starts: list[int]
    ends: list[int]
    index: list[int]

    @classmethod
    def of(cls, original: str) -> "Folded":
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        index = [0] * (len(original) + 1)
        i, n = 0, len(original)
        while i < n:
            j = i + 1
            while j < n and unicodedata.combining(original[j]):
                j += 1
            for k in range(i, j):
                index[k] = len(out)
            cluster = original[i:j]
            if cluster not in _DROP:
                for char in unicodedata.normalize("NFC", cluster).translate(_FOLD):
                    out.append(char)
                    starts.append(i)
                    ends.append(j)
            i = j
        index[n] = len(out)
        return cls("".join(out), starts, ends, index)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Folded span of the original ``[start, end)``."""
        return self.index[start], self.index[end]


def key(text: str) -> str:
    """Comparison key of a surface: folded, case-folded, spaces removed."""
    return "".join(Folded.of(text).text.casefold().split())


# -- the corpus ------------------------------------------------------------------------


@dataclass
class Gold:
    start: int  # in the stripped body
    end: int
    kind: str
    id: str
    surface: str


@dataclass
class ArticleFile:
    article_id: str
    lang: str
    path: Path
    stripped: str  # the whole file, markers stripped
    body: str  # the body, markers stripped
    title: str
    gold: list[Gold]


def strip_markers(body: str, where: str) -> tuple[str, list[Gold]]:
    pieces, gold, position, length = [], [], 0, 0
    for found in MARKER.finditer(body):
        before = body[position:found.start()]
        pieces.append(before)
        length += len(before)
        surface, kind, target = found.group(1), found.group(2), found.group(3)
        kind = "participant" if kind == "who" else kind
        if surface != surface.strip() or not surface.strip():
            raise CorpusError(f"{where}: marker with leading/trailing space: {found.group(0)!r}")
        gold.append(Gold(length, length + len(surface), kind, target, surface))
        pieces.append(surface)
        length += len(surface)
        position = found.end()
    pieces.append(body[position:])
    stripped = "".join(pieces)
    stray = STRAY_MARKER.search(stripped)
    if stray:
        line = stripped.count("\n", 0, stray.start()) + 1
        raise CorpusError(f"{where}: malformed marker near body line {line}: "
                          f"{stripped[max(0, stray.start() - 30):stray.start() + 30]!r}")
    return stripped, gold


def frontmatter_title(frontmatter: str, where: str) -> str:
    import yaml  # MkDocs depends on PyYAML

    data = yaml.safe_load(frontmatter.strip().strip("-")) or {}
    if not isinstance(data, dict) or not data.get("title"):
        raise CorpusError(f"{where}: no title in the frontmatter")
    return str(data["title"])


def read_corpus(corpus: Path) -> tuple[list[ArticleFile], dict[str, set[str]]]:
    entries = {
        "term": {p.stem for p in (corpus / "glossary").glob("*.yml")},
        "participant": {p.stem for p in (corpus / "participants").glob("*.yml")},
    }
    articles = []
    for path in sorted((corpus / "articles").glob("*/*.md")):
        where = path.relative_to(corpus).as_posix()
        text = path.read_text(encoding="utf-8")
        head = FRONTMATTER.match(text)
        if not head:
            raise CorpusError(f"{where}: no YAML frontmatter")
        if MARKER.search(head.group(0)) or STRAY_MARKER.search(head.group(0)):
            raise CorpusError(f"{where}: gold markers belong in the body, not the frontmatter")
        if EXPLICIT_LINK.search(text):
            raise CorpusError(f"{where}: explicit links ([…](term:…), […](who:…)) look like "
                              f"automatic ones in the HTML; the corpus must not use them")
        body, gold = strip_markers(text[head.end():], where)
        for mention in gold:
            if mention.id not in entries[mention.kind]:
                raise CorpusError(f"{where}: unknown {mention.kind} {mention.id!r} "
                                  f"in marker for {mention.surface!r}")
        articles.append(ArticleFile(path.parent.name, path.stem, path, head.group(0) + body, body,
                                    frontmatter_title(head.group(0), where), gold))
    if not articles:
        raise CorpusError(f"no articles in {corpus}")
    return articles, entries


# -- building ----------------------------------------------------------------------------


def build(corpus: Path, articles: list[ArticleFile], mode: str, root: Path) -> Path:
    project = root / mode
    content = project / "content"
    for folder in ("glossary", "participants"):
        if (corpus / folder).is_dir():
            shutil.copytree(corpus / folder, content / folder)
    for article in articles:
        target = content / "articles" / article.article_id / f"{article.lang}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(article.stripped, encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        MKDOCS_YML.format(overrides=json.dumps(str(REPO / "overrides")), mode=mode),
        encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if proc.returncode != 0 or "Traceback" in proc.stderr:
        raise RuntimeError(f"mkdocs build (link: {mode}) failed:\n{proc.stdout}{proc.stderr}")
    return project / "site"


@dataclass
class Page:
    lang: str
    title: str
    path: str
    text: str  # visible text of the article body
    links: list[tuple[int, int, str, str]]  # (start, end, kind, id) in text


def read_page(html: str, path: str) -> Page | None:
    tree = LexborHTMLParser(html)
    body = tree.css_first(".ex-body")
    heading = tree.css_first("article h1") or tree.css_first("h1")
    if body is None or heading is None:
        return None
    root = tree.css_first("html")
    lang = (root.attributes.get("lang") or "") if root is not None else ""
    pieces: list[str] = []
    links: list[tuple[int, int, str, str]] = []
    length = 0

    def walk(node) -> None:
        nonlocal length
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                text = child.text(deep=False) or ""
                pieces.append(text)
                length += len(text)
                continue
            if tag in ("script", "style", "template") or tag.startswith("-"):
                continue
            classes = (child.attributes.get("class") or "").split()
            target = TIP_ID.match(child.attributes.get("aria-describedby") or "")
            start = length
            walk(child)
            if tag == "a" and "ex-ref" in classes and target:
                links.append((start, length, target.group(1), target.group(2)))
            if tag in BLOCKS:
                pieces.append("\n")
                length += 1

    walk(body)
    return Page(lang, heading.text(deep=True), path, "".join(pieces), links)


def read_site(site: Path) -> list[Page]:
    pages = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "ex-body" not in html:
            continue
        page = read_page(html, path.relative_to(site).as_posix())
        if page is not None:
            pages.append(page)
    return pages


def find_page(article: ArticleFile, pages: list[Page]) -> Page:
    wanted = key(article.title)
    found = [p for p in pages if p.lang == article.lang and key(p.title) == wanted]
    if len(found) != 1:
        raise RuntimeError(f"{article.article_id}/{article.lang}.md: found {len(found)} built "
                           f"pages titled {article.title!r}")
    return found[0]


# -- alignment and scoring -----------------------------------------------------------------


class Aligner:
    """Maps positions of the stripped Markdown body to the page's visible text (both folded)."""

    def __init__(self, source: str, target: str):
        matcher = difflib.SequenceMatcher(None, source, target, autojunk=False)
        self.blocks = [b for b in matcher.get_matching_blocks() if b.size]

    def position(self, i: int, *, end: bool = False) -> int | None:
        for block in self.blocks:
            if block.a <= i < block.a + block.size or (end and block.a < i <= block.a + block.size):
                return block.b + (i - block.a)
        return None


@dataclass
class Mention:
    start: int  # in the page's folded visible text
    end: int
    kind: str
    id: str

    @property
    def entry(self) -> str:
        return f"{self.kind}:{self.id}"


def overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


@dataclass
class Finding:
    article: str
    lang: str
    kind: str
    entry: str
    text: str
    context: str
    reason: str


def context(text: str, start: int, end: int, width: int) -> str:
    """The mention in ⟦ ⟧ with ``width`` characters each side, on one line."""
    flat = lambda piece: re.sub(r"\s+", " ", piece)  # noqa: E731
    left = flat(text[max(0, start - width):start])
    right = flat(text[end:end + width])
    return (("…" if start > width else "") + left.lstrip() + "⟦" + flat(text[start:end]) + "⟧"
            + right.rstrip() + ("…" if end + width < len(text) else ""))


def gold_on_page(article: ArticleFile, page: Page, folded: Folded) -> tuple[list[Mention], list[str]]:
    source = Folded.of(article.body)
    aligner = Aligner(source.text, folded.text)
    mentions, problems = [], []
    for gold in article.gold:
        start, end = source.span(gold.start, gold.end)
        mapped_start, mapped_end = aligner.position(start), aligner.position(end, end=True)
        if mapped_start is None or mapped_end is None or mapped_end <= mapped_start:
            problems.append(f"{article.article_id}/{article.lang}: gold {gold.surface!r} "
                            f"({gold.kind}:{gold.id}) not found in the built page")
            continue
        if key(folded.text[mapped_start:mapped_end]) != key(gold.surface):
            problems.append(f"{article.article_id}/{article.lang}: gold {gold.surface!r} aligned "
                            f"with {folded.text[mapped_start:mapped_end]!r}")
        mentions.append(Mention(mapped_start, mapped_end, gold.kind, gold.id))
    return mentions, problems


def expected(gold: list[Mention], mode: str) -> list[Mention]:
    if mode == "all":
        return list(gold)
    seen: set[str] = set()
    first = []
    for mention in sorted(gold, key=lambda m: m.start):
        if mention.entry not in seen:
            seen.add(mention.entry)
            first.append(mention)
    return first


def score_page(article: ArticleFile, page: Page, mode: str, width: int):
    folded = Folded.of(page.text)
    gold, problems = gold_on_page(article, page, folded)
    wanted = expected(gold, mode)
    links = []
    for start, end, kind, target in page.links:
        s, e = folded.span(start, end)
        links.append(Mention(s, e, kind, target))

    matched_gold: set[int] = set()
    tp: list[tuple[Mention, Mention]] = []
    unmatched_links = []
    for link in links:
        hit = next((i for i, g in enumerate(wanted)
                    if i not in matched_gold and g.entry == link.entry and overlaps(g, link)), None)
        if hit is None:
            unmatched_links.append(link)
        else:
            matched_gold.add(hit)
            tp.append((wanted[hit], link))

    def finding(m: Mention, reason: str) -> Finding:
        return Finding(article.article_id, article.lang, m.kind, m.entry,
                       folded.text[m.start:m.end], context(folded.text, m.start, m.end, width), reason)

    fps = []
    for link in unmatched_links:
        same = [g for g in gold if overlaps(g, link)]
        if any(g.entry != link.entry for g in same):
            other = next(g for g in same if g.entry != link.entry)
            reason = f"wrong entry (gold: {other.entry})"
        elif same:
            reason = "later mention linked instead of the first"
        else:
            reason = "not a mention"
        fps.append(finding(link, reason))
    fns = []
    for i, g in enumerate(wanted):
        if i in matched_gold:
            continue
        other = [link for link in links if overlaps(g, link)]
        earlier = [link for link in unmatched_links if link.entry == g.entry and link.start < g.start]
        if other:
            reason = f"linked to another entry ({other[0].entry})"
        elif mode == "first" and earlier:
            reason = (f"not linked: the entry's link went to an earlier false match "
                      f"({folded.text[earlier[0].start:earlier[0].end]!r})")
        else:
            reason = "not linked"
        fns.append(finding(g, reason))
    boundaries = [finding(g, f"link covers {folded.text[link.start:link.end]!r}")
                  for g, link in tp if (g.start, g.end) != (link.start, link.end)]
    return tp, fps, fns, boundaries, wanted, problems


def ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def evaluate(corpus: Path, modes=MODES, width: int = 40, keep: Path | None = None) -> dict:
    articles, _entries = read_corpus(corpus)
    report: dict = {
        "corpus": {
            "articles": len({a.article_id for a in articles}),
            "files": len(articles),
            "gold_mentions": sum(len(a.gold) for a in articles),
            "gold_by_lang": dict(Counter(a.lang for a in articles for _ in a.gold)),
            "gold_by_kind": dict(Counter(g.kind for a in articles for g in a.gold)),
        },
        "modes": {},
        "alignment_problems": [],
    }
    with tempfile.TemporaryDirectory(prefix="linkeval-") as tmp:
        root = Path(tmp)
        for mode in modes:
            site = build(corpus, articles, mode, root)
            if keep is not None:
                shutil.copytree(site, keep / mode, dirs_exist_ok=True)
            pages = read_site(site)
            counts: Counter = Counter()
            all_fp, all_fn, all_boundary = [], [], []
            for article in articles:
                page = find_page(article, pages)
                tp, fps, fns, boundaries, wanted, problems = score_page(article, page, mode, width)
                if mode == modes[0]:
                    report["alignment_problems"].extend(problems)
                for lang_key in (article.lang, "all"):
                    for kind in (*KINDS, "all"):
                        k = (lang_key, kind)
                        counts[k + ("tp",)] += sum(1 for g, _ in tp if kind in ("all", g.kind))
                        counts[k + ("fp",)] += sum(1 for f in fps if kind in ("all", f.kind))
                        counts[k + ("fn",)] += sum(1 for f in fns if kind in ("all", f.kind))
                        counts[k + ("expected",)] += sum(1 for g in wanted if kind in ("all", g.kind))
                all_fp += fps
                all_fn += fns
                all_boundary += boundaries
            scores = {}
            for lang_key in sorted({a.lang for a in articles}) + ["all"]:
                for kind in (*KINDS, "all"):
                    tp_n, fp_n, fn_n = (counts[(lang_key, kind, x)] for x in ("tp", "fp", "fn"))
                    scores[f"{lang_key}/{kind}"] = {
                        "expected": counts[(lang_key, kind, "expected")],
                        "tp": tp_n, "fp": fp_n, "fn": fn_n,
                        "precision": ratio(tp_n, tp_n + fp_n), "recall": ratio(tp_n, tp_n + fn_n),
                    }
            report["modes"][mode] = {
                "scores": scores,
                "false_positives": [asdict(f) for f in all_fp],
                "false_negatives": [asdict(f) for f in all_fn],
                "boundary_mismatches": [asdict(f) for f in all_boundary],
            }
    return report


# -- output ---------------------------------------------------------------------------------


def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def print_report(report: dict, out=sys.stdout) -> None:
    corpus = report["corpus"]
    print(f"Corpus: {corpus['articles']} articles, {corpus['files']} files, "
          f"{corpus['gold_mentions']} gold mentions "
          f"({', '.join(f'{k} {v}' for k, v in sorted(corpus['gold_by_lang'].items()))}; "
          f"{', '.join(f'{k} {v}' for k, v in sorted(corpus['gold_by_kind'].items()))})", file=out)
    for problem in report["alignment_problems"]:
        print(f"warning: {problem}", file=out)
    print(file=out)
    print("| mode | lang | kind | expected | TP | FP | FN | precision % | recall % |", file=out)
    print("|---|---|---|---:|---:|---:|---:|---:|---:|", file=out)
    for mode, result in report["modes"].items():
        for name, s in result["scores"].items():
            lang, kind = name.split("/")
            print(f"| {mode} | {lang} | {kind} | {s['expected']} | {s['tp']} | {s['fp']} | {s['fn']} "
                  f"| {percent(s['precision'])} | {percent(s['recall'])} |", file=out)
    for mode, result in report["modes"].items():
        surfaces = Counter((f["entry"], f["text"].casefold()) for f in result["false_positives"])
        missed = Counter((f["entry"], f["text"].casefold()) for f in result["false_negatives"])
        print(f"\nlink: {mode}: most frequent false positives: "
              + ", ".join(f"{text!r} → {entry} ×{n}" for (entry, text), n in surfaces.most_common(12)),
              file=out)
        print(f"link: {mode}: most frequent false negatives: "
              + ", ".join(f"{text!r} ({entry}) ×{n}" for (entry, text), n in missed.most_common(12)),
              file=out)
    for mode, result in report["modes"].items():
        for title, items in (("False positives", result["false_positives"]),
                             ("False negatives", result["false_negatives"]),
                             ("Boundary mismatches (counted as found)", result["boundary_mismatches"])):
            print(f"\n## link: {mode}: {title} ({len(items)})\n", file=out)
            for f in items:
                print(f"- [{f['article']}/{f['lang']}] {f['entry']} — {f['reason']}\n    {f['context']}",
                      file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="content tree with gold markers (default: linkeval/corpus)")
    parser.add_argument("--mode", choices=MODES, action="append",
                        help="link mode to evaluate (repeatable; default: both)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--context", type=int, default=40, help="characters of context each side")
    parser.add_argument("--keep", type=Path, help="copy the built sites into this folder")
    args = parser.parse_args(argv)
    try:
        report = evaluate(args.corpus.resolve(), tuple(args.mode or MODES), args.context, args.keep)
    except CorpusError as error:
        print(f"linkeval: corpus error: {error}", file=sys.stderr)
        return 1
    except RuntimeError as error:
        print(f"linkeval: {error}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
