"""`mkdocs serve` previews the site and rebuilds when content/ changes.

Runs the real server on a free loopback port, edits a topic summary and waits
(bounded) for the served page to show the new text.  This catches the click
versions that silently turn live reload off.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.cli import main


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_reloads_edited_topic_summary(project: Path):
    assert main(["ingest", str(project / "seeds"), "--content-dir", str(project / "content"), "--quiet"]) == 0
    articles = project / "content" / "articles"
    before = {p.name: p.read_bytes() for p in sorted(articles.iterdir())}
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # Plain `mkdocs serve`, as a contributor types it: live reload must be on by default.
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}/topics/ilrs/"
    try:
        assert _wait_for(lambda: (_get(url) or "").find("International Lunar Research Station") >= 0, 90), \
            "server did not serve the ILRS page"
        page = _get(url)
        assert "livereload" in page  # the reload script is injected
        topic = project / "content" / "topics" / "ilrs.yml"
        text = topic.read_text(encoding="utf-8")
        marker = "Edited summary marker 7f3a"
        topic.write_text(re.sub(r"summary: >-\n", f"summary: >-\n  {marker}.\n", text, count=1), encoding="utf-8")
        assert _wait_for(lambda: marker in (_get(url) or ""), 60), "served page did not change after the edit"
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
    assert "Traceback" not in out, out
    # Serving never writes into content/ (a write there would rebuild forever).
    assert {p.name: p.read_bytes() for p in sorted(articles.iterdir())} == before


def test_serve_rebuild_benchmark_times_an_edit_and_puts_the_article_back(project: Path, capsys):
    """benchmarks/serve_rebuild.py: one timed rebuild per edit, and the edited file restored byte for byte."""
    import importlib.util

    assert main(["ingest", str(project / "seeds"), "--content-dir", str(project / "content"), "--quiet"]) == 0
    article = min((project / "content" / "articles").glob("*.md"))
    before = article.read_bytes()
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "serve_rebuild.py"
    spec = importlib.util.spec_from_file_location("serve_rebuild_benchmark", script)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main([str(project / "mkdocs.yml"), "--edits", "3", "--timeout", "120"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^first build: [\d.]+ s wall", out, re.M), out
    assert len(re.findall(r"^edit \d: rebuilt [\d.]+ s after the save", out, re.M)) == 3, out
    assert re.search(r"^median rebuild after one edit: [\d.]+ s over 3 edits", out, re.M), out
    assert article.read_bytes() == before
    assert sorted(p.name for p in article.parent.iterdir() if p.name.startswith(".")) == []  # no temp file left
