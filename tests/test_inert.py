"""Scraped text must render as exactly its characters, and nothing else."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.inert import MARKDOWN_EXTENSIONS, body_markdown, code_span, escape_text, unescape_markdown
from generator.model import CleanResult, LineDecision
from generator.read import read_file


def _examples(default: int) -> int:
    """Hypothesis examples per property; raise with SAFETY_EXAMPLES for a long soak."""
    return int(os.environ.get("SAFETY_EXAMPLES", default))


HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
ROOT = Path(__file__).resolve().parents[1]

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](javascript:alert(1))",
    '{: onclick="alert(1)"}',
    "{{ config }}",
    "{% include 'x' %}",
    "{# c #}",
    '--8<-- "/etc/passwd"',
    "--8<--",
    ';--8<-- "x"',
    "!!! danger",
    '!!! danger "Title"',
    "??? note",
    "???+ note",
    "# heading",
    "###### heading ######",
    "1. item",
    "1) item",
    "- item",
    "+ item",
    "* item",
    "> quote",
    "    indented code",
    "\tindented code",
    "```js",
    "~~~",
    "---",
    "===",
    "***",
    "___",
    "- - -",
    "*[HTML]: Hyper Text",
    "[^1]: note",
    "x[^1]",
    "[ref]: https://example.com",
    "[TOC]",
    ": definition",
    "| a | b |",
    "|---|---|",
    "a | b",
    "<https://example.com>",
    "https://example.com/path_with_underscores?a=1&b=2",
    "www.example.com",
    "me@example.com",
    "<!-- comment -->",
    "&amp; &lt; &#91; &copy;",
    "`code`",
    "*em* **strong** _em_ __strong__",
    "line with two trailing spaces  ",
    "back\\slash \\* \\\\",
    "C# and F#",
    "///Footnotes Go Here///",
    '<div markdown="1">*x*</div>',
    "<p>para</p>",
    "Term\n: definition",
    "Title\n===",
    "Title\n---",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "!!! note\n    body",
]


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def render(md: str) -> str:
    return markdown.markdown(md, extensions=list(MARKDOWN_EXTENSIONS))


def visible(html: str) -> tuple[set[str], str, list]:
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return set(parser.tags), " ".join("".join(parser.text).split()), parser.attrs


def collapse(text: str) -> str:
    return " ".join(text.split())


def assert_inert(text: str, md: str, allowed=frozenset({"p"})) -> None:
    html = render(md)
    tags, shown, attrs = visible(html)
    assert tags <= allowed, html
    assert shown == collapse(text), html
    for name, _value in attrs:
        assert name == "id", html  # only toc ids on headings


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_inert(payload):
    assert_inert(payload, escape_text(payload))


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if "\n" not in p])
def test_payload_round_trip(payload):
    assert unescape_markdown(escape_text(payload)) == payload.strip()


def test_jinja_never_sees_braces():
    out = escape_text("{{ config }} {% include 'x' %} {# c #}")
    assert "{" not in out and "}" not in out
    assert "&#123;" in out


def test_urls_are_not_links():
    html = render(escape_text("see https://example.com and <https://example.com> and www.example.com"))
    assert "<a" not in html and "href" not in html


def test_escape_works_inline_in_markdown_contexts():
    title = "A | B [x](javascript:alert(1)) <b>"
    html = render(f"| Title | n |\n|---|---|\n| {escape_text(title)} | 1 |")
    assert "<table>" in html and "href" not in html
    tags, shown, _ = visible(html)
    assert tags == {"table", "thead", "tbody", "tr", "th", "td"}
    assert title in shown
    html = render(f"- [{escape_text(title)}](x.md)")
    assert html.count("<a") == 1 and 'href="x.md"' in html
    assert collapse(title) in visible(html)[1]
    html = render(f"# {escape_text('C# ###')}")
    assert visible(html)[1] == "C# ###"


def test_text_in_a_link_title_cannot_end_it():
    title = 'a") [y](javascript:alert(1)'
    html = render(f'[\\[1\\]](u.md "{escape_text(title)}")')
    assert html.count("<a ") == 1 and "javascript" not in html.split("title=")[0]
    shown = __import__("html").unescape(re.search(r'title="([^"]*)"', html).group(1))
    assert shown == title  # the browser shows exactly the text (entities decoded)


@pytest.mark.parametrize("name", ["000_a196451088c2ef19.txt", "a`b``c.txt", "`edge`", "<b>&amp;{{ x }}</b>", "  "])
def test_code_span(name):
    html = render(f"File: {code_span(name)} end")
    tags, shown, _ = visible(html)
    assert tags <= {"p", "code"}
    assert shown == collapse(f"File: {name} end")


def _result(*lines: tuple[str, bool]) -> CleanResult:
    return CleanResult(
        lines=tuple(LineDecision(i + 1, text, True, "test", heading) for i, (text, heading) in enumerate(lines))
    )


def test_body_markdown_paragraphs_and_headings():
    result = CleanResult(
        lines=(
            LineDecision(1, "First # para", True, "kept"),
            LineDecision(2, "dropped nav", False, "chrome"),
            LineDecision(3, "A sub-heading", True, "kept", heading=True),
            LineDecision(4, "  ", True, "kept"),
            LineDecision(5, "- not a list", True, "kept"),
        )
    )
    md = body_markdown(result)
    assert md == "First \\# para\n\n### A sub-heading\n\n\\- not a list\n"
    html = render(md)
    assert html.count("<p>") == 2 and html.count("<h3") == 1
    assert unescape_markdown(md) == "First # para\nA sub-heading\n- not a list"


def test_body_markdown_empty():
    assert body_markdown(_result()) == ""


def test_body_of_hostile_fixture_is_inert():
    doc = read_file(HOSTILE / "payloads.txt")
    lines = [line for line in doc.text.split("\n") if line.strip()]
    md = body_markdown(_result(*((line, False) for line in lines)))
    assert_inert(" ".join(lines), md)
    assert unescape_markdown(md) == "\n".join(line.strip() for line in lines)


def test_many_escapes_use_a_raw_block():
    line = "[" * 500 + " <b> {{ x }} & " + "*" * 300
    md = body_markdown(_result((line, False), (line, True)))
    assert md.startswith("<p>") and "\n\n<h3>" in md
    assert_inert(line + " " + line, md, allowed={"p", "h3"})
    assert unescape_markdown(md) == f"{line}\n{line}"


def test_bracket_bomb_renders_quickly():
    """20,000 `[` must not hit Python-Markdown's quadratic bracket matching.

    Run in a subprocess with a generous timeout so a regression fails
    instead of hanging the suite (unescaped it takes over a minute).
    """
    script = textwrap.dedent(
        f"""
        import markdown
        from generator.inert import MARKDOWN_EXTENSIONS, body_markdown
        from generator.model import CleanResult, LineDecision
        from generator.read import read_file
        doc = read_file({str(HOSTILE / "bracket_bomb.txt")!r})
        lines = [l for l in doc.text.split("\\n") if l]
        result = CleanResult(lines=tuple(LineDecision(i + 1, l, True, "t") for i, l in enumerate(lines)))
        html = markdown.markdown(body_markdown(result), extensions=list(MARKDOWN_EXTENSIONS))
        assert "[" * 20000 in __import__("html").unescape(html)
        for text in ("[" * 20000, "]" * 20000, "[a" * 20000, "![](" * 5000):
            result = CleanResult(lines=(LineDecision(1, text, True, "t"),))
            markdown.markdown(body_markdown(result), extensions=list(MARKDOWN_EXTENSIONS))
        print("ok")
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=20,
        cwd=ROOT,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


