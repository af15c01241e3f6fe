"""Build and serve a site for the end-to-end tests.

The tests build with the real command line (``python -m generator.cli build``)
in a subprocess, so they exercise exactly what ``explainer build`` does, and
serve the result over HTTP from a thread, because several things only work over
HTTP (Material's search runs in a web worker and fetches its index).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = REPO / "tests" / "fixtures" / "sample" / "content"


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    """Run ``explainer ARGS`` with this checkout first on the import path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.pop("SOURCE_DATE_EPOCH", None)  # the plugin derives it from the content
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )


def build_fixture_site(content_dir: Path, site_dir: Path, *, strict: bool = False) -> Path:
    """``explainer build --no-ingest`` from a content folder; fail loudly with the output."""
    proc = run_cli(
        "build", "--no-ingest", *(["--strict"] if strict else []),
        "--content-dir", str(content_dir),
        "--site-dir", str(site_dir),
        "--config", str(REPO / "mkdocs.yml"),
    )
    if proc.returncode != 0 or not (site_dir / "index.html").is_file():
        raise AssertionError(
            f"site build failed (exit {proc.returncode})\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
        )
    return site_dir


def copy_fixture_content(dst: Path) -> Path:
    shutil.copytree(FIXTURE_CONTENT, dst)
    return dst


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


class SiteServer:
    """A static file server for one folder on 127.0.0.1 and a free port."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        host, port = self.httpd.server_address[:2]
        self.origin = f"http://{host}:{port}"
        self.root = root
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def url(self, path: str = "/") -> str:
        return self.origin + "/" + path.lstrip("/")


def html_pages(site_dir: Path) -> list[str]:
    """Every page of a built site as a URL path (``topics/ilrs/``), sorted."""
    out = []
    for p in sorted(site_dir.rglob("index.html")):
        rel = p.parent.relative_to(site_dir).as_posix()
        out.append("" if rel == "." else rel + "/")
    return out


# A fixture article whose front matter and body try to become markup; tests assert they stay text.
EVIL_TITLE = '<script>alert(1)</script> & "quotes"'
EVIL_SLUG = "hostile-title"
HOSTILE_ARTICLE = f"""---
title: '{EVIL_TITLE}'
date: "2021-04-01"
source: '"Evil" <b>Press</b> & Co'
author: null
url: https://evil.example.com/a?x=1&y=2
language: en
topics:
  - ilrs
source_file: 999_hostile.txt
source_sha256: {"ab" * 32}
---
&lt;img src=x onerror=alert(2)&gt; said the first line of this International Lunar Research Station article, &amp; "quoted" it.

A second, harmless paragraph.
"""


def build_hostile_site(base: Path) -> Path:
    """The fixture content plus the hostile article, built into base/site."""
    content = copy_fixture_content(base / "content")
    (content / "articles" / f"{EVIL_SLUG}.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return build_fixture_site(content, base / "site")
