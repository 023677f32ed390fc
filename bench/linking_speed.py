#!/usr/bin/env python3
"""Linking speed: the matcher before the linking rules against the matcher now.

Usage, from the repository root once ``make setup`` has run:

    .venv/bin/python bench/linking_speed.py [--articles N] [--sizes K ...] [--repeats R]
                                            [--before COMMIT] [--keep DIR] [--instructions]

    --articles N   bilingual articles per site (default 40)
    --sizes K ...  glossary entries per site (default 50 500 5000); every site also
                   has 200 participants
    --repeats R    timed passes over all articles, per matcher and size (default 51)
    --before REV   the commit whose generator/linking.py is "before" (default: the
                   main-line parent of the merge of the linking rules)
    --keep DIR     write the generated sites into DIR and reuse them on the next run
    --instructions count instructions instead (valgrind's callgrind; needs valgrind,
                   its headers and a C compiler): one pass per matcher and size, the
                   same figure on a loaded machine as on an idle one

Per size, it writes the benchmark's synthetic site (bench/run.py ``generate``:
~800-word articles drawn from bench/pools.py, glossary entries, participants),
reads it as a build does, and converts every article's Markdown to HTML once.
Then it times, per article page, what a build does to link it: finding the
mentions in the converted HTML (``find_mentions``) and writing the links
(``apply_links``), with each version's own matcher built from each version's own
forms (``site_forms``: now with its generated inflections, exclusions and rules).
Timed in CPU time (``time.process_time``) so that other processes on a shared
machine count little; every repeat times every size with "before" and "now" in
alternating order (the load of a shared machine drifts: so it weighs on all of
them alike). Reported: the median of the repeats, in milliseconds per article
page, and the median of each repeat's ratio now / before (its two passes ran back
to back, under the same load: the steadiest figure on a shared machine). Both versions read the same HTML and use today's generator.typography
(unescaping and escaping text); the "before" module is taken from git into a
temporary folder.

K independence: the cost at K=5000 over the cost at K=50, for the same article
length (the text changes with the site, its length and mention density do not).

With ``--instructions`` the script runs itself under ``valgrind --tool=callgrind``
with instrumentation off, and a small C library made on the spot (callgrind's
client requests) switches counting on around each timed pass only: reading the
sites and building the matchers are not counted.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import importlib.util
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(HERE)]

from generator import linking  # noqa: E402
from generator.config import load_settings  # noqa: E402
from generator.convert import Converter  # noqa: E402
from generator.model import TargetRef  # noqa: E402
from generator.validate import read_site  # noqa: E402

import run as site_bench  # noqa: E402  (bench/run.py: the site generator)

#: The merge that brought the linking rules; its first parent is the matcher before.
LINKING_MERGE_SUBJECT = "Merge linking you can trust"
PARTICIPANTS = 200


def before_commit() -> str:
    found = subprocess.run(
        ["git", "log", "--merges", "--format=%H %s", "--", "generator/linking.py"],
        cwd=REPO, check=True, capture_output=True, text=True).stdout
    for line in found.splitlines():
        commit, subject = line.split(" ", 1)
        if subject.startswith(LINKING_MERGE_SUBJECT):
            return commit + "^1"
    raise SystemExit("error: no merge of the linking rules in this repository's history")


def load_before(revision: str, folder: Path) -> ModuleType:
    """The old generator/linking.py as a module, its relative imports pointed at today's
    generator package (model, typography: the same helpers for both)."""
    source = subprocess.run(["git", "show", f"{revision}:generator/linking.py"], cwd=REPO,
                            check=True, capture_output=True, text=True).stdout
    source = source.replace("from .", "from generator.")
    path = folder / "linking_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("linking_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


class Site:
    """One generated site, read, with its articles' HTML per language."""

    def __init__(self, k: int, articles: int, root: Path):
        folder = root / f"{articles}-{k}-{PARTICIPANTS}"
        config = folder / "plugin" / "mkdocs.yml"
        if not config.exists():
            site_bench.generate((articles, k, PARTICIPANTS), folder)
        settings, _ = load_settings(config)
        self.settings = settings
        self.content, diagnostics, _ = read_site(settings.content_dir, settings.languages)
        if diagnostics.errors:
            raise SystemExit(f"error: the generated site at K={k} does not read: "
                             f"{next(iter(diagnostics.errors))}")
        convert = Converter(settings)
        self.pages: dict[str, list[str]] = {lang: [] for lang in settings.languages}
        for article in self.content.articles.values():
            for lang, version in article.versions.items():
                self.pages[lang].append(convert(version.body).html)
        self.k = k

    def known(self, target: TargetRef) -> bool:
        entries = self.content.glossary if target.kind == "term" else self.content.participants
        return target.id in entries


