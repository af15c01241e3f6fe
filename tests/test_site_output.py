"""The built site as files: feeds, sitemap, <head> metadata, links, and escaping of hostile titles.

These need no browser; tests/test_browser.py reads the same kind of site in Chromium.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.sitebuild import (
    EVIL_SLUG, EVIL_TITLE, FIXTURE_CONTENT, build_fixture_site, build_hostile_site, html_pages,
)

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml default when SITE_URL is not set
ATOM = {"a": "http://www.w3.org/2005/Atom"}
SM = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_fixture_site(FIXTURE_CONTENT, tmp_path_factory.mktemp("site-output") / "site")


class Head(HTMLParser):
    """Start tags inside <head>, script bodies, and the <title> text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_head = False
        self.tags: list[tuple[str, dict]] = []
        self.title = ""
        self.scripts: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        elif self.in_head:
            self.tags.append((tag, dict(attrs)))
            self._in = tag
            if tag == "script":
                self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        self._in = None

    def handle_data(self, data):
        if self.in_head and self._in == "title":
            self.title += data
        elif self.in_head and self._in == "script":
            self.scripts[-1] += data


def head_of(path: Path) -> tuple[Head, str]:
    text = path.read_text(encoding="utf-8")
    parser = Head()
    parser.feed(text)
    return parser, text[: text.index("</head>")]


def page_file(site: Path, url_path: str) -> Path:
    return site / url_path / "index.html" if url_path.endswith("/") or not url_path else site / url_path


# --------------------------------------------------------------------------


def test_fixture_site_builds_with_strict(tmp_path):
    """No MkDocs warning (broken link, missing anchor, unknown nav entry) from the templates."""
    build_fixture_site(FIXTURE_CONTENT, tmp_path / "site", strict=True)


def test_site_feed_lists_articles_with_links_to_their_pages(site):
    root = ET.fromstring((site / "feed.xml").read_bytes())
    entries = root.findall("a:entry", ATOM)
    assert len(entries) == len(list((FIXTURE_CONTENT / "articles").glob("*.md")))
    dates = [e.findtext("a:updated", namespaces=ATOM) for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert root.findtext("a:updated", namespaces=ATOM) == dates[0]
    for e in entries:
        href = e.find("a:link[@rel='alternate']", ATOM).get("href")
        assert href.startswith(SITE_URL)
        assert page_file(site, href[len(SITE_URL):]).is_file(), href


def test_each_topic_has_its_own_feed_linked_from_its_page(site):
    for topic in sorted(p.stem for p in (FIXTURE_CONTENT / "topics").glob("*.yml")):
        root = ET.fromstring((site / "topics" / topic / "feed.xml").read_bytes())
        assert root.findtext("a:id", namespaces=ATOM) == f"{SITE_URL}topics/{topic}/feed.xml"
        for e in root.findall("a:entry", ATOM):
            assert topic in [c.get("term") for c in e.findall("a:category", ATOM)]
        page = (site / "topics" / topic / "index.html").read_text(encoding="utf-8")
        assert 'href="feed.xml"' in page, f"topic {topic} does not link its feed"


def test_every_page_announces_the_feed_and_has_a_description(site):
    for url_path in html_pages(site):
        head, raw = head_of(page_file(site, url_path))
        feeds = [a for t, a in head.tags if t == "link" and a.get("type") == "application/atom+xml"]
        assert len(feeds) == 1 and feeds[0].get("rel") == "alternate", url_path
        assert urljoin(SITE_URL + url_path, feeds[0]["href"]) == SITE_URL + "feed.xml", url_path
        descriptions = [a["content"] for t, a in head.tags if t == "meta" and a.get("name") == "description"]
        assert len(descriptions) == 1 and descriptions[0].strip(), url_path
        assert head.title.strip(), url_path


def test_article_description_is_its_first_paragraph(site):
    head, _ = head_of(site / "articles" / "change-5-returns-lunar-samples" / "index.html")
    (desc,) = [a["content"] for t, a in head.tags if t == "meta" and a.get("name") == "description"]
    assert desc.startswith("The return capsule of China's Chang'e-5 mission")
    assert head.title == "Chang'e-5 capsule returns the first lunar samples in 44 years - Space Explainer"


def test_sitemap_lists_every_page_with_dates_from_the_content(site):
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    locs = {u.findtext("s:loc", namespaces=SM) for u in root.findall("s:url", SM)}
    assert locs == {SITE_URL + p for p in html_pages(site) if p != "404/"}
    lastmods = {u.findtext("s:lastmod", namespaces=SM) for u in root.findall("s:url", SM)}
    assert lastmods == {"2021-06-16"}, "sitemap dates should be the newest article's, not the build's"
    assert (site / "sitemap.xml.gz").is_file()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("href", "src"):
            if a.get(name) and not (tag == "a" and name == "src"):
                self.urls.append(a[name])


def test_internal_links_and_assets_exist(site):
    """Every relative href/src on every page points at a file in the site (footer links included)."""
    missing = []
    for url_path in html_pages(site):
        parser = Links()
        parser.feed(page_file(site, url_path).read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("#", "mailto:")):
                continue
            target = urlsplit(urljoin("http://x/" + url_path, url)).path
            if not page_file(site, unquote(target).lstrip("/")).exists():
                missing.append(f"/{url_path} -> {url}")
    assert not missing, "broken links:\n" + "\n".join(sorted(set(missing)))


class Loaded(HTMLParser):
    """URLs the browser fetches by itself: src of embedded elements, href of non-navigational links."""

    EMBEDS = {"script", "img", "iframe", "source", "video", "audio", "embed", "track", "input"}
    FETCHED_RELS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch",
                    "modulepreload", "manifest", "apple-touch-icon"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.EMBEDS and a.get("src"):
            self.urls.append(a["src"])
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"])
        if tag == "link" and set((a.get("rel") or "").lower().split()) & self.FETCHED_RELS:
            self.urls.append(a.get("href") or "")
        if a.get("srcset"):
            self.urls.extend(part.split()[0] for part in a["srcset"].split(",") if part.strip())


def test_no_third_party_resources_in_the_html(site):
    """Scripts, styles, fonts, icons and images all come from the site itself (no CDN, no web fonts)."""
    offsite = []
    for url_path in html_pages(site):
        parser = Loaded()
        parser.feed(page_file(site, url_path).read_text(encoding="utf-8"))
        offsite += [f"/{url_path}: {u}" for u in parser.urls if urlsplit(u).scheme or u.startswith("//")]
    assert not offsite, "\n".join(offsite)
    css = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.css"))
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css), "a stylesheet loads something off-site"


