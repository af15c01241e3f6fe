"""generator.feed: Atom feeds that are valid, escaped, ordered and independent of the clock."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from generator.feed import ATOM, EPOCH, atom_feed
from generator.model import Article

NS = {"a": ATOM}
SITE = "https://example.org/space/"


def article(id: str, date: str | None, **kw) -> Article:
    fields = dict(
        id=id, title=f"Title of {id}", date=date, source="Orbit Weekly", author=None,
        url=f"https://news.example.org/{id}", language="en", topics=("ilrs",),
        source_file=f"{id}.txt", source_sha256="0" * 64,
        body="First paragraph.\n\nSecond paragraph.", text="First paragraph.\n\nSecond paragraph.",
        path=f"content/articles/{id}.md",
    )
    fields.update(kw)
    return Article(**fields)


def parse(data: bytes) -> ET.Element:
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')
    return ET.fromstring(data)


def test_feed_is_atom_with_absolute_links():
    root = parse(atom_feed([article("a", "2021-03-09")], site_url=SITE, title="Space"))
    assert root.tag == f"{{{ATOM}}}feed"
    assert root.findtext("a:id", namespaces=NS) == SITE + "feed.xml"
    assert root.find("a:link[@rel='self']", NS).get("href") == SITE + "feed.xml"
    assert root.find("a:link[@rel='alternate']", NS).get("href") == SITE
    (entry,) = root.findall("a:entry", NS)
    assert entry.findtext("a:id", namespaces=NS) == SITE + "articles/a/"
    assert entry.find("a:link[@rel='alternate']", NS).get("href") == SITE + "articles/a/"
    assert entry.find("a:link[@rel='via']", NS).get("href") == "https://news.example.org/a"
    assert entry.findtext("a:updated", namespaces=NS) == "2021-03-09T00:00:00Z"
    assert entry.find("a:category", NS).get("term") == "ilrs"
    assert entry.findtext("a:summary", namespaces=NS) == "Orbit Weekly: First paragraph."


def test_site_url_without_trailing_slash_and_topic_paths():
    root = parse(atom_feed(
        [article("a", "2021-03-09")], site_url="https://example.org/space", title="T",
        feed_path="topics/ilrs/feed.xml", page_path="topics/ilrs/",
    ))
    assert root.findtext("a:id", namespaces=NS) == "https://example.org/space/topics/ilrs/feed.xml"
    assert root.find("a:link[@rel='alternate']", NS).get("href") == "https://example.org/space/topics/ilrs/"


def test_newest_first_undated_left_out_and_limited():
    items = [article("old", "2019-01-01"), article("undated", None), article("new", "2021-05-01"),
             article("b-same", "2020-01-01"), article("a-same", "2020-01-01")]
    root = parse(atom_feed(items, site_url=SITE, title="T"))
    ids = [e.findtext("a:id", namespaces=NS).split("/")[-2] for e in root.findall("a:entry", NS)]
    assert ids == ["new", "a-same", "b-same", "old"]
    assert root.findtext("a:updated", namespaces=NS) == "2021-05-01T00:00:00Z"
    limited = parse(atom_feed(items, site_url=SITE, title="T", limit=2))
    assert len(limited.findall("a:entry", NS)) == 2


def test_deterministic_whatever_the_input_order():
    items = [article(str(i), f"2021-0{1 + i % 9}-1{i % 10}") for i in range(20)]
    first = atom_feed(items, site_url=SITE, title="T")
    assert atom_feed(list(reversed(items)), site_url=SITE, title="T") == first
    assert atom_feed(items, site_url=SITE, title="T") == first


def test_empty_feed_uses_a_fixed_date_not_the_clock():
    root = parse(atom_feed([article("u", None)], site_url=SITE, title="T"))
    assert root.findtext("a:updated", namespaces=NS) == EPOCH
    assert root.findall("a:entry", NS) == []


def test_hostile_text_is_escaped_and_invalid_characters_dropped():
    evil = '<script>alert(1)</script> & "quotes" \x00\x07'
    a = article("x", "2021-01-01", title=evil, author=evil, source="A&B <i>", text=evil, body=evil,
                url='https://example.org/?a=1&b="2"', topics=('"><x',))
    data = atom_feed([a], site_url=SITE, title=evil)
    assert b"<script>" not in data and b"<i>" not in data and b"\x00" not in data
    root = parse(data)  # well-formed
    entry = root.find("a:entry", NS)
    assert entry.findtext("a:title", namespaces=NS) == '<script>alert(1)</script> & "quotes" '
    assert entry.find("a:link[@rel='via']", NS).get("href") == 'https://example.org/?a=1&b="2"'
    assert entry.find("a:category", NS).get("term") == '"><x'
    assert root.findtext("a:title", namespaces=NS).startswith("<script>")


def test_long_summary_is_cut_at_a_word():
    a = article("l", "2021-01-01", text="word " * 200, source=None)
    summary = parse(atom_feed([a], site_url=SITE, title="T")).find("a:entry/a:summary", NS).text
    assert len(summary) <= 301 and summary.endswith("word…")


def test_needs_an_absolute_site_url():
    with pytest.raises(ValueError):
        atom_feed([], site_url="", title="T")
