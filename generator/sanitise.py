"""Last line of defence: an HTML allowlist for page content, and a site scanner.

The Markdown the generator writes is already inert (see ``inert.py``), but
templates, topic files written by editors and future Markdown extensions can
still produce HTML nobody intended.  :func:`sanitise_html` runs on every
page's rendered content and keeps only the elements and attributes an
article or topic page needs, so a mistake upstream shows up as missing
markup instead of running code in a reader's browser.

:func:`scan_site` checks the *built* site, head and body, theme included:
the sanitiser never sees what the theme adds around the content, and the
theme is where page titles and descriptions end up in ``<head>``.  It is
meant for tests: it reports every script that is not a theme asset or one of
Material's own known inline scripts, every ``on*=`` handler and every
``javascript:`` URL.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import nh3

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "MATERIAL_INLINE_SCRIPT_STARTS",
    "escape_attr",
    "escape_html",
    "sanitise_html",
    "scan_site",
]

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

ALLOWED_TAGS: frozenset[str] = frozenset(
    _HEADINGS
    | {"p", "a", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "em", "strong", "b", "i", "code", "pre", "kbd"}
    | {"mark", "del", "ins", "s", "small", "q", "cite"}
    | {"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col"}
    | {"span", "div", "time", "details", "summary", "abbr", "sup", "sub", "hr", "br"}
    | {"figure", "figcaption", "img", "section", "article", "aside", "nav"}
)

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class"},
    **{h: {"id"} for h in _HEADINGS},
    "a": {"href", "title", "id"},  # id: footnote back-reference targets
    "li": {"id"},  # footnotes
    "sup": {"id"},  # footnote references
    "div": {"id"},
    "span": {"id"},
    "dt": {"id"},
    "section": {"id"},
    "time": {"datetime"},
    "details": {"open", "data-search-exclude"},  # Material: keep the box out of the search index
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"align", "colspan", "rowspan", "scope", "style"},  # style: text-align only
    "td": {"align", "colspan", "rowspan", "style"},
    "col": {"span"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "q": {"cite"},
}

# Contents dropped entirely, not just the tags: their text is code or chrome.
_CLEAN_CONTENT_TAGS = {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math"}
_URL_SCHEMES = {"http", "https", "mailto"}
_IMG_SCHEMES = {"https"}
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Browsers ignore these inside URLs, so "java\tscript:" is "javascript:".
_URL_IGNORED_RE = re.compile(r"[\x00-\x20\x7f]")


def _scheme(url: str) -> str | None:
    m = _SCHEME_RE.match(_URL_IGNORED_RE.sub("", url))
    return m.group(1).lower() if m else None


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    """Tighter rules than nh3's own, applied per attribute.

    * ``img src`` only relative or https (no tracking over http, no data:).
    * ids starting with ``__`` are Material's (``__config``, ``__drawer``,
      ...); a heading called "__config" would otherwise shadow them and break
      the theme's scripts, so such ids and fragment links to them get a
      ``u`` prefix.
    """
    if tag == "img" and attr == "src":
        scheme = _scheme(value)
        if scheme is not None and scheme not in _IMG_SCHEMES:
            return None
        if value.lstrip().startswith("//"):
            return None  # protocol-relative: http on an http page
    if attr == "style" and tag not in ("th", "td"):
        return None
    if attr == "id" and value.startswith("__"):
        return "u" + value
    if attr == "href" and value.startswith("#__"):
        return "#u" + value[1:]
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=_CLEAN_CONTENT_TAGS,
    attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_attribute_filter,
    strip_comments=True,
    link_rel=None,  # no target= is allowed, so there is no opener to protect
    url_schemes=set(_URL_SCHEMES),
    # Python-Markdown's tables align columns with style="text-align: ..."; no
    # other property survives (no url(), no positioning over the page).
    filter_style_properties={"text-align"},
)


def sanitise_html(fragment: str) -> str:
    """``fragment`` with only allowlisted elements, attributes and URLs.

    Keeps what rendered Markdown pages need (headings with ids and MkDocs'
    ``headerlink`` anchors, lists, tables, code with highlight classes,
    Mermaid ``<pre class="mermaid">`` blocks, admonitions and details,
    footnotes, ``<time datetime>``); drops scripts, styles, frames, forms,
    event handlers and any URL that is not http(s), mailto, relative or a
    ``#fragment``.
    """
    return _CLEANER.clean(fragment)


def escape_html(text: str) -> str:
    """Text for an HTML text node (``&``, ``<``, ``>`` escaped, quotes too)."""
    return html.escape(text, quote=True)


def escape_attr(text: str) -> str:
    """Text for a quoted HTML attribute value.

    Escapes quotes as well as ``&<>`` and turns newlines into spaces, so a
    scraped title can never close the attribute or span lines in ``<head>``.
    """
    return html.escape(" ".join(text.split()), quote=True)


# ---- scanning a built site -------------------------------------------------

#: How Material's own inline scripts begin (mkdocs-material 9.x,
#: ``partials/javascripts/*.html``).  Analytics and redirect scripts are
#: deliberately absent: the site should not have them.
MATERIAL_INLINE_SCRIPT_STARTS: tuple[str, ...] = (
    '__md_scope=new URL("',  # partials/javascripts/base.html
    'var palette=__md_get("__palette");',  # partials/javascripts/palette.html
    'var tabs=__md_get("__tabs");',  # partials/javascripts/content.html
    "var target=document.getElementById(location.hash.slice(1));",  # content.html
    'var el=document.querySelector("[data-md-component=outdated]")',  # outdated.html
    'var el=document.querySelector("[data-md-component=announce]")',  # announce.html
    'var consent=__md_get("__consent");',  # consent.html
)

_URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "cite", "ping", "lowsrc", "dynsrc"}
    | {"longdesc", "usemap", "codebase", "manifest", "icon", "srcset", "imagesrcset"}
    | {"values", "to", "from", "by"}  # SVG <animate>/<set> can animate an href into javascript:
)
_URL_LIST_RE = re.compile(r"[,;]")
_SCRIPT_SCHEMES = ("javascript:", "vbscript:")
_FRAME_TAGS = frozenset({"iframe", "frame", "object", "embed", "base"})
_EVENT_RE = re.compile(r"on[a-z]+")
_REFRESH_URL_RE = re.compile(r"url\s*=\s*['\"]?(.*)", re.IGNORECASE | re.DOTALL)


def _is_script_url(value: str) -> bool:
    cleaned = _URL_IGNORED_RE.sub("", value).lower()
    return cleaned.startswith(_SCRIPT_SCHEMES)


def _snippet(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[:limit] + "...")


class _Scanner(HTMLParser):
    """Collects findings for one HTML file."""

    def __init__(self, site_dir: Path, page: str, script_prefixes: tuple[str, ...], base_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.site_dir = site_dir
        self.page = page  # path relative to site_dir, POSIX style
        self.script_prefixes = script_prefixes
        self.base_path = base_path  # URL path of the site root, "/..." ending in "/"
        self.label: str | None = None  # set for fragments that are not files
        self.findings: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []

    def _report(self, what: str) -> None:
        where = self.label or f"{self.page}:{self.getpos()[0]}"
        self.findings.append(f"{where}: {what}")

    def _theme_asset(self, src: str) -> bool:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or src.lstrip().startswith("//"):
            return False
        if parts.path.startswith("/"):  # MkDocs writes these into 404.html
            if not parts.path.startswith(self.base_path):
                return False
            target = posixpath.normpath(parts.path[len(self.base_path) :])
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), parts.path))
        if target.startswith("../") or target == "..":
            return False
        if not target.startswith(self.script_prefixes):
            return False
        return (self.site_dir / target).is_file()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if _EVENT_RE.fullmatch(name):
                self._report(f"<{tag}> has event handler {name}={_snippet(value or '')}")
            if value is None:
                continue
            if name in _URL_ATTRIBUTES and any(map(_is_script_url, _URL_LIST_RE.split(value))):
                self._report(f"<{tag} {name}> is a script URL {_snippet(value)}")
            elif name == "srcdoc":
                self._report(f"<{tag}> has srcdoc (an inline document)")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            m = _REFRESH_URL_RE.search(values.get("content") or "")
            if m and _is_script_url(m.group(1)):
                self._report(f"<meta refresh> to a script URL {_snippet(m.group(1))}")
        if tag in _FRAME_TAGS:
            self._report(f"<{tag}> element")
        if tag == "script":
            self._script = values
            self._script_text = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self._script is None:
            return
        attrs, text = self._script, "".join(self._script_text).strip()
        self._script = None
        src = attrs.get("src")
        if src is not None:
            if not self._theme_asset(src):
                self._report(f"<script src={_snippet(src)}> is not a theme asset")
            elif text:
                self._report(f"<script src> with inline text {_snippet(text)}")
            return
        if attrs.get("id") == "__config" and (attrs.get("type") or "").lower() == "application/json":
            return  # Material's configuration: data, never executed
        if any(text.startswith(start) for start in MATERIAL_INLINE_SCRIPT_STARTS):
            return
        self._report(f"inline <script> not in the allowlist {_snippet(text)}")

    def close(self) -> None:
        super().close()
        if self._script is not None:  # unterminated: the rest of the file is script
            self.handle_endtag("script")


_LOC_RE = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


def _site_base_path(site_dir: Path) -> str:
    """The URL path of the site root, from the shortest ``<loc>`` in sitemap.xml.

    MkDocs writes absolute URLs (``/<base>/assets/...``) into ``404.html``
    when ``site_url`` is set, and lists the home page in the sitemap.
    """
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return "/"
    paths = [urlsplit(html.unescape(m)).path for m in _LOC_RE.findall(sitemap.read_text("utf-8", "replace"))]
    if not paths:
        return "/"
    base = min(paths, key=len)
    return base if base.endswith("/") else base.rsplit("/", 1)[0] + "/"


def scan_site(
    site_dir: Path, *, script_prefixes: tuple[str, ...] = ("assets/",), base_path: str | None = None
) -> list[str]:
    """Findings ``"<page>:<line>: <what>"`` for every HTML file under ``site_dir``.

    An empty list means: no script other than theme assets (files that exist
    under ``assets/``, referenced relatively or under the site's own
    ``base_path``, by default read from ``sitemap.xml``) and Material's
    known inline scripts, no ``on*`` event handler, no
    ``javascript:``/``vbscript:`` URL, no frames, objects or ``<base>``.
    In file order, so test failures are stable.
    """
    site_dir = Path(site_dir)
    if base_path is None:
        base_path = _site_base_path(site_dir)

    def scan(page: str, text: str, label: str | None = None) -> None:
        scanner = _Scanner(site_dir, page, script_prefixes, base_path)
        scanner.label = label
        scanner.feed(text)
        scanner.close()
        findings.extend(scanner.findings)

    findings: list[str] = []
    for path in sorted(site_dir.rglob("*.htm*")):
        if path.suffix.lower() not in (".html", ".htm") or not path.is_file():
            continue
        scan(path.relative_to(site_dir).as_posix(), path.read_text(encoding="utf-8", errors="replace"))
    # Material's search renders the index's titles and texts as HTML.
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        try:
            docs = json.loads(index.read_text(encoding="utf-8", errors="replace")).get("docs", [])
        except (ValueError, AttributeError):
            findings.append("search/search_index.json: not a valid search index")
            docs = []
        for doc in docs:
            for field in ("title", "text"):
                value = doc.get(field) if isinstance(doc, dict) else None
                if isinstance(value, str) and "<" in value:
                    where = f"search/search_index.json: {doc.get('location', '?')!s} {field}"
                    scan("search/search_index.json", value, label=where)
    return findings
