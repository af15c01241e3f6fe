"""Article bodies rendered straight to HTML match what Python-Markdown makes of them.

The reference is the page MkDocs would convert (``# title``, a blank line, the stored
body) with the Markdown extensions from mkdocs.yml.  Both outputs are compared as parsed
HTML: the same elements, attributes and text, with entities decoded (the Markdown path
keeps ``&#123;`` where the direct path writes ``{``) and whitespace between and inside
blocks collapsed.  After the sanitiser both are the same bytes up to that whitespace.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils import yaml_load

from generator import pipeline
from generator.bodyhtml import page_html, renders_directly
from generator.content import content_hash, load_content, read_article_file
from generator.inert import _blocks_markdown, escape_text, unescape_markdown
from generator.render import render_site
from generator.sanitise import sanitise_html

REPO = Path(__file__).resolve().parent.parent


def _extensions() -> tuple[list[str], dict]:
    """markdown_extensions from mkdocs.yml, as MkDocs passes them to Python-Markdown."""
    with open(REPO / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, options), = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


EXTENSIONS, EXTENSION_CONFIGS = _extensions()


def via_markdown(title: str, body: str) -> tuple[str, list]:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    out = md.convert(f"# {escape_text(title)}\n\n{body}\n")
    return out, md.toc_tokens


class _Events(HTMLParser):
    """Elements, attributes and text of a fragment; entities decoded, whitespace collapsed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []
        self.text: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self.text).split())
        if text:
            self.events.append(("text", text))
        self.text = []

    def handle_starttag(self, tag, attrs):
        self._flush()
        self.events.append(("start", tag, tuple(sorted(attrs))))

    def handle_endtag(self, tag):
        self._flush()
        self.events.append(("end", tag))

    def handle_data(self, data):
        self.text.append(data)


def events(fragment: str) -> list[tuple]:
    parser = _Events()
    parser.feed(fragment)
    parser.close()
    parser._flush()
    return parser.events


def toc_shape(tokens: list) -> list:
    """What MkDocs takes from toc tokens (level, id, name, children), names as text."""
    return [
        (t["level"], t["id"], " ".join(html.unescape(t["name"]).split()), toc_shape(t["children"]))
        for t in tokens
    ]


def assert_same(title: str, body: str) -> None:
    assert renders_directly(title, body), (title, body)
    direct = page_html(title, body)
    expected, tokens = via_markdown(title, body)
    assert events(direct.html) == events(expected)
    assert toc_shape(direct.toc_tokens) == toc_shape(tokens)
    ids = set(re.findall(r' id="([^"]*)"', expected))
    assert direct.ids == ids
    # Whitespace: Markdown puts a newline between blocks (two after a raw one) and expands
    # tabs to spaces; the direct path keeps a tab as it is. Both show one space.
    squeeze = lambda s: re.sub(r"\s+", " ", re.sub(r">\s+<", "><", s.strip()))  # noqa: E731
    assert squeeze(sanitise_html(direct.html)) == squeeze(sanitise_html(expected))


# --------------------------------------------------------------------------- real content


def _content_articles():
    return load_content(REPO / "content").articles


@pytest.mark.parametrize("article", _content_articles(), ids=lambda a: a.id)
def test_seed_articles_match_markdown(article):
    if article.unedited:
        assert renders_directly(article.title, article.body)
    if renders_directly(article.title, article.body):
        assert_same(article.title, article.body)


def test_some_seed_articles_take_the_direct_path():
    flags = [a.unedited and renders_directly(a.title, a.body) for a in _content_articles()]
    assert any(flags), "no unedited seed article: the direct path is not exercised"


# --------------------------------------------------------------------------- tricky bodies

TRICKY_LINES = [
    ("<script>alert(1)</script> and <img src=x onerror=alert(2)>", False),
    ("Stars *like* this, _under_ this, **bold** and __also__", False),
    ("A link [x](y) and ![img](javascript:alert(1)) and <https://example.com>", False),
    ("Template {{ config.site_name }} and {% include 'x' %} and {: onclick=\"alert(1)\"}", False),
    ("Entities &amp; &lt;b&gt; &copy &#123; and a bare & ampersand", False),
    ("A heading", True),
    ("A heading", True),  # duplicate: _1
    ("Title of the page", True),  # same slug as the title below: the h1 keeps it
    ("Привет, мир — 中国探月工程 — مرحبا", False),
    ("中国探月工程", True),  # slug is empty: _1, _2 ...
    ("月球", True),
    ("1. not a list", False),
    ("- not a list", False),
    ("+ not a list", False),
    ("> not a quote", False),
    ("!!! danger \"not an admonition\"", False),
    ("??? note", False),
    ("--8<-- \"/etc/passwd\"", False),
    ("~~~ not a fence", False),
    (": not a definition", False),
    ("# not a heading #", False),
    ("### not a heading either", False),
    ("| a | b |", False),
    ("`code` and \\backslash\\ and \\*", False),
    ("[[[[[[ brackets ]]]]]] and ://x and ///y and \"title\")", False),
    ("Tab\tinside and  two spaces and a no-break\u00a0space", False),
    ("=== not setext", False),
    ("*" * 80, False),  # many escapes: a raw <p> line
    ("[x]" * 40, True),  # many escapes in a heading: a raw <h3> line
    ("& < > " * 30, False),
    ("Emoji 🚀 and combining e\u0301", True),
    ("A heading with *stars* and `ticks` & <b>tags</b>", True),
]

