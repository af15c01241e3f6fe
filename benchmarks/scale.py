"""Scale benchmark: ingest and build N synthetic articles, and compare with a bare MkDocs floor.

    python benchmarks/scale.py N [--workdir DIR] [--keep] [--seed S] [--search MODE]

Steps (each timed step runs in its own child process, so its peak memory is its own):

1. write N deterministic raw dumps (``benchmarks/corpus.py``) into WORKDIR/seeds;
2. ingest them with the project's CLI (``python -m generator.cli ingest``) into WORKDIR/content;
3. build the site with ``python -m mkdocs build`` and the project's mkdocs.yml (plugin included);
4. build the FLOOR: plain Markdown files holding the same article bodies, Material, the search
   plugin and a one-entry nav, no explainer plugin;
5. measure both sites (bytes, files), the bytes a reader downloads for the first search, and
   whether searching for a name that appears only in one article's body finds that article.

The figures are printed as a table with the ratio to the floor, and written to
WORKDIR/results.json.  Nothing here asserts on timings: it reports them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import Dump, write_dumps  # noqa: E402

TARGET_WALL = 1.15
TARGET_RSS = 1.3
TARGET_SEARCH_BYTES = 1_000_000
SEARCH_CHECKS = 5  # body-only names searched for, spread over the corpus


# --------------------------------------------------------------------------- measuring


@dataclass
class Run:
    """One measured child process."""

    label: str
    wall: float
    peak_rss: int  # bytes: max of the kernel's ru_maxrss and the polled RSS sum of the process tree
    cpu: float  # user + system seconds of the child and the children it waited for
    returncode: int
    log: Path
    extra: dict = field(default_factory=dict)


def _tree_rss(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in bytes (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [root]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                total += int(f.read().split()[1]) * page
        except OSError:
            pass
        todo.extend(children.get(pid, ()))
    return total


def run_measured(label: str, cmd: list[str], *, env: dict, log: Path, cwd: Path | None = None) -> Run:
    """Run ``cmd`` as a child; return wall time and peak memory.

    Peak memory is the larger of ``ru_maxrss`` from ``wait4`` (exact for a
    single process) and the sum of RSS over the child's process tree polled
    every 50 ms (catches worker pools, whose memory adds up).
    """
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        peak = 0
        done = threading.Event()

        def poll() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss(proc.pid))
                done.wait(0.05)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        poller.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    peak = max(peak, usage.ru_maxrss * 1024)
    return Run(label, wall, peak, usage.ru_utime + usage.ru_stime, proc.returncode, log)


def _check(run: Run) -> None:
    if run.returncode != 0:
        tail = run.log.read_text(errors="replace")[-4000:]
        sys.exit(f"{run.label} failed (exit {run.returncode}); last output from {run.log}:\n{tail}")


def _best(runs: list[Run]) -> dict:
    """Fastest of repeated runs (noise only ever adds time); memory of the same runs' minimum."""
    return {
        "wall": min(r.wall for r in runs),
        "cpu": min(r.cpu for r in runs),
        "peak_rss": min(r.peak_rss for r in runs),
        "runs": [{"wall": r.wall, "cpu": r.cpu, "peak_rss": r.peak_rss} for r in runs],
    }


def _paired(builds: list[Run], floors: list[Run]) -> dict:
    """Median of the per-pair ratios (build k / floor k, run back to back).

    On a shared machine the best-of figure can pair a lucky floor run with an
    unlucky build; the median of pairs is the steadier estimate of the ratio.
    """
    import statistics

    return {
        key: statistics.median(getattr(b, key) / getattr(f, key) for b, f in zip(builds, floors))
        for key in ("wall", "cpu", "peak_rss")
    }


def site_size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


# --------------------------------------------------------------------------- ingest


def ingest_command(args, seeds: Path, content: Path) -> list[str]:
    if args.stand_in_ingest:
        return [sys.executable, str(Path(__file__).resolve()), "--stand-in-ingest-worker", str(seeds), str(content)]
    if not (REPO / "generator" / "ingest.py").exists():
        sys.exit(
            "generator/ingest.py is not in this checkout yet: run with --stand-in-ingest to use the "
            "benchmark's own minimal ingest (it measures nothing about the real one)"
        )
    return [sys.executable, "-m", "generator.cli", "ingest", str(seeds), "--content-dir", str(content), "--quiet"]


