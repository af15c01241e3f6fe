"""How long `mkdocs serve` takes to rebuild after an editor saves one article.

    python benchmarks/serve_rebuild.py CONFIG [--edits 5] [--article FILE]

CONFIG is an mkdocs.yml with the explainer plugin: the repository's own, or
the one ``benchmarks/scale.py N --workdir DIR --keep`` leaves in DIR (so the
figure can be taken at any collection size).  The script starts
``mkdocs serve`` on a free local port, waits for the first build, then
``--edits`` times appends a sentence to one article's body (the first file of
the content folder unless ``--article`` names one), and times each rebuild
from the save to the server's "Reloading browsers" line, which follows every
rebuild (MkDocs' own "Documentation built in" figure is shown beside it when
it was logged: its logger drops a message equal to the one before, so two
builds of the same duration print it once).  Before each edit it waits until
the server has been quiet for a second (a save can be seen as more than one
change, and each change builds), and each edit replaces the file in one step,
as editors do, so the server never reads it half written.  The article's
original bytes are written back afterwards, also when the run fails or is
interrupted.

Printed: the first build and every rebuild in seconds, and the median of the
rebuilds.  Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import _load_config  # noqa: E402  (mkdocs.yml with its !ENV tags)

BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
SERVING = re.compile(r"Serving on http")  # after the first build
RELOADED = re.compile(r"Reloading browsers")  # after every rebuild


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _content_dir(config: Path) -> Path:
    cfg = _load_config(config)
    for plugin in cfg.get("plugins", []):
        if isinstance(plugin, dict) and "explainer" in plugin:
            folder = Path((plugin["explainer"] or {}).get("content_dir", "content"))
            return folder if folder.is_absolute() else config.parent / folder
    raise SystemExit(f"{config}: no explainer plugin configured")


def _lines(proc: subprocess.Popen, out: queue.Queue) -> None:
    for line in proc.stdout:  # type: ignore[union-attr]
        out.put((time.perf_counter(), line))


def _settle(lines: queue.Queue, quiet: float = 1.0) -> None:
    """Read the server's output until it has printed nothing for ``quiet`` seconds."""
    while True:
        try:
            lines.get(timeout=quiet)
        except queue.Empty:
            return


def _save(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step (write a sibling, then rename over it)."""
    tmp = path.with_name(f".{path.name}.serve-rebuild.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _wait_for(lines: queue.Queue, done: re.Pattern, timeout: float) -> tuple[float, str]:
    """(time the line matching ``done`` arrived, MkDocs' own build time if it was logged before it)."""
    end = time.perf_counter() + timeout
    own = "not logged"
    while True:
        left = end - time.perf_counter()
        if left <= 0:
            raise SystemExit(f"no line matching {done.pattern!r} within the time limit")
        try:
            at, line = lines.get(timeout=left)
        except queue.Empty:
            continue
        m = BUILT.search(line)
        if m:
            own = f"{float(m.group(1)):.2f} s"
        if done.search(line):
            return at, own


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="time mkdocs serve rebuilds after one article edit")
    ap.add_argument("config", type=Path)
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--article", type=Path, help="the article file to edit (default: the first one)")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds to wait for any one build")
    args = ap.parse_args(argv)
    config = args.config.resolve()
    article = args.article or min((_content_dir(config) / "articles").glob("*.md"))
    original = article.read_bytes()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    port = _free_port()
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-f", str(config), "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(cmd, cwd=config.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, encoding="utf-8", errors="replace")
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(proc, lines), daemon=True).start()
    try:
        started = time.perf_counter()
        at, first = _wait_for(lines, SERVING, args.timeout)
        print(f"first build: {at - started:.2f} s wall (MkDocs: {first})")
        rebuilds = []
        for k in range(args.edits):
            _settle(lines)
            sentence = f"\n\nAn editor's added sentence number {k + 1} changes this article's body.\n"
            saved = time.perf_counter()
            _save(article, original + sentence.encode("utf-8"))
            at, own = _wait_for(lines, RELOADED, args.timeout)
            rebuilds.append(at - saved)
            print(f"edit {k + 1}: rebuilt {at - saved:.2f} s after the save (MkDocs: {own})")
        print(f"median rebuild after one edit: {statistics.median(rebuilds):.2f} s over {len(rebuilds)} edits")
    finally:
        _save(article, original)
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
