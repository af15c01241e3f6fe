"""Render stage: checked content (+ analysis) -> Markdown pages and data files, in memory.

Nothing here touches the disk except reading templates, and nothing imports
MkDocs: the plugin hands the result to MkDocs as generated files.

Safety by default: the Jinja environment *finalises* every ``{{ value }}`` by
escaping it into inert Markdown (see :mod:`generator.inert`).  A template
author cannot forget to escape a scraped title; only values wrapped in
:class:`markupsafe.Markup` (links and Markdown we build ourselves) pass
through unchanged.
"""

from __future__ import annotations

import html
import json
import posixpath
from urllib.parse import quote
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import jinja2
from markupsafe import Markup

from .analyse import to_json as analysis_json
from .analyse.assign import find_keywords
from .bodyhtml import renders_directly
from .feed import atom_feed
from .inert import escape_text
from .model import Article, Topic

PAGE_SIZE = 100  # articles per index page: no page links to thousands of articles
HOME_LATEST = 10
UNKNOWN_PUBLISHER = "Unknown publisher"
PASSAGES_PER_ARTICLE = 3  # paragraphs quoted per article under "What each source says"
TOPIC_COVERAGE_LIMIT = 30  # longer coverage lists link to the paginated index instead
FACTS_SHOWN = 10  # facts listed openly; the rest sit in a collapsed block
# A topic page stays readable (and cheap to build) however many articles feed it:
# each section shows at most this many items, chosen as below; explainer.json has all.
FACTS_LISTED = 50  # the best-supported facts (the analysis ranks them)
TIMELINE_LISTED = 60  # curated entries, then the events most sources report, in date order
PLAYERS_LISTED = 30  # the most mentioned
QUOTES_LISTED = 12  # the most widely reported
CITES_SHOWN = 8  # citation links per item; "and N more" after them (the count is exact)


@dataclass(frozen=True)
class PageOut:
    """A generated Markdown page and the head metadata the plugin sets on it."""

    src_uri: str  # e.g. "topics/ilrs.md"
    title: str  # plain text; escaped by the plugin before it reaches <head>
    description: str  # plain text
    markdown: str
    html_after: str = ""  # trusted HTML the plugin appends after conversion (escaped with |html)
    html_lead: str = ""  # trusted HTML the plugin inserts after the page's <h1>
    searchable: bool = True  # False: lists of other pages (indexes, sources) stay out of search
    # An article body still in ingest's inert form: the plugin turns `title` + this into
    # HTML with bodyhtml.page_html instead of Markdown, and `markdown` is empty.
    inert_body: str | None = None


@dataclass(frozen=True)
class StreamedFile:
    """A big generated file produced piece by piece (``explainer.json``).

    The plugin writes the pieces to a temporary file for MkDocs to copy, so
    the whole document never sits in memory; ``read()`` joins them (tests).
    """

    chunks: Callable[[], Iterator[str]]

    def read(self) -> bytes:
        return "".join(self.chunks()).encode("utf-8")

    def write_to(self, path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="\n") as fp:
            for piece in self.chunks():
                fp.write(piece)


@dataclass(frozen=True)
class SiteOut:
    pages: tuple[PageOut, ...]
    files: Mapping[str, bytes | StreamedFile] = field(default_factory=dict)  # non-page outputs: explainer.json, feeds
    nav: tuple = ()  # MkDocs nav entries built from the topics