def stand_in_ingest(seeds: Path, content: Path) -> None:
    """A minimal ingest for developing the build benchmark before the real one lands.

    It knows the synthetic dump layout (header date, publisher line, title
    line, byline) and keeps only long lines as the body.  Its speed says
    nothing about the real ingest; the benchmark labels its figure as such.
    """
    import hashlib
    import re

    from generator.inert import escape_text

    topics = {}
    for p in sorted((content / "topics").glob("*.yml")):
        kws = yaml.safe_load(p.read_text(encoding="utf-8"))["keywords"]
        topics[p.stem] = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in kws) + r")\b")
    out = content / "articles"
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(seeds.glob("*.txt")):
        raw = path.read_bytes()
        lines = raw.decode("utf-8").split("\n")
        date = lines[0].split()[1]
        start = next(i for i, line in enumerate(lines) if line.startswith("By "))
        publisher, title = lines[start - 2], lines[start - 1]
        author = lines[start][3:].split(" | ")[0]
        body = [line for line in lines[start + 1 :] if len(line) > 80 and not line.startswith(("We use", "This site", "\u00a9"))]
        text = "\n".join(body)
        front = {
            "title": title,
            "date": date,
            "source": publisher,
            "author": author,
            "url": None,
            "language": "en",
            "topics": [t for t, rx in topics.items() if rx.search(text) or rx.search(title)],
            "source_file": path.name,
            "source_sha256": hashlib.sha256(raw).hexdigest(),
        }
        md = "\n\n".join(escape_text(p) for p in body)
        slug = path.stem.split("_")[0] + "-" + "-".join(re.findall(r"[a-z0-9]+", title.lower())[:6])
        (out / f"{slug}.md").write_text(
            "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n" + md + "\n",
            encoding="utf-8",
        )


# --------------------------------------------------------------------------- content -> floor


def read_articles(content: Path) -> list[tuple[str, dict, str]]:
    """(slug, front matter, Markdown body) of every content/articles/*.md."""
    items = []
    for p in sorted((content / "articles").glob("*.md")):
        text = p.read_text(encoding="utf-8")
        _, fm, body = text.split("---\n", 2)
        items.append((p.stem, yaml.safe_load(fm) or {}, body))
    return items


class _ConfigLoader(yaml.SafeLoader):
    """Safe loading that keeps MkDocs' custom tags (``!ENV``, ``!!python/name:``) as they are."""


class _ConfigDumper(yaml.SafeDumper):
    pass


@dataclass(frozen=True)
class _Tagged:
    tag: str
    node: yaml.Node


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: _Tagged("!" + suffix, node))
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: _Tagged(
    "tag:yaml.org,2002:python/" + suffix, node))
_ConfigDumper.add_representer(_Tagged, lambda dumper, t: type(t.node)(t.tag, t.node.value))


def _load_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)


def _dump_config(cfg: dict) -> str:
    return yaml.dump(cfg, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True)


def project_config(work: Path, content: Path, search: str, threshold: int | None) -> Path:
    """The project's mkdocs.yml with absolute paths, so it builds from WORKDIR."""
    cfg = _load_config(REPO / "mkdocs.yml")
    cfg["docs_dir"] = str((REPO / cfg.get("docs_dir", "docs")).resolve())
    if isinstance(cfg.get("theme"), dict) and cfg["theme"].get("custom_dir"):
        cfg["theme"]["custom_dir"] = str((REPO / cfg["theme"]["custom_dir"]).resolve())
    cfg.pop("watch", None)
    plugins = []
    for entry in cfg.get("plugins", []):
        if isinstance(entry, dict) and "explainer" in entry:
            opts = dict(entry["explainer"] or {})
            opts["content_dir"] = str(content)
            opts["templates_dir"] = str((REPO / opts.get("templates_dir", "templates")).resolve())
            if search != "config":
                opts["search"] = search
            if threshold is not None:
                opts["search_threshold"] = threshold
            entry = {"explainer": opts}
        plugins.append(entry)
    cfg["plugins"] = plugins
    path = work / "mkdocs.yml"
    path.write_text(_dump_config(cfg), encoding="utf-8")
    return path


