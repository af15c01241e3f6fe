"""``explainer``: the command line.

Each command is a thin wrapper over one pipeline boundary.  User mistakes are
printed as ``path:line:col: field: message`` lines without a traceback, and
the exit code says whether anything went wrong (0 ok, 1 errors, 2 usage).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import UserError

REPO_ROOT = Path(__file__).resolve().parent.parent


def _default(name: str) -> Path:
    """Defaults are the repository's folders, so commands work from any directory.

    With an editable install (``make site``, CI) the package sits in the
    repository; with a plain install it does not, and the working directory
    is the project instead.
    """
    root = REPO_ROOT if (REPO_ROOT / "mkdocs.yml").is_file() else Path.cwd()
    return root / name


def cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest import ingest

    report = ingest(
        Path(args.seeds_dir),
        Path(args.content_dir),
        force=args.force,
        jobs=args.jobs,
        progress=None if not args.quiet else False,
    )
    print(report.summary())
    if not args.no_analysis_cache:
        from .diskcache import default_cache_dir
        from .ingest import prepare_analysis

        content = Path(args.content_dir)
        kept, analysed = prepare_analysis(
            content, default_cache_dir(content), jobs=args.jobs, progress=None if not args.quiet else False
        )
        if analysed:
            print(f"analysed {analysed} new or changed article(s) for the next build ({kept} unchanged)")
    return 1 if report.errors or report.conflicts else 0


def cmd_clean(args: argparse.Namespace) -> int:
    from .clean import clean, explain
    from .read import read_file

    out_dir = Path(args.output_dir) if args.output_dir else None
    if out_dir is None and not args.explain:
        print("explainer clean: give --output-dir DIR or --explain", file=sys.stderr)
        return 2
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name in args.files:
        path = Path(name)
        try:
            raw = read_file(path)
        except UserError as err:
            print(err.format(), file=sys.stderr)
            failed += 1
            continue
        result = clean(raw.text)
        if args.explain:
            if len(args.files) > 1:
                print(f"== {path}")
            print(explain(result))
        if out_dir is not None:
            body = result.body
            (out_dir / f"{path.stem}.txt").write_text(body + ("\n" if body else ""), encoding="utf-8")
    return 1 if failed else 0


def cmd_check(args: argparse.Namespace) -> int:
    from .content import display_path, load_content

    content = load_content(Path(args.content_dir))
    for problem in content.problems:
        print(problem.format())
    warnings = [f"{display_path(a.path)}: warning: {w}" for a in content.articles for w in a.warnings]
    for w in warnings:
        print(w)
    n = len(content.problems)
    print(
        f"checked {len(content.articles)} articles and {len(content.topics)} topics: "
        f"{n} error{'s' if n != 1 else ''}, {len(warnings)} warning{'s' if len(warnings) != 1 else ''}",
        file=sys.stderr,
    )
    return 1 if n else 0


def cmd_build(args: argparse.Namespace) -> int:
    seeds, content = Path(args.seeds), Path(args.content_dir)
    if not args.no_ingest:
        from .ingest import ingest  # only when asked: --no-ingest must work without it

        report = ingest(seeds, content, progress=None if not args.quiet else False)
        print(report.summary())
    return build_site(Path(args.config), content, Path(args.site_dir), strict=args.strict)


def build_site(config_file: Path, content_dir: Path, site_dir: Path, *, strict: bool = False) -> int:
    """Run MkDocs on the content folder (MkDocs is imported only here)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        cfg = load_config(str(config_file), site_dir=str(site_dir.resolve()), strict=strict)
        for name, plugin in cfg.plugins.items():
            if name == "explainer":
                plugin.config.content_dir = str(content_dir.resolve())
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except MkDocsException as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    print(f"site written to {site_dir}")
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explainer",
        description=(
            "Turn saved articles (seeds/) into editor-owned content (content/) "
            "and an explainer website (site/)."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "ingest",
        help="turn raw files into content/articles/<slug>.md (never overwrites edits)",
        description=(
            "Read every raw file in SEEDS_DIR, remove boilerplate, extract metadata and "
            "write content/articles/<slug>.md. Unchanged inputs are skipped; files an "
            "editor changed are never overwritten (a proposal is written beside them)."
        ),
    )
    p.add_argument("seeds_dir", nargs="?", default=str(_default("seeds")), metavar="SEEDS_DIR",
                   help="folder of raw .txt/.html files (default: the repository's seeds/)")
    p.add_argument("--content-dir", default=str(_default("content")), metavar="DIR",
                   help="content folder to write into (default: the repository's content/)")
    p.add_argument("--force", action="store_true",
                   help="replace files even when an editor changed them (prints each one)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes (default: one per core)")
    p.add_argument("--quiet", action="store_true", help="no progress display")
    p.add_argument("--no-analysis-cache", action="store_true",
                   help="do not prepare the build's cache (.cache/explainer beside the content folder: "
                        "each article's checked front matter and analysis)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "clean",
        help="print or write the cleaned body of raw files",
        description=(
            "Remove boilerplate from raw files. With --output-dir, write DIR/<stem>.txt "
            "holding only the cleaned body as plain text; with --explain, print every "
            "line with KEEP/DROP and the reason."
        ),
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="raw input files")
    p.add_argument("--output-dir", metavar="DIR", help="write DIR/<stem>.txt per input")
    p.add_argument("--explain", action="store_true",
                   help="print each line with the decision and its reason")
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser(
        "check",
        help="validate content/ (exit code 1 on any error)",
        description=(
            "Validate every article and topic file and print each problem as "
            "path:line:col: field: message. Exit code 1 when there is any error."
        ),
    )
    p.add_argument("--content-dir", default=str(_default("content")), metavar="DIR",
                   help="content folder (default: the repository's content/)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "build",
        help="ingest, then build the website with MkDocs",
        description="Ingest SEEDS into the content folder, check it, then build the site.",
    )
    p.add_argument("--seeds", default=str(_default("seeds")), metavar="DIR",
                   help="raw inputs (default: the repository's seeds/)")
    p.add_argument("--content-dir", default=str(_default("content")), metavar="DIR",
                   help="content folder (default: the repository's content/)")
    p.add_argument("--site-dir", default=str(_default("site")), metavar="DIR",
                   help="output folder (default: the repository's site/)")
    p.add_argument("--config", default=str(_default("mkdocs.yml")), metavar="FILE",
                   help="MkDocs configuration (default: the repository's mkdocs.yml)")
    p.add_argument("--strict", action="store_true", help="fail on MkDocs warnings")
    p.add_argument("--no-ingest", action="store_true", help="build from content/ only")
    p.add_argument("--quiet", action="store_true", help="no progress display")
    p.set_defaults(func=cmd_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as err:
        print(err.format(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `explainer clean --explain FILE | head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
