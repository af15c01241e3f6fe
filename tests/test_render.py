"""Render stage: templates escape scraped values, pages are linked and paginated."""

from __future__ import annotations

import json
import posixpath

import markdown
from hypothesis import given
from hypothesis import strategies as st

from generator.model import Article, Topic
from generator.render import by_date, human_date, render_site

HOSTILE = '<script>alert(1)</script> [x](javascript:alert(1)) {{ config }} **bold**'


def _article(i: int, *, date: str | None = "2021-03-09", topics=("ilrs",), title: str | None = None) -> Article:
    return Article(
        id=f"a{i:05d}", title=title or f"Article {i}", date=date, source="DW" if i % 2 else None,
        author=None, url=None, language="en", topics=tuple(topics), source_file=f"{i}.txt",
        source_sha256="0" * 64, body="Body text\\.", text="Body text.", path=f"content/articles/a{i:05d}.md",
    )


TOPICS = [
    Topic(id="ilrs", title="ILRS", summary="A station.", keywords=("ILRS",), order=1),
    Topic(id="iss", title="ISS", summary="The ISS.", keywords=("ISS",), order=2),
]


def _html(md_text: str) -> str:
    return markdown.markdown(md_text, extensions=["attr_list", "md_in_html", "tables"])


def test_scraped_title_renders_as_text_everywhere(repo):
    out = render_site([_article(1, title=HOSTILE)], TOPICS, None, repo / "templates")
    for page in out.pages:
        html = _html(page.markdown)
        assert "<script" not in html
        assert 'href="javascript' not in html
        assert "<strong>bold" not in html
    article = next(p for p in out.pages if p.src_uri == "articles/a00001.md")
    assert article.title == HOSTILE  # plain text; the plugin escapes it for <head>
    assert "{{ config }}" not in article.markdown  # never left as template syntax


def test_article_index_is_paginated_and_newest_first(repo):
    arts = [_article(i, date=f"20{10 + i % 10}-01-{1 + i % 28:02d}") for i in range(250)]
    out = render_site(arts, TOPICS, None, repo / "templates", page_size=100)
    index_pages = sorted(p.src_uri for p in out.pages if p.src_uri.startswith("articles/index") or "page-" in p.src_uri)
    assert index_pages == ["articles/index.md", "articles/page-2.md", "articles/page-3.md"]
    first = next(p for p in out.pages if p.src_uri == "articles/index.md")
    assert first.html_after.count('<td><a href="a0') == 100  # final URLs of article pages, from articles/
    dates = [a.date for a in by_date(arts)]
    assert dates == sorted(dates, reverse=True)


def test_topic_pages_list_only_their_articles(repo):
    arts = [_article(1, topics=("ilrs",)), _article(2, topics=("iss",)), _article(3, topics=())]
    out = render_site(arts, TOPICS, None, repo / "templates")
    ilrs = next(p for p in out.pages if p.src_uri == "topics/ilrs.md").markdown
    assert "../articles/a00001.md" in ilrs and "a00002" not in ilrs and "a00003" not in ilrs


def test_explainer_json_is_deterministic_and_complete(repo):
    arts = [_article(i) for i in (3, 1, 2)]
    one = render_site(arts, TOPICS, None, repo / "templates").files["explainer.json"].read()
    two = render_site(list(reversed(arts)), TOPICS, None, repo / "templates").files["explainer.json"].read()
    assert one == two
    doc = json.loads(one)
    assert [a["id"] for a in doc["articles"]] == ["a00001", "a00002", "a00003"]
    assert set(doc["articles"][0]) >= {"id", "title", "date", "source", "author", "url", "source_file", "topics", "path"}
    assert doc["topics"][0]["articles"] == ["a00001", "a00002", "a00003"]


def test_nav_lists_topics_not_articles(repo):
    out = render_site([_article(i) for i in range(50)], TOPICS, None, repo / "templates")
    flat = json.dumps(out.nav)
    assert "topics/ilrs.md" in flat and "articles/a0" not in flat


def test_human_date():
    assert human_date("2021-03-09") == "9 March 2021"
    assert human_date("2021-10") == "October 2021"
    assert human_date("2030") == "2030"
    assert human_date(None) == "undated"


def test_external_urls_cannot_break_out_of_the_link(repo):
    from dataclasses import replace

    evil = "https://example.com/a)(b <script>alert(1)</script> [x](javascript:alert(1))"
    out = render_site([replace(_article(1), url=evil)], TOPICS, None, repo / "templates")
    page = next(p for p in out.pages if p.src_uri == "articles/a00001.md")
    html = _html(page.markdown) + page.html_lead + page.html_after
    hrefs = [h for h in __import__("re").findall(r'href="([^"]*)"', html) if "example.com" in h]
    assert hrefs and all(" " not in h and "(" not in h and "<" not in h for h in hrefs)
    assert "<script" not in html and 'href="javascript' not in html


def test_home_counts_only_known_publishers(repo):
    from dataclasses import replace

    arts = [_article(1), _article(2), replace(_article(3), source="BBC Chinese")]  # DW, unknown, BBC Chinese
    home = next(p for p in render_site(arts, TOPICS, None, repo / "templates").pages if p.src_uri == "index.md")
    assert "3 articles by 2 publishers" in home.markdown.replace("\n", " ")


_SEGMENT = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,6}(\.md|\.xml|\.json)?", fullmatch=True)


@given(st.lists(_SEGMENT, min_size=1, max_size=4), st.lists(_SEGMENT, min_size=0, max_size=4))
def test_relative_links_agree_with_the_standard_library(to_parts, from_parts):
    from generator.render import _relative, href, page_url

    to, start = "/".join(to_parts), "/".join(from_parts)
    assert _relative(to, start) == posixpath.relpath(to, start or ".")
    src, dst = start + "/x.md" if start else "x.md", to if to.endswith(".md") else to + ".md"
    for directory_urls in (True, False):
        a, b = page_url(src, directory_urls), page_url(dst, directory_urls)
        expected = posixpath.relpath(b or ".", (a.rsplit("/", 1)[0] if "/" in a else "") or ".")
        if b.endswith("/") or b == "":
            expected = "./" if expected == "." else expected + "/"
        assert href(src, dst, directory_urls) == expected