def floor_project(work: Path, articles: list[tuple[str, dict, str]]) -> Path:
    """A bare Material site over the same article bodies: the cost of MkDocs itself."""
    root = work / "floor"
    docs = root / "docs" / "articles"
    docs.mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Floor\n\nThe same articles, no plugin.\n", encoding="utf-8")
    for slug, front, body in articles:
        (docs / f"{slug}.md").write_text(f"# {front.get('title', slug)}\n\n{body}", encoding="utf-8")
    project = _load_config(REPO / "mkdocs.yml")
    theme = dict(project.get("theme", {}))
    theme.pop("custom_dir", None)
    cfg = {
        "site_name": "Floor",
        "site_url": project.get("site_url"),
        "docs_dir": "docs",
        "use_directory_urls": True,
        "theme": theme,
        "plugins": ["search"],
        # The same shape as the generated site's nav (home, four topics, the article index,
        # sources), pointing at article pages: Material renders the nav into every page,
        # so a one-entry nav would make the floor cheaper for a reason that is not the plugin.
        "nav": _floor_nav([slug for slug, _, _ in articles[:6]]),
        "markdown_extensions": project.get("markdown_extensions", []),
        "validation": {"nav": {"omitted_files": "info"}},
    }
    path = root / "mkdocs.yml"
    path.write_text(_dump_config(cfg), encoding="utf-8")
    return path


def _floor_nav(slugs: list[str]) -> list:
    pages = [f"articles/{s}.md" for s in slugs]
    return [
        {"Home": "index.md"},
        {"Topics": [{f"Topic {k + 1}": p} for k, p in enumerate(pages[:4])]},
        *([{"Articles": pages[4]}] if len(pages) > 4 else []),
        *([{"Sources": pages[5]}] if len(pages) > 5 else []),
    ]


# --------------------------------------------------------------------------- search


def material_search(site: Path, checks: list[tuple[str, str]]) -> dict:
    """First-search bytes of Material's search (index + worker) and the body-name check."""
    index = site / "search" / "search_index.json"
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.js"))
    nbytes = index.stat().st_size + sum(w.stat().st_size for w in workers)
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    found = 0
    for name, url in checks:
        surname = name.split()[-1]
        if any(d["location"].split("#")[0] == url and surname in d["text"] for d in docs):
            found += 1
    return {"engine": "material", "first_search_bytes": nbytes, "found": found, "checked": len(checks)}


def _node_search(script: Path, site: Path, checks: list[tuple[str, str]], prefix: str) -> tuple[int, int, list]:
    """Run a search engine's own JS under node for each body-only surname.

    Returns (names found, bytes loaded by the first search, files it loaded).
    """
    found, first_bytes, files = 0, None, None
    for name, url in checks:
        surname = name.split()[-1]
        out = subprocess.run(["node", str(script), str(site), surname], capture_output=True, text=True, check=True)
        res = json.loads(out.stdout)
        if first_bytes is None:
            first_bytes, files = res["bytes"], res["files"]
        if prefix + url in res["results"]:
            found += 1
    return found, first_bytes, files


def pagefind_search(site: Path, checks: list[tuple[str, str]]) -> dict:
    """Query the Pagefind index with Pagefind's own JS (node) and count the bytes it loads."""
    found, first_bytes, files = _node_search(HERE / "pagefind_query.mjs", site, checks, "/")
    ui = sum((site / "pagefind" / n).stat().st_size for n in ("pagefind-ui.js", "pagefind-ui.css"))
    return {
        "engine": "pagefind",
        "first_search_bytes": first_bytes + ui,
        "found": found,
        "checked": len(checks),
        "files": files,
        "ui_bytes": ui,
    }


def lean_search(site: Path, checks: list[tuple[str, str]]) -> dict:
    """Query the lean index with the site's own explainer-search.js (node) and count bytes."""
    found, first_bytes, files = _node_search(HERE / "lean_query.mjs", site, checks, "")
    return {"engine": "lean", "first_search_bytes": first_bytes, "found": found, "checked": len(checks), "files": files}


def search_figures(site: Path, checks: list[tuple[str, str]]) -> dict:
    if (site / "search" / "lean" / "manifest.json").exists():
        return lean_search(site, checks)
    if (site / "pagefind" / "pagefind-entry.json").exists():
        return pagefind_search(site, checks)
    if (site / "search" / "search_index.json").exists():
        return material_search(site, checks)
    return {"engine": "none", "first_search_bytes": 0, "found": 0, "checked": len(checks)}


def search_checks(dumps: list[Dump], articles: list[tuple[str, dict, str]]) -> list[tuple[str, str]]:
    """(body-only name, site URL of its article) for a few articles spread over the corpus."""
    by_file = {front.get("source_file"): slug for slug, front, _ in articles}
    picks = sorted({round(k * (len(dumps) - 1) / max(1, SEARCH_CHECKS - 1)) for k in range(SEARCH_CHECKS)})
    out = []
    for i in picks:
        slug = by_file.get(dumps[i].name)
        if slug is not None:
            out.append((dumps[i].unique_name, f"articles/{slug}/"))
    return out


