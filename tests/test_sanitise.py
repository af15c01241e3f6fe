"""The HTML allowlist, and the scanner run over a real MkDocs + Material build."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.inert import MARKDOWN_EXTENSIONS, body_markdown, escape_text
from generator.model import CleanResult, LineDecision
from generator.read import read_file
from generator.sanitise import escape_attr, escape_html, sanitise_html, scan_site


def _examples(default: int) -> int:
    """Hypothesis examples per property; raise with SAFETY_EXAMPLES for a long soak."""
    return int(os.environ.get("SAFETY_EXAMPLES", default))


HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
ROOT = Path(__file__).resolve().parents[1]


# ---- sanitise_html ---------------------------------------------------------


@pytest.mark.parametrize(
    "fragment",
    [
        '<h2 id="moon-base">Moon base<a class="headerlink" href="#moon-base" title="Permanent link">¶</a></h2>',
        '<pre class="mermaid"><code>graph TD; A--&gt;B</code></pre>',
        '<div class="admonition note"><p class="admonition-title">Note</p><p>x</p></div>',
        '<p><a href="https://example.com/a?b=1&amp;c=2" title="t">x</a> <a href="../other/">r</a>'
        ' <a href="#frag">f</a> <a href="mailto:a@example.com">m</a></p>',
        '<p><time datetime="2021-03-10">10 March 2021</time> <abbr title="International">ILRS</abbr>'
        " H<sub>2</sub>O x<sup>2</sup><br></p><hr>",
        '<details open=""><summary>More</summary><p>b</p></details>',
        '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
        '<figure><img src="../img/moon.png" alt="Moon"><figcaption>c</figcaption></figure>',
        '<img src="https://example.com/moon.png" alt="Moon">',
        '<ul><li>a</li></ul><ol start="3"><li>b</li></ol><blockquote><p><em>e</em> <strong>s</strong>'
        " <code>c</code></p></blockquote>",
        '<div class="highlight"><pre><span></span><code><span class="n">x</span></code></pre></div>',
        '<p>x<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
        '<div class="footnote"><hr><ol><li id="fn:1"><p>n <a class="footnote-backref" href="#fnref:1">↩</a></p></li></ol></div>',
        '<span class="md-tag">t</span>',
        '<table><thead><tr><th style="text-align:left">a</th></tr></thead></table>',
    ],
)
def test_wanted_markup_survives(fragment):
    assert sanitise_html(fragment) == fragment


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<script>alert(1)</script>safe", "safe"),
        ("<p>a<style>p{}</style>b</p>", "<p>ab</p>"),
        ('<img src=x onerror="alert(1)">', '<img src="x">'),
        ('<a href="javascript:alert(1)">j</a>', "<a>j</a>"),
        ('<a href="JaVa&#9;ScRiPt:alert(1)">j</a>', "<a>j</a>"),
        ('<a href="data:text/html,<script>alert(1)</script>">d</a>', "<a>d</a>"),
        ('<a href="vbscript:x">v</a>', "<a>v</a>"),
        ('<img src="data:image/png;base64,AAAA">', "<img>"),
        ('<img src="http://example.com/x.png">', "<img>"),
        ('<img src="//example.com/x.png">', "<img>"),
        ('<iframe src="https://example.com"></iframe>x', "x"),
        ("<form action=/x><input name=q><button>b</button></form>", "b"),
        ('<p style="color:red" onclick="alert(1)" class="c">x</p>', '<p class="c">x</p>'),
        (
            '<table><tbody><tr><td style="background:url(javascript:x);text-align:right">b</td></tr></tbody></table>',
            '<table><tbody><tr><td style="text-align:right">b</td></tr></tbody></table>',
        ),
        ('<a href="https://e.com" target="_blank">x</a>', '<a href="https://e.com">x</a>'),
        ("<svg><script>alert(1)</script></svg>x", "x"),
        ("<!-- hidden -->x", "x"),
        ('<h3 id="__config">x</h3><a href="#__config">y</a>', '<h3 id="u__config">x</h3><a href="#u__config">y</a>'),
        ('<object data="x.swf"></object><embed src="x.swf">x', "x"),
        ("<base href='https://evil.example/'>x", "x"),
        ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">x', "x"),
    ],
)
def test_dangerous_markup_is_removed(fragment, expected):
    assert sanitise_html(fragment) == expected


_DANGER = st.sampled_from(
    ["<script>", "</script>", "alert(1)", "<img src=x onerror=alert(1)>", "<a href='javascript:x'>", "</a>",
     "<svg onload=x>", "<iframe srcdoc='<script>x</script>'>", "<math><mi xlink:href='javascript:x'>", '"', "'",
     "<!--", "-->", "<![CDATA[", "]]>", "<style>", "<p ", "on", "click=", "=", ">", "<", "&#", "java", "script:",
     "<base href=//e>", "<object data=javascript:x>", "<form action=javascript:x>", "<meta http-equiv=refresh content='0;url=javascript:x'>",
     "<noscript><p title='</noscript><img src=x onerror=alert(1)>'>", "<template><script>x</script></template>"]
)  # fmt: skip
HOSTILE_HTML = st.lists(st.one_of(_DANGER, st.text(max_size=5)), max_size=25).map("".join)


@settings(max_examples=_examples(300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(HOSTILE_HTML)
def test_property_sanitised_html_scans_clean(tmp_path_factory, fragment):
    site = tmp_path_factory.mktemp("prop")
    (site / "index.html").write_text(f"<html><body>{sanitise_html(fragment)}</body></html>", encoding="utf-8")
    assert scan_site(site) == []


def test_escape_helpers():
    assert escape_attr('a "b"\n<c> & \'d\'') == "a &quot;b&quot; &lt;c&gt; &amp; &#x27;d&#x27;"
    assert escape_html("<script>") == "&lt;script&gt;"


# ---- scan_site on hand-made pages --------------------------------------------


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    site = tmp_path / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "javascripts" / "bundle.min.js").write_text("//", encoding="utf-8")
    for name, text in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


def test_scan_allows_theme_assets_and_known_inline_scripts(tmp_path):
    page = textwrap.dedent(
        """\
        <html><head><script>__md_scope=new URL("..",location),__md_get=()=>1</script></head><body>
        <script id="__config" type="application/json">{"base": "..", "x": "<b>"}</script>
        <script>var palette=__md_get("__palette");if(palette){}</script>
        <script src="../assets/javascripts/bundle.min.js"></script>
        <a href="https://example.com">ok</a></body></html>
        """
    )
    site = _site(tmp_path, {"a/index.html": page})
    assert scan_site(site) == []


def test_scan_absolute_asset_paths_need_the_site_base(tmp_path):
    page = '<html><body><script src="/sub/assets/javascripts/bundle.min.js"></script></body></html>'
    site = _site(tmp_path, {"404.html": page})
    assert scan_site(site, base_path="/sub/") == []
    assert scan_site(site) != []  # no sitemap: the base is "/"
    (site / "sitemap.xml").write_text(
        "<urlset><url><loc>https://example.org/sub/a/</loc></url><url><loc>https://example.org/sub/</loc></url></urlset>",
        encoding="utf-8",
    )
    assert scan_site(site) == []
    other = '<html><body><script src="/other/assets/javascripts/bundle.min.js"></script></body></html>'
    (site / "404.html").write_text(other, encoding="utf-8")
    assert scan_site(site) != []


@pytest.mark.parametrize(
    ("snippet", "what"),
    [
        ("<script>alert(1)</script>", "inline <script>"),
        ('<script src="https://cdn.example/x.js"></script>', "not a theme asset"),
        ('<script src="../assets/javascripts/missing.js"></script>', "not a theme asset"),
        ('<script src="../../assets/javascripts/bundle.min.js"></script>', "not a theme asset"),
        ('<script src="../stylesheets/x.js"></script>', "not a theme asset"),
        ('<script type="application/json">{}</script>', "inline <script>"),
        ('<script id="__config">alert(1)</script>', "inline <script>"),
        ('<script>__md_scopeX=1;alert(1)</script>', "inline <script>"),
        ('<img src=x onerror="alert(1)">', "event handler onerror"),
        ('<body onload="x()">', "event handler onload"),
        ('<a href="javascript:alert(1)">x</a>', "script URL"),
        ('<a href="  JAVA&#10;SCRIPT:alert(1)">x</a>', "script URL"),
        ('<form action="javascript:x()"></form>', "script URL"),
        ('<svg><a><animate attributeName="href" values="x;javascript:alert(1)"/><text>t</text></a></svg>', "script URL"),
        ('<meta http-equiv="refresh" content="0; url=javascript:alert(1)">', "meta refresh"),
        ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', "srcdoc"),
        ("<svg><script>alert(1)</script></svg>", "inline <script>"),
        ("<script>alert(1)", "inline <script>"),
    ],
)
def test_scan_reports(tmp_path, snippet, what):
    site = _site(tmp_path, {"a/index.html": f"<html><head></head><body>{snippet}</body></html>"})
    findings = scan_site(site)
    assert findings, snippet
    assert all(f.startswith("a/index.html:") for f in findings)
    assert any(what in f for f in findings), findings


def test_scan_search_index(tmp_path):
    index = {
        "config": {},
        "docs": [
            {"location": "a/", "title": "ok &lt;b&gt;", "text": "<p>&lt;img src=x onerror=alert(1)&gt;</p>"},
            {"location": "b/", "title": "<img src=x onerror=alert(1)>", "text": "<p>fine</p>"},
        ],
    }
    site = _site(tmp_path, {"search/search_index.json": __import__("json").dumps(index)})
    findings = scan_site(site)
    assert findings == ["search/search_index.json: b/ title: <img> has event handler onerror='alert(1)'"]


def test_scan_does_not_flag_text(tmp_path):
    page = "<p>onclick=alert(1) javascript:alert(1) &lt;script&gt;alert(1)&lt;/script&gt;</p><p title='javascript: a language'>x</p>"
    assert scan_site(_site(tmp_path, {"index.html": page})) == []


# ---- a real MkDocs + Material build --------------------------------------------

_HOOKS = """
from markupsafe import Markup, escape

