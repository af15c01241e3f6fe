"""Atom feeds of new articles (RFC 4287), as bytes for the render stage.

Pure and deterministic: the same articles give the same bytes.  No timestamp
comes from the clock; the feed's ``updated`` is the newest article's date, so a
rebuild of unchanged content publishes an unchanged feed (feed readers poll it).
The XML is written by ElementTree, which escapes every text and attribute value,
so a scraped title such as ``<script>`` can never become markup in a reader.

Undated articles are left out: a feed is ordered by time, and an entry without
a date would either jump to the top on every build or claim a made-up date.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Iterable

from .model import Article

ATOM = "http://www.w3.org/2005/Atom"
EPOCH = "1970-01-01T00:00:00Z"  # `updated` of a feed with no dated article
SUMMARY_LIMIT = 300

# Characters XML 1.0 cannot carry at all (ElementTree would write them and produce an invalid file).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _timestamp(date: str) -> str:
    """``2021-03-09`` -> ``2021-03-09T00:00:00Z`` (articles carry days, Atom wants instants)."""
    return f"{date}T00:00:00Z"


def _summary(article: Article, limit: int = SUMMARY_LIMIT) -> str:
    text = article.paragraphs[0] if article.paragraphs else ""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(",;:") + "…"


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Dated articles, newest first; ties broken by id so the order never depends on input order."""
    dated = [a for a in articles if a.date]
    dated.sort(key=lambda a: a.id)
    dated.sort(key=lambda a: a.date, reverse=True)  # stable: equal dates keep id order
    return dated


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _text(text)
    return el


def atom_feed(
    articles: Iterable[Article],
    *,
    site_url: str,
    title: str,
    limit: int = 50,
    feed_path: str = "feed.xml",
    page_path: str = "",
    subtitle: str | None = None,
) -> bytes:
    """An Atom document listing the ``limit`` newest dated articles.

    ``site_url`` is the published site's root (``site_url`` in mkdocs.yml);
    ``feed_path`` is where this feed is published and ``page_path`` the page it
    belongs to, both relative to the root (``topics/ilrs/feed.xml`` and
    ``topics/ilrs/`` for a topic's feed).  Entry ids are the article pages'
    URLs, which stay stable as long as article slugs do.
    """
    if not site_url:
        raise ValueError("an Atom feed needs the site's absolute URL (site_url in mkdocs.yml)")
    if limit < 1:
        raise ValueError("limit must be at least 1")
    root_url = site_url if site_url.endswith("/") else site_url + "/"
    entries = newest_first(articles)[:limit]

    # Plain tag names and an explicit xmlns: ElementTree's default_namespace option refuses
    # the un-prefixed attributes (rel, href) that Atom uses.
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "en"})
    _sub(feed, "id", root_url + feed_path)
    _sub(feed, "title", title)
    if subtitle:
        _sub(feed, "subtitle", subtitle)
    _sub(feed, "updated", _timestamp(entries[0].date) if entries else EPOCH)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=root_url + feed_path)
    _sub(feed, "link", rel="alternate", type="text/html", href=root_url + page_path)
    author = _sub(feed, "author")
    _sub(author, "name", title)
    _sub(feed, "generator", "space-explainer")

    for a in entries:
        page = f"{root_url}articles/{a.id}/"
        entry = _sub(feed, "entry")
        _sub(entry, "id", page)
        _sub(entry, "title", a.title)
        _sub(entry, "link", rel="alternate", type="text/html", href=page)
        if a.url:
            _sub(entry, "link", rel="via", href=a.url)
        _sub(entry, "published", _timestamp(a.date))
        _sub(entry, "updated", _timestamp(a.date))
        if a.author or a.source:
            person = _sub(entry, "author")
            _sub(person, "name", a.author or a.source)
        for topic in a.topics:
            _sub(entry, "category", term=topic)
        summary = _summary(a)
        if a.source:
            summary = f"{a.source}: {summary}" if summary else a.source
        if summary:
            _sub(entry, "summary", summary, type="text")

    ET.indent(feed, space=" ")
    body = ET.tostring(feed, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")
