"""``explainer``: editors' commands over the same core as the MkDocs plugin.

    explainer check [--strict]                 report every content problem
    explainer links ARTICLE [--lang L] [--rejected]
                                               every automatic link, its entry and its rule
                                               (or every match a rule kept unlinked, and why)
    explainer new article|term|participant|dossier|author ID
                                               create a prefilled file (never overwrites)
    explainer translate ARTICLE --to LANG      create a translation with its fingerprint
    explainer reviewed ARTICLE --lang LANG     mark a translation up to date with its original
    explainer diff ARTICLE --lang LANG         what changed in the original since the translation
    explainer suggest ARTICLE [--lang L] [--write IDS|all]
                                               candidate participants and terms not yet in the
                                               site; --write scaffolds them (never overwrites)
    explainer bundle [--article ID --lang L --single-file] [--out FILE]
                                               offline zip of the site, or one explainer
    explainer schema [--out DIR]               write JSON Schemas for editors
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import os
import sys
from pathlib import Path
from typing import Any

from . import bundle, schema, scaffold, source_diff, suggest
from .config import SettingsError, load_settings
from .diagnostics import did_you_mean, formatted, one_line
from .model import SAFE_ID_RE, ParticipantKind
from .settings import Settings
from .source_edit import SourceEditError, set_frontmatter_key
from .translation import FIELD, fingerprint
from .linking import Rejection, find_mentions, form_warnings, normalize
from .typography import unescape_text
from .validate import check_site, open_cache


def _configured(config_file: Path) -> tuple[Settings, tuple[str, ...]]:
    """The site's settings, read from mkdocs.yml exactly as ``mkdocs build`` reads
    them, and the theme's folders (a build stamps its cache with them: then a
    check and a build share it)."""
    try:
        settings, config = load_settings(config_file)
    except SettingsError as exc:
        raise scaffold.ScaffoldError(*exc.args) from None
    return settings, tuple(config.theme.dirs)


class UsageError(scaffold.ScaffoldError):
    """Options that do not go together: exit status 2, as argparse's own."""


def site_settings(config_file: Path) -> Settings:
    return _configured(config_file)[0]


def _load(args: argparse.Namespace):
    settings, site, _, diagnostics = _load_plan(args)
    return settings, site, diagnostics


def _load_plan(args: argparse.Namespace, strict: bool = False):
    settings, template_dirs = _configured(Path(args.config))
    cache = open_cache(settings, template_dirs)
    try:
        site, plan, diagnostics = check_site(settings, cache, strict=strict)
        if not diagnostics.errors:
            cache.save()
    finally:
        cache.close()
    return settings, site, plan, diagnostics


def _form_warnings(settings: Settings, site, diagnostics) -> None:
    """The forms that may link by mistake (explainer check only: a build does not
    repeat them on every run)."""
    for target, _lang, message in form_warnings(site, settings.never_link):
        entries = site.glossary if target.kind == "term" else site.participants
        entry = entries.get(target.id)
        if entry is not None:
            diagnostics.warning(diagnostics.at(entry.path), message)


def cmd_check(args: argparse.Namespace) -> int:
    settings, site, plan, diagnostics = _load_plan(args, strict=args.strict)
    if plan is not None:
        _form_warnings(settings, site, diagnostics)
    for diagnostic in diagnostics:
        print(formatted(diagnostic, args.format))
    if args.format == "text":
        print(f"explainer check: {diagnostics.summary()}")
    elif args.format == "github":
        print(f"::notice::explainer check: {diagnostics.summary()}")
    failed = diagnostics.errors or (args.strict and diagnostics.warnings)
    return 1 if failed else 0


def _article(args: argparse.Namespace, site, diagnostics):
    if args.article not in site.articles:
        errors = "; fix the errors 'explainer check' reports first" if diagnostics.errors else ""
        raise scaffold.ScaffoldError(f"unknown article '{args.article}'"
                                     f"{did_you_mean(args.article, site.articles)}{errors}")
    return site.articles[args.article]


