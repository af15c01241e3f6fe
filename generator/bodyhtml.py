"""Article pages straight to HTML when the body is still ingest's inert Markdown.

Ingest writes a body as one block per kept line (:func:`generator.inert.body_markdown`):
an escaped paragraph, a ``### `` heading, or a raw ``<p>``/``<h3>`` line whose text is
already entities.  Python-Markdown turns such a body into one ``<p>`` or ``<h3>`` per
block, showing exactly the line's plain text; converting it costs more than a third of
what MkDocs spends on an article page.  For a body in that form this module builds the
same HTML directly:

* every text goes through :func:`generator.inert._unescape_line` (the plain text the
  analysis reads) and then :func:`html.escape`, so no character of it can become markup;
* headings get the ids, permalinks and table-of-contents entries of the ``toc``
  extension as configured in ``mkdocs.yml`` (``permalink: true``, default slugify),
  made with that extension's own ``slugify``, ``unique`` and ``nest_toc_tokens``;
* raw ``<h3>`` lines stay without id and out of the table of contents, as Python-Markdown
  leaves them (it passes raw HTML blocks through untouched).

The result differs from Python-Markdown's only in how characters are spelled (``{``
where the Markdown path keeps ``&#123;``; the sanitiser re-serialises both the same way)
and in whitespace (newlines between blocks; a tab stays a tab where Markdown expands it
to spaces), which a browser shows alike.  tests/test_bodyhtml.py compares the two.

Which bodies qualify is decided by :func:`renders_directly`; everything else (editor
Markdown) is converted by MkDocs as before.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markdown.extensions.toc import nest_toc_tokens, slugify, unique

from .inert import _unescape_line

__all__ = ["PageHtml", "page_html", "renders_directly"]

SEPARATOR = "-"  # the toc extension's default
PERMALINK = '<a class="headerlink" href="#{id}" title="Permanent link">&para;</a>'

# A line that Python-Markdown could read as something other than one paragraph, one
# ``### `` heading or one whole raw <p>/<h3> block: leading whitespace (code, lazy
# continuation), another heading level, HTML that is not one whole <p>/<h3> element, or a
# character that starts a list, quote, rule, admonition, fence or definition (ingest
# escapes all of these at the start of a line).
_ODD_LINE_RE = re.compile(
    r"^(?:[ \t\-+*>=!?:~|`_\[{]|\d+\.(?:[ \t]|$)|#(?!## \S)|<(?!(p|h3)>[^<\n]*</\1>$))", re.MULTILINE
)
# Titles the Markdown path would split or trim: line breaks and controls (see inert._prepare).
_ODD_TITLE_RE = re.compile("[\n\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def renders_directly(title: str, body: str) -> bool:
    """Whether ``body`` has the shape ingest writes, so :func:`page_html` matches Markdown.

    Callers also require the article file to be unedited (its ``generated_sha256``
    matches), which makes the body exactly ingest's output; this check is the cheap
    structural guard on top: blocks separated by exactly one blank line, each block one
    line of a canonical kind, and a one-line title without surrounding whitespace.
    """
    if not title or title != title.strip() or _ODD_TITLE_RE.search(title):
        return False
    if "\n\n\n" in body or body.count("\n") != 2 * body.count("\n\n"):
        return False  # a block of several lines, or an empty block
    return body == body.strip() and not _ODD_LINE_RE.search(body)


@dataclass(frozen=True)
class PageHtml:
    html: str  # <h1> title, then the body blocks
    toc_tokens: list  # as the toc extension leaves them in ``Markdown.toc_tokens``
    ids: frozenset[str]  # element ids on the page, for MkDocs' anchor validation


def page_html(title: str, body: str) -> PageHtml:
    """The HTML (and table of contents) Python-Markdown would make of ``# title`` + ``body``."""
    used: set[str] = set()
    counters: dict[str, int] = {}
    tokens: list[dict] = []
    out: list[str] = []

    def heading(level: int, text: str) -> str:
        inner = html.escape(text, quote=False)
        name = " ".join(inner.split())
        anchor = unique(slugify(html.unescape(name), SEPARATOR), used, counters)
        tokens.append({"level": level, "id": anchor, "name": name, "html": inner, "data-toc-label": ""})
        return f'<h{level} id="{anchor}">{inner}{PERMALINK.format(id=anchor)}</h{level}>'

    out.append(heading(1, title))
    for line in body.split("\n\n") if body else ():
        if line.startswith("### "):
            out.append(heading(3, _unescape_line(line)))
        elif line.startswith("<h3>"):
            out.append(f"<h3>{html.escape(_unescape_line(line), quote=False)}</h3>")
        else:
            out.append(f"<p>{html.escape(_unescape_line(line), quote=False)}</p>")
    return PageHtml("\n".join(out), nest_toc_tokens(tokens), frozenset(used))