def render(target, inner: str, foreign: str | None, explicit: bool) -> str:
    return f'<a href="#{target.id}">{inner}</a>'


def link_pass(module: ModuleType, matchers: dict, pages: dict[str, list[str]], known) -> int:
    """Every page found and linked once; the number of mentions."""
    count = 0
    for lang, htmls in pages.items():
        matcher = matchers[lang]
        for html in htmls:
            mentions = module.find_mentions(html, matcher, known)
            module.apply_links(html, mentions, render, True)
            count += len(mentions)
    return count


def matchers_for(module: ModuleType, site: Site) -> tuple[dict, float, int]:
    """Each language's matcher, the CPU seconds they took, and the number of keys."""
    started = time.process_time()
    if module is linking:
        forms = module.site_forms(site.content, site.settings.never_link)
        made = {lang: module.Matcher(lang, forms) for lang in site.pages}
    else:
        forms = module.site_forms(site.content)
        made = {lang: module.Matcher(lang, forms) for lang in site.pages}
    return made, time.process_time() - started, max(m.size for m in made.values())


#: Callgrind's client requests, for ctypes: count from here, dump the count and stop.
_COUNTER_C = """#include <valgrind/callgrind.h>
void count_start(void) { CALLGRIND_ZERO_STATS; CALLGRIND_START_INSTRUMENTATION; }
void count_stop(const char *name) { CALLGRIND_DUMP_STATS_AT(name); CALLGRIND_STOP_INSTRUMENTATION; }
"""


def count_instructions(args: argparse.Namespace, revision: str, resolved: str) -> int:
    """Run this script under callgrind (see the module's docstring) and print its counts."""
    missing = [tool for tool in ("valgrind", "cc") if shutil.which(tool) is None]
    if missing:
        raise SystemExit(f"error: --instructions needs {' and '.join(missing)} on PATH")
    with tempfile.TemporaryDirectory(prefix="linking-instructions-") as temp:
        folder = Path(temp)
        (folder / "counter.c").write_text(_COUNTER_C, encoding="utf-8")
        made = subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-o", str(folder / "counter.so"),
                               str(folder / "counter.c")], capture_output=True, text=True)
        if made.returncode:
            raise SystemExit("error: could not build the counter (are valgrind's headers, "
                             f"valgrind/callgrind.h, installed?): {made.stderr.strip()}")
        root = args.keep or folder / "sites"
        for k in args.sizes:  # written at full speed, before valgrind
            site_folder = root / f"{args.articles}-{k}-{PARTICIPANTS}"
            if not (site_folder / "plugin" / "mkdocs.yml").exists():
                site_bench.generate((args.articles, k, PARTICIPANTS), site_folder)
        command = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
                   f"--callgrind-out-file={folder}/counts.%p", sys.executable, __file__,
                   "--articles", str(args.articles), "--sizes", *map(str, args.sizes),
                   "--before", revision, "--keep", str(root), "--counter", str(folder / "counter.so")]
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode:
            raise SystemExit(f"error: the run under valgrind failed:\n{run.stderr[-2000:]}")
        pages = {int(k): int(n) for k, n in re.findall(r"^pages (\d+) (\d+)$", run.stdout, re.M)}
        counts: dict[tuple[int, str], int] = {}
        for dump in folder.glob("counts.*.*"):
            text = dump.read_text(encoding="utf-8", errors="replace")
            name = re.search(r"^desc: Trigger: Client Request: (\d+):(\w+)$", text, re.M)
            total = re.search(r"^totals: (\d+)", text, re.M)
            if name and total:
                counts[(int(name.group(1)), name.group(2))] = int(total.group(1))
    print(f"bench/linking_speed.py --instructions --articles {args.articles} --sizes "
          f"{' '.join(map(str, args.sizes))}; before = {resolved}")
    print()
    print("| K | before, million instructions per page | now, million instructions per page "
          "| now / before |")
    print("|---:|---:|---:|---:|")
    for k in args.sizes:
        before, now = (counts[(k, name)] / pages[k] / 1e6 for name in ("before", "now"))
        print(f"| {k} | {before:.2f} | {now:.2f} | {now / before:.2f} |")
    if len(args.sizes) > 1:
        first, last = args.sizes[0], args.sizes[-1]
        print()
        print(f"K independence (K={last} over K={first}): before "
              f"{counts[(last, 'before')] / pages[last] / (counts[(first, 'before')] / pages[first]):.2f}"
              f", now {counts[(last, 'now')] / pages[last] / (counts[(first, 'now')] / pages[first]):.2f}")
    return 0


