"""Turn scraped text into Markdown that renders as exactly that text.

Scraped articles are hostile input: a line that happens to read ``!!! danger``,
``--8<-- "/etc/passwd"``, ``{{ config }}``, ``<script>`` or ``[x](javascript:..)``
would otherwise become an admonition, a file include, a template expression,
live HTML or a live link once it reaches Python-Markdown.  Everything the
generator writes into a Markdown page from outside goes through
:func:`escape_text` (or :func:`body_markdown` for a whole article body), so
the page shows the characters and nothing else.

Design choices, and why:

* ``&``, ``<`` and ``>`` become entities, so no raw HTML, autolink or HTML
  comment can ever start.
* ``{`` and ``}`` become ``&#123;``/``&#125;``: neither Jinja (``{{``, ``{%``,
  ``{#``) nor ``attr_list`` (``{: onclick=...}``) sees a brace.
* Characters that are markup anywhere in a line (`` \\ ` * _ [ ] | ``) get a
  backslash escape, which Python-Markdown (with ``tables`` loaded) turns back
  into the literal character.  ``|`` stays a backslash escape rather than an
  entity so the output also works inside a table cell.
* Characters that are markup only at the start of a line (``#``-headings,
  ``-``/``+``/``1.`` lists, ``=``/``-`` setext underlines, ``!!!``
  admonitions, ``???`` details, ``:`` definitions, ``~~~`` fences, ``>``
  quotes) are escaped there; escaping them everywhere would make the stored
  Markdown unreadable for editors.  ``#`` is escaped everywhere because a
  trailing ``#`` would be eaten by a heading.
* Leading whitespace of a line is dropped (indentation means code blocks and
  list continuations) and so is trailing whitespace (two trailing spaces mean
  a hard line break).  Neither is visible in the rendered paragraph.
* Runs of two or more ``[``/``]`` become ``&#91;``/``&#93;``.  Unescaped
  brackets make Python-Markdown's link matcher scan ahead for every ``[``,
  which is quadratic (20,000 ``[`` take over a minute).  Every escape is one
  inline match that copies the paragraph, so a line with very many escapes is
  still slow; :func:`body_markdown` therefore writes such lines as a raw
  ``<p>`` block, which Python-Markdown stashes in one step.
* A ``)`` right after a ``"`` or a ``'`` gets a backslash, so text used as
  a link title (``[1](url "{{ title }}")``) cannot end the title and the
  link (Python-Markdown takes either quote for the end of a title).
* ``://`` becomes ``&#58;//`` and ``///`` becomes ``&#47;//`` so that no
  auto-linking extension (should one be added later) and no footnote
  placeholder can ever match scraped text.

:func:`code_span` puts a value in code style the same way (an inline
``<code>`` around escaped text), because a Markdown code span would show the
escapes literally.  :func:`unescape_markdown` reverses all of this to recover
the plain text for analysis from a stored body.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import lru_cache

from .model import CleanResult

__all__ = [
    "MARKDOWN_EXTENSIONS",
    "RAW_BLOCK_THRESHOLD",
    "body_markdown",
    "code_span",
    "escape_text",
    "unescape_markdown",
]

#: The Python-Markdown extensions the site is built with; the tests render with
#: exactly this list, so a change to mkdocs.yml should be mirrored here.
MARKDOWN_EXTENSIONS: tuple[str, ...] = (
    "attr_list",
    "md_in_html",
    "admonition",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.snippets",
    "toc",
    "tables",
    "footnotes",
    "abbr",
    "def_list",
)

#: A body line needing more escapes than this is written as a raw ``<p>``
#: block: each escape costs Python-Markdown a copy of the whole paragraph.
RAW_BLOCK_THRESHOLD = 64

# Escaped wherever they appear.
_ALWAYS = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "{": "&#123;",
    "}": "&#125;",
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    # An entity, not "\\]": Python-Markdown's reference-definition pattern ignores
    # backslash escapes, so "[x\\]: y" inside a link's text would still end a label
    # and swallow the whole line.  "&#93;" can never close anything.
    "]": "&#93;",
    "|": "\\|",
    "#": "\\#",
}

# Escaped only as the first character of a line.
_LINE_START = {
    "-": "\\-",
    "+": "\\+",
    "!": "\\!",
    "=": "&#61;",
    "?": "&#63;",
    ":": "&#58;",
    "~": "&#126;",
}

# Control characters other than tab and newline: Python-Markdown uses STX/ETX
# internally as placeholder delimiters, and none of them is printable anyway.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Characters that Python's str.split() treats as line breaks but
# Python-Markdown does not; they become plain spaces.
_ODD_BREAKS_RE = re.compile("[\x1c-\x1e\x85\u2028\u2029]")
_NEWLINES_RE = re.compile(r"\r\n?")
_ORDERED_RE = re.compile(r"(\d+)\.(?=\s|$)")
_TOKEN_RE = re.compile(r"\[{2,}|\]{2,}|://|///|[\"'][ \t]*\)|.", re.DOTALL)


def _prepare(text: str) -> list[str]:
    """Split into lines, drop controls and the whitespace around each line."""
    text = _NEWLINES_RE.sub("\n", text)
    text = _ODD_BREAKS_RE.sub(" ", text)
    text = _CONTROL_RE.sub("", text)
    return [line.strip() for line in text.split("\n")]


def _escape_line(line: str) -> str:
    """Escape one stripped line (no newlines) for a Markdown context."""
    out: list[str] = []
    start = 0
    m = _ORDERED_RE.match(line)
    if m:  # "1. text" would start an ordered list
        out.append(m.group(1) + "\\.")
        start = m.end()
    elif line and line[0] in _LINE_START:
        out.append(_LINE_START[line[0]])
        start = 1
    for tok in _TOKEN_RE.findall(line, start):
        if len(tok) == 1:
            out.append(_ALWAYS.get(tok, tok))
        elif tok[0] == "[":
            out.append("&#91;" * len(tok))
        elif tok[0] == "]":
            out.append("&#93;" * len(tok))
        elif tok[0] in "\"'":  # '")' or "')" would end a link title the text sits in
            out.append(tok[:-1] + "\\)")
        elif tok == "://":
            out.append("&#58;//")
        else:  # "///"
            out.append("&#47;//")
    return "".join(out)


@lru_cache(maxsize=16384)  # pure; templates escape the same names, dates and titles many times
def escape_text(s: str) -> str:
    """Return Markdown that renders as the characters of ``s`` and nothing else.

    Works both as a whole paragraph and inline (a heading, a list item, a
    table cell), which is how the render stage uses it for every template
    value.  Newlines are kept; leading and trailing whitespace of each line
    is dropped because it is invisible in HTML and is where Markdown's
    indentation constructs live.
    """
    return "\n".join(_escape_line(line) for line in _prepare(s))


def code_span(s: str) -> str:
    """``s`` in code style, e.g. for a source file name.

    A Markdown code span shows every character literally, so it cannot hold
    :func:`escape_text` output (the backslashes and entities would show) and
    cannot hide ``{{`` from a template engine either.  An inline ``<code>``
    element around escaped text has neither problem: Python-Markdown keeps
    the two tags and processes the text between them as usual.  Whitespace
    is collapsed so the element stays on one line; an empty ``s`` gives ``""``.
    """
    text = " ".join(_CONTROL_RE.sub("", s).split())
    return f"<code>{_escape_line(text)}</code>" if text else ""


def _raw_html_line(line: str, tag: str) -> str:
    """A line as a raw HTML block: entities only, no Markdown escapes."""
    body = html.escape(line, quote=False)
    body = body.replace("{", "&#123;").replace("}", "&#125;")
    body = body.replace("[", "&#91;").replace("]", "&#93;")
    return f"<{tag}>{body}</{tag}>"


def _count_escapes(escaped: str) -> int:
    return escaped.count("\\") + escaped.count("&")


def _block(line: str, heading: bool) -> str | None:
    """One body line as one Markdown block, or None when it is empty."""
    if not line:
        return None
    escaped = _escape_line(line)
    if _count_escapes(escaped) > RAW_BLOCK_THRESHOLD:
        return _raw_html_line(line, "h3" if heading else "p")
    return f"### {escaped}" if heading else escaped


def body_markdown(result: CleanResult) -> str:
    """The kept lines of ``result`` as inert Markdown.

    Each kept line becomes its own paragraph (blocks separated by a blank
    line, so no line can continue or interrupt another); sub-headings become
    ``### `` headings so they appear in the table of contents.
    """
    return _blocks_markdown((d.text, d.heading) for d in result.kept)


def _blocks_markdown(lines: Iterable[tuple[str, bool]]) -> str:
    blocks: list[str] = []
    for text, heading in lines:
        for line in _prepare(text):
            block = _block(line, heading)
            if block is not None:
                blocks.append(block)
    return "\n\n".join(blocks) + ("\n" if blocks else "")


_RAW_LINE_RE = re.compile(r"<(p|h3)>(.*)</\1>")
_HEADING_RE = re.compile(r"#{1,6}[ \t]+")
_CLOSING_HASHES_RE = re.compile(r"[ \t]+#+[ \t]*$")
_UNESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])|&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _unescape_token(m: re.Match[str]) -> str:
    if m.group(1) is not None:
        return m.group(1)
    return html.unescape(m.group(0))


def _unescape_line(line: str) -> str:
    raw = _RAW_LINE_RE.fullmatch(line)
    if raw:
        return html.unescape(raw.group(2))
    heading = _HEADING_RE.match(line)
    if heading:
        line = _CLOSING_HASHES_RE.sub("", line[heading.end() :])
    return _UNESCAPE_RE.sub(_unescape_token, line)


def unescape_markdown(md: str) -> str:
    """Plain text of a stored body: one paragraph per line.

    Reverses :func:`escape_text` and :func:`body_markdown`: backslash escapes
    and entities become characters, ``### `` heading markers and raw
    ``<p>``/``<h3>`` wrappers are removed, and the blank lines between
    paragraphs collapse to single newlines.  For a single stripped line
    ``unescape_markdown(escape_text(t)) == t``.
    """
    lines = [_unescape_line(line.strip()) for line in md.split("\n")]
    return "\n".join(line for line in lines if line)