TITLES = [
    "Title of the page",
    '<script>alert(1)</script> & "quotes" {{ x }} [x](y) *a* _b_ #1',
    "中国和俄罗斯",
    "Chang’e-7 and Luna 27: a joint mission?",
]


@pytest.mark.parametrize("title", TITLES)
def test_tricky_bodies_match_markdown(title):
    body = _blocks_markdown(TRICKY_LINES).strip("\n")
    assert "<p>" in body and "<h3>" in body  # both raw forms are exercised
    assert_same(title, body)


def test_each_tricky_line_alone_matches_markdown():
    for line in TRICKY_LINES:
        assert_same("T", _blocks_markdown([line]).strip("\n"))


def test_empty_body_is_the_title_alone():
    assert_same("Only a title", "")


def test_text_is_never_markup():
    body = _blocks_markdown(TRICKY_LINES).strip("\n")
    out = page_html(TITLES[1], body).html
    assert "<script" not in out and "<img" not in out and "<b>" not in out and "<strong>" not in out
    assert "<em>" not in out and "<a href=\"y\"" not in out and "javascript" in out  # as text only
    tags = set(re.findall(r"</?([a-z0-9]+)", out))
    assert tags == {"h1", "h3", "p", "a"}
    hrefs = re.findall(r'href="([^"]*)"', out)
    assert all(h.startswith("#") for h in hrefs)
    # The page text is the plain text the analysis reads, line for line.
    texts = [e[1] for e in events(out) if e[0] == "text" and e[1] != "¶"]
    plain = [" ".join(x.split()) for x in unescape_markdown(body).split("\n")]
    assert texts == [TITLES[1]] + plain


line_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), min_size=1, max_size=80
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(line_text, st.booleans()), min_size=1, max_size=6), line_text)
def test_random_bodies_match_markdown(lines, title):
    body = _blocks_markdown(lines).strip("\n")  # every body ingest writes qualifies
    title = " ".join(unescape_markdown(escape_text(title)).split()) or "T"  # a clean one-line title
    assert_same(title, body)


# --------------------------------------------------------------------------- which pages


@pytest.mark.parametrize(
    "body",
    [
        "**bold**",
        "A paragraph\nwith two lines",
        "One\n\n\n\nTwo",
        "    indented code",
        "- a list",
        "1. a list",
        "#### h4",
        "## h2",
        "<div>raw</div>",
        "<p>a</p> <p>b</p>",
        "<p><b>x</b></p>",
        "> quote",
        "!!! note",
        "Text\n\n[ref]: https://example.com",
    ],
)
def test_editor_markdown_is_not_taken_directly(body):
    assert not renders_directly("Title", body)


@pytest.mark.parametrize("title", ["", " padded", "two\nlines", "ctl\x07char"])
def test_odd_titles_are_not_taken_directly(title):
    assert not renders_directly(title, "Body.")


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "content", tmp_path / "content")
    return tmp_path / "content"


def _direct_pages(content: Path) -> dict[str, bool]:
    model = pipeline.build_site_model(content, REPO / "templates")
    return {p.src_uri: p.inert_body is not None for p in model.pages if p.src_uri.startswith("articles/") and p.html_lead}


def test_only_unedited_articles_take_the_direct_path(content_copy: Path):
    flags = {f"articles/{a.id}.md": a.unedited for a in load_content(content_copy).articles}
    assert _direct_pages(content_copy) == flags
    # An edit that still looks like ingest's output moves the page to Markdown anyway.
    path = next(content_copy.glob("articles/*.md"))
    if not flags[f"articles/{path.stem}.md"]:
        path = next(p for p in content_copy.glob("articles/*.md") if flags[f"articles/{p.stem}.md"])
    path.write_text(path.read_text(encoding="utf-8") + "\nAn editor's **new** paragraph.\n", encoding="utf-8")
    assert read_article_file(path).edited
    assert _direct_pages(content_copy)[f"articles/{path.stem}.md"] is False


def test_a_custom_article_template_turns_the_direct_path_off(tmp_path: Path, content_copy: Path):
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    tpl = templates / "article.md.j2"
    tpl.write_text(tpl.read_text(encoding="utf-8") + "\nA line every article page gets.\n", encoding="utf-8")
    content = load_content(content_copy)
    out = render_site(content.articles, content.topics, None, templates)
    articles = [p for p in out.pages if p.src_uri.startswith("articles/") and p.html_lead]
    assert articles and all(p.inert_body is None and "A line every" in p.markdown for p in articles)


def test_content_hash_marks_unedited_files(content_copy: Path):
    for a in load_content(content_copy).articles:
        af = read_article_file(Path(a.path))
        assert a.unedited == (af.generated_sha256 == content_hash(af.text))