def counted_passes(args: argparse.Namespace, revision: str) -> int:
    """Under callgrind: one counted pass per matcher and size, after two uncounted ones."""
    counter = ctypes.CDLL(str(args.counter))
    with tempfile.TemporaryDirectory(prefix="linking-speed-") as temp:
        versions = {"before": load_before(revision, Path(temp)), "now": linking}
        for k in args.sizes:
            site = Site(k, args.articles, args.keep)
            print(f"pages {k} {sum(len(htmls) for htmls in site.pages.values())}", flush=True)
            for name, module in versions.items():
                matchers = matchers_for(module, site)[0]
                for _ in range(2):
                    link_pass(module, matchers, site.pages, site.known)
                gc.collect()
                counter.count_start()
                link_pass(module, matchers, site.pages, site.known)
                counter.count_stop(f"{k}:{name}".encode())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500, 5000])
    parser.add_argument("--repeats", type=int, default=51)
    parser.add_argument("--before", default=None)
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--counter", type=Path, help=argparse.SUPPRESS)  # under valgrind
    args = parser.parse_args(argv)
    revision = args.before or before_commit()
    if args.counter:
        return counted_passes(args, revision)
    resolved = subprocess.run(["git", "rev-parse", "--short", revision], cwd=REPO, check=True,
                              capture_output=True, text=True).stdout.strip()
    if args.instructions:
        return count_instructions(args, revision, resolved)

    with tempfile.TemporaryDirectory(prefix="linking-speed-") as temp:
        root = args.keep or Path(temp)
        before = load_before(revision, Path(temp))
        versions = {"before": before, "now": linking}
        print(f"bench/linking_speed.py --articles {args.articles} --sizes "
              f"{' '.join(map(str, args.sizes))} --repeats {args.repeats}; before = {resolved}")
        sites, prepared, mentions = {}, {}, {}
        for k in args.sizes:
            site = sites[k] = Site(k, args.articles, root)
            prepared[k] = {name: matchers_for(module, site) for name, module in versions.items()}
            mentions[k] = {name: link_pass(module, prepared[k][name][0], site.pages, site.known)
                           for name, module in versions.items()}  # warms caches too
        # Every repeat times every size and both matchers, in alternating order: the
        # load of a shared machine drifts, and spreads so over all of them alike.
        times: dict[tuple[int, str], list[float]] = {(k, n): [] for k in sites for n in versions}
        gc.collect()
        gc.disable()
        try:
            for repeat in range(args.repeats):
                order = list(versions) if repeat % 2 == 0 else list(reversed(versions))
                for k, site in sites.items():
                    pages = sum(len(htmls) for htmls in site.pages.values())
                    for name in order:
                        started = time.process_time()
                        link_pass(versions[name], prepared[k][name][0], site.pages, site.known)
                        times[(k, name)].append((time.process_time() - started) / pages * 1000)
        finally:
            gc.enable()
        rows = []
        for k, site in sites.items():
            pages = sum(len(htmls) for htmls in site.pages.values())
            words = statistics.mean(len(h.split()) for htmls in site.pages.values() for h in htmls)
            row = {"k": k, "pages": pages, "words": words}
            row["paired"] = statistics.median(
                now / before for before, now in zip(times[(k, "before")], times[(k, "now")]))
            for name in versions:
                spent = times[(k, name)]
                row[name] = statistics.median(spent)
                row[name + " spread"] = (min(spent), max(spent))
                row[name + " keys"] = prepared[k][name][2]
                row[name + " build"] = prepared[k][name][1]
                row[name + " mentions"] = mentions[k][name] / pages
            rows.append(row)
            print(f"K={k}: {pages} pages of ~{words:.0f} words; "
                  + "; ".join(f"{name} {row[name]:.2f} ms/page "
                              f"(min {row[name + ' spread'][0]:.2f}, max {row[name + ' spread'][1]:.2f}), "
                              f"{row[name + ' keys']} keys, {row[name + ' mentions']:.1f} mentions/page, "
                              f"matchers built in {row[name + ' build']:.2f} s"
                              for name in versions), flush=True)

    print()
    print("| K | keys before / now | mentions per page before / now | before, CPU ms per page "
          "| now, CPU ms per page | now / before | now / before, paired |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['k']} | {row['before keys']} / {row['now keys']} "
              f"| {row['before mentions']:.1f} / {row['now mentions']:.1f} "
              f"| {row['before']:.2f} | {row['now']:.2f} | {row['now'] / row['before']:.2f} "
              f"| {row['paired']:.2f} |")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print()
        print(f"K independence (K={last['k']} over K={first['k']}): before "
              f"{last['before'] / first['before']:.2f}, now {last['now'] / first['now']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