from generator.sanitise import sanitise_html

def on_page_markdown(markdown, page, config, files):
    # What generator/plugin.py does: escape page metadata once, as Markup,
    # before any theme template sees it.  Pages opt out with raw_meta: true.
    if not page.meta.get("raw_meta"):
        for key in ("title", "description", "author"):
            if key in page.meta:
                page.meta[key] = Markup(escape(page.meta[key]))
    return markdown

def on_page_content(html, page, config, files):
    return sanitise_html(html)
"""


def _hostile_body() -> tuple[str, str]:
    doc = read_file(HOSTILE / "payloads.txt")
    lines = [line for line in doc.text.split("\n") if line.strip()]
    result = CleanResult(
        lines=tuple(LineDecision(i + 1, line, True, "test", heading=i == 3) for i, line in enumerate(lines))
    )
    bomb = read_file(HOSTILE / "bracket_bomb.txt").text
    bomb_result = CleanResult(lines=tuple(LineDecision(1, line, True, "t") for line in bomb.split("\n") if line))
    return lines[0], body_markdown(result) + "\n" + body_markdown(bomb_result)


def _build(tmp_path: Path, pages: dict[str, str], overrides: dict[str, str] | None = None) -> Path:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    for name, text in pages.items():
        (project / "docs" / name).write_text(text, encoding="utf-8")
    (project / "hooks.py").write_text(_HOOKS, encoding="utf-8")
    theme = "  name: material\n"
    if overrides:
        (project / "overrides").mkdir()
        for name, text in overrides.items():
            (project / "overrides" / name).write_text(text, encoding="utf-8")
        theme += "  custom_dir: overrides\n"
    extensions = "\n".join(f"  - {e}" for e in MARKDOWN_EXTENSIONS if e != "toc")
    (project / "mkdocs.yml").write_text(
        f"site_name: Test\nsite_url: https://example.org/\ntheme:\n{theme}plugins: [search]\n"
        f"hooks: [hooks.py]\nmarkdown_extensions:\n{extensions}\n  - toc:\n      permalink: true\n"
        "  - pymdownx.snippets:\n      base_path: [docs]\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr
    return project / "site"


def test_built_site_with_hostile_article_is_clean(tmp_path):
    title, body = _hostile_body()
    page = f"---\ntitle: {escape_attr(title)!r}\ndescription: {escape_attr(title)!r}\n---\n# {escape_text(title)}\n\n{body}"
    site = _build(tmp_path, {"index.md": "# Home\n\nHello.\n", "hostile.md": page})
    assert scan_site(site) == []
    html = (site / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "root:" not in html  # --8<-- "/etc/passwd" was not included
    assert "<p>{{ config }}</p>" in html  # shown, never evaluated
    assert "<p>!!! danger</p>" in html
    assert 'class="admonition' not in html
    assert "<h3" in html and 'class="headerlink"' in html


TITLE_BREAKOUT = "</title><script>alert(1)</script>"


def test_stock_material_title_breakout_is_caught(tmp_path):
    """Material's base.html renders ``page.title | striptags`` into <title>.

    ``striptags`` *unescapes* entities, so a heading whose escaped text is
    ``&lt;/title&gt;&lt;script&gt;`` comes out as live markup in <head> when
    the page has no ``title`` in its metadata.  This pins the finding
    reported to the theme owner and proves the scanner sees it.
    """
    site = _build(tmp_path, {"index.md": "# Home\n", "t.md": f"# {escape_text(TITLE_BREAKOUT)}\n\nBody.\n"})
    findings = scan_site(site)
    assert any(f.startswith("t/index.html:") and "inline <script>" in f for f in findings), findings


#: The override recommended to the theme owner (templates/theme/main.html):
#: Material's base.html blocks with every page-derived value escaped.
#: ``page.meta.*`` may be plain strings (escape them) or Markup the plugin
#: escaped already (``| e`` leaves Markup alone); ``page.title`` from a
#: heading carries entities, so it is decoded by striptags and re-escaped.
HEAD_OVERRIDE = """{% extends "base.html" %}
{% block site_meta %}
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,initial-scale=1">
  {% if page.meta and page.meta.description %}
    <meta name="description" content="{{ page.meta.description | e }}">
  {% elif config.site_description %}
    <meta name="description" content="{{ config.site_description | e }}">
  {% endif %}
  {% if page.meta and page.meta.author %}
    <meta name="author" content="{{ page.meta.author | e }}">
  {% elif config.site_author %}
    <meta name="author" content="{{ config.site_author | e }}">
  {% endif %}
  {% if page.canonical_url %}
    <link rel="canonical" href="{{ page.canonical_url | e }}">
  {% endif %}
  {% if page.previous_page %}
    <link rel="prev" href="{{ page.previous_page.url | url }}">
  {% endif %}
  {% if page.next_page %}
    <link rel="next" href="{{ page.next_page.url | url }}">
  {% endif %}
  <link rel="icon" href="{{ config.theme.favicon | url }}">
  <meta name="generator" content="mkdocs-{{ mkdocs_version }}, mkdocs-material">
{% endblock %}
{% block htmltitle %}
  {% if page.meta and page.meta.title %}
    <title>{{ page.meta.title | e }} - {{ config.site_name | e }}</title>
  {% elif page.title and not page.is_homepage %}
    <title>{{ page.title | striptags | e }} - {{ config.site_name | e }}</title>
  {% else %}
    <title>{{ config.site_name | e }}</title>
  {% endif %}
{% endblock %}
"""

#: Front matter as a careless plugin might set it: plain, unescaped strings.
RAW_META_PAGE = """---
raw_meta: true
title: '</title><script>alert("title")</script>'
description: '"><script>alert("description")</script>'
author: '"><img src=x onerror=alert(1)>'
---
Body.
"""


def test_stock_material_prints_raw_meta_unescaped(tmp_path):
    site = _build(tmp_path, {"index.md": "# Home\n", "m.md": RAW_META_PAGE})
    findings = [f for f in scan_site(site) if f.startswith("m/index.html:")]
    assert any("inline <script>" in f for f in findings), findings
    assert any("onerror" in f for f in findings), findings


ESCAPED_META_PAGE = RAW_META_PAGE.replace("raw_meta: true\n", "")


def test_escaped_meta_and_head_override_give_a_clean_site(tmp_path):
    """Escaping meta in the plugin covers nav, header and footer; the override covers <title>."""
    site = _build(
        tmp_path,
        {"index.md": "# Home\n", "t.md": f"# {escape_text(TITLE_BREAKOUT)}\n\nBody.\n", "m.md": ESCAPED_META_PAGE},
        overrides={"main.html": HEAD_OVERRIDE},
    )
    assert scan_site(site) == []
    t_html = (site / "t" / "index.html").read_text(encoding="utf-8")
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; - Test</title>" in t_html
    head = (site / "m" / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; - Test</title>" in head
    assert 'content="&#34;&gt;&lt;script&gt;alert(&#34;description&#34;)&lt;/script&gt;"' in head


def test_escaped_meta_without_override_still_breaks_out_via_heading_title(tmp_path):
    """Plugin-side escaping alone is not enough: a page without a meta title
    gets ``page.title | striptags`` in <title>, which unescapes."""
    site = _build(
        tmp_path,
        {"index.md": "# Home\n", "t.md": f"# {escape_text(TITLE_BREAKOUT)}\n\nBody.\n", "m.md": ESCAPED_META_PAGE},
    )
    findings = scan_site(site)
    assert findings and all(f.startswith("t/index.html:") for f in findings), findings


def test_head_override_cannot_fix_raw_meta_in_body_partials(tmp_path):
    """Raw meta titles also reach nav, header and footer partials in <body>:
    the head override cleans <head> only, so metadata must be escaped before
    the theme sees it (as the plugin does)."""
    site = _build(tmp_path, {"index.md": "# Home\n", "m.md": RAW_META_PAGE}, overrides={"main.html": HEAD_OVERRIDE})
    head = (site / "m" / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    assert "<script>alert" not in head and "<img" not in head
    assert any("alert(\"title\")" in f for f in scan_site(site))