def _finalize(value: Any) -> Any:
    """Escape every template output that is not explicitly trusted Markdown."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    return escape_text(str(value))


def make_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=False,  # output is Markdown, escaped by _finalize instead
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["link"] = lambda target: Markup(target)  # a path we built ourselves
    env.filters["md"] = lambda text: Markup(text)  # Markdown that is already inert
    env.filters["url"] = link_target  # an external URL from front matter
    env.filters["html"] = lambda text: Markup(html.escape(str(text)))  # text inside a raw HTML block
    env.filters["plural"] = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"
    env.filters["human_date"] = human_date
    return env


def link_target(url: str) -> Markup:
    """An external URL made safe as a Markdown link target.

    The schema already admits only http(s) URLs; here every character that
    could end the link or start Markdown/HTML syntax is percent-encoded.
    """
    if not url.lower().startswith(("http://", "https://")):
        return Markup("#")
    return Markup(quote(url, safe=":/?#@!$&'*+,;=%~-._"))


MONTHS = (
    "January February March April May June July August September October November December"
).split()


def human_date(value: str | None) -> str:
    """``2021-03-09`` -> ``9 March 2021``; ``2021-03`` -> ``March 2021``; None -> ``undated``."""
    if not value:
        return "undated"
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return value


def rel(from_uri: str, to_uri: str) -> str:
    """Relative Markdown link between two source files, so MkDocs validates it."""
    return _relative(to_uri, posixpath.dirname(from_uri))


def _relative(path: str, start: str) -> str:
    """``posixpath.relpath(path, start or ".")`` for clean relative paths (no ``.``/``..``/``//``).

    Source URIs are always of that shape; ``relpath`` makes both absolute
    with the working folder first, which was a tenth of rendering time.
    """
    if "/." in "/" + path or "/." in "/" + start:  # anything unusual: the library does it right
        return posixpath.relpath(path, start or ".")
    to = path.split("/") if path else []
    frm = start.split("/") if start else []
    common = 0
    for a, b in zip(to, frm):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(frm) - common) + to[common:]
    return "/".join(parts) or "."


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The site URL MkDocs gives a page (``articles/x.md`` -> ``articles/x/``), as MkDocs does it."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_uri: str, to_uri: str, directory_urls: bool = True) -> str:
    """Relative URL between two pages, for links in HTML that MkDocs does not rewrite."""
    src, dst = page_url(from_uri, directory_urls), page_url(to_uri, directory_urls)
    base = src.rsplit("/", 1)[0] if "/" in src else ""
    target = _relative(dst.rstrip("/"), base)
    if dst.endswith("/") or dst == "":
        target = "./" if target == "." else target + "/"
    return target


def article_uri(article: Article) -> str:
    return f"articles/{article.id}.md"


def topic_uri(topic: Topic) -> str:
    return f"topics/{topic.id}.md"


def index_uri(page: int) -> str:
    return "articles/index.md" if page == 1 else f"articles/page-{page}.md"


def by_date(articles: Iterable[Article]) -> list[Article]:
    """Newest first, undated last, ties by id: two stable sorts, so the order is total."""
    ordered = sorted(articles, key=lambda a: a.id)
    ordered.sort(key=lambda a: a.date or "", reverse=True)  # "" (undated) sorts after every date
    return ordered


def _lead(article: Article, limit: int = 220) -> str:
    text = article.paragraphs[0] if article.paragraphs else ""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(",;:") + "…"


def passages(article: Article, topic: Topic, limit: int = PASSAGES_PER_ARTICLE) -> list[str]:
    """The article's paragraphs that mention the topic, in article order."""
    out = []
    for paragraph in article.paragraphs:
        if find_keywords(paragraph, topic.keywords):
            out.append(paragraph)
            if len(out) == limit:
                break
    return out


def topic_sections(data: Any) -> dict[str, Any]:
    """What a topic page lists of each analysis section, and how many there are in all.

    The analysis already ranks facts (most sources first), players (most
    mentions first) and quotes (most sources first), so those keep their
    first items.  The timeline is in date order: it keeps editors' entries and
    the events reported by the most sources (ties: the later event), then shows
    them in date order again.  Small topics lose nothing.
    """
    if data is None:
        return {"facts": (), "timeline": (), "players": (), "quotes": (), "totals": {}}
    timeline = data.timeline
    if len(timeline) > TIMELINE_LISTED:
        ranked = sorted(range(len(timeline)), key=lambda i: (not timeline[i].curated, -len(timeline[i].sources), -i))
        keep = sorted(ranked[:TIMELINE_LISTED])
        timeline = tuple(timeline[i] for i in keep)
    return {
        "facts": data.facts[:FACTS_LISTED],
        "timeline": timeline,
        "players": data.players[:PLAYERS_LISTED],
        "quotes": data.quotes[:QUOTES_LISTED],
        "totals": {
            "facts": len(data.facts),
            "timeline": len(data.timeline),
            "players": len(data.players),
            "quotes": len(data.quotes),
        },
    }


def render_site(
    articles: Sequence[Article],
    topics: Sequence[Topic],
    analysis: Mapping[str, Any] | None,
    templates_dir: Path,
    *,
    site_name: str = "Space Explainer",
    page_size: int = PAGE_SIZE,
    site_url: str | None = None,
    directory_urls: bool = True,
) -> SiteOut:
    """Render every generated page and data file.

    Linear in the number of articles: each article is rendered once, topic
    pages only see their own articles, and index pages are paginated.
    """
    env = make_environment(templates_dir)
    analysis = analysis or {}
    ordered = by_date(articles)
    by_id = {a.id: a for a in ordered}
    topic_articles: dict[str, list[Article]] = defaultdict(list)
    for a in ordered:
        for t in a.topics:
            topic_articles[t].append(a)
    topic_by_id = {t.id: t for t in topics}

    pages: list[PageOut] = []
    publishers: dict[str, list[Article]] = defaultdict(list)
    for a in ordered:
        publishers[a.source or UNKNOWN_PUBLISHER].append(a)

    def links(uri: str) -> dict[str, Any]:
        return {
            "article_link": lambda a: Markup(rel(uri, article_uri(a))),
            "topic_link": lambda t: Markup(rel(uri, topic_uri(t))),
            "index_link": lambda n: Markup(rel(uri, index_uri(n))),
            "page_link": lambda target: Markup(rel(uri, target)),
            # For HTML parts (html_lead/html_after): the final URL, HTML-escaped.
            "url_to": lambda target: Markup(html.escape(href(uri, target, directory_urls))),
        }

    # Home page.
    uri = "index.md"
    pages.append(
        PageOut(
            uri,
            site_name,
            "Explainers on lunar and space exploration, built from many sources.",
            env.get_template("home.md.j2").render(
                site_name=site_name,
                topics=topics,
                topic_counts={t.id: len(topic_articles[t.id]) for t in topics},
                latest=ordered[:HOME_LATEST],
                total=len(ordered),
                publisher_count=len([p for p in publishers if p != UNKNOWN_PUBLISHER]),
                **links(uri),
            ),
        )
    )

    # Topic pages.
    for t in topics:
        uri = topic_uri(t)
        members = topic_articles[t.id]
        data = analysis.get(t.id)
        shown = members[:TOPIC_COVERAGE_LIMIT]
        pages.append(
            PageOut(
                uri,
                t.title,
                t.summary,
                env.get_template("topic.md.j2").render(
                    topic=t,
                    facts_shown=FACTS_SHOWN,
                    articles=shown,
                    total=len(members),
                    passages={a.id: passages(a, t) for a in shown},
                    cite=(cite := {a.id: n for n, a in enumerate(members, start=1)}),
                    cite_order=lambda ids, cite=cite: sorted({s for s in ids if s in cite}, key=cite.get),
                    analysis=data,
                    shown=topic_sections(data),
                    cites_shown=CITES_SHOWN,
                    by_id=by_id,
                    topic_by_id=topic_by_id,
                    publishers=sorted({a.source for a in members if a.source}),
                    **links(uri),
                ),
            )
        )

    # Article pages.
    # Byline and origin box are HTML placed around the converted body (see the
    # templates): at 10,000 articles their Markdown cost 25% more per article page.
    # Unedited bodies skip Markdown: bodyhtml.py builds the same HTML for a fraction of
    # the cost, as long as the template is still plain "# title" + body.
    tpl = env.get_template("article.md.j2")
    byline = env.get_template("article-byline.html.j2")
    origin = env.get_template("article-origin.html.j2")
    plain_template = _is_title_and_body(tpl)
    for a in ordered:
        uri = article_uri(a)
        page_topics = [topic_by_id[t] for t in a.topics if t in topic_by_id]
        direct = plain_template and a.unedited and renders_directly(a.title, a.body)
        pages.append(
            PageOut(
                uri,
                a.title,
                _lead(a),
                "" if direct else tpl.render(article=a, topics=page_topics, **links(uri)),
                origin.render(article=a),
                byline.render(article=a, topics=page_topics, topic_uri=topic_uri, **links(uri)),
                inert_body=a.body if direct else None,
            )
        )

    # Paginated index of all articles, newest first.
    # The table itself is HTML appended after conversion (articles-table.html.j2):
    # 100 Markdown table rows per page made these pages 6% of a 10,000-article build.
    tpl = env.get_template("articles.md.j2")
    table = env.get_template("articles-table.html.j2")
    chunks = [ordered[i : i + page_size] for i in range(0, len(ordered), page_size)] or [[]]
    for n, chunk in enumerate(chunks, start=1):
        uri = index_uri(n)
        context = dict(
            articles=chunk, page=n, pages=len(chunks), total=len(ordered), topic_by_id=topic_by_id,
            article_uri=article_uri, index_uri=index_uri, **links(uri),
        )
        pages.append(
            PageOut(
                uri,
                "All articles" if n == 1 else f"All articles, page {n}",
                "Every article on the site, newest first.",
                tpl.render(**context),
                table.render(**context),
                searchable=False,
            )
        )

    # Sources (publishers).
    uri = "sources.md"
    pages.append(
        PageOut(
            uri,
            "Sources",
            "The publishers whose articles this site is built from.",
            env.get_template("sources.md.j2").render(
                publishers=sorted(publishers.items(), key=lambda kv: (-len(kv[1]), kv[0].lower())),
                **links(uri),
            ),
            searchable=False,
        )
    )

    data = explainer_json(ordered, topics, topic_articles, analysis)
    files = {"explainer.json": data}
    if site_url:  # Atom feeds need absolute URLs (generator/feed.py)
        files["feed.xml"] = atom_feed(ordered, site_url=site_url, title=site_name)
        for t in topics:
            files[f"topics/{t.id}/feed.xml"] = atom_feed(topic_articles[t.id], site_url=site_url, title=f"{site_name}: {t.title}", feed_path=f"topics/{t.id}/feed.xml", page_path=f"topics/{t.id}/")
    nav = (
        {"Home": "index.md"},
        {"Topics": [{t.title: topic_uri(t)} for t in topics]},
        {"Articles": "articles/index.md"},
        {"Sources": "sources.md"},
    )
    return SiteOut(tuple(pages), files, nav)


def _is_title_and_body(tpl: jinja2.Template) -> bool:
    """Whether the article template renders just ``# title`` and the body (so bodyhtml may)."""
    probe = Article(
        id="probe", title="Probe title", date=None, source=None, author=None, url=None,
        language="en", topics=(), source_file="", source_sha256="", body="Probe body.",
        text="Probe body.", path="",
    )
    try:
        out = tpl.render(article=probe, topics=[], **{k: lambda *a: "" for k in _LINK_HELPERS})
    except jinja2.TemplateError:
        return False
    return out == "# Probe title\n\nProbe body.\n"


_LINK_HELPERS = ("article_link", "topic_link", "index_link", "page_link", "url_to")


def explainer_json(
    ordered: Sequence[Article],
    topics: Sequence[Topic],
    topic_articles: Mapping[str, Sequence[Article]],
    analysis: Mapping[str, Any],
) -> StreamedFile:
    """The machine-readable view of the site (schema in docs/explainer-json.md).

    One article or topic per line, readable in a diff.  Each item is encoded
    on its own when the file is written, so the whole document never exists
    as Python objects or as one string (at 2,000 articles the all-at-once,
    indented version cost 50 MB of transient memory).
    """
    dump = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode

    def article(a: Article) -> str:
        return dump({
            "id": a.id,
            "title": a.title,
            "date": a.date,
            "source": a.source,
            "author": a.author,
            "url": a.url,
            "source_file": a.source_file,
            "topics": list(a.topics),
            "path": f"articles/{a.id}/",
        })

    def topic(t: Topic) -> str:
        entry: dict[str, Any] = {
            "id": t.id,
            "title": t.title,
            "summary": t.summary,
            "path": f"topics/{t.id}/",
            "articles": [a.id for a in topic_articles.get(t.id, ())],
        }
        extra = analysis.get(t.id)
        if extra is not None:
            fields = analysis_json(extra)
            fields.pop("coverage", None)  # the same as "articles", which lists ids
            entry.update(fields)
        return dump(entry)

    def chunks() -> Iterator[str]:
        yield '{"articles": ['
        for n, a in enumerate(ordered):
            yield ("\n" if n == 0 else ",\n") + article(a)
        yield '\n], "topics": ['
        for n, t in enumerate(topics):
            yield ("\n" if n == 0 else ",\n") + topic(t)
        yield "\n]}\n"

    return StreamedFile(chunks)