# --------------------------------------------------------------------------
# A hostile title in front matter must stay text everywhere, above all in <head>.


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    return build_hostile_site(tmp_path_factory.mktemp("hostile"))


def test_hostile_title_is_not_markup_in_head(hostile_site):
    page = hostile_site / "articles" / EVIL_SLUG / "index.html"
    head, raw = head_of(page)
    allowed = {"meta", "link", "title", "script", "style"}
    assert {t for t, _ in head.tags} <= allowed
    assert "<script>alert" not in raw and "<img" not in raw and "<b>" not in raw
    # Same tags as a harmless article's <head>: the title added no element and no attribute.
    benign, _ = head_of(hostile_site / "articles" / "change-5-returns-lunar-samples" / "index.html")
    assert [(t, sorted(a)) for t, a in head.tags] == [(t, sorted(a)) for t, a in benign.tags]
    assert not any("alert(" in s for s in head.scripts)
    assert head.title == f"{EVIL_TITLE} - Space Explainer"  # shown as text, exactly
    (desc,) = [a["content"] for t, a in head.tags if t == "meta" and a.get("name") == "description"]
    assert "onerror=alert(2)" in desc  # as text inside the attribute, not as a tag


def test_hostile_title_is_text_on_every_page_that_shows_it(hostile_site):
    for url_path in html_pages(hostile_site):
        text = page_file(hostile_site, url_path).read_text(encoding="utf-8")
        assert "<script>alert" not in text, url_path
        assert "<img src=x" not in text, url_path
        assert "<b>Press</b>" not in text, url_path
    home = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert html.escape("<script>alert(1)</script>", quote=False) in home  # listed, as text


def test_hostile_title_in_feeds_and_sitemap_stays_escaped(hostile_site):
    for feed in (hostile_site / "feed.xml", hostile_site / "topics" / "ilrs" / "feed.xml"):
        data = feed.read_bytes()
        assert b"<script>" not in data
        titles = [e.findtext("a:title", namespaces=ATOM) for e in ET.fromstring(data).findall("a:entry", ATOM)]
        assert EVIL_TITLE in titles
    ET.fromstring((hostile_site / "sitemap.xml").read_bytes())