# ---- properties -----------------------------------------------------------

_SYNTAX = st.sampled_from(
    PAYLOADS
    + ["\n", "\n\n", " ", "  ", "\t", "[", "]", "[[", "{", "}", "<", ">", "&", "\\", "`", "*", "_", "#", "|", "!",
       "?", ":", "=", "~", "-", "+", ".", "1.", "(", ")", "^", "%", ";", "'", '"', "/", "//", "://", "\u00a0", "\u2028",
       "\u3000", "é", "東京", "\U0001f680"]
)  # fmt: skip
_PRINTABLE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=10)
TEXT = st.lists(st.one_of(_SYNTAX, _PRINTABLE), max_size=20).map("".join)
PROPERTY = settings(max_examples=_examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(TEXT)
def test_property_escaped_text_renders_as_itself(text):
    assert_inert(text, escape_text(text))


@PROPERTY
@given(TEXT)
def test_property_round_trip_single_line(text):
    line = collapse(text.replace("\u2028", " "))
    assert unescape_markdown(escape_text(line)) == line


@PROPERTY
@given(TEXT)
def test_property_code_span_is_inert(text):
    html = render(f"x {code_span(text)} y")
    tags, shown, attrs = visible(html)
    assert tags <= {"p", "code"} and not attrs, html
    assert shown == collapse(f"x {text} y")


@PROPERTY
@given(st.lists(st.tuples(TEXT, st.booleans()), max_size=6))
def test_property_body_is_inert(lines):
    md = body_markdown(_result(*lines))
    assert_inert(" ".join(text for text, _ in lines), md, allowed={"p", "h3"})
    expected = [collapse(line) for text, _ in lines for line in text.replace("\u2028", " ").split("\n")]
    assert [collapse(x) for x in unescape_markdown(md).split("\n") if x] == [x for x in expected if x]


# The render stage uses escape_text for every template value, inline in
# headings, list items, table cells, link texts and link titles.
INLINE_CONTEXTS = {
    "heading": ("# {}", {"h1"}),
    "list item": ("- {}", {"ul", "li"}),
    "numbered item": ("1. {}", {"ol", "li"}),
    "table cell": ("| h |\n|---|\n| {} |", {"table", "thead", "tbody", "tr", "th", "td"}),
    "link text": ("[{}](x.md)", {"p", "a"}),
    "link title": ('[1](x.md "{}")', {"p", "a"}),
    "quote": ("> {}", {"blockquote", "p"}),
    "mid-line": ("a {} b", {"p"}),
}


@PROPERTY
@given(TEXT, st.sampled_from(sorted(INLINE_CONTEXTS)))
@example("'')", "link title")  # a single quote before ")" once ended the title and the link
@example('say "hi")', "link title")
def test_property_inline_contexts_stay_inert(text, context):
    """Only the template's own markup appears, with the value as its text.

    In a link title the tooltip may come out shortened (Python-Markdown
    reads a lone ``'`` in a ``"..."`` title as a delimiter), but the title
    can never end the link or add attributes.
    """
    line = collapse(text.replace("\u2028", " "))
    template, allowed = INLINE_CONTEXTS[context]
    html = render(template.format(escape_text(line)))
    tags, shown, attrs = visible(html)
    assert tags <= allowed, html
    assert {name for name, _ in attrs} <= {"id", "href", "title"}, html
    assert all(value == "x.md" for name, value in attrs if name == "href"), html
    if context == "link title":
        assert shown == "1", html
    else:
        assert line in shown, html


@PROPERTY
@given(TEXT, st.sampled_from(sorted(INLINE_CONTEXTS)))
def test_property_code_span_in_inline_contexts(text, context):
    if context == "link title":
        return  # no markup in an attribute
    line = collapse(text.replace("\u2028", " "))
    template, allowed = INLINE_CONTEXTS[context]
    html = render(template.format(code_span(line)))
    tags, shown, attrs = visible(html)
    assert tags <= allowed | {"code"}, html
    assert "{" not in code_span(line)
    assert {name for name, _ in attrs} <= {"id", "href"}, html
    assert line in shown, html


def test_bracket_text_in_link_text_is_not_a_reference_definition():
    # Found by the property test: the line must not vanish as "[label]: url" would.
    import markdown

    from generator.inert import MARKDOWN_EXTENSIONS, code_span, escape_text

    for text in ("[[^1]: note", "[x]: https://example.com", "a] b [c]: d"):
        for piece in (escape_text(text), code_span(text)):
            html = markdown.markdown(f"[{piece}](https://example.com)", extensions=MARKDOWN_EXTENSIONS)
            assert 'href="https://example.com"' in html, (text, html)
            visible = re.sub(r"<[^>]+>", "", html)
            assert __import__("html").unescape(visible) == text, (text, html)
