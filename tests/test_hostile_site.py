"""End to end: hostile inputs build into a site with no live markup from content.

The seeds plus the hostile fixtures (payloads in titles and bodies, template
and snippet syntax, the bracket bomb, UTF-16, binary, empty, a path-traversal
title, bidi overrides) go through ``explainer build``.  Each bad file is named
with its reason, the others are published, and a scanner over the built site
finds no script, event handler or ``javascript:`` URL that came from content.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.content import content_hash, read_article_file
from generator.inert import body_markdown
from generator.model import CleanResult, LineDecision
from generator.sanitise import scan_site
from generator.yamlio import join_front_matter

REPO = Path(__file__).resolve().parent.parent
HOSTILE = REPO / "tests" / "fixtures" / "hostile"

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    '{: onclick="alert(1)"}',
    "{{ config.site_name }}",
    "{% include 'base.html' %}",
    '--8<-- "/etc/passwd"',
    "!!! danger",
    "<a href='javascript:alert(1)'>click</a>",
    "[" * 20000,
]


def _visible(page: str) -> str:
    """Visible text of the article's content area, entities decoded, spaces collapsed."""
    body = page.split('<article', 1)[1].split("</article>", 1)[0]
    text = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html.unescape(text).split())


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    seeds = root / "seeds"
    seeds.mkdir()
    for src in sorted((REPO / "seeds").iterdir()) + sorted(HOSTILE.iterdir()):
        shutil.copy(src, seeds / src.name)
    content = root / "content"
    shutil.copytree(REPO / "content" / "topics", content / "topics")
    (content / "articles").mkdir()
    # An article whose title and every body line is a payload, written as
    # ingest would write it (inert Markdown), to test render + publish alone.
    lines = tuple(LineDecision(i, p, True, "test") for i, p in enumerate(PAYLOADS, start=1))
    front = {
        "title": PAYLOADS[0] + ' & "quotes" {{ x }}', "date": "2021-03-10", "source": "<b>Pub</b>",
        "author": None, "url": None, "language": "en", "topics": ["ilrs"],
        "source_file": "payload-article.txt", "source_sha256": "a" * 64,
    }
    (content / "articles" / "payload-article.md").write_text(
        join_front_matter(front, body_markdown(CleanResult(lines))), encoding="utf-8"
    )
    # The same, unedited since "ingest" wrote it: its page is built without Markdown (bodyhtml.py).
    front = {**front, "source_file": "payload-direct.txt", "generated_sha256": "0" * 64}
    text = join_front_matter(front, body_markdown(CleanResult(lines)))
    text = text.replace("0" * 64, content_hash(text))
    (content / "articles" / "payload-direct.md").write_text(text, encoding="utf-8")
    assert not read_article_file(content / "articles" / "payload-direct.md").edited
    return root


def test_hostile_seeds_build_and_bad_files_are_named(hostile_build: Path, capsys):
    root = hostile_build
    rc = main(["build", "--seeds", str(root / "seeds"), "--content-dir", str(root / "content"),
               "--site-dir", str(root / "site"), "--config", str(REPO / "mkdocs.yml"), "--quiet"])
    out = capsys.readouterr().out
    assert rc == 0
    for name, reason in [("binary.txt", "binary"), ("image.txt", "binary"), ("empty.txt", "empty"),
                         ("whitespace_only.txt", "no text")]:
        line = next((l for l in out.splitlines() if name in l), "")
        assert "error" in line and reason in line, (name, out)
    site = root / "site"
    # Every readable file was published, inside site/articles/.
    published = {p.parent.name for p in (site / "articles").glob("*/index.html")}
    assert len(published) >= 5 + 12
    for page in site.rglob("*.html"):
        assert page.resolve().is_relative_to(site.resolve())
    # No live markup that came from content anywhere in the site.
    assert scan_site(site) == []


@pytest.mark.parametrize("slug", ["payload-article", "payload-direct"])
def test_payloads_are_visible_text(hostile_build: Path, slug: str):
    page = (hostile_build / "site" / "articles" / slug / "index.html").read_text(encoding="utf-8")
    visible = _visible(page)
    for payload in PAYLOADS[:-1]:
        assert payload in visible, payload
    assert "[" * 20000 in visible
    head = page.split("</head>", 1)[0]
    assert "<script>alert" not in head and "<b>Pub</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34; {{ x }}" in head or \
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; {{ x }}" in head
    assert "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