def cmd_new(args: argparse.Namespace) -> int:
    settings = site_settings(Path(args.config))
    content_dir, languages = settings.content_dir, settings.languages
    if args.lang is not None and args.lang not in languages:
        raise scaffold.ScaffoldError(f"'{args.lang}' is not a site language ({', '.join(languages)})"
                                     f"{did_you_mean(args.lang, languages)}")
    if args.what == "article":
        path = scaffold.new_article(content_dir, args.id, args.lang or languages[0], args.title)
    elif args.what == "term":
        path = scaffold.new_term(content_dir, args.id, languages, args.term, args.lang)
    elif args.what == "dossier":
        path = scaffold.new_dossier(content_dir, args.id, languages)
    elif args.what == "author":
        path = scaffold.new_author(content_dir, args.id, languages)
    else:
        kind = ParticipantKind(args.kind) if args.kind else None
        path = scaffold.new_participant(content_dir, args.id, kind, languages, args.iso)
    print(one_line(f"created {path}"))
    return 0


def cmd_translate(args: argparse.Namespace) -> int:
    settings, site, diagnostics = _load(args)
    languages = settings.languages
    if args.to not in languages:
        raise scaffold.ScaffoldError(f"'{args.to}' is not a site language ({', '.join(languages)})")
    article = _article(args, site, diagnostics)
    path = scaffold.new_translation(article, args.to)
    source_diff.keep_snapshot(settings.root, article.original)  # for 'explainer diff' without git
    print(one_line(f"created {path}"))
    return 0


def _translation(args: argparse.Namespace, site, diagnostics):
    """The translation ``--lang`` of the article, and its original."""
    article = _article(args, site, diagnostics)
    version = article.versions.get(args.lang)
    if version is None or version.meta.translation_of is None:
        raise scaffold.ScaffoldError(f"articles/{article.id}/{args.lang}.md is not a translation")
    return version, article.versions[version.meta.translation_of]


def cmd_diff(args: argparse.Namespace) -> int:
    settings, site, diagnostics = _load(args)
    version, original = _translation(args, site, diagnostics)
    recorded = version.meta.source_fingerprint
    if recorded is None:
        raise scaffold.ScaffoldError(f"{version.display_path} records no source_fingerprint: "
                                     f"nothing tells which {original.path.name} it translates")
    if recorded == fingerprint(original):
        print(one_line(f"{version.display_path} is up to date with {original.path.name}"))
        return 0
    found = source_diff.recorded_original(settings.root, original, recorded)
    if found is None:
        raise scaffold.ScaffoldError(
            f"the {original.path.name} that {version.display_path} was translated from (fingerprint "
            f"{recorded}) is neither in the git history nor in {source_diff.SNAPSHOTS.as_posix()}/")
    now = source_diff.translatable(original)
    changed = source_diff.changes(found.old, now)
    print(one_line(f"{original.display_path}: {source_diff.described(changed)} changed since "
                   f"{version.path.name} was translated from it ({found.origin})"))
    print(f"--- {original.path.name} as translated\n+++ {original.path.name} now")
    for line in source_diff.diff_lines(found.old, now, original.path.name):
        print(line)
    return 0


