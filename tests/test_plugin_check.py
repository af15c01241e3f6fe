"""`mkdocs build` runs the same content check as `explainer check` and fails with its messages.

MkDocs on its own publishes broken front matter as page text; the plugin must
stop the build instead, naming file, line, column and field.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.cli import main

BROKEN = """---
title: Mars: red planet
date: 2021-02-30
topics: [ilrs]
---

Body.
"""


def _run(args, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_mkdocs_build_and_explainer_check_report_the_same_problems(project: Path):
    assert main(["ingest", str(project / "seeds"), "--content-dir", str(project / "content"), "--quiet"]) == 0
    bad = project / "content" / "articles" / "broken.md"
    bad.write_text(BROKEN, encoding="utf-8")
    (project / "content" / "articles" / "bad-date.md").write_text(
        BROKEN.replace("Mars: red planet", '"Mars: red planet"'), encoding="utf-8"
    )
    (project / "content" / "topics" / "iss.yml").write_text(
        "title: ISS\nsummary: x\nkeywords: [ISS]\nkeywords: [again]\n", encoding="utf-8"
    )
    (project / "content" / "topics" / "artemis.yml").write_text(
        "title: Artemis\nsummary: x\nkeywords: [Artemis]\norder: NO\n", encoding="utf-8"
    )

    check = _run([sys.executable, "-m", "generator.cli", "check", "--content-dir", "content"], project)
    assert check.returncode == 1
    problems = [l for l in check.stdout.splitlines() if ": warning: " not in l]
    assert any(l.startswith("content/articles/broken.md:2:") and "title" in l for l in problems), problems
    assert any(l.startswith("content/articles/bad-date.md:3:") and "date" in l for l in problems), problems
    assert any(l.startswith("content/topics/artemis.yml:4:") and "order" in l and "'NO'" in l
               for l in problems), problems
    assert any(l.startswith("content/topics/iss.yml:4:") and "duplicate" in l for l in problems), problems

    build = _run([sys.executable, "-m", "mkdocs", "build", "-d", str(project / "site")], project)
    assert build.returncode != 0
    for line in problems:
        assert line in build.stderr + build.stdout, line
    assert not (project / "site" / "articles" / "broken").exists()