# --------------------------------------------------------------------------- report


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def table(res: dict, markdown: bool = False) -> str:
    mb = 1024 * 1024
    g, f = res["build"], res["floor"]
    s, fs = res["search"], res["floor_search"]
    rows = [
        ("Ingest (docs/s, wall)" + (" [stand-in]" if res["stand_in_ingest"] else ""),
         f"{res['ingest']['docs_per_s']:.0f}", "-", "-", "-"),
        ("Ingest peak memory (MB)", f"{res['ingest']['peak_rss'] / mb:.0f}", "-", "-", "-"),
        (f"Build wall time (s, best of {len(g.get('runs', [1]))})", f"{g['wall']:.1f}", f"{f['wall']:.1f}", ratio(g["wall"], f["wall"]),
         f"<= {TARGET_WALL}x: {'met' if g['wall'] <= TARGET_WALL * f['wall'] else 'NOT met'}"),
        (f"Build CPU time (s, user+sys, best of {len(g.get('runs', [1]))})", f"{g['cpu']:.1f}", f"{f['cpu']:.1f}", ratio(g["cpu"], f["cpu"]), "-"),
        ("Build peak memory (MB)", f"{g['peak_rss'] / mb:.0f}", f"{f['peak_rss'] / mb:.0f}",
         ratio(g["peak_rss"], f["peak_rss"]),
         f"<= {TARGET_RSS}x: {'met' if g['peak_rss'] <= TARGET_RSS * f['peak_rss'] else 'NOT met'}"),
        ("Site size (MB)", f"{g['site_bytes'] / mb:.1f}", f"{f['site_bytes'] / mb:.1f}",
         ratio(g["site_bytes"], f["site_bytes"]), "-"),
        ("Site files", str(g["site_files"]), str(f["site_files"]), ratio(g["site_files"], f["site_files"]), "-"),
        (f"First-search download (KB, {s['engine']} / {fs['engine']})",
         f"{s['first_search_bytes'] / 1024:.0f}", f"{fs['first_search_bytes'] / 1024:.0f}",
         ratio(s["first_search_bytes"], fs["first_search_bytes"]),
         f"<= 1 MB: {'met' if s['first_search_bytes'] <= TARGET_SEARCH_BYTES else 'NOT met'}"),
        ("Body-only names found", f"{s['found']}/{s['checked']}", f"{fs['found']}/{fs['checked']}", "-",
         "all: " + ("met" if s["found"] == s["checked"] else "NOT met")),
    ]
    if "paired" in res and len(g.get("runs", ())) > 1:
        pr = res["paired"]
        rows.insert(4, ("Build wall time, median of paired ratios", "-", "-", f"{pr['wall']:.2f}x",
                        f"<= {TARGET_WALL}x: {'met' if pr['wall'] <= TARGET_WALL else 'NOT met'}"))
        rows.insert(5, ("Build CPU time, median of paired ratios", "-", "-", f"{pr['cpu']:.2f}x", "-"))
    if "build_cold" in res:
        c = res["build_cold"]
        at = 1 + next(i for i, r in enumerate(rows) if r[0] == "Build peak memory (MB)")
        rows.insert(at, ("Build wall time, empty analysis cache (s, 1 run)", f"{c['wall']:.1f}", f"{f['wall']:.1f}",
                        ratio(c["wall"], f["wall"]), "(first build of a fresh clone)"))
        rows.insert(at + 1, ("Build peak memory, empty analysis cache (MB)", f"{c['peak_rss'] / mb:.0f}",
                        f"{f['peak_rss'] / mb:.0f}", ratio(c["peak_rss"], f["peak_rss"]), "-"))
    head = ("Figure", "Generator", "Floor", "Ratio", "Target")
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "| --- | ---: | ---: | ---: | --- |"]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(5)]
    fmt = lambda r: "  ".join(c.ljust(w) if i in (0, 4) else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))  # noqa: E731
    return "\n".join([fmt(head), fmt(tuple("-" * w for w in widths)), *map(fmt, rows)])


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int, help="number of articles")
    p.add_argument("--workdir", type=Path, help="where to work (default: a fresh temporary folder)")
    p.add_argument("--keep", action="store_true", help="keep the work folder afterwards")
    p.add_argument("--seed", type=int, default=1, help="corpus seed (same N and seed: identical dumps)")
    p.add_argument("--search", default="config", choices=["config", "auto", "material", "lean", "pagefind"],
                   help="override the plugin's search mode (default: what mkdocs.yml says)")
    p.add_argument("--search-threshold", type=int, default=None, help="override the plugin's threshold")
    p.add_argument("--stand-in-ingest", action="store_true",
                   help="use the benchmark's minimal ingest instead of `explainer ingest`")
    p.add_argument("--skip-floor", action="store_true", help="do not build the floor (no ratios)")
    p.add_argument("--repeat", type=int, default=1,
                   help="build the site and the floor this many times, alternating; report the best")
    p.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    args = p.parse_args(argv)

    work = args.workdir.resolve() if args.workdir else Path(tempfile.mkdtemp(prefix="explainer-scale-"))
    if work.exists() and any(work.iterdir()):
        sys.exit(f"{work} is not empty; give an empty or new --workdir")
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.setdefault("PYTHONHASHSEED", "0")
    res: dict = {"n": args.n, "seed": args.seed, "cores": os.cpu_count(), "stand_in_ingest": args.stand_in_ingest}
    try:
        print(f"work folder: {work}")
        seeds, content = work / "seeds", work / "content"
        dumps = write_dumps(seeds, args.n, args.seed)
        shutil.copytree(REPO / "content" / "topics", content / "topics")

        run = run_measured("ingest", ingest_command(args, seeds, content), env=env, log=work / "ingest.log", cwd=REPO)
        _check(run)
        res["ingest"] = {"wall": run.wall, "peak_rss": run.peak_rss, "docs_per_s": args.n / run.wall}
        print(f"ingest: {run.wall:.1f} s, {args.n / run.wall:.0f} docs/s, peak {run.peak_rss >> 20} MB")

        articles = read_articles(content)
        checks = search_checks(dumps, articles)
        cfg = project_config(work, content, args.search, args.search_threshold)
        site = work / "site"
        fcfg = None if args.skip_floor else floor_project(work, articles)
        fsite = work / "floor" / "site"
        builds, floors = [], []
        for k in range(args.repeat):  # alternate, so a busy machine slows both alike
            shutil.rmtree(site, ignore_errors=True)
            run = run_measured("build", [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg), "-d", str(site)],
                               env=env, log=work / "build.log", cwd=work)
            _check(run)
            builds.append(run)
            print(f"build {k + 1}: {run.wall:.1f} s wall, {run.cpu:.1f} s CPU, peak {run.peak_rss >> 20} MB")
            if fcfg is not None:
                shutil.rmtree(fsite, ignore_errors=True)
                run = run_measured("floor", [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(fcfg), "-d", str(fsite)],
                                   env=env, log=work / "floor.log", cwd=work / "floor")
                _check(run)
                floors.append(run)
                print(f"floor {k + 1}: {run.wall:.1f} s wall, {run.cpu:.1f} s CPU, peak {run.peak_rss >> 20} MB")
        if not args.stand_in_ingest:
            # Once more with no analysis cache (a fresh clone's first build): every
            # article is analysed during the build instead of by ingest.
            shutil.rmtree(work / ".cache", ignore_errors=True)
            shutil.rmtree(site, ignore_errors=True)
            run = run_measured("build-cold", [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg), "-d", str(site)],
                               env=env, log=work / "build-cold.log", cwd=work)
            _check(run)
            res["build_cold"] = {"wall": run.wall, "cpu": run.cpu, "peak_rss": run.peak_rss}
            print(f"build, empty analysis cache: {run.wall:.1f} s wall, {run.cpu:.1f} s CPU, peak {run.peak_rss >> 20} MB")
        res["build"] = _best(builds) | dict(zip(("site_bytes", "site_files"), site_size(site)))
        if floors:
            res["paired"] = _paired(builds, floors)
        res["search"] = search_figures(site, checks)
        if fcfg is None:
            res["floor"] = {"wall": 0, "cpu": 0, "peak_rss": 0, "site_bytes": 0, "site_files": 0}
            res["floor_search"] = {"engine": "none", "first_search_bytes": 0, "found": 0, "checked": 0}
        else:
            res["floor"] = _best(floors) | dict(zip(("site_bytes", "site_files"), site_size(fsite)))
            res["floor_search"] = search_figures(fsite, checks)

        (work / "results.json").write_text(json.dumps(res, indent=1), encoding="utf-8")
        print()
        print(f"N = {args.n} articles, {os.cpu_count()} cores")
        print(table(res))
        if args.markdown:
            print()
            print(table(res, markdown=True))
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
        elif not args.keep and args.workdir:
            for sub in ("seeds", "content", "site", "floor"):
                shutil.rmtree(work / sub, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--stand-in-ingest-worker":
        sys.path.insert(0, str(REPO))
        stand_in_ingest(Path(sys.argv[2]), Path(sys.argv[3]))
        sys.exit(0)
    sys.exit(main())