def cmd_reviewed(args: argparse.Namespace) -> int:
    settings, site, diagnostics = _load(args)
    version, source = _translation(args, site, diagnostics)
    try:  # only the fingerprint's line changes; BOM and line ends are kept
        set_frontmatter_key(version.path, FIELD, fingerprint(source))
    except (SourceEditError, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise scaffold.ScaffoldError(f"{version.display_path}: {reason}; nothing was written") from None
    source_diff.keep_snapshot(settings.root, source)
    print(one_line(f"{version.path} marked up to date with {source.path.name}"))
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    """Every automatic link of an article, with the words around it, its entry and
    the form and rule that matched: what an editor checks before publishing."""
    settings, site, plan, diagnostics = _load_plan(args)
    article = _article(args, site, diagnostics)
    if plan is None:
        raise scaffold.ScaffoldError("fix the errors 'explainer check' reports first")
    lang = args.lang or (article.original.lang if article.original else settings.default_language)
    page = plan.page("article", article.id, lang)
    if page is None:
        raise scaffold.ScaffoldError(f"no '{lang}' version of article '{article.id}' "
                                     f"(it has {', '.join(sorted(article.versions))})")
    html = plan.bodies[page.key].html
    mentions = [m for m in plan.mentions.get(page.key, ()) if not m.explicit]
    first_only = settings.link_first_only
    linked = [m for m in mentions if m.linked(first_only)]
    print(f"{article.id} ({lang}), link: {settings.link}: {len(linked)} automatic links"
          + (f", {len(mentions) - len(linked)} more mentions not linked (not the first)"
             if first_only else ""))
    width = args.context
    if args.rejected:
        rejections: list[Rejection] = []
        find_mentions(html, plan.matcher(lang), plan.known, rejections)
        print(f"{len(rejections)} matches not linked by a rule:")
        for number, rejection in enumerate(rejections, 1):
            before = " ".join(rejection.before[-width:].split())
            after = " ".join(rejection.after[:width].split())
            print(f"{number:4}. …{before} [{rejection.text}] {after}…")
            print(f"      ✗ {rejection.target.kind} {rejection.target.id}: form "
                  f"'{rejection.form}': {rejection.reason}")
        return 0
    for number, mention in enumerate(mentions, 1):
        text = unescape_text(html[mention.node[0]:mention.node[1]])
        before = " ".join(text[max(0, mention.start - width):mention.start].split())
        after = " ".join(text[mention.end:mention.end + width].split())
        mark = "" if mention.linked(first_only) else "  (not linked: not the first)"
        print(f"{number:4}. …{before} [{mention.text}] {after}…")
        print(f"      → {mention.target.kind} {mention.target.id}: form '{mention.form}', "
              f"{mention.rule or 'written'}"
              + (f", a {mention.foreign_lang} form" if mention.foreign_lang else "") + mark)
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    settings, site, plan, diagnostics = _load_plan(args)
    article = _article(args, site, diagnostics)
    if plan is None:
        raise scaffold.ScaffoldError("fix the errors 'explainer check' reports first")
    lang = args.lang or (article.original.lang if article.original else settings.default_language)
    version = article.versions.get(lang)
    if version is None:
        raise scaffold.ScaffoldError(f"no '{lang}' version of article '{article.id}' "
                                     f"(it has {', '.join(sorted(article.versions))})")
    known = {normalize(form.text) for form in plan.forms() if form.lang == lang}
    try:
        raw = version.path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise scaffold.ScaffoldError(f"{version.display_path}: {exc.strerror or exc}") from None
    candidates = suggest.suggestions(version, raw, known)
    if not args.write:
        print(one_line(f"{version.display_path}: {len(candidates)} candidate"
                       f"{'s' if len(candidates) != 1 else ''} not yet in the site, the most useful first"))
        for number, candidate in enumerate(candidates, 1):
            kind = candidate.kind + (f", {candidate.iso}" if candidate.iso else "")
            forms = ", ".join(f"{form} ×{count}" for form, count in candidate.forms.items())
            where = ", ".join(str(line) for line in candidate.lines)
            print(one_line(f"{number:4}. {candidate.entry} {candidate.identifier} ({kind}, "
                           f"{candidate.source}): {forms}; line{'s' if len(candidate.lines) > 1 else ''} "
                           f"{where}"))
        if candidates:
            print(f"scaffold them: explainer suggest {article.id} --lang {lang} --write "
                  f"{','.join(c.identifier for c in candidates[:3])} (or --write all)")
        return 0
    chosen = {name.strip() for name in args.write.split(",") if name.strip()}
    by_id = {c.identifier: c for c in candidates}
    unknown = sorted(chosen - set(by_id) - {"all"})
    if unknown:
        raise UsageError(*(f"'{name}' is already in the site" if name in site.participants
                           or name in site.glossary else f"'{name}' is not a candidate of this "
                           f"article{did_you_mean(name, by_id)}" for name in unknown))
    failed = 0
    for candidate in candidates:
        if "all" not in chosen and candidate.identifier not in chosen:
            continue
        try:
            if candidate.entry == "term":
                path = scaffold.new_term(settings.content_dir, candidate.identifier, settings.languages,
                                         candidate.text, lang)
            else:
                path = scaffold.new_participant(settings.content_dir, candidate.identifier,
                                                ParticipantKind(candidate.kind), settings.languages,
                                                candidate.iso, candidate.text)
        except scaffold.ScaffoldError as exc:
            failed += 1
            print(f"explainer: error: {one_line(str(exc))}", file=sys.stderr)
            continue
        print(one_line(f"created {path}"))
    return 1 if failed else 0


def _build_offline(config_file: Path, site_dir: Path) -> tuple[Any, Any]:
    """Build the site for file:// reading into ``site_dir``; returns (mkdocs config, plan)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    try:
        config = load_config(str(config_file), site_dir=str(site_dir))
    except MkDocsException as exc:
        raise scaffold.ScaffoldError(f"{config_file}: {str(exc).strip() or 'invalid'}") from None
    plugin = config.plugins.get("explainer")
    if plugin is None:
        raise scaffold.ScaffoldError(f"{config_file} does not enable the explainer plugin")
    plugin.config["offline"] = True
    try:
        build(config)
    except (Abort, MkDocsException) as exc:
        raise scaffold.ScaffoldError("the site did not build; see the errors above") from exc
    return config, plugin.plan


def _content_epoch(content) -> int:
    """A default SOURCE_DATE_EPOCH: the newest article's date, so that two builds of the
    same content carry the same timestamps."""
    dates = [v.last_changed for a in content.articles.values()
             for v in a.versions.values()]
    newest = max(dates) if dates else datetime.date(2000, 1, 1)
    return min(calendar.timegm(newest.timetuple()), bundle.ZIP_EPOCH_MAX)


def cmd_bundle(args: argparse.Namespace) -> int:
    if args.single_file and not args.article:
        raise UsageError("--single-file needs --article ID (the whole site is bundled as a zip)")
    if args.lang and not args.article:
        raise UsageError("--lang needs --article ID")
    if args.article and not SAFE_ID_RE.match(args.article):
        raise UsageError(f"'{args.article}' is not an article id")
    problem = bundle.epoch_problem(os.environ.get("SOURCE_DATE_EPOCH"))
    if problem:
        raise scaffold.ScaffoldError(problem)
    config_file = Path(args.config)
    settings = site_settings(config_file)
    content_dir, languages = settings.content_dir, settings.languages
    if args.lang and args.lang not in languages:
        raise scaffold.ScaffoldError(f"'{args.lang}' is not a site language ({', '.join(languages)})"
                                     f"{did_you_mean(args.lang, languages)}")
    if args.article:
        out = Path(args.out or Path("dist") / f"{args.article}.{args.lang or languages[0]}.html")
    else:
        out = Path(args.out or Path("dist") / "explainer-site.zip")
    problem = bundle.output_problem(out)
    if problem:
        raise scaffold.ScaffoldError(problem)
    if out.parent.resolve().is_relative_to(content_dir.resolve()):
        raise scaffold.ScaffoldError(f"--out '{out}' is inside the content folder, where only "
                                     "sources belong; write the bundle elsewhere")
    if "SOURCE_DATE_EPOCH" not in os.environ:
        # Set before the build: MkDocs dates its sitemap with it too.
        _, content, _ = _load(args)
        os.environ["SOURCE_DATE_EPOCH"] = str(_content_epoch(content))
    epoch = bundle.source_date_epoch(0)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        # What a killed run left here (a partial zip, a build folder) goes first.
        bundle.clean_partials(out.parent)
        with bundle.terminations_clean_up(), bundle.partial_folder(out.parent) as temporary:
            site_dir = temporary / "site"
            config, plan = _build_offline(config_file, site_dir)
            if args.article:
                lang = args.lang or plan.default_language
                page = plan.page("article", args.article, lang)
                if page is None:
                    known = {key[1] for key in plan.pages if key[0] == "article"}
                    raise scaffold.ScaffoldError(f"no '{lang}' version of article '{args.article}'"
                                                 f"{did_you_mean(args.article, known)}")
                html = bundle.single_file(site_dir, page.src_uri.removesuffix(".md") + ".html",
                                          config.site_url)
                html, remote = bundle.without_remote_images(html)
                bundle.atomic_write(out, html.encode("utf-8"))
            else:
                remote = [a for found in bundle.drop_remote_images(site_dir).values() for a in found]
                bundle.zip_site(site_dir, out, epoch)
    except OSError as exc:
        raise scaffold.ScaffoldError(f"cannot write {out}: {exc.strerror or exc}") from None
    for line in bundle.remote_image_warnings(content_dir, config_file.resolve().parent, remote):
        print(line, file=sys.stderr)
    print(one_line(f"wrote {out}"))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    languages = site_settings(Path(args.config)).languages
    for path in schema.write_schemas(Path(args.out), languages):
        print(one_line(f"wrote {path}"))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="explainer", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-f", "--config", default="mkdocs.yml", help="the site's mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate content/ and report every problem")
    check.add_argument("--strict", action="store_true", help="warnings count as errors")
    check.add_argument("--format", choices=["text", "json", "github"], default="text",
                       help="text: path:line:col lines; json: one JSON object a line; "
                            "github: GitHub Actions annotations")
    check.set_defaults(run=cmd_check)

    links = commands.add_parser("links", help="every automatic link of an article, with its rule")
    links.add_argument("article")
    links.add_argument("--lang", help="the version (default: the original's language)")
    links.add_argument("--context", type=int, default=40, help="characters shown each side")
    links.add_argument("--rejected", action="store_true",
                       help="instead, the words a form matched that a rule kept unlinked, and why")
    links.set_defaults(run=cmd_links)

    new = commands.add_parser("new", help="create a prefilled file; never overwrites")
    new.add_argument("what", choices=["article", "term", "participant", "dossier", "author"])
    new.add_argument("id", help="lowercase letters, digits and inner hyphens")
    new.add_argument("--lang", help="articles: language of the original; terms: language of "
                                    "--term (default: the first)")
    new.add_argument("--title", help="articles: the headline")
    new.add_argument("--term", help="terms: the term as written, accents and all (default: the id)")
    new.add_argument("--kind", choices=[k.value for k in ParticipantKind],
                     help="participants: what it is (required)")
    new.add_argument("--iso", help="countries: ISO 3166-1 alpha-2 code")
    new.set_defaults(run=cmd_new)

    translate = commands.add_parser("translate", help="create a translation of an article")
    translate.add_argument("article")
    translate.add_argument("--to", required=True, help="language of the translation")
    translate.set_defaults(run=cmd_translate)

    reviewed = commands.add_parser("reviewed", help="mark a translation as up to date")
    reviewed.add_argument("article")
    reviewed.add_argument("--lang", required=True)
    reviewed.set_defaults(run=cmd_reviewed)

    diff = commands.add_parser("diff", help="what changed in the original since the translation")
    diff.add_argument("article")
    diff.add_argument("--lang", required=True, help="the translation's language")
    diff.set_defaults(run=cmd_diff)

    suggests = commands.add_parser("suggest", help="candidate participants and terms of an article")
    suggests.add_argument("article")
    suggests.add_argument("--lang", help="the version (default: the original's language)")
    suggests.add_argument("--write", metavar="IDS",
                          help="scaffold these candidates (ids, comma-separated, or 'all'); "
                               "never overwrites")
    suggests.set_defaults(run=cmd_suggest)

    bundles = commands.add_parser("bundle", help="offline bundle: the site as a zip, or one explainer")
    bundles.add_argument("--article", help="one explainer as a single self-contained HTML file")
    bundles.add_argument("--lang", help="with --article: its language (default: the first)")
    bundles.add_argument("--single-file", action="store_true",
                         help="with --article: one .html file (the only form for one article)")
    bundles.add_argument("--out", help="output file (default: dist/explainer-site.zip or "
                                       "dist/<article>.<lang>.html)")
    bundles.set_defaults(run=cmd_bundle)

    schemas = commands.add_parser("schema", help="write JSON Schemas of the content files")
    schemas.add_argument("--out", default="schemas")
    schemas.set_defaults(run=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except scaffold.ScaffoldError as exc:
        # One line per problem, whatever the names it quotes hold.
        for message in exc.args or ("failed",):
            print(f"explainer: error: {one_line(str(message))}", file=sys.stderr)
        return 2 if isinstance(exc, UsageError) else 1
    except KeyboardInterrupt:
        print("explainer: interrupted; nothing was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of the output went away (explainer check | head): not a failure to report.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
