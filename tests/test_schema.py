"""The schema of articles and topics, and its messages for editors."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from generator.schema import ARTICLE_FIELDS, ArticleFrontMatter, TopicFile, topic_problems, validate
from generator.yamlio import load_yaml

SHA = "a" * 64


def full() -> dict:
    return {
        "title": "Russia, China agree to build lunar station together",
        "date": "2021-03-09",
        "source": "DW",
        "author": None,
        "url": "https://www.dw.com/en/a-56813911",
        "language": "en",
        "topics": ["ilrs"],
        "source_file": "001_5897ebab3c82f283.txt",
        "source_sha256": SHA,
        "provenance": {"title": "title-line"},
        "warnings": [],
        "dropped_lines": 67,
        "generated_sha256": SHA,
    }


def test_field_order_is_the_documented_one() -> None:
    assert ARTICLE_FIELDS == (
        "title", "date", "source", "author", "url", "language", "topics",
        "source_file", "source_sha256", "provenance", "warnings", "dropped_lines", "generated_sha256",
    )


def test_full_and_minimal_front_matter() -> None:
    assert ArticleFrontMatter.model_validate(full()).date == "2021-03-09"
    minimal = ArticleFrontMatter.model_validate({"title": "Hand-written"})
    assert (minimal.language, minimal.topics, minimal.dropped_lines, minimal.source_file) == ("en", [], 0, None)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("title", ""),
        ("title", "   "),
        ("title", 12),
        ("date", "2021-02-30"),
        ("date", "2021-3-9"),
        ("date", "09.03.2021"),
        ("url", "ftp://example.com/x"),
        ("url", "javascript:alert(1)"),
        ("url", "https://exa mple.com"),
        ("url", "https://"),
        ("language", "EN"),
        ("language", "english"),
        ("language", "e"),
        ("topics", "ilrs"),
        ("topics", [1]),
        ("source_sha256", "abc"),
        ("source_sha256", "A" * 64),
        ("provenance", {"title": 1}),
        ("warnings", "one"),
        ("dropped_lines", -1),
        ("dropped_lines", True),
        ("dropped_lines", "3"),
        ("dropped_lines", 1.0),
        ("source", ""),
        ("unknown", "x"),
    ],
)
def test_rejected_values(key: str, value: object) -> None:
    data = full()
    data[key] = value
    with pytest.raises(ValidationError):
        ArticleFrontMatter.model_validate(data)


def test_topic_file() -> None:
    topic = TopicFile.model_validate({"title": "ILRS", "keywords": ["ILRS"], "curation": {"pin": []}})
    assert topic.order == 100 and topic.summary == ""
    for bad in (
        {"title": "ILRS", "keywords": []},
        {"title": "ILRS", "keywords": [""]},
        {"title": "ILRS"},
        {"title": "ILRS", "keywords": ["x"], "order": "1"},
        {"title": "ILRS", "keywords": ["x"], "colour": "red"},
    ):
        with pytest.raises(ValidationError):
            TopicFile.model_validate(bad)


def test_validate_points_at_keys_and_values() -> None:
    doc = load_yaml("title: T\nlanguag: en\ndate: '2021-13-01'\nprovenance:\n  title: 3\n", line_offset=1)
    model, problems = validate(ArticleFrontMatter, doc, "a.md", whole_position=(1, 1))
    assert model is None
    assert [p.format() for p in problems] == [
        "a.md:4:7: date: 2021-13-01 is not a real calendar date (month must be in 1..12)",
        "a.md:6:10: provenance.title: expected text, got the number 3; put it in double quotes if it is meant as text",
        "a.md:3:1: languag: unknown field (allowed: title, date, source, author, url, language, topics, "
        "source_file, source_sha256, provenance, warnings, dropped_lines, generated_sha256)",
    ]


def test_topic_problems_point_at_items() -> None:
    doc = load_yaml("title: T\ntopics:\n  - ilrs\n  - mars\n  - ilrs\n", line_offset=1)
    assert [p.format() for p in topic_problems(doc, "a.md", frozenset({"ilrs"}))] == [
        "a.md:5:5: topics[1]: unknown topic 'mars' (known: ilrs); topic ids are the file names in content/topics/",
        "a.md:6:5: topics[2]: topic 'ilrs' is listed twice",
    ]


def test_curation_errors_name_the_nested_field() -> None:
    from generator.schema import CurationModel

    doc = load_yaml("title: T\nkeywords: [x]\ncuration:\n  pinned: [a]\n")
    model, problems = validate(TopicFile, doc, "t.yml", whole_position=(1, 1))
    if CurationModel == dict[str, Any]:  # generator.analyse.curation not installed: any mapping goes
        assert model is not None and problems == []
        return
    assert model is None
    (problem,) = problems
    assert problem.format().startswith("t.yml:4:3: curation.pinned: unknown field (allowed: pin, hide,")
